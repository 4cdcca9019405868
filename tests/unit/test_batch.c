/* Properties of batch sharding (src/batch.c): the shards of a list are a partition of it, a
 * host never lands in two shards, membership does not move when the list is edited, and the
 * hash that decides it all does not change between versions. */
#include <stdio.h>
#include <string.h>

#include "batch.h"
#include "test.h"

#define NURLS 2000

/* A varied list: hosts with and without www., ports, paths, upper case, both schemes. */
static void make_url(int i, char *buf, size_t n)
{
    static const char *const tld[] = {"com", "de", "shop", "co.uk", "ru"};
    switch (i % 4) {
    case 0:
        snprintf(buf, n, "https://shop%d.example.%s/", i, tld[i % 5]);
        break;
    case 1:
        snprintf(buf, n, "http://www.Store-%d.%s/catalog/?p=%d", i, tld[i % 5], i);
        break;
    case 2:
        snprintf(buf, n, "https://m%d.example.%s:8443/", i, tld[i % 5]);
        break;
    default:
        snprintf(buf, n, "HTTPS://%d.shops.example/en/", i);
        break;
    }
}

TEST(batch_shards_partition_list_exactly)
{
    static const unsigned ns[] = {1, 2, 3, 7, 16, 100};
    for (size_t k = 0; k < sizeof ns / sizeof *ns; k++) {
        unsigned n = ns[k], per[100] = {0};
        for (int i = 0; i < NURLS; i++) {
            char url[128];
            make_url(i, url, sizeof url);
            unsigned hits = 0, shard = 0;
            /* exactly one K in 0..N-1 claims the URL, as N shard processes would decide */
            for (unsigned kk = 0; kk < n; kk++) {
                unsigned s;
                ASSERT(sa__batch_shard_of(url, n, &s) == 0);
                if (s == kk) {
                    hits++;
                    shard = kk;
                }
            }
            EXPECT_EQ(hits, 1);
            per[shard]++;
        }
        unsigned total = 0;
        for (unsigned s = 0; s < n; s++) {
            total += per[s];
            /* the hash spreads: no shard gets under half its fair share (N <= 16) */
            if (n <= 16) EXPECT(per[s] >= NURLS / n / 2);
        }
        EXPECT_EQ(total, NURLS);
    }
}

TEST(batch_shard_same_host_one_shard)
{
    static const char *const same[] = {
        "https://shop.example/",         "http://shop.example/",
        "https://WWW.Shop.Example/cart", "http://www.shop.example:80/a/../b?utm_source=x",
        "https://shop.example:443/de/",  "https://shop.example/#top",
    };
    char k0[256], k[256];
    ASSERT(sa__batch_shard_key(same[0], k0, sizeof k0) == 0);
    EXPECT_STREQ(k0, "shop.example");
    for (unsigned n = 2; n <= 64; n++) {
        unsigned s0;
        ASSERT(sa__batch_shard_of(same[0], n, &s0) == 0);
        for (size_t i = 1; i < sizeof same / sizeof *same; i++) {
            unsigned s;
            ASSERT(sa__batch_shard_key(same[i], k, sizeof k) == 0);
            EXPECT_STREQ(k, k0);
            ASSERT(sa__batch_shard_of(same[i], n, &s) == 0);
            EXPECT_EQ(s, s0);
        }
    }
    /* a port the URL names is another server, so another key */
    ASSERT(sa__batch_shard_key("http://shop.example:8080/", k, sizeof k) == 0);
    EXPECT_STREQ(k, "shop.example:8080");
}

TEST(batch_shard_stable_when_list_edited)
{
    /* a shard is decided per URL, never by position: inserting, removing or reordering lines
     * moves no other site. Shards of a list, then of the same list reversed with every third
     * line removed and new lines interleaved. */
    unsigned before[NURLS];
    for (int i = 0; i < NURLS; i++) {
        char url[128];
        make_url(i, url, sizeof url);
        ASSERT(sa__batch_shard_of(url, 7, &before[i]) == 0);
    }
    for (int i = NURLS - 1; i >= 0; i--) {
        char url[128], extra[128];
        snprintf(extra, sizeof extra, "https://new-%d.example/", i);
        unsigned s;
        ASSERT(sa__batch_shard_of(extra, 7, &s) == 0);
        if (i % 3 == 0) continue;
        make_url(i, url, sizeof url);
        ASSERT(sa__batch_shard_of(url, 7, &s) == 0);
        EXPECT_EQ(s, before[i]);
    }
}

TEST(batch_hash_values_never_change)
{
    /* Shard membership and folder names of lists already running depend on these: a change
     * of hash would move every site to another shard and folder. */
    EXPECT(sa__batch_hash("") == 0x552d3fb62b3c344full);
    char key[64];
    ASSERT(sa__batch_shard_key("https://www.shop.example/", key, sizeof key) == 0);
    unsigned s;
    ASSERT(sa__batch_shard_of("https://www.shop.example/", 1000, &s) == 0);
    EXPECT_EQ(s, sa__batch_hash("shop.example") % 1000);
    char dir[300];
    ASSERT(sa__batch_site_dir("https://www.shop.example/", dir, sizeof dir) == 0);
    EXPECT_STREQ(dir, "shop.example-8079e4d2");
    EXPECT_EQ(sa__batch_hash("shop.example") % 1000, 650);
}

TEST(batch_site_dir_one_folder_per_start_url)
{
    char a[300], b[300], c[300], d[300];
    ASSERT(sa__batch_site_dir("https://shop.example/", a, sizeof a) == 0);
    ASSERT(sa__batch_site_dir("https://SHOP.example/#x", b, sizeof b) == 0);
    ASSERT(sa__batch_site_dir("https://shop.example/de/", c, sizeof c) == 0);
    ASSERT(sa__batch_site_dir("http://127.0.0.1:8080/", d, sizeof d) == 0);
    EXPECT_STREQ(a, b); /* the same site written two ways */
    EXPECT(strcmp(a, c) != 0);
    EXPECT(strncmp(c, "shop.example-", 13) == 0);
    EXPECT(strncmp(d, "127.0.0.1_8080-", 15) == 0);
    EXPECT_EQ(strlen(a), strlen("shop.example-") + 8);
}

TEST(batch_shard_rejects_what_is_not_a_site)
{
    unsigned s;
    char dir[300];
    EXPECT_EQ(sa__batch_shard_of("ftp://shop.example/", 2, &s), SA_EURL);
    EXPECT_EQ(sa__batch_shard_of("shop.example", 2, &s), SA_EURL);
    EXPECT_EQ(sa__batch_shard_of("https:///nohost", 2, &s), SA_EURL);
    EXPECT_EQ(sa__batch_shard_of("https://shop.example/", 0, &s), SA_EINVAL);
    EXPECT_EQ(sa__batch_site_dir("mailto:a@b.c", dir, sizeof dir), SA_EURL);
}

TEST(batch_gate_follows_fail_under)
{
    struct sa_report r;
    memset(&r, 0, sizeof r);
    struct sa_batch_gate none = {0}, seventy = {.fail_under = 70};
    r.score = 69.4; /* shown as 69 */
    EXPECT_EQ(sa__batch_gate(&r, &seventy), 1);
    EXPECT_EQ(sa__batch_gate(&r, &none), 0);
    r.score = 69.6; /* shown as 70: the single audit's rule, on the rounded score */
    EXPECT_EQ(sa__batch_gate(&r, &seventy), 0);
    r.score = 0;
    EXPECT_EQ(sa__batch_gate(&r, &none), 0);
}

TEST(batch_gate_follows_fail_on)
{
    struct sa_check_result cr;
    memset(&cr, 0, sizeof cr);
    cr.check = sa_check_find("cart_visible");
    ASSERT(cr.check);
    cr.verdict.status = SA_STATUS_PARTIAL;
    struct sa_report r;
    memset(&r, 0, sizeof r);
    r.score = 90;
    r.checks = &cr;
    r.nchecks = 1;
    char err[128];
    struct sa_batch_gate must_pass = {0}, partial_ok = {0};
    ASSERT(sa_gate_parse_rule(&must_pass.rules, "cart_visible", err, sizeof err) == SA_OK);
    ASSERT(sa_gate_parse_rule(&partial_ok.rules, "buying=partial", err, sizeof err) == SA_OK);
    EXPECT_EQ(sa__batch_gate(&r, &must_pass), 1);
    EXPECT_EQ(sa__batch_gate(&r, &partial_ok), 0);
    cr.verdict.status = SA_STATUS_FAIL;
    EXPECT_EQ(sa__batch_gate(&r, &partial_ok), 1);
    sa_gate_release(&must_pass.rules);
    sa_gate_release(&partial_ok.rules);
}

TEST_MAIN()
