/* Every allocation of the library goes through these, so a test can make the N-th one fail
 * (as Lua's debug allocator and curl's torture tests do) and prove that the error path is clean. */
#ifndef SA_ALLOC_H
#define SA_ALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *sa__malloc(size_t n);
void *sa__calloc(size_t nmemb, size_t size);
void *sa__realloc(void *p, size_t n);
void sa__free(void *p);
char *sa__strdup(const char *s);
char *sa__strndup(const char *s, size_t n);
/* printf into a new string; NULL on ENOMEM. */
char *sa__asprintf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

char *sa__vasprintf(const char *fmt, va_list ap);

/* Routes cJSON, libxml2 and libcurl through these wrappers and initialises libcurl with
 * curl_flags (curl_global_init_mem): once per process, before their first use, from one
 * thread. 0 on success (and on later calls), -1 when libcurl could not be initialised. */
int sa__alloc_route_libs(long curl_flags);

/* Fail allocation number n (1-based) and every later one; 0 turns failure injection off.
 * Only for tests. */
void sa__alloc_fail_at(unsigned long n);
/* Fail allocation number n only, as curl's torture tests do: the code after it runs with
 * memory again, so its recovery is exercised too. 0 turns failure injection off. */
void sa__alloc_fail_only(unsigned long n);
/* Allocations since the last sa__alloc_fail_at or _fail_only call; they are counted only once
 * one of those has been called (a test's), so that an audit's threads share no counter. */
unsigned long sa__alloc_count(void);
/* While on (calls nest; per thread), allocations neither count nor fail: for a third-party step
 * known to crash when its allocator fails, so the torture test covers everything around it. */
void sa__alloc_exempt(int on);

#endif
