/* The in-memory result of an audit and the writers that render it. Writers never re-derive a
 * verdict: they only format what the engine decided. */
#ifndef SHOPAUDIT_REPORT_H
#define SHOPAUDIT_REPORT_H

#include <stdio.h>

#include "shopaudit/check.h"
#include "shopaudit/page.h"

#define SA_REPORT_SCHEMA_VERSION 1

struct sa_comparison; /* shopaudit/gate.h */

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
    unsigned render_jobs; /* pages rendered at once, one tab each (--render-jobs) */
    /* auto, once switched to rendering: pages the checks had already seen as server HTML
     * (they did not look hollow, or a probe found nothing on them); the first URLs of them */
    size_t server_html_before_switch;
    char **before_switch_urls;
    size_t nbefore_switch_urls;
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
    /* With --baseline: how this report compares with the previous one, written as the JSON
     * "comparison" section. Borrowed, set with sa_audit_set_comparison; NULL otherwise. */
    const struct sa_comparison *comparison;
    char lang[16]; /* language of the report's text (summary_l10n, the HTML report); "en" */
    struct sa_render_report render;
};

/* Writes the JSON report (schema_version 1) to path atomically: a temporary file in the same
 * folder, flushed, then renamed, so readers never see a half-written report. Every string is
 * valid UTF-8. Returns SA_OK, or SA_EIO/SA_ENOMEM with the reason in err. */
int sa_report_write_json(const struct sa_report *r, const char *path, char *err, size_t errlen);
/* The JSON report as a NUL-terminated string the caller frees with free(); NULL on ENOMEM. */
char *sa_report_json(const struct sa_report *r);
/* SARIF 2.1.0 for code-scanning services: one rule per check, one result per evidence item of
 * a failing or partial check, written atomically. Returns SA_OK, SA_EIO or SA_ENOMEM. */
int sa_report_write_sarif(const struct sa_report *r, const char *path, char *err, size_t errlen);

/* How a partial verdict appears in JUnit XML. */
enum sa_junit_partial { SA_JUNIT_PARTIAL_FAILURE, SA_JUNIT_PARTIAL_SKIPPED, SA_JUNIT_PARTIAL_PASS };
/* JUnit XML: one testsuite per category, one testcase per check; fail is a <failure>, partial
 * as chosen, not_applicable <skipped>. Written atomically. Returns SA_OK, SA_EIO or SA_ENOMEM. */
int sa_report_write_junit(const struct sa_report *r, const char *path,
                          enum sa_junit_partial partial, char *err, size_t errlen);

/* The HTML report (issue #6): one self-contained file for a shop owner. */
struct sa_html_options {
    /* Language of the interface and the check texts; NULL: the report's (r->lang). Verdict
     * translations exist only for r->lang; with another language they fall back to English. */
    const char *lang;
    /* reserved: zero it (sa_html_options are additive) */
    int reserved;
};
/* Writes the HTML report to path atomically, like the JSON one. Inline CSS and SVG only, no
 * script, no external request, a Content-Security-Policy that forbids scripts; every byte
 * from the crawled site is escaped for its context and only http, https and file URLs become
 * links. o may be NULL. Returns SA_OK, SA_EINVAL (unknown language), SA_EIO or SA_ENOMEM with
 * the reason in err. */
int sa_report_write_html(const struct sa_report *r, const char *path,
                         const struct sa_html_options *o, char *err, size_t errlen);
/* The HTML report as a NUL-terminated string the caller frees with sa_report_html_free; NULL
 * on ENOMEM or an unknown language. */
char *sa_report_html(const struct sa_report *r, const struct sa_html_options *o);
void sa_report_html_free(char *html);
/* 1 when the report text can be written in lang ("en" or an embedded catalogue). */
int sa_report_lang_available(const char *lang);

/* A short human summary: score, category scores, failing and partial checks. */
int sa_report_write_text(const struct sa_report *r, FILE *f);

#endif
