/* The multilingual vocabulary: concept -> patterns per language, loaded from
 * checks/lexicon/<lang>.json (embedded in the binary at build time) and compiled once with
 * PCRE2 (UTF, UCP, caseless, JIT) into one alternation per concept. Checks ask "does this
 * text say CART?" and never carry word lists of their own.
 *
 * Text is normalised before matching, on both sides: Greek tonos/dialytika stripped and final
 * sigma folded to sigma; Armenian ligature U+0587 treated as the two letters, emphasis marks
 * U+055B..U+055E dropped. Offsets returned always refer to the caller's original text. */
#ifndef SHOPAUDIT_LEXICON_H
#define SHOPAUDIT_LEXICON_H

#include <stddef.h>

#include "shopaudit/common.h"

/* X(ENUM, "json name", "what it means"). The JSON files use the names; an unknown name in a
 * lexicon file is a load error, so a typo cannot silently disable a concept. */
#define SA_CONCEPT_MAP(X)                                                                          \
    X(CART, "cart", "the shopping cart / basket / bag")                                            \
    X(BUY, "buy", "buy / add to cart / order now, as a call to action")                            \
    X(REQUEST_QUOTE, "request_quote", "leave a request / ask for the price: pseudo-shop marks")    \
    X(CHECKOUT, "checkout", "checkout / place the order")                                          \
    X(GUEST_CHECKOUT, "guest_checkout", "order without registration, as a guest")                  \
    X(REGISTER, "register", "sign up / create an account / log in")                                \
    X(PRODUCT, "product", "product / item page hints")                                             \
    X(CATEGORY, "category", "catalogue / category hints")                                          \
    X(DELIVERY, "delivery", "delivery / shipping terms")                                           \
    X(PAYMENT, "payment", "payment methods and terms")                                             \
    X(RETURNS, "returns", "returns / refunds / exchange policy")                                   \
    X(CONTACTS, "contacts", "contact us / contacts")                                               \
    X(ADDRESS, "address", "a postal address marker: street, avenue, city")                         \
    X(PHONE, "phone", "a phone label: tel., phone, hotline")                                       \
    X(ABOUT, "about", "about us / company")                                                        \
    X(PROMO, "promo", "sale / promotion / discount")                                               \
    X(AVAILABILITY, "availability", "subject to availability / while stocks last")                 \
    X(OUT_OF_STOCK, "out_of_stock", "out of stock / sold out")                                     \
    X(NEWSLETTER, "newsletter", "newsletter / subscribe")                                          \
    X(LOYALTY, "loyalty", "loyalty programme / bonus points / rewards")                            \
    X(REVIEWS, "reviews", "customer reviews / ratings")                                            \
    X(LIVE_CHAT, "live_chat", "online consultant / chat / callback")                               \
    X(SUPPORT, "support", "help centre / FAQ / blog / guides")                                     \
    X(PRICE_ON_REQUEST, "price_on_request", "price on request: not a firm price")                  \
    X(PRICE, "price", "an amount with its currency: 3 490 руб., 1.299,00 €, ฿350, $249.00")        \
    X(PRICE_FROM, "price_from", "a price floor, not a firm price: from $, от 8 900")               \
    X(LEGAL_ID, "legal_id", "company registration / tax id labels: VAT, ИНН, ΑΦΜ, ՀՎՀՀ")           \
    X(LEGAL_FORM, "legal_form", "legal entity forms: Ltd, GmbH, ООО, Α.Ε., บริษัท จำกัด, ՍՊԸ")        \
    X(FOUNDED, "founded", "founding year: since 1998, с 2005 года, ιδρύθηκε")                      \
    X(CALLBACK, "callback", "request a call back / we will call you")                              \
    X(MESSENGER, "messenger", "messenger names: WhatsApp, Telegram, Viber, LINE, Messenger")       \
    X(TOLL_FREE, "toll_free", "toll-free numbers: 8-800, 1-800, 0-800, 1800")                      \
    X(DELIVERY_TIME, "delivery_time", "delivery times: in 1-3 days, ships within 24 hours")        \
    X(FREE_DELIVERY, "free_delivery", "free delivery (over an amount)")                            \
    X(PICKUP, "pickup", "pickup points / click and collect / самовывоз")                           \
    X(PAYMENT_METHOD, "payment_method", "payment methods: cards, PayPal, cash on delivery")        \
    X(RETURN_PERIOD, "return_period", "a returns period: within 14 days, 30-day returns")          \
    X(ACCOUNT_BENEFIT, "account_benefit", "what registering gives: discount, points, tracking")    \
    X(LOYALTY_TIER, "loyalty_tier", "loyalty tiers / levels: silver, gold; статус, уровень")       \
    X(REFERRAL, "referral", "refer a friend rewards")                                              \
    X(WELCOME_BONUS, "welcome_bonus", "a welcome bonus / points on sign-up")                       \
    X(AUTO_ENROL, "auto_enrol", "automatic enrolment on registration")                             \
    X(PROMO_TERMS, "promo_terms", "terms and conditions apply / see details, of a promotion")      \
    X(PROMO_RESTRICTION, "promo_restriction",                                                      \
      "hard-to-meet promotion conditions: only when buying 3+, not combinable, minimum order")     \
    X(QUANTITY_OFFER, "quantity_offer", "a plain quantity offer: buy 3 get 1 free, 3 for 2, 1+1")

enum sa_concept {
#define SA__CONCEPT_ENUM(e, name, what) SA_CONCEPT_##e,
    SA_CONCEPT_MAP(SA__CONCEPT_ENUM)
#undef SA__CONCEPT_ENUM
        SA_CONCEPT_LAST
};

struct sa_lexicon;

struct sa_match {
    size_t off, len;  /* in the caller's text, bytes */
    const char *lang; /* the language whose pattern matched: "en", "ru", ... ("any" for phone
                         formats and the like); owned by the lexicon */
};

/* Loads and compiles the lexicon. dir == NULL uses the data embedded at build time; otherwise
 * every <lang>.json in dir is read. On failure returns SA_E... and writes a one-line reason
 * ("ru.json: concept \"cart\", pattern 3: missing ) at offset 7") into err. *out is owned by
 * the caller: sa_lexicon_free. */
int sa_lexicon_new(const char *dir, struct sa_lexicon **out, char *err, size_t errlen);
void sa_lexicon_free(struct sa_lexicon *lex);

/* First match of concept c in text[0..len). Returns 1 and fills *m when found, 0 when not,
 * SA_ENOMEM when the scratch space could not be had. m may be NULL. Answers about the texts
 * of the page being built or observed are remembered until the page is freed, so checks may
 * ask again at no cost. Threads may share a lexicon: one at a time uses that memory, the
 * others match without it. */
int sa_lexicon_find(const struct sa_lexicon *lex, enum sa_concept c, const char *text, size_t len,
                    struct sa_match *m);
/* Like sa_lexicon_find, starting the search at byte offset start. */
int sa_lexicon_find_from(const struct sa_lexicon *lex, enum sa_concept c, const char *text,
                         size_t len, size_t start, struct sa_match *m);
/* 1 if text says concept c, else 0. */
int sa_lexicon_match(const struct sa_lexicon *lex, enum sa_concept c, const char *text, size_t len);

/* URL hints: 1 when the URL's path (percent-decoded, so "/%E0%B8%95..." reads as Thai)
 * carries a slug for concept c ("/cart", "/korzina", "/dostavka", "/contact-us"), else 0.
 * The patterns come from the "url" section of the lexicon files. */
int sa_lexicon_url_match(const struct sa_lexicon *lex, enum sa_concept c, const char *url);

const char *sa_concept_name(enum sa_concept c);
/* Languages loaded, as a NULL-terminated list ("any", "el", "en", ...) owned by the lexicon. */
const char *const *sa_lexicon_languages(const struct sa_lexicon *lex);

#endif
