/* Check-level tests on a German shop: German is the language added as one JSON file
 * (checks/lexicon/de.json), and these pages run through the existing checks unchanged to show
 * it is enough: Warenkorb and "In den Warenkorb", compounds (Versandkosten, Kontaktformular),
 * capitals with ß and umlauts, prices written 1.299,00 €, and the German pitfalls (an
 * E-Mail-Adresse is no address, "Angebot anfordern" is a request, not a buy button, "5 KG" is a
 * weight). Each test asserts status, score (docs/checks/<id>.md) and evidence. */
#include "check_driver.h"

/* Teehaus Berger, a tea shop: the cart with its count in the header next to the search, the
 * usual menu, and the legal footer every German shop carries (company, address, phone,
 * toll-free hotline, Impressum). */
#define DE_HEADER                                                                                  \
    "<header><a class=\"logo\" href=\"/\">Teehaus Berger</a>"                                      \
    "<form class=\"suche\" action=\"/suche\"><input name=\"q\" placeholder=\"Tee suchen\"></form>" \
    "<a class=\"warenkorb\" href=\"/warenkorb\">Warenkorb (2)</a></header>"                        \
    "<nav><ul><li><a href=\"/kategorie/gruener-tee/\">Grüner Tee</a></li>"                        \
    "<li><a href=\"/versand-und-zahlung\">Versand &amp; Zahlung</a></li>"                          \
    "<li><a href=\"/kontakt\">Kontakt</a></li></ul></nav>"
#define DE_FOOTER                                                                                   \
    "<footer><p class=\"firma\">Teehaus Berger GmbH · Hauptstraße 5, 10115 Berlin</p>"            \
    "<p class=\"telefon\">Tel.: 030 1234567 · Kostenlose Hotline: 0800 123 4567</p>"               \
    "<p><a href=\"/impressum\">Impressum</a> · <a href=\"/widerrufsbelehrung\">Widerrufsrecht</a>" \
    "</p></footer>"
#define DE_PRODUCT(name, price, buy)                                                               \
    DOC("de", name " | Teehaus Berger",                                                            \
        DE_HEADER "<main><h1>" name "</h1><p class=\"preis\">" price "</p>" buy                    \
                  "<p>Lieferzeit: 1–3 Werktage, kostenloser Versand ab 50 €</p></main>" DE_FOOTER)

/* ---- cart_visible ---- */

TEST(check_cart_visible_header_everywhere_passes_de)
{
    static const struct pg pages[] = {
        {"https://teehaus.test/",
         DOC("de", "Teehaus Berger – Tee online kaufen",
             DE_HEADER "<main><h1>Tee aus aller Welt</h1><p>Über 300 Sorten, frisch abgepackt.</p>"
                       "</main>" DE_FOOTER)},
        {"https://teehaus.test/kategorie/gruener-tee/",
         DOC("de", "Grüner Tee | Teehaus Berger",
             DE_HEADER
             "<main><h1>Grüner Tee</h1><p>Sortieren nach: Preis</p><ul><li><a "
             "href=\"/produkt/sencha-fukuyu\">Sencha Fukuyu</a></li></ul></main>" DE_FOOTER)},
        {"https://teehaus.test/produkt/sencha-fukuyu",
         DE_PRODUCT("Sencha Fukuyu", "12,90 €",
                    "<form action=\"/warenkorb/add\" method=\"post\"><button type=\"submit\" "
                    "class=\"btn-kaufen\">In den Warenkorb</button></form>")},
        {"https://teehaus.test/warenkorb",
         DOC("de", "Warenkorb | Teehaus Berger",
             "<main><h1>Warenkorb</h1><p>Sencha Fukuyu, 2 × 12,90 €</p><a class=\"btn\" "
             "href=\"/kasse\">Zur Kasse</a></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN("cart_visible", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "The cart is in the header of 3 of 3 pages.");
    EXPECT_STREQ(v.recommendation, "");
    EXPECT_EQ(v.evidence.n, 3); /* the Warenkorb page itself is not counted */
    EXPECT_EV(&v, 0, "https://teehaus.test/", "header > a.warenkorb", "Warenkorb (2)");
    EXPECT_EV(&v, 2, "https://teehaus.test/produkt/sencha-fukuyu", "header > a.warenkorb",
              "Warenkorb (2)");
    sa_verdict_release(&v);
}

/* The Ratgeber (blog) runs on another template: no cart in its header, only "Mein Warenkorb"
 * in the footer. "In den Warenkorb" on a product is the buy button, not the cart; the
 * Einkaufswagen icon is named by its aria-label. */
#define DE_HEADER_ICON                                                                             \
    "<header><a class=\"logo\" href=\"/\">Teehaus Berger</a><a class=\"icon\" href=\"#\" "         \
    "aria-label=\"Einkaufswagen\"><img src=\"/img/korb.svg\" alt=\"\"></a></header>"
#define DE_HEADER_BLOG "<header><a class=\"logo\" href=\"/\">Teehaus Berger · Ratgeber</a></header>"

TEST(check_cart_visible_blog_template_footer_only_partial_de)
{
    static const struct pg pages[] = {
        {"https://teehaus.test/",
         DOC("de", "Teehaus Berger", DE_HEADER_ICON "<main><h1>Tee aus aller Welt</h1></main>")},
        {"https://teehaus.test/produkt/assam-tgfop",
         DOC("de", "Assam TGFOP | Teehaus Berger",
             DE_HEADER_ICON "<main><h1>Assam TGFOP</h1><p>8,50 €</p><form method=\"post\" "
                            "action=\"/warenkorb/add\"><button type=\"submit\">In den "
                            "Warenkorb</button></form></main>")},
        {"https://teehaus.test/ratgeber/tee-richtig-zubereiten",
         DOC("de", "Tee richtig zubereiten | Ratgeber",
             DE_HEADER_BLOG "<main><h1>Tee richtig zubereiten</h1><p>Tipps zur Wassertemperatur."
                            "</p></main><footer><ul><li><a href=\"/warenkorb\">Mein Warenkorb</a>"
                            "</li></ul></footer>")},
        {"https://teehaus.test/ratgeber/gruener-tee-wirkung",
         DOC("de", "Grüner Tee: Wirkung | Ratgeber",
             DE_HEADER_BLOG "<main><h1>Grüner Tee: Wirkung</h1><p>Was die Forschung sagt.</p>"
                            "</main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN("cart_visible", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, (2 + 0.5 * 1) / 4.0, 1e-9);
    EXPECT_STREQ(v.summary,
                 "The cart is in the header of only 2 of 4 pages (1 more show it lower down).");
    EXPECT(v.recommendation && strstr(v.recommendation, "header of every page") != NULL);
    EXPECT_EQ(v.evidence.n, 4);
    EXPECT_EV(&v, 0, "https://teehaus.test/ratgeber/tee-richtig-zubereiten", "footer > ul > li > a",
              "cart only in the footer, not in the header: Mein Warenkorb");
    EXPECT_EV(&v, 1, "https://teehaus.test/ratgeber/gruener-tee-wirkung", "header",
              "no cart link or button on this page");
    EXPECT_EV(&v, 2, "https://teehaus.test/", "header > a.icon", "Einkaufswagen");
    EXPECT_EV(&v, 3, "https://teehaus.test/produkt/assam-tgfop", "header > a.icon",
              "Einkaufswagen");
    sa_verdict_release(&v);
}

/* A furniture maker that only takes requests: "Angebot anfordern" and no cart anywhere. */
#define DE_PSEUDO_HEADER                                                                           \
    "<header><a class=\"logo\" href=\"/\">Möbelwerk Huber</a><nav><ul><li><a "                    \
    "href=\"/moebel\">MÖBEL</a></li><li><a href=\"/kontakt\">KONTAKT</a></li></ul></nav></header>"

TEST(check_cart_visible_request_only_fails_de)
{
    static const struct pg pages[] = {
        {"https://moebelwerk.test/",
         DOC("de", "Möbelwerk Huber", DE_PSEUDO_HEADER "<main><h1>Möbel nach Maß</h1></main>")},
        {"https://moebelwerk.test/produkt/esstisch-eiche",
         DOC("de", "Esstisch Eiche | Möbelwerk Huber",
             DE_PSEUDO_HEADER
             "<main><h1>Esstisch Eiche</h1><p>Preis auf Anfrage</p><form class=\"anfrage\" "
             "action=\"/anfrage\" method=\"post\"><input name=\"email\" placeholder=\"E-Mail\">"
             "<button type=\"submit\">Angebot anfordern</button></form></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN("cart_visible", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "The site shows goods on 1 page(s) but has no cart anywhere.");
    EXPECT(v.recommendation && strstr(v.recommendation, "17%") != NULL);
    EXPECT_EQ(v.evidence.n, 3);
    EXPECT_EV(&v, 0, "https://moebelwerk.test/produkt/esstisch-eiche",
              "main > form.anfrage > button", "Angebot anfordern");
    EXPECT_EV(&v, 1, "https://moebelwerk.test/", "header", "no cart link or button on this page");
    EXPECT(ev_find(&v, "https://moebelwerk.test/produkt/esstisch-eiche", "header") == 2);
    sa_verdict_release(&v);
}

/* ---- cta_buttons ---- */

TEST(check_cta_buttons_buy_buttons_pass_de)
{
    static const struct pg pages[] = {
        {"https://teehaus.test/produkt/sencha-fukuyu",
         DE_PRODUCT("Sencha Fukuyu", "12,90 €",
                    "<form action=\"/warenkorb/add\" method=\"post\"><button type=\"submit\" "
                    "class=\"btn-kaufen\">In den Warenkorb</button></form>")},
        {"https://teehaus.test/produkt/teekanne-tetsubin",
         DE_PRODUCT("Teekanne Tetsubin", "1.299,00 €",
                    "<div class=\"kaufbox\"><a class=\"btn btn-primary\" "
                    "href=\"/warenkorb/add?id=77\">JETZT KAUFEN</a></div>")},
    };
    struct sa_verdict v;
    ASSERT(RUN("cta_buttons", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "All 2 product pages have a buy button.");
    EXPECT_STREQ(v.recommendation, "");
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://teehaus.test/produkt/sencha-fukuyu",
              "main > form > button.btn-kaufen", "In den Warenkorb");
    EXPECT_EV(&v, 1, "https://teehaus.test/produkt/teekanne-tetsubin", "main > div.kaufbox > a.btn",
              "JETZT KAUFEN");
    sa_verdict_release(&v);
}

/* "Preis anfragen" is a request, not a buy button; "jetzt kaufen" in running text is no
 * control either. */
TEST(check_cta_buttons_request_and_text_only_partial_de)
{
    static const struct pg pages[] = {
        {"https://teehaus.test/produkt/sencha-fukuyu",
         DE_PRODUCT("Sencha Fukuyu", "12,90 €",
                    "<form action=\"/warenkorb/add\" method=\"post\"><button type=\"submit\" "
                    "class=\"btn-kaufen\">In den Warenkorb</button></form>")},
        {"https://teehaus.test/produkt/teeschale-raku",
         DE_PRODUCT("Teeschale Raku (Unikat)", "Preis auf Anfrage",
                    "<a class=\"btn btn-anfrage\" href=\"#anfrage\">Preis anfragen</a>")},
        {"https://teehaus.test/produkt/darjeeling-ftgfop",
         DE_PRODUCT("Darjeeling FTGFOP", "ab 9,90 €",
                    "<p>Jetzt kaufen und beim nächsten Einkauf sparen: Treuepunkte für jede "
                    "Bestellung.</p>")},
    };
    struct sa_verdict v;
    ASSERT(RUN("cta_buttons", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 1.0 / 3.0, 1e-9);
    EXPECT_STREQ(v.summary, "2 of 3 product pages lack a buy button.");
    EXPECT(v.recommendation && strstr(v.recommendation, "24%") != NULL);
    EXPECT_EQ(v.evidence.n, 3);
    EXPECT_EV(&v, 0, "https://teehaus.test/produkt/teeschale-raku", "main > a.btn",
              "no buy button, only a request: \"Preis anfragen\"");
    EXPECT_EV(&v, 1, "https://teehaus.test/produkt/darjeeling-ftgfop", "main",
              "no buy, add-to-cart or order button on this product page");
    EXPECT_EV(&v, 2, "https://teehaus.test/produkt/sencha-fukuyu",
              "main > form > button.btn-kaufen", "In den Warenkorb");
    sa_verdict_release(&v);
}

/* A contact form's "Absenden" and a "Rückruf bestellen" button are no buy buttons. */
TEST(check_cta_buttons_send_and_callback_are_not_buy_fails_de)
{
    static const struct pg pages[] = {
        {"https://moebelwerk.test/produkt/esstisch-eiche",
         DOC("de", "Esstisch Eiche | Möbelwerk Huber",
             DE_PSEUDO_HEADER
             "<main><h1>Esstisch Eiche</h1><p>Massivholz, geölt. Käufer loben die Qualität.</p>"
             "<form class=\"kontakt\" action=\"/nachricht\" method=\"post\"><textarea "
             "name=\"nachricht\"></textarea><button type=\"submit\">Absenden</button></form>"
             "<button type=\"button\" class=\"rueckruf\">Rückruf bestellen</button></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN("cta_buttons", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "None of the 1 product pages has a buy button.");
    EXPECT_EQ(v.evidence.n, 1);
    EXPECT_EV(&v, 0, "https://moebelwerk.test/produkt/esstisch-eiche", "main",
              "no buy, add-to-cart or order button on this product page");
    sa_verdict_release(&v);
}

/* ---- contacts ---- */

TEST(check_contacts_legal_footer_everywhere_passes_de)
{
    static const struct pg pages[] = {
        {"https://teehaus.test/",
         DOC("de", "Teehaus Berger",
             DE_HEADER "<main><h1>Tee aus aller Welt</h1></main>" DE_FOOTER)},
        {"https://teehaus.test/produkt/sencha-fukuyu",
         DE_PRODUCT("Sencha Fukuyu", "12,90 €",
                    "<form action=\"/warenkorb/add\" method=\"post\"><button "
                    "type=\"submit\">In den Warenkorb</button></form>")},
        {"https://teehaus.test/kontakt",
         DOC("de", "Kontakt | Teehaus Berger",
             DE_HEADER "<main><h1>Kontakt</h1><p>Schreiben Sie uns: info@teehaus-berger.test</p>"
                       "<form id=\"kontaktformular\" action=\"/kontakt/senden\" method=\"post\">"
                       "<textarea name=\"nachricht\"></textarea><button type=\"submit\">Absenden"
                       "</button></form></main>" DE_FOOTER)},
    };
    struct sa_verdict v;
    ASSERT(RUN("contacts", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PASS);
    EXPECT_NEAR(v.score, 1.0, 1e-9);
    EXPECT_STREQ(v.summary, "Contacts (phone, address, e-mail, contact form, toll-free number) "
                            "are reachable from 3 of 3 pages.");
    EXPECT_STREQ(v.recommendation, "");
    EXPECT_EQ(v.evidence.n, 6); /* phone, address, e-mail, form, toll-free, the Kontakt link */
    EXPECT_EV(&v, 0, "https://teehaus.test/", "footer > p.telefon",
              "Tel.: 030 1234567 · Kostenlose Hotline: 0800 123 4567");
    EXPECT_EV(&v, 1, "https://teehaus.test/", "footer > p.firma",
              "Teehaus Berger GmbH · Hauptstraße 5, 10115 Berlin");
    EXPECT_EV(&v, 2, "https://teehaus.test/kontakt", "main > p",
              "Schreiben Sie uns: info@teehaus-berger.test");
    EXPECT_EV(&v, 3, "https://teehaus.test/kontakt", "form#kontaktformular",
              "a contact form with a message field");
    EXPECT_EV(&v, 4, "https://teehaus.test/", "footer > p.telefon",
              "Tel.: 030 1234567 · Kostenlose Hotline: 0800 123 4567");
    EXPECT_EV(&v, 5, "https://teehaus.test/", "nav > ul > li > a", "Kontakt");
    sa_verdict_release(&v);
}

TEST(check_contacts_email_label_is_not_an_address_partial_de)
{
    static const struct pg pages[] = {
        {"https://teehaus.test/",
         DOC("de", "Teehaus Berger",
             "<header><a class=\"logo\" href=\"/\">Teehaus Berger</a></header><main><h1>Tee aus "
             "aller Welt</h1></main><footer><form class=\"newsletter\"><label>Ihre "
             "E-Mail-Adresse<input type=\"email\" name=\"email\"></label><button>Newsletter "
             "abonnieren</button></form><p class=\"telefon\">Telefon: 030 1234567</p></footer>")},
    };
    struct sa_verdict v;
    ASSERT(RUN("contacts", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.3, 1e-9); /* 0.3 phone; no address, no e-mail, reach 0 */
    EXPECT_STREQ(v.summary,
                 "The site shows only phone; a phone number and an address are both needed.");
    EXPECT(v.recommendation && strstr(v.recommendation, "toll-free") != NULL);
    EXPECT_EQ(v.evidence.n, 2);
    EXPECT_EV(&v, 0, "https://teehaus.test/", "footer > p.telefon", "Telefon: 030 1234567");
    EXPECT_EV(&v, 1, "https://teehaus.test/", "header, footer",
              "no phone and address shown, and no link to the contacts page");
    sa_verdict_release(&v);
}

/* No address, but a Kontakt link on every page and the further live channels: a free hotline
 * ("gebührenfrei"), a Rückruf (callback) button and WhatsApp. Each adds 0.05:
 * 0.3 phone + 0.3 × 1 reach + 0.05 × 3 = 0.75. */
TEST(check_contacts_live_channels_raise_partial_de)
{
    static const struct pg pages[] = {
        {"https://teehaus.test/",
         DOC("de", "Teehaus Berger",
             "<header><a class=\"logo\" href=\"/\">Teehaus Berger</a><p class=\"hotline\">"
             "Bestellhotline (gebührenfrei): 0800 123 4567</p><button type=\"button\" "
             "class=\"rueckruf\">Rückruf anfordern</button></header><nav><ul><li><a "
             "href=\"/kontakt\">Kontakt</a></li></ul></nav><main><h1>Tee aus aller Welt</h1>"
             "</main><footer><a class=\"wa\" href=\"https://wa.me/49301234567\" "
             "aria-label=\"WhatsApp\"><img src=\"/img/wa.svg\" alt=\"\"></a></footer>")},
        {"https://teehaus.test/kategorie/schwarzer-tee/",
         DOC("de", "Schwarzer Tee | Teehaus Berger",
             "<header><a class=\"logo\" href=\"/\">Teehaus Berger</a></header><nav><ul><li><a "
             "href=\"/kontakt\">Kontakt</a></li></ul></nav><main><h1>Schwarzer Tee</h1></main>")},
    };
    struct sa_verdict v;
    ASSERT(RUN("contacts", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_PARTIAL);
    EXPECT_NEAR(v.score, 0.3 + 0.3 * 1.0 + 0.05 * 3, 1e-9);
    EXPECT_STREQ(v.summary, "The site shows only phone, toll-free number, chat or callback, "
                            "messenger; a phone number and an address are both needed.");
    EXPECT_EQ(v.evidence.n, 5); /* phone, toll-free, callback, messenger, the Kontakt link */
    EXPECT_EV(&v, 0, "https://teehaus.test/", "header > p.hotline",
              "Bestellhotline (gebührenfrei): 0800 123 4567");
    EXPECT_EV(&v, 1, "https://teehaus.test/", "header > p.hotline",
              "Bestellhotline (gebührenfrei): 0800 123 4567");
    EXPECT_EV(&v, 2, "https://teehaus.test/", "header > button.rueckruf", "Rückruf anfordern");
    EXPECT_EV(&v, 3, "https://teehaus.test/", "footer > a.wa", "WhatsApp");
    EXPECT_EV(&v, 4, "https://teehaus.test/", "nav > ul > li > a", "Kontakt");
    sa_verdict_release(&v);
}

TEST(check_contacts_nothing_fails_de)
{
    static const struct pg pages[] = {
        {"https://teehaus.test/",
         DOC("de", "Teehaus Berger",
             "<header><a class=\"logo\" href=\"/\">Teehaus Berger</a></header><main><h1>Tee aus "
             "aller Welt</h1><p>Kontaktlinsen-Flüssigkeit führen wir nicht.</p><p>Inhalt: 5 KG"
             "</p></main><footer><p>© 2025</p></footer>")},
    };
    struct sa_verdict v;
    ASSERT(RUN("contacts", pages, &v));
    EXPECT_EQ(v.status, SA_STATUS_FAIL);
    EXPECT_NEAR(v.score, 0.0, 1e-9);
    EXPECT_STREQ(v.summary, "No phone number, address, e-mail or contact form was found.");
    EXPECT_EQ(v.evidence.n, 1); /* "Kontaktlinsen" is no contacts link, "5 KG" no company */
    EXPECT_EV(&v, 0, "https://teehaus.test/", "header, footer",
              "no phone and address shown, and no link to the contacts page");
    sa_verdict_release(&v);
}

TEST_MAIN()
