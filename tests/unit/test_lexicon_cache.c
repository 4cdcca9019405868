/* The lexicon's page cache gives the answers matching afresh gives: walks over every match,
 * questions about slices of a page's text, texts outside the page, a scope closed and reopened,
 * and memory running out part way. Uncached answers (no page scope open) are the oracle. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "lexicon_page.h"
#include "shopaudit/lexicon.h"
#include "test.h"

static struct sa_lexicon *lex_new(void)
{
    struct sa_lexicon *lex = NULL;
    char err[256];
    if (sa_lexicon_new(NULL, &lex, err, sizeof err) != SA_OK) {
        fprintf(stderr, "lexicon: %s\n", err);
        exit(1);
    }
    return lex;
}

/* A region text as the page model makes it: blocks joined by '\n', in four scripts, Greek
 * with tonos and final sigma so the normalised path is taken too. */
static const char page_text[] =
    "Cart (2)\nFree delivery on orders over $50, ships within 1-3 days\n"
    "Returns within 30 days, full refund\nΔωρεάν αποστολή για αγορές άνω των 50 €\n"
    "ΚΑΛΑΘΙ ΑΓΟΡΩΝ\nΕπιστροφές εντός 14 ημερών\nКорзина\nДоставка за 1-3 дня, от 3 000 руб.\n"
    "Возврат товара в течение 14 дней\nตะกร้าสินค้า\nจัดส่งภายใน 1-3 วัน ส่งฟรีเมื่อซื้อครบ ฿1,000\n"
    "Price: $249.00, was $299.00; 1.299,00 €; 3 490 руб.; ฿350\n"
    "Sign up and get 500 bonus points. Subscribe to our newsletter\n"
    "Phone: +1 503 555 0134, 8-800-555-35-35. Visa, Mastercard, PayPal, cash on delivery";

#define MAXHITS 64

struct walk {
    size_t n;
    int rc;
    struct sa_match m[MAXHITS];
};

/* Every match of c in text[0..len), each search starting where the last match ended. */
static struct walk walk(const struct sa_lexicon *lex, enum sa_concept c, const char *t, size_t len)
{
    struct walk w = {0};
    size_t at = 0;
    while (w.n < MAXHITS && at <= len) {
        struct sa_match m;
        w.rc = sa_lexicon_find_from(lex, c, t, len, at, &m);
        if (w.rc != 1) break;
        w.m[w.n++] = m;
        at = m.off + (m.len ? m.len : 1);
    }
    return w;
}

static int same_walk(const struct walk *a, const struct walk *b)
{
    if (a->n != b->n || a->rc != b->rc) return 0;
    for (size_t i = 0; i < a->n; i++)
        if (a->m[i].off != b->m[i].off || a->m[i].len != b->m[i].len ||
            strcmp(a->m[i].lang, b->m[i].lang) != 0)
            return 0;
    return 1;
}

TEST(lexicon_cache_walks_equal_uncached_walks)
{
    struct sa_lexicon *lex = lex_new();
    size_t len = strlen(page_text);
    struct walk fresh[SA_CONCEPT_LAST];
    size_t total = 0;
    for (int c = 0; c < SA_CONCEPT_LAST; c++) {
        fresh[c] = walk(lex, (enum sa_concept)c, page_text, len);
        total += fresh[c].n;
    }
    EXPECT(total > 20); /* the text says many things, or the comparison proves little */
    struct sa_str scope = {page_text, len};
    int page;
    sa__lexicon_page_begin(lex, &page, &scope, 1);
    for (int round = 0; round < 2; round++) /* the second round is served from memory */
        for (int c = 0; c < SA_CONCEPT_LAST; c++) {
            struct walk w = walk(lex, (enum sa_concept)c, page_text, len);
            if (!same_walk(&w, &fresh[c]))
                T_FAIL("%s, round %d: %zu matches cached, %zu fresh", sa_concept_name(c), round,
                       w.n, fresh[c].n);
        }
    /* starts inside and between earlier answers, backwards, against a cache already full */
    sa__lexicon_page_end(lex, &page);
    enum { STEP = 7 };
    static struct sa_match want[SA_CONCEPT_LAST][sizeof page_text / STEP + 1];
    static int want_rc[SA_CONCEPT_LAST][sizeof page_text / STEP + 1];
    for (int c = 0; c < SA_CONCEPT_LAST; c++)
        for (size_t at = 0; at <= len; at += STEP)
            want_rc[c][at / STEP] = sa_lexicon_find_from(lex, (enum sa_concept)c, page_text, len,
                                                         at, &want[c][at / STEP]);
    sa__lexicon_page_begin(lex, &page, &scope, 1);
    for (int c = 0; c < SA_CONCEPT_LAST; c++) (void)walk(lex, (enum sa_concept)c, page_text, len);
    for (int c = SA_CONCEPT_LAST; c-- > 0;)
        for (size_t at = len - len % STEP + STEP; at >= STEP;) {
            at -= STEP;
            struct sa_match a = {0};
            const struct sa_match *b = &want[c][at / STEP];
            int ra = sa_lexicon_find_from(lex, (enum sa_concept)c, page_text, len, at, &a);
            if (ra != want_rc[c][at / STEP] || (ra == 1 && (a.off != b->off || a.len != b->len)))
                T_FAIL("%s from %zu: cached %d at %zu+%zu, fresh %d at %zu+%zu", sa_concept_name(c),
                       at, ra, a.off, a.len, want_rc[c][at / STEP], b->off, b->len);
        }
    sa__lexicon_page_end(lex, &page);
    sa_lexicon_free(lex);
}

TEST(lexicon_cache_block_slices_equal_uncached)
{
    struct sa_lexicon *lex = lex_new();
    size_t len = strlen(page_text);
    struct sa_str scope = {page_text, len};
    int page;
    size_t slices = 0, hits = 0;
    for (const char *b = page_text; b < page_text + len;) {
        const char *e = strchr(b, '\n');
        size_t n = e ? (size_t)(e - b) : strlen(b);
        for (int c = 0; c < SA_CONCEPT_LAST; c++) {
            struct walk fresh = walk(lex, (enum sa_concept)c, b, n);
            sa__lexicon_page_begin(lex, &page, &scope, 1);
            struct walk w1 = walk(lex, (enum sa_concept)c, b, n);
            struct walk w2 = walk(lex, (enum sa_concept)c, b, n);
            sa__lexicon_page_end(lex, &page);
            if (!same_walk(&w1, &fresh) || !same_walk(&w2, &fresh))
                T_FAIL("%s in \"%.*s\": %zu/%zu cached, %zu fresh", sa_concept_name(c), (int)n, b,
                       w1.n, w2.n, fresh.n);
            hits += fresh.n;
        }
        slices++;
        b += n + 1;
    }
    EXPECT_EQ(slices, 14);
    EXPECT(hits > 20);
    sa_lexicon_free(lex);
}

TEST(lexicon_cache_ignores_reused_buffer_outside_the_page)
{
    struct sa_lexicon *lex = lex_new();
    struct sa_str scope = {page_text, strlen(page_text)};
    int page;
    sa__lexicon_page_begin(lex, &page, &scope, 1);
    /* a check's own buffer, same address and length, new words: never a remembered answer */
    char buf[] = "Your shopping cart is empty";
    EXPECT_EQ(sa_lexicon_match(lex, SA_CONCEPT_CART, buf, strlen(buf)), 1);
    memcpy(buf, "Your shopping list is empty", sizeof buf);
    EXPECT_EQ(sa_lexicon_match(lex, SA_CONCEPT_CART, buf, strlen(buf)), 0);
    sa__lexicon_page_end(lex, &page);
    /* a new page in the same memory: the closed scope forgot the old one */
    static char region[] = "Корзина (2) - delivery";
    struct sa_str r = {region, strlen(region)};
    sa__lexicon_page_begin(lex, &page, &r, 1);
    EXPECT_EQ(sa_lexicon_match(lex, SA_CONCEPT_CART, region, r.len), 1);
    sa__lexicon_page_end(lex, &page);
    memcpy(region, "Каталог", strlen("Каталог"));
    sa__lexicon_page_begin(lex, &page, &r, 1);
    EXPECT_EQ(sa_lexicon_match(lex, SA_CONCEPT_CART, region, r.len), 0);
    /* ending another page's scope leaves this one open and right */
    int other;
    sa__lexicon_page_end(lex, &other);
    EXPECT_EQ(sa_lexicon_match(lex, SA_CONCEPT_DELIVERY, region, r.len), 1);
    sa__lexicon_page_end(lex, &page);
    sa_lexicon_free(lex);
}

/* A page that asks about more texts than the cache's first table holds (it grows, moving its
 * entries), three pages in a row: each gets the fresh answers, so the entries of one page are
 * all gone, or kept for its regions, when the next begins. */
TEST(lexicon_cache_grows_and_empties_page_after_page)
{
    struct sa_lexicon *lex = lex_new();
    size_t len = strlen(page_text);
    enum { STEP = 5, SPAN = 48, N = 200, NC = SA_CONCEPT_LAST };
    static struct sa_match want[N][NC];
    static int want_rc[N][NC];
    size_t n = 0;
    for (size_t at = 0; at + SPAN <= len && n < N; at += STEP, n++)
        for (int c = 0; c < NC; c++)
            want_rc[n][c] =
                sa_lexicon_find(lex, (enum sa_concept)c, page_text + at, SPAN, &want[n][c]);
    ASSERT(n * NC > 4 * 1024); /* the first table holds 512: it grows again and again */
    struct sa_str scope = {page_text, len};
    int page;
    for (int round = 0; round < 3; round++) {
        sa__lexicon_page_begin(lex, &page, &scope, 1);
        size_t found = 0;
        for (size_t i = 0; i < n; i++)
            for (int c = 0; c < NC; c++) {
                struct sa_match m = {0};
                int rc = sa_lexicon_find(lex, (enum sa_concept)c, page_text + i * STEP, SPAN, &m);
                found += rc == 1;
                if (rc != want_rc[i][c] ||
                    (rc == 1 && (m.off != want[i][c].off || m.len != want[i][c].len)))
                    T_FAIL("round %d, text %zu, %s: %d at %zu, fresh %d at %zu", round, i,
                           sa_concept_name((enum sa_concept)c), rc, m.off, want_rc[i][c],
                           want[i][c].off);
            }
        EXPECT(found > 100);
        sa__lexicon_page_end(lex, &page);
    }
    sa_lexicon_free(lex);
}

TEST(lexicon_cache_out_of_memory_never_gives_a_wrong_answer)
{
    struct sa_lexicon *lex = lex_new();
    size_t len = strlen(page_text);
    struct walk fresh = walk(lex, SA_CONCEPT_PRICE, page_text, len);
    ASSERT(fresh.n >= 4);
    struct sa_str scope = {page_text, len};
    int page, failed = 0;
    for (unsigned long k = 1; k < 40; k++) {
        sa__lexicon_page_begin(lex, &page, &scope, 1);
        sa__alloc_fail_at(k);
        struct walk w = walk(lex, SA_CONCEPT_PRICE, page_text, len);
        struct walk again = walk(lex, SA_CONCEPT_PRICE, page_text, len);
        sa__alloc_fail_at(0);
        struct walk after = walk(lex, SA_CONCEPT_PRICE, page_text, len);
        sa__lexicon_page_end(lex, &page);
        /* a failure ends a walk with SA_ENOMEM; what was found before it is right */
        for (const struct walk *x = &w; x; x = x == &w ? &again : NULL) {
            if (x->rc == SA_ENOMEM) failed = 1;
            if (x->rc != SA_ENOMEM && x->rc != 0) T_FAIL("k=%lu: rc %d", k, x->rc);
            for (size_t i = 0; i < x->n && i < fresh.n; i++)
                if (x->m[i].off != fresh.m[i].off || x->m[i].len != fresh.m[i].len)
                    T_FAIL("k=%lu: match %zu at %zu, fresh at %zu", k, i, x->m[i].off,
                           fresh.m[i].off);
            if (x->rc == 0 && x->n != fresh.n) T_FAIL("k=%lu: %zu matches", k, x->n);
        }
        if (!same_walk(&after, &fresh)) T_FAIL("k=%lu: wrong once memory is back", k);
    }
    EXPECT(failed); /* the injector reached the cache's allocations */
    sa_lexicon_free(lex);
}

TEST_MAIN()
