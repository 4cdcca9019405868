/* The crawler: frontier, scope, robots.txt, sitemaps, politeness and limits, driving
 * libcurl's multi interface. Each finished HTML response is built into a page, shown to the
 * engine (which runs the checks) and freed; its links go back into the frontier. */
#ifndef SA_CRAWL_H
#define SA_CRAWL_H

#include <stddef.h>

#include "shopaudit/audit.h"
#include "shopaudit/page.h"
#include "shopaudit/report.h"
#include "scope.h"
#include "urlset.h"

/* What the crawl found besides the pages themselves. Arrays are the caller's after
 * sa__crawl_run returns (whatever it returns): sa__crawl_out_release. */
struct sa_crawl_out {
    struct sa_page_record *pages;
    size_t npages, pages_cap;
    struct sa_error_record *errors;
    size_t nerrors, errors_cap;
    unsigned limits_hit; /* bit (1u << enum sa_limit) */
    size_t html_pages;   /* pages shown to on_page */
    int interrupted;
    int http_to_https;     /* as struct sa_site says */
    struct sa_urlset seen; /* every URL met and how it answered (SA_URL_UNCHECKED if not asked) */
};

struct sa_crawl_cfg {
    const struct sa_options *opts;
    const struct sa_lexicon *lex;
    void (*on_page)(void *ud, const struct sa_page *page);
    /* Optional (#11 rendering): may swap a freshly built page for another, its rendered twin,
     * before on_page sees it and its links are followed. Returns the page to use and frees
     * the one it replaced; sets *rendered when the page it returns came from a browser. */
    struct sa_page *(*replace_page)(void *ud, struct sa_page *page, int *rendered);
    void *ud;
    const struct sa__scope *scope; /* include/exclude rules for links; NULL: none */
};

/* Crawls the site starting at start_url (absolute, normalised: http(s) or file). Returns SA_OK
 * when the start page was fetched and audited; otherwise SA_EFETCH, SA_EHTTP, SA_ENOTHTML,
 * SA_EROBOTS, SA_ESCOPE, SA_EINTR (stopped before the start page came) or SA_ENOMEM, with a
 * one-line reason in err. */
int sa__crawl_run(const struct sa_crawl_cfg *cfg, const char *start_url, struct sa_crawl_out *out,
                  char *err, size_t errlen);
void sa__crawl_out_release(struct sa_crawl_out *out);

#endif
