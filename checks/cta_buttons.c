/* cta_buttons: does every product page have a real call to action (Buy, Add to cart, Order)?
 * Only a button, a submit control or a link styled as one counts: the same words in running
 * text are not a control, and "Leave a request" / "Ask for the price" are the marks of a shop
 * without a cart, not buy buttons (RETENTION_CRITERIA.md, matching pitfalls). */
#include <stdio.h>

#include "check_util.h"

struct state {
    size_t products, with_cta;
    struct sa_evidence_list good, bad;
};

static void observe(void *vs, const struct sa_page *p)
{
    struct state *st = vs;
    if (p->kind != SA_KIND_PRODUCT) return;
    st->products++;
    const struct sa_button *b = sa__buy_button(p);
    if (b) {
        st->with_cta++;
        sa_evidence_add(&st->good, p->url, b->where, b->text);
        return;
    }
    const char *where = "main";
    const char *req = sa__request_quote_label(p, &where);
    char msg[200];
    if (req)
        snprintf(msg, sizeof msg, "no buy button, only a request: \"%.120s\"", req);
    else
        snprintf(msg, sizeof msg, "no buy, add-to-cart or order button on this product page");
    sa_evidence_add(&st->bad, p->url, req ? where : "main", msg);
}

static void finish(void *vs, const struct sa_site *site, struct sa_verdict *out)
{
    struct state *st = vs;
    size_t n = st->products;
    if (n == 0) {
        sa_verdict_set(out, SA_STATUS_NOT_APPLICABLE, 0,
                       "No product page was found among the %zu pages audited.", site->pages);
        sa_verdict_recommend(out, "%s", "");
        sa_evidence_add(&out->evidence, site->start_url, "site",
                        "no page was recognised as a product page");
    } else if (st->with_cta == n) {
        sa_verdict_set(out, SA_STATUS_PASS, 1, "All %zu product pages have a buy button.", n);
        sa_verdict_recommend(out, "%s", "");
    } else if (st->with_cta > 0) {
        sa_verdict_set(out, SA_STATUS_PARTIAL, (double)st->with_cta / (double)n,
                       "%zu of %zu product pages lack a buy button.", n - st->with_cta, n);
    } else {
        sa_verdict_set(out, SA_STATUS_FAIL, 0, "None of the %zu product pages has a buy button.",
                       n);
    }
    if (out->status == SA_STATUS_PARTIAL || out->status == SA_STATUS_FAIL)
        sa_verdict_recommend(out, "Give every product page one clear, visible \"Add to cart\" or "
                                  "\"Buy\" button near the price. A request form instead of a "
                                  "cart makes a shop look like a price list; ease of ordering "
                                  "sends 24%% of shoppers to a competitor.");
    sa_evidence_move(&out->evidence, &st->bad);
    sa_evidence_move(&out->evidence, &st->good);
}

const struct sa_check sa_check_cta_buttons = {
    .id = "cta_buttons",
    .title = "Buy buttons on product pages",
    .category = "buying",
    /* RETENTION_CRITERIA.md: ease of ordering, 24% of shoppers; a product page without a buy
     * control loses the sale outright, so it weighs as much as the cart. */
    .weight = 0.20,
    .state_size = sizeof(struct state),
    .observe = observe,
    .finish = finish,
};
