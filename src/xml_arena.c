/* The DOM arena (xml_arena.h): libxml2's allocations while a page parses are cut from chunks
 * the parsing thread keeps from page to page, and freeing one is a range test. A page's DOM is
 * tens of thousands of small blocks; through malloc, making and freeing them was about 6% of an
 * audit's cycles.
 *
 * A block is a 16-byte header (its capacity) and its bytes, 16-byte aligned. Under
 * AddressSanitizer the headers, the unused tails and every freed block stay poisoned, and a
 * reset poisons the whole arena, so a read of a freed node still reports, as with malloc. */
#include "xml_arena.h"

#include <libxml/xmlerror.h>
#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "asan.h"

#define HDR       16u
#define CHUNK_MIN ((size_t)64 << 10)
#define CHUNK_MAX ((size_t)4 << 20)
#define KEEP_MAX  ((size_t)8 << 20) /* bytes of chunks kept for the next page */

struct chunk {
    struct chunk *next;
    size_t size, used; /* of data */
    _Alignas(16) unsigned char data[];
};

/* The thread's arena: its chunks in the order they were made, the one being cut, whether
 * libxml2's allocations go to it now, and how many documents made in it are alive. */
struct arena {
    struct chunk *head, *cur;
    size_t total;
    int on;
    unsigned live;
};

static _Thread_local struct arena xa;

static size_t cap_of(const void *p)
{
    const unsigned char *h = (const unsigned char *)p - HDR;
    sa__unpoison(h, sizeof(size_t));
    size_t cap;
    memcpy(&cap, h, sizeof cap);
    sa__poison(h, sizeof(size_t));
    return cap;
}

static int in_arena(const void *p)
{
    const unsigned char *u = p;
    for (const struct chunk *c = xa.head; c; c = c->next)
        if (u >= c->data && u < c->data + c->size) return 1;
    return 0;
}

static void *cut(size_t n)
{
    if (n > SIZE_MAX / 2) return NULL; /* as malloc would fail it */
    size_t need = HDR + ((n + 15u) & ~(size_t)15u);
    struct chunk *c = xa.cur;
    /* the chunks kept from the pages before, emptied, are cut again in turn */
    while (c && c->size - c->used < need) c = c->next;
    if (!c) {
        struct chunk **tail = &xa.head, *last = NULL;
        while (*tail) {
            last = *tail;
            tail = &last->next;
        }
        size_t size = last ? last->size * 2 : CHUNK_MIN;
        if (size > CHUNK_MAX) size = CHUNK_MAX;
        if (size < need) size = need;
        c = sa__malloc(sizeof *c + size);
        if (!c) return NULL;
        c->size = size;
        c->used = 0;
        c->next = NULL;
        *tail = c;
        xa.total += size;
        sa__poison(c->data, size);
    }
    xa.cur = c;
    unsigned char *h = c->data + c->used;
    c->used += need;
    sa__unpoison(h, HDR + n);
    memcpy(h, &need, sizeof need); /* the capacity, header included */
    sa__poison(h, HDR);
    return h + HDR;
}

static void *xml_malloc(size_t n)
{
    return xa.on ? cut(n) : sa__malloc(n);
}

static void xml_free(void *p)
{
    if (!p) return;
    if (!in_arena(p)) {
        sa__free(p);
        return;
    }
    sa__poison(p, cap_of(p) - HDR); /* kept until the arena is reset */
}

static void *xml_realloc(void *p, size_t n)
{
    if (!p) return xml_malloc(n);
    if (!in_arena(p)) return sa__realloc(p, n);
    size_t cap = cap_of(p) - HDR;
    if (n <= cap) {
        sa__unpoison(p, n);
        sa__poison((unsigned char *)p + n, cap - n);
        return p;
    }
    void *q = xa.on ? cut(n) : sa__malloc(n);
    if (!q) return NULL;
    /* the old bytes, all of which the caller may have written (its size is not kept) */
    sa__unpoison(p, cap);
    memcpy(q, p, cap);
    sa__poison(p, cap);
    return q;
}

static char *xml_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = xml_malloc(n);
    if (d) memcpy(d, s, n);
    return d;
}

void sa__xml_arena_hooks(struct sa__xml_hooks *h)
{
    h->malloc_fn = xml_malloc;
    h->realloc_fn = xml_realloc;
    h->free_fn = xml_free;
    h->strdup_fn = xml_strdup;
}

/* Empties the arena once no document made in it is alive. libxml2 keeps the last error of the
 * thread, whose strings a parse may have cut here: it is cleared first, so that nothing points
 * into the chunks reused or given back. */
static void reset(void)
{
    if (!xa.head) return;
    xmlResetLastError();
    size_t kept = 0;
    struct chunk **pc = &xa.head;
    while (*pc) {
        struct chunk *c = *pc;
        if (kept + c->size <= KEEP_MAX) {
            kept += c->size;
            sa__poison(c->data, c->size);
            c->used = 0;
            pc = &c->next;
        } else {
            *pc = c->next;
            xa.total -= c->size;
            sa__unpoison(c->data, c->size);
            sa__free(c);
        }
    }
    xa.cur = xa.head;
}

void sa__xml_arena_begin(void)
{
    if (!xa.live && xa.head) reset();
    xa.on = 1;
}

void sa__xml_arena_end(int made)
{
    xa.on = 0;
    if (made) xa.live++;
}

void sa__xml_arena_drop(void)
{
    if (xa.live && !--xa.live) reset();
}

void sa__xml_arena_free(void)
{
    if (xa.live) return; /* documents still alive: their memory stays */
    xmlResetLastError();
    while (xa.head) {
        struct chunk *c = xa.head;
        xa.head = c->next;
        sa__unpoison(c->data, c->size);
        sa__free(c);
    }
    xa.cur = NULL;
    xa.total = 0;
}

size_t sa__xml_arena_size(void)
{
    return xa.total;
}
