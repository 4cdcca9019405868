/* Charset detection and decoding (src/html.c): the WHATWG order BOM > Content-Type > <meta>
 * prescan > UTF-8 validity > single-byte guess, and decoding that never fails. Inputs are
 * built as byte strings here, so the repository holds no binary test files. Hex escapes are
 * closed by string concatenation ("\xE0" "abc") where a letter follows. */
#include <string.h>

#include <libxml/tree.h>

#include "alloc.h"
#include "html.h"
#include "shopaudit/common.h"
#include "test.h"
#include "utf8.h"

/* "Корзина" and a Russian sentence in windows-1251 and KOI8-R */
#define CART_1251 "\xCA\xEE\xF0\xE7\xE8\xED\xE0"
#define CART_KOI8 "\xEB\xCF\xD2\xDA\xC9\xCE\xC1"
#define DELIVERY_1251                                                                              \
    "\xC4\xEE\xF1\xF2\xE0\xE2\xEA\xE0\x20\xEF\xEE\x20\xCC\xEE\xF1\xEA\xE2\xE5\x20\xE1\xE5\xF1\xEF" \
    "\xEB\xE0\xF2\xED\xEE"
#define DELIVERY_KOI8                                                                              \
    "\xE4\xCF\xD3\xD4\xC1\xD7\xCB\xC1\x20\xD0\xCF\x20\xED\xCF\xD3\xCB\xD7\xC5\x20\xC2\xC5\xD3\xD0" \
    "\xCC\xC1\xD4\xCE\xCF"
#define CART_UTF8     "Корзина"
#define DELIVERY_UTF8 "Доставка по Москве бесплатно"

static char name[32];

static const char *detect(const char *body, size_t len, const char *ctype)
{
    sa__charset_detect(body, len, ctype, name, sizeof name);
    return name;
}

#define DETECT(lit, ctype) detect((lit), sizeof(lit) - 1, (ctype))

/* Decodes and keeps the result in a static buffer the test can compare. */
static char decoded[4096];
static size_t decoded_len;
static int decode(const char *in, size_t len, const char *cs)
{
    char *out = NULL;
    size_t n = 0;
    int rc = sa__charset_to_utf8(in, len, cs, &out, &n);
    decoded[0] = '\0';
    decoded_len = 0;
    if (rc == SA_OK) {
        if (n >= sizeof decoded) n = sizeof decoded - 1;
        memcpy(decoded, out, n);
        decoded[n] = '\0';
        decoded_len = n;
    }
    sa__free(out);
    return rc;
}
#define DECODE(lit, cs) decode((lit), sizeof(lit) - 1, (cs))

TEST(charset_meta_windows1251_converted)
{
    static const char body[] =
        "<html><head><meta charset=\"windows-1251\"></head><body><a>" CART_1251
        "</a></body></html>";
    EXPECT_STREQ(DETECT(body, "text/html"), "windows-1251");
    EXPECT_EQ(DECODE(body, name), SA_OK);
    EXPECT(strstr(decoded, "<a>" CART_UTF8 "</a>") != NULL);
}

TEST(charset_header_beats_meta)
{
    static const char body[] = "<meta charset=windows-1251><p>" CART_KOI8;
    EXPECT_STREQ(DETECT(body, "text/html; charset=\"KOI8-R\""), "koi8-r");
    /* an unknown label in the header is skipped, as browsers do */
    EXPECT_STREQ(DETECT(body, "text/html; charset=x-nonsense"), "windows-1251");
}

TEST(charset_bom_utf16le)
{
    /* BOM, then "<p>Cart ฿350</p>" in UTF-16LE, even against a header saying otherwise */
    static const char body[] = "\xFF\xFE\x3C\x00\x70\x00\x3E\x00\x43\x00\x61\x00\x72\x00\x74\x00"
                               "\x20\x00\x3F\x0E\x33\x00\x35\x00\x30\x00\x3C\x00\x2F\x00\x70\x00"
                               "\x3E\x00";
    EXPECT_STREQ(DETECT(body, "text/html; charset=windows-1252"), "utf-16le");
    EXPECT_EQ(DECODE(body, name), SA_OK);
    EXPECT_STREQ(decoded, "<p>Cart ฿350</p>");
}

TEST(charset_bom_utf8_removed)
{
    static const char body[] = "\xEF\xBB\xBF<p>ok</p>";
    EXPECT_STREQ(DETECT(body, NULL), "utf-8");
    EXPECT_EQ(DECODE(body, name), SA_OK);
    EXPECT_STREQ(decoded, "<p>ok</p>");
}

TEST(charset_koi8r_header)
{
    static const char body[] = "<p>" CART_KOI8 "</p>";
    EXPECT_STREQ(DETECT(body, "text/html;charset=koi8-r"), "koi8-r");
    EXPECT_EQ(DECODE(body, name), SA_OK);
    EXPECT_STREQ(decoded, "<p>" CART_UTF8 "</p>");
}

TEST(charset_tis620_thai)
{
    /* "ตะกร้า", then curly quotes around "ส่งฟรี": 0x93/0x94 exist only in windows-874, the
     * superset WHATWG decodes tis-620 with */
    static const char body[] =
        "<meta http-equiv='Content-Type' content='text/html; charset=tis-620'>"
        "<p>\xB5\xD0\xA1\xC3\xE9\xD2 \x93\xCA\xE8\xA7\xBF\xC3\xD5\x94</p>";
    EXPECT_STREQ(DETECT(body, NULL), "windows-874");
    EXPECT_EQ(DECODE(body, name), SA_OK);
    EXPECT(strstr(decoded, "<p>ตะกร้า “ส่งฟรี”</p>") != NULL);
}

TEST(charset_iso8859_7_greek)
{
    /* attributes in reverse order, unquoted, in capitals */
    static const char body[] =
        "<!-- <meta charset=koi8-r> -->"
        "<META CONTENT=text/html;charset=ISO-8859-7 HTTP-EQUIV=content-type>"
        "<p>\xCA\xE1\xEB\xDC\xE8\xE9 \xC5\xF0\xE9\xEA\xEF\xE9\xED\xF9\xED\xDF"
        "\xE1</p>";
    EXPECT_STREQ(DETECT(body, NULL), "iso-8859-7");
    EXPECT_EQ(DECODE(body, name), SA_OK);
    EXPECT(strstr(decoded, "<p>Καλάθι Επικοινωνία</p>") != NULL);
}

TEST(charset_labels_mapped_as_whatwg)
{
    EXPECT_STREQ(DETECT("<meta charset=latin1>", NULL), "windows-1252");
    EXPECT_STREQ(DETECT("<meta charset=ISO-8859-1>", NULL), "windows-1252");
    EXPECT_STREQ(DETECT("<meta charset=us-ascii>", NULL), "windows-1252");
    EXPECT_STREQ(DETECT("<meta charset=x-cp1251>", NULL), "windows-1251");
    EXPECT_STREQ(DETECT("<meta charset=cp1251>", NULL), "windows-1251");
    EXPECT_STREQ(DETECT("<meta charset=iso-8859-11>", NULL), "windows-874");
    EXPECT_STREQ(DETECT("<meta charset=greek>", NULL), "iso-8859-7");
    EXPECT_STREQ(DETECT("<meta charset=windows-1253>", NULL), "windows-1253");
    EXPECT_STREQ(DETECT("<meta charset=koi8-u>", NULL), "koi8-u");
    EXPECT_STREQ(DETECT("<meta charset=' UTF8 '>", NULL), "utf-8");
    /* a meta in an ASCII-compatible document cannot mean UTF-16 */
    EXPECT_STREQ(DETECT("<meta charset=utf-16>", NULL), "utf-8");
    /* content= without http-equiv is not a pragma */
    EXPECT_STREQ(DETECT("<meta content='text/html; charset=koi8-r'><p>x", NULL), "utf-8");
    /* the Content-Type header may well say UTF-16 */
    EXPECT_STREQ(DETECT("<p>x", "text/html; charset=utf-16be"), "utf-16be");
}

TEST(charset_prescan_stops_at_1024_bytes)
{
    char body[1200];
    memset(body, ' ', sizeof body);
    memcpy(body, "<p>", 3);
    memcpy(body + 1100, "<meta charset=koi8-r>", 21);
    EXPECT_STREQ(detect(body, sizeof body, NULL), "utf-8");
    memcpy(body + 1000, "<meta charset=koi8-r>", 21);
    EXPECT_STREQ(detect(body, sizeof body, NULL), "koi8-r");
}

TEST(charset_invalid_utf8_replaced)
{
    /* a stray 0xFF, a lone continuation byte and a NUL in UTF-8 text */
    static const char body[] = "<p>a\xFF"
                               "b\x80"
                               "c\0d</p>";
    EXPECT_STREQ(DETECT(body, "text/html; charset=utf-8"), "utf-8");
    EXPECT_EQ(DECODE(body, name), SA_OK);
    EXPECT_STREQ(decoded, "<p>a\xEF\xBF\xBD"
                          "b\xEF\xBF\xBD"
                          "cd</p>");
    EXPECT_EQ(decoded_len, strlen("<p>a\xEF\xBF\xBD"
                                  "b\xEF\xBF\xBD"
                                  "cd</p>"));
}

/* Validation reads ASCII eight bytes at a time, and two-byte letters apart: a good or bad
 * sequence (cut short, stray, overlong, a lead byte without its continuation, a surrogate, past
 * U+10FFFF) is judged the same after any run of ASCII and before any. */
TEST(charset_utf8_valid_at_every_alignment)
{
    static const char *const seqs[] = {
        "\xD0\x96", "\xE0\xB8\x81", "\xF0\x9F\x9B\x92", /* valid: Ж, ก, 🛒 */
        "\xFF",     "\xC0\xAF",     "\xED\xA0\x80",     "\xE0\x80\xAF", "\xF4\x90\x80\x80", "\xD0",
        "\xE0\xB8", "\x80",         "\xC1\xBF",         "\xDF\xC0",     "\xD0\xD0\x96"};
    char buf[64];
    size_t checked = 0;
    for (size_t s = 0; s < sizeof seqs / sizeof *seqs; s++) {
        size_t k = strlen(seqs[s]);
        for (size_t pre = 0; pre < 20; pre++)
            for (size_t post = 0; post < 12; post++) {
                memset(buf, 'a', pre);
                memcpy(buf + pre, seqs[s], k);
                memset(buf + pre + k, 'b', post);
                EXPECT_EQ(sa__utf8_valid(buf, pre + k + post), s < 3);
                checked++;
            }
    }
    EXPECT(checked > 2000);
}

/* Characters are counted eight bytes at a time: every stretch of a mixed text (ASCII,
 * Cyrillic, Thai, an emoji, stray and cut bytes) counts as its bytes that start a character. */
TEST(charset_utf8_chars_at_every_alignment)
{
    static const char text[] =
        "Корзина: 2 ชิ้น 🛒 total\xFF\x80 ok \xD0 Ελλάδα, Հայաստան";
    size_t n = sizeof text - 1, checked = 0;
    for (size_t a = 0; a < n; a++)
        for (size_t b = a; b <= n; b++) {
            size_t want = 0;
            for (size_t i = a; i < b; i++) want += ((unsigned char)text[i] & 0xC0) != 0x80;
            EXPECT_EQ(sa__utf8_chars(text + a, b - a), want);
            checked++;
        }
    EXPECT(checked > 2000);
    EXPECT_EQ(sa__utf8_chars("Корзина", strlen("Корзина")), 7);
}

/* sa__utf8_more_chars tells "more than max characters" counting only as far as it must: for
 * every stretch of a mixed text (a run of stray continuation bytes, which count as nothing,
 * included) and every max up to its length, it says what the count says. */
TEST(charset_utf8_more_chars_agrees_with_the_count)
{
    static const char text[] =
        "Корзина: 2 ชิ้น 🛒 total\xFF\x80 ok \xD0"
        " Ελλάδα, Հայաստան 🛒🛒🛒🛒 ชิ้นชิ้น"
        "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80 end";
    size_t n = sizeof text - 1, checked = 0;
    for (size_t a = 0; a < n; a += 3)
        for (size_t b = a; b <= n; b++) {
            size_t chars = sa__utf8_chars(text + a, b - a);
            for (size_t max = 0; max <= b - a + 1; max++) {
                EXPECT_EQ(sa__utf8_more_chars(text + a, b - a, max), chars > max);
                checked++;
            }
        }
    EXPECT(checked > 100000);
}

TEST(charset_invalid_single_byte_replaced)
{
    /* 0x98 is undefined in windows-1251, 0xDB..0xDE in windows-874; decoding goes on */
    EXPECT_EQ(DECODE("a\x98"
                     "b",
                     "windows-1251"),
              SA_OK);
    EXPECT_STREQ(decoded, "a\xEF\xBF\xBD"
                          "b");
    EXPECT_EQ(DECODE("\xB5\xDB\xB5", "windows-874"), SA_OK);
    EXPECT_STREQ(decoded, "ต\xEF\xBF\xBDต");
    /* a UTF-16 text cut in the middle of a code unit */
    EXPECT_EQ(DECODE("\x41\x00\x42", "utf-16le"), SA_OK);
    EXPECT_STREQ(decoded, "A\xEF\xBF\xBD");
}

TEST(charset_undeclared_cp1251_guessed)
{
    static const char body[] =
        "<html><body><h1>" DELIVERY_1251 "</h1><a>" CART_1251 "</a></body></html>";
    EXPECT_STREQ(DETECT(body, "text/html"), "windows-1251");
    EXPECT_EQ(DECODE(body, name), SA_OK);
    EXPECT(strstr(decoded, "<h1>" DELIVERY_UTF8 "</h1><a>" CART_UTF8 "</a>") != NULL);
}

TEST(charset_undeclared_koi8r_guessed)
{
    static const char body[] = "<p>" DELIVERY_KOI8 "</p><p>" CART_KOI8 "</p>";
    EXPECT_STREQ(DETECT(body, NULL), "koi8-r");
    EXPECT_EQ(DECODE(body, name), SA_OK);
    EXPECT_STREQ(decoded, "<p>" DELIVERY_UTF8 "</p><p>" CART_UTF8 "</p>");
}

TEST(charset_undeclared_western_is_windows1252)
{
    /* "Café, crème brûlée: 5 €" in windows-1252: accents stand alone among ASCII letters */
    static const char body[] = "<p>Caf\xE9, cr\xE8me br\xFBl\xE9"
                               "e: 5 \x80</p>";
    EXPECT_STREQ(DETECT(body, NULL), "windows-1252");
    EXPECT_EQ(DECODE(body, name), SA_OK);
    EXPECT_STREQ(decoded, "<p>Café, crème brûlée: 5 €</p>");
}

TEST(charset_utf8_cut_at_end_still_utf8)
{
    /* "Корзина" with its last character cut in half by --max-bytes */
    static const char body[] = "<p>Корзин\xD0";
    EXPECT_STREQ(DETECT(body, NULL), "utf-8");
    EXPECT_EQ(DECODE(body, name), SA_OK);
    EXPECT_STREQ(decoded, "<p>Корзин\xEF\xBF\xBD");
}

TEST(charset_unknown_name_decoded_as_windows1252)
{
    EXPECT_EQ(DECODE("x\xE9", "no-such-charset"), SA_OK);
    EXPECT_STREQ(decoded, "xé");
    EXPECT_EQ(DECODE("", "koi8-r"), SA_OK);
    EXPECT_STREQ(decoded, "");
    EXPECT_EQ(decoded_len, 0);
}

TEST(charset_oom_returns_enomem)
{
    sa__alloc_fail_at(1);
    EXPECT_EQ(DECODE(CART_1251, "windows-1251"), SA_ENOMEM);
    sa__alloc_fail_at(1);
    EXPECT_EQ(DECODE("plain", "utf-8"), SA_ENOMEM);
    sa__alloc_fail_at(0);
}

#define IS_HTML(lit, ctype) sa__html_is_html((lit), sizeof(lit) - 1, (ctype))

/* Pages that already are what decoding gives are read where they lie; any other gets the
 * decoded copy, the same bytes sa__charset_to_utf8 makes. */
TEST(charset_utf8_view_borrows_only_what_needs_no_change)
{
    static const struct {
        const char *in;
        size_t len;
        const char *cs;
        int borrowed;
        size_t skip; /* bytes of in before the view starts */
    } cases[] = {
#define LIT(s) s, sizeof(s) - 1
        {LIT("<p>" CART_UTF8 "</p>"), "utf-8", 1, 0},
        {LIT("\xEF\xBB\xBF<p>x</p>"), "UTF8", 1, 3}, /* a label, and a BOM */
        {LIT("<p>a\0b</p>"), "utf-8", 0, 0},         /* a NUL is dropped */
        {LIT("<p>\xC3</p>"), "utf-8", 0, 0},         /* invalid: replaced */
        {LIT("<p>" CART_1251 "</p>"), "windows-1251", 0, 0},
        {LIT("<p>plain</p>"), "iso-8859-1", 0, 0}, /* another charset is decoded */
        {LIT(""), "utf-8", 1, 0},
#undef LIT
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *out = NULL;
        char *owned = NULL;
        size_t n = 0;
        ASSERT(sa__charset_utf8_view(cases[i].in, cases[i].len, cases[i].cs, &out, &n, &owned) ==
               SA_OK);
        if ((owned == NULL) != cases[i].borrowed) T_FAIL("case %zu: owned %p", i, (void *)owned);
        if (cases[i].borrowed) EXPECT(out == cases[i].in + cases[i].skip);
        if (!cases[i].borrowed) EXPECT(out == owned);
        /* the same bytes as the copying decoder's */
        EXPECT_EQ(decode(cases[i].in, cases[i].len, cases[i].cs), SA_OK);
        EXPECT_EQ(n, decoded_len);
        EXPECT(n == 0 || memcmp(out, decoded, n) == 0);
        sa__free(owned);
    }
}

TEST(html_is_html_by_type_or_bytes)
{
    EXPECT_EQ(IS_HTML("{}", "text/html; charset=utf-8"), 1);
    EXPECT_EQ(IS_HTML("x", "application/xhtml+xml"), 1);
    EXPECT_EQ(IS_HTML("<html>", "application/json"), 0);
    EXPECT_EQ(IS_HTML("<html>", "image/png"), 0);
    EXPECT_EQ(IS_HTML("\xEF\xBB\xBF  \n<!DOCTYPE HTML><p>", NULL), 1);
    EXPECT_EQ(IS_HTML("<body class=x>", "application/octet-stream"), 1);
    EXPECT_EQ(IS_HTML("<!-- c -->", ""), 1);
    EXPECT_EQ(IS_HTML("<bodyguard>", NULL), 0);
    EXPECT_EQ(IS_HTML("%PDF-1.4", NULL), 0);
    EXPECT_EQ(IS_HTML("\xFF\xFE<\0h\0t\0m\0l\0>\0", NULL), 1);
    EXPECT_EQ(sa__html_is_html(NULL, 0, NULL), 0);
}

TEST(html_parse_empty_body_gives_document)
{
    void *doc = NULL;
    EXPECT_EQ(sa__html_parse("", 0, "https://shop.test/", &doc), SA_OK);
    EXPECT(doc != NULL);
    sa__html_free(doc);
}

TEST_MAIN()
