/* Unit tests for src/url.c: RFC 3986 splitting and resolution (every example of section 5.4),
 * normalisation, browser-like href joining, scope, hostile input and allocation failure. The
 * crawler trusts these results to decide what to fetch and what counts as one page, so each test
 * asserts exact strings and return codes. */
#include "test.h"

#include "alloc.h"
#include "url.h"

/* sa__url_join / _resolve / _normalize return a string we must free; these wrappers keep the
 * tests to one line per case and report the code when there is no string. */
static char got[1 << 12];

static const char *keep(int rc, char *s)
{
    if (rc != SA_OK) {
        snprintf(got, sizeof got, "<%s>", sa_err_name(rc));
    } else {
        snprintf(got, sizeof got, "%s", s);
    }
    sa__free(s);
    return got;
}

static const char *resolve(const char *base, const char *ref)
{
    char *s;
    int rc = sa__url_resolve(base, ref, &s);
    return keep(rc, s);
}

static const char *norm(const char *url)
{
    char *s;
    int rc = sa__url_normalize(url, &s);
    return keep(rc, s);
}

static const char *join(const char *base, const char *ref)
{
    char *s;
    int rc = sa__url_join(base, ref, &s);
    return keep(rc, s);
}

static int split(const char *s, struct sa_url *u)
{
    return sa__url_split(s, strlen(s), u);
}

static int slice_eq(struct sa_str s, const char *want)
{
    if (!want) return s.ptr == NULL;
    return s.ptr && s.len == strlen(want) && memcmp(s.ptr, want, s.len) == 0;
}

#define RFC_BASE "http://a/b/c/d;p?q"

TEST(url_split_full_url_all_components)
{
    struct sa_url u;
    EXPECT_EQ(split("https://user:pw@Shop.Test:8443/a/b;c?x=1&y#frag", &u), SA_OK);
    EXPECT(slice_eq(u.scheme, "https"));
    EXPECT(slice_eq(u.userinfo, "user:pw"));
    EXPECT(slice_eq(u.host, "Shop.Test"));
    EXPECT(slice_eq(u.port, "8443"));
    EXPECT(slice_eq(u.path, "/a/b;c"));
    EXPECT(slice_eq(u.query, "x=1&y"));
    EXPECT(slice_eq(u.fragment, "frag"));
    EXPECT_EQ(u.has_authority, 1);
}

TEST(url_split_absent_and_empty_components_differ)
{
    struct sa_url u;
    EXPECT_EQ(split("g", &u), SA_OK);
    EXPECT(slice_eq(u.scheme, NULL));
    EXPECT(slice_eq(u.host, NULL));
    EXPECT(slice_eq(u.path, "g"));
    EXPECT(slice_eq(u.query, NULL));
    EXPECT(slice_eq(u.fragment, NULL));
    EXPECT_EQ(u.has_authority, 0);

    EXPECT_EQ(split("http://h:?#", &u), SA_OK);
    EXPECT(slice_eq(u.port, ""));
    EXPECT(slice_eq(u.path, ""));
    EXPECT(slice_eq(u.query, ""));
    EXPECT(slice_eq(u.fragment, ""));

    /* Not a valid scheme, so a relative path (as browsers read it). */
    EXPECT_EQ(split("1a:b", &u), SA_OK);
    EXPECT(slice_eq(u.scheme, NULL));
    EXPECT(slice_eq(u.path, "1a:b"));
}

TEST(url_split_ipv6_and_userinfo_parsed)
{
    struct sa_url u;
    EXPECT_EQ(split("http://[::1]:8080/", &u), SA_OK);
    EXPECT(slice_eq(u.host, "[::1]"));
    EXPECT(slice_eq(u.port, "8080"));
    EXPECT_EQ(split("http://a@b@host/", &u), SA_OK);
    EXPECT(slice_eq(u.userinfo, "a@b"));
    EXPECT(slice_eq(u.host, "host"));
}

TEST(url_split_bad_authority_eurl)
{
    struct sa_url u;
    EXPECT_EQ(split("http://host:0/", &u), SA_EURL);
    EXPECT_EQ(split("http://host:65536/", &u), SA_EURL);
    EXPECT_EQ(split("http://host:8o/", &u), SA_EURL);
    EXPECT_EQ(split("http://host:1:2/", &u), SA_EURL);
    EXPECT_EQ(split("http://ho st/", &u), SA_EURL);
    EXPECT_EQ(split("http://ho\x01st/", &u), SA_EURL);
    EXPECT_EQ(split("http://[::1/", &u), SA_EURL);
    EXPECT_EQ(split("http://::1]/", &u), SA_EURL);
    EXPECT_EQ(split("http://[::1]x/", &u), SA_EURL);
    EXPECT_EQ(split("http://host:65535/", &u), SA_OK);
    EXPECT(slice_eq(u.port, "65535"));
}

TEST(url_split_hostile_inputs_no_crash)
{
    static const char *const inputs[] = {
        "",
        ":",
        "http:",
        "http://",
        "//",
        "%",
        "http://h/%",
        "http://h/%z",
        "http://h/%zz",
        "http://[",
        "http://]",
        "http://@",
        "http://:",
        "?",
        "#",
        "http://h?%#%",
        "\x7f\xff",
        "http://user:pass@host/",
        "http://[::1]:8080/",
        "a:",
        ":a",
        "../../../../",
    };
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        struct sa_url u;
        char *s;
        char buf[64];
        (void)split(inputs[i], &u);
        if (sa__url_normalize(inputs[i], &s) == SA_OK) sa__free(s);
        if (sa__url_join("http://a/b", inputs[i], &s) == SA_OK) sa__free(s);
        if (sa__url_resolve("http://a/b", inputs[i], &s) == SA_OK) sa__free(s);
        (void)sa__url_site_key(inputs[i], buf, sizeof buf);
        (void)sa__url_host(inputs[i], buf, sizeof buf);
        (void)sa__url_path_query(inputs[i], buf, sizeof buf);
        (void)sa__url_in_scope(inputs[i], inputs[i]);
    }
    EXPECT_STREQ(norm(""), "<EURL>");
    EXPECT_STREQ(norm("http:"), "<EURL>");
    EXPECT_STREQ(norm("http://"), "<EURL>");
    EXPECT_STREQ(norm("/relative"), "<EURL>");
    EXPECT_STREQ(norm("http://h/%"), "http://h/%25");
    EXPECT_STREQ(norm("http://h/%zz"), "http://h/%25zz");
    EXPECT_STREQ(norm("http://h/a%4"), "http://h/a%254");
    EXPECT_STREQ(norm("http://[::1]:8080/"), "http://[::1]:8080/");
    EXPECT_STREQ(norm("http://user:pass@host/"), "http://user:pass@host/");
    EXPECT_STREQ(norm("http://[zz::1]/"), "<EURL>");
}

TEST(url_resolve_rfc3986_normal_examples)
{
    static const char *const cases[][2] = {
        {"g:h", "g:h"},
        {"g", "http://a/b/c/g"},
        {"./g", "http://a/b/c/g"},
        {"g/", "http://a/b/c/g/"},
        {"/g", "http://a/g"},
        {"//g", "http://g"},
        {"?y", "http://a/b/c/d;p?y"},
        {"g?y", "http://a/b/c/g?y"},
        {"#s", "http://a/b/c/d;p?q#s"},
        {"g#s", "http://a/b/c/g#s"},
        {"g?y#s", "http://a/b/c/g?y#s"},
        {";x", "http://a/b/c/;x"},
        {"g;x", "http://a/b/c/g;x"},
        {"g;x?y#s", "http://a/b/c/g;x?y#s"},
        {"", "http://a/b/c/d;p?q"},
        {".", "http://a/b/c/"},
        {"./", "http://a/b/c/"},
        {"..", "http://a/b/"},
        {"../", "http://a/b/"},
        {"../g", "http://a/b/g"},
        {"../..", "http://a/"},
        {"../../", "http://a/"},
        {"../../g", "http://a/g"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        EXPECT_STREQ(resolve(RFC_BASE, cases[i][0]), cases[i][1]);
}

TEST(url_resolve_rfc3986_abnormal_examples)
{
    static const char *const cases[][2] = {
        {"../../../g", "http://a/g"},
        {"../../../../g", "http://a/g"},
        {"/./g", "http://a/g"},
        {"/../g", "http://a/g"},
        {"g.", "http://a/b/c/g."},
        {".g", "http://a/b/c/.g"},
        {"g..", "http://a/b/c/g.."},
        {"..g", "http://a/b/c/..g"},
        {"./../g", "http://a/b/g"},
        {"./g/.", "http://a/b/c/g/"},
        {"g/./h", "http://a/b/c/g/h"},
        {"g/../h", "http://a/b/c/h"},
        {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
        {"g;x=1/../y", "http://a/b/c/y"},
        {"g?y/./x", "http://a/b/c/g?y/./x"},
        {"g?y/../x", "http://a/b/c/g?y/../x"},
        {"g#s/./x", "http://a/b/c/g#s/./x"},
        {"g#s/../x", "http://a/b/c/g#s/../x"},
        {"http:g", "http:g"}, /* strict parser */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        EXPECT_STREQ(resolve(RFC_BASE, cases[i][0]), cases[i][1]);
}

TEST(url_resolve_relative_base_eurl)
{
    EXPECT_STREQ(resolve("/a/b", "c"), "<EURL>");
    EXPECT_STREQ(resolve("", "c"), "<EURL>");
    EXPECT_STREQ(resolve("http://a", "b"), "http://a/b"); /* merge with an empty base path */
}

TEST(url_normalize_lowercases_scheme_and_host_only)
{
    EXPECT_STREQ(norm("HTTPS://Shop.EXAMPLE.com/Cart/Item?Q=A"),
                 "https://shop.example.com/Cart/Item?Q=A");
    EXPECT_STREQ(norm("http://shop.test./a"), "http://shop.test/a");
    EXPECT_STREQ(norm("http://shop.test../a"), "http://shop.test/a"); /* else not idempotent */
    EXPECT_STREQ(norm("http://./a"), "<EURL>");
    EXPECT_STREQ(norm("http://[2001:DB8::1]/"), "http://[2001:db8::1]/");
}

TEST(url_normalize_drops_default_port)
{
    EXPECT_STREQ(norm("http://shop.test:80/a"), "http://shop.test/a");
    EXPECT_STREQ(norm("https://shop.test:443/a"), "https://shop.test/a");
    EXPECT_STREQ(norm("http://shop.test:443/a"), "http://shop.test:443/a");
    EXPECT_STREQ(norm("https://shop.test:080/a"), "https://shop.test:80/a");
    EXPECT_STREQ(norm("http://shop.test:/a"), "http://shop.test/a");
    EXPECT_STREQ(norm("http://shop.test:99999/a"), "<EURL>");
}

TEST(url_normalize_paths_dots_and_empty)
{
    EXPECT_STREQ(norm("http://shop.test"), "http://shop.test/");
    EXPECT_STREQ(norm("http://shop.test?a=1"), "http://shop.test/?a=1");
    EXPECT_STREQ(norm("http://shop.test/a/./b/../c/"), "http://shop.test/a/c/");
    EXPECT_STREQ(norm("http://shop.test/../../x"), "http://shop.test/x");
    EXPECT_STREQ(norm("http://shop.test/a/%2E%2E/b"), "http://shop.test/b");
}

TEST(url_normalize_percent_encoding_canonical)
{
    EXPECT_STREQ(norm("http://shop.test/%7euser/%61%2d%5F"), "http://shop.test/~user/a-_");
    EXPECT_STREQ(norm("http://shop.test/a%2fb%3a?q=%c3%a9"), "http://shop.test/a%2Fb%3A?q=%C3%A9");
}

TEST(url_normalize_escapes_unsafe_characters)
{
    EXPECT_STREQ(norm("http://shop.test/a b\"<>\\^`{|}"),
                 "http://shop.test/a%20b%22%3C%3E%5C%5E%60%7B%7C%7D");
    EXPECT_STREQ(norm("http://shop.test/caf\xc3\xa9?q=\x01"), "http://shop.test/caf%C3%A9?q=%01");
}

TEST(url_normalize_strips_tracking_params)
{
    EXPECT_STREQ(norm("http://shop.test/p?utm_source=x&id=7&UTM_Medium=y&gclid=1&fbclid=2"),
                 "http://shop.test/p?id=7");
    EXPECT_STREQ(norm("http://shop.test/p?yclid=1&msclkid=2&_ga=3&mc_cid=4&mc_eid=5"),
                 "http://shop.test/p");
    EXPECT_STREQ(norm("http://shop.test/p?b=2&utm_x&a=1&&c"), "http://shop.test/p?b=2&a=1&c");
    EXPECT_STREQ(norm("http://shop.test/p?"), "http://shop.test/p");
    EXPECT_STREQ(norm("http://shop.test/p?utm%5Fsource=x"), "http://shop.test/p");
    EXPECT_STREQ(norm("http://shop.test/p?gclidx=1&xutm_a=2"),
                 "http://shop.test/p?gclidx=1&xutm_a=2");
    EXPECT_STREQ(norm("http://shop.test/p?a=1#frag"), "http://shop.test/p?a=1");
}

TEST(url_normalize_removes_session_ids)
{
    EXPECT_STREQ(norm("http://shop.test/p?PHPSESSID=ab&x=1&JSESSIONID=c&sid=d&SessionId=e"),
                 "http://shop.test/p?x=1");
    EXPECT_STREQ(norm("http://shop.test/p?session_id=1"), "http://shop.test/p");
    EXPECT_STREQ(norm("http://shop.test/cart;jsessionid=A1B2?x=1"), "http://shop.test/cart?x=1");
    EXPECT_STREQ(norm("http://shop.test/a;JSESSIONID=A1;v=2/b"), "http://shop.test/a;v=2/b");
    EXPECT_STREQ(norm("http://shop.test/a;jsessionid"), "http://shop.test/a;jsessionid");
}

TEST(url_normalize_other_schemes_eurl)
{
    EXPECT_STREQ(norm("ftp://shop.test/"), "<EURL>");
    EXPECT_STREQ(norm("mailto:a@shop.test"), "<EURL>");
    EXPECT_STREQ(norm("http:/shop.test/"), "<EURL>");
    EXPECT_STREQ(norm("http:shop.test"), "<EURL>");
}

TEST(url_normalize_file_urls)
{
    EXPECT_STREQ(norm("file:///srv/site/a/../index.html#x"), "file:///srv/site/index.html");
    EXPECT_STREQ(norm("FILE://LocalHost/srv/a b"), "file:///srv/a%20b");
    EXPECT_STREQ(norm("file:/srv/x"), "file:///srv/x");
    EXPECT_STREQ(norm("file://"), "file:///");
    EXPECT_STREQ(norm("file://server/share"), "<EURL>");
    EXPECT_STREQ(norm("file://:80/x"), "<EURL>");
    EXPECT_STREQ(norm("file:x"), "<EURL>");
}

TEST(url_normalize_utf8_host_kept_raw)
{
    /* Non-ASCII host bytes stay raw UTF-8 (libcurl's IDN support converts them); %XX in a host
     * is decoded so both spellings are one site. */
    EXPECT_STREQ(norm("http://B\xc3\xbc"
                      "cher.TEST/"),
                 "http://b\xc3\xbc"
                 "cher.test/");
    EXPECT_STREQ(norm("http://b%C3%BCcher.test/"), "http://b\xc3\xbc"
                                                   "cher.test/");
    EXPECT_STREQ(norm("http://b%FCcher.test/"), "<EURL>"); /* not UTF-8 */
    EXPECT_STREQ(norm("http://a%2Fb.test/"), "<EURL>");
    EXPECT_STREQ(norm("http://a<b.test/"), "<EURL>");
}

TEST(url_normalize_twice_same_result)
{
    static const char *const urls[] = {
        "HTTP://Shop.Test:80/a/./b/../%7e%zz?utm_source=1&b=%c3%a9&a#f",
        "file://localhost/srv/a/../b c",
        "https://u%40:p@[::1]:0443/x;jsessionid=1?&&",
    };
    for (size_t i = 0; i < sizeof urls / sizeof *urls; i++) {
        char *once, *twice;
        ASSERT(sa__url_normalize(urls[i], &once) == SA_OK);
        EXPECT_EQ(sa__url_normalize(once, &twice), SA_OK);
        EXPECT_STREQ(twice, once);
        sa__free(once);
        sa__free(twice);
    }
}

TEST(url_join_resolves_and_normalises)
{
    EXPECT_STREQ(join("https://shop.test/cat/shoes?page=2", "../p/1?utm_campaign=x#top"),
                 "https://shop.test/p/1");
    EXPECT_STREQ(join("https://shop.test/cat/", "#reviews"), "https://shop.test/cat/");
    EXPECT_STREQ(join("https://shop.test/cat/", "HTTP://Other.Test:80"), "http://other.test/");
    EXPECT_STREQ(join("https://shop.test/a", "//cdn.example/x"), "https://cdn.example/x");
    EXPECT_STREQ(join("http://shop.test/a", "//cdn.example"), "http://cdn.example/");
    EXPECT_STREQ(join("file:///srv/site/index.html", "cart.html"), "file:///srv/site/cart.html");
}

TEST(url_join_trims_and_strips_whitespace)
{
    EXPECT_STREQ(join("http://shop.test/a/", "  \n\tb/c \r\n"), "http://shop.test/a/b/c");
    EXPECT_STREQ(join("http://shop.test/a/", "pro\nduct\t.html"),
                 "http://shop.test/a/product.html");
    EXPECT_STREQ(join("http://shop.test/a/", "x y"), "http://shop.test/a/x%20y");
    EXPECT_STREQ(join("http://shop.test/a/", "   "), "http://shop.test/a/");
}

TEST(url_join_rejects_javascript_and_other_schemes)
{
    EXPECT_STREQ(join("http://shop.test/", "javascript:void(0)"), "<EURL>");
    EXPECT_STREQ(join("http://shop.test/", " JavaScript:alert(1)"), "<EURL>");
    EXPECT_STREQ(join("http://shop.test/", "java\tscript:alert(1)"), "<EURL>");
    EXPECT_STREQ(join("http://shop.test/", "mailto:shop@shop.test"), "<EURL>");
    EXPECT_STREQ(join("http://shop.test/", "tel:+4912345"), "<EURL>");
    EXPECT_STREQ(join("http://shop.test/", "data:text/html,hi"), "<EURL>");
    EXPECT_STREQ(join("http://shop.test/", "http:x"), "<EURL>");
    EXPECT_STREQ(join("mailto:x@y", "a"), "<EURL>");
    EXPECT_STREQ(join("not a base", "a"), "<EURL>");
}

TEST(url_join_backslashes_read_as_slashes)
{
    EXPECT_STREQ(join("http://shop.test/a/b", "..\\c\\d"), "http://shop.test/c/d");
    EXPECT_STREQ(join("https://shop.test/", "\\\\cdn.example\\x"), "https://cdn.example/x");
    EXPECT_STREQ(join("http://shop.test/", "/a\\b?q=\\"), "http://shop.test/a/b?q=%5C");
    EXPECT_STREQ(join("http://shop.test/", "http:\\\\other.test\\p"), "http://other.test/p");
}

TEST(url_join_long_url_linear_and_correct)
{
    /* 100 KB of "a/../" must collapse in linear time and not overrun the stack scratch. */
    size_t n = 100 * 1024;
    char *ref = sa__malloc(n + 2);
    ASSERT(ref);
    for (size_t i = 0; i < n; i += 5) memcpy(ref + i, "a/../", 5);
    memcpy(ref + n, "z", 2);
    EXPECT_STREQ(join("http://shop.test/x/", ref), "http://shop.test/x/z");
    memset(ref, 'b', n);
    ref[n] = '\0';
    char *s;
    ASSERT(sa__url_join("http://shop.test/", ref, &s) == SA_OK);
    EXPECT_EQ(strlen(s), n + strlen("http://shop.test/"));
    sa__free(s);
    memset(ref, ' ', n); /* 3x growth when escaped */
    ref[0] = 'q';
    ASSERT(sa__url_join("http://shop.test/", ref, &s) == SA_OK);
    EXPECT_STREQ(s, "http://shop.test/q");
    sa__free(s);
    memset(ref, '\x7f', n);
    ASSERT(sa__url_join("http://shop.test/", ref, &s) == SA_OK);
    EXPECT_EQ(strlen(s), 3 * n + strlen("http://shop.test/"));
    sa__free(s);
    sa__free(ref);
}

TEST(url_join_allocation_failure_enomem)
{
    char big[8192];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    const char *refs[] = {"p?a=1", big, "x\\y"};
    for (size_t r = 0; r < sizeof refs / sizeof *refs; r++) {
        for (unsigned long n = 1; n < 10; n++) {
            char *s = NULL;
            sa__alloc_fail_at(n);
            int rc = sa__url_join("http://shop.test/", refs[r], &s);
            sa__alloc_fail_at(0);
            if (rc == SA_OK) {
                EXPECT(s != NULL);
                sa__free(s);
                break;
            }
            EXPECT_EQ(rc, SA_ENOMEM);
            EXPECT(s == NULL);
        }
    }
    /* The common case costs one allocation: the result. */
    char *s;
    sa__alloc_fail_at(0);
    unsigned long before = sa__alloc_count();
    ASSERT(sa__url_join("http://shop.test/a/", "../b?utm_source=1", &s) == SA_OK);
    EXPECT_EQ(sa__alloc_count() - before, 1);
    sa__free(s);
}

/* The part of a base a join reads: two bases that agree on it join every reference alike, so
 * joins can be kept by (that part, reference). Each base is joined with each reference, then
 * with a second base that keeps the part read and changes all the rest (its last segment,
 * query and fragment, or, for a reference without a path, nothing: the part is all of it). */
TEST(url_join_reads_only_the_part_it_names)
{
    static const char *const bases[] = {"http://a/b/c/d;p?q",
                                        "https://shop.test/",
                                        "https://shop.test",
                                        "https://shop.test?x=1",
                                        "http://u:p@shop.test:8080/c/",
                                        "https://shop.test/a/b/index.html#top",
                                        "file:///tmp/shop/index.html",
                                        "file:///",
                                        "HTTPS://Shop.Test/A/./b/../c",
                                        "https://[::1]/x/y",
                                        "https://shop.test/a%2Fb/c?q=/x/y#/z"};
    static const char *const refs[] = {"",
                                       "  ",
                                       "\t?\n",
                                       "?y",
                                       "#s",
                                       " #s ",
                                       "g",
                                       "./g",
                                       "../g",
                                       "../../../../g",
                                       "g/",
                                       ".",
                                       "..",
                                       "/g",
                                       "//g",
                                       "//g/h?i#j",
                                       "g?y#s",
                                       ";x",
                                       "http://x/y",
                                       "https:z",
                                       "HTTP:z",
                                       "javascript:void(0)",
                                       "mailto:a@b",
                                       "\\\\cdn\\x",
                                       "\\x",
                                       "\t/g",
                                       "\n../g",
                                       "a b",
                                       "%41%2f",
                                       "?utm_source=x&a=1",
                                       "g;jsessionid=1",
                                       "a\tb",
                                       "\x01",
                                       "\xD0\x9A",
                                       ":x",
                                       "a:b"};
    static const char *const tails[] = {"other.html?o=1#f", "?o=1", "#f", ""};
    size_t pairs = 0, same = 0;
    for (size_t i = 0; i < sizeof bases / sizeof *bases; i++) {
        size_t dir = sa__url_join_dir(bases[i]);
        ASSERT(dir > 0 && dir <= strlen(bases[i]));
        for (size_t r = 0; r < sizeof refs / sizeof *refs; r++) {
            size_t part = sa__url_join_reads_all(refs[r]) ? strlen(bases[i]) : dir;
            char *want = NULL;
            int wrc = sa__url_join(bases[i], refs[r], &want);
            for (size_t t = 0; t < sizeof tails / sizeof *tails; t++) {
                char other[256];
                snprintf(other, sizeof other, "%.*s%s", (int)part, bases[i], tails[t]);
                /* the other base must read the same part: a tail may not move the last '/' */
                if (part < strlen(bases[i]) && sa__url_join_dir(other) != part) continue;
                if (part == strlen(bases[i]) && t != 3) continue; /* all of it is read */
                char *res = NULL;
                int grc = sa__url_join(other, refs[r], &res);
                pairs++;
                if (grc != wrc || (want && (!res || strcmp(want, res) != 0))) {
                    fprintf(stderr, "base \"%s\" / \"%s\", ref \"%s\": \"%s\" / \"%s\"\n", bases[i],
                            other, refs[r], want ? want : "(none)", res ? res : "(none)");
                    ASSERT(0);
                }
                same += part < strlen(bases[i]) && strcmp(other, bases[i]) != 0;
                sa__free(res);
            }
            sa__free(want);
        }
    }
    EXPECT_EQ(sa__url_join_dir("javascript:x"), 0u);
    EXPECT_EQ(sa__url_join_dir("/relative/base"), 0u);
    ASSERT(sa__url_join_reads_all("") && sa__url_join_reads_all(" \t?q") &&
           sa__url_join_reads_all("\n#f") && !sa__url_join_reads_all("g") &&
           !sa__url_join_reads_all(" //g"));
    fprintf(stderr, "%zu joins compared, %zu against another base\n", pairs, same);
    ASSERT(same > 200);
}

TEST(url_site_key_host_without_www)
{
    char buf[64];
    EXPECT_EQ(sa__url_site_key("https://WWW.Shop.Test:8443/a", buf, sizeof buf), SA_OK);
    EXPECT_STREQ(buf, "shop.test");
    EXPECT_EQ(sa__url_site_key("http://www./", buf, sizeof buf), SA_OK);
    EXPECT_STREQ(buf, "www");
    EXPECT_EQ(sa__url_site_key("file:///srv/site/a/../index.html?x", buf, sizeof buf), SA_OK);
    EXPECT_STREQ(buf, "file:/srv/site/");
    EXPECT_EQ(sa__url_site_key("mailto:x@y", buf, sizeof buf), SA_EURL);
    EXPECT_STREQ(buf, "");
    EXPECT_EQ(sa__url_site_key("http://a-long-host-name.test/", buf, 8), SA_ETOOBIG);
    EXPECT_STREQ(buf, "");
}

TEST(url_scope_www_and_scheme_same_site)
{
    EXPECT_EQ(sa__url_in_scope("https://www.shop.test/", "http://shop.test/x"), 1);
    EXPECT_EQ(sa__url_in_scope("http://shop.test/x", "https://www.shop.test/"), 1);
    EXPECT_EQ(sa__url_in_scope("https://shop.test/", "https://SHOP.test.:443/y"), 1);
}

TEST(url_scope_other_hosts_out)
{
    EXPECT_EQ(sa__url_in_scope("https://shop.test/", "https://blog.shop.test/"), 0);
    EXPECT_EQ(sa__url_in_scope("https://shop.test/", "https://shop.test.evil.com/"), 0);
    EXPECT_EQ(sa__url_in_scope("https://shop.test/", "https://evilshop.test/"), 0);
    EXPECT_EQ(sa__url_in_scope("https://shop.test/", "file:///shop.test/"), 0);
    EXPECT_EQ(sa__url_in_scope("https://shop.test/", "javascript:alert(1)"), 0);
    EXPECT_EQ(sa__url_in_scope("not a url", "https://shop.test/"), 0);
}

TEST(url_scope_file_under_root_folder)
{
    const char *root = "file:///srv/site/index.html";
    EXPECT_EQ(sa__url_in_scope(root, "file:///srv/site/cart.html"), 1);
    EXPECT_EQ(sa__url_in_scope(root, "file:///srv/site/p/1.html"), 1);
    EXPECT_EQ(sa__url_in_scope(root, "file://localhost/srv/site/"), 1);
    EXPECT_EQ(sa__url_in_scope(root, "file:///srv/sitex/a.html"), 0);
    EXPECT_EQ(sa__url_in_scope(root, "file:///srv/site/../etc/passwd"), 0);
    EXPECT_EQ(sa__url_in_scope(root, "file:///srv/"), 0);
    EXPECT_EQ(sa__url_in_scope(root, "http://srv/site/a.html"), 0);
}

TEST(url_host_and_path_query_copied)
{
    char buf[32];
    EXPECT_EQ(sa__url_host("http://user@WWW.Shop.Test.:81/x", buf, sizeof buf), SA_OK);
    EXPECT_STREQ(buf, "www.shop.test");
    EXPECT_EQ(sa__url_host("http://[::1]:8080/", buf, sizeof buf), SA_OK);
    EXPECT_STREQ(buf, "[::1]");
    EXPECT_EQ(sa__url_host("file:///x", buf, sizeof buf), SA_OK);
    EXPECT_STREQ(buf, "");
    EXPECT_EQ(sa__url_host("/x", buf, sizeof buf), SA_EURL);
    EXPECT_EQ(sa__url_host("http://shop.test/", buf, 5), SA_ETOOBIG);

    EXPECT_EQ(sa__url_path_query("https://shop.test/a/b?x=1#f", buf, sizeof buf), SA_OK);
    EXPECT_STREQ(buf, "/a/b?x=1");
    EXPECT_EQ(sa__url_path_query("https://shop.test", buf, sizeof buf), SA_OK);
    EXPECT_STREQ(buf, "/");
    EXPECT_EQ(sa__url_path_query("https://shop.test?q", buf, sizeof buf), SA_OK);
    EXPECT_STREQ(buf, "/?q");
    EXPECT_EQ(sa__url_path_query("https://shop.test/abc", buf, 4), SA_ETOOBIG);
    EXPECT_STREQ(buf, "");
    EXPECT_EQ(sa__url_path_query("abc", buf, sizeof buf), SA_EURL);
}

TEST(url_is_fetchable_http_https_file_only)
{
    EXPECT_EQ(sa__url_is_fetchable("http://a/"), 1);
    EXPECT_EQ(sa__url_is_fetchable("HTTPS://a/"), 1);
    EXPECT_EQ(sa__url_is_fetchable("File:///a"), 1);
    EXPECT_EQ(sa__url_is_fetchable("ftp://a/"), 0);
    EXPECT_EQ(sa__url_is_fetchable("http:/a"), 0);
    EXPECT_EQ(sa__url_is_fetchable("javascript:x"), 0);
    EXPECT_EQ(sa__url_is_fetchable(""), 0);
}

TEST_MAIN()
