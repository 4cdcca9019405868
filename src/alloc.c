/* The allocation hook: thin wrappers over malloc with an optional failure injector. libxml2,
 * cJSON and libcurl are routed through the same wrappers (sa__alloc_route_libs), so a torture
 * test failing allocation N reaches their allocations too, as curl's own torture tests do. */
#include "alloc.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <libxml/globals.h>
#include <libxml/xmlmemory.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xml_arena.h"

/* Page workers (--jobs) allocate too: the counters are atomic, relaxed because only their own
 * values matter, and the exemption is per thread, as the parse it covers is. Failure injection
 * itself wants one thread (tests run with --jobs 1) to fail a reproducible allocation.
 * Nothing counts until a test arms the injector: an audit's page threads, libxml2 and libcurl
 * all allocate through here, and one counter shared by every thread moved its cache line
 * between the cores on each allocation. */
static atomic_ulong alloc_count, fail_at;
static atomic_int fail_once, armed;
static _Thread_local int exempt;

static int should_fail(void)
{
    if (exempt || !atomic_load_explicit(&armed, memory_order_relaxed)) return 0;
    unsigned long n = atomic_fetch_add_explicit(&alloc_count, 1, memory_order_relaxed) + 1;
    unsigned long at = atomic_load_explicit(&fail_at, memory_order_relaxed);
    if (!at) return 0;
    return atomic_load_explicit(&fail_once, memory_order_relaxed) ? n == at : n >= at;
}

void sa__alloc_fail_at(unsigned long n)
{
    atomic_store(&armed, 1);
    atomic_store(&fail_at, n);
    atomic_store(&fail_once, 0);
    atomic_store(&alloc_count, 0);
}

void sa__alloc_fail_only(unsigned long n)
{
    atomic_store(&armed, 1);
    atomic_store(&fail_at, n);
    atomic_store(&fail_once, 1);
    atomic_store(&alloc_count, 0);
}

void sa__alloc_exempt(int on)
{
    exempt += on ? 1 : -1;
}

unsigned long sa__alloc_count(void)
{
    return atomic_load(&alloc_count);
}

void *sa__malloc(size_t n)
{
    return should_fail() ? NULL : malloc(n ? n : 1);
}

void *sa__calloc(size_t nmemb, size_t size)
{
    return should_fail() ? NULL : calloc(nmemb ? nmemb : 1, size ? size : 1);
}

void *sa__realloc(void *p, size_t n)
{
    return should_fail() ? NULL : realloc(p, n ? n : 1);
}

void sa__free(void *p)
{
    free(p);
}

char *sa__strndup(const char *s, size_t n)
{
    char *d = sa__malloc(n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *sa__strdup(const char *s)
{
    return sa__strndup(s, strlen(s));
}

char *sa__vasprintf(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) return NULL;
    char *s = sa__malloc((size_t)n + 1);
    if (!s) return NULL;
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

char *sa__asprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = sa__vasprintf(fmt, ap);
    va_end(ap);
    return s;
}

static void *cjson_malloc(size_t n)
{
    return sa__malloc(n);
}

/* libxml2 and libcurl take a strdup; sa__strdup matches their signature. */
int sa__alloc_route_libs(long curl_flags)
{
    static int routed;
    if (routed) return 0;
    cJSON_Hooks hooks = {cjson_malloc, sa__free};
    cJSON_InitHooks(&hooks);
    /* libxml2 through the DOM arena (xml_arena.h), which uses these wrappers outside a parse */
    struct sa__xml_hooks xh;
    sa__xml_arena_hooks(&xh);
    if (xmlMemSetup(xh.free_fn, xh.malloc_fn, xh.realloc_fn, xh.strdup_fn) != 0) return -1;
    if (curl_global_init_mem(curl_flags, sa__malloc, sa__free, sa__realloc, sa__strdup,
                             sa__calloc) != CURLE_OK)
        return -1;
    routed = 1;
    return 0;
}
