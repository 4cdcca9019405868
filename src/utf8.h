/* UTF-8 helpers: every string we write to a report must be valid UTF-8 whatever a site sent. */
#ifndef SA_UTF8_H
#define SA_UTF8_H

#include <stddef.h>

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when invalid/truncated. Overlongs,
 * surrogates and code points past U+10FFFF are invalid. */
size_t sa__utf8_seq(const unsigned char *s, size_t n);
int sa__utf8_valid(const char *s, size_t n);
/* A new NUL-terminated copy with each invalid byte replaced by U+FFFD and NUL bytes dropped.
 * NULL on ENOMEM. */
char *sa__utf8_sanitize(const char *s, size_t n, size_t *outlen);
/* Characters in s[0..n): the bytes that do not continue a sequence (10xxxxxx), so an invalid
 * byte counts as one. Checks count whole page texts with it: eight bytes at a time. */
size_t sa__utf8_chars(const char *s, size_t n);
/* 1 when s[0..n) holds more than max characters (as sa__utf8_chars counts them): counted only
 * as far as it takes to tell, and not at all when n <= max. */
int sa__utf8_more_chars(const char *s, size_t n, size_t max);
/* Largest length <= max that does not cut a character of s[0..n). */
size_t sa__utf8_floor(const char *s, size_t n, size_t max);

#endif
