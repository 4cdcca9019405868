/* The crawl's User-Agent, in one place: the crawler (crawl.c) and the browser that renders
 * JavaScript shops (audit_render.c) must present the same identity to the shop. */
#ifndef SA_USERAGENT_H
#define SA_USERAGENT_H

struct sa_options;

/* --user-agent when given, else shopaudit's own (a phone's with --mobile). The caller's:
 * sa__free. NULL when out of memory. */
char *sa__user_agent(const struct sa_options *o);

#endif
