/* The crawler. One libcurl multi handle drives up to --concurrency transfers; the frontier
 * decides what comes next. Redirects are followed here rather than by libcurl so that every hop
 * is checked against the scope, robots.txt and the set of URLs already seen, and a loop is
 * reported as a loop. robots.txt and sitemaps are small, so they are fetched one at a time
 * before the crawl proper. Every transfer changes state only through xfer_set().
 *
 * With --jobs 2 or more, finished HTML responses go to worker threads (pipeline.c) that build
 * the page, run the checks on it and hand it back; the main thread keeps every crawl
 * structure to itself (frontier, transfers, the records in out, robots, progress) and fills
 * a page's record and follows its links when the page comes back. With --jobs 1 the page is
 * built and checked right here, between two transfers. */
#include "crawl.h"

#include <curl/curl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "frontier.h"
#include "html.h"
#include "lexicon_page.h"
#include "page_build.h"
#include "pipeline.h"
#include "robots.h"
#include "sitemap.h"
#include "url.h"
#include "urlset.h"
#include "useragent.h"

#define MAX_REDIRECTS    10
#define MAX_SITEMAPS     10                  /* sitemap files fetched, indexes included */
#define SITEMAP_MAX_SIZE ((size_t)50 << 20)  /* the protocol's own limit, uncompressed */
#define ROBOTS_MAX_SIZE  ((size_t)500 << 10) /* RFC 9309 asks parsers for at least 500 KiB */
#define MAX_URL_LEN      2048                /* longer URLs are almost always generated traps */
/* Known URLs are capped so that an infinite site cannot eat memory: 100 bytes a URL, 200k
 * URLs is about 20 MiB, ample for any --max-pages a person would set. */
#define MAX_SEEN_FLOOR 200000
/* Infinite URL spaces the per-URL rules cannot see: a calendar links each month to the next,
 * a session id in the path makes every link new. Their URLs share one shape (digits and id
 * segments masked); past these counts of one shape the rest is a trap. 24: two years of
 * months; 8 sessions: a real site never moves its visitor to a new session id 8 times. */
#define TRAP_DATE_SHAPES    24
#define TRAP_SESSION_SHAPES 8
#define MAX_SHAPES          50000 /* shapes remembered; past it no new shape is tracked */
/* 429 and 503 with Retry-After are retried this many times, each wait capped by --timeout
 * and by RETRY_MAX_WAIT_MS: a longer wait would stall the audit for one page. */
#define MAX_RETRIES       2
#define RETRY_MAX_WAIT_MS 30000

enum xfer_state {
    XFER_IDLE,     /* slot free */
    XFER_FETCHING, /* in the multi handle */
    XFER_WAITING,  /* asked to come back later (429/503 Retry-After) until wake_at */
    XFER_LAST
};

struct xfer {
    CURL *easy;
    enum xfer_state state;
    char *url;       /* the URL being fetched now (after redirects) */
    char *requested; /* the URL taken from the frontier */
    unsigned depth;
    int hops;
    char *chain[MAX_REDIRECTS + 1]; /* URLs of this redirect chain, for loop detection */
    struct sa_buf body;
    int truncated; /* hit --max-bytes */
    int not_html;  /* aborted early: the Content-Type says it is not a page */
    int probe;     /* a link check, not a page: PROBE_HEAD or PROBE_GET */
    double t0;
    int retries;        /* Retry-After waits so far for this URL */
    double wake_at;     /* XFER_WAITING: when to ask again */
    long retry_refused; /* a Retry-After in seconds too long to wait for, else 0 */
};

/* Link checks (images, files, pages linked but not crawled) ask HEAD first, then GET where a
 * server refuses HEAD (405, 501), and keep only the status. */
enum { PROBE_NONE, PROBE_HEAD, PROBE_GET };
#define MAX_PROBES 5000 /* distinct URLs remembered for link checks */

struct crawl {
    const struct sa_crawl_cfg *cfg;
    const struct sa_options *o;
    struct sa_crawl_out *out;
    CURLM *multi;
    CURLSH *share;
    struct curl_slist *headers;
    char *user_agent;
    const char *start; /* the start URL, the scope root */
    int is_file;
    struct sa_frontier frontier;
    struct sa_robots *robots;
    struct xfer *xfers;
    unsigned nxfers, in_flight, waiting;
    struct sa_urlset shapes; /* URL shape -> how many URLs of that shape were queued */
    size_t started;          /* responses asked for, counted against --max-pages */
    size_t done;
    double last_start; /* for --delay */
    unsigned delay_ms;
    int start_state; /* 0 pending, 1 audited, <0 the start page failed with this code */
    unsigned hint_used[SA_CONCEPT_LAST];
    char **probes; /* URLs to link-check once the pages are done */
    size_t nprobes, probes_cap, probes_done;
    char *err;
    size_t errlen;
    struct sa__pipe pipe; /* page workers; zeroed (and unused) with --jobs 1 */
    atomic_int polling;   /* this thread sleeps, or is about to, in curl_multi_poll: see wake() */
    unsigned workers;     /* started; 0: pages are built inline */
};

/* A page on its way through the pipeline: what the worker needs, copied off the transfer (the
 * body moved, not copied), then what it made of it. Owned by whichever side holds it. */
struct page_job {
    struct sa__pipe_job link; /* first: the pipe's list node */
    char *body;
    size_t len;
    char *url, *requested, *content_type, *content_language; /* the last two may be NULL */
    int status, truncated, is_start;
    unsigned ms, depth;
    size_t rec; /* index of its record in out->pages: the array moves as it grows */
    /* filled by the worker: what the main thread needs of the page, which the worker frees */
    int built, rc, rendered;
    enum sa_page_kind kind;
    char lang[16];
    char *title;
    char *packed; /* nlinks pairs "url\0text\0", then nimages "src\0" */
    size_t nlinks, nimages;
    char why[256];
};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static int stopped(const struct crawl *c)
{
    return c->o->stop && *c->o->stop;
}

static void xfer_set(struct crawl *c, struct xfer *x, enum xfer_state s, int line)
{
    static const char *const names[XFER_LAST] = {"IDLE", "FETCHING", "WAITING"};
    if (c->o->trace) {
        char msg[600];
        snprintf(msg, sizeof msg, "xfer %.500s: %s -> %s (l.%d)", x->url ? x->url : "-",
                 names[x->state], names[s], line);
        c->o->trace(c->o->trace_ud, msg);
    }
    if (x->state != XFER_FETCHING && s == XFER_FETCHING) c->in_flight++;
    if (x->state == XFER_FETCHING && s != XFER_FETCHING) c->in_flight--;
    if (x->state != XFER_WAITING && s == XFER_WAITING) c->waiting++;
    if (x->state == XFER_WAITING && s != XFER_WAITING) c->waiting--;
    x->state = s;
}
#define XFER_SET(c, x, s) xfer_set((c), (x), (s), __LINE__)

/* ---- recording what was found ---------------------------------------------------------- */

static int add_error(struct crawl *c, const char *url, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static int add_error(struct crawl *c, const char *url, const char *fmt, ...)
{
    struct sa_crawl_out *o = c->out;
    if (o->nerrors == o->errors_cap) {
        size_t cap = o->errors_cap ? o->errors_cap * 2 : 16;
        struct sa_error_record *v = sa__realloc(o->errors, cap * sizeof *v);
        if (!v) return SA_ENOMEM;
        o->errors = v;
        o->errors_cap = cap;
    }
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    struct sa_error_record *e = &o->errors[o->nerrors];
    e->url = sa__strdup(url);
    e->error = sa__strdup(msg);
    if (!e->url || !e->error) {
        sa__free(e->url);
        sa__free(e->error);
        return SA_ENOMEM;
    }
    o->nerrors++;
    return SA_OK;
}

static struct sa_page_record *add_page(struct crawl *c, const char *url, int status, size_t bytes,
                                       unsigned ms, unsigned depth)
{
    struct sa_crawl_out *o = c->out;
    if (o->npages == o->pages_cap) {
        size_t cap = o->pages_cap ? o->pages_cap * 2 : 64;
        struct sa_page_record *v = sa__realloc(o->pages, cap * sizeof *v);
        if (!v) return NULL;
        o->pages = v;
        o->pages_cap = cap;
    }
    struct sa_page_record *p = &o->pages[o->npages];
    memset(p, 0, sizeof *p);
    p->url = sa__strdup(url);
    p->title = sa__strdup("");
    if (!p->url || !p->title) {
        sa__free(p->url);
        sa__free(p->title);
        return NULL;
    }
    p->status = status;
    p->kind = SA_KIND_OTHER;
    p->bytes = bytes;
    p->ms = ms;
    p->depth = depth;
    o->npages++;
    return p;
}

static void hit_limit(struct crawl *c, enum sa_limit l)
{
    c->out->limits_hit |= 1u << l;
}

/* ---- which links to follow, and in what order ------------------------------------------ */

/* Retention-relevant pages first. Each hint boosts only its first few URLs, so that fifty
 * product links do not starve the contact and returns pages of a small budget. */
static const struct {
    enum sa_concept concept;
    int prio;
    unsigned quota;
} hints[] = {
    {SA_CONCEPT_CART, 100, 2},    {SA_CONCEPT_CHECKOUT, 95, 2}, {SA_CONCEPT_CONTACTS, 90, 3},
    {SA_CONCEPT_DELIVERY, 90, 3}, {SA_CONCEPT_RETURNS, 90, 3},  {SA_CONCEPT_PAYMENT, 85, 2},
    {SA_CONCEPT_ABOUT, 80, 2},    {SA_CONCEPT_PROMO, 75, 3},    {SA_CONCEPT_PRODUCT, 70, 8},
    {SA_CONCEPT_CATEGORY, 50, 4}, {SA_CONCEPT_LOYALTY, 45, 2},  {SA_CONCEPT_REVIEWS, 40, 2},
};
#define PRIO_DEFAULT      10
#define PRIO_OVERQUOTA    20
#define PRIO_SITEMAP_BIAS (-5) /* sitemap URLs: after the linked pages of equal hint */

static int link_priority(struct crawl *c, const char *url, const char *anchor)
{
    const struct sa_lexicon *lex = c->cfg->lex;
    size_t alen = anchor ? strlen(anchor) : 0;
    if (alen > 200) alen = 200; /* an anchor is a label; long ones are paragraphs */
    for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++) {
        enum sa_concept k = hints[i].concept;
        if (sa_lexicon_url_match(lex, k, url) > 0 ||
            (alen && sa_lexicon_match(lex, k, anchor, alen) > 0)) {
            if (c->hint_used[k] >= hints[i].quota) return PRIO_OVERQUOTA;
            c->hint_used[k]++;
            return hints[i].prio;
        }
    }
    return PRIO_DEFAULT;
}

/* Links to files no page model can use. */
static int skip_by_extension(const char *url)
{
    static const char *const ext[] = {
        ".jpg", ".jpeg", ".png",  ".gif",   ".webp", ".svg",  ".ico", ".bmp", ".avif", ".css",
        ".js",  ".pdf",  ".zip",  ".rar",   ".7z",   ".gz",   ".tgz", ".mp4", ".mp3",  ".webm",
        ".avi", ".mov",  ".woff", ".woff2", ".ttf",  ".otf",  ".eot", ".xml", ".json", ".rss",
        ".doc", ".docx", ".xls",  ".xlsx",  ".ppt",  ".pptx", ".exe", ".dmg", ".apk",  NULL};
    const char *q = strpbrk(url, "?#");
    size_t n = q ? (size_t)(q - url) : strlen(url);
    for (int i = 0; ext[i]; i++) {
        size_t e = strlen(ext[i]);
        if (n > e && strncasecmp(url + n - e, ext[i], e) == 0) return 1;
    }
    return 0;
}

/* URL spaces without end: generated calendars, ever-growing paths or query strings. */
static int looks_like_trap(const char *url)
{
    size_t len = strlen(url);
    if (len > MAX_URL_LEN) return 1;
    const char *path = strstr(url, "://");
    path = path ? strchr(path + 3, '/') : NULL;
    if (!path) return 0;
    const char *q = strchr(path, '?');
    size_t plen = q ? (size_t)(q - path) : strlen(path);
    /* the same segment three times: /a/b/a/b/a/b */
    const char *seg[64];
    size_t segl[64], nseg = 0;
    for (size_t i = 0; i < plen && nseg < 64;) {
        while (i < plen && path[i] == '/') i++;
        size_t s = i;
        while (i < plen && path[i] != '/') i++;
        if (i > s) {
            seg[nseg] = path + s;
            segl[nseg++] = i - s;
        }
    }
    if (nseg >= 32) return 1;
    for (size_t i = 0; i < nseg; i++) {
        int same = 1;
        for (size_t j = i + 1; j < nseg; j++)
            if (segl[j] == segl[i] && memcmp(seg[j], seg[i], segl[i]) == 0) same++;
        if (same >= 3) return 1;
    }
    if (q) {
        int params = 1;
        for (const char *p = q; *p; p++) params += *p == '&';
        if (params > 12) return 1;
    }
    return 0;
}

/* A session id as a path segment: 16+ letters and digits, both kinds present. */
static int id_like(const char *s, size_t n)
{
    size_t digits = 0, letters = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= '0' && ch <= '9')
            digits++;
        else if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z')
            letters++;
        else if (ch != '-' && ch != '_')
            return 0;
    }
    return n >= 16 && digits >= 3 && letters >= 3;
}

static int is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* A year (1900..2099) next to a month: "/2026/11", "2026-11", "2026_1", the eight digits of a
 * day "20261130", or a query's "month=202611". A product's number is not a date: "item-19001"
 * and "item-200345" hold a year's digits but no month after them (a shop numbering its products
 * from 19000 up lost every one past the 24th to the calendar rule). */
static int date_like(const char *url)
{
    for (const char *p = url; *p; p++) {
        if (!(p[0] == '1' && p[1] == '9') && !(p[0] == '2' && p[1] == '0')) continue;
        if (p > url && is_digit(p[-1])) continue;
        if (!is_digit(p[2]) || !is_digit(p[3])) continue;
        const char *m = p + 4;
        int sep = *m == '/' || *m == '-' || *m == '_' || *m == '.';
        m += sep;
        size_t k = 0;
        while (k < 5 && is_digit(m[k])) k++;
        int month = k >= 2 ? (m[0] - '0') * 10 + (m[1] - '0') : k == 1 ? m[0] - '0' : 0;
        if (month < 1 || month > 12) continue;
        if (sep && k <= 2) return 1;
        if (!sep && k == 2 && p > url && p[-1] == '=') return 1;
        if (!sep && k == 4) {
            int day = (m[2] - '0') * 10 + (m[3] - '0');
            if (day >= 1 && day <= 31) return 1;
        }
    }
    return 0;
}

/* The URL's shape: digit runs become "0", id-like path segments "*" except the last (a product
 * page named by its hash is content; a session id sits in front of the page it wraps). Sets
 * *kind to 1 for a date-like URL, 2 for one with a session segment, else 0. */
static char *url_shape(const char *url, int *kind)
{
    *kind = date_like(url) ? 1 : 0;
    size_t n = strlen(url);
    char *out = sa__malloc(n + 1);
    if (!out) return NULL;
    const char *path = strstr(url, "://");
    path = path ? strchr(path + 3, '/') : NULL;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (path && url + i > path && url[i - 1] == '/' && url[i] != '?') {
            size_t e = i;
            while (e < n && url[e] != '/' && url[e] != '?' && url[e] != '#') e++;
            if (e < n && url[e] == '/' && id_like(url + i, e - i)) {
                out[o++] = '*';
                if (!*kind) *kind = 2;
                i = e;
                continue;
            }
        }
        if (url[i] >= '0' && url[i] <= '9') {
            out[o++] = '0';
            while (i < n && url[i] >= '0' && url[i] <= '9') i++;
            continue;
        }
        out[o++] = url[i++];
    }
    out[o] = '\0';
    return out;
}

/* 1 when url is one more of a calendar's months or of a session id's copies of the site. */
static int shape_trap(struct crawl *c, const char *url)
{
    int kind;
    char *shape = url_shape(url, &kind);
    if (!shape) return 0;
    int trap = 0;
    if (kind) {
        int seen = sa__urlset_status(&c->shapes, shape);
        int count = seen == SA_URL_UNCHECKED ? 1 : seen + 1;
        trap = count > (kind == 1 ? TRAP_DATE_SHAPES : TRAP_SESSION_SHAPES);
        if (!trap) sa__urlset_set_status(&c->shapes, shape, count);
    }
    sa__free(shape);
    return trap;
}

/* A file:// folder URL means its index page. Returns a new string. */
static char *file_index(const char *url)
{
    size_t n = strlen(url);
    if (n && url[n - 1] == '/') return sa__asprintf("%sindex.html", url);
    return sa__strdup(url);
}

static int robots_allow(struct crawl *c, const char *url)
{
    if (!c->robots) return 1;
    char pq[MAX_URL_LEN + 16];
    if (sa__url_path_query(url, pq, sizeof pq) != SA_OK) return 1;
    return sa__robots_allowed(c->robots, pq);
}

/* Remembers an in-scope URL to link-check after the crawl (and marks it seen). */
static void add_probe(struct crawl *c, const char *url)
{
    if (c->nprobes >= MAX_PROBES || c->is_file) return;
    if (sa__frontier_mark(&c->frontier, url) != SA_OK) return; /* seen already, or full */
    if (c->nprobes == c->probes_cap) {
        size_t cap = c->probes_cap ? c->probes_cap * 2 : 64;
        char **v = sa__realloc(c->probes, cap * sizeof *v);
        if (!v) return;
        c->probes = v;
        c->probes_cap = cap;
    }
    char *copy = sa__strdup(url);
    if (copy) c->probes[c->nprobes++] = copy;
}

/* Queues url (absolute, normalised) if it belongs to the audit. */
static void consider(struct crawl *c, const char *url, const char *anchor, unsigned depth, int bias)
{
    char *u = c->is_file ? file_index(url) : sa__strdup(url);
    if (!u) return;
    if (sa__frontier_seen(&c->frontier, u) || !sa__url_is_fetchable(u) ||
        !sa__url_in_scope(c->start, u) || !sa__scope_allows(c->cfg->scope, u))
        goto done;
    if (skip_by_extension(u)) {
        add_probe(c, u); /* a file, not a page: only whether it answers matters */
        goto done;
    }
    if (c->o->max_depth >= 0 && depth > (unsigned)c->o->max_depth) {
        hit_limit(c, SA_LIMIT_MAX_DEPTH);
        goto done;
    }
    if (looks_like_trap(u) || shape_trap(c, u)) {
        hit_limit(c, SA_LIMIT_URL_TRAP);
        sa__frontier_mark(&c->frontier, u);
        goto done;
    }
    int prio = link_priority(c, u, anchor) + bias;
    if (sa__frontier_push(&c->frontier, u, depth, prio) == SA_ETOOBIG)
        hit_limit(c, SA_LIMIT_URL_TRAP);
done:
    sa__free(u);
}

/* ---- libcurl plumbing --------------------------------------------------------------------- */

/* robots.txt and sitemaps: any type is fine, only the size is capped. */
static size_t on_small_body(char *data, size_t size, size_t nmemb, void *ud)
{
    struct xfer *x = ud;
    size_t n = size * nmemb;
    size_t room = x->body.max - 1 - x->body.len;
    if (n > room) {
        if (room && sa__buf_append(&x->body, data, room) != SA_OK) return 0;
        x->truncated = 1;
        return 0;
    }
    return sa__buf_append(&x->body, data, n) == SA_OK ? n : 0;
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *ud)
{
    struct xfer *x = ud;
    size_t n = size * nmemb;
    if (x->body.len == 0 && n) {
        /* Decide on the first bytes whether this is worth downloading at all. */
        char *ct = NULL;
        curl_easy_getinfo(x->easy, CURLINFO_CONTENT_TYPE, &ct);
        if (ct && *ct && strncasecmp(ct, "text/html", 9) != 0 &&
            strncasecmp(ct, "application/xhtml", 17) != 0 &&
            strncasecmp(ct, "text/plain", 10) != 0 &&
            strncasecmp(ct, "application/octet-stream", 24) != 0) {
            x->not_html = 1;
            return 0; /* abort: images, PDFs, archives are not pages */
        }
        /* The whole body in one allocation when its length is announced and fits (a gzip
         * body announces its compressed length: the buffer then grows from there). */
        curl_off_t cl = -1;
        if (curl_easy_getinfo(x->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &cl) == CURLE_OK &&
            cl > 0 && (uint64_t)cl < x->body.max && sa__buf_reserve(&x->body, (size_t)cl) != SA_OK)
            return 0;
    }
    size_t room = x->body.max - 1 - x->body.len;
    if (n > room) {
        if (room && sa__buf_append(&x->body, data, room) != SA_OK) return 0;
        x->truncated = 1;
        return 0; /* libcurl aborts; the page is kept, marked truncated */
    }
    return sa__buf_append(&x->body, data, n) == SA_OK ? n : 0;
}

static int on_xferinfo(void *ud, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
    (void)dt, (void)dn, (void)ut, (void)un;
    const struct crawl *c = ud;
    return stopped(c); /* non-zero aborts the transfer */
}

static int easy_setup(struct crawl *c, CURL *e)
{
    CURLcode rc = CURLE_OK;
#define SET(opt, val)                                                                              \
    if (rc == CURLE_OK) rc = curl_easy_setopt(e, opt, val)
    SET(CURLOPT_USERAGENT, c->user_agent);
    SET(CURLOPT_ACCEPT_ENCODING, ""); /* every encoding this libcurl decodes: gzip, br, ... */
    SET(CURLOPT_TIMEOUT_MS, (long)c->o->timeout_ms);
    SET(CURLOPT_CONNECTTIMEOUT_MS, (long)(c->o->timeout_ms < 10000 ? c->o->timeout_ms : 10000));
    SET(CURLOPT_FOLLOWLOCATION, 0L);
    SET(CURLOPT_NOSIGNAL, 1L);
    SET(CURLOPT_SHARE, c->share);
    SET(CURLOPT_COOKIEFILE, ""); /* turns the cookie engine on; the share keeps one jar */
    SET(CURLOPT_HTTPHEADER, c->headers);
    if (c->o->cookies) SET(CURLOPT_COOKIE, c->o->cookies);
    if (c->o->basic_auth) {
        SET(CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
        SET(CURLOPT_USERPWD, c->o->basic_auth);
    }
    SET(CURLOPT_PROTOCOLS_STR, c->is_file ? "file" : "http,https");
    SET(CURLOPT_NOPROGRESS, 0L);
    SET(CURLOPT_XFERINFOFUNCTION, on_xferinfo);
    SET(CURLOPT_XFERINFODATA, c);
    SET(CURLOPT_WRITEFUNCTION, on_body);
    /* a page in one or two reads rather than four or five of libcurl's 16 KiB (2 000 pages
     * over nginx: recvfrom calls 9 400 -> 4 700, poll 11 500 -> 6 700, system time -5%) */
    SET(CURLOPT_BUFFERSIZE, 64L * 1024);
    if (c->o->insecure) {
        SET(CURLOPT_SSL_VERIFYPEER, 0L);
        SET(CURLOPT_SSL_VERIFYHOST, 0L);
    }
#undef SET
    return rc == CURLE_OK ? SA_OK : SA_EINVAL;
}

/* What a failed transfer means for the person reading the report. */
static const char *transport_why(CURLcode rc)
{
    switch (rc) {
    case CURLE_OPERATION_TIMEDOUT:
        return "timeout";
    case CURLE_PEER_FAILED_VERIFICATION:
        return "TLS certificate not trusted (self-signed or unknown issuer; --insecure skips "
               "the check on a site you own)";
    case CURLE_SSL_CONNECT_ERROR:
        return "TLS handshake failed";
    case CURLE_RECV_ERROR:
        return "connection reset by the server";
    case CURLE_GOT_NOTHING:
        return "connection closed without an answer";
    case CURLE_COULDNT_CONNECT:
        return "connection refused";
    default:
        return curl_easy_strerror(rc);
    }
}

static void xfer_reset(struct xfer *x, size_t max_bytes)
{
    sa__buf_release(&x->body);
    sa__buf_init(&x->body, max_bytes + 1);
    x->truncated = x->not_html = 0;
    x->retry_refused = 0;
}

static void xfer_clear(struct xfer *x)
{
    sa__free(x->url);
    sa__free(x->requested);
    for (int i = 0; i < x->hops && i <= MAX_REDIRECTS; i++) sa__free(x->chain[i]);
    x->url = x->requested = NULL;
    x->hops = x->retries = 0;
    sa__buf_release(&x->body);
}

static int xfer_start(struct crawl *c, struct xfer *x)
{
    xfer_reset(x, c->o->max_bytes);
    curl_easy_setopt(x->easy, CURLOPT_URL, x->url);
    curl_easy_setopt(x->easy, CURLOPT_WRITEDATA, x);
    curl_easy_setopt(x->easy, CURLOPT_PRIVATE, x);
    if (x->probe == PROBE_HEAD)
        curl_easy_setopt(x->easy, CURLOPT_NOBODY, 1L);
    else
        curl_easy_setopt(x->easy, CURLOPT_HTTPGET, 1L);
    /* a link check follows redirects itself: only where the chain ends matters */
    curl_easy_setopt(x->easy, CURLOPT_FOLLOWLOCATION, x->probe ? 1L : 0L);
    curl_easy_setopt(x->easy, CURLOPT_MAXREDIRS, (long)MAX_REDIRECTS);
    x->t0 = now_ms();
    if (curl_multi_add_handle(c->multi, x->easy) != CURLM_OK) return SA_ENOMEM;
    c->last_start = x->t0;
    XFER_SET(c, x, XFER_FETCHING);
    return SA_OK;
}

/* Fetches one small resource (robots.txt, a sitemap) outside the multi loop. Returns the
 * HTTP status (200 for file), or -1 with a reason in why. *body is the caller's. */
static int fetch_small(struct crawl *c, const char *url, size_t max, char **body, size_t *len,
                       char *why, size_t whylen)
{
    *body = NULL;
    *len = 0;
    CURL *e = curl_easy_init();
    if (!e) {
        snprintf(why, whylen, "out of memory");
        return -1;
    }
    struct xfer x = {0};
    x.easy = e;
    sa__buf_init(&x.body, max + 1);
    easy_setup(c, e);
    curl_easy_setopt(e, CURLOPT_URL, url);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_small_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &x);
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L); /* robots.txt: RFC 9309 allows 5 hops */
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, 5L);
    CURLcode rc = curl_easy_perform(e);
    long status = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
    if (rc != CURLE_OK && !(rc == CURLE_WRITE_ERROR && x.truncated)) {
        snprintf(why, whylen, "%s", transport_why(rc));
        status = -1;
        sa__buf_release(&x.body);
    } else {
        if (status == 0) status = 200; /* file:// */
        *body = sa__buf_take(&x.body, len);
    }
    curl_easy_cleanup(e);
    return (int)status;
}

/* ---- robots.txt and sitemaps ------------------------------------------------------------- */

static int origin_of(const char *url, char *buf, size_t n)
{
    const char *p = strstr(url, "://");
    if (!p) return SA_EURL;
    const char *slash = strchr(p + 3, '/');
    size_t len = slash ? (size_t)(slash - url) : strlen(url);
    if (len + 1 > n) return SA_EURL;
    memcpy(buf, url, len);
    buf[len] = '\0';
    return SA_OK;
}

static int load_robots(struct crawl *c)
{
    char origin[MAX_URL_LEN], url[MAX_URL_LEN + 16], why[256];
    if (origin_of(c->start, origin, sizeof origin) != SA_OK) return SA_EURL;
    snprintf(url, sizeof url, "%s/robots.txt", origin);
    char *body;
    size_t len;
    int status = fetch_small(c, url, ROBOTS_MAX_SIZE, &body, &len, why, sizeof why);
    int rc;
    if (status >= 200 && status < 300) {
        rc = sa__robots_parse(body, len, "shopaudit", &c->robots);
    } else if (status >= 400 && status < 500) {
        rc = sa__robots_new_blanket(1, &c->robots); /* "unavailable": crawl freely */
    } else if (status < 0) {
        /* No answer at all: the site, not its robots.txt, is what is unreachable. */
        sa__free(body);
        snprintf(c->err, c->errlen, "%s: cannot reach the site: %s", c->start, why);
        return SA_EFETCH;
    } else {
        /* RFC 9309 2.3.1.4: a server error means complete disallow. */
        rc = sa__robots_new_blanket(0, &c->robots);
        add_error(c, url, "robots.txt answered HTTP %d: treated as disallow all", status);
    }
    sa__free(body);
    if (rc == SA_OK) {
        unsigned cd = sa__robots_crawl_delay_ms(c->robots);
        /* Crawl-delay is honoured up to 2 s: beyond that an audit of 200 pages takes too long
         * to be useful; --delay sets a longer pause explicitly. */
        if (cd > 2000) cd = 2000;
        if (cd > c->delay_ms) c->delay_ms = cd;
    }
    return rc;
}

struct sitemap_ctx {
    struct crawl *c;
    char *pending[MAX_SITEMAPS];
    size_t npending;
};

static int on_sitemap_loc(void *ud, const char *loc, int is_index)
{
    struct sitemap_ctx *s = ud;
    struct crawl *c = s->c;
    char *u = NULL;
    /* The protocol wants absolute URLs; anything else is a template or a mistake. */
    if (!strstr(loc, "://") || sa__url_join(c->start, loc, &u) != SA_OK) return 0;
    if (is_index) {
        if (s->npending < MAX_SITEMAPS && sa__url_in_scope(c->start, u)) {
            s->pending[s->npending++] = u;
            return 0;
        }
    } else {
        /* A retention page only the sitemap knows keeps its hint, just behind linked ones. */
        consider(c, u, NULL, 1, PRIO_SITEMAP_BIAS);
    }
    sa__free(u);
    return sa__frontier_queued(&c->frontier) > (size_t)c->o->max_pages * 50;
}

static void load_sitemaps(struct crawl *c)
{
    struct sitemap_ctx s = {.c = c};
    size_t n = 0;
    const char *const *listed = c->robots ? sa__robots_sitemaps(c->robots, &n) : NULL;
    for (size_t i = 0; i < n && s.npending < MAX_SITEMAPS; i++) {
        char *u;
        if (sa__url_join(c->start, listed[i], &u) != SA_OK) continue;
        if (sa__url_in_scope(c->start, u))
            s.pending[s.npending++] = u;
        else
            sa__free(u);
    }
    if (s.npending == 0) {
        /* The conventional place: the site root, or the export's folder for a static audit. */
        char origin[MAX_URL_LEN];
        if (c->is_file) {
            const char *slash = strrchr(c->start, '/');
            s.pending[0] = sa__asprintf("%.*ssitemap.xml", (int)(slash - c->start + 1), c->start);
        } else if (origin_of(c->start, origin, sizeof origin) == SA_OK) {
            s.pending[0] = sa__asprintf("%s/sitemap.xml", origin);
        }
        s.npending = s.pending[0] != NULL;
    }
    for (size_t fetched = 0; fetched < s.npending && fetched < MAX_SITEMAPS && !stopped(c);
         fetched++) {
        char *body, why[256];
        size_t len;
        int status =
            fetch_small(c, s.pending[fetched], SITEMAP_MAX_SIZE, &body, &len, why, sizeof why);
        if (status >= 200 && status < 300) sa__sitemap_parse(body, len, on_sitemap_loc, &s);
        sa__free(body);
    }
    for (size_t i = 0; i < s.npending; i++) sa__free(s.pending[i]);
}

static void probe_http_redirect(struct crawl *c);

/* ---- finished transfers ------------------------------------------------------------------- */

static void fail_start(struct crawl *c, int code, const char *fmt, const char *a, const char *b)
{
    if (c->start_state == 0) {
        c->start_state = code;
        snprintf(c->err, c->errlen, fmt, a, b);
    }
}

/* Builds the page, lets the render hook swap it and the checks observe it, then frees its DOM.
 * Runs on a worker or inline; touches nothing of the crawl but cfg. */
static int build_page(const struct sa_crawl_cfg *cfg, const char *body, size_t len,
                      const struct sa_fetch_info *fi, struct sa_page **out, int *rendered,
                      char *why, size_t whylen)
{
    struct sa_page *page = NULL;
    *out = NULL;
    *rendered = 0;
    int rc = sa__page_build(body ? body : "", len, fi, cfg->lex, &page, why, whylen);
    if (rc != SA_OK) return rc;
    /* the render hook is safe from several workers: up to --render-jobs tabs at once */
    if (cfg->replace_page) page = cfg->replace_page(cfg->ud, page, rendered);
    /* on_page may run on several workers at once: it locks each check's state itself */
    if (cfg->on_page) cfg->on_page(cfg->ud, page);
    sa__page_drop_dom(page);
    *out = page;
    return SA_OK;
}

/* The page's record fields. */
static void fill_record(struct crawl *c, size_t rec_index, enum sa_page_kind kind, const char *lang,
                        const char *title, int rendered)
{
    struct sa_page_record *rec = &c->out->pages[rec_index];
    rec->rendered = rendered;
    rec->html = 1;
    rec->kind = kind;
    snprintf(rec->lang, sizeof rec->lang, "%s", lang);
    char *t = sa__strdup(title);
    if (t) {
        sa__free(rec->title);
        rec->title = t;
    }
    c->out->html_pages++;
}

/* An image of an observed page: link-checked later when it is the site's. */
static void image_seen(struct crawl *c, const char *src)
{
    if (sa__url_is_fetchable(src) && sa__url_in_scope(c->start, src) &&
        !sa__frontier_seen(&c->frontier, src))
        add_probe(c, src);
}

/* The main thread's share of an observed page: its record, its links, its images. Frees it. */
static void take_page(struct crawl *c, size_t rec_index, unsigned depth, struct sa_page *page,
                      int rendered)
{
    fill_record(c, rec_index, page->kind, page->lang, page->title, rendered);
    for (size_t i = 0; i < page->nlinks && !stopped(c); i++)
        if (page->links[i].url) consider(c, page->links[i].url, page->links[i].text, depth + 1, 0);
    for (size_t i = 0; i < page->nimages; i++)
        if (page->images[i].src) image_seen(c, page->images[i].src);
    sa__page_free(page);
}

static void audit_html(struct crawl *c, struct xfer *x, int status, unsigned ms, size_t rec_index)
{
    char *ct = NULL;
    curl_easy_getinfo(x->easy, CURLINFO_CONTENT_TYPE, &ct);
    struct curl_header *h = NULL;
    const char *clang = NULL;
    if (!c->is_file &&
        curl_easy_header(x->easy, "Content-Language", 0, CURLH_HEADER, -1, &h) == CURLHE_OK)
        clang = h->value;
    struct sa_fetch_info fi = {
        .url = x->url,
        .requested_url = x->requested,
        .site_root = c->start,
        .status = status,
        .content_type = ct,
        .content_language = clang,
        .ms = ms,
        .depth = x->depth,
        .truncated = x->truncated,
    };
    struct sa_page *page = NULL;
    char why[256] = "";
    int rendered = 0; /* #11: the engine may render the page with a browser */
    int rc = build_page(c->cfg, x->body.ptr, x->body.len, &fi, &page, &rendered, why, sizeof why);
    if (rc != SA_OK) {
        add_error(c, x->url, "page not parsed: %s", why[0] ? why : sa_strerror(rc));
        return;
    }
    take_page(c, rec_index, x->depth, page, rendered);
}

static void page_job_free(struct page_job *j)
{
    if (!j) return;
    sa__free(j->body);
    sa__free(j->url);
    sa__free(j->requested);
    sa__free(j->content_type);
    sa__free(j->content_language);
    sa__free(j->title);
    sa__free(j->packed);
    sa__free(j);
}

/* Copies off a checked page what take_page would read, so the page can die in this thread. */
static int summarise(struct page_job *j, const struct sa_page *page)
{
    struct sa_buf b;
    sa__buf_init(&b, (size_t)1 << 30);
    /* one allocation of the pack's size, not a dozen reallocations copying it over and over */
    size_t need = 0;
    for (size_t i = 0; i < page->nlinks; i++)
        if (page->links[i].url)
            need += strlen(page->links[i].url) + 2 +
                    (page->links[i].text ? strlen(page->links[i].text) : 0);
    for (size_t i = 0; i < page->nimages; i++)
        if (page->images[i].src) need += strlen(page->images[i].src) + 1;
    int rc = need ? sa__buf_reserve(&b, need) : SA_OK;
    j->nlinks = j->nimages = 0;
    for (size_t i = 0; i < page->nlinks && rc == SA_OK; i++) {
        const struct sa_link *l = &page->links[i];
        if (!l->url) continue;
        rc = sa__buf_append(&b, l->url, strlen(l->url) + 1);
        if (rc == SA_OK)
            rc = sa__buf_append(&b, l->text ? l->text : "", l->text ? strlen(l->text) + 1 : 1);
        j->nlinks++;
    }
    for (size_t i = 0; i < page->nimages && rc == SA_OK; i++) {
        const char *src = page->images[i].src;
        if (!src) continue;
        rc = sa__buf_append(&b, src, strlen(src) + 1);
        j->nimages++;
    }
    j->title = rc == SA_OK ? sa__strdup(page->title) : NULL;
    if (!j->title) {
        sa__buf_release(&b);
        j->nlinks = j->nimages = 0;
        return SA_ENOMEM;
    }
    size_t len;
    j->packed = sa__buf_take(&b, &len);
    j->kind = page->kind;
    snprintf(j->lang, sizeof j->lang, "%s", page->lang);
    return SA_OK;
}

/* A worker's job (pipeline.c): the same steps as audit_html, on the job's copies. */
static void work(void *ud, struct sa__pipe_job *link)
{
    struct crawl *c = ud;
    struct page_job *j = (struct page_job *)link;
    struct sa_fetch_info fi = {
        .url = j->url,
        .requested_url = j->requested,
        .site_root = c->start,
        .status = j->status,
        .content_type = j->content_type,
        .content_language = j->content_language,
        .ms = j->ms,
        .depth = j->depth,
        .truncated = j->truncated,
    };
    struct sa_page *page = NULL;
    j->rc = build_page(c->cfg, j->body, j->len, &fi, &page, &j->rendered, j->why, sizeof j->why);
    sa__free(j->body); /* the page keeps what it needs: the body is the biggest thing held */
    j->body = NULL;
    if (j->rc != SA_OK) return;
    j->built = 1;
    /* observed already: a summary that runs out of memory loses links, not the checks' view */
    if (summarise(j, page) != SA_OK) snprintf(j->why, sizeof j->why, "links lost: out of memory");
    /* the lexicon's page scope belongs to this thread's cache: closed here, where it opened */
    sa__lexicon_page_end(c->cfg->lex, page);
    /* What the page freed stays in this thread's heap, where the next page's parse takes it
     * again. Handing free pages back to the system (malloc_trim every 64 pages) kept peak RSS
     * 0-4 MiB lower, but the next pages faulted them in again and the trim's madvise flushed
     * the other threads' TLBs: 2 000 pages over HTTP took 12% longer, 20 000 took 13-27%. */
    sa__page_free(page);
}

/* A worker's finished page wakes this thread only from its poll: a wake is a system call on
 * the worker and an interrupt on the other core (perf: some 37 microseconds of the worker's
 * own time on this virtual machine), and a thread still at work takes the page on its way to
 * the poll anyway (before sleeping it says so, then looks at the done queue once more). */
static void wake(void *ud)
{
    struct crawl *c = ud;
    if (atomic_exchange(&c->polling, 0)) curl_multi_wakeup(c->multi);
}

/* Sleeps up to ms in curl_multi_poll, unless a worker's page is done already. */
static void poll_for(struct crawl *c, int ms)
{
    if (c->workers) {
        atomic_store(&c->polling, 1);
        /* a page done before the store is seen here; one done after it sees the flag */
        if (sa__pipe_has_done(&c->pipe)) {
            atomic_store(&c->polling, 0);
            return;
        }
    }
    curl_multi_poll(c->multi, NULL, 0, ms, NULL);
    atomic_store(&c->polling, 0);
}

/* Hands a finished HTML response to the workers. 1 when queued; 0 when memory ran out, after
 * recording the page as not parsed, as audit_html does when the parse itself runs out. */
static int queue_html(struct crawl *c, struct xfer *x, int status, unsigned ms, size_t rec_index,
                      int is_start)
{
    char *ct = NULL;
    curl_easy_getinfo(x->easy, CURLINFO_CONTENT_TYPE, &ct);
    struct curl_header *h = NULL;
    const char *clang = NULL;
    if (!c->is_file &&
        curl_easy_header(x->easy, "Content-Language", 0, CURLH_HEADER, -1, &h) == CURLHE_OK)
        clang = h->value;
    struct page_job *j = sa__calloc(1, sizeof *j);
    if (j) {
        j->url = sa__strdup(x->url);
        j->requested = sa__strdup(x->requested);
        j->content_type = ct ? sa__strdup(ct) : NULL;
        j->content_language = clang ? sa__strdup(clang) : NULL;
    }
    if (!j || !j->url || !j->requested || (ct && !j->content_type) ||
        (clang && !j->content_language)) {
        page_job_free(j);
        add_error(c, x->url, "page not parsed: %s", sa_strerror(SA_ENOMEM));
        return 0;
    }
    j->body = sa__buf_take(&x->body, &j->len);
    j->status = status;
    j->truncated = x->truncated;
    j->is_start = is_start;
    j->ms = ms;
    j->depth = x->depth;
    j->rec = rec_index;
    sa__pipe_push(&c->pipe, &j->link);
    return 1;
}

static void start_done(struct crawl *c);

/* Takes the pages the workers have finished, in the order they finished. */
static void drain(struct crawl *c)
{
    struct sa__pipe_job *list = sa__pipe_take_done(&c->pipe);
    while (list) {
        struct page_job *j = (struct page_job *)list;
        list = list->next;
        if (j->built) {
            fill_record(c, j->rec, j->kind, j->lang, j->title ? j->title : "", j->rendered);
            const char *p = j->packed;
            for (size_t i = 0; i < j->nlinks; i++) {
                const char *url = p, *text = url + strlen(url) + 1;
                p = text + strlen(text) + 1;
                if (!stopped(c)) consider(c, url, text, j->depth + 1, 0);
            }
            for (size_t i = 0; i < j->nimages; i++, p += strlen(p) + 1) image_seen(c, p);
            if (j->why[0]) add_error(c, j->url, "%s", j->why);
        } else {
            add_error(c, j->url, "page not parsed: %s", j->why[0] ? j->why : sa_strerror(j->rc));
        }
        if (j->is_start) start_done(c);
        page_job_free(j);
    }
}

/* Ends the pipeline on every way out of the crawl: jobs not started are dropped with their
 * records (no check saw them), the ones in work finish and are taken as usual. */
static void pipe_finish(struct crawl *c)
{
    if (!c->workers) return;
    struct sa__pipe_job *list = sa__pipe_cancel(&c->pipe);
    while (list) {
        struct page_job *j = (struct page_job *)list;
        list = list->next;
        /* a NULL url marks the record for removal below, once no index points at it */
        sa__free(c->out->pages[j->rec].url);
        c->out->pages[j->rec].url = NULL;
        page_job_free(j);
    }
    sa__pipe_stop(&c->pipe);
    drain(c);
    c->workers = 0;
    struct sa_crawl_out *o = c->out;
    size_t kept = 0;
    for (size_t i = 0; i < o->npages; i++) {
        if (!o->pages[i].url) {
            sa__free(o->pages[i].title);
            continue;
        }
        o->pages[kept++] = o->pages[i];
    }
    o->npages = kept;
}

/* Handles a 3xx: 1 when the transfer was restarted on the target, 0 when it ended here. */
static int follow_redirect(struct crawl *c, struct xfer *x, int status)
{
    char *loc = NULL;
    curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_URL, &loc);
    if (!loc) return 0;
    char *target = NULL;
    if (sa__url_join(x->url, loc, &target) != SA_OK) {
        add_error(c, x->url, "HTTP %d to an invalid URL: %.200s", status, loc);
        fail_start(c, SA_EFETCH, "%s: redirects to an invalid URL: %.200s", x->url, loc);
        return 0;
    }
    int is_start = c->start_state == 0 && x->depth == 0;
    int loop = strcmp(x->url, target) == 0;
    for (int i = 0; i < x->hops && !loop; i++) loop = strcmp(x->chain[i], target) == 0;
    if (loop) {
        add_error(c, x->requested, "redirect loop: %s -> %s", x->url, target);
        fail_start(c, SA_EFETCH, "%s: redirect loop via %s", x->requested, target);
        sa__free(target);
        return 0;
    }
    if (x->hops >= MAX_REDIRECTS) {
        hit_limit(c, SA_LIMIT_MAX_REDIRECTS);
        add_error(c, x->requested, "more than %d redirects", MAX_REDIRECTS);
        fail_start(c, SA_EFETCH, "%s: more than 10 redirects%s", x->requested, "");
        sa__free(target);
        return 0;
    }
    if (!sa__url_in_scope(c->start, target)) {
        if (is_start)
            fail_start(c, SA_ESCOPE, "%s: redirects off-site to %s (audit that URL instead)",
                       x->requested, target);
        sa__free(target);
        return 0;
    }
    if (!robots_allow(c, target)) {
        hit_limit(c, SA_LIMIT_ROBOTS);
        fail_start(c, SA_EROBOTS, "%s: redirects to %s, which robots.txt disallows", x->requested,
                   target);
        sa__free(target);
        return 0;
    }
    /* Another page already led to the target: this chain ends without a second fetch. */
    if (!is_start && sa__frontier_mark(&c->frontier, target) == 1) {
        sa__free(target);
        return 0;
    }
    if (is_start) sa__frontier_mark(&c->frontier, target);
    x->chain[x->hops++] = x->url;
    x->url = target;
    return xfer_start(c, x) == SA_OK;
}

/* Records how url answered, for the checks (broken_links) to ask after the crawl. */
static void record_status(struct crawl *c, const char *url, long status)
{
    sa__urlset_set_status(&c->frontier.seen, url, (int)status);
}

static void on_probe_done(struct crawl *c, struct xfer *x, CURLcode res)
{
    long status = 0;
    curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
    int ok = res == CURLE_OK || (res == CURLE_WRITE_ERROR && (x->truncated || x->not_html));
    if (!ok) {
        if (res == CURLE_ABORTED_BY_CALLBACK && stopped(c)) return;
        record_status(c, x->url, 0);
        add_error(c, x->url, "%s", transport_why(res));
        return;
    }
    if (x->probe == PROBE_HEAD && (status == 405 || status == 501)) {
        x->probe = PROBE_GET; /* HEAD refused: ask again the long way */
        xfer_start(c, x);
        return;
    }
    record_status(c, x->url, status);
    if (status >= 400) add_error(c, x->url, "HTTP %ld (linked resource)", status);
}

/* 429 Too Many Requests and 503 with Retry-After: come back when the server asks, if that
 * is within the audit's limits. 1 when x now waits, 0 when the answer stands. */
static int retry_later(struct crawl *c, struct xfer *x)
{
    curl_off_t ra = -1;
    if (curl_easy_getinfo(x->easy, CURLINFO_RETRY_AFTER, &ra) != CURLE_OK || ra < 0) return 0;
    struct curl_header *h = NULL;
    if (ra == 0 && curl_easy_header(x->easy, "Retry-After", 0, CURLH_HEADER, -1, &h) != CURLHE_OK)
        return 0; /* no header at all: libcurl says 0 */
    double cap = c->o->timeout_ms < RETRY_MAX_WAIT_MS ? c->o->timeout_ms : RETRY_MAX_WAIT_MS;
    if ((double)ra * 1000.0 > cap) {
        x->retry_refused = (long)(ra < 0x7fffffff ? ra : 0x7fffffff);
        return 0;
    }
    if (x->retries >= MAX_RETRIES || stopped(c)) return 0;
    x->retries++;
    x->wake_at = now_ms() + (double)ra * 1000.0;
    XFER_SET(c, x, XFER_WAITING);
    return 1;
}

/* Restarts the transfers whose Retry-After has passed; the earliest pending wake in ms, or -1. */
static double wake_waiting(struct crawl *c)
{
    double next = -1, t = now_ms();
    for (unsigned i = 0; i < c->nxfers; i++) {
        struct xfer *x = &c->xfers[i];
        if (x->state != XFER_WAITING) continue;
        if (x->wake_at <= t) {
            XFER_SET(c, x, XFER_IDLE);
            if (xfer_start(c, x) != SA_OK) {
                add_error(c, x->url, "out of memory");
                xfer_clear(x);
            }
            continue;
        }
        if (next < 0 || x->wake_at - t < next) next = x->wake_at - t;
    }
    return next;
}

static void on_done(struct crawl *c, struct xfer *x, CURLcode res)
{
    if (x->probe) {
        on_probe_done(c, x, res);
        return;
    }
    unsigned ms = (unsigned)(now_ms() - x->t0);
    long status = 0;
    curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
    if (c->is_file && res == CURLE_OK) status = 200;
    if (res == CURLE_OK && (status == 429 || status == 503) && retry_later(c, x)) return;
    int is_start = c->start_state == 0 && x->depth == 0;
    c->done++;
    /* what a link to the requested URL leads to, after any redirect */
    if (!(status >= 300 && status < 400)) {
        long final = (res == CURLE_OK || x->truncated || x->not_html) ? status : 0;
        record_status(c, x->url, final);
        if (x->hops) record_status(c, x->requested, final);
    }

    int ok = res == CURLE_OK || (res == CURLE_WRITE_ERROR && (x->truncated || x->not_html));
    if (!ok) {
        if (res == CURLE_ABORTED_BY_CALLBACK && stopped(c)) return;
        const char *why = transport_why(res);
        char buf[128];
        if (res == CURLE_OPERATION_TIMEDOUT) {
            hit_limit(c, SA_LIMIT_TIMEOUT);
            snprintf(buf, sizeof buf, "timeout after %u s", (c->o->timeout_ms + 999) / 1000);
            why = buf;
        } else if (c->is_file && res == CURLE_FILE_COULDNT_READ_FILE) {
            why = "file not found";
        }
        add_error(c, x->url, "%s", why);
        add_page(c, x->url, 0, 0, ms, x->depth);
        fail_start(c, SA_EFETCH, "%s: %s", x->url, why);
        return;
    }
    if (status >= 300 && status < 400 && follow_redirect(c, x, (int)status)) return;

    struct sa_page_record *rec = add_page(c, x->url, (int)status, x->body.len, ms, x->depth);
    if (!rec) return;
    size_t rec_index = (size_t)(rec - c->out->pages);
    if (x->truncated) hit_limit(c, SA_LIMIT_MAX_BYTES);
    if (status >= 400) {
        if (x->retry_refused)
            add_error(c, x->url, "HTTP %ld (Retry-After %ld s is longer than the audit waits)",
                      status, x->retry_refused);
        else
            add_error(c, x->url, "HTTP %ld", status);
        char code[16];
        snprintf(code, sizeof code, "%ld", status);
        fail_start(c, SA_EHTTP, "%s: the server answered HTTP %s", x->url, code);
        return;
    }
    if (status >= 300) return; /* a redirect that ended here (off-site, seen, robots) */
    char *ct = NULL;
    curl_easy_getinfo(x->easy, CURLINFO_CONTENT_TYPE, &ct);
    if (x->not_html || !sa__html_is_html(x->body.ptr ? x->body.ptr : "", x->body.len, ct)) {
        if (is_start)
            fail_start(c, SA_ENOTHTML, "%s: not an HTML page (Content-Type: %s)", x->url,
                       ct ? ct : "none");
        return;
    }
    if (c->workers) {
        if (queue_html(c, x, (int)status, ms, rec_index, is_start)) return; /* see drain() */
    } else {
        audit_html(c, x, (int)status, ms, rec_index);
    }
    if (is_start) start_done(c);
}

/* The start page was audited: the rest of the site may come. */
static void start_done(struct crawl *c)
{
    c->start_state = 1;
    if (stopped(c)) return; /* neither a sitemap nor a probe is wanted any more */
    load_sitemaps(c);
    probe_http_redirect(c);
}

/* Does http:// lead to https://? Asked once, of the start URL, for an https site. */
static void probe_http_redirect(struct crawl *c)
{
    if (strncasecmp(c->start, "https://", 8) != 0) return;
    char *url = sa__asprintf("http://%s", c->start + 8);
    CURL *e = curl_easy_init();
    if (url && e && easy_setup(c, e) == SA_OK) {
        curl_easy_setopt(e, CURLOPT_URL, url);
        curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
        curl_easy_setopt(e, CURLOPT_TIMEOUT_MS,
                         (long)(c->o->timeout_ms < 5000 ? c->o->timeout_ms : 5000));
        long status = 0;
        char *loc = NULL;
        if (curl_easy_perform(e) == CURLE_OK) {
            curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
            curl_easy_getinfo(e, CURLINFO_REDIRECT_URL, &loc);
            if (status >= 300 && status < 400 && loc && strncasecmp(loc, "https://", 8) == 0)
                c->out->http_to_https = 1;
            else if (status >= 200 && status < 300)
                c->out->http_to_https = -1;
        }
    }
    if (e) curl_easy_cleanup(e);
    sa__free(url);
}

/* ---- the loop ----------------------------------------------------------------------------- */

static void report_progress(struct crawl *c, const char *url)
{
    if (!c->o->progress) return;
    struct sa_progress p = {c->done, sa__frontier_queued(&c->frontier), c->in_flight, url};
    c->o->progress(c->o->progress_ud, &p);
}

static struct xfer *idle_xfer(struct crawl *c)
{
    for (unsigned i = 0; i < c->nxfers; i++)
        if (c->xfers[i].state == XFER_IDLE) return &c->xfers[i];
    return NULL;
}

/* Starts the next link check once no page is left to fetch or in flight (a page in flight may
 * still bring new pages, which come first). 1 when one was started, else 0. */
static int start_probe(struct crawl *c)
{
    if (c->probes_done >= c->nprobes || c->start_state != 1) return 0;
    if (sa__pipe_pending(&c->pipe)) return 0; /* a page in work may bring new pages too */
    for (unsigned i = 0; i < c->nxfers; i++)
        if (c->xfers[i].state == XFER_FETCHING && !c->xfers[i].probe) return 0;
    struct xfer *x = idle_xfer(c);
    if (!x) return 0;
    const char *url = c->probes[c->probes_done++];
    if (!robots_allow(c, url)) return 1; /* skipped, not fetched: try the next one */
    x->url = sa__strdup(url);
    x->requested = sa__strdup(url);
    x->depth = 0;
    x->probe = PROBE_HEAD;
    if (!x->url || !x->requested || xfer_start(c, x) != SA_OK) {
        xfer_clear(x);
        return 0;
    }
    c->started++;
    return 1;
}

static int start_more(struct crawl *c)
{
    while (c->in_flight + c->waiting < c->nxfers && !stopped(c)) {
        /* Until the start page is in, nothing else: its failure ends the audit early. */
        if (c->start_state == 0 && c->started > 0) break;
        if (c->started >= c->o->max_pages) {
            if (sa__frontier_queued(&c->frontier) || c->probes_done < c->nprobes)
                hit_limit(c, SA_LIMIT_MAX_PAGES);
            break;
        }
        if (c->delay_ms && c->started && now_ms() - c->last_start < c->delay_ms) break;
        /* Bounded memory: a response waits in the queue with its whole body, so fetching
         * stops while the workers have four pages each to go. With two each, a worker often
         * found the queue empty: this thread, woken to collect a page and start the next
         * fetch, waits for a core that both workers hold (2 000 pages over nginx, two
         * workers: 140 waits each and 0.28 s idle in all, against 25 and 0.07 s). */
        if (c->workers && sa__pipe_pending(&c->pipe) >= 4u * c->workers) break;
        struct sa_frontier_entry e;
        if (!sa__frontier_pop(&c->frontier, &e)) {
            if (start_probe(c) != 1) break;
            continue;
        }
        if (!robots_allow(c, e.url)) {
            hit_limit(c, SA_LIMIT_ROBOTS);
            if (c->started == 0) {
                fail_start(c, SA_EROBOTS,
                           "%s: robots.txt disallows this URL for shopaudit%s (use "
                           "--ignore-robots on a site you own)",
                           e.url, "");
                return c->start_state;
            }
            continue;
        }
        struct xfer *x = idle_xfer(c);
        if (!x) break;
        x->probe = PROBE_NONE;
        x->url = sa__strdup(e.url);
        x->requested = sa__strdup(e.url);
        x->depth = e.depth;
        if (!x->url || !x->requested || xfer_start(c, x) != SA_OK) {
            xfer_clear(x);
            return SA_ENOMEM;
        }
        c->started++;
    }
    return SA_OK;
}

static int loop(struct crawl *c)
{
    for (;;) {
        double next_wake = c->waiting ? wake_waiting(c) : -1;
        int rc = start_more(c);
        if (rc < 0) return rc;
        if (c->start_state < 0) return c->start_state;
        size_t pending = sa__pipe_pending(&c->pipe);
        if (c->in_flight == 0 && c->waiting == 0 && pending == 0) {
            if (stopped(c)) break;
            int more = sa__frontier_queued(&c->frontier) > 0 ||
                       (c->start_state == 1 && c->probes_done < c->nprobes);
            if (c->started >= c->o->max_pages || !more) break;
        }
        if (stopped(c)) {
            /* Abandon what is in flight; the pages already audited make the report. */
            for (unsigned i = 0; i < c->nxfers; i++) {
                struct xfer *x = &c->xfers[i];
                if (x->state == XFER_WAITING) {
                    XFER_SET(c, x, XFER_IDLE);
                    xfer_clear(x);
                }
                if (x->state != XFER_FETCHING) continue;
                curl_multi_remove_handle(c->multi, x->easy);
                XFER_SET(c, x, XFER_IDLE);
                xfer_clear(x);
            }
            break;
        }
        int running = 0;
        curl_multi_perform(c->multi, &running);
        CURLMsg *m;
        int left;
        while ((m = curl_multi_info_read(c->multi, &left))) {
            if (m->msg != CURLMSG_DONE) continue;
            struct xfer *x = NULL;
            curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
            CURLcode res = m->data.result;
            if (!x) continue;
            curl_multi_remove_handle(c->multi, x->easy);
            XFER_SET(c, x, XFER_IDLE);
            on_done(c, x, res);
            /* on_done may have restarted x on a redirect target */
            if (x->state == XFER_IDLE) {
                report_progress(c, x->url);
                xfer_clear(x);
            }
            if (c->start_state < 0) return c->start_state;
        }
        if (c->workers) {
            drain(c);
            if (c->start_state < 0) return c->start_state;
            pending = sa__pipe_pending(&c->pipe);
        }
        /* Sleep only when there is something to wait for: sockets of running transfers, or the
         * --delay before the next start. file:// transfers finish inside perform(), and a
         * transfer that just ended leaves room to start the next one at once. */
        /* wake at least every 100 ms to see a stop request; a worker's page wakes it at once */
        int wait = running || pending ? 100 : 0;
        if (next_wake >= 0 && c->in_flight < c->nxfers)
            wait = next_wake < 1 ? 1 : next_wake > 100 ? 100 : (int)next_wake;
        if (c->delay_ms && c->in_flight < c->nxfers && sa__frontier_queued(&c->frontier)) {
            double left_ms = c->delay_ms - (now_ms() - c->last_start);
            if (left_ms > 0 && left_ms < 100)
                wait = (int)left_ms;
            else if (left_ms >= 100)
                wait = 100;
        }
        if (wait > 0) poll_for(c, wait);
    }
    return SA_OK;
}

int sa__crawl_run(const struct sa_crawl_cfg *cfg, const char *start_url, struct sa_crawl_out *out,
                  char *err, size_t errlen)
{
    struct crawl c = {0};
    c.cfg = cfg;
    c.o = cfg->opts;
    c.out = out;
    c.start = start_url;
    c.err = err;
    c.errlen = errlen;
    c.is_file = strncasecmp(start_url, "file:", 5) == 0;
    c.delay_ms = c.o->delay_ms;
    memset(out, 0, sizeof *out);
    err[0] = '\0';
    size_t max_seen = (size_t)c.o->max_pages * 100;
    sa__frontier_init(&c.frontier, max_seen > MAX_SEEN_FLOOR ? max_seen : MAX_SEEN_FLOOR);
    sa__urlset_init(&c.shapes, MAX_SHAPES);

    int rc = SA_ENOMEM;
    c.user_agent = sa__user_agent(c.o); /* the rendering browser sends the same */
    c.multi = curl_multi_init();
    c.share = curl_share_init();
    c.nxfers = c.o->concurrency ? c.o->concurrency : 1;
    c.xfers = sa__calloc(c.nxfers, sizeof *c.xfers);
    c.headers = curl_slist_append(NULL, "Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.5");
    for (const char *const *h = c.o->headers; c.headers && h && *h; h++) {
        struct curl_slist *more = curl_slist_append(c.headers, *h);
        if (!more) {
            curl_slist_free_all(c.headers);
            c.headers = NULL;
        }
        c.headers = more;
    }
    if (!c.user_agent || !c.multi || !c.share || !c.xfers || !c.headers) goto out;
    curl_share_setopt(c.share, CURLSHOPT_SHARE, CURL_LOCK_DATA_COOKIE);
    curl_share_setopt(c.share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    /* The multi keeps at most this many connections per host: politeness. */
    curl_multi_setopt(c.multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)c.nxfers);
    for (unsigned i = 0; i < c.nxfers; i++) {
        c.xfers[i].easy = curl_easy_init();
        if (!c.xfers[i].easy || easy_setup(&c, c.xfers[i].easy) != SA_OK) goto out;
    }
    unsigned jobs = c.o->jobs;
    if (jobs == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = cpus < 1 ? 1 : cpus > SA_PIPE_MAX_WORKERS ? SA_PIPE_MAX_WORKERS : (unsigned)cpus;
    }
    /* --jobs 1 creates no thread at all: failure-injection tests need one allocation order.
     * Workers that cannot start leave the pages to the main thread. */
    if (jobs >= 2) c.workers = sa__pipe_start(&c.pipe, jobs, work, wake, &c);

    if (!c.is_file && !c.o->ignore_robots) {
        rc = load_robots(&c);
        if (rc != SA_OK) goto out;
    }
    rc = sa__frontier_push(&c.frontier, start_url, 0, 1000);
    if (rc != SA_OK) goto out;
    rc = loop(&c);
    pipe_finish(&c); /* before the start page's fate is read: it may be in a worker */
    if (rc == SA_OK && c.start_state == 0) {
        rc = stopped(&c) ? SA_EINTR : SA_EFETCH;
        if (!err[0]) snprintf(err, errlen, "%s: %s", start_url, "the start page was not audited");
    }
    if (stopped(&c)) {
        out->interrupted = 1;
        hit_limit(&c, SA_LIMIT_INTERRUPTED);
    }
out:
    pipe_finish(&c);
    if (rc == SA_ENOMEM && !err[0]) snprintf(err, errlen, "out of memory");
    for (unsigned i = 0; c.xfers && i < c.nxfers; i++) {
        if (c.xfers[i].state == XFER_FETCHING) curl_multi_remove_handle(c.multi, c.xfers[i].easy);
        xfer_clear(&c.xfers[i]);
        if (c.xfers[i].easy) curl_easy_cleanup(c.xfers[i].easy);
    }
    sa__free(c.xfers);
    if (c.multi) curl_multi_cleanup(c.multi);
    if (c.share) curl_share_cleanup(c.share);
    curl_slist_free_all(c.headers);
    sa__free(c.user_agent);
    sa__robots_free(c.robots);
    sa__urlset_release(&c.shapes);
    for (size_t i = 0; i < c.nprobes; i++) sa__free(c.probes[i]);
    sa__free(c.probes);
    /* the statuses outlive the crawl: checks ask them in finish() */
    out->seen = c.frontier.seen;
    memset(&c.frontier.seen, 0, sizeof c.frontier.seen);
    sa__frontier_release(&c.frontier);
    return rc;
}

void sa__crawl_out_release(struct sa_crawl_out *out)
{
    for (size_t i = 0; i < out->npages; i++) {
        sa__free(out->pages[i].url);
        sa__free(out->pages[i].title);
    }
    for (size_t i = 0; i < out->nerrors; i++) {
        sa__free(out->errors[i].url);
        sa__free(out->errors[i].error);
    }
    sa__free(out->pages);
    sa__free(out->errors);
    sa__urlset_release(&out->seen);
    memset(out, 0, sizeof *out);
}
