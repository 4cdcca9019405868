/* payment_info: does the buyer see how they can pay (cards, PayPal, cash on delivery,
 * instalments...) at the moment of deciding, on the product page or in the cart/checkout, rather
 * than in a separate "Payment" section (RETENTION_CRITERIA.md, stage 2)? A named method is a
 * fact; the word "payment" alone is not. Card logos count by their alt text, since that is how
 * most shops show them. Only text that states terms counts: a button's label is an action ("Pay
 * now"), a menu link names a page (and href="#" names none), and menus are not terms. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check_util.h"

/* Distinct methods remembered for the summary and the score; three already make a choice. */
#define MAX_METHODS 3
#define METHOD_MAX  48

struct state {
    size_t pages, selling, decide, decide_with, products, products_with, carts_with;
    char methods[MAX_METHODS][METHOD_MAX]; /* as first written on a page */
    char keys[MAX_METHODS][METHOD_MAX];    /* case-folded, to tell them apart */
    unsigned seen[MAX_METHODS];            /* 1: seen elsewhere, 2: where the buyer decides */
    size_t nmethods;
    int vague; /* payment mentioned in running text, no method named */
    struct sa_evidence_list found, elsewhere, missing, vague_ev, dead;
};

struct hit {
    const char *url, *where, *text; /* text: the region's text, or an image's alt */
    size_t textlen, off, len;
};

/* Case folding for telling "VISA" from "Visa" apart as one method: Latin, Cyrillic, Greek
 * (accents dropped, final sigma folded, as the lexicon does) and Armenian; Thai has no case. */
static uint32_t fold_cp(uint32_t c)
{
    /* Ά · Έ Ή Ί - Ό - Ύ Ώ (U+0386..U+038F) to their bare small letters */
    static const uint16_t greek_acc[10] = {0x03B1, 0,      0x03B5, 0x03B7, 0x03B9,
                                           0,      0x03BF, 0,      0x03C5, 0x03C9};
    if (c >= 'A' && c <= 'Z') return c + 32;
    if (c >= 0x0410 && c <= 0x042F) return c + 32;
    if (c >= 0x0400 && c <= 0x040F) return c + 80;
    if (c >= 0x0386 && c <= 0x038F && greek_acc[c - 0x0386]) return greek_acc[c - 0x0386];
    if (c >= 0x0391 && c <= 0x03A9) return c + 32;
    if (c == 0x03AC) return 0x03B1;
    if (c >= 0x03AD && c <= 0x03AF) return c == 0x03AD ? 0x03B5 : c == 0x03AE ? 0x03B7 : 0x03B9;
    if (c >= 0x03CC && c <= 0x03CE) return c == 0x03CC ? 0x03BF : c == 0x03CD ? 0x03C5 : 0x03C9;
    if (c == 0x03C2) return 0x03C3;
    if (c >= 0x0531 && c <= 0x0556) return c + 48;
    return c;
}

/* Bytes of s[0..max) that end on a character boundary. */
static size_t char_floor(const char *s, size_t max)
{
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80) max--;
    return max;
}

static void fold(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        const unsigned char *u = (const unsigned char *)s + i;
        uint32_t c = u[0];
        size_t k = 1;
        if (c >= 0xC0 && c < 0xE0 && i + 1 < n) {
            c = ((c & 0x1Fu) << 6) | (u[1] & 0x3Fu);
            k = 2;
        } else if (c >= 0xE0) { /* three and four-byte characters have no case we fold */
            k = c >= 0xF0 ? 4 : 3;
            if (i + k > n) k = n - i;
            if (o + k >= cap) break;
            memcpy(out + o, u, k);
            o += k;
            i += k;
            continue;
        }
        c = fold_cp(c);
        if (c < 0x80) {
            if (o + 1 >= cap) break;
            out[o++] = (char)c;
        } else {
            if (o + 2 >= cap) break;
            out[o++] = (char)(0xC0 | (c >> 6));
            out[o++] = (char)(0x80 | (c & 0x3F));
        }
        i += k;
    }
    out[o] = '\0';
}

/* Which of two spellings of one method the summary shows, whatever order pages came in: the
 * one with fewer capitals ("Visa" over the "VISA" of a logo's alt), then the smaller. */
static int spelling_before(const char *a, const char *b)
{
    size_t ua = 0, ub = 0;
    for (const char *p = a; *p; p++) ua += *p >= 'A' && *p <= 'Z';
    for (const char *p = b; *p; p++) ub += *p >= 'A' && *p <= 'Z';
    return ua != ub ? ua < ub : strcmp(a, b) < 0;
}

/* Records a method name seen where the buyer decides (d) or elsewhere. Pages arrive in an order
 * that depends on timing, so what is kept must not: a full table keeps the MAX_METHODS smallest
 * keys (a key that makes the final set is never evicted, so its places are all recorded), and
 * each method is written in the spelling spelling_before prefers. */
static void remember(struct state *st, const char *s, size_t n, int d)
{
    char key[METHOD_MAX], name[METHOD_MAX];
    fold(s, n, key, sizeof key);
    if (n >= METHOD_MAX) n = char_floor(s, METHOD_MAX - 1);
    memcpy(name, s, n);
    name[n] = '\0';
    unsigned bit = d ? 2u : 1u;
    for (size_t i = 0; i < st->nmethods; i++)
        if (strcmp(st->keys[i], key) == 0) {
            if (spelling_before(name, st->methods[i])) memcpy(st->methods[i], name, n + 1);
            st->seen[i] |= bit;
            return;
        }
    size_t slot = st->nmethods;
    if (slot == MAX_METHODS) {
        size_t max = 0;
        for (size_t i = 1; i < st->nmethods; i++)
            if (strcmp(st->keys[i], st->keys[max]) > 0) max = i;
        if (strcmp(key, st->keys[max]) >= 0) return;
        slot = max;
    } else {
        st->nmethods++;
    }
    memcpy(st->keys[slot], key, strlen(key) + 1);
    memcpy(st->methods[slot], name, n + 1);
    st->seen[slot] = bit;
}

/* Every payment method the page names in its terms text or in an image's alt (card logos),
 * each offered as evidence. Returns the count of methods named here. */
static int scan_methods(struct state *st, const struct sa_page *p, int d)
{
    struct sa_evidence_list *ev = d ? &st->found : &st->elsewhere;
    int named = 0;
    for (int r = 0; r < SA_REGION_LAST; r++) {
        if (r == SA_REGION_NAV) continue;
        const struct sa_str *t = &p->text[r];
        size_t at = 0;
        struct sa_match m;
        while (at < t->len && sa_lexicon_find_from(p->lex, SA_CONCEPT_PAYMENT_METHOD, t->ptr,
                                                   t->len, at, &m) == 1) {
            at = m.off + (m.len ? m.len : 1);
            const struct sa_block *b = sa_page_block_at(p, (enum sa_region)r, m.off);
            if (!sa__terms_block(p, b, 1)) continue;
            named++;
            /* every sighting is offered: the evidence list keeps the same smallest ones
             * whatever order the pages came in, where "first sighting" would not */
            remember(st, t->ptr + m.off, m.len, d);
            sa_evidence_add_hit(ev, p->url, b->where, t->ptr, t->len, m.off, m.len);
        }
    }
    for (size_t i = 0; i < p->nimages; i++) {
        const struct sa_image *im = &p->images[i];
        struct sa_match m;
        if (im->region == SA_REGION_NAV || !im->alt || !*im->alt) continue;
        if (sa_lexicon_find(p->lex, SA_CONCEPT_PAYMENT_METHOD, im->alt, strlen(im->alt), &m) != 1)
            continue;
        named++;
        remember(st, im->alt + m.off, m.len, d);
        char msg[160];
        snprintf(msg, sizeof msg, "image: %.120s", im->alt);
        sa_evidence_add(ev, p->url, im->where, msg);
    }
    return named;
}

static void observe(void *vs, const struct sa_page *p)
{
    struct state *st = vs;
    st->pages++;
    if (sa__page_sells(p)) st->selling++;
    int d = sa__decision_page(p);
    int named = scan_methods(st, p, d);
    if (d) {
        st->decide++;
        st->products += p->kind == SA_KIND_PRODUCT;
        if (named) {
            st->decide_with++;
            st->products_with += p->kind == SA_KIND_PRODUCT;
            st->carts_with += p->kind != SA_KIND_PRODUCT;
        } else {
            char msg[120];
            snprintf(msg, sizeof msg, "no payment method named on this %s page",
                     sa_kind_name(p->kind));
            sa_evidence_add(&st->missing, p->url, "page", msg);
        }
    }
    if (!named) {
        /* one vague mention per page, from every page without a method: order-free */
        int here = 0;
        for (int r = 0; r < SA_REGION_LAST && !here; r++) {
            const struct sa_str *t = &p->text[r];
            size_t at = 0;
            struct sa_match m;
            while (r != SA_REGION_NAV && at < t->len &&
                   sa_lexicon_find_from(p->lex, SA_CONCEPT_PAYMENT, t->ptr, t->len, at, &m) == 1) {
                at = m.off + (m.len ? m.len : 1);
                const struct sa_block *b = sa_page_block_at(p, (enum sa_region)r, m.off);
                if (!sa__terms_block(p, b, 0)) continue;
                st->vague = here = 1;
                sa_evidence_add_hit(&st->vague_ev, p->url, b->where, t->ptr, t->len, m.off, m.len);
                break;
            }
        }
    }
    /* A "Payment" menu entry that leads nowhere looks like information and is none. */
    for (size_t i = 0; i < p->nlinks; i++) {
        const struct sa_link *l = &p->links[i];
        if ((l->flags & SA_LINK_DEAD) && sa__link_is(p, l, SA_CONCEPT_PAYMENT)) {
            char msg[200];
            snprintf(msg, sizeof msg, "link \"%.80s\" leads nowhere (href=\"%.40s\")", l->text,
                     l->href);
            sa__evidence_keep(&st->dead, 1, p->url, l->where, msg);
        }
    }
}

static void finish(void *vs, const struct sa_site *site, struct sa_verdict *out)
{
    struct state *st = vs;
    double reach = st->decide ? (double)st->decide_with / (double)st->decide : 0;
    int pass =
        st->carts_with > 0 || (st->products > 0 && st->products_with * 10 >= st->products * 9);
    /* Listed in key order, not in the order pages happened to arrive in. */
    for (size_t i = 1; i < st->nmethods; i++)
        for (size_t j = i; j > 0 && strcmp(st->keys[j], st->keys[j - 1]) < 0; j--) {
            char tm[METHOD_MAX], tk[METHOD_MAX];
            unsigned ts = st->seen[j];
            memcpy(tm, st->methods[j], METHOD_MAX);
            memcpy(tk, st->keys[j], METHOD_MAX);
            memcpy(st->methods[j], st->methods[j - 1], METHOD_MAX);
            memcpy(st->keys[j], st->keys[j - 1], METHOD_MAX);
            st->seen[j] = st->seen[j - 1];
            memcpy(st->methods[j - 1], tm, METHOD_MAX);
            memcpy(st->keys[j - 1], tk, METHOD_MAX);
            st->seen[j - 1] = ts;
        }
    /* the methods named, or on a pass those named where the buyer decides */
    char have[MAX_METHODS * (METHOD_MAX + 4)] = "";
    for (size_t i = 0; i < st->nmethods; i++)
        if (!pass || (st->seen[i] & 2u))
            snprintf(have + strlen(have), sizeof have - strlen(have), "%s\"%s\"",
                     have[0] ? ", " : "", st->methods[i]);

    if (!st->nmethods && !st->vague && st->selling == 0) {
        sa_verdict_set(out, SA_STATUS_NOT_APPLICABLE, 0,
                       "No goods and no payment terms were found on the %zu page(s) audited, so "
                       "there is no payment to describe.",
                       st->pages);
    } else if (pass) {
        sa_verdict_set(out, SA_STATUS_PASS, 1,
                       "Payment methods (%s) are shown where buyers decide, on %zu of %zu "
                       "product, cart and checkout pages.",
                       have, st->decide_with, st->decide);
    } else if (st->nmethods || st->vague) {
        double score = 0.1 + 0.4 * (double)st->nmethods / MAX_METHODS + 0.4 * reach;
        if (score > 0.9) score = 0.9;
        if (st->decide_with)
            sa_verdict_set(out, SA_STATUS_PARTIAL, score,
                           "Payment methods (%s) are shown on only %zu of %zu product, cart and "
                           "checkout pages.",
                           have, st->decide_with, st->decide);
        else if (st->nmethods)
            sa_verdict_set(out, SA_STATUS_PARTIAL, score,
                           "Payment methods (%s) are named only on a separate page, not on the "
                           "product, cart or checkout pages.",
                           have);
        else
            sa_verdict_set(out, SA_STATUS_PARTIAL, score,
                           "Payment is mentioned, but no payment method is named.");
    } else {
        sa_verdict_set(out, SA_STATUS_FAIL, 0,
                       "No payment method is named on the %zu page(s) audited.", st->pages);
    }

    if (out->status == SA_STATUS_PASS || out->status == SA_STATUS_NOT_APPLICABLE)
        sa_verdict_recommend(out, "%s", "");
    else
        sa_verdict_recommend(out, "Show the accepted payment methods (card logos, cash on "
                                  "delivery, instalments, bank transfer) on every product page "
                                  "and in the cart, next to the buy button, not only in a "
                                  "separate section: a buyer who cannot see how to pay leaves "
                                  "before checkout, and ease of ordering sends 24%% of shoppers "
                                  "to a competitor (industry figures).");
    if (out->status == SA_STATUS_PASS) {
        sa_evidence_move(&out->evidence, &st->found);
        sa_evidence_move(&out->evidence, &st->missing);
    } else {
        sa_evidence_move(&out->evidence, &st->missing);
        sa_evidence_move(&out->evidence, &st->found);
        sa_evidence_move(&out->evidence, &st->elsewhere);
        if (!st->nmethods) sa_evidence_move(&out->evidence, &st->vague_ev);
        sa_evidence_move(&out->evidence, &st->dead);
    }
    sa_evidence_release(&st->found);
    sa_evidence_release(&st->elsewhere);
    sa_evidence_release(&st->missing);
    sa_evidence_release(&st->vague_ev);
    sa_evidence_release(&st->dead);
    if (out->evidence.n == 0)
        sa_evidence_add(&out->evidence, site->start_url, "site",
                        out->status == SA_STATUS_NOT_APPLICABLE
                            ? "no product, cart or checkout page and no goods found"
                            : "no payment method named on any page");
}

const struct sa_check sa_check_payment_info = {
    .id = "payment_info",
    .title = "Payment methods where the buyer decides",
    .category = "buying",
    /* RETENTION_CRITERIA.md stage 2 asks for delivery and payment information where the buyer
     * decides; payment has no survey figure of its own (delivery has three: 54%, 49%, 45%), and
     * it feeds ease of ordering (24%), so it weighs half of delivery_info. */
    .weight = 0.10,
    .state_size = sizeof(struct state),
    .observe = observe,
    .finish = finish,
};
