/* URL set: FNV-1a hashing, linear probing, grown at half load, so lookups stay O(1) for the
 * 50 links a page of a 20 000-page crawl brings. */
#include "urlset.h"

#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "shopaudit/common.h"

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return h;
}

void sa__urlset_init(struct sa_urlset *s, size_t max)
{
    memset(s, 0, sizeof *s);
    s->max = max;
}

static size_t slot_of(const struct sa_urlset_entry *v, size_t cap, const char *url, int *found)
{
    size_t i = (size_t)fnv1a(url) & (cap - 1);
    while (v[i].url) {
        if (strcmp(v[i].url, url) == 0) {
            *found = 1;
            return i;
        }
        i = (i + 1) & (cap - 1);
    }
    *found = 0;
    return i;
}

static int grow(struct sa_urlset *s)
{
    size_t cap = s->cap ? s->cap * 2 : 1024;
    struct sa_urlset_entry *v = sa__calloc(cap, sizeof *v);
    if (!v) return SA_ENOMEM;
    for (size_t i = 0; i < s->cap; i++) {
        if (!s->v[i].url) continue;
        int found;
        v[slot_of(v, cap, s->v[i].url, &found)] = s->v[i];
    }
    sa__free(s->v);
    s->v = v;
    s->cap = cap;
    return SA_OK;
}

static struct sa_urlset_entry *find(const struct sa_urlset *s, const char *url)
{
    int found = 0;
    if (!s->cap) return NULL;
    size_t i = slot_of(s->v, s->cap, url, &found);
    return found ? &s->v[i] : NULL;
}

int sa__urlset_add(struct sa_urlset *s, const char *url, const char **stored)
{
    struct sa_urlset_entry *e = find(s, url);
    if (e) {
        if (stored) *stored = e->url;
        return 1;
    }
    if (s->max && s->n >= s->max) return SA_ETOOBIG;
    if ((s->n + 1) * 2 > s->cap) {
        int rc = grow(s);
        if (rc != SA_OK) return rc;
    }
    char *copy = sa__strdup(url);
    if (!copy) return SA_ENOMEM;
    int found;
    size_t i = slot_of(s->v, s->cap, url, &found);
    s->v[i].url = copy;
    s->v[i].status = SA_URL_UNCHECKED;
    s->n++;
    if (stored) *stored = copy;
    return SA_OK;
}

int sa__urlset_has(const struct sa_urlset *s, const char *url)
{
    return find(s, url) != NULL;
}

int sa__urlset_set_status(struct sa_urlset *s, const char *url, int status)
{
    int rc = sa__urlset_add(s, url, NULL);
    if (rc < 0) return rc;
    find(s, url)->status = status;
    return SA_OK;
}

int sa__urlset_status(const struct sa_urlset *s, const char *url)
{
    const struct sa_urlset_entry *e = find(s, url);
    return e ? e->status : SA_URL_UNCHECKED;
}

void sa__urlset_release(struct sa_urlset *s)
{
    for (size_t i = 0; i < s->cap; i++) sa__free(s->v[i].url);
    sa__free(s->v);
    memset(s, 0, sizeof *s);
}
