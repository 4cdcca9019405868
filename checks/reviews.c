/* reviews: do product pages show reviews from real customers? 33% of shoppers choose a
 * competitor for reviews from real customers (RETENTION_CRITERIA.md, survey figures), and the
 * buyer weighs them where they decide: on the product page. A product page counts when its
 * schema.org markup carries an AggregateRating or Review with a count above zero, when its
 * body says REVIEWS next to a count or a rating ("12 reviews", "Отзывы (5)", "4.7 จาก 15
 * รีวิว"), or when it shows review texts in a review block. Testimonials on the home page or a
 * separate reviews page are worth less: a buyer does not find them beside the product. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "check_util.h"

/* How far from the reviews word a count may stand: "Reviews (12)", "12 customer reviews",
 * "คะแนนเฉลี่ย 4.7 จาก 15 รีวิว". */
#define COUNT_WINDOW 32
/* A review text is at least this long; shorter blocks in a review container are names, dates
 * and "Helpful?" buttons. */
#define MIN_REVIEW_TEXT 40

struct state {
    size_t products, with_reviews, empty, other;
    struct sa_evidence_list good, bad, zero, elsewhere;
};

static const char *block_text(const struct sa_page *p, const struct sa_block *b)
{
    return p->text[b->region].ptr + b->off;
}

/* Evidence for a match in a block: the whole block when it fits a snippet, else the match
 * with some context. */
static void add_block_hit(struct sa_evidence_list *ev, const struct sa_page *p,
                          const struct sa_block *b, size_t off, size_t len)
{
    if (b->len <= SA_SNIPPET_MAX) {
        char snip[SA_SNIPPET_MAX + 1];
        snprintf(snip, sizeof snip, "%.*s", (int)b->len, block_text(p, b));
        sa_evidence_add(ev, p->url, b->where, snip);
    } else {
        sa_evidence_add_hit(ev, p->url, b->where, block_text(p, b), b->len, off, len);
    }
}

/* ---- schema.org ---- */

/* A count given as a JSON number or a numeric string; -1 when absent or not a number. */
static long json_count(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (cJSON_IsNumber(v)) return (long)v->valuedouble;
    if (cJSON_IsString(v) && v->valuestring) {
        const char *s = v->valuestring;
        while (*s == ' ') s++;
        if (*s < '0' || *s > '9') return -1;
        long n = 0;
        for (; *s >= '0' && *s <= '9' && n < 100000000; s++) n = n * 10 + (*s - '0');
        return n;
    }
    return -1;
}

static void json_text(const cJSON *o, const char *key, char *buf, size_t n)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    buf[0] = '\0';
    if (cJSON_IsNumber(v))
        snprintf(buf, n, "%g", v->valuedouble);
    else if (cJSON_IsString(v) && v->valuestring)
        snprintf(buf, n, "%.20s", v->valuestring);
}

/* Reads an AggregateRating object: 1 with reviews (a count above zero, or a rating without a
 * count), 0 when it counts zero reviews; the snippet says what the markup claims. */
static int read_rating(const cJSON *r, char *snip, size_t n)
{
    char value[32], best[32];
    json_text(r, "ratingValue", value, sizeof value);
    json_text(r, "bestRating", best, sizeof best);
    long count = json_count(r, "reviewCount");
    if (count < 0) count = json_count(r, "ratingCount");
    if (count >= 0)
        snprintf(snip, n, "AggregateRating: %s of %s from %ld review(s)", *value ? value : "?",
                 *best ? best : "5", count);
    else
        snprintf(snip, n, "AggregateRating: %s of %s", *value ? value : "?", *best ? best : "5");
    /* a rating of 0 with no count is a widget waiting for its first review */
    return count > 0 || (count < 0 && *value && strcmp(value, "0") != 0);
}

static int is_product_type(const char *t)
{
    return strcmp(t, "Product") == 0 || strcmp(t, "ProductGroup") == 0 ||
           strcmp(t, "IndividualProduct") == 0 || strcmp(t, "ProductModel") == 0;
}

/* Looks for ratings and reviews in the page's schema.org items. Returns 1 (reviews), 0 (a
 * rating that counts zero reviews) or -1 (none), with where and snippet for the evidence. */
static int schema_reviews(const struct sa_page *p, char *where, size_t wn, char *snip, size_t sn)
{
    int result = -1;
    for (size_t i = 0; i < p->nitems; i++) {
        const struct sa_item *it = &p->items[i];
        int ld = strcmp(it->source, "json-ld") == 0;
        const cJSON *rating = NULL, *review = NULL;
        if (strcmp(it->type, "AggregateRating") == 0)
            rating = it->json;
        else if (strcmp(it->type, "Review") == 0)
            review = it->json;
        else if (is_product_type(it->type)) {
            rating = cJSON_GetObjectItemCaseSensitive(it->json, "aggregateRating");
            review = cJSON_GetObjectItemCaseSensitive(it->json, "review");
            if (!review) review = cJSON_GetObjectItemCaseSensitive(it->json, "reviews");
        }
        if (cJSON_IsObject(rating)) {
            int r = read_rating(rating, snip, sn);
            snprintf(where, wn, "%s",
                     ld ? "script[type=application/ld+json]"
                        : (rating == it->json ? "[itemtype=schema.org/AggregateRating]"
                                              : "[itemprop=aggregateRating]"));
            if (r) return 1;
            result = 0;
        }
        int nrev = cJSON_IsArray(review) ? cJSON_GetArraySize(review) : cJSON_IsObject(review);
        if (nrev > 0) {
            snprintf(snip, sn, "Review markup: %d review(s)", nrev);
            snprintf(
                where, wn, "%s",
                ld ? "script[type=application/ld+json]"
                   : (review == it->json ? "[itemtype=schema.org/Review]" : "[itemprop=review]"));
            return 1;
        }
    }
    return result;
}

/* ---- text ---- */

static int dig(char c)
{
    return c >= '0' && c <= '9';
}

/* The numbers within COUNT_WINDOW bytes of s[off..off+len): 1 when one is above zero, 0 when
 * all are zero ("Reviews (0)"), -1 when there is none. Years ("Обзор 2024") are no count. */
static int count_near(const char *s, size_t n, size_t off, size_t len)
{
    size_t a = off > COUNT_WINDOW ? off - COUNT_WINDOW : 0;
    size_t z = off + len + COUNT_WINDOW < n ? off + len + COUNT_WINDOW : n;
    int result = -1;
    for (size_t i = a; i < z; i++) {
        if (!dig(s[i]) || (i > 0 && dig(s[i - 1]))) continue;
        unsigned long v = 0;
        size_t k = i;
        for (; k < n && dig(s[k]); k++)
            if (v < 1000000ul) v = v * 10 + (unsigned long)(s[k] - '0');
        int nonzero = v > 0 || (k + 1 < n && (s[k] == '.' || s[k] == ',') && dig(s[k + 1]));
        if (k - i == 4 && v >= 1990 && v <= 2100) continue;
        if (nonzero) return 1;
        result = 0;
    }
    return result;
}

/* Class names are English in every language's shop themes ("review", "product-reviews",
 * "spr-review"); Russian themes transliterate ("otzyv"). Not words a buyer reads. */
static int path_names_review(const char *where)
{
    static const char *const names[] = {"review", "otzyv", "testimonial", NULL};
    for (const char *s = where; s && *s; s++)
        for (int i = 0; names[i]; i++)
            if (strncasecmp(s, names[i], strlen(names[i])) == 0) return 1;
    return 0;
}

/* Reviews in the body of a product page. Returns 1, 0 (a count of zero) or -1, and the
 * block and match for the evidence. */
static int text_reviews(const struct sa_page *p, const struct sa_block **ob, size_t *moff,
                        size_t *mlen)
{
    int result = -1;
    for (size_t i = 0; i < p->nblocks; i++) {
        const struct sa_block *b = &p->blocks[i];
        if (b->region != SA_REGION_MAIN || (b->flags & SA_BLOCK_BUTTON)) continue;
        const char *t = block_text(p, b);
        struct sa_match m;
        if (sa_lexicon_find(p->lex, SA_CONCEPT_REVIEWS, t, b->len, &m) != 1) continue;
        int c = count_near(t, b->len, m.off, m.len);
        if (c < 0) continue;
        *ob = b;
        *moff = m.off;
        *mlen = m.len;
        if (c == 1) return 1;
        result = 0;
    }
    /* review texts in a review container: "div.product-reviews > div.review > p" */
    for (size_t i = 0; i < p->nblocks; i++) {
        const struct sa_block *b = &p->blocks[i];
        if (b->region != SA_REGION_MAIN || b->len < MIN_REVIEW_TEXT ||
            (b->flags & (SA_BLOCK_LINK | SA_BLOCK_BUTTON | SA_BLOCK_HEADING)) ||
            !path_names_review(b->where) || strstr(b->where, "form"))
            continue;
        *ob = b;
        *moff = 0;
        *mlen = b->len;
        return 1;
    }
    return result;
}

static int says(const struct sa_page *p, enum sa_concept c, const char *t)
{
    return t && *t && sa_lexicon_match(p->lex, c, t, strlen(t)) == 1;
}

/* Reviews elsewhere: a reviews page of its own, or testimonials in the body of another page. */
static void other_page(struct state *st, const struct sa_page *p)
{
    if (p->kind == SA_KIND_CART || p->kind == SA_KIND_CHECKOUT || p->kind == SA_KIND_CATEGORY)
        return;
    if (p->kind != SA_KIND_HOME &&
        (says(p, SA_CONCEPT_REVIEWS, p->h1) ||
         sa_lexicon_url_match(p->lex, SA_CONCEPT_REVIEWS, p->url) == 1)) {
        st->other++;
        char msg[200];
        const char *where = *p->h1 ? "h1" : "title";
        for (size_t i = 0; *p->h1 && i < p->nblocks; i++)
            if ((p->blocks[i].flags & SA_BLOCK_HEADING) && p->blocks[i].len == strlen(p->h1) &&
                memcmp(block_text(p, &p->blocks[i]), p->h1, p->blocks[i].len) == 0) {
                where = p->blocks[i].where;
                break;
            }
        snprintf(msg, sizeof msg, "a reviews page: %.150s", *p->h1 ? p->h1 : p->title);
        sa_evidence_add(&st->elsewhere, p->url, where, msg);
        return;
    }
    for (size_t i = 0; i < p->nblocks; i++) {
        const struct sa_block *b = &p->blocks[i];
        if (b->region != SA_REGION_MAIN || (b->flags & (SA_BLOCK_LINK | SA_BLOCK_BUTTON))) continue;
        struct sa_match m;
        if (sa_lexicon_find(p->lex, SA_CONCEPT_REVIEWS, block_text(p, b), b->len, &m) == 1) {
            st->other++;
            add_block_hit(&st->elsewhere, p, b, m.off, m.len);
            return;
        }
    }
}

static void observe(void *vs, const struct sa_page *p)
{
    struct state *st = vs;
    if (p->kind != SA_KIND_PRODUCT) {
        other_page(st, p);
        return;
    }
    st->products++;
    char where[64], snip[160];
    int s = schema_reviews(p, where, sizeof where, snip, sizeof snip);
    if (s == 1) {
        st->with_reviews++;
        sa_evidence_add(&st->good, p->url, where, snip);
        return;
    }
    const struct sa_block *b = NULL;
    size_t off = 0, len = 0;
    int t = text_reviews(p, &b, &off, &len);
    if (t == 1) {
        st->with_reviews++;
        add_block_hit(&st->good, p, b, off, len);
        return;
    }
    if (s == 0 || t == 0) {
        st->empty++;
        if (t == 0)
            add_block_hit(&st->zero, p, b, off, len);
        else
            sa_evidence_add(&st->zero, p->url, where, snip);
        return;
    }
    sa_evidence_add(&st->bad, p->url, "main", "no customer reviews or rating on this product page");
}

static void finish(void *vs, const struct sa_site *site, struct sa_verdict *out)
{
    struct state *st = vs;
    size_t n = st->products, w = st->with_reviews;
    struct sa_evidence_list *ev = &out->evidence;
    if (n == 0) {
        sa_verdict_set(out, SA_STATUS_NOT_APPLICABLE, 0,
                       "No product page was found among the %zu page(s) audited, so reviews on "
                       "product pages could not be judged.",
                       site->pages);
        sa_evidence_move(ev, &st->elsewhere);
        sa_evidence_add(ev, site->start_url, "site", "no page was recognised as a product page");
    } else if (w * 2 > n) {
        sa_verdict_set(out, SA_STATUS_PASS, 1,
                       "Customer reviews or ratings appear on %zu of %zu product pages.", w, n);
        sa_evidence_move(ev, &st->good);
        sa_evidence_move(ev, &st->bad);
        sa_evidence_move(ev, &st->zero);
    } else if (w > 0) {
        double score = 0.3 + 0.6 * (double)w / (double)n;
        sa_verdict_set(out, SA_STATUS_PARTIAL, score > 0.9 ? 0.9 : score,
                       "Customer reviews or ratings appear on only %zu of %zu product pages.", w,
                       n);
        sa_evidence_move(ev, &st->bad);
        sa_evidence_move(ev, &st->zero);
        sa_evidence_move(ev, &st->good);
    } else if (st->other || st->empty) {
        if (st->other)
            sa_verdict_set(out, SA_STATUS_PARTIAL, 0.2,
                           "Reviews appear only as testimonials or on a page of their own, not "
                           "on the %zu product pages.",
                           n);
        else
            sa_verdict_set(out, SA_STATUS_PARTIAL, 0.2,
                           "Product pages have a reviews section, but none of the %zu shows a "
                           "review yet.",
                           n);
        sa_evidence_move(ev, &st->bad);
        sa_evidence_move(ev, &st->zero);
        sa_evidence_move(ev, &st->elsewhere);
    } else {
        sa_verdict_set(out, SA_STATUS_FAIL, 0,
                       "None of the %zu product pages shows customer reviews or ratings.", n);
        sa_evidence_move(ev, &st->bad);
    }
    if (out->status == SA_STATUS_PASS || out->status == SA_STATUS_NOT_APPLICABLE)
        sa_verdict_recommend(out, "%s", "");
    else
        sa_verdict_recommend(out, "Show reviews from real customers on every product page, with "
                                  "the star rating and how many reviews there are, marked up as "
                                  "schema.org AggregateRating, and ask every buyer for a review "
                                  "after delivery. Industry figures: 33%% of shoppers choose a "
                                  "competitor for reviews from real customers.");
    sa_evidence_release(&st->good);
    sa_evidence_release(&st->bad);
    sa_evidence_release(&st->zero);
    sa_evidence_release(&st->elsewhere);
}

const struct sa_check sa_check_reviews = {
    .id = "reviews",
    .title = "Customer reviews on product pages",
    .category = "loyalty",
    /* RETENTION_CRITERIA.md: 33% of shoppers choose a competitor for reviews from real
     * customers, the only loyalty-stage factor with a survey share; the largest weight here. */
    .weight = 0.35,
    .state_size = sizeof(struct state),
    .observe = observe,
    .finish = finish,
};
