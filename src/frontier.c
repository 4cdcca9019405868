/* Frontier: the set of URLs seen (src/urlset.c) and a binary max-heap ordered by (priority
 * desc, arrival asc): O(1) and O(log n) per URL, so a 20 000-page crawl with 50 links a page
 * stays cheap. */
#include "frontier.h"

#include <string.h>

#include "alloc.h"
#include "shopaudit/common.h"

void sa__frontier_init(struct sa_frontier *f, size_t max_seen)
{
    memset(f, 0, sizeof *f);
    sa__urlset_init(&f->seen, max_seen);
}

int sa__frontier_seen(const struct sa_frontier *f, const char *url)
{
    return sa__urlset_has(&f->seen, url);
}

int sa__frontier_mark(struct sa_frontier *f, const char *url)
{
    return sa__urlset_add(&f->seen, url, NULL);
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
    int rc = sa__urlset_add(&f->seen, url, &stored);
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
    sa__urlset_release(&f->seen);
    sa__free(f->heap);
    memset(f, 0, sizeof *f);
}
