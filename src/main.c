/* The shopaudit command: parses options, runs one audit through the public API, writes the
 * reports and maps the outcome to the exit codes of DESIGN.md. The only part of the project
 * that prints: one line per error on stderr, progress on stderr when it is a terminal, the
 * summary on stdout. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "shopaudit/shopaudit.h"

enum {
    EXIT_DONE = 0,
    EXIT_BELOW = 1,
    EXIT_USAGE = 2,
    EXIT_SITE = 3,
    EXIT_INTERRUPTED = 130,
};

static const char usage[] =
    "Usage: shopaudit [OPTIONS] URL|FOLDER\n"
    "Crawl an online shop and score how well it keeps its buyers.\n"
    "\n"
    "Reports:\n"
    "  -o, --out DIR          write DIR/report.json (DIR is created)\n"
    "      --json FILE        write the JSON report to FILE\n"
    "  -q, --quiet            no summary on stdout\n"
    "Crawl:\n"
    "      --max-pages N      responses to fetch (default 200)\n"
    "      --max-depth N      link hops from the start page (default: no limit)\n"
    "      --concurrency N    transfers at once, 1..64 (default 4)\n"
    "      --delay SECONDS    pause between requests (default 0)\n"
    "      --timeout SECONDS  per request (default 15)\n"
    "      --max-bytes SIZE   per page, decoded; k, M, G suffixes (default 5M)\n"
    "      --ignore-robots    do not honour robots.txt (only on sites you own)\n"
    "      --user-agent STR   User-Agent header (default names shopaudit)\n"
    "      --mobile           crawl as a mobile browser\n"
    "      --insecure         accept any TLS certificate (self-signed test shops)\n"
    "Checks:\n"
    "      --checks ID,...    run only these checks\n"
    "      --fail-under N     exit 1 when the site score is below N (0..100)\n"
    "  -h, --help             this help\n"
    "  -V, --version          version\n"
    "\n"
    "A FOLDER (or a file:// URL) audits a static export of a shop without a server.\n"
    "Exit: 0 done, 1 score below --fail-under, 2 usage or bad input,\n"
    "      3 site could not be audited, 130 interrupted (partial report written).\n"
    "Example: shopaudit --out report/ https://shop.example/\n";

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
    char *end;
    errno = 0;
    double v = s && *s ? strtod(s, &end) : -1;
    if (!s || !*s || errno || !(v > 0)) goto bad;
    double mult = 1;
    if (*end == 'k' || *end == 'K')
        mult = 1024.0, end++;
    else if (*end == 'm' || *end == 'M')
        mult = 1048576.0, end++;
    else if (*end == 'g' || *end == 'G')
        mult = 1073741824.0, end++;
    if (*end == 'B' || *end == 'b') end++;
    if (*end || v * mult > 4294967296.0 || v * mult < 1024) goto bad;
    *out = (size_t)(v * mult);
    return 0;
bad:
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

static void on_trace(void *ud, const char *line)
{
    (void)ud;
    fprintf(stderr, "shopaudit: trace: %s\n", line);
}

/* A comma-separated list of check ids, as --checks and --skip-checks take it. */
struct id_list {
    char *buf;        /* a copy of the argument, split in place */
    const char **ids; /* NULL-terminated, into buf; NULL when not given */
};

static void id_list_release(struct id_list *l)
{
    free(l->buf);
    free(l->ids);
    l->buf = NULL;
    l->ids = NULL;
}

static int parse_ids(const char *opt, const char *val, struct id_list *l)
{
    size_t n = 1;
    for (const char *p = val; *p; p++) n += *p == ',';
    l->buf = strdup(val);
    l->ids = calloc(n + 1, sizeof *l->ids);
    if (!l->buf || !l->ids) {
        id_list_release(l);
        return die_usage("%s: out of memory%s", opt, "");
    }
    size_t k = 0;
    for (char *tok = strtok(l->buf, ", "); tok; tok = strtok(NULL, ", ")) {
        if (!sa_check_find(tok)) {
            die_usage("%s: unknown check '%s' (see shopaudit --list-checks)", opt, tok);
            id_list_release(l);
            return -1;
        }
        l->ids[k++] = tok;
    }
    if (k == 0) {
        id_list_release(l);
        return die_usage("%s: no check id given%s", opt, "");
    }
    return 0;
}

static void list_checks(FILE *f)
{
    fprintf(f, "%-20s %-11s %6s  %s\n", "ID", "CATEGORY", "WEIGHT", "TITLE");
    for (size_t i = 0; sa_builtin_checks[i]; i++) {
        const struct sa_check *c = sa_builtin_checks[i];
        fprintf(f, "%-20s %-11s %6.2f  %s\n", c->id, c->category, c->weight, c->title);
    }
}

int main(int argc, char **argv)
{
    struct sa_options o;
    sa_options_init(&o);
    const char *target = NULL, *json_path = NULL, *out_dir = NULL;
    int quiet = 0;
    double fail_under = 0;
    struct id_list pick = {0}, skip = {0};

    for (int i = 1; i < argc; i++) {
        char *arg = argv[i];
        if (arg[0] != '-' || strcmp(arg, "-") == 0) {
            if (target) return die_usage("one URL or folder only (got '%s' and '%s')", target, arg);
            target = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            if (i + 1 < argc) target = argv[++i];
            continue;
        }
        /* --opt=value or --opt value */
        char name[64];
        const char *val = NULL;
        const char *eq = strncmp(arg, "--", 2) == 0 ? strchr(arg, '=') : NULL;
        if (eq) {
            snprintf(name, sizeof name, "%.*s", (int)(eq - arg), arg);
            val = eq + 1;
        } else {
            snprintf(name, sizeof name, "%s", arg);
        }
        static const char *const flags[] = {
            "--ignore-robots", "--mobile",      "--insecure", "-q", "--quiet", "-h", "--help", "-V",
            "--version",       "--list-checks", NULL};
        int is_flag = 0;
        for (int f = 0; flags[f]; f++) is_flag |= strcmp(name, flags[f]) == 0;
        static const char *const valued[] = {"-o",
                                             "--out",
                                             "--json",
                                             "--max-pages",
                                             "--max-depth",
                                             "--concurrency",
                                             "--delay",
                                             "--timeout",
                                             "--max-bytes",
                                             "--user-agent",
                                             "--fail-under",
                                             "--checks",
                                             "--skip-checks",
                                             NULL};
        int takes = 0;
        for (int f = 0; valued[f]; f++) takes |= strcmp(name, valued[f]) == 0;
        if (!is_flag && !takes)
            return die_usage("unknown option '%s' (try 'shopaudit --help')%s", name, "");
        if (is_flag && val) return die_usage("%s takes no value%s", name, "");
        if (takes && !val) {
            if (i + 1 >= argc) return die_usage("%s needs a value%s", name, "");
            val = argv[++i];
        }
        unsigned long n;
        double d;
        if (!strcmp(name, "-h") || !strcmp(name, "--help")) {
            fputs(usage, stdout);
            return EXIT_DONE;
        } else if (!strcmp(name, "-V") || !strcmp(name, "--version")) {
            printf("shopaudit %s\n", SA_VERSION);
            return EXIT_DONE;
        } else if (!strcmp(name, "--ignore-robots")) {
            o.ignore_robots = 1;
        } else if (!strcmp(name, "--mobile")) {
            o.mobile = 1;
        } else if (!strcmp(name, "--insecure")) {
            o.insecure = 1;
        } else if (!strcmp(name, "-q") || !strcmp(name, "--quiet")) {
            quiet = 1;
        } else if (!strcmp(name, "-o") || !strcmp(name, "--out")) {
            out_dir = val;
        } else if (!strcmp(name, "--json")) {
            json_path = val;
        } else if (!strcmp(name, "--max-pages")) {
            if (parse_uint(name, val, 10000000, &n) ||
                (n == 0 && die_usage("%s: must be at least 1%s", name, "")))
                return EXIT_USAGE;
            o.max_pages = (unsigned)n;
        } else if (!strcmp(name, "--max-depth")) {
            if (parse_uint(name, val, 100000, &n)) return EXIT_USAGE;
            o.max_depth = (int)n;
        } else if (!strcmp(name, "--concurrency")) {
            if (parse_uint(name, val, 64, &n) ||
                (n == 0 && die_usage("%s: must be 1..64%s", name, "")))
                return EXIT_USAGE;
            o.concurrency = (unsigned)n;
        } else if (!strcmp(name, "--delay")) {
            if (parse_seconds(name, val, 3600, &d)) return EXIT_USAGE;
            o.delay_ms = (unsigned)(d * 1000.0 + 0.5);
        } else if (!strcmp(name, "--timeout")) {
            if (parse_seconds(name, val, 3600, &d) ||
                (d < 0.001 && die_usage("%s: must be above 0%s", name, "")))
                return EXIT_USAGE;
            o.timeout_ms = (unsigned)(d * 1000.0 + 0.5);
        } else if (!strcmp(name, "--max-bytes")) {
            if (parse_size(name, val, &o.max_bytes)) return EXIT_USAGE;
        } else if (!strcmp(name, "--user-agent")) {
            if (!*val) return die_usage("%s: must not be empty%s", name, "");
            o.user_agent = val;
        } else if (!strcmp(name, "--fail-under")) {
            char *end;
            d = strtod(val, &end);
            if (!*val || *end || !(d >= 0 && d <= 101))
                return die_usage("%s: not a score 0..100: '%s'", name, val);
            fail_under = d;
        } else if (!strcmp(name, "--list-checks")) {
            list_checks(stdout);
            return EXIT_DONE;
        } else if (!strcmp(name, "--checks") || !strcmp(name, "--skip-checks")) {
            struct id_list *l = name[2] == 'c' ? &pick : &skip;
            id_list_release(l);
            if (parse_ids(name, val, l) != 0) return EXIT_USAGE;
        }
    }
    if (!target) {
        fputs("shopaudit: no URL or folder to audit (try 'shopaudit --help')\n", stderr);
        return EXIT_USAGE;
    }
    o.checks = pick.ids;
    o.skip_checks = skip.ids;

    char out_json[PATH_MAX];
    if (out_dir) {
        if (mkdir_p(out_dir) != 0)
            return die_usage("%s: cannot create folder: %s", out_dir, strerror(errno));
        if (snprintf(out_json, sizeof out_json, "%s/report.json", out_dir) >= (int)sizeof out_json)
            return die_usage("%s: path too long%s", out_dir, "");
        if (check_writable(out_json)) return EXIT_USAGE;
    }
    if (json_path && check_writable(json_path)) return EXIT_USAGE;

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESETHAND; /* a second Ctrl-C ends the program at once */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    o.stop = &stop_flag;

    if (getenv("SHOPAUDIT_TRACE")) o.trace = on_trace;
    struct progress pr = {0};
    if (!quiet && isatty(STDERR_FILENO)) {
        o.progress = on_progress;
        o.progress_ud = &pr;
    }

    char err[1024] = "";
    struct sa_audit *a;
    int rc = sa_audit_new(&o, &a, err, sizeof err);
    if (rc != SA_OK) {
        fprintf(stderr, "shopaudit: %s\n", err);
        return rc == SA_ENOMEM ? EXIT_SITE : EXIT_USAGE;
    }
    rc = sa_audit_run(a, target);
    if (pr.shown) fputs("\r\033[K", stderr);
    const struct sa_report *r = sa_audit_report(a);
    int code;
    if (rc != SA_OK || !r) {
        fprintf(stderr, "shopaudit: %s\n", sa_audit_error(a));
        code = rc == SA_EURL || rc == SA_EIO ? EXIT_USAGE
               : rc == SA_EINTR || stop_flag ? EXIT_INTERRUPTED
                                             : EXIT_SITE;
        sa_audit_free(a);
        id_list_release(&pick);
        id_list_release(&skip);
        return code;
    }
    code = EXIT_DONE;
    const char *paths[2] = {out_dir ? out_json : NULL, json_path};
    for (int i = 0; i < 2; i++) {
        if (!paths[i]) continue;
        if (sa_report_write_json(r, paths[i], err, sizeof err) != SA_OK) {
            fprintf(stderr, "shopaudit: %s\n", err);
            code = EXIT_USAGE;
        }
    }
    if (!quiet) sa_report_write_text(r, stdout);
    if (code == EXIT_DONE) {
        if (r->limits_hit & (1u << SA_LIMIT_INTERRUPTED))
            code = EXIT_INTERRUPTED;
        else if (round(r->score) < fail_under) {
            fprintf(stderr, "shopaudit: score %.0f is below --fail-under %g\n", r->score,
                    fail_under);
            code = EXIT_BELOW;
        }
    }
    sa_audit_free(a);
    id_list_release(&pick);
    id_list_release(&skip);
    return code;
}
