/* The capped buffer (src/buf.c): reserving room up front, as the crawler does with a page's
 * announced length, must leave appends in place and keep the cap and the error contract. */
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "shopaudit/common.h"
#include "test.h"

TEST(buf_reserve_keeps_appends_in_place)
{
    struct sa_buf b;
    sa__buf_init(&b, 1 << 20);
    EXPECT_EQ(sa__buf_reserve(&b, 50000), SA_OK);
    EXPECT(b.ptr != NULL);
    EXPECT_EQ(b.cap, 50001);
    EXPECT_EQ(b.len, 0);
    EXPECT_EQ(b.ptr[0], '\0'); /* a string, empty, as after any append */
    const char *at = b.ptr;
    char piece[16384];
    size_t sum = 0;
    for (int i = 0; i < 3; i++) {
        memset(piece, 'a' + i, sizeof piece);
        EXPECT_EQ(sa__buf_append(&b, piece, sizeof piece), SA_OK);
        sum += sizeof piece;
    }
    EXPECT_EQ(sa__buf_append(&b, piece, 50000 - sum), SA_OK);
    EXPECT(b.ptr == at); /* no realloc moved it */
    EXPECT_EQ(b.len, 50000);
    EXPECT_EQ(b.ptr[50000], '\0');
    EXPECT_EQ(b.ptr[0], 'a');
    EXPECT_EQ(b.ptr[16384], 'b');
    EXPECT_EQ(b.ptr[49999], 'c');
    /* past the reserve it grows as before */
    EXPECT_EQ(sa__buf_append(&b, "xyz", 3), SA_OK);
    EXPECT_EQ(b.len, 50003);
    EXPECT(memcmp(b.ptr + 50000, "xyz", 4) == 0);
    /* a smaller reserve than what is there changes nothing */
    size_t cap = b.cap;
    at = b.ptr;
    EXPECT_EQ(sa__buf_reserve(&b, 10), SA_OK);
    EXPECT(b.ptr == at);
    EXPECT_EQ(b.cap, cap);
    sa__buf_release(&b);
}

TEST(buf_reserve_respects_the_cap)
{
    struct sa_buf b;
    sa__buf_init(&b, 100); /* 99 bytes and the NUL */
    EXPECT_EQ(sa__buf_reserve(&b, 99), SA_OK);
    EXPECT_EQ(b.cap, 100);
    EXPECT_EQ(sa__buf_append(&b, "hello", 5), SA_OK);
    EXPECT_EQ(sa__buf_reserve(&b, 95), SA_ETOOBIG);
    EXPECT(b.ptr == NULL); /* released, as any failure does */
    EXPECT_EQ(b.len, 0);
    EXPECT_EQ(b.cap, 0);
    EXPECT_EQ(sa__buf_reserve(&b, (size_t)-1), SA_ETOOBIG); /* wraps */
    EXPECT(b.ptr == NULL);
}

TEST(buf_reserve_out_of_memory_releases)
{
    struct sa_buf b;
    sa__buf_init(&b, 1 << 20);
    EXPECT_EQ(sa__buf_append(&b, "abc", 3), SA_OK);
    sa__alloc_fail_at(1);
    int rc = sa__buf_reserve(&b, 1000);
    sa__alloc_fail_at(0);
    EXPECT_EQ(rc, SA_ENOMEM);
    EXPECT(b.ptr == NULL);
    EXPECT_EQ(b.len, 0);
    EXPECT_EQ(sa__buf_append(&b, "d", 1), SA_OK); /* usable again */
    EXPECT(strcmp(b.ptr, "d") == 0);
    sa__buf_release(&b);
}

TEST_MAIN()
