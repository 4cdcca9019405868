/* Helpers shared by the built-in checks: the questions several checks ask of a page ("is this
 * link the cart?", "does this page sell?"), answered one way for all of them. */
#ifndef SA_CHECK_UTIL_H
#define SA_CHECK_UTIL_H

#include "shopaudit/check.h"

/* 1 when the link names concept c by its text (visible or accessible name), its URL slug or a
 * class/id on its path ("a.cart-link"; cart only). */
int sa__link_is(const struct sa_page *p, const struct sa_link *l, enum sa_concept c);
/* 1 when the button's label says concept c. */
int sa__button_is(const struct sa_page *p, const struct sa_button *b, enum sa_concept c);
/* The first enabled buy control (BUY label, and not a "request a quote" label), or NULL. */
const struct sa_button *sa__buy_button(const struct sa_page *p);
/* The first "leave a request" / "ask for the price" control or link, as evidence text. */
const char *sa__request_quote_label(const struct sa_page *p, const char **where);
/* 1 when the page shows goods: a product page, a schema.org Product/Offer, or buy controls. */
int sa__page_sells(const struct sa_page *p);

/* 1 when region r is the page's chrome: header, nav, aside or footer (repeated on every page). */
#define SA_CHROME_REGIONS                                                                          \
    (SA_REGION_BIT(SA_REGION_HEADER) | SA_REGION_BIT(SA_REGION_NAV) |                              \
     SA_REGION_BIT(SA_REGION_ASIDE) | SA_REGION_BIT(SA_REGION_FOOTER))

#endif
