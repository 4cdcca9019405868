/* The SARIF 2.1.0 report, for code-scanning services (GitHub, GitLab): one rule per check that
 * ran (id, title, help text = its recommendation), one result per evidence item of a failing
 * or partial check, located at the page URL with the snippet quoted. partialFingerprints hash
 * (check id, page URL, where) so a service recognises the same finding run after run. */
#include <cjson/cJSON.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "atomic.h"
#include "shopaudit/report.h"
#include "utf8.h"

static cJSON *str(const char *s)
{
    if (!s) s = "";
    char *clean = sa__utf8_sanitize(s, strlen(s), NULL);
    if (!clean) return NULL;
    cJSON *j = cJSON_CreateString(clean);
    sa__free(clean);
    return j;
}

static int put(cJSON *o, const char *key, cJSON *v)
{
    if (v && cJSON_AddItemToObject(o, key, v)) return 1;
    cJSON_Delete(v);
    return 0;
}

/* {"text": s} */
static cJSON *message(const char *s)
{
    cJSON *m = cJSON_CreateObject();
    if (m && !put(m, "text", str(s))) {
        cJSON_Delete(m);
        return NULL;
    }
    return m;
}

/* FNV-1a, 64 bits: stable across runs, builds and machines, which is all a fingerprint needs. */
static uint64_t fnv1a(uint64_t h, const char *s)
{
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (h ^ 0xff) * 1099511628211ULL; /* a separator, so ("ab","c") != ("a","bc") */
}

static cJSON *rule(const struct sa_check_result *cr)
{
    const struct sa_verdict *v = &cr->verdict;
    cJSON *o = cJSON_CreateObject();
    if (!o) return NULL;
    /* help: what to do; a passing check has no recommendation, so its title stands in */
    const char *help =
        v->recommendation && *v->recommendation ? v->recommendation : cr->check->title;
    cJSON *props = cJSON_CreateObject();
    int ok = put(o, "id", str(cr->check->id)) && put(o, "name", str(cr->check->title)) &&
             put(o, "shortDescription", message(cr->check->title)) &&
             put(o, "help", message(help)) && props &&
             cJSON_AddStringToObject(props, "category", cr->check->category) &&
             cJSON_AddNumberToObject(props, "weight", round(cr->check->weight * 1000.0) / 1000.0);
    if (ok) {
        ok = put(o, "properties", props);
    } else {
        cJSON_Delete(props);
    }
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static cJSON *result(const struct sa_check_result *cr, size_t rule_index,
                     const struct sa_evidence *e)
{
    const struct sa_verdict *v = &cr->verdict;
    cJSON *o = cJSON_CreateObject();
    if (!o) return NULL;
    char *text = e && e->snippet[0]
                     ? sa__asprintf("%s Evidence (%s): %s", v->summary ? v->summary : "", e->where,
                                    e->snippet)
                     : sa__asprintf("%s", v->summary ? v->summary : "");
    int ok =
        text && put(o, "ruleId", str(cr->check->id)) &&
        cJSON_AddNumberToObject(o, "ruleIndex", (double)rule_index) &&
        cJSON_AddStringToObject(o, "level", v->status == SA_STATUS_FAIL ? "error" : "warning") &&
        put(o, "message", message(text));
    sa__free(text);
    if (ok && e) {
        /* every container is attached as soon as it exists, so one Delete frees all */
        cJSON *locs = cJSON_AddArrayToObject(o, "locations");
        cJSON *loc = cJSON_CreateObject();
        if (loc && (!locs || !cJSON_AddItemToArray(locs, loc))) {
            cJSON_Delete(loc);
            loc = NULL;
        }
        cJSON *phys = loc ? cJSON_AddObjectToObject(loc, "physicalLocation") : NULL;
        cJSON *art = phys ? cJSON_AddObjectToObject(phys, "artifactLocation") : NULL;
        cJSON *region = art ? cJSON_AddObjectToObject(phys, "region") : NULL;
        cJSON *logical = region ? cJSON_AddArrayToObject(loc, "logicalLocations") : NULL;
        cJSON *ll = logical ? cJSON_CreateObject() : NULL;
        if (ll && !cJSON_AddItemToArray(logical, ll)) {
            cJSON_Delete(ll);
            ll = NULL;
        }
        /* A page has no meaningful line, but code-scanning services require startLine. */
        ok = ll && put(art, "uri", str(e->url)) &&
             cJSON_AddNumberToObject(region, "startLine", 1) &&
             put(region, "snippet", message(e->snippet)) &&
             put(ll, "fullyQualifiedName", str(e->where));
    }
    if (ok) {
        uint64_t h = 14695981039346656037ULL;
        h = fnv1a(h, cr->check->id);
        h = fnv1a(h, e ? e->url : "");
        h = fnv1a(h, e ? e->where : "");
        char hex[17];
        snprintf(hex, sizeof hex, "%016" PRIx64, h);
        cJSON *fp = cJSON_AddObjectToObject(o, "partialFingerprints");
        ok = fp && cJSON_AddStringToObject(fp, "shopauditFinding/v1", hex);
    }
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static cJSON *build(const struct sa_report *r)
{
    cJSON *root = cJSON_CreateObject();
    if (!root) return NULL;
    int ok =
        cJSON_AddStringToObject(root, "$schema", "https://json.schemastore.org/sarif-2.1.0.json") &&
        cJSON_AddStringToObject(root, "version", "2.1.0");
    cJSON *runs = ok ? cJSON_AddArrayToObject(root, "runs") : NULL;
    cJSON *run = runs ? cJSON_CreateObject() : NULL;
    if (!run || !cJSON_AddItemToArray(runs, run)) {
        cJSON_Delete(run);
        cJSON_Delete(root);
        return NULL;
    }
    cJSON *tool = cJSON_AddObjectToObject(run, "tool");
    cJSON *driver = tool ? cJSON_AddObjectToObject(tool, "driver") : NULL;
    ok = driver && cJSON_AddStringToObject(driver, "name", "shopaudit") &&
         cJSON_AddStringToObject(driver, "version", SA_VERSION) &&
         cJSON_AddStringToObject(driver, "informationUri", SA_HOMEPAGE);
    cJSON *rules = ok ? cJSON_AddArrayToObject(driver, "rules") : NULL;
    for (size_t i = 0; rules && i < r->nchecks; i++) {
        cJSON *ru = rule(&r->checks[i]);
        if (!ru || !cJSON_AddItemToArray(rules, ru)) {
            cJSON_Delete(ru);
            rules = NULL;
        }
    }
    cJSON *results = rules ? cJSON_AddArrayToObject(run, "results") : NULL;
    for (size_t i = 0; results && i < r->nchecks; i++) {
        const struct sa_check_result *cr = &r->checks[i];
        if (cr->verdict.status != SA_STATUS_FAIL && cr->verdict.status != SA_STATUS_PARTIAL)
            continue;
        size_t n = cr->verdict.evidence.n;
        for (size_t k = 0; results && k < (n ? n : 1); k++) {
            cJSON *res = result(cr, i, n ? &cr->verdict.evidence.items[k] : NULL);
            if (!res || !cJSON_AddItemToArray(results, res)) {
                cJSON_Delete(res);
                results = NULL;
            }
        }
    }
    cJSON *inv = results ? cJSON_AddArrayToObject(run, "invocations") : NULL;
    cJSON *io = inv ? cJSON_CreateObject() : NULL;
    if (io && !cJSON_AddItemToArray(inv, io)) {
        cJSON_Delete(io);
        io = NULL;
    }
    ok = io && cJSON_AddBoolToObject(io, "executionSuccessful", 1) &&
         cJSON_AddStringToObject(io, "startTimeUtc", r->started_at);
    if (!ok) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

int sa_report_write_sarif(const struct sa_report *r, const char *path, char *err, size_t errlen)
{
    cJSON *root = build(r);
    char *json = root ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (!json) {
        snprintf(err, errlen, "out of memory while building the SARIF report");
        return SA_ENOMEM;
    }
    size_t len = strlen(json);
    json[len] = '\n'; /* replaces the NUL: write len + 1 bytes, a file ends with a newline */
    int rc = sa__write_atomic(path, json, len + 1, err, errlen);
    free(json); /* cJSON allocates with malloc; lint:allow */
    return rc;
}
