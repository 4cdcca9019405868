/* Helpers shared by the built-in checks: the questions several checks ask of a page ("is this
 * link the cart?", "does this page sell?"), answered one way for all of them. */
#ifndef SA_CHECK_UTIL_H
#define SA_CHECK_UTIL_H

#include "shopaudit/check.h"

/* 1 when the link names concept c by its text (visible or accessible name), its URL slug or a
 * class/id on its path ("a.cart-link"; cart only). */
int sa__link_is(const struct sa_page *p, const struct sa_link *l, enum sa_concept c);
/* The first link a buyer can follow (neither hidden nor leading nowhere) that names concept c,
 * or NULL. */
const struct sa_link *sa__live_link(const struct sa_page *p, enum sa_concept c);
/* 1 when the button's label says concept c. */
int sa__button_is(const struct sa_page *p, const struct sa_button *b, enum sa_concept c);
/* The first enabled buy control (BUY label, and not a "request a quote" label), or NULL. */
const struct sa_button *sa__buy_button(const struct sa_page *p);
/* The first "leave a request" / "ask for the price" control or link, as evidence text. */
const char *sa__request_quote_label(const struct sa_page *p, const char **where);
/* A check's memory of lexicon answers about short texts that come back page after page: link
 * labels and URLs, button labels, the header's and footer's blocks. Every page of a 200-page
 * shop asks the same fifty menu links about the same concepts again; answered by the lexicon,
 * each question of a text outside the page's regions costs a prefilter and PCRE2 run (about
 * 5 000 instructions), answered here a hash and a compare. Keyed by the bytes, so an answer is
 * exact whatever page the text came from; kept in the check's state, so it lives for one audit
 * (one lexicon) and the check's lock guards it. Each thread that runs the check has a table of
 * its own: one table shared by two page threads moved between their cores' caches page after
 * page, and the audit took 3.5% more CPU than with no memo at all. Zeroed is empty; memory is
 * taken on first use (without it, questions go to the lexicon as before). */
#define SA__MEMO_THREADS 17 /* the caller's thread and up to 16 page threads (pipeline.h) */
struct sa__memo_table;
struct sa__memo {
    const struct sa_lexicon *lex;
    struct sa__memo_table *table[SA__MEMO_THREADS]; /* by sa__pipe_self() */
};
/* sa_lexicon_find(lex, c, text, len, m), remembered. */
int sa__memo_find(struct sa__memo *mo, const struct sa_lexicon *lex, enum sa_concept c,
                  const char *text, size_t len, struct sa_match *m);
/* 1 when text (NUL-terminated, may be NULL) says c. */
int sa__memo_says(struct sa__memo *mo, const struct sa_page *p, enum sa_concept c,
                  const char *text);
/* sa_lexicon_url_match(lex, c, url), remembered. */
int sa__memo_url(struct sa__memo *mo, const struct sa_lexicon *lex, enum sa_concept c,
                 const char *url);
/* sa__link_is and sa__live_link, their lexicon questions remembered in mo. */
int sa__memo_link_is(struct sa__memo *mo, const struct sa_page *p, const struct sa_link *l,
                     enum sa_concept c);
const struct sa_link *sa__memo_live_link(struct sa__memo *mo, const struct sa_page *p,
                                         enum sa_concept c);
void sa__memo_release(struct sa__memo *mo);

/* 1 when the page shows goods: a product page, a schema.org Product/Offer, or buy controls. */
int sa__page_sells(const struct sa_page *p);

/* 1 on the pages where the buyer decides: product, cart and checkout. */
int sa__decision_page(const struct sa_page *p);
/* 1 when block b states terms: running text, not a button's label nor a heading (facts=1; a
 * heading only mentions, facts=0 accepts it), nor a dead link; a live link's label counts only
 * when facts are asked for ("Free delivery over $50" in a top bar). */
int sa__terms_block(const struct sa_page *p, const struct sa_block *b, int facts);

/* Copies s[0..n) into buf (cap bytes), cut on a character boundary when it does not fit: a
 * phrase quoted in a summary must stay valid UTF-8. */
void sa__copy_phrase(char *buf, size_t cap, const char *s, size_t n);

/* Pages arrive in completion order, which depends on timing. A check that remembers "the first
 * page that shows X" remembers instead the page with the smallest URL (the first offer on that
 * page): the same choice whatever the concurrency. sa__earlier says whether url beats the one
 * l holds; SA__FIRST(counter, l, url) counts the sighting and, when url wins, empties l so the
 * caller adds the new item. */
int sa__earlier(const struct sa_evidence_list *l, const char *url);
#define SA__FIRST(counter, l, url)                                                                 \
    ((counter)++, sa__earlier((l), (url)) ? (sa_evidence_release(l), 1) : 0)
/* Adds like sa_evidence_add, then keeps only the k smallest items (k <= SA_EVIDENCE_MAX). */
int sa__evidence_keep(struct sa_evidence_list *l, size_t k, const char *url, const char *where,
                      const char *snippet);

/* 1 when region r is the page's chrome: header, nav, aside or footer (repeated on every page). */
#define SA_CHROME_REGIONS                                                                          \
    (SA_REGION_BIT(SA_REGION_HEADER) | SA_REGION_BIT(SA_REGION_NAV) |                              \
     SA_REGION_BIT(SA_REGION_ASIDE) | SA_REGION_BIT(SA_REGION_FOOTER))

#endif
