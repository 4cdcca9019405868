/* The check contract. A check is one file under checks/ defining one const struct sa_check:
 * the engine zeroes state_size bytes per audit, calls observe() for every HTML page as it
 * arrives (the page, its DOM included, is valid only during the call) and finish() once at the
 * end, which fills the verdict and releases whatever the state owns. No verdict without
 * evidence, whether it passes or fails. */
#ifndef SHOPAUDIT_CHECK_H
#define SHOPAUDIT_CHECK_H

#include <stdarg.h>
#include <stddef.h>

#include "shopaudit/common.h"
#include "shopaudit/lexicon.h"
#include "shopaudit/page.h"

#define SA_STATUS_MAP(X)                                                                           \
    X(PASS, "pass") X(PARTIAL, "partial") X(FAIL, "fail") X(NOT_APPLICABLE, "not_applicable")

enum sa_status {
#define SA__STATUS_ENUM(e, name) SA_STATUS_##e,
    SA_STATUS_MAP(SA__STATUS_ENUM)
#undef SA__STATUS_ENUM
        SA_STATUS_LAST
};
const char *sa_status_name(enum sa_status s);

struct sa_evidence {
    char *url;     /* owned */
    char *where;   /* owned: "header > a.cart", "page", "robots.txt" */
    char *snippet; /* owned: at most SA_SNIPPET_MAX bytes of valid UTF-8 */
    /* The matched words inside snippet, in bytes (on character boundaries); mark_len 0 when
     * the evidence came from sa_evidence_add, which knows no match. */
    size_t mark_off, mark_len;
};

/* Kept evidence is capped so that a 20 000-page audit keeps a readable report; total counts
 * every item offered, so a summary can still say "on 19 873 pages". */
#define SA_EVIDENCE_MAX 25
#define SA_SNIPPET_MAX  480
struct sa_evidence_list {
    struct sa_evidence *items;
    size_t n, cap;
    size_t total;
};

/* Copies url, where and snippet (trimmed to SA_SNIPPET_MAX on a character boundary, invalid
 * UTF-8 replaced). Past SA_EVIDENCE_MAX only total grows. Returns SA_OK or SA_ENOMEM. */
int sa_evidence_add(struct sa_evidence_list *l, const char *url, const char *where,
                    const char *snippet);
/* Like sa_evidence_add, with a snippet of text[off..off+len) widened by some context on each
 * side to whole characters, "…" marking the cuts; the match is kept as mark_off/mark_len. */
int sa_evidence_add_hit(struct sa_evidence_list *l, const char *url, const char *where,
                        const char *text, size_t textlen, size_t off, size_t len);
/* Moves every item of src to the end of dst (respecting the cap); src is left empty. */
int sa_evidence_move(struct sa_evidence_list *dst, struct sa_evidence_list *src);
void sa_evidence_release(struct sa_evidence_list *l);

/* A message catalogue (locale/<lang>.json); opaque, the engine's. */
struct sa_catalog;

struct sa_verdict {
    enum sa_status status;
    double score;         /* 0..1; ignored for not_applicable */
    char *summary;        /* owned: one sentence */
    char *recommendation; /* owned: what the shop owner should do; "" on pass */
    struct sa_evidence_list evidence;
    char *details; /* owned, optional: a JSON object text a check wants to expose */
    /* Set by the engine before finish(): the report language's catalogue, NULL for English.
     * sa_verdict_set and sa_verdict_recommend then also format the translation of their
     * format string into the _l10n fields (owned; NULL when there is none: use English). */
    const struct sa_catalog *l10n;
    char *summary_l10n;
    char *recommendation_l10n;
};

/* Sets status, score and the formatted summary (and its translation, see l10n). Returns SA_OK
 * or SA_ENOMEM. */
int sa_verdict_set(struct sa_verdict *v, enum sa_status st, double score, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
int sa_verdict_recommend(struct sa_verdict *v, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void sa_verdict_release(struct sa_verdict *v);

/* What the engine knows about the whole crawl when finish() runs. */
struct sa_site {
    const char *start_url;
    const char *host; /* "" for a static export */
    size_t pages;     /* HTML pages observed */
    size_t kind_count[SA_KIND_LAST];
    int is_static;   /* audited from a folder or file:// */
    int interrupted; /* the crawl stopped early: verdicts may be incomplete */
    const struct sa_lexicon *lex;
    /* For an https site: 1 when http:// redirects to https://, -1 when http:// serves pages
     * without redirecting, 0 when not known (not checked, unreachable, or not https). */
    int http_to_https;
    /* How url (absolute, normalised) answered during the crawl or its link checks: the HTTP
     * status, 0 when the fetch failed, -1 when it was never fetched (out of budget, skipped).
     * NULL when the engine keeps no statuses (unit tests). */
    int (*status_of)(const struct sa_site *site, const char *url);
    const void *priv; /* the engine's, for status_of */
};

struct sa_check {
    const char *id;       /* stable, snake_case: "cart_visible" */
    const char *title;    /* "Cart visible on every page" */
    const char *category; /* funnel stage id: trust, buying, promotions, return, loyalty, basics */
    double weight;        /* share within its category; why, in a comment at the definition */
    size_t state_size;    /* zeroed per audit, owned by the engine */
    void (*observe)(void *state, const struct sa_page *page);
    /* Fills *out and releases everything state owns. Always called once, even when the crawl
     * was interrupted or a page failed. */
    void (*finish)(void *state, const struct sa_site *site, struct sa_verdict *out);
    /* Optional: called once right after the state is zeroed, before any observe(), with the
     * definition the engine runs, so a check built at run time (a rule) finds its own data. */
    void (*init)(void *state, const struct sa_check *self);
    const void *data; /* optional: a run-time check's own definition (a rule), for init() */
};

/* The built-in checks, in report order; NULL-terminated. */
extern const struct sa_check *const sa_builtin_checks[];
/* A built-in check by id, or NULL. */
const struct sa_check *sa_check_find(const char *id);

#endif
