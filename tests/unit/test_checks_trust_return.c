/* Check-level tests for five trust and return checks: about_company, live_help (trust),
 * returns_policy, newsletter_signup and account_benefits (return). Each test builds a few small
 * shop pages with the real page model and lexicon, feeds them to one check the way the engine
 * does (check_driver.h), and asserts the verdict: status, score from the formula in
 * docs/checks/<id>.md, summary, and the evidence a shop owner would be shown. Pages are written
 * the way shop themes write them, in English, Russian, Thai, Greek and Armenian, with the
 * matching pitfalls of RETENTION_CRITERIA.md: menu stubs (href="#"), hidden text, Greek
 * capitals without accents, "Возврат к списку", Thai สมัครสมาชิก meaning "subscribe", guest
 * checkout ("без регистрации"). The checks are not in the registry yet, so tests run them by
 * definition (RUN_DEF). */
#include "check_driver.h"

extern const struct sa_check sa_check_about_company;
extern const struct sa_check sa_check_live_help;
extern const struct sa_check sa_check_returns_policy;
extern const struct sa_check sa_check_newsletter_signup;
extern const struct sa_check sa_check_account_benefits;

/* ---- about_company ---- */

/* A Russian shop: "О компании" in the menu, an about page with the legal form and the tax
 * number, the founding year, and the address in the footer of every page. */
#define RU_NAV                                                                                               \
    "<header><a class=\"logo\" href=\"/\">Домик</a><a class=\"cart\" href=\"/korzina/\">Корзина" \
    "</a></header><nav><ul><li><a href=\"/katalog/\">Каталог</a></li><li><a "                         \
    "href=\"/o-kompanii/\">О компании</a></li><li><a href=\"/kontakty/\">Контакты</a></li>" \
    "</ul></nav>"
#define RU_FOOT                                                                                                      \
    "<footer><p class=\"addr\">Адрес: г. Москва, ул. Лесная, д. 5</p><p>© 2024 Домик</p>" \
    "</footer>"

TEST(check_about_company_about_page_with_legal_details_passes_ru)
{
    static const struct pg pages[] = {
        {"https://domik.test/",
         DOC("ru", "Домик", RU_NAV "<main><h1>Товары для дома</h1></main>" RU_FOOT)},
        {"https://domik.test/o-kompanii/",
         DOC("ru", "О компании | Домик",
             RU_NAV "<main><h1>О компании</h1><p>Работаем с 2005 года: посуда и текстиль для "
                    "дома.</p><div class=\"requisites\"><p>ООО «Домик»</p><p>ИНН 7701234567, "
                    "ОГРН 1027700132195</p></div></main>" RU_FOOT)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_about_company, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "An about page is one click away and the company shows its legal "
                            "name, registration or tax number, address, founding year.");
    EXPECT_STREQ(v.recommendation, "");
    EXPECT_EQ(v.evidence.n, 6); /* the link, the page, four facts */
    EXPECT_EV(&v, 0, "https://domik.test/", "nav > ul > li > a", "О компании");
    EXPECT_EV(&v, 1, "https://domik.test/o-kompanii/", "h1", "О компании");
    EXPECT_EV(&v, 2, "https://domik.test/o-kompanii/", "main > div.requisites > p", "ООО «Домик»");
    EXPECT_EV(&v, 3, "https://domik.test/o-kompanii/", "main > div.requisites > p",
              "ИНН 7701234567, ОГРН 1027700132195");
    EXPECT_EV(&v, 4, "https://domik.test/", "footer > p.addr",
              "Адрес: г. Москва, ул. Лесная, д. 5");
    EXPECT_EV(&v, 5, "https://domik.test/o-kompanii/", "main > p",
              "Работаем с 2005 года: посуда и текстиль для дома.");
    sa_verdict_release(&v);
}

/* A Greek menu in capitals without accents ("ΣΧΕΤΙΚΑ ΜΕ ΕΜΑΣ") leads to a page of slogans:
 * reachable, no facts. "© 2024" is no founding year. */
#define EL_HEAD                                                                                              \
    "<header><a class=\"logo\" href=\"/\">Έπιπλα Κ.</a><nav class=\"menu\"><ul><li><a "               \
    "href=\"/\">ΑΡΧΙΚΗ</a></li><li><a href=\"/sxetika-me-emas\">ΣΧΕΤΙΚΑ ΜΕ ΕΜΑΣ</a></li>" \
    "</ul></nav></header>"

TEST(check_about_company_slogan_page_partial_el)
{
    static const struct pg pages[] = {
        {"https://epipla.test/",
         DOC("el", "Έπιπλα Κ.",
             EL_HEAD "<main><h1>Καλώς ήρθατε</h1></main><footer><p>© 2024 Έπιπλα Κ.</p></footer>")},
        {"https://epipla.test/sxetika-me-emas",
         DOC("el", "Σχετικά με εμάς",
             EL_HEAD "<main><h1>Σχετικά με εμάς</h1><p>Αγαπάμε αυτό που κάνουμε. Ποιότητα, "
                     "σχέδιο και εξυπηρέτηση είναι η φιλοσοφία μας.</p></main>"
                     "<footer><p>© 2024 Έπιπλα Κ.</p></footer>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_about_company, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.4, 1e-9);
    EXPECT_STREQ(v.summary, "An about page is one click away, but it gives no company facts: no "
                            "legal name, registration number, address or founding year.");
    EXPECT(v.recommendation && strstr(v.recommendation, "registration or tax number") != NULL);
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://epipla.test/", "nav.menu > ul > li > a", "ΣΧΕΤΙΚΑ ΜΕ ΕΜΑΣ");
    EXPECT_EV(&v, 1, "https://epipla.test/sxetika-me-emas", "h1", "Σχετικά με εμάς");
    sa_verdict_release(&v);
}

/* An English "Our story" page that only gives the founding year: one fact, 0.4 + 0.15. */
TEST(check_about_company_one_fact_partial_en)
{
    static const struct pg pages[] = {
        {"https://linen.test/",
         DOC("en", "Linen & Co",
             "<header><a href=\"/\">Linen &amp; Co</a></header><main><h1>Linen</h1></main>"
             "<footer><ul><li><a href=\"/pages/our-story\">Our story</a></li></ul></footer>")},
        {"https://linen.test/pages/our-story",
         DOC("en", "Our story – Linen & Co",
             "<main><h1>Our story</h1><p>Founded in 1998 by two sisters who loved flax.</p>"
             "<p>We believe in slow fashion.</p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_about_company, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.4 + 0.15, 1e-9);
    EXPECT_STREQ(v.summary, "An about page is one click away, but the only company fact shown is "
                            "the founding year.");
    EXPECT_EQ(v.evidence.n, 3);
    EXPECT_EV(&v, 0, "https://linen.test/", "footer > ul > li > a", "Our story");
    EXPECT_EV(&v, 2, "https://linen.test/pages/our-story", "main > p",
              "Founded in 1998 by two sisters who loved flax.");
    sa_verdict_release(&v);
}

/* A Thai footer with the company's name, tax id and address, but no about page: the header's
 * "เกี่ยวกับเรา" is a menu stub (href="#") leading nowhere. Three facts: 3 × 0.15. */
TEST(check_about_company_facts_only_in_footer_partial_th)
{
    static const struct pg pages[] = {
        {"https://ranthai.test/",
         DOC("th", "ร้านไทย",
             "<header><a class=\"logo\" href=\"/\">ร้านไทย</a><nav><ul><li><a "
             "href=\"#\">เกี่ยวกับเรา</a></li></ul></nav></header><main><h1>ขนมไทย</h1></main>"
             "<footer><p class=\"company\">บริษัท ร้านไทย จำกัด</p><p>เลขประจำตัวผู้เสียภาษี "
             "0105561234567</p><p>ที่อยู่: 99 ถนนสุขุมวิท กรุงเทพฯ 10110</p></footer>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_about_company, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 3 * 0.15, 1e-9);
    EXPECT_STREQ(v.summary, "Company facts (legal name, registration or tax number, address) "
                            "appear only in the page chrome; no about page or \"About us\" link "
                            "was found.");
    EXPECT_EQ(v.evidence.n, 3);
    EXPECT_EV(&v, 0, "https://ranthai.test/", "footer > p.company", "บริษัท ร้านไทย จำกัด");
    EXPECT_EV(&v, 1, "https://ranthai.test/", "footer > p", "เลขประจำตัวผู้เสียภาษี 0105561234567");
    sa_verdict_release(&v);
}

/* An Armenian shop whose "Մեր մասին" link sits in a collapsed menu (display:none) nobody
 * opens, and whose footer only says "© 2024": nothing a buyer can see. */
TEST(check_about_company_hidden_link_only_fails_hy)
{
    static const struct pg pages[] = {
        {"https://gorger.test/hy/",
         DOC("hy", "Գորգեր",
             "<header><a class=\"logo\" href=\"/hy/\">Գորգեր</a><div class=\"drawer\" "
             "style=\"display:none\"><a href=\"/hy/mer-masin\">Մեր մասին</a></div></header>"
             "<main><h1>Ձեռագործ գորգեր</h1><p>Գնե՛ք հիմա։</p></main><footer><p>© 2024 "
             "Գորգեր</p></footer>")},
        {"https://gorger.test/hy/apranq/gorg-12",
         DOC("hy", "Գորգ «Արցախ»", "<main><h1>Գորգ «Արցախ»</h1><p>185 000 ֏</p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_about_company, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "No about page, \"About us\" link or company details were found on "
                            "the 2 page(s) audited.");
    EXPECT(v.recommendation && strstr(v.recommendation, "About us") != NULL);
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://gorger.test/hy/", "header, nav, footer",
              "no about link, about page, legal name, registration number, address or founding "
              "year");
    sa_verdict_release(&v);
}

/* ---- live_help ---- */

/* A Russian shop with JivoChat: the widget is the online consultant itself. */
TEST(check_live_help_chat_widget_passes_ru)
{
    static const struct pg pages[] = {
        {"https://domik.test/",
         DOC_HEAD("ru",
                  VIEWPORT "<script src=\"//code.jivosite.com/widget/AbC123\" async></script>",
                  "Домик", RU_NAV "<main><h1>Товары для дома</h1></main>" RU_FOOT)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_live_help, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "Buyers can reach a person at once: a JivoChat chat.");
    EXPECT_STREQ(v.recommendation, "");
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://domik.test/", "script[src]",
              "JivoChat chat widget loaded from code.jivosite.com");
    sa_verdict_release(&v);
}

/* A Thai shop: "แอดไลน์" button to LINE and a "ให้เราโทรกลับ" (we call you back) button. */
TEST(check_live_help_line_and_callback_pass_th)
{
    static const struct pg pages[] = {
        {"https://ranthai.test/",
         DOC("th", "ร้านไทย",
             "<header><a class=\"logo\" href=\"/\">ร้านไทย</a><button type=\"button\" "
             "class=\"callback\">ให้เราโทรกลับ</button></header><main><h1>ขนมไทย</h1></main>"
             "<footer><a class=\"line\" href=\"https://line.me/R/ti/p/@ranthai\">แอดไลน์ "
             "@ranthai</a></footer>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_live_help, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "Buyers can reach a person at once: a callback offer, LINE.");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://ranthai.test/", "header > button.callback", "ให้เราโทรกลับ");
    EXPECT_EV(&v, 1, "https://ranthai.test/", "footer > a.line", "https://line.me/R/ti/p/@ranthai");
    sa_verdict_release(&v);
}

/* Armenian footer with Viber (viber:// scheme) and WhatsApp (wa.me) links: two live channels. */
TEST(check_live_help_viber_and_whatsapp_links_pass_hy)
{
    static const struct pg pages[] = {
        {"https://gorger.test/hy/",
         DOC("hy", "Գորգեր",
             "<main><h1>Ձեռագործ գորգեր</h1></main><footer><div class=\"social\"><a "
             "href=\"viber://chat?number=%2B37491123456\" aria-label=\"Viber\"><img "
             "src=\"/i/viber.svg\" alt=\"\"></a><a href=\"https://wa.me/37491123456\" "
             "aria-label=\"WhatsApp\"><img src=\"/i/wa.svg\" alt=\"\"></a></div></footer>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_live_help, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "Buyers can reach a person at once: WhatsApp, Viber.");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://gorger.test/hy/", "footer > div.social > a",
              "https://wa.me/37491123456");
    EXPECT_EV(&v, 1, "https://gorger.test/hy/", "footer > div.social > a",
              "viber://chat?number=%2B37491123456");
    sa_verdict_release(&v);
}

/* A Russian "Заказать звонок" button opening a modal: one channel. The modal itself and a
 * WhatsApp link inside a hidden block are not shown to a buyer and do not count. */
TEST(check_live_help_callback_only_partial_ru)
{
    static const struct pg pages[] = {
        {"https://domik.test/",
         DOC("ru", "Домик",
             "<header><a class=\"logo\" href=\"/\">Домик</a><a class=\"btn btn-callback\" "
             "href=\"#callback\" data-toggle=\"modal\">Заказать звонок</a><div "
             "class=\"messengers\" "
             "hidden><a href=\"https://wa.me/79991234567\">WhatsApp</a></div></header>"
             "<main><h1>Товары для дома</h1></main><div id=\"callback\" class=\"modal\" "
             "style=\"display:none\"><h3>Обратный звонок</h3><form><input type=\"tel\" "
             "name=\"phone\"><button type=\"submit\">Перезвоните мне</button></form></div>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_live_help, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.5, 1e-9);
    EXPECT_STREQ(v.summary, "The only live help channel is a callback offer.");
    EXPECT(v.recommendation && strstr(v.recommendation, "86%") != NULL);
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://domik.test/", "header > a.btn", "Заказать звонок");
    sa_verdict_release(&v);
}

/* A Greek menu entry "Viber" that is a stub (href="#"), and a contact form whose button says
 * "ΑΠΟΣΤΟΛΗ" (send): no live channel. */
TEST(check_live_help_menu_stub_and_contact_form_fail_el)
{
    static const struct pg pages[] = {
        {"https://epipla.test/",
         DOC("el", "Έπιπλα Κ.",
             EL_HEAD "<main><h1>Καλώς ήρθατε</h1></main><footer><ul><li><a href=\"#\">Viber</a>"
                     "</li></ul></footer>")},
        {"https://epipla.test/epikoinonia",
         DOC("el", "Επικοινωνία",
             EL_HEAD "<main><h1>Επικοινωνία</h1><form class=\"contact\" method=\"post\"><input "
                     "name=\"email\"><textarea name=\"msg\"></textarea><button "
                     "type=\"submit\">ΑΠΟΣΤΟΛΗ</button></form></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_live_help, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "No chat widget, callback offer or messenger link was found on the 2 "
                            "page(s) audited.");
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://epipla.test/", "site",
              "no chat widget script, chat or callback control, or messenger link");
    sa_verdict_release(&v);
}

/* ---- returns_policy ---- */

/* A Russian footer link "Обмен и возврат" to a page stating 14 days. The product page's
 * "← Возврат к списку" (back to the list) is navigation, not a returns link. */
#define RU_FOOT_RETURNS                                                                            \
    "<footer><ul class=\"info\"><li><a href=\"/dostavka/\">Доставка</a></li><li><a "       \
    "href=\"/obmen-i-vozvrat/\">Обмен и возврат</a></li></ul></footer>"

TEST(check_returns_policy_footer_link_and_period_passes_ru)
{
    static const struct pg pages[] = {
        {"https://domik.test/",
         DOC("ru", "Домик", RU_NAV "<main><h1>Товары для дома</h1></main>" RU_FOOT_RETURNS)},
        {"https://domik.test/tovar/chaynik-123/",
         DOC("ru", "Чайник | Домик",
             RU_NAV "<main><a class=\"back\" href=\"/katalog/\">← Возврат к списку</a><h1>Чайник "
                    "электрический</h1><p>2 490 руб.</p><button class=\"btn-buy\">В "
                    "корзину</button></main>" RU_FOOT_RETURNS)},
        {"https://domik.test/obmen-i-vozvrat/",
         DOC("ru", "Обмен и возврат | Домик",
             RU_NAV "<main><h1>Обмен и возврат товара</h1><p>Вернуть товар надлежащего качества "
                    "можно в течение 14 дней с момента покупки.</p><p>Для возврата привезите "
                    "товар в магазин или отправьте его Почтой России.</p></main>" RU_FOOT_RETURNS)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_returns_policy, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "A returns policy is linked from the site's menu or footer and states "
                            "the period: \"Вернуть товар надлежащего качества можно в течение 14 "
                            "дней\".");
    EXPECT_STREQ(v.recommendation, "");
    EXPECT_EQ(v.evidence.n, 3); /* the link, the page, the period: "Возврат к списку" is none */
    EXPECT_EV(&v, 0, "https://domik.test/", "footer > ul.info > li > a", "Обмен и возврат");
    EXPECT_EV(&v, 1, "https://domik.test/obmen-i-vozvrat/", "h1", "Обмен и возврат товара");
    EXPECT_EV(&v, 2, "https://domik.test/obmen-i-vozvrat/", "main > p",
              "Вернуть товар надлежащего качества можно в течение 14 дней с момента покупки.");
    sa_verdict_release(&v);
}

/* A Greek policy whose period sits behind an asterisk in <small>: a hidden condition,
 * 0.4 (link) + 0.2 (policy) + 0.2 (period in small print). "Επιστρέφουν" on the home page
 * (customers come back) is not about returns. */
TEST(check_returns_policy_period_in_small_print_partial_el)
{
    static const struct pg pages[] = {
        {"https://epipla.test/",
         DOC("el", "Έπιπλα Κ.",
             EL_HEAD "<main><h1>Καλώς ήρθατε</h1><p>Οι πελάτες μας επιστρέφουν ξανά και "
                     "ξανά.</p></main><footer><ul><li><a href=\"/politiki-epistrofon\">ΠΟΛΙΤΙΚΗ "
                     "ΕΠΙΣΤΡΟΦΩΝ</a></li></ul></footer>")},
        {"https://epipla.test/politiki-epistrofon",
         DOC("el", "Πολιτική επιστροφών",
             EL_HEAD "<main><h1>Πολιτική επιστροφών</h1><p>Μπορείτε να επιστρέψετε τα προϊόντα "
                     "σας με το κουριέρ μας.*</p><p class=\"note\"><small>*Οι επιστροφές "
                     "γίνονται δεκτές εντός 14 ημερών από την παραλαβή.</small></p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_returns_policy, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.4 + 0.2 + 0.2, 1e-9);
    EXPECT_STREQ(v.summary, "The returns period is given only in small print.");
    EXPECT(v.recommendation && strstr(v.recommendation, "35%") != NULL);
    EXPECT_EQ(v.evidence.n, 3);
    EXPECT_EV(&v, 0, "https://epipla.test/", "footer > ul > li > a", "ΠΟΛΙΤΙΚΗ ΕΠΙΣΤΡΟΦΩΝ");
    EXPECT_EV(&v, 2, "https://epipla.test/politiki-epistrofon", "main > p.note > small",
              "*Οι επιστροφές γίνονται δεκτές εντός 14 ημερών από την παραλαβή.");
    sa_verdict_release(&v);
}

/* An English shop states "30-day returns" next to the product and links its refund policy from
 * the product page, but the footer's "Returns" is a menu stub (href="#"): not in the chrome,
 * 0 + 0.2 + 0.4. */
TEST(check_returns_policy_not_linked_from_chrome_partial_en)
{
    static const struct pg pages[] = {
        {"https://linen.test/",
         DOC("en", "Linen & Co",
             "<main><h1>Linen</h1></main><footer><ul><li><a href=\"#\">Returns</a></li></ul>"
             "</footer>")},
        {"https://linen.test/products/linen-shirt",
         DOC("en", "Linen shirt",
             "<main><h1>Linen shirt</h1><p>$49.00</p><button class=\"buy-now\">Add to "
             "cart</button><p class=\"returns-note\">Free 30-day returns on every order. <a "
             "href=\"/policies/refund-policy\">Refund policy</a></p></main>")},
        {"https://linen.test/policies/refund-policy",
         DOC("en", "Refund policy",
             "<main><h1>Refund policy</h1><p>Send any item back within 30 days of delivery for "
             "a full refund.</p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_returns_policy, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.2 + 0.4, 1e-9);
    EXPECT_STREQ(v.summary, "The returns period is stated (\"30-day returns\"), but no returns "
                            "link was found in the menu or footer.");
    EXPECT_EQ(v.evidence.n, 3);
    EXPECT_EV(&v, 0, "https://linen.test/products/linen-shirt", "main > p.returns-note > a",
              "Refund policy");
    EXPECT_EV(&v, 1, "https://linen.test/policies/refund-policy", "h1", "Refund policy");
    EXPECT_EV(&v, 2, "https://linen.test/products/linen-shirt", "main > p.returns-note",
              "Free 30-day returns on every order.");
    sa_verdict_release(&v);
}

/* A Thai returns page with conditions and no period: 0.4 + 0.2. "จัดส่งภายใน 3 วัน" on the
 * product page is a delivery time, not a returns period. */
TEST(check_returns_policy_no_period_partial_th)
{
    static const struct pg pages[] = {
        {"https://ranthai.test/", DOC("th", "ร้านไทย",
                                      "<main><h1>ขนมไทย</h1></main><footer><ul><li><a "
                                      "href=\"/return-policy/\">การคืนสินค้า</a></li></ul></footer>")},
        {"https://ranthai.test/product/thong-yip/",
         DOC("th", "ทองหยิบ",
             "<main><h1>ทองหยิบ</h1><p>฿120</p><p class=\"ship\">จัดส่งภายใน 3 วัน</p></main>")},
        {"https://ranthai.test/return-policy/",
         DOC("th", "นโยบายการคืนสินค้า",
             "<main><h1>นโยบายการคืนสินค้า</h1><p>สินค้าต้องอยู่ในสภาพสมบูรณ์ "
             "พร้อมกล่องและใบเสร็จ กรุณาติดต่อเจ้าหน้าที่ก่อนส่งคืน</p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_returns_policy, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.4 + 0.2, 1e-9);
    EXPECT_STREQ(v.summary, "A returns policy exists, but it states no period for returns.");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://ranthai.test/", "footer > ul > li > a", "การคืนสินค้า");
    EXPECT_EV(&v, 1, "https://ranthai.test/return-policy/", "h1", "นโยบายการคืนสินค้า");
    sa_verdict_release(&v);
}

/* A Russian shop that only says on its product page that returns are "by agreement with the
 * manager": no link, no page, no period; the mention alone is worth 0.2. */
TEST(check_returns_policy_mention_without_terms_partial_ru)
{
    static const struct pg pages[] = {
        {"https://domik.test/", DOC("ru", "Домик", RU_NAV "<main><h1>Товары для дома</h1></main>")},
        {"https://domik.test/tovar/kamin-5/",
         DOC("ru", "Камин угловой",
             RU_NAV "<main><h1>Камин угловой</h1><p>38 900 руб.</p><p class=\"terms\">Возврат и "
                    "обмен товара возможен по согласованию с менеджером.</p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_returns_policy, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.2, 1e-9);
    EXPECT_STREQ(v.summary, "Returns are mentioned, but no returns period was found on the 2 "
                            "page(s) audited.");
    EXPECT_EQ(v.evidence.n, 1);
    /* sa_evidence_add_hit keeps 60 bytes after the match: 30 Cyrillic letters */
    EXPECT_EV(&v, 0, "https://domik.test/tovar/kamin-5/", "main > p.terms",
              "Возврат и обмен товара возможен по согласованию с менеджером.");
    sa_verdict_release(&v);
}

/* An Armenian shop: "Վերադարձ գլխավոր էջ" (back to the home page) is navigation and
 * "3 օրվա ընթացքում" is the delivery time: no returns policy at all. */
TEST(check_returns_policy_none_fails_hy)
{
    static const struct pg pages[] = {
        {"https://gorger.test/hy/",
         DOC("hy", "Գորգեր",
             "<main><h1>Ձեռագործ գորգեր</h1></main><footer><p>© 2024 Գորգեր</p>"
             "</footer>")},
        {"https://gorger.test/hy/apranq/gorg-12",
         DOC("hy", "Գորգ «Արցախ»",
             "<main><a class=\"back\" href=\"/hy/\">Վերադարձ գլխավոր էջ</a><h1>Գորգ «Արցախ»</h1>"
             "<p>185 000 ֏</p><p>Առաքում Երևանում 3 օրվա ընթացքում։</p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_returns_policy, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "No returns or refund policy was found on the 2 page(s) audited.");
    EXPECT(v.recommendation && strstr(v.recommendation, "35% of online shoppers") != NULL);
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://gorger.test/hy/", "header, nav, footer",
              "no returns link, returns page or returns period");
    sa_verdict_release(&v);
}

/* ---- newsletter_signup ---- */

/* Shopify's Dawn footer: "Subscribe to our emails", an email field and an icon button named
 * "Subscribe", on every page, the login page included (its own e-mail + password form is not a
 * sign-up). */
#define EN_NEWS_FOOTER                                                                             \
    "<footer class=\"footer\"><div class=\"footer-block--newsletter\"><h2 "                        \
    "class=\"footer-block__heading\">Subscribe to our emails</h2><form method=\"post\" "           \
    "action=\"/contact#ContactFooter\" id=\"ContactFooter\" class=\"newsletter-form\"><input "     \
    "type=\"hidden\" name=\"contact[tags]\" value=\"newsletter\"><div class=\"field\"><input "     \
    "id=\"NewsletterForm--footer\" type=\"email\" name=\"contact[email]\" "                        \
    "placeholder=\"Email\"></div><button type=\"submit\" class=\"newsletter-form__button\" "       \
    "aria-label=\"Subscribe\"><svg viewBox=\"0 0 14 10\"></svg></button></form></div></footer>"

TEST(check_newsletter_signup_footer_form_everywhere_passes_en)
{
    static const struct pg pages[] = {
        {"https://linen.test/",
         DOC("en", "Linen & Co", "<main><h1>Linen</h1></main>" EN_NEWS_FOOTER)},
        {"https://linen.test/products/linen-shirt",
         DOC("en", "Linen shirt", "<main><h1>Linen shirt</h1><p>$49.00</p></main>" EN_NEWS_FOOTER)},
        {"https://linen.test/account/login",
         DOC("en", "Account",
             "<main><h1>Login</h1><form id=\"customer_login\" method=\"post\"><input "
             "type=\"email\" name=\"customer[email]\" placeholder=\"Email\"><input "
             "type=\"password\" name=\"customer[password]\"><button>Sign in</button></form>"
             "</main>" EN_NEWS_FOOTER)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_newsletter_signup, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "A newsletter sign-up is on 3 of 3 pages, the home page included.");
    EXPECT_STREQ(v.recommendation, "");
    EXPECT_EQ(v.evidence.n, 3);
    EXPECT_EV(&v, 0, "https://linen.test/", "form#ContactFooter > button.newsletter-form__button",
              "Subscribe");
    EXPECT_EV(&v, 2, "https://linen.test/account/login",
              "form#ContactFooter > button.newsletter-form__button", "Subscribe");
    sa_verdict_release(&v);
}

/* A Thai home page with "สมัครรับข่าวสาร" (subscribe to news) on the button; the inner pages
 * have none. On the home page, that is enough. */
TEST(check_newsletter_signup_home_page_form_passes_th)
{
    static const struct pg pages[] = {
        {"https://ranthai.test/",
         DOC("th", "ร้านไทย",
             "<main><h1>ขนมไทย</h1><section class=\"newsletter\"><h3>โปรโมชั่นใหม่ทุกสัปดาห์</h3>"
             "<form action=\"/subscribe\" method=\"post\"><input type=\"email\" name=\"email\" "
             "placeholder=\"อีเมลของคุณ\"><button type=\"submit\">สมัครรับข่าวสาร</button>"
             "</form></section></main>")},
        {"https://ranthai.test/category/snacks/",
         DOC("th", "ขนมไทย", "<main><h1>ขนมไทย</h1></main>")},
        {"https://ranthai.test/product/thong-yip/",
         DOC("th", "ทองหยิบ", "<main><h1>ทองหยิบ</h1><p>฿120</p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_newsletter_signup, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "A newsletter sign-up is on 1 of 3 pages, the home page included.");
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://ranthai.test/", "main > section.newsletter > form > button",
              "สมัครรับข่าวสาร");
    sa_verdict_release(&v);
}

/* A Russian footer form with "Ваш e-mail" and "Отправить" (send): it captures e-mail but does
 * not say it is a subscription: 0.3 + 0 + 0.3 × 2/2. The home page's question form (with a
 * message field) is a contact form, not a sign-up. */
#define RU_FOOT_FORM                                                                               \
    "<footer><div class=\"footer-form\"><p>Будьте с нами!</p><form "                    \
    "action=\"/ajax/form.php\" method=\"post\"><input type=\"text\" name=\"EMAIL\" "               \
    "placeholder=\"Ваш e-mail\"><button type=\"submit\">Отправить</button></form></div></footer>"

TEST(check_newsletter_signup_form_without_wording_partial_ru)
{
    static const struct pg pages[] = {
        {"https://domik.test/",
         DOC("ru", "Домик",
             RU_NAV "<main><h1>Товары для дома</h1><form class=\"ask\" method=\"post\"><input "
                    "name=\"email\" placeholder=\"E-mail\"><textarea "
                    "name=\"question\"></textarea><button>Задать "
                    "вопрос</button></form></main>" RU_FOOT_FORM)},
        {"https://domik.test/katalog/",
         DOC("ru", "Каталог", RU_NAV "<main><h1>Каталог</h1></main>" RU_FOOT_FORM)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_newsletter_signup, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.3 + 0.3 * 2 / 2.0, 1e-9);
    EXPECT_STREQ(v.summary, "An e-mail form is on 2 of 2 pages, but nothing near it says it is a "
                            "newsletter subscription.");
    EXPECT(v.recommendation && strstr(v.recommendation, "40%") != NULL);
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://domik.test/", "footer > div.footer-form > form",
              "e-mail field \"Ваш e-mail\", button \"Отправить\", no subscribe wording");
    sa_verdict_release(&v);
}

/* A Greek sign-up only in the blog's sidebar, one page of three and not the home page:
 * 0.3 + 0.3 + 0.3 × 1/3. The header's "ΕΓΓΡΑΦΗ" is the account's sign-up, not a newsletter. */
TEST(check_newsletter_signup_only_on_blog_partial_el)
{
    static const struct pg pages[] = {
        {"https://epipla.test/",
         DOC("el", "Έπιπλα Κ.",
             EL_HEAD "<main><h1>Καλώς ήρθατε</h1><p><a href=\"/account/register\">ΕΓΓΡΑΦΗ</a>"
                     "</p></main>")},
        {"https://epipla.test/kanapedes",
         DOC("el", "Καναπέδες", EL_HEAD "<main><h1>Καναπέδες</h1></main>")},
        {"https://epipla.test/blog/symvoules-xromata",
         DOC("el", "Συμβουλές για χρώματα",
             EL_HEAD "<main><h1>Συμβουλές για χρώματα</h1><p>Τα ζεστά χρώματα…</p></main><aside "
                     "class=\"sidebar\"><h4>Εγγραφή στο newsletter</h4><form class=\"nl\" "
                     "method=\"post\"><input type=\"email\" name=\"email\" placeholder=\"Το email "
                     "σας\"><button type=\"submit\">ΟΚ</button></form></aside>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_newsletter_signup, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.3 + 0.3 + 0.3 / 3.0, 1e-9);
    EXPECT_STREQ(v.summary,
                 "A newsletter sign-up is on only 1 of 3 pages, and not on the home page.");
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://epipla.test/blog/symvoules-xromata", "aside.sidebar > h4",
              "Εγγραφή στο newsletter");
    sa_verdict_release(&v);
}

/* An Armenian shop with a log-in form in the header (e-mail + password), a "Գրեք մեզ" (write
 * to us) form in the contact page's footer (a message field) and a "Բաժանորդագրվել"
 * (subscribe) menu stub to "#": no sign-up, though both forms sit where sign-ups do. */
#define HY_HEAD_LOGIN                                                                              \
    "<header><a class=\"logo\" href=\"/hy/\">Գորգեր</a><form class=\"login\" "               \
    "action=\"/hy/mutq\" method=\"post\"><input type=\"email\" name=\"email\" "                    \
    "placeholder=\"Էլ. փոստ\"><input type=\"password\" name=\"password\"><button "           \
    "type=\"submit\">Մուտք</button></form></header>"

TEST(check_newsletter_signup_login_and_contact_forms_only_fails_hy)
{
    static const struct pg pages[] = {
        {"https://gorger.test/hy/",
         DOC("hy", "Գորգեր",
             HY_HEAD_LOGIN "<main><h1>Ձեռագործ գորգեր</h1></main><footer><ul><li><a "
                           "href=\"#\">Բաժանորդագրվել</a></li></ul></footer>")},
        {"https://gorger.test/hy/kap",
         DOC("hy", "Կապ",
             HY_HEAD_LOGIN "<main><h1>Կապ</h1></main><footer><form class=\"write\" "
                           "method=\"post\"><input type=\"email\" name=\"email\"><textarea "
                           "name=\"message\"></textarea><button "
                           "type=\"submit\">Ուղարկել</button></form></footer>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_newsletter_signup, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "No e-mail sign-up form was found on the 2 page(s) audited.");
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://gorger.test/hy/", "footer",
              "no form with an e-mail field and no newsletter link");
    sa_verdict_release(&v);
}

/* ---- account_benefits ---- */

/* A Russian header: "Регистрация" with "500 бонусов за регистрацию" beside it. The cart's
 * "Оформить без регистрации" (order without registration) is guest checkout. */
#define RU_HEAD_ACCOUNT                                                                                         \
    "<header><a class=\"logo\" href=\"/\">Домик</a><div class=\"header-account\"><a "                      \
    "href=\"/personal/registration/\">Регистрация</a> <span class=\"hint\">500 бонусов за " \
    "регистрацию</span></div></header>"

TEST(check_account_benefits_signup_with_welcome_bonus_passes_ru)
{
    static const struct pg pages[] = {
        {"https://domik.test/",
         DOC("ru", "Домик", RU_HEAD_ACCOUNT "<main><h1>Товары для дома</h1></main>")},
        {"https://domik.test/korzina/",
         DOC("ru", "Корзина",
             RU_HEAD_ACCOUNT "<main><h1>Корзина</h1><button class=\"btn\">Оформить без "
                             "регистрации</button></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_account_benefits, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(
        v.summary,
        "The invitation to register says what the buyer gets: \"бонусов за регистрацию\".");
    EXPECT_STREQ(v.recommendation, "");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://domik.test/", "header > div.header-account",
              "500 бонусов за регистрацию");
    EXPECT_EV(&v, 1, "https://domik.test/", "header > div.header-account > a", "Регистрация");
    sa_verdict_release(&v);
}

/* An English registration page listing what an account gives. */
TEST(check_account_benefits_register_page_lists_benefits_passes_en)
{
    static const struct pg pages[] = {
        {"https://linen.test/",
         DOC("en", "Linen & Co",
             "<header><a href=\"/\">Linen &amp; Co</a><a href=\"/account/login\">Sign in</a>"
             "</header><main><h1>Linen</h1></main>")},
        {"https://linen.test/account/register",
         DOC("en", "Create account",
             "<main><h1>Create account</h1><ul class=\"perks\"><li>Track your orders</li><li>"
             "Faster checkout</li></ul><form method=\"post\"><input type=\"email\" "
             "name=\"customer[email]\"><input type=\"password\" name=\"customer[password]\">"
             "<button>Create</button></form></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_account_benefits, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary,
                 "The invitation to register says what the buyer gets: \"Track your orders\".");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://linen.test/account/register", "main > ul.perks > li",
              "Track your orders");
    EXPECT_EV(&v, 1, "https://linen.test/", "header > a", "Sign in");
    sa_verdict_release(&v);
}

/* A Greek OpenCart header with "ΣΥΝΔΕΣΗ" (log in) and a footer menu whose "Πρόγραμμα
 * επιβράβευσης" link sits next to "Ο ΛΟΓΑΡΙΑΣΜΟΣ ΜΟΥ": menu links state no benefit. */
TEST(check_account_benefits_bare_login_link_partial_el)
{
    static const struct pg pages[] = {
        {"https://epipla.test/",
         DOC("el", "Έπιπλα Κ.",
             "<header><a class=\"logo\" href=\"/\">Έπιπλα Κ.</a><a class=\"login\" "
             "href=\"/index.php?route=account/login\">ΣΥΝΔΕΣΗ</a></header><main><h1>Καλώς "
             "ήρθατε</h1></main><footer><ul><li><a "
             "href=\"/index.php?route=account/account\">Ο ΛΟΓΑΡΙΑΣΜΟΣ ΜΟΥ</a></li><li><a "
             "href=\"/pontoi\">Πρόγραμμα επιβράβευσης</a></li></ul></footer>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_account_benefits, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.4, 1e-9);
    EXPECT_STREQ(v.summary,
                 "Buyers can register or log in, but nothing tells them what an account gives.");
    EXPECT(v.recommendation && strstr(v.recommendation, "27%") != NULL);
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://epipla.test/", "header > a.login", "ΣΥΝΔΕΣΗ");
    sa_verdict_release(&v);
}

/* A Thai shop: "เข้าสู่ระบบ" (log in) in the header, a points page (0.4 + 0.2), and a footer box
 * headed "สมัครสมาชิกรับข่าวสาร": สมัครสมาชิก there means "subscribe", so the member privileges
 * under it are no reason given next to an invitation to register; they are benefits described
 * elsewhere, and the one quoted is on the smallest URL, whatever order pages arrive in (#9). */
#define TH_HEAD_LOGIN                                                                              \
    "<header><a class=\"logo\" href=\"/\">ร้านไทย</a><a class=\"login\" "            \
    "href=\"/login\">เข้าสู่ระบบ</a></header>"
#define TH_FOOT_NEWS                                                                                                                                                                                            \
    "<footer><div class=\"nl\"><h4>สมัครสมาชิกรับข่าวสาร</h4><p>รับสิทธิพิเศษสำหรับสมาชิกก่อนใคร</p>" \
    "<form><input type=\"email\" name=\"email\"><button>ส่ง</button></form></div></footer>"

TEST(check_account_benefits_benefits_elsewhere_partial_th)
{
    static const struct pg pages[] = {
        {"https://ranthai.test/member-points/",
         DOC("th", "สะสมคะแนน",
             TH_HEAD_LOGIN "<main><h1>สะสมคะแนน</h1><p class=\"rule\">สะสมคะแนนทุกการสั่งซื้อ 25 "
                           "บาท = 1 คะแนน</p></main>" TH_FOOT_NEWS)},
        {"https://ranthai.test/",
         DOC("th", "ร้านไทย", TH_HEAD_LOGIN "<main><h1>ขนมไทย</h1></main>" TH_FOOT_NEWS)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_account_benefits, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.4 + 0.2, 1e-9);
    EXPECT_STREQ(v.summary, "Buyers are invited to register, and member benefits are described "
                            "elsewhere, but not next to the invitation.");
    EXPECT_EQ(v.evidence.n, 2);
    /* the login link and the benefit quoted are the ones on the smallest URL */
    EXPECT_EV(&v, 0, "https://ranthai.test/", "header > a.login", "เข้าสู่ระบบ");
    EXPECT_EV(&v, 1, "https://ranthai.test/", "footer > div.nl > p", "รับสิทธิพิเศษสำหรับสมาชิกก่อนใคร");
    sa_verdict_release(&v);
}

/* An Armenian shop that sells as a guest only ("Պատվիրել առանց գրանցման": order without
 * registration) and has no accounts: that button is no invitation to register, so it fails. */
TEST(check_account_benefits_guest_only_shop_fails_hy)
{
    static const struct pg pages[] = {
        {"https://gorger.test/hy/apranq/gorg-12",
         DOC("hy", "Գորգ «Արցախ»",
             "<main><h1>Գորգ «Արցախ»</h1><p>185 000 ֏</p><button class=\"btn\">Գնել</button>"
             "<button class=\"btn quick\">Պատվիրել առանց գրանցման</button></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_account_benefits, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "The shop takes orders as a guest only: there is no account, so "
                            "nothing invites a buyer to come back.");
    EXPECT(v.recommendation &&
           strstr(v.recommendation, "Keep ordering without registration") != NULL);
    EXPECT_EQ(v.evidence.n, 3);
    EXPECT_EV(&v, 0, "https://gorger.test/hy/apranq/gorg-12", "main > button.btn",
              "Պատվիրել առանց գրանցման");
    EXPECT_EV(&v, 1, "https://gorger.test/hy/apranq/gorg-12", "page",
              "this page sells goods, yet no account can be created");
    EXPECT_EV(&v, 2, "https://gorger.test/hy/apranq/gorg-12", "header, nav",
              "no sign-up, log-in or account link and no password form");
    sa_verdict_release(&v);
}

/* A kitchen studio's site sells nothing online and has no accounts: not applicable. */
TEST(check_account_benefits_no_goods_no_accounts_not_applicable_en)
{
    static const struct pg pages[] = {
        {"https://studio.test/",
         DOC("en", "Studio",
             "<main><h1>We design kitchens</h1><button>Book a visit</button></main>")},
        {"https://studio.test/about", DOC("en", "About", "<main><h1>About the studio</h1></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_account_benefits, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_NOT_APPLICABLE);
    EXPECT_STREQ(v.summary, "No goods, cart or customer accounts were found on the 2 page(s) "
                            "audited.");
    EXPECT_STREQ(v.recommendation, "");
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://studio.test/", "site", "no goods, cart or account found");
    sa_verdict_release(&v);
}

TEST_MAIN()
