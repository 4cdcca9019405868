/* Check-level tests for readable_text (basics) and promo_fine_print (promotions): small shop
 * pages built with the real page model and lexicon, shown to one check the way the engine
 * does, and the verdict asserted: status, the score the formula in docs/checks/<id>.md gives,
 * the summary and the evidence a shop owner would be shown. Pages are written the way shop
 * themes write them, in English, Russian, Thai, Greek and Armenian, with the pitfalls of
 * RETENTION_CRITERIA.md: Thai runs without spaces, fine print that is legitimately small,
 * asterisks on required form fields, menu links that only name a promotion. The checks are not
 * in the registry yet, so they run by definition (RUN_DEF). */
#include "check_driver.h"

extern const struct sa_check sa_check_readable_text;
extern const struct sa_check sa_check_promo_fine_print;

#define X4(s)  s s s s
#define X16(s) X4(X4(s))

/* ---- readable_text ---- */

/* A Greek furniture theme that sets the root to 62.5% and body text in rem (16px): neither
 * the root rule nor the 10px badge, the 11px footer copyright (a rule and an inline style on
 * a short line) or the <small> VAT line is body text set too small; a commented-out rule, a
 * print-only rule and an HTML comment are not read. */
#define EL_STYLE                                                                                   \
    "<style>html { font-size: 62.5%; } body { font: 1.6rem/1.5 Arial, sans-serif; }"               \
    " .badge { font-size: 10px; } footer .copyright { font-size: 11px; }"                          \
    " /* p { font-size: 10px; } */ @media print { p { font-size: 8pt; } }</style>"
#define EL_RT_HEADER                                                                                           \
    "<header><a class=\"logo\" href=\"/\">Έπιπλα Κ.</a><nav><ul><li><a "                                \
    "href=\"/kanapedes\">ΚΑΝΑΠΕΔΕΣ</a></li><li><a href=\"/kalathi\">ΚΑΛΑΘΙ</a></li></ul></nav>" \
    "</header>"
#define EL_RT_FOOTER                                                                               \
    "<footer><p class=\"copyright\" style=\"font-size:11px\">© 2025 Έπιπλα Κ.</p><!-- <p " \
    "style=\"font-size:9px\">Παλιοί "                                                        \
    "όροι πώλησης που δεν ισχύουν πια και δεν εμφανίζονται.</p> --></footer>"

TEST(check_readable_text_body_text_readable_passes_el)
{
    static const struct pg pages[] = {
        {"https://epipla.test/",
         DOC_HEAD("el", VIEWPORT EL_STYLE, "Έπιπλα Κ.",
                  EL_RT_HEADER
                  "<main><h1>Έπιπλα για κάθε σπίτι</h1><div class=\"card\"><div "
                  "class=\"badge\">-20%</div><h3>Καναπές Roma</h3><p>Τριθέσιος "
                  "καναπές με ύφασμα που καθαρίζεται εύκολα.</p></div></main>" EL_RT_FOOTER)},
        {"https://epipla.test/proion/kanapes-roma",
         DOC_HEAD("el", VIEWPORT EL_STYLE, "Καναπές Roma",
                  EL_RT_HEADER
                  "<main><h1>Καναπές Roma</h1><p class=\"price\">749,00 €</p><h2>Περιγραφή</h2>"
                  "<p>Ο καναπές Roma έχει σκελετό από μασίφ ξύλο οξιάς και μαξιλάρια με αφρό "
                  "υψηλής πυκνότητας.</p><p>Το ύφασμα αφαιρείται και πλένεται στους 30 "
                  "βαθμούς.</p><p><small>Οι τιμές περιλαμβάνουν ΦΠΑ 24% και δεν περιλαμβάνουν "
                  "μεταφορικά.</small></p></main>" EL_RT_FOOTER)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_readable_text, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "No tiny fonts, walls of text or unbroken strings were found on the 2 "
                            "page(s) audited.");
    EXPECT_STREQ(v.recommendation, "");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://epipla.test/", "main",
              "no tiny font, wall of text or unbroken string; longest text block 51 characters");
    EXPECT_EV(&v, 1, "https://epipla.test/proion/kanapes-roma", "main",
              "no tiny font, wall of text or unbroken string; longest text block 89 characters");
    sa_verdict_release(&v);
}

/* A Russian theme that shrinks the root to 10px and sets descriptions at 1.1rem: 11px on the
 * product page. The old price (a struck-through number) and the footer may be small; neither
 * is body text. 1 page of 3: 1 − 1/3. */
#define RU_RT_HEADER                                                                               \
    "<header><a class=\"logo\" href=\"/\">Домик</a><a class=\"cart\" "                        \
    "href=\"/korzina/\">Корзина (1)</a></header>"
#define RU_RT_STYLE                                                                                \
    "<style>html{font-size:62.5%}body{font-size:1.6rem}.price-old{font-size:11px;"                 \
    "text-decoration:line-through}footer p{font-size:11px}.product-description p{font-size:"       \
    "1.1rem;line-height:1.3}</style>"

TEST(check_readable_text_tiny_description_rule_partial_ru)
{
    static const struct pg pages[] = {
        {"https://domik.test/",
         DOC("ru", "Домик",
             RU_RT_HEADER "<main><h1>Товары для дома</h1><p>Посуда, текстиль и "
                          "декор с доставкой по России.</p></main>")},
        {"https://domik.test/katalog/posuda/",
         DOC("ru", "Посуда",
             RU_RT_HEADER "<main><h1>Посуда</h1><p>Чайники, кастрюли и "
                          "сковороды.</p></main>")},
        {"https://domik.test/tovar/chaynik-123/",
         DOC_HEAD("ru", VIEWPORT RU_RT_STYLE, "Чайник электрический",
                  RU_RT_HEADER "<main><h1>Чайник электрический</h1><p><span "
                               "class=\"price-old\">2 990 руб.</span> 2 490 руб.</p><div "
                               "class=\"product-description\"><p>Корпус из нержавеющей стали, "
                               "объём 1,7 л, мощность 2200 Вт.</p></div></main><footer><p>© "
                               "Домик</p></footer>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_readable_text, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 1.0 - 1.0 / 3.0, 1e-9);
    EXPECT_STREQ(v.summary, "Text is hard to read on 1 of 3 page(s): tiny fonts.");
    EXPECT(v.recommendation && strstr(v.recommendation, "16px") != NULL);
    EXPECT_EQ(v.evidence.n, 3); /* the rule first, then the two good pages */
    EXPECT_EV(&v, 0, "https://domik.test/tovar/chaynik-123/", "(//style)[1]",
              ".product-description p { font-size:1.1rem }");
    EXPECT_EV(&v, 1, "https://domik.test/", "main",
              "no tiny font, wall of text or unbroken string; longest text block 47 characters");
    sa_verdict_release(&v);
}

/* Thai runs on without spaces between words, so a long Thai paragraph is no "unbroken string"
 * (browsers wrap Thai by dictionary); but 2 623 characters in one <p> is a wall of text. The
 * same text split with <br><br> is formatted. 1 page of 2: 1 − 1/2. */
#define TH_SENTENCE "ขนมไทยของเราทำสดใหม่ทุกวันจากวัตถุดิบธรรมชาติไม่ใส่สารกันบูดและไม่ใส่สีสังเคราะห์ "
#define TH_RT_HEADER                                                                               \
    "<header><a class=\"logo\" href=\"/\">ร้านไทย</a><a class=\"cart\" "             \
    "href=\"/cart\">ตะกร้า</a></header>"

TEST(check_readable_text_wall_of_thai_text_partial_th)
{
    static const struct pg pages[] = {
        {"https://ranthai.test/product/thong-yip/",
         DOC("th", "ทองหยิบ",
             TH_RT_HEADER "<main><h1>ทองหยิบ</h1><div class=\"product-description\"><p>" X16(
                 TH_SENTENCE) X16(TH_SENTENCE) "</p></div></main>")},
        {"https://ranthai.test/product/foi-thong/",
         DOC("th", "ฝอยทอง",
             TH_RT_HEADER "<main><h1>ฝอยทอง</h1><div class=\"product-description\"><p>" X4(
                 TH_SENTENCE) X4(TH_SENTENCE) "<br><br>" X16(TH_SENTENCE) "<br><br>" X4(TH_SENTENCE)
                 X4(TH_SENTENCE) "</p></div></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_readable_text, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.5, 1e-9);
    EXPECT_STREQ(v.summary, "Text is hard to read on 1 of 2 page(s): walls of text.");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://ranthai.test/product/thong-yip/",
              "main > div.product-description > p",
              "2623 characters without a paragraph break: ขนมไทยของเราทำสดใหม่ทุกวันจากวัตถ…");
    EXPECT_EV(&v, 1, "https://ranthai.test/product/foi-thong/", "main",
              "no tiny font, wall of text or unbroken string; longest text block 2623 "
              "characters");
    sa_verdict_release(&v);
}

/* An Armenian theme that sets descriptions in an inline 10px (and an old <font size=1>), and a
 * blog post with a tracking link pasted as text: 98 characters a phone cannot wrap. The
 * <small> delivery note is fine print, not a tiny font. 3 pages of 4: most, so fail. */
#define HY_RT_HEADER                                                                               \
    "<header><a class=\"logo\" href=\"/hy/\">Գորգեր</a><a class=\"cart\" "                   \
    "href=\"/hy/cart\">Զամբյուղ</a></header>"

TEST(check_readable_text_tiny_inline_on_most_pages_fails_hy)
{
    static const struct pg pages[] = {
        {"https://gorger.test/hy/apranq/gorg-12",
         DOC("hy", "Գորգ «Արցախ»",
             HY_RT_HEADER "<main><h1>Գորգ «Արցախ»</h1><div class=\"desc\" "
                          "style=\"font-size:10px\"><p>Ձեռագործ գորգը հյուսված է բնական բրդից և "
                          "ներկված է բուսական ներկերով։</p></div><p><small>Առաքումը Երևանում "
                          "անվճար է 50 000 ֏-ից սկսած պատվերների համար։</small></p></main>")},
        {"https://gorger.test/hy/apranq/gorg-14",
         DOC("hy", "Գորգ «Սյունիք»",
             HY_RT_HEADER "<main><h1>Գորգ «Սյունիք»</h1><p><font size=\"1\">Գորգի չափսերն են "
                          "200 × 300 սմ, խտությունը՝ 250 000 հանգույց մ²-ում։</font></p></main>")},
        {"https://gorger.test/hy/blog/garun",
         DOC("hy", "Գարնանային հավաքածու",
             HY_RT_HEADER "<main><h1>Գարնանային հավաքածու</h1><p>Կարդացեք ավելին՝ "
                          "https://gorger.test/hy/apranq/gorg12?utm_source=newsletter&amp;utm_"
                          "medium=email&amp;utm_campaign=garun2025</p></main>")},
        {"https://gorger.test/hy/mer-masin",
         DOC("hy", "Մեր մասին",
             HY_RT_HEADER "<main><h1>Մեր մասին</h1><p>Ընտանեկան արհեստանոց 1998 թվականից։</p>"
                          "</main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_readable_text, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary,
                 "Text is hard to read on 3 of 4 page(s): tiny fonts, unbroken strings.");
    EXPECT(v.recommendation && strstr(v.recommendation, "12px") != NULL);
    EXPECT_EQ(v.evidence.n, 4);
    EXPECT_EV(
        &v, 0, "https://gorger.test/hy/apranq/gorg-12", "main > div.desc > p",
        "font below 12px: Ձեռագործ գորգը հյուսված է բնական բրդից և ներկված է բուսական ներկե…");
    EXPECT_EV(
        &v, 1, "https://gorger.test/hy/apranq/gorg-14", "main > p > font",
        "font below 12px: Գորգի չափսերն են 200 × 300 սմ, խտությունը՝ 250 000 հանգույց մ²-ում։");
    EXPECT_EV(&v, 2, "https://gorger.test/hy/blog/garun", "main > p",
              "98 characters without a place to wrap: "
              "https://gorger.test/hy/apranq/gorg12?utm_source=newsletter&utm_medium=email&utm_"
              "campaign=garun2025");
    EXPECT_EV(&v, 3, "https://gorger.test/hy/mer-masin", "main",
              "no tiny font, wall of text or unbroken string; longest text block 35 characters");
    sa_verdict_release(&v);
}

/* A rule inside @media (max-width) applies on phones and counts; a <style media="print"> and
 * an @media print block do not, whatever braces its quoted strings hold. The font shorthand is
 * read too. 1 page of 2. */
TEST(check_readable_text_mobile_media_rule_counts_print_does_not_partial_en)
{
    static const struct pg pages[] = {
        {"https://linen.test/",
         DOC_HEAD("en",
                  VIEWPORT "<style media=\"print\">body { font-size: 9px; }</style><style>body "
                           "{ font: 16px/1.5 Georgia, serif; } @media print { .rte { font-size: "
                           "8pt; } }</style>",
                  "Linen & Co",
                  "<main><h1>Linen for every day</h1><p>Washed linen sheets and towels.</p>"
                  "</main>")},
        {"https://linen.test/products/linen-shirt",
         DOC_HEAD("en",
                  VIEWPORT "<style>body { font: 16px/1.5 Georgia, serif; } @media print { "
                           ".rte::after { content: '}}'; } .rte p { font-size: 7px; } .rte::before "
                           "{ content: \"}}\"; } .rte li { font-size: 6px; } } @media (max-width: "
                           "749px) { .product__description.rte { font: 11px/1.4 Georgia, serif; "
                           "} }</style>",
                  "Linen shirt",
                  "<main><h1>Linen shirt</h1><div class=\"product__description rte\"><p>Stone-"
                  "washed linen, relaxed fit.</p></div></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_readable_text, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.5, 1e-9);
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://linen.test/products/linen-shirt", "(//style)[1]",
              ".product__description.rte { font: 11px/1.4 Georgia, serif }");
    EXPECT_EV(&v, 1, "https://linen.test/", "main",
              "no tiny font, wall of text or unbroken string; longest text block 31 characters");
    sa_verdict_release(&v);
}

/* Unbroken strings of exactly 50 characters (the threshold) are found wherever they sit in a
 * block: 50 Latin letters at its start (50 bytes, the smallest a run can take), 50 Cyrillic ones
 * at its end (100 bytes); 49 are not, nor two runs joined by a hyphen. The pages are scanned in
 * windows of bytes first, and only those with a window without a space are walked. */
TEST(check_readable_text_unbroken_strings_at_the_threshold_ru_en)
{
    static const struct pg pages[] = {
        {"https://shop.test/a",
         DOC("ru", "Товар",
             "<main><h1>Товар</h1><p>ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ "
             "слово</p></main>")},
        {"https://shop.test/b",
         DOC("ru", "Товар",
             "<main><h1>Товар</h1><p>слово "
             "ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ</p></main>")},
        {"https://shop.test/c",
         DOC("en", "Item",
             "<main><h1>Item</h1><p>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa "
             "word</p></main>")},
        {"https://shop.test/d",
         DOC("en", "Item",
             "<main><h1>Item</h1><p>word "
             "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb-"
             "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb and "
             "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb</p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_readable_text, pages, &v));
    EXPECT_EQ(v.evidence.n, 4);
    int found[4] = {0};
    for (size_t i = 0; i < v.evidence.n; i++) {
        const struct sa_evidence *e = &v.evidence.items[i];
        int k = e->url[strlen(e->url) - 1] - 'a';
        ASSERT(k >= 0 && k < 4);
        found[k] = strstr(e->snippet, "50 characters without a place to wrap: ") == e->snippet;
    }
    EXPECT(!found[0]);
    EXPECT(found[1]);
    EXPECT(found[2]);
    EXPECT(!found[3]);
    sa_verdict_release(&v);
}

/* Nothing was crawled (an interrupted audit): there is no text to judge. */
/* Every page of a theme carries the same <style> elements: the sheets are read once and their
 * findings given again to each page with the same bytes, so each such page counts, the rule
 * is cited once, from the second <style> where it is; a page with other sheets (or none) in
 * between changes nothing. 3 pages of 5: most of the site. */
#define EN_THEME_STYLE                                                                             \
    "<style>body { font-size: 16px; }</style><style>.desc p { font-size: 11px; }</style>"
#define EN_OTHER_STYLE "<style>.desc p { font-size: 15px; }</style>"
#define EN_DESC        "<main><div class=\"desc\"><p>Hand-thrown stoneware mug, 350 ml.</p></div></main>"

TEST(check_readable_text_same_theme_sheets_count_on_every_page_fails_en)
{
    static const struct pg pages[] = {
        {"https://mugs.test/a", DOC_HEAD("en", VIEWPORT EN_THEME_STYLE, "Mug A", EN_DESC)},
        {"https://mugs.test/b", DOC_HEAD("en", VIEWPORT EN_THEME_STYLE, "Mug B", EN_DESC)},
        {"https://mugs.test/c", DOC("en", "Mug C", EN_DESC)},
        {"https://mugs.test/d", DOC_HEAD("en", VIEWPORT EN_OTHER_STYLE, "Mug D", EN_DESC)},
        {"https://mugs.test/e", DOC_HEAD("en", VIEWPORT EN_THEME_STYLE, "Mug E", EN_DESC)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_readable_text, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "Text is hard to read on 3 of 5 page(s): tiny fonts.");
    EXPECT_EQ(v.evidence.n, 3);
    EXPECT_EV(&v, 0, "https://mugs.test/a", "(//style)[2]", ".desc p { font-size: 11px }");
    EXPECT_EV(&v, 1, "https://mugs.test/c", "main",
              "no tiny font, wall of text or unbroken string; longest text block 34 characters");
    EXPECT_EV(&v, 2, "https://mugs.test/d", "main",
              "no tiny font, wall of text or unbroken string; longest text block 34 characters");
    sa_verdict_release(&v);
}

/* A hostile sheet of 70 000 empty rules ("a{}", three bytes each): the first 65 536 rules
 * of a page are judged, so the list stays within 2 MiB; a tiny font before them is found,
 * one after them is not, and neither page costs more than its sheet's bytes to read. */
static char *flood_page(int tiny_first)
{
    static const char head[] =
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">" VIEWPORT "<style>",
                      tiny[] = ".desc p{font-size:11px}",
                      tail[] = "</style><title>Mug</title></head><body>" EN_DESC "</body></html>";
    size_t n = 70000, len = sizeof head + sizeof tiny + 3 * n + sizeof tail;
    char *h = malloc(len), *o = h;
    if (!h) return NULL;
    o += sprintf(o, "%s%s", head, tiny_first ? tiny : "");
    for (size_t i = 0; i < n; i++, o += 3) memcpy(o, "a{}", 3);
    sprintf(o, "%s%s", tiny_first ? "" : tiny, tail);
    return h;
}

TEST(check_readable_text_rules_past_the_cap_not_judged_en)
{
    char *a = flood_page(1), *b = flood_page(0);
    ASSERT(a && b);
    const struct pg pages[] = {{"https://mugs.test/a", a}, {"https://mugs.test/b", b}};
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_readable_text, pages, &v));
    EXPECT_STREQ(v.summary, "Text is hard to read on 1 of 2 page(s): tiny fonts.");
    EXPECT_EV(&v, 0, "https://mugs.test/a", "(//style)[1]", ".desc p { font-size:11px }");
    EXPECT(ev_find(&v, "https://mugs.test/b", "(//style)[1]") < 0);
    sa_verdict_release(&v);
    free(a);
    free(b);
}

TEST(check_readable_text_no_page_not_applicable)
{
    struct sa_verdict v;
    ASSERT(run_check_def(&sa_check_readable_text, NULL, 0, 0, &v));
    EXPECT_EQ(v.status, SA_STATUS_NOT_APPLICABLE);
    EXPECT_STREQ(v.summary, "No page was audited.");
    EXPECT_STREQ(v.recommendation, "");
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://shop.test/", "site", "no HTML page");
    sa_verdict_release(&v);
}

/* ---- promo_fine_print ---- */

/* An Armenian shop without promotions: the contact form marks its required fields with
 * asterisks and explains them below ("* Պարտադիր դաշտեր"), which is no fine print. */
TEST(check_promo_fine_print_no_promotion_form_asterisks_pass_hy)
{
    static const struct pg pages[] = {
        {"https://gorger.test/hy/",
         DOC("hy", "Գորգեր",
             HY_RT_HEADER "<main><h1>Ձեռագործ գորգեր</h1><p>Ընտանեկան արհեստանոց 1998 "
                          "թվականից։</p></main>")},
        {"https://gorger.test/hy/kap",
         DOC("hy", "Կապ",
             HY_RT_HEADER "<main><h1>Կապ</h1><form class=\"contact\" method=\"post\"><label "
                          "for=\"n\">Անուն*</label><input id=\"n\" name=\"name\" required><label "
                          "for=\"m\">Էլ. փոստ*</label><input id=\"m\" type=\"email\" required>"
                          "<textarea name=\"msg\"></textarea><button type=\"submit\">Ուղարկել"
                          "</button></form><p class=\"form-note\">* Պարտադիր դաշտեր</p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_promo_fine_print, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.recommendation, "");
    EXPECT_STREQ(v.summary, "No promotion was found on the 2 page(s) audited.");
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://gorger.test/hy/", "site",
              "no promotion found on the 2 page(s) audited");
    sa_verdict_release(&v);
}

/* An English tea shop that states its offers plainly: a quantity offer in the banner itself
 * ("buy 3, get 1 free"), a "-20%" badge, an asterisked claim whose condition follows it in
 * the same size, and a schema.org offer with its strikethrough price. Not claims: the "Sale"
 * menu item (it points to promotions), a "Sale" tab going nowhere (href="#"), and the cart's
 * coupon field labelled "Promo code*" (a required field, no fine print). 4 claims, all
 * honest. */
#define EN_TEA_HEADER                                                                              \
    "<header><a class=\"logo\" href=\"/\">Kettle &amp; Leaf</a><nav><ul><li><a "                   \
    "href=\"/collections/tea\">Tea</a></li><li><a href=\"/collections/sale\">Sale</a></li></ul>"   \
    "</nav><a class=\"cart\" href=\"/cart\">Cart (0)</a></header>"
#define EN_TEA_JSONLD                                                                              \
    "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":"         \
    "\"Product\",\"name\":\"Sencha Kyoto\",\"offers\":{\"@type\":\"Offer\",\"price\":\"11.60\","   \
    "\"priceCurrency\":\"USD\",\"priceSpecification\":{\"@type\":\"UnitPriceSpecification\","      \
    "\"priceType\":\"https://schema.org/StrikethroughPrice\",\"price\":\"14.50\","                 \
    "\"priceCurrency\":\"USD\"}}}</script>"

TEST(check_promo_fine_print_plain_conditions_pass_en)
{
    static const struct pg pages[] = {
        {"https://kettle.test/",
         DOC("en", "Kettle & Leaf",
             EN_TEA_HEADER "<main><section class=\"promo-banner\"><h2>Tea sale: buy 3, get 1 "
                           "free</h2><p>Any mix of our loose-leaf teas; the cheapest one is "
                           "free at checkout.</p></section></main>")},
        {"https://kettle.test/products/sencha-kyoto",
         DOC("en", "Sencha Kyoto",
             EN_TEA_HEADER EN_TEA_JSONLD
             "<main><h1>Sencha Kyoto</h1><div class=\"badge\">-20%</div><p class=\"price\"><s>"
             "$14.50</s> $11.60</p><p class=\"sale-note\">20% off all green teas*</p><p>*Until "
             "April 30, on every green tea, in any quantity.</p></main>")},
        {"https://kettle.test/cart",
         DOC("en", "Your cart",
             EN_TEA_HEADER "<main><h1>Your cart</h1><ul class=\"tabs\"><li><a href=\"#\">Sale"
                           "</a></li></ul><p>Sencha Kyoto × 1 — $11.60</p><form "
                           "class=\"coupon\" action=\"/cart/coupon\" method=\"post\"><label "
                           "for=\"code\">Promo code*</label><input id=\"code\" name=\"code\" "
                           "required><button type=\"submit\">Apply</button></form></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_promo_fine_print, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.recommendation, "");
    EXPECT_STREQ(v.summary, "4 promotion claim(s) found on 2 page(s); none hides its conditions.");
    EXPECT_EQ(v.evidence.n, 4);
    EXPECT_EV(&v, 0, "https://kettle.test/", "main > section.promo-banner > h2",
              "«Tea sale: buy 3, get 1 free» — quantity offer stated with it");
    EXPECT_EV(&v, 1, "https://kettle.test/products/sencha-kyoto", "main > div.badge",
              "«-20%» — no hidden condition found");
    EXPECT_EV(&v, 2, "https://kettle.test/products/sencha-kyoto", "main > p.sale-note",
              "«20% off all green teas*» — condition next to the offer "
              "(main > p): *Until April 30, on every green tea, in any quantity.");
    EXPECT_EV(&v, 3, "https://kettle.test/products/sencha-kyoto",
              "script[type=application/ld+json]",
              "«schema.org offer for Sencha Kyoto: 11.60 USD, before 14.50 "
              "USD» — no hidden condition found");
    EXPECT(ev_find(&v, "https://kettle.test/", "nav > ul > li > a") < 0);
    sa_verdict_release(&v);
}

/* A Russian shop whose discount page keeps "Количество товара ограничено" (limited stock) in
 * <small>; the header banner and the laminate offer of the home page have no small print, and
 * the "²" of "м²" (square metre) and of "м<sup>2</sup>" is a unit, not a footnote marker.
 * (1 + 1 + 1 + ½) / 4. */
#define RU_PROMO_HEADER                                                                                               \
    "<header><a class=\"logo\" href=\"/\">Домик</a><div class=\"top-banner\">Распродажа посуды " \
    "до конца мая</div><a class=\"cart\" href=\"/korzina/\">Корзина</a></header>"

TEST(check_promo_fine_print_availability_in_small_print_partial_ru)
{
    static const struct pg pages[] = {
        {"https://domik.test/",
         DOC("ru", "Домик",
             RU_PROMO_HEADER "<main><h1>Товары для дома</h1><h2>Скидка 15% на ламинат: 450 "
                             "руб./м²</h2><h2>Плитка со скидкой: 990 руб./м<sup>2</sup></h2>"
                             "</main>")},
        {"https://domik.test/akcii/chayniki/",
         DOC("ru", "Чайники со скидкой",
             "<header><a class=\"logo\" href=\"/\">Домик</a><a class=\"cart\" "
             "href=\"/korzina/\">Корзина</a></header><main><h1>Скидка 30% на все чайники</h1>"
             "<ul class=\"products\"><li>Чайник электрический — 2 490 руб.</li><li>Чайник со "
             "свистком — 1 290 руб.</li></ul><p class=\"note\"><small>Количество товара "
             "ограничено. Подробности у консультантов.</small></p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_promo_fine_print, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, (1 + 1 + 1 + 0.5) / 4.0, 1e-9);
    EXPECT(v.recommendation && strstr(v.recommendation, "while stocks last") != NULL);
    EXPECT_STREQ(v.summary, "1 of 4 promotion claim(s) on 2 page(s) hide or undermine "
                            "their conditions (availability in small print: 1).");
    EXPECT_EQ(v.evidence.n, 4);
    EXPECT_EV(&v, 0, "https://domik.test/akcii/chayniki/", "main > h1",
              "«Скидка 30% на все чайники» — availability in small print "
              "(main > p.note > small): Количество товара ограничено. "
              "Подробности у консультантов.");
    EXPECT_EV(&v, 1, "https://domik.test/", "header > div.top-banner",
              "«Распродажа посуды до конца мая» — no hidden condition "
              "found");
    EXPECT_EV(&v, 2, "https://domik.test/", "main > h2",
              "«Скидка 15% на ламинат: 450 руб./м²» — no hidden condition "
              "found");
    EXPECT_EV(&v, 3, "https://domik.test/", "main > h2",
              "«Плитка со скидкой: 990 руб./м» — no hidden condition "
              "found");
    sa_verdict_release(&v);
}

/* A Thai bakery: "ส่วนลด 15%" with "cannot be combined with other promotions" in <small>; the
 * other page's "ซื้อ 2 แถม 1" (buy 2 get 1) states its quantity plainly in the claim itself,
 * which is honest. The LINE menu link and "โปรโมชั่น" in the nav are no claims. (½ + 1 + 1) / 3. */
#define TH_PROMO_HEADER                                                                            \
    "<header><a class=\"logo\" href=\"/\">ร้านไทย</a><nav><ul><li><a "               \
    "href=\"/promotion/\">โปรโมชั่น</a></li></ul></nav></header>"

TEST(check_promo_fine_print_restriction_in_small_print_partial_th)
{
    static const struct pg pages[] = {
        {"https://ranthai.test/promotion/",
         DOC("th", "โปรโมชั่น",
             TH_PROMO_HEADER "<main><h1>ส่วนลด 15% ทุกเมนูเค้ก</h1><p>สั่งออนไลน์ได้ทุกวัน</p>"
                             "<p><small>ส่วนลดนี้ไม่สามารถใช้ร่วมกับโปรโมชั่นอื่นได้</small></p>"
                             "</main>")},
        {"https://ranthai.test/product/khanom-pia/",
         DOC("th", "ขนมเปี๊ยะ",
             TH_PROMO_HEADER "<main><h1>ขนมเปี๊ยะ</h1><div class=\"promo-badge\">ซื้อ 2 แถม 1"
                             "</div><h2>โปรโมชั่นขนมเปี๊ยะทุกไส้</h2><p>฿120 ต่อกล่อง</p>"
                             "</main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_promo_fine_print, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, (0.5 + 1 + 1) / 3.0, 1e-9);
    EXPECT_STREQ(v.summary, "1 of 3 promotion claim(s) on 2 page(s) hide or undermine "
                            "their conditions (restriction in small print: 1).");
    EXPECT_EQ(v.evidence.n, 3);
    EXPECT_EV(&v, 0, "https://ranthai.test/promotion/", "main > h1",
              "«ส่วนลด 15% ทุกเมนูเค้ก» — restriction in small print (main "
              "> p > small): "
              "ส่วนลดนี้ไม่สามารถใช้ร่วมกับโปรโมชั่นอื่นได้");
    EXPECT_EV(&v, 1, "https://ranthai.test/product/khanom-pia/", "main > div.promo-badge",
              "«ซื้อ 2 แถม 1» — quantity offer stated with it");
    EXPECT_EV(&v, 2, "https://ranthai.test/product/khanom-pia/", "main > h2",
              "«โปรโมชั่นขนมเปี๊ยะทุกไส้» — no hidden condition "
              "found");
    EXPECT(ev_find(&v, "https://ranthai.test/promotion/", "nav > ul > li > a") < 0);
    sa_verdict_release(&v);
}

/* Two claims with their footnotes out of sight: "Up to 50% off everything*" explained only in
 * the footer, and "Free gift with every order**" in <small> under the banner ("**" is not
 * "*": each claim gets its own footnote). The newsletter form's "* Required field" note sits
 * right under the claims and is no condition. 2 of 2 hidden: fail. */
TEST(check_promo_fine_print_asterisk_conditions_in_footer_and_small_print_fail_en)
{
    static const struct pg pages[] = {
        {"https://linen.test/",
         DOC("en", "Linen & Co",
             "<header><a class=\"logo\" href=\"/\">Linen &amp; Co</a></header><main><section "
             "class=\"hero\"><h2>Up to 50% off everything*</h2><p class=\"gift\">Free gift with "
             "every order**</p><p><small>**While stocks last.</small></p></section><form "
             "class=\"newsletter\" method=\"post\"><label for=\"e\">Email*</label><input "
             "id=\"e\" type=\"email\" required><p class=\"form-note\">* Required field</p>"
             "<button>Subscribe</button></form></main><footer><p class=\"legal\">*Discount "
             "applies only to selected items marked in store. Cannot be combined with other "
             "offers.</p></footer>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_promo_fine_print, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT(v.recommendation && strstr(v.recommendation, "80%") != NULL);
    EXPECT_STREQ(v.summary, "2 of 2 promotion claim(s) on 1 page(s) hide or undermine "
                            "their conditions (hidden condition: 2).");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://linen.test/", "main > section.hero > h2",
              "«Up to 50% off everything*» — condition in the footer "
              "(footer > p.legal): *Discount applies only to selected "
              "items marked in store. Cannot be combined with other offers.");
    EXPECT_EV(&v, 1, "https://linen.test/", "main > section.hero > p.gift",
              "«Free gift with every order**» — condition in small print "
              "(main > section.hero > p > small): **While stocks last.");
    sa_verdict_release(&v);
}

/* An Armenian sale heading marked with <sup>*</sup> whose condition ("only when buying 3 or
 * more rugs") is printed at the bottom of the catalogue, more than 1 000 characters of product
 * cards away, and the footer adds "while stocks last". */
#define HY_CARD                                                                                                                 \
    "<li class=\"card\"><h3>Ձեռագործ գորգ «Արցախ»</h3><p>Բնական բուրդ, 200 × 300 սմ, 185 000 " \
    "֏</p></li>"

TEST(check_promo_fine_print_sup_condition_far_away_fails_hy)
{
    static const struct pg pages[] = {
        {"https://gorger.test/hy/zeghch",
         DOC("hy", "Զեղչեր",
             HY_RT_HEADER "<main><h1>Զեղչ 40%<sup>*</sup> բոլոր գորգերի համար</h1><ul "
                          "class=\"products\">" X4(HY_CARD) X4(HY_CARD)
                              X4(HY_CARD) "</ul><p class=\"terms\"><sup>*</sup>Զեղչը գործում է "
                                          "միայն 3 և ավելի գորգ "
                                          "գնելիս։</p></main><footer><p>Ակցիան գործում է մինչև "
                                          "ապրանքի սպառումը։</p>"
                                          "</footer>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_promo_fine_print, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "1 of 1 promotion claim(s) on 1 page(s) hide or undermine "
                            "their conditions (hidden condition: 1, availability in "
                            "small print: 1).");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://gorger.test/hy/zeghch", "main > h1",
              "«Զեղչ 40%*» — condition far from the offer (main > "
              "p.terms): Զեղչը գործում է միայն 3 և ավելի գորգ "
              "գնելիս։");
    EXPECT_EV(&v, 1, "https://gorger.test/hy/zeghch", "main > h1",
              "«Զեղչ 40%*» — availability in the footer (footer > p): "
              "Ակցիան գործում է մինչև ապրանքի "
              "սպառումը։");
    sa_verdict_release(&v);
}

/* A Greek banner in capitals ("ΕΚΠΤΩΣΕΙΣ ΕΩΣ 50%*") whose asterisk leads nowhere: the only
 * line starting with "*" is the contact form's "* Υποχρεωτικά πεδία" (required fields). */
TEST(check_promo_fine_print_asterisk_without_condition_fails_el)
{
    static const struct pg pages[] = {
        {"https://epipla.test/",
         DOC("el", "Έπιπλα Κ.",
             EL_RT_HEADER "<main><div class=\"hero-banner\"><h2>ΕΚΠΤΩΣΕΙΣ ΕΩΣ 50%*</h2><p>Σε "
                          "καναπέδες και πολυθρόνες.</p></div><form class=\"contact\" "
                          "method=\"post\"><label for=\"n\">Όνομα*</label><input id=\"n\" "
                          "required><textarea name=\"msg\"></textarea><p>* Υποχρεωτικά "
                          "πεδία</p><button type=\"submit\">ΑΠΟΣΤΟΛΗ</button></form></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_promo_fine_print, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "1 of 1 promotion claim(s) on 1 page(s) hide or undermine "
                            "their conditions (hidden condition: 1).");
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://epipla.test/", "main > div.hero-banner > h2",
              "«ΕΚΠΤΩΣΕΙΣ ΕΩΣ 50%*» — no condition for \"*\" on any of the "
              "1 page(s) audited");
    sa_verdict_release(&v);
}

TEST_MAIN()
