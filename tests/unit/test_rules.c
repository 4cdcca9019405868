/* Rule checks (src/rules.c): loading and rejecting rule files, the CSS-to-XPath subset, and
 * verdicts of rule checks run as the engine runs them on real pages (page model, lexicon,
 * libxml2 DOM). The integration side (a rules file through the CLI) is test_config.py. */
#include <math.h>

#include "alloc.h"
#include "check_driver.h"
#include "shopaudit/rules.h"

#define PRODUCT_HEAD "<meta property=\"og:type\" content=\"product\">"
#define PRODUCT(title, body)                                                                       \
    DOC_HEAD("en", VIEWPORT PRODUCT_HEAD, title,                                                   \
             "<header><a class=\"cart\" href=\"/cart\">Cart</a></header><main><h1>" title          \
             "</h1>" body "</main><footer><p>Shop</p></footer>")

static const struct pg product_pages[] = {
    {"https://shop.test/p/a", PRODUCT("Sencha", "<p>Gift wrapping available.</p>")},
    {"https://shop.test/p/b", PRODUCT("Genmaicha", "<p>Loose leaf.</p>"
                                                   "<div class=\"modal x\"><form "
                                                   "class=\"newsletter\">Subscribe</form></div>")},
    {"https://shop.test/", DOC("en", "Home",
                               "<header><a href=\"/cart\">Cart</a></header>"
                               "<main><p>Gift wrap for all.</p></main>")},
};

/* Parses one rules document, failing the test with the loader's message. */
static struct sa_rules *parse(const char *json)
{
    char err[512] = "";
    struct sa_rules *rs = NULL;
    int rc = sa_rules_parse(json, strlen(json), "t.json", &rs, err, sizeof err);
    if (rc != SA_OK) T_FAIL("parse: %s (%s)", err, sa_err_name(rc));
    return rs;
}

/* The loader's message for a document that must be rejected. */
static const char *reject(const char *json)
{
    static char err[512];
    struct sa_rules *rs = NULL;
    err[0] = '\0';
    int rc = sa_rules_parse(json, strlen(json), "t.json", &rs, err, sizeof err);
    if (rc != SA_EPARSE) T_FAIL("expected SA_EPARSE, got %s for %s", sa_err_name(rc), json);
    if (rs) T_FAIL("a rejected document gave rules");
    sa_rules_free(rs);
    return err;
}

static int run_rule(const char *json, struct sa_verdict *v)
{
    struct sa_rules *rs = parse(json);
    if (!rs) return 0;
    int ok = run_check_def(sa_rules_checks(rs)[0], product_pages,
                           sizeof product_pages / sizeof product_pages[0], 0, v);
    sa_rules_free(rs);
    return ok;
}

TEST(rules_css_translates_subset_to_xpath)
{
    static const struct {
        const char *css, *xpath;
    } cases[] = {
        {"a", "//a"},
        {"header > A.cart",
         "//header/a[contains(concat(' ',normalize-space(@class),' '),' cart ')]"},
        {"footer  #pay [data-x=y]", "//footer//*[@id='pay']//*[@data-x='y']"},
        {"img[alt], *[title=\"it's\"]", "//img[@alt] | //*[@title=\"it's\"]"},
        {"div.a.b>p", "//div[contains(concat(' ',normalize-space(@class),' '),' a ')]"
                      "[contains(concat(' ',normalize-space(@class),' '),' b ')]/p"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char err[256] = "";
        char *x = sa_rules_css_to_xpath(cases[i].css, err, sizeof err);
        EXPECT_STREQ(x, cases[i].xpath);
        sa__free(x);
    }
}

TEST(rules_css_bad_selector_names_offset)
{
    char err[256] = "";
    EXPECT(sa_rules_css_to_xpath("div > !x", err, sizeof err) == NULL);
    EXPECT_STREQ(err, "selector \"div > !x\": unexpected '!' at offset 6");
    EXPECT(sa_rules_css_to_xpath("a[href", err, sizeof err) == NULL);
    EXPECT_STREQ(err, "selector \"a[href\": expected = or ], got end");
    EXPECT(sa_rules_css_to_xpath("a,", err, sizeof err) == NULL);
    EXPECT(sa_rules_css_to_xpath("  ", err, sizeof err) == NULL);
}

TEST(rules_pattern_rule_passes_when_every_product_page_says_it)
{
    struct sa_verdict v;
    ASSERT(run_rule("{\"rules\":[{\"id\":\"gift\",\"title\":\"Gift wrapping\",\"category\":"
                    "\"loyalty\",\"kinds\":[\"product\"],\"patterns\":{\"en\":[\"gift "
                    "wrap\"],\"de\":[\"geschenk\"]},\"threshold\":0.5}]}",
                    &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "Gift wrapping: found on 1 of 2 pages checked.");
    EXPECT_STREQ(v.recommendation, "");
    EXPECT_EV(&v, 0, "https://shop.test/p/a", "main > p", "Gift wrapping available.");
    sa_verdict_release(&v);
}

TEST(rules_pattern_rule_partial_below_threshold_with_missing_pages_first)
{
    struct sa_verdict v;
    ASSERT(run_rule("{\"rules\":[{\"id\":\"gift\",\"title\":\"Gift wrapping\",\"category\":"
                    "\"loyalty\",\"kinds\":[\"product\"],\"patterns\":{\"en\":[\"gift "
                    "wrap\"]},\"recommendation\":\"Offer it.\"}]}",
                    &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.5, 1e-9);
    EXPECT_STREQ(v.recommendation, "Offer it.");
    EXPECT_EV(&v, 0, "https://shop.test/p/b", "page", "Genmaicha");
    EXPECT_EV(&v, 1, "https://shop.test/p/a", "main > p", "Gift wrapping available.");
    sa_verdict_release(&v);
}

TEST(rules_pattern_rule_fails_when_no_page_says_it)
{
    struct sa_verdict v;
    ASSERT(run_rule("{\"rules\":[{\"id\":\"engraving\",\"title\":\"Engraving\",\"category\":"
                    "\"loyalty\",\"patterns\":{\"any\":[\"engrav\\\\w+\"]}}]}",
                    &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_EQ(v.evidence.total, 3);
    EXPECT(strstr(v.recommendation, "Engraving") != NULL);
    sa_verdict_release(&v);
}

TEST(rules_regions_limit_text_matching)
{
    struct sa_verdict v;
    /* "Gift wrap" is in main on every page that has it: looking in the footer finds nothing */
    ASSERT(run_rule("{\"rules\":[{\"id\":\"gift\",\"title\":\"Gift\",\"category\":\"loyalty\","
                    "\"regions\":[\"footer\"],\"patterns\":{\"en\":[\"gift wrap\"]}}]}",
                    &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    sa_verdict_release(&v);
}

TEST(rules_concept_rule_uses_lexicon_in_header)
{
    struct sa_verdict v;
    ASSERT(run_rule("{\"rules\":[{\"id\":\"cart_head\",\"title\":\"Cart in header\",\"category\":"
                    "\"buying\",\"concept\":\"CART\",\"regions\":[\"header\"]}]}",
                    &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_EQ(v.evidence.total, 3);
    EXPECT_STREQ(v.evidence.items[0].snippet, "Cart");
    sa_verdict_release(&v);
}

TEST(rules_selector_absent_rule_partial_names_offending_page)
{
    struct sa_verdict v;
    ASSERT(run_rule("{\"rules\":[{\"id\":\"no_popup\",\"title\":\"No pop-up\",\"category\":"
                    "\"return\",\"kinds\":[\"product\"],\"selector\":\"div.modal "
                    ".newsletter\",\"expect\":\"absent\"}]}",
                    &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.5, 1e-9);
    EXPECT_STREQ(v.summary, "No pop-up: found on 1 of 2 pages checked (it should be absent).");
    EXPECT_EV(&v, 0, "https://shop.test/p/b", "main > div.modal > form.newsletter", "Subscribe");
    sa_verdict_release(&v);
}

TEST(rules_selector_and_text_must_both_match)
{
    struct sa_verdict v;
    /* only /p/a has both the header's a.cart and "gift wrap"; home lacks the class */
    ASSERT(run_rule("{\"rules\":[{\"id\":\"both\",\"title\":\"Both\",\"category\":\"buying\","
                    "\"selector\":\"header a.cart\",\"patterns\":{\"en\":[\"gift wrap\"]}}]}",
                    &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 1.0 / 3.0, 1e-9);
    EXPECT(ev_find(&v, "https://shop.test/p/a", "main > p") >= 0);
    sa_verdict_release(&v);
}

TEST(rules_kind_without_pages_is_not_applicable)
{
    struct sa_verdict v;
    ASSERT(run_rule("{\"rules\":[{\"id\":\"ck\",\"title\":\"Checkout\",\"category\":\"buying\","
                    "\"kinds\":[\"checkout\"],\"selector\":\"form\"}]}",
                    &v));
    EXPECT_EQ(v.status, SA_STATUS_NOT_APPLICABLE);
    EXPECT_EQ(v.evidence.n, 1);
    sa_verdict_release(&v);
}

TEST(rules_check_fields_come_from_rule)
{
    struct sa_rules *rs = parse("{\"rules\":[{\"id\":\"a\",\"title\":\"A\",\"category\":\"trust\","
                                "\"weight\":0.25,\"selector\":\"p\"},{\"id\":\"b\",\"title\":\"B\","
                                "\"category\":\"basics\",\"concept\":\"phone\"}]}");
    ASSERT(rs);
    const struct sa_check *const *cs = sa_rules_checks(rs);
    EXPECT_EQ(sa_rules_count(rs), 2);
    EXPECT_STREQ(cs[0]->id, "a");
    EXPECT_STREQ(cs[0]->category, "trust");
    EXPECT_NEAR(cs[0]->weight, 0.25, 1e-12);
    EXPECT_NEAR(cs[1]->weight, 1.0, 1e-12);
    EXPECT(cs[2] == NULL);
    EXPECT(cs[0]->init != NULL && cs[0]->data != NULL);
    sa_rules_free(rs);
}

TEST(rules_malformed_documents_rejected_with_rule_and_reason)
{
    EXPECT_STREQ(reject("{\"rules\": ["), "t.json: not valid JSON near byte 10");
    EXPECT_STREQ(reject("[]"), "t.json: expected an object {\"rules\": [...]}");
    EXPECT_STREQ(reject("{\"rules\":[],\"x\":1}"), "t.json: x: unknown key");
    EXPECT_STREQ(reject("{\"rules\":[{\"title\":\"T\"}]}"),
                 "t.json: rule #1: \"id\": expected a string");
    EXPECT_STREQ(reject("{\"rules\":[{\"id\":\"Bad-Id\"}]}"),
                 "t.json: rule \"Bad-Id\": id: expected snake_case (a-z, 0-9, _), at most 64 "
                 "characters");
    EXPECT_STREQ(reject("{\"rules\":[{\"id\":\"cart_visible\"}]}"),
                 "t.json: rule \"cart_visible\": id: a built-in check has this id");
    EXPECT_STREQ(reject("{\"rules\":[{\"id\":\"r\",\"title\":\"T\",\"category\":\"buying\","
                        "\"selector\":\"p\",\"colour\":1}]}"),
                 "t.json: rule \"r\": unknown key \"colour\"");
    EXPECT_STREQ(reject("{\"rules\":[{\"id\":\"r\",\"title\":\"T\",\"category\":\"shipping\","
                        "\"selector\":\"p\"}]}"),
                 "t.json: rule \"r\": category: expected one of trust, buying, promotions, "
                 "return, loyalty, basics");
    EXPECT_STREQ(reject("{\"rules\":[{\"id\":\"r\",\"title\":\"T\",\"category\":\"buying\"}]}"),
                 "t.json: rule \"r\": nothing to look for: give a concept, patterns or a selector");
    EXPECT_STREQ(reject("{\"rules\":[{\"id\":\"r\",\"title\":\"T\",\"category\":\"buying\","
                        "\"patterns\":{\"en\":[\"ok\",\"(gift\"]}}]}"),
                 "t.json: rule \"r\": patterns.en[2]: missing closing parenthesis at offset 5");
    EXPECT_STREQ(reject("{\"rules\":[{\"id\":\"r\",\"title\":\"T\",\"category\":\"buying\","
                        "\"patterns\":{\"en\":[\"x?\"]}}]}"),
                 "t.json: rule \"r\": patterns.en[1]: can match an empty string");
    EXPECT_STREQ(reject("{\"rules\":[{\"id\":\"r\",\"title\":\"T\",\"category\":\"buying\","
                        "\"concept\":\"basket\"}]}"),
                 "t.json: rule \"r\": concept: unknown concept \"basket\" (see lexicon.h)");
    EXPECT_STREQ(reject("{\"rules\":[{\"id\":\"r\",\"title\":\"T\",\"category\":\"buying\","
                        "\"selector\":\"p\",\"kinds\":[\"blog\"]}]}"),
                 "t.json: rule \"r\": kinds: unknown name \"blog\"");
    EXPECT_STREQ(reject("{\"rules\":[{\"id\":\"r\",\"title\":\"T\",\"category\":\"buying\","
                        "\"selector\":\"p\",\"weight\":\"high\"}]}"),
                 "t.json: rule \"r\": weight: expected a number 0..100");
    EXPECT_STREQ(reject("{\"rules\":[{\"id\":\"r\",\"title\":\"T\",\"category\":\"buying\","
                        "\"selector\":\"p\",\"expect\":\"maybe\"}]}"),
                 "t.json: rule \"r\": expect: expected \"present\" or \"absent\"");
    EXPECT_STREQ(reject("{\"rules\":[{\"id\":\"r\",\"title\":\"T\",\"category\":\"buying\","
                        "\"selector\":\"p\",\"threshold\":0}]}"),
                 "t.json: rule \"r\": threshold: expected a number above 0, at most 1");
    EXPECT_STREQ(reject("{\"rules\":[{\"id\":\"r\",\"title\":\"T\",\"category\":\"buying\","
                        "\"selector\":\"p >\"}]}"),
                 "t.json: rule \"r\": selector \"p >\": unexpected end");
    EXPECT_STREQ(reject("{\"rules\":[{\"id\":\"r\",\"title\":\"T\",\"category\":\"buying\","
                        "\"selector\":\"p\"},{\"id\":\"r\",\"title\":\"T\",\"category\":"
                        "\"buying\",\"selector\":\"a\"}]}"),
                 "t.json: rule \"r\": id: defined twice");
}

TEST(rules_example_file_loads)
{
    const char *src = getenv("SA_SOURCE_DIR");
    char path[1024], err[512] = "";
    snprintf(path, sizeof path, "%s/examples/rules.json", src ? src : ".");
    struct sa_rules *rs = NULL;
    int rc = sa_rules_load(path, &rs, err, sizeof err);
    EXPECT_EQ(rc, SA_OK);
    if (rc != SA_OK) T_FAIL("%s", err);
    EXPECT_EQ(sa_rules_count(rs), 4);
    sa_rules_free(rs);
    rc = sa_rules_load("/nonexistent/rules.json", &rs, err, sizeof err);
    EXPECT_EQ(rc, SA_EIO);
    EXPECT_STREQ(err, "/nonexistent/rules.json: cannot read: No such file or directory");
}

TEST(rules_out_of_memory_fails_cleanly)
{
    static const char doc[] =
        "{\"rules\":[{\"id\":\"gift\",\"title\":\"Gift\",\"category\":\"loyalty\","
        "\"kinds\":[\"product\"],\"patterns\":{\"en\":[\"gift wrap\",\"present\"]},"
        "\"selector\":\"main p\",\"recommendation\":\"R\"}]}";
    int saw_ok = 0;
    for (unsigned long n = 1; n < 200 && !saw_ok; n++) {
        char err[256] = "";
        struct sa_rules *rs = NULL;
        sa__alloc_fail_at(n);
        int rc = sa_rules_parse(doc, sizeof doc - 1, "t.json", &rs, err, sizeof err);
        sa__alloc_fail_at(0);
        if (rc == SA_OK) {
            saw_ok = 1;
        } else {
            EXPECT_EQ(rc, SA_ENOMEM);
            EXPECT(rs == NULL);
        }
        sa_rules_free(rs);
    }
    EXPECT(saw_ok);
}

TEST_MAIN()
