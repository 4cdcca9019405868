/* The crawl frontier: every URL the audit has ever seen (so none is fetched twice) and a
 * priority queue of those still to fetch. Pages that matter to a retention audit (cart,
 * checkout, product, contact, delivery, returns, about, promotions) get a higher priority from
 * the crawler, so that a small page budget still reaches them; equal priorities leave in the
 * order they came (breadth first). */
#ifndef SA_FRONTIER_H
#define SA_FRONTIER_H

#include <stddef.h>

#include "urlset.h"

struct sa_frontier_entry {
    const char *url; /* owned by the frontier's seen-set: valid until sa__frontier_release */
    unsigned depth;
    int prio;
    unsigned long seq;
};

struct sa_frontier {
    struct sa_urlset seen; /* every URL met, with how it answered */
    struct sa_frontier_entry *heap;
    size_t nheap, heap_cap;
    unsigned long seq;
};

/* max_seen caps memory on infinite sites: past it, sa__frontier_push returns SA_ETOOBIG. */
void sa__frontier_init(struct sa_frontier *f, size_t max_seen);
/* Marks url seen and queues it. Returns SA_OK (queued), 1 (already seen: nothing done),
 * SA_ETOOBIG or SA_ENOMEM. url is copied. */
int sa__frontier_push(struct sa_frontier *f, const char *url, unsigned depth, int prio);
/* Marks url seen without queueing it (a redirect target being fetched). Same returns. */
int sa__frontier_mark(struct sa_frontier *f, const char *url);
int sa__frontier_seen(const struct sa_frontier *f, const char *url);
/* Highest priority first; 1 when an entry was popped, 0 when the queue is empty. */
int sa__frontier_pop(struct sa_frontier *f, struct sa_frontier_entry *out);
size_t sa__frontier_queued(const struct sa_frontier *f);
void sa__frontier_release(struct sa_frontier *f);

#endif
