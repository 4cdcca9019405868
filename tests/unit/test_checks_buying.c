/* Check-level tests for four buying checks (checks/delivery_info.c, payment_info.c,
 * guest_checkout.c, prices_visible.c): each test builds a few small shop pages with the real
 * page model and lexicon, feeds them to one check's observe() the way the engine does, and
 * asserts the verdict finish() gives: status, score from the formula in docs/checks/<id>.md,
 * summary, and the evidence a shop owner would be shown. Pages are written the way shop themes
 * write them, in English, Russian, Thai, Greek and Armenian, with the matching pitfalls of
 * RETENTION_CRITERIA.md (a Send button that says "Αποστολή", a dead "Delivery" menu link,
 * สมัครสมาชิก that is sign-up and not guest checkout, "от 8 900" that is not a firm price). The
 * checks are not in the registry yet, so they run by definition (RUN_DEF). */
#include "check_driver.h"

extern const struct sa_check sa_check_delivery_info;
extern const struct sa_check sa_check_payment_info;
extern const struct sa_check sa_check_guest_checkout;
extern const struct sa_check sa_check_prices_visible;

/* The kinds weighed by delivery_info: times 54, costs 49, pickup 45 (of 148). */
#define W_TIME 54.0
#define W_COST 49.0
#define W_PICK 45.0
#define W_ALL  148.0

/* ---- shared skeletons ---- */

/* A Russian shop: the menu names "Доставка и оплата", which is a link, not terms. */
#define RU_HEAD                                                                                               \
    "<header><a class=\"logo\" href=\"/\">Домик</a><a class=\"cart\" href=\"/korzina/\">Корзина " \
    "(1)</a></header><nav><ul><li><a href=\"/katalog/\">Каталог</a></li><li><a "                       \
    "href=\"/dostavka-i-oplata/\">Доставка и оплата</a></li></ul></nav>"
#define RU_FOOT "<footer><p>© 2024 Домик, товары для дома</p></footer>"

/* A Greek furniture shop (OpenCart-like): menus in capitals without accents. */
#define EL_HEAD                                                                                                  \
    "<header><a class=\"logo\" href=\"/\">Έπιπλα Κ.</a><nav><ul><li><a "                                  \
    "href=\"/kanapedes\">ΚΑΝΑΠΕΔΕΣ</a></li><li><a href=\"/tropoi-apostolis\">ΤΡΟΠΟΙ "             \
    "ΑΠΟΣΤΟΛΗΣ</a></li><li><a href=\"/index.php?route=checkout/cart\">ΚΑΛΑΘΙ</a></li></ul></nav>" \
    "</header>"
#define EL_FOOT "<footer><p>Η αποστολή μας: έπιπλα που κρατούν μια ζωή.</p></footer>"

/* A Thai snack shop: ส่งเสริมการขาย (sales promotion) starts with ส่ง (send) and is no
 * delivery; the menu is a list of links. */
#define TH_HEAD                                                                                                             \
    "<header><a class=\"logo\" href=\"/\">ร้านไทย</a><nav><ul><li><a "                                        \
    "href=\"/category/snacks/\">ขนมไทย</a></li><li><a href=\"/delivery/\">การจัดส่ง</a></li>" \
    "</ul></nav></header>"
#define TH_FOOT "<footer><p>ร้านไทย ขนมไทยโบราณ</p></footer>"

/* An Armenian carpet shop. */
#define HY_HEAD                                                                                    \
    "<header><a class=\"logo\" href=\"/hy/\">Գորգեր</a><a class=\"cart\" "                   \
    "href=\"/hy/zambyugh\">Զամբյուղ</a></header>"
#define HY_FOOT "<footer><p>© Գորգեր, Երևան</p></footer>"

/* ==== delivery_info ==== */

/* A Bitrix-like product card: the delivery block next to the buy button states a time, a cost,
 * the free-delivery threshold and pickup points. The menu's "Доставка и оплата" is a link, and
 * the facts are on both product pages. */
#define RU_DELIVERY_BLOCK                                                                              \
    "<div class=\"product-delivery\"><p>Доставка за 1–2 дня по Москве — 300 " \
    "₽.</p><p>Бесплатная "                                                                 \
    "доставка от 5 000 ₽.</p><p>Самовывоз из 12 пунктов "                \
    "выдачи.</p></div>"

TEST(check_delivery_info_terms_next_to_buy_button_pass_ru)
{
    static const struct pg pages[] = {
        {"https://domik.test/tovar/chaynik-123/",
         DOC("ru", "Чайник электрический | Домик",
             RU_HEAD "<main><h1>Чайник электрический</h1><p class=\"price\">2 490 руб.</p>"
                     "<button class=\"btn-buy\">В корзину</button>" RU_DELIVERY_BLOCK
                     "</main>" RU_FOOT)},
        {"https://domik.test/tovar/kastryulya-7/",
         DOC("ru", "Кастрюля 3 л | Домик",
             RU_HEAD "<main><h1>Кастрюля 3 л</h1><p class=\"price\">1 290 руб.</p>"
                     "<button class=\"btn-buy\">В корзину</button>" RU_DELIVERY_BLOCK
                     "</main>" RU_FOOT)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_delivery_info, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "Delivery terms (times, costs, pickup points) are stated where "
                            "buyers decide, on 2 of 2 product, cart and checkout pages.");
    EXPECT_STREQ(v.recommendation, "");
    EXPECT_EQ(v.evidence.n, 3); /* the first sighting of each fact */
    EXPECT_EV(&v, 0, "https://domik.test/tovar/chaynik-123/", "main > div.product-delivery > p",
              "Доставка за 1–2 дня по Москве — 300 ₽.");
    EXPECT_EV(&v, 1, "https://domik.test/tovar/chaynik-123/", "main > div.product-delivery > p",
              "Бесплатная доставка от 5 000 ₽.");
    EXPECT_EV(&v, 2, "https://domik.test/tovar/chaynik-123/", "main > div.product-delivery > p",
              "Самовывоз из 12 пунктов выдачи.");
    sa_verdict_release(&v);
}

/* A Shopify-like theme: the only delivery fact is the announcement bar's link in the header. A
 * live link that states a fact is information. The gift card's landing template has no bar,
 * but the cart states the terms, and the buyer sees them there before paying: pass. */
#define EN_BAR                                                                                     \
    "<header><div class=\"announcement-bar\"><a href=\"/pages/shipping\">Free shipping on "        \
    "orders over $50</a></div><a class=\"logo\" href=\"/\">Linen &amp; Co</a></header>"

TEST(check_delivery_info_announcement_bar_in_cart_pass_en)
{
    static const struct pg pages[] = {
        {"https://linen.test/products/linen-shirt",
         DOC("en", "Linen shirt – Linen & Co",
             EN_BAR "<main><h1>Linen shirt</h1><p>$49.00</p><button type=\"submit\">Add to "
                    "cart</button></main>")},
        {"https://linen.test/products/gift-card",
         DOC("en", "Gift card – Linen & Co",
             "<main><h1>Gift card</h1><p>$25.00</p><button type=\"submit\">Add to "
             "cart</button></main>")},
        {"https://linen.test/cart",
         DOC("en", "Your cart – Linen & Co",
             EN_BAR "<main><h1>Your cart</h1><p>Linen shirt × 1</p><p>Subtotal $49.00</p>"
                    "</main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_delivery_info, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "Delivery terms (costs) are stated where buyers decide, on 2 of 3 "
                            "product, cart and checkout pages.");
    EXPECT_EQ(v.evidence.n, 2); /* the fact, then the page without it */
    /* each fact is quoted from the smallest URL that states it, whatever the arrival order */
    EXPECT_EV(&v, 0, "https://linen.test/cart", "header > div.announcement-bar > a",
              "Free shipping on orders over $50");
    EXPECT_EV(&v, 1, "https://linen.test/products/gift-card", "page",
              "no delivery time, cost or pickup point on this product page");
    sa_verdict_release(&v);
}

/* Greek: the terms live only on the "Τρόποι αποστολής" page. On the product page the tab
 * heading "Χρόνος παράδοσης" (delivery time) names a section and states no time, "ΑΠΟΣΤΟΛΗ" is
 * the Send button of the question form and "αποστολή" in the footer is the shop's mission:
 * none is a delivery fact. Partial: 0.1 + 0.4 × (54 + 49) / 148 (times and costs, no pickup). */
TEST(check_delivery_info_separate_page_only_partial_el)
{
    static const struct pg pages[] = {
        {"https://epipla.test/proion/kanapes-roma",
         DOC("el", "Καναπές Roma",
             EL_HEAD "<main><h1>Καναπές Roma</h1><p>749,00 €</p><button "
                     "id=\"button-cart\">ΠΡΟΣΘΗΚΗ ΣΤΟ ΚΑΛΑΘΙ</button><div class=\"tab\"><h3>Χρόνος "
                     "παράδοσης</h3><p>Ρωτήστε μας για τη διαθεσιμότητα.</p></div><form "
                     "class=\"question\" "
                     "method=\"post\"><textarea name=\"q\"></textarea><button "
                     "type=\"submit\">ΑΠΟΣΤΟΛΗ</button></form></main>" EL_FOOT)},
        {"https://epipla.test/tropoi-apostolis",
         DOC("el", "Τρόποι αποστολής",
             EL_HEAD "<main><h1>Τρόποι αποστολής</h1><div class=\"terms\"><p>Δωρεάν αποστολή "
                     "για αγορές άνω των 300 €.</p><p>Παράδοση σε 3-5 εργάσιμες ημέρες σε όλη "
                     "την Ελλάδα.</p></div></main>" EL_FOOT)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_delivery_info, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.1 + 0.4 * (W_TIME + W_COST) / W_ALL, 1e-9);
    EXPECT_STREQ(v.summary, "Delivery terms (times, costs) are stated only on a separate page, "
                            "not on the product, cart or checkout pages.");
    EXPECT(v.recommendation && strstr(v.recommendation, "54%") != NULL);
    EXPECT_EQ(v.evidence.n, 3); /* the product page without terms, then the two facts */
    EXPECT_EV(&v, 0, "https://epipla.test/proion/kanapes-roma", "page",
              "no delivery time, cost or pickup point on this product page");
    EXPECT_EV(&v, 1, "https://epipla.test/tropoi-apostolis", "main > div.terms > p",
              "Παράδοση σε 3-5 εργάσιμες ημέρες σε όλη την Ελλάδα.");
    EXPECT_EV(&v, 2, "https://epipla.test/tropoi-apostolis", "main > div.terms > p",
              "Δωρεάν αποστολή για αγορές άνω των 300 €.");
    sa_verdict_release(&v);
}

/* Thai: one product page states a delivery time and free delivery, the other only a promotion
 * (ส่งเสริมการขาย, which starts with ส่ง but is no delivery). Partial:
 * 0.1 + 0.4 × (54 + 49) / 148 + 0.4 × 1/2. */
TEST(check_delivery_info_some_product_pages_partial_th)
{
    static const struct pg pages[] = {
        {"https://ranthai.test/product/thong-yip/",
         DOC("th", "ทองหยิบ",
             TH_HEAD "<main><h1>ทองหยิบ</h1><p>฿120</p><button class=\"btn-cart\">หยิบใส่ตะกร้า"
                     "</button><ul class=\"shipping\"><li>จัดส่งภายใน 2-3 วัน</li><li>ส่งฟรีเมื่อ"
                     "ซื้อครบ 500 บาท</li></ul></main>" TH_FOOT)},
        {"https://ranthai.test/product/foi-thong/",
         DOC("th", "ฝอยทอง",
             TH_HEAD "<main><h1>ฝอยทอง</h1><p>฿150</p><button class=\"btn-cart\">หยิบใส่ตะกร้า"
                     "</button><p class=\"promo\">กิจกรรมส่งเสริมการขายประจำเดือน</p></main>" TH_FOOT)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_delivery_info, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.1 + 0.4 * (W_TIME + W_COST) / W_ALL + 0.4 * 0.5, 1e-9);
    EXPECT_STREQ(v.summary, "Delivery terms (times, costs) are stated on only 1 of 2 product, "
                            "cart and checkout pages.");
    EXPECT_EQ(v.evidence.n, 3);
    EXPECT_EV(&v, 0, "https://ranthai.test/product/foi-thong/", "page",
              "no delivery time, cost or pickup point on this product page");
    EXPECT_EV(&v, 1, "https://ranthai.test/product/thong-yip/", "main > ul.shipping > li",
              "จัดส่งภายใน 2-3 วัน");
    EXPECT_EV(&v, 2, "https://ranthai.test/product/thong-yip/", "main > ul.shipping > li",
              "ส่งฟรีเมื่อซื้อครบ 500 บาท");
    sa_verdict_release(&v);
}

/* Armenian product pages: "Առաքումը Երևանում՝ 1 000 ֏" is a delivery cost (an amount next to
 * the delivery word), and "Ինքնադուրսբերում" is pickup from the shop. Pass. */
TEST(check_delivery_info_cost_and_pickup_on_product_pages_pass_hy)
{
    static const struct pg pages[] = {
        {"https://gorger.test/hy/apranq/gorg-12",
         DOC("hy", "Գորգ «Արցախ»",
             HY_HEAD "<main><h1>Գորգ «Արցախ»</h1><p>185 000 ֏</p><button "
                     "class=\"btn\">Գնել</button><ul class=\"delivery\"><li>Առաքումը "
                     "Երևանում՝ 1 000 ֏</li><li>Ինքնադուրսբերում՝ Աբովյան 12 խանութից</li></ul>"
                     "</main>" HY_FOOT)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_delivery_info, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "Delivery terms (costs, pickup points) are stated where buyers "
                            "decide, on 1 of 1 product, cart and checkout pages.");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://gorger.test/hy/apranq/gorg-12", "main > ul.delivery > li",
              "Առաքումը Երևանում՝ 1 000 ֏");
    EXPECT_EV(&v, 1, "https://gorger.test/hy/apranq/gorg-12", "main > ul.delivery > li",
              "Ինքնադուրսբերում՝ Աբովյան 12 խանութից");
    sa_verdict_release(&v);
}

/* Armenian: the product page says delivery exists ("Առաքում ամբողջ Հայաստանում") but states no
 * time, cost or pickup point anywhere: partial 0.1, the mention cited. */
TEST(check_delivery_info_mentioned_without_facts_partial_hy)
{
    static const struct pg pages[] = {
        {"https://gorger.test/hy/apranq/gorg-12",
         DOC("hy", "Գորգ «Արցախ»",
             HY_HEAD "<main><h1>Գորգ «Արցախ»</h1><p>185 000 ֏</p><button "
                     "class=\"btn\">Գնել</button><p class=\"note\">Առաքում ամբողջ "
                     "Հայաստանում։</p></main>" HY_FOOT)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_delivery_info, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.1, 1e-9);
    EXPECT_STREQ(v.summary,
                 "Delivery is mentioned, but no delivery time, cost or pickup point is stated.");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://gorger.test/hy/apranq/gorg-12", "page",
              "no delivery time, cost or pickup point on this product page");
    EXPECT_EV(&v, 1, "https://gorger.test/hy/apranq/gorg-12", "main > p.note",
              "Առաքում ամբողջ Հայաստանում։");
    sa_verdict_release(&v);
}

/* Greek pitfalls only: a "Τρόποι αποστολής" menu entry with href="#" (a page that does not
 * exist), the question form's "ΑΠΟΣΤΟΛΗ" (Send) button, the footer's "αποστολή" (mission) and a
 * free-delivery note hidden until a script shows it. No delivery terms: fail, the dead link
 * shown. */
TEST(check_delivery_info_send_button_and_dead_link_fail_el)
{
    static const struct pg pages[] = {
        {"https://epipla-m.test/proion/trapezi-oslo",
         DOC("el", "Τραπέζι Oslo",
             "<header><a class=\"logo\" href=\"/\">Έπιπλα Μ.</a><ul class=\"links\"><li><a "
             "href=\"#\">Τρόποι αποστολής</a></li></ul></header><main><h1>Τραπέζι Oslo</h1><p>"
             "289,00 €</p><button id=\"button-cart\">ΑΓΟΡΑ</button><div class=\"ship-note\" "
             "style=\"display:none\">Δωρεάν αποστολή σε όλη την Ελλάδα</div><form "
             "class=\"contact\" "
             "method=\"post\"><textarea name=\"msg\"></textarea><button "
             "type=\"submit\">ΑΠΟΣΤΟΛΗ</button></form></main>" EL_FOOT)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_delivery_info, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary,
                 "No delivery time, cost or pickup point is stated on the 1 page(s) audited.");
    EXPECT(v.recommendation && strstr(v.recommendation, "49%") != NULL);
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://epipla-m.test/proion/trapezi-oslo", "page",
              "no delivery time, cost or pickup point on this product page");
    EXPECT_EV(&v, 1, "https://epipla-m.test/proion/trapezi-oslo", "header > ul.links > li > a",
              "link \"Τρόποι αποστολής\" leads nowhere (href=\"#\")");
    sa_verdict_release(&v);
}

/* Russian: "Рассчитать доставку" (work out the delivery) is a button, an action and no terms;
 * "Доставка" in the header's link list leads nowhere (href="#"); the menu's "Доставка и оплата"
 * is a menu. Nothing states delivery terms: fail. */
TEST(check_delivery_info_button_and_menu_links_are_not_terms_fail_ru)
{
    static const struct pg pages[] = {
        {"https://domik.test/tovar/chaynik-123/",
         DOC("ru", "Чайник электрический | Домик",
             "<header><a class=\"logo\" href=\"/\">Домик</a><ul class=\"top-links\"><li><a "
             "href=\"#\">Доставка</a></li></ul></header><nav><ul><li><a "
             "href=\"/dostavka-i-oplata/\">Доставка и оплата</a></li></ul></nav><main><h1>Чайник "
             "электрический</h1><p class=\"price\">2 490 руб.</p><button "
             "class=\"btn-buy\">В корзину</button><button type=\"button\" "
             "class=\"calc\">Рассчитать доставку</button></main>" RU_FOOT)},
        {"https://domik.test/korzina/",
         DOC("ru", "Корзина | Домик",
             "<main><h1>Корзина</h1><p>Чайник электрический, 1 шт.</p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_delivery_info, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary,
                 "No delivery time, cost or pickup point is stated on the 2 page(s) audited.");
    EXPECT_EQ(v.evidence.n, 3); /* both pages without terms, then the dead link */
    EXPECT_EV(&v, 1, "https://domik.test/korzina/", "page",
              "no delivery time, cost or pickup point on this cart page");
    EXPECT_EV(&v, 2, "https://domik.test/tovar/chaynik-123/", "header > ul.top-links > li > a",
              "link \"Доставка\" leads nowhere (href=\"#\")");
    sa_verdict_release(&v);
}

/* A design studio's site sells nothing: delivery does not apply. */
TEST(check_delivery_info_no_goods_not_applicable_en)
{
    static const struct pg pages[] = {
        {"https://studio.test/",
         DOC("en", "Studio", "<main><h1>We design kitchens</h1><p>Since 2009.</p></main>")},
        {"https://studio.test/about", DOC("en", "About", "<main><h1>About the studio</h1></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_delivery_info, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_NOT_APPLICABLE);
    EXPECT_STREQ(v.summary, "No goods and no delivery terms were found on the 2 page(s) audited, "
                            "so there is no delivery to describe.");
    EXPECT_STREQ(v.recommendation, "");
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://studio.test/", "site",
              "no product, cart or checkout page and no goods found");
    sa_verdict_release(&v);
}

/* ==== payment_info ==== */

/* Russian product pages name two methods next to the buy button; the menu's "Доставка и
 * оплата" link is not terms. */
#define RU_PAYMENT_BLOCK                                                                                                 \
    "<div class=\"product-payment\"><p>Оплата наличными или банковской картой при " \
    "получении.</p></div>"

TEST(check_payment_info_methods_next_to_buy_button_pass_ru)
{
    static const struct pg pages[] = {
        {"https://domik.test/tovar/chaynik-123/",
         DOC("ru", "Чайник электрический | Домик",
             RU_HEAD "<main><h1>Чайник электрический</h1><p class=\"price\">2 490 руб.</p>"
                     "<button class=\"btn-buy\">В корзину</button>" RU_PAYMENT_BLOCK
                     "</main>" RU_FOOT)},
        {"https://domik.test/tovar/kastryulya-7/",
         DOC("ru", "Кастрюля 3 л | Домик",
             RU_HEAD "<main><h1>Кастрюля 3 л</h1><p class=\"price\">1 290 руб.</p>"
                     "<button class=\"btn-buy\">В корзину</button>" RU_PAYMENT_BLOCK
                     "</main>" RU_FOOT)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_payment_info, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "Payment methods (\"банковской картой\", \"Оплата наличными\") are "
                            "shown "
                            "where buyers decide, on 2 of 2 product, cart and checkout pages.");
    EXPECT_STREQ(v.recommendation, "");
    EXPECT_EQ(v.evidence.n, 4); /* every sighting: two methods on each of two pages */
    /* a snippet keeps 60 bytes of context on each side of the match */
    EXPECT_EV(&v, 0, "https://domik.test/tovar/chaynik-123/", "main > div.product-payment > p",
              "Оплата наличными или банковской картой при получении.");
    sa_verdict_release(&v);
}

/* The usual way: card logos in the footer of every page, product and cart included. The cart
 * template's icons are named in capitals: "VISA" is the same method as "Visa", so the third
 * method is Mastercard. */
TEST(check_payment_info_card_logos_pass_en)
{
    static const struct pg pages[] = {
        {"https://linen.test/products/linen-shirt",
         DOC("en", "Linen shirt – Linen & Co",
             "<main><h1>Linen shirt</h1><p>$49.00</p><button type=\"submit\">Add to "
             "cart</button></main><footer><ul class=\"payment-icons\"><li><img "
             "src=\"/i/visa.svg\" alt=\"Visa\"></li><li><img src=\"/i/pp.svg\" "
             "alt=\"PayPal\"></li></ul></footer>")},
        {"https://linen.test/cart",
         DOC("en", "Your cart – Linen & Co",
             "<main><h1>Your cart</h1><p>Linen shirt × 1</p></main><footer><div "
             "class=\"cards\"><img src=\"/img/visa.png\" alt=\"VISA\"><img "
             "src=\"/img/mc.png\" alt=\"MASTERCARD\"></div></footer>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_payment_info, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "Payment methods (\"MASTERCARD\", \"PayPal\", \"Visa\") are shown "
                            "where buyers decide, on 2 of 2 product, cart and checkout pages.");
    EXPECT_EQ(v.evidence.n, 4);
    EXPECT_EV(&v, 0, "https://linen.test/products/linen-shirt",
              "footer > ul.payment-icons > li > img", "image: Visa");
    EXPECT_EV(&v, 3, "https://linen.test/cart", "footer > div.cards > img", "image: MASTERCARD");
    sa_verdict_release(&v);
}

/* Greek: the methods are listed only on the "Τρόποι πληρωμής" page. Partial:
 * 0.1 + 0.4 × 3/3 (three methods) + 0.4 × 0 (no product page names one). */
TEST(check_payment_info_separate_page_only_partial_el)
{
    static const struct pg pages[] = {
        {"https://epipla.test/proion/kanapes-roma",
         DOC("el", "Καναπές Roma",
             EL_HEAD "<main><h1>Καναπές Roma</h1><p>749,00 €</p><button "
                     "id=\"button-cart\">ΠΡΟΣΘΗΚΗ ΣΤΟ ΚΑΛΑΘΙ</button></main>" EL_FOOT)},
        {"https://epipla.test/tropoi-pliromis",
         DOC("el", "Τρόποι πληρωμής",
             EL_HEAD
             "<main><h1>Τρόποι πληρωμής</h1><ul class=\"methods\"><li>Αντικαταβολή"
             "</li><li>Πιστωτική κάρτα</li><li>Τραπεζική κατάθεση</li></ul></main>" EL_FOOT)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_payment_info, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.1 + 0.4 * 3.0 / 3.0, 1e-9);
    EXPECT_STREQ(v.summary, "Payment methods (\"Αντικαταβολή\", \"Πιστωτική κάρτα\", "
                            "\"Τραπεζική κατάθεση\") are named only on a separate page, not on "
                            "the product, cart or checkout pages.");
    EXPECT_EQ(v.evidence.n, 4);
    EXPECT_EV(&v, 0, "https://epipla.test/proion/kanapes-roma", "page",
              "no payment method named on this product page");
    EXPECT_EV(&v, 1, "https://epipla.test/tropoi-pliromis", "main > ul.methods > li",
              "Αντικαταβολή");
    sa_verdict_release(&v);
}

/* Thai: one product page names PromptPay and cash on delivery, the other only says payment is
 * easy. Partial: 0.1 + 0.4 × 2/3 + 0.4 × 1/2. */
TEST(check_payment_info_some_product_pages_partial_th)
{
    static const struct pg pages[] = {
        {"https://ranthai.test/product/thong-yip/",
         DOC("th", "ทองหยิบ",
             TH_HEAD "<main><h1>ทองหยิบ</h1><p>฿120</p><button class=\"btn-cart\">หยิบใส่ตะกร้า"
                     "</button><p class=\"pay\">ชำระเงินผ่านพร้อมเพย์ หรือเก็บเงินปลายทาง</p>"
                     "</main>" TH_FOOT)},
        {"https://ranthai.test/product/foi-thong/",
         DOC("th", "ฝอยทอง",
             TH_HEAD "<main><h1>ฝอยทอง</h1><p>฿150</p><button class=\"btn-cart\">หยิบใส่ตะกร้า"
                     "</button><p class=\"pay\">ชำระเงินสะดวก ปลอดภัย</p></main>" TH_FOOT)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_payment_info, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.1 + 0.4 * 2.0 / 3.0 + 0.4 * 0.5, 1e-9);
    EXPECT_STREQ(v.summary, "Payment methods (\"พร้อมเพย์\", \"เก็บเงินปลายทาง\") are shown on "
                            "only 1 of 2 product, cart and checkout pages.");
    EXPECT_EQ(v.evidence.n, 3);
    EXPECT_EV(&v, 0, "https://ranthai.test/product/foi-thong/", "page",
              "no payment method named on this product page");
    EXPECT_EV(&v, 1, "https://ranthai.test/product/thong-yip/", "main > p.pay",
              "ชำระเงินผ่านพร้อมเพย์ หรือเก็บเงินปลายทาง");
    sa_verdict_release(&v);
}

/* Russian: "Удобная оплата" (convenient payment) names no method: partial 0.1. */
TEST(check_payment_info_mentioned_without_methods_partial_ru)
{
    static const struct pg pages[] = {
        {"https://domik.test/tovar/chaynik-123/",
         DOC("ru", "Чайник электрический | Домик",
             RU_HEAD "<main><h1>Чайник электрический</h1><p class=\"price\">2 490 руб.</p>"
                     "<button class=\"btn-buy\">В корзину</button><ul class=\"benefits\"><li>"
                     "Удобная оплата</li></ul></main>" RU_FOOT)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_payment_info, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.1, 1e-9);
    EXPECT_STREQ(v.summary, "Payment is mentioned, but no payment method is named.");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 1, "https://domik.test/tovar/chaynik-123/", "main > ul.benefits > li",
              "Удобная оплата");
    sa_verdict_release(&v);
}

/* Armenian: a "Վճարում" (payment) menu entry with href="#" and the "Վճարել" (pay) button of a
 * quick-order form: no method is named anywhere. Fail, the dead link shown. */
TEST(check_payment_info_dead_link_and_pay_button_fail_hy)
{
    static const struct pg pages[] = {
        {"https://gorger.test/hy/apranq/gorg-12",
         DOC("hy", "Գորգ «Արցախ»",
             "<header><a class=\"logo\" href=\"/hy/\">Գորգեր</a><ul class=\"menu\"><li><a "
             "href=\"#\">Վճարում</a></li></ul></header><main><h1>Գորգ «Արցախ»</h1><p>185 000 ֏"
             "</p><form class=\"quick\" method=\"post\"><input name=\"phone\" type=\"tel\">"
             "<button type=\"submit\">Վճարել</button></form></main>" HY_FOOT)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_payment_info, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "No payment method is named on the 1 page(s) audited.");
    EXPECT(v.recommendation && strstr(v.recommendation, "24%") != NULL);
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://gorger.test/hy/apranq/gorg-12", "page",
              "no payment method named on this product page");
    EXPECT_EV(&v, 1, "https://gorger.test/hy/apranq/gorg-12", "header > ul.menu > li > a",
              "link \"Վճարում\" leads nowhere (href=\"#\")");
    sa_verdict_release(&v);
}

TEST(check_payment_info_no_goods_not_applicable_en)
{
    static const struct pg pages[] = {
        {"https://studio.test/",
         DOC("en", "Studio", "<main><h1>We design kitchens</h1><p>Since 2009.</p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_payment_info, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_NOT_APPLICABLE);
    EXPECT_STREQ(v.summary, "No goods and no payment terms were found on the 1 page(s) audited, "
                            "so there is no payment to describe.");
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://studio.test/", "site",
              "no product, cart or checkout page and no goods found");
    sa_verdict_release(&v);
}

/* ==== guest_checkout ==== */

/* A Russian cart: "Оформить заказ без регистрации" is the main button; the header's "Войти" is
 * the site's account link, not a demand. */
TEST(check_guest_checkout_without_registration_button_pass_ru)
{
    static const struct pg pages[] = {
        {"https://domik.test/korzina/",
         DOC("ru", "Корзина | Домик",
             "<header><a class=\"logo\" href=\"/\">Домик</a><a href=\"/login/\">Войти</a>"
             "</header><main><h1>Корзина</h1><p>Чайник электрический, 1 шт. — 2 490 руб.</p>"
             "<div class=\"cart-actions\"><a class=\"btn btn-primary\" href=\"/order/\">Оформить "
             "заказ без регистрации</a></div></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_guest_checkout, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "Buyers can order without an account: 1 of 1 cart and checkout pages "
                            "offer a guest option or an order form without a password.");
    EXPECT_STREQ(v.recommendation, "");
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://domik.test/korzina/", "main > div.cart-actions > a.btn",
              "Оформить заказ без регистрации");
    sa_verdict_release(&v);
}

/* WooCommerce: "Returning customer? Click here to login" above a billing form that asks for no
 * password. The form itself is the guest checkout. The cart page says nothing either way. */
TEST(check_guest_checkout_order_form_without_password_pass_en)
{
    static const struct pg pages[] = {
        {"https://mugs.test/cart/",
         DOC("en", "Cart – Mugs",
             "<main><h1>Cart</h1><p>Blue mug × 2</p><a href=\"/checkout/\" class=\"checkout-button "
             "button alt\">Proceed to checkout</a></main>")},
        {"https://mugs.test/checkout/",
         DOC("en", "Checkout – Mugs",
             "<main><h1>Checkout</h1><div class=\"woocommerce-info\">Returning customer? <a "
             "href=\"#\" class=\"showlogin\">Click here to login</a></div><form name=\"checkout\" "
             "method=\"post\" class=\"checkout woocommerce-checkout\"><input type=\"text\" "
             "name=\"billing_first_name\"><input type=\"text\" name=\"billing_last_name\"><input "
             "type=\"text\" name=\"billing_address_1\"><input type=\"text\" "
             "name=\"billing_city\"><input type=\"tel\" name=\"billing_phone\"><input "
             "type=\"email\" name=\"billing_email\"><button type=\"submit\">Place "
             "order</button></form></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_guest_checkout, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "Buyers can order without an account: 1 of 2 cart and checkout pages "
                            "offer a guest option or an order form without a password.");
    EXPECT_EQ(v.evidence.n, 2); /* the checkout form, then the silent cart */
    EXPECT_EV(&v, 0, "https://mugs.test/checkout/", "main > form.checkout",
              "an order form asking 6 details and no password");
    EXPECT_EV(&v, 1, "https://mugs.test/cart/", "page",
              "no guest option, order form or login demand on this cart page");
    sa_verdict_release(&v);
}

/* Greek OpenCart-like checkout: the login form comes first, "Συνέχεια ως επισκέπτης" (continue
 * as a guest) only below it. Partial 0.5. */
TEST(check_guest_checkout_guest_below_login_form_partial_el)
{
    static const struct pg pages[] = {
        {"https://epipla.test/index.php?route=checkout/checkout",
         DOC("el", "Ταμείο",
             EL_HEAD "<main><h1>Ταμείο</h1><form class=\"login\" method=\"post\" "
                     "action=\"/index.php?route=account/login\"><input type=\"email\" "
                     "name=\"email\" placeholder=\"E-mail\"><input type=\"password\" "
                     "name=\"password\" placeholder=\"Κωδικός\"><button "
                     "type=\"submit\">ΣΥΝΔΕΣΗ</button></form><p class=\"guest\"><a "
                     "href=\"/index.php?route=checkout/guest\">Συνέχεια ως επισκέπτης</a></p>"
                     "</main>" EL_FOOT)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_guest_checkout, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.5, 1e-9);
    EXPECT_STREQ(v.summary, "Ordering as a guest is possible, but only below a login form that "
                            "buyers meet first.");
    EXPECT(v.recommendation && strstr(v.recommendation, "24%") != NULL);
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://epipla.test/index.php?route=checkout/checkout", "main > p.guest > a",
              "Συνέχεια ως επισκέπτης");
    EXPECT_EV(&v, 1, "https://epipla.test/index.php?route=checkout/checkout", "main > form.login",
              "a login form with a password field, shown first");
    sa_verdict_release(&v);
}

/* Armenian cart: three quantity fields ("quantity[12]"...) are one question, not an order form;
 * a login form, and ordering without registration only in <small>. Partial 0.3. */
TEST(check_guest_checkout_guest_in_small_print_partial_hy)
{
    static const struct pg pages[] = {
        {"https://gorger.test/hy/zambyugh",
         DOC("hy", "Զամբյուղ",
             HY_HEAD "<main><h1>Զամբյուղ</h1><form class=\"cart-items\" method=\"post\"><p>Գորգ "
                     "«Արցախ» — 185 000 ֏</p><input type=\"text\" name=\"quantity[12]\" "
                     "value=\"1\"><input type=\"text\" name=\"quantity[14]\" value=\"1\"><input "
                     "type=\"text\" name=\"quantity[20]\" value=\"2\"><button "
                     "type=\"submit\">Թարմացնել</button></form><form "
                     "class=\"login\" method=\"post\"><input type=\"email\" name=\"email\"><input "
                     "type=\"password\" name=\"pass\"><button type=\"submit\">Մուտք</button>"
                     "</form><p class=\"note\"><small>Կարող եք պատվիրել նաև առանց "
                     "գրանցման։</small></p></main>" HY_FOOT)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_guest_checkout, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.3, 1e-9);
    EXPECT_STREQ(v.summary, "Ordering without an account is mentioned only in small print.");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://gorger.test/hy/zambyugh", "main > p.note > small",
              "Կարող եք պատվիրել նաև առանց գրանցման։");
    EXPECT_EV(&v, 1, "https://gorger.test/hy/zambyugh", "main > form.login",
              "a login form with a password field");
    sa_verdict_release(&v);
}

/* An English cart with a checkout button: the header's "Log in" is the site's, and "Have an
 * account? Log in to check out faster" is an offer, since the checkout button leads on without
 * it. Nobody tells the buyer whether an account is needed: partial 0.6. */
TEST(check_guest_checkout_cart_silent_partial_en)
{
    static const struct pg pages[] = {
        {"https://linen.test/cart",
         DOC("en", "Your cart – Linen & Co",
             "<header><a class=\"logo\" href=\"/\">Linen &amp; Co</a><a "
             "href=\"/account/login\">Log in</a></header><main><h1>Your cart</h1><p>Linen shirt × "
             "1 — $49.00</p><p class=\"account-hint\">Have an account? <a "
             "href=\"/account/login\">Log in</a> to check out faster.</p><form action=\"/cart\" "
             "method=\"post\"><input type=\"number\" "
             "name=\"updates[]\" value=\"1\"><button type=\"submit\" "
             "name=\"checkout\">Checkout</button></form></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_guest_checkout, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.6, 1e-9);
    EXPECT_STREQ(v.summary, "The 1 cart and checkout pages seen do not say whether buyers can "
                            "order without an account.");
    EXPECT(v.recommendation && strstr(v.recommendation, "No registration needed") != NULL);
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://linen.test/cart", "page",
              "no guest option, order form or login demand on this cart page");
    sa_verdict_release(&v);
}

/* Thai checkout: "กรุณาเข้าสู่ระบบหรือสมัครสมาชิกก่อนสั่งซื้อ" (log in or sign up before ordering)
 * and a login form. สมัครสมาชิก alone is sign-up, not guest checkout: fail. */
TEST(check_guest_checkout_sign_up_first_fails_th)
{
    static const struct pg pages[] = {
        {"https://ranthai.test/checkout/",
         DOC("th", "ชำระเงิน",
             TH_HEAD "<main><h1>ชำระเงิน</h1><p class=\"notice\">กรุณาเข้าสู่ระบบหรือสมัครสมาชิก"
                     "ก่อนสั่งซื้อ</p><form class=\"login-form\" method=\"post\"><input "
                     "type=\"email\" name=\"email\"><input type=\"password\" "
                     "name=\"password\"><button type=\"submit\">เข้าสู่ระบบ</button></form><p><a "
                     "href=\"/register/\">สมัครสมาชิก</a></p></main>" TH_FOOT)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_guest_checkout, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary,
                 "The checkout asks buyers to log in or register before they can order.");
    EXPECT(v.recommendation && strstr(v.recommendation, "mobile") != NULL);
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://ranthai.test/checkout/", "main > form.login-form",
              "a login or registration form with a password field and no way to order as a "
              "guest");
    sa_verdict_release(&v);
}

/* Russian cart: "войдите или зарегистрируйтесь" and only a "Войти" button. The footer's
 * callback form (name, phone, comment) is the site's, on every page, not an order form. */
TEST(check_guest_checkout_log_in_to_order_wording_fails_ru)
{
    static const struct pg pages[] = {
        {"https://domik.test/korzina/",
         DOC("ru", "Корзина | Домик",
             "<main><h1>Корзина</h1><p>Чайник электрический, 1 шт. — 2 490 руб.</p><p "
             "class=\"auth-note\">Чтобы оформить заказ, войдите или зарегистрируйтесь.</p><a "
             "class=\"btn\" href=\"/login/?back=/korzina/\">Войти</a></main><footer><form "
             "class=\"callback\" method=\"post\"><input name=\"name\" placeholder=\"Имя\"><input "
             "type=\"tel\" name=\"phone\"><textarea name=\"comment\"></textarea><button "
             "type=\"submit\">Заказать звонок</button></form></footer>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_guest_checkout, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://domik.test/korzina/", "main > p.auth-note",
              "Чтобы оформить заказ, войдите или зарегистрируйтесь.");
    sa_verdict_release(&v);
}

TEST(check_guest_checkout_no_cart_page_not_applicable_el)
{
    static const struct pg pages[] = {
        {"https://epipla.test/", DOC("el", "Έπιπλα Κ.", EL_HEAD "<main><h1>Έπιπλα</h1></main>")},
        {"https://epipla.test/proion/kanapes-roma",
         DOC("el", "Καναπές Roma",
             EL_HEAD "<main><h1>Καναπές Roma</h1><p>749,00 €</p></main>" EL_FOOT)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_guest_checkout, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_NOT_APPLICABLE);
    EXPECT_STREQ(v.summary, "No cart or checkout page was reached among the 2 page(s) audited, "
                            "so ordering without registration could not be judged.");
    EXPECT_STREQ(v.recommendation, "");
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://epipla.test/", "site",
              "no page was recognised as a cart or checkout page");
    sa_verdict_release(&v);
}

/* ==== prices_visible ==== */

/* A Russian product page and a listing: "2 490 руб.", "1 290 ₽". */
TEST(check_prices_visible_product_and_listing_pass_ru)
{
    static const struct pg pages[] = {
        {"https://domik.test/tovar/chaynik-123/",
         DOC("ru", "Чайник электрический | Домик",
             RU_HEAD "<main><h1>Чайник электрический</h1><div class=\"price\">2 490 "
                     "руб.</div><button class=\"btn-buy\">В корзину</button></main>" RU_FOOT)},
        {"https://domik.test/katalog/posuda/",
         DOC("ru", "Посуда | Домик",
             RU_HEAD "<main><h1>Посуда</h1><ul class=\"products\"><li><a "
                     "href=\"/tovar/kastryulya-7/\">Кастрюля 3 л</a><span class=\"price\">1 290 "
                     "₽</span></li><li><a href=\"/tovar/chaynik-123/\">Чайник</a><span "
                     "class=\"price\">2 490 ₽</span></li></ul></main>" RU_FOOT)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_prices_visible, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "All 2 product and listing pages show a price with its currency.");
    EXPECT_STREQ(v.recommendation, "");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://domik.test/tovar/chaynik-123/", "main > div.price", "2 490 руб.");
    /* the product name is its link's block; the price is the card's own text */
    EXPECT_EV(&v, 1, "https://domik.test/katalog/posuda/", "main > ul.products > li", "1 290 ₽");
    sa_verdict_release(&v);
}

/* Greek: one page writes "749,00 €"; the other renders its price by script and carries it only
 * in JSON-LD. Its "Δωρεάν αποστολή για αγορές άνω των 50 €" is a free-delivery threshold, not
 * the sofa's price. */
TEST(check_prices_visible_json_ld_offer_counts_pass_el)
{
    static const struct pg pages[] = {
        {"https://epipla.test/proion/kanapes-roma",
         DOC("el", "Καναπές Roma",
             EL_HEAD "<main><h1>Καναπές Roma</h1><p class=\"price\">749,00 €</p><button "
                     "id=\"button-cart\">ΠΡΟΣΘΗΚΗ ΣΤΟ ΚΑΛΑΘΙ</button></main>" EL_FOOT)},
        {"https://epipla.test/proion/polythrona-nefeli",
         DOC_HEAD("el",
                  VIEWPORT "<script type=\"application/ld+json\">{\"@context\": "
                           "\"https://schema.org\", \"@type\": \"Product\", \"name\": "
                           "\"Πολυθρόνα Νεφέλη\", \"offers\": {\"@type\": \"Offer\", "
                           "\"price\": \"289.00\", \"priceCurrency\": \"EUR\"}}</script>",
                  "Πολυθρόνα Νεφέλη",
                  EL_HEAD "<main><h1>Πολυθρόνα Νεφέλη</h1><div class=\"price\" "
                          "data-price=\"289\"></div><p class=\"shipping\">Δωρεάν αποστολή για "
                          "αγορές άνω των 50 €</p></main>" EL_FOOT)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_prices_visible, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://epipla.test/proion/kanapes-roma", "main > p.price", "749,00 €");
    EXPECT_EV(&v, 1, "https://epipla.test/proion/polythrona-nefeli", "json-ld",
              "Product: price 289.00 EUR");
    sa_verdict_release(&v);
}

/* Russian: a firm price, a floor ("от 8 900 руб.") and "Цена по запросу". Partial:
 * (1 + ½ × 1) / 3. Pages without a firm price first, worst first. */
TEST(check_prices_visible_from_and_on_request_partial_ru)
{
    static const struct pg pages[] = {
        {"https://pechi.test/tovar/pech-1/", DOC("ru", "Печь банная Витязь",
                                                 "<main><h1>Печь банная Витязь</h1><div "
                                                 "class=\"price\">24 900 ₽</div><button "
                                                 "class=\"btn-buy\">Купить</button></main>")},
        {"https://pechi.test/tovar/pech-2/",
         DOC("ru", "Печь банная Термофор",
             "<main><h1>Печь банная Термофор</h1><div class=\"price\">от 8 900 руб.</div><button "
             "class=\"btn-buy\">Купить</button></main>")},
        {"https://pechi.test/tovar/kamin-5/",
         DOC("ru", "Камин угловой",
             "<main><h1>Камин угловой</h1><div class=\"price\">Цена по запросу</div><a "
             "class=\"btn\" href=\"#price-form\">Узнать цену</a></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_prices_visible, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, (1 + 0.5 * 1) / 3.0, 1e-9);
    EXPECT_STREQ(v.summary, "Only 1 of 3 product and listing pages show a firm price (1 show a "
                            "\"from\" price, 1 \"price on request\", 0 no price).");
    EXPECT(v.recommendation && strstr(v.recommendation, "80%") != NULL);
    EXPECT_EQ(v.evidence.n, 3);
    EXPECT_EV(&v, 0, "https://pechi.test/tovar/kamin-5/", "main > div.price", "Цена по запросу");
    EXPECT_EV(&v, 1, "https://pechi.test/tovar/pech-2/", "main > div.price", "от 8 900 руб.");
    EXPECT_EV(&v, 2, "https://pechi.test/tovar/pech-1/", "main > div.price", "24 900 ₽");
    sa_verdict_release(&v);
}

/* Armenian: "սկսած 6 500 ֏" (from) on one carpet, "185 000 ֏" on the other: (1 + ½) / 2. */
TEST(check_prices_visible_from_price_partial_hy)
{
    static const struct pg pages[] = {
        {"https://gorger.test/hy/apranq/gorg-12",
         DOC("hy", "Գորգ «Արցախ»",
             HY_HEAD "<main><h1>Գորգ «Արցախ»</h1><p class=\"price\">185 000 ֏</p><button "
                     "class=\"btn\">Գնել</button></main>" HY_FOOT)},
        {"https://gorger.test/hy/apranq/gorg-ktor",
         DOC("hy", "Գորգի կտոր ըստ չափի",
             HY_HEAD "<main><h1>Գորգի կտոր ըստ չափի</h1><p class=\"price\">սկսած 6 500 ֏ / մ²"
                     "</p><button class=\"btn\">Գնել</button></main>" HY_FOOT)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_prices_visible, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, (1 + 0.5) / 2.0, 1e-9);
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://gorger.test/hy/apranq/gorg-ktor", "main > p.price",
              "սկսած 6 500 ֏ / մ²");
    EXPECT_EV(&v, 1, "https://gorger.test/hy/apranq/gorg-12", "main > p.price", "185 000 ֏");
    sa_verdict_release(&v);
}

/* Thai: every product says "สอบถามราคา" (ask the price) with a LINE link; the only amount on
 * the page is the free-delivery threshold, which is no price. Fail. */
TEST(check_prices_visible_ask_price_everywhere_fails_th)
{
    static const struct pg pages[] = {
        {"https://ranthai.test/product/khao-san/",
         DOC("th", "ข้าวสารหอมมะลิ 50 กก.",
             TH_HEAD "<main><h1>ข้าวสารหอมมะลิ 50 กก.</h1><p class=\"price\">ราคา: สอบถามราคา"
                     "</p><a class=\"btn btn-line\" href=\"https://line.me/R/ti/p/@ranthai\">"
                     "แอดไลน์</a><p class=\"ship\">ส่งฟรีเมื่อซื้อครบ 1,000 บาท</p></main>" TH_FOOT)},
        {"https://ranthai.test/product/khao-niao/",
         DOC("th", "ข้าวเหนียว 25 กก.",
             TH_HEAD "<main><h1>ข้าวเหนียว 25 กก.</h1><p class=\"price\">ราคา: สอบถามราคา</p>"
                     "</main>" TH_FOOT)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_prices_visible, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "None of the 2 product and listing pages shows a price (2 say "
                            "\"price on request\", 0 show none).");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://ranthai.test/product/khao-san/", "main > p.price",
              "ราคา: สอบถามราคา");
    sa_verdict_release(&v);
}

/* English: a listing without prices and a product page whose JSON-LD says price 0 (how some
 * platforms write "call for price"): no firm price anywhere. */
TEST(check_prices_visible_no_prices_and_zero_offer_fails_en)
{
    static const struct pg pages[] = {
        {"https://stone.test/collections/worktops",
         DOC("en", "Worktops",
             "<main><h1>Worktops</h1><ul class=\"grid\"><li><a "
             "href=\"/products/granite-black\">Granite, black</a></li><li><a "
             "href=\"/products/quartz-white\">Quartz, white</a></li></ul></main>")},
        {"https://stone.test/products/granite-black",
         DOC_HEAD("en",
                  VIEWPORT "<script type=\"application/ld+json\">{\"@context\": "
                           "\"https://schema.org\", \"@type\": \"Product\", \"name\": "
                           "\"Granite, black\", \"offers\": {\"@type\": \"Offer\", "
                           "\"price\": \"0.00\", \"priceCurrency\": \"GBP\"}}</script>",
                  "Granite, black",
                  "<main><h1>Granite, black</h1><p>Made to measure in our workshop.</p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_prices_visible, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "None of the 2 product and listing pages shows a price (0 say "
                            "\"price on request\", 2 show none).");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://stone.test/collections/worktops", "main",
              "no price with a currency on this listing page");
    EXPECT_EV(&v, 1, "https://stone.test/products/granite-black", "main",
              "no price with a currency on this product page");
    sa_verdict_release(&v);
}

/* Armenian: the second carpet's price is drawn by script and sits only in the microdata; its
 * "Անվճար առաքում 20 000 ֏-ից ավելի պատվերների դեպքում" (free delivery on orders from 20 000 ֏)
 * is a delivery threshold, neither a "from" price nor a firm one. Pass. */
TEST(check_prices_visible_free_delivery_threshold_is_no_floor_pass_hy)
{
    static const struct pg pages[] = {
        {"https://gorger.test/hy/apranq/gorg-12",
         DOC("hy", "Գորգ «Արցախ»",
             HY_HEAD "<main><h1>Գորգ «Արցախ»</h1><p class=\"price\">185 000 ֏</p><button "
                     "class=\"btn\">Գնել</button></main>" HY_FOOT)},
        {"https://gorger.test/hy/apranq/gorg-14",
         DOC("hy", "Գորգ «Սյունիք»",
             HY_HEAD "<main itemscope itemtype=\"https://schema.org/Product\"><h1 "
                     "itemprop=\"name\">Գորգ «Սյունիք»</h1><div itemprop=\"offers\" itemscope "
                     "itemtype=\"https://schema.org/Offer\"><meta itemprop=\"price\" "
                     "content=\"240000\"><meta itemprop=\"priceCurrency\" content=\"AMD\"><span "
                     "class=\"js-price\"></span></div><p class=\"delivery\">Անվճար առաքում 20 000 "
                     "֏-ից ավելի պատվերների դեպքում</p><button "
                     "class=\"btn\">Գնել</button></main>" HY_FOOT)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_prices_visible, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "All 2 product and listing pages show a price with its currency.");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://gorger.test/hy/apranq/gorg-12", "main > p.price", "185 000 ֏");
    EXPECT_EV(&v, 1, "https://gorger.test/hy/apranq/gorg-14", "microdata",
              "Product: price 240000 AMD");
    sa_verdict_release(&v);
}

TEST(check_prices_visible_no_product_pages_not_applicable_hy)
{
    static const struct pg pages[] = {
        {"https://gorger.test/hy/", DOC("hy", "Գորգեր", HY_HEAD "<main><h1>Գորգեր</h1></main>")},
        {"https://gorger.test/hy/mer-masin",
         DOC("hy", "Մեր մասին",
             HY_HEAD "<main><h1>Մեր մասին</h1><p>Ընտանեկան արհեստանոց։</p>"
                     "</main>" HY_FOOT)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_prices_visible, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_NOT_APPLICABLE);
    EXPECT_STREQ(v.summary, "No product page or listing was found among the 2 page(s) audited, "
                            "so there were no prices to look for.");
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://gorger.test/hy/", "site",
              "no page was recognised as a product or listing page");
    sa_verdict_release(&v);
}

TEST_MAIN()
