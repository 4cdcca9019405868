/* prices_visible: do product pages and listings show a firm price with its currency? "No price
 * shown" is one of the assessors' catalogue findings, and high price is the first reason
 * shoppers choose a competitor (80%, RETENTION_CRITERIA.md): a hidden price is read as a high
 * one. A price counts in the page's main text (PRICE: "3 490 руб.", "1.299,00 €", "฿350") or
 * as a schema.org Offer with price and priceCurrency; "price on request" (PRICE_ON_REQUEST) and
 * a floor ("от 8 900", "from $49": PRICE_FROM) are not firm prices, and neither is an amount
 * next to a delivery word, which is a delivery cost or a free-delivery threshold. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "check_util.h"

/* What a page shows, best last. */
enum pstate { P_NONE, P_REQUEST, P_FROM, P_FIRM, P_LAST };

/* "от 8 900 до 12 000 руб.", "Price from: $49": a floor or request phrase ending this close
 * (bytes) before an amount qualifies it. */
#define QUALIFY_GAP 16

struct state {
    size_t pages, n, count[P_LAST];
    struct sa_evidence_list ev[P_LAST];
};

/* 1 when a match of c in the block's text ends within QUALIFY_GAP bytes before [off, off+len)
 * (block-relative) or overlaps it. */
static int qualified(const struct sa_page *p, enum sa_concept c, const char *bt, size_t bn,
                     size_t off, size_t len)
{
    size_t at = 0;
    struct sa_match m;
    while (at < bn && sa_lexicon_find_from(p->lex, c, bt, bn, at, &m) == 1) {
        at = m.off + (m.len ? m.len : 1);
        size_t end = m.off + m.len;
        if (m.off < off + len && end + QUALIFY_GAP >= off) return 1;
        if (m.off >= off + len) break;
    }
    return 0;
}

/* A block that speaks of delivery is about delivery: its amounts are costs and thresholds,
 * not a price: "Бесплатная доставка от 5 000 ₽",
 * "Անվճար առաքում 20 000 ֏-ից". */
static int about_delivery(const struct sa_page *p, const struct sa_block *b)
{
    const char *bt = p->text[b->region].ptr + b->off;
    return sa_lexicon_match(p->lex, SA_CONCEPT_DELIVERY, bt, b->len) > 0 ||
           sa_lexicon_match(p->lex, SA_CONCEPT_FREE_DELIVERY, bt, b->len) > 0;
}

/* The first match of c in the main text outside delivery blocks; for PRICE, only a firm one:
 * not qualified by "from" or "on request". */
static int find_main(const struct sa_page *p, enum sa_concept c, struct sa_hit *h)
{
    const struct sa_str *t = &p->text[SA_REGION_MAIN];
    size_t at = 0;
    struct sa_match m;
    while (at < t->len && sa_lexicon_find_from(p->lex, c, t->ptr, t->len, at, &m) == 1) {
        at = m.off + (m.len ? m.len : 1);
        const struct sa_block *b = sa_page_block_at(p, SA_REGION_MAIN, m.off);
        if (!b || about_delivery(p, b)) continue;
        const char *bt = t->ptr + b->off;
        size_t o = m.off - b->off;
        if (c == SA_CONCEPT_PRICE &&
            (qualified(p, SA_CONCEPT_PRICE_FROM, bt, b->len, o, m.len) ||
             qualified(p, SA_CONCEPT_PRICE_ON_REQUEST, bt, b->len, o, m.len)))
            continue;
        *h = (struct sa_hit){SA_REGION_MAIN, b, m.off, m.len, m.lang};
        return 1;
    }
    return 0;
}

/* A schema.org amount: a number above zero (shops write 0 for "price on request"). */
static int amount(const cJSON *v, char *buf, size_t n)
{
    if (cJSON_IsNumber(v) && v->valuedouble > 0) {
        snprintf(buf, n, "%g", v->valuedouble);
        return 1;
    }
    if (!cJSON_IsString(v) || !v->valuestring) return 0;
    char *end;
    double d = strtod(v->valuestring, &end);
    if (end == v->valuestring || d <= 0) return 0;
    snprintf(buf, n, "%.40s", v->valuestring);
    return 1;
}

/* The state an Offer-like object gives: firm for price + priceCurrency (directly or in a
 * priceSpecification), a floor for an AggregateOffer's lowPrice; writes "749.00 EUR". */
static enum pstate offer_state(const cJSON *o, char *buf, size_t n)
{
    if (cJSON_IsArray(o)) {
        enum pstate best = P_NONE;
        const cJSON *e;
        char tmp[96];
        cJSON_ArrayForEach(e, o)
        {
            enum pstate s = offer_state(e, tmp, sizeof tmp);
            if (s > best) {
                best = s;
                snprintf(buf, n, "%s", tmp);
            }
        }
        return best;
    }
    if (!cJSON_IsObject(o)) return P_NONE;
    const cJSON *cur = cJSON_GetObjectItemCaseSensitive(o, "priceCurrency");
    const char *c = cJSON_IsString(cur) && cur->valuestring ? cur->valuestring : "";
    char a[48];
    if (*c && amount(cJSON_GetObjectItemCaseSensitive(o, "price"), a, sizeof a)) {
        snprintf(buf, n, "price %s %.8s", a, c);
        return P_FIRM;
    }
    const cJSON *spec = cJSON_GetObjectItemCaseSensitive(o, "priceSpecification");
    if (spec) {
        enum pstate s = offer_state(spec, buf, n);
        if (s != P_NONE) return s;
    }
    if (*c && amount(cJSON_GetObjectItemCaseSensitive(o, "lowPrice"), a, sizeof a)) {
        snprintf(buf, n, "lowPrice %s %.8s", a, c);
        return P_FROM;
    }
    return offer_state(cJSON_GetObjectItemCaseSensitive(o, "offers"), buf, n);
}

/* The best price in the page's schema.org items: Product.offers, or Offer items themselves. */
static enum pstate schema_price(const struct sa_page *p, const char **where, char *buf, size_t n)
{
    enum pstate best = P_NONE;
    char tmp[96];
    for (size_t i = 0; i < p->nitems && best != P_FIRM; i++) {
        const struct sa_item *it = &p->items[i];
        int offer = strcmp(it->type, "Offer") == 0 || strcmp(it->type, "AggregateOffer") == 0;
        enum pstate s = offer ? offer_state(it->json, tmp, sizeof tmp)
                              : offer_state(cJSON_GetObjectItemCaseSensitive(it->json, "offers"),
                                            tmp, sizeof tmp);
        if (s > best) {
            best = s;
            *where = strcmp(it->source, "json-ld") == 0 ? "json-ld" : "microdata";
            snprintf(buf, n, "%s: %s", it->type, tmp);
        }
    }
    return best;
}

static void add_hit(struct sa_evidence_list *l, const struct sa_page *p, const struct sa_hit *h)
{
    sa_evidence_add_hit(l, p->url, h->block ? h->block->where : "main", p->text[h->region].ptr,
                        p->text[h->region].len, h->off, h->len);
}

static void observe(void *vs, const struct sa_page *p)
{
    struct state *st = vs;
    st->pages++;
    if (p->kind != SA_KIND_PRODUCT && p->kind != SA_KIND_CATEGORY) return;
    st->n++;
    struct sa_hit h;
    if (find_main(p, SA_CONCEPT_PRICE, &h)) {
        st->count[P_FIRM]++;
        add_hit(&st->ev[P_FIRM], p, &h);
        return;
    }
    /* What the buyer reads wins over markup they never see: a visible "from" or "on request"
     * is what the page says, whatever its JSON-LD carries. */
    if (find_main(p, SA_CONCEPT_PRICE_FROM, &h)) {
        st->count[P_FROM]++;
        add_hit(&st->ev[P_FROM], p, &h);
        return;
    }
    if (find_main(p, SA_CONCEPT_PRICE_ON_REQUEST, &h)) {
        st->count[P_REQUEST]++;
        add_hit(&st->ev[P_REQUEST], p, &h);
        return;
    }
    const char *where = "json-ld";
    char buf[160];
    enum pstate s = schema_price(p, &where, buf, sizeof buf);
    st->count[s]++;
    if (s != P_NONE) {
        sa_evidence_add(&st->ev[s], p->url, where, buf);
    } else {
        char msg[120];
        snprintf(msg, sizeof msg, "no price with a currency on this %s page",
                 p->kind == SA_KIND_PRODUCT ? "product" : "listing");
        sa_evidence_add(&st->ev[P_NONE], p->url, "main", msg);
    }
}

static void finish(void *vs, const struct sa_site *site, struct sa_verdict *out)
{
    struct state *st = vs;
    size_t n = st->n, firm = st->count[P_FIRM], from = st->count[P_FROM];
    size_t req = st->count[P_REQUEST], none = st->count[P_NONE];
    if (n == 0) {
        sa_verdict_set(out, SA_STATUS_NOT_APPLICABLE, 0,
                       "No product page or listing was found among the %zu page(s) audited, so "
                       "there were no prices to look for.",
                       st->pages);
        sa_verdict_recommend(out, "%s", "");
        sa_evidence_add(&out->evidence, site->start_url, "site",
                        "no page was recognised as a product or listing page");
        return;
    }
    if (firm == n) {
        sa_verdict_set(out, SA_STATUS_PASS, 1,
                       "All %zu product and listing pages show a price with its currency.", n);
        sa_verdict_recommend(out, "%s", "");
    } else {
        if (firm + from > 0) {
            double score = ((double)firm + 0.5 * (double)from) / (double)n;
            if (score > 0.9) score = 0.9;
            if (score < 0.1) score = 0.1;
            sa_verdict_set(out, SA_STATUS_PARTIAL, score,
                           "Only %zu of %zu product and listing pages show a firm price (%zu "
                           "show a \"from\" price, %zu \"price on request\", %zu no price).",
                           firm, n, from, req, none);
        } else {
            sa_verdict_set(out, SA_STATUS_FAIL, 0,
                           "None of the %zu product and listing pages shows a price (%zu say "
                           "\"price on request\", %zu show none).",
                           n, req, none);
        }
        sa_verdict_recommend(out, "Show the price with its currency on every product page and "
                                  "in every listing, next to the buy button, and replace \"price "
                                  "on request\" and \"from\" prices with the price of the item "
                                  "shown: by industry figures 80%% of shoppers choose a "
                                  "competitor over price, and a hidden price is read as a high "
                                  "one.");
    }
    /* the pages to fix first, worst first; then the prices found */
    for (int k = 0; k < P_LAST; k++) sa_evidence_move(&out->evidence, &st->ev[k]);
}

const struct sa_check sa_check_prices_visible = {
    .id = "prices_visible",
    .title = "Prices shown on products and listings",
    .category = "buying",
    /* RETENTION_CRITERIA.md: high price is the first reason to choose a competitor (80%), and
     * "no price shown" is an assessors' finding; the cart and buy buttons come first in the
     * buying stage, so 0.15. */
    .weight = 0.15,
    .state_size = sizeof(struct state),
    .observe = observe,
    .finish = finish,
};
