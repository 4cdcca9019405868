/* Unit tests for src/sitemap.c: urlset and sitemapindex, namespaces, trimming, stops and caps,
 * and hostile input (entity bombs, external entities, junk), which must neither blow up nor
 * print. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "shopaudit/common.h"
#include "sitemap.h"
#include "test.h"

struct got {
    size_t n, n_index;
    char loc[8][256];  /* the first few, to compare */
    size_t stop_after; /* 0 = never stop */
};

static int collect(void *ud, const char *loc, int is_index)
{
    struct got *g = ud;
    if (g->n < 8) snprintf(g->loc[g->n], sizeof g->loc[0], "%s", loc);
    g->n++;
    g->n_index += is_index == 1;
    return g->stop_after && g->n >= g->stop_after;
}

static int parse(const char *xml, struct got *g)
{
    memset(g, 0, sizeof *g);
    return sa__sitemap_parse(xml, strlen(xml), collect, g);
}

TEST(sitemap_urlset_yields_locs)
{
    const char *xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"\n"
        "        xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\">\n"
        "  <url>\n"
        "    <loc>\n      https://shop.test/\n    </loc>\n"
        "    <lastmod>2024-01-01</lastmod>\n"
        "  </url>\n"
        "  <url><loc>https://shop.test/p?id=1&amp;c=2</loc>\n"
        "    <image:image><image:loc>https://cdn.test/1.jpg</image:loc></image:image></url>\n"
        "  <url><loc><![CDATA[https://shop.test/\xD0\xBA]]></loc></url>\n"
        "  <url><loc>   </loc></url>\n"
        "  <url><loc/></url>\n"
        "  <url><loc>https://shop.test/&#x41;</loc></url>\n"
        "</urlset>\n";
    struct got g;
    EXPECT_EQ(parse(xml, &g), SA_OK);
    EXPECT_EQ(g.n, 4);
    EXPECT_EQ(g.n_index, 0);
    EXPECT_STREQ(g.loc[0], "https://shop.test/");
    EXPECT_STREQ(g.loc[1], "https://shop.test/p?id=1&c=2");
    EXPECT_STREQ(g.loc[2], "https://shop.test/\xD0\xBA");
    EXPECT_STREQ(g.loc[3], "https://shop.test/A");
}

TEST(sitemap_index_marks_children)
{
    const char *xml = "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                      "<sitemap><loc>https://shop.test/s1.xml</loc>"
                      "<lastmod>2024-01-01</lastmod></sitemap>"
                      "<sitemap><loc>https://shop.test/s2.xml.gz</loc></sitemap>"
                      "<url><loc>https://shop.test/not-an-entry</loc></url>"
                      "</sitemapindex>";
    struct got g;
    EXPECT_EQ(parse(xml, &g), SA_OK);
    EXPECT_EQ(g.n, 2);
    EXPECT_EQ(g.n_index, 2);
    EXPECT_STREQ(g.loc[0], "https://shop.test/s1.xml");
    EXPECT_STREQ(g.loc[1], "https://shop.test/s2.xml.gz");
}

TEST(sitemap_namespace_absent_or_prefixed_accepted)
{
    struct got g;
    EXPECT_EQ(parse("<urlset><url><loc>https://a.test/1</loc></url></urlset>", &g), SA_OK);
    EXPECT_EQ(g.n, 1);
    EXPECT_STREQ(g.loc[0], "https://a.test/1");

    EXPECT_EQ(parse("<sm:urlset xmlns:sm=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                    "<sm:url><sm:loc>https://a.test/2</sm:loc></sm:url>"
                    "<url><loc>https://a.test/other-namespace</loc></url>"
                    "</sm:urlset>",
                    &g),
              SA_OK);
    EXPECT_EQ(g.n, 1);
    EXPECT_STREQ(g.loc[0], "https://a.test/2");

    EXPECT_EQ(parse("<urlset/>", &g), SA_OK);
    EXPECT_EQ(g.n, 0);
}

TEST(sitemap_not_xml_is_parse_error)
{
    const char *bad[] = {
        "",
        "not xml at all",
        "https://shop.test/a\nhttps://shop.test/b\n", /* a text sitemap is not this parser's */
        "<html><body><a href=\"/x\">x</a></body></html>",
        "<rss version=\"2.0\"><channel><link>https://a.test/</link></channel></rss>",
        "<urlset><url><loc>https://a.test/1</loc></url>", /* truncated */
        "<urlset><url><loc>https://a.test/1</loc></url></urlset><urlset/>",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct got g;
        int rc = parse(bad[i], &g);
        if (rc != SA_EPARSE) T_FAIL("case %zu: %s", i, sa_err_name(rc));
    }
    /* Entries before the error have been delivered already. */
    struct got g;
    EXPECT_EQ(parse("<urlset><url><loc>https://a.test/1</loc></url>", &g), SA_EPARSE);
    EXPECT_EQ(g.n, 1);
    EXPECT_EQ(sa__sitemap_parse(NULL, 0, collect, &g), SA_EPARSE);
    EXPECT_EQ(sa__sitemap_parse("<urlset/>", 9, NULL, NULL), SA_EINVAL);
}

TEST(sitemap_entity_bomb_not_expanded)
{
    /* Billion laughs: ten levels of ten references, 10^10 "lol"s if expanded. */
    char xml[4096];
    size_t o = (size_t)snprintf(xml, sizeof xml,
                                "<?xml version=\"1.0\"?>\n<!DOCTYPE urlset [\n"
                                "<!ENTITY a0 \"lol\">\n");
    for (int i = 1; i <= 10; i++) {
        o += (size_t)snprintf(xml + o, sizeof xml - o, "<!ENTITY a%d \"", i);
        for (int j = 0; j < 10; j++) o += (size_t)snprintf(xml + o, sizeof xml - o, "&a%d;", i - 1);
        o += (size_t)snprintf(xml + o, sizeof xml - o, "\">\n");
    }
    snprintf(xml + o, sizeof xml - o,
             "]>\n<urlset><url><loc>https://a.test/&a10;</loc></url></urlset>\n");
    ASSERT(strlen(xml) < sizeof xml - 1);
    struct got g;
    clock_t t0 = clock();
    int rc = parse(xml, &g);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    EXPECT_EQ(rc, SA_EPARSE); /* libxml2 refuses the amplification outright */
    EXPECT_EQ(g.n, 0);
    EXPECT(secs < 1.0);

    /* A harmless internal entity is not expanded either: that <loc> is dropped, not cut. */
    EXPECT_EQ(parse("<!DOCTYPE urlset [<!ENTITY p \"products\">]>"
                    "<urlset><url><loc>https://a.test/&p;/1</loc></url>"
                    "<url><loc>https://a.test/ok</loc></url></urlset>",
                    &g),
              SA_OK);
    EXPECT_EQ(g.n, 1);
    EXPECT_STREQ(g.loc[0], "https://a.test/ok");
}

TEST(sitemap_external_entity_not_loaded)
{
    /* XXE: neither a local file nor an endless device may be read. */
    struct got g;
    EXPECT_EQ(parse("<?xml version=\"1.0\"?>\n"
                    "<!DOCTYPE urlset [<!ENTITY f SYSTEM \"file:///etc/passwd\">\n"
                    "<!ENTITY z SYSTEM \"file:///dev/zero\">\n"
                    "<!ENTITY n SYSTEM \"http://127.0.0.1:9/x\">]>\n"
                    "<urlset><url><loc>https://a.test/&f;</loc></url>"
                    "<url><loc>https://a.test/&z;</loc></url>"
                    "<url><loc>https://a.test/&n;</loc></url>"
                    "<url><loc>https://a.test/clean</loc></url></urlset>",
                    &g),
              SA_OK);
    EXPECT_EQ(g.n, 1);
    EXPECT_STREQ(g.loc[0], "https://a.test/clean");
}

TEST(sitemap_callback_stop_honoured)
{
    struct got g;
    memset(&g, 0, sizeof g);
    g.stop_after = 2;
    const char *xml = "<urlset><url><loc>https://a.test/1</loc></url>"
                      "<url><loc>https://a.test/2</loc></url>"
                      "<url><loc>https://a.test/3</loc></url>"
                      "this is not well-formed <<< but is never read";
    EXPECT_EQ(sa__sitemap_parse(xml, strlen(xml), collect, &g), SA_OK);
    EXPECT_EQ(g.n, 2);
    EXPECT_STREQ(g.loc[1], "https://a.test/2");
}

TEST(sitemap_stops_at_max_urls)
{
    size_t n = SA_SITEMAP_MAX_URLS + 10, cap = n * 48 + 64, o = 0;
    char *xml = malloc(cap);
    ASSERT(xml);
    o += (size_t)snprintf(xml + o, cap - o, "<urlset>");
    for (size_t i = 0; i < n; i++)
        o += (size_t)snprintf(xml + o, cap - o, "<url><loc>https://a.test/%zu</loc></url>", i);
    o += (size_t)snprintf(xml + o, cap - o, "</urlset>");
    ASSERT(o < cap);
    struct got g;
    memset(&g, 0, sizeof g);
    EXPECT_EQ(sa__sitemap_parse(xml, o, collect, &g), SA_OK);
    EXPECT_EQ(g.n, SA_SITEMAP_MAX_URLS);
    free(xml);
}

TEST(sitemap_overlong_loc_skipped)
{
    size_t big = 20000, cap = big + 256, o = 0;
    char *xml = malloc(cap);
    ASSERT(xml);
    o += (size_t)snprintf(xml + o, cap - o, "<urlset><url><loc>https://a.test/");
    memset(xml + o, 'x', big);
    o += big;
    o += (size_t)snprintf(xml + o, cap - o,
                          "</loc></url><url><loc>https://a.test/short</loc></url></urlset>");
    struct got g;
    memset(&g, 0, sizeof g);
    EXPECT_EQ(sa__sitemap_parse(xml, o, collect, &g), SA_OK);
    EXPECT_EQ(g.n, 1);
    EXPECT_STREQ(g.loc[0], "https://a.test/short");
    free(xml);
}

TEST(sitemap_declared_encoding_converted_to_utf8)
{
    struct got g;
    EXPECT_EQ(parse("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
                    "<urlset><url><loc>https://a.test/caf\xE9</loc></url></urlset>",
                    &g),
              SA_OK);
    EXPECT_EQ(g.n, 1);
    EXPECT_STREQ(g.loc[0], "https://a.test/caf\xC3\xA9");
}

TEST(sitemap_errors_not_printed)
{
    char path[] = "/tmp/sitemap_stderr_XXXXXX";
    int fd = mkstemp(path);
    ASSERT(fd >= 0);
    fflush(stderr);
    int saved = dup(STDERR_FILENO);
    dup2(fd, STDERR_FILENO);
    struct got g;
    int rc1 = parse("<urlset><url><loc>x</loc></urlset>", &g);
    int rc2 =
        parse("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"&b;\">]><urlset>&a;</urlset>", &g);
    int rc3 = parse("\x01\x02 junk", &g);
    /* Looks like UCS-4, then fails to convert: libxml2's input layer reports that itself. */
    static const char ucs4[] = "\0\0\0<urlset><url><loc>\xFF</loc>\xFF</url></urlset>";
    int rc4 = sa__sitemap_parse(ucs4, sizeof ucs4 - 1, collect, &g);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    off_t size = lseek(fd, 0, SEEK_END);
    close(fd);
    unlink(path);
    EXPECT_EQ(rc1, SA_EPARSE);
    EXPECT_EQ(rc2, SA_EPARSE);
    EXPECT_EQ(rc3, SA_EPARSE);
    EXPECT_EQ(rc4, SA_EPARSE);
    EXPECT_EQ(size, 0);
}

TEST(sitemap_oom_fails_cleanly)
{
    const char *xml = "<urlset><url><loc>https://a.test/1</loc></url>"
                      "<url><loc>https://a.test/2</loc></url></urlset>";
    int ok = 0;
    for (unsigned long n = 1; n < 20 && !ok; n++) {
        struct got g;
        sa__alloc_fail_at(n);
        int rc = parse(xml, &g);
        sa__alloc_fail_at(0);
        if (rc == SA_OK) {
            ok = 1;
            EXPECT_EQ(g.n, 2);
        } else {
            EXPECT_EQ(rc, SA_ENOMEM);
        }
    }
    EXPECT_EQ(ok, 1);
}

TEST_MAIN()
