/* promo_fine_print: does any promotion hide its conditions? The assessors grade promotions on
 * honesty (conditions hidden behind three asterisks), feasibility (gifts only when buying 3+,
 * not combinable) and availability ("while stocks last" fine print on every promotion), and
 * learning of a discount one then cannot get is a major disappointment (RETENTION_CRITERIA.md,
 * "Promotions and discounts"). The check finds promotion claims (PROMO words in headings,
 * banners and badges, "-30%" badges, struck-through "before" prices, schema.org offers with a
 * higher "before" price), follows each claim's footnote marker to its condition (on the page,
 * in a title tooltip, or on another page of the site), reads the page's small print for
 * availability and restriction clauses, flags promotions shown on goods out of stock, and keeps
 * a small per-product price memory to catch "before" prices that are implausible or that the
 * same product shows elsewhere as its regular price. Each distinct claim gets a set of problem
 * kinds; the verdict is a formula over them (docs/checks/promo_fine_print.md). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cJSON.h>

#include "alloc.h"
#include "check_util.h"
#include "l10n.h"
#include "utf8.h"

/* A badge, a banner line or a short lead; longer running text describes, it does not claim. */
#define CLAIM_MAX_CHARS 120
/* Text between a claim and its footnote beyond which the footnote is "far away": about two
 * phone screens of running text. */
#define FAR_CHARS       1000
#define CLAIMS_PER_PAGE 32
#define PROMOS_MAX      256 /* distinct claims remembered for de-duplication across pages */
#define KEY_MAX         200 /* bytes of a claim's text used as its identity */
/* Footnotes kept for claims whose marker leads nowhere on their own page (a /promo-rules page,
 * another page's footer), and such claims waiting for one: a site has a handful of rule
 * pages, so 64 of each is plenty and bounds the memory of a 20 000-page crawl. */
#define FOOTNOTES_MAX  64
#define FOOTNOTE_BYTES 300
#define PENDING_MAX    64
/* Products whose prices are remembered across pages, by name (at most NAME_MAX bytes). */
#define PRODUCTS_MAX   512
#define NAME_MAX_BYTES 120
#define QTY_MAX        16 /* plain quantity offers listed in the details */
/* A "before" price more than 75% above the sale price is implausible: real clearance stops
 * around -70%, and -80% or -90% on a full-price range is the classic inflated list price. */
#define IMPLAUSIBLE_OFF 0.75
/* Two prices within 1% are the same price (rounding, a 99-cent ending). */
#define SAME_PRICE 0.01
/* Bytes of the claim in an evidence snippet; the condition gets the rest. */
#define CLAIM_SNIP 160

/* Problem kinds, in the order the summary and the details list them. */
#define PROBLEM_MAP(X)                                                                             \
    X(HIDDEN, "hidden_condition", N_("hidden condition"))                                          \
    X(AVAILABILITY, "availability_small_print", N_("availability in small print"))                 \
    X(RESTRICTION, "restriction_small_print", N_("restriction in small print"))                    \
    X(OUT_OF_STOCK, "out_of_stock", N_("promotion on goods out of stock"))                         \
    X(INFLATED, "inflated_price", N_("inflated before price"))

enum problem {
#define P_ENUM(e, id, label) P_##e,
    PROBLEM_MAP(P_ENUM)
#undef P_ENUM
        P_LAST
};
static const char *const problem_id[P_LAST] = {
#define P_ID(e, id, label) id,
    PROBLEM_MAP(P_ID)
#undef P_ID
};
static const char *const problem_label[P_LAST] = {
#define P_LABEL(e, id, label) label,
    PROBLEM_MAP(P_LABEL)
#undef P_LABEL
};
#define BIT(k) (1u << (k))
/* Problems that cost the buyer the discount itself score 0; small print scores 0.5. */
#define GRAVE (BIT(P_HIDDEN) | BIT(P_OUT_OF_STOCK) | BIT(P_INFLATED))

/* Grades, from worst to best, for the order of the evidence; the score of a claim is 0, 0.5
 * and 1. */
enum grade { G_BAD, G_SMALL, G_HONEST, G_LAST };

static enum grade grade_of(unsigned mask)
{
    return mask & GRAVE ? G_BAD : mask ? G_SMALL : G_HONEST;
}
static double score_of(unsigned mask)
{
    return mask & GRAVE ? 0.0 : mask ? 0.5 : 1.0;
}

struct promo {
    char *key; /* owned: the claim's text */
    char *url; /* owned: the smallest page it was cited from */
    unsigned mask;
};

/* A footnote seen on some page ("*Offer valid only ..."), for claims elsewhere. */
struct footnote {
    char marker[8];
    char *url, *where, *text; /* owned */
};

/* A claim whose marker found no condition on its page; its evidence item is rewritten at the
 * end when another page holds the footnote. The item is known by what add_once() tells items
 * apart by, its where and snippet, not by its place: a full list replaces items (#9). */
struct pending {
    char marker[8];
    char *url, *claim, *where, *snippet; /* owned */
};

/* What the crawl showed of one product's prices. */
struct product {
    char *name;         /* owned */
    char lang[8];       /* prices compare only within one language (one currency) */
    double regular;     /* a price shown without any discount; 0 when none seen */
    char *regular_url;  /* owned */
    double before, now; /* a discount claimed for it; 0 when none */
    long promo;         /* index of the discount claim in promos, -1 when unknown */
    char *claim_url, *claim_where, *claim; /* owned */
};

struct state {
    size_t pages, promo_pages;
    struct promo *promos;
    size_t npromos, cap;
    size_t over_n, over_kind[P_LAST], over_bad; /* claims past PROMOS_MAX: counted only */
    double over_score;
    struct sa_evidence_list ev[G_LAST];
    struct footnote notes[FOOTNOTES_MAX];
    size_t nnotes;
    struct pending pend[PENDING_MAX];
    size_t npend;
    struct product *products;
    size_t nproducts, pcap;
    char *qty[QTY_MAX], *qty_url[QTY_MAX]; /* owned */
    size_t nqty;
    size_t linked; /* markers whose condition was found only on another page */
};

/* One claim seen on the page being observed. text points into the page or into own. */
struct claim {
    const char *text, *where;
    size_t len;
    enum sa_region region;
    size_t off;         /* in p->text[region]; SIZE_MAX for images and schema.org offers */
    long block;         /* index in p->blocks, -1 when not a text block */
    long marker_block;  /* a <sup> holding the marker, or -1 */
    char marker[8];     /* normalised footnote marker ("*", "***", "†", "1"), "" when none */
    long cond;          /* block holding the condition the marker points to, or -1 */
    const char *why;    /* why the condition is hidden, NULL when plain */
    const char *tip;    /* a title tooltip holding the condition, or NULL */
    double before, now; /* a struck or list price and the price now; 0 when not a price claim */
    unsigned mask;      /* problems found on this page */
    int qty;            /* a plain quantity offer stated with it */
    char own[200];
};

static const char *block_text(const struct sa_page *p, const struct sa_block *b, size_t *len)
{
    const char *t = p->text[b->region].ptr + b->off;
    size_t n = b->len;
    while (n && *t == ' ') t++, n--;
    while (n && t[n - 1] == ' ') n--;
    *len = n;
    return t;
}

/* A footnote marker at s: a run of one to three asterisks, a dagger, or a superscript digit.
 * Writes it normalised (superscript digits as ASCII) into out[8]; returns its byte length. */
static size_t marker_at(const char *s, size_t n, char *out)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n && u[0] == '*') {
        size_t k = 0;
        while (k < n && u[k] == '*') k++;
        if (k > 3) return 0; /* a row of stars is decoration */
        memcpy(out, s, k);
        out[k] = '\0';
        return k;
    }
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xA0 || u[2] == 0xA1)) { /* † ‡ */
        memcpy(out, s, 3);
        out[3] = '\0';
        return 3;
    }
    if (n >= 2 && u[0] == 0xC2 && (u[1] == 0xB9 || u[1] == 0xB2 || u[1] == 0xB3)) { /* ¹ ² ³ */
        out[0] = u[1] == 0xB9 ? '1' : u[1] == 0xB2 ? '2' : '3';
        out[1] = '\0';
        return 2;
    }
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x81 && u[2] >= 0xB4 && u[2] <= 0xB9) { /* ⁴..⁹ */
        out[0] = (char)('4' + (u[2] - 0xB4));
        out[1] = '\0';
        return 3;
    }
    return 0;
}

/* 1 when the text before byte k ends with a metre (m, м, մ: "м²", "cm³"): a ² or ³ there is a
 * unit of area or volume, not a footnote. */
static int after_metre(const char *t, size_t k)
{
    const unsigned char *u = (const unsigned char *)t;
    if (k >= 1 && (u[k - 1] == 'm' || u[k - 1] == 'M')) return 1;
    if (k >= 2 && u[k - 2] == 0xD0 && (u[k - 1] == 0xBC || u[k - 1] == 0x9C)) return 1; /* м М */
    if (k >= 2 &&
        ((u[k - 2] == 0xD5 && u[k - 1] == 0xB4) || (u[k - 2] == 0xD5 && u[k - 1] == 0x84)))
        return 1; /* մ Մ */
    return 0;
}

/* The first footnote marker in a claim's text ("-30%*", "Sale¹"), normalised into out[8];
 * 0 when none. A row of four or more stars is skipped whole. */
static int find_marker(const char *t, size_t len, char *out)
{
    for (size_t k = 0; k < len; k++) {
        if (marker_at(t + k, len - k, out)) {
            if ((out[0] == '2' || out[0] == '3') && after_metre(t, k)) continue;
            return 1;
        }
        while (t[k] == '*' && k + 1 < len && t[k + 1] == '*') k++;
    }
    out[0] = '\0';
    return 0;
}

/* 1 when a block's whole text is a marker, as a <sup>*</sup> or <sup>1</sup> gives it. */
static int marker_only(const char *t, size_t n, char *out)
{
    if (n == 1 && t[0] >= '1' && t[0] <= '9') {
        out[0] = t[0];
        out[1] = '\0';
        return 1;
    }
    size_t k = marker_at(t, n, out);
    return k && k == n;
}

/* 1 when a CSS-like path runs through a form: the "* required fields" note of a form is no
 * promotion's fine print. */
static int in_form(const char *where)
{
    for (const char *s = where; s && *s;) {
        size_t k = strcspn(s, ".#> ");
        if ((k == 4 && strncmp(s, "form", 4) == 0) || (k == 5 && strncmp(s, "label", 5) == 0) ||
            (k == 8 && strncmp(s, "fieldset", 8) == 0))
            return 1;
        const char *next = strstr(s, " > ");
        s = next ? next + 3 : NULL;
    }
    return 0;
}

/* 1 when a link block is a link going nowhere (href "#", javascript:): a tab or a menu item
 * naming a promotion, not one (RETENTION_CRITERIA.md, matching pitfalls). */
static int dead_link(const struct sa_page *p, const struct sa_block *b, const char *t, size_t len)
{
    for (size_t i = 0; i < p->nlinks; i++) {
        const struct sa_link *l = &p->links[i];
        if ((l->flags & SA_LINK_DEAD) && l->region == b->region &&
            strcmp(l->where, b->where) == 0 && strlen(l->text) == len &&
            memcmp(l->text, t, len) == 0)
            return 1;
    }
    return 0;
}

static struct claim *new_claim(struct claim *cl, size_t *n)
{
    if (*n >= CLAIMS_PER_PAGE) return NULL;
    struct claim *c = &cl[(*n)++];
    memset(c, 0, sizeof *c);
    c->block = c->marker_block = c->cond = -1;
    c->off = SIZE_MAX;
    return c;
}

/* 1 when text makes an offer: PROMO or a quantity offer ("buy 5 mugs, the 6th is a gift"),
 * and not only the name of the rules ("Promotion rules", "Условия акции"): a link to the terms
 * or the rules page's own title promises nothing. */
static int says_promo(const struct sa_page *p, const char *t, size_t len)
{
    struct sa_match m, terms;
    if (sa_lexicon_find(p->lex, SA_CONCEPT_PROMO, t, len, &m) <= 0)
        return sa_lexicon_match(p->lex, SA_CONCEPT_QUANTITY_OFFER, t, len) > 0;
    if (sa_lexicon_find(p->lex, SA_CONCEPT_PROMO_TERMS, t, len, &terms) <= 0) return 1;
    size_t end = terms.off + terms.len;
    if (m.off + m.len <= terms.off || m.off >= end) return 1;
    return end < len && sa_lexicon_find_from(p->lex, SA_CONCEPT_PROMO, t, len, end, &m) > 0;
}

/* Claims in visible text: a heading, or a short line (badge, banner, lead) saying PROMO, in the
 * main content, header bar or sidebar. Menu links, buttons and small print are not claims: a
 * "Sale" menu item points to promotions, a button asks to buy, small print is the other side. */
static void text_claims(const struct sa_page *p, struct claim *cl, size_t *n)
{
    for (size_t i = 0; i < p->nblocks; i++) {
        const struct sa_block *b = &p->blocks[i];
        if (b->region != SA_REGION_MAIN && b->region != SA_REGION_HEADER &&
            b->region != SA_REGION_ASIDE)
            continue;
        if (b->flags & (SA_BLOCK_SMALL | SA_BLOCK_BUTTON)) continue;
        if ((b->flags & SA_BLOCK_LINK) && b->region != SA_REGION_MAIN) continue;
        /* a coupon field labelled "Promo code*" asks for a code, it promises nothing */
        if (in_form(b->where)) continue;
        size_t len;
        const char *t = block_text(p, b, &len);
        char mk[8];
        if (marker_at(t, len, mk)) continue; /* "*Offer valid ...": a footnote, not a claim */
        if ((b->flags & SA_BLOCK_LINK) && dead_link(p, b, t, len)) continue;
        if (!(b->flags & SA_BLOCK_HEADING) && sa__utf8_more_chars(t, len, CLAIM_MAX_CHARS))
            continue;
        if (!says_promo(p, t, len)) continue;
        struct claim *c = new_claim(cl, n);
        if (!c) return;
        c->text = t;
        c->len = len;
        c->where = b->where;
        c->region = b->region;
        c->off = b->off;
        c->block = (long)i;
        find_marker(t, len, c->marker);
        /* <h2>-30% on sofas<sup>*</sup></h2>: the marker is the next block, right after */
        if (!c->marker[0] && i + 1 < p->nblocks) {
            const struct sa_block *m = &p->blocks[i + 1];
            size_t ml;
            const char *mt = block_text(p, m, &ml);
            char mk2[8];
            if (m->region == b->region && (m->flags & SA_BLOCK_SMALL) &&
                m->off == b->off + b->len + 1 && marker_only(mt, ml, mk2) &&
                !((mk2[0] == '2' || mk2[0] == '3') && after_metre(t, len))) {
                memcpy(c->marker, mk2, sizeof mk2);
                c->marker_block = (long)(i + 1);
            }
        }
    }
}

/* Banners drawn as images say their offer in the alt text. */
static void image_claims(const struct sa_page *p, struct claim *cl, size_t *n)
{
    for (size_t i = 0; i < p->nimages; i++) {
        const struct sa_image *im = &p->images[i];
        if (!im->alt || !*im->alt || im->region == SA_REGION_NAV || im->region == SA_REGION_FOOTER)
            continue;
        if (sa_lexicon_match(p->lex, SA_CONCEPT_PROMO, im->alt, strlen(im->alt)) <= 0) continue;
        struct claim *c = new_claim(cl, n);
        if (!c) return;
        c->text = im->alt;
        c->len = strlen(im->alt);
        c->where = im->where;
        c->region = im->region;
        find_marker(c->text, c->len, c->marker);
    }
}

/* A decimal amount from schema.org: a number, or a string such as "14.50" or "14,50". */
static int json_amount(const cJSON *v, double *out)
{
    if (cJSON_IsNumber(v)) {
        *out = v->valuedouble;
        return 1;
    }
    if (!cJSON_IsString(v) || !v->valuestring) return 0;
    double x = 0, scale = 0;
    int any = 0;
    for (const char *s = v->valuestring; *s; s++) {
        if (*s >= '0' && *s <= '9') {
            any = 1;
            if (scale > 0) {
                x += (*s - '0') * scale;
                scale /= 10;
            } else {
                x = x * 10 + (*s - '0');
            }
        } else if ((*s == '.' || *s == ',') && scale == 0) {
            scale = 0.1;
        } else if (*s != ' ') {
            return 0;
        }
    }
    *out = x;
    return any;
}

static const char *json_str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) && v->valuestring ? v->valuestring : "";
}

/* An offer priced below its own strikethrough or list price is a discount, whether or not the
 * page says "sale" anywhere. */
static void offer_claim(const struct sa_item *it, const char *name, const cJSON *offer,
                        struct claim *cl, size_t *n)
{
    double price, before;
    if (!cJSON_IsObject(offer) ||
        !json_amount(cJSON_GetObjectItemCaseSensitive(offer, "price"), &price) || price <= 0)
        return;
    const cJSON *spec = cJSON_GetObjectItemCaseSensitive(offer, "priceSpecification");
    const cJSON *one = spec;
    int many = cJSON_IsArray(spec);
    if (many) one = spec->child;
    for (; one; one = many ? one->next : NULL) {
        const char *type = json_str(one, "priceType");
        if (!strstr(type, "StrikethroughPrice") && !strstr(type, "ListPrice")) continue;
        if (!json_amount(cJSON_GetObjectItemCaseSensitive(one, "price"), &before) ||
            before <= price * 1.001)
            continue;
        struct claim *c = new_claim(cl, n);
        if (!c) return;
        const char *cur = json_str(offer, "priceCurrency");
        /* names and currencies are cut on character boundaries, so the text stays UTF-8 */
        int namelen = (int)sa__utf8_floor(name, strlen(name), 80);
        int curlen = (int)sa__utf8_floor(cur, strlen(cur), 8);
        int k =
            snprintf(c->own, sizeof c->own, "schema.org offer%s%.*s: %.2f%s%.*s, before %.2f%s%.*s",
                     namelen ? " for " : "", namelen, name, price, curlen ? " " : "", curlen, cur,
                     before, curlen ? " " : "", curlen, cur);
        c->len = k < 0 ? 0 : (size_t)k < sizeof c->own ? (size_t)k : sizeof c->own - 1;
        c->text = c->own;
        c->where = strcmp(it->source, "json-ld") == 0 ? "script[type=application/ld+json]"
                                                      : "[itemtype*=Offer]";
        c->region = SA_REGION_MAIN;
        c->before = before;
        c->now = price;
        return;
    }
}

static void offer_claims(const struct sa_page *p, struct claim *cl, size_t *n)
{
    for (size_t i = 0; i < p->nitems; i++) {
        const struct sa_item *it = &p->items[i];
        const cJSON *offers = NULL;
        if (strcmp(it->type, "Product") == 0)
            offers = cJSON_GetObjectItemCaseSensitive(it->json, "offers");
        else if (strcmp(it->type, "Offer") == 0)
            offers = it->json;
        if (!offers) continue;
        const char *name = json_str(it->json, "name");
        if (cJSON_IsArray(offers)) {
            for (const cJSON *o = offers->child; o; o = o->next) offer_claim(it, name, o, cl, n);
        } else {
            offer_claim(it, name, offers, cl, n);
        }
    }
}

/* The condition a claim's marker points to: a block starting with the same marker, or a
 * <sup> marker followed by its text. The first one after the claim wins, else the first one
 * before it. */
static void find_condition(const struct sa_page *p, struct claim *c)
{
    long before = -1;
    for (size_t j = 0; j < p->nblocks; j++) {
        if ((long)j == c->block || (long)j == c->marker_block) continue;
        const struct sa_block *b = &p->blocks[j];
        size_t len;
        const char *t = block_text(p, b, &len);
        char mk[8];
        long cand = -1;
        size_t k = marker_at(t, len, mk);
        if (k && k < len && strcmp(mk, c->marker) == 0) {
            size_t rest = len - k;
            const char *r = t + k;
            while (rest && *r == ' ') r++, rest--;
            if (rest >= 3) cand = (long)j;
        } else if (marker_only(t, len, mk) && strcmp(mk, c->marker) == 0 && j + 1 < p->nblocks &&
                   p->blocks[j + 1].region == b->region &&
                   p->blocks[j + 1].off == b->off + b->len + 1) {
            cand = (long)(j + 1);
        }
        if (cand < 0 || in_form(p->blocks[cand].where)) continue;
        if (cand > c->block) {
            c->cond = cand;
            return;
        }
        if (before < 0) before = cand;
    }
    c->cond = before;
}

/* 1 when a tooltip states a condition: an availability, restriction or terms clause. */
static int tip_says(const struct sa_page *p, const char *tip)
{
    size_t n = tip ? strlen(tip) : 0;
    return n && (sa_lexicon_match(p->lex, SA_CONCEPT_AVAILABILITY, tip, n) > 0 ||
                 sa_lexicon_match(p->lex, SA_CONCEPT_PROMO_RESTRICTION, tip, n) > 0 ||
                 sa_lexicon_match(p->lex, SA_CONCEPT_PROMO_TERMS, tip, n) > 0);
}

/* The tooltip over a claim or its <sup> marker, or NULL. */
static const char *claim_tip(const struct sa_page *p, const struct claim *c)
{
    if (c->block >= 0 && p->blocks[c->block].title) return p->blocks[c->block].title;
    if (c->marker_block >= 0 && p->blocks[c->marker_block].title)
        return p->blocks[c->marker_block].title;
    return NULL;
}

/* Grades a claim with a marker by where its condition sits. A marker whose condition is on no
 * block of the page may still explain itself in a tooltip (seen only by hovering with a
 * mouse, never on a phone) or on another page (linked at the end). */
static void judge_marker(const struct sa_page *p, struct claim *c)
{
    find_condition(p, c);
    if (c->cond < 0) {
        const char *tip = claim_tip(p, c);
        if (tip && strlen(tip) >= 3) {
            c->tip = tip;
            c->why = "condition only in a tooltip";
        } else {
            c->why = "no condition on this page";
        }
        c->mask |= BIT(P_HIDDEN);
        return;
    }
    const struct sa_block *b = &p->blocks[c->cond];
    if (b->flags & SA_BLOCK_SMALL)
        c->why = "condition in small print";
    else if (b->region == SA_REGION_FOOTER)
        c->why = "condition in the footer";
    /* an image's place in the text is unknown: only its region tells */
    else if (b->region != c->region ||
             (c->off != SIZE_MAX && (b->off > c->off + c->len ? b->off - (c->off + c->len)
                                                              : c->off - b->off) > FAR_CHARS))
        c->why = "condition far from the offer";
    if (c->why) c->mask |= BIT(P_HIDDEN);
}

/* ---- prices ---- */

/* The amount at the start of a price text ("$1,299.00", "1.299,00 €", "3 490 руб.", "฿350"):
 * a separator followed by one or two digits at the end is the decimal one, any other groups
 * thousands. Returns 1 and fills *out, 0 when there is no digit. */
static int parse_amount(const char *t, size_t n, double *out)
{
    size_t i = 0;
    while (i < n && !(t[i] >= '0' && t[i] <= '9')) i++;
    if (i == n) return 0;
    char digits[32];
    size_t nd = 0, last_sep = SIZE_MAX; /* index in digits where the last separator stood */
    while (i < n && nd + 1 < sizeof digits) {
        const unsigned char *u = (const unsigned char *)t + i;
        size_t sep = 0;
        if (*u >= '0' && *u <= '9') {
            digits[nd++] = (char)*u;
            i++;
            continue;
        }
        if (*u == '.' || *u == ',' || *u == ' ' || *u == '\'')
            sep = 1;
        else if (n - i >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
            sep = 2; /* no-break space */
        else if (n - i >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x89 || u[2] == 0xAF))
            sep = 3; /* thin and narrow no-break spaces */
        /* a separator counts only between digits: "12. Next" ends the amount */
        if (!sep || i + sep >= n || !(t[i + sep] >= '0' && t[i + sep] <= '9')) break;
        int space = *u == ' ' || sep > 1;
        if (space) { /* a space groups thousands only before exactly three digits */
            size_t k = i + sep, d = 0;
            while (k < n && t[k] >= '0' && t[k] <= '9') k++, d++;
            if (d != 3) break;
        }
        if (!space && (*u == '.' || *u == ','))
            last_sep = nd;
        else if (space)
            last_sep = SIZE_MAX;
        i += sep;
    }
    digits[nd] = '\0';
    double x = 0;
    size_t dec = last_sep != SIZE_MAX && nd - last_sep >= 1 && nd - last_sep <= 2 ? last_sep : nd;
    for (size_t k = 0; k < nd; k++) {
        if (k < dec) {
            x = x * 10 + (digits[k] - '0');
        } else {
            double f = 1;
            for (size_t m = dec; m <= k; m++) f /= 10;
            x += (digits[k] - '0') * f;
        }
    }
    *out = x;
    return 1;
}

/* The price a block shows: a PRICE match ("$14.50", "2 490 руб."), or the whole block when it
 * is a bare number (<del>2 490</del>). Returns 1 and fills *out. */
static int block_price(const struct sa_page *p, const struct sa_block *b, double *out)
{
    size_t len;
    const char *t = block_text(p, b, &len);
    struct sa_match m;
    if (sa_lexicon_find(p->lex, SA_CONCEPT_PRICE, t, len, &m) > 0)
        return parse_amount(t + m.off, m.len, out) && *out > 0;
    if (len == 0 || len > 16) return 0;
    for (size_t i = 0; i < len; i++)
        if (!((t[i] >= '0' && t[i] <= '9') || t[i] == '.' || t[i] == ',' || t[i] == ' ')) return 0;
    return parse_amount(t, len, out) && *out > 0;
}

/* A struck-through price next to a lower one is a discount claim, said in any language or
 * none: <s>$14.50</s> $11.60. The schema.org offer of the same discount is the same claim. */
static void strike_claims(const struct sa_page *p, struct claim *cl, size_t *n)
{
    size_t given = *n;
    for (size_t i = 0; i < p->nblocks; i++) {
        const struct sa_block *b = &p->blocks[i];
        if (!(b->flags & SA_BLOCK_STRIKE) ||
            (b->region != SA_REGION_MAIN && b->region != SA_REGION_ASIDE) || in_form(b->where))
            continue;
        double before, now = 0;
        if (!block_price(p, b, &before)) continue;
        long at = -1;
        /* the price now follows the struck one, or precedes it; within three blocks */
        for (long d = 1; d <= 3 && at < 0; d++) {
            long cand[2] = {(long)i + d, (long)i - d};
            for (int k = 0; k < 2 && at < 0; k++) {
                if (cand[k] < 0 || cand[k] >= (long)p->nblocks) continue;
                const struct sa_block *o = &p->blocks[cand[k]];
                if (o->region != b->region || (o->flags & SA_BLOCK_STRIKE)) continue;
                if (block_price(p, o, &now)) at = cand[k];
            }
        }
        if (at < 0 || now >= before * (1 - SAME_PRICE)) continue;
        int dup = 0;
        for (size_t k = 0; k < given; k++)
            dup |= cl[k].before > 0 && cl[k].before <= before * (1 + SAME_PRICE) &&
                   cl[k].before >= before * (1 - SAME_PRICE) &&
                   cl[k].now <= now * (1 + SAME_PRICE) && cl[k].now >= now * (1 - SAME_PRICE);
        if (dup) continue;
        struct claim *c = new_claim(cl, n);
        if (!c) return;
        size_t bl, nl;
        const char *bt = block_text(p, b, &bl);
        const char *nt = block_text(p, &p->blocks[at], &nl);
        bl = sa__utf8_floor(bt, bl, 60);
        nl = sa__utf8_floor(nt, nl, 60);
        int k = snprintf(c->own, sizeof c->own, "struck %.*s, now %.*s", (int)bl, bt, (int)nl, nt);
        c->len = k < 0 ? 0 : (size_t)k < sizeof c->own ? (size_t)k : sizeof c->own - 1;
        c->text = c->own;
        c->where = b->where;
        c->region = b->region;
        c->off = b->off;
        c->block = (long)i;
        c->before = before;
        c->now = now;
    }
}

/* ---- goods out of stock ---- */

/* The name of the one product a page shows (its schema.org Product, or the h1 of a product
 * page), or NULL on a page of many products: a listing's one sold-out card says nothing of
 * the promotion on the next card. */
static const char *single_product(const struct sa_page *p)
{
    const char *name = NULL;
    for (size_t i = 0; i < p->nitems; i++) {
        if (strcmp(p->items[i].type, "Product") != 0) continue;
        const char *nm = json_str(p->items[i].json, "name");
        if (name && strcmp(name, nm) != 0) return NULL;
        name = nm;
    }
    if (name && *name) return name;
    if (!p->h1 || !*p->h1) return NULL;
    if (p->kind == SA_KIND_PRODUCT) return p->h1;
    /* an outlet or promo page selling one thing: its h1 names it, a buy button sells it */
    if ((p->kind == SA_KIND_PROMO || p->kind == SA_KIND_OTHER) && sa__buy_button(p)) return p->h1;
    return NULL;
}

/* 1 when an offer's availability says it cannot be bought. */
static int offer_gone(const cJSON *offer)
{
    const char *a = json_str(offer, "availability");
    return strstr(a, "OutOfStock") || strstr(a, "SoldOut") || strstr(a, "Discontinued");
}

/* Where a single-product page says the product is gone: schema.org availability, or an
 * OUT_OF_STOCK phrase in the main content ("Нет в наличии", "สินค้าหมด", a disabled "Sold
 * out" button). Returns 1 and fills *where and snip (SA_SNIPPET_MAX + 1 bytes). */
static int page_out_of_stock(const struct sa_page *p, const char **where, char *snip)
{
    if (!single_product(p)) return 0;
    for (size_t i = 0; i < p->nitems; i++) {
        const struct sa_item *it = &p->items[i];
        const cJSON *offers = NULL;
        if (strcmp(it->type, "Product") == 0)
            offers = cJSON_GetObjectItemCaseSensitive(it->json, "offers");
        else if (strcmp(it->type, "Offer") == 0)
            offers = it->json;
        if (!offers) continue;
        const cJSON *o = cJSON_IsArray(offers) ? offers->child : offers;
        for (; o; o = cJSON_IsArray(offers) ? o->next : NULL) {
            if (!cJSON_IsObject(o) || !offer_gone(o)) continue;
            *where = strcmp(it->source, "json-ld") == 0 ? "script[type=application/ld+json]"
                                                        : "[itemprop=availability]";
            const char *a = json_str(o, "availability");
            const char *slash = strrchr(a, '/');
            snprintf(snip, SA_SNIPPET_MAX + 1, "schema.org availability %s", slash ? slash + 1 : a);
            return 1;
        }
    }
    for (size_t i = 0; i < p->nblocks; i++) {
        const struct sa_block *b = &p->blocks[i];
        if (b->region != SA_REGION_MAIN || in_form(b->where)) continue;
        if ((b->flags & SA_BLOCK_LINK) && !(b->flags & SA_BLOCK_BUTTON)) continue;
        size_t len;
        const char *t = block_text(p, b, &len);
        if (sa__utf8_more_chars(t, len, CLAIM_MAX_CHARS)) continue; /* a status line, not a story */
        if (sa_lexicon_match(p->lex, SA_CONCEPT_OUT_OF_STOCK, t, len) <= 0) continue;
        *where = b->where;
        size_t k = sa__utf8_floor(t, len, SA_SNIPPET_MAX);
        memcpy(snip, t, k);
        snip[k] = '\0';
        return 1;
    }
    return 0;
}

/* ---- small print ---- */

#define CLAUSES_MAX 4
struct clause {
    enum problem kind;
    const char *where, *label;
    char snip[SA_SNIPPET_MAX + 1];
};

/* Availability and restriction clauses in small print or the footer of a page that promotes:
 * a "while stocks last" nobody reads. Returns how many were put in out[CLAUSES_MAX]. */
static size_t small_print(const struct sa_page *p, const struct claim *cl, size_t n,
                          struct clause *out)
{
    size_t found = 0;
    for (size_t j = 0; j < p->nblocks && found < CLAUSES_MAX; j++) {
        const struct sa_block *b = &p->blocks[j];
        if (!(b->flags & SA_BLOCK_SMALL) && b->region != SA_REGION_FOOTER) continue;
        int used = 0;
        for (size_t i = 0; i < n; i++) used |= cl[i].cond == (long)j;
        if (used) continue; /* already judged as a claim's condition */
        size_t len;
        const char *t = block_text(p, b, &len);
        struct sa_match m;
        enum problem kind;
        if (sa_lexicon_find(p->lex, SA_CONCEPT_AVAILABILITY, t, len, &m) > 0)
            kind = P_AVAILABILITY;
        else if (sa_lexicon_find(p->lex, SA_CONCEPT_PROMO_RESTRICTION, t, len, &m) > 0)
            kind = P_RESTRICTION;
        else
            continue;
        /* the snippet centred on the clause */
        struct sa_evidence_list tmp = {0};
        if (sa_evidence_add_hit(&tmp, p->url, b->where, t, len, m.off, m.len) == SA_OK && tmp.n) {
            struct clause *c = &out[found++];
            c->kind = kind;
            c->where = b->where;
            int small = (b->flags & SA_BLOCK_SMALL) != 0;
            c->label = kind == P_AVAILABILITY
                           ? (small ? "availability in small print" : "availability in the footer")
                           : (small ? "restriction in small print" : "restriction in the footer");
            snprintf(c->snip, sizeof c->snip, "%s", tmp.items[0].snippet);
        }
        sa_evidence_release(&tmp);
    }
    return found;
}

/* ---- evidence ---- */

/* The item of l with this where and snippet, or NULL: what add_once() tells items apart by. */
static struct sa_evidence *find_item(struct sa_evidence_list *l, const char *where,
                                     const char *snippet)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i].where, where) == 0 && strcmp(l->items[i].snippet, snippet) == 0)
            return &l->items[i];
    return NULL;
}

/* Adds an item unless one with the same where and snippet is already in l: a claim repeated
 * on every page is cited once, from the smallest URL whatever order pages arrive in (#9). (A
 * full list may not keep it, or drop another: sa_evidence_add.) */
static void add_once(struct sa_evidence_list *l, const char *url, const char *where,
                     const char *snippet)
{
    struct sa_evidence *e = find_item(l, where, snippet);
    if (!e) {
        (void)sa_evidence_add(l, url, where, snippet); /* without memory: one item fewer */
        return;
    }
    char *u = strcmp(url, e->url) < 0 ? sa__strdup(url) : NULL;
    if (u) {
        sa__free(e->url);
        e->url = u;
    }
}

static void pending_free(struct pending *pd)
{
    sa__free(pd->url);
    sa__free(pd->claim);
    sa__free(pd->where);
    sa__free(pd->snippet);
    memset(pd, 0, sizeof *pd);
}

/* One evidence snippet naming both sides: «claim» — label (where): condition. The claim is cut
 * to CLAIM_SNIP bytes, the condition to what is left, each on a character boundary. */
static void pair_snippet(char *out, size_t cap, const char *claim, const char *label,
                         const char *cwhere, const char *cond)
{
    size_t cn = sa__utf8_floor(claim, strlen(claim), CLAIM_SNIP);
    int k = snprintf(out, cap, "«%.*s» — %s", (int)cn, claim, label);
    if (k < 0 || (size_t)k >= cap) return;
    if (cwhere && *cwhere) {
        int w = snprintf(out + k, cap - (size_t)k, " (%s)", cwhere);
        if (w < 0 || (size_t)(k + w) >= cap) return;
        k += w;
    }
    if (!cond) return;
    size_t room = cap - (size_t)k;
    if (room < 4) return;
    size_t dn = sa__utf8_floor(cond, strlen(cond), room - 3);
    snprintf(out + k, room, ": %.*s", (int)dn, cond);
}

/* The claim as a reader sees it, its <sup> marker included, into buf[SA_SNIPPET_MAX + 1]. */
static void claim_text(const struct sa_page *p, const struct claim *c, char *snip)
{
    size_t n = c->len > SA_SNIPPET_MAX ? sa__utf8_floor(c->text, c->len, SA_SNIPPET_MAX) : c->len;
    memcpy(snip, c->text, n);
    snip[n] = '\0';
    if (c->marker_block >= 0) {
        size_t ml;
        const char *mt = block_text(p, &p->blocks[c->marker_block], &ml);
        if (n + ml <= SA_SNIPPET_MAX) {
            memcpy(snip + n, mt, ml);
            snip[n + ml] = '\0';
        }
    }
}

static char *dup_n(const char *s, size_t max)
{
    return sa__strndup(s, sa__utf8_floor(s, strlen(s), max));
}

/* Cites a claim: one item per problem, each naming the claim and its condition; an honest
 * claim gets one item saying what stands next to it. */
static void cite(struct state *st, const struct sa_page *p, const struct claim *c,
                 const struct clause *cls, size_t ncls, const char *oos_where, const char *oos)
{
    char cs[SA_SNIPPET_MAX + 1], buf[SA_SNIPPET_MAX + 1], tmp[SA_SNIPPET_MAX + 1];
    claim_text(p, c, cs);
    struct sa_evidence_list *bad = &st->ev[G_BAD];
    if (!c->mask) {
        if (c->marker[0] && c->cond >= 0) {
            size_t len;
            const char *t = block_text(p, &p->blocks[c->cond], &len);
            size_t k = sa__utf8_floor(t, len, SA_SNIPPET_MAX);
            memcpy(tmp, t, k);
            tmp[k] = '\0';
            pair_snippet(buf, sizeof buf, cs, "condition next to the offer",
                         p->blocks[c->cond].where, tmp);
        } else {
            pair_snippet(buf, sizeof buf, cs,
                         c->qty ? "quantity offer stated with it" : "no hidden condition found",
                         NULL, NULL);
        }
        add_once(&st->ev[G_HONEST], p->url, c->where, buf);
        return;
    }
    if (c->mask & BIT(P_HIDDEN)) {
        if (c->cond >= 0) {
            size_t len;
            const char *t = block_text(p, &p->blocks[c->cond], &len);
            size_t k = sa__utf8_floor(t, len, SA_SNIPPET_MAX);
            memcpy(tmp, t, k);
            tmp[k] = '\0';
            pair_snippet(buf, sizeof buf, cs, c->why, p->blocks[c->cond].where, tmp);
            add_once(bad, p->url, c->where, buf);
        } else if (c->tip) {
            char w[SA_SNIPPET_MAX + 1];
            snprintf(w, sizeof w, "%s[title]", c->where);
            pair_snippet(buf, sizeof buf, cs, c->why, w, c->tip);
            add_once(bad, p->url, c->where, buf);
        } else {
            char msg[64];
            snprintf(msg, sizeof msg, "no condition for \"%s\" on this page", c->marker);
            pair_snippet(buf, sizeof buf, cs, msg, NULL, NULL);
            add_once(bad, p->url, c->where, buf);
            /* the item cited again from a smaller URL: its pending entry follows it */
            struct pending *again = NULL;
            for (size_t i = 0; i < st->npend && !again; i++)
                if (strcmp(st->pend[i].where, c->where) == 0 &&
                    strcmp(st->pend[i].snippet, buf) == 0)
                    again = &st->pend[i];
            if (again) {
                char *u = strcmp(p->url, again->url) < 0 ? sa__strdup(p->url) : NULL;
                if (u) {
                    sa__free(again->url);
                    again->url = u;
                }
            } else if (st->npend < PENDING_MAX) {
                /* the footnote may sit on a page not crawled yet: linked in finish() */
                struct pending *pd = &st->pend[st->npend];
                memcpy(pd->marker, c->marker, sizeof pd->marker);
                pd->url = sa__strdup(p->url);
                pd->claim = dup_n(cs, CLAIM_SNIP);
                pd->where = sa__strdup(c->where);
                pd->snippet = sa__strdup(buf);
                if (pd->url && pd->claim && pd->where && pd->snippet) {
                    st->npend++;
                } else {
                    pending_free(pd);
                }
            }
        }
    }
    if (c->mask & BIT(P_OUT_OF_STOCK)) {
        pair_snippet(buf, sizeof buf, cs, problem_label[P_OUT_OF_STOCK], oos_where, oos);
        add_once(bad, p->url, c->where, buf);
    }
    if ((c->mask & BIT(P_INFLATED)) && c->before > 0) {
        snprintf(tmp, sizeof tmp, "%.2f before, %.2f now: %.0f%% off", c->before, c->now,
                 100.0 * (1 - c->now / c->before));
        pair_snippet(buf, sizeof buf, cs, "implausible before price", NULL, tmp);
        add_once(bad, p->url, c->where, buf);
    }
    struct sa_evidence_list *l = &st->ev[grade_of(c->mask)];
    for (size_t i = 0; i < ncls; i++) {
        if (!(c->mask & BIT(cls[i].kind))) continue;
        pair_snippet(buf, sizeof buf, cs, cls[i].label, cls[i].where, cls[i].snip);
        add_once(l, p->url, c->where, buf);
    }
}

/* ---- memory across pages ---- */

/* Remembers a claim across pages, merging its problems; returns 1 when it is new, has new
 * problems or shows on a smaller URL than it was cited from (the cue to cite it: a site-wide
 * promotion bar is quoted from the same page whatever order pages arrive in). *idx gets its
 * index in promos, or -1 past PROMOS_MAX. */
static int remember(struct state *st, const struct claim *c, const char *url, long *idx)
{
    size_t klen = c->len > KEY_MAX ? sa__utf8_floor(c->text, c->len, KEY_MAX) : c->len;
    *idx = -1;
    for (size_t i = 0; i < st->npromos; i++) {
        struct promo *pr = &st->promos[i];
        if (strlen(pr->key) != klen || memcmp(pr->key, c->text, klen) != 0) continue;
        *idx = (long)i;
        int cue = (c->mask & ~pr->mask) != 0;
        pr->mask |= c->mask;
        if (pr->url && strcmp(url, pr->url) < 0) {
            char *u = sa__strdup(url);
            if (u) {
                sa__free(pr->url);
                pr->url = u;
                cue = 1;
            }
        }
        return cue;
    }
    if (st->npromos == PROMOS_MAX) goto over;
    if (st->npromos == st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 8;
        struct promo *v = sa__realloc(st->promos, cap * sizeof *v);
        if (!v) goto over;
        st->promos = v;
        st->cap = cap;
    }
    char *key = sa__strndup(c->text, klen);
    if (!key) goto over;
    st->promos[st->npromos].key = key;
    st->promos[st->npromos].url = sa__strdup(url); /* NULL: no re-citing, no harm */
    st->promos[st->npromos].mask = c->mask;
    *idx = (long)st->npromos++;
    return 1;
over: /* counted, no longer told apart */
    st->over_n++;
    st->over_bad += c->mask != 0;
    st->over_score += score_of(c->mask);
    for (int k = 0; k < P_LAST; k++) st->over_kind[k] += (c->mask & BIT(k)) != 0;
    return 1;
}

/* Orders a kept note against (url, where) of a new sighting of the same note. */
static int note_cmp(const struct footnote *f, const char *url, const char *where)
{
    int c = strcmp(f->url, url);
    return c ? c : strcmp(f->where, where);
}

/* Footnotes of this page that no claim here used ("*Offer valid only ...", <sup>1</sup>
 * text), kept for claims of other pages whose marker finds nothing at home. */
static void keep_footnotes(struct state *st, const struct sa_page *p, const struct claim *cl,
                           size_t n)
{
    for (size_t j = 0; j < p->nblocks && st->nnotes < FOOTNOTES_MAX; j++) {
        const struct sa_block *b = &p->blocks[j];
        size_t len;
        const char *t = block_text(p, b, &len);
        char mk[8];
        long cand = -1;
        size_t k = marker_at(t, len, mk);
        if (k && k + 3 <= len) {
            cand = (long)j;
        } else if (marker_only(t, len, mk) && j + 1 < p->nblocks &&
                   p->blocks[j + 1].region == b->region &&
                   p->blocks[j + 1].off == b->off + b->len + 1) {
            cand = (long)(j + 1);
        }
        if (cand < 0 || in_form(p->blocks[cand].where)) continue;
        int used = 0;
        for (size_t i = 0; i < n; i++) used |= cl[i].block == cand; /* a claim, not a note */
        if (used) continue;
        const char *ct = block_text(p, &p->blocks[cand], &len);
        size_t cut = sa__utf8_floor(ct, len, FOOTNOTE_BYTES);
        /* a note repeated on several pages is kept from the smallest URL: the same whatever
         * order pages arrive in (#9) */
        struct footnote *seen = NULL;
        for (size_t i = 0; i < st->nnotes && !seen; i++)
            if (strcmp(st->notes[i].marker, mk) == 0 && strlen(st->notes[i].text) == cut &&
                memcmp(st->notes[i].text, ct, cut) == 0)
                seen = &st->notes[i];
        const char *where = p->blocks[cand].where;
        if (seen && note_cmp(seen, p->url, where) <= 0) continue;
        struct footnote f = {{0}, sa__strdup(p->url), sa__strdup(where), sa__strndup(ct, cut)};
        memcpy(f.marker, mk, sizeof f.marker);
        if (!f.url || !f.where || !f.text) {
            sa__free(f.url);
            sa__free(f.where);
            sa__free(f.text);
            continue;
        }
        struct footnote *dst = seen ? seen : &st->notes[st->nnotes++];
        if (seen) {
            sa__free(seen->url);
            sa__free(seen->where);
            sa__free(seen->text);
        }
        *dst = f;
    }
}

/* Orders quantity offers by page, then text. */
static int qty_cmp(const char *url_a, const char *text_a, const char *url_b, const char *text_b)
{
    int c = strcmp(url_a, url_b);
    return c ? c : strcmp(text_a, text_b);
}

/* Quantity offers stated with the claim ("buy 5 mugs, the 6th is a gift"): honest, listed
 * in the details. The claim's own text, or the line right after it. */
static int note_quantity(struct state *st, const struct sa_page *p, const struct claim *c)
{
    if (c->block < 0) return 0;
    const char *t = c->text;
    size_t len = c->len;
    if (sa_lexicon_match(p->lex, SA_CONCEPT_QUANTITY_OFFER, t, len) <= 0) {
        size_t j = (size_t)c->block + 1;
        if (j >= p->nblocks) return 0;
        const struct sa_block *b = &p->blocks[j];
        if (b->region != c->region || (b->flags & SA_BLOCK_SMALL)) return 0;
        t = block_text(p, b, &len);
        if (sa_lexicon_match(p->lex, SA_CONCEPT_QUANTITY_OFFER, t, len) <= 0) return 0;
    }
    size_t cut = sa__utf8_floor(t, len, 160);
    /* An offer is listed with the smallest URL that states it, and past QTY_MAX the smallest
     * (url, text) pairs stay: the same list whatever order pages arrive in (#9). */
    size_t slot = st->nqty;
    for (size_t i = 0; i < st->nqty; i++)
        if (strlen(st->qty[i]) == cut && memcmp(st->qty[i], t, cut) == 0) {
            if (strcmp(p->url, st->qty_url[i]) >= 0) return 1;
            char *u = sa__strdup(p->url);
            if (u) {
                sa__free(st->qty_url[i]);
                st->qty_url[i] = u;
            }
            return 1;
        }
    char *q = sa__strndup(t, cut), *u = sa__strdup(p->url);
    if (!q || !u) {
        sa__free(q);
        sa__free(u);
        return 1;
    }
    if (st->nqty >= QTY_MAX) {
        slot = 0;
        for (size_t i = 1; i < st->nqty; i++)
            if (qty_cmp(st->qty_url[i], st->qty[i], st->qty_url[slot], st->qty[slot]) > 0) slot = i;
        if (qty_cmp(u, q, st->qty_url[slot], st->qty[slot]) >= 0) {
            sa__free(q);
            sa__free(u);
            return 1;
        }
        sa__free(st->qty[slot]);
        sa__free(st->qty_url[slot]);
    } else {
        st->nqty++;
    }
    st->qty[slot] = q;
    st->qty_url[slot] = u;
    return 1;
}

static struct product *product_get(struct state *st, const struct sa_page *p, const char *name)
{
    size_t nl = sa__utf8_floor(name, strlen(name), NAME_MAX_BYTES);
    for (size_t i = 0; i < st->nproducts; i++) {
        struct product *pr = &st->products[i];
        if (strlen(pr->name) == nl && memcmp(pr->name, name, nl) == 0 &&
            strncmp(pr->lang, p->lang, sizeof pr->lang - 1) == 0)
            return pr;
    }
    if (st->nproducts == PRODUCTS_MAX) return NULL;
    if (st->nproducts == st->pcap) {
        size_t cap = st->pcap ? st->pcap * 2 : 16;
        struct product *v = sa__realloc(st->products, cap * sizeof *v);
        if (!v) return NULL;
        st->products = v;
        st->pcap = cap;
    }
    struct product *pr = &st->products[st->nproducts];
    memset(pr, 0, sizeof *pr);
    pr->name = sa__strndup(name, nl);
    if (!pr->name) return NULL;
    snprintf(pr->lang, sizeof pr->lang, "%s", p->lang);
    pr->promo = -1;
    st->nproducts++;
    return pr;
}

/* The regular price a single-product page shows when it claims no discount: its schema.org
 * offer price, else the first price in the main content. */
static int regular_price(const struct sa_page *p, double *out)
{
    for (size_t i = 0; i < p->nitems; i++) {
        if (strcmp(p->items[i].type, "Product") != 0) continue;
        const cJSON *o = cJSON_GetObjectItemCaseSensitive(p->items[i].json, "offers");
        if (cJSON_IsArray(o)) o = o->child;
        if (cJSON_IsObject(o) && json_amount(cJSON_GetObjectItemCaseSensitive(o, "price"), out) &&
            *out > 0)
            return 1;
    }
    for (size_t i = 0; i < p->nblocks; i++) {
        const struct sa_block *b = &p->blocks[i];
        if (b->region != SA_REGION_MAIN || (b->flags & SA_BLOCK_STRIKE) || in_form(b->where))
            continue;
        if (block_price(p, b, out)) return 1;
    }
    return 0;
}

/* Feeds the price memory: a discount claimed for the page's one product, or its regular
 * price when the page claims none. */
static void remember_prices(struct state *st, const struct sa_page *p, const struct claim *cl,
                            const long *idx, size_t n)
{
    const char *name = single_product(p);
    if (!name || !*name) return;
    long disc = -1;
    for (size_t i = 0; i < n && disc < 0; i++)
        if (cl[i].before > 0 && cl[i].region == SA_REGION_MAIN) disc = (long)i;
    double regular = 0;
    if (disc < 0 && (n > 0 || !regular_price(p, &regular))) return;
    struct product *pr = product_get(st, p, name);
    if (!pr) return;
    /* prices seen on several pages: the smallest URL's, whatever order pages arrive in (#9) */
    if (disc < 0) {
        if (!pr->regular || (pr->regular_url && strcmp(p->url, pr->regular_url) < 0)) {
            char *u = sa__strdup(p->url);
            if (!u) return;
            sa__free(pr->regular_url);
            pr->regular = regular;
            pr->regular_url = u;
        }
        return;
    }
    if (pr->before > 0 && strcmp(p->url, pr->claim_url) >= 0) return;
    sa__free(pr->claim);
    sa__free(pr->claim_url);
    sa__free(pr->claim_where);
    pr->claim = pr->claim_url = pr->claim_where = NULL;
    pr->before = pr->now = 0;
    const struct claim *c = &cl[disc];
    char cs[SA_SNIPPET_MAX + 1];
    claim_text(p, c, cs);
    pr->claim = dup_n(cs, CLAIM_SNIP);
    pr->claim_url = sa__strdup(p->url);
    pr->claim_where = sa__strdup(c->where);
    if (!pr->claim || !pr->claim_url || !pr->claim_where) {
        sa__free(pr->claim);
        sa__free(pr->claim_url);
        sa__free(pr->claim_where);
        pr->claim = pr->claim_url = pr->claim_where = NULL;
        return;
    }
    pr->before = c->before;
    pr->now = c->now;
    pr->promo = idx[disc];
}

static void observe(void *vs, const struct sa_page *p)
{
    struct state *st = vs;
    st->pages++;
    struct claim cl[CLAIMS_PER_PAGE];
    size_t n = 0;
    text_claims(p, cl, &n);
    image_claims(p, cl, &n);
    offer_claims(p, cl, &n);
    strike_claims(p, cl, &n);
    for (size_t i = 0; i < n; i++)
        if (cl[i].marker[0]) judge_marker(p, &cl[i]);
    /* a footnote that says "discount" is the condition of its claim, not a claim of its own */
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        int cond = 0;
        for (size_t j = 0; j < n; j++) cond |= cl[i].block >= 0 && cl[j].cond == cl[i].block;
        if (!cond) {
            if (kept != i) memcpy(&cl[kept], &cl[i], sizeof cl[i]);
            if (cl[kept].text == cl[i].own) cl[kept].text = cl[kept].own;
            kept++;
        }
    }
    n = kept;
    keep_footnotes(st, p, cl, n);
    long idx[CLAIMS_PER_PAGE];
    if (!n) {
        remember_prices(st, p, cl, NULL, 0);
        return;
    }
    st->promo_pages++;
    struct clause cls[CLAUSES_MAX];
    size_t ncls = small_print(p, cl, n, cls);
    unsigned page_mask = 0;
    for (size_t i = 0; i < ncls; i++) page_mask |= BIT(cls[i].kind);
    const char *oos_where = NULL;
    char oos[SA_SNIPPET_MAX + 1];
    int gone = page_out_of_stock(p, &oos_where, oos);
    for (size_t i = 0; i < n; i++) {
        struct claim *c = &cl[i];
        c->mask |= page_mask;
        /* a tooltip clause on an unmarked claim hides it just the same */
        if (!c->marker[0] && c->block >= 0 && tip_says(p, p->blocks[c->block].title)) {
            c->tip = p->blocks[c->block].title;
            c->why = "condition only in a tooltip";
            c->mask |= BIT(P_HIDDEN);
        }
        /* the site-wide promo bar is not about the product that is gone */
        if (gone && c->region == SA_REGION_MAIN) c->mask |= BIT(P_OUT_OF_STOCK);
        if (c->before > 0 && c->now < c->before * (1 - IMPLAUSIBLE_OFF)) c->mask |= BIT(P_INFLATED);
        if (!c->mask) c->qty = note_quantity(st, p, c);
        if (remember(st, c, p->url, &idx[i])) cite(st, p, c, cls, ncls, oos_where, oos);
    }
    remember_prices(st, p, cl, idx, n);
}

/* Links each marker left without a condition to a footnote on another page, rewriting its
 * evidence so that it names both. */
static void link_pending(struct state *st, size_t pages)
{
    struct sa_evidence_list *l = &st->ev[G_BAD];
    for (size_t i = 0; i < st->npend; i++) {
        struct pending *pd = &st->pend[i];
        /* the note on the smallest URL, not the first to arrive (#9) */
        const struct footnote *f = NULL;
        for (size_t k = 0; k < st->nnotes; k++) {
            const struct footnote *g = &st->notes[k];
            if (strcmp(g->marker, pd->marker) != 0 || strcmp(g->url, pd->url) == 0) continue;
            if (!f || note_cmp(f, g->url, g->where) > 0 ||
                (note_cmp(f, g->url, g->where) == 0 && strcmp(g->text, f->text) < 0))
                f = g;
        }
        char buf[SA_SNIPPET_MAX + 1], w[SA_SNIPPET_MAX + 1], msg[96];
        if (f) {
            st->linked++;
            snprintf(w, sizeof w, "%s %s", f->url, f->where);
            pair_snippet(buf, sizeof buf, pd->claim, "condition only on another page", w, f->text);
        } else {
            snprintf(msg, sizeof msg, "no condition for \"%s\" on any of the %zu page(s) audited",
                     pd->marker, pages);
            pair_snippet(buf, sizeof buf, pd->claim, msg, NULL, NULL);
        }
        struct sa_evidence *e = find_item(l, pd->where, pd->snippet);
        char *s = e ? sa__strdup(buf) : NULL;
        if (s) {
            sa__free(e->snippet);
            e->snippet = s;
        }
    }
}

/* Removes the honest item of a claim found inflated at the end: one claim, one verdict. */
static void drop_honest(struct sa_evidence_list *l, const char *url, const char *where,
                        const char *claim)
{
    char head[CLAIM_SNIP + 8];
    snprintf(head, sizeof head, "«%s»", claim);
    for (size_t i = 0; i < l->n; i++) {
        struct sa_evidence *e = &l->items[i];
        if (strcmp(e->url, url) != 0 || strcmp(e->where, where) != 0 ||
            strncmp(e->snippet, head, strlen(head)) != 0)
            continue;
        sa__free(e->url);
        sa__free(e->where);
        sa__free(e->snippet);
        memmove(e, e + 1, (l->n - i - 1) * sizeof *e);
        l->n--;
        l->total--;
        return;
    }
}

/* Discounts whose "sale" price the same product shows elsewhere as its regular price: the
 * "before" price was never charged. */
static void check_prices(struct state *st)
{
    for (size_t i = 0; i < st->nproducts; i++) {
        struct product *pr = &st->products[i];
        if (pr->before <= 0 || pr->regular <= 0 || !pr->claim) continue;
        if (pr->regular > pr->now * (1 + SAME_PRICE)) continue;
        if (pr->promo >= 0) st->promos[pr->promo].mask |= BIT(P_INFLATED);
        drop_honest(&st->ev[G_HONEST], pr->claim_url, pr->claim_where, pr->claim);
        char cond[160], buf[SA_SNIPPET_MAX + 1];
        snprintf(cond, sizeof cond, "%.2f before, %.2f now; regular price %.2f", pr->before,
                 pr->now, pr->regular);
        char w[SA_SNIPPET_MAX + 1];
        snprintf(w, sizeof w, "same product at %s", pr->regular_url ? pr->regular_url : "");
        pair_snippet(buf, sizeof buf, pr->claim, "before price never charged", w, cond);
        add_once(&st->ev[G_BAD], pr->claim_url, pr->claim_where, buf);
    }
}

/* The details object: counts by problem kind and the plain quantity offers. */
static char *details(const struct state *st, size_t n, size_t bad, const size_t *kind)
{
    cJSON *d = cJSON_CreateObject();
    if (!d) return NULL;
    cJSON_AddNumberToObject(d, "pages_audited", (double)st->pages);
    cJSON_AddNumberToObject(d, "pages_with_promotions", (double)st->promo_pages);
    cJSON_AddNumberToObject(d, "promotions", (double)n);
    cJSON_AddNumberToObject(d, "with_problems", (double)bad);
    cJSON *pr = cJSON_AddObjectToObject(d, "problems");
    for (int k = 0; pr && k < P_LAST; k++)
        cJSON_AddNumberToObject(pr, problem_id[k], (double)kind[k]);
    cJSON_AddNumberToObject(d, "conditions_on_another_page", (double)st->linked);
    cJSON *q = cJSON_AddArrayToObject(d, "quantity_offers");
    /* by page, not by arrival: insertion sort, QTY_MAX is 16 */
    size_t ord[QTY_MAX];
    for (size_t i = 0; i < st->nqty; i++) {
        size_t j = i;
        for (; j > 0 && qty_cmp(st->qty_url[ord[j - 1]], st->qty[ord[j - 1]], st->qty_url[i],
                                st->qty[i]) > 0;
             j--)
            ord[j] = ord[j - 1];
        ord[j] = i;
    }
    for (size_t k = 0; q && k < st->nqty; k++) {
        size_t i = ord[k];
        cJSON *o = cJSON_CreateObject();
        if (!o) break;
        cJSON_AddStringToObject(o, "url", st->qty_url[i]);
        cJSON_AddStringToObject(o, "text", st->qty[i]);
        cJSON_AddItemToArray(q, o);
    }
    char *json = cJSON_PrintUnformatted(d);
    cJSON_Delete(d);
    if (!json) return NULL;
    char *out = sa__strdup(json); /* the verdict frees with sa__free */
    cJSON_free(json);
    return out;
}

static void release(struct state *st)
{
    for (size_t i = 0; i < st->npromos; i++) {
        sa__free(st->promos[i].key);
        sa__free(st->promos[i].url);
    }
    sa__free(st->promos);
    st->promos = NULL;
    for (size_t i = 0; i < st->nnotes; i++) {
        sa__free(st->notes[i].url);
        sa__free(st->notes[i].where);
        sa__free(st->notes[i].text);
    }
    for (size_t i = 0; i < st->npend; i++) {
        pending_free(&st->pend[i]);
    }
    for (size_t i = 0; i < st->nproducts; i++) {
        struct product *pr = &st->products[i];
        sa__free(pr->name);
        sa__free(pr->regular_url);
        sa__free(pr->claim);
        sa__free(pr->claim_url);
        sa__free(pr->claim_where);
    }
    sa__free(st->products);
    st->products = NULL;
    for (size_t i = 0; i < st->nqty; i++) {
        sa__free(st->qty[i]);
        sa__free(st->qty_url[i]);
    }
    for (int g = 0; g < G_LAST; g++) sa_evidence_release(&st->ev[g]);
}

/* Advice per problem kind, each a msgid of its own (N_): the translated recommendation is
 * built from translated pieces. */
static const char *const advice[P_LAST] = {
    N_("Print the conditions of every promotion next to the offer and as large as it, not behind "
       "an asterisk in small print, a tooltip, the footer or another page."),
    N_("Close a promotion as soon as its goods or gifts run out instead of adding \"while stocks "
       "last\" in small print."),
    N_("State purchase conditions (a minimum quantity or sum, goods excluded, not combinable) "
       "plainly next to each promotion."),
    N_("Take promotions, gifts and sale prices off goods that are out of stock, automatically when "
       "stock reaches zero."),
    N_("Strike through only a price the product really sold at: an implausible \"before\" price, "
       "or one the product shows elsewhere as its regular price, misleads buyers."),
};

/* The summary and recommendation insert pieces (problem labels, advice) through %s; the
 * engine translates only the format, so the translated text is formatted again here with the
 * translated pieces. */
static void relocalise(const struct sa_verdict *v, char **dst, const char *fmt, ...)
{
    const char *tfmt = sa__catalog_get(v->l10n, fmt);
    if (!tfmt) return;
    va_list ap;
    va_start(ap, fmt);
    char *s = sa__vasprintf(tfmt, ap);
    va_end(ap);
    if (!s) return; /* keep what the engine made: English pieces in a translated sentence */
    sa__free(*dst);
    *dst = s;
}

static void finish(void *vs, const struct sa_site *site, struct sa_verdict *out)
{
    struct state *st = vs;
    link_pending(st, st->pages);
    check_prices(st);
    size_t n = st->npromos + st->over_n, bad = st->over_bad, kind[P_LAST];
    double sum = st->over_score;
    for (int k = 0; k < P_LAST; k++) kind[k] = st->over_kind[k];
    for (size_t i = 0; i < st->npromos; i++) {
        unsigned m = st->promos[i].mask;
        bad += m != 0;
        sum += score_of(m);
        for (int k = 0; k < P_LAST; k++) kind[k] += (m & BIT(k)) != 0;
    }
    size_t kinds = 0;
    for (int k = 0; k < P_LAST; k++) kinds += kind[k] != 0;
    char list[256] = "", list_tr[512] = "";
    size_t used = 0, used_tr = 0;
    for (int k = 0; k < P_LAST; k++) {
        if (!kind[k]) continue;
        int w = snprintf(list + used, sizeof list - used, "%s%s: %zu", used ? ", " : "",
                         problem_label[k], kind[k]);
        if (w > 0 && (size_t)w < sizeof list - used) used += (size_t)w;
        w = snprintf(list_tr + used_tr, sizeof list_tr - used_tr, "%s%s: %zu", used_tr ? ", " : "",
                     sa__tr(out->l10n, problem_label[k]), kind[k]);
        if (w > 0 && (size_t)w < sizeof list_tr - used_tr) used_tr += (size_t)w;
    }
    if (n == 0) {
        sa_verdict_set(out, SA_STATUS_PASS, 1, "No promotion was found on the %zu page(s) audited.",
                       st->pages);
        sa_verdict_recommend(out, "%s", "");
        char msg[96];
        snprintf(msg, sizeof msg, "no promotion found on the %zu page(s) audited", st->pages);
        sa_evidence_add(&out->evidence, site->start_url ? site->start_url : "", "site", msg);
    } else if (bad == 0) {
        sa_verdict_set(out, SA_STATUS_PASS, 1,
                       "%zu promotion claim(s) found on %zu page(s); none hides its conditions.", n,
                       st->promo_pages);
        sa_verdict_recommend(out, "%s", "");
    } else {
        /* one kind of problem on a minority of claims is a lapse; more is a habit */
        int partial = kinds == 1 && 2 * bad < n;
        double score = sum / (double)n; /* a fail scores 0 whatever the mean */
        const char *summary = N_("%zu of %zu promotion claim(s) on %zu page(s) hide or "
                                 "undermine their conditions (%s).");
        const char *closing = N_("%s 80%% of shoppers leave for a competitor over price "
                                 "(industry figures), and a discount they cannot get sends "
                                 "them there.");
        sa_verdict_set(out, partial ? SA_STATUS_PARTIAL : SA_STATUS_FAIL, score, summary, bad, n,
                       st->promo_pages, list);
        relocalise(out, &out->summary_l10n, summary, bad, n, st->promo_pages, list_tr);
        char rec[1400], rec_tr[4096];
        size_t r = 0, r_tr = 0;
        for (int k = 0; k < P_LAST; k++) {
            if (!kind[k]) continue;
            int w = snprintf(rec + r, sizeof rec - r, "%s%s", r ? " " : "", advice[k]);
            if (w > 0 && (size_t)w < sizeof rec - r) r += (size_t)w;
            w = snprintf(rec_tr + r_tr, sizeof rec_tr - r_tr, "%s%s", r_tr ? " " : "",
                         sa__tr(out->l10n, advice[k]));
            if (w > 0 && (size_t)w < sizeof rec_tr - r_tr) r_tr += (size_t)w;
        }
        sa_verdict_recommend(out, closing, rec);
        relocalise(out, &out->recommendation_l10n, closing, rec_tr);
    }
    out->details = details(st, n, bad, kind);
    for (int g = 0; g < G_LAST; g++) sa_evidence_move(&out->evidence, &st->ev[g]);
    release(st);
}

const struct sa_check sa_check_promo_fine_print = {
    .id = "promo_fine_print",
    .title = "Promotions state their conditions plainly",
    .category = "promotions",
    /* The only check of its category. RETENTION_CRITERIA.md: high price sends 80% of shoppers
     * to a competitor, so discounts draw them; a discount they then cannot get (hidden
     * conditions, "subject to availability") is the major disappointment the articles name. */
    .weight = 1.0,
    .state_size = sizeof(struct state),
    .observe = observe,
    .finish = finish,
};
