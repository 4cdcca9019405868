/* Script, style and plain texts read before libxml2 (src/html_raw.c): every document must give
 * the tree libxml2 builds when it reads the texts itself, node for node (sa__html_outline),
 * whether the texts were taken out, or the reader gave up, or the restore saw the readings
 * differ. The hostile cases are the constructs where a reader that does not follow libxml2
 * 2.9.14 would cut in the wrong place; the random documents mix them; the fixture sites are real
 * pages. */
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
            rc = sa__raw_restore(&r, d.ptr, pv, k, r.nruns);
            EXPECT_EQ(rc, SA_OK);
            EXPECT_EQ(strlen((const char *)v[2]->children->content), strlen(big));
        } else if (round == 1) { /* one missing */
            EXPECT_EQ(sa__raw_restore(&r, d.ptr, pv, k - 1, r.nruns), SA_EPARSE);
        } else if (round == 2) { /* two scripts swapped: each holds the other's number */
            void *t = pv[0];
            pv[0] = pv[2];
            pv[2] = t;
            EXPECT_EQ(sa__raw_restore(&r, d.ptr, pv, k, r.nruns), SA_EPARSE);
        } else { /* a script where a style belongs */
            pv[1] = pv[0];
            EXPECT_EQ(sa__raw_restore(&r, d.ptr, pv, k, r.nruns), SA_EPARSE);
        }
        sa__html_free(doc);
    }
    sa__raw_release(&r);
    sa__buf_release(&d);
}

/* Plain text around the places where libxml2 does not simply copy it: references, blanks the
 * prolog skips, characters it drops, a '<' that is text, chunks of 1 000 bytes, our own mark. */
struct tcase {
    const char *fragment;
    int runs; /* the runs the reader must take from the fragment; -1: any number */
};

static const struct tcase tcases[] = {
    {"Delivery within three working days", 1},
    {"Delivery and payment terms &amp; returns within 14 days &nbsp;free for orders over 50 "
     "&#8364; or &#x20AC;50 and even more",
     4},
    {"An unknown entity here &foo; reference in the middle of a long text", 2},
    /* after a reference without its ';' libxml2 may read a name: nothing more is taken */
    {"A long enough reference &foo bar without its semicolon, and long text after it", 1},
    {"Broken &#abc; and &#12a; character references in a long enough text", 1},
    {"A long enough text first &; then &# then & alone and a long enough text after it", 1},
    {"&amp;&lt;&gt;&quot; only references, then a text long enough", 1},
    {"\n\n      Leading and trailing blanks around a long text      \n\n", 1},
    {"a < b and a text long enough to be taken, <3 too, <! and <? as well", -1},
    {"</ p>Text after a dropped end tag, long enough to be taken", -1},
    {"<![CDATA[Text in a bogus CDATA section, long enough]]>", -1},
    {"A control \x01 character in a long enough text", 0},
    {"A long enough text that ends in a control character\x02", 0},
    {"1234567\x01 is at the eighth byte of a long text", 0},
    {"12345678\x1F is at the ninth byte of a long text", 0},
    {"A U+FFFE \xEF\xBF\xBE in a long enough text", 0},
    {"A U+FFFF \xEF\xBF\xBF in a long enough text", 0},
    {"A U+FFFD \xEF\xBF\xBD replacement character in a long enough text", 1},
    {"Line one of a long text\r\nline two of the same text\rline three\n", 1},
    {"\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0", 1},
    {"Корзина пуста. Доставка по России от 3 дней, самовывоз бесплатно", 1},
    {"ตะกร้าสินค้าว่างเปล่า จัดส่งฟรีเมื่อสั่งซื้อครบ 500 บาท", 1},
    {"Το καλάθι σας είναι άδειο. Δωρεάν αποστολή για παραγγελίες", 1},
    {"Ձեր զամբյուղը դատարկ է։ Անվճար առաքում Երևանում", 1},
    {"<textarea>A long text in a text area, read as text</textarea>", 1},
    {"<title>A long title in the body, read as text</title>", 1},
    {"<select>A stray text in a select element<option>An option long enough</option></select>", 2},
    {"<table>Stray text in a table, long enough<tr><td>A cell long enough to "
     "take</td></tr></table>",
     2},
    {"<div title=\"A long attribute value is not text\">and a text that is</div>", 1},
    {"<!-- a comment with a long text in it, not taken -->after it, a long text", 1},
    {"</body></html>Text after the end of the document, long enough", 1},
    {"A private-use \xEE\x80\x80 character in the page keeps its texts in", 0},
};

TEST(html_raw_text_runs_same_tree_as_libxml2)
{
    for (size_t i = 0; i < sizeof tcases / sizeof *tcases; i++) {
        const char *f = tcases[i].fragment;
        int taken = 0;
        if (!hostile(f, strlen(f), &taken)) {
            T_FAIL("case %zu: %s", i, f);
            continue;
        }
        /* the runs of the fragment alone: the frame around it has none but "a" */
        make_big();
        struct sa_buf d;
        sa__buf_init(&d, SIZE_MAX);
        sa__buf_printf(&d, "<html><body><script>%s</script><p>", big);
        sa__buf_puts(&d, f);
        sa__buf_puts(&d, "<p>");
        struct sa__raw r;
        ASSERT(d.ptr && sa__raw_take(d.ptr, d.len, &r) == 1);
        if (tcases[i].runs >= 0 && r.nruns != (size_t)tcases[i].runs)
            T_FAIL("case %zu: %zu runs taken, not %d: %s", i, r.nruns, tcases[i].runs, f);
        for (size_t k = 0; k < r.nruns; k++) { /* a run never begins or ends with a blank */
            const char *p = d.ptr + r.runs[k].at, *e = p + r.runs[k].len - 1;
            EXPECT(*p != ' ' && *p != '\n' && *e != ' ' && *e != '\n' && r.runs[k].len >= 16);
        }
        sa__raw_release(&r);
        sa__buf_release(&d);
    }
}

/* The prolog: libxml2 skips the blanks before the first '<', after the doctype and after the
 * comments before the content, so a run there must leave them out. */
TEST(html_raw_text_after_prolog_same_tree_as_libxml2)
{
    make_big();
    static const char *const heads[] = {
        "<!DOCTYPE html>\n   Text right after the doctype, long enough to take",
        "<!DOCTYPE html><!-- c -->\n\n Text after a comment in the prolog, long enough",
        "<?xml version=\"1.0\"?>   Text after a declaration, long enough to take",
        "\n  Text before any markup at all, long enough to take<p>x",
        "<html>   Text right in html, before the head, long enough to take<head>",
        "<html><head>   Text in the head, long enough to take</head>",
        "<html><head></head>   Text between head and body, long enough<body>",
    };
    for (size_t i = 0; i < sizeof heads / sizeof *heads; i++) {
        struct sa_buf d;
        sa__buf_init(&d, SIZE_MAX);
        sa__buf_printf(&d, "%s<script>%s</script><p>Body text, long enough to take</p>", heads[i],
                       big);
        int taken = 0;
        EXPECT(d.ptr && same_tree(d.ptr, d.len, &taken));
        EXPECT_EQ(taken, 1);
        sa__buf_release(&d);
    }
}

/* A run past libxml2's 1 000-byte chunks: blank chunks inside it and at its end. */
TEST(html_raw_long_runs_same_tree_as_libxml2)
{
    static const int shapes[][3] = {{10, 1200, 10}, {10, 2500, 0}, {1990, 5, 3000}, {0, 999, 1}};
    for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++) {
        struct sa_buf f;
        sa__buf_init(&f, SIZE_MAX);
        sa__buf_puts(&f, "Words before the blanks");
        for (int k = 0; k < shapes[i][0]; k++) sa__buf_puts(&f, "word ");
        for (int k = 0; k < shapes[i][1]; k++) sa__buf_puts(&f, k % 50 ? " " : "\n");
        sa__buf_puts(&f, "Words after the blanks");
        for (int k = 0; k < shapes[i][2]; k++) sa__buf_puts(&f, " ");
        int taken = 0;
        EXPECT(f.ptr && hostile(f.ptr, f.len, &taken));
        EXPECT_EQ(taken, 1);
        sa__buf_release(&f);
    }
}

struct emitted {
    char s[256];
    size_t n;
};

static void emit_into(void *ctx, const char *p, size_t n)
{
    struct emitted *e = ctx;
    if (e->n + n < sizeof e->s) memcpy(e->s + e->n, p, n);
    e->n += n;
}

/* A mark libxml2 does not hand characters() (it read the run as something else) or a mark too
 * many: the restore refuses, and the page is parsed as it is. */
TEST(html_raw_restore_refuses_runs_not_read_as_text)
{
    make_big();
    struct sa_buf d;
    sa__buf_init(&d, SIZE_MAX);
    sa__buf_printf(&d,
                   "<html><body><script>%s</script><p>A first long text to take</p>"
                   "<p>A second long text to take</p></body></html>",
                   big);
    ASSERT(d.ptr);
    struct sa__raw r;
    ASSERT(sa__raw_take(d.ptr, d.len, &r) == 1);
    EXPECT_EQ(r.nruns, 2);
    EXPECT_EQ(sa__raw_restore(&r, d.ptr, NULL, 0, 0), SA_EPARSE); /* nothing made */
    void *doc = NULL;
    ASSERT(sa__html_parse_way(r.doc, r.len, "https://shop.test/", 0, &doc, NULL) == SA_OK);
    xmlNode *v[2];
    void *pv[2];
    size_t k = 0;
    collect(((xmlDoc *)doc)->children, v, &k, 2);
    EXPECT_EQ(k, 1);
    pv[0] = v[0];
    EXPECT_EQ(sa__raw_restore(&r, d.ptr, pv, k, 1), SA_EPARSE); /* a run not given back */
    EXPECT_EQ(sa__raw_restore(&r, d.ptr, pv, k, 2), SA_OK);
    sa__html_free(doc);
    /* a third mark, where two runs were taken */
    struct emitted out = {.n = 0};
    size_t next = 0;
    static const char text[] = "x" SA__RAW_MARK "y" SA__RAW_MARK SA__RAW_MARK;
    EXPECT_EQ(sa__raw_text(&r, d.ptr, text, sizeof text - 1, &next, emit_into, &out), SA_EPARSE);
    EXPECT_EQ(next, 2);
    out.s[out.n] = '\0';
    EXPECT_STREQ(out.s, "xA first long text to takeyA second long text to take");
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

/* n bytes or so of plain text from a random place of a multilingual page's, cut between
 * characters: blanks and new lines inside, at either end, or all blanks. */
static void plain(struct sa_buf *d, unsigned n)
{
    static const char words[] =
        "Free delivery over 50 euro. Returns within 30 days.\n  Корзина пуста, доставка "
        "по России.   ตะกร้าสินค้า จัดส่งฟรี \t Το καλάθι σας. Ձեր զամբյուղը։ \r\n"
        "                                                                               ";
    const size_t len = sizeof words - 1;
    while (n > 0) {
        size_t from = rnd((unsigned)len), to = from + n < len ? from + n : len;
        while (from > 0 && ((unsigned char)words[from] & 0xC0) == 0x80) from--;
        while (to < len && ((unsigned char)words[to] & 0xC0) == 0x80) to++;
        sa__buf_append(d, words + from, to - from);
        n = to - from < n ? n - (unsigned)(to - from) : 0;
    }
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
        "#",
        "<p>#</p>",
        " # &nbsp;# ",
        "#&amp;#",
        "<li><a href='/x'>#</a></li>",
    };
    /* the hostile pieces, alone */
    static const char *const wild[] = {
        "<script>",
        "</script>",
        "<style>",
        "</style>",
        "<SCRIPT type=\"a>b\">",
        "<script/>",
        "</scriptx>",
        "<!--",
        "-->",
        "--!>",
        "<!-->",
        "\"",
        "'",
        ">",
        "<",
        "</",
        "<div ",
        "<p class=",
        "=",
        " ",
        "\r\n",
        "x",
        "<![CDATA[",
        "]]>",
        "<textarea>",
        "\x01",
        "<?",
        "?>",
        "/>",
        "<style media=print>",
        "</ p>",
        "<!x>",
        "<_x ",
        "@",
        "#",
        "&",
        "&#",
        ";",
        "&foo",
        "\xEE\x80\x80",
        "\xEF\xBF\xBE",
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
            /* '@' stands for a script text worth taking, '#' for a plain text */
            for (const char *at; (at = strpbrk(p, "@#")); p = at + 1) {
                sa__buf_append(&d, p, (size_t)(at - p));
                if (*at == '@')
                    sa__buf_append(&d, big, 100 + rnd(1400));
                else
                    plain(&d, rnd(10) ? 1 + rnd(80) : 900 + rnd(1200));
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
