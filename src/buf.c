/* Capped growable buffer; see buf.h for the growth policy. */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "shopaudit/common.h"

void sa__buf_init(struct sa_buf *b, size_t max)
{
    b->ptr = NULL;
    b->len = b->cap = 0;
    b->max = max;
}

void sa__buf_release(struct sa_buf *b)
{
    sa__free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
}

void sa__buf_reset(struct sa_buf *b)
{
    b->len = 0;
    if (b->ptr) b->ptr[0] = '\0';
}

static int grow(struct sa_buf *b, size_t n)
{
    size_t need = b->len + n + 1;
    if (need <= b->len || need > b->max) { /* wrapped, or over the cap */
        sa__buf_release(b);
        return SA_ETOOBIG;
    }
    if (need <= b->cap) return SA_OK;
    size_t cap = need < SA_BUF_STEP ? need * 2 : need + SA_BUF_STEP;
    if (cap > b->max) cap = b->max;
    char *p = sa__realloc(b->ptr, cap);
    if (!p) {
        sa__buf_release(b);
        return SA_ENOMEM;
    }
    b->ptr = p;
    b->cap = cap;
    return SA_OK;
}

int sa__buf_reserve(struct sa_buf *b, size_t n)
{
    size_t need = b->len + n + 1;
    if (need <= b->len || need > b->max) {
        sa__buf_release(b);
        return SA_ETOOBIG;
    }
    if (need <= b->cap) return SA_OK;
    char *p = sa__realloc(b->ptr, need);
    if (!p) {
        sa__buf_release(b);
        return SA_ENOMEM;
    }
    if (!b->ptr) p[0] = '\0';
    b->ptr = p;
    b->cap = need;
    return SA_OK;
}

int sa__buf_append(struct sa_buf *b, const void *data, size_t n)
{
    int rc = grow(b, n);
    if (rc != SA_OK) return rc;
    if (n) memcpy(b->ptr + b->len, data, n);
    b->len += n;
    b->ptr[b->len] = '\0';
    return SA_OK;
}

int sa__buf_puts(struct sa_buf *b, const char *s)
{
    return sa__buf_append(b, s, strlen(s));
}

int sa__buf_printf(struct sa_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return SA_EINVAL;
    int rc = grow(b, (size_t)n);
    if (rc != SA_OK) return rc;
    va_start(ap, fmt);
    vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return SA_OK;
}

char *sa__buf_take(struct sa_buf *b, size_t *len)
{
    char *p = b->ptr;
    if (len) *len = b->len;
    if (!p) p = sa__strdup("");
    b->ptr = NULL;
    b->len = b->cap = 0;
    return p;
}
