/* Rule checks: user-defined checks read from JSON at run time (docs/rules.md). Each rule is
 * compiled once (PCRE2 patterns with the lexicon's flags, a CSS-like selector translated to a
 * compiled XPath) into a struct sa_check whose observe() asks of every page of the rule's kinds
 * "does it say this / hold this element?" and whose finish() turns the share of pages that meet
 * the expectation into pass, partial or fail with evidence from those pages. The engine finds
 * the rule through the check's init hook: the check is the first member of struct rule. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "shopaudit/rules.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <math.h>
#include <pcre2.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "alloc.h"
#include "buf.h"
#include "html.h"
#include "score.h"

#define RULES_MAX_FILE   (4u << 20) /* a rules file beyond this is a mistake, not a rule set */
#define RULES_MAX        500
#define RULE_MATCH_LIMIT 100000 /* as the lexicon: stops runaway backtracking on a hostile page */

struct pattern {
    pcre2_code *code;
    char *lang; /* the language key it was listed under, for evidence only */
};

struct rule {
    struct sa_check check; /* first: init() gets &check and casts back */
    char *id, *title, *category, *recommendation, *selector;
    unsigned kinds;   /* bit (1u << enum sa_page_kind); 0: every kind */
    unsigned regions; /* SA_REGION_BIT mask for text matching */
    int concept;      /* enum sa_concept, or -1 */
    struct pattern *pats;
    size_t npats;
    xmlXPathCompExprPtr xpath; /* NULL: no selector */
    int absent;                /* "expect": "absent" */
    pcre2_match_context *mctx; /* borrowed: the rule set's, with match limits */
    double threshold;          /* share of pages meeting the expectation for a pass */
};

struct sa_rules {
    struct rule **rules;
    size_t n;
    const struct sa_check **checks; /* NULL-terminated view of rules[i]->check */
    pcre2_match_context *mctx;
};

struct state {
    const struct rule *r;
    size_t seen, matched;
    struct sa_evidence_list hits, misses;
    pcre2_match_data *md;
};

/* ---- observing pages ---------------------------------------------------------------------- */

static void init(void *vs, const struct sa_check *self)
{
    struct state *st = vs;
    /* self may be the engine's reweighted copy of the rule's check: data still leads home */
    st->r = self->data;
}

/* Finds the first text hit of the rule's concept or patterns in its regions. */
static int text_hit(struct state *st, const struct sa_page *p, struct sa_hit *hit)
{
    const struct rule *r = st->r;
    if (r->concept >= 0 && sa_page_find(p, (enum sa_concept)r->concept, r->regions, hit) == 1)
        return 1;
    if (!r->npats) return 0;
    if (!st->md && !(st->md = pcre2_match_data_create(1, NULL))) return 0;
    for (int reg = 0; reg < SA_REGION_LAST; reg++) {
        if (!(r->regions & SA_REGION_BIT(reg)) || !p->text[reg].len) continue;
        for (size_t i = 0; i < r->npats; i++) {
            int rc = pcre2_match(r->pats[i].code, (PCRE2_SPTR)p->text[reg].ptr, p->text[reg].len, 0,
                                 0, st->md, r->mctx);
            if (rc < 0) continue;
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(st->md);
            hit->region = (enum sa_region)reg;
            hit->off = ov[0];
            hit->len = ov[1] - ov[0];
            hit->block = sa_page_block_at(p, hit->region, hit->off);
            hit->lang = r->pats[i].lang;
            return 1;
        }
    }
    return 0;
}

/* The first element the selector finds, or NULL. */
static xmlNodePtr selector_hit(const struct rule *r, const struct sa_page *p)
{
    if (!p->dom) return NULL;
    xmlXPathContextPtr ctx = sa__xpath_context((xmlDocPtr)p->dom);
    if (!ctx) return NULL;
    xmlXPathObjectPtr res = sa__xpath_eval_compiled(ctx, r->xpath);
    xmlNodePtr node = NULL;
    if (res && res->type == XPATH_NODESET && res->nodesetval && res->nodesetval->nodeNr > 0)
        node = res->nodesetval->nodeTab[0];
    xmlXPathFreeObject(res);
    xmlXPathFreeContext(ctx);
    return node;
}

/* The element's text with whitespace collapsed, else "<tag>": what a person looks for. */
static void node_snippet(xmlNodePtr node, char *buf, size_t n)
{
    xmlChar *text = xmlNodeGetContent(node);
    size_t k = 0;
    int space = 1;
    for (const char *s = (const char *)text; s && *s && k + 1 < n; s++) {
        int ws = isspace((unsigned char)*s);
        if (ws && space) continue;
        buf[k++] = ws ? ' ' : *s;
        space = ws;
    }
    while (k && buf[k - 1] == ' ') k--;
    buf[k] = '\0';
    if (text) xmlFree(text);
    if (k) return;
    /* an image or icon says what it is in an attribute */
    static const char *const attrs[] = {"alt", "aria-label", "title", "value", NULL};
    for (int i = 0; attrs[i]; i++) {
        xmlChar *a = xmlGetProp(node, (const xmlChar *)attrs[i]);
        if (a && *a) {
            snprintf(buf, n, "<%s> %s", (const char *)node->name, (const char *)a);
            xmlFree(a);
            return;
        }
        if (a) xmlFree(a);
    }
    snprintf(buf, n, "<%s>", node->name ? (const char *)node->name : "element");
}

static void observe(void *vs, const struct sa_page *p)
{
    struct state *st = vs;
    const struct rule *r = st->r;
    if (!r || (r->kinds && !(r->kinds & (1u << p->kind)))) return;
    st->seen++;
    int has_text = r->concept >= 0 || r->npats;
    struct sa_hit hit = {0};
    int text_ok = !has_text || text_hit(st, p, &hit);
    xmlNodePtr node = NULL;
    int sel_ok = !r->xpath || (text_ok && (node = selector_hit(r, p)) != NULL);
    if (text_ok && sel_ok) {
        st->matched++;
        if (has_text) {
            sa_evidence_add_hit(&st->hits, p->url,
                                hit.block ? hit.block->where : sa_region_name(hit.region),
                                p->text[hit.region].ptr, p->text[hit.region].len, hit.off, hit.len);
        } else {
            char snip[SA_SNIPPET_MAX], where[256];
            node_snippet(node, snip, sizeof snip);
            sa__dom_where(node, where, sizeof where);
            sa_evidence_add(&st->hits, p->url, where, snip);
        }
    } else {
        sa_evidence_add(&st->misses, p->url, "page", p->title[0] ? p->title : p->url);
    }
}

static void finish(void *vs, const struct sa_site *site, struct sa_verdict *out)
{
    struct state *st = vs;
    const struct rule *r = st->r;
    if (!r) {
        sa_verdict_set(out, SA_STATUS_NOT_APPLICABLE, 0, "The rule could not be run.");
        goto done;
    }
    size_t n = st->seen, good = r->absent ? n - st->matched : st->matched;
    if (n == 0) {
        sa_verdict_set(out, SA_STATUS_NOT_APPLICABLE, 0,
                       "%s: no page of the kinds this rule looks at was audited.", r->title);
        sa_verdict_recommend(out, "%s", "");
        sa_evidence_add(&out->evidence, site->start_url, "site", "no page of the rule's kinds");
        goto done;
    }
    double share = (double)good / (double)n;
    int pass = share + 1e-9 >= r->threshold;
    enum sa_status s = pass ? SA_STATUS_PASS : good ? SA_STATUS_PARTIAL : SA_STATUS_FAIL;
    double score = pass ? 1.0 : r->threshold > 0 ? share / r->threshold : 0;
    sa_verdict_set(out, s, score, "%s: %s on %zu of %zu pages checked%s.", r->title, "found",
                   st->matched, n, r->absent ? " (it should be absent)" : "");
    if (pass)
        sa_verdict_recommend(out, "%s", "");
    else if (r->recommendation)
        sa_verdict_recommend(out, "%s", r->recommendation);
    else
        sa_verdict_recommend(out, "Make sure of this on every page it concerns: %s.", r->title);
    /* evidence: what proves the verdict first: the pages that meet the expectation on a pass,
     * those that break it otherwise */
    struct sa_evidence_list *good_ev = r->absent ? &st->misses : &st->hits;
    struct sa_evidence_list *bad_ev = r->absent ? &st->hits : &st->misses;
    sa_evidence_move(&out->evidence, pass ? good_ev : bad_ev);
    sa_evidence_move(&out->evidence, pass ? bad_ev : good_ev);
done:
    sa_evidence_release(&st->hits);
    sa_evidence_release(&st->misses);
    pcre2_match_data_free(st->md);
    st->md = NULL;
}

/* ---- CSS-like selectors to XPath ---------------------------------------------------------- */

static int ident_char(char c)
{
    return isalnum((unsigned char)c) || c == '-' || c == '_';
}

static int css_fail(char *err, size_t errlen, const char *css, const char *at, const char *what)
{
    if (*at)
        snprintf(err, errlen, "selector \"%.120s\": %s '%c' at offset %zu", css, what, *at,
                 (size_t)(at - css));
    else
        snprintf(err, errlen, "selector \"%.120s\": %s end", css, what);
    return SA_EPARSE;
}

/* Appends the literal v[0..n) quoted for XPath 1.0, which has no escapes. */
static int xpath_literal(struct sa_buf *b, const char *v, size_t n)
{
    char q = memchr(v, '\'', n) ? '"' : '\'';
    if (q == '"' && memchr(v, '"', n)) return SA_EPARSE;
    int rc = sa__buf_append(b, &q, 1);
    if (rc == SA_OK && n) rc = sa__buf_append(b, v, n);
    if (rc == SA_OK) rc = sa__buf_append(b, &q, 1);
    return rc;
}

static size_t ident_len(const char *s)
{
    size_t k = 0;
    while (ident_char(s[k])) k++;
    return k;
}

/* One compound selector (tag#id.class[attr=v]...) at *pp into b. */
static int css_compound(struct sa_buf *b, const char *css, const char **pp, char *err,
                        size_t errlen)
{
    const char *p = *pp;
    int rc = SA_OK;
    size_t k = ident_len(p);
    if (*p == '*') {
        rc = sa__buf_puts(b, "*");
        p++;
    } else if (k) {
        char tag[64];
        if (k >= sizeof tag) return css_fail(err, errlen, css, p, "tag name too long at");
        for (size_t i = 0; i < k; i++) tag[i] = (char)tolower((unsigned char)p[i]);
        tag[k] = '\0';
        rc = sa__buf_puts(b, tag);
        p += k;
    } else if (*p == '#' || *p == '.' || *p == '[') {
        rc = sa__buf_puts(b, "*");
    } else {
        return css_fail(err, errlen, css, p, "unexpected");
    }
    while (rc == SA_OK && (*p == '#' || *p == '.' || *p == '[')) {
        char kind = *p++;
        k = ident_len(p);
        if (!k) return css_fail(err, errlen, css, p, "expected a name, got");
        if (kind == '#') {
            rc = sa__buf_puts(b, "[@id=");
            if (rc == SA_OK) rc = xpath_literal(b, p, k);
            if (rc == SA_OK) rc = sa__buf_puts(b, "]");
        } else if (kind == '.') {
            rc = sa__buf_printf(b, "[contains(concat(' ',normalize-space(@class),' '),' %.*s ')]",
                                (int)k, p);
        } else {
            const char *name = p;
            p += k;
            if (*p == ']') {
                rc = sa__buf_printf(b, "[@%.*s]", (int)k, name);
                p++;
                continue;
            }
            if (*p != '=') return css_fail(err, errlen, css, p, "expected = or ], got");
            p++;
            const char *v = p;
            size_t vn;
            if (*p == '"' || *p == '\'') {
                const char *close = strchr(p + 1, *p);
                if (!close) return css_fail(err, errlen, css, p, "unclosed quote");
                v = p + 1;
                vn = (size_t)(close - v);
                p = close + 1;
            } else {
                vn = ident_len(p);
                if (!vn) return css_fail(err, errlen, css, p, "expected a value, got");
                p += vn;
            }
            if (*p != ']') return css_fail(err, errlen, css, p, "expected ], got");
            p++;
            rc = sa__buf_printf(b, "[@%.*s=", (int)k, name);
            if (rc == SA_OK) rc = xpath_literal(b, v, vn);
            if (rc == SA_EPARSE)
                return css_fail(err, errlen, css, v, "value holds both quote kinds near");
            if (rc == SA_OK) rc = sa__buf_puts(b, "]");
            continue;
        }
        p += k;
    }
    *pp = p;
    return rc;
}

/* Skips blanks; then "," and the end stop a selector, ">" is a child step, a blank alone a
 * descendant step. Returns 1 after writing a step, 0 at a stop, or an error code. */
static int css_combinator(struct sa_buf *b, const char *css, const char **pp, char *err,
                          size_t errlen)
{
    const char *p = *pp, *before = p;
    while (*p == ' ' || *p == '\t') p++;
    *pp = p;
    if (!*p || *p == ',') return 0;
    int rc;
    if (*p == '>') {
        p++;
        while (*p == ' ' || *p == '\t') p++;
        rc = sa__buf_puts(b, "/");
    } else if (p > before) {
        rc = sa__buf_puts(b, "//");
    } else {
        return css_fail(err, errlen, css, p, "unexpected");
    }
    *pp = p;
    return rc == SA_OK ? 1 : rc;
}

/* SA_OK with *out, SA_EPARSE with the reason in err, or SA_ENOMEM. */
static int css_to_xpath(const char *css, char **out, char *err, size_t errlen)
{
    *out = NULL;
    struct sa_buf b;
    sa__buf_init(&b, 64u << 10);
    const char *p = css;
    while (*p == ' ') p++;
    int rc = *p ? SA_OK : css_fail(err, errlen, css, p, "empty before");
    while (rc == SA_OK) {
        rc = sa__buf_puts(&b, "//");
        if (rc == SA_OK) rc = css_compound(&b, css, &p, err, errlen);
        while (rc == SA_OK) {
            int step = css_combinator(&b, css, &p, err, errlen);
            if (step < 0) rc = step;
            if (step != 1) break;
            rc = css_compound(&b, css, &p, err, errlen);
        }
        if (rc != SA_OK || !*p) break;
        p++; /* the ',' of a group */
        while (*p == ' ') p++;
        rc = *p ? sa__buf_puts(&b, " | ") : css_fail(err, errlen, css, p, "a selector expected at");
    }
    if (rc != SA_OK) {
        sa__buf_release(&b);
        if (rc != SA_EPARSE) snprintf(err, errlen, "out of memory");
        return rc == SA_EPARSE ? rc : SA_ENOMEM;
    }
    *out = sa__buf_take(&b, NULL);
    return *out ? SA_OK : SA_ENOMEM;
}

char *sa_rules_css_to_xpath(const char *css, char *err, size_t errlen)
{
    char *x;
    css_to_xpath(css, &x, err, errlen);
    return x;
}

/* ---- loading ------------------------------------------------------------------------------ */

struct loader {
    const char *name;
    char *err;
    size_t errlen;
    pcre2_compile_context *cctx;
    pcre2_match_context *mctx;
};

static int fail(struct loader *ld, const char *rule, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static int fail(struct loader *ld, const char *rule, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(ld->err, ld->errlen, "%s: rule %s: %s", ld->name, rule, what);
    return SA_EPARSE;
}

static void rule_free(struct rule *r)
{
    if (!r) return;
    sa__free(r->id);
    sa__free(r->title);
    sa__free(r->category);
    sa__free(r->recommendation);
    sa__free(r->selector);
    for (size_t i = 0; i < r->npats; i++) {
        pcre2_code_free(r->pats[i].code);
        sa__free(r->pats[i].lang);
    }
    sa__free(r->pats);
    if (r->xpath) xmlXPathFreeCompExpr(r->xpath);
    sa__free(r);
}

static int valid_id(const char *s)
{
    if (!*s || strlen(s) > 64 || !islower((unsigned char)*s)) return 0;
    for (; *s; s++)
        if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '_') return 0;
    return 1;
}

static int name_list(struct loader *ld, const char *rid, const cJSON *v, const char *key,
                     const char *(*name_of)(int), int last, unsigned *mask)
{
    if (!v) return SA_OK;
    if (!cJSON_IsArray(v) || !cJSON_GetArraySize(v))
        return fail(ld, rid, "%s: expected a non-empty array of names", key);
    const cJSON *e;
    cJSON_ArrayForEach(e, v)
    {
        if (!cJSON_IsString(e))
            return fail(ld, rid, "%s: expected a non-empty array of names", key);
        int k = 0;
        while (k < last && strcmp(name_of(k), e->valuestring) != 0) k++;
        if (k == last) return fail(ld, rid, "%s: unknown name \"%.64s\"", key, e->valuestring);
        *mask |= 1u << k;
    }
    return SA_OK;
}

static const char *kind_name(int k)
{
    return sa_kind_name((enum sa_page_kind)k);
}

static const char *region_name(int r)
{
    return sa_region_name((enum sa_region)r);
}

static int add_patterns(struct loader *ld, struct rule *r, const char *rid, const cJSON *v)
{
    if (!v) return SA_OK;
    if (!cJSON_IsObject(v))
        return fail(ld, rid, "patterns: expected an object of language: [patterns]");
    size_t n = 0;
    const cJSON *lang, *pat;
    cJSON_ArrayForEach(lang, v)
    {
        if (!cJSON_IsArray(lang))
            return fail(ld, rid, "patterns.%s: expected an array of strings", lang->string);
        n += (size_t)cJSON_GetArraySize(lang);
    }
    if (!n) return fail(ld, rid, "patterns: no pattern given");
    r->pats = sa__calloc(n, sizeof *r->pats);
    if (!r->pats) return SA_ENOMEM;
    cJSON_ArrayForEach(lang, v)
    {
        int idx = 0;
        cJSON_ArrayForEach(pat, lang)
        {
            idx++;
            if (!cJSON_IsString(pat) || !*pat->valuestring)
                return fail(ld, rid, "patterns.%s[%d]: expected a non-empty string", lang->string,
                            idx);
            int ec;
            PCRE2_SIZE off;
            /* the lexicon's flags, so a rule reads text as the built-in checks do */
            pcre2_code *re =
                pcre2_compile((PCRE2_SPTR)pat->valuestring, PCRE2_ZERO_TERMINATED,
                              PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_MATCH_INVALID_UTF, &ec,
                              &off, ld->cctx);
            if (!re) {
                if (ec == PCRE2_ERROR_NOMEMORY || ec == PCRE2_ERROR_HEAP_FAILED) return SA_ENOMEM;
                PCRE2_UCHAR msg[200];
                pcre2_get_error_message(ec, msg, sizeof msg);
                return fail(ld, rid, "patterns.%s[%d]: %s at offset %zu", lang->string, idx,
                            (const char *)msg, (size_t)off);
            }
            uint32_t minlen = 0;
            pcre2_pattern_info(re, PCRE2_INFO_MINLENGTH, &minlen);
            struct pattern *slot = &r->pats[r->npats++];
            slot->code = re;
            if (minlen == 0)
                return fail(ld, rid, "patterns.%s[%d]: can match an empty string", lang->string,
                            idx);
            slot->lang = sa__strdup(lang->string);
            if (!slot->lang) return SA_ENOMEM;
        }
    }
    return SA_OK;
}

static char *dup_string(const cJSON *v)
{
    return v ? sa__strdup(v->valuestring) : NULL;
}

static int parse_rule(struct loader *ld, const cJSON *j, int index, struct rule **out)
{
    char rid[96];
    snprintf(rid, sizeof rid, "#%d", index + 1);
    *out = NULL;
    if (!cJSON_IsObject(j)) return fail(ld, rid, "expected an object");
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(j, "id");
    if (!cJSON_IsString(id)) return fail(ld, rid, "\"id\": expected a string");
    snprintf(rid, sizeof rid, "\"%.64s\"", id->valuestring);
    if (!valid_id(id->valuestring))
        return fail(ld, rid, "id: expected snake_case (a-z, 0-9, _), at most 64 characters");
    if (sa_check_find(id->valuestring)) return fail(ld, rid, "id: a built-in check has this id");

    static const char *const keys[] = {
        "id",       "title",    "category", "weight",    "kinds",          "regions", "concept",
        "patterns", "selector", "expect",   "threshold", "recommendation", NULL};
    const cJSON *k;
    cJSON_ArrayForEach(k, j)
    {
        int i = 0;
        while (keys[i] && strcmp(keys[i], k->string) != 0) i++;
        if (!keys[i]) return fail(ld, rid, "unknown key \"%.64s\"", k->string);
    }
    const cJSON *title = cJSON_GetObjectItemCaseSensitive(j, "title");
    const cJSON *cat = cJSON_GetObjectItemCaseSensitive(j, "category");
    const cJSON *weight = cJSON_GetObjectItemCaseSensitive(j, "weight");
    const cJSON *concept = cJSON_GetObjectItemCaseSensitive(j, "concept");
    const cJSON *selector = cJSON_GetObjectItemCaseSensitive(j, "selector");
    const cJSON *expect = cJSON_GetObjectItemCaseSensitive(j, "expect");
    const cJSON *thr = cJSON_GetObjectItemCaseSensitive(j, "threshold");
    const cJSON *rec = cJSON_GetObjectItemCaseSensitive(j, "recommendation");
    if (!cJSON_IsString(title) || !*title->valuestring)
        return fail(ld, rid, "title: expected a non-empty string");
    if (!cJSON_IsString(cat) || sa__category_index(cat->valuestring) < 0)
        return fail(ld, rid,
                    "category: expected one of trust, buying, promotions, return, loyalty, basics");
    if (weight &&
        (!cJSON_IsNumber(weight) || !(weight->valuedouble >= 0) || weight->valuedouble > 100))
        return fail(ld, rid, "weight: expected a number 0..100");
    if (thr && (!cJSON_IsNumber(thr) || !(thr->valuedouble > 0) || thr->valuedouble > 1))
        return fail(ld, rid, "threshold: expected a number above 0, at most 1");
    if (expect && (!cJSON_IsString(expect) || (strcmp(expect->valuestring, "present") != 0 &&
                                               strcmp(expect->valuestring, "absent") != 0)))
        return fail(ld, rid, "expect: expected \"present\" or \"absent\"");
    if (rec && !cJSON_IsString(rec)) return fail(ld, rid, "recommendation: expected a string");
    if (selector && (!cJSON_IsString(selector) || !*selector->valuestring))
        return fail(ld, rid, "selector: expected a non-empty string");
    if (concept && !cJSON_IsString(concept)) return fail(ld, rid, "concept: expected a string");
    if (!concept && !selector && !cJSON_GetObjectItemCaseSensitive(j, "patterns"))
        return fail(ld, rid, "nothing to look for: give a concept, patterns or a selector");

    struct rule *r = sa__calloc(1, sizeof *r);
    if (!r) return SA_ENOMEM;
    *out = r;
    r->concept = -1;
    if (concept) {
        for (int c = 0; c < SA_CONCEPT_LAST && r->concept < 0; c++)
            if (strcasecmp(sa_concept_name((enum sa_concept)c), concept->valuestring) == 0)
        r->concept = c;
        if (r->concept < 0)
            return fail(ld, rid, "concept: unknown concept \"%.64s\" (see lexicon.h)",
                        concept->valuestring);
    }
    int rc = name_list(ld, rid, cJSON_GetObjectItemCaseSensitive(j, "kinds"), "kinds", kind_name,
                       SA_KIND_LAST, &r->kinds);
    if (rc == SA_OK)
        rc = name_list(ld, rid, cJSON_GetObjectItemCaseSensitive(j, "regions"), "regions",
                       region_name, SA_REGION_LAST, &r->regions);
    if (rc != SA_OK) return rc;
    if (!r->regions) r->regions = SA_REGIONS_ALL;
    rc = add_patterns(ld, r, rid, cJSON_GetObjectItemCaseSensitive(j, "patterns"));
    if (rc != SA_OK) return rc;
    if (selector) {
        char why[256];
        char *xp;
        rc = css_to_xpath(selector->valuestring, &xp, why, sizeof why);
        if (rc != SA_OK) return rc == SA_EPARSE ? fail(ld, rid, "%s", why) : rc;
        r->xpath = xmlXPathCompile((const xmlChar *)xp);
        sa__free(xp);
        if (!r->xpath) return fail(ld, rid, "selector: not supported by XPath");
    }
    r->absent = expect && strcmp(expect->valuestring, "absent") == 0;
    r->threshold = thr ? thr->valuedouble : 1.0;
    r->id = dup_string(id);
    r->title = dup_string(title);
    r->category = dup_string(cat);
    r->recommendation = dup_string(rec);
    r->selector = dup_string(selector);
    if (!r->id || !r->title || !r->category || (rec && !r->recommendation) ||
        (selector && !r->selector))
        return SA_ENOMEM;
    r->check = (struct sa_check){
        .id = r->id,
        .title = r->title,
        .category = r->category,
        /* 1.0, as most built-in checks: a rule is as important as one of them unless told */
        .weight = weight ? weight->valuedouble : 1.0,
        .state_size = sizeof(struct state),
        .observe = observe,
        .finish = finish,
        .init = init,
        .data = r,
    };
    r->mctx = ld->mctx;
    return SA_OK;
}

static void *rules_malloc(size_t n, void *ud)
{
    (void)ud;
    return sa__malloc(n);
}

static void rules_free_mem(void *p, void *ud)
{
    (void)ud;
    sa__free(p);
}

int sa_rules_parse(const char *json, size_t len, const char *name, struct sa_rules **out, char *err,
                   size_t errlen)
{
    *out = NULL;
    struct loader ld = {name, err, errlen, NULL, NULL};
    struct sa_rules *rs = NULL;
    pcre2_general_context *gc = NULL;
    int rc = SA_ENOMEM;
    cJSON *doc = cJSON_ParseWithLength(json, len);
    if (!doc) {
        const char *at = cJSON_GetErrorPtr();
        size_t off = at && at >= json && at <= json + len ? (size_t)(at - json) : 0;
        snprintf(err, errlen, "%s: not valid JSON near byte %zu", name, off);
        return SA_EPARSE;
    }
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(doc, "rules");
    const cJSON *k;
    if (!cJSON_IsObject(doc) || !cJSON_IsArray(list)) {
        snprintf(err, errlen, "%s: expected an object {\"rules\": [...]}", name);
        rc = SA_EPARSE;
        goto out;
    }
    cJSON_ArrayForEach(k, doc)
    {
        if (strcmp(k->string, "rules") != 0 && strcmp(k->string, "$schema") != 0) {
            snprintf(err, errlen, "%s: %.64s: unknown key", name, k->string);
            rc = SA_EPARSE;
            goto out;
        }
    }
    size_t n = (size_t)cJSON_GetArraySize(list);
    if (n > RULES_MAX) {
        snprintf(err, errlen, "%s: more than %d rules", name, RULES_MAX);
        rc = SA_EPARSE;
        goto out;
    }
    rs = sa__calloc(1, sizeof *rs);
    if (!rs) goto out;
    rs->rules = sa__calloc(n + 1, sizeof *rs->rules);
    rs->checks = sa__calloc(n + 1, sizeof *rs->checks);
    gc = pcre2_general_context_create(rules_malloc, rules_free_mem, NULL);
    if (!rs->rules || !rs->checks || !gc) goto out;
    ld.cctx = pcre2_compile_context_create(gc);
    ld.mctx = rs->mctx = pcre2_match_context_create(gc);
    if (!ld.cctx || !ld.mctx) goto out;
    pcre2_set_match_limit(rs->mctx, RULE_MATCH_LIMIT);
    pcre2_set_depth_limit(rs->mctx, 10000);
    const cJSON *j;
    int index = 0;
    cJSON_ArrayForEach(j, list)
    {
        struct rule *r;
        rc = parse_rule(&ld, j, index++, &r);
        if (r) rs->rules[rs->n++] = r;
        if (rc != SA_OK) goto out;
        for (size_t i = 0; i + 1 < rs->n; i++)
            if (strcmp(rs->rules[i]->id, r->id) == 0) {
                char rid[96];
                snprintf(rid, sizeof rid, "\"%s\"", r->id);
                rc = fail(&ld, rid, "id: defined twice");
                goto out;
            }
        rs->checks[rs->n - 1] = &r->check;
    }
    rc = SA_OK;
out:
    if (rc == SA_ENOMEM) snprintf(err, errlen, "%s: out of memory", name);
    pcre2_compile_context_free(ld.cctx);
    pcre2_general_context_free(gc);
    cJSON_Delete(doc);
    if (rc != SA_OK) {
        sa_rules_free(rs);
        return rc;
    }
    *out = rs;
    return SA_OK;
}

int sa_rules_load(const char *path, struct sa_rules **out, char *err, size_t errlen)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
        return SA_EIO;
    }
    struct sa_buf b;
    sa__buf_init(&b, RULES_MAX_FILE);
    char chunk[8192];
    size_t n;
    int rc = SA_OK;
    while (rc == SA_OK && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        rc = sa__buf_append(&b, chunk, n);
    int bad = ferror(f);
    fclose(f);
    if (rc != SA_OK || bad) {
        sa__buf_release(&b);
        snprintf(err, errlen, "%s: %s", path,
                 bad                ? "read error"
                 : rc == SA_ETOOBIG ? "larger than 4 MiB"
                                    : "out of memory");
        return bad ? SA_EIO : rc;
    }
    rc = sa_rules_parse(b.ptr ? b.ptr : "", b.len, path, out, err, errlen);
    sa__buf_release(&b);
    return rc;
}

const struct sa_check *const *sa_rules_checks(const struct sa_rules *rs)
{
    static const struct sa_check *const none[] = {NULL};
    return rs ? (const struct sa_check *const *)rs->checks : none;
}

size_t sa_rules_count(const struct sa_rules *rs)
{
    return rs ? rs->n : 0;
}

void sa_rules_free(struct sa_rules *rs)
{
    if (!rs) return;
    for (size_t i = 0; i < rs->n; i++) rule_free(rs->rules[i]);
    sa__free(rs->rules);
    sa__free(rs->checks);
    pcre2_match_context_free(rs->mctx);
    sa__free(rs);
}
