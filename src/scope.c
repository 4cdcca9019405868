/* Scope rules: include/exclude URL patterns. PCRE2, not globs, because shop URLs differ by
 * query strings and path shapes a glob cannot say ("[?&]sort=", "/p/\d+$"); a pattern is
 * searched (unanchored) in the absolute, normalised URL, case-sensitively, as URLs are. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "scope.h"

#include <pcre2.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "shopaudit/common.h"

struct sa__scope {
    pcre2_code **inc, **exc;
    size_t ninc, nexc;
    pcre2_match_data *md;
};

static void *scope_malloc(size_t n, void *ud)
{
    (void)ud;
    return sa__malloc(n);
}

static void scope_free_mem(void *p, void *ud)
{
    (void)ud;
    sa__free(p);
}

static int compile_list(const char *name, const char *const *pats, pcre2_code ***out, size_t *n,
                        pcre2_general_context *gc, char *err, size_t errlen)
{
    size_t k = 0;
    while (pats && pats[k]) k++;
    if (!k) return SA_OK;
    *out = sa__calloc(k, sizeof **out);
    if (!*out) return SA_ENOMEM;
    pcre2_compile_context *cc = pcre2_compile_context_create(gc);
    if (!cc) return SA_ENOMEM;
    for (size_t i = 0; i < k; i++) {
        int ec;
        PCRE2_SIZE off;
        (*out)[i] = pcre2_compile((PCRE2_SPTR)pats[i], PCRE2_ZERO_TERMINATED,
                                  PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &ec, &off, cc);
        if (!(*out)[i]) {
            pcre2_compile_context_free(cc);
            if (ec == PCRE2_ERROR_NOMEMORY || ec == PCRE2_ERROR_HEAP_FAILED) return SA_ENOMEM;
            PCRE2_UCHAR msg[200];
            pcre2_get_error_message(ec, msg, sizeof msg);
            snprintf(err, errlen, "%s pattern \"%.200s\": %s at offset %zu", name, pats[i],
                     (const char *)msg, (size_t)off);
            return SA_EINVAL;
        }
        (*n)++;
    }
    pcre2_compile_context_free(cc);
    return SA_OK;
}

int sa__scope_new(const char *const *include, const char *const *exclude, struct sa__scope **out,
                  char *err, size_t errlen)
{
    *out = NULL;
    if ((!include || !*include) && (!exclude || !*exclude)) return SA_OK;
    struct sa__scope *s = sa__calloc(1, sizeof *s);
    if (!s) goto nomem;
    pcre2_general_context *gc = pcre2_general_context_create(scope_malloc, scope_free_mem, NULL);
    if (!gc) goto nomem;
    int rc = compile_list("include", include, &s->inc, &s->ninc, gc, err, errlen);
    if (rc == SA_OK) rc = compile_list("exclude", exclude, &s->exc, &s->nexc, gc, err, errlen);
    if (rc == SA_OK) {
        s->md = pcre2_match_data_create(1, gc);
        if (!s->md) rc = SA_ENOMEM;
    }
    pcre2_general_context_free(gc);
    if (rc != SA_OK) {
        sa__scope_free(s);
        if (rc == SA_ENOMEM) snprintf(err, errlen, "out of memory");
        return rc;
    }
    *out = s;
    return SA_OK;
nomem:
    sa__scope_free(s);
    snprintf(err, errlen, "out of memory");
    return SA_ENOMEM;
}

static int any_match(pcre2_code *const *res, size_t n, const char *url, pcre2_match_data *md)
{
    for (size_t i = 0; i < n; i++)
        if (pcre2_match(res[i], (PCRE2_SPTR)url, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) >= 0)
            return 1;
    return 0;
}

int sa__scope_allows(const struct sa__scope *s, const char *url)
{
    if (!s) return 1;
    if (s->ninc && !any_match(s->inc, s->ninc, url, s->md)) return 0;
    return !any_match(s->exc, s->nexc, url, s->md);
}

void sa__scope_free(struct sa__scope *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->ninc; i++) pcre2_code_free(s->inc[i]);
    for (size_t i = 0; i < s->nexc; i++) pcre2_code_free(s->exc[i]);
    sa__free(s->inc);
    sa__free(s->exc);
    pcre2_match_data_free(s->md);
    sa__free(s);
}
