/* Check-level tests that give each (check, status) pair a second language: every check must
 * show each status it can give in at least two languages. Pages are small shop pages written
 * the way themes write them in Thai, Greek, Armenian and Russian, with the pitfalls of
 * RETENTION_CRITERIA.md (Greek capitals without accents, Thai without spaces, Armenian marks,
 * Russian inflection, menu stubs, share buttons, delivery times that are no return period).
 * Checks run by id from the registry; broken_links and https get the crawl's record from a
 * table, as in test_checks_links.c. */
#include "check_driver.h"

struct answer {
    const char *url;
    int status;
};
static const struct answer *answers;

/* The crawl's record: listed URLs answered so, others were never fetched (-1). */
static int table_status(const struct sa_site *site, const char *url)
{
    (void)site;
    for (const struct answer *a = answers; a && a->url; a++)
        if (strcmp(a->url, url) == 0) return a->status;
    return -1;
}

static int run_with(const struct answer *table, const char *id, const struct pg *pages, size_t n,
                    struct sa_verdict *v)
{
    answers = table;
    t_status_of = table ? table_status : NULL;
    int rc = run_check(id, pages, n, 0, v);
    t_status_of = NULL;
    answers = NULL;
    return rc;
}
#define RUN_WITH(table, id, pages, v)                                                              \
    run_with((table), (id), (pages), sizeof(pages) / sizeof(pages)[0], (v))

#define VP(content) "<meta name=\"viewport\" content=\"" content "\">"

/* ---- chrome per language ---- */

#define TH_HEADER                                                                                                                                  \
    "<header><a class=\"logo\" href=\"/\">ผ้าไทย</a><nav><ul><li><a "                                                                  \
    "href=\"/products/\">สินค้าทั้งหมด</a></li><li><a href=\"/about-us/\">เกี่ยวกับเรา</a></li>" \
    "<li><a href=\"/cart/\">ตะกร้าสินค้า</a></li></ul></nav></header>"
#define TH_FOOTER                                                                                                                                                          \
    "<footer><p class=\"company\">บริษัท ผ้าไทย จำกัด</p><p>ที่อยู่: 12 ถนนนิมมานเหมินท์ " \
    "เชียงใหม่ 50200</p></footer>"

#define EL_HEADER                                                                                   \
    "<header><a class=\"logo\" href=\"/\">Έπιπλα Λ.</a><nav class=\"menu\"><ul><li><a "      \
    "href=\"/\">ΑΡΧΙΚΗ</a></li><li><a href=\"/kanapedes\">ΚΑΝΑΠΕΔΕΣ</a></li><li><a " \
    "href=\"/kalathi\">ΚΑΛΑΘΙ</a></li></ul></nav></header>"

#define HY_HEADER                                                                                           \
    "<header><a class=\"logo\" href=\"/hy/\">Կավե</a><nav><a href=\"/hy/apranqner\">Ապրանքներ" \
    "</a> <a href=\"/hy/zambyugh\">Զամբյուղ</a></nav></header>"

#define RU_HEADER                                                                                            \
    "<header><a class=\"logo\" href=\"/\">Самовар</a><nav><ul><li><a "                                \
    "href=\"/katalog/\">Каталог</a></li><li><a href=\"/korzina/\">Корзина</a></li></ul></nav>" \
    "</header>"

/* ---- about_company ---- */

/* A Thai shop: "เกี่ยวกับเรา" in the menu, the company's name with its legal form and its tax
 * number on the about page, the address in the footer. */
TEST(check_about_company_about_page_with_tax_id_passes_th)
{
    static const struct pg pages[] = {
        {"https://phathai.test/",
         DOC("th", "ผ้าไทย", TH_HEADER "<main><h1>ผ้าทอมือจากเชียงใหม่</h1></main>" TH_FOOTER)},
        {"https://phathai.test/about-us/",
         DOC("th", "เกี่ยวกับเรา",
             TH_HEADER "<main><h1>เกี่ยวกับเรา</h1><p>เราคัดสรรผ้าทอมือจากช่างทอในภาคเหนือ"
                       "โดยตรง</p><div class=\"company-info\"><p>บริษัท ผ้าไทย จำกัด</p><p>"
                       "เลขประจำตัวผู้เสียภาษี 0505558012345</p></div></main>" TH_FOOTER)},
    };
    struct sa_verdict v;
    ASSERT(RUN("about_company", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "An about page is one click away and the company shows its legal name, "
                            "registration or tax number, address.");
    EXPECT_EQ(v.evidence.n, 5);
    EXPECT_EV(&v, 0, "https://phathai.test/", "nav > ul > li > a", "เกี่ยวกับเรา");
    EXPECT_EV(&v, 1, "https://phathai.test/about-us/", "h1", "เกี่ยวกับเรา");
    EXPECT_EV(&v, 2, "https://phathai.test/", "footer > p.company", "บริษัท ผ้าไทย จำกัด");
    EXPECT_EV(&v, 3, "https://phathai.test/about-us/", "main > div.company-info > p",
              "เลขประจำตัวผู้เสียภาษี 0505558012345");
    EXPECT_EV(&v, 4, "https://phathai.test/", "footer > p", "ที่อยู่: 12 ถนนนิมมานเหมินท์ เชียงใหม่ 50200");
    sa_verdict_release(&v);
}

/* A Greek shop whose product page lists "ΣΧΕΤΙΚΑ ΠΡΟΪΟΝΤΑ" (related products): "σχετικά" is
 * not "about us". No about link, no company facts, "© 2024" is no founding year. */
TEST(check_about_company_related_products_not_about_fails_el)
{
    static const struct pg pages[] = {
        {"https://epipla-l.test/",
         DOC("el", "Έπιπλα Λ.",
             EL_HEADER "<main><h1>Έπιπλα σαλονιού</h1></main><footer><p>© 2024 Έπιπλα Λ.</p>"
                       "</footer>")},
        {"https://epipla-l.test/kanapedes/roma",
         DOC("el", "Καναπές Roma",
             EL_HEADER "<main><h1>Καναπές Roma</h1><p class=\"price\">749,00 €</p></main><aside>"
                       "<h3>ΣΧΕΤΙΚΑ ΠΡΟΪΟΝΤΑ</h3><a href=\"/kanapedes/milano\">Καναπές Milano"
                       "</a></aside><footer><p>© 2024 Έπιπλα Λ.</p></footer>")},
    };
    struct sa_verdict v;
    ASSERT(RUN("about_company", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(
        v.summary,
        "No about page, \"About us\" link or company details were found on the 2 page(s) audited.");
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(
        &v, 0, "https://epipla-l.test/", "header, nav, footer",
        "no about link, about page, legal name, registration number, address or founding year");
    sa_verdict_release(&v);
}

/* ---- live_help ---- */

/* A Greek shop with one messenger: a Viber link in the footer. */
TEST(check_live_help_viber_only_partial_el)
{
    static const struct pg pages[] = {
        {"https://epipla-l.test/",
         DOC("el", "Έπιπλα Λ.",
             EL_HEADER "<main><h1>Έπιπλα σαλονιού</h1></main><footer><p>Τηλ. 210 123 4567</p>"
                       "<a class=\"viber\" href=\"viber://chat?number=%2B306912345678\">Viber</a>"
                       "</footer>")},
    };
    struct sa_verdict v;
    ASSERT(RUN("live_help", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.5, 1e-9);
    EXPECT_STREQ(v.summary, "The only live help channel is Viber.");
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://epipla-l.test/", "footer > a.viber",
              "viber://chat?number=%2B306912345678");
    sa_verdict_release(&v);
}

/* A Thai contacts page with a phone number, an e-mail form whose button says "ส่งข้อความ" (send a
 * message: answered later, no live channel) and a "แชทกับเรา" (chat with us) menu entry that
 * leads nowhere (href="#"): a stub, not a chat. */
TEST(check_live_help_menu_stub_and_contact_form_fail_th)
{
    static const struct pg pages[] = {
        {"https://phathai.test/contact/",
         DOC("th", "ติดต่อเรา",
             "<header><nav><ul><li><a href=\"/\">หน้าแรก</a></li><li><a href=\"/contact/\">"
             "ติดต่อเรา</a></li><li><a "
             "href=\"#\">แชทกับเรา</a></li></ul></nav></header><main><h1>ติดต่อเรา</h1><p>โทร "
             "053-123-456</p><form "
             "action=\"/contact/send\" method=\"post\"><input type=\"text\" name=\"name\" "
             "placeholder=\"ชื่อ\"><input type=\"email\" name=\"email\" placeholder=\"อีเมล\">"
             "<textarea name=\"message\"></textarea><button type=\"submit\">ส่งข้อความ</button>"
             "</form></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN("live_help", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(
        v.summary,
        "No chat widget, callback offer or messenger link was found on the 1 page(s) audited.");
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://phathai.test/contact/", "site",
              "no chat widget script, chat or callback control, or messenger link");
    sa_verdict_release(&v);
}

/* ---- payment_info ---- */

/* A Russian product page and cart: "Оплата" in the menu is a stub, "Перейти к оплате" is an
 * action, not terms. */
TEST(check_payment_info_menu_stub_and_pay_button_fail_ru)
{
    static const struct pg pages[] = {
        {"https://samovar.test/tovar/chaynik-zhostovo/",
         DOC("ru", "Чайник «Жостово»",
             "<header><nav><ul><li><a href=\"/katalog/\">Каталог</a></li><li><a "
             "href=\"#\">Оплата</a></li></ul></nav></header><main><h1>Чайник «Жостово»</h1>"
             "<p class=\"price\">2 490 ₽</p><button type=\"submit\" name=\"add-to-cart\">В "
             "корзину</button></main>")},
        {"https://samovar.test/korzina/", DOC("ru", "Корзина",
                                              "<main><h1>Корзина</h1><p>Чайник «Жостово» × 1 — 2 "
                                              "490 ₽</p><a class=\"btn\" "
                                              "href=\"/checkout/\">Перейти к оплате</a></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN("payment_info", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "No payment method is named on the 2 page(s) audited.");
    EXPECT_EQ(v.evidence.n, 3);
    EXPECT_EV(&v, 0, "https://samovar.test/tovar/chaynik-zhostovo/", "page",
              "no payment method named on this product page");
    EXPECT_EV(&v, 1, "https://samovar.test/korzina/", "page",
              "no payment method named on this cart page");
    EXPECT_EV(&v, 2, "https://samovar.test/tovar/chaynik-zhostovo/", "nav > ul > li > a",
              "link \"Оплата\" leads nowhere (href=\"#\")");
    sa_verdict_release(&v);
}

/* ---- returns_policy ---- */

/* A Greek footer "ΠΟΛΙΤΙΚΗ ΕΠΙΣΤΡΟΦΩΝ" in capitals without accents, and the period on the
 * policy page ("εντός 14 ημερών"). "επιστρέφουν" on the home page is customers coming back. */
#define EL_RET_FOOTER                                                                                           \
    "<footer><ul class=\"info\"><li><a href=\"/politiki-epistrofon\">ΠΟΛΙΤΙΚΗ ΕΠΙΣΤΡΟΦΩΝ</a>" \
    "</li><li><a href=\"/oroi-xrisis\">ΟΡΟΙ ΧΡΗΣΗΣ</a></li></ul></footer>"

TEST(check_returns_policy_footer_link_and_period_passes_el)
{
    static const struct pg pages[] = {
        {"https://epipla-l.test/",
         DOC("el", "Έπιπλα Λ.",
             EL_HEADER "<main><h1>Έπιπλα σαλονιού</h1><p>Οι πελάτες μας επιστρέφουν ξανά και "
                       "ξανά.</p></main>" EL_RET_FOOTER)},
        {"https://epipla-l.test/politiki-epistrofon",
         DOC("el", "Πολιτική επιστροφών",
             EL_HEADER "<main><h1>Πολιτική επιστροφών</h1><p>Μπορείτε να επιστρέψετε οποιοδήποτε "
                       "προϊόν εντός 14 ημερών από την παραλαβή, χωρίς καμία αιτιολογία.</p>"
                       "</main>" EL_RET_FOOTER)},
    };
    struct sa_verdict v;
    ASSERT(RUN("returns_policy", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "A returns policy is linked from the site's menu or footer and states "
                            "the period: \"επιστρέψετε οποιοδήποτε προϊόν εντός 14 ημερών\".");
    EXPECT_EQ(v.evidence.n, 3);
    EXPECT_EV(&v, 0, "https://epipla-l.test/", "footer > ul.info > li > a", "ΠΟΛΙΤΙΚΗ ΕΠΙΣΤΡΟΦΩΝ");
    EXPECT_EV(&v, 1, "https://epipla-l.test/politiki-epistrofon", "h1", "Πολιτική επιστροφών");
    EXPECT_EV(&v, 2, "https://epipla-l.test/politiki-epistrofon", "main > p",
              "Μπορείτε να επιστρέψετε οποιοδήποτε προϊόν εντός 14 ημερών από την παραλαβή, χωρίς "
              "καμία αιτιολογία.");
    sa_verdict_release(&v);
}

/* A Thai shop that states its delivery time ("จัดส่งภายใน 3 วัน") and free delivery, but says
 * nothing of returns: a delivery time is no return period. */
TEST(check_returns_policy_delivery_time_only_fails_th)
{
    static const struct pg pages[] = {
        {"https://phathai.test/",
         DOC("th", "ผ้าไทย",
             TH_HEADER "<main><h1>ผ้าทอมือจากเชียงใหม่</h1><p class=\"ship\">จัดส่งภายใน 3 วัน "
                       "ส่งฟรีเมื่อซื้อครบ 500 บาท</p></main>" TH_FOOTER)},
        {"https://phathai.test/products/pha-sin/",
         DOC("th", "ผ้าซิ่นตีนจก",
             TH_HEADER "<main><h1>ผ้าซิ่นตีนจก</h1><p class=\"price\">฿1,850</p><button "
                       "type=\"submit\">หยิบใส่ตะกร้า</button></main>" TH_FOOTER)},
    };
    struct sa_verdict v;
    ASSERT(RUN("returns_policy", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "No returns or refund policy was found on the 2 page(s) audited.");
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://phathai.test/", "header, nav, footer",
              "no returns link, returns page or returns period");
    sa_verdict_release(&v);
}

/* ---- newsletter_signup ---- */

/* A Greek shop with a log-in form (password) and a contact form whose button says "Αποστολή"
 * (send): neither is a newsletter sign-up. */
TEST(check_newsletter_signup_login_and_contact_forms_only_fails_el)
{
    static const struct pg pages[] = {
        {"https://epipla-l.test/syndesi",
         DOC("el", "Σύνδεση",
             EL_HEADER "<main><h1>ΣΥΝΔΕΣΗ</h1><form class=\"login\" action=\"/syndesi\" "
                       "method=\"post\"><input type=\"email\" name=\"email\"><input "
                       "type=\"password\" name=\"password\"><button "
                       "type=\"submit\">Σύνδεση</button></form></main>")},
        {"https://epipla-l.test/epikoinonia",
         DOC("el", "Επικοινωνία",
             EL_HEADER "<main><h1>ΕΠΙΚΟΙΝΩΝΙΑ</h1><form class=\"contact\" action=\"/epikoinonia\" "
                       "method=\"post\"><input type=\"text\" name=\"onoma\" "
                       "placeholder=\"Ονοματεπώνυμο\"><input type=\"email\" name=\"email\" "
                       "placeholder=\"Email\"><textarea name=\"minima\"></textarea><button "
                       "type=\"submit\">Αποστολή</button></form></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN("newsletter_signup", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "No e-mail sign-up form was found on the 2 page(s) audited.");
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://epipla-l.test/syndesi", "footer",
              "no form with an e-mail field and no newsletter link");
    sa_verdict_release(&v);
}

/* ---- account_benefits ---- */

/* A Russian shop that sells and only takes orders "без регистрации": no account at all. */
TEST(check_account_benefits_guest_only_shop_fails_ru)
{
    static const struct pg pages[] = {
        {"https://samovar.test/",
         DOC("ru", "Самовар",
             RU_HEADER "<main><h1>Посуда для чаепития</h1><p class=\"note\">Оформление заказа "
                       "без регистрации — за одну минуту.</p></main>")},
        {"https://samovar.test/tovar/chaynik-zhostovo/",
         DOC("ru", "Чайник «Жостово»",
             RU_HEADER "<main><h1>Чайник «Жостово»</h1><p class=\"price\">2 490 "
                       "₽</p><button "
                       "type=\"submit\" name=\"add-to-cart\">В корзину</button></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN("account_benefits", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "The shop takes orders as a guest only: there is no account, so "
                            "nothing invites a buyer to come back.");
    EXPECT_EQ(v.evidence.n, 3);
    EXPECT_EV(&v, 0, "https://samovar.test/", "main > p.note",
              "Оформление заказа без регистрации — за одну минуту.");
    EXPECT_EV(&v, 1, "https://samovar.test/tovar/chaynik-zhostovo/", "page",
              "this page sells goods, yet no account can be created");
    EXPECT_EV(&v, 2, "https://samovar.test/", "header, nav",
              "no sign-up, log-in or account link and no password form");
    sa_verdict_release(&v);
}

/* ---- loyalty_program ---- */

/* A Russian menu entry "Бонусы" pointing at "#" and a hidden banner: no programme. */
TEST(check_loyalty_program_menu_stub_and_hidden_banner_fails_ru)
{
    static const struct pg pages[] = {
        {"https://samovar.test/",
         DOC("ru", "Самовар",
             "<header><nav><ul><li><a href=\"/katalog/\">Каталог</a></li><li><a "
             "href=\"#\">Бонусы</a></li></ul></nav></header><main><h1>Посуда для чаепития</h1>"
             "<div class=\"promo\" style=\"display:none\">Копите бонусы с каждой покупки!</div>"
             "</main>")},
        {"https://samovar.test/tovar/chaynik-zhostovo/",
         DOC("ru", "Чайник «Жостово»",
             "<main><h1>Чайник «Жостово»</h1><p class=\"price\">2 490 "
             "₽</p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN("loyalty_program", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "No loyalty programme was found on the 2 page(s) audited.");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://samovar.test/", "page",
              "no link to, or mention of, a loyalty or bonus programme");
    EXPECT_EV(&v, 1, "https://samovar.test/tovar/chaynik-zhostovo/", "page",
              "no link to, or mention of, a loyalty or bonus programme");
    sa_verdict_release(&v);
}

/* ---- reviews ---- */

/* A Greek product page with a description and a buy button, but no reviews: "ΚΡΙΤΙΚΕΣ" only
 * as a menu link (navigation). */
TEST(check_reviews_menu_link_only_fails_el)
{
    static const struct pg pages[] = {
        {"https://epipla-l.test/proion/kanapes-roma",
         DOC("el", "Καναπές Roma",
             "<header><nav><ul><li><a href=\"/kanapedes\">ΚΑΝΑΠΕΔΕΣ</a></li><li><a "
             "href=\"/kritikes\">ΚΡΙΤΙΚΕΣ</a></li></ul></nav></header><main><h1>Καναπές Roma"
             "</h1><p class=\"price\">749,00 €</p><p>Τριθέσιος καναπές με σκελετό από μασίφ "
             "ξύλο οξιάς.</p><button type=\"submit\" name=\"add-to-cart\">ΠΡΟΣΘΗΚΗ ΣΤΟ "
             "ΚΑΛΑΘΙ</button></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN("reviews", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "None of the 1 product pages shows customer reviews or ratings.");
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://epipla-l.test/proion/kanapes-roma", "main",
              "no customer reviews or rating on this product page");
    sa_verdict_release(&v);
}

/* ---- social_links ---- */

/* A Thai footer on every page: the shop's Facebook page and its LINE official account. */
#define TH_SOCIAL_FOOTER                                                                           \
    "<footer><div class=\"social\"><a href=\"https://www.facebook.com/phathai.shop\">Facebook"     \
    "</a><a href=\"https://lin.ee/phAtHa1\">LINE</a></div></footer>"

TEST(check_social_links_facebook_and_line_everywhere_passes_th)
{
    static const struct pg pages[] = {
        {"https://phathai.test/",
         DOC("th", "ผ้าไทย", TH_HEADER "<main><h1>ผ้าทอมือ</h1></main>" TH_SOCIAL_FOOTER)},
        {"https://phathai.test/products/pha-sin/",
         DOC("th", "ผ้าซิ่นตีนจก", TH_HEADER "<main><h1>ผ้าซิ่นตีนจก</h1></main>" TH_SOCIAL_FOOTER)},
    };
    struct sa_verdict v;
    ASSERT(RUN("social_links", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "The shop's pages on 2 social networks (Facebook, LINE) are linked "
                            "from the header or footer of 2 of 2 pages.");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://phathai.test/", "footer > div.social > a",
              "Facebook: https://www.facebook.com/phathai.shop");
    EXPECT_EV(&v, 1, "https://phathai.test/", "footer > div.social > a",
              "LINE: https://lin.ee/phAtHa1");
    sa_verdict_release(&v);
}

/* An Armenian product page with share buttons and a link to Instagram's home page: neither is
 * the shop's own page. */
TEST(check_social_links_share_buttons_only_fails_hy)
{
    static const struct pg pages[] = {
        {"https://kave.test/hy/apranq/kuzh",
         DOC("hy", "Կավե կուժ",
             HY_HEADER "<main><h1>Կավե կուժ</h1><div class=\"share\">Կիսվե՛լ․ <a "
                       "href=\"https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fkave."
                       "test%2Fhy%2Fapranq%2Fkuzh\">Facebook</a></div></main><footer><a "
                       "href=\"https://www.instagram.com/\">Instagram</a></footer>")},
    };
    struct sa_verdict v;
    ASSERT(RUN("social_links", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "No link to the shop's own social-network pages was found on the 1 "
                            "page(s) audited (only share buttons or the networks' home pages).");
    EXPECT_EQ(v.evidence.n, 3);
    EXPECT_EV(&v, 0, "https://kave.test/hy/apranq/kuzh", "header, footer",
              "no link to the shop's social-network pages");
    EXPECT_EV(&v, 1, "https://kave.test/hy/apranq/kuzh", "main > div.share > a",
              "a share button, not the shop's page: "
              "https://www.facebook.com/sharer/"
              "sharer.php?u=https%3A%2F%2Fkave.test%2Fhy%2Fapranq%2Fkuzh");
    EXPECT_EV(&v, 2, "https://kave.test/hy/apranq/kuzh", "footer > a",
              "the network's home page, not the shop's page: https://www.instagram.com/");
    sa_verdict_release(&v);
}

/* ---- support_content ---- */

/* A Thai shop: "ต้องการความช่วยเหลือ? โทรหาเรา" (need help? call us) in running text and a
 * "คำถามที่พบบ่อย" (FAQ) menu stub: no help page, no live link to one. */
TEST(check_support_content_help_words_and_menu_stub_fails_th)
{
    static const struct pg pages[] = {
        {"https://phathai.test/",
         DOC("th", "ผ้าไทย",
             "<header><nav><ul><li><a href=\"/products/\">สินค้าทั้งหมด</a></li><li><a "
             "href=\"#\">คำถามที่พบบ่อย</a></li></ul></nav></header><main><h1>ผ้าทอมือ</h1><p>"
             "ต้องการความช่วยเหลือ? โทรหาเรา 053-123-456</p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN("support_content", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary,
                 "No FAQ, help centre, guide or blog was found on the 1 page(s) audited.");
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://phathai.test/", "page",
              "no link to a FAQ, help centre, guides or blog");
    sa_verdict_release(&v);
}

/* ---- https ---- */

/* An Armenian shop: one old landing page still served over http. 2 of 3 pages. */
TEST(check_https_one_old_page_over_http_partial_hy)
{
    static const struct pg pages[] = {
        {"https://kave.test/hy/", DOC("hy", "Կավե", HY_HEADER "<main><h1>Կավե աման</h1></main>")},
        {"https://kave.test/hy/apranq/kuzh",
         DOC("hy", "Կավե կուժ", HY_HEADER "<main><h1>Կավե կուժ</h1></main>")},
        {"http://kave.test/hy/akcia-2019",
         DOC("hy", "Զեղչեր", HY_HEADER "<main><h1>Ակցիան ավարտված է</h1></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN("https", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 2.0 / 3.0, 1e-9);
    EXPECT_STREQ(
        v.summary,
        "2 of 3 pages use HTTPS; 0 form(s) post over HTTP, 0 page(s) load insecure images.");
    EXPECT_EQ(v.evidence.n, 3);
    EXPECT_EV(&v, 0, "http://kave.test/hy/akcia-2019", "page", "served over http://");
    EXPECT_EV(&v, 1, "https://kave.test/hy/", "page", "served over https://");
    EXPECT_EV(&v, 2, "https://kave.test/hy/apranq/kuzh", "page", "served over https://");
    sa_verdict_release(&v);
}

TEST(check_https_plain_http_fails_th)
{
    static const struct pg pages[] = {
        {"http://phathai.test/", DOC("th", "ผ้าไทย", TH_HEADER "<main><h1>ผ้าทอมือ</h1></main>")},
        {"http://phathai.test/products/pha-sin/",
         DOC("th", "ผ้าซิ่นตีนจก", TH_HEADER "<main><h1>ผ้าซิ่นตีนจก</h1></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN("https", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "The site is served over plain HTTP (2 pages).");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "http://phathai.test/", "page", "served over http://");
    EXPECT_EV(&v, 1, "http://phathai.test/products/pha-sin/", "page", "served over http://");
    sa_verdict_release(&v);
}

/* ---- mobile_viewport ---- */

TEST(check_mobile_viewport_device_width_everywhere_passes_ru)
{
    static const struct pg pages[] = {
        {"https://samovar.test/",
         DOC("ru", "Самовар", RU_HEADER "<main><h1>Посуда для чаепития</h1></main>")},
        {"https://samovar.test/katalog/",
         DOC_HEAD("ru", VP("width=device-width, initial-scale=1.0"), "Каталог",
                  RU_HEADER "<main><h1>Каталог</h1></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN("mobile_viewport", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "All 2 pages declare a mobile viewport and allow zooming.");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://samovar.test/", "head > meta[name=viewport]",
              "width=device-width, initial-scale=1");
    EXPECT_EV(&v, 1, "https://samovar.test/katalog/", "head > meta[name=viewport]",
              "width=device-width, initial-scale=1.0");
    sa_verdict_release(&v);
}

/* A Greek shop whose old blog template has no viewport: 1 of 2 pages. */
TEST(check_mobile_viewport_blog_without_viewport_partial_el)
{
    static const struct pg pages[] = {
        {"https://epipla-l.test/",
         DOC("el", "Έπιπλα Λ.", EL_HEADER "<main><h1>Έπιπλα σαλονιού</h1></main>")},
        {"https://epipla-l.test/blog/idees-gia-to-saloni",
         DOC_HEAD("el", "", "Ιδέες για το σαλόνι",
                  EL_HEADER "<main><h1>Ιδέες για το σαλόνι</h1></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN("mobile_viewport", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.5, 1e-9);
    EXPECT_STREQ(v.summary, "1 of 2 pages lack a proper mobile viewport or block zooming.");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://epipla-l.test/blog/idees-gia-to-saloni", "head",
              "no <meta name=\"viewport\">");
    EXPECT_EV(&v, 1, "https://epipla-l.test/", "head > meta[name=viewport]",
              "width=device-width, initial-scale=1");
    sa_verdict_release(&v);
}

/* An Armenian desktop theme: no viewport, or a fixed 980px width. */
TEST(check_mobile_viewport_missing_or_fixed_width_fails_hy)
{
    static const struct pg pages[] = {
        {"https://kave.test/hy/",
         DOC_HEAD("hy", "", "Կավե", HY_HEADER "<main><h1>Կավե աման</h1></main>")},
        {"https://kave.test/hy/apranq/kuzh",
         DOC_HEAD("hy", VP("width=980"), "Կավե կուժ", HY_HEADER "<main><h1>Կավե կուժ</h1></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN("mobile_viewport", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "None of the 2 pages declares a mobile viewport.");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://kave.test/hy/", "head", "no <meta name=\"viewport\">");
    EXPECT_EV(&v, 1, "https://kave.test/hy/apranq/kuzh", "head > meta[name=viewport]",
              "viewport without width=device-width: width=980");
    sa_verdict_release(&v);
}

/* ---- broken_links ---- */

/* A Thai page: the menu, a product card with its picture; every target answers. */
TEST(check_broken_links_every_target_answers_passes_th)
{
    static const struct pg pages[] = {
        {"https://phathai.test/",
         DOC("th", "ผ้าไทย",
             TH_HEADER "<main><div class=\"card\"><img src=\"/img/pha-sin.jpg\" "
                       "alt=\"ผ้าซิ่นตีนจก\"><a href=\"/products/pha-sin/\">ผ้าซิ่นตีนจก ฿1,850"
                       "</a></div></main>")},
    };
    static const struct answer ok[] = {{"https://phathai.test/products/", 200},
                                       {"https://phathai.test/about-us/", 200},
                                       {"https://phathai.test/cart/", 200},
                                       {"https://phathai.test/img/pha-sin.jpg", 200},
                                       {"https://phathai.test/products/pha-sin/", 200},
                                       {NULL, 0}};
    struct sa_verdict v;
    ASSERT(RUN_WITH(ok, "broken_links", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "All 5 internal links and images checked answer without error.");
    EXPECT_EQ(v.evidence.n, 3);
    /* the 3 smallest by (page, where, snippet), whatever order the links were offered in */
    EXPECT_EV(&v, 0, "https://phathai.test/", "nav > ul > li > a",
              "HTTP 200 from https://phathai.test/about-us/");
    EXPECT_EV(&v, 1, "https://phathai.test/", "main > div.card > a",
              "HTTP 200 from https://phathai.test/products/pha-sin/");
    EXPECT_EV(&v, 2, "https://phathai.test/", "main > div.card > img",
              "HTTP 200 from https://phathai.test/img/pha-sin.jpg");
    sa_verdict_release(&v);
}

/* An Armenian shop after a move: the catalogue and cart answer 404, the product image 410. */
TEST(check_broken_links_most_links_dead_fails_hy)
{
    static const struct pg pages[] = {
        {"https://kave.test/hy/",
         DOC("hy", "Կավե",
             HY_HEADER "<main><img src=\"/hy/img/kuzh.jpg\" alt=\"Կավե կուժ\"><a "
                       "href=\"/hy/mer-masin\">Մեր մասին</a></main>")},
    };
    static const struct answer table[] = {{"https://kave.test/hy/apranqner", 404},
                                          {"https://kave.test/hy/zambyugh", 404},
                                          {"https://kave.test/hy/img/kuzh.jpg", 410},
                                          {"https://kave.test/hy/mer-masin", 200},
                                          {NULL, 0}};
    struct sa_verdict v;
    ASSERT(RUN_WITH(table, "broken_links", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "3 of 4 internal links and images checked are broken.");
    EXPECT_EQ(v.evidence.n, 4);
    EXPECT_EV(&v, 0, "https://kave.test/hy/", "header > nav > a",
              "HTTP 404 from https://kave.test/hy/apranqner (\"Ապրանքներ\")");
    EXPECT_EV(&v, 1, "https://kave.test/hy/", "header > nav > a",
              "HTTP 404 from https://kave.test/hy/zambyugh (\"Զամբյուղ\")");
    EXPECT_EV(&v, 2, "https://kave.test/hy/", "main > img",
              "HTTP 410 from https://kave.test/hy/img/kuzh.jpg (\"Կավե կուժ\")");
    EXPECT_EV(&v, 3, "https://kave.test/hy/", "main > a",
              "HTTP 200 from https://kave.test/hy/mer-masin");
    sa_verdict_release(&v);
}

/* ---- readable_text ---- */

/* A Thai product description: a long sentence without spaces is no unbroken string, since a
 * browser wraps Thai between any letters. */
TEST(check_readable_text_long_thai_sentence_passes_th)
{
    static const struct pg pages[] = {
        {"https://phathai.test/products/pha-sin/",
         DOC("th", "ผ้าซิ่นตีนจก",
             TH_HEADER "<main><h1>ผ้าซิ่นตีนจก</h1><div class=\"description\"><p>"
                       "ผ้าซิ่นตีนจกผืนนี้ทอมือด้วยเส้นฝ้ายย้อมสีธรรมชาติจากช่างทอบ้านแม่แจ่ม"
                       "ใช้เวลาทอประมาณหนึ่งเดือนต่อผืน</p></div></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN("readable_text", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(
        v.summary,
        "No tiny fonts, walls of text or unbroken strings were found on the 1 page(s) audited.");
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://phathai.test/products/pha-sin/", "main",
              "no tiny font, wall of text or unbroken string; longest text block 100 characters");
    sa_verdict_release(&v);
}

/* A Russian theme sets the product description at 11px in its own <style>: 2 product pages of
 * 3, most of the site. */
#define RU_TINY_STYLE "<style>.product-description { font-size: 11px; }</style>"

TEST(check_readable_text_tiny_description_on_most_pages_fails_ru)
{
    static const struct pg pages[] = {
        {"https://samovar.test/",
         DOC("ru", "Самовар", RU_HEADER "<main><h1>Посуда для чаепития</h1></main>")},
        {"https://samovar.test/tovar/chaynik-zhostovo/",
         DOC_HEAD("ru", VIEWPORT RU_TINY_STYLE, "Чайник «Жостово»",
                  RU_HEADER "<main><h1>Чайник «Жостово»</h1><div class=\"product-description\">"
                            "<p>Заварочный чайник из фарфора с ручной росписью.</p></div></main>")},
        {"https://samovar.test/tovar/samovar-tula/",
         DOC_HEAD("ru", VIEWPORT RU_TINY_STYLE, "Самовар тульский",
                  RU_HEADER "<main><h1>Самовар тульский</h1><div class=\"product-description\">"
                            "<p>Электрический самовар на 3 литра, латунь.</p></div></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN("readable_text", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "Text is hard to read on 2 of 3 page(s): tiny fonts.");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://samovar.test/tovar/chaynik-zhostovo/", "(//style)[1]",
              ".product-description { font-size: 11px }");
    EXPECT_EV(&v, 1, "https://samovar.test/", "main",
              "no tiny font, wall of text or unbroken string; longest text block 19 characters");
    sa_verdict_release(&v);
}

TEST_MAIN()
