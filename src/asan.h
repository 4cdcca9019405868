/* Poisoning memory the library keeps for reuse (a keys block kept for the next page, the DOM
 * arena's freed blocks): under AddressSanitizer a read of it then reports as a read of freed
 * memory would; elsewhere the calls compile to nothing. */
#ifndef SA_ASAN_H
#define SA_ASAN_H

#if defined(__SANITIZE_ADDRESS__)
#define SA__ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SA__ASAN 1
#endif
#endif

#ifdef SA__ASAN
#include <sanitizer/asan_interface.h>
#define sa__poison(p, n)   ASAN_POISON_MEMORY_REGION(p, n)
#define sa__unpoison(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define sa__poison(p, n)   ((void)(p), (void)(n))
#define sa__unpoison(p, n) ((void)(p), (void)(n))
#endif

#endif
