/* delivery_info: does the buyer learn how fast, for how much and where they get the goods at the
 * moment of deciding, on the product page or in the cart/checkout, rather than in a separate
 * "Delivery" section? Three facts count, each behind a survey figure of RETENTION_CRITERIA.md:
 * delivery times (54% of shoppers pick a competitor over delivery speed), costs and free-delivery
 * thresholds (49% over free delivery) and pickup points (45%). Only text that states terms
 * counts: a button's label is an action (Greek "Αποστολή" is also the Send button of every
 * contact form), a menu link names a page (and href="#" names none), and menus are not terms. */
#include <stdio.h>
#include <string.h>

#include "check_util.h"

enum { TIME, COST, PICKUP, NFACT };
static const char *const fact_name[NFACT] = {"times", "costs", "pickup points"};
/* Shares of shoppers who choose a competitor over each (RETENTION_CRITERIA.md). */
static const double fact_weight[NFACT] = {54, 49, 45};

/* A DELIVERY word and a price this close in one block (bytes: ~40 Thai or ~60 Cyrillic
 * characters) read as a delivery cost: "Shipping: $4.99",
 * "Доставка курьером — 350 ₽". */
#define COST_GAP 120

struct state {
    size_t pages, selling, decide, decide_with, products, products_with, carts_with;
    int seen[2][NFACT]; /* [where the buyer decides?][fact] */
    /* the sighting of each fact on the smallest URL, so arrival order does not pick it */
    struct sa_evidence_list fact_ev[2][NFACT];
    int vague; /* delivery mentioned in running text, no fact stated */
    struct sa_evidence_list found, elsewhere, missing, vague_ev, dead;
};

struct fact {
    int found;
    const struct sa_block *block;
    enum sa_region region;
    size_t off, len;
};

/* Next match of c at or after *at in region r that sits in a terms block; advances *at. */
static int next_term(const struct sa_page *p, enum sa_concept c, enum sa_region r, int facts,
                     size_t *at, struct fact *f)
{
    const struct sa_str *t = &p->text[r];
    struct sa_match m;
    while (*at < t->len && sa_lexicon_find_from(p->lex, c, t->ptr, t->len, *at, &m) == 1) {
        *at = m.off + (m.len ? m.len : 1);
        const struct sa_block *b = sa_page_block_at(p, r, m.off);
        if (sa__terms_block(p, b, facts)) {
            *f = (struct fact){1, b, r, m.off, m.len};
            return 1;
        }
    }
    return 0;
}

/* First match of c in the page's terms text. Menus (nav) are never terms. */
static int find_term(const struct sa_page *p, enum sa_concept c, int facts, struct fact *f)
{
    for (int r = 0; r < SA_REGION_LAST; r++) {
        size_t at = 0;
        if (r != SA_REGION_NAV && next_term(p, c, (enum sa_region)r, facts, &at, f)) return 1;
    }
    return 0;
}

/* A delivery cost: a free-delivery statement, or a price next to a delivery word in one block. */
static int find_cost(const struct sa_page *p, struct fact *f)
{
    if (find_term(p, SA_CONCEPT_FREE_DELIVERY, 1, f)) return 1;
    for (int r = 0; r < SA_REGION_LAST; r++) {
        if (r == SA_REGION_NAV) continue;
        size_t at = 0;
        struct fact d;
        while (next_term(p, SA_CONCEPT_DELIVERY, (enum sa_region)r, 1, &at, &d)) {
            const char *bt = p->text[r].ptr + d.block->off;
            size_t from = 0;
            struct sa_match m;
            while (from < d.block->len && sa_lexicon_find_from(p->lex, SA_CONCEPT_PRICE, bt,
                                                               d.block->len, from, &m) == 1) {
                from = m.off + (m.len ? m.len : 1);
                size_t po = d.block->off + m.off, pe = po + m.len, de = d.off + d.len;
                size_t gap = po >= de ? po - de : d.off >= pe ? d.off - pe : 0;
                if (gap > COST_GAP) continue;
                size_t s = po < d.off ? po : d.off, e = pe > de ? pe : de;
                *f = (struct fact){1, d.block, (enum sa_region)r, s, e - s};
                return 1;
            }
        }
    }
    return 0;
}

static void add_fact(struct sa_evidence_list *l, const struct sa_page *p, const struct fact *f)
{
    sa_evidence_add_hit(l, p->url, f->block->where, p->text[f->region].ptr, p->text[f->region].len,
                        f->off, f->len);
}

static void observe(void *vs, const struct sa_page *p)
{
    struct state *st = vs;
    st->pages++;
    if (sa__page_sells(p)) st->selling++;
    struct fact f[NFACT] = {{0}};
    find_term(p, SA_CONCEPT_DELIVERY_TIME, 1, &f[TIME]);
    find_cost(p, &f[COST]);
    find_term(p, SA_CONCEPT_PICKUP, 1, &f[PICKUP]);
    int any = f[TIME].found || f[COST].found || f[PICKUP].found;
    int d = sa__decision_page(p);
    for (int k = 0; k < NFACT; k++)
        if (f[k].found && SA__FIRST(st->seen[d][k], &st->fact_ev[d][k], p->url))
            add_fact(&st->fact_ev[d][k], p, &f[k]);
    if (d) {
        st->decide++;
        st->products += p->kind == SA_KIND_PRODUCT;
        if (any) {
            st->decide_with++;
            st->products_with += p->kind == SA_KIND_PRODUCT;
            st->carts_with += p->kind != SA_KIND_PRODUCT;
        } else {
            char msg[120];
            snprintf(msg, sizeof msg, "no delivery time, cost or pickup point on this %s page",
                     sa_kind_name(p->kind));
            sa_evidence_add(&st->missing, p->url, "page", msg);
        }
    }
    struct fact v;
    /* the vague mention quoted is the one on the smallest URL, whatever the arrival order */
    if (!any && sa__earlier(&st->vague_ev, p->url) && find_term(p, SA_CONCEPT_DELIVERY, 0, &v)) {
        st->vague = 1;
        sa_evidence_release(&st->vague_ev);
        add_fact(&st->vague_ev, p, &v);
    }
    /* A "Delivery" menu entry that leads nowhere is worth showing the owner: it looks like
     * information and is none. */
    for (size_t i = 0; i < p->nlinks; i++) {
        const struct sa_link *l = &p->links[i];
        if ((l->flags & SA_LINK_DEAD) && sa__link_is(p, l, SA_CONCEPT_DELIVERY)) {
            char msg[200];
            snprintf(msg, sizeof msg, "link \"%.80s\" leads nowhere (href=\"%.40s\")", l->text,
                     l->href);
            sa__evidence_keep(&st->dead, 1, p->url, l->where, msg);
        }
    }
}

/* "times, costs" for the facts seen in row(s) of seen[]. */
static void list_facts(const struct state *st, int both, char *buf, size_t n)
{
    buf[0] = '\0';
    for (int k = 0; k < NFACT; k++)
        if (st->seen[1][k] || (both && st->seen[0][k]))
            snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", buf[0] ? ", " : "", fact_name[k]);
}

static void finish(void *vs, const struct sa_site *site, struct sa_verdict *out)
{
    struct state *st = vs;
    for (int d = 1; d >= 0; d--)
        for (int k = 0; k < NFACT; k++)
            sa_evidence_move(d ? &st->found : &st->elsewhere, &st->fact_ev[d][k]);
    char have[64];
    list_facts(st, 1, have, sizeof have);
    double kinds = 0, all = 0;
    for (int k = 0; k < NFACT; k++) {
        all += fact_weight[k];
        if (st->seen[0][k] || st->seen[1][k]) kinds += fact_weight[k];
    }
    kinds /= all; /* the share of what shoppers weigh that the shop states */
    double reach = st->decide ? (double)st->decide_with / (double)st->decide : 0;
    int at_decision = st->decide_with > 0, elsewhere = have[0] != '\0' && !at_decision;
    int pass =
        st->carts_with > 0 || (st->products > 0 && st->products_with * 10 >= st->products * 9);

    if (!have[0] && !st->vague && st->selling == 0) {
        sa_verdict_set(out, SA_STATUS_NOT_APPLICABLE, 0,
                       "No goods and no delivery terms were found on the %zu page(s) audited, so "
                       "there is no delivery to describe.",
                       st->pages);
    } else if (pass) {
        list_facts(st, 0, have, sizeof have);
        sa_verdict_set(out, SA_STATUS_PASS, 1,
                       "Delivery terms (%s) are stated where buyers decide, on %zu of %zu "
                       "product, cart and checkout pages.",
                       have, st->decide_with, st->decide);
    } else if (have[0] || st->vague) {
        double score = 0.1 + 0.4 * kinds + 0.4 * reach;
        if (score > 0.9) score = 0.9;
        if (at_decision)
            sa_verdict_set(out, SA_STATUS_PARTIAL, score,
                           "Delivery terms (%s) are stated on only %zu of %zu product, cart and "
                           "checkout pages.",
                           have, st->decide_with, st->decide);
        else if (elsewhere)
            sa_verdict_set(out, SA_STATUS_PARTIAL, score,
                           "Delivery terms (%s) are stated only on a separate page, not on the "
                           "product, cart or checkout pages.",
                           have);
        else
            sa_verdict_set(out, SA_STATUS_PARTIAL, score,
                           "Delivery is mentioned, but no delivery time, cost or pickup point "
                           "is stated.");
    } else {
        sa_verdict_set(out, SA_STATUS_FAIL, 0,
                       "No delivery time, cost or pickup point is stated on the %zu page(s) "
                       "audited.",
                       st->pages);
    }

    if (out->status == SA_STATUS_PASS || out->status == SA_STATUS_NOT_APPLICABLE)
        sa_verdict_recommend(out, "%s", "");
    else
        sa_verdict_recommend(out, "State delivery times, the delivery cost with the free-delivery "
                                  "threshold, and pickup points on every product page and in the "
                                  "cart, next to the buy button, not only in a separate section: "
                                  "by industry figures 54%% of shoppers choose a competitor over "
                                  "delivery speed, 49%% over free delivery and 45%% over pickup "
                                  "points in their city.");
    if (out->status == SA_STATUS_PASS) {
        sa_evidence_move(&out->evidence, &st->found);
        sa_evidence_move(&out->evidence, &st->missing);
    } else {
        sa_evidence_move(&out->evidence, &st->missing);
        sa_evidence_move(&out->evidence, &st->found);
        sa_evidence_move(&out->evidence, &st->elsewhere);
        if (!have[0]) sa_evidence_move(&out->evidence, &st->vague_ev);
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
                            : "no delivery time, cost or pickup point on any page");
}

const struct sa_check sa_check_delivery_info = {
    .id = "delivery_info",
    .title = "Delivery terms where the buyer decides",
    .category = "buying",
    /* RETENTION_CRITERIA.md: delivery sends shoppers to a competitor on three counts, speed
     * (54%), free delivery (49%) and pickup points (45%), the largest figures after price: the
     * heaviest buying check with the cart and the buy buttons. */
    .weight = 0.20,
    .state_size = sizeof(struct state),
    .observe = observe,
    .finish = finish,
};
