/* Unit tests for src/hash.h: the memos' hashes read a text's last bytes with sa__tail_le, which
 * must give exactly what a copy of those bytes into a zeroed word gives, for every length and
 * every place the last bytes start (the hashes, and so the memos' layouts, stay as they were). */
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

TEST_MAIN()
