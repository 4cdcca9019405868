/* The in-memory result of an audit and the writers that render it. Writers never re-derive a
 * verdict: they only format what the engine decided. */
#ifndef SHOPAUDIT_REPORT_H
#define SHOPAUDIT_REPORT_H

#include <stdio.h>

#include "shopaudit/check.h"
#include "shopaudit/page.h"

#define SA_REPORT_SCHEMA_VERSION 1

/* Limits an audit can reach, named as in the report's limits_hit. */
#define SA_LIMIT_MAP(X)                                                                            \
    X(MAX_PAGES, "max_pages")                                                                      \
    X(MAX_DEPTH, "max_depth")                                                                      \
    X(MAX_BYTES, "max_bytes")                                                                      \
    X(TIMEOUT, "timeout")                                                                          \
    X(MAX_REDIRECTS, "max_redirects")                                                              \
    X(URL_TRAP, "url_trap")                                                                        \
    X(ROBOTS, "robots")                                                                            \
    X(INTERRUPTED, "interrupted")                                                                  \
    X(RENDER_UNAVAILABLE, "render_unavailable")                                                    \
    X(RENDER_BUDGET, "render_budget")

enum sa_limit {
#define SA__LIMIT_ENUM(e, name) SA_LIMIT_##e,
    SA_LIMIT_MAP(SA__LIMIT_ENUM)
#undef SA__LIMIT_ENUM
        SA_LIMIT_LAST
};
const char *sa_limit_name(enum sa_limit l);

struct sa_check_result {
    const struct sa_check *check;
    struct sa_verdict verdict;
};

struct sa_category_result {
    const char *id;    /* static */
    const char *title; /* static */
    double score;      /* 0..1; meaningful only when applicable */
    int applicable;    /* at least one of its checks was not not_applicable */
    size_t first, n;   /* its checks: report->checks[first .. first+n), grouped by category */
};

struct sa_page_record {
    char *url;
    int status;
    enum sa_page_kind kind;
    int html; /* parsed as HTML and shown to the checks */
    char lang[16];
    char *title;
    size_t bytes;
    unsigned ms, depth;
    int rendered; /* the checks saw the page as a browser rendered it (#11) */
};

struct sa_error_record {
    char *url;
    char *error;
};

/* Something that appeared only after JavaScript ran: the evidence for rendering a site. */
struct sa_render_evidence {
    char *url;
    const char *element; /* static: "cart", "price", "buy_button", "contacts", "delivery" */
    char *where;
    char *snippet;
};

/* What JavaScript rendering did (#11). Times and memory are the browser's, apart from
 * own_peak_rss_kb, shopaudit's own. */
struct sa_render_report {
    const char *mode;     /* static: "auto", "never", "always" */
    const char *decision; /* static: "rendered" (pages seen as a browser shows them),
                             "server_html", "unavailable" (the browser could not run), "off" */
    char *reason;         /* one sentence on why */
    size_t pages_rendered, probes, budget_hits, failures;
    long long render_ms;        /* browser start included */
    long long browser_start_ms; /* of render_ms: starting the browser */
    size_t browser_peak_rss_kb, own_peak_rss_kb;
    struct sa_render_evidence *evidence;
    size_t nevidence;
};

struct sa_report {
    char *start_url;
    char started_at[32]; /* ISO-8601 UTC */
    long long duration_ms;
    size_t pages_crawled; /* HTML pages observed by the checks */
    char **languages;     /* page languages, most frequent first */
    size_t nlanguages;
    unsigned limits_hit; /* bit (1u << enum sa_limit) */
    double score;        /* site score 0..100 */
    struct sa_category_result *categories;
    size_t ncategories;
    struct sa_check_result *checks;
    size_t nchecks;
    struct sa_page_record *pages;
    size_t npages;
    struct sa_error_record *errors;
    size_t nerrors;
    struct sa_render_report render;
};

/* Writes the JSON report (schema_version 1) to path atomically: a temporary file in the same
 * folder, flushed, then renamed, so readers never see a half-written report. Every string is
 * valid UTF-8. Returns SA_OK, or SA_EIO/SA_ENOMEM with the reason in err. */
int sa_report_write_json(const struct sa_report *r, const char *path, char *err, size_t errlen);
/* The JSON report as a NUL-terminated string the caller frees with free(); NULL on ENOMEM. */
char *sa_report_json(const struct sa_report *r);
/* A short human summary: score, category scores, failing and partial checks. */
int sa_report_write_text(const struct sa_report *r, FILE *f);

#endif
