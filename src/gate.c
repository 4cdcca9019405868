/* --fail-on rules: parsing "ID[=STATUS]" lists and finding the checks of a report that break
 * them. Kept apart from the CLI so a config loader builds the same gate from a file. */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "score.h"
#include "shopaudit/gate.h"

void sa_gate_init(struct sa_gate *g)
{
    memset(g, 0, sizeof *g);
}

void sa_gate_release(struct sa_gate *g)
{
    if (!g) return;
    for (size_t i = 0; i < g->n; i++) sa__free(g->rules[i].target);
    sa__free(g->rules);
    memset(g, 0, sizeof *g);
}

static int known_target(const struct sa_gate *g, const char *t)
{
    if (strcmp(t, "*") == 0 || sa_check_find(t) || sa__category_index(t) >= 0) return 1;
    for (const struct sa_check *const *x = g->extra; x && *x; x++)
        if (strcmp((*x)->id, t) == 0) return 1;
    return 0;
}

static int add_rule(struct sa_gate *g, const char *item, size_t len, char *err, size_t errlen)
{
    const char *eq = memchr(item, '=', len);
    size_t idlen = eq ? (size_t)(eq - item) : len;
    char *target = sa__strndup(item, idlen);
    if (!target) goto nomem;
    enum sa_status worst = SA_STATUS_PASS;
    if (eq) {
        size_t slen = len - idlen - 1;
        if (slen == 4 && memcmp(eq + 1, "pass", 4) == 0)
            worst = SA_STATUS_PASS;
        else if (slen == 7 && memcmp(eq + 1, "partial", 7) == 0)
            worst = SA_STATUS_PARTIAL;
        else {
            snprintf(err, errlen, "'%.*s': status must be pass or partial", (int)len, item);
            sa__free(target);
            return SA_EINVAL;
        }
    }
    if (!*target || !known_target(g, target)) {
        snprintf(err, errlen, "'%s' is not a check id, a category id or '*'", target);
        sa__free(target);
        return SA_EINVAL;
    }
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 8;
        struct sa_gate_rule *v = sa__realloc(g->rules, cap * sizeof *v);
        if (!v) {
            sa__free(target);
            goto nomem;
        }
        g->rules = v;
        g->cap = cap;
    }
    g->rules[g->n].target = target;
    g->rules[g->n].worst = worst;
    g->n++;
    return SA_OK;
nomem:
    snprintf(err, errlen, "out of memory");
    return SA_ENOMEM;
}

int sa_gate_parse_rule(struct sa_gate *g, const char *spec, char *err, size_t errlen)
{
    size_t before = g->n;
    int any = 0;
    for (const char *p = spec;;) {
        while (*p == ' ' || *p == ',') p++;
        if (!*p) break;
        size_t len = strcspn(p, ", ");
        int rc = add_rule(g, p, len, err, errlen);
        if (rc != SA_OK) {
            while (g->n > before) sa__free(g->rules[--g->n].target);
            return rc;
        }
        any = 1;
        p += len;
    }
    if (!any) {
        snprintf(err, errlen, "no check id given");
        return SA_EINVAL;
    }
    return SA_OK;
}

static int applies(const struct sa_gate_rule *rule, const struct sa_check *c)
{
    return strcmp(rule->target, "*") == 0 || strcmp(rule->target, c->id) == 0 ||
           strcmp(rule->target, c->category) == 0;
}

/* Worse statuses rank higher; not_applicable ranks with pass, as nothing was found wrong. */
static int rank(enum sa_status s)
{
    return s == SA_STATUS_FAIL ? 2 : s == SA_STATUS_PARTIAL ? 1 : 0;
}

int sa_gate_eval(const struct sa_gate *g, const struct sa_report *r, struct sa_gate_breach **out,
                 size_t *nout)
{
    *out = NULL;
    *nout = 0;
    size_t n = 0, cap = 0;
    struct sa_gate_breach *v = NULL;
    for (size_t i = 0; i < g->n; i++) {
        for (size_t k = 0; k < r->nchecks; k++) {
            const struct sa_check_result *cr = &r->checks[k];
            if (!applies(&g->rules[i], cr->check)) continue;
            if (rank(cr->verdict.status) <= rank(g->rules[i].worst)) continue;
            if (n == cap) {
                cap = cap ? cap * 2 : 8;
                struct sa_gate_breach *nv = sa__realloc(v, cap * sizeof *nv);
                if (!nv) {
                    sa__free(v);
                    return SA_ENOMEM;
                }
                v = nv;
            }
            v[n].rule = &g->rules[i];
            v[n].check = cr;
            n++;
        }
    }
    *out = v;
    *nout = n;
    return SA_OK;
}

void sa_gate_breaches_free(struct sa_gate_breach *b)
{
    sa__free(b);
}
