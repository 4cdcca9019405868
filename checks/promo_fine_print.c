/* promo_fine_print: does any promotion hide its conditions? The assessors grade promotions on
 * honesty (conditions hidden behind three asterisks), feasibility (gifts only when buying 3+,
 * not combinable) and availability ("while stocks last" fine print on every promotion), and
 * learning of a discount one then cannot get is a major disappointment (RETENTION_CRITERIA.md,
 * "Promotions and discounts"). This is the base the fuller check builds on: it finds promotion
 * claims (PROMO words in headings, banners and badges, "-30%" badges, schema.org offers with a
 * higher "before" price), follows each claim's footnote marker to its condition, and reads the
 * page's small print for availability and restriction clauses. Each distinct claim gets a
 * grade; the verdict is a formula over the grades (docs/checks/promo_fine_print.md). Inflated
 * "before" prices need price history and are left to the fuller check. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cJSON.h>

#include "alloc.h"
#include "check_util.h"
#include "utf8.h"

/* A badge, a banner line or a short lead; longer running text describes, it does not claim. */
#define CLAIM_MAX_CHARS 120
/* Text between a claim and its footnote beyond which the footnote is "far away": about two
 * phone screens of running text. */
#define FAR_CHARS       1000
#define CLAIMS_PER_PAGE 32
#define PROMOS_MAX      256 /* distinct claims remembered for de-duplication across pages */
#define KEY_MAX         200 /* bytes of a claim's text used as its identity */

/* Grades, from honest to hiding; the score of a claim is 1, 0.5 and 0. */
enum grade { G_HONEST, G_SMALL, G_HIDDEN, G_LAST };
static const double grade_score[G_LAST] = {1.0, 0.5, 0.0};

struct promo {
    char *key; /* owned: the claim's text */
    enum grade grade;
};

struct state {
    size_t pages, promo_pages;
    struct promo *promos;
    size_t npromos, cap;
    size_t count[G_LAST]; /* distinct claims per grade, overflow past PROMOS_MAX included */
    struct sa_evidence_list ev[G_LAST];
};

/* One claim seen on the page being observed. text points into the page or into own. */
struct claim {
    const char *text, *where;
    size_t len;
    enum sa_region region;
    size_t off;        /* in p->text[region]; SIZE_MAX for images and schema.org offers */
    long block;        /* index in p->blocks, -1 when not a text block */
    long marker_block; /* a <sup> holding the marker, or -1 */
    char marker[8];    /* normalised footnote marker ("*", "***", "†", "1"), "" when none */
    long cond;         /* block holding the condition the marker points to, or -1 */
    const char *why;   /* why the condition is hidden, NULL when plain */
    enum grade grade;
    char own[200];
};

static size_t u8chars(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

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
        if (!(b->flags & SA_BLOCK_HEADING) && u8chars(t, len) > CLAIM_MAX_CHARS) continue;
        if (sa_lexicon_match(p->lex, SA_CONCEPT_PROMO, t, len) <= 0) continue;
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

/* Grades a claim with a marker by where its condition sits. */
static void judge_marker(const struct sa_page *p, struct claim *c)
{
    find_condition(p, c);
    if (c->cond < 0) {
        c->grade = G_HIDDEN;
        c->why = "no condition on this page";
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
    c->grade = c->why ? G_HIDDEN : G_HONEST;
}

/* Adds an item unless one with the same where and snippet is already in l: a footer repeated
 * on every page is cited once. */
static void add_once(struct sa_evidence_list *l, const char *url, const char *where,
                     const char *snippet)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i].where, where) == 0 && strcmp(l->items[i].snippet, snippet) == 0)
            return;
    sa_evidence_add(l, url, where, snippet);
}

/* "prefix: text", the text cut on a character boundary to fit a snippet. */
static void add_prefixed(struct sa_evidence_list *l, const char *url, const char *where,
                         const char *prefix, const char *text, size_t len)
{
    char buf[SA_SNIPPET_MAX + 64];
    size_t room = sizeof buf - strlen(prefix) - 3;
    if (len > room) len = sa__utf8_floor(text, len, room);
    snprintf(buf, sizeof buf, "%s: %.*s", prefix, (int)len, text);
    add_once(l, url, where, buf);
}

/* Availability and restriction clauses in small print or the footer of a page that promotes:
 * a "while stocks last" nobody reads. Returns 1 when there is one; cites it in *out. */
static int small_print(const struct sa_page *p, const struct claim *cl, size_t n,
                       struct sa_evidence_list *out)
{
    int found = 0;
    for (size_t j = 0; j < p->nblocks; j++) {
        const struct sa_block *b = &p->blocks[j];
        if (!(b->flags & SA_BLOCK_SMALL) && b->region != SA_REGION_FOOTER) continue;
        int used = 0;
        for (size_t i = 0; i < n; i++) used |= cl[i].cond == (long)j;
        if (used) continue; /* already judged as a claim's condition */
        size_t len;
        const char *t = block_text(p, b, &len);
        struct sa_match m;
        const char *what = NULL;
        if (sa_lexicon_find(p->lex, SA_CONCEPT_AVAILABILITY, t, len, &m) > 0)
            what = "availability";
        else if (sa_lexicon_find(p->lex, SA_CONCEPT_PROMO_RESTRICTION, t, len, &m) > 0)
            what = "restriction";
        if (!what) continue;
        found = 1;
        /* the snippet centred on the clause, then labelled */
        struct sa_evidence_list tmp = {0};
        if (sa_evidence_add_hit(&tmp, p->url, b->where, t, len, m.off, m.len) == SA_OK && tmp.n) {
            char prefix[64];
            snprintf(prefix, sizeof prefix, "%s %s", what,
                     b->flags & SA_BLOCK_SMALL ? "in small print" : "in the footer");
            add_prefixed(out, p->url, b->where, prefix, tmp.items[0].snippet,
                         strlen(tmp.items[0].snippet));
        }
        sa_evidence_release(&tmp);
    }
    return found;
}

/* Remembers a claim across pages; returns 1 when it is new or graded worse than before (the
 * cue to cite it). */
static int remember(struct state *st, const struct claim *c)
{
    size_t klen = c->len > KEY_MAX ? sa__utf8_floor(c->text, c->len, KEY_MAX) : c->len;
    for (size_t i = 0; i < st->npromos; i++) {
        struct promo *pr = &st->promos[i];
        if (strlen(pr->key) != klen || memcmp(pr->key, c->text, klen) != 0) continue;
        if (c->grade <= pr->grade) return 0;
        st->count[pr->grade]--;
        st->count[c->grade]++;
        pr->grade = c->grade;
        return 1;
    }
    st->count[c->grade]++;
    if (st->npromos == PROMOS_MAX) return 1; /* counted, no longer told apart */
    if (st->npromos == st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 8;
        struct promo *v = sa__realloc(st->promos, cap * sizeof *v);
        if (!v) return 1;
        st->promos = v;
        st->cap = cap;
    }
    char *key = sa__strndup(c->text, klen);
    if (!key) return 1;
    st->promos[st->npromos].key = key;
    st->promos[st->npromos++].grade = c->grade;
    return 1;
}

static void cite(struct state *st, const struct sa_page *p, const struct claim *c)
{
    struct sa_evidence_list *l = &st->ev[c->grade];
    char snip[SA_SNIPPET_MAX + 1];
    size_t n = c->len > SA_SNIPPET_MAX ? sa__utf8_floor(c->text, c->len, SA_SNIPPET_MAX) : c->len;
    memcpy(snip, c->text, n);
    snip[n] = '\0';
    if (c->marker_block >= 0) { /* show the <sup> marker the way a reader sees it */
        size_t ml;
        const char *mt = block_text(p, &p->blocks[c->marker_block], &ml);
        if (n + ml <= SA_SNIPPET_MAX) {
            memcpy(snip + n, mt, ml);
            snip[n + ml] = '\0';
        }
    }
    add_once(l, p->url, c->where, snip);
    if (!c->marker[0]) return;
    if (c->cond < 0) {
        char msg[96];
        snprintf(msg, sizeof msg, "no condition for \"%s\" on this page", c->marker);
        add_once(l, p->url, "page", msg);
        return;
    }
    const struct sa_block *b = &p->blocks[c->cond];
    size_t len;
    const char *t = block_text(p, b, &len);
    add_prefixed(l, p->url, b->where, c->why ? c->why : "condition next to the offer", t, len);
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
    if (!n) return;
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
    if (!n) return;
    st->promo_pages++;
    struct sa_evidence_list fine = {0};
    int small = small_print(p, cl, n, &fine);
    for (size_t i = 0; i < n; i++) {
        struct claim *c = &cl[i];
        if (small && c->grade < G_SMALL) c->grade = G_SMALL;
        if (remember(st, c)) cite(st, p, c);
    }
    /* the small print after the claims it qualifies */
    for (size_t i = 0; i < fine.n; i++)
        add_once(&st->ev[G_SMALL], fine.items[i].url, fine.items[i].where, fine.items[i].snippet);
    sa_evidence_release(&fine);
}

static void finish(void *vs, const struct sa_site *site, struct sa_verdict *out)
{
    struct state *st = vs;
    size_t n = st->count[G_HONEST] + st->count[G_SMALL] + st->count[G_HIDDEN];
    if (n == 0) {
        sa_verdict_set(out, SA_STATUS_PASS, 1, "No promotion was found on the %zu page(s) audited.",
                       st->pages);
        sa_verdict_recommend(out, "%s", "");
        char msg[96];
        snprintf(msg, sizeof msg, "no promotion found on the %zu page(s) audited", st->pages);
        sa_evidence_add(&out->evidence, site->start_url ? site->start_url : "", "site", msg);
    } else if (st->count[G_HIDDEN]) {
        sa_verdict_set(out, SA_STATUS_FAIL, 0,
                       "%zu of %zu promotion claim(s) hide their conditions behind a footnote "
                       "marker, in small print, the footer or far from the offer.",
                       st->count[G_HIDDEN], n);
        sa_verdict_recommend(out, "Print the conditions of every promotion next to the offer and "
                                  "as large as it, not behind an asterisk in small print or the "
                                  "footer: a buyer who learns of a discount and cannot get it "
                                  "is deeply disappointed, and 80%% of shoppers leave for a "
                                  "competitor over price (industry figures).");
    } else if (st->count[G_SMALL]) {
        double score = (grade_score[G_HONEST] * (double)st->count[G_HONEST] +
                        grade_score[G_SMALL] * (double)st->count[G_SMALL]) /
                       (double)n;
        sa_verdict_set(out, SA_STATUS_PARTIAL, score,
                       "%zu of %zu promotion claim(s) come with availability or purchase "
                       "conditions in small print.",
                       st->count[G_SMALL], n);
        sa_verdict_recommend(out, "State purchase conditions plainly next to each promotion "
                                  "(\"3 for 2 on all teas, any mix\"), and close a promotion as "
                                  "soon as its goods or gifts run out instead of adding \"while "
                                  "stocks last\" in small print: 80%% of shoppers leave for a "
                                  "competitor over price (industry figures), and a discount they "
                                  "cannot get sends them there.");
    } else {
        sa_verdict_set(out, SA_STATUS_PASS, 1,
                       "%zu promotion claim(s) found on %zu page(s); none hides its conditions.", n,
                       st->promo_pages);
        sa_verdict_recommend(out, "%s", "");
    }
    for (int g = G_LAST - 1; g >= 0; g--) sa_evidence_move(&out->evidence, &st->ev[g]);
    for (size_t i = 0; i < st->npromos; i++) sa__free(st->promos[i].key);
    sa__free(st->promos);
    st->promos = NULL;
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
