/* cart_visible: can a buyer reach the cart from the header of every page that sells?
 * About 17% of online shops show no sign of "shopping" at all, and some are pseudo-shops where
 * a visitor can only leave a request (RETENTION_CRITERIA.md, stage 2). Cart and checkout pages
 * themselves are not counted: a focused checkout may rightly hide the header. */
#include <stdio.h>
#include <string.h>

#include "check_util.h"

struct state {
    size_t pages, in_header, elsewhere, selling;
    struct sa_evidence_list good, bad, sells;
};

/* The cart control on the page: a link or button naming the cart, but not an "Add to cart"
 * control, which names the cart too. The header/navigation one is preferred. */
static int find_cart(const struct sa_page *p, const char **where, const char **label,
                     enum sa_region *region)
{
    int found = 0;
    for (size_t i = 0; i < p->nlinks; i++) {
        const struct sa_link *l = &p->links[i];
        if (!sa__link_is(p, l, SA_CONCEPT_CART) || sa__link_is(p, l, SA_CONCEPT_BUY)) continue;
        int top = l->region == SA_REGION_HEADER || l->region == SA_REGION_NAV;
        if (!found || top) {
            *where = l->where;
            *label = l->text && *l->text ? l->text : l->href;
            *region = l->region;
            found = 1;
        }
        if (top) return 1;
    }
    for (size_t i = 0; i < p->nbuttons; i++) {
        const struct sa_button *b = &p->buttons[i];
        if (!sa__button_is(p, b, SA_CONCEPT_CART) || sa__button_is(p, b, SA_CONCEPT_BUY)) continue;
        int top = b->region == SA_REGION_HEADER || b->region == SA_REGION_NAV;
        if (!found || top) {
            *where = b->where;
            *label = b->text;
            *region = b->region;
            found = 1;
        }
        if (top) return 1;
    }
    return found;
}

static void observe(void *vs, const struct sa_page *p)
{
    struct state *st = vs;
    if (sa__page_sells(p)) {
        st->selling++;
        const char *w = NULL, *label = sa__request_quote_label(p, &w);
        const struct sa_button *b = sa__buy_button(p);
        if (b)
            sa_evidence_add(&st->sells, p->url, b->where, b->text);
        else if (label)
            sa_evidence_add(&st->sells, p->url, w, label);
        else
            sa_evidence_add(&st->sells, p->url, "page", sa_kind_name(p->kind));
    }
    if (p->kind == SA_KIND_CART || p->kind == SA_KIND_CHECKOUT) return;
    st->pages++;
    const char *where = NULL, *label = NULL;
    enum sa_region region = SA_REGION_MAIN;
    if (!find_cart(p, &where, &label, &region)) {
        sa_evidence_add(&st->bad, p->url, "header", "no cart link or button on this page");
    } else if (region == SA_REGION_HEADER || region == SA_REGION_NAV) {
        st->in_header++;
        sa_evidence_add(&st->good, p->url, where, label);
    } else {
        st->elsewhere++;
        char msg[200];
        snprintf(msg, sizeof msg, "cart only in the %s, not in the header: %.120s",
                 region == SA_REGION_FOOTER ? "footer" : "page body", label ? label : "");
        sa_evidence_add(&st->bad, p->url, where, msg);
    }
}

static void finish(void *vs, const struct sa_site *site, struct sa_verdict *out)
{
    struct state *st = vs;
    (void)site;
    size_t n = st->pages;
    if (n == 0 || (st->in_header + st->elsewhere == 0 && st->selling == 0)) {
        sa_verdict_set(out, SA_STATUS_NOT_APPLICABLE, 0,
                       "No goods and no cart were found on the %zu page(s) audited.", n);
        sa_verdict_recommend(out, "%s", "");
        sa_evidence_move(&out->evidence, &st->bad);
    } else if (st->in_header * 10 >= n * 9) {
        sa_verdict_set(out, SA_STATUS_PASS, 1, "The cart is in the header of %zu of %zu pages.",
                       st->in_header, n);
        sa_verdict_recommend(out, "%s", "");
        sa_evidence_move(&out->evidence, &st->good);
        sa_evidence_move(&out->evidence, &st->bad);
    } else if (st->in_header + st->elsewhere > 0) {
        /* half credit for a cart a buyer has to scroll to */
        double score = ((double)st->in_header + 0.5 * (double)st->elsewhere) / (double)n;
        if (score > 0.9) score = 0.9;
        if (score < 0.1) score = 0.1;
        sa_verdict_set(out, SA_STATUS_PARTIAL, score,
                       "The cart is in the header of only %zu of %zu pages (%zu more show it "
                       "lower down).",
                       st->in_header, n, st->elsewhere);
        sa_verdict_recommend(out, "Put a cart link with its item count in the header of every "
                                  "page, next to the search and account links, so a buyer can "
                                  "always see what they picked and get to checkout in one click.");
        sa_evidence_move(&out->evidence, &st->bad);
        sa_evidence_move(&out->evidence, &st->good);
    } else {
        sa_verdict_set(out, SA_STATUS_FAIL, 0,
                       "The site shows goods on %zu page(s) but has no cart anywhere.",
                       st->selling);
        sa_verdict_recommend(out, "Add a real cart: an \"Add to cart\" control on every product "
                                  "and a cart link in the header. About 17%% of online shops "
                                  "show no sign of shopping at all, and visitors leave them.");
        sa_evidence_move(&out->evidence, &st->sells);
        sa_evidence_move(&out->evidence, &st->bad);
    }
    sa_evidence_release(&st->good);
    sa_evidence_release(&st->bad);
    sa_evidence_release(&st->sells);
}

const struct sa_check sa_check_cart_visible = {
    .id = "cart_visible",
    .title = "Cart visible on every page",
    .category = "buying",
    /* RETENTION_CRITERIA.md: ease of ordering sends 24% of shoppers to a competitor, and 17%
     * of shops show no sign of shopping; one of six buying checks, shared equally with CTA. */
    .weight = 0.20,
    .state_size = sizeof(struct state),
    .observe = observe,
    .finish = finish,
};
