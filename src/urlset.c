/* URL set: FNV-1a hashing, an index of 32-bit slots grown at half load over a dense array of
 * entries, URL bytes interned in an arena, so lookups stay O(1) for the 50 links a page of a
 * 20 000-page crawl brings and each known URL costs little more than its bytes (#9). */
#include "urlset.h"

#include <string.h>

#include "alloc.h"
#include "shopaudit/common.h"

static uint32_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return (uint32_t)(h ^ (h >> 32));
}

void sa__urlset_init(struct sa_urlset *s, size_t max)
{
    memset(s, 0, sizeof *s);
    s->max = max;
    /* the arena's own cap would end the audit on memory, not on the URL count: max counts */
    sa__arena_init(&s->strings, SIZE_MAX);
}

/* The slot holding url, or the free slot where it would go (*found 0). cap > 0. */
static size_t slot_of(const struct sa_urlset *s, const char *url, uint32_t h, int *found)
{
    size_t mask = s->cap - 1, i = h & mask;
    for (; s->slot[i]; i = (i + 1) & mask) {
        const struct sa_urlset_entry *e = &s->v[s->slot[i] - 1];
        if (e->hash == h && strcmp(e->url, url) == 0) {
            *found = 1;
            return i;
        }
    }
    *found = 0;
    return i;
}

static int grow_index(struct sa_urlset *s)
{
    size_t cap = s->cap ? s->cap * 2 : 1024;
    if (cap > (size_t)UINT32_MAX) return SA_ENOMEM; /* slots hold 32-bit indexes */
    uint32_t *slot = sa__calloc(cap, sizeof *slot);
    if (!slot) return SA_ENOMEM;
    sa__free(s->slot);
    s->slot = slot;
    s->cap = cap;
    size_t mask = cap - 1;
    for (size_t k = 0; k < s->n; k++) {
        size_t i = s->v[k].hash & mask;
        while (slot[i]) i = (i + 1) & mask;
        slot[i] = (uint32_t)(k + 1);
    }
    return SA_OK;
}

static struct sa_urlset_entry *find(const struct sa_urlset *s, const char *url)
{
    int found = 0;
    if (!s->cap) return NULL;
    size_t i = slot_of(s, url, fnv1a(url), &found);
    return found ? &s->v[s->slot[i] - 1] : NULL;
}

int sa__urlset_add(struct sa_urlset *s, const char *url, const char **stored)
{
    struct sa_urlset_entry *e = find(s, url);
    if (e) {
        if (stored) *stored = e->url;
        return 1;
    }
    if (s->max && s->n >= s->max) return SA_ETOOBIG;
    if ((s->n + 1) * 2 > s->cap && grow_index(s) != SA_OK) return SA_ENOMEM;
    if (s->n == s->vcap) {
        size_t vcap = s->vcap ? s->vcap * 2 : 256;
        struct sa_urlset_entry *v = sa__realloc(s->v, vcap * sizeof *v);
        if (!v) return SA_ENOMEM;
        s->v = v;
        s->vcap = vcap;
    }
    if (!s->strings.max) sa__arena_init(&s->strings, SIZE_MAX); /* a zeroed set, never init */
    const char *copy = sa__arena_strdup(&s->strings, url);
    if (!copy) return SA_ENOMEM;
    uint32_t h = fnv1a(url);
    int found;
    size_t i = slot_of(s, url, h, &found);
    s->v[s->n] = (struct sa_urlset_entry){copy, SA_URL_UNCHECKED, h};
    s->slot[i] = (uint32_t)(++s->n);
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
    sa__arena_release(&s->strings);
    sa__free(s->slot);
    sa__free(s->v);
    memset(s, 0, sizeof *s);
}
