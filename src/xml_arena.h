/* The DOM arena: while sa__html_parse builds a page's DOM, libxml2's allocations on that thread
 * are cut from chunks the thread keeps, and freeing them costs a range test; the chunks are
 * emptied together once no document made in them is alive. A document parsed this way must be
 * freed on the thread that parsed it (sa__html_free), as the page pipeline does. */
#ifndef SA_XML_ARENA_H
#define SA_XML_ARENA_H

#include <stddef.h>

/* libxml2's allocator as xmlMemSetup takes it: outside a parse, the library's own wrappers. */
struct sa__xml_hooks {
    void *(*malloc_fn)(size_t);
    void *(*realloc_fn)(void *, size_t);
    void (*free_fn)(void *);
    char *(*strdup_fn)(const char *);
};
void sa__xml_arena_hooks(struct sa__xml_hooks *h);

/* libxml2's allocations on this thread go to the arena from _begin to _end; made: a document
 * was made, and is alive until sa__xml_arena_drop. */
void sa__xml_arena_begin(void);
void sa__xml_arena_end(int made);
/* A document made in this thread's arena was freed. */
void sa__xml_arena_drop(void);
/* Gives this thread's chunks back, unless a document made in them is alive: for a thread that
 * parsed pages, before it ends. */
void sa__xml_arena_free(void);
/* Bytes of chunks this thread holds (tests). */
size_t sa__xml_arena_size(void);

#endif
