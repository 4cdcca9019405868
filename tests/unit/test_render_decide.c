/* The "auto" render heuristic (src/render_decide.c) on pages built here with the real page
 * model and libxml2: which server pages look hollow enough to render, which must not be
 * rendered (server-rendered framework pages, pages without scripts of their own), and which
 * retention elements a page shows, so the engine can tell what only JavaScript added. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page_build.h"
#include "render.h"
#include "shopaudit/lexicon.h"
#include "test.h"

static struct sa_lexicon *lexicon(void)
{
    static struct sa_lexicon *lex;
    if (!lex) {
        char err[256];
        if (sa_lexicon_new(NULL, &lex, err, sizeof err) != SA_OK) {
            fprintf(stderr, "lexicon: %s\n", err);
            exit(2);
        }
    }
    return lex;
}

static struct sa_page *build(const char *url, const char *html)
{
    struct sa_fetch_info fi = {.url = url,
                               .requested_url = url,
                               .site_root = "https://shop.test/",
                               .status = 200,
                               .content_type = "text/html; charset=utf-8"};
    struct sa_page *p = NULL;
    char err[256];
    if (sa__page_build(html, strlen(html), &fi, lexicon(), &p, err, sizeof err) != SA_OK) {
        fprintf(stderr, "build %s: %s\n", url, err);
        return NULL;
    }
    return p;
}

/* Runs the heuristic on one page; the signals are copied out for the assertions. */
static int suspect(const char *url, const char *html, struct sa__render_signals *s)
{
    struct sa_page *p = build(url, html);
    if (!p) return -1;
    int r = sa__render_suspect(p, s);
    sa__page_free(p);
    return r;
}

#define SHELL_HEAD "<!doctype html><html lang=en><head><title>Shop</title>"

TEST(render_decide_empty_root_with_own_script_renders)
{
    struct sa__render_signals s;
    EXPECT_EQ(suspect("https://shop.test/",
                      SHELL_HEAD "<script src=/static/app.js></script></head>"
                                 "<body><div id=root></div></body></html>",
                      &s),
              1);
    EXPECT_EQ(s.empty_mount, 1);
    EXPECT_EQ(s.little_text, 1);
    EXPECT_EQ(s.scripts, 1);
    EXPECT_STREQ(s.reason, "empty #root, little visible text");
}

TEST(render_decide_noscript_plea_renders)
{
    struct sa__render_signals s;
    EXPECT_EQ(suspect("https://shop.test/",
                      SHELL_HEAD "<script>window.boot()</script></head><body><noscript>"
                                 "Bitte aktivieren Sie JavaScript.</noscript><div id=shop>"
                                 "</div></body></html>",
                      &s),
              1);
    EXPECT_EQ(s.noscript_js, 1);
    EXPECT_EQ(s.empty_mount, 0);
    EXPECT_STREQ(s.reason, "<noscript> asks for JavaScript, little visible text");
}

TEST(render_decide_next_data_server_rendered_not_rendered)
{
    struct sa__render_signals s;
    EXPECT_EQ(suspect("https://shop.test/",
                      SHELL_HEAD "<script src=/_next/main.js defer></script></head><body>"
                                 "<div id=__next><header><a href=/cart>Cart (0)</a></header>"
                                 "<main><h1>Green tea</h1><p>Sencha $12.00</p></main></div>"
                                 "<script id=__NEXT_DATA__ type=application/json>{\"page\":"
                                 "\"/\"}</script></body></html>",
                      &s),
              0);
    EXPECT_EQ(s.framework_marker, 1);
    EXPECT_EQ(s.empty_mount, 0);
    EXPECT_STREQ(s.reason, "server-rendered (framework marker with content in HTML)");
}

TEST(render_decide_next_data_with_empty_mount_renders)
{
    /* the marker does not veto: a client-only Next.js page leaves #__next empty */
    struct sa__render_signals s;
    EXPECT_EQ(suspect("https://shop.test/",
                      SHELL_HEAD "<script src=/_next/main.js></script></head><body>"
                                 "<div id=__next></div><script id=__NEXT_DATA__ "
                                 "type=application/json>{}</script></body></html>",
                      &s),
              1);
    EXPECT_EQ(s.framework_marker, 1);
    EXPECT_EQ(s.empty_mount, 1);
}

TEST(render_decide_data_server_rendered_marker_not_rendered)
{
    struct sa__render_signals s;
    EXPECT_EQ(suspect("https://shop.test/",
                      SHELL_HEAD "<script src=/js/app.js></script></head><body>"
                                 "<div id=app data-server-rendered=true><header><a href=/cart>"
                                 "Cart</a></header><p>Teapots from $20.00</p></div></body></html>",
                      &s),
              0);
    EXPECT_EQ(s.framework_marker, 1);
}

TEST(render_decide_empty_root_without_scripts_not_rendered)
{
    /* nothing could fill the mount node: rendering would only cost time */
    struct sa__render_signals s;
    EXPECT_EQ(suspect("https://shop.test/",
                      SHELL_HEAD "</head><body><div id=root></div></body></html>", &s),
              0);
    EXPECT_EQ(s.scripts, 0);
    EXPECT_EQ(s.empty_mount, 1);
    EXPECT_STREQ(s.reason, "no script of its own: nothing to render");
}

TEST(render_decide_third_party_and_json_scripts_do_not_count)
{
    /* third-party hosts are blocked while rendering; data blocks do not run */
    struct sa__render_signals s;
    EXPECT_EQ(suspect("https://shop.test/",
                      SHELL_HEAD "<script src=https://cdn.other.test/widget.js></script>"
                                 "<script type=application/ld+json>{\"@type\":\"Thing\"}</script>"
                                 "</head><body><div id=app></div></body></html>",
                      &s),
              0);
    EXPECT_EQ(s.scripts, 0);
}

TEST(render_decide_offer_without_visible_price_renders)
{
    struct sa__render_signals s;
    EXPECT_EQ(suspect("https://shop.test/products/teapot",
                      SHELL_HEAD
                      "<script src=/js/price.js></script><script "
                      "type=application/ld+json>{\"@context\":\"https://schema.org\","
                      "\"@type\":\"Product\",\"name\":\"Teapot\",\"offers\":{\"@type\":"
                      "\"Offer\",\"price\":\"49.00\",\"priceCurrency\":\"USD\"}}"
                      "</script></head><body><header><a href=/cart>Cart</a></header>"
                      "<main><h1>Kyoto teapot</h1><p>Hand-made cast iron teapot for "
                      "loose leaf tea.</p><span class=price></span></main></body></html>",
                      &s),
              1);
    EXPECT_EQ(s.offer_no_price, 1);
    EXPECT_EQ(s.product_no_buy, 0);
    EXPECT_STREQ(s.reason, "schema.org offer without a visible price");
}

TEST(render_decide_product_without_buy_control_renders)
{
    struct sa__render_signals s;
    EXPECT_EQ(suspect("https://shop.test/product/teapot",
                      SHELL_HEAD "<script src=/js/cart.js></script></head><body><main>"
                                 "<h1>Kyoto teapot</h1><p>Hand-made cast iron teapot, 0.8 l.</p>"
                                 "<p>$49.00</p><div id=buy-box></div></main></body></html>",
                      &s),
              1);
    EXPECT_EQ(s.product_no_buy, 1);
    EXPECT_EQ(s.offer_no_price, 0);
}

TEST(render_decide_complete_product_page_not_rendered)
{
    struct sa__render_signals s;
    EXPECT_EQ(suspect("https://shop.test/product/teapot",
                      SHELL_HEAD "<script src=/js/gallery.js></script></head><body><header>"
                                 "<a href=/cart>Cart (1)</a></header><main><h1>Kyoto teapot</h1>"
                                 "<p>$49.00</p><button>Add to cart</button></main></body></html>",
                      &s),
              0);
    EXPECT_STREQ(s.reason, "server HTML shows the shop");
}

TEST(render_elements_found_with_evidence)
{
    struct sa_page *p = build("https://shop.test/",
                              "<html lang=en><body><header><a class=cart href=/cart>Cart (2)</a>"
                              "</header><main><p class=price>$49.00</p><button>Add to cart"
                              "</button></main><footer><a href=/contact>Contact us</a> <a "
                              "href=/shipping>Delivery</a></footer></body></html>");
    ASSERT(p);
    struct sa__render_found f;
    sa__render_elements(p, &f);
    EXPECT_EQ(f.mask, (1u << SA_RE_LAST) - 1);
    EXPECT_STREQ(f.snippet[SA_RE_CART], "Cart (2)");
    EXPECT_STREQ(f.where[SA_RE_CART], "header > a.cart");
    EXPECT_STREQ(f.snippet[SA_RE_PRICE], "$49.00");
    EXPECT_STREQ(f.snippet[SA_RE_BUY], "Add to cart");
    EXPECT_STREQ(sa__render_element_name(SA_RE_BUY), "buy_button");
    sa__page_free(p);
}

TEST(render_elements_none_on_shell)
{
    struct sa_page *p =
        build("https://shop.test/", "<html><body><div id=root></div></body></html>");
    ASSERT(p);
    struct sa__render_found f;
    sa__render_elements(p, &f);
    EXPECT_EQ(f.mask, 0u);
    sa__page_free(p);
}

TEST(render_same_site_subdomains_pass_lookalikes_blocked)
{
    EXPECT_EQ(sa__render_same_site("shop.test", "shop.test"), 1);
    EXPECT_EQ(sa__render_same_site("www.shop.test", "shop.test"), 1);
    EXPECT_EQ(sa__render_same_site("shop.test", "cdn.shop.test"), 1);
    EXPECT_EQ(sa__render_same_site("www.shop.test", "static.shop.test"), 1);
    EXPECT_EQ(sa__render_same_site("shop.test", "shop.test.evil.example"), 0);
    EXPECT_EQ(sa__render_same_site("shop.test", "myshop.test"), 0);
    EXPECT_EQ(sa__render_same_site("shop.test", "cdn.other.test"), 0);
    EXPECT_EQ(sa__render_same_site("", "shop.test"), 0);
}

TEST(render_decide_script_on_own_cdn_counts)
{
    struct sa__render_signals s;
    EXPECT_EQ(suspect("https://www.shop.test/",
                      SHELL_HEAD "<script src=https://static.shop.test/app.js></script></head>"
                                 "<body><div id=app></div></body></html>",
                      &s),
              1);
    EXPECT_EQ(s.scripts, 1);
}

TEST_MAIN()
