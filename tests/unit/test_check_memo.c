/* The checks' memo of lexicon answers (check_util.h, #9) answers as the lexicon does: the same
 * found/not found, offsets and language on a first question and on every repeat, after its
 * sets have overflowed and evicted, for URLs and links, and for another lexicon at once. The
 * lexicon asked directly is the oracle. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../checks/check_util.h"
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

TEST_MAIN()
