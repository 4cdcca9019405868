/* Bump allocator in chunks of at least 64 KiB; large requests get a chunk of their own. */
#include "arena.h"

#include <string.h>

#include "alloc.h"

#define CHUNK_MIN ((size_t)64 << 10)

struct sa_arena_chunk {
    struct sa_arena_chunk *next;
    size_t size, pos;
    _Alignas(max_align_t) unsigned char data[];
};

void sa__arena_init(struct sa_arena *a, size_t max)
{
    a->head = NULL;
    a->used = 0;
    a->max = max ? max : SA_ARENA_DEFAULT_MAX;
}

void *sa__arena_alloc(struct sa_arena *a, size_t n)
{
    size_t need = (n + 7) & ~(size_t)7;
    if (need < n || a->used + need < a->used || a->used + need > a->max) return NULL;
    struct sa_arena_chunk *c = a->head;
    if (!c || c->size - c->pos < need) {
        size_t size = need > CHUNK_MIN ? need : CHUNK_MIN;
        c = sa__malloc(sizeof *c + size);
        if (!c) return NULL;
        c->size = size;
        c->pos = 0;
        if (a->head && need > CHUNK_MIN) {
            /* keep the current chunk on top: it still has room for small strings */
            c->next = a->head->next;
            a->head->next = c;
        } else {
            c->next = a->head;
            a->head = c;
        }
    }
    void *p = c->data + c->pos;
    c->pos += need;
    a->used += need;
    memset(p, 0, n);
    return p;
}

char *sa__arena_strndup(struct sa_arena *a, const char *s, size_t n)
{
    char *d = sa__arena_alloc(a, n + 1);
    if (!d) return NULL;
    if (n) memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *sa__arena_strdup(struct sa_arena *a, const char *s)
{
    return sa__arena_strndup(a, s, strlen(s));
}

void sa__arena_release(struct sa_arena *a)
{
    struct sa_arena_chunk *c = a->head;
    while (c) {
        struct sa_arena_chunk *next = c->next;
        sa__free(c);
        c = next;
    }
    a->head = NULL;
    a->used = 0;
}
