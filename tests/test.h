/* A tiny test harness: TEST(name) defines a test, the file ends with TEST_MAIN(), and the
 * runner takes test names on the command line (none = all), so ctest registers each test on
 * its own (CMake greps the TEST( lines). Failures print file:line and the values compared. */
#ifndef SA_TEST_H
#define SA_TEST_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct t_case {
    const char *name;
    void (*fn)(void);
};
/* A fixed-seed xorshift for the tests that draw cases at random: the same cases every run. */
static inline __attribute__((unused)) unsigned t_rand(uint64_t *state, unsigned n)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return (unsigned)(*state % n);
}

static struct t_case t_cases[256];
static int t_ncases, t_failed;

#define TEST(tname)                                                                                \
    static void test_##tname(void);                                                                \
    __attribute__((constructor)) static void t_reg_##tname(void)                                   \
    {                                                                                              \
        t_cases[t_ncases].name = #tname;                                                           \
        t_cases[t_ncases++].fn = test_##tname;                                                     \
    }                                                                                              \
    static void test_##tname(void)

#define T_FAIL(...)                                                                                \
    do {                                                                                           \
        fprintf(stderr, "%s:%d: ", __FILE__, __LINE__);                                            \
        fprintf(stderr, __VA_ARGS__);                                                              \
        fputc('\n', stderr);                                                                       \
        t_failed++;                                                                                \
    } while (0)

#define EXPECT(c)                                                                                  \
    do {                                                                                           \
        if (!(c)) T_FAIL("expected %s", #c);                                                       \
    } while (0)
#define EXPECT_EQ(a, b)                                                                            \
    do {                                                                                           \
        long long t_a = (long long)(a), t_b = (long long)(b);                                      \
        if (t_a != t_b) T_FAIL("%s == %s: %lld != %lld", #a, #b, t_a, t_b);                        \
    } while (0)
#define EXPECT_STREQ(a, b)                                                                         \
    do {                                                                                           \
        const char *t_a = (a), *t_b = (b);                                                         \
        if (!t_a || !t_b || strcmp(t_a, t_b) != 0)                                                 \
            T_FAIL("%s == %s: \"%s\" != \"%s\"", #a, #b, t_a ? t_a : "(null)",                     \
                   t_b ? t_b : "(null)");                                                          \
    } while (0)
#define EXPECT_NEAR(a, b, eps)                                                                     \
    do {                                                                                           \
        double t_a = (a), t_b = (b);                                                               \
        if (t_a - t_b > (eps) || t_b - t_a > (eps)) T_FAIL("%s ~ %s: %g != %g", #a, #b, t_a, t_b); \
    } while (0)
#define ASSERT(c)                                                                                  \
    do {                                                                                           \
        if (!(c)) {                                                                                \
            T_FAIL("required %s", #c);                                                             \
            return;                                                                                \
        }                                                                                          \
    } while (0)

#define TEST_MAIN()                                                                                \
    int main(int argc, char **argv)                                                                \
    {                                                                                              \
        int ran = 0;                                                                               \
        for (int i = 0; i < t_ncases; i++) {                                                       \
            int want = argc < 2;                                                                   \
            for (int j = 1; j < argc; j++)                                                         \
                if (strcmp(argv[j], t_cases[i].name) == 0) want = 1;                               \
            if (!want) continue;                                                                   \
            int before = t_failed;                                                                 \
            t_cases[i].fn();                                                                       \
            ran++;                                                                                 \
            fprintf(stderr, "%s %s\n", t_failed == before ? "ok  " : "FAIL", t_cases[i].name);     \
        }                                                                                          \
        if (!ran) {                                                                                \
            fprintf(stderr, "no test matched\n");                                                  \
            return 2;                                                                              \
        }                                                                                          \
        return t_failed ? 1 : 0;                                                                   \
    }

#endif
