/* Helpers for the byte-string hashes of the memos (the lexicon's short-text memo and the
 * checks' memos), which read a text eight bytes at a time. */
#ifndef SA_HASH_H
#define SA_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The n - i < 8 bytes s[i..n) as a little-endian word (the machines we build for),
 * zero-extended: what memcpy(&w, s + i, n - i) into a zeroed w gives, read with at most two
 * fixed-size loads. A copy of a variable length into w, read back whole, stalled
 * store-to-load forwarding on every short text: perf put 45% of the checks' memo lookups'
 * cycles on the one instruction after it (2 000 pages). */
static inline uint64_t sa__tail_le(const char *s, size_t n, size_t i)
{
    size_t r = n - i;
    if (!r) return 0;
    if (n >= 8) { /* the last eight bytes of the text, shifted down to the tail's */
        uint64_t w;
        memcpy(&w, s + n - 8, 8);
        return w >> (8 * (8 - r));
    }
    const unsigned char *p = (const unsigned char *)s + i;
    if (r >= 4) { /* two loads that overlap by 8 - r bytes, the same bytes in the same places */
        uint32_t lo, hi;
        memcpy(&lo, p, 4);
        memcpy(&hi, p + r - 4, 4);
        return lo | (uint64_t)hi << (8 * (r - 4));
    }
    return p[0] | (uint64_t)p[r / 2] << (8 * (r / 2)) | (uint64_t)p[r - 1] << (8 * (r - 1));
}

#endif
