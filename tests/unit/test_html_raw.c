/* Script and style texts read before libxml2 (src/html_raw.c): every document must give the
 * tree libxml2 builds when it reads the texts itself, node for node (sa__html_outline), whether
 * the texts were taken out, or the reader gave up, or the restore saw the readings differ. The
 * hostile cases are the constructs where a reader that does not follow libxml2 2.9.14 would
 * cut in the wrong place; the random documents mix them; the fixture sites are real pages. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdint.h>
#include <string.h>

#include <libxml/tree.h>

#include "alloc.h"
#include "buf.h"
#include "html.h"
#include "html_raw.h"
#include "shopaudit/common.h"
#include "test.h"

/* A script body worth taking (over RAW_MIN_TOTAL on its own), with no '<' in it. */
static char big[1600];

static void make_big(void)
{
    if (big[0]) return;
    static const char line[] = "window.dataLayer.push({event: 'view', id: 1234, price: 19.90});\n";
    size_t o = 0;
    while (o + sizeof line < sizeof big) {
        memcpy(big + o, line, sizeof line - 1);
        o += sizeof line - 1;
    }
    big[o] = '\0';
}

/* 1 when both ways give the same tree; *taken: whether the texts were taken out. */
static int same_tree(const char *s, size_t len, int *taken)
{
    struct sa_buf a, b;
    int t = 0;
    int ra = sa__html_outline(s, len, 0, &a, NULL), rb = sa__html_outline(s, len, 1, &b, &t);
    int same = ra == SA_OK && rb == SA_OK && a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0;
    if (!same) {
        size_t i = 0;
        while (i < a.len && i < b.len && a.ptr[i] == b.ptr[i]) i++;
        size_t from = i > 60 ? i - 60 : 0;
        fprintf(stderr,
                "trees differ at byte %zu (taken %d):\n libxml2: %.120s\n ours:    %.120s\n", i, t,
                a.ptr ? a.ptr + from : "", b.ptr ? b.ptr + from : "");
    }
    sa__buf_release(&a);
    sa__buf_release(&b);
    if (taken) *taken = t;
    return same;
}

/* head + fragment + body: a big script before the fragment and a big script and style after
 * it, so whatever the fragment does to the reading shows in the texts around it. */
static int hostile(const char *fragment, size_t flen, int *taken)
{
    make_big();
    struct sa_buf d;
    sa__buf_init(&d, SIZE_MAX);
    sa__buf_printf(&d, "<!DOCTYPE html><html><head><script>%s</script></head><body><p>a", big);
    sa__buf_append(&d, fragment, flen);
    sa__buf_printf(&d, "<script type=\"module\">%s</script><style>%s</style><p>z</p></body></html>",
                   big, big);
    int same = d.ptr && same_tree(d.ptr, d.len, taken);
    sa__buf_release(&d);
    return same;
}

struct hcase {
    const char *fragment;
    int taken; /* 1: the reader must take the texts; -1: either way */
};

/* The constructs a naive reader gets wrong, each tried in place. */
static const struct hcase cases[] = {
    {"", 1},
    /* comments: libxml2 2.9.14 ends one at "-->" or "--!>" from its fifth byte on */
    {"<!-->x<script>y</script>", -1},
    {"<!--->x<script>y</script>-->", -1},
    {"<!-- a --!><script>y</script>", 1},
    {"<!-- <script>y</script> -->", 1},
    {"<!-- never closed <script>y</script>", -1},
    /* quotes in attributes hide markup; bogus attributes do not quote */
    {"<div title=\"<script>\">t</div>", 1},
    {"<div title='a>b<script>'>t</div>", 1},
    {"<div \"a>b\"><script>c</script>", 1},
    {"<div x=<script>>y</div>", 1},
    {"<div <script>x</script>", 1},
    {"<p a=\"never closed><script>y</script>", -1},
    {"<div data-x = 'a' data-y=b/ c>t</div>", 1},
    /* the script elements themselves */
    {"<script/>z", 1},
    {"<SCRIPT TYPE=\"text/javascript\">var a = "
     "'0123456789012345678901234567890123456789012345678901234567890123456789';</SCRIPT>",
     1},
    {"<script:x>y</script:x>", 1},
    {"<scripts>y</scripts>", 1},
    {"<script>a</scripts>b</script>", -1},
    {"<script>var s = '\x01 "
     "0123456789012345678901234567890123456789012345678901234567890123456789';</script>",
     1},
    {"<script>var s = '\xEF\xBF\xBE "
     "012345678901234567890123456789012345678901234567890123456789';</script>",
     1},
    {"<script>var s = 1;\r\nvar t = 2;\r\n// "
     "0123456789012345678901234567890123456789012345678901234567890123456789\r\n</script>",
     1},
    {"<script>document.write(\"<script>x</script>\"); // "
     "0123456789012345678901234567890123456789012345678901234567890123456789</script>",
     1},
    {"<script><!-- document.write('</scr' + 'ipt>') --> "
     "0123456789012345678901234567890123456789012345678901234567890123456789</script>",
     1},
    {"<style>a{} <script> 0123456789012345678901234567890123456789012345678901234567890123456789 "
     "</style>",
     1},
    {"<script>x</script ><script>y</script\n><script>z</SCRIPT><script>w</script/>", 1},
    {"<script></script><style></style>", 1},
    {"<script>no end 0123456789012345678901234567890123456789012345678901234567890123456789", -1},
    {"</script><script>y</script>", 1},
    /* what else libxml2 reads as markup, or not */
    {"<!DOCTYPE x \"a>\"><script>y</script>", -1},
    {"<!DOCTYPE x 'a\"b'><script>y</script>", 1},
    {"<? bad ><script>y</script>", 1},
    {"<?php echo 1; ?><script>y</script>", 1},
    {"</ div><script>y</script>", 1},
    {"</div x=\"a>b\"><script>y</script>", 1},
    {"<!foo><script>y</script>", 1},
    {"<![CDATA[<script>y</script>]]>", 1},
    {"<textarea><script>y</script></textarea>", 1},
    {"<title><style>y</style></title>", 1},
    {"<noscript><style>a{color:red} "
     "0123456789012345678901234567890123456789012345678901234567890123456789</style></noscript>",
     1},
    {"<template><script>x</script></template><svg><style>y</style></svg>", 1},
    {"<< <<> <3 a < b <", 1},
    {"<_x a=\"<script>y</script>\">z<:x a='<style>'>", 1},
    /* libxml2 looks for tags before it reads a text: "</p>" there is an end tag */
    {"<style></p>b 0123456789012345678901234567890123456789012345678901234567890123456789</style>",
     -1},
    {"<style></ p>b 0123456789012345678901234567890123456789012345678901234567890123456789</style>",
     -1},
    {"<script><p>b 0123456789012345678901234567890123456789012345678901234567890123456789</script>",
     -1},
    {"<style><!-- a{} 0123456789012345678901234567890123456789012345678901234567890123456789 "
     "--></style>",
     1},
    /* texts in other scripts go back byte for byte */
    {"<script type=\"application/ld+json\">{\"@type\": \"Product\", \"name\": \"Корзина ตะกร้า "
     "Καλάθι "
     "Զամբյուղ 0123456789012345678901234567890123456789\"}</script>",
     1},
};

TEST(html_raw_hostile_markup_same_tree_as_libxml2)
{
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int taken = 0;
        if (!hostile(cases[i].fragment, strlen(cases[i].fragment), &taken))
            T_FAIL("case %zu: %s", i, cases[i].fragment);
        else if (cases[i].taken == 1 && !taken)
            T_FAIL("case %zu not taken: %s", i, cases[i].fragment);
    }
}

/* Past libxml2's nesting limit (256) the parse stops: the elements after it are never made,
 * so the restore sees fewer than the reader found, and libxml2 reads the document itself. */
TEST(html_raw_parse_stopped_by_depth_falls_back_same_tree)
{
    struct sa_buf f;
    sa__buf_init(&f, SIZE_MAX);
    for (int i = 0; i < 300; i++) sa__buf_puts(&f, "<div>");
    sa__buf_puts(&f, "deep");
    int taken = 1;
    EXPECT(f.ptr && hostile(f.ptr, f.len, &taken));
    EXPECT_EQ(taken, 0);
    sa__buf_release(&f);
}

/* The restore itself: the elements libxml2 made must be the reader's, in its order. */
static void collect(xmlNode *n, xmlNode **v, size_t *k, size_t cap)
{
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE &&
            (strcmp((const char *)n->name, "script") == 0 ||
             strcmp((const char *)n->name, "style") == 0) &&
            *k < cap)
            v[(*k)++] = n;
        collect(n->children, v, k, cap);
    }
}

TEST(html_raw_restore_refuses_elements_out_of_line)
{
    make_big();
    struct sa_buf d;
    sa__buf_init(&d, SIZE_MAX);
    sa__buf_printf(&d,
                   "<html><head><script>%s</script><style>%s</style></head><body><script>%s"
                   "</script></body></html>",
                   big, big, big);
    ASSERT(d.ptr);
    struct sa__raw r;
    ASSERT(sa__raw_take(d.ptr, d.len, &r) == 1);
    EXPECT_EQ(r.n, 3);
    EXPECT(r.len < 200); /* the texts are out */
    xmlNode *v[4];
    void *pv[4];
    for (int round = 0; round < 4; round++) {
        void *doc = NULL;
        ASSERT(sa__html_parse_way(r.doc, r.len, "https://shop.test/", 0, &doc, NULL) == SA_OK);
        size_t k = 0;
        collect(((xmlDoc *)doc)->children, v, &k, 4);
        EXPECT_EQ(k, 3);
        for (size_t i = 0; i < k; i++) pv[i] = v[i];
        int rc;
        if (round == 0) { /* in line */
            rc = sa__raw_restore(&r, d.ptr, pv, k);
            EXPECT_EQ(rc, SA_OK);
            EXPECT_EQ(strlen((const char *)v[2]->children->content), strlen(big));
        } else if (round == 1) { /* one missing */
            EXPECT_EQ(sa__raw_restore(&r, d.ptr, pv, k - 1), SA_EPARSE);
        } else if (round == 2) { /* two scripts swapped: each holds the other's number */
            void *t = pv[0];
            pv[0] = pv[2];
            pv[2] = t;
            EXPECT_EQ(sa__raw_restore(&r, d.ptr, pv, k), SA_EPARSE);
        } else { /* a script where a style belongs */
            pv[1] = pv[0];
            EXPECT_EQ(sa__raw_restore(&r, d.ptr, pv, k), SA_EPARSE);
        }
        xmlFreeDoc(doc);
    }
    sa__raw_release(&r);
    sa__buf_release(&d);
}

/* Small texts are left to libxml2: the copy would cost more than it saves. */
TEST(html_raw_small_scripts_left_to_libxml2)
{
    static const char doc[] = "<html><head><script>var a = 1;</script></head><body>"
                              "<p>Корзина</p><script>b()</script></body></html>";
    struct sa__raw r;
    EXPECT_EQ(sa__raw_take(doc, sizeof doc - 1, &r), 0);
    EXPECT(r.doc == NULL && r.el == NULL);
    int taken = 1;
    EXPECT(same_tree(doc, sizeof doc - 1, &taken));
    EXPECT_EQ(taken, 0);
}

/* Documents made of the hostile pieces at random (a fixed seed): each must give libxml2's own
 * tree, and enough of them must take the fast way for the comparison to mean something. */
static uint64_t rng = 0x5A17AD17u;

static unsigned rnd(unsigned n)
{
    return t_rand(&rng, n);
}

TEST(html_raw_random_documents_same_tree_as_libxml2)
{
    make_big();
    /* well-formed markup around the texts */
    static const char *const tame[] = {
        "<script>@</script>",
        "<style>@</style>",
        "<script type=\"a>b\">@</script>",
        "<SCRIPT>@</SCRIPT >",
        "<style media='x<y'>@</style\n>",
        "<!-- c -->",
        "<!-- <script> -->",
        "<div class=\"a>b\">",
        "</div>",
        "<p>",
        "text ",
        "<br/>",
        "<script/>",
        "<!DOCTYPE html>",
        "&amp;",
        "Корзина ",
        "ตะกร้า ",
        "<a href='x'>",
        "</a>",
        "<script src=a.js></script>",
        "\n",
        "<img alt=<b>>",
        "<?xml version='1.0'?>",
        "</p>",
    };
    /* the hostile pieces, alone */
    static const char *const wild[] = {
        "<script>",  "</script>",  "<style>",   "</style>", "<SCRIPT type=\"a>b\">",
        "<script/>", "</scriptx>", "<!--",      "-->",      "--!>",
        "<!-->",     "\"",         "'",         ">",        "<",
        "</",        "<div ",      "<p class=", "=",        " ",
        "\r\n",      "x",          "<![CDATA[", "]]>",      "<textarea>",
        "\x01",      "<?",         "?>",        "/>",       "<style media=print>",
        "</ p>",     "<!x>",       "<_x ",      "@",
    };
    const unsigned ntame = sizeof tame / sizeof *tame, nwild = sizeof wild / sizeof *wild;
    int ntaken = 0, n = 4000;
    for (int i = 0; i < n; i++) {
        unsigned wildness = (unsigned)(i % 4) * 3; /* in tenths: 0, 3, 6, 9 */
        struct sa_buf d;
        sa__buf_init(&d, SIZE_MAX);
        int k = 4 + (int)rnd(40);
        for (int j = 0; j < k; j++) {
            const char *p = rnd(10) < wildness ? wild[rnd(nwild)] : tame[rnd(ntame)];
            /* '@' stands for a text worth taking */
            for (const char *at; (at = strchr(p, '@')); p = at + 1) {
                sa__buf_append(&d, p, (size_t)(at - p));
                sa__buf_append(&d, big, 100 + rnd(1400));
            }
            sa__buf_puts(&d, p);
        }
        int taken = 0;
        if (d.ptr && !same_tree(d.ptr, d.len, &taken)) {
            T_FAIL("random document %d differs:\n%.400s", i, d.ptr);
            sa__buf_release(&d);
            break;
        }
        ntaken += taken;
        sa__buf_release(&d);
    }
    fprintf(stderr, "random documents: %d of %d taken\n", ntaken, n);
    EXPECT(ntaken > n / 5);
}

/* Every page of the fixture sites (real shop markup, several charsets decoded first). */
static int pages, pages_same, pages_taken;

static int one_page(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)ftw;
    size_t n = strlen(path);
    if (flag != FTW_F || n < 5 || strcmp(path + n - 5, ".html") != 0) return 0;
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    char *raw = sa__malloc((size_t)st->st_size + 1);
    size_t got = raw ? fread(raw, 1, (size_t)st->st_size, f) : 0;
    fclose(f);
    char cs[32], *utf8 = NULL;
    size_t ulen = 0;
    sa__charset_detect(raw, got, NULL, cs, sizeof cs);
    if (raw && sa__charset_to_utf8(raw, got, cs, &utf8, &ulen) == SA_OK) {
        pages++;
        int taken = 0;
        if (same_tree(utf8, ulen, &taken))
            pages_same++;
        else
            fprintf(stderr, "differs: %s\n", path);
        pages_taken += taken;
    }
    sa__free(utf8);
    sa__free(raw);
    return 0;
}

TEST(html_raw_fixture_pages_same_tree_as_libxml2)
{
    const char *root = getenv("SA_SOURCE_DIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/fixtures", root ? root : ".");
    pages = pages_same = pages_taken = 0;
    nftw(dir, one_page, 16, FTW_PHYS);
    EXPECT(pages > 200);
    EXPECT_EQ(pages_same, pages);
    EXPECT(pages_taken > 0); /* real markup goes the fast way too */
    fprintf(stderr, "fixture pages: %d, the same tree %d, taken %d\n", pages, pages_same,
            pages_taken);
}

TEST_MAIN()
