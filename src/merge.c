/* `shopaudit merge DIR`: reads the status.json of every finished site under DIR/sites/ (the
 * shards may have run on different machines into one shared folder) and writes DIR/summary.json,
 * DIR/summary.csv and an HTML overview, each atomically. Only status files are read, never the
 * reports, and the output depends only on them, in folder-name order: merging twice, or merging
 * N shards instead of one unsharded run, gives the same files. */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "batch.h"
#include "buf.h"
#include "score.h"
#include "shopaudit/common.h"

#define MERGE_MAX_OUT (256u << 20) /* a summary of 100 000 sites is ~50 MB */

struct row {
    char *dir;
    cJSON *st; /* the site's status.json */
};

struct rows {
    struct row *v;
    size_t n;
};

/* A buffer whose failure sticks, so a long run of appends is checked once at the end. */
struct out {
    struct sa_buf b;
    int bad;
};

static void put(struct out *o, const char *s)
{
    if (!o->bad && sa__buf_puts(&o->b, s) != SA_OK) o->bad = 1;
}

static void putf(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(struct out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = sa__vasprintf(fmt, ap);
    va_end(ap);
    if (!s) o->bad = 1;
    put(o, s ? s : "");
    sa__free(s);
}

static const char *jstr(const cJSON *j, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static const cJSON *jget(const cJSON *j, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(j, key);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    struct sa_buf b;
    sa__buf_init(&b, 16u << 20);
    char chunk[8192];
    size_t got;
    int ok = 1;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (sa__buf_append(&b, chunk, got) != SA_OK) {
            ok = 0;
            break;
        }
    fclose(f);
    if (!ok) return NULL;
    return sa__buf_take(&b, NULL);
}

static int cmp_row(const void *a, const void *b)
{
    return strcmp(((const struct row *)a)->dir, ((const struct row *)b)->dir);
}

static void rows_release(struct rows *r)
{
    for (size_t i = 0; i < r->n; i++) {
        sa__free(r->v[i].dir);
        cJSON_Delete(r->v[i].st);
    }
    sa__free(r->v);
}

/* Finished sites only: a folder without status.json is still running, was interrupted, or
 * was killed; it is left for the next batch run. */
static int load_rows(const char *sites, struct rows *r)
{
    DIR *d = opendir(sites);
    if (!d) return -1;
    size_t alloc = 0;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        char path[PATH_MAX];
        if (snprintf(path, sizeof path, "%s/%s/status.json", sites, e->d_name) >= (int)sizeof path)
            continue;
        char *text = slurp(path);
        if (!text) continue;
        cJSON *st = cJSON_Parse(text);
        sa__free(text);
        if (!cJSON_IsObject(st) || !cJSON_IsString(jget(st, "state"))) {
            fprintf(stderr, "shopaudit: merge: %s: not a status file, skipped\n", path);
            cJSON_Delete(st);
            continue;
        }
        if (r->n == alloc) {
            size_t na = alloc ? alloc * 2 : 64;
            struct row *nv = sa__realloc(r->v, na * sizeof *nv);
            if (!nv) {
                cJSON_Delete(st);
                rc = -2;
                break;
            }
            r->v = nv;
            alloc = na;
        }
        r->v[r->n].dir = sa__strdup(e->d_name);
        r->v[r->n].st = st;
        if (!r->v[r->n].dir) {
            cJSON_Delete(st);
            rc = -2;
            break;
        }
        r->n++;
    }
    closedir(d);
    if (r->n) qsort(r->v, r->n, sizeof *r->v, cmp_row);
    return rc;
}

static double num_or(const cJSON *v, double dflt)
{
    return cJSON_IsNumber(v) ? v->valuedouble : dflt;
}

/* ---- summary.json ---------------------------------------------------------------------- */

static cJSON *build_summary(const struct rows *r)
{
    cJSON *j = cJSON_CreateObject();
    if (!j) return NULL;
    cJSON_AddNumberToObject(j, "schema_version", 1);
    cJSON *tool = cJSON_AddObjectToObject(j, "tool");
    if (tool) {
        cJSON_AddStringToObject(tool, "name", "shopaudit");
        cJSON_AddStringToObject(tool, "version", SA_VERSION);
    }
    size_t ok = 0, gate = 0, err = 0, scored = 0;
    double sum = 0;
    cJSON *sites = cJSON_CreateArray();
    for (size_t i = 0; i < r->n; i++) {
        const cJSON *st = r->v[i].st;
        const char *state = jstr(st, "state");
        ok += strcmp(state, "ok") == 0;
        gate += strcmp(state, "gate_failed") == 0;
        err += strcmp(state, "error") == 0;
        if (cJSON_IsNumber(jget(st, "score"))) {
            sum += jget(st, "score")->valuedouble;
            scored++;
        }
        cJSON *s = cJSON_Duplicate(st, 1);
        if (!s) continue;
        /* where the reports are, relative to summary.json */
        cJSON *reps = cJSON_GetObjectItemCaseSensitive(s, "reports");
        for (cJSON *it = reps ? reps->child : NULL; it; it = it->next) {
            if (!cJSON_IsString(it)) continue;
            char *rel = sa__asprintf("sites/%s/%s", r->v[i].dir, it->valuestring);
            if (rel) cJSON_SetValuestring(it, rel);
            sa__free(rel);
        }
        cJSON_AddItemToArray(sites, s);
    }
    cJSON *tot = cJSON_AddObjectToObject(j, "totals");
    if (tot) {
        cJSON_AddNumberToObject(tot, "sites", (double)r->n);
        cJSON_AddNumberToObject(tot, "ok", (double)ok);
        cJSON_AddNumberToObject(tot, "gate_failed", (double)gate);
        cJSON_AddNumberToObject(tot, "error", (double)err);
        if (scored)
            cJSON_AddNumberToObject(tot, "mean_score", round(sum / (double)scored * 10.0) / 10.0);
        else
            cJSON_AddNullToObject(tot, "mean_score");
    }
    if (!tot || !cJSON_AddItemToObject(j, "sites", sites)) { /* out of memory: no half summary */
        cJSON_Delete(sites);
        cJSON_Delete(j);
        return NULL;
    }
    return j;
}

/* ---- summary.csv ------------------------------------------------------------------------- */

/* RFC 4180 quoting; a leading = + - @ gets a ' so that a spreadsheet never evaluates text a
 * crawled site sent (an error message quoting a server) as a formula. */
static void csv_field(struct out *o, const char *s, int last)
{
    int quote = strpbrk(s, ",\"\r\n") != NULL || strchr("=+-@", s[0]) != NULL;
    if (s[0] == '\0') quote = 0;
    if (quote) put(o, "\"");
    if (strchr("=+-@", s[0]) && s[0]) put(o, "'");
    for (const char *p = s; *p; p++) {
        char c[3] = {*p, 0, 0};
        if (*p == '"') c[1] = '"';
        put(o, c);
    }
    if (quote) put(o, "\"");
    put(o, last ? "\n" : ",");
}

static void csv_num(struct out *o, const cJSON *v, const char *fmt)
{
    if (cJSON_IsNumber(v)) putf(o, fmt, v->valuedouble);
    put(o, ",");
}

static void join_ids(struct out *o, const cJSON *arr, const char *sep)
{
    int first = 1;
    for (const cJSON *it = arr ? arr->child : NULL; it; it = it->next) {
        if (!cJSON_IsString(it)) continue;
        if (!first) put(o, sep);
        put(o, it->valuestring);
        first = 0;
    }
}

static void build_csv(const struct rows *r, struct out *o)
{
    put(o, "site,start_url,state,error_class,score");
    for (int c = 0; sa__categories[c].id; c++) putf(o, ",%s", sa__categories[c].id);
    put(o, ",pages,failing_checks,partial_checks\n");
    for (size_t i = 0; i < r->n; i++) {
        const cJSON *st = r->v[i].st;
        csv_field(o, r->v[i].dir, 0);
        csv_field(o, jstr(st, "start_url"), 0);
        csv_field(o, jstr(st, "state"), 0);
        csv_field(o, jstr(st, "error_class"), 0);
        csv_num(o, jget(st, "score"), "%.1f");
        const cJSON *cats = jget(st, "categories");
        for (int c = 0; sa__categories[c].id; c++)
            csv_num(o, cats ? jget(cats, sa__categories[c].id) : NULL, "%.3f");
        csv_num(o, jget(st, "pages"), "%.0f");
        struct out ids = {0};
        sa__buf_init(&ids.b, 1u << 16);
        join_ids(&ids, jget(st, "failing"), " ");
        if (ids.bad) o->bad = 1;
        csv_field(o, ids.b.ptr ? ids.b.ptr : "", 0);
        sa__buf_reset(&ids.b);
        join_ids(&ids, jget(st, "partial"), " ");
        if (ids.bad) o->bad = 1;
        csv_field(o, ids.b.ptr ? ids.b.ptr : "", 1);
        sa__buf_release(&ids.b);
    }
}

/* ---- the HTML overview -------------------------------------------------------------------- */

static void html_text(struct out *o, const char *s)
{
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '<':
            put(o, "&lt;");
            break;
        case '>':
            put(o, "&gt;");
            break;
        case '&':
            put(o, "&amp;");
            break;
        case '"':
            put(o, "&quot;");
            break;
        case '\'':
            put(o, "&#39;");
            break;
        default: {
            char c[2] = {*p, 0};
            put(o, c);
        }
        }
    }
}

enum order { BY_SCORE, BY_SITE, BY_STATE, ORDER_LAST };
static const char *const order_file[ORDER_LAST] = {"index.html", "index-by-site.html",
                                                   "index-by-state.html"};
static const char *const order_name[ORDER_LAST] = {"score", "site", "state"};
static enum order sort_order;
static const struct rows *sort_rows;

static int state_rank(const cJSON *st)
{
    const char *s = jstr(st, "state");
    return strcmp(s, "error") == 0 ? 0 : strcmp(s, "gate_failed") == 0 ? 1 : 2;
}

/* Ties break on the folder name, so every order is total and the output reproducible. */
static int cmp_index(const void *a, const void *b)
{
    const struct row *x = &sort_rows->v[*(const size_t *)a];
    const struct row *y = &sort_rows->v[*(const size_t *)b];
    if (sort_order == BY_SCORE) {
        /* worst first; sites without a score (errors) last */
        double sx = num_or(jget(x->st, "score"), INFINITY),
               sy = num_or(jget(y->st, "score"), INFINITY);
        if (sx != sy) return sx < sy ? -1 : 1;
    } else if (sort_order == BY_STATE) {
        int rx = state_rank(x->st), ry = state_rank(y->st);
        if (rx != ry) return rx - ry;
    }
    return strcmp(x->dir, y->dir);
}

static void build_html(const char *dir, const struct rows *r, enum order ord, struct out *o)
{
    size_t *idx = sa__calloc(r->n ? r->n : 1, sizeof *idx);
    if (!idx) {
        o->bad = 1;
        return;
    }
    for (size_t i = 0; i < r->n; i++) idx[i] = i;
    sort_order = ord;
    sort_rows = r;
    qsort(idx, r->n, sizeof *idx, cmp_index);

    put(o, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<title>shopaudit: summary</title>\n<style>\n"
           "body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}\n"
           "table{border-collapse:collapse}th,td{padding:.3em .6em;border-bottom:1px solid #ddd;"
           "text-align:left}\ntd.n{text-align:right;font-variant-numeric:tabular-nums}\n"
           ".error{color:#a00}.gate_failed{color:#a60}nav a{margin-right:1em}\n"
           "</style></head><body>\n<h1>shopaudit: ");
    putf(o, "%zu sites</h1>\n<nav>Sort by:", r->n);
    for (int k = 0; k < ORDER_LAST; k++) {
        if (k == (int)ord)
            putf(o, " <strong>%s</strong>", order_name[k]);
        else
            putf(o, " <a href=\"%s\">%s</a>", order_file[k], order_name[k]);
    }
    put(o, "</nav>\n<table>\n<thead><tr><th>site</th><th>state</th><th>score</th>");
    for (int c = 0; sa__categories[c].id; c++) putf(o, "<th>%s</th>", sa__categories[c].id);
    put(o, "<th>pages</th><th>failing checks</th><th>report</th></tr></thead>\n<tbody>\n");
    for (size_t k = 0; k < r->n; k++) {
        const struct row *w = &r->v[idx[k]];
        const cJSON *st = w->st;
        put(o, "<tr class=\"");
        html_text(o, jstr(st, "state"));
        put(o, "\"><td><a href=\"");
        html_text(o, jstr(st, "start_url"));
        put(o, "\" rel=\"noreferrer\">");
        html_text(o, w->dir);
        put(o, "</a></td><td>");
        html_text(o, jstr(st, "state"));
        if (*jstr(st, "error_class")) {
            put(o, " (");
            html_text(o, jstr(st, "error_class"));
            put(o, ")");
        }
        put(o, "</td><td class=\"n\">");
        if (cJSON_IsNumber(jget(st, "score"))) putf(o, "%.0f", jget(st, "score")->valuedouble);
        put(o, "</td>");
        const cJSON *cats = jget(st, "categories");
        for (int c = 0; sa__categories[c].id; c++) {
            const cJSON *v = cats ? jget(cats, sa__categories[c].id) : NULL;
            put(o, "<td class=\"n\">");
            if (cJSON_IsNumber(v)) putf(o, "%.0f", v->valuedouble * 100.0);
            put(o, "</td>");
        }
        put(o, "<td class=\"n\">");
        if (cJSON_IsNumber(jget(st, "pages"))) putf(o, "%.0f", jget(st, "pages")->valuedouble);
        put(o, "</td><td>");
        struct out ids = {0};
        sa__buf_init(&ids.b, 1u << 16);
        join_ids(&ids, jget(st, "failing"), ", ");
        if (ids.bad) o->bad = 1;
        html_text(o, ids.b.ptr ? ids.b.ptr : "");
        sa__buf_release(&ids.b);
        put(o, "</td><td>");
        const cJSON *reps = jget(st, "reports");
        for (const cJSON *it = reps ? reps->child : NULL; it; it = it->next) {
            if (!cJSON_IsString(it) || strchr(it->valuestring, '/') ||
                strstr(it->valuestring, ".."))
                continue;
            put(o, "<a href=\"sites/");
            html_text(o, w->dir);
            put(o, "/");
            html_text(o, it->valuestring);
            put(o, "\">");
            html_text(o, it->string ? it->string : "report");
            put(o, "</a> ");
        }
        put(o, "</td></tr>\n");
    }
    put(o, "</tbody></table>\n");
    if (!r->n) put(o, "<p>No finished site yet.</p>\n");
    put(o, "</body></html>\n");
    (void)dir;
    sa__free(idx);
}

/* ---- the command ----------------------------------------------------------------------- */

static int write_out(const char *dir, const char *name, struct out *o)
{
    char path[PATH_MAX];
    if (o->bad) {
        fprintf(stderr, "shopaudit: merge: %s/%s: out of memory\n", dir, name);
        sa__buf_release(&o->b);
        return -1;
    }
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int rc = sa__batch_write_atomic(path, o->b.ptr ? o->b.ptr : "", o->b.len);
    if (rc != SA_OK)
        fprintf(stderr, "shopaudit: merge: %s: cannot write: %s\n", path, strerror(errno));
    sa__buf_release(&o->b);
    return rc == SA_OK ? 0 : -1;
}

int sa__merge_main(int argc, char **argv)
{
    const char *dir = NULL;
    int quiet = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            fputs("Usage: shopaudit merge [-q] DIR\n"
                  "Summarise the finished sites of DIR/sites/ (written by shopaudit batch)\n"
                  "into DIR/summary.json, DIR/summary.csv and DIR/index.html.\n"
                  "Exit: 0 written, 2 DIR missing or not writable.\n",
                  stdout);
            return 0;
        }
        if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet")) {
            quiet = 1;
        } else if (argv[i][0] == '-') {
            fprintf(stderr, "shopaudit: merge: unknown option '%s'\n", argv[i]);
            return 2;
        } else if (dir) {
            fprintf(stderr, "shopaudit: merge: one DIR only (got '%s' and '%s')\n", dir, argv[i]);
            return 2;
        } else {
            dir = argv[i];
        }
    }
    if (!dir) {
        fputs("shopaudit: merge: no DIR given (try 'shopaudit merge --help')\n", stderr);
        return 2;
    }
    char sites[PATH_MAX];
    snprintf(sites, sizeof sites, "%s/sites", dir);
    struct stat sb;
    if (stat(sites, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        fprintf(stderr, "shopaudit: merge: %s: no such folder (run shopaudit batch first)\n",
                sites);
        return 2;
    }
    if (access(dir, W_OK) != 0) {
        fprintf(stderr, "shopaudit: merge: %s: folder is not writable\n", dir);
        return 2;
    }
    struct rows r = {0};
    if (load_rows(sites, &r) != 0) {
        fprintf(stderr, "shopaudit: merge: %s: cannot read: %s\n", sites, strerror(errno));
        rows_release(&r);
        return 2;
    }
    int bad = 0;
    cJSON *sum = build_summary(&r);
    char *text = sum ? cJSON_Print(sum) : NULL;
    struct out o = {0};
    sa__buf_init(&o.b, MERGE_MAX_OUT);
    if (!text) o.bad = 1;
    put(&o, text ? text : "");
    put(&o, "\n");
    cJSON_free(text);
    cJSON_Delete(sum);
    bad |= write_out(dir, "summary.json", &o);

    sa__buf_init(&o.b, MERGE_MAX_OUT);
    o.bad = 0;
    build_csv(&r, &o);
    bad |= write_out(dir, "summary.csv", &o);

    for (int k = 0; k < ORDER_LAST; k++) {
        sa__buf_init(&o.b, MERGE_MAX_OUT);
        o.bad = 0;
        build_html(dir, &r, (enum order)k, &o);
        bad |= write_out(dir, order_file[k], &o);
    }
    if (!bad && !quiet) printf("merged %zu finished sites into %s/summary.json\n", r.n, dir);
    rows_release(&r);
    return bad ? 2 : 0;
}
