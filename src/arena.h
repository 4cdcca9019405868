/* One arena per page (h2o's pool): the page's many small strings are freed at once with the
 * page. Anything kept longer than the page must be copied out. */
#ifndef SA_ARENA_H
#define SA_ARENA_H

#include <stddef.h>

struct sa_arena_chunk;
struct sa_arena {
    struct sa_arena_chunk *head;
    size_t used; /* bytes handed out, all chunks */
    size_t max;  /* cap on used; 0 = SA_ARENA_DEFAULT_MAX */
};
#define SA_ARENA_DEFAULT_MAX ((size_t)256 << 20)

void sa__arena_init(struct sa_arena *a, size_t max);
/* 8-byte aligned, zeroed memory, or NULL on ENOMEM or past the cap. */
void *sa__arena_alloc(struct sa_arena *a, size_t n);
char *sa__arena_strndup(struct sa_arena *a, const char *s, size_t n);
char *sa__arena_strdup(struct sa_arena *a, const char *s);
void sa__arena_release(struct sa_arena *a);

#endif
