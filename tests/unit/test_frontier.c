/* Frontier: priority order, first-in-first-out within a priority, no URL twice, the cap. */
#include "test.h"

#include "frontier.h"
#include "shopaudit/common.h"

TEST(frontier_priority_then_arrival_order)
{
    struct sa_frontier f;
    sa__frontier_init(&f, 0);
    EXPECT_EQ(sa__frontier_push(&f, "http://a/filler1", 1, 10), SA_OK);
    EXPECT_EQ(sa__frontier_push(&f, "http://a/filler2", 1, 10), SA_OK);
    EXPECT_EQ(sa__frontier_push(&f, "http://a/cart", 1, 100), SA_OK);
    EXPECT_EQ(sa__frontier_push(&f, "http://a/contact", 2, 90), SA_OK);
    EXPECT_EQ(sa__frontier_push(&f, "http://a/filler3", 1, 10), SA_OK);
    const char *want[] = {"http://a/cart", "http://a/contact", "http://a/filler1",
                          "http://a/filler2", "http://a/filler3"};
    struct sa_frontier_entry e;
    for (int i = 0; i < 5; i++) {
        ASSERT(sa__frontier_pop(&f, &e) == 1);
        EXPECT_STREQ(e.url, want[i]);
    }
    EXPECT_EQ(sa__frontier_pop(&f, &e), 0);
    sa__frontier_release(&f);
}

TEST(frontier_duplicate_push_ignored)
{
    struct sa_frontier f;
    sa__frontier_init(&f, 0);
    EXPECT_EQ(sa__frontier_push(&f, "http://a/x", 0, 1), SA_OK);
    EXPECT_EQ(sa__frontier_push(&f, "http://a/x", 0, 99), 1);
    EXPECT_EQ(sa__frontier_mark(&f, "http://a/y"), SA_OK);
    EXPECT_EQ(sa__frontier_push(&f, "http://a/y", 0, 1), 1);
    EXPECT(sa__frontier_seen(&f, "http://a/y"));
    EXPECT(!sa__frontier_seen(&f, "http://a/z"));
    EXPECT_EQ(sa__frontier_queued(&f), 1);
    sa__frontier_release(&f);
}

TEST(frontier_many_urls_grow_and_stay_ordered)
{
    struct sa_frontier f;
    sa__frontier_init(&f, 0);
    char url[64];
    for (int i = 0; i < 20000; i++) {
        snprintf(url, sizeof url, "http://a/p%d", i);
        ASSERT(sa__frontier_push(&f, url, 1, i % 7) == SA_OK);
    }
    EXPECT_EQ(sa__frontier_queued(&f), 20000);
    struct sa_frontier_entry e;
    int last_prio = 1000;
    unsigned long last_seq = 0;
    int n = 0;
    while (sa__frontier_pop(&f, &e)) {
        EXPECT(e.prio <= last_prio);
        if (e.prio == last_prio) EXPECT(e.seq > last_seq);
        last_prio = e.prio;
        last_seq = e.seq;
        n++;
    }
    EXPECT_EQ(n, 20000);
    sa__frontier_release(&f);
}

TEST(frontier_cap_reached_returns_etoobig)
{
    struct sa_frontier f;
    sa__frontier_init(&f, 3);
    EXPECT_EQ(sa__frontier_push(&f, "http://a/1", 0, 1), SA_OK);
    EXPECT_EQ(sa__frontier_push(&f, "http://a/2", 0, 1), SA_OK);
    EXPECT_EQ(sa__frontier_push(&f, "http://a/3", 0, 1), SA_OK);
    EXPECT_EQ(sa__frontier_push(&f, "http://a/4", 0, 1), SA_ETOOBIG);
    EXPECT_EQ(sa__frontier_queued(&f), 3);
    sa__frontier_release(&f);
}

TEST_MAIN()
