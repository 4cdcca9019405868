/* Shared by the libFuzzer harnesses and the replay driver: the one entry point every harness
 * defines, declared so -Wmissing-prototypes holds, and a helper that turns fuzz bytes into a
 * NUL-terminated string the library's C-string APIs can take. */
#ifndef SA_FUZZ_H
#define SA_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "alloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Routes libxml2 (and cJSON, libcurl) through the library's allocator once, as sa_audit_new
 * does, so that the harnesses parse pages into the DOM arena (xml_arena.h) as an audit does. */
static inline void fuzz_route(void)
{
    static int routed;
    if (!routed) routed = sa__alloc_route_libs(0) == 0;
}

/* A NUL-terminated copy of data[0..n), or NULL when memory runs out. sa__free it. */
static inline char *fuzz_cstr(const uint8_t *data, size_t n)
{
    return sa__strndup((const char *)data, n);
}

/* Splits data at the first '\n': [0..*a_len) and the rest; the rest is empty without one. */
static inline void fuzz_split(const uint8_t *data, size_t size, size_t *a_len, const uint8_t **rest,
                              size_t *rest_len)
{
    size_t i = 0;
    while (i < size && data[i] != '\n') i++;
    *a_len = i;
    *rest = i < size ? data + i + 1 : data + size;
    *rest_len = i < size ? size - i - 1 : 0;
}

#endif
