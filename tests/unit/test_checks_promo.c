/* promo_fine_print over the promotion pages of fixtures/promo/ (each page says in a comment
 * what it tests): the real page model and lexicon, the check run as the engine runs it, and
 * the verdict asserted: status, score, the counts of the summary and of the details object,
 * and that every evidence item names both the claim and its condition. */
#include <cJSON.h>

#include "check_driver.h"

extern const struct sa_check sa_check_promo_fine_print;

#define MAX_PAGES 4

/* A fixture page's HTML, read from $SA_SOURCE_DIR/fixtures/promo/<name> (malloc'd). */
static char *fixture(const char *name)
{
    const char *root = getenv("SA_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/fixtures/promo/%s", root ? root : ".", name);
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *s = NULL;
    long n = -1;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0)
        s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    if (s) s[n] = '\0';
    fclose(f);
    return s;
}

/* Runs the check over fixture pages given as "url=file" pairs; returns 1 with *v filled. */
static int run_fixtures(struct sa_verdict *v, const char *const *spec, size_t n)
{
    struct pg pages[MAX_PAGES];
    char *html[MAX_PAGES] = {0};
    int ok = n <= MAX_PAGES;
    for (size_t i = 0; ok && i < n; i++) {
        const char *eq = strchr(spec[i], '=');
        html[i] = eq ? fixture(eq + 1) : NULL;
        if (!html[i]) {
            T_FAIL("fixture %s missing (SA_SOURCE_DIR set?)", spec[i]);
            ok = 0;
            break;
        }
        static char urls[MAX_PAGES][256];
        snprintf(urls[i], sizeof urls[i], "%.*s", (int)(eq - spec[i]), spec[i]);
        pages[i].url = urls[i];
        pages[i].html = html[i];
    }
    if (ok) ok = run_check_def(&sa_check_promo_fine_print, pages, n, 0, v);
    for (size_t i = 0; i < n; i++) free(html[i]);
    return ok;
}
#define RUN_FIX(v, ...)                                                                            \
    run_fixtures((v), (const char *const[]){__VA_ARGS__},                                          \
                 sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

/* A number from the details object: details.key or details.problems.key. */
static double detail(const struct sa_verdict *v, const char *group, const char *key)
{
    cJSON *d = v->details ? cJSON_Parse(v->details) : NULL;
    const cJSON *o = group ? cJSON_GetObjectItemCaseSensitive(d, group) : d;
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, key);
    double r = cJSON_IsNumber(x) ? x->valuedouble : -1;
    cJSON_Delete(d);
    return r;
}

/* Every evidence item reads «claim» — label (where): condition, so both sides are named. */
static void expect_pairs(const struct sa_verdict *v)
{
    EXPECT(v->evidence.n > 0);
    for (size_t i = 0; i < v->evidence.n; i++) {
        const char *s = v->evidence.items[i].snippet;
        const char *sep = strstr(s, "» — ");
        if (strncmp(s, "«", strlen("«")) != 0 || !sep || sep == s + strlen("«") ||
            strlen(sep + strlen("» — ")) < 5)
            T_FAIL("evidence %zu does not name claim and condition: %s", i, s);
    }
}

/* Index of the first evidence item whose snippet holds both a and b, or -1. */
static int ev_with(const struct sa_verdict *v, const char *a, const char *b)
{
    for (size_t i = 0; i < v->evidence.n; i++)
        if (strstr(v->evidence.items[i].snippet, a) && strstr(v->evidence.items[i].snippet, b))
            return (int)i;
    return -1;
}

TEST(promo_asterisk_condition_next_to_claim_passes_en)
{
    struct sa_verdict v;
    ASSERT(RUN_FIX(&v, "https://linen.test/sale=en-asterisk-next-to-claim.html"));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "2 promotion claim(s) found on 1 page(s); none hides its conditions.");
    EXPECT_NEAR(detail(&v, NULL, "promotions"), 2, 0);
    EXPECT_NEAR(detail(&v, NULL, "with_problems"), 0, 0);
    EXPECT_NEAR(detail(&v, "problems", "hidden_condition"), 0, 0);
    EXPECT(v.details && strstr(v.details, "Buy 5 mugs, the 6th is a gift") != NULL);
    expect_pairs(&v);
    EXPECT(ev_with(&v, "Summer sale: -20% on linen shirts*", "condition next to the offer") >= 0);
    EXPECT(ev_with(&v, "*On every linen shirt until 31 August", "main > p") >= 0);
    sa_verdict_release(&v);
}

TEST(promo_condition_only_in_tooltip_fails_en)
{
    struct sa_verdict v;
    ASSERT(RUN_FIX(&v, "https://woodwork.test/oak-desk=en-tooltip-condition.html"));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "1 of 1 promotion claim(s) on 1 page(s) hide or undermine their "
                            "conditions (hidden condition: 1).");
    EXPECT_NEAR(detail(&v, "problems", "hidden_condition"), 1, 0);
    expect_pairs(&v);
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT(ev_with(&v, "«-30%*» — condition only in a tooltip",
                   "[title]): Only when buying 3 or "
                   "more items.") == 0);
    sa_verdict_release(&v);
}

TEST(promo_discount_on_goods_out_of_stock_fails_ru)
{
    struct sa_verdict v;
    ASSERT(RUN_FIX(&v, "https://domik.test/chaynik-smart=ru-out-of-stock.html"));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_NEAR(detail(&v, NULL, "promotions"), 2, 0);
    EXPECT_NEAR(detail(&v, "problems", "out_of_stock"), 2, 0);
    EXPECT_NEAR(detail(&v, "problems", "inflated_price"), 0, 0);
    EXPECT(strstr(v.summary, "promotion on goods out of stock: 2") != NULL);
    EXPECT(strstr(v.recommendation, "out of stock") != NULL);
    expect_pairs(&v);
    EXPECT(ev_with(&v, "«Скидка 25%»", "schema.org availability OutOfStock") >= 0);
    EXPECT(ev_with(&v, "«struck 4 000 руб., now 3 000 руб.»", "OutOfStock") >= 0);
    sa_verdict_release(&v);
}

TEST(promo_availability_in_small_print_partial_th)
{
    struct sa_verdict v;
    ASSERT(RUN_FIX(&v, "https://khanom.test/promotion/=th-availability-small-print.html",
                   "https://khanom.test/product/khanom-pia/=th-plain-offer.html"));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, (0.5 + 1 + 1) / 3.0, 1e-9);
    EXPECT_STREQ(v.summary, "1 of 3 promotion claim(s) on 2 page(s) hide or undermine their "
                            "conditions (availability in small print: 1).");
    EXPECT_NEAR(detail(&v, "problems", "availability_small_print"), 1, 0);
    EXPECT(v.details && strstr(v.details, "ซื้อ 2 แถม 1") != NULL);
    expect_pairs(&v);
    EXPECT(ev_with(&v, "«ลดราคา 20% ขนมไทยทุกชนิด» — availability in small print",
                   "สินค้ามีจำนวนจำกัด") == 0);
    EXPECT(ev_with(&v, "«ซื้อ 2 แถม 1»", "quantity offer stated with it") >= 0);
    sa_verdict_release(&v);
}

TEST(promo_implausible_before_price_fails_el)
{
    struct sa_verdict v;
    ASSERT(RUN_FIX(&v, "https://epipla.test/kanapes-roma=el-implausible-before-price.html"));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9); /* half the claims: a fail, which scores 0 */
    EXPECT_NEAR(detail(&v, NULL, "promotions"), 2, 0);
    EXPECT_NEAR(detail(&v, "problems", "inflated_price"), 1, 0);
    expect_pairs(&v);
    EXPECT(ev_with(&v, "«struck 1.990,00 €, now 299,00 €» — implausible before price",
                   "1990.00 before, 299.00 now: 85% off") == 0);
    sa_verdict_release(&v);
}

TEST(promo_sale_price_is_regular_price_elsewhere_fails_hy)
{
    struct sa_verdict v;
    ASSERT(RUN_FIX(&v, "https://khetsegorts.test/ararat=hy-regular-price.html",
                   "https://khetsegorts.test/zeghch/ararat=hy-sale-same-price.html"));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(detail(&v, NULL, "promotions"), 2, 0);
    EXPECT_NEAR(detail(&v, "problems", "inflated_price"), 1, 0);
    expect_pairs(&v);
    EXPECT(ev_with(&v,
                   "» — before price never charged (same product at "
                   "https://khetsegorts.test/ararat)",
                   "9000.00 before, 4500.00 now; regular price 4500.00") == 0);
    sa_verdict_release(&v);
}

TEST(promo_condition_in_footer_of_another_page_fails_en)
{
    struct sa_verdict v;
    ASSERT(RUN_FIX(&v, "https://garden.test/clearance=en-condition-on-other-page.html",
                   "https://garden.test/promo-rules=en-promo-rules.html"));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_NEAR(detail(&v, NULL, "promotions"), 1, 0);
    EXPECT_NEAR(detail(&v, "problems", "hidden_condition"), 1, 0);
    EXPECT_NEAR(detail(&v, NULL, "conditions_on_another_page"), 1, 0);
    expect_pairs(&v);
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://garden.test/clearance", "main > h1",
              "«Clearance: up to 60% off*» — condition only on another page "
              "(https://garden.test/promo-rules footer > p.legal): *Applies only to items with a "
              "red tag, minimum order $50, not combinable with other offers.");
    sa_verdict_release(&v);
}

/* The same claim alone: its marker leads nowhere on any page, which the evidence says. */
TEST(promo_condition_on_no_page_names_marker_en)
{
    struct sa_verdict v;
    ASSERT(RUN_FIX(&v, "https://garden.test/clearance=en-condition-on-other-page.html"));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(detail(&v, NULL, "conditions_on_another_page"), 0, 0);
    expect_pairs(&v);
    EXPECT_EV(&v, 0, "https://garden.test/clearance", "main > h1",
              "«Clearance: up to 60% off*» — no condition for \"*\" on any of the 1 page(s) "
              "audited");
    sa_verdict_release(&v);
}

/* More claims than the evidence list keeps, each with a marker whose footnote is only on the
 * rules page, arriving largest URL first: the list drops items as smaller URLs arrive, and
 * every item kept must still be rewritten with its own claim, not another's (#9). */
TEST(promo_conditions_on_another_page_past_the_evidence_cap_keep_their_claims_en)
{
    enum { CLAIMS = SA_EVIDENCE_MAX + 8 };
    static char urls[CLAIMS + 1][64], html[CLAIMS + 1][1024];
    struct pg pages[CLAIMS + 1];
    for (int i = 0; i < CLAIMS; i++) {
        int k = CLAIMS - i; /* sale-33 ... sale-01 */
        snprintf(urls[i], sizeof urls[i], "https://garden.test/sale-%02d", k);
        snprintf(html[i], sizeof html[i],
                 "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                 "<title>Sale %02d | Garden Co</title></head><body><header><a href=\"/\">Garden "
                 "Co</a></header><main><h1>Sale %02d: up to 40%% off*</h1><p>Rakes and hoses.</p>"
                 "<p><a href=\"/promo-rules\">Promotion rules</a></p></main><footer><p>Garden "
                 "Co, 4 Elm Street</p></footer></body></html>",
                 k, k);
        pages[i] = (struct pg){urls[i], html[i]};
    }
    char *rules = fixture("en-promo-rules.html");
    ASSERT(rules);
    pages[CLAIMS] = (struct pg){"https://garden.test/promo-rules", rules};
    struct sa_verdict v;
    ASSERT(run_check_def(&sa_check_promo_fine_print, pages, CLAIMS + 1, 0, &v));
    free(rules);
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(detail(&v, NULL, "conditions_on_another_page"), CLAIMS, 0);
    EXPECT_EQ(v.evidence.n, SA_EVIDENCE_MAX);
    for (size_t i = 0; i < v.evidence.n; i++) {
        const struct sa_evidence *e = &v.evidence.items[i];
        int k = -1;
        ASSERT(sscanf(e->url, "https://garden.test/sale-%d", &k) == 1);
        char claim[192];
        snprintf(claim, sizeof claim,
                 "«Sale %02d: up to 40%% off*» — condition only on another "
                 "page (https://garden.test/promo-rules footer > p.legal)",
                 k);
        if (strncmp(e->snippet, claim, strlen(claim)) != 0)
            T_FAIL("item %zu from %s: %s", i, e->url, e->snippet);
        EXPECT(k >= 1 && k <= SA_EVIDENCE_MAX); /* the smallest URLs are kept */
    }
    sa_verdict_release(&v);
}

TEST_MAIN()
