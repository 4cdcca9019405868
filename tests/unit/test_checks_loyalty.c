/* Check-level tests for the loyalty category (checks/loyalty_program.c, reviews.c,
 * social_links.c, support_content.c): each test builds a few small shop pages with the real
 * page model and lexicon, shows them to one check as the engine does (check_driver.h), and
 * asserts the verdict: status, the score docs/checks/<id>.md gives, the summary and the
 * evidence. Pages are written the way shop themes write them, in English, Russian, Thai, Greek
 * and Armenian, with the matching pitfalls of RETENTION_CRITERIA.md: menu links to "#", text
 * hidden from the buyer, Greek capitals without accents, Thai without spaces, Buddhist-Era
 * years, share buttons that look like social links. Set SA_TEST_DUMP=1 to print verdicts. */
#include "check_driver.h"

extern const struct sa_check sa_check_loyalty_program;
extern const struct sa_check sa_check_reviews;
extern const struct sa_check sa_check_social_links;
extern const struct sa_check sa_check_support_content;

/* ---- loyalty_program ---- */

#define EN_HEADER                                                                                  \
    "<header class=\"site-header\"><a class=\"logo\" href=\"/\">Linen &amp; Co</a><nav><ul>"       \
    "<li><a href=\"/collections/bedding\">Bedding</a></li>"                                        \
    "<li><a href=\"/pages/rewards\">Rewards</a></li></ul></nav>"                                   \
    "<a class=\"cart\" href=\"/cart\">Cart (0)</a></header>"

/* A Shopify-style rewards page: automatic enrolment, one simple earning rule (Carter's model:
 * four round quantities, one conversion), a welcome bonus, a tier table and "refer a friend".
 * The table cell "$0–$499" has a non-round number, but one point is not convoluted. */
TEST(check_loyalty_program_clear_rules_and_signs_passes_en)
{
    static const struct pg pages[] = {
        {"https://linen.test/",
         DOC("en", "Linen & Co", EN_HEADER "<main><h1>Linen for every day</h1></main>")},
        {"https://linen.test/pages/rewards",
         DOC("en", "Rewards – Linen & Co",
             EN_HEADER
             "<main><h1>Linen Rewards Club</h1>"
             "<p>Create an account and you are automatically enrolled: no card, no separate "
             "sign-up.</p>"
             "<p>Earn 1 point for every $1 you spend, and 100 points = $5 off your next order.</p>"
             "<p>Get 200 welcome points the day you join.</p>"
             "<h2>Member tiers</h2><table class=\"tiers\"><tr><th>Tier</th><th>Yearly "
             "spend</th><th>Benefits</th></tr><tr><td>Silver member</td><td>$0–$499</td><td>1 "
             "point per $1</td></tr><tr><td>Gold member</td><td>$500+</td><td>2 points per $1, "
             "free shipping</td></tr></table>"
             "<p>Refer a friend: you both get $10 when they place their first order.</p>"
             "</main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_loyalty_program, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "The loyalty programme states clear rules and shows tiers with their "
                            "benefits, automatic enrolment, a welcome bonus and referral rewards.");
    EXPECT_STREQ(v.recommendation, "");
    EXPECT_EQ(v.evidence.n, 7);
    EXPECT_EV(&v, 0, "https://linen.test/pages/rewards", "main > h1", "Linen Rewards Club");
    EXPECT_EV(&v, 1, "https://linen.test/pages/rewards", "main > p",
              "Earn 1 point for every $1 you spend, and 100 points = $5 off your next order.");
    EXPECT_EV(&v, 2, "https://linen.test/pages/rewards", "main > h2", "Member tiers");
    EXPECT_EV(&v, 6, "https://linen.test/", "nav > ul > li > a", "Rewards");
    sa_verdict_release(&v);
}

/* Greek menus and headings in capitals drop the accents: "ΠΡΟΓΡΑΜΜΑ ΕΠΙΒΡΑΒΕΥΣΗΣ" is the
 * programme. Points for a review ("κριτική") count as a reward for activity. */
#define EL_HEADER                                                                                  \
    "<header><a class=\"logo\" href=\"/\">Έπιπλα Κ.</a><nav class=\"menu\"><ul>"            \
    "<li><a href=\"/kanapedes\">ΚΑΝΑΠΕΔΕΣ</a></li>"                                       \
    "<li><a href=\"/pontoi\">ΠΟΝΤΟΙ</a></li></ul></nav></header>"

TEST(check_loyalty_program_capitals_heading_passes_el)
{
    static const struct pg pages[] = {
        {"https://epipla.test/pontoi",
         DOC("el", "Πρόγραμμα επιβράβευσης",
             EL_HEADER
             "<main><h1>ΠΡΟΓΡΑΜΜΑ ΕΠΙΒΡΑΒΕΥΣΗΣ</h1>"
             "<p>Με την εγγραφή σας γίνεστε αυτόματα μέλος του προγράμματος.</p>"
             "<p>Κερδίζετε 1 πόντο για κάθε 1 € αγορών και με 100 πόντους παίρνετε έκπτωση 5 €.</p>"
             "<h2>Επίπεδα μελών</h2><ul><li>Silver: από 300 € αγορές τον χρόνο</li>"
             "<li>Gold: από 1.000 € αγορές τον χρόνο, δωρεάν μεταφορικά</li></ul>"
             "<p>Γράψτε μια κριτική για ένα προϊόν και κερδίστε 20 πόντους.</p>"
             "<p>Φέρτε έναν φίλο και κερδίστε 50 πόντους.</p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_loyalty_program, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "The loyalty programme states clear rules and shows tiers with their "
                            "benefits, automatic enrolment, rewards for reviews and referral "
                            "rewards.");
    EXPECT_EQ(v.evidence.n, 7); /* the page, a clear rule, four signs, the menu link */
    EXPECT_EV(&v, 0, "https://epipla.test/pontoi", "main > h1", "ΠΡΟΓΡΑΜΜΑ ΕΠΙΒΡΑΒΕΥΣΗΣ");
    EXPECT_EV(&v, 1, "https://epipla.test/pontoi", "main > p",
              "Κερδίζετε 1 πόντο για κάθε 1 € αγορών και με 100 πόντους παίρνετε έκπτωση 5 €.");
    EXPECT_EV(&v, 2, "https://epipla.test/pontoi", "main > h2", "Επίπεδα μελών");
    EXPECT_EV(&v, 4, "https://epipla.test/pontoi", "main > p",
              "Γράψτε μια κριτική για ένα προϊόν και κερδίστε 20 πόντους.");
    EXPECT_EV(&v, 6, "https://epipla.test/pontoi", "nav.menu > ul > li > a", "ΠΟΝΤΟΙ");
    sa_verdict_release(&v);
}

/* The articles' example of a headache, in Russian: a non-round ratio (0,7 руб.), points to
 * roubles to a percentage, five quantities and a date in one sentence. "руб." inside the
 * sentence does not end it: a lower-case word follows. */
#define RU_HEADER                                                                                  \
    "<header><a class=\"logo\" href=\"/\">Домик</a><nav><ul>"                                 \
    "<li><a href=\"/katalog/\">Каталог</a></li>"                                            \
    "<li><a href=\"/bonusnaya-programma/\">Бонусы</a></li></ul></nav></header>"

TEST(check_loyalty_program_chained_conversions_partial_ru)
{
    static const struct pg pages[] = {
        {"https://domik.test/", DOC("ru", "Домик", RU_HEADER "<main><h1>Домик</h1></main>")},
        {"https://domik.test/bonusnaya-programma/",
         DOC("ru", "Бонусная программа | Домик",
             RU_HEADER
             "<main><h1>Бонусная программа</h1>"
             "<p>1 бонус = 0,7 руб., а 100 руб. бонусами дают скидку 15% на следующую покупку "
             "до 31.03.2025.</p>"
             "<p>Приведите друга — и получите 300 бонусов.</p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_loyalty_program, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.4 + 0.1 * 1 - 0.1, 1e-9);
    EXPECT_STREQ(v.summary, "The loyalty programme's rules are hard to follow: a non-round ratio, "
                            "points converted to money and then to a percentage, 5 quantities "
                            "and a date restriction in one sentence.");
    EXPECT(v.recommendation && strstr(v.recommendation, "24%") != NULL);
    EXPECT_EQ(v.evidence.n, 4);
    EXPECT_EV(&v, 0, "https://domik.test/bonusnaya-programma/", "main > p",
              "1 бонус = 0,7 руб., а 100 руб. бонусами дают скидку 15% на следующую покупку до "
              "31.03.2025.");
    EXPECT_EV(&v, 1, "https://domik.test/bonusnaya-programma/", "main > h1", "Бонусная программа");
    EXPECT_EV(&v, 3, "https://domik.test/", "nav > ul > li > a", "Бонусы");
    sa_verdict_release(&v);
}

/* Thai, no spaces inside words and no full stop: the whole block is one sentence. 14 points
 * for 1 baht, every 20 baht for 50% off, until 30/4/2568: a Buddhist-Era year (2025) is a date
 * restriction too. The simple rule above it ("every 25 baht, 1 point") is shown as well. */
TEST(check_loyalty_program_buddhist_era_date_partial_th)
{
    static const struct pg pages[] = {
        {"https://ranthai.test/member-points/",
         DOC("th", "สะสมคะแนน | ร้านไทย",
             "<main><h1>โปรแกรมสะสมคะแนน</h1>"
             "<p>ทุกการซื้อครบ 25 บาท รับ 1 คะแนน</p>"
             "<p>สะสม 14 คะแนน แลกเป็นเงิน 1 บาท ทุก 20 บาท ใช้เป็นส่วนลด 50% ภายใน "
             "30/4/2568</p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_loyalty_program, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.4 + 0 - 0.1, 1e-9);
    EXPECT_STREQ(v.summary, "The loyalty programme's rules are hard to follow: a non-round ratio, "
                            "points converted to money and then to a percentage, 5 quantities "
                            "and a date restriction in one sentence.");
    EXPECT_EQ(v.evidence.n, 3);
    EXPECT_EV(&v, 0, "https://ranthai.test/member-points/", "main > p",
              "สะสม 14 คะแนน แลกเป็นเงิน 1 บาท ทุก 20 บาท ใช้เป็นส่วนลด 50% ภายใน 30/4/2568");
    EXPECT_EV(&v, 2, "https://ranthai.test/member-points/", "main > p",
              "ทุกการซื้อครบ 25 บาท รับ 1 คะแนน");
    sa_verdict_release(&v);
}

/* Armenian: clear rules (the Armenian full stop "։" ends sentences; "1 000 ֏" is one amount)
 * but only one good sign, referrals. */
TEST(check_loyalty_program_clear_rules_few_signs_partial_hy)
{
    static const struct pg pages[] = {
        {"https://gorger.test/hy/bonus",
         DOC("hy", "Բոնուսային ծրագիր",
             "<main><h1>Բոնուսային ծրագիր</h1>"
             "<p>Յուրաքանչյուր 1 000 ֏ գնման համար ստացեք 10 բոնուս։ 100 բոնուսը հավասար է "
             "100 ֏-ի։</p><p>Հրավիրեք ընկերոջը և ստացեք 200 բոնուս։</p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_loyalty_program, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.4 + 0.1 * 1 + 0.2, 1e-9);
    EXPECT_STREQ(v.summary, "The loyalty programme has clear rules, but of the good signs (tiers, "
                            "automatic enrolment, a welcome bonus, rewards for reviews and "
                            "referrals) it shows only referral rewards.");
    EXPECT_EQ(v.evidence.n, 3);
    EXPECT_EV(&v, 1, "https://gorger.test/hy/bonus", "main > p",
              "Յուրաքանչյուր 1 000 ֏ գնման համար ստացեք 10 բոնուս։");
    EXPECT_EV(&v, 2, "https://gorger.test/hy/bonus", "main > p",
              "Հրավիրեք ընկերոջը և ստացեք 200 բոնուս։");
    sa_verdict_release(&v);
}

/* A rewards page that names its tiers in a table but states no rule for earning or spending:
 * 0.4 for the page, 0.1 for one sign, nothing for rules. */
TEST(check_loyalty_program_page_without_rules_partial_en)
{
    static const struct pg pages[] = {
        {"https://linen.test/pages/rewards",
         DOC("en", "Rewards",
             "<main><h1>Rewards</h1><p>Join today and enjoy member perks all year round.</p>"
             "<table><tr><td>Silver member</td><td>Early access to sales</td></tr><tr><td>Gold "
             "member</td><td>Free shipping on every order</td></tr></table></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_loyalty_program, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.4 + 0.1 * 1, 1e-9);
    EXPECT_STREQ(v.summary, "A loyalty programme page was found, but it states no rule for earning "
                            "and spending points and shows only tiers with their benefits.");
    EXPECT(v.recommendation && strstr(v.recommendation, "1 point per $1") != NULL);
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://linen.test/pages/rewards", "main > h1", "Rewards");
    EXPECT_EV(&v, 1, "https://linen.test/pages/rewards", "main > table > tr > td", "Silver member");
    sa_verdict_release(&v);
}

/* Nothing but the word: a product page says "earn 12 points" and the menu's "สะสมแต้ม" links
 * to "#" (a menu entry to a page that does not exist is no programme). */
#define TH_HEADER                                                                                                          \
    "<header><a class=\"logo\" href=\"/\">ร้านไทย</a><nav><ul><li><a "                                       \
    "href=\"/category/snacks/\">ขนมไทย</a></li><li><a href=\"#\">สะสมแต้ม</a></li></ul></nav>" \
    "</header>"

TEST(check_loyalty_program_word_only_partial_th)
{
    static const struct pg pages[] = {
        {"https://ranthai.test/", DOC("th", "ร้านไทย", TH_HEADER "<main><h1>ขนมไทย</h1></main>")},
        {"https://ranthai.test/product/thong-yip/",
         DOC("th", "ทองหยิบ",
             TH_HEADER "<main><h1>ทองหยิบ</h1><p>฿120</p><p class=\"points\">รับคะแนนสะสม 12 "
                       "คะแนน</p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_loyalty_program, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.15, 1e-9);
    EXPECT_STREQ(v.summary, "The site mentions bonuses or points, but no page explains a loyalty "
                            "programme.");
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://ranthai.test/product/thong-yip/", "main > p.points",
              "รับคะแนนสะสม 12 คะแนน");
    sa_verdict_release(&v);
}

/* A footer link to the programme whose page the crawl did not reach. */
TEST(check_loyalty_program_link_only_partial_el)
{
    static const struct pg pages[] = {
        {"https://epipla.test/",
         DOC("el", "Έπιπλα Κ.",
             "<main><h1>Έπιπλα</h1></main><footer><ul><li><a "
             "href=\"/programma-epivraveusis\">Πρόγραμμα επιβράβευσης</a></li></ul></footer>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_loyalty_program, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.3, 1e-9);
    EXPECT_STREQ(v.summary, "The site links to a loyalty programme, but its page was not among the "
                            "1 page(s) audited.");
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://epipla.test/", "footer > ul > li > a", "Πρόγραμμα επιβράβευσης");
    sa_verdict_release(&v);
}

/* None: the menu's "Բոնուսներ" points at "#", and "Բոնուսային ծրագիր շուտով" (coming soon)
 * sits in a block hidden with display:none. */
#define HY_HEADER                                                                                  \
    "<header><a class=\"logo\" href=\"/hy/\">Գորգեր</a><nav><ul><li><a "                     \
    "href=\"#\">Բոնուսներ</a></li></ul></nav></header>"

TEST(check_loyalty_program_dead_link_and_hidden_text_fails_hy)
{
    static const struct pg pages[] = {
        {"https://gorger.test/hy/",
         DOC("hy", "Գորգեր",
             HY_HEADER "<main><h1>Ձեռագործ գորգեր</h1><div style=\"display:none\"><p>Բոնուսային "
                       "ծրագիր շուտով</p></div></main>")},
        {"https://gorger.test/hy/apranq/gorg-12",
         DOC("hy", "Գորգ", HY_HEADER "<main><h1>Գորգ «Արցախ»</h1><p>185 000 ֏</p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_loyalty_program, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "No loyalty programme was found on the 2 page(s) audited.");
    EXPECT(v.recommendation && strstr(v.recommendation, "13.4") != NULL);
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://gorger.test/hy/", "page",
              "no link to, or mention of, a loyalty or bonus programme");
    sa_verdict_release(&v);
}

/* ---- reviews ---- */

/* schema.org ratings two ways: JSON-LD (a number as a string, as Shopify themes write it) and
 * microdata nested in the Product. The third product's "Reviews (0)" tab counts for nothing;
 * two of three is most. */
TEST(check_reviews_schema_ratings_on_most_products_passes_en)
{
    static const struct pg pages[] = {
        {"https://linen.test/products/linen-shirt",
         DOC("en", "Linen shirt",
             EN_HEADER
             "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
             "\"@type\":\"Product\",\"name\":\"Linen shirt\",\"aggregateRating\":{\"@type\":"
             "\"AggregateRating\",\"ratingValue\":\"4.6\",\"reviewCount\":\"12\"}}</script>"
             "<main><h1>Linen shirt</h1><p>$49.00</p></main>")},
        {"https://linen.test/products/linen-sheet",
         DOC("en", "Linen sheet",
             EN_HEADER
             "<main itemscope itemtype=\"https://schema.org/Product\"><h1 "
             "itemprop=\"name\">Linen sheet</h1><div itemprop=\"aggregateRating\" itemscope "
             "itemtype=\"https://schema.org/AggregateRating\"><span "
             "itemprop=\"ratingValue\">4.5</span> stars from <span "
             "itemprop=\"reviewCount\">8</span> buyers</div></main>")},
        {"https://linen.test/products/linen-towel",
         DOC("en", "Linen towel",
             EN_HEADER "<main><h1>Linen towel</h1><ul class=\"tabs\"><li><a "
                       "href=\"#description\">Description</a></li><li><a "
                       "href=\"#reviews\">Reviews (0)</a></li></ul></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_reviews, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "Customer reviews or ratings appear on 2 of 3 product pages.");
    EXPECT_STREQ(v.recommendation, "");
    EXPECT_EQ(v.evidence.n, 3); /* the two rated products, then the empty tab */
    EXPECT_EV(&v, 0, "https://linen.test/products/linen-shirt", "script[type=application/ld+json]",
              "AggregateRating: 4.6 of 5 from 12 review(s)");
    EXPECT_EV(&v, 1, "https://linen.test/products/linen-sheet", "[itemprop=aggregateRating]",
              "AggregateRating: 4.5 of 5 from 8 review(s)");
    EXPECT_EV(&v, 2, "https://linen.test/products/linen-towel", "main > ul.tabs > li > a",
              "Reviews (0)");
    sa_verdict_release(&v);
}

/* Armenian: a review heading with its count on one product, review texts in a review block
 * (the heading without a count, the class names it) on the other. */
TEST(check_reviews_review_blocks_passes_hy)
{
    static const struct pg pages[] = {
        {"https://gorger.test/hy/apranq/gorg-12",
         DOC("hy", "Գորգ «Արցախ»",
             "<main><h1>Գորգ «Արցախ»</h1><p>185 000 ֏</p><section "
             "class=\"product-reviews\"><h2>Կարծիքներ (2)</h2><div class=\"review\"><p "
             "class=\"author\">Անի</p><p>Գորգը շատ գեղեցիկ է, գույները՝ ճիշտ ինչպես "
             "նկարում։</p></div></section></main>")},
        {"https://gorger.test/hy/apranq/gorg-15",
         DOC("hy", "Գորգ «Սյունիք»",
             "<main><h1>Գորգ «Սյունիք»</h1><div id=\"reviews\"><h3>Գնորդների կարծիքները</h3>"
             "<div class=\"review\"><p>Շատ որակյալ է, արդեն երկրորդ գորգն եմ պատվիրում "
             "ձեզանից։</p></div></div></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_reviews, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "Customer reviews or ratings appear on 2 of 2 product pages.");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://gorger.test/hy/apranq/gorg-12", "main > section.product-reviews > h2",
              "Կարծիքներ (2)");
    EXPECT_EV(&v, 1, "https://gorger.test/hy/apranq/gorg-15", "div#reviews > div.review > p",
              "Շատ որակյալ է, արդեն երկրորդ գորգն եմ պատվիրում ձեզանից։");
    sa_verdict_release(&v);
}

/* One product of three has reviews (the "Отзывы (5)" tab). "Обзор новинки 2024 года" names a
 * review article and a year, not a count; the home page's testimonials are not product
 * reviews. Score 0.3 + 0.6 · 1/3. */
TEST(check_reviews_some_products_partial_ru)
{
    static const struct pg pages[] = {
        {"https://domik.test/",
         DOC("ru", "Домик",
             RU_HEADER "<main><h1>Домик</h1><section class=\"testimonials\"><h2>Отзывы наших "
                       "покупателей</h2><p>Всё пришло быстро, спасибо!</p></section></main>")},
        {"https://domik.test/tovar/chaynik-123/",
         DOC("ru", "Чайник",
             RU_HEADER "<main><h1>Чайник электрический</h1><ul class=\"tabs\"><li><a "
                       "href=\"#desc\">Описание</a></li><li><a href=\"#reviews\">Отзывы "
                       "(5)</a></li></ul></main>")},
        {"https://domik.test/tovar/kastryulya-7/",
         DOC("ru", "Кастрюля",
             RU_HEADER "<main><h1>Кастрюля 3 л</h1><h2>Обзор новинки 2024 года</h2><p>Толстое "
                       "дно и стеклянная крышка.</p></main>")},
        {"https://domik.test/tovar/skovoroda-9/",
         DOC("ru", "Сковорода", RU_HEADER "<main><h1>Сковорода 28 см</h1></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_reviews, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.3 + 0.6 * 1.0 / 3.0, 1e-9);
    EXPECT_STREQ(v.summary, "Customer reviews or ratings appear on only 1 of 3 product pages.");
    EXPECT(v.recommendation && strstr(v.recommendation, "33%") != NULL);
    EXPECT_EQ(v.evidence.n, 3); /* the two products without, then the one with */
    EXPECT_EV(&v, 0, "https://domik.test/tovar/kastryulya-7/", "main",
              "no customer reviews or rating on this product page");
    EXPECT_EV(&v, 2, "https://domik.test/tovar/chaynik-123/", "main > ul.tabs > li > a",
              "Отзывы (5)");
    sa_verdict_release(&v);
}

/* Thai: testimonials on the home page and a reviews page of their own, none beside the
 * products; the "รีวิว" menu link in the header is navigation, not a review. */
#define TH_REVIEWS_HEADER                                                                          \
    "<header><a class=\"logo\" href=\"/\">ร้านไทย</a><nav><ul><li><a "               \
    "href=\"/reviews/\">รีวิว</a></li></ul></nav></header>"

TEST(check_reviews_testimonials_only_partial_th)
{
    static const struct pg pages[] = {
        {"https://ranthai.test/",
         DOC("th", "ร้านไทย",
             TH_REVIEWS_HEADER "<main><h1>ขนมไทย</h1><section class=\"testimonials\"><h2>"
                               "รีวิวจากลูกค้า</h2><p>อร่อยมาก ส่งไว</p></section></main>")},
        {"https://ranthai.test/reviews/",
         DOC("th", "รีวิวจากลูกค้า",
             TH_REVIEWS_HEADER "<main><h1>รีวิวจากลูกค้า</h1><p>ขนมสดใหม่ทุกวัน</p></main>")},
        {"https://ranthai.test/product/thong-yip/",
         DOC("th", "ทองหยิบ", TH_REVIEWS_HEADER "<main><h1>ทองหยิบ</h1><p>฿120</p></main>")},
        {"https://ranthai.test/product/foi-thong/",
         DOC("th", "ฝอยทอง", TH_REVIEWS_HEADER "<main><h1>ฝอยทอง</h1><p>฿150</p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_reviews, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.2, 1e-9);
    EXPECT_STREQ(v.summary, "Reviews appear only as testimonials or on a page of their own, not "
                            "on the 2 product pages.");
    EXPECT_EQ(v.evidence.n, 4);
    EXPECT_EV(&v, 0, "https://ranthai.test/product/thong-yip/", "main",
              "no customer reviews or rating on this product page");
    EXPECT_EV(&v, 2, "https://ranthai.test/", "main > section.testimonials > h2", "รีวิวจากลูกค้า");
    EXPECT_EV(&v, 3, "https://ranthai.test/reviews/", "main > h1", "a reviews page: รีวิวจากลูกค้า");
    sa_verdict_release(&v);
}

/* Greek: the reviews tab in capitals counts zero on one product, the markup counts zero on the
 * other: a reviews section, but no review. */
TEST(check_reviews_zero_counts_partial_el)
{
    static const struct pg pages[] = {
        {"https://epipla.test/proion/kanapes-milano",
         DOC("el", "Καναπές Milano",
             EL_HEADER "<main><h1>Καναπές Milano</h1><ul class=\"nav-tabs\"><li><a "
                       "href=\"#tab-description\">ΠΕΡΙΓΡΑΦΗ</a></li><li><a "
                       "href=\"#tab-review\">ΚΡΙΤΙΚΕΣ (0)</a></li></ul></main>")},
        {"https://epipla.test/proion/trapezi-oslo",
         DOC("el", "Τραπέζι Oslo",
             EL_HEADER
             "<script type=\"application/ld+json\">{\"@type\":\"Product\",\"name\":\"Τραπέζι "
             "Oslo\",\"aggregateRating\":{\"@type\":\"AggregateRating\",\"ratingValue\":0,"
             "\"reviewCount\":0}}</script><main><h1>Τραπέζι Oslo</h1></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_reviews, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.2, 1e-9);
    EXPECT_STREQ(v.summary, "Product pages have a reviews section, but none of the 2 shows a "
                            "review yet.");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://epipla.test/proion/kanapes-milano", "main > ul.nav-tabs > li > a",
              "ΚΡΙΤΙΚΕΣ (0)");
    EXPECT_EV(&v, 1, "https://epipla.test/proion/trapezi-oslo", "script[type=application/ld+json]",
              "AggregateRating: 0 of 5 from 0 review(s)");
    sa_verdict_release(&v);
}

/* None: the reviews block is hidden (display:none until a script fills it) and the menu's
 * "Կարծիքներ" points at "#". */
TEST(check_reviews_hidden_block_fails_hy)
{
    static const struct pg pages[] = {
        {"https://gorger.test/hy/apranq/gorg-12",
         DOC("hy", "Գորգ «Արցախ»",
             "<header><nav><a href=\"#\">Կարծիքներ</a></nav></header><main><h1>Գորգ "
             "«Արցախ»</h1><div class=\"reviews\" style=\"display:none\"><h2>Կարծիքներ "
             "(3)</h2></div></main>")},
        {"https://gorger.test/hy/apranq/gorg-15",
         DOC("hy", "Գորգ «Սյունիք»",
             "<header><nav><a href=\"#\">Կարծիքներ</a></nav></header><main><h1>Գորգ "
             "«Սյունիք»</h1></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_reviews, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "None of the 2 product pages shows customer reviews or ratings.");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://gorger.test/hy/apranq/gorg-12", "main",
              "no customer reviews or rating on this product page");
    sa_verdict_release(&v);
}

/* A studio's site without product pages: reviews on product pages cannot be judged, whatever
 * the home page's testimonials say. */
TEST(check_reviews_no_product_page_not_applicable_en)
{
    static const struct pg pages[] = {
        {"https://studio.test/",
         DOC("en", "Studio",
             "<main><h1>We design kitchens</h1><h2>What our customers say</h2><p>They made our "
             "small kitchen feel twice the size.</p></main>")},
        {"https://studio.test/about-us",
         DOC("en", "About", "<main><h1>About us</h1><p>Since 2009.</p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_reviews, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_NOT_APPLICABLE);
    EXPECT_STREQ(v.summary, "No product page was found among the 2 page(s) audited, so reviews on "
                            "product pages could not be judged.");
    EXPECT_STREQ(v.recommendation, "");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://studio.test/", "main > h2", "What our customers say");
    EXPECT_EV(&v, 1, "https://studio.test/", "site", "no page was recognised as a product page");
    sa_verdict_release(&v);
}

/* ---- social_links ---- */

/* VK (an icon named by aria-label), Telegram and Odnoklassniki in every page's footer; the
 * product page's share buttons (vk.com/share.php, t.me/share/url) are the visitor's, not the
 * shop's, and are listed after the shop's pages. */
#define RU_SOCIAL_FOOTER                                                                           \
    "<footer><div class=\"social\"><a href=\"https://vk.com/domik_shop\" "                         \
    "aria-label=\"ВКонтакте\"><img src=\"/i/vk.svg\" alt=\"\"></a><a "                    \
    "href=\"https://t.me/domik_shop\">Telegram</a><a "                                             \
    "href=\"https://ok.ru/group/5512345\">Одноклассники</a></div></footer>"

TEST(check_social_links_footer_networks_everywhere_passes_ru)
{
    static const struct pg pages[] = {
        {"https://domik.test/",
         DOC("ru", "Домик", RU_HEADER "<main><h1>Домик</h1></main>" RU_SOCIAL_FOOTER)},
        {"https://domik.test/tovar/chaynik-123/",
         DOC("ru", "Чайник",
             RU_HEADER "<main><h1>Чайник электрический</h1><div class=\"share\"><a "
                       "href=\"https://vk.com/share.php?url=https://domik.test/tovar/"
                       "chaynik-123/\">Поделиться</a><a href=\"https://t.me/share/"
                       "url?url=https://domik.test/tovar/chaynik-123/\">Telegram</a></div>"
                       "</main>" RU_SOCIAL_FOOTER)},
        {"https://domik.test/o-nas/",
         DOC("ru", "О нас", RU_HEADER "<main><h1>О нас</h1></main>" RU_SOCIAL_FOOTER)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_social_links, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "The shop's pages on 3 social networks (VK, Odnoklassniki, Telegram) "
                            "are linked from the header or footer of 3 of 3 pages.");
    EXPECT_STREQ(v.recommendation, "");
    EXPECT_EQ(v.evidence.n, 5);
    EXPECT_EV(&v, 0, "https://domik.test/", "footer > div.social > a",
              "VK: https://vk.com/domik_shop");
    EXPECT_EV(&v, 2, "https://domik.test/", "footer > div.social > a",
              "Telegram: https://t.me/domik_shop");
    EXPECT_EV(&v, 3, "https://domik.test/tovar/chaynik-123/", "main > div.share > a",
              "a share button, not the shop's page: "
              "https://vk.com/share.php?url=https://domik.test/tovar/chaynik-123/");
    sa_verdict_release(&v);
}

/* One network only (Instagram, in the footer of every page); the blog's "Tweet" link is X's
 * share intent. Score ½ · 1/2 + ½ · 2/2. */
#define EN_SOCIAL_FOOTER                                                                           \
    "<footer class=\"site-footer\"><ul class=\"social-icons\"><li><a "                             \
    "href=\"https://www.instagram.com/linenandco/\" title=\"Instagram\"><svg></svg></a></li>"      \
    "</ul></footer>"

TEST(check_social_links_one_network_partial_en)
{
    static const struct pg pages[] = {
        {"https://linen.test/",
         DOC("en", "Linen & Co", EN_HEADER "<main><h1>Linen</h1></main>" EN_SOCIAL_FOOTER)},
        {"https://linen.test/blogs/journal/washing-linen",
         DOC("en", "Washing linen",
             EN_HEADER "<main><h1>Washing linen</h1><a "
                       "href=\"https://twitter.com/intent/tweet?text=Washing%20linen&amp;url="
                       "https%3A%2F%2Flinen.test%2F\">Tweet</a></main>" EN_SOCIAL_FOOTER)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_social_links, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.5 * 1 / 2.0 + 0.5 * 2 / 2.0, 1e-9);
    EXPECT_STREQ(v.summary, "The site links to the shop's page on one social network only "
                            "(Instagram), from the header or footer of 2 of 2 pages.");
    EXPECT(v.recommendation && strstr(v.recommendation, "two or more") != NULL);
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://linen.test/", "footer.site-footer > ul.social-icons > li > a",
              "Instagram: https://www.instagram.com/linenandco/");
    EXPECT_EV(&v, 1, "https://linen.test/blogs/journal/washing-linen", "main > a",
              "a share button, not the shop's page: "
              "https://twitter.com/intent/tweet?text=Washing%20linen&url=https%3A%2F%2Flinen."
              "test%2F");
    sa_verdict_release(&v);
}

/* Thai shops answer on LINE: the official account (a lin.ee short link) and Facebook are on
 * the contact page's body only, not in any page's chrome. Score ½ · 2/2 + ½ · 0/3. */
TEST(check_social_links_contact_page_body_only_partial_th)
{
    static const struct pg pages[] = {
        {"https://ranthai.test/", DOC("th", "ร้านไทย", "<main><h1>ขนมไทย</h1></main>")},
        {"https://ranthai.test/product/thong-yip/",
         DOC("th", "ทองหยิบ", "<main><h1>ทองหยิบ</h1><p>฿120</p></main>")},
        {"https://ranthai.test/contact/",
         DOC("th", "ติดต่อเรา",
             "<main><h1>ติดต่อเรา</h1><p>แอดไลน์: <a "
             "href=\"https://lin.ee/ranthai\">@ranthai</a></p><p><a "
             "href=\"https://www.facebook.com/ranthai.snacks\">Facebook ร้านไทย</a></p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_social_links, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.5, 1e-9);
    EXPECT_STREQ(v.summary, "The site links to the shop's pages on 2 social networks (Facebook, "
                            "LINE), but not from any page's header or footer.");
    EXPECT_EQ(v.evidence.n, 5); /* the two pages in the body, then the three pages without */
    EXPECT_EV(&v, 0, "https://ranthai.test/contact/", "main > p > a",
              "Facebook: https://www.facebook.com/ranthai.snacks");
    EXPECT_EV(&v, 1, "https://ranthai.test/contact/", "main > p > a",
              "LINE: https://lin.ee/ranthai");
    EXPECT_EV(&v, 2, "https://ranthai.test/", "header, footer",
              "no link to the shop's social-network pages");
    sa_verdict_release(&v);
}

/* Armenian: the home page's footer links Facebook and Instagram; the product pages use another
 * template without them. Score ½ · 2/2 + ½ · 1/3. */
TEST(check_social_links_home_footer_only_partial_hy)
{
    static const struct pg pages[] = {
        {"https://gorger.test/hy/",
         DOC("hy", "Գորգեր",
             "<main><h1>Ձեռագործ գորգեր</h1></main><footer><p>Հետևեք մեզ՝ <a "
             "href=\"https://www.facebook.com/gorger.am\">Facebook</a>, <a "
             "href=\"https://instagram.com/gorger.am\">Instagram</a></p></footer>")},
        {"https://gorger.test/hy/apranq/gorg-12",
         DOC("hy", "Գորգ", "<main><h1>Գորգ «Արցախ»</h1></main>")},
        {"https://gorger.test/hy/apranq/gorg-15",
         DOC("hy", "Գորգ", "<main><h1>Գորգ «Սյունիք»</h1></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_social_links, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.5 + 0.5 / 3.0, 1e-9);
    EXPECT_STREQ(v.summary, "The site links to the shop's pages on 2 social networks (Facebook, "
                            "Instagram), from the header or footer of only 1 of 3 pages.");
    EXPECT_EQ(v.evidence.n, 4);
    EXPECT_EV(&v, 1, "https://gorger.test/hy/", "footer > p > a",
              "Instagram: https://instagram.com/gorger.am");
    EXPECT_EV(&v, 2, "https://gorger.test/hy/apranq/gorg-12", "header, footer",
              "no link to the shop's social-network pages");
    sa_verdict_release(&v);
}

/* Greek: share buttons only (Facebook's sharer.php, X's intent, Pinterest's pin/create), an
 * "Instagram" link to the network's home page, and the shop's real pages in a footer block
 * hidden with display:none. */
TEST(check_social_links_share_buttons_only_fails_el)
{
    static const struct pg pages[] = {
        {"https://epipla.test/proion/kanapes-milano",
         DOC("el", "Καναπές Milano",
             EL_HEADER
             "<main><h1>Καναπές Milano</h1><div class=\"social-share\"><a "
             "href=\"https://www.facebook.com/sharer/sharer.php?u=https://epipla.test/proion/"
             "kanapes-milano\">ΚΟΙΝΟΠΟΙΗΣΗ</a><a href=\"https://x.com/intent/post?url=https://"
             "epipla.test/proion/kanapes-milano\">X</a><a "
             "href=\"https://www.pinterest.com/pin/create/button/?url=https://epipla.test/\">"
             "Pin</a></div></main><footer><a href=\"https://www.instagram.com/\">Instagram</a>"
             "<div class=\"social\" style=\"display:none\"><a "
             "href=\"https://www.facebook.com/epipla.k\">Facebook</a></div></footer>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_social_links, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "No link to the shop's own social-network pages was found on the 1 "
                            "page(s) audited (only share buttons or the networks' home pages).");
    EXPECT_EQ(v.evidence.n, 5);
    EXPECT_EV(&v, 0, "https://epipla.test/proion/kanapes-milano", "header, footer",
              "no link to the shop's social-network pages");
    EXPECT_EV(&v, 1, "https://epipla.test/proion/kanapes-milano", "main > div.social-share > a",
              "a share button, not the shop's page: "
              "https://www.facebook.com/sharer/sharer.php?u=https://epipla.test/proion/"
              "kanapes-milano");
    EXPECT_EV(&v, 4, "https://epipla.test/proion/kanapes-milano", "footer > a",
              "the network's home page, not the shop's page: https://www.instagram.com/");
    sa_verdict_release(&v);
}

/* ---- support_content ---- */

#define EN_HELP_FOOTER                                                                             \
    "<footer><ul class=\"footer-menu\"><li><a href=\"/pages/faq\">FAQ</a></li><li><a "             \
    "href=\"/blogs/guides\">Care guides</a></li></ul></footer>"

/* A FAQ answering questions under h3 headings, and a Shopify guides index (/blogs/guides, no
 * trailing slash) listing three articles below its own path. */
TEST(check_support_content_faq_and_guides_passes_en)
{
    static const struct pg pages[] = {
        {"https://linen.test/",
         DOC("en", "Linen & Co", "<main><h1>Linen</h1></main>" EN_HELP_FOOTER)},
        {"https://linen.test/pages/faq",
         DOC("en", "FAQ – Linen & Co",
             "<main><h1>Frequently asked questions</h1>"
             "<h3>How long does delivery take?</h3><p>Two to four working days.</p>"
             "<h3>Can I return bedding?</h3><p>Yes, unused, within 30 days.</p>"
             "<h3>How do I wash linen?</h3><p>At 40 °C, without "
             "softener.</p></main>" EN_HELP_FOOTER)},
        {"https://linen.test/blogs/guides",
         DOC("en", "Care guides – Linen & Co",
             "<main><h1>Linen care guides</h1><ul class=\"articles\">"
             "<li><a href=\"/blogs/guides/washing-linen\">Washing linen</a></li>"
             "<li><a href=\"/blogs/guides/ironing-linen\">Ironing linen</a></li>"
             "<li><a href=\"/blogs/guides/storing-linen\">Storing "
             "linen</a></li></ul></main>" EN_HELP_FOOTER)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_support_content, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "The site offers self-service help: 1 FAQ or help page(s) and 1 guide "
                            "or blog page(s).");
    EXPECT_STREQ(v.recommendation, "");
    EXPECT_EQ(v.evidence.n, 3);
    EXPECT_EV(&v, 0, "https://linen.test/pages/faq", "main > h3",
              "3 questions answered, the first: How long does delivery take?");
    EXPECT_EV(&v, 1, "https://linen.test/blogs/guides", "main > h1",
              "a listing of articles: Linen care guides");
    EXPECT_EV(&v, 2, "https://linen.test/", "footer > ul.footer-menu > li > a", "FAQ");
    sa_verdict_release(&v);
}

/* Greek: questions end with ";" (the Greek question mark) under a heading in capitals, and a
 * buying guide carries HowTo markup. */
TEST(check_support_content_greek_question_marks_passes_el)
{
    static const struct pg pages[] = {
        {"https://epipla.test/syxnes-erotiseis",
         DOC("el", "Συχνές ερωτήσεις",
             "<main><h1>ΣΥΧΝΕΣ ΕΡΩΤΗΣΕΙΣ</h1>"
             "<h3>Πόσο κοστίζουν τα μεταφορικά;</h3><p>Δωρεάν άνω των 300 €.</p>"
             "<h3>Μπορώ να πληρώσω με δόσεις;</h3><p>Ναι, έως 12 άτοκες δόσεις.</p>"
             "<h3>Κάνετε συναρμολόγηση;</h3><p>Ναι, χωρίς χρέωση.</p></main>")},
        {"https://epipla.test/odigos-agoras-kanape",
         DOC("el", "Οδηγός αγοράς καναπέ",
             "<script type=\"application/ld+json\">{\"@type\":\"HowTo\",\"name\":\"Πώς να "
             "διαλέξετε καναπέ\"}</script><main><h1>Οδηγός αγοράς καναπέ</h1><p>Μετρήστε πρώτα "
             "τον χώρο.</p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_support_content, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://epipla.test/syxnes-erotiseis", "main > h3",
              "3 questions answered, the first: Πόσο κοστίζουν τα μεταφορικά;");
    EXPECT_EV(&v, 1, "https://epipla.test/odigos-agoras-kanape", "script[type=application/ld+json]",
              "HowTo markup: Οδηγός αγοράς καναπέ");
    sa_verdict_release(&v);
}

/* Russian: an accordion FAQ (<details><summary>, questions without "?"); the footer's "Блог"
 * points at "#", a blog that does not exist. */
#define RU_HELP_FOOTER                                                                              \
    "<footer><ul><li><a href=\"/voprosy-i-otvety/\">Вопросы и ответы</a></li><li><a " \
    "href=\"#\">Блог</a></li></ul></footer>"

TEST(check_support_content_faq_only_partial_ru)
{
    static const struct pg pages[] = {
        {"https://domik.test/", DOC("ru", "Домик", "<main><h1>Домик</h1></main>" RU_HELP_FOOTER)},
        {"https://domik.test/voprosy-i-otvety/",
         DOC("ru", "Вопросы и ответы",
             "<main><h1>Вопросы и ответы</h1>"
             "<details><summary>Как оформить заказ</summary><p>Через корзину.</p></details>"
             "<details><summary>Сроки доставки</summary><p>1–3 дня.</p></details>"
             "<details><summary>Как вернуть товар</summary><p>В течение 14 дней.</p></details>"
             "</main>" RU_HELP_FOOTER)},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_support_content, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.5, 1e-9);
    EXPECT_STREQ(v.summary, "The site has a FAQ or help centre, but no guides, tips or blog "
                            "articles were found.");
    EXPECT(v.recommendation && strstr(v.recommendation, "86%") != NULL);
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://domik.test/voprosy-i-otvety/", "main > details > summary",
              "3 questions answered, the first: Как оформить заказ");
    EXPECT_EV(&v, 1, "https://domik.test/", "footer > ul > li > a", "Вопросы и ответы");
    sa_verdict_release(&v);
}

/* Thai: a blog post with BlogPosting markup, no FAQ. */
TEST(check_support_content_blog_only_partial_th)
{
    static const struct pg pages[] = {
        {"https://ranthai.test/",
         DOC("th", "ร้านไทย",
             "<header><nav><a href=\"/blog/\">บทความ</a></nav></header><main><h1>ขนมไทย</h1>"
             "</main>")},
        {"https://ranthai.test/blog/keep-thai-desserts",
         DOC("th", "วิธีเก็บขนมไทยให้อร่อยนาน",
             "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
             "\"@type\":\"BlogPosting\",\"headline\":\"วิธีเก็บขนมไทยให้อร่อยนาน\"}</script>"
             "<main><h1>วิธีเก็บขนมไทยให้อร่อยนาน</h1><p>เก็บในกล่องปิดสนิท</p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_support_content, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.5, 1e-9);
    EXPECT_STREQ(v.summary, "The site has guides or blog articles, but no FAQ or help centre was "
                            "found.");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://ranthai.test/blog/keep-thai-desserts",
              "script[type=application/ld+json]", "BlogPosting markup: วิธีเก็บขนมไทยให้อร่อยนาน");
    EXPECT_EV(&v, 1, "https://ranthai.test/", "header > nav > a", "บทความ");
    sa_verdict_release(&v);
}

/* Armenian: a "Help" page that only gives a phone number. */
TEST(check_support_content_thin_help_page_partial_hy)
{
    static const struct pg pages[] = {
        {"https://gorger.test/hy/ognutyun",
         DOC("hy", "Օգնություն",
             "<main><h1>Օգնություն</h1><p>Զանգահարեք +374 10 123456</p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_support_content, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.25, 1e-9);
    EXPECT_STREQ(v.summary, "The help pages found (1) are thin: they answer no questions and hold "
                            "no guide or article.");
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://gorger.test/hy/ognutyun", "main > h1",
              "a help page without questions answered or an article: Օգնություն");
    sa_verdict_release(&v);
}

/* Russian: a long article under headings (a guide without markup) and a one-paragraph "how to
 * order" note, which is a thin page, not a guide. */
#define RU_KETTLE_PARA                                                                                                                                               \
    "<p>Обращайте внимание на материал колбы, мощность и объём. Стеклянный чайник красив, но " \
    "быстрее остывает; металлический прочнее и служит дольше, а пластиковый легче и дешевле.</p>"

TEST(check_support_content_long_article_partial_ru)
{
    static const struct pg pages[] = {
        {"https://domik.test/stati/kak-vybrat-chaynik/",
         DOC("ru", "Как выбрать чайник",
             "<main><h1>Как выбрать электрический чайник</h1><h2>Материал</h2>" RU_KETTLE_PARA
                 RU_KETTLE_PARA "<h2>Мощность</h2>" RU_KETTLE_PARA RU_KETTLE_PARA
             "<h2>Объём</h2>" RU_KETTLE_PARA "</main>")},
        {"https://domik.test/kak-sdelat-zakaz/",
         DOC("ru", "Как сделать заказ",
             "<main><h1>Как сделать заказ</h1><p>Положите товар в корзину и оформите "
             "заказ.</p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_support_content, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.5, 1e-9);
    EXPECT_STREQ(v.summary, "The site has guides or blog articles, but no FAQ or help centre was "
                            "found.");
    EXPECT_EQ(v.evidence.n, 2);
    /* five paragraphs of 172 characters; headings are not counted */
    EXPECT_EV(&v, 0, "https://domik.test/stati/kak-vybrat-chaynik/", "main > h1",
              "an article of 860 characters: Как выбрать электрический чайник");
    EXPECT_EV(&v, 1, "https://domik.test/kak-sdelat-zakaz/", "main > h1",
              "a help page without questions answered or an article: Как сделать заказ");
    sa_verdict_release(&v);
}

/* Armenian: a footer link to the blog, whose pages the crawl did not reach. */
TEST(check_support_content_links_only_partial_hy)
{
    static const struct pg pages[] = {
        {"https://gorger.test/hy/",
         DOC("hy", "Գորգեր",
             "<main><h1>Ձեռագործ գորգեր</h1></main><footer><a href=\"/hy/blog\">Բլոգ</a>"
             "</footer>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_support_content, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.15, 1e-9);
    EXPECT_STREQ(v.summary, "The site links to help, FAQ or blog pages, but none of them was among "
                            "the 1 page(s) audited.");
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://gorger.test/hy/", "footer > a", "Բլոգ");
    sa_verdict_release(&v);
}

/* Russian: "Нужна помощь? Позвоните нам" in the footer is an offer of a phone call, not a help
 * page; the product page's "Инструкция" (manual) is a plain heading without a link. */
TEST(check_support_content_help_words_without_pages_fails_ru)
{
    static const struct pg pages[] = {
        {"https://domik.test/",
         DOC("ru", "Домик",
             "<main><h1>Домик</h1></main><footer><p>Нужна помощь? Позвоните нам: 8 800 555-35-35"
             "</p></footer>")},
        {"https://domik.test/tovar/chaynik-123/",
         DOC("ru", "Чайник",
             "<main><h1>Чайник электрический</h1><h2>Инструкция</h2><p>Не включайте без "
             "воды.</p></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN_DEF(sa_check_support_content, pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "No FAQ, help centre, guide or blog was found on the 2 page(s) "
                            "audited.");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://domik.test/", "page",
              "no link to a FAQ, help centre, guides or blog");
    sa_verdict_release(&v);
}

TEST_MAIN()
