/* The engine: turns a target (URL or folder) into a start URL, runs the crawl, shows every page
 * to every enabled check, collects the verdicts, scores them and assembles the report. A check
 * instance is (definition, zeroed state); the engine owns the states and calls finish() on
 * each exactly once, interrupted or not. */
#include <curl/curl.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "crawl.h"
#include "page_build.h"
#include "score.h"
#include "shopaudit/audit.h"
#include "url.h"

struct slot {
    const struct sa_check *check;
    void *state;
};

struct sa_audit {
    struct sa_options o;
    struct sa_lexicon *lex;
    struct slot *slots;
    size_t nslots;
    size_t kind_count[SA_KIND_LAST];
    struct sa_report report;
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
}

static int curl_ready;

static int listed(const char *const *ids, const char *id)
{
    for (; ids && *ids; ids++)
        if (strcmp(*ids, id) == 0) return 1;
    return 0;
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
        o->max_bytes < 1024) {
        snprintf(err, errlen,
                 "options out of range (max_pages, concurrency 1..64, timeout, "
                 "max_bytes >= 1k)");
        return SA_EINVAL;
    }
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
    int rc = sa_lexicon_new(o->lexicon_dir, &a->lex, err, errlen);
    if (rc != SA_OK) {
        sa_audit_free(a);
        return rc;
    }
    size_t n = 0;
    while (sa_builtin_checks[n]) n++;
    a->slots = sa__calloc(n, sizeof *a->slots);
    if (!a->slots) goto nomem;
    /* Checks are laid out by category so each category's checks are contiguous. */
    for (int cat = 0; sa__categories[cat].id; cat++) {
        for (size_t i = 0; i < n; i++) {
            const struct sa_check *ck = sa_builtin_checks[i];
            if (strcmp(ck->category, sa__categories[cat].id) != 0) continue;
            if (!wanted(o, ck->id)) continue;
            struct slot *s = &a->slots[a->nslots];
            s->check = ck;
            s->state = sa__calloc(1, ck->state_size ? ck->state_size : 1);
            if (!s->state) goto nomem;
            a->nslots++;
        }
    }
    for (int list = 0; list < 2; list++) {
        const char *const *ids = list ? o->skip_checks : o->checks;
        for (; ids && *ids; ids++)
            if (!sa_check_find(*ids)) {
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

static void on_page(void *ud, const struct sa_page *page)
{
    struct sa_audit *a = ud;
    if ((unsigned)page->kind < SA_KIND_LAST) a->kind_count[page->kind]++;
    for (size_t i = 0; i < a->nslots; i++) a->slots[i].check->observe(a->slots[i].state, page);
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

static double ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) * 1000.0 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

static void finish_checks(struct sa_audit *a, const struct sa_site *site)
{
    for (size_t i = 0; i < a->nslots; i++) {
        struct slot *s = &a->slots[i];
        struct sa_check_result *cr = a->report.checks ? &a->report.checks[i] : NULL;
        struct sa_verdict scratch = {0};
        struct sa_verdict *v = cr ? &cr->verdict : &scratch;
        if (cr) cr->check = s->check;
        s->check->finish(s->state, site, v);
        if (!v->summary) {
            /* a check that could not say anything (out of memory) is not a pass */
            v->status = SA_STATUS_NOT_APPLICABLE;
        }
        sa_verdict_release(&scratch);
        sa__free(s->state);
        s->state = NULL;
    }
}

int sa_audit_run(struct sa_audit *a, const char *target)
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
    struct sa_crawl_cfg cfg = {.opts = &a->o, .lex = a->lex, .on_page = on_page, .ud = a};
    struct sa_crawl_out out;
    rc = sa__crawl_run(&cfg, start, &out, a->err, sizeof a->err);

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
    memcpy(site.kind_count, a->kind_count, sizeof site.kind_count);

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
    for (size_t i = 0; i < a->nslots; i++) sa__free(a->slots[i].state);
    sa__free(a->slots);
    sa_lexicon_free(a->lex);
    sa__free(a);
}
