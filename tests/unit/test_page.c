/* The page model (src/page.c): regions, visible text and blocks, links, forms, buttons, items,
 * language and kind, distilled from HTML built right here in C strings. Each test asserts the
 * exact values a check would read. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <cJSON.h>
#include <libxml/tree.h>

#include "alloc.h"
#include "html.h"
#include "page_build.h"
#include "shopaudit/page.h"
#include "test.h"
#include "url.h"

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

struct fetch {
    const char *url, *ctype, *clang, *root;
};

static struct sa_page *build_with(const char *html, size_t len, struct fetch f)
{
    struct sa_fetch_info fi = {0};
    fi.url = f.url ? f.url : "https://shop.test/page";
    fi.requested_url = fi.url;
    fi.site_root = f.root ? f.root : "https://shop.test/";
    fi.status = 200;
    fi.content_type = f.ctype ? f.ctype : "text/html; charset=utf-8";
    fi.content_language = f.clang;
    struct sa_page *p = NULL;
    char err[256];
    int rc = sa__page_build(html, len, &fi, lexicon(), &p, err, sizeof err);
    if (rc != SA_OK) fprintf(stderr, "build: %s\n", err);
    return p;
}

static struct sa_page *build(const char *html, const char *url)
{
    struct fetch f = {url, NULL, NULL, NULL};
    return build_with(html, strlen(html), f);
}

/* A region's text as a NUL-terminated string (it is: the arena copy ends in NUL). */
static const char *text(const struct sa_page *p, enum sa_region r)
{
    return p->text[r].ptr;
}

static const char *block_text(const struct sa_page *p, size_t i)
{
    static char buf[512];
    const struct sa_block *b = &p->blocks[i];
    snprintf(buf, sizeof buf, "%.*s", (int)b->len, p->text[b->region].ptr + b->off);
    return buf;
}

TEST(page_regions_from_html5_and_aria_and_classes)
{
    struct sa_page *p =
        build("<html><body>\n"
              "<header><a href=\"/cart\">Cart</a></header>\n"
              "<div role=\"navigation\"><ul><li><a href=\"/c/shoes\">Shoes</a></li></ul></div>\n"
              "<div class=\"content\"><p>Welcome</p>\n"
              "  <article><header><h2>Card title</h2></header><p>Card body</p></article>\n"
              "</div>\n"
              "<div id=\"sidebar\"><p>Filters</p></div>\n"
              "<div class=\"wrap site-footer\"><p>Contacts: +1 555</p>"
              "<nav><a href=\"/about\">About</a></nav></div>\n"
              "Loose text\n"
              "</body></html>",
              NULL);
    ASSERT(p);
    EXPECT_STREQ(text(p, SA_REGION_HEADER), "Cart");
    /* the menu inside the footer is footer: a buyer sees it at the bottom of the page */
    EXPECT_STREQ(text(p, SA_REGION_NAV), "Shoes");
    EXPECT_STREQ(text(p, SA_REGION_MAIN), "Welcome\nCard title\nCard body\nLoose text");
    EXPECT_STREQ(text(p, SA_REGION_ASIDE), "Filters");
    EXPECT_STREQ(text(p, SA_REGION_FOOTER), "Contacts: +1 555\nAbout");
    EXPECT_EQ(p->text[SA_REGION_NAV].len, strlen("Shoes"));
    ASSERT(p->nblocks == 9);
    EXPECT_STREQ(p->blocks[0].where, "header > a");
    EXPECT_EQ(p->blocks[0].region, SA_REGION_HEADER);
    EXPECT_EQ(p->blocks[0].flags, SA_BLOCK_LINK);
    EXPECT_STREQ(p->blocks[1].where, "div > ul > li > a");
    EXPECT_EQ(p->blocks[1].region, SA_REGION_NAV);
    EXPECT_STREQ(p->blocks[2].where, "div.content > p");
    EXPECT_STREQ(p->blocks[3].where, "div.content > article > header > h2");
    EXPECT_EQ(p->blocks[3].region, SA_REGION_MAIN); /* a card's header is not the site's */
    EXPECT_EQ(p->blocks[3].flags, SA_BLOCK_HEADING);
    EXPECT_STREQ(p->blocks[5].where, "div#sidebar > p");
    EXPECT_STREQ(p->blocks[6].where, "div.wrap > p");
    EXPECT_STREQ(p->blocks[7].where, "div.wrap > nav > a");
    EXPECT_EQ(p->blocks[7].region, SA_REGION_FOOTER);
    EXPECT_STREQ(p->blocks[8].where, "body");
    EXPECT_STREQ(block_text(p, 8), "Loose text");
    EXPECT_EQ(p->blocks[8].off, strlen("Welcome\nCard title\nCard body\n"));
    ASSERT(p->nlinks == 3);
    EXPECT_EQ(p->links[0].region, SA_REGION_HEADER);
    EXPECT_EQ(p->links[1].region, SA_REGION_NAV);
    EXPECT_EQ(p->links[2].region, SA_REGION_FOOTER);
    EXPECT_STREQ(sa_region_name(SA_REGION_ASIDE), "aside");
    EXPECT_STREQ(sa_region_name(SA_REGION_LAST), "unknown");
    sa__page_free(p);
}

TEST(page_regions_from_roles_and_ids)
{
    struct sa_page *p =
        build("<body><div role=banner><p>Logo</p><div class=menu><a href=/a>A</a></div></div>"
              "<div role=main><p>Body</p><div role=complementary>Side</div></div>"
              "<div id=footer>Foot</div><div role=contentinfo>Legal</div></body>",
              NULL);
    ASSERT(p);
    EXPECT_STREQ(text(p, SA_REGION_HEADER), "Logo");
    EXPECT_STREQ(text(p, SA_REGION_NAV), "A");
    EXPECT_STREQ(text(p, SA_REGION_MAIN), "Body");
    EXPECT_STREQ(text(p, SA_REGION_ASIDE), "Side");
    EXPECT_STREQ(text(p, SA_REGION_FOOTER), "Foot\nLegal");
    sa__page_free(p);
}

TEST(page_hidden_text_excluded)
{
    struct sa_page *p = build(
        "<html><head><title>T</title><style>p{}</style></head><body><p>Shown</p>"
        "<!-- <p>Comment</p> --><script>var t = \"Script\";</script><style>.x{}</style>"
        "<template><p>Template</p></template><noscript><p>Noscript</p></noscript>"
        "<p hidden>Hidden attr</p><p aria-hidden=\"true\">Aria</p><p style=\"display: "
        "none\">None</p>"
        "<p style=\"color:red;VISIBILITY:hidden !important\">Vis</p><input type=\"hidden\" "
        "value=\"tok\">"
        "<span class=\"sr-only\">SR</span><svg><title>Svg title</title><text>Svg text</text></svg>"
        "<p>Price <span style=\"display:none\">secret</span>100</p>"
        "<div style=\"display:none\"><a href=\"/hidden-cart\"><b>Hidden</b> cart</a>"
        "<button>Hidden button</button><img src=/x.png><form><input name=q></form></div>"
        "<dialog><p>Dialog</p></dialog><select><option>Option</option></select>"
        "<textarea>Typed</textarea><iframe>Frame</iframe></body></html>",
        NULL);
    ASSERT(p);
    EXPECT_STREQ(text(p, SA_REGION_MAIN), "Shown\nPrice 100");
    EXPECT_EQ(p->nblocks, 2);
    EXPECT_EQ(p->text[SA_REGION_HEADER].len, 0);
    EXPECT_STREQ(text(p, SA_REGION_HEADER), "");
    /* the hidden link stays for the crawler, flagged and named */
    ASSERT(p->nlinks == 1);
    EXPECT_STREQ(p->links[0].text, "Hidden cart");
    EXPECT_EQ(p->links[0].flags, SA_LINK_HIDDEN);
    EXPECT_STREQ(p->links[0].url, "https://shop.test/hidden-cart");
    EXPECT_EQ(p->nbuttons, 0);
    EXPECT_EQ(p->nimages, 0);
    EXPECT_EQ(p->nforms, 0);
    EXPECT_STREQ(p->title, "T");
    sa__page_free(p);
}

/* Builds <html><body>BODY</body></html>, BODY being fmt with the element's name twice, and
 * expects the main region's text to be want (exact), or to hold it. */
static void element_main_text(const char *fmt, const char *name, const char *want, int exact)
{
    char body[256], html[512];
    snprintf(body, sizeof body, fmt, name, name);
    snprintf(html, sizeof html, "<html><body>%s</body></html>", body);
    struct sa_page *p = build(html, NULL);
    if (!p) {
        T_FAIL("<%s>: no page", name);
        return;
    }
    const char *got = text(p, SA_REGION_MAIN);
    if (exact ? strcmp(got, want) != 0 : !strstr(got, want))
        T_FAIL("<%s>: main is \"%s\"", name, got);
    sa__page_free(p);
}

/* Every element the page model names by a table of its own (TAG_MAP in page.c, looked up by
 * bsearch): each skipped element keeps its text out, each block element starts a line of its own,
 * and an inline one does neither (small print and struck text get blocks of their own: see
 * page_small_print_flagged). A name missing from the table, or the table out of order,
 * shows here as text in the wrong place. */
TEST(page_every_block_and_skipped_element_known)
{
    static const char *const skipped[] = {"audio",    "canvas",   "datalist", "iframe", "math",
                                          "noscript", "object",   "script",   "select", "style",
                                          "svg",      "template", "textarea", "title",  "video"};
    static const char *const blocks[] = {
        "address", "article",  "blockquote", "center", "details", "dir",     "div",
        "dl",      "fieldset", "figcaption", "figure", "form",    "h1",      "h2",
        "h3",      "h4",       "h5",         "h6",     "hgroup",  "legend",  "li",
        "menu",    "ol",       "p",          "pre",    "section", "summary", "ul"};
    static const char *const inlines[] = {"span", "b", "em", "font", "a", "label", "time"};
    for (size_t i = 0; i < sizeof skipped / sizeof *skipped; i++)
        element_main_text("<main><p>one</p><%s>Kept out</%s><p>two</p></main>", skipped[i],
                          "one\ntwo", 1);
    for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++)
        element_main_text("<div>one <%s>two</%s> three</div>", blocks[i], "one\ntwo\nthree", 1);
    for (size_t i = 0; i < sizeof inlines / sizeof *inlines; i++)
        element_main_text("<div>one <%s>two</%s> three</div>", inlines[i], "one two", 0);
}

TEST(page_text_whitespace_collapsed)
{
    struct sa_page *p =
        build("<body><p>\n  Add&nbsp;to \t cart&#8239;now  </p><p>Kor&shy;zina&#8203;!</p>"
              "<p>a<br>b</p><p>   </p><div>Outer <p>Inner</p> tail</div></body>",
              NULL);
    ASSERT(p);
    EXPECT_STREQ(text(p, SA_REGION_MAIN), "Add to cart now\nKorzina!\na b\nOuter\nInner\ntail");
    ASSERT(p->nblocks == 6);
    EXPECT_STREQ(p->blocks[3].where, "div");
    EXPECT_STREQ(p->blocks[4].where, "div > p");
    EXPECT_STREQ(p->blocks[5].where, "div");
    sa__page_free(p);
}

/* A plain space between words is copied with them; whatever may follow a space and change
 * what collapsing writes (another space of any kind, a dropped character) still counts. */
TEST(page_text_single_spaces_next_to_odd_characters)
{
    struct sa_page *p =
        build("<body><p>a &nbsp;b c&nbsp; d</p><p>e &shy;f g&shy; h</p><p>i &#8203;j &#8288;k "
              "&#xFEFF;l</p><p>m &#x3000;n &#8239;o &#8201;p</p><p>Цена 100 руб. α β ก ข</p>"
              "<p>q <b>r</b> s<i> t</i></p><p> u\tv \nw </p></body>",
              NULL);
    ASSERT(p);
    EXPECT_STREQ(text(p, SA_REGION_MAIN), "a b c d\ne f g h\ni j k l\nm n o p\n"
                                          "Цена 100 руб. α β ก ข\nq r s t\nu v w");
    sa__page_free(p);
}

/* Collapsing reads eight bytes at a time up to the first that is not printable ASCII, and
 * common letters of other scripts without a call: paragraphs of random pieces put every kind of
 * character at every place of the window. Each must come out as deleting the dropped
 * characters, then writing one space for every stretch of spaces of any kind, then trimming. */
static uint64_t text_rng = 0x7E47C011u;

static unsigned text_pick(unsigned n)
{
    return t_rand(&text_rng, n);
}

TEST(page_text_collapsed_at_every_alignment)
{
    static const char *const spaces[] = {
        " ", "\t", "\n", "\r\n", "\xC2\xA0", "\xE2\x80\xAF", "\xE2\x80\x89", "\xE3\x80\x80"};
    static const char *const dropped[] = {"\xC2\xAD", "\xE2\x80\x8B", "\xE2\x81\xA0",
                                          "\xEF\xBB\xBF"};
    static const char *const letters[] = {"Ц", "ё", "α", "Ω", "ก", "ข", "ա", "Ք", "中",
                                          "é", "ß", "~", "!", "#", "x", "Z", "0", "\x7F"};
    for (int round = 0; round < 40; round++) {
        char html[16384], want[16384];
        size_t h = 0, w = 0;
        h += (size_t)snprintf(html, sizeof html, "<body>");
        for (int para = 0; para < 12; para++) {
            h += (size_t)snprintf(html + h, sizeof html - h, "<p>");
            int pending = 0; /* a space is owed before the next letter */
            size_t para_start = w;
            for (unsigned k = 0, pieces = 1 + text_pick(40); k < pieces; k++) {
                const char *piece;
                unsigned kind = text_pick(10);
                if (kind < 2) {
                    piece = spaces[text_pick(sizeof spaces / sizeof *spaces)];
                    pending = 1;
                } else if (kind < 3) {
                    piece = dropped[text_pick(sizeof dropped / sizeof *dropped)];
                } else {
                    /* a run of 1 to 19 characters, so words straddle the window everywhere */
                    for (unsigned r = 0, len = 1 + text_pick(19); r < len; r++) {
                        const char *l = letters[text_pick(sizeof letters / sizeof *letters)];
                        if (pending && w > para_start) want[w++] = ' ';
                        pending = 0;
                        size_t n = strlen(l);
                        memcpy(html + h, l, n);
                        memcpy(want + w, l, n);
                        h += n;
                        w += n;
                    }
                    continue;
                }
                size_t n = strlen(piece);
                memcpy(html + h, piece, n);
                h += n;
            }
            h += (size_t)snprintf(html + h, sizeof html - h, "</p>");
            if (w > para_start) want[w++] = '\n';
        }
        snprintf(html + h, sizeof html - h, "</body>");
        if (w) w--; /* the last paragraph's '\n' */
        want[w] = '\0';
        struct sa_page *p = build(html, NULL);
        ASSERT(p);
        EXPECT_STREQ(text(p, SA_REGION_MAIN) ? text(p, SA_REGION_MAIN) : "", want);
        sa__page_free(p);
    }
}

TEST(page_small_print_flagged)
{
    struct sa_page *p =
        build("<body><p>Sale -50%<sup>*</sup></p><p><small>*Subject to availability</small></p>"
              "<div style=\"font-size:10px\"><p>Fine print</p></div><p style=\"font-size: "
              "0.7em\">Tiny em</p>"
              "<p style=\"font-size:9pt\">Nine pt</p><p style=\"font-size:14px\">Big <span "
              "style=\"font-size:1em\">same</span></p>"
              "<div style=\"font-size:11px\"><p style=\"font-size:16px\">Reset big</p></div>"
              "<p style=\"font-size:x-small\">Keyword</p><p style=\"font-size:0.8rem\">Rem ok</p>"
              "<h2>Heading</h2><p><a href=\"/x\">Link</a> <button>Buy</button></p></body>",
              NULL);
    ASSERT(p);
    static const struct {
        const char *text;
        unsigned flags;
        const char *where;
    } want[] = {
        {"Sale -50%", 0, "p"},
        {"*", SA_BLOCK_SMALL, "p > sup"},
        {"*Subject to availability", SA_BLOCK_SMALL, "p > small"},
        {"Fine print", SA_BLOCK_SMALL, "div > p"},
        {"Tiny em", SA_BLOCK_SMALL, "p"},
        {"Nine pt", SA_BLOCK_SMALL, "p"},
        {"Big same", 0, "p"},
        {"Reset big", 0, "div > p"},
        {"Keyword", SA_BLOCK_SMALL, "p"},
        {"Rem ok", 0, "p"},
        {"Heading", SA_BLOCK_HEADING, "h2"},
        {"Link", SA_BLOCK_LINK, "p > a"},
        {"Buy", SA_BLOCK_BUTTON, "p > button"},
    };
    ASSERT(p->nblocks == sizeof want / sizeof want[0]);
    for (size_t i = 0; i < p->nblocks; i++) {
        EXPECT_STREQ(block_text(p, i), want[i].text);
        EXPECT_EQ(p->blocks[i].flags, want[i].flags);
        EXPECT_STREQ(p->blocks[i].where, want[i].where);
        EXPECT_EQ(p->blocks[i].region, SA_REGION_MAIN);
    }
    sa__page_free(p);
}

TEST(page_links_resolved_with_base)
{
    struct sa_page *p =
        build("<html><head><base href=\"https://cdn.shop.test/ru/\"></head><body>"
              "<a href=\"catalog/shoes?utm_source=x\">Shoes</a>"
              "<a href=\"/cart\" rel=\"nofollow noopener\"><img src=\"cart.png\" alt=\"Cart\"></a>"
              "<a href=\"#top\">Top</a><a href=\"javascript:void(0)\" class=\"btn "
              "btn-primary\">Buy now</a>"
              "<a href=\"\" aria-label=\"Empty\">  </a>"
              "<a href=\"mailto:info@shop.test\">Mail</a>"
              "<a href=\" https://other.test/x#frag \" title=\"T\"></a>"
              "<a name=\"anchor\">No href</a>"
              "</body></html>",
              "https://shop.test/ru/page.html");
    ASSERT(p);
    ASSERT(p->nlinks == 7);
    const struct sa_link *l = p->links;
    EXPECT_STREQ(l[0].href, "catalog/shoes?utm_source=x");
    EXPECT_STREQ(l[0].url, "https://cdn.shop.test/ru/catalog/shoes");
    EXPECT_STREQ(l[0].text, "Shoes");
    EXPECT_STREQ(l[0].rel, "");
    EXPECT_STREQ(l[0].where, "a");
    EXPECT_EQ(l[0].flags, 0);
    EXPECT_STREQ(l[1].url, "https://cdn.shop.test/cart");
    EXPECT_STREQ(l[1].text, "Cart");
    EXPECT_STREQ(l[1].rel, "nofollow noopener");
    EXPECT_EQ(l[1].flags, SA_LINK_NOFOLLOW | SA_LINK_ICON);
    EXPECT(l[2].url == NULL);
    EXPECT_STREQ(l[2].text, "Top");
    EXPECT_EQ(l[2].flags, SA_LINK_DEAD);
    EXPECT(l[3].url == NULL);
    EXPECT_EQ(l[3].flags, SA_LINK_DEAD | SA_LINK_BUTTON);
    EXPECT_STREQ(l[3].where, "a.btn");
    EXPECT_STREQ(l[4].text, "Empty");
    EXPECT_EQ(l[4].flags, SA_LINK_DEAD | SA_LINK_ICON);
    EXPECT_STREQ(l[5].href, "mailto:info@shop.test");
    EXPECT(l[5].url == NULL);
    EXPECT_EQ(l[5].flags, 0);
    EXPECT_STREQ(l[6].url, "https://other.test/x");
    EXPECT_STREQ(l[6].text, "T");
    EXPECT_EQ(l[6].flags, SA_LINK_ICON);
    ASSERT(p->nimages == 1);
    EXPECT_STREQ(p->images[0].src, "https://cdn.shop.test/ru/cart.png");
    EXPECT_STREQ(p->images[0].alt, "Cart");
    EXPECT_STREQ(p->images[0].where, "a > img");
    /* the javascript: link styled as a button is a button too */
    ASSERT(p->nbuttons == 1);
    EXPECT_STREQ(p->buttons[0].text, "Buy now");
    EXPECT_EQ(p->buttons[0].kind, SA_BUTTON_LINK);
    EXPECT_EQ(p->buttons[0].form, -1);
    sa__page_free(p);
}

/* Links are joined through a per-thread memo of joins: pages in other folders, hosts and
 * schemes, with queries and a <base>, ask for the same references one after the other, twice
 * over, and each link must be the join of its own page's base, as sa__url_join makes it. */
TEST(page_links_joined_alike_across_pages)
{
    static const char *const urls[] = {
        "https://shop.test/a/one.html",       "https://shop.test/b/two.html",
        "https://shop.test/a/three.html?p=2", "https://other.test/a/one.html",
        "http://shop.test/a/one.html",        "https://shop.test/a",
        "https://shop.test/a/b/c/d.html",     "file:///tmp/shop/a/one.html"};
    static const char *const refs[] = {"x.html",
                                       "../y",
                                       "/z",
                                       "?page=3",
                                       "./",
                                       "//cdn.test/i",
                                       "https://shop.test/abs",
                                       "HTTP://Shop.Test/Up",
                                       "  x.html  ",
                                       "g;jsessionid=9?utm_source=m&k=1",
                                       "%7Euser"};
    const size_t nrefs = sizeof refs / sizeof *refs;
    size_t checked = 0;
    for (int round = 0; round < 2; round++)
        for (size_t u = 0; u <= sizeof urls / sizeof *urls; u++) {
            int with_base = u == sizeof urls / sizeof *urls; /* last: a <base> moves the folder */
            const char *url = with_base ? urls[0] : urls[u];
            char html[4096];
            size_t h = (size_t)snprintf(html, sizeof html, "<html><head>%s</head><body>",
                                        with_base ? "<base href=\"/c/d/\">" : "");
            for (size_t r = 0; r < nrefs; r++)
                h += (size_t)snprintf(html + h, sizeof html - h, "<a href=\"%s\">L%zu</a>", refs[r],
                                      r);
            snprintf(html + h, sizeof html - h, "</body></html>");
            struct sa_page *p = build(html, url);
            ASSERT(p);
            ASSERT(p->nlinks == nrefs);
            const char *base = with_base ? "https://shop.test/c/d/" : url;
            for (size_t r = 0; r < nrefs; r++) {
                char *want = NULL;
                if (sa__url_join(base, refs[r], &want) != SA_OK) want = NULL;
                if (!want ? p->links[r].url != NULL
                          : !p->links[r].url || strcmp(p->links[r].url, want) != 0) {
                    fprintf(stderr, "round %d, %s, \"%s\": \"%s\", want \"%s\"\n", round, url,
                            refs[r], p->links[r].url ? p->links[r].url : "(none)",
                            want ? want : "(none)");
                    ASSERT(0);
                }
                checked++;
                sa__free(want);
            }
            sa__page_free(p);
        }
    ASSERT(checked == 2 * (sizeof urls / sizeof *urls + 1) * nrefs);
}

TEST(page_buttons_and_forms)
{
    struct sa_page *p = build(
        "<body>"
        "<form action=\"/search\" method=\"GET\" role=\"search\"><label for=\"q\">Search</label>"
        "<input id=\"q\" name=\"q\" placeholder=\"Find\"><button>Go</button></form>"
        "<form id=\"co\" method=\"post\"><label>Email <input type=\"EMAIL\" name=\"email\" "
        "required></label>"
        "<input type=\"password\" name=\"pw\" aria-label=\"Password\">"
        "<select name=\"city\"><option>Moscow</option><option>Yerevan</option></select>"
        "<textarea name=\"note\" title=\"Note\">hello</textarea>"
        "<input type=\"hidden\" name=\"csrf\" value=\"t\">"
        "<label class=\"sr-only\" for=\"ph\">Phone</label><input id=\"ph\" type=tel name=phone>"
        "<input type=\"submit\" value=\"Place order\"><button type=\"button\" "
        "disabled>Cancel</button>"
        "<input type=\"image\" src=\"go.png\" alt=\"Send\"></form>"
        "<div role=\"button\" aria-disabled=\"true\">Call me</div>"
        "<a class=\"add-to-cart-button\" href=\"/cart/add?id=1\">Add to cart</a>"
        "<button><img src=\"/i/heart.svg\" alt=\"Wishlist\"></button>"
        "</body>",
        NULL);
    ASSERT(p);
    ASSERT(p->nforms == 2);
    const struct sa_form *f = &p->forms[0];
    EXPECT_STREQ(f->action, "https://shop.test/search");
    EXPECT_STREQ(f->method, "get");
    EXPECT_STREQ(f->where, "form");
    EXPECT_EQ(f->region, SA_REGION_MAIN);
    ASSERT(f->nfields == 1);
    EXPECT_STREQ(f->fields[0].tag, "input");
    EXPECT_STREQ(f->fields[0].type, "text");
    EXPECT_STREQ(f->fields[0].name, "q");
    EXPECT_STREQ(f->fields[0].label, "Search");
    EXPECT_EQ(f->fields[0].required, 0);
    f = &p->forms[1];
    EXPECT_STREQ(f->action, "https://shop.test/page");
    EXPECT_STREQ(f->method, "post");
    EXPECT_STREQ(f->where, "form#co");
    ASSERT(f->nfields == 6);
    EXPECT_STREQ(f->fields[0].type, "email");
    EXPECT_STREQ(f->fields[0].name, "email");
    EXPECT_STREQ(f->fields[0].label, "Email");
    EXPECT_EQ(f->fields[0].required, 1);
    EXPECT_STREQ(f->fields[1].type, "password");
    EXPECT_STREQ(f->fields[1].label, "Password");
    EXPECT_STREQ(f->fields[2].tag, "select");
    EXPECT_STREQ(f->fields[2].type, "select-one");
    EXPECT_STREQ(f->fields[2].label, "");
    EXPECT_STREQ(f->fields[3].tag, "textarea");
    EXPECT_STREQ(f->fields[3].type, "textarea");
    EXPECT_STREQ(f->fields[3].label, "Note");
    EXPECT_STREQ(f->fields[4].type, "hidden");
    EXPECT_STREQ(f->fields[4].name, "csrf");
    EXPECT_STREQ(f->fields[5].type, "tel");
    EXPECT_STREQ(f->fields[5].label, "Phone"); /* a screen-reader label still names it */

    static const struct {
        const char *text;
        enum sa_button_kind kind;
        int form, disabled;
        const char *where;
    } want[] = {
        {"Go", SA_BUTTON_SUBMIT, 0, 0, "form > button"},
        {"Place order", SA_BUTTON_SUBMIT, 1, 0, "form#co > input"},
        {"Cancel", SA_BUTTON_BUTTON, 1, 1, "form#co > button"},
        {"Send", SA_BUTTON_SUBMIT, 1, 0, "form#co > input"},
        {"Call me", SA_BUTTON_BUTTON, -1, 1, "div"},
        {"Add to cart", SA_BUTTON_LINK, -1, 0, "a.add-to-cart-button"},
        {"Wishlist", SA_BUTTON_BUTTON, -1, 0, "button"},
    };
    ASSERT(p->nbuttons == sizeof want / sizeof want[0]);
    for (size_t i = 0; i < p->nbuttons; i++) {
        EXPECT_STREQ(p->buttons[i].text, want[i].text);
        EXPECT_EQ(p->buttons[i].kind, want[i].kind);
        EXPECT_EQ(p->buttons[i].form, want[i].form);
        EXPECT_EQ(p->buttons[i].disabled, want[i].disabled);
        EXPECT_STREQ(p->buttons[i].where, want[i].where);
    }
    EXPECT_STREQ(text(p, SA_REGION_MAIN),
                 "Search\nGo\nEmail\nPlace order\nCancel\nCall me\nAdd to cart");
    sa__page_free(p);
}

static const char *json_of(const struct sa_item *it)
{
    static char buf[1024];
    char *s = cJSON_PrintUnformatted(it->json);
    snprintf(buf, sizeof buf, "%s", s ? s : "(null)");
    cJSON_free(s);
    return buf;
}

TEST(page_jsonld_graph_items)
{
    struct sa_page *p = build(
        "<html><head><script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
        "\"@graph\":[{\"@type\":\"Organization\",\"name\":\"Shop\"},{\"@type\":[\"Product\","
        "\"Thing\"],"
        "\"name\":\"Bag\",\"offers\":{\"@type\":\"Offer\",\"price\":\"10\"}}]}</script>"
        "<script type=\"application/ld+json\">[{\"@type\":\"http://schema.org/BreadcrumbList\"},"
        "{\"no\":\"type\"}]</script>"
        "<script type=\"application/ld+json\">{ invalid json </script>"
        "<script type=\"Application/LD+JSON; charset=utf-8\">{\"@type\":\"FAQPage\"}</script>"
        "<script type=\"application/json\">{\"@type\":\"Product\"}</script>"
        "</head><body></body></html>",
        NULL);
    ASSERT(p);
    ASSERT(p->nitems == 4);
    EXPECT_STREQ(p->items[0].type, "Organization");
    EXPECT_STREQ(p->items[1].type, "Product");
    EXPECT_STREQ(p->items[2].type, "BreadcrumbList");
    EXPECT_STREQ(p->items[3].type, "FAQPage");
    for (size_t i = 0; i < p->nitems; i++) EXPECT_STREQ(p->items[i].source, "json-ld");
    EXPECT_STREQ(
        json_of(&p->items[1]),
        "{\"@type\":[\"Product\",\"Thing\"],\"name\":\"Bag\",\"offers\":{\"@type\":\"Offer\","
        "\"price\":\"10\"}}");
    EXPECT_EQ(p->kind, SA_KIND_PRODUCT);
    sa__page_free(p);
}

TEST(page_microdata_product)
{
    struct sa_page *p =
        build("<body><div itemscope itemtype=\"https://schema.org/Product\">"
              "<h1 itemprop=\"name\">Leather <b>bag</b></h1>"
              "<img itemprop=\"image\" src=\"/img/bag.jpg\" alt=\"Bag\">"
              "<div itemprop=\"offers\" itemscope itemtype=\"http://schema.org/Offer\">"
              "<span itemprop=\"price\" content=\"3490.00\">3 490 руб.</span>"
              "<meta itemprop=\"priceCurrency\" content=\"RUB\">"
              "<link itemprop=\"availability\" href=\"https://schema.org/InStock\">"
              "</div>"
              "<span itemprop=\"color\">red</span><span itemprop=\"color\">black</span>"
              "<time itemprop=\"releaseDate\" datetime=\"2024-01-02\">Jan 2</time>"
              "</div><p itemprop=\"orphan\">No scope</p>"
              "<div itemscope><span itemprop=\"name\">Untyped</span></div></body>",
              "https://shop.test/bag");
    ASSERT(p);
    ASSERT(p->nitems == 1);
    EXPECT_STREQ(p->items[0].type, "Product");
    EXPECT_STREQ(p->items[0].source, "microdata");
    EXPECT_STREQ(json_of(&p->items[0]),
                 "{\"@type\":\"Product\",\"name\":\"Leather bag\","
                 "\"image\":\"https://shop.test/img/bag.jpg\",\"offers\":{\"@type\":\"Offer\","
                 "\"price\":\"3490.00\",\"priceCurrency\":\"RUB\","
                 "\"availability\":\"https://schema.org/InStock\"},\"color\":[\"red\",\"black\"],"
                 "\"releaseDate\":\"2024-01-02\"}");
    EXPECT_EQ(p->kind, SA_KIND_PRODUCT);
    EXPECT_STREQ(p->h1, "Leather bag");
    sa__page_free(p);
}

TEST(page_lang_from_attr_header_script)
{
    struct fetch f = {0};
    struct sa_page *p = build("<html lang=\"en-US\"><body><p>Корзина</p></body></html>", NULL);
    ASSERT(p);
    EXPECT_STREQ(p->lang, "en");
    sa__page_free(p);

    f.clang = "ru-RU, en";
    const char *h = "<html lang=\"{{ lang }}\"><body><p>Cart</p></body></html>";
    p = build_with(h, strlen(h), f);
    ASSERT(p);
    EXPECT_STREQ(p->lang, "ru");
    sa__page_free(p);

    static const struct {
        const char *html, *lang;
    } cases[] = {
        {"<p>ตะกร้าสินค้า iPhone 15 Pro Max</p>", "th"},
        {"<p>Καλάθι αγορών</p>", "el"},
        {"<p>Զամբյուղ</p>", "hy"},
        {"<p>Корзина Samsung Galaxy</p>", "ru"},
        {"<p>Shopping cart</p>", "en"},
        {"<p>42 % !</p>", ""},
        {"<html lang=EL><p>x</p>", "el"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        p = build(cases[i].html, NULL);
        ASSERT(p);
        EXPECT_STREQ(p->lang, cases[i].lang);
        sa__page_free(p);
    }
}

static enum sa_page_kind kind_of(const char *html, const char *url)
{
    struct sa_page *p = build(html, url);
    if (!p) return SA_KIND_LAST;
    enum sa_page_kind k = p->kind;
    sa__page_free(p);
    return k;
}

TEST(page_kind_from_url_and_jsonld)
{
    const char *plain = "<p>Hello</p>";
    EXPECT_EQ(kind_of(plain, "https://shop.test/"), SA_KIND_HOME);
    EXPECT_EQ(kind_of(plain, "https://shop.test/index.html"), SA_KIND_HOME);
    EXPECT_EQ(kind_of(plain, "https://shop.test/ru/"), SA_KIND_HOME);
    EXPECT_EQ(kind_of(plain, "https://shop.test/en/index.html"), SA_KIND_HOME);
    EXPECT_EQ(kind_of(plain, "https://shop.test/?q=shoes"), SA_KIND_OTHER);
    EXPECT_EQ(kind_of(plain, "https://shop.test/blog/"), SA_KIND_OTHER);
    EXPECT_EQ(kind_of(plain, "https://shop.test/cart"), SA_KIND_CART);
    EXPECT_EQ(kind_of(plain, "https://shop.test/checkout"), SA_KIND_CHECKOUT);
    EXPECT_EQ(kind_of(plain, "https://shop.test/delivery"), SA_KIND_DELIVERY);
    EXPECT_EQ(kind_of(plain, "https://shop.test/about"), SA_KIND_ABOUT);
    const char *product =
        "<script type=application/ld+json>{\"@type\":\"Product\",\"name\":\"Bag\"}</script>";
    EXPECT_EQ(kind_of(product, "https://shop.test/p/123"), SA_KIND_PRODUCT);
    EXPECT_EQ(kind_of("<meta property=og:type content=product>", "https://shop.test/p/1"),
              SA_KIND_PRODUCT);
    const char *two =
        "<script "
        "type=application/ld+json>[{\"@type\":\"Product\"},{\"@type\":\"Product\"}]</script>";
    EXPECT_EQ(kind_of(two, "https://shop.test/bags"), SA_KIND_CATEGORY);
    const char *offers =
        "<div itemscope itemtype=http://schema.org/Offer><b itemprop=price>1</b></div>"
        "<div itemscope itemtype=http://schema.org/Offer><b itemprop=price>2</b></div>";
    EXPECT_EQ(kind_of(offers, "https://shop.test/bags"), SA_KIND_CATEGORY);
    EXPECT_EQ(kind_of("<h1>Contact us</h1>", "https://shop.test/page"), SA_KIND_CONTACT);
    EXPECT_EQ(kind_of("<title>Delivery terms | Shop</title>", "https://shop.test/info"),
              SA_KIND_DELIVERY);
    /* the shop's name in the title names no page */
    EXPECT_EQ(kind_of("<title>Bags | Cart &amp; Co</title>", "https://shop.test/info"),
              SA_KIND_OTHER);
    /* a login form is not a checkout */
    EXPECT_EQ(kind_of("<form><input type=email name=email><input type=password name=pw></form>",
                      "https://shop.test/account"),
              SA_KIND_OTHER);
    EXPECT_STREQ(sa_kind_name(SA_KIND_CONTACT), "contact");
    EXPECT_STREQ(sa_kind_name(SA_KIND_LAST), "unknown");
}

TEST(page_kind_home_for_static_export)
{
    struct fetch f = {"file:///srv/export/index.html", NULL, NULL, "file:///srv/export/"};
    struct sa_page *p = build_with("<p>x</p>", 8, f);
    ASSERT(p);
    EXPECT_EQ(p->kind, SA_KIND_HOME);
    EXPECT_EQ(p->status, 200);
    sa__page_free(p);
    f.url = "file:///srv/export/misc/index.html";
    p = build_with("<p>x</p>", 8, f);
    ASSERT(p);
    EXPECT_EQ(p->kind, SA_KIND_OTHER);
    sa__page_free(p);
}

TEST(page_title_h1_canonical_metas)
{
    struct sa_page *p =
        build("<html><head><title>\n  Red   bag | Shop </title>"
              "<meta name=\"Description\" content=\"A red bag\"><meta property=\"OG:Type\" "
              "content=\"website\">"
              "<meta http-equiv=\"Content-Language\" content=\"hy\"><meta charset=utf-8>"
              "<link rel=\"Canonical\" href=\"/bags/red?utm_medium=x\"></head>"
              "<body><h1 hidden>Hidden h1</h1><h1><img src=logo.png alt=Logo></h1><h1> Red "
              "<i>bag</i> </h1>"
              "<h1>Second</h1></body></html>",
              "https://shop.test/bags/red?color=1");
    ASSERT(p);
    EXPECT_STREQ(p->title, "Red bag | Shop");
    EXPECT_STREQ(p->h1, "Red bag");
    EXPECT_STREQ(p->canonical, "https://shop.test/bags/red");
    ASSERT(p->nmetas == 3);
    EXPECT_STREQ(p->metas[0].name, "description");
    EXPECT_STREQ(sa_page_meta(p, "description"), "A red bag");
    EXPECT_STREQ(sa_page_meta(p, "og:type"), "website");
    EXPECT_STREQ(sa_page_meta(p, "content-language"), "hy");
    EXPECT(sa_page_meta(p, "keywords") == NULL);
    EXPECT_STREQ(p->lang, "hy");
    EXPECT_STREQ(p->charset, "utf-8");
    EXPECT_STREQ(p->url, "https://shop.test/bags/red?color=1");
    EXPECT_STREQ(p->content_type, "text/html; charset=utf-8");
    sa__page_free(p);

    p = build("<p>No head</p>", NULL);
    ASSERT(p);
    EXPECT_STREQ(p->title, "");
    EXPECT_STREQ(p->h1, "");
    EXPECT_STREQ(p->canonical, "");
    EXPECT_EQ(p->nmetas, 0);
    sa__page_free(p);
}

TEST(page_script_hosts_third_party)
{
    struct sa_page *p = build("<head><script src=\"https://www.shop.test/app.js\"></script>"
                              "<script src=\"/local.js\"></script>"
                              "<script src=\"//CDN.Example.com/x.js\"></script>"
                              "<script async src=\"https://cdn.example.com/y.js\"></script>"
                              "<script src=\"https://widget.chat.test/w.js\"></script></head>",
                              NULL);
    ASSERT(p);
    ASSERT(p->nscript_hosts == 2);
    EXPECT_STREQ(p->script_hosts[0], "cdn.example.com");
    EXPECT_STREQ(p->script_hosts[1], "widget.chat.test");
    sa__page_free(p);
}

TEST(page_charset_cp1251_page_text)
{
    /* undeclared windows-1251: "Корзина" in a link and "Доставка по Москве бесплатно" */
    static const char html[] =
        "<html><body><header><a href=\"/korzina\">\xCA\xEE\xF0\xE7\xE8\xED\xE0"
        "</a></header><p>\xC4\xEE\xF1\xF2\xE0\xE2\xEA\xE0\x20\xEF\xEE\x20\xCC"
        "\xEE\xF1\xEA\xE2\xE5\x20\xE1\xE5\xF1\xEF\xEB\xE0\xF2\xED\xEE</p></body></html>";
    struct fetch f = {NULL, "text/html", NULL, NULL};
    struct sa_page *p = build_with(html, sizeof html - 1, f);
    ASSERT(p);
    EXPECT_STREQ(p->charset, "windows-1251");
    EXPECT_STREQ(text(p, SA_REGION_HEADER), "Корзина");
    EXPECT_STREQ(text(p, SA_REGION_MAIN), "Доставка по Москве бесплатно");
    EXPECT_STREQ(p->lang, "ru");
    EXPECT_EQ(p->bytes, strlen(html) + 7 + 25); /* each Cyrillic letter grew by a byte */
    sa__page_free(p);
}

TEST(page_deep_nesting_no_crash)
{
    /* 100 000 nested divs: libxml2 stops parsing at depth 256, and nothing of ours recurses */
    size_t n = 100000;
    size_t cap = n * 11 + 256, len = 0;
    char *html = malloc(cap);
    ASSERT(html);
    len += (size_t)snprintf(html + len, cap - len, "<html><body><p>before</p>");
    for (size_t i = 0; i < n; i++) {
        memcpy(html + len, i % 2 ? "<div>" : "<b><a>", i % 2 ? 5 : 6);
        len += i % 2 ? 5 : 6;
    }
    len += (size_t)snprintf(html + len, cap - len, "deep</body></html>");
    struct fetch f = {0};
    struct sa_page *p = build_with(html, len, f);
    free(html);
    ASSERT(p);
    EXPECT_STREQ(text(p, SA_REGION_MAIN), "before");
    EXPECT_EQ(p->nblocks, 1);
    sa__page_free(p);

    char where[256];
    EXPECT_EQ(sa__dom_where(NULL, where, sizeof where), 0);
    EXPECT_STREQ(where, "");
}

TEST(page_caps_bound_counts)
{
    size_t n = 6000, cap = n * 40 + 64, len = 0;
    char *html = malloc(cap);
    ASSERT(html);
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(html + len, cap - len, "<p><a href=/p/%zu>P%zu</a></p>", i, i);
    struct fetch f = {0};
    struct sa_page *p = build_with(html, len, f);
    free(html);
    ASSERT(p);
    EXPECT_EQ(p->nlinks, 5000);
    EXPECT_EQ(p->nblocks, 6000 > 10000 ? 10000 : 6000);
    EXPECT_STREQ(p->links[4999].url, "https://shop.test/p/4999");
    sa__page_free(p);
}

TEST(page_icon_names_and_long_names_capped)
{
    char html[4096];
    char longword[1601];
    memset(longword, 'x', 1600);
    longword[1600] = '\0';
    snprintf(html, sizeof html,
             "<body><a href=/cart><svg viewBox='0 0 9 9'><title>Cart</title><path d=''/></svg></a>"
             "<button aria-label=\"Close\"><svg><title>X</title></svg></button>"
             "<a href=/long>%s</a></body>",
             longword);
    struct sa_page *p = build(html, NULL);
    ASSERT(p);
    ASSERT(p->nlinks == 2);
    EXPECT_STREQ(p->links[0].text, "Cart");
    EXPECT_EQ(p->links[0].flags, SA_LINK_ICON);
    EXPECT_EQ(strlen(p->links[1].text), 1000);
    ASSERT(p->nbuttons == 1);
    EXPECT_STREQ(p->buttons[0].text, "Close");
    /* the block keeps the whole text: only names are capped */
    EXPECT_EQ(p->text[SA_REGION_MAIN].len, 1600);
    sa__page_free(p);
}

TEST(page_class_regions_only_near_the_top)
{
    struct sa_page *p =
        build("<body><div class=top>Top bar</div>"
              "<div><div><div><div><div><div><div class=\"card\"><div class=top>Card top</div>"
              "</div></div></div></div></div></div></div></body>",
              NULL);
    ASSERT(p);
    EXPECT_STREQ(text(p, SA_REGION_HEADER), "Top bar");
    EXPECT_STREQ(text(p, SA_REGION_MAIN), "Card top");
    sa__page_free(p);
}

TEST(page_nested_itemprops_bounded)
{
    /* 200 nested itemprop elements around 1 MB of text: each value is cut at 2000 bytes
     * (1 MB is 500 times the cut; more only slows the sanitizer build) */
    size_t n = 200, body = 1u << 20, cap = body + n * 40 + 256, len = 0;
    char *html = malloc(cap);
    ASSERT(html);
    len += (size_t)snprintf(html, cap, "<body><div itemscope itemtype=Product>");
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(html + len, cap - len, "<div itemprop=p%zu>", i);
    for (size_t i = 0; i < body; i += 8) memcpy(html + len + i, "word ab ", 8);
    len += body;
    len += (size_t)snprintf(html + len, cap - len, "</body>");
    struct fetch f = {0};
    struct sa_page *p = build_with(html, len, f);
    free(html);
    ASSERT(p);
    ASSERT(p->nitems == 1);
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(p->items[0].json, "p199");
    ASSERT(cJSON_IsString(v));
    EXPECT(strlen(v->valuestring) <= 2000);
    EXPECT(strncmp(v->valuestring, "word ab word", 12) == 0);
    sa__page_free(p);
}

TEST(page_where_paths_short_and_readable)
{
    struct sa_page *p =
        build("<body><div id=\"main-col\"><section><ul class=\"  list  big\"><li><span>"
              "<a href=/a class=\"css-1q2w3e4r5t6y7u8i9o0p-very-long-generated-name x\">A</a>"
              "</span></li></ul></section></div><div id=\" \"><p id=\"lead\">B</p></div></body>",
              NULL);
    ASSERT(p);
    ASSERT(p->nblocks == 2);
    /* four steps at most, a class cut at 40 bytes */
    EXPECT_STREQ(p->blocks[0].where,
                 "ul.list > li > span > a.css-1q2w3e4r5t6y7u8i9o0p-very-long-gener");
    /* an id starts the path: it is unique enough */
    EXPECT_STREQ(p->blocks[1].where, "p#lead");
    char w[16];
    EXPECT_EQ(sa__dom_where(xmlDocGetRootElement(p->dom), w, sizeof w), 4);
    EXPECT_STREQ(w, "html");
    sa__page_free(p);
}

TEST(page_find_returns_block_where)
{
    struct sa_page *p =
        build("<body><header><a href=/cart>Cart (0)</a></header>"
              "<main><p>Welcome</p><p>Free delivery over $50</p></main>"
              "<footer><div class=\"contacts\"><p>Delivery terms</p></div></footer></body>",
              NULL);
    ASSERT(p);
    struct sa_hit hit;
    EXPECT_EQ(sa_page_find(p, SA_CONCEPT_DELIVERY, SA_REGION_BIT(SA_REGION_FOOTER), &hit), 1);
    EXPECT_EQ(hit.region, SA_REGION_FOOTER);
    EXPECT_EQ(hit.off, 0);
    EXPECT_EQ(hit.len, 8);
    ASSERT(hit.block != NULL);
    EXPECT_STREQ(hit.block->where, "footer > div.contacts > p");
    EXPECT(hit.lang != NULL);
    /* regions are searched in enum order: main before footer */
    EXPECT_EQ(sa_page_find(p, SA_CONCEPT_DELIVERY, SA_REGIONS_ALL, &hit), 1);
    EXPECT_EQ(hit.region, SA_REGION_MAIN);
    EXPECT_EQ(hit.off, strlen("Welcome\nFree "));
    ASSERT(hit.block != NULL);
    EXPECT_STREQ(hit.block->where, "main > p");
    EXPECT_EQ(hit.block->off, strlen("Welcome\n"));
    EXPECT_EQ(sa_page_find(p, SA_CONCEPT_DELIVERY, SA_REGION_BIT(SA_REGION_HEADER), &hit), 0);
    EXPECT_EQ(sa_page_find(p, SA_CONCEPT_CART, SA_REGION_BIT(SA_REGION_HEADER), NULL), 1);
    /* the '\n' between blocks belongs to none */
    EXPECT(sa_page_block_at(p, SA_REGION_MAIN, 7) == NULL);
    EXPECT(sa_page_block_at(p, SA_REGION_MAIN, 6) == &p->blocks[1]);
    EXPECT(sa_page_block_at(p, SA_REGION_MAIN, 8) == &p->blocks[2]);
    EXPECT(sa_page_block_at(p, SA_REGION_ASIDE, 0) == NULL);
    EXPECT(sa_page_block_at(p, SA_REGION_MAIN, 1000) == NULL);
    sa__page_free(p);
}

TEST(page_drop_dom_keeps_facts)
{
    struct sa_page *p = build("<body><a href=/x title=t>X</a></body>", NULL);
    ASSERT(p);
    EXPECT(p->dom != NULL);
    sa__page_drop_dom(p);
    EXPECT(p->dom == NULL);
    sa__page_drop_dom(p);
    EXPECT_STREQ(p->links[0].text, "X");
    sa__page_free(p);
    sa__page_free(NULL);
}

TEST(page_invalid_arguments_rejected)
{
    struct sa_page *p = (struct sa_page *)1;
    char err[64];
    struct sa_fetch_info fi = {0};
    EXPECT_EQ(sa__page_build("x", 1, &fi, NULL, &p, err, sizeof err), SA_EINVAL);
    EXPECT(p == NULL);
    EXPECT_STREQ(err, "building page: invalid argument");
}

TEST(page_empty_body_is_blank_page)
{
    struct fetch f = {0};
    struct sa_page *p = build_with("", 0, f);
    ASSERT(p);
    EXPECT_EQ(p->nblocks, 0);
    EXPECT_STREQ(text(p, SA_REGION_MAIN), "");
    EXPECT_EQ(p->bytes, 0);
    EXPECT_STREQ(p->lang, "");
    sa__page_free(p);
}

TEST(page_oom_every_allocation_clean)
{
    const char *html =
        "<html lang=en><head><title>T</title><base href=/b/><link rel=canonical href=/c>"
        "<meta name=a content=b><script type=application/ld+json>{\"@type\":\"Product\"}</script>"
        "<script src=https://x.test/a.js></script></head><body><header><a href=/cart class=btn>"
        "<img src=c.png alt=Cart></a></header><form><label for=e>E</label><input id=e>"
        "<button>Go</button></form><div itemscope itemtype=Product><span itemprop=name>N</span>"
        "</div><p><small>fine</small></p></body></html>";
    struct sa_fetch_info fi = {0};
    fi.url = "https://shop.test/p";
    fi.site_root = "https://shop.test/";
    struct sa_lexicon *lex = lexicon(); /* loaded before failures are injected */
    int ok = 0;
    for (unsigned long n = 1; n < 2000 && !ok; n++) {
        struct sa_page *p = NULL;
        char err[128];
        sa__alloc_fail_at(n);
        int rc = sa__page_build(html, strlen(html), &fi, lex, &p, err, sizeof err);
        sa__alloc_fail_at(0);
        if (rc == SA_OK) {
            ok = (int)n;
            EXPECT_EQ(p->nlinks, 1);
        } else {
            EXPECT_EQ(rc, SA_ENOMEM);
            EXPECT(p == NULL);
            EXPECT(strstr(err, "out of memory") != NULL);
        }
        sa__page_free(p);
    }
    EXPECT(ok > 20); /* the page needs that many allocations: each failure was tried */
}

/* ~5 MB of product listing: reports the build time (the figure the design asks for). */
TEST(page_big_page_builds)
{
    const char *chunk =
        "<div class=\"product-card\"><a href=\"/p/%zu\" class=\"title\">Product %zu</a>"
        "<img src=\"/img/%zu.jpg\" alt=\"Product photo\"><p class=\"price\">1 299,00 "
        "&euro;</p><p><small>*while stocks last</small></p><button class=\"btn buy\">"
        "Add to cart</button><span style=\"display:none\">sku-%zu</span></div>\n";
    size_t cap = 6u << 20, len = 0;
    char *html = malloc(cap);
    ASSERT(html);
    len += (size_t)snprintf(html, cap, "<html><body><main>");
    for (size_t i = 0; len < (5u << 20); i++)
        len += (size_t)snprintf(html + len, cap - len, chunk, i, i, i, i);
    len += (size_t)snprintf(html + len, cap - len, "</main></body></html>");
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct fetch f = {0};
    struct sa_page *p = build_with(html, len, f);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    free(html);
    ASSERT(p);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    fprintf(stderr, "     %zu bytes built in %.0f ms\n", len, ms);
    EXPECT_EQ(p->nlinks, 5000);
    EXPECT_EQ(p->nblocks, 10000);
    EXPECT_EQ(p->nbuttons, 5000);
    sa__page_free(p);
}

TEST_MAIN()
