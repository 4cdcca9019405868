/* The check-test driver: builds small shop pages with the real page model and lexicon, shows
 * them to one check as the engine does (zeroed state, observe() per page, the page freed right
 * after, finish()) and gives back the verdict, plus assertions on evidence and page skeletons.
 * Included by tests/unit/test_checks*.c. SA_TEST_DUMP=1 prints every verdict;
 * SA_TEST_LEXICON_DIR=dir loads the lexicon from a folder instead of the embedded copy. */
#ifndef SA_CHECK_DRIVER_H
#define SA_CHECK_DRIVER_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page_build.h"
#include "shopaudit/check.h"
#include "shopaudit/lexicon.h"
#include "test.h"

static __attribute__((unused)) struct sa_lexicon *lexicon(void)
{
    static struct sa_lexicon *lex;
    if (!lex) {
        char err[256];
        /* SA_TEST_LEXICON_DIR: try patterns from a folder before they are embedded */
        if (sa_lexicon_new(getenv("SA_TEST_LEXICON_DIR"), &lex, err, sizeof err) != SA_OK) {
            fprintf(stderr, "lexicon: %s\n", err);
            exit(2);
        }
    }
    return lex;
}

/* What the engine would know after a crawl, for checks that ask (broken_links, https): set
 * them before RUN and reset them after. */
static int (*t_status_of)(const struct sa_site *site, const char *url);
static int t_http_to_https;

struct pg {
    const char *url, *html;
};

static __attribute__((unused)) void dump(const char *id, const struct sa_verdict *v)
{
    if (!getenv("SA_TEST_DUMP")) return;
    fprintf(stderr, "-- %s: %s %.4f \"%s\"\n", id, sa_status_name(v->status), v->score,
            v->summary ? v->summary : "(null)");
    for (size_t i = 0; i < v->evidence.n; i++)
        fprintf(stderr, "   [%zu] %s | %s | %s\n", i, v->evidence.items[i].url,
                v->evidence.items[i].where, v->evidence.items[i].snippet);
    fprintf(stderr, "   total %zu\n", v->evidence.total);
}

/* The host of an http(s) URL, "" otherwise, as struct sa_site carries it. */
static __attribute__((unused)) const char *host_of(const char *url, char *buf, size_t n)
{
    const char *s = strstr(url, "://");
    buf[0] = '\0';
    if (!s || strncmp(url, "http", 4) != 0) return buf;
    s += 3;
    size_t k = strcspn(s, "/?#:");
    if (k >= n) k = n - 1;
    memcpy(buf, s, k);
    buf[k] = '\0';
    return buf;
}

/* Runs check id over pages as the engine does: one zeroed state, observe() per page (the page
 * freed right after), then finish(). Returns 1 and fills *v (the caller releases it), or 0 when
 * there is no such check; a page that cannot be built fails the test but is only skipped. */
static __attribute__((unused)) int run_check_def(const struct sa_check *c, const struct pg *pages,
                                                 size_t n, int is_static, struct sa_verdict *v)
{
    memset(v, 0, sizeof *v);
    if (!c) return 0;
    const char *id = c->id;
    void *state = calloc(1, c->state_size ? c->state_size : 1);
    if (!state) return 0;
    if (c->init) c->init(state, c); /* as the engine does: rule checks find their rule */
    char host[256];
    struct sa_site site = {0};
    site.start_url = n ? pages[0].url : "https://shop.test/";
    site.host = is_static ? "" : host_of(site.start_url, host, sizeof host);
    site.is_static = is_static;
    site.lex = lexicon();
    site.status_of = t_status_of;
    site.http_to_https = t_http_to_https;
    for (size_t i = 0; i < n; i++) {
        struct sa_fetch_info fi = {0};
        fi.url = pages[i].url;
        fi.requested_url = pages[i].url;
        fi.site_root = site.start_url;
        fi.status = 200;
        fi.content_type = "text/html; charset=utf-8";
        struct sa_page *p = NULL;
        char err[256];
        if (sa__page_build(pages[i].html, strlen(pages[i].html), &fi, lexicon(), &p, err,
                           sizeof err) != SA_OK) {
            T_FAIL("build %s: %s", pages[i].url, err);
            continue;
        }
        site.pages++;
        site.kind_count[p->kind]++;
        c->observe(state, p);
        sa__page_free(p);
    }
    c->finish(state, &site, v);
    free(state);
    dump(id, v);
    return 1;
}

static __attribute__((unused)) int run_check(const char *id, const struct pg *pages, size_t n,
                                             int is_static, struct sa_verdict *v)
{
    return run_check_def(sa_check_find(id), pages, n, is_static, v);
}

#define RUN(id, pages, v)        run_check((id), (pages), sizeof(pages) / sizeof(pages)[0], 0, (v))
#define RUN_STATIC(id, pages, v) run_check((id), (pages), sizeof(pages) / sizeof(pages)[0], 1, (v))
/* The same with a check definition, for checks not (yet) in the registry. */
#define RUN_DEF(check, pages, v)                                                                   \
    run_check_def(&(check), (pages), sizeof(pages) / sizeof(pages)[0], 0, (v))

/* Index of the first evidence item with this url and where, or -1. */
static __attribute__((unused)) int ev_find(const struct sa_verdict *v, const char *url,
                                           const char *where)
{
    for (size_t i = 0; i < v->evidence.n; i++)
        if (strcmp(v->evidence.items[i].url, url) == 0 &&
            strcmp(v->evidence.items[i].where, where) == 0)
            return (int)i;
    return -1;
}

/* Asserts evidence item i exactly. */
#define EXPECT_EV(v, i, u, w, s)                                                                   \
    do {                                                                                           \
        size_t t_i = (size_t)(i);                                                                  \
        if (t_i >= (v)->evidence.n) {                                                              \
            T_FAIL("evidence[%zu] missing (%zu items)", t_i, (v)->evidence.n);                     \
            break;                                                                                 \
        }                                                                                          \
        EXPECT_STREQ((v)->evidence.items[t_i].url, (u));                                           \
        EXPECT_STREQ((v)->evidence.items[t_i].where, (w));                                         \
        EXPECT_STREQ((v)->evidence.items[t_i].snippet, (s));                                       \
    } while (0)

/* ---- page skeletons ---- */

/* A page with its own <head> extras (a viewport or none), and the usual one. */
#define DOC_HEAD(lang, head, title, body)                                                          \
    "<!doctype html><html lang=\"" lang "\"><head><meta charset=\"utf-8\">" head "<title>" title   \
    "</title></head><body>" body "</body></html>"
#define VIEWPORT               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
#define DOC(lang, title, body) DOC_HEAD(lang, VIEWPORT, title, body)

#endif
