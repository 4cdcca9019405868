/* Shared check helpers; see check_util.h. */
#include "check_util.h"

#include "alloc.h"
#include "hash.h"
#include "pipeline.h"
#include "verdict.h"

#include <stdint.h>
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

/* ---- the memo ---- */

/* 256 sets of four, kept in order of use: a page's menu, header and footer questions (three
 * or four hundred for a check that asks every chrome link about three concepts) stay, while the
 * product links that pass through evict one another; two ways let three menu entries of one
 * set evict each other on every page. A set's tags share one cache line and are all a lookup
 * reads besides the one text it compares; the ways never move, an order byte says which was
 * used last. About 140 KiB per check that keeps one, for each thread that runs it. Longer
 * texts are rarely menu items and go to the lexicon (which keeps the page's own). */
#define MEMO_SETS  256u
#define MEMO_WAYS  4u
#define MEMO_TEXT  104u
#define MEMO_FRESH 0xE4u /* ways 0, 1, 2, 3 from the most recently used: two bits each */
_Static_assert(SA__MEMO_THREADS == SA_PIPE_MAX_WORKERS + 1, "a table for every page thread");

struct memo_set {
    uint32_t h[MEMO_WAYS];    /* the text's hash, high half */
    uint16_t len1[MEMO_WAYS]; /* length + 1; 0: empty */
    uint8_t key[MEMO_WAYS];   /* concept << 1 | url */
    uint8_t order;
};

struct sa__memo_slot {
    struct sa_match m;
    uint8_t found;
    char text[MEMO_TEXT];
};

struct sa__memo_table {
    struct memo_set sets[MEMO_SETS];
    struct sa__memo_slot slots[MEMO_SETS * MEMO_WAYS];
};

/* splitmix64's finaliser: every input bit reaches every output bit, so the low bits index. */
static uint64_t memo_mix(uint64_t h)
{
    h ^= h >> 30;
    h *= 0xBF58476D1CE4E5B9u;
    h ^= h >> 27;
    h *= 0x94D049BB133111EBu;
    return h ^ (h >> 31);
}

static uint64_t memo_hash(const char *s, size_t n, unsigned salt)
{
    return memo_mix(sa__hash_bytes(s, n, memo_mix(salt)));
}

/* Makes way w of order the most recently used. */
static uint8_t memo_touch(uint8_t order, unsigned w)
{
    unsigned pos = 0;
    while (((order >> (2 * pos)) & 3u) != w) pos++;
    unsigned below = order & ((1u << (2 * pos)) - 1), above = order >> (2 * pos + 2)
                                                                           << (2 * pos + 2);
    return (uint8_t)(above | below << 2 | w);
}

/* The slot answering (c, url, text), made the most recently used; or the least recently used
 * one, emptied and tagged for the answer to come (memo_fill), with *hit 0. NULL when the memo
 * has no memory. */
static struct sa__memo_slot *memo_slot(struct sa__memo *mo, const struct sa_lexicon *lex,
                                       unsigned c, unsigned url, const char *text, size_t len,
                                       int *hit, uint16_t **len1)
{
    if (mo->lex != lex) sa__memo_release(mo); /* another lexicon's answers */
    mo->lex = lex;
    unsigned self = sa__pipe_self();
    if (self >= SA__MEMO_THREADS) return NULL;
    struct sa__memo_table *t = mo->table[self];
    if (!t) {
        if (!(t = mo->table[self] = sa__calloc(1, sizeof *t))) return NULL;
        for (unsigned s = 0; s < MEMO_SETS; s++) t->sets[s].order = MEMO_FRESH;
    }
    uint64_t h = memo_hash(text, len, c << 1 | url);
    unsigned si = (unsigned)(h & (MEMO_SETS - 1)), key = c << 1 | url;
    uint32_t tag = (uint32_t)(h >> 32);
    struct memo_set *set = &t->sets[si];
    struct sa__memo_slot *slots = &t->slots[MEMO_WAYS * si];
    unsigned w = 0;
    for (; w < MEMO_WAYS; w++)
        if (set->h[w] == tag && set->len1[w] == len + 1 && set->key[w] == key &&
            memcmp(slots[w].text, text, len) == 0)
            break;
    *hit = w < MEMO_WAYS;
    if (!*hit) {
        w = set->order >> 6; /* the least recently used */
        /* the slot is filled after the search: its lines are fetched meanwhile (the fill's
         * stores missed the cache: 3% of an audit's cycles on the read that followed them) */
        __builtin_prefetch(&slots[w], 1);
        __builtin_prefetch((const char *)&slots[w] + 64, 1);
        __builtin_prefetch((const char *)&slots[w] + 128, 1);
        set->h[w] = tag;
        set->key[w] = (uint8_t)key;
        set->len1[w] = 0; /* empty until filled */
    }
    set->order = memo_touch(set->order, w);
    *len1 = &set->len1[w];
    return &slots[w];
}

/* Keeps an answer in the slot memo_slot gave for a miss. */
static void memo_fill(struct sa__memo_slot *e, uint16_t *len1, int found, const struct sa_match *m,
                      const char *text, size_t len)
{
    e->found = (uint8_t)found;
    e->m = m ? *m : (struct sa_match){0};
    memcpy(e->text, text, len);
    *len1 = (uint16_t)(len + 1);
}

int sa__memo_find(struct sa__memo *mo, const struct sa_lexicon *lex, enum sa_concept c,
                  const char *text, size_t len, struct sa_match *m)
{
    int hit;
    uint16_t *len1;
    struct sa__memo_slot *e = len <= MEMO_TEXT && (unsigned)c < SA_CONCEPT_LAST
                                  ? memo_slot(mo, lex, c, 0, text, len, &hit, &len1)
                                  : NULL;
    if (!e) return sa_lexicon_find(lex, c, text, len, m);
    if (!hit) {
        struct sa_match mm = {0};
        int rc = sa_lexicon_find(lex, c, text, len, &mm);
        if (rc < 0) return rc; /* not remembered: the slot stays empty */
        memo_fill(e, len1, rc, &mm, text, len);
    }
    if (e->found && m) *m = e->m;
    return e->found;
}

int sa__memo_says(struct sa__memo *mo, const struct sa_page *p, enum sa_concept c, const char *text)
{
    return text && *text && sa__memo_find(mo, p->lex, c, text, strlen(text), NULL) == 1;
}

int sa__memo_url(struct sa__memo *mo, const struct sa_lexicon *lex, enum sa_concept c,
                 const char *url)
{
    size_t len = url ? strlen(url) : 0;
    int hit;
    uint16_t *len1;
    struct sa__memo_slot *e = url && len <= MEMO_TEXT && (unsigned)c < SA_CONCEPT_LAST
                                  ? memo_slot(mo, lex, c, 1, url, len, &hit, &len1)
                                  : NULL;
    if (!e) return sa_lexicon_url_match(lex, c, url);
    if (!hit) memo_fill(e, len1, sa_lexicon_url_match(lex, c, url) == 1, NULL, url, len);
    return e->found;
}

int sa__memo_link_is(struct sa__memo *mo, const struct sa_page *p, const struct sa_link *l,
                     enum sa_concept c)
{
    if (l->flags & SA_LINK_HIDDEN) return 0; /* as sa__link_is */
    if (sa__memo_says(mo, p, c, l->text)) return 1;
    if (l->url && sa__memo_url(mo, p->lex, c, l->url) > 0) return 1;
    return c == SA_CONCEPT_CART && path_names_cart(l->where);
}

const struct sa_link *sa__memo_live_link(struct sa__memo *mo, const struct sa_page *p,
                                         enum sa_concept c)
{
    for (size_t i = 0; i < p->nlinks; i++) {
        const struct sa_link *l = &p->links[i];
        if (!(l->flags & (SA_LINK_DEAD | SA_LINK_HIDDEN)) && sa__memo_link_is(mo, p, l, c))
            return l;
    }
    return NULL;
}

void sa__memo_release(struct sa__memo *mo)
{
    for (unsigned i = 0; i < SA__MEMO_THREADS; i++) {
        sa__free(mo->table[i]);
        mo->table[i] = NULL;
    }
    mo->lex = NULL;
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
