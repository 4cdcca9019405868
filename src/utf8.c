/* UTF-8 validation and repair, per RFC 3629 (no overlongs, no surrogates, max U+10FFFF). */
#include "utf8.h"

#include <stdint.h>
#include <string.h>

#include "alloc.h"

size_t sa__utf8_seq(const unsigned char *s, size_t n)
{
    if (n == 0) return 0;
    unsigned c = s[0];
    if (c < 0x80) return 1;
    if (c < 0xC2) return 0;
    if (c < 0xE0) return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c < 0xF0) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return 0;
        if (c == 0xE0 && s[1] < 0xA0) return 0;  /* overlong */
        if (c == 0xED && s[1] >= 0xA0) return 0; /* surrogate */
        return 3;
    }
    if (c < 0xF5) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && s[1] < 0x90) return 0;  /* overlong */
        if (c == 0xF4 && s[1] >= 0x90) return 0; /* past U+10FFFF */
        return 4;
    }
    return 0;
}

int sa__utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            /* markup is mostly ASCII: eight bytes at a time while none has its high bit */
            uint64_t w;
            while (i + 8 <= n && (memcpy(&w, p + i, 8), (w & 0x8080808080808080u) == 0)) i += 8;
            if (i < n && p[i] < 0x80) i++;
            continue;
        }
        /* two-byte letters (Cyrillic, Greek, Armenian) without a call */
        if (p[i] - 0xC2u < 30u && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
            i += 2;
            continue;
        }
        size_t k = sa__utf8_seq(p + i, n - i);
        if (!k) return 0;
        i += k;
    }
    return 1;
}

char *sa__utf8_sanitize(const char *s, size_t n, size_t *outlen)
{
    /* worst case: every byte becomes the 3-byte U+FFFD */
    if (n > ((size_t)-1 - 1) / 3) return NULL;
    char *out = sa__malloc(n * 3 + 1);
    if (!out) return NULL;
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, o = 0;
    while (i < n) {
        size_t k = sa__utf8_seq(p + i, n - i);
        if (k == 1 && p[i] == 0) {
            i++;
        } else if (k) {
            for (size_t j = 0; j < k; j++) out[o++] = (char)p[i + j];
            i += k;
        } else {
            out[o++] = (char)0xEF;
            out[o++] = (char)0xBF;
            out[o++] = (char)0xBD;
            i++;
        }
    }
    out[o] = '\0';
    if (outlen) *outlen = o;
    return out;
}

size_t sa__utf8_floor(const char *s, size_t n, size_t max)
{
    if (max >= n) return n;
    size_t i = max;
    /* step back over continuation bytes, at most 3 */
    while (i > 0 && i > max - 3 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
    return i;
}

/* The continuation bytes among the eight at s. */
static size_t cont8(const char *s)
{
    uint64_t w;
    memcpy(&w, s, 8);
    /* bit 7 of each continuation byte, moved to bit 0 and summed into the top byte */
    return (size_t)((((w & ~(w << 1) & 0x8080808080808080u) >> 7) * 0x0101010101010101u) >> 56);
}

size_t sa__utf8_chars(const char *s, size_t n)
{
    size_t cont = 0, i = 0;
    for (; i + 8 <= n; i += 8) cont += cont8(s + i);
    for (; i < n; i++) cont += ((unsigned char)s[i] & 0xC0) == 0x80;
    return n - cont;
}

int sa__utf8_more_chars(const char *s, size_t n, size_t max)
{
    if (n <= max) return 0; /* a character has one byte at least */
    size_t cont = 0, i = 0;
    for (; i + 8 <= n; i += 8)
        if (i + 8 - (cont += cont8(s + i)) > max) return 1; /* no need to count the rest */
    for (; i < n; i++) cont += ((unsigned char)s[i] & 0xC0) == 0x80;
    return n - cont > max;
}
