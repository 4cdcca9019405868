/* The checks' memo of lexicon answers (check_util.h, #9) answers as the lexicon does: the same
 * found/not found, offsets and language on a first question and on every repeat, after its
 * sets have overflowed and evicted, for URLs and links, and for another lexicon at once. The
 * lexicon asked directly is the oracle. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../checks/check_util.h"
#include "pipeline.h"
#include "test.h"

static struct sa_lexicon *lex_new(const char *dir)
{
    struct sa_lexicon *lex = NULL;
    char err[256];
    if (sa_lexicon_new(dir, &lex, err, sizeof err) != SA_OK) {
        fprintf(stderr, "lexicon: %s\n", err);
        exit(1);
    }
    return lex;
}

/* Short texts as links, buttons and menu blocks say them, in several scripts, and one longer
 * than the memo keeps (asked straight of the lexicon). */
static const char *const texts[] = {
    "Cart (2)",
    "Корзина",
    "ΚΑΛΑΘΙ ΑΓΟΡΩΝ",
    "ตะกร้าสินค้า",
    "Sign in / Register",
    "Sign up and get 500 bonus points",
    "Subscribe to our newsletter",
    "Returns within 30 days",
    "Возврат товара в течение 14 дней",
    "Free delivery on orders over $50",
    "WhatsApp",
    "Call me back",
    "Contact us",
    "Tea Shop",
    "",
    "Free delivery on orders over $50, ships within 1-3 days; returns within 30 days, full "
    "refund; pay by Visa, Mastercard, PayPal or cash on delivery, or collect from a pickup point",
};
#define NTEXTS (sizeof texts / sizeof texts[0])

/* 1 when the memo's answer for (c, t) is the lexicon's, m included. */
static int same_answer(struct sa__memo *mo, const struct sa_lexicon *lex, enum sa_concept c,
                       const char *t)
{
    struct sa_match a = {0}, b = {0};
    int ra = sa_lexicon_find(lex, c, t, strlen(t), &a);
    int rb = sa__memo_find(mo, lex, c, t, strlen(t), &b);
    if (ra != rb) return 0;
    return ra != 1 || (a.off == b.off && a.len == b.len && a.lang == b.lang);
}

TEST(check_memo_answers_as_the_lexicon_first_and_again)
{
    struct sa_lexicon *lex = lex_new(NULL);
    struct sa__memo mo = {0};
    int found = 0;
    for (int round = 0; round < 3; round++)
        for (size_t i = 0; i < NTEXTS; i++)
            for (int c = 0; c < SA_CONCEPT_LAST; c++) {
                EXPECT(same_answer(&mo, lex, (enum sa_concept)c, texts[i]));
                found +=
                    round == 0 && sa__memo_find(&mo, lex, c, texts[i], strlen(texts[i]), NULL) == 1;
            }
    EXPECT(found >= 10); /* the texts say things: the comparison is not of nothing */
    /* the same bytes from another buffer get the same answer: the memo keys on content */
    char copy[64];
    snprintf(copy, sizeof copy, "%s", "Корзина");
    struct sa_match m = {0};
    EXPECT_EQ(sa__memo_find(&mo, lex, SA_CONCEPT_CART, copy, strlen(copy), &m), 1);
    EXPECT_EQ(m.off, 0);
    EXPECT_STREQ(m.lang, "ru");
    sa__memo_release(&mo);
    sa__memo_release(&mo); /* released twice: nothing left to free */
    sa_lexicon_free(lex);
}

TEST(check_memo_stays_exact_after_evictions)
{
    struct sa_lexicon *lex = lex_new(NULL);
    struct sa__memo mo = {0};
    /* ten thousand distinct labels overflow every set many times over; the ones asked again
     * (some evicted, some kept) must still answer as the lexicon does */
    char t[64];
    int bad = 0, carts = 0;
    for (int i = 0; i < 10000; i++) {
        snprintf(t, sizeof t, i % 7 ? "Item %d in the catalogue" : "Cart %d", i);
        bad += !same_answer(&mo, lex, SA_CONCEPT_CART, t);
        bad += !same_answer(&mo, lex, SA_CONCEPT_RETURNS, t);
    }
    for (int i = 0; i < 10000; i += 13) {
        snprintf(t, sizeof t, i % 7 ? "Item %d in the catalogue" : "Cart %d", i);
        bad += !same_answer(&mo, lex, SA_CONCEPT_CART, t);
        carts += sa__memo_find(&mo, lex, SA_CONCEPT_CART, t, strlen(t), NULL) == 1;
    }
    EXPECT_EQ(bad, 0);
    EXPECT(carts > 50); /* "Cart N" is a cart, every seventh label */
    sa__memo_release(&mo);
    sa_lexicon_free(lex);
}

TEST(check_memo_links_and_urls_as_link_is)
{
    struct sa_lexicon *lex = lex_new(NULL);
    struct sa__memo mo = {0};
    const struct sa_link links[] = {
        {.href = "/cart", .url = "https://shop.test/cart", .text = "Basket", .where = "header > a"},
        {.href = "/korzina/", .url = "https://shop.test/korzina/", .text = "", .where = "a.x"},
        {.href = "#", .url = NULL, .text = "Menu", .where = "header > a.minicart", .flags = 0},
        {.href = "/dostavka",
         .url = "https://shop.test/dostavka",
         .text = "Доставка",
         .where = "nav > a"},
        {.href = "/x",
         .url = "https://shop.test/x",
         .text = "Cart",
         .where = "a",
         .flags = SA_LINK_HIDDEN},
        {.href = "/about", .url = "https://shop.test/about", .text = "About us", .where = "a"},
    };
    struct sa_page p = {.url = "https://shop.test/",
                        .lex = lex,
                        .links = (struct sa_link *)links,
                        .nlinks = sizeof links / sizeof *links};
    int yes = 0;
    for (int round = 0; round < 2; round++)
        for (size_t i = 0; i < p.nlinks; i++)
            for (int c = 0; c < SA_CONCEPT_LAST; c++) {
                int want = sa__link_is(&p, &links[i], (enum sa_concept)c);
                EXPECT_EQ(sa__memo_link_is(&mo, &p, &links[i], (enum sa_concept)c), want);
                EXPECT_EQ(sa__memo_url(&mo, lex, (enum sa_concept)c, links[i].url),
                          sa_lexicon_url_match(lex, (enum sa_concept)c, links[i].url));
                yes += round == 0 && want;
            }
    EXPECT(yes >= 5); /* by text, by slug, by class name, and not when hidden */
    EXPECT_EQ(sa__memo_link_is(&mo, &p, &links[4], SA_CONCEPT_CART), 0);
    EXPECT(sa__memo_live_link(&mo, &p, SA_CONCEPT_CART) == sa__live_link(&p, SA_CONCEPT_CART));
    EXPECT(sa__memo_live_link(&mo, &p, SA_CONCEPT_DELIVERY) == &links[3]);
    sa__memo_release(&mo);
    sa_lexicon_free(lex);
}

TEST(check_memo_forgets_another_lexicons_answers)
{
    char dir[64];
    snprintf(dir, sizeof dir, "/tmp/sa_memo_XXXXXX");
    ASSERT(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/en.json", dir);
    FILE *f = fopen(path, "w");
    ASSERT(f);
    /* in this lexicon only "trolley" is a cart */
    fputs("{\"lang\": \"en\", \"concepts\": {\"cart\": [\"\\\\btrolley\\\\b\"]}}", f);
    fclose(f);
    struct sa_lexicon *a = lex_new(NULL), *b = lex_new(dir);
    unlink(path);
    rmdir(dir);
    struct sa__memo mo = {0};
    const char *cart = "Cart (2)", *trolley = "Your trolley";
    EXPECT_EQ(sa__memo_find(&mo, a, SA_CONCEPT_CART, cart, strlen(cart), NULL), 1);
    EXPECT_EQ(sa__memo_find(&mo, b, SA_CONCEPT_CART, cart, strlen(cart), NULL), 0);
    EXPECT_EQ(sa__memo_find(&mo, b, SA_CONCEPT_CART, trolley, strlen(trolley), NULL), 1);
    EXPECT_EQ(sa__memo_find(&mo, a, SA_CONCEPT_CART, cart, strlen(cart), NULL), 1);
    EXPECT_EQ(sa__memo_find(&mo, a, SA_CONCEPT_CART, trolley, strlen(trolley), NULL),
              sa_lexicon_match(a, SA_CONCEPT_CART, trolley, strlen(trolley)));
    sa__memo_release(&mo);
    sa_lexicon_free(a);
    sa_lexicon_free(b);
}

/* Two page threads that take turns with one check's memo (under the check's lock, as the
 * engine runs observe) each fill a table of their own, and answer as the lexicon does. */
struct turns {
    struct sa__pipe_job job; /* first: the pipe hands it back */
    struct shared *sh;
    unsigned self;
    int same;
};
struct shared {
    struct sa__memo mo;
    const struct sa_lexicon *lex;
    pthread_mutex_t check_lock;
    pthread_barrier_t both_in; /* each job holds its worker until the other job has one too */
};

static void take_turn(void *ud, struct sa__pipe_job *job)
{
    (void)ud;
    struct turns *t = (struct turns *)job;
    pthread_barrier_wait(&t->sh->both_in);
    t->self = sa__pipe_self();
    t->same = 1;
    pthread_mutex_lock(&t->sh->check_lock);
    for (size_t i = 0; i < NTEXTS; i++)
        t->same &= same_answer(&t->sh->mo, t->sh->lex, SA_CONCEPT_CART, texts[i]);
    pthread_mutex_unlock(&t->sh->check_lock);
}

static void no_wake(void *ud)
{
    (void)ud;
}

TEST(check_memo_keeps_a_table_for_each_page_thread)
{
    struct sa_lexicon *lex = lex_new(NULL);
    struct shared sh = {.lex = lex};
    ASSERT(pthread_mutex_init(&sh.check_lock, NULL) == 0);
    ASSERT(pthread_barrier_init(&sh.both_in, NULL, 2) == 0);
    struct sa__pipe pipe;
    ASSERT(sa__pipe_start(&pipe, 2, take_turn, no_wake, NULL) == 2);
    struct turns t[2] = {{.sh = &sh}, {.sh = &sh}};
    sa__pipe_push(&pipe, &t[0].job);
    sa__pipe_push(&pipe, &t[1].job);
    /* a stop drops the jobs no worker has taken: wait for both to come back first */
    for (size_t done = 0; done < 2; usleep(1000))
        for (struct sa__pipe_job *j = sa__pipe_take_done(&pipe); j; j = j->next) done++;
    sa__pipe_stop(&pipe);
    EXPECT(t[0].same && t[1].same);
    EXPECT(t[0].self >= 1 && t[0].self <= 2 && t[1].self >= 1 && t[1].self <= 2);
    EXPECT(t[0].self != t[1].self);
    EXPECT(sh.mo.table[0] == NULL); /* this thread asked nothing yet */
    EXPECT(sh.mo.table[1] && sh.mo.table[2] && sh.mo.table[1] != sh.mo.table[2]);
    EXPECT_EQ(sa__pipe_self(), 0u);
    EXPECT(same_answer(&sh.mo, lex, SA_CONCEPT_CART, texts[0]));
    EXPECT(sh.mo.table[0] != NULL);
    sa__memo_release(&sh.mo);
    EXPECT(!sh.mo.table[0] && !sh.mo.table[1] && !sh.mo.table[2]);
    pthread_barrier_destroy(&sh.both_in);
    pthread_mutex_destroy(&sh.check_lock);
    sa_lexicon_free(lex);
}

TEST_MAIN()
