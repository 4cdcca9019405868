/* The shopaudit command: reads the options (command line, then shopaudit.json, both through
 * one option table), loads rule files, runs one audit through the public API, writes the
 * reports and maps the outcome to the exit codes of DESIGN.md. The only part of the project
 * that prints: one line per error on stderr, progress on stderr when it is a terminal, the
 * summary on stdout. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "cli_parse.h"
#include "shopaudit/rules.h"
#include "shopaudit/shopaudit.h"

enum {
    EXIT_DONE = 0,
    EXIT_BELOW = 1,
    EXIT_USAGE = 2,
    EXIT_SITE = 3,
    EXIT_INTERRUPTED = 130,
    EXIT_ANSWERED = 1000, /* internal: --help or --version answered; exits 0 */
};

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
    (void)sig;
    stop_flag = 1;
}

static int die_usage(const char *fmt, const char *a, const char *b)
{
    fputs("shopaudit: ", stderr);
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
    return EXIT_USAGE;
}

static int parse_uint(const char *opt, const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    errno = 0;
    if (!s || !*s || *s == '-' || *s == '+') goto bad;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || *end || v > max) goto bad;
    *out = v;
    return 0;
bad:
    die_usage("%s: not a number: '%s'", opt, s ? s : "");
    return -1;
}

static int parse_seconds(const char *opt, const char *s, double max, double *out)
{
    char *end;
    errno = 0;
    double v = s && *s ? strtod(s, &end) : -1;
    if (!s || !*s || errno || *end || !(v >= 0) || v > max) {
        die_usage("%s: not a number of seconds: '%s'", opt, s ? s : "");
        return -1;
    }
    *out = v;
    return 0;
}

static int parse_size(const char *opt, const char *s, size_t *out)
{
    if (sa__parse_size(s, out) == 0) return 0;
    die_usage("%s: not a size between 1k and 4G: '%s'", opt, s ? s : "");
    return -1;
}

/* The folder a report will go to must exist and be writable before a long crawl starts. */
static int check_writable(const char *path)
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        die_usage("%s: no such folder: '%s'", path, dir);
        return -1;
    }
    if (access(dir, W_OK) != 0) {
        die_usage("%s: folder is not writable: '%s'", path, dir);
        return -1;
    }
    return 0;
}

static int mkdir_p(const char *dir)
{
    char buf[PATH_MAX];
    if (snprintf(buf, sizeof buf, "%s", dir) >= (int)sizeof buf) return -1;
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) return -1;
        *p = '/';
    }
    if (mkdir(buf, 0777) != 0 && errno != EEXIST) return -1;
    return 0;
}

struct progress {
    double last;
    int shown;
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void on_progress(void *ud, const struct sa_progress *p)
{
    struct progress *pr = ud;
    double t = now_s();
    if (t - pr->last < 0.1) return; /* ten updates a second are plenty for a person */
    pr->last = t;
    pr->shown = 1;
    fprintf(stderr, "\r\033[K%zu done, %zu queued, %zu fetching  %.60s", p->done, p->queued,
            p->in_flight, p->url ? p->url : "");
    fflush(stderr);
}

static void on_warn(void *ud, const char *line)
{
    (void)ud;
    fprintf(stderr, "shopaudit: warning: %s\n", line);
}

static void on_trace(void *ud, const char *line)
{
    (void)ud;
    fprintf(stderr, "shopaudit: trace: %s\n", line);
}

/* ---- settings: what the command line and the config file fill in ------------------------ */

#define LIST_MAX   64        /* entries per list option: a cap, as everything that grows */
#define CONFIG_MAX (1 << 20) /* a config file beyond 1 MiB is a mistake */

/* A list option (--checks a,b; --include RE ...): entries borrowed from argv or the config
 * document, or owned copies of comma-split pieces. */
struct strlist {
    const char *v[LIST_MAX + 1]; /* NULL-terminated */
    size_t n;
    char *owned[LIST_MAX];
    size_t nowned;
    char label[160]; /* who set it, for messages: "--checks" or "shopaudit.json: checks" */
};

enum level { LEVEL_NONE, LEVEL_OFF, LEVEL_WARN, LEVEL_ERROR };

/* Per-check settings of the config's "checks" object. */
struct check_cfg {
    const char *id; /* borrowed from the config document */
    char path[160]; /* "shopaudit.json: checks.cart_visible", for messages */
    int enabled;    /* -1: not said */
    double weight;  /* NAN: not said */
    enum level level;
    double min_score; /* NAN: the level's default (warn: below pass, error: fail) */
};

struct cli {
    struct sa_options o;
    const char *json_path, *out_dir, *config_path, *rules_path, *target;
    const char *html_path, *sarif_path, *junit_path, *baseline_path;
    enum sa_junit_partial junit_partial;
    int fail_on_regression;
    struct strlist fail_on; /* --fail-on specs, parsed once the rule checks are known */
    int quiet, list_checks;
    double fail_under;
    struct strlist pick, skip, include, exclude, headers;
    const char *config_name; /* the config file as named in messages */
    char config_dir[PATH_MAX];
    int from_config; /* a handler is running for a config key */
    char rules_buf[PATH_MAX];
    struct check_cfg ccfg[LIST_MAX];
    size_t nccfg;
};

static void strlist_release(struct strlist *l)
{
    for (size_t i = 0; i < l->nowned; i++) free(l->owned[i]);
    memset(l, 0, sizeof *l);
}

/* Adds val (split at commas and blanks when split is set) to l. */
static int strlist_add(struct strlist *l, const char *label, const char *val, int split)
{
    snprintf(l->label, sizeof l->label, "%s", label);
    if (!split) {
        if (!*val) return die_usage("%s: must not be empty%s", label, "");
        if (l->n == LIST_MAX) return die_usage("%s: more than 64 values%s", label, "");
        l->v[l->n++] = val;
        return 0;
    }
    size_t before = l->n;
    for (const char *p = val; *p;) {
        size_t k = strcspn(p, ", ");
        if (k) {
            if (l->n == LIST_MAX || l->nowned == LIST_MAX)
                return die_usage("%s: more than 64 values%s", label, "");
            char *copy = strndup(p, k);
            if (!copy) return die_usage("%s: out of memory%s", label, "");
            l->owned[l->nowned++] = copy;
            l->v[l->n++] = copy;
        }
        p += k;
        p += strspn(p, ", ");
    }
    if (l->n == before) return die_usage("%s: no check id given%s", label, "");
    return 0;
}

/* ---- the option table ---------------------------------------------------------------------- */

/* How an option takes its value on the command line. */
enum arg { ARG_NONE, ARG_ONE };
/* What JSON a config key takes; CFG_CLI_ONLY options are not config keys, CFG_ONLY ones are
 * not command-line options (secrets and structures that read badly as flags). */
enum cfg { CFG_CLI_ONLY, CFG_BOOL, CFG_NUMBER, CFG_STRING, CFG_SIZE, CFG_LIST };
enum { OPT_CONFIG_ONLY = 1 };

struct opt {
    const char *name; /* long option without dashes, and the config key; NULL: a help heading */
    int short_name;   /* 0: none */
    enum arg arg;
    enum cfg cfg;
    unsigned flags;
    const char *metavar, *help; /* help NULL: not shown by --help */
    /* Applies one value (NULL for a flag); label names the source in messages: "--max-pages"
     * or "shopaudit.json: max-pages". 0, or EXIT_USAGE / EXIT_DONE after printing. */
    int (*set)(struct cli *c, const char *label, const char *val);
};

static int set_out(struct cli *c, const char *l, const char *v)
{
    (void)l;
    c->out_dir = v;
    return 0;
}
static int set_json(struct cli *c, const char *l, const char *v)
{
    (void)l;
    c->json_path = v;
    return 0;
}
static int set_quiet(struct cli *c, const char *l, const char *v)
{
    (void)l, (void)v;
    c->quiet = 1;
    return 0;
}
static int set_max_pages(struct cli *c, const char *l, const char *v)
{
    unsigned long n;
    if (parse_uint(l, v, 10000000, &n) || (n == 0 && die_usage("%s: must be at least 1%s", l, "")))
        return EXIT_USAGE;
    c->o.max_pages = (unsigned)n;
    return 0;
}
static int set_max_depth(struct cli *c, const char *l, const char *v)
{
    unsigned long n;
    if (parse_uint(l, v, 100000, &n)) return EXIT_USAGE;
    c->o.max_depth = (int)n;
    return 0;
}
static int set_concurrency(struct cli *c, const char *l, const char *v)
{
    unsigned long n;
    if (parse_uint(l, v, 64, &n) || (n == 0 && die_usage("%s: must be 1..64%s", l, "")))
        return EXIT_USAGE;
    c->o.concurrency = (unsigned)n;
    return 0;
}
static int set_jobs(struct cli *c, const char *l, const char *v)
{
    unsigned long n;
    if (parse_uint(l, v, 1000000, &n) || (n > 16 && die_usage("%s: must be 0..16: '%s'", l, v)))
        return EXIT_USAGE;
    c->o.jobs = (unsigned)n;
    return 0;
}
static int set_delay(struct cli *c, const char *l, const char *v)
{
    double d;
    if (parse_seconds(l, v, 3600, &d)) return EXIT_USAGE;
    c->o.delay_ms = (unsigned)(d * 1000.0 + 0.5);
    return 0;
}
static int set_timeout(struct cli *c, const char *l, const char *v)
{
    double d;
    if (parse_seconds(l, v, 3600, &d) || (d < 0.001 && die_usage("%s: must be above 0%s", l, "")))
        return EXIT_USAGE;
    c->o.timeout_ms = (unsigned)(d * 1000.0 + 0.5);
    return 0;
}
static int set_max_bytes(struct cli *c, const char *l, const char *v)
{
    return parse_size(l, v, &c->o.max_bytes) ? EXIT_USAGE : 0;
}
static int set_ignore_robots(struct cli *c, const char *l, const char *v)
{
    (void)l, (void)v;
    c->o.ignore_robots = 1;
    return 0;
}
static int set_user_agent(struct cli *c, const char *l, const char *v)
{
    if (!*v) return die_usage("%s: must not be empty%s", l, "");
    c->o.user_agent = v;
    return 0;
}
static int set_mobile(struct cli *c, const char *l, const char *v)
{
    (void)l, (void)v;
    c->o.mobile = 1;
    return 0;
}
static int set_insecure(struct cli *c, const char *l, const char *v)
{
    (void)l, (void)v;
    c->o.insecure = 1;
    return 0;
}
static int set_include(struct cli *c, const char *l, const char *v)
{
    return strlist_add(&c->include, l, v, 0) ? EXIT_USAGE : 0;
}
static int set_exclude(struct cli *c, const char *l, const char *v)
{
    return strlist_add(&c->exclude, l, v, 0) ? EXIT_USAGE : 0;
}
static int set_header(struct cli *c, const char *l, const char *v)
{
    const char *colon = strchr(v, ':');
    if (!colon || colon == v || strpbrk(v, "\r\n"))
        return die_usage("%s: expected 'Name: value' on one line, got '%s'", l, v);
    return strlist_add(&c->headers, l, v, 0) ? EXIT_USAGE : 0;
}
static int set_cookies(struct cli *c, const char *l, const char *v)
{
    if (!*v || strpbrk(v, "\r\n")) return die_usage("%s: expected 'name=value; ...'%s", l, "");
    c->o.cookies = v;
    return 0;
}
static int set_basic_auth(struct cli *c, const char *l, const char *v)
{
    if (!strchr(v, ':') || strpbrk(v, "\r\n"))
        return die_usage("%s: expected 'user:password'%s", l, "");
    c->o.basic_auth = v;
    return 0;
}
/* The password stays out of the file: the config names the environment variable. */
static int set_basic_auth_env(struct cli *c, const char *l, const char *v)
{
    const char *val = *v ? getenv(v) : NULL;
    if (!val || !*val)
        return die_usage("%s: environment variable '%s' is not set", l, *v ? v : "(empty)");
    return set_basic_auth(c, l, val);
}
static int set_checks(struct cli *c, const char *l, const char *v)
{
    return strlist_add(&c->pick, l, v, 1) ? EXIT_USAGE : 0;
}
static int set_skip_checks(struct cli *c, const char *l, const char *v)
{
    return strlist_add(&c->skip, l, v, 1) ? EXIT_USAGE : 0;
}
static int set_list_checks(struct cli *c, const char *l, const char *v)
{
    (void)l, (void)v;
    c->list_checks = 1; /* after --rules and the config are read: rule checks are listed too */
    return 0;
}
static int set_fail_under(struct cli *c, const char *l, const char *v)
{
    char *end;
    double d = strtod(v, &end);
    if (!*v || *end || !(d >= 0 && d <= 101))
        return die_usage("%s: not a score 0..100: '%s'", l, v);
    c->fail_under = d;
    return 0;
}
/* A rules path in a config file is relative to the file's folder, so a project can keep
 * shopaudit.json and rules.json side by side and run from anywhere. */
static int set_rules(struct cli *c, const char *l, const char *v)
{
    if (!*v) return die_usage("%s: must not be empty%s", l, "");
    c->rules_path = v;
    if (c->from_config && v[0] != '/') {
        if (snprintf(c->rules_buf, sizeof c->rules_buf, "%s/%s", c->config_dir, v) >=
            (int)sizeof c->rules_buf)
            return die_usage("%s: path too long%s", l, "");
        c->rules_path = c->rules_buf;
    }
    return 0;
}
static int set_config(struct cli *c, const char *l, const char *v)
{
    if (!*v) return die_usage("%s: must not be empty%s", l, "");
    c->config_path = v;
    return 0;
}
static int set_html(struct cli *c, const char *l, const char *v)
{
    if (!*v) return die_usage("%s: must not be empty%s", l, "");
    c->html_path = v;
    return 0;
}
static int set_report_lang(struct cli *c, const char *l, const char *v)
{
    if (strcmp(v, "auto") != 0 && !sa_report_lang_available(v))
        return die_usage("%s: unknown language '%s' (auto, en, ru, th, el, hy)", l, v);
    c->o.report_lang = v;
    return 0;
}
static int set_sarif(struct cli *c, const char *l, const char *v)
{
    if (!*v) return die_usage("%s: must not be empty%s", l, "");
    c->sarif_path = v;
    return 0;
}
static int set_junit(struct cli *c, const char *l, const char *v)
{
    if (!*v) return die_usage("%s: must not be empty%s", l, "");
    c->junit_path = v;
    return 0;
}
static int set_junit_partial(struct cli *c, const char *l, const char *v)
{
    static const char *const as[] = {"failure", "skipped", "pass", NULL};
    int k = 0;
    while (as[k] && strcmp(as[k], v) != 0) k++;
    if (!as[k]) return die_usage("%s: not failure, skipped or pass: '%s'", l, v);
    c->junit_partial = (enum sa_junit_partial)k;
    return 0;
}
static int set_fail_on(struct cli *c, const char *l, const char *v)
{
    return strlist_add(&c->fail_on, l, v, 0) ? EXIT_USAGE : 0;
}
static int set_baseline(struct cli *c, const char *l, const char *v)
{
    if (!*v) return die_usage("%s: must not be empty%s", l, "");
    c->baseline_path = v;
    return 0;
}
static int set_fail_on_regression(struct cli *c, const char *l, const char *v)
{
    (void)l, (void)v;
    c->fail_on_regression = 1;
    return 0;
}
static int set_render(struct cli *c, const char *l, const char *v)
{
    static const char *const modes[] = {"auto", "never", "always", NULL};
    int m = 0;
    while (modes[m] && strcmp(modes[m], v) != 0) m++;
    if (!modes[m]) return die_usage("%s: expected auto, never or always, got '%s'", l, v);
    c->o.render = m == 0 ? SA_RENDER_AUTO : m == 1 ? SA_RENDER_NEVER : SA_RENDER_ALWAYS;
    return 0;
}
static int set_chromium(struct cli *c, const char *l, const char *v)
{
    if (!*v) return die_usage("%s: must not be empty%s", l, "");
    c->o.chromium = v;
    return 0;
}
static int set_render_budget(struct cli *c, const char *l, const char *v)
{
    unsigned long n;
    if (parse_uint(l, v, 600000, &n) || (n < 100 && die_usage("%s: must be at least 100%s", l, "")))
        return EXIT_USAGE;
    c->o.render_budget_ms = (unsigned)n;
    return 0;
}
static int set_render_jobs(struct cli *c, const char *l, const char *v)
{
    unsigned long n;
    if (parse_uint(l, v, 1000000, &n) ||
        ((n < 1 || n > 8) && die_usage("%s: must be 1..8, got '%s'", l, v)))
        return EXIT_USAGE;
    c->o.render_jobs = (unsigned)n;
    return 0;
}
static int print_help(struct cli *c, const char *l, const char *v);
static int print_version(struct cli *c, const char *l, const char *v)
{
    (void)c, (void)l, (void)v;
    printf("shopaudit %s\n", SA_VERSION);
    return EXIT_ANSWERED;
}

/* Every option, once: getopt_long, --help and the config loader all read this table, so a new
 * option is one line here plus its handler, and is a config key by construction. */
static const struct opt opts[] = {
    {NULL, 0, 0, 0, 0, NULL, "Reports:", NULL},
    {"out", 'o', ARG_ONE, CFG_STRING, 0, "DIR",
     "write report.json and report.html in DIR (created)", set_out},
    {"json", 0, ARG_ONE, CFG_STRING, 0, "FILE", "the JSON report", set_json},
    {"html", 0, ARG_ONE, CFG_STRING, 0, "FILE", "the HTML report, one self-contained file",
     set_html},
    {"report-lang", 0, ARG_ONE, CFG_STRING, 0, "L",
     "its language: auto (the shop's), en, ru, th, el, hy", set_report_lang},
    {"sarif", 0, ARG_ONE, CFG_STRING, 0, "FILE", "SARIF 2.1.0, for code scanning", set_sarif},
    {"junit", 0, ARG_ONE, CFG_STRING, 0, "FILE", "JUnit XML, one testcase per check", set_junit},
    {"junit-partial", 0, ARG_ONE, CFG_STRING, 0, "AS",
     "a partial check in JUnit: failure (default), skipped, pass", set_junit_partial},
    {"quiet", 'q', ARG_NONE, CFG_BOOL, 0, NULL, "no summary on stdout", set_quiet},
    {NULL, 0, 0, 0, 0, NULL, "Crawl:", NULL},
    {"max-pages", 0, ARG_ONE, CFG_NUMBER, 0, "N", "responses to fetch (default 200)",
     set_max_pages},
    {"max-depth", 0, ARG_ONE, CFG_NUMBER, 0, "N",
     "link hops from the start page (default: no limit)", set_max_depth},
    {"concurrency", 0, ARG_ONE, CFG_NUMBER, 0, "N", "transfers at once, 1..64 (default 4)",
     set_concurrency},
    {"jobs", 'j', ARG_ONE, CFG_NUMBER, 0, "N", "page threads, 0..16 (default 0: one per CPU)",
     set_jobs},
    {"delay", 0, ARG_ONE, CFG_NUMBER, 0, "SECONDS", "pause between requests (default 0)",
     set_delay},
    {"timeout", 0, ARG_ONE, CFG_NUMBER, 0, "SECONDS", "per request (default 15)", set_timeout},
    {"max-bytes", 0, ARG_ONE, CFG_SIZE, 0, "SIZE",
     "per page, decoded; k, M, G suffixes (default 5M)", set_max_bytes},
    {"ignore-robots", 0, ARG_NONE, CFG_BOOL, 0, NULL,
     "do not honour robots.txt (only on sites you own)", set_ignore_robots},
    {"user-agent", 0, ARG_ONE, CFG_STRING, 0, "STR", "User-Agent header (default names shopaudit)",
     set_user_agent},
    {"mobile", 0, ARG_NONE, CFG_BOOL, 0, NULL, "crawl as a mobile browser", set_mobile},
    {"insecure", 0, ARG_NONE, CFG_BOOL, 0, NULL,
     "accept any TLS certificate (self-signed staging sites)", set_insecure},
    {"include", 0, ARG_ONE, CFG_LIST, 0, "REGEX",
     "follow only links whose URL matches (repeatable)", set_include},
    {"exclude", 0, ARG_ONE, CFG_LIST, 0, "REGEX",
     "never follow links whose URL matches (repeatable)", set_exclude},
    {"header", 0, ARG_ONE, CFG_LIST, 0, "'N: V'", "extra request header (repeatable)", set_header},
    {"render", 0, ARG_ONE, CFG_STRING, 0, "MODE",
     "run the shop's JavaScript in Chromium: auto (default), never, always", set_render},
    {"chromium", 0, ARG_ONE, CFG_STRING, 0, "PATH", "the browser (default: chromium in PATH)",
     set_chromium},
    {"render-budget-ms", 0, ARG_ONE, CFG_NUMBER, 0, "N",
     "per rendered page: load and network quiet (default 10000)", set_render_budget},
    {"render-jobs", 0, ARG_ONE, CFG_NUMBER, 0, "N", "pages rendered at once, 1..8 (default 2)",
     set_render_jobs},
    {"cookies", 0, ARG_ONE, CFG_STRING, OPT_CONFIG_ONLY, NULL, NULL, set_cookies},
    {"basic-auth", 0, ARG_ONE, CFG_STRING, OPT_CONFIG_ONLY, NULL, NULL, set_basic_auth},
    {"basic-auth-env", 0, ARG_ONE, CFG_STRING, OPT_CONFIG_ONLY, NULL, NULL, set_basic_auth_env},
    {NULL, 0, 0, 0, 0, NULL, "Checks:", NULL},
    {"checks", 0, ARG_ONE, CFG_LIST, 0, "ID,...", "run only these checks", set_checks},
    {"skip-checks", 0, ARG_ONE, CFG_LIST, 0, "ID,...", "leave these checks out", set_skip_checks},
    {"list-checks", 0, ARG_NONE, CFG_CLI_ONLY, 0, NULL, "list the checks and exit",
     set_list_checks},
    {"rules", 0, ARG_ONE, CFG_STRING, 0, "FILE", "add the checks of a rules file (docs/rules.md)",
     set_rules},
    {NULL, 0, 0, 0, 0, NULL, "CI gate (exit 1 when):", NULL},
    {"fail-under", 0, ARG_ONE, CFG_NUMBER, 0, "N", "the site score is below N (0..100)",
     set_fail_under},
    {"fail-on", 0, ARG_ONE, CFG_LIST, 0, "ID[=partial]",
     "a check, category or * is worse than pass (or partial)", set_fail_on},
    {"baseline", 0, ARG_ONE, CFG_STRING, 0, "FILE", "compare with a previous JSON report",
     set_baseline},
    {"fail-on-regression", 0, ARG_NONE, CFG_BOOL, 0, NULL, "a check got worse than in --baseline",
     set_fail_on_regression},
    {NULL, 0, 0, 0, 0, NULL, "Other:", NULL},
    {"config", 0, ARG_ONE, CFG_CLI_ONLY, 0, "FILE",
     "settings (default ./shopaudit.json); the command line wins", set_config},
    {"help", 'h', ARG_NONE, CFG_CLI_ONLY, 0, NULL, "this help; -V, --version: the version",
     print_help},
    {"version", 'V', ARG_NONE, CFG_CLI_ONLY, 0, NULL, NULL, print_version},
};
#define NOPTS (sizeof opts / sizeof opts[0])

static int print_help(struct cli *c, const char *l, const char *v)
{
    (void)c, (void)l, (void)v;
    fputs("Usage: shopaudit [OPTIONS] URL|FOLDER    (many shops: shopaudit batch|merge --help)\n"
          "Crawl an online shop and score how well it keeps its buyers.\n\n",
          stdout);
    for (size_t i = 0; i < NOPTS; i++) {
        const struct opt *o = &opts[i];
        if (!o->help) continue;
        if (!o->name) {
            printf("%s\n", o->help);
            continue;
        }
        char lhs[40];
        snprintf(lhs, sizeof lhs, "%s%c%c --%s%s%s", o->short_name ? "-" : " ",
                 o->short_name ? o->short_name : ' ', o->short_name ? ',' : ' ', o->name,
                 o->metavar ? " " : "", o->metavar ? o->metavar : "");
        printf("  %-24s %s\n", lhs + 0, o->help);
    }
    fputs("A FOLDER (or a file:// URL) audits a static export of a shop without a server.\n"
          "Exit: 0 done, 1 a gate above failed or a check at level error, 2 usage or bad\n"
          "      input, 3 site could not be audited, 130 interrupted (partial reports).\n"
          "Example: shopaudit --out report/ https://shop.example/\n",
          stdout);
    return EXIT_ANSWERED;
}

static const struct opt *opt_named(const char *name)
{
    for (size_t i = 0; i < NOPTS; i++)
        if (opts[i].name && strcmp(opts[i].name, name) == 0) return &opts[i];
    return NULL;
}

/* ---- the config file ----------------------------------------------------------------------- */

static int config_fail(const struct cli *c, const char *path, const char *what)
{
    fprintf(stderr, "shopaudit: %s: %s: %s\n", c->config_name, path, what);
    return EXIT_USAGE;
}

static const char *cfg_expected(enum cfg t)
{
    switch (t) {
    case CFG_BOOL:
        return "expected true or false";
    case CFG_NUMBER:
        return "expected a number";
    case CFG_SIZE:
        return "expected a number or a size string such as \"5M\"";
    case CFG_LIST:
        return "expected a string or an array of strings";
    default:
        return "expected a string";
    }
}

/* Applies one scalar JSON value through the option's handler, so a config value is checked
 * exactly as the same value on the command line. */
static int cfg_apply(struct cli *c, const struct opt *o, const char *label, const cJSON *v)
{
    char num[64];
    if (o->cfg == CFG_BOOL) {
        if (!cJSON_IsBool(v)) return config_fail(c, o->name, cfg_expected(o->cfg));
        return cJSON_IsTrue(v) ? o->set(c, label, NULL) : 0;
    }
    if (cJSON_IsNumber(v) && (o->cfg == CFG_NUMBER || o->cfg == CFG_SIZE)) {
        snprintf(num, sizeof num, "%.15g", v->valuedouble);
        return o->set(c, label, num);
    }
    if (cJSON_IsString(v) && o->cfg != CFG_NUMBER) return o->set(c, label, v->valuestring);
    return config_fail(c, o->name, cfg_expected(o->cfg));
}

static int parse_level(const char *s, enum level *out)
{
    static const char *const names[] = {"off", "warn", "error", NULL};
    for (int i = 0; names[i]; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = (enum level)(LEVEL_OFF + i);
            return 0;
        }
    return -1;
}

/* "checks" as an object: per-check enabled, weight, level and min-score. */
static int cfg_checks_object(struct cli *c, const cJSON *obj)
{
    const cJSON *ck;
    cJSON_ArrayForEach(ck, obj)
    {
        char path[160];
        snprintf(path, sizeof path, "checks.%.100s", ck->string);
        if (!cJSON_IsObject(ck)) return config_fail(c, path, "expected an object");
        if (c->nccfg == LIST_MAX) return config_fail(c, path, "more than 64 checks configured");
        struct check_cfg *cc = &c->ccfg[c->nccfg++];
        cc->id = ck->string;
        snprintf(cc->path, sizeof cc->path, "%s", path);
        cc->enabled = -1;
        cc->weight = NAN;
        cc->min_score = NAN;
        const cJSON *f;
        cJSON_ArrayForEach(f, ck)
        {
            char fpath[200];
            snprintf(fpath, sizeof fpath, "%s.%.30s", path, f->string);
            if (strcmp(f->string, "enabled") == 0) {
                if (!cJSON_IsBool(f)) return config_fail(c, fpath, "expected true or false");
                cc->enabled = cJSON_IsTrue(f);
            } else if (strcmp(f->string, "weight") == 0) {
                if (!cJSON_IsNumber(f)) return config_fail(c, fpath, "expected a number");
                if (!(f->valuedouble >= 0 && f->valuedouble <= 100))
                    return config_fail(c, fpath, "must be 0..100");
                cc->weight = f->valuedouble;
            } else if (strcmp(f->string, "level") == 0) {
                if (!cJSON_IsString(f) || parse_level(f->valuestring, &cc->level))
                    return config_fail(c, fpath, "expected \"off\", \"warn\" or \"error\"");
            } else if (strcmp(f->string, "min-score") == 0) {
                if (!cJSON_IsNumber(f)) return config_fail(c, fpath, "expected a number");
                if (!(f->valuedouble >= 0 && f->valuedouble <= 1))
                    return config_fail(c, fpath, "must be 0..1");
                cc->min_score = f->valuedouble;
            } else {
                return config_fail(c, fpath, "unknown key");
            }
        }
    }
    return 0;
}

/* Reads the config into c. Keys the command line already set are type-checked but not
 * applied: the command line wins. */
static int load_config(struct cli *c, const unsigned char *cli_set, cJSON **doc_out)
{
    *doc_out = NULL;
    const char *path = c->config_path;
    if (!path) {
        if (access("shopaudit.json", F_OK) != 0) return 0;
        path = "shopaudit.json";
    }
    c->config_name = path;
    snprintf(c->config_dir, sizeof c->config_dir, "%s", path);
    char *slash = strrchr(c->config_dir, '/');
    if (slash)
        *(slash == c->config_dir ? slash + 1 : slash) = '\0';
    else
        snprintf(c->config_dir, sizeof c->config_dir, ".");

    FILE *f = fopen(path, "rb");
    if (!f) return die_usage("%s: cannot read: %s", path, strerror(errno));
    char *text = malloc(CONFIG_MAX + 1);
    size_t n = text ? fread(text, 1, CONFIG_MAX + 1, f) : 0;
    int bad = !text || ferror(f);
    fclose(f);
    if (bad || n > CONFIG_MAX) {
        free(text);
        return die_usage("%s: %s", path, bad ? "cannot read" : "larger than 1 MiB");
    }
    text[n] = '\0';
    cJSON *doc = cJSON_ParseWithLength(text, n);
    if (!doc) {
        const char *at = cJSON_GetErrorPtr();
        int line = 1;
        for (const char *p = text; at && p < at && p < text + n; p++) line += *p == '\n';
        free(text);
        fprintf(stderr, "shopaudit: %s:%d: not valid JSON\n", path, line);
        return EXIT_USAGE;
    }
    free(text);
    *doc_out = doc;
    if (!cJSON_IsObject(doc)) return config_fail(c, "(top level)", "expected an object");
    c->from_config = 1;
    const cJSON *item;
    int rc = 0;
    cJSON_ArrayForEach(item, doc)
    {
        const char *key = item->string;
        if (strcmp(key, "$schema") == 0) continue;
        const struct opt *o = opt_named(key);
        if (!o) {
            rc = config_fail(c, key, "unknown key");
            break;
        }
        if (o->cfg == CFG_CLI_ONLY) {
            rc = config_fail(c, key, "only on the command line");
            break;
        }
        if (strcmp(key, "checks") == 0 && cJSON_IsObject(item)) {
            rc = cfg_checks_object(c, item);
            if (rc) break;
            continue;
        }
        char label[200];
        snprintf(label, sizeof label, "%s: %s", path, key);
        int skip = cli_set[o - opts];
        if (o->cfg == CFG_LIST && cJSON_IsArray(item)) {
            const cJSON *e;
            cJSON_ArrayForEach(e, item)
            {
                if (!cJSON_IsString(e)) {
                    rc = config_fail(c, key, cfg_expected(CFG_LIST));
                    break;
                }
                if (!skip) rc = o->set(c, label, e->valuestring);
                if (rc) break;
            }
        } else if (skip) {
            /* still type-checked, so a wrong file fails the same way with or without flags */
            int ok = o->cfg == CFG_BOOL     ? cJSON_IsBool(item)
                     : o->cfg == CFG_NUMBER ? cJSON_IsNumber(item)
                     : o->cfg == CFG_SIZE   ? cJSON_IsNumber(item) || cJSON_IsString(item)
                                            : cJSON_IsString(item);
            if (!ok) rc = config_fail(c, key, cfg_expected(o->cfg));
        } else {
            rc = cfg_apply(c, o, label, item);
        }
        if (rc) break;
    }
    c->from_config = 0;
    return rc;
}

/* ---- after the options: rules, check ids, per-check settings -------------------------------- */

static const struct sa_check *find_any(const struct sa_rules *rs, const char *id)
{
    const struct sa_check *ck = sa_check_find(id);
    for (const struct sa_check *const *x = sa_rules_checks(rs); !ck && *x; x++)
        if (strcmp((*x)->id, id) == 0) ck = *x;
    return ck;
}

static int validate_ids(const struct strlist *l, const struct sa_rules *rs)
{
    for (size_t i = 0; i < l->n; i++)
        if (!find_any(rs, l->v[i]))
            return die_usage("%s: unknown check '%s' (see shopaudit --list-checks)", l->label,
                             l->v[i]);
    return 0;
}

static const struct check_cfg *ccfg_of(const struct cli *c, const char *id)
{
    for (size_t i = c->nccfg; i-- > 0;)
        if (strcmp(c->ccfg[i].id, id) == 0) return &c->ccfg[i];
    return NULL;
}

static int listed_in(const struct strlist *l, const char *id)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], id) == 0) return 1;
    return 0;
}

static void list_checks(FILE *f, const struct sa_rules *rs)
{
    fprintf(f, "%-20s %-11s %6s  %s\n", "ID", "CATEGORY", "WEIGHT", "TITLE");
    for (int pass = 0; pass < 2; pass++) {
        const struct sa_check *const *x = pass ? sa_rules_checks(rs) : sa_builtin_checks;
        for (; *x; x++)
            fprintf(f, "%-20s %-11s %6.2f  %s\n", (*x)->id, (*x)->category, (*x)->weight,
                    (*x)->title);
    }
}

/* Lighthouse CI's assertion levels: warn prints, error also fails the run. A check breaks its
 * assertion when its score is below min-score, or by default when it fails (error) or is not
 * a pass (warn). Returns 1 when a check at level error broke. */
static int assert_levels(const struct cli *c, const struct sa_report *r)
{
    int broke = 0;
    for (size_t i = 0; i < r->nchecks; i++) {
        const struct sa_check_result *cr = &r->checks[i];
        const struct check_cfg *cc = ccfg_of(c, cr->check->id);
        if (!cc || cc->level < LEVEL_WARN) continue;
        const struct sa_verdict *v = &cr->verdict;
        if (v->status == SA_STATUS_NOT_APPLICABLE) continue;
        int bad = !isnan(cc->min_score)      ? v->score < cc->min_score
                  : cc->level == LEVEL_ERROR ? v->status == SA_STATUS_FAIL
                                             : v->status != SA_STATUS_PASS;
        if (!bad) continue;
        int err = cc->level == LEVEL_ERROR;
        fprintf(stderr, "shopaudit: %s: check %s is %s (score %.2f)\n", err ? "error" : "warning",
                cr->check->id, sa_status_name(v->status), v->score);
        broke |= err;
    }
    return broke;
}

static void cli_release(struct cli *c)
{
    strlist_release(&c->pick);
    strlist_release(&c->skip);
    strlist_release(&c->include);
    strlist_release(&c->exclude);
    strlist_release(&c->headers);
    strlist_release(&c->fail_on);
}

/* Parses argv with getopt_long built from the table; marks in cli_set what the command line
 * gave. Returns 0, EXIT_USAGE, or EXIT_ANSWERED when --help or --version has answered. */
static int parse_argv(struct cli *c, int argc, char **argv, unsigned char *cli_set)
{
    struct option longopts[NOPTS + 1];
    char shorts[2 * NOPTS + 2] = ":"; /* ':' first: a missing value is told apart */
    size_t nl = 0, ns = 1;
    for (size_t i = 0; i < NOPTS; i++) {
        const struct opt *o = &opts[i];
        if (!o->name || (o->flags & OPT_CONFIG_ONLY)) continue;
        longopts[nl++] =
            (struct option){o->name, o->arg == ARG_ONE ? required_argument : no_argument, NULL,
                            o->short_name ? o->short_name : 256 + (int)i};
        if (o->short_name) {
            shorts[ns++] = (char)o->short_name;
            if (o->arg == ARG_ONE) shorts[ns++] = ':';
        }
    }
    shorts[ns] = '\0';
    longopts[nl] = (struct option){0};
    opterr = 0;
    int ch, li;
    while ((ch = getopt_long(argc, argv, shorts, longopts, &li)) != -1) {
        const char *bad = argv[optind - 1];
        if (ch == '?' || ch == ':') {
            char name[64];
            if (optopt && optopt < 256)
                snprintf(name, sizeof name, "-%c", optopt);
            else
                snprintf(name, sizeof name, "%.*s", (int)strcspn(bad, "="), bad);
            if (ch == ':') return die_usage("%s needs a value%s", name, "");
            if (optopt && strchr(bad, '=')) return die_usage("%s takes no value%s", name, "");
            return die_usage("unknown option '%s' (try 'shopaudit --help')%s", name, "");
        }
        size_t i = 0;
        while (i < NOPTS && !(opts[i].name && !(opts[i].flags & OPT_CONFIG_ONLY) &&
                              (ch >= 256 ? (size_t)(ch - 256) == i : opts[i].short_name == ch)))
            i++;
        if (i == NOPTS) return die_usage("unknown option '%s'%s", bad, "");
        char label[72];
        snprintf(label, sizeof label, "--%s", opts[i].name);
        cli_set[i] = 1;
        int rc = opts[i].set(c, label, opts[i].arg == ARG_ONE ? optarg : NULL);
        if (rc) return rc;
    }
    for (int i = optind; i < argc; i++) {
        if (c->target)
            return die_usage("one URL or folder only (got '%s' and '%s')", c->target, argv[i]);
        c->target = argv[i];
    }
    return 0;
}

/* Runs the audit the settings describe and writes the reports; returns the exit code. */
static int run(struct cli *c, const struct sa_gate *gate)
{
    char out_json[PATH_MAX], out_html[PATH_MAX];
    if (c->out_dir) {
        if (mkdir_p(c->out_dir) != 0)
            return die_usage("%s: cannot create folder: %s", c->out_dir, strerror(errno));
        if (snprintf(out_json, sizeof out_json, "%s/report.json", c->out_dir) >=
                (int)sizeof out_json ||
            snprintf(out_html, sizeof out_html, "%s/report.html", c->out_dir) >=
                (int)sizeof out_html)
            return die_usage("%s: path too long%s", c->out_dir, "");
        if (check_writable(out_json)) return EXIT_USAGE;
    }
    const char *files[] = {c->json_path, c->html_path, c->sarif_path, c->junit_path};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
        if (files[i] && check_writable(files[i])) return EXIT_USAGE;
    char err[1024] = "";
    /* A bad baseline is found before a long crawl, not after it. */
    struct sa_baseline *baseline = NULL;
    if (c->baseline_path &&
        sa_baseline_load(c->baseline_path, &baseline, err, sizeof err) != SA_OK) {
        fprintf(stderr, "shopaudit: %s\n", err);
        return EXIT_USAGE;
    }

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESETHAND; /* a second Ctrl-C ends the program at once */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    c->o.stop = &stop_flag;

    if (getenv("SHOPAUDIT_TRACE")) c->o.trace = on_trace;
    c->o.warn = on_warn;
    struct progress pr = {0};
    if (!c->quiet && isatty(STDERR_FILENO)) {
        c->o.progress = on_progress;
        c->o.progress_ud = &pr;
    }

    struct sa_audit *a;
    int rc = sa_audit_new(&c->o, &a, err, sizeof err);
    if (rc != SA_OK) {
        fprintf(stderr, "shopaudit: %s\n", err);
        sa_baseline_free(baseline);
        return rc == SA_ENOMEM ? EXIT_SITE : EXIT_USAGE;
    }
    rc = sa_audit_run(a, c->target);
    if (pr.shown) fputs("\r\033[K", stderr);
    const struct sa_report *r = sa_audit_report(a);
    int code;
    if (rc != SA_OK || !r) {
        fprintf(stderr, "shopaudit: %s\n", sa_audit_error(a));
        code = rc == SA_EURL || rc == SA_EIO ? EXIT_USAGE
               : rc == SA_EINTR || stop_flag ? EXIT_INTERRUPTED
                                             : EXIT_SITE;
        sa_audit_free(a);
        sa_baseline_free(baseline);
        return code;
    }
    code = EXIT_DONE;
    struct sa_comparison cmp = {0};
    int have_cmp = 0;
    if (baseline) {
        if (sa_compare(baseline, r, &cmp) != SA_OK) {
            fputs("shopaudit: out of memory while comparing with the baseline\n", stderr);
            code = EXIT_SITE;
        } else {
            have_cmp = 1;
            sa_audit_set_comparison(a, &cmp);
        }
    }
    /* Every report is attempted even when one fails: a full disk for one file should not
     * lose the others. */
    const char *jpaths[2] = {c->out_dir ? out_json : NULL, c->json_path};
    const char *hpaths[2] = {c->out_dir ? out_html : NULL, c->html_path};
    for (int i = 0; i < 2; i++) {
        if (jpaths[i] && sa_report_write_json(r, jpaths[i], err, sizeof err) != SA_OK) {
            fprintf(stderr, "shopaudit: %s\n", err);
            code = EXIT_USAGE;
        }
        if (hpaths[i] && sa_report_write_html(r, hpaths[i], NULL, err, sizeof err) != SA_OK) {
            fprintf(stderr, "shopaudit: %s\n", err);
            code = EXIT_USAGE;
        }
    }
    if (c->sarif_path && sa_report_write_sarif(r, c->sarif_path, err, sizeof err) != SA_OK) {
        fprintf(stderr, "shopaudit: %s\n", err);
        code = EXIT_USAGE;
    }
    if (c->junit_path &&
        sa_report_write_junit(r, c->junit_path, c->junit_partial, err, sizeof err) != SA_OK) {
        fprintf(stderr, "shopaudit: %s\n", err);
        code = EXIT_USAGE;
    }
    if (!c->quiet) sa_report_write_text(r, stdout);
    if (!c->quiet && have_cmp) sa_comparison_write_text(&cmp, stdout);
    int level_broke = assert_levels(c, r);
    if (code == EXIT_DONE) {
        if (r->limits_hit & (1u << SA_LIMIT_INTERRUPTED))
            code = EXIT_INTERRUPTED;
        else if (round(r->score) < c->fail_under) {
            fprintf(stderr, "shopaudit: score %.0f is below --fail-under %g\n", r->score,
                    c->fail_under);
            code = EXIT_BELOW;
        } else if (level_broke) {
            code = EXIT_BELOW;
        }
    }
    if (code == EXIT_DONE || code == EXIT_BELOW) {
        /* every broken rule is named, so one CI run tells the whole story */
        struct sa_gate_breach *br = NULL;
        size_t nbr = 0;
        if (sa_gate_eval(gate, r, &br, &nbr) != SA_OK) {
            fputs("shopaudit: out of memory while checking --fail-on\n", stderr);
            code = EXIT_SITE;
        }
        for (size_t i = 0; i < nbr; i++) {
            fprintf(stderr, "shopaudit: --fail-on %s%s: %s is %s\n", br[i].rule->target,
                    br[i].rule->worst == SA_STATUS_PARTIAL ? "=partial" : "",
                    br[i].check->check->id, sa_status_name(br[i].check->verdict.status));
            code = EXIT_BELOW;
        }
        sa_gate_breaches_free(br);
        if (have_cmp && c->fail_on_regression && cmp.regressions) {
            fprintf(stderr, "shopaudit: %zu check%s regressed against %s\n", cmp.regressions,
                    cmp.regressions == 1 ? "" : "s", c->baseline_path);
            code = EXIT_BELOW;
        }
    }
    sa_comparison_release(&cmp);
    sa_baseline_free(baseline);
    sa_audit_free(a);
    return code;
}

int main(int argc, char **argv)
{
    /* subcommands for auditing many shops (src/batch.c, src/merge.c) */
    if (argc > 1 && strcmp(argv[1], "batch") == 0) return sa__batch_main(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "merge") == 0) return sa__merge_main(argc - 1, argv + 1);
    static struct cli c;        /* large: keep it off the stack */
    static struct sa_gate gate; /* static: still reachable on the early usage exits */
    sa_gate_init(&gate);
    sa_options_init(&c.o);
    unsigned char cli_set[NOPTS] = {0};
    cJSON *config = NULL;
    struct sa_rules *rules = NULL;
    struct sa_weight weights[LIST_MAX];
    size_t nweights = 0;
    int code = parse_argv(&c, argc, argv, cli_set);
    if (code == EXIT_ANSWERED) {
        code = EXIT_DONE;
        goto out;
    }
    if (code) goto out;
    code = load_config(&c, cli_set, &config);
    if (code) goto out;
    char err[1024] = "";
    if (c.rules_path && sa_rules_load(c.rules_path, &rules, err, sizeof err) != SA_OK) {
        fprintf(stderr, "shopaudit: %s\n", err);
        code = EXIT_USAGE;
        goto out;
    }
    if (c.list_checks) {
        list_checks(stdout, rules);
        code = EXIT_DONE;
        goto out;
    }
    if ((code = validate_ids(&c.pick, rules)) || (code = validate_ids(&c.skip, rules))) goto out;
    gate.extra = rules ? sa_rules_checks(rules) : NULL; /* --fail-on may name a rule check */
    for (size_t i = 0; i < c.fail_on.n; i++)
        if (sa_gate_parse_rule(&gate, c.fail_on.v[i], err, sizeof err) != SA_OK) {
            code = die_usage("%s: %s", c.fail_on.label, err);
            goto out;
        }
    if (c.fail_on_regression && !c.baseline_path) {
        code = die_usage("--fail-on-regression needs --baseline FILE%s%s", "", "");
        goto out;
    }
    for (size_t i = 0; i < c.nccfg; i++) {
        const struct check_cfg *cc = &c.ccfg[i];
        if (!find_any(rules, cc->id)) {
            code = config_fail(&c, cc->path, "unknown check");
            goto out;
        }
        if (!isnan(cc->weight)) weights[nweights++] = (struct sa_weight){cc->id, cc->weight};
        /* off = not run, unless the command line picked it by name: the command line wins */
        int off = cc->enabled == 0 || cc->level == LEVEL_OFF;
        if (off && !(cli_set[opt_named("checks") - opts] && listed_in(&c.pick, cc->id)) &&
            !listed_in(&c.skip, cc->id) && (code = strlist_add(&c.skip, c.config_name, cc->id, 0)))
            goto out;
    }
    if (!c.target) {
        fputs("shopaudit: no URL or folder to audit (try 'shopaudit --help')\n", stderr);
        code = EXIT_USAGE;
        goto out;
    }
    c.o.checks = c.pick.n ? c.pick.v : NULL;
    c.o.skip_checks = c.skip.n ? c.skip.v : NULL;
    c.o.include = c.include.n ? c.include.v : NULL;
    c.o.exclude = c.exclude.n ? c.exclude.v : NULL;
    c.o.headers = c.headers.n ? c.headers.v : NULL;
    c.o.weights = weights;
    c.o.nweights = nweights;
    c.o.extra_checks = rules ? sa_rules_checks(rules) : NULL;
    code = run(&c, &gate);
out:
    cli_release(&c);
    sa_gate_release(&gate);
    sa_rules_free(rules);
    cJSON_Delete(config);
    return code;
}
