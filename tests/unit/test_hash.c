/* Unit tests for src/hash.h: sa__tail_le must give exactly what a copy of a text's last bytes
 * into a zeroed word gives, for every length and every place the last bytes start; and
 * sa__hash_bytes, which keys the memos and the URL joins, must tell apart texts that differ in
 * one bit, in their length, or in where a key of two parts is cut. */
#include "test.h"

#include "hash.h"

TEST(hash_tail_reads_what_a_copy_reads)
{
    uint64_t seed = 0x5EED;
    char buf[64];
    size_t cases = 0;
    for (int round = 0; round < 200; round++) {
        /* random bytes, high ones and NULs among them */
        for (size_t k = 0; k < sizeof buf; k++) buf[k] = (char)t_rand(&seed, 256);
        for (size_t n = 0; n <= 40; n++)
            for (size_t r = 0; r < 8 && r <= n; r++) {
                size_t i = n - r;
                /* the text starts at an odd place, so no load is aligned by chance */
                const char *s = buf + 1 + (size_t)round % 7;
                uint64_t want = 0;
                memcpy(&want, s + i, r);
                if (sa__tail_le(s, n, i) != want) {
                    fprintf(stderr, "n %zu, i %zu: %016llx, want %016llx\n", n, i,
                            (unsigned long long)sa__tail_le(s, n, i), (unsigned long long)want);
                    ASSERT(0);
                }
                cases++;
            }
    }
    ASSERT(cases > 50000);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

TEST(hash_bytes_tell_texts_apart)
{
    uint64_t seed = 0xFEED;
    char buf[48] = {0};
    for (size_t k = 0; k < sizeof buf; k++) buf[k] = (char)t_rand(&seed, 256);
    enum { MAX = 48 * 8 * 41 + 48 * 48 + 41 };
    uint64_t *h = malloc(MAX * sizeof *h);
    size_t n = 0;
    /* every length of the same bytes, zero bytes included (a text of NULs is not empty) */
    char zeros[48] = {0};
    for (size_t len = 0; len <= 40; len++) h[n++] = sa__hash_bytes(zeros, len, 7);
    /* every one-bit change of every length */
    for (size_t len = 1; len <= 40; len++)
        for (size_t bit = 0; bit < 8 * len; bit++) {
            buf[bit / 8] ^= (char)(1u << (bit % 8));
            h[n++] = sa__hash_bytes(buf, len, 7);
            buf[bit / 8] ^= (char)(1u << (bit % 8));
        }
    /* a key of two parts cut in every place: (a, bc) against (ab, c) */
    for (size_t len = 0; len < 48; len++)
        for (size_t cut = 0; cut <= len && cut < 48; cut++)
            h[n++] = sa__hash_bytes(buf + cut, len - cut, sa__hash_bytes(buf, cut, 7));
    ASSERT(n <= MAX);
    qsort(h, n, sizeof *h, cmp_u64);
    size_t same = 0;
    for (size_t i = 1; i < n; i++) same += h[i] == h[i - 1];
    fprintf(stderr, "%zu hashes, %zu repeats\n", n, same);
    ASSERT(same == 0);
    /* and the seed matters */
    ASSERT(sa__hash_bytes(buf, 20, 7) != sa__hash_bytes(buf, 20, 8));
    free(h);
}

TEST_MAIN()
