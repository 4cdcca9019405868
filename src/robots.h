/* robots.txt per RFC 9309: groups by product token (case-insensitive, falling back to "*"),
 * groups for the same agent merged, the longest matching rule wins, Allow wins a tie, '*' and
 * '$' special characters, percent-encoding normalised before comparing; /robots.txt itself is
 * always allowed. Parsing stops at 500 KiB (the RFC's minimum). */
#ifndef SA_ROBOTS_H
#define SA_ROBOTS_H

#include <stddef.h>

struct sa_robots;

/* Parses txt for the crawler whose product token is agent ("shopaudit"). *out is the
 * caller's: sa__robots_free. SA_OK or SA_ENOMEM; malformed lines are skipped, never an error. */
int sa__robots_parse(const char *txt, size_t len, const char *agent, struct sa_robots **out);
/* Rules for a robots.txt that could not be had: allow_all for 4xx (the RFC's "unavailable"),
 * else disallow everything (5xx and network errors: "unreachable"). */
int sa__robots_new_blanket(int allow_all, struct sa_robots **out);

/* 1 when path_query ("/a/b?x=1", as sent on the request line) may be fetched, else 0. */
int sa__robots_allowed(const struct sa_robots *r, const char *path_query);
/* Crawl-delay for the matched group in milliseconds, 0 when absent. */
unsigned sa__robots_crawl_delay_ms(const struct sa_robots *r);
/* Sitemap: lines (absolute URLs as written); borrowed, n in *count. */
const char *const *sa__robots_sitemaps(const struct sa_robots *r, size_t *count);
void sa__robots_free(struct sa_robots *r);

#endif
