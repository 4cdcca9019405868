/* Unit tests for src/robots.c: group selection, precedence (the RFC 9309 examples among them),
 * special characters, percent-encoding, limits, blankets and allocation failure. */
#include <string.h>
#include <time.h>

#include "alloc.h"
#include "robots.h"
#include "shopaudit/common.h"
#include "test.h"

static struct sa_robots *parse_as(const char *txt, const char *agent)
{
    struct sa_robots *r = NULL;
    int rc = sa__robots_parse(txt, strlen(txt), agent, &r);
    if (rc != SA_OK) T_FAIL("parse: %s", sa_err_name(rc));
    return r;
}

static struct sa_robots *parse(const char *txt)
{
    return parse_as(txt, "shopaudit");
}

/* RFC 9309 section 5.1, "Simple Example". */
static const char rfc_simple[] = "User-Agent: *\n"
                                 "Disallow: *.gif$\n"
                                 "Disallow: /example/\n"
                                 "Allow: /publications/\n"
                                 "\n"
                                 "User-Agent: foobot\n"
                                 "Disallow:/\n"
                                 "Allow:/example/page.html\n"
                                 "Allow:/example/allowed.gif\n"
                                 "\n"
                                 "User-Agent: barbot\n"
                                 "User-Agent: bazbot\n"
                                 "Disallow: /example/page.html\n"
                                 "\n"
                                 "User-Agent: quxbot\n"
                                 "\n"
                                 "EOF\n";

TEST(robots_rfc_simple_example_star_group)
{
    struct sa_robots *r = parse_as(rfc_simple, "shopaudit");
    ASSERT(r);
    EXPECT_EQ(sa__robots_allowed(r, "/"), 1);
    EXPECT_EQ(sa__robots_allowed(r, "/example/"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/example/page.html"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/img/logo.gif"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/img/logo.gif?v=2"), 1); /* '$' anchors */
    EXPECT_EQ(sa__robots_allowed(r, "/publications/"), 1);
    /* "/publications/" (14 octets) beats "*.gif$" (6 octets). */
    EXPECT_EQ(sa__robots_allowed(r, "/publications/cover.gif"), 1);
    sa__robots_free(r);
}

TEST(robots_rfc_simple_example_foobot_group)
{
    struct sa_robots *r = parse_as(rfc_simple, "foobot");
    ASSERT(r);
    EXPECT_EQ(sa__robots_allowed(r, "/"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/example/page.html"), 1);
    EXPECT_EQ(sa__robots_allowed(r, "/example/allowed.gif"), 1);
    EXPECT_EQ(sa__robots_allowed(r, "/example/other.gif"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/publications/"), 0); /* the "*" group is not merged in */
    sa__robots_free(r);
}

TEST(robots_rfc_simple_example_shared_and_empty_groups)
{
    const char *agents[] = {"barbot", "bazbot"};
    for (int i = 0; i < 2; i++) {
        struct sa_robots *r = parse_as(rfc_simple, agents[i]);
        ASSERT(r);
        EXPECT_EQ(sa__robots_allowed(r, "/example/page.html"), 0);
        EXPECT_EQ(sa__robots_allowed(r, "/example/page.html.bak"), 0);
        EXPECT_EQ(sa__robots_allowed(r, "/example/"), 1);
        EXPECT_EQ(sa__robots_allowed(r, "/x.gif"), 1);
        sa__robots_free(r);
    }
    /* quxbot's group is empty and last: everything allowed, "*" ignored. */
    struct sa_robots *r = parse_as(rfc_simple, "quxbot");
    ASSERT(r);
    EXPECT_EQ(sa__robots_allowed(r, "/example/"), 1);
    EXPECT_EQ(sa__robots_allowed(r, "/x.gif"), 1);
    sa__robots_free(r);
}

TEST(robots_longest_match_wins)
{
    /* RFC 9309 section 5.2, "Longest Match". */
    struct sa_robots *r = parse_as("User-Agent: foobot\n"
                                   "Allow: /example/page/\n"
                                   "Disallow: /example/page/disallowed.gif\n",
                                   "foobot");
    ASSERT(r);
    EXPECT_EQ(sa__robots_allowed(r, "/example/page/disallowed.gif"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/example/page/"), 1);
    EXPECT_EQ(sa__robots_allowed(r, "/example/page/allowed.gif"), 1);
    sa__robots_free(r);

    /* Order in the file does not matter, only length. */
    r = parse("User-agent: *\nDisallow: /shop/cart/checkout\nAllow: /shop/\nDisallow: /\n");
    ASSERT(r);
    EXPECT_EQ(sa__robots_allowed(r, "/about"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/shop/p/1"), 1);
    EXPECT_EQ(sa__robots_allowed(r, "/shop/cart/checkout/step2"), 0);
    sa__robots_free(r);
}

TEST(robots_allow_wins_tie)
{
    const char *files[] = {
        "User-agent: *\nDisallow: /page\nAllow: /page\n",
        "User-agent: *\nAllow: /page\nDisallow: /page\n",
        "User-agent: *\nDisallow: /pa*\nAllow: /p*e\n", /* same length, different patterns */
    };
    for (int i = 0; i < 3; i++) {
        struct sa_robots *r = parse(files[i]);
        ASSERT(r);
        EXPECT_EQ(sa__robots_allowed(r, "/page"), 1);
        sa__robots_free(r);
    }
}

TEST(robots_wildcard_and_dollar)
{
    struct sa_robots *r = parse("User-agent: *\n"
                                "Disallow: /this/*/exactly\n"
                                "Disallow: /fish*.php\n"
                                "Disallow: /*?sort=\n"
                                "Disallow: /exact$\n"
                                "Disallow: /mid$dle\n");
    ASSERT(r);
    EXPECT_EQ(sa__robots_allowed(r, "/this/a/b/exactly"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/this//exactly/more"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/this/exactly"), 1);
    EXPECT_EQ(sa__robots_allowed(r, "/fish.php"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/fishheads/catfish.php?p=1"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/Fish.PHP"), 1); /* paths are case-sensitive */
    EXPECT_EQ(sa__robots_allowed(r, "/c/shoes?sort=price"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/c/shoes?page=2"), 1);
    EXPECT_EQ(sa__robots_allowed(r, "/exact"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/exact/"), 1);
    EXPECT_EQ(sa__robots_allowed(r, "/exactly"), 1);
    /* '$' only anchors at the end; elsewhere it is a literal dollar. */
    EXPECT_EQ(sa__robots_allowed(r, "/mid$dle"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/middle"), 1);
    sa__robots_free(r);

    r = parse("User-agent: *\nDisallow: /\nAllow: /$\n");
    ASSERT(r);
    EXPECT_EQ(sa__robots_allowed(r, "/"), 1);
    EXPECT_EQ(sa__robots_allowed(r, "/page"), 0);
    sa__robots_free(r);
}

TEST(robots_agent_group_merged)
{
    /* RFC 9309 section 2.2.1: two ExampleBot groups become one. */
    const char *txt = "user-agent: ExampleBot\n"
                      "disallow: /foo\n"
                      "disallow: /bar\n"
                      "\n"
                      "user-agent: *\n"
                      "disallow: /star\n"
                      "\n"
                      "user-agent: ExampleBot\n"
                      "disallow: /baz\n";
    const char *agents[] = {"examplebot", "EXAMPLEBOT", "ExampleBot/2.1"};
    for (int i = 0; i < 3; i++) {
        struct sa_robots *r = parse_as(txt, agents[i]);
        ASSERT(r);
        EXPECT_EQ(sa__robots_allowed(r, "/foo"), 0);
        EXPECT_EQ(sa__robots_allowed(r, "/bar"), 0);
        EXPECT_EQ(sa__robots_allowed(r, "/baz"), 0);
        EXPECT_EQ(sa__robots_allowed(r, "/star"), 1);
        sa__robots_free(r);
    }
    /* "shopaudit/1.0 (+https://...)" on the line names the product token "shopaudit". */
    struct sa_robots *r = parse("User-agent: ShopAudit/1.0 (+https://x.test)\nDisallow: /x\n");
    ASSERT(r);
    EXPECT_EQ(sa__robots_allowed(r, "/x"), 0);
    sa__robots_free(r);
    /* ...but a longer token is a different crawler. */
    r = parse("User-agent: shopauditor\nDisallow: /x\n");
    ASSERT(r);
    EXPECT_EQ(sa__robots_allowed(r, "/x"), 1);
    sa__robots_free(r);
}

TEST(robots_falls_back_to_star_group)
{
    /* RFC 9309 section 2.2.1: only "*" applies to ExampleBot here. */
    struct sa_robots *r = parse_as("user-agent: *\n"
                                   "disallow: /foo\n"
                                   "disallow: /bar\n"
                                   "\n"
                                   "user-agent: BazBot\n"
                                   "disallow: /baz\n",
                                   "ExampleBot");
    ASSERT(r);
    EXPECT_EQ(sa__robots_allowed(r, "/foo"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/bar"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/baz"), 1);
    sa__robots_free(r);
}

TEST(robots_no_matching_group_allows_all)
{
    const char *files[] = {
        "",
        "# nothing but a comment\n",
        "Disallow: /\n", /* a rule outside any group is ignored */
        "User-agent: otherbot\nDisallow: /\n",
    };
    for (int i = 0; i < 4; i++) {
        struct sa_robots *r = parse(files[i]);
        ASSERT(r);
        EXPECT_EQ(sa__robots_allowed(r, "/"), 1);
        EXPECT_EQ(sa__robots_allowed(r, "/any/thing"), 1);
        sa__robots_free(r);
    }
}

TEST(robots_consecutive_agents_share_group)
{
    /* Blank lines, comments, Sitemap and unknown records do not end a run of user-agent lines;
     * a Crawl-delay does, like a rule. */
    struct sa_robots *r = parse("User-agent: a\n"
                                "\n"
                                "# comment\n"
                                "Sitemap: https://x.test/s.xml\n"
                                "Clean-param: ref\n"
                                "User-agent: shopaudit\n"
                                "Disallow: /shared\n"
                                "\n"
                                "User-agent: b\n"
                                "Crawl-delay: 3\n"
                                "User-agent: shopaudit\n"
                                "Disallow: /own\n");
    ASSERT(r);
    EXPECT_EQ(sa__robots_allowed(r, "/shared"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/own"), 0);
    EXPECT_EQ(sa__robots_crawl_delay_ms(r), 0); /* b's delay is not ours */
    sa__robots_free(r);

    r = parse("User-agent: *\nCrawl-delay: 5\n\nUser-agent: googlebot\nDisallow: /private\n");
    ASSERT(r);
    EXPECT_EQ(sa__robots_allowed(r, "/private"), 1);
    EXPECT_EQ(sa__robots_crawl_delay_ms(r), 5000);
    sa__robots_free(r);
}

TEST(robots_empty_disallow_allows)
{
    struct sa_robots *r = parse("User-agent: *\nDisallow: /\n\nUser-agent: shopaudit\nDisallow:\n");
    ASSERT(r);
    EXPECT_EQ(sa__robots_allowed(r, "/"), 1);
    EXPECT_EQ(sa__robots_allowed(r, "/cart"), 1);
    sa__robots_free(r);
}

TEST(robots_robots_txt_always_allowed)
{
    struct sa_robots *r = parse("User-agent: *\nDisallow: /\nDisallow: /robots.txt$\n");
    ASSERT(r);
    EXPECT_EQ(sa__robots_allowed(r, "/robots.txt"), 1);
    EXPECT_EQ(sa__robots_allowed(r, "/robots%2Etxt"), 1);
    EXPECT_EQ(sa__robots_allowed(r, "/robots.txt?v=1"), 1);
    EXPECT_EQ(sa__robots_allowed(r, "/robots.txt.bak"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/ROBOTS.TXT"), 0);
    sa__robots_free(r);

    ASSERT(sa__robots_new_blanket(0, &r) == SA_OK);
    EXPECT_EQ(sa__robots_allowed(r, "/robots.txt"), 1);
    sa__robots_free(r);
}

TEST(robots_percent_encoding_equivalent)
{
    /* Cyrillic "к" is D0 BA in UTF-8: raw, lower- and upper-case escapes all match. */
    const char *files[] = {"User-agent: *\nDisallow: /%D0%BA\n",
                           "User-agent: *\nDisallow: /%d0%ba\n",
                           "User-agent: *\nDisallow: /\xD0\xBA\n"};
    for (int i = 0; i < 3; i++) {
        struct sa_robots *r = parse(files[i]);
        ASSERT(r);
        EXPECT_EQ(sa__robots_allowed(r, "/%D0%BA"), 0);
        EXPECT_EQ(sa__robots_allowed(r, "/%d0%ba/x"), 0);
        EXPECT_EQ(sa__robots_allowed(r, "/\xD0\xBA"), 0);
        EXPECT_EQ(sa__robots_allowed(r, "/%D0%BB"), 1);
        sa__robots_free(r);
    }

    /* RFC 9309 section 2.2.2 table: %XX of unreserved characters is decoded; reserved stays. */
    struct sa_robots *r = parse("User-agent: *\n"
                                "Disallow: /foo/bar/%62%61%7A\n"
                                "Disallow: /foo/bar/%E3%83%84\n"
                                "Disallow: /foo/bar?baz=https%3A%2F%2Ffoo.bar\n"
                                "Disallow: /a%2Fb\n");
    ASSERT(r);
    EXPECT_EQ(sa__robots_allowed(r, "/foo/bar/baz"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/foo/bar/%62az"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/foo/bar/\xE3\x83\x84"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/foo/bar/%e3%83%84"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/foo/bar?baz=https%3a%2f%2ffoo.bar"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/foo/bar?baz=https://foo.bar"), 1);
    EXPECT_EQ(sa__robots_allowed(r, "/a%2fb"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/a/b"), 1); /* an escaped '/' is not a '/' */
    sa__robots_free(r);

    /* RFC 9309 section 2.2.3: escaped special characters match them literally. */
    r = parse("User-agent: *\nDisallow: /path/file-with-a-%2A.html\nDisallow: /path/foo-%24\n");
    ASSERT(r);
    EXPECT_EQ(sa__robots_allowed(r, "/path/file-with-a-*.html"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/path/file-with-a-x.html"), 1);
    EXPECT_EQ(sa__robots_allowed(r, "/path/foo-$"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/path/foo-"), 1);
    sa__robots_free(r);
}

TEST(robots_longest_match_counts_normalised_octets)
{
    /* Raw "/к" is 3 octets, "/%D0%BA" 7: both count as 7, so the tie goes to Allow. */
    struct sa_robots *r = parse("User-agent: *\nDisallow: /%D0%BA\nAllow: /\xD0\xBA\n");
    ASSERT(r);
    EXPECT_EQ(sa__robots_allowed(r, "/%D0%BA"), 1);
    sa__robots_free(r);
    r = parse("User-agent: *\nAllow: /\xD0\xBA\nDisallow: /%D0%BA1\n");
    ASSERT(r);
    EXPECT_EQ(sa__robots_allowed(r, "/\xD0\xBA"
                                    "1"),
              0);
    sa__robots_free(r);
}

TEST(robots_line_endings_bom_and_comments)
{
    const char txt[] = "\xEF\xBB\xBFUser-agent: shopaudit # us\r"
                       "Disallow: /a # not /a#b\r\n"
                       "  disallow :\t/b  \n"
                       "# Disallow: /c\n"
                       "Disallow: /d";
    struct sa_robots *r = parse(txt);
    ASSERT(r);
    EXPECT_EQ(sa__robots_allowed(r, "/a"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/b"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/c"), 1);
    EXPECT_EQ(sa__robots_allowed(r, "/d"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/e"), 1);
    sa__robots_free(r);
}

TEST(robots_unknown_and_malformed_lines_ignored)
{
    struct sa_robots *r = parse("User-agent: *\n"
                                "Noindex: /x\n"
                                "Disallow /nocolon\n"
                                "Crawl-delay: soon\n"
                                "Disallow: private\n" /* no leading '/': taken as /private */
                                "Host: example.com\n");
    ASSERT(r);
    EXPECT_EQ(sa__robots_allowed(r, "/x"), 1);
    EXPECT_EQ(sa__robots_allowed(r, "/nocolon"), 1);
    EXPECT_EQ(sa__robots_allowed(r, "/private/1"), 0);
    EXPECT_EQ(sa__robots_crawl_delay_ms(r), 0);
    sa__robots_free(r);
}

TEST(robots_crawl_delay_and_sitemaps)
{
    struct sa_robots *r = parse("Sitemap: https://shop.test/sitemap.xml\n"
                                "User-agent: *\n"
                                "Crawl-delay: 10\n"
                                "\n"
                                "User-agent: shopaudit\n"
                                "Crawl-delay: 0.5\n"
                                "Sitemap: https://shop.test/products.xml # kept\n"
                                "\n"
                                "User-agent: otherbot\n"
                                "Sitemap:\n"
                                "sitemap:   https://cdn.test/s.xml.gz  \n");
    ASSERT(r);
    EXPECT_EQ(sa__robots_crawl_delay_ms(r), 500);
    size_t n = 0;
    const char *const *s = sa__robots_sitemaps(r, &n);
    ASSERT(n == 3);
    EXPECT_STREQ(s[0], "https://shop.test/sitemap.xml");
    EXPECT_STREQ(s[1], "https://shop.test/products.xml");
    EXPECT_STREQ(s[2], "https://cdn.test/s.xml.gz");
    sa__robots_free(r);

    /* Falls back with the group; merged groups keep the larger delay. */
    r = parse("User-agent: *\nCrawl-delay: 2.25\n");
    ASSERT(r);
    EXPECT_EQ(sa__robots_crawl_delay_ms(r), 2250);
    sa__robots_free(r);
    r = parse("User-agent: shopaudit\nCrawl-delay: 1\n\nUser-agent: shopaudit\nCrawl-delay: 4\n");
    ASSERT(r);
    EXPECT_EQ(sa__robots_crawl_delay_ms(r), 4000);
    sa__robots_free(r);
    r = parse("User-agent: *\nCrawl-delay: 99999999999\n");
    ASSERT(r);
    EXPECT_EQ(sa__robots_crawl_delay_ms(r), 4294967295u);
    EXPECT_EQ(sa__robots_sitemaps(r, &n) == NULL, 1);
    EXPECT_EQ(n, 0);
    sa__robots_free(r);
}

TEST(robots_pathological_pattern_is_fast)
{
    enum { N = 200000 };
    char *path = malloc(N + 2);
    ASSERT(path);
    path[0] = '/';
    memset(path + 1, 'a', N);
    path[N + 1] = '\0';
    struct sa_robots *r = parse("User-agent: *\n"
                                "Disallow: /a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b\n"
                                "Disallow: /*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*c$\n"
                                "Allow: /a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a$\n");
    ASSERT(r);
    clock_t t0 = clock();
    EXPECT_EQ(sa__robots_allowed(r, path), 1);
    path[N] = 'b';
    EXPECT_EQ(sa__robots_allowed(r, path), 0);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    EXPECT(secs < 1.0); /* exponential backtracking would not finish at all */
    sa__robots_free(r);
    free(path);
}

TEST(robots_parse_stops_at_500_kib)
{
    size_t cap = 500 * 1024, len = cap + 4096;
    char *txt = malloc(len + 1);
    ASSERT(txt);
    const char head[] = "User-agent: *\nDisallow: /early\n";
    memcpy(txt, head, sizeof head - 1);
    memset(txt + sizeof head - 1, '#', len - (sizeof head - 1));
    /* An Allow cut in two by the limit would allow "/e" and more: the whole line goes. */
    const char cut[] = "\nAllow: /early-but-only-this\n";
    memcpy(txt + cap - 10, cut, sizeof cut - 1);
    const char late[] = "\nDisallow: /late\n";
    memcpy(txt + len - (sizeof late - 1), late, sizeof late - 1);
    txt[len] = '\0';
    struct sa_robots *r = NULL;
    ASSERT(sa__robots_parse(txt, len, "shopaudit", &r) == SA_OK);
    EXPECT_EQ(sa__robots_allowed(r, "/early"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/early-but-only-this"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/late"), 1);
    sa__robots_free(r);
    free(txt);
}

TEST(robots_unreachable_disallows_all)
{
    struct sa_robots *r = NULL;
    ASSERT(sa__robots_new_blanket(0, &r) == SA_OK);
    EXPECT_EQ(sa__robots_allowed(r, "/"), 0);
    EXPECT_EQ(sa__robots_allowed(r, "/products/1"), 0);
    EXPECT_EQ(sa__robots_crawl_delay_ms(r), 0);
    sa__robots_free(r);
}

TEST(robots_unavailable_allows_all)
{
    struct sa_robots *r = NULL;
    ASSERT(sa__robots_new_blanket(1, &r) == SA_OK);
    EXPECT_EQ(sa__robots_allowed(r, "/"), 1);
    EXPECT_EQ(sa__robots_allowed(r, "/products/1"), 1);
    size_t n = 7;
    EXPECT_EQ(sa__robots_sitemaps(r, &n) == NULL, 1);
    EXPECT_EQ(n, 0);
    sa__robots_free(r);
    sa__robots_free(NULL);
}

TEST(robots_long_path_matched)
{
    /* Longer than the stack buffer for normalised paths. */
    static char path[9000];
    path[0] = '/';
    memset(path + 1, 'x', sizeof path - 3);
    path[sizeof path - 2] = '\xC3'; /* raw non-ASCII: expands to %C3 */
    struct sa_robots *r = parse("User-agent: *\nDisallow: /x*%C3$\n");
    ASSERT(r);
    EXPECT_EQ(sa__robots_allowed(r, path), 0);
    sa__robots_free(r);
}

TEST(robots_oom_fails_cleanly)
{
    const char *txt = "Sitemap: https://s.test/a.xml\n"
                      "User-agent: *\nDisallow: /a\nAllow: /a/b\nCrawl-delay: 1\n"
                      "User-agent: shopaudit\nDisallow: /c\n"
                      "Sitemap: https://s.test/b.xml\n";
    int ok = 0;
    for (unsigned long n = 1; n < 100 && !ok; n++) {
        struct sa_robots *r = (struct sa_robots *)1;
        sa__alloc_fail_at(n);
        int rc = sa__robots_parse(txt, strlen(txt), "shopaudit", &r);
        sa__alloc_fail_at(0);
        if (rc == SA_OK) {
            ok = 1;
            EXPECT_EQ(sa__robots_allowed(r, "/c"), 0);
            EXPECT_EQ(sa__robots_allowed(r, "/a"), 1);
        } else {
            EXPECT_EQ(rc, SA_ENOMEM);
            EXPECT(r == NULL);
        }
        sa__robots_free(r);
    }
    EXPECT_EQ(ok, 1);

    struct sa_robots *r = NULL;
    sa__alloc_fail_at(1);
    EXPECT_EQ(sa__robots_new_blanket(1, &r), SA_ENOMEM);
    sa__alloc_fail_at(0);
    EXPECT(r == NULL);
}

TEST_MAIN()
