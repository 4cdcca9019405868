/* Running an audit: options, the audit object and its lifecycle.
 *
 *     struct sa_options o;
 *     sa_options_init(&o);
 *     struct sa_audit *a;
 *     if (sa_audit_new(&o, &a, err, sizeof err) != SA_OK) ...;
 *     int rc = sa_audit_run(a, "https://shop.example/");   // or a folder, or file://
 *     const struct sa_report *r = sa_audit_report(a);       // borrowed until sa_audit_free(a)
 *     sa_audit_free(a);
 */
#ifndef SHOPAUDIT_AUDIT_H
#define SHOPAUDIT_AUDIT_H

#include <signal.h>
#include <stddef.h>

#include "shopaudit/common.h"
#include "shopaudit/report.h"

struct sa_progress {
    size_t done;      /* responses handled */
    size_t queued;    /* URLs waiting in the frontier */
    size_t in_flight; /* transfers running */
    const char *url;  /* the URL just finished; borrowed for the call */
};

/* --render: whether pages are rendered with a headless Chromium before the checks see them. */
enum sa_render_mode {
    SA_RENDER_AUTO,   /* only sites whose server HTML hides the shop, after a probe proves it */
    SA_RENDER_NEVER,  /* server HTML only: no browser is started */
    SA_RENDER_ALWAYS, /* every HTML page */
};

/* A weight override: the check's share of its category, replacing its built-in weight in the
 * score and the report. */
struct sa_weight {
    const char *id;
    double weight;
};

struct sa_options {
    unsigned max_pages;   /* responses to fetch, all statuses; default 200 */
    int max_depth;        /* link hops from the start URL; -1 (default) = no limit */
    unsigned concurrency; /* transfers at once; default 4 */
    unsigned delay_ms;    /* minimum time between two request starts; default 0 */
    unsigned timeout_ms;  /* per request, whole transfer; default 15 000 */
    size_t max_bytes;     /* per page, decoded; default 5 MiB */
    /* Threads that build and check pages while the calling thread fetches: 0 (default) = one
     * per online CPU, at most 16; 1 = none, every page is built in the calling thread. The
     * report is the same whatever the value. */
    unsigned jobs;
    int ignore_robots;
    int mobile;                     /* send a mobile browser User-Agent and viewport hints */
    int insecure;                   /* accept any TLS certificate (self-signed test shops) */
    const char *user_agent;         /* NULL: "shopaudit/VERSION (+HOMEPAGE)" */
    const char *lexicon_dir;        /* NULL: the lexicon embedded at build time */
    const char *const *checks;      /* NULL: every built-in check; else NULL-terminated ids */
    const char *const *skip_checks; /* NULL-terminated ids left out; NULL: none */
    /* Language of the report's text: "en", "ru", "th", "el", "hy", or NULL/"auto" (default):
     * the most frequent page language when a catalogue exists for it, else English. */
    const char *report_lang;
    /* --- config and rules (issue #7); every pointer is borrowed for the audit's life --- */
    /* Scope rules: PCRE2 patterns searched (unanchored, case-sensitive) in each in-site link's
     * absolute URL. A link is followed when it matches some include pattern (or there is none)
     * and no exclude pattern. The start URL is always fetched. NULL-terminated; NULL: none. */
    const char *const *include;
    const char *const *exclude;
    const char *const *headers;      /* extra request headers "Name: value"; NULL-terminated */
    const char *cookies;             /* Cookie header for every request: "a=1; b=2"; NULL: none */
    const char *basic_auth;          /* "user:password" for HTTP basic auth; NULL: none */
    const struct sa_weight *weights; /* per-check weight overrides; nweights entries */
    size_t nweights;
    /* Checks run besides the built-ins (rule checks from sa_rules_checks), NULL-terminated.
     * Their ids must differ from the built-ins'; --checks and --skip-checks name them too. */
    const struct sa_check *const *extra_checks;
    /* Set non-zero from anywhere (a signal handler) to stop fetching: the audit then runs the
     * checks on what it has and marks the report "interrupted". */
    const volatile sig_atomic_t *stop;
    /* Called after each response, from the thread running sa_audit_run. */
    void (*progress)(void *ud, const struct sa_progress *p);
    void *progress_ud;
    /* Developers' trace: every transfer state change, one line each. NULL: none. */
    void (*trace)(void *ud, const char *line);
    void *trace_ud;
    /* JavaScript rendering (#11). */
    enum sa_render_mode render; /* default SA_RENDER_AUTO */
    const char *chromium;       /* browser path, or a name looked up in PATH; NULL: "chromium" */
    unsigned render_budget_ms;  /* per page: load event + network quiet; default 10 000 */
    unsigned render_jobs;       /* pages rendered at once, one tab each; 1..8, default 2 */
    /* One line on something the audit worked around (no browser, sandbox off as root), as it
     * happens; the report says it too. NULL: none. */
    void (*warn)(void *ud, const char *line);
    void *warn_ud;
};

void sa_options_init(struct sa_options *o);

struct sa_audit;

/* Validates the options and loads the lexicon. Returns SA_OK, SA_EINVAL or SA_ENOMEM with the
 * reason in err. *out is the caller's: sa_audit_free. */
int sa_audit_new(const struct sa_options *o, struct sa_audit **out, char *err, size_t errlen);

/* Crawls the site at target (an http(s) or file:// URL, or a folder path), runs the checks and
 * builds the report. Returns SA_OK when a report exists (even a partial, interrupted one);
 * otherwise the start page could not be audited: SA_EURL (bad target), SA_EFETCH (unreachable),
 * SA_EHTTP (error status), SA_ENOTHTML, SA_EROBOTS, SA_ESCOPE (redirected off-site), with the
 * reason in sa_audit_error(). May be called once per audit object. */
int sa_audit_run(struct sa_audit *a, const char *target);

/* The report; NULL before a successful run. Borrowed until sa_audit_free. */
const struct sa_report *sa_audit_report(const struct sa_audit *a);
/* Attaches a baseline comparison (shopaudit/gate.h) to the report so the JSON writer includes
 * it. c is borrowed and must outlive the report's use; NULL detaches. */
void sa_audit_set_comparison(struct sa_audit *a, const struct sa_comparison *c);
/* One line on the last failure, "" when none. Borrowed. */
const char *sa_audit_error(const struct sa_audit *a);

void sa_audit_free(struct sa_audit *a);

#endif
