/* A set of URLs with a status per URL: every URL an audit has met (queued, fetched, probed,
 * skipped), so none is fetched twice and checks can ask afterwards how a linked URL answered.
 * Memory grows with the number of URLs known, never with page bodies. */
#ifndef SA_URLSET_H
#define SA_URLSET_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* Status of a URL not fetched (yet): queued, skipped or out of budget. */
#define SA_URL_UNCHECKED (-1)

struct sa_urlset_entry {
    const char *url; /* interned in the set's arena */
    int status;      /* HTTP status, 0 when the fetch failed, SA_URL_UNCHECKED */
    uint32_t hash;   /* compared before the bytes: a probe past another URL costs no strcmp */
};

/* Per URL: its bytes in an arena (no malloc header, no rounding to 16), a 16-byte entry in a
 * dense array and a 4-byte slot in the index (at most half full), about 30 + strlen bytes a URL
 * where a strdup'd string and a table of pointers kept at half load took about 80 + strlen. */
struct sa_urlset {
    struct sa_urlset_entry *v; /* dense, in insertion order */
    uint32_t *slot;            /* open addressing, linear probing: 0 free, else index in v + 1 */
    size_t n, vcap, cap, max;  /* cap: slots, a power of two */
    struct sa_arena strings;
};

/* A zeroed struct is an empty set without a cap, as after sa__urlset_init(s, 0).
 * max caps the number of URLs (0: none): past it, sa__urlset_add returns SA_ETOOBIG. */
void sa__urlset_init(struct sa_urlset *s, size_t max);
/* Adds url (copied) as unchecked. Returns SA_OK, 1 when already present, SA_ETOOBIG or
 * SA_ENOMEM; *stored (may be NULL) gets the set's copy, valid until sa__urlset_release. */
int sa__urlset_add(struct sa_urlset *s, const char *url, const char **stored);
int sa__urlset_has(const struct sa_urlset *s, const char *url);
/* Records how url answered; adds it when absent. SA_OK or an error of sa__urlset_add. */
int sa__urlset_set_status(struct sa_urlset *s, const char *url, int status);
/* The recorded status, SA_URL_UNCHECKED when absent or not fetched. */
int sa__urlset_status(const struct sa_urlset *s, const char *url);
void sa__urlset_release(struct sa_urlset *s);

#endif
