/* The engine's render policy (#11): for each page the crawl built from server HTML, decide
 * whether the checks should see it as a browser renders it instead. "auto" keeps the site on
 * server HTML until a page looks hollow (render_decide.c), then renders at most two probes
 * and switches the site to rendering only when a probe shows retention elements the server
 * HTML lacked; those are kept as the decision's evidence. A browser that cannot start or dies
 * is a warning and a limit, never a failed audit. The hook runs on the pipeline's threads:
 * up to --render-jobs pages render at once, one tab each in the one browser. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "page_build.h"
#include "render.h"
#include "shopaudit/audit.h"
#include "shopaudit/report.h"
#include "useragent.h"

enum phase { PHASE_UNDECIDED, PHASE_ON, PHASE_OFF };

/* Two probes: a shell home page and one product page tell a JavaScript shop from a site that
 * merely looks thin; more would cost a second each for nothing. */
#define MAX_PROBES   2
#define MAX_EVIDENCE 10
/* URLs kept of the pages left as server HTML before a switch: enough to name them. */
#define MAX_EARLY 20

static const char *const mode_names[] = {"auto", "never", "always"};

static void warn(struct sa__render_ctl *c, const char *fmt, const char *a, const char *b)
{
    if (!c->o->warn) return;
    char line[1024];
    snprintf(line, sizeof line, fmt, a, b);
    c->o->warn(c->o->warn_ud, line);
}

static void set_reason(struct sa__render_ctl *c, const char *decision, const char *reason)
{
    c->rep->decision = decision;
    char *r = sa__strdup(reason);
    if (!r) return;
    sa__free(c->rep->reason);
    c->rep->reason = r;
}

void sa__render_ctl_init(struct sa__render_ctl *c, const struct sa_options *o,
                         const struct sa_lexicon *lex, const char *site_root,
                         struct sa_render_report *rep)
{
    memset(c, 0, sizeof *c);
    pthread_mutex_init(&c->mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&c->cv, &ca);
    pthread_condattr_destroy(&ca);
    c->jobs = o->render_jobs ? o->render_jobs : 2;
    rep->render_jobs = c->jobs;
    c->o = o;
    c->lex = lex;
    c->site_root = site_root;
    c->rep = rep;
    rep->mode = (unsigned)o->render < 3 ? mode_names[o->render] : "auto";
    c->phase = o->render == SA_RENDER_NEVER    ? PHASE_OFF
               : o->render == SA_RENDER_ALWAYS ? PHASE_ON
                                               : PHASE_UNDECIDED;
    set_reason(c, o->render == SA_RENDER_NEVER ? "off" : "server_html",
               o->render == SA_RENDER_NEVER    ? "--render never"
               : o->render == SA_RENDER_ALWAYS ? "--render always"
                                               : "no page looked built by JavaScript");
}

static double ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) * 1000.0 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* Under mu. Starts the browser once; a thread that finds another starting it waits. */
static int ensure_browser(struct sa__render_ctl *c)
{
    while (c->starting) pthread_cond_wait(&c->cv, &c->mu);
    if (c->browser) return 1;
    if (c->unavailable) return 0;
    c->starting = 1;
    pthread_mutex_unlock(&c->mu);
    char *ua = sa__user_agent(c->o);
    struct sa__browser_opts bo = {.no_sandbox = geteuid() == 0,
                                  .stop = c->o->stop,
                                  .user_agent = ua,
                                  .mobile = c->o->mobile,
                                  .headers = c->o->headers};
    char err[512];
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct sa__browser *br = NULL;
    int rc = ua ? sa__browser_start(c->o->chromium, &bo, &br, err, sizeof err) : SA_ENOMEM;
    if (!ua) snprintf(err, sizeof err, "out of memory");
    sa__free(ua);
    pthread_mutex_lock(&c->mu);
    c->starting = 0;
    c->browser = br;
    pthread_cond_broadcast(&c->cv);
    c->rep->browser_start_ms = (long long)ms_since(&t0);
    c->rep->render_ms += c->rep->browser_start_ms;
    if (rc == SA_OK) {
        if (bo.no_sandbox)
            warn(c,
                 "running as root: Chromium runs without its sandbox (--no-sandbox), so shop "
                 "JavaScript is less confined; run shopaudit as a normal user%s%s",
                 "", "");
        return 1;
    }
    c->unavailable = 1;
    c->limits |= 1u << SA_LIMIT_RENDER_UNAVAILABLE;
    warn(c, "cannot render pages, auditing server HTML only: %s%s", err, "");
    char *why = sa__asprintf("browser unavailable: %s", err);
    set_reason(c, "unavailable", why ? why : "browser unavailable");
    sa__free(why);
    return 0;
}

static void keep_evidence(struct sa__render_ctl *c, const char *url,
                          const struct sa__render_found *after, unsigned gained)
{
    struct sa_render_report *r = c->rep;
    for (int e = 0; e < SA_RE_LAST; e++) {
        if (!(gained & (1u << e)) || r->nevidence >= MAX_EVIDENCE) continue;
        /* one item per element: the first page that gained it says enough */
        int have = 0;
        for (size_t i = 0; i < r->nevidence; i++)
            have |= strcmp(r->evidence[i].element, sa__render_element_name(e)) == 0;
        if (have) continue;
        if (!r->evidence) {
            r->evidence = sa__calloc(MAX_EVIDENCE, sizeof *r->evidence);
            if (!r->evidence) return;
        }
        struct sa_render_evidence *ev = &r->evidence[r->nevidence];
        ev->element = sa__render_element_name(e);
        ev->url = sa__strdup(url);
        ev->where = sa__strdup(after->where[e]);
        ev->snippet = sa__strdup(after->snippet[e]);
        if (!ev->url || !ev->where || !ev->snippet) {
            sa__free(ev->url);
            sa__free(ev->where);
            sa__free(ev->snippet);
            memset(ev, 0, sizeof *ev);
            return;
        }
        r->nevidence++;
    }
}

static void gained_names(unsigned gained, char *buf, size_t n)
{
    buf[0] = '\0';
    for (int e = 0; e < SA_RE_LAST; e++) {
        if (!(gained & (1u << e))) continue;
        size_t k = strlen(buf);
        snprintf(buf + k, n - k, "%s%s", k ? ", " : "", sa__render_element_name(e));
    }
}

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int stopped(const struct sa__render_ctl *c)
{
    return c->o->stop && *c->o->stop;
}

/* Under mu: waits for cv at most until deadline, in short slices so a stop is seen. */
static void wait_until(struct sa__render_ctl *c, long long deadline)
{
    long long t = now_ms(), until = deadline < t + 200 ? deadline : t + 200;
    if (until <= t) return;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    long long ns = ts.tv_nsec + (until - t) * 1000000LL;
    ts.tv_sec += (time_t)(ns / 1000000000LL);
    ts.tv_nsec = (long)(ns % 1000000000LL);
    pthread_cond_timedwait(&c->cv, &c->mu, &ts);
}

/* Under mu: page goes to the checks as server HTML while the site is undecided (auto). Should
 * the site switch to rendering later, the report names these pages. */
static struct sa_page *left_as_server_html(struct sa__render_ctl *c, struct sa_page *page)
{
    if (c->phase != PHASE_UNDECIDED) return page;
    c->early_count++;
    if (c->nearly < MAX_EARLY) {
        if (!c->early) c->early = sa__calloc(MAX_EARLY, sizeof *c->early);
        char *u = c->early ? sa__strdup(page->url) : NULL;
        if (u) c->early[c->nearly++] = u;
    }
    return page;
}

/* Under mu: a probe's verdict or a render's outcome, and the page the checks will see. */
static struct sa_page *settle(struct sa__render_ctl *c, int probe, int rc, const char *err,
                              struct sa_page *page, struct sa_page *np, int *rendered)
{
    if (rc != SA_OK) {
        c->rep->failures++;
        if (rc == SA_EIO && !c->unavailable) {
            /* the browser died or hung: it was killed; the rest of the audit is server HTML.
             * Every render in flight fails with it; one warning says so. */
            c->unavailable = 1;
            c->limits |= 1u << SA_LIMIT_RENDER_UNAVAILABLE;
            warn(c, "browser stopped, auditing server HTML from here: %s%s", err, "");
        } else if (rc != SA_EINTR && rc != SA_EIO) {
            warn(c, "%s%s", err, "");
        }
        if (probe && c->probes_done >= MAX_PROBES && c->phase == PHASE_UNDECIDED) {
            c->phase = PHASE_OFF;
            if (!c->unavailable) set_reason(c, "server_html", "rendering the probe pages failed");
        }
        return left_as_server_html(c, page);
    }
    struct sa__render_found before, after;
    sa__render_elements(page, &before);
    sa__render_elements(np, &after);
    unsigned gained = after.mask & ~before.mask;
    if (probe && c->phase == PHASE_UNDECIDED) {
        char names[96], *why;
        if (!gained) {
            sa__page_free(np);
            if (c->probes_done >= MAX_PROBES) {
                c->phase = PHASE_OFF;
                why = sa__asprintf("%s, but rendering added no retention element", c->suspect);
                set_reason(c, "server_html", why ? why : "rendering added nothing");
                sa__free(why);
            }
            return left_as_server_html(c, page);
        }
        c->phase = PHASE_ON;
        gained_names(gained, names, sizeof names);
        why = sa__asprintf("%s; rendering %s added %s", c->suspect, page->url, names);
        set_reason(c, "rendered", why ? why : "rendering added retention elements");
        sa__free(why);
    } else if (c->o->render == SA_RENDER_ALWAYS) {
        c->rep->decision = "rendered";
    }
    keep_evidence(c, page->url, &after, gained);
    c->rep->pages_rendered++;
    sa__page_free(page);
    *rendered = 1;
    return np;
}

struct sa_page *sa__render_page(void *ctl, struct sa_page *page, int *rendered)
{
    struct sa__render_ctl *c = ctl;
    *rendered = 0;
    unsigned budget = c->o->render_budget_ms ? c->o->render_budget_ms : 10000;
    /* A page waiting for the probes' verdict waits at most what a probe may take: a browser
     * start, the navigation, the budget and reading the page. */
    long long give_up = now_ms() + 30000 + (long long)c->o->timeout_ms + budget;
    int suspect = -1, probe = 0;
    struct sa__render_signals sig;
    pthread_mutex_lock(&c->mu);
    for (;;) {
        if (c->phase == PHASE_OFF || c->unavailable || stopped(c)) {
            pthread_mutex_unlock(&c->mu);
            return page;
        }
        if (c->phase == PHASE_ON) break;
        if (suspect < 0) {
            /* the page's own signals need no lock; the phase is looked at again after */
            pthread_mutex_unlock(&c->mu);
            suspect = sa__render_suspect(page, &sig);
            pthread_mutex_lock(&c->mu);
            continue;
        }
        if (suspect && c->rep->probes < MAX_PROBES) {
            probe = 1;
            if (!c->suspect[0]) snprintf(c->suspect, sizeof c->suspect, "%s", sig.reason);
            c->rep->probes++;
            c->probes_inflight++;
            break;
        }
        if (!c->probes_inflight || now_ms() >= give_up) {
            struct sa_page *p = left_as_server_html(c, page);
            pthread_mutex_unlock(&c->mu);
            return p;
        }
        wait_until(c, give_up); /* a probe runs: its verdict decides this page too */
    }
    /* a tab of our own */
    while (c->inflight >= c->jobs && !c->unavailable && !stopped(c)) wait_until(c, now_ms() + 200);
    int slot = !c->unavailable && !stopped(c);
    if (slot) c->inflight++;
    int ok = slot && ensure_browser(c);
    struct sa__browser *br = c->browser;
    pthread_mutex_unlock(&c->mu);

    char err[512] = "";
    char *html = NULL;
    size_t len = 0;
    struct sa__render_info info = {0};
    struct sa_page *np = NULL;
    int rc = SA_EIO;
    if (ok) {
        rc = sa__browser_render(br, page->url, c->o->timeout_ms, budget, &html, &len, &info, err,
                                sizeof err);
        if (rc == SA_OK) {
            struct sa_fetch_info fi = {
                .url = page->url,
                .requested_url = page->requested_url,
                .site_root = c->site_root,
                .status = page->status,
                /* the browser hands over a DOM already decoded: its serialisation is UTF-8 */
                .content_type = "text/html; charset=utf-8",
                .ms = page->ms,
                .depth = page->depth,
            };
            char why[256];
            rc = sa__page_build(html, len, &fi, c->lex, &np, why, sizeof why);
            if (rc != SA_OK)
                snprintf(err, sizeof err, "%s: rendered page not parsed: %s", page->url, why);
        }
        sa__free(html);
    }

    pthread_mutex_lock(&c->mu);
    struct sa_page *out = page;
    if (slot) c->inflight--;
    if (ok) {
        c->rep->render_ms += info.ms;
        if (info.budget_hit) {
            c->rep->budget_hits++;
            c->limits |= 1u << SA_LIMIT_RENDER_BUDGET;
        }
    }
    if (probe) {
        c->probes_inflight--;
        c->probes_done++;
    }
    if (ok)
        out = settle(c, probe, rc, err, page, np, rendered);
    else if (probe && c->phase == PHASE_UNDECIDED && c->probes_done >= MAX_PROBES)
        c->phase = PHASE_OFF;
    pthread_cond_broadcast(&c->cv);
    pthread_mutex_unlock(&c->mu);
    return out;
}

/* Once: the engine calls it after the crawl and again when freeing an audit that failed. No
 * render runs any more when it does. */
void sa__render_ctl_finish(struct sa__render_ctl *c)
{
    if (c->finished) return;
    c->finished = 1;
    if (c->browser) {
        size_t peak = 0;
        sa__browser_rss_kb(c->browser, &peak);
        c->rep->browser_peak_rss_kb = peak;
        sa__browser_free(c->browser);
        c->browser = NULL;
    }
    if (c->phase == PHASE_UNDECIDED && c->rep->probes && !c->unavailable &&
        c->rep->failures < c->rep->probes) {
        char *why = sa__asprintf("%s, but rendering added no retention element", c->suspect);
        set_reason(c, "server_html", why ? why : "rendering added nothing");
        sa__free(why);
    }
    if (c->o->render == SA_RENDER_ALWAYS && !c->unavailable && c->rep->pages_rendered)
        c->rep->decision = "rendered";
    if (c->o->render == SA_RENDER_AUTO && c->phase == PHASE_ON) {
        c->rep->server_html_before_switch = c->early_count;
        c->rep->before_switch_urls = c->early;
        c->rep->nbefore_switch_urls = c->nearly;
    } else {
        for (size_t i = 0; i < c->nearly; i++) sa__free(c->early[i]);
        sa__free(c->early);
    }
    c->early = NULL;
    c->nearly = c->early_count = 0;
    pthread_cond_destroy(&c->cv);
    pthread_mutex_destroy(&c->mu);
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) == 0) c->rep->own_peak_rss_kb = (size_t)ru.ru_maxrss;
}

void sa__render_report_release(struct sa_render_report *r)
{
    for (size_t i = 0; i < r->nevidence; i++) {
        sa__free(r->evidence[i].url);
        sa__free(r->evidence[i].where);
        sa__free(r->evidence[i].snippet);
    }
    sa__free(r->evidence);
    sa__free(r->reason);
    for (size_t i = 0; i < r->nbefore_switch_urls; i++) sa__free(r->before_switch_urls[i]);
    sa__free(r->before_switch_urls);
    memset(r, 0, sizeof *r);
}
