/* Frontier: a string hash set (FNV-1a, linear probing, grown at 1/2 load) and a binary max-heap
 * ordered by (priority desc, arrival asc). Both O(1)/O(log n) per URL, so a 20 000-page crawl
 * with 50 links a page stays cheap. */
#include "frontier.h"

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

void sa__frontier_init(struct sa_frontier *f, size_t max_seen)
{
    memset(f, 0, sizeof *f);
    f->max_seen = max_seen;
}

static size_t slot_of(char *const *set, size_t cap, const char *url, int *found)
{
    size_t i = (size_t)fnv1a(url) & (cap - 1);
    while (set[i]) {
        if (strcmp(set[i], url) == 0) {
            *found = 1;
            return i;
        }
        i = (i + 1) & (cap - 1);
    }
    *found = 0;
    return i;
}

static int set_grow(struct sa_frontier *f)
{
    size_t cap = f->set_cap ? f->set_cap * 2 : 1024;
    char **set = sa__calloc(cap, sizeof *set);
    if (!set) return SA_ENOMEM;
    for (size_t i = 0; i < f->set_cap; i++) {
        if (!f->set[i]) continue;
        int found;
        set[slot_of(set, cap, f->set[i], &found)] = f->set[i];
    }
    sa__free(f->set);
    f->set = set;
    f->set_cap = cap;
    return SA_OK;
}

/* Inserts url; *stored gets the set's copy. Returns SA_OK, 1 when present, or an error. */
static int set_add(struct sa_frontier *f, const char *url, const char **stored)
{
    int found = 0;
    size_t i = 0;
    if (f->set_cap) {
        i = slot_of(f->set, f->set_cap, url, &found);
        if (found) return 1;
    }
    if (f->max_seen && f->nseen >= f->max_seen) return SA_ETOOBIG;
    if ((f->nseen + 1) * 2 > f->set_cap) {
        int rc = set_grow(f);
        if (rc != SA_OK) return rc;
        i = slot_of(f->set, f->set_cap, url, &found);
    }
    char *copy = sa__strdup(url);
    if (!copy) return SA_ENOMEM;
    f->set[i] = copy;
    f->nseen++;
    *stored = copy;
    return SA_OK;
}

int sa__frontier_seen(const struct sa_frontier *f, const char *url)
{
    int found = 0;
    if (f->set_cap) slot_of(f->set, f->set_cap, url, &found);
    return found;
}

int sa__frontier_mark(struct sa_frontier *f, const char *url)
{
    const char *stored;
    return set_add(f, url, &stored);
}

static int before(const struct sa_frontier_entry *a, const struct sa_frontier_entry *b)
{
    return a->prio != b->prio ? a->prio > b->prio : a->seq < b->seq;
}

int sa__frontier_push(struct sa_frontier *f, const char *url, unsigned depth, int prio)
{
    if (f->nheap == f->heap_cap) {
        size_t cap = f->heap_cap ? f->heap_cap * 2 : 256;
        struct sa_frontier_entry *h = sa__realloc(f->heap, cap * sizeof *h);
        if (!h) return SA_ENOMEM;
        f->heap = h;
        f->heap_cap = cap;
    }
    const char *stored;
    int rc = set_add(f, url, &stored);
    if (rc != SA_OK) return rc;
    struct sa_frontier_entry e = {stored, depth, prio, f->seq++};
    size_t i = f->nheap++;
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!before(&e, &f->heap[parent])) break;
        f->heap[i] = f->heap[parent];
        i = parent;
    }
    f->heap[i] = e;
    return SA_OK;
}

int sa__frontier_pop(struct sa_frontier *f, struct sa_frontier_entry *out)
{
    if (f->nheap == 0) return 0;
    *out = f->heap[0];
    struct sa_frontier_entry last = f->heap[--f->nheap];
    size_t i = 0, n = f->nheap;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && before(&f->heap[c + 1], &f->heap[c])) c++;
        if (!before(&f->heap[c], &last)) break;
        f->heap[i] = f->heap[c];
        i = c;
    }
    if (n) f->heap[i] = last;
    return 1;
}

size_t sa__frontier_queued(const struct sa_frontier *f)
{
    return f->nheap;
}

void sa__frontier_release(struct sa_frontier *f)
{
    for (size_t i = 0; i < f->set_cap; i++) sa__free(f->set[i]);
    sa__free(f->set);
    sa__free(f->heap);
    memset(f, 0, sizeof *f);
}
