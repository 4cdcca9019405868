/* The JSON report, schema_version 1 (DESIGN.md). Built as a cJSON tree from the in-memory
 * report, every string passed through the UTF-8 repair first (cJSON does not validate), and
 * written atomically: temp file in the same folder, fsync, rename. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "atomic.h"
#include "buf.h"
#include "compare.h"
#include "shopaudit/report.h"
#include "utf8.h"

static int add_str(cJSON *obj, const char *key, const char *val)
{
    if (!val) val = "";
    char *clean = sa__utf8_sanitize(val, strlen(val), NULL);
    if (!clean) return 0;
    cJSON *s = cJSON_CreateString(clean);
    sa__free(clean);
    if (s && cJSON_AddItemToObject(obj, key, s)) return 1;
    cJSON_Delete(s); /* the key's copy failed: the item is still ours */
    return 0;
}

static int add_num(cJSON *obj, const char *key, double v)
{
    return cJSON_AddNumberToObject(obj, key, v) != NULL;
}

/* Scores keep 3 decimals: enough to rank, short enough to read. */
static double round3(double v)
{
    return round(v * 1000.0) / 1000.0;
}

static cJSON *build_check(const struct sa_check_result *cr)
{
    const struct sa_verdict *v = &cr->verdict;
    cJSON *o = cJSON_CreateObject();
    if (!o) return NULL;
    int ok = add_str(o, "id", cr->check->id) && add_str(o, "title", cr->check->title) &&
             add_str(o, "category", cr->check->category) &&
             add_num(o, "weight", round3(cr->check->weight)) &&
             add_str(o, "status", sa_status_name(v->status));
    if (ok && v->status == SA_STATUS_NOT_APPLICABLE)
        ok = cJSON_AddNullToObject(o, "score") != NULL;
    else if (ok)
        ok = add_num(o, "score", round3(v->score));
    ok = ok && add_str(o, "summary", v->summary) && add_str(o, "recommendation", v->recommendation);
    cJSON *ev = ok ? cJSON_AddArrayToObject(o, "evidence") : NULL;
    for (size_t i = 0; ev && i < v->evidence.n; i++) {
        const struct sa_evidence *e = &v->evidence.items[i];
        cJSON *eo = cJSON_CreateObject();
        if (!eo || !cJSON_AddItemToArray(ev, eo)) {
            cJSON_Delete(eo);
            ev = NULL;
            break;
        }
        if (!add_str(eo, "url", e->url) || !add_str(eo, "where", e->where) ||
            !add_str(eo, "snippet", e->snippet))
            ev = NULL;
        /* the matched words inside snippet, in bytes (HTML report highlighting) */
        if (ev && e->mark_len) {
            cJSON *m = cJSON_AddObjectToObject(eo, "match");
            if (!m || !add_num(m, "offset", (double)e->mark_off) ||
                !add_num(m, "length", (double)e->mark_len))
                ev = NULL;
        }
    }
    ok = ev != NULL && add_num(o, "evidence_total", (double)v->evidence.total);
    if (ok && v->details) {
        cJSON *d = cJSON_Parse(v->details);
        if (d && !cJSON_AddItemToObject(o, "details", d)) cJSON_Delete(d);
    }
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* The render section (#11): the auto decision with its evidence, and the browser's cost kept
 * apart from shopaudit's own. */
static int build_render(cJSON *root, const struct sa_render_report *rr)
{
    cJSON *o = cJSON_AddObjectToObject(root, "render");
    int ok = o && add_str(o, "mode", rr->mode ? rr->mode : "auto") &&
             add_str(o, "decision", rr->decision ? rr->decision : "off") &&
             add_str(o, "reason", rr->reason) &&
             add_num(o, "pages_rendered", (double)rr->pages_rendered) &&
             add_num(o, "probes", (double)rr->probes) &&
             add_num(o, "budget_hits", (double)rr->budget_hits) &&
             add_num(o, "failures", (double)rr->failures) &&
             add_num(o, "render_ms", (double)rr->render_ms) &&
             add_num(o, "browser_start_ms", (double)rr->browser_start_ms) &&
             add_num(o, "browser_peak_rss_kb", (double)rr->browser_peak_rss_kb) &&
             add_num(o, "shopaudit_peak_rss_kb", (double)rr->own_peak_rss_kb) &&
             add_num(o, "render_jobs", (double)rr->render_jobs) &&
             add_num(o, "server_html_before_switch", (double)rr->server_html_before_switch);
    cJSON *early = ok ? cJSON_AddArrayToObject(o, "server_html_before_switch_urls") : NULL;
    for (size_t i = 0; early && i < rr->nbefore_switch_urls; i++) {
        cJSON *u = cJSON_CreateString(rr->before_switch_urls[i]);
        if (!u || !cJSON_AddItemToArray(early, u)) {
            cJSON_Delete(u);
            return 0;
        }
    }
    ok = ok && early;
    cJSON *ev = ok ? cJSON_AddArrayToObject(o, "evidence") : NULL;
    for (size_t i = 0; ev && i < rr->nevidence; i++) {
        const struct sa_render_evidence *e = &rr->evidence[i];
        cJSON *eo = cJSON_CreateObject();
        if (!eo || !cJSON_AddItemToArray(ev, eo)) {
            cJSON_Delete(eo);
            return 0;
        }
        if (!add_str(eo, "element", e->element) || !add_str(eo, "url", e->url) ||
            !add_str(eo, "where", e->where) || !add_str(eo, "snippet", e->snippet))
            return 0;
    }
    return ev != NULL;
}

static cJSON *build(const struct sa_report *r)
{
    cJSON *root = cJSON_CreateObject();
    if (!root) return NULL;
    int ok = add_num(root, "schema_version", SA_REPORT_SCHEMA_VERSION);
    cJSON *tool = cJSON_AddObjectToObject(root, "tool");
    ok = ok && tool && add_str(tool, "name", "shopaudit") && add_str(tool, "version", SA_VERSION);
    /* the language of the report's text; the JSON itself keeps English texts and stable ids */
    ok = ok && add_str(root, "lang", r->lang[0] ? r->lang : "en");

    cJSON *site = cJSON_AddObjectToObject(root, "site");
    ok = ok && site && add_str(site, "start_url", r->start_url) &&
         add_str(site, "started_at", r->started_at) &&
         add_num(site, "duration_ms", (double)r->duration_ms) &&
         add_num(site, "pages_crawled", (double)r->pages_crawled);
    cJSON *langs = ok ? cJSON_AddArrayToObject(site, "languages") : NULL;
    for (size_t i = 0; langs && i < r->nlanguages; i++)
        if (!cJSON_AddItemToArray(langs, cJSON_CreateString(r->languages[i]))) langs = NULL;
    cJSON *limits = langs ? cJSON_AddArrayToObject(site, "limits_hit") : NULL;
    for (int l = 0; limits && l < SA_LIMIT_LAST; l++)
        if (r->limits_hit & (1u << l))
            if (!cJSON_AddItemToArray(limits, cJSON_CreateString(sa_limit_name(l)))) limits = NULL;
    ok = ok && limits && add_num(root, "score", round(r->score));
    ok = ok && build_render(root, &r->render);

    cJSON *cats = ok ? cJSON_AddArrayToObject(root, "categories") : NULL;
    for (size_t c = 0; cats && c < r->ncategories; c++) {
        const struct sa_category_result *cr = &r->categories[c];
        cJSON *o = cJSON_CreateObject();
        if (!o || !cJSON_AddItemToArray(cats, o)) {
            cJSON_Delete(o);
            cats = NULL;
            break;
        }
        int cok = add_str(o, "id", cr->id) && add_str(o, "title", cr->title);
        if (cok && cr->applicable)
            cok = add_num(o, "score", round(cr->score * 100.0));
        else if (cok)
            cok = cJSON_AddNullToObject(o, "score") != NULL;
        cJSON *ids = cok ? cJSON_AddArrayToObject(o, "checks") : NULL;
        for (size_t i = cr->first; ids && i < cr->first + cr->n; i++)
            if (!cJSON_AddItemToArray(ids, cJSON_CreateString(r->checks[i].check->id))) ids = NULL;
        if (!ids) cats = NULL;
    }
    cJSON *checks = cats ? cJSON_AddArrayToObject(root, "checks") : NULL;
    for (size_t i = 0; checks && i < r->nchecks; i++) {
        cJSON *o = build_check(&r->checks[i]);
        if (!o || !cJSON_AddItemToArray(checks, o)) {
            cJSON_Delete(o);
            checks = NULL;
        }
    }
    /* empty here: sa_report_json prints their items one by one into the frame (see there) */
    cJSON *pages = checks ? cJSON_AddArrayToObject(root, "pages") : NULL;
    cJSON *errors = pages ? cJSON_AddArrayToObject(root, "errors") : NULL;
    if (errors && r->comparison) {
        cJSON *cmp = sa__comparison_json(r->comparison);
        if (!cmp || !cJSON_AddItemToObject(root, "comparison", cmp)) {
            cJSON_Delete(cmp);
            errors = NULL;
        }
    }
    if (!errors) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

static cJSON *page_json(const struct sa_report *r, size_t i)
{
    const struct sa_page_record *p = &r->pages[i];
    cJSON *o = cJSON_CreateObject();
    if (o && add_str(o, "url", p->url) && add_num(o, "status", p->status) &&
        add_str(o, "kind", p->html ? sa_kind_name(p->kind) : "other") &&
        add_str(o, "lang", p->lang) && add_str(o, "title", p->title) &&
        add_num(o, "bytes", (double)p->bytes) && add_num(o, "ms", p->ms) &&
        add_num(o, "depth", p->depth) && cJSON_AddBoolToObject(o, "rendered", p->rendered))
        return o;
    cJSON_Delete(o);
    return NULL;
}

static cJSON *error_json(const struct sa_report *r, size_t i)
{
    cJSON *o = cJSON_CreateObject();
    if (o && add_str(o, "url", r->errors[i].url) && add_str(o, "error", r->errors[i].error))
        return o;
    cJSON_Delete(o);
    return NULL;
}

/* Appends n items of a top-level array laid out as cJSON_Print lays them out at depth 2: each
 * printed alone, every line after its first indented two tabs deeper, ", " between items.
 * Printed strings hold no raw newline (cJSON escapes control characters), so every '\n' is
 * layout. */
static int append_items(struct sa_buf *b, const struct sa_report *r, size_t n,
                        cJSON *(*item)(const struct sa_report *, size_t))
{
    for (size_t i = 0; i < n; i++) {
        cJSON *o = item(r, i);
        char *s = o ? cJSON_Print(o) : NULL;
        cJSON_Delete(o);
        if (!s) return SA_ENOMEM;
        int rc = i ? sa__buf_append(b, ", ", 2) : SA_OK;
        for (const char *p = s; rc == SA_OK && *p;) {
            const char *nl = strchr(p, '\n');
            size_t len = nl ? (size_t)(nl - p) + 1 : strlen(p);
            rc = sa__buf_append(b, p, len);
            if (rc == SA_OK && nl) rc = sa__buf_append(b, "\t\t", 2);
            p += len;
        }
        cJSON_free(s);
        if (rc != SA_OK) return rc;
    }
    return SA_OK;
}

/* The pages and errors arrays grow with the audit: as cJSON nodes they cost about 1.5 KB a page
 * at the report's peak (#9: 15 MB of a 10 000-page audit's peak). So the tree holds them empty,
 * and their items are printed one at a time into the printed frame, where cJSON would have put
 * them: the same bytes (report_json_streamed_same_bytes_as_one_tree), a fraction of the memory.
 * Keys at depth 1 are the root's, and a string cannot hold a raw tab or newline, so each
 * marker occurs once. */
char *sa_report_json(const struct sa_report *r)
{
    static const char pages_key[] = "\n\t\"pages\":\t[", errors_key[] = "\n\t\"errors\":\t[";
    cJSON *root = build(r);
    char *frame = root ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (!frame) return NULL;
    const char *pk = strstr(frame, pages_key);
    const char *ek = pk ? strstr(pk, errors_key) : NULL;
    struct sa_buf b;
    sa__buf_init(&b, SIZE_MAX);
    int rc = ek ? SA_OK : SA_EINVAL;
    if (rc == SA_OK) {
        pk += sizeof pages_key - 1;
        ek += sizeof errors_key - 1;
        rc = sa__buf_append(&b, frame, (size_t)(pk - frame));
    }
    if (rc == SA_OK) rc = append_items(&b, r, r->npages, page_json);
    if (rc == SA_OK) rc = sa__buf_append(&b, pk, (size_t)(ek - pk));
    if (rc == SA_OK) rc = append_items(&b, r, r->nerrors, error_json);
    if (rc == SA_OK) rc = sa__buf_puts(&b, ek);
    cJSON_free(frame);
    if (rc != SA_OK) {
        sa__buf_release(&b);
        return NULL;
    }
    size_t len;
    return sa__buf_take(&b, &len);
}

int sa_report_write_json(const struct sa_report *r, const char *path, char *err, size_t errlen)
{
    char *json = sa_report_json(r);
    if (!json) {
        snprintf(err, errlen, "out of memory while building the JSON report");
        return SA_ENOMEM;
    }
    size_t len = strlen(json);
    json[len] = '\n'; /* replaces the NUL: a file ends with a newline */
    int rc = sa__write_atomic(path, json, len + 1, err, errlen);
    cJSON_free(json);
    return rc;
}
