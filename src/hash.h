/* The byte-string hash of the memos: the lexicon's short-text memo, the checks' memos and the
 * page builder's URL joins key their tables with it. Eight bytes at a time: a byte at a time
 * (FNV-1a) was half of the lexicon memo's own instructions. */
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

/* A hash of s[0..n) from seed (another hash, to hash a key of several parts, or a salt). Every
 * bit of the input reaches the high bits; callers that index with the low bits mix the result
 * once more (or take h ^ h >> 29, as the lexicon memo does). */
static inline uint64_t sa__hash_bytes(const char *s, size_t n, uint64_t seed)
{
    /* the length goes to the top byte: a text under eight bytes is all in the 56 bits below
     * it, so a length and a tail cannot cancel out (with seed ^ n they did: "\x01" and "" hashed
     * alike) */
    uint64_t h = seed ^ ((uint64_t)n << 56 | (uint64_t)n >> 8);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9u;
        h ^= h >> 31;
    }
    h = (h ^ sa__tail_le(s, n, i)) * 0x94D049BB133111EBu;
    return h ^ h >> 29;
}

#endif
