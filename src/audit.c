/* The engine: turns a target (URL or folder) into a start URL, runs the crawl, shows every page
 * to every enabled check, collects the verdicts, scores them and assembles the report. A check
 * instance is (definition, zeroed state); the engine owns the states and calls finish() on
 * each exactly once, interrupted or not. */
#include <curl/curl.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "crawl.h"
#include "l10n.h"
#include "page_build.h"
#include "render.h"
#include "html.h"
#include "score.h"
#include "scope.h"
#include "shopaudit/audit.h"
#include "url.h"
#include "verdict.h"
#include "xml_arena.h"

/* A check's state is its own: page workers (--jobs) may run different checks on different
 * pages at once, so each slot has the lock its observe() runs under. */
struct slot {
    const struct sa_check *check;
    void *state;
    pthread_mutex_t mu;
    int have_mu;
};

struct sa_audit {
    struct sa_options o;
    struct sa_lexicon *lex;
    struct sa_catalog *cat; /* the report language's; NULL for English */
    struct slot *slots;
    size_t nslots;
    struct sa_check *reweighted; /* copies of checks whose weight the options override */
    size_t nreweighted;
    struct sa__scope *scope;
    atomic_size_t kind_count[SA_KIND_LAST];
    struct sa_report report;
    struct sa__render_ctl render; /* #11: JavaScript rendering, see audit_render.c */
    int have_report, ran;
    char err[1024];
};

void sa_options_init(struct sa_options *o)
{
    memset(o, 0, sizeof *o);
    o->max_pages = 200;
    o->max_depth = -1;
    o->concurrency = 4;
    o->timeout_ms = 15000;
    o->max_bytes = (size_t)5 << 20;
    o->render = SA_RENDER_AUTO;
    o->render_budget_ms = 10000;
    o->render_jobs = 2;
}

static int curl_ready;

static int listed(const char *const *ids, const char *id)
{
    for (; ids && *ids; ids++)
        if (strcmp(*ids, id) == 0) return 1;
    return 0;
}

/* A check by id among the built-ins and the options' extra checks, or NULL. */
static const struct sa_check *find_check(const struct sa_options *o, const char *id)
{
    const struct sa_check *c = sa_check_find(id);
    for (const struct sa_check *const *x = o->extra_checks; !c && x && *x; x++)
        if (strcmp((*x)->id, id) == 0) c = *x;
    return c;
}

/* Header lines go to the server verbatim: a CR or LF would let a value smuggle a second
 * header or a request. */
static int bad_header_text(const char *s)
{
    return s && strpbrk(s, "\r\n") != NULL;
}

/* Checks the issue #7 options: extra checks, weights, headers, auth. SA_OK or SA_EINVAL. */
static int validate_extras(const struct sa_options *o, char *err, size_t errlen)
{
    for (const struct sa_check *const *x = o->extra_checks; x && *x; x++) {
        const struct sa_check *c = *x;
        if (!c->id || !c->observe || !c->finish || !c->category ||
            sa__category_index(c->category) < 0) {
            snprintf(err, errlen, "extra check '%s': incomplete or unknown category",
                     c->id ? c->id : "?");
            return SA_EINVAL;
        }
        if (sa_check_find(c->id) || find_check(o, c->id) != c) {
            snprintf(err, errlen, "check '%s' is defined twice", c->id);
            return SA_EINVAL;
        }
    }
    for (size_t i = 0; i < o->nweights; i++) {
        const struct sa_weight *w = &o->weights[i];
        if (!w->id || !find_check(o, w->id)) {
            snprintf(err, errlen, "weight for unknown check '%s'", w->id ? w->id : "");
            return SA_EINVAL;
        }
        if (!isfinite(w->weight) || w->weight < 0 || w->weight > 100) {
            snprintf(err, errlen, "weight of '%s' must be 0..100", w->id);
            return SA_EINVAL;
        }
    }
    for (const char *const *h = o->headers; h && *h; h++) {
        const char *colon = strchr(*h, ':');
        if (!colon || colon == *h || bad_header_text(*h)) {
            snprintf(err, errlen, "header '%.200s': expected 'Name: value' on one line", *h);
            return SA_EINVAL;
        }
    }
    if (bad_header_text(o->cookies) || bad_header_text(o->basic_auth)) {
        snprintf(err, errlen, "cookies and basic auth must be one line");
        return SA_EINVAL;
    }
    if (o->basic_auth && !strchr(o->basic_auth, ':')) {
        snprintf(err, errlen, "basic auth: expected 'user:password'");
        return SA_EINVAL;
    }
    return SA_OK;
}

/* --checks picks, --skip-checks leaves out; both may be given. */
static int wanted(const struct sa_options *o, const char *id)
{
    return (!o->checks || listed(o->checks, id)) && !listed(o->skip_checks, id);
}

int sa_audit_new(const struct sa_options *o, struct sa_audit **out, char *err, size_t errlen)
{
    *out = NULL;
    if (o->max_pages == 0 || o->concurrency == 0 || o->concurrency > 64 || o->timeout_ms == 0 ||
        o->max_bytes < 1024 || o->jobs > 16) {
        snprintf(err, errlen,
                 "options out of range (max_pages, concurrency 1..64, timeout, "
                 "max_bytes >= 1k, jobs 0..16)");
        return SA_EINVAL;
    }
    if ((unsigned)o->render > SA_RENDER_ALWAYS || o->render_budget_ms < 100 || o->render_jobs < 1 ||
        o->render_jobs > 8) {
        snprintf(err, errlen, "render options out of range (mode, budget >= 100 ms, jobs 1..8)");
        return SA_EINVAL;
    }
    if (validate_extras(o, err, errlen) != SA_OK) return SA_EINVAL;
    if (!curl_ready) {
        /* Not thread-safe by libcurl's own rule; the library is used from one thread. */
        if (sa__alloc_route_libs(CURL_GLOBAL_DEFAULT) != 0) {
            snprintf(err, errlen, "libcurl could not be initialised");
            return SA_ENOMEM;
        }
        curl_ready = 1;
    }
    struct sa_audit *a = sa__calloc(1, sizeof *a);
    if (!a) goto nomem;
    a->o = *o;
    if (o->report_lang && strcmp(o->report_lang, "auto") != 0 && !sa__l10n_has(o->report_lang)) {
        snprintf(err, errlen, "unknown report language '%s' (auto, en, ru, th, el, hy)",
                 o->report_lang);
        sa__free(a);
        return SA_EINVAL;
    }
    int rc = sa_lexicon_new(o->lexicon_dir, &a->lex, err, errlen);
    if (rc != SA_OK) {
        sa_audit_free(a);
        return rc;
    }
    rc = sa__scope_new(o->include, o->exclude, &a->scope, err, errlen);
    if (rc != SA_OK) {
        sa_audit_free(a);
        return rc;
    }
    size_t nbuiltin = 0, n;
    while (sa_builtin_checks[nbuiltin]) nbuiltin++;
    n = nbuiltin;
    while (o->extra_checks && o->extra_checks[n - nbuiltin]) n++;
    a->slots = sa__calloc(n, sizeof *a->slots);
    a->reweighted = sa__calloc(o->nweights ? o->nweights : 1, sizeof *a->reweighted);
    if (!a->slots || !a->reweighted) goto nomem;
    /* Checks are laid out by category so each category's checks are contiguous; extra checks
     * follow the built-ins of their category. */
    for (int cat = 0; sa__categories[cat].id; cat++) {
        for (size_t i = 0; i < n; i++) {
            const struct sa_check *ck =
                i < nbuiltin ? sa_builtin_checks[i] : o->extra_checks[i - nbuiltin];
            if (strcmp(ck->category, sa__categories[cat].id) != 0) continue;
            if (!wanted(o, ck->id)) continue;
            /* a weight override runs a copy, so the report shows the weight the score used */
            for (size_t w = o->nweights; w-- > 0;) {
                if (strcmp(o->weights[w].id, ck->id) != 0) continue;
                struct sa_check *copy = &a->reweighted[a->nreweighted++];
                *copy = *ck;
                copy->weight = o->weights[w].weight;
                ck = copy;
                break;
            }
            struct slot *s = &a->slots[a->nslots];
            s->check = ck;
            s->state = sa__calloc(1, ck->state_size ? ck->state_size : 1);
            if (!s->state) goto nomem;
            if (pthread_mutex_init(&s->mu, NULL) != 0) {
                sa__free(s->state);
                goto nomem;
            }
            s->have_mu = 1;
            if (ck->init) ck->init(s->state, ck);
            a->nslots++;
        }
    }
    for (int list = 0; list < 2; list++) {
        const char *const *ids = list ? o->skip_checks : o->checks;
        for (; ids && *ids; ids++)
            if (!find_check(o, *ids)) {
                snprintf(err, errlen, "unknown check '%s'", *ids);
                sa_audit_free(a);
                return SA_EINVAL;
            }
    }
    if (a->nslots == 0) {
        snprintf(err, errlen, "no check left to run");
        sa_audit_free(a);
        return SA_EINVAL;
    }
    *out = a;
    return SA_OK;
nomem:
    snprintf(err, errlen, "out of memory");
    sa_audit_free(a);
    return SA_ENOMEM;
}

static struct sa_page *replace_page(void *ud, struct sa_page *page, int *rendered)
{
    return sa__render_page(&((struct sa_audit *)ud)->render, page, rendered);
}

static void observe(struct slot *s, const struct sa_page *page)
{
    s->check->observe(s->state, page);
    pthread_mutex_unlock(&s->mu);
}

/* Checks keep per-audit state and see pages in any order (no verdict depends on it:
 * tests/integration/test_jobs.py). A worker first runs the checks nobody else is running, then
 * waits for the ones it skipped, so two workers overlap instead of queueing behind each other. */
static void on_page(void *ud, const struct sa_page *page)
{
    struct sa_audit *a = ud;
    if ((unsigned)page->kind < SA_KIND_LAST) atomic_fetch_add(&a->kind_count[page->kind], 1);
    size_t busy[64], nbusy = 0;
    for (size_t i = 0; i < a->nslots; i++) {
        struct slot *s = &a->slots[i];
        if (pthread_mutex_trylock(&s->mu) == 0) {
            observe(s, page);
        } else if (nbusy < sizeof busy / sizeof *busy) {
            busy[nbusy++] = i;
        } else {
            pthread_mutex_lock(&s->mu);
            observe(s, page);
        }
    }
    for (size_t k = 0; k < nbusy; k++) {
        pthread_mutex_lock(&a->slots[busy[k]].mu);
        observe(&a->slots[busy[k]], page);
    }
}

/* Percent-encodes what a file path may hold and a URL may not. */
static char *path_to_file_url(const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = strlen(path);
    char *u = sa__malloc(7 + n * 3 + 1);
    if (!u) return NULL;
    size_t o = 0;
    memcpy(u, "file://", 7);
    o = 7;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (*p > 0x20 && *p < 0x7F && !strchr("%?#\"<>\\^`{|}", *p)) {
            u[o++] = (char)*p;
        } else {
            u[o++] = '%';
            u[o++] = hex[*p >> 4];
            u[o++] = hex[*p & 15];
        }
    }
    u[o] = '\0';
    return u;
}

/* A URL, a folder (its index.html) or a file becomes a normalised start URL. */
static int resolve_target(struct sa_audit *a, const char *target, char **out)
{
    *out = NULL;
    const char *colon = strstr(target, "://");
    int rc;
    if (colon) {
        rc = sa__url_normalize(target, out);
        if (rc == SA_EURL)
            snprintf(a->err, sizeof a->err,
                     "'%.300s' is not a valid URL (expected http://, https:// or file://)", target);
        /* file:///shop/ is the folder: start at its index page, as a folder path does (links
         * to folders are read the same way by the crawler) */
        size_t n = rc == SA_OK ? strlen(*out) : 0;
        if (n && strncmp(*out, "file:", 5) == 0 && (*out)[n - 1] == '/') {
            char *u = sa__asprintf("%sindex.html", *out);
            sa__free(*out);
            *out = u;
            if (!u) return SA_ENOMEM;
        }
        return rc;
    }
    struct stat st;
    if (stat(target, &st) == 0) {
        char real[PATH_MAX];
        if (!realpath(target, real)) {
            snprintf(a->err, sizeof a->err, "cannot read '%.300s': %s", target, strerror(errno));
            return SA_EIO;
        }
        char path[PATH_MAX + 16];
        if (S_ISDIR(st.st_mode)) {
            snprintf(path, sizeof path, "%s/index.html", strcmp(real, "/") ? real : "");
            if (access(path, R_OK) != 0) {
                snprintf(a->err, sizeof a->err,
                         "folder '%.300s' has no readable index.html to start from", target);
                return SA_EIO;
            }
        } else {
            snprintf(path, sizeof path, "%s", real);
        }
        char *u = path_to_file_url(path);
        if (!u) return SA_ENOMEM;
        rc = sa__url_normalize(u, out);
        sa__free(u);
        if (rc == SA_EURL) snprintf(a->err, sizeof a->err, "cannot audit '%.300s'", target);
        return rc;
    }
    if (target[0] == '/' || target[0] == '.' || target[0] == '~') {
        snprintf(a->err, sizeof a->err, "cannot read '%.300s': %s", target, strerror(errno));
        return SA_EIO;
    }
    /* "shop.example" or "shop.example/path": a bare host, as people type it. */
    if (strchr(target, '.') && !strpbrk(target, " \t\r\n\"<>\\^`{|}")) {
        char *u = sa__asprintf("https://%s", target);
        if (!u) return SA_ENOMEM;
        rc = sa__url_normalize(u, out);
        sa__free(u);
        if (rc == SA_OK) return rc;
    }
    snprintf(a->err, sizeof a->err, "'%.300s' is not a valid URL or folder", target);
    return SA_EURL;
}

static int status_of(const struct sa_site *site, const char *url)
{
    return sa__urlset_status(site->priv, url);
}

static void iso8601_now(char *buf, size_t n)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int cmp_lang(const void *pa, const void *pb)
{
    const size_t *a = pa, *b = pb; /* {count, index} pairs */
    return a[0] != b[0] ? (a[0] < b[0] ? 1 : -1) : (a[1] > b[1]) - (a[1] < b[1]);
}

/* Page languages, most frequent first (ties: first seen first). */
static int collect_languages(struct sa_report *r)
{
    size_t(*cnt)[2] = sa__calloc(r->npages + 1, sizeof *cnt);
    char **names = sa__calloc(r->npages + 1, sizeof *names);
    size_t k = 0;
    int rc = SA_ENOMEM;
    if (!cnt || !names) goto out;
    for (size_t i = 0; i < r->npages; i++) {
        const struct sa_page_record *p = &r->pages[i];
        if (!p->html || !p->lang[0]) continue;
        size_t j = 0;
        while (j < k && strcmp(names[j], p->lang) != 0) j++;
        if (j == k) {
            names[k] = (char *)p->lang;
            cnt[k][1] = k;
            k++;
        }
        cnt[j][0]++;
    }
    qsort(cnt, k, sizeof *cnt, cmp_lang);
    r->languages = sa__calloc(k + 1, sizeof *r->languages);
    if (!r->languages) goto out;
    for (size_t i = 0; i < k; i++) {
        r->languages[i] = sa__strdup(names[cnt[i][1]]);
        if (!r->languages[i]) goto out;
        r->nlanguages++;
    }
    rc = SA_OK;
out:
    sa__free(cnt);
    sa__free(names);
    return rc;
}

static int cmp_page(const void *pa, const void *pb)
{
    return strcmp(((const struct sa_page_record *)pa)->url,
                  ((const struct sa_page_record *)pb)->url);
}

static int cmp_error(const void *pa, const void *pb)
{
    const struct sa_error_record *a = pa, *b = pb;
    int c = strcmp(a->url, b->url);
    return c ? c : strcmp(a->error, b->error);
}

static double ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) * 1000.0 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* The report language: the one asked for, else the most frequent page language that has a
 * catalogue (a Thai shop gets a Thai report), else English. Loads its catalogue. */
static int choose_lang(struct sa_audit *a, const struct sa_page_record *pages, size_t npages)
{
    const char *want = a->o.report_lang;
    char best[16] = "en";
    if (!want || strcmp(want, "auto") == 0) {
        size_t best_n = 0;
        /* one pass per embedded catalogue (a handful), so a 20 000-page audit stays linear */
        for (const struct sa__locale_blob *b = sa__locale_blobs; b->name; b++) {
            size_t n = 0;
            for (size_t i = 0; i < npages; i++)
                n += pages[i].html && !strcmp(pages[i].lang, b->name);
            if (n > best_n) {
                best_n = n;
                snprintf(best, sizeof best, "%s", b->name);
            }
        }
        size_t n_en = 0;
        for (size_t i = 0; i < npages; i++) n_en += pages[i].html && !strcmp(pages[i].lang, "en");
        if (n_en >= best_n) snprintf(best, sizeof best, "en");
        want = best;
    }
    snprintf(a->report.lang, sizeof a->report.lang, "%s", want);
    if (strcmp(want, "en") == 0) return SA_OK;
    int rc = sa__catalog_new(want, &a->cat, NULL);
    if (rc != SA_OK) snprintf(a->report.lang, sizeof a->report.lang, "en");
    return rc == SA_ENOMEM ? rc : SA_OK;
}

static void finish_checks(struct sa_audit *a, const struct sa_site *site)
{
    for (size_t i = 0; i < a->nslots; i++) {
        struct slot *s = &a->slots[i];
        struct sa_check_result *cr = a->report.checks ? &a->report.checks[i] : NULL;
        struct sa_verdict scratch = {0};
        struct sa_verdict *v = cr ? &cr->verdict : &scratch;
        if (cr) cr->check = s->check;
        v->l10n = a->cat;
        s->check->finish(s->state, site, v);
        if (!v->summary) {
            /* a check that could not say anything (out of memory) is not a pass */
            v->status = SA_STATUS_NOT_APPLICABLE;
        }
        sa__evidence_sort(&v->evidence); /* canonical: see sa_evidence_add */
        sa_verdict_release(&scratch);
        sa__free(s->state);
        s->state = NULL;
    }
}

static int audit_run(struct sa_audit *a, const char *target);

int sa_audit_run(struct sa_audit *a, const char *target)
{
    struct sa__xml_quiet q;
    sa__xml_quiet_begin(&q);
    int rc = audit_run(a, target);
    sa__xml_quiet_end(&q);
    return rc;
}

static int audit_run(struct sa_audit *a, const char *target)
{
    if (a->ran) {
        snprintf(a->err, sizeof a->err, "an audit object runs once");
        return SA_EINVAL;
    }
    a->ran = 1;
    a->err[0] = '\0';
    struct sa_report *r = &a->report;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    iso8601_now(r->started_at, sizeof r->started_at);

    char *start = NULL;
    int rc = resolve_target(a, target, &start);
    if (rc != SA_OK) {
        if (!a->err[0]) snprintf(a->err, sizeof a->err, "%s", sa_strerror(rc));
        sa__free(start);
        /* the check states still own nothing, but finish() is the contract's only exit */
        finish_checks(a, &(struct sa_site){.start_url = target, .host = "", .lex = a->lex});
        return rc;
    }
    sa__render_ctl_init(&a->render, &a->o, a->lex, start, &r->render);
    struct sa_crawl_cfg cfg = {.opts = &a->o,
                               .lex = a->lex,
                               .on_page = on_page,
                               .replace_page = replace_page,
                               .ud = a,
                               .scope = a->scope};
    struct sa_crawl_out out;
    rc = sa__crawl_run(&cfg, start, &out, a->err, sizeof a->err);
    sa__render_ctl_finish(&a->render); /* the browser's process group ends before the report */
    out.limits_hit |= a->render.limits;

    char host[256] = "";
    int is_file = strncasecmp(start, "file:", 5) == 0;
    if (!is_file) sa__url_host(start, host, sizeof host);
    struct sa_site site = {
        .start_url = start,
        .host = host,
        .pages = out.html_pages,
        .is_static = is_file,
        .interrupted = out.interrupted,
        .lex = a->lex,
        .http_to_https = out.http_to_https,
        .status_of = status_of,
        .priv = &out.seen,
    };
    for (int k = 0; k < SA_KIND_LAST; k++) site.kind_count[k] = atomic_load(&a->kind_count[k]);

    if (rc != SA_OK) {
        finish_checks(a, &site);
        sa__crawl_out_release(&out);
        sa__free(start);
        return rc;
    }

    r->start_url = start;
    r->checks = sa__calloc(a->nslots ? a->nslots : 1, sizeof *r->checks);
    size_t ncat = 0;
    while (sa__categories[ncat].id) ncat++;
    r->categories = sa__calloc(ncat + 1, sizeof *r->categories);
    if (!r->checks || !r->categories) {
        finish_checks(a, &site);
        sa__crawl_out_release(&out);
        snprintf(a->err, sizeof a->err, "out of memory");
        return SA_ENOMEM;
    }
    r->nchecks = a->nslots;
    if (choose_lang(a, out.pages, out.npages) != SA_OK) {
        finish_checks(a, &site);
        sa__crawl_out_release(&out);
        snprintf(a->err, sizeof a->err, "out of memory");
        return SA_ENOMEM;
    }
    finish_checks(a, &site);
    /* the URL statuses served finish(); the report keeps pages and errors only */
    sa__urlset_release(&out.seen);
    for (int cat = 0; sa__categories[cat].id; cat++) {
        struct sa_category_result *cr = &r->categories[r->ncategories];
        cr->id = sa__categories[cat].id;
        cr->title = sa__categories[cat].title;
        cr->first = r->nchecks;
        for (size_t i = 0; i < r->nchecks; i++) {
            if (strcmp(r->checks[i].check->category, cr->id) != 0) continue;
            if (cr->first == r->nchecks) cr->first = i;
            cr->n++;
        }
        if (cr->n) r->ncategories++;
    }
    sa__score(r);

    r->pages = out.pages;
    r->npages = out.npages;
    r->errors = out.errors;
    r->nerrors = out.nerrors;
    r->limits_hit = out.limits_hit;
    r->pages_crawled = out.html_pages;
    /* Pages and errors arrive in completion order; sorted by URL, two audits of an unchanged
     * site list them alike whatever the concurrency (and languages tie-break alike). */
    if (r->npages) qsort(r->pages, r->npages, sizeof *r->pages, cmp_page);
    if (r->nerrors) qsort(r->errors, r->nerrors, sizeof *r->errors, cmp_error);
    if (collect_languages(r) != SA_OK) {
        snprintf(a->err, sizeof a->err, "out of memory");
        return SA_ENOMEM;
    }
    r->duration_ms = (long long)ms_since(&t0);
    a->have_report = 1;
    return SA_OK;
}

const struct sa_report *sa_audit_report(const struct sa_audit *a)
{
    return a && a->have_report ? &a->report : NULL;
}

void sa_audit_set_comparison(struct sa_audit *a, const struct sa_comparison *c)
{
    if (a) a->report.comparison = c;
}

const char *sa_audit_error(const struct sa_audit *a)
{
    return a ? a->err : "";
}

void sa_audit_free(struct sa_audit *a)
{
    if (!a) return;
    struct sa_report *r = &a->report;
    for (size_t i = 0; i < r->nchecks; i++) sa_verdict_release(&r->checks[i].verdict);
    sa__free(r->checks);
    sa__free(r->categories);
    struct sa_crawl_out out = {
        .pages = r->pages, .npages = r->npages, .errors = r->errors, .nerrors = r->nerrors};
    sa__crawl_out_release(&out);
    for (size_t i = 0; i < r->nlanguages; i++) sa__free(r->languages[i]);
    sa__free(r->languages);
    sa__free(r->start_url);
    if (a->render.o) sa__render_ctl_finish(&a->render);
    sa__render_report_release(&r->render);
    for (size_t i = 0; i < a->nslots; i++) {
        if (a->slots[i].have_mu) pthread_mutex_destroy(&a->slots[i].mu);
        sa__free(a->slots[i].state);
    }
    sa__free(a->slots);
    sa__free(a->reweighted);
    sa__scope_free(a->scope);
    sa_lexicon_free(a->lex);
    sa__catalog_free(a->cat);
    sa__free(a);
    sa__xml_arena_free(); /* pages parsed on this thread (--jobs 1) */
}
