/* Baselines: a previous JSON report read back and compared check by check with a new one, so
 * CI can say what got worse since the last release (--baseline, --fail-on-regression). The
 * baseline is validated before use: a foreign or damaged file is an input error, never a
 * silent "no regression". */
#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "compare.h"
#include "shopaudit/gate.h"

/* A report over this size is not one shopaudit wrote: 25 evidence items x 20 checks and 10^5
 * pages stay far below it. */
#define BASELINE_MAX ((size_t)256 << 20)

struct sa_baseline {
    cJSON *root;
    const cJSON *checks; /* borrowed from root, validated */
    char *path;
};

const char *sa_change_name(enum sa_change_kind k)
{
    static const char *const names[] = {"same", "regression", "improvement", "added", "removed"};
    return (unsigned)k <= SA_CHANGE_REMOVED ? names[k] : "unknown";
}

static enum sa_status status_of_name(const char *s)
{
    for (int i = 0; i < SA_STATUS_LAST; i++)
        if (strcmp(sa_status_name((enum sa_status)i), s) == 0) return (enum sa_status)i;
    return SA_STATUS_LAST;
}

static char *read_all(const char *path, size_t *len, char *err, size_t errlen, int *rc)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot read baseline: %s", path, strerror(errno));
        *rc = SA_EIO;
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = sa__malloc(cap + 1);
    *rc = SA_ENOMEM;
    while (buf) {
        if (n == cap) {
            if (cap >= BASELINE_MAX) {
                snprintf(err, errlen, "%s: baseline is over %zu MiB", path, BASELINE_MAX >> 20);
                *rc = SA_EPARSE;
                sa__free(buf);
                buf = NULL;
                break;
            }
            char *nb = sa__realloc(buf, cap * 2 + 1);
            if (!nb) {
                sa__free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                snprintf(err, errlen, "%s: cannot read baseline: %s", path, strerror(errno));
                *rc = SA_EIO;
                sa__free(buf);
                buf = NULL;
            }
            break;
        }
    }
    fclose(f);
    if (!buf) {
        if (*rc == SA_ENOMEM) snprintf(err, errlen, "out of memory");
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    *rc = SA_OK;
    return buf;
}

static int invalid(const char *path, char *err, size_t errlen, const char *why)
{
    snprintf(err, errlen, "%s: not a shopaudit report (schema_version 1): %s", path, why);
    return SA_EPARSE;
}

static int validate(const cJSON *root, const char *path, char *err, size_t errlen)
{
    if (!cJSON_IsObject(root)) return invalid(path, err, errlen, "not a JSON object");
    const cJSON *sv = cJSON_GetObjectItemCaseSensitive(root, "schema_version");
    if (!cJSON_IsNumber(sv)) return invalid(path, err, errlen, "no schema_version");
    if (sv->valuedouble != SA_REPORT_SCHEMA_VERSION)
        return invalid(path, err, errlen, "unsupported schema_version");
    const cJSON *tool = cJSON_GetObjectItemCaseSensitive(root, "tool");
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(tool, "name");
    if (!cJSON_IsString(name) || strcmp(name->valuestring, "shopaudit") != 0)
        return invalid(path, err, errlen, "tool.name is not \"shopaudit\"");
    if (!cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(root, "score")))
        return invalid(path, err, errlen, "no score");
    const cJSON *checks = cJSON_GetObjectItemCaseSensitive(root, "checks");
    if (!cJSON_IsArray(checks)) return invalid(path, err, errlen, "no checks array");
    const cJSON *c;
    cJSON_ArrayForEach(c, checks)
    {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(c, "id");
        const cJSON *st = cJSON_GetObjectItemCaseSensitive(c, "status");
        const cJSON *sc = cJSON_GetObjectItemCaseSensitive(c, "score");
        if (!cJSON_IsString(id) || !cJSON_IsString(st) ||
            status_of_name(st->valuestring) == SA_STATUS_LAST ||
            !(cJSON_IsNumber(sc) || cJSON_IsNull(sc)))
            return invalid(path, err, errlen, "a check lacks a valid id, status or score");
    }
    return SA_OK;
}

int sa_baseline_load(const char *path, struct sa_baseline **out, char *err, size_t errlen)
{
    *out = NULL;
    size_t len = 0;
    int rc;
    char *text = read_all(path, &len, err, errlen, &rc);
    if (!text) return rc;
    cJSON *root = cJSON_ParseWithLength(text, len);
    sa__free(text);
    if (!root) {
        snprintf(err, errlen, "%s: baseline is not valid JSON", path);
        return SA_EPARSE;
    }
    rc = validate(root, path, err, errlen);
    if (rc != SA_OK) {
        cJSON_Delete(root);
        return rc;
    }
    struct sa_baseline *b = sa__calloc(1, sizeof *b);
    if (!b) {
        cJSON_Delete(root);
        snprintf(err, errlen, "out of memory");
        return SA_ENOMEM;
    }
    b->root = root;
    if (!(b->path = sa__strdup(path))) {
        sa_baseline_free(b);
        snprintf(err, errlen, "out of memory");
        return SA_ENOMEM;
    }
    b->checks = cJSON_GetObjectItemCaseSensitive(root, "checks");
    *out = b;
    return SA_OK;
}

void sa_baseline_free(struct sa_baseline *b)
{
    if (!b) return;
    cJSON_Delete(b->root);
    sa__free(b->path);
    sa__free(b);
}

static int rank(enum sa_status s)
{
    return s == SA_STATUS_FAIL ? 2 : s == SA_STATUS_PARTIAL ? 1 : 0;
}

/* The score a verdict counts with: not_applicable has none. */
static double score_or_none(enum sa_status st, double score)
{
    return st == SA_STATUS_NOT_APPLICABLE ? -1.0 : score;
}

static enum sa_change_kind classify(enum sa_status before, double sb, enum sa_status after,
                                    double sa)
{
    if (rank(after) != rank(before))
        return rank(after) > rank(before) ? SA_CHANGE_REGRESSION : SA_CHANGE_IMPROVEMENT;
    if (sb < 0 || sa < 0) return SA_CHANGE_SAME;
    if (sa <= sb - SA_COMPARE_EPSILON) return SA_CHANGE_REGRESSION;
    if (sa >= sb + SA_COMPARE_EPSILON) return SA_CHANGE_IMPROVEMENT;
    return SA_CHANGE_SAME;
}

static struct sa_change *push(struct sa_comparison *c, size_t *cap)
{
    if (c->n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        struct sa_change *v = sa__realloc(c->changes, ncap * sizeof *v);
        if (!v) return NULL;
        c->changes = v;
        *cap = ncap;
    }
    struct sa_change *ch = &c->changes[c->n];
    memset(ch, 0, sizeof *ch);
    return ch;
}

static int add_change(struct sa_comparison *c, size_t *cap, const char *id,
                      enum sa_change_kind kind, enum sa_status before, double sb,
                      enum sa_status after, double sa)
{
    struct sa_change *ch = push(c, cap);
    if (!ch || !(ch->id = sa__strdup(id))) return SA_ENOMEM;
    ch->kind = kind;
    ch->before = before;
    ch->after = after;
    ch->score_before = sb;
    ch->score_after = sa;
    c->n++;
    c->regressions += kind == SA_CHANGE_REGRESSION;
    c->improvements += kind == SA_CHANGE_IMPROVEMENT;
    return SA_OK;
}

static const cJSON *find_check(const cJSON *checks, const char *id)
{
    const cJSON *c;
    cJSON_ArrayForEach(c, checks)
    {
        const cJSON *cid = cJSON_GetObjectItemCaseSensitive(c, "id");
        if (strcmp(cid->valuestring, id) == 0) return c;
    }
    return NULL;
}

int sa_compare(const struct sa_baseline *b, const struct sa_report *r, struct sa_comparison *out)
{
    memset(out, 0, sizeof *out);
    size_t cap = 0;
    const cJSON *st = cJSON_GetObjectItemCaseSensitive(b->root, "site");
    const cJSON *at = cJSON_GetObjectItemCaseSensitive(st, "started_at");
    out->baseline_started_at = sa__strdup(cJSON_IsString(at) ? at->valuestring : "");
    out->baseline = sa__strdup(b->path);
    out->score_before = cJSON_GetObjectItemCaseSensitive(b->root, "score")->valuedouble;
    out->score_after = round(r->score);
    if (!out->baseline_started_at || !out->baseline) goto nomem;
    for (size_t i = 0; i < r->nchecks; i++) {
        const struct sa_check_result *cr = &r->checks[i];
        enum sa_status after = cr->verdict.status;
        /* the JSON keeps 3 decimals: compare like with like */
        double sa = score_or_none(after, round(cr->verdict.score * 1000.0) / 1000.0);
        const cJSON *old = find_check(b->checks, cr->check->id);
        if (!old) {
            if (add_change(out, &cap, cr->check->id, SA_CHANGE_ADDED, SA_STATUS_LAST, -1, after,
                           sa) != SA_OK)
                goto nomem;
            continue;
        }
        enum sa_status before =
            status_of_name(cJSON_GetObjectItemCaseSensitive(old, "status")->valuestring);
        const cJSON *osc = cJSON_GetObjectItemCaseSensitive(old, "score");
        double sb = score_or_none(before, cJSON_IsNumber(osc) ? osc->valuedouble : -1);
        enum sa_change_kind k = classify(before, sb, after, sa);
        if (k != SA_CHANGE_SAME && add_change(out, &cap, cr->check->id, k, before, sb, after, sa))
            goto nomem;
    }
    const cJSON *c;
    cJSON_ArrayForEach(c, b->checks)
    {
        const char *id = cJSON_GetObjectItemCaseSensitive(c, "id")->valuestring;
        int present = 0;
        for (size_t i = 0; i < r->nchecks && !present; i++)
            present = strcmp(r->checks[i].check->id, id) == 0;
        if (present) continue;
        enum sa_status before =
            status_of_name(cJSON_GetObjectItemCaseSensitive(c, "status")->valuestring);
        const cJSON *osc = cJSON_GetObjectItemCaseSensitive(c, "score");
        double sb = score_or_none(before, cJSON_IsNumber(osc) ? osc->valuedouble : -1);
        if (add_change(out, &cap, id, SA_CHANGE_REMOVED, before, sb, SA_STATUS_LAST, -1))
            goto nomem;
    }
    return SA_OK;
nomem:
    sa_comparison_release(out);
    return SA_ENOMEM;
}

void sa_comparison_release(struct sa_comparison *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->n; i++) sa__free(c->changes[i].id);
    sa__free(c->changes);
    sa__free(c->baseline);
    sa__free(c->baseline_started_at);
    memset(c, 0, sizeof *c);
}

static const char *side(enum sa_status s)
{
    return s == SA_STATUS_LAST ? "absent" : sa_status_name(s);
}

int sa_comparison_write_text(const struct sa_comparison *c, FILE *f)
{
    fprintf(f, "\nCompared with %s: score %.0f -> %.0f, %zu regression%s, %zu improvement%s\n",
            c->baseline ? c->baseline : "the baseline", c->score_before, c->score_after,
            c->regressions, c->regressions == 1 ? "" : "s", c->improvements,
            c->improvements == 1 ? "" : "s");
    for (size_t i = 0; i < c->n; i++) {
        const struct sa_change *ch = &c->changes[i];
        fprintf(f, "  %-11s %-18s %s -> %s\n", sa_change_name(ch->kind), ch->id, side(ch->before),
                side(ch->after));
    }
    return ferror(f) ? -1 : 0;
}

/* The report's "comparison" section (DESIGN.md: an addition to schema_version 1). */
cJSON *sa__comparison_json(const struct sa_comparison *c)
{
    cJSON *o = cJSON_CreateObject();
    if (!o) return NULL;
    int ok = cJSON_AddStringToObject(o, "baseline", c->baseline ? c->baseline : "") &&
             cJSON_AddStringToObject(o, "baseline_started_at", c->baseline_started_at) &&
             cJSON_AddNumberToObject(o, "score_before", c->score_before) &&
             cJSON_AddNumberToObject(o, "score_after", c->score_after) &&
             cJSON_AddNumberToObject(o, "regressions", (double)c->regressions) &&
             cJSON_AddNumberToObject(o, "improvements", (double)c->improvements);
    cJSON *arr = ok ? cJSON_AddArrayToObject(o, "checks") : NULL;
    for (size_t i = 0; arr && i < c->n; i++) {
        const struct sa_change *ch = &c->changes[i];
        cJSON *e = cJSON_CreateObject();
        if (!e || !cJSON_AddItemToArray(arr, e)) {
            cJSON_Delete(e);
            arr = NULL;
            break;
        }
        ok =
            cJSON_AddStringToObject(e, "id", ch->id) &&
            cJSON_AddStringToObject(e, "change", sa_change_name(ch->kind)) &&
            (ch->before == SA_STATUS_LAST
                 ? cJSON_AddNullToObject(e, "before")
                 : cJSON_AddStringToObject(e, "before", sa_status_name(ch->before))) &&
            (ch->after == SA_STATUS_LAST
                 ? cJSON_AddNullToObject(e, "after")
                 : cJSON_AddStringToObject(e, "after", sa_status_name(ch->after))) &&
            (ch->score_before < 0 ? cJSON_AddNullToObject(e, "score_before")
                                  : cJSON_AddNumberToObject(e, "score_before", ch->score_before)) &&
            (ch->score_after < 0 ? cJSON_AddNullToObject(e, "score_after")
                                 : cJSON_AddNumberToObject(e, "score_after", ch->score_after));
        if (!ok) arr = NULL;
    }
    if (!arr) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}
