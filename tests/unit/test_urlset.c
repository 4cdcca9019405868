/* The URL set (src/urlset.c): interned strings that stay put while the set grows, lookups that
 * survive hash collisions and index growth, statuses, the cap, and every failing allocation
 * leaving a usable set. */
#include "test.h"

#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "shopaudit/common.h"
#include "urlset.h"

/* FNV-1a folded to 32 bits, as urlset.c hashes: used to build URLs that share a hash. */
static uint32_t hash32(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return (uint32_t)(h ^ (h >> 32));
}

TEST(urlset_interned_pointers_stable_across_growth)
{
    struct sa_urlset s;
    sa__urlset_init(&s, 0);
    enum { N = 30000 }; /* past several index doublings and arena chunks */
    static const char *stored[N];
    char url[64];
    for (int i = 0; i < N; i++) {
        snprintf(url, sizeof url, "http://shop.example/product/%d.html", i);
        ASSERT(sa__urlset_add(&s, url, &stored[i]) == SA_OK);
        EXPECT(stored[i] != url);
    }
    EXPECT_EQ(s.n, (size_t)N);
    EXPECT(s.cap >= 2 * s.n); /* never more than half full */
    for (int i = 0; i < N; i++) {
        snprintf(url, sizeof url, "http://shop.example/product/%d.html", i);
        EXPECT_STREQ(stored[i], url); /* the first copies: growth moved no string */
        const char *again = NULL;
        EXPECT_EQ(sa__urlset_add(&s, url, &again), 1);
        EXPECT(again == stored[i]);
    }
    EXPECT(!sa__urlset_has(&s, "http://shop.example/product/30000.html"));
    EXPECT(!sa__urlset_has(&s, "http://shop.example/product/"));
    sa__urlset_release(&s);
    EXPECT_EQ(s.n, 0);
    EXPECT(!sa__urlset_has(&s, "http://shop.example/product/1.html"));
}

TEST(urlset_same_hash_urls_kept_apart)
{
    /* find URLs whose 32-bit hashes are equal in the low bits the index uses, then a pair
     * with the very same full hash, so lookups must compare bytes, not hashes */
    struct sa_urlset s;
    sa__urlset_init(&s, 0);
    char a[40], b[40];
    int pairs = 0;
    uint32_t want = hash32("http://a/0") & 1023;
    for (int i = 1; i < 200000 && pairs < 6; i++) {
        snprintf(b, sizeof b, "http://a/%d", i);
        if ((hash32(b) & 1023) != want) continue;
        ASSERT(sa__urlset_add(&s, b, NULL) == SA_OK);
        pairs++;
    }
    EXPECT_EQ(pairs, 6);
    ASSERT(sa__urlset_add(&s, "http://a/0", NULL) == SA_OK);
    EXPECT(sa__urlset_has(&s, "http://a/0"));
    EXPECT_EQ(s.n, 7);
    /* a full 32-bit collision: search a few million strings for one */
    static uint32_t seen_hash[1 << 16];
    static unsigned seen_id[1 << 16];
    int found = 0;
    for (unsigned i = 1; i < 4000000 && !found; i++) {
        snprintf(a, sizeof a, "http://c/%u", i);
        uint32_t h = hash32(a);
        unsigned k = h >> 16;
        if (seen_id[k] && seen_hash[k] == h) {
            snprintf(b, sizeof b, "http://c/%u", seen_id[k]);
            found = 1;
        } else {
            seen_hash[k] = h;
            seen_id[k] = i;
        }
    }
    ASSERT(found);
    ASSERT(hash32(a) == hash32(b) && strcmp(a, b) != 0);
    EXPECT_EQ(sa__urlset_add(&s, a, NULL), SA_OK);
    EXPECT(!sa__urlset_has(&s, b));
    EXPECT_EQ(sa__urlset_set_status(&s, a, 404), SA_OK);
    EXPECT_EQ(sa__urlset_status(&s, b), SA_URL_UNCHECKED);
    EXPECT_EQ(sa__urlset_add(&s, b, NULL), SA_OK);
    EXPECT_EQ(sa__urlset_set_status(&s, b, 200), SA_OK);
    EXPECT_EQ(sa__urlset_status(&s, a), 404);
    EXPECT_EQ(sa__urlset_status(&s, b), 200);
    sa__urlset_release(&s);
}

TEST(urlset_status_cap_and_zeroed_set)
{
    struct sa_urlset s = {0}; /* never initialised: an empty set without a cap */
    EXPECT_EQ(sa__urlset_status(&s, "http://a/"), SA_URL_UNCHECKED);
    EXPECT_EQ(sa__urlset_set_status(&s, "http://a/", 301), SA_OK);
    EXPECT_EQ(sa__urlset_status(&s, "http://a/"), 301);
    EXPECT_EQ(sa__urlset_set_status(&s, "http://a/", 0), SA_OK);
    EXPECT_EQ(sa__urlset_status(&s, "http://a/"), 0);
    sa__urlset_release(&s);

    sa__urlset_init(&s, 2);
    EXPECT_EQ(sa__urlset_add(&s, "http://a/1", NULL), SA_OK);
    EXPECT_EQ(sa__urlset_add(&s, "http://a/2", NULL), SA_OK);
    EXPECT_EQ(sa__urlset_add(&s, "http://a/2", NULL), 1); /* present: no cap reached */
    EXPECT_EQ(sa__urlset_add(&s, "http://a/3", NULL), SA_ETOOBIG);
    EXPECT_EQ(sa__urlset_set_status(&s, "http://a/3", 200), SA_ETOOBIG);
    EXPECT(!sa__urlset_has(&s, "http://a/3"));
    EXPECT_EQ(s.n, 2);
    sa__urlset_release(&s);
}

/* Every allocation of a growing set failing in turn: the add says SA_ENOMEM and changes
 * nothing; the set keeps every URL it had and takes the next one once memory is back. */
TEST(urlset_every_failing_allocation_keeps_the_set_whole)
{
    char url[64];
    int failures = 0;
    for (unsigned long n = 1; n < 40; n++) {
        struct sa_urlset s;
        sa__urlset_init(&s, 0);
        int added = 0, failed_at = -1;
        sa__alloc_fail_only(n);
        for (int i = 0; i < 3000; i++) {
            snprintf(url, sizeof url, "http://a/page/%d", i);
            int rc = sa__urlset_add(&s, url, NULL);
            if (rc == SA_ENOMEM) {
                EXPECT_EQ(failed_at, -1); /* fail_only: one allocation fails, once */
                failed_at = i;
                EXPECT(!sa__urlset_has(&s, url));
                continue;
            }
            EXPECT_EQ(rc, SA_OK);
            added++;
        }
        sa__alloc_fail_at(0);
        if (failed_at >= 0) failures++;
        EXPECT_EQ((size_t)added, s.n);
        for (int i = 0; i < 3000; i++) {
            snprintf(url, sizeof url, "http://a/page/%d", i);
            EXPECT_EQ(sa__urlset_has(&s, url), i != failed_at);
        }
        if (failed_at >= 0) {
            snprintf(url, sizeof url, "http://a/page/%d", failed_at);
            EXPECT_EQ(sa__urlset_add(&s, url, NULL), SA_OK);
            EXPECT_EQ(s.n, 3000);
        }
        sa__urlset_release(&s);
    }
    /* 3000 URLs take a few index, entry and arena allocations: each of them was hit */
    EXPECT(failures >= 5);
}

TEST_MAIN()
