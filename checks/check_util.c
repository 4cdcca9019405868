/* Shared check helpers; see check_util.h. */
#include "check_util.h"

#include "alloc.h"
#include "verdict.h"

#include <string.h>
#include <strings.h>

static int says(const struct sa_page *p, enum sa_concept c, const char *text)
{
    return text && *text && sa_lexicon_match(p->lex, c, text, strlen(text)) > 0;
}

static int ci_contains(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0) return 1;
    return 0;
}

/* Class names are English in every language's shop themes: "cart", "basket", "minicart". */
static int path_names_cart(const char *where)
{
    static const char *const words[] = {"cart", "basket", "korzin", "bag-", NULL};
    if (!where) return 0;
    const char *last = strrchr(where, '>');
    last = last ? last : where;
    for (int i = 0; words[i]; i++)
        if (ci_contains(last, words[i])) return 1;
    return 0;
}

int sa__link_is(const struct sa_page *p, const struct sa_link *l, enum sa_concept c)
{
    if (l->flags & SA_LINK_HIDDEN) return 0; /* a buyer cannot see it */
    if (says(p, c, l->text)) return 1;
    if (l->url && sa_lexicon_url_match(p->lex, c, l->url) > 0) return 1;
    return c == SA_CONCEPT_CART && path_names_cart(l->where);
}

const struct sa_link *sa__live_link(const struct sa_page *p, enum sa_concept c)
{
    for (size_t i = 0; i < p->nlinks; i++) {
        const struct sa_link *l = &p->links[i];
        if (!(l->flags & (SA_LINK_DEAD | SA_LINK_HIDDEN)) && sa__link_is(p, l, c)) return l;
    }
    return NULL;
}

int sa__button_is(const struct sa_page *p, const struct sa_button *b, enum sa_concept c)
{
    return says(p, c, b->text);
}

const struct sa_button *sa__buy_button(const struct sa_page *p)
{
    for (size_t i = 0; i < p->nbuttons; i++) {
        const struct sa_button *b = &p->buttons[i];
        /* The header's cart button is the site's, not this product's call to action. */
        if (b->disabled || (b->region != SA_REGION_MAIN && b->region != SA_REGION_ASIDE)) continue;
        if (sa__button_is(p, b, SA_CONCEPT_REQUEST_QUOTE)) continue;
        if (sa__button_is(p, b, SA_CONCEPT_BUY)) return b;
    }
    return NULL;
}

const char *sa__request_quote_label(const struct sa_page *p, const char **where)
{
    for (size_t i = 0; i < p->nbuttons; i++)
        if (sa__button_is(p, &p->buttons[i], SA_CONCEPT_REQUEST_QUOTE)) {
            *where = p->buttons[i].where;
            return p->buttons[i].text;
        }
    for (size_t i = 0; i < p->nlinks; i++)
        if (p->links[i].region == SA_REGION_MAIN &&
            says(p, SA_CONCEPT_REQUEST_QUOTE, p->links[i].text)) {
            *where = p->links[i].where;
            return p->links[i].text;
        }
    return NULL;
}

int sa__page_sells(const struct sa_page *p)
{
    if (p->kind == SA_KIND_PRODUCT || p->kind == SA_KIND_CART || p->kind == SA_KIND_CHECKOUT)
        return 1;
    for (size_t i = 0; i < p->nitems; i++)
        if (strcmp(p->items[i].type, "Product") == 0 || strcmp(p->items[i].type, "Offer") == 0)
            return 1;
    if (sa__buy_button(p)) return 1;
    const char *w;
    return sa__request_quote_label(p, &w) != NULL;
}

int sa__decision_page(const struct sa_page *p)
{
    return p->kind == SA_KIND_PRODUCT || p->kind == SA_KIND_CART || p->kind == SA_KIND_CHECKOUT;
}

int sa__terms_block(const struct sa_page *p, const struct sa_block *b, int facts)
{
    if (!b || (b->flags & SA_BLOCK_BUTTON)) return 0;
    /* A heading names a section ("Сроки доставки", "Payment methods"); the terms are the text
     * under it, so a heading is at most a mention. */
    if (facts && (b->flags & SA_BLOCK_HEADING)) return 0;
    if (!(b->flags & SA_BLOCK_LINK)) return 1;
    if (!facts) return 0;
    /* a link block is terms only when it is a live, visible link (matched by path and text) */
    const char *t = p->text[b->region].ptr + b->off;
    for (size_t i = 0; i < p->nlinks; i++) {
        const struct sa_link *l = &p->links[i];
        if ((l->flags & (SA_LINK_DEAD | SA_LINK_HIDDEN)) || l->region != b->region) continue;
        if (strcmp(l->where, b->where) == 0 && strlen(l->text) == b->len &&
            memcmp(l->text, t, b->len) == 0)
            return 1;
    }
    return 0;
}

void sa__copy_phrase(char *buf, size_t cap, const char *s, size_t n)
{
    if (n >= cap) {
        n = cap - 1;
        while (n && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    }
    memcpy(buf, s, n);
    buf[n] = '\0';
}

int sa__earlier(const struct sa_evidence_list *l, const char *url)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(url, l->items[i].url) >= 0) return 0;
    return 1;
}

int sa__evidence_keep(struct sa_evidence_list *l, size_t k, const char *url, const char *where,
                      const char *snippet)
{
    int rc = sa_evidence_add(l, url, where, snippet);
    while (l->n > k) {
        size_t max = sa__evidence_max(l);
        struct sa_evidence *e = &l->items[max];
        sa__free(e->url);
        sa__free(e->where);
        sa__free(e->snippet);
        /* keep the survivors in the order offered */
        memmove(e, e + 1, (l->n - max - 1) * sizeof *e);
        l->n--;
    }
    return rc;
}
