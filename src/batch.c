/* `shopaudit batch`: audits the sites of one shard of a list, J at a time, each in a forked
 * child. A child per site rather than a thread: the library keeps process-wide state (the lazy
 * curl_global_init in audit.c, the allocation counters in alloc.c), and a crash or a leak on one
 * odd shop then costs that site only, which becomes an "internal" error the next run retries.
 * The child's startup (fork, lexicon compile) measured 0.08 s of CPU, small next to a crawl.
 *
 * Every site has a folder DIR/sites/<host>-<hash>/ whose status.json is written last, by
 * rename: a site is finished exactly when that file exists and names this tool version and
 * configuration. A killed shard therefore resumes by running again. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "atomic.h"
#include "batch.h"
#include "cli_parse.h"
#include "score.h"
#include "shopaudit/shopaudit.h"
#include "url.h"

enum {
    EXIT_DONE = 0,
    EXIT_GATE = 1,
    EXIT_USAGE = 2,
    EXIT_TRANSIENT = 3,
    EXIT_INTERRUPTED = 130,
};

/* How a child tells its parent that it stopped on a signal and wrote nothing, so the site
 * reruns. Any other outcome is in the status.json the child wrote. */
#define CHILD_INTERRUPTED 75

#define MAX_JOBS 64

static const char usage[] =
    "Usage: shopaudit batch LIST|- --out DIR [--shard K/N] [--jobs J] [--resume|--force]\n"
    "                       [--gate] [AUDIT OPTIONS]\n"
    "Audit every shop of one shard of LIST (one start URL a line, # comments) into\n"
    "DIR/sites/<host>-<hash>/ (report.json, then status.json).\n"
    "\n"
    "      --out DIR          output folder, shared by all shards (created)\n"
    "      --shard K/N        audit only the sites whose host hashes to K mod N (default 0/1);\n"
    "                         auto/N takes K from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID\n"
    "      --jobs J           sites audited at once, 1..64 (default 1)\n"
    "      --page-jobs N      page threads per site, 0..16 (default 0: one per CPU)\n"
    "      --resume           skip sites already finished with this version and options "
    "(default)\n"
    "      --force            audit every site of the shard again\n"
    "      --gate             exit 1 when a site fails its gate (--fail-under, --fail-on)\n"
    "  -q, --quiet            no line per site on stderr, no summary on stdout\n"
    "Audit options, as for a single audit: --max-pages, --max-depth, --concurrency, --delay,\n"
    "  --timeout, --max-bytes, --user-agent, --ignore-robots, --mobile, --checks,\n"
    "  --skip-checks, --fail-under, --fail-on, --render, --render-jobs.\n"
    "\n"
    "Exit: 0 every site has a verdict, 1 (--gate) a site failed its gate, 2 usage or config\n"
    "      error (do not retry), 3 a transient error remains (a rerun redoes those sites),\n"
    "      130 interrupted (finished sites are kept).\n"
    "Then: shopaudit merge DIR\n";

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
    (void)sig;
    stop_flag = 1;
}

static int die(const char *fmt, const char *a, const char *b)
{
    fputs("shopaudit: batch: ", stderr);
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
    return EXIT_USAGE;
}

/* ---- hashing, shard keys, folder names ------------------------------------------------- */

uint64_t sa__batch_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a 64 offset basis */
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h ^= *p;
        h *= 1099511628211ull;
    }
    /* FNV's low bits mix poorly and "mod N" reads them first: finish with splitmix64. */
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebull;
    h ^= h >> 31;
    return h;
}

int sa__batch_shard_key(const char *url, char *buf, size_t n)
{
    char *norm = NULL;
    int rc = sa__url_normalize(url, &norm);
    if (rc != SA_OK) return rc == SA_ENOMEM ? rc : SA_EURL;
    rc = sa__url_site_key(norm, buf, n);
    if (rc == SA_OK && strncmp(norm, "file:", 5) != 0) {
        /* normalising dropped a default port, so any port left is one the list asked for */
        struct sa_url u;
        if (sa__url_split(norm, strlen(norm), &u) == SA_OK && u.port.ptr && u.port.len) {
            size_t have = strlen(buf);
            if (have + 1 + u.port.len + 1 > n)
                rc = SA_ETOOBIG;
            else
                snprintf(buf + have, n - have, ":%.*s", (int)u.port.len, u.port.ptr);
        }
    }
    sa__free(norm);
    return rc;
}

int sa__batch_shard_of(const char *url, unsigned n, unsigned *shard)
{
    char key[512];
    if (n == 0) return SA_EINVAL;
    int rc = sa__batch_shard_key(url, key, sizeof key);
    if (rc != SA_OK) return rc;
    *shard = (unsigned)(sa__batch_hash(key) % n);
    return SA_OK;
}

int sa__batch_site_dir(const char *url, char *buf, size_t n)
{
    char key[256], *norm = NULL;
    int rc = sa__batch_shard_key(url, key, sizeof key);
    if (rc != SA_OK) return rc;
    if ((rc = sa__url_normalize(url, &norm)) != SA_OK) return rc;
    /* a folder name from the host: anything but [a-z0-9.-] (':' of a port, '/' of a file
     * key) becomes '_' */
    for (char *p = key; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '-'))
            *p = '_';
    if (strncmp(norm, "file:", 5) == 0) snprintf(key, sizeof key, "file");
    int w = snprintf(buf, n, "%.200s-%08x", key, (unsigned)(sa__batch_hash(norm) >> 32));
    sa__free(norm);
    return w < 0 || (size_t)w >= n ? SA_ETOOBIG : SA_OK;
}

int sa__batch_gate(const struct sa_report *r, const struct sa_batch_gate *g)
{
    /* the single audit's rules (main.c): the rounded score, as the report shows it */
    if (g->fail_under > 0 && round(r->score) < g->fail_under) return 1;
    struct sa_gate_breach *br = NULL;
    size_t n = 0;
    /* out of memory judging the gate: fail it rather than wave a site through */
    if (sa_gate_eval(&g->rules, r, &br, &n) != SA_OK) return 1;
    sa_gate_breaches_free(br);
    return n > 0;
}

int sa__batch_write_atomic(const char *path, const char *data, size_t len)
{
    char err[8]; /* callers word their own message from errno */
    int rc = sa__write_atomic(path, data, len, err, sizeof err);
    if (rc == SA_ENOMEM) errno = ENOMEM;
    return rc == SA_OK ? SA_OK : SA_EIO;
}

/* a/b or a/b/c into buf; -1 when it does not fit (--out is checked to leave room) */
static int path_join(char *buf, size_t n, const char *a, const char *b, const char *c)
{
    const char *part[3] = {a, b, c};
    size_t len = 0;
    for (int i = 0; i < 3 && part[i]; i++) {
        size_t pl = strlen(part[i]);
        if (len + pl + 2 > n) {
            buf[0] = '\0';
            return -1;
        }
        if (i) buf[len++] = '/';
        memcpy(buf + len, part[i], pl);
        len += pl;
    }
    buf[len] = '\0';
    return 0;
}

/* ---- options ------------------------------------------------------------------------------ */

struct site {
    char *url; /* as in the list, trimmed */
    char dir[288];
    int line;
};

struct batch {
    const char *list_path, *out;
    unsigned shard, nshards;
    unsigned jobs;
    int force, gate, quiet;
    struct sa_options o;
    struct sa_batch_gate g;
    char *checks_buf, *skip_buf;
    const char **checks, **skip;
    char *config; /* the canonical text the config hash is taken of; owned */
    char config_hash[17];
    struct site *sites; /* this shard's, in list order */
    size_t nsites;
};

static int parse_ulong(const char *opt, const char *s, unsigned long lo, unsigned long hi,
                       unsigned long *out)
{
    char *end;
    errno = 0;
    if (!s || !*s || *s == '-' || *s == '+') goto bad;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || *end || v < lo || v > hi) goto bad;
    *out = v;
    return 0;
bad:
    fprintf(stderr, "shopaudit: batch: %s: not a number %lu..%lu: '%s'\n", opt, lo, hi, s ? s : "");
    return -1;
}

static int parse_seconds(const char *opt, const char *s, double lo, unsigned *ms)
{
    char *end;
    errno = 0;
    double v = s && *s ? strtod(s, &end) : -1;
    if (!s || !*s || errno || *end || !(v >= lo) || v > 3600 || (lo > 0 && v < 0.001)) {
        die("%s: not a number of seconds: '%s'", opt, s ? s : "");
        return -1;
    }
    *ms = (unsigned)(v * 1000.0 + 0.5);
    return 0;
}

static int parse_size(const char *opt, const char *s, size_t *out)
{
    if (sa__parse_size(s, out) == 0) return 0;
    die("%s: not a size between 1k and 4G: '%s'", opt, s ? s : "");
    return -1;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A comma-separated list of check ids, validated and sorted: the order given does not change
 * the results, so it must not change the config hash either. */
static int parse_ids(const char *opt, const char *val, char **buf, const char ***ids)
{
    size_t n = 1;
    for (const char *p = val; *p; p++) n += *p == ',';
    sa__free(*buf);
    sa__free(*ids);
    *buf = sa__strdup(val);
    *ids = sa__calloc(n + 1, sizeof **ids);
    if (!*buf || !*ids) return die("%s: out of memory%s", opt, "");
    size_t k = 0;
    char *save = NULL;
    for (char *tok = strtok_r(*buf, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
        if (!sa_check_find(tok))
            return die("%s: unknown check '%s' (see shopaudit --list-checks)", opt, tok);
        (*ids)[k++] = tok;
    }
    if (k == 0) return die("%s: no check id given%s", opt, "");
    qsort(*ids, k, sizeof **ids, cmp_str);
    return 0;
}

/* "K/N" or "auto/N" (K from the engine's array index). */
static int parse_shard(const char *val, unsigned *k, unsigned *n)
{
    const char *slash = val ? strchr(val, '/') : NULL;
    if (!slash) return die("--shard: expected K/N or auto/N: '%s'%s", val ? val : "", "");
    char kbuf[32];
    snprintf(kbuf, sizeof kbuf, "%.*s", (int)(slash - val < 31 ? slash - val : 31), val);
    unsigned long nn, kk;
    if (parse_ulong("--shard", slash + 1, 1, 100000, &nn)) return EXIT_USAGE;
    const char *ks = kbuf;
    if (strcmp(kbuf, "auto") == 0) {
        ks = getenv("JOB_COMPLETION_INDEX");
        if (!ks || !*ks) ks = getenv("SLURM_ARRAY_TASK_ID");
        if (!ks || !*ks)
            return die("--shard auto/N: neither JOB_COMPLETION_INDEX nor SLURM_ARRAY_TASK_ID "
                       "is set%s%s",
                       "", "");
    }
    if (parse_ulong("--shard", ks, 0, nn - 1, &kk)) return EXIT_USAGE;
    *k = (unsigned)kk;
    *n = (unsigned)nn;
    return 0;
}

/* Every option that can change a site's report or state, in one canonical line: a changed
 * option then changes the hash, and --resume redoes the sites. --delay, --jobs and --page-jobs
 * only pace the work and are left out; --concurrency stays in because, under a page budget, the
 * order in which links are found can change which pages are fetched. */
static int make_config(struct batch *b)
{
    const struct sa_options *o = &b->o;
    char checks[1024] = "", skip[1024] = "";
    for (size_t i = 0; b->checks && b->checks[i]; i++)
        snprintf(checks + strlen(checks), sizeof checks - strlen(checks), "%s%s", i ? "," : "",
                 b->checks[i]);
    for (size_t i = 0; b->skip && b->skip[i]; i++)
        snprintf(skip + strlen(skip), sizeof skip - strlen(skip), "%s%s", i ? "," : "", b->skip[i]);
    /* allocated, not a fixed buffer: a truncated line would give two configurations one hash */
    b->config =
        sa__asprintf("shopaudit %s;max_pages=%u;max_depth=%d;concurrency=%u;timeout_ms=%u;"
                     "max_bytes=%zu;ignore_robots=%d;mobile=%d;user_agent=%s;checks=%s;"
                     "skip_checks=%s;fail_under=%g;fail_on=%s",
                     SA_VERSION, o->max_pages, o->max_depth, o->concurrency, o->timeout_ms,
                     o->max_bytes, o->ignore_robots, o->mobile, o->user_agent ? o->user_agent : "",
                     checks, skip, b->g.fail_under, b->g.fail_on ? b->g.fail_on : "");
    if (b->config && o->render != SA_RENDER_AUTO) { /* the default keeps earlier hashes */
        char *more = sa__asprintf("%s;render=%d", b->config, (int)o->render);
        sa__free(b->config);
        b->config = more;
    }
    if (!b->config) return die("out of memory%s%s", "", "");
    snprintf(b->config_hash, sizeof b->config_hash, "%016llx",
             (unsigned long long)sa__batch_hash(b->config));
    return 0;
}

static int parse_args(struct batch *b, int argc, char **argv)
{
    b->nshards = 1;
    b->jobs = 1;
    sa_options_init(&b->o);
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (arg[0] != '-' || strcmp(arg, "-") == 0) {
            if (b->list_path) return die("one LIST only (got '%s' and '%s')", b->list_path, arg);
            b->list_path = arg;
            continue;
        }
        char name[64];
        const char *val = NULL, *eq = strncmp(arg, "--", 2) == 0 ? strchr(arg, '=') : NULL;
        if (eq) {
            snprintf(name, sizeof name, "%.*s", (int)(eq - arg), arg);
            val = eq + 1;
        } else {
            snprintf(name, sizeof name, "%s", arg);
        }
        static const char *const flags[] = {"--resume",        "--force", "--gate", "-q",
                                            "--quiet",         "-h",      "--help", "--mobile",
                                            "--ignore-robots", NULL};
        static const char *const valued[] = {
            "--out",        "--shard",      "--jobs",      "--max-pages",
            "--max-depth",  "--delay",      "--timeout",   "--concurrency",
            "--max-bytes",  "--user-agent", "--checks",    "--skip-checks",
            "--fail-under", "--fail-on",    "--page-jobs", NULL};
        /* #11; --render-jobs only paces the work: like --jobs, it stays out of the hash */
        static const char *const render_valued[] = {"--render", "--render-jobs", NULL};
        int is_flag = 0, takes = 0;
        for (int f = 0; flags[f]; f++) is_flag |= strcmp(name, flags[f]) == 0;
        for (int f = 0; valued[f]; f++) takes |= strcmp(name, valued[f]) == 0;
        for (int f = 0; render_valued[f]; f++) takes |= strcmp(name, render_valued[f]) == 0;
        if (!is_flag && !takes)
            return die("unknown option '%s' (try 'shopaudit batch --help')%s", name, "");
        if (is_flag && val) return die("%s takes no value%s", name, "");
        if (takes && !val) {
            if (i + 1 >= argc) return die("%s needs a value%s", name, "");
            val = argv[++i];
        }
        unsigned long n;
        if (!strcmp(name, "-h") || !strcmp(name, "--help")) {
            fputs(usage, stdout);
            return -1;
        } else if (!strcmp(name, "--resume")) {
            b->force = 0;
        } else if (!strcmp(name, "--force")) {
            b->force = 1;
        } else if (!strcmp(name, "--gate")) {
            b->gate = 1;
        } else if (!strcmp(name, "-q") || !strcmp(name, "--quiet")) {
            b->quiet = 1;
        } else if (!strcmp(name, "--mobile")) {
            b->o.mobile = 1;
        } else if (!strcmp(name, "--ignore-robots")) {
            b->o.ignore_robots = 1;
        } else if (!strcmp(name, "--out")) {
            if (!*val) return die("--out: must not be empty%s%s", "", "");
            if (strlen(val) > PATH_MAX - 512) return die("--out: path too long%s%s", "", "");
            b->out = val;
        } else if (!strcmp(name, "--shard")) {
            if (parse_shard(val, &b->shard, &b->nshards)) return EXIT_USAGE;
        } else if (!strcmp(name, "--jobs")) {
            if (parse_ulong(name, val, 1, MAX_JOBS, &n)) return EXIT_USAGE;
            b->jobs = (unsigned)n;
        } else if (!strcmp(name, "--page-jobs")) {
            /* a single audit's --jobs; batch's own --jobs counts sites */
            if (parse_ulong(name, val, 0, 16, &n)) return EXIT_USAGE;
            b->o.jobs = (unsigned)n;
        } else if (!strcmp(name, "--max-pages")) {
            if (parse_ulong(name, val, 1, 10000000, &n)) return EXIT_USAGE;
            b->o.max_pages = (unsigned)n;
        } else if (!strcmp(name, "--max-depth")) {
            if (parse_ulong(name, val, 0, 100000, &n)) return EXIT_USAGE;
            b->o.max_depth = (int)n;
        } else if (!strcmp(name, "--concurrency")) {
            if (parse_ulong(name, val, 1, 64, &n)) return EXIT_USAGE;
            b->o.concurrency = (unsigned)n;
        } else if (!strcmp(name, "--delay")) {
            if (parse_seconds(name, val, 0, &b->o.delay_ms)) return EXIT_USAGE;
        } else if (!strcmp(name, "--timeout")) {
            if (parse_seconds(name, val, 0.001, &b->o.timeout_ms)) return EXIT_USAGE;
        } else if (!strcmp(name, "--max-bytes")) {
            if (parse_size(name, val, &b->o.max_bytes)) return EXIT_USAGE;
        } else if (!strcmp(name, "--user-agent")) {
            if (!*val) return die("%s: must not be empty%s", name, "");
            b->o.user_agent = val;
        } else if (!strcmp(name, "--fail-under")) {
            char *end;
            double d = strtod(val, &end);
            if (!*val || *end || !(d >= 0 && d <= 101))
                return die("%s: not a score 0..100: '%s'", name, val);
            b->g.fail_under = d;
        } else if (!strcmp(name, "--fail-on")) {
            char err[256];
            if (sa_gate_parse_rule(&b->g.rules, val, err, sizeof err) != SA_OK)
                return die("--fail-on: %s%s", err, "");
            char *all = b->g.fail_on ? sa__asprintf("%s,%s", b->g.fail_on, val) : sa__strdup(val);
            if (!all) return die("out of memory%s%s", "", "");
            sa__free(b->g.fail_on);
            b->g.fail_on = all;
        } else if (!strcmp(name, "--render")) {
            if (strcmp(val, "auto") && strcmp(val, "never") && strcmp(val, "always"))
                return die("--render: expected auto, never or always, got '%s'%s", val, "");
            b->o.render = !strcmp(val, "auto")    ? SA_RENDER_AUTO
                          : !strcmp(val, "never") ? SA_RENDER_NEVER
                                                  : SA_RENDER_ALWAYS;
        } else if (!strcmp(name, "--render-jobs")) {
            if (parse_ulong(name, val, 1, 8, &n)) return EXIT_USAGE;
            b->o.render_jobs = (unsigned)n;
        } else if (!strcmp(name, "--checks")) {
            if (parse_ids(name, val, &b->checks_buf, &b->checks)) return EXIT_USAGE;
        } else if (!strcmp(name, "--skip-checks")) {
            if (parse_ids(name, val, &b->skip_buf, &b->skip)) return EXIT_USAGE;
        }
    }
    if (!b->list_path)
        return die("no LIST of start URLs (try 'shopaudit batch --help')%s%s", "", "");
    if (!b->out) return die("--out DIR is required%s%s", "", "");
    b->o.checks = b->checks;
    b->o.skip_checks = b->skip;
    return make_config(b);
}

/* ---- the list ------------------------------------------------------------------------------ */

static int cmp_site_dir(const void *a, const void *b)
{
    return strcmp(((const struct site *)a)->dir, ((const struct site *)b)->dir);
}

/* Reads LIST, keeps this shard's sites. A bad line is a config error (exit 2) naming the line:
 * a retry cannot fix it. The same start URL twice is one site. */
static int read_list(struct batch *b)
{
    FILE *f = strcmp(b->list_path, "-") == 0 ? stdin : fopen(b->list_path, "r");
    if (!f) return die("%s: cannot read: %s", b->list_path, strerror(errno));
    char *line = NULL;
    size_t cap = 0, alloc = 0;
    ssize_t len;
    int lineno = 0, rc = 0;
    while ((len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        char *s = line;
        while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') s++;
        char *e = s + strlen(s);
        while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n')) e--;
        *e = '\0';
        if (!*s || *s == '#') continue;
        char dir[sizeof b->sites->dir], num[16];
        unsigned shard;
        snprintf(num, sizeof num, "%d", lineno);
        if (!sa__url_is_fetchable(s) || sa__batch_site_dir(s, dir, sizeof dir) != SA_OK ||
            sa__batch_shard_of(s, b->nshards, &shard) != SA_OK) {
            fprintf(stderr, "shopaudit: batch: %s:%s: not an http(s) or file:// URL: '%.300s'\n",
                    b->list_path, num, s);
            rc = EXIT_USAGE;
            break;
        }
        if (shard != b->shard) continue;
        if (b->nsites == alloc) {
            size_t na = alloc ? alloc * 2 : 64;
            struct site *ns = sa__realloc(b->sites, na * sizeof *ns);
            if (!ns) {
                rc = die("out of memory%s%s", "", "");
                break;
            }
            b->sites = ns;
            alloc = na;
        }
        struct site *st = &b->sites[b->nsites];
        memset(st, 0, sizeof *st);
        st->url = sa__strdup(s);
        if (!st->url) {
            rc = die("out of memory%s%s", "", "");
            break;
        }
        snprintf(st->dir, sizeof st->dir, "%s", dir);
        st->line = lineno;
        b->nsites++;
    }
    if (f != stdin) fclose(f);
    free(line); /* from getline; lint:allow */
    if (rc) return rc;
    /* one folder per site: drop repeated start URLs, keep the first line */
    if (b->nsites) qsort(b->sites, b->nsites, sizeof *b->sites, cmp_site_dir);
    size_t k = 0;
    for (size_t i = 0; i < b->nsites; i++) {
        if (k && strcmp(b->sites[k - 1].dir, b->sites[i].dir) == 0) {
            sa__free(b->sites[i].url);
            continue;
        }
        b->sites[k++] = b->sites[i];
    }
    b->nsites = k;
    return 0;
}

/* ---- status.json --------------------------------------------------------------------------- */

/* Where a start URL failed, from the engine's code and message: the class decides whether the
 * shard exits 3 (an engine retries it) or counts the site as done. A site that is down today
 * (timeout, refused connection, 5xx) may answer tomorrow; a name that does not resolve, a bad
 * certificate, a robots.txt that forbids us or a 404 home page will not change on a retry a
 * minute later, and retrying thousands of dead shops would keep every shard failing. */
static const char *error_class(int rc, const char *msg, int *transient)
{
    *transient = 0;
    switch (rc) {
    case SA_EROBOTS:
        return "robots";
    case SA_EHTTP: {
        const char *h = strstr(msg, "HTTP ");
        long code = h ? strtol(h + 5, NULL, 10) : 0;
        *transient = code >= 500 || code == 429 || code == 408;
        return "http";
    }
    case SA_EFETCH:
        if (strstr(msg, "resolve")) return "dns";
        if (strstr(msg, "SSL") || strstr(msg, "certificate") || strstr(msg, "TLS")) return "tls";
        if (strstr(msg, "redirect")) return "http";
        if (strstr(msg, "timeout") || strstr(msg, "Timeout") || strstr(msg, "timed out")) {
            *transient = 1;
            return "timeout";
        }
        *transient = 1; /* refused, reset, empty reply: the server is down for now */
        return "connect";
    case SA_ENOTHTML:
    case SA_ESCOPE:
    case SA_EURL:
    case SA_ECHARSET:
        return "content";
    default:
        *transient = 1;
        return "internal";
    }
}

static double round3(double v)
{
    return round(v * 1000.0) / 1000.0;
}

struct outcome {
    const char *state;       /* ok, gate_failed, error */
    const char *error_class; /* NULL unless error */
    const char *error;
    int transient;
    long long duration_ms;
};

static int write_html(const struct sa_report *r, const char *path, char *err, size_t errlen)
{
    return sa_report_write_html(r, path, NULL, err, errlen); /* in the shop's language */
}

/* The per-site reports, written before status.json; status.json lists them and merge links
 * them from its overview. */
static const struct {
    const char *key, *file; /* key: its name in status.json "reports" */
    int (*write)(const struct sa_report *r, const char *path, char *err, size_t errlen);
} site_reports[] = {
    {"json", "report.json", sa_report_write_json},
    {"html", "report.html", write_html},
};

static cJSON *build_status(const struct batch *b, const struct site *s, const struct sa_report *r,
                           const struct outcome *oc)
{
    cJSON *j = cJSON_CreateObject();
    if (!j) return NULL;
    cJSON_AddNumberToObject(j, "schema_version", 1);
    cJSON_AddStringToObject(j, "site", s->dir);
    cJSON_AddStringToObject(j, "start_url", s->url);
    cJSON_AddStringToObject(j, "state", oc->state);
    if (oc->error_class) {
        cJSON_AddStringToObject(j, "error_class", oc->error_class);
        cJSON_AddStringToObject(j, "error", oc->error ? oc->error : "");
    } else {
        cJSON_AddNullToObject(j, "error_class");
        cJSON_AddNullToObject(j, "error");
    }
    cJSON_AddBoolToObject(j, "transient", oc->transient);
    if (r) {
        cJSON_AddNumberToObject(j, "score", round3(r->score));
        cJSON *cats = cJSON_AddObjectToObject(j, "categories");
        for (size_t i = 0; cats && i < r->ncategories; i++) {
            const struct sa_category_result *c = &r->categories[i];
            if (c->applicable)
                cJSON_AddNumberToObject(cats, c->id, round3(c->score));
            else
                cJSON_AddNullToObject(cats, c->id);
        }
        size_t counts[SA_STATUS_LAST] = {0};
        cJSON *failing = cJSON_AddArrayToObject(j, "failing");
        cJSON *partial = cJSON_AddArrayToObject(j, "partial");
        for (size_t i = 0; i < r->nchecks; i++) {
            enum sa_status st = r->checks[i].verdict.status;
            if (st < SA_STATUS_LAST) counts[st]++;
            cJSON *to = st == SA_STATUS_FAIL ? failing : st == SA_STATUS_PARTIAL ? partial : NULL;
            if (to) cJSON_AddItemToArray(to, cJSON_CreateString(r->checks[i].check->id));
        }
        cJSON *cnt = cJSON_AddObjectToObject(j, "counts");
        for (int st = 0; cnt && st < SA_STATUS_LAST; st++)
            cJSON_AddNumberToObject(cnt, sa_status_name((enum sa_status)st), (double)counts[st]);
        cJSON_AddNumberToObject(j, "pages", (double)r->pages_crawled);
        cJSON_AddNumberToObject(j, "fetch_errors", (double)r->nerrors);
        cJSON *lim = cJSON_AddArrayToObject(j, "limits_hit");
        for (int l = 0; lim && l < SA_LIMIT_LAST; l++)
            if (r->limits_hit & (1u << l))
                cJSON_AddItemToArray(lim, cJSON_CreateString(sa_limit_name((enum sa_limit)l)));
        cJSON *rep = cJSON_AddObjectToObject(j, "reports");
        for (size_t i = 0; rep && i < sizeof site_reports / sizeof *site_reports; i++)
            cJSON_AddStringToObject(rep, site_reports[i].key, site_reports[i].file);
    } else {
        cJSON_AddNullToObject(j, "score");
        cJSON_AddNumberToObject(j, "pages", 0);
    }
    cJSON_AddNumberToObject(j, "duration_ms", (double)oc->duration_ms);
    cJSON *tool = cJSON_AddObjectToObject(j, "tool");
    if (tool) {
        cJSON_AddStringToObject(tool, "name", "shopaudit");
        cJSON_AddStringToObject(tool, "version", SA_VERSION);
    }
    cJSON_AddStringToObject(j, "config_hash", b->config_hash);
    return j;
}

static int write_json(const char *path, cJSON *j)
{
    char *text = j ? cJSON_Print(j) : NULL;
    if (!text) {
        errno = ENOMEM;
        return SA_ENOMEM;
    }
    size_t n = strlen(text);
    char *withnl = sa__asprintf("%s\n", text);
    cJSON_free(text);
    if (!withnl) return SA_ENOMEM;
    int rc = sa__batch_write_atomic(path, withnl, n + 1);
    sa__free(withnl);
    return rc;
}

/* The site's status.json, if it parses: the caller cJSON_Deletes it. */
static cJSON *read_json(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 4096 + 1 > cap) {
            if (cap > (16u << 20)) break; /* a status file is a few hundred bytes */
            size_t nc = cap ? cap * 2 : 8192;
            char *nb = sa__realloc(buf, nc);
            if (!nb) break;
            buf = nb;
            cap = nc;
        }
        size_t got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
        if (got == 0) break;
    }
    fclose(f);
    cJSON *j = NULL;
    if (buf) {
        buf[len] = '\0';
        j = cJSON_Parse(buf);
    }
    sa__free(buf);
    return j;
}

static const char *jstr(const cJSON *j, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* 1 when status.json finishes the site for this tool version and configuration: a transient
 * error does not, so a rerun redoes exactly those sites. */
static int status_is_final(const struct batch *b, const cJSON *st)
{
    const cJSON *tool = cJSON_GetObjectItemCaseSensitive(st, "tool");
    const char *v = jstr(tool, "version"), *h = jstr(st, "config_hash"), *s = jstr(st, "state");
    if (!v || !h || !s || strcmp(v, SA_VERSION) != 0 || strcmp(h, b->config_hash) != 0) return 0;
    if (strcmp(s, "ok") == 0 || strcmp(s, "gate_failed") == 0) return 1;
    return strcmp(s, "error") == 0 &&
           !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(st, "transient"));
}

/* ---- one site, in the child -------------------------------------------------------------- */

static long long ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)(t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static int run_site(const struct batch *b, const struct site *s, const char *dir)
{
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct sa_options o = b->o;
    o.stop = &stop_flag;
    char err[1024] = "", path[PATH_MAX];
    struct sa_audit *a = NULL;
    struct outcome oc = {.state = "ok"};
    const struct sa_report *r = NULL;
    int rc = sa_audit_new(&o, &a, err, sizeof err);
    if (rc == SA_OK) {
        rc = sa_audit_run(a, s->url);
        r = sa_audit_report(a);
        snprintf(err, sizeof err, "%s", sa_audit_error(a));
    }
    if (stop_flag || rc == SA_EINTR || (r && (r->limits_hit & (1u << SA_LIMIT_INTERRUPTED)))) {
        sa_audit_free(a);
        return CHILD_INTERRUPTED; /* no status.json: the site reruns */
    }
    if (rc != SA_OK || !r) {
        r = NULL;
        oc.state = "error";
        oc.error_class = error_class(rc, err, &oc.transient);
        oc.error = err;
    } else {
        for (size_t i = 0; i < sizeof site_reports / sizeof *site_reports; i++) {
            path_join(path, sizeof path, dir, site_reports[i].file, NULL);
            if (site_reports[i].write(r, path, err, sizeof err) != SA_OK) {
                r = NULL;
                oc.state = "error";
                oc.error_class = "internal";
                oc.error = err;
                oc.transient = 1;
                break;
            }
        }
        if (r && sa__batch_gate(r, &b->g)) oc.state = "gate_failed";
    }
    oc.duration_ms = r ? r->duration_ms : ms_since(&t0);
    cJSON *j = build_status(b, s, r, &oc);
    path_join(path, sizeof path, dir, "status.json", NULL);
    rc = write_json(path, j);
    cJSON_Delete(j);
    sa_audit_free(a);
    return rc == SA_OK ? 0 : 1;
}

/* ---- the shard ----------------------------------------------------------------------------- */

struct slot {
    pid_t pid;
    size_t site;
};

struct tally {
    size_t ok, gate_failed, error, transient, skipped, interrupted;
};

static int mkdir_p(const char *dir)
{
    char buf[PATH_MAX];
    if (snprintf(buf, sizeof buf, "%s", dir) >= (int)sizeof buf) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) return -1;
        *p = '/';
    }
    if (mkdir(buf, 0777) != 0 && errno != EEXIST) return -1;
    return 0;
}

static void count_status(struct tally *t, const cJSON *st)
{
    const char *s = jstr(st, "state");
    if (s && strcmp(s, "ok") == 0)
        t->ok++;
    else if (s && strcmp(s, "gate_failed") == 0)
        t->gate_failed++;
    else {
        t->error++;
        if (!st || cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(st, "transient"))) t->transient++;
    }
}

/* After a child ends: its status.json says what happened; a child that died without one
 * (crashed, out of memory, sanitizer finding) gets an "internal" status written here so that
 * the failure is visible in the merge and retried by the next run. */
static void finish_site(const struct batch *b, const struct site *s, int wstatus, struct tally *t)
{
    char dir[PATH_MAX], path[PATH_MAX];
    path_join(dir, sizeof dir, b->out, "sites", s->dir);
    path_join(path, sizeof path, dir, "status.json", NULL);
    if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == CHILD_INTERRUPTED) {
        t->interrupted++;
        return;
    }
    cJSON *st = read_json(path);
    if (!st && stop_flag) { /* killed by our own SIGTERM/SIGINT before it could say so */
        t->interrupted++;
        return;
    }
    if (!st) {
        char why[128];
        if (WIFSIGNALED(wstatus))
            snprintf(why, sizeof why, "audit process killed by signal %d", WTERMSIG(wstatus));
        else
            snprintf(why, sizeof why, "audit process exited %d without a status",
                     WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1);
        struct outcome oc = {
            .state = "error", .error_class = "internal", .error = why, .transient = 1};
        cJSON *j = build_status(b, s, NULL, &oc);
        if (write_json(path, j) != SA_OK)
            fprintf(stderr, "shopaudit: batch: %s: cannot write: %s\n", path, strerror(errno));
        cJSON_Delete(j);
        st = read_json(path);
    }
    count_status(t, st);
    if (!b->quiet) {
        const char *state = jstr(st, "state");
        const cJSON *score = cJSON_GetObjectItemCaseSensitive(st, "score");
        if (state && strcmp(state, "error") == 0)
            fprintf(stderr, "shopaudit: batch: %s: error (%s%s): %s\n", s->dir,
                    jstr(st, "error_class") ? jstr(st, "error_class") : "?",
                    cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(st, "transient")) ? ", transient"
                                                                                    : "",
                    jstr(st, "error") ? jstr(st, "error") : "");
        else
            fprintf(stderr, "shopaudit: batch: %s: %s, score %.0f\n", s->dir, state ? state : "?",
                    cJSON_IsNumber(score) ? score->valuedouble : 0.0);
    }
    cJSON_Delete(st);
}

static pid_t start_site(const struct batch *b, const struct site *s)
{
    char dir[PATH_MAX], path[PATH_MAX];
    path_join(dir, sizeof dir, b->out, "sites", s->dir);
    if (mkdir_p(dir) != 0) return -1;
    /* the site is being redone: an old verdict must not survive an interrupted redo */
    path_join(path, sizeof path, dir, "status.json", NULL);
    if (unlink(path) != 0 && errno != ENOENT) return -1;
    fflush(NULL); /* or the child's exit() would print the parent's buffered output again */
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid != 0) return pid;
    /* the child: dies with the shard (a SIGKILLed shard must not leave audits running that
     * race with its rerun), stops cleanly on SIGINT/SIGTERM */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(CHILD_INTERRUPTED);
    exit(run_site(b, s, dir));
}

static void batch_release(struct batch *b)
{
    for (size_t i = 0; i < b->nsites; i++) sa__free(b->sites[i].url);
    sa__free(b->sites);
    sa__free(b->checks_buf);
    sa__free(b->checks);
    sa__free(b->skip_buf);
    sa__free(b->skip);
    sa__free(b->config);
    sa_gate_release(&b->g.rules);
    sa__free(b->g.fail_on);
}

static int run_shard(struct batch *b, struct tally *t)
{
    char sites_dir[PATH_MAX];
    path_join(sites_dir, sizeof sites_dir, b->out, "sites", NULL);
    if (mkdir_p(sites_dir) != 0 || access(sites_dir, W_OK) != 0)
        return die("%s: cannot create a writable folder: %s", sites_dir, strerror(errno));

    size_t *todo = sa__calloc(b->nsites ? b->nsites : 1, sizeof *todo), ntodo = 0;
    struct slot slots[MAX_JOBS];
    if (!todo) return die("out of memory%s%s", "", "");
    for (size_t i = 0; i < b->nsites; i++) {
        char path[PATH_MAX];
        path_join(path, sizeof path, sites_dir, b->sites[i].dir, "status.json");
        cJSON *st = b->force ? NULL : read_json(path);
        if (st && status_is_final(b, st)) {
            t->skipped++;
            count_status(t, st);
        } else {
            todo[ntodo++] = i;
        }
        cJSON_Delete(st);
    }

    size_t next = 0, running = 0;
    int killed = 0, rc = 0;
    while (next < ntodo || running > 0) {
        if (stop_flag && !killed) {
            for (size_t k = 0; k < running; k++) kill(slots[k].pid, SIGTERM);
            killed = 1;
        }
        while (!stop_flag && running < b->jobs && next < ntodo) {
            size_t si = todo[next++];
            pid_t pid = start_site(b, &b->sites[si]);
            if (pid < 0) {
                fprintf(stderr, "shopaudit: batch: %s: cannot start the audit: %s\n",
                        b->sites[si].dir, strerror(errno));
                t->error++;
                t->transient++;
                continue;
            }
            slots[running].pid = pid;
            slots[running].site = si;
            running++;
        }
        if (running == 0) break;
        /* polled rather than blocking, so a signal that lands between the flag test and
         * the wait is still seen within 20 ms */
        int ws;
        pid_t pid = waitpid(-1, &ws, WNOHANG);
        if (pid == 0 || (pid < 0 && errno == EINTR)) {
            nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
            continue;
        }
        if (pid < 0) { /* ECHILD: nothing left to reap, whatever we believed */
            rc = -1;
            break;
        }
        for (size_t k = 0; k < running; k++) {
            if (slots[k].pid != pid) continue;
            finish_site(b, &b->sites[slots[k].site], ws, t);
            slots[k] = slots[--running];
            break;
        }
    }
    t->interrupted += ntodo - next; /* never started */
    sa__free(todo);
    return rc;
}

int sa__batch_main(int argc, char **argv)
{
    struct batch b;
    memset(&b, 0, sizeof b);
    int rc = parse_args(&b, argc, argv);
    if (rc == 0) rc = read_list(&b);
    if (rc != 0) {
        batch_release(&b);
        return rc < 0 ? EXIT_DONE : rc; /* -1: --help */
    }

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    struct tally t = {0};
    rc = run_shard(&b, &t);
    if (rc == EXIT_USAGE) {
        batch_release(&b);
        return rc;
    }
    int code = stop_flag || t.interrupted ? EXIT_INTERRUPTED
               : t.transient              ? EXIT_TRANSIENT
               : b.gate && t.gate_failed  ? EXIT_GATE
                                          : EXIT_DONE;
    if (!b.quiet)
        printf("shard %u/%u: %zu sites: %zu ok, %zu gate_failed, %zu error (%zu transient), "
               "%zu interrupted; %zu already done\n",
               b.shard, b.nshards, b.nsites, t.ok, t.gate_failed, t.error, t.transient,
               t.interrupted, t.skipped);
    batch_release(&b);
    return code;
}
