/* Check-level tests for what the engine knows after a crawl: broken_links (how each internal
 * link and image answered) and the http:// -> https:// redirect of the https check. The
 * statuses come from a table standing in for the crawl's record; tests/integration/test_crawl.py
 * runs the same checks against a real server. */
#include "check_driver.h"

struct answer {
    const char *url;
    int status;
};
static const struct answer *answers;

/* The crawl's record: listed URLs answered so, others were never fetched (-1). */
static int table_status(const struct sa_site *site, const char *url)
{
    (void)site;
    for (const struct answer *a = answers; a && a->url; a++)
        if (strcmp(a->url, url) == 0) return a->status;
    return -1;
}

static int run_with(const struct answer *table, const char *id, const struct pg *pages, size_t n,
                    struct sa_verdict *v)
{
    answers = table;
    t_status_of = table ? table_status : NULL;
    int rc = run_check(id, pages, n, 0, v);
    t_status_of = NULL;
    answers = NULL;
    return rc;
}
#define RUN_WITH(table, id, pages, v)                                                              \
    run_with((table), (id), (pages), sizeof(pages) / sizeof(pages)[0], (v))

/* A Russian tea shop: a menu, a product card with its picture, the footer's delivery link. */
static const struct pg ru_shop[] = {
    {"https://chay.test/",
     DOC("ru", "Чайная лавка",
         "<header><nav><a href=\"/katalog/\">Каталог</a> <a href=\"/dostavka/\">Доставка и "
         "оплата</a> <a href=\"#\">Наверх</a></nav></header>"
         "<main><h1>Чай из Китая</h1><div class=\"card\"><img src=\"/img/puer.jpg\" "
         "alt=\"Шу пуэр\"><a href=\"/tovar/puer/\">Шу пуэр, 450 ₽</a></div></main>"
         "<footer><a href=\"/vozvrat/\">Возврат</a> <a href=\"https://vk.com/chay\">ВКонтакте</a>"
         "</footer>")},
};

TEST(check_broken_links_every_target_answers_passes_ru)
{
    static const struct answer ok[] = {
        {"https://chay.test/katalog/", 200},     {"https://chay.test/dostavka/", 200},
        {"https://chay.test/img/puer.jpg", 200}, {"https://chay.test/tovar/puer/", 200},
        {"https://chay.test/vozvrat/", 200},     {NULL, 0}};
    struct sa_verdict v;
    ASSERT(RUN_WITH(ok, "broken_links", ru_shop, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_STREQ(v.summary, "All 5 internal links and images checked answer without error.");
    EXPECT_STREQ(v.recommendation, "");
    EXPECT_EQ(v.evidence.n, 3); /* samples of good answers */
    EXPECT_EV(&v, 0, "https://chay.test/", "header > nav > a",
              "HTTP 200 from https://chay.test/katalog/");
    sa_verdict_release(&v);
}

TEST(check_broken_links_missing_image_and_page_partial_ru)
{
    /* 2 of 10 broken: score 1 - 3 * 0.2 = 0.4 */
    static const struct pg pages[] = {
        ru_shop[0],
        {"https://chay.test/katalog/",
         DOC("ru", "Каталог",
             "<main><a href=\"/tovar/1/\">1</a><a href=\"/tovar/2/\">2</a><a href=\"/tovar/3/\">3"
             "</a><a href=\"/tovar/4/\">4</a><a href=\"/tovar/5/\">5</a></main>")},
    };
    static const struct answer table[] = {{"https://chay.test/katalog/", 200},
                                          {"https://chay.test/dostavka/", 404},
                                          {"https://chay.test/img/puer.jpg", 404},
                                          {"https://chay.test/tovar/puer/", 200},
                                          {"https://chay.test/vozvrat/", 200},
                                          {"https://chay.test/tovar/1/", 200},
                                          {"https://chay.test/tovar/2/", 200},
                                          {"https://chay.test/tovar/3/", 200},
                                          {"https://chay.test/tovar/4/", 200},
                                          {"https://chay.test/tovar/5/", 200},
                                          {NULL, 0}};
    struct sa_verdict v;
    ASSERT(RUN_WITH(table, "broken_links", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.4, 1e-9);
    EXPECT_STREQ(v.summary, "2 of 10 internal links and images checked are broken.");
    ASSERT(v.evidence.n >= 2);
    EXPECT_EV(&v, 0, "https://chay.test/", "header > nav > a",
              "HTTP 404 from https://chay.test/dostavka/ (\"Доставка и оплата\")");
    EXPECT_EV(&v, 1, "https://chay.test/", "main > div.card > img",
              "HTTP 404 from https://chay.test/img/puer.jpg (\"Шу пуэр\")");
    EXPECT(strstr(v.recommendation, "Fix or remove") != NULL);
    sa_verdict_release(&v);
}

TEST(check_broken_links_most_links_dead_fails_en)
{
    static const struct pg pages[] = {
        {"https://mugs.test/",
         DOC("en", "Mugs",
             "<header><a href=\"/shop/\">Shop</a><a href=\"/cart/\">Cart</a></header><main>"
             "<a href=\"/old-sale/\">Sale</a></main><footer><a href=\"/shipping/\">Shipping</a>"
             "</footer>")},
    };
    static const struct answer table[] = {{"https://mugs.test/shop/", 200},
                                          {"https://mugs.test/cart/", 500},
                                          {"https://mugs.test/old-sale/", 410},
                                          {"https://mugs.test/shipping/", 404},
                                          {NULL, 0}};
    struct sa_verdict v;
    ASSERT(RUN_WITH(table, "broken_links", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "3 of 4 internal links and images checked are broken.");
    EXPECT_EV(&v, 0, "https://mugs.test/", "header > a",
              "HTTP 500 from https://mugs.test/cart/ (\"Cart\")");
    sa_verdict_release(&v);
}

TEST(check_broken_links_offsite_and_dead_hrefs_ignored_el)
{
    /* off-site links (a payment provider, a social page) and href="#" are not the shop's to fix */
    static const struct pg pages[] = {
        {"https://kalathi.test/",
         DOC("el", "Κατάστημα",
             "<header><a href=\"#\">ΜΕΝΟΥ</a><a href=\"javascript:void(0)\">ΚΑΛΑΘΙ</a></header>"
             "<main><a href=\"https://www.facebook.com/kalathi\">Facebook</a>"
             "<a href=\"/proionta/\">Προϊόντα</a></main>")},
    };
    static const struct answer table[] = {{"https://kalathi.test/proionta/", 200},
                                          {"https://www.facebook.com/kalathi", 404},
                                          {NULL, 0}};
    struct sa_verdict v;
    ASSERT(RUN_WITH(table, "broken_links", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_STREQ(v.summary, "All 1 internal links and images checked answer without error.");
    sa_verdict_release(&v);
}

TEST(check_broken_links_nothing_checked_not_applicable_th)
{
    static const struct pg pages[] = {
        {"https://ran.test/",
         DOC("th", "ร้านชา", "<main><a href=\"/sinkha/\">สินค้าทั้งหมด</a></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_WITH(NULL, "broken_links", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_NOT_APPLICABLE);
    EXPECT_STREQ(v.summary,
                 "No internal link or image could be checked within the page budget (1 noted).");
    EXPECT_EV(&v, 0, "https://ran.test/", "site", "raise --max-pages to check links and images");
    sa_verdict_release(&v);
}

TEST(check_broken_links_timeouts_not_counted_as_broken_hy)
{
    static const struct pg pages[] = {
        {"https://khanut.test/",
         DOC("hy", "Խանութ",
             "<main><a href=\"/apranqner/\">Ապրանքներ</a><a href=\"/araqum/\">Առաքում</a></main>")},
    };
    static const struct answer table[] = {
        {"https://khanut.test/apranqner/", 200}, {"https://khanut.test/araqum/", 0}, {NULL, 0}};
    struct sa_verdict v;
    ASSERT(RUN_WITH(table, "broken_links", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_EV(&v, 0, "https://khanut.test/", "site",
              "1 more could not be fetched (timeouts, refused connections)");
    sa_verdict_release(&v);
}

static const struct pg secure[] = {
    {"https://secure.test/", DOC("en", "Secure", "<main><p>Hello</p></main>")},
};

TEST(check_https_http_redirects_to_https_passes)
{
    t_http_to_https = 1;
    struct sa_verdict v;
    ASSERT(RUN("https", secure, &v));
    t_http_to_https = 0;
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_STREQ(v.summary,
                 "All 1 pages are served over HTTPS, and http:// redirects to https://.");
    EXPECT_EV(&v, 0, "https://secure.test/", "http://", "http:// redirects to https://");
    sa_verdict_release(&v);
}

TEST(check_https_http_served_without_redirect_partial)
{
    t_http_to_https = -1;
    struct sa_verdict v;
    ASSERT(RUN("https", secure, &v));
    t_http_to_https = 0;
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.7, 1e-9);
    EXPECT_EV(&v, 0, "https://secure.test/", "http://",
              "http:// answers without redirecting to https://");
    sa_verdict_release(&v);
}

TEST_MAIN()
