/* Verdicts and their evidence: the small owned strings a check hands to the reports. Evidence
 * is copied in (the page it came from dies right after observe) and capped per check. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "l10n.h"
#include "shopaudit/check.h"
#include "shopaudit/report.h"
#include "utf8.h"
#include "verdict.h"

const char *sa_status_name(enum sa_status s)
{
    static const char *const names[] = {
#define SA__STATUS_NAME(e, name) name,
        SA_STATUS_MAP(SA__STATUS_NAME)
#undef SA__STATUS_NAME
    };
    return (unsigned)s < SA_STATUS_LAST ? names[s] : "unknown";
}

const char *sa_limit_name(enum sa_limit l)
{
    static const char *const names[] = {
#define SA__LIMIT_NAME(e, name) name,
        SA_LIMIT_MAP(SA__LIMIT_NAME)
#undef SA__LIMIT_NAME
    };
    return (unsigned)l < SA_LIMIT_LAST ? names[l] : "unknown";
}

/* Private-use characters that sa_evidence_add_hit puts around the match, so the match can be
 * found again after whitespace is collapsed and invalid bytes repaired. */
#define MARK_START "\xee\x80\x80" /* U+E000 */
#define MARK_END   "\xee\x80\x81" /* U+E001 */

/* Collapses whitespace runs (the snippet is one line in every report) and repairs UTF-8. With
 * marks, drops the two marks and returns where they were in moff and mlen. */
static char *clean_snippet(const char *s, size_t n, int marks, size_t *moff, size_t *mlen)
{
    char *u = sa__utf8_sanitize(s, n, &n);
    if (!u) return NULL;
    size_t o = 0, mo = (size_t)-1, me = (size_t)-1;
    int space = 1; /* drops leading whitespace */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)u[i];
        if (marks && i + 3 <= n &&
            (memcmp(u + i, MARK_START, 3) == 0 || memcmp(u + i, MARK_END, 3) == 0)) {
            if (u[i + 2] == MARK_START[2] && mo == (size_t)-1) mo = o;
            if (u[i + 2] == MARK_END[2]) me = o;
            i += 2;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            if (!space) u[o++] = ' ';
            space = 1;
        } else {
            u[o++] = (char)c;
            space = 0;
        }
    }
    while (o > 0 && u[o - 1] == ' ') o--;
    o = sa__utf8_floor(u, o, SA_SNIPPET_MAX);
    u[o] = '\0';
    if (marks && mo != (size_t)-1) {
        if (me == (size_t)-1 || me > o) me = o;
        if (mo > o) mo = o;
        *moff = mo;
        *mlen = me > mo ? me - mo : 0;
    }
    return u;
}

static int ev_cmp(const struct sa_evidence *a, const struct sa_evidence *b)
{
    int c = strcmp(a->url, b->url);
    if (!c) c = strcmp(a->where, b->where);
    if (!c) c = strcmp(a->snippet, b->snippet);
    /* the same words matched at two places of one snippet */
    if (!c) c = (a->mark_off > b->mark_off) - (a->mark_off < b->mark_off);
    return c ? c : (a->mark_len > b->mark_len) - (a->mark_len < b->mark_len);
}

static void ev_free(struct sa_evidence *e)
{
    sa__free(e->url);
    sa__free(e->where);
    sa__free(e->snippet);
}

static int ev_room(struct sa_evidence_list *l)
{
    if (l->n < l->cap) return SA_OK;
    size_t cap = l->cap ? l->cap * 2 : 4;
    struct sa_evidence *v = sa__realloc(l->items, cap * sizeof *v);
    if (!v) return SA_ENOMEM;
    l->items = v;
    l->cap = cap;
    return SA_OK;
}

/* Pages reach the checks in completion order, which depends on timing. So that two audits of
 * the same site keep the same evidence whatever the concurrency, a full list keeps the
 * smallest SA_EVIDENCE_MAX items by (url, where, snippet): the same set whatever order they
 * were offered in. Below the cap the order offered is kept (the engine sorts the final list). */
static int evidence_add(struct sa_evidence_list *l, const char *url, const char *where,
                        const char *snippet, int marks)
{
    l->total++;
    struct sa_evidence e;
    memset(&e, 0, sizeof e);
    e.url = sa__utf8_sanitize(url ? url : "", strlen(url ? url : ""), NULL);
    e.where = clean_snippet(where ? where : "", strlen(where ? where : ""), 0, NULL, NULL);
    e.snippet = clean_snippet(snippet ? snippet : "", strlen(snippet ? snippet : ""), marks,
                              &e.mark_off, &e.mark_len);
    if (!e.url || !e.where || !e.snippet) {
        ev_free(&e);
        return SA_ENOMEM;
    }
    if (l->n >= SA_EVIDENCE_MAX) {
        size_t max = sa__evidence_max(l);
        if (ev_cmp(&e, &l->items[max]) >= 0) {
            ev_free(&e);
            return SA_OK;
        }
        ev_free(&l->items[max]);
        l->items[max] = e;
        return SA_OK;
    }
    if (ev_room(l) != SA_OK) {
        ev_free(&e);
        return SA_ENOMEM;
    }
    l->items[l->n++] = e;
    return SA_OK;
}

int sa_evidence_add(struct sa_evidence_list *l, const char *url, const char *where,
                    const char *snippet)
{
    return evidence_add(l, url, where, snippet, 0);
}

size_t sa__evidence_max(const struct sa_evidence_list *l)
{
    size_t max = 0;
    for (size_t i = 1; i < l->n; i++)
        if (ev_cmp(&l->items[i], &l->items[max]) > 0) max = i;
    return max;
}

static int ev_qcmp(const void *a, const void *b)
{
    return ev_cmp(a, b);
}

void sa__evidence_sort(struct sa_evidence_list *l)
{
    if (l->n > 1) qsort(l->items, l->n, sizeof *l->items, ev_qcmp);
}

/* Context kept on each side of a match, in characters, not bytes: a Thai or Cyrillic snippet
 * reads as much as an English one. */
#define HIT_CONTEXT 60

int sa_evidence_add_hit(struct sa_evidence_list *l, const char *url, const char *where,
                        const char *text, size_t textlen, size_t off, size_t len)
{
    if (off > textlen) off = textlen;
    if (len > textlen - off) len = textlen - off;
    size_t start = off, end = off + len;
    for (int k = 0; k < HIT_CONTEXT && start > 0; k++) {
        start--;
        while (start > 0 && ((unsigned char)text[start] & 0xC0) == 0x80) start--;
    }
    for (int k = 0; k < HIT_CONTEXT && end < textlen; k++) {
        end++;
        while (end < textlen && ((unsigned char)text[end] & 0xC0) == 0x80) end++;
    }
    /* stay inside the line (block) of the match */
    for (size_t i = off; i > start; i--)
        if (text[i - 1] == '\n') {
            start = i;
            break;
        }
    for (size_t i = off + len; i < end; i++)
        if (text[i] == '\n') {
            end = i;
            break;
        }
    char *s = sa__asprintf("%s%.*s" MARK_START "%.*s" MARK_END "%.*s%s",
                           start > 0 && text[start - 1] != '\n' ? "…" : "", (int)(off - start),
                           text + start, (int)len, text + off, (int)(end - off - len),
                           text + off + len, end < textlen && text[end] != '\n' ? "…" : "");
    if (!s) return SA_ENOMEM;
    int rc = evidence_add(l, url, where, s, 1);
    sa__free(s);
    return rc;
}

/* Appends rather than merges: a check moves its most telling list first, and that order is
 * kept. A list below its cap is in the order pages came, which timing decides: when only part
 * of src fits, sorting it first keeps the same part whatever that order (#9, --jobs). */
int sa_evidence_move(struct sa_evidence_list *dst, struct sa_evidence_list *src)
{
    int rc = SA_OK;
    dst->total += src->total;
    if (dst->n + src->n > SA_EVIDENCE_MAX) sa__evidence_sort(src);
    for (size_t i = 0; i < src->n; i++) {
        if (dst->n >= SA_EVIDENCE_MAX || rc != SA_OK) continue;
        rc = ev_room(dst);
        if (rc != SA_OK) continue;
        dst->items[dst->n++] = src->items[i];
        memset(&src->items[i], 0, sizeof src->items[i]);
    }
    sa_evidence_release(src);
    return rc;
}

void sa_evidence_release(struct sa_evidence_list *l)
{
    for (size_t i = 0; i < l->n; i++) ev_free(&l->items[i]);
    sa__free(l->items);
    memset(l, 0, sizeof *l);
}

static int vset(char **dst, const char *fmt, va_list ap)
{
    char *s = sa__vasprintf(fmt, ap);
    if (!s) return SA_ENOMEM;
    sa__free(*dst);
    *dst = s;
    return SA_OK;
}

/* English into *en and, when the verdict has a catalogue holding fmt, the translation into *tr
 * (NULL otherwise). The catalogue only keeps translations whose conversions are fmt's, in the
 * same order, so the same arguments fit both. */
static int vset2(const struct sa_verdict *v, char **en, char **tr, const char *fmt, va_list ap)
{
    const char *tfmt = sa__catalog_get(v->l10n, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int rc = vset(en, fmt, ap);
    sa__free(*tr);
    *tr = NULL;
    if (rc == SA_OK && tfmt) rc = vset(tr, tfmt, ap2);
    va_end(ap2);
    return rc;
}

int sa_verdict_set(struct sa_verdict *v, enum sa_status st, double score, const char *fmt, ...)
{
    v->status = st;
    v->score = score < 0 ? 0 : score > 1 ? 1 : score;
    if (st == SA_STATUS_PASS) v->score = 1.0;
    if (st == SA_STATUS_FAIL) v->score = 0.0;
    va_list ap;
    va_start(ap, fmt);
    int rc = vset2(v, &v->summary, &v->summary_l10n, fmt, ap);
    va_end(ap);
    return rc;
}

int sa_verdict_recommend(struct sa_verdict *v, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = vset2(v, &v->recommendation, &v->recommendation_l10n, fmt, ap);
    va_end(ap);
    return rc;
}

void sa_verdict_release(struct sa_verdict *v)
{
    sa__free(v->summary);
    sa__free(v->recommendation);
    sa__free(v->details);
    sa__free(v->summary_l10n);
    sa__free(v->recommendation_l10n);
    sa_evidence_release(&v->evidence);
    memset(v, 0, sizeof *v);
}
