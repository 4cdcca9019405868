/* The lexicon's prefilter (see lexicon_prefix.h): a small reader of the PCRE2 syntax our
 * patterns use works out the first characters a search can consume (two, three, and up to
 * SA__DEEP for the candidates that pass), and the text side turns each character of a subject
 * into the same keys.
 *
 * Why the answers are exact. A key is a case-folded character, or a class: every decimal digit
 * is DIGIT, every white space SPACE. Both sides fold the same way, and a character whose
 * caseless partners are not plain upper/lower pairs we know (the Kelvin sign, long s, Greek
 * symbol variants, all of Latin Extended, ...) is WILD on the text side, where it makes its
 * position a candidate for every search, and unusable on the pattern side. Whatever the reader
 * does not understand (\K, conditionals, recursion, extended mode, a first character that may
 * be anything) makes the whole pattern unusable, and it is then searched as before. Zero-width
 * parts (lookarounds, anchors) are read as "anything may follow", a superset. So a position is
 * left out only when its first two characters cannot start any match.
 *
 * The same reader also tells whether a block of a text may take the text's answer (see
 * stretch_safe in lexicon_prefix.h): it tracks which parts may consume a '\n'. */
#include "lexicon_prefix.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "asan.h"
#include "shopaudit/common.h"
#include "utf8.h"

#define K_DIGIT 0x110000u
#define K_SPACE 0x110001u
#define K_END   0x110002u
#define K_WILD  0xFFFFFFFFu

#define MAX_PAIRS (1u << 16) /* beyond this a pattern is too open to be worth filtering */

/* Multiply-shift hashes of one, two and three keys. A key is multiplied by the constant of the
 * place it takes (first, second, third) and the products are combined with xor, so a pass over a
 * text costs three multiplies a character; the top bits of a product mix every bit of the key. */
static uint32_t h12(uint32_t k)
{
    return (k * 0x9E3779B1u) >> 20;
}

static uint32_t h16(uint32_t a, uint32_t b)
{
    return (a * 0x9E3779B1u ^ b * 0x85EBCA77u) >> 16;
}

static uint32_t h3(uint32_t a, uint32_t b, uint32_t c)
{
    return (a * 0x9E3779B1u ^ b * 0x85EBCA77u ^ c * 0xC2B2AE3Du) >> 16;
}

static int is_space(uint32_t cp)
{
    return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
           cp == 0x180E || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* The key of a character, the same for all its caseless partners that are not WILD. */
static uint32_t fold(uint32_t cp)
{
    if (cp >= 0x0E00 && cp <= 0x0E7F) return cp >= 0x0E50 && cp <= 0x0E59 ? K_DIGIT : cp; /* Thai */
    if (is_space(cp)) return K_SPACE;
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z') return cp + 32;
        if (cp >= '0' && cp <= '9') return K_DIGIT;
        return cp;
    }
    if (cp < 0xC0) return cp == 0xAA || cp == 0xB5 || cp == 0xBA ? K_WILD : cp;
    if (cp <= 0xFF) {
        if (cp == 0xD7 || cp == 0xF7 || cp >= 0xDF) return cp;
        return cp + 0x20; /* À..Þ */
    }
    if (cp >= 0x0391 && cp <= 0x03AB && cp != 0x03A2) return cp + 0x20;
    if (cp >= 0x03AC && cp <= 0x03CE && cp != 0x03B0) return cp == 0x03C2 ? 0x03C3 : cp;
    /* the capitals with tonos, each the plain partner of one small letter (ΐ and ΰ are not:
     * they share their case with U+1FD3 and U+1FE3, so they stay WILD) */
    if (cp == 0x0386) return 0x03AC;
    if (cp >= 0x0388 && cp <= 0x038A) return cp + 0x25;
    if (cp == 0x038C) return 0x03CC;
    if (cp == 0x038E || cp == 0x038F) return cp + 0x3F;
    if (cp >= 0x0400 && cp <= 0x040F) return cp + 0x50;
    if (cp >= 0x0410 && cp <= 0x042F) return cp + 0x20;
    if (cp >= 0x0430 && cp <= 0x045F) return cp;
    if (cp >= 0x0531 && cp <= 0x0556) return cp + 0x30;
    if (cp >= 0x0561 && cp <= 0x0587) return cp;
    if (cp >= 0x0589 && cp <= 0x058F) return cp; /* Armenian full stop, hyphen, dram sign */
    if (cp >= 0x0E00 && cp <= 0x0E7F) return cp >= 0x0E50 && cp <= 0x0E59 ? K_DIGIT : cp;
    /* punctuation, currency, arrows, box drawing, dingbats, CJK, emoji: no case */
    if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x20A0 && cp <= 0x20CF) ||
        (cp >= 0x2190 && cp <= 0x23FF) || (cp >= 0x2500 && cp <= 0x27BF) ||
        (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
        (cp >= 0x1F300 && cp <= 0x1FAFF))
        return cp;
    return K_WILD;
}

/* Keys of characters that PCRE2 (10.42, UCP) surely counts as \w; others may or may not be.
 * Asked once per character of every page text: ASCII keys take the first test. */
static inline int is_word(uint32_t k)
{
    if (k < 0x80) return (k >= 'a' && k <= 'z') || k == '_';
    return k == K_DIGIT || (k >= 0xDF && k <= 0xFE && k != 0xF7) ||
           (k >= 0x03AC && k <= 0x03CE && k != 0x03B0) || (k >= 0x0430 && k <= 0x045F) ||
           (k >= 0x0561 && k <= 0x0587) || (k >= 0x0E01 && k <= 0x0E2E);
}

/* ---- sets ---- */

struct kset {
    uint32_t *v;
    size_t n, cap;
    int wild;
};

struct pset {
    uint64_t *v; /* a << 32 | b; b == K_WILD: anything follows a */
    size_t n, cap;
    int wild_first;
};

/* Triples of keys, each below 2^21, packed a << 42 | b << 21 | c; c == T_ANY: anything. */
#define T_ANY       0x1FFFFFu
#define MAX_TRIPLES 8192u
struct tset {
    uint64_t *v;
    size_t n, cap;
    int over; /* too many to keep: the third character filters nothing */
};

/* The starts of a piece's matches, SA__DEEP characters long at most: each match begins with the
 * keys of some element. open: what follows those keys may be anything (the match goes on past
 * SA__DEEP characters, or meets a character that may be anything); otherwise the match is
 * exactly those keys. Only ever a superset: a set grown past DEEP_MAX elements is cut shorter
 * (dlimit), and an element cut short is open. */
#define DEEP_MAX 1024u
struct dseq {
    uint32_t k[SA__DEEP];
    uint8_t len, open;
};

struct dset {
    struct dseq *v; /* NULL: the one element, if any, is one (most sets are a single start) */
    size_t n, cap;
    size_t ngrow; /* elements a following piece may lengthen (dgrows) */
    struct dseq one;
};
#define DV(d) ((d)->v ? (d)->v : &(d)->one)

/* What a piece of pattern can match, as far as its first two characters go, and its first
 * three as far as they can be told. */
struct f2 {
    int nullable;   /* may match the empty string */
    int zw;         /* only ever matches the empty string (assertions) */
    int bstart;     /* every match, empty or not, asserts \b at its start */
    int nwb;        /* every match starts where the character before is not \w, if any */
    struct kset l1; /* the characters of its one-character matches */
    struct pset p;  /* the first two characters of its longer matches */
    struct pset c2; /* its two-character matches (a subset of p) */
    struct tset t;  /* the first three characters of its matches of three or more */
    int nl;         /* some match may consume a '\n' */
    struct dset d;  /* the starts of its matches, up to SA__DEEP characters */
};

struct reader {
    const char *s, *e;
    int bad;     /* 1: a construct we do not read; SA_ENOMEM: out of memory */
    int esc_nl;  /* the last escape read may match a '\n' */
    int stretch; /* 0: the pattern can tell a stretch from its region (see stretch_safe) */
};

static void f2_release(struct f2 *f)
{
    sa__free(f->l1.v);
    sa__free(f->p.v);
    sa__free(f->c2.v);
    sa__free(f->t.v);
    sa__free(f->d.v);
    memset(f, 0, sizeof *f);
}

static int kadd(struct reader *r, struct kset *k, uint32_t key)
{
    if (key == K_WILD) {
        k->wild = 1;
        return 0;
    }
    for (size_t i = 0; i < k->n; i++)
        if (k->v[i] == key) return 0;
    if (k->n == k->cap) {
        size_t ncap = k->cap ? k->cap * 2 : 8;
        uint32_t *nv = sa__realloc(k->v, ncap * sizeof *nv);
        if (!nv) {
            r->bad = SA_ENOMEM;
            return -1;
        }
        k->v = nv;
        k->cap = ncap;
    }
    k->v[k->n++] = key;
    return 0;
}

static int kunion(struct reader *r, struct kset *to, const struct kset *from)
{
    to->wild |= from->wild;
    for (size_t i = 0; i < from->n; i++)
        if (kadd(r, to, from->v[i])) return -1;
    return 0;
}

static int padd(struct reader *r, struct pset *p, uint32_t a, uint32_t b)
{
    if (a == K_WILD) {
        p->wild_first = 1;
        return 0;
    }
    if (p->n >= MAX_PAIRS) {
        if (!r->bad) r->bad = 1;
        return -1;
    }
    if (p->n == p->cap) {
        size_t ncap = p->cap ? p->cap * 2 : 16;
        uint64_t *nv = sa__realloc(p->v, ncap * sizeof *nv);
        if (!nv) {
            r->bad = SA_ENOMEM;
            return -1;
        }
        p->v = nv;
        p->cap = ncap;
    }
    p->v[p->n++] = (uint64_t)a << 32 | b;
    return 0;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Sorts v[0..n). Most sets here come sorted, or as two sorted runs (a union appends one set
 * to another): those are merged, short ones take an insertion sort, and only the rest go to
 * qsort, whose callback per comparison was a tenth of the lexicon's analysis. */
static void sort_u64(uint64_t *v, size_t n)
{
    size_t i = 1;
    while (i < n && v[i - 1] <= v[i]) i++;
    if (i >= n) return;
    if (n <= 32) {
        for (; i < n; i++) {
            uint64_t x = v[i];
            size_t j = i;
            for (; j > 0 && v[j - 1] > x; j--) v[j] = v[j - 1];
            v[j] = x;
        }
        return;
    }
    size_t e = i + 1;
    while (e < n && v[e - 1] <= v[e]) e++;
    uint64_t *a = e == n ? sa__malloc(i * sizeof *a) : NULL;
    if (!a) {
        qsort(v, n, sizeof *v, cmp_u64);
        return;
    }
    /* the first run moves aside; the output never overtakes the second run's next element */
    memcpy(a, v, i * sizeof *a);
    size_t x = 0, y = i, o = 0;
    while (x < i && y < n) v[o++] = a[x] <= v[y] ? a[x++] : v[y++];
    while (x < i) v[o++] = a[x++];
    sa__free(a);
}

/* Sorts v[0..*n) and drops repeats. Duplicates come from unions and repeats; dropping them
 * keeps products small, and the sorted sets are searched by bsearch. */
static void dedupe_u64(uint64_t *v, size_t *n)
{
    if (*n < 2) return;
    sort_u64(v, *n);
    size_t j = 1;
    for (size_t i = 1; i < *n; i++)
        if (v[i] != v[j - 1]) v[j++] = v[i];
    *n = j;
}

static void pdedupe(struct pset *p)
{
    dedupe_u64(p->v, &p->n);
}

static int punion(struct reader *r, struct pset *to, const struct pset *from)
{
    to->wild_first |= from->wild_first;
    for (size_t i = 0; i < from->n; i++)
        if (padd(r, to, (uint32_t)(from->v[i] >> 32), (uint32_t)from->v[i])) return -1;
    pdedupe(to);
    return 0;
}

/* The characters any non-empty match of f may start with. */
static int firsts(struct reader *r, const struct f2 *f, struct kset *out)
{
    memset(out, 0, sizeof *out);
    int rc = kunion(r, out, &f->l1);
    out->wild |= f->p.wild_first;
    for (size_t i = 0; i < f->p.n && !rc; i++) rc = kadd(r, out, (uint32_t)(f->p.v[i] >> 32));
    if (rc) {
        sa__free(out->v);
        memset(out, 0, sizeof *out);
    }
    return rc;
}

/* to->p gets a x b for a in l1, b in next. */
static int product(struct reader *r, struct pset *to, const struct kset *l1,
                   const struct kset *next)
{
    if (!l1->n && !l1->wild) return 0;
    if (!next->n && !next->wild) return 0;
    if (l1->wild) to->wild_first = 1;
    for (size_t i = 0; i < l1->n; i++) {
        if (next->wild && padd(r, to, l1->v[i], K_WILD)) return -1;
        for (size_t j = 0; j < next->n; j++)
            if (padd(r, to, l1->v[i], next->v[j])) return -1;
    }
    pdedupe(to);
    return 0;
}

/* ---- triples ---- */

static uint32_t tpack_key(uint32_t k)
{
    return k == K_WILD ? T_ANY : k;
}

static void tpush(struct reader *r, struct tset *t, uint64_t v)
{
    if (t->over) return;
    if (t->n >= MAX_TRIPLES) {
        t->over = 1;
        return;
    }
    if (t->n == t->cap) {
        size_t ncap = t->cap ? t->cap * 2 : 16;
        uint64_t *nv = sa__realloc(t->v, ncap * sizeof *nv);
        if (!nv) {
            r->bad = SA_ENOMEM;
            t->over = 1;
            return;
        }
        t->v = nv;
        t->cap = ncap;
    }
    t->v[t->n++] = v;
}

static void tadd(struct reader *r, struct tset *t, uint32_t a, uint32_t b, uint32_t c)
{
    /* a WILD first or second character makes the pair a candidate on its own (single, WILD2):
     * its third character is never asked */
    if (a == K_WILD || b == K_WILD) return;
    tpush(r, t, (uint64_t)a << 42 | (uint64_t)b << 21 | tpack_key(c));
}

static void tdedupe(struct tset *t)
{
    dedupe_u64(t->v, &t->n);
}

static void tunion(struct reader *r, struct tset *to, const struct tset *from)
{
    to->over |= from->over;
    for (size_t i = 0; i < from->n; i++) tpush(r, to, from->v[i]);
    tdedupe(to);
}

/* t gets (a, b, c) for (a, b) in pairs and c in next. */
static void tpairs_then(struct reader *r, struct tset *t, const struct pset *pairs,
                        const struct kset *next)
{
    for (size_t i = 0; i < pairs->n && !t->over; i++) {
        uint32_t a = (uint32_t)(pairs->v[i] >> 32), b = (uint32_t)pairs->v[i];
        if (next->wild) tadd(r, t, a, b, K_WILD);
        for (size_t j = 0; j < next->n; j++) tadd(r, t, a, b, next->v[j]);
    }
    tdedupe(t);
}

/* t gets (a, b, c) for a in l1 and (b, c) in pairs. */
static void tkey_then(struct reader *r, struct tset *t, const struct kset *l1,
                      const struct pset *pairs)
{
    for (size_t i = 0; i < l1->n && !t->over; i++)
        for (size_t j = 0; j < pairs->n; j++)
            tadd(r, t, l1->v[i], (uint32_t)(pairs->v[j] >> 32), (uint32_t)pairs->v[j]);
    tdedupe(t);
}

/* ---- the first SA__DEEP characters ---- */

static int dcmp(const void *pa, const void *pb)
{
    const struct dseq *a = pa, *b = pb;
    if (a->len != b->len) return a->len < b->len ? -1 : 1;
    if (a->open != b->open) return a->open < b->open ? -1 : 1;
    for (unsigned i = 0; i < a->len; i++)
        if (a->k[i] != b->k[i]) return a->k[i] < b->k[i] ? -1 : 1;
    return 0;
}

static int dgrows(const struct dseq *x)
{
    return !x->open && x->len < SA__DEEP;
}

static void dcount(struct dset *d)
{
    d->ngrow = 0;
    for (size_t i = 0; i < d->n; i++) d->ngrow += dgrows(&DV(d)[i]);
}

static __attribute__((noinline)) int dgrow(struct reader *r, struct dset *d)
{
    size_t ncap = d->v ? d->cap * 2 : 4;
    struct dseq *nv = sa__realloc(d->v, ncap * sizeof *nv);
    if (!nv) {
        r->bad = SA_ENOMEM;
        return -1;
    }
    if (!d->v) nv[0] = d->one;
    d->v = nv;
    d->cap = ncap;
    return 0;
}

static inline int dpush(struct reader *r, struct dset *d, const struct dseq *x)
{
    if (!d->v && !d->n) {
        d->one = *x;
    } else {
        if ((!d->v || d->n == d->cap) && dgrow(r, d)) return -1;
        d->v[d->n] = *x;
    }
    d->n++;
    d->ngrow += dgrows(x);
    return 0;
}

/* The set of the empty match; open: of anything. */
static void dempty(struct reader *r, struct dset *d, int open)
{
    *d = (struct dset){0};
    dpush(r, d, &(struct dseq){.open = (uint8_t)open});
}

/* The set of a one-character match. */
static void dkey(struct reader *r, struct dset *d, uint32_t key)
{
    if (key == K_WILD) {
        dempty(r, d, 1);
        return;
    }
    *d = (struct dset){0};
    dpush(r, d, &(struct dseq){.k = {key}, .len = 1});
}

/* Cuts every element to len keys at most. */
static void dcut(struct dset *d, unsigned len)
{
    for (size_t i = 0; i < d->n; i++)
        if (DV(d)[i].len > len) {
            DV(d)[i].len = (uint8_t)len;
            DV(d)[i].open = 1;
        }
    dcount(d);
}

/* An open element without keys matches anything: it stands for the whole set. */
static int dany(const struct dset *d, size_t from)
{
    for (size_t i = from; i < d->n; i++)
        if (!DV(d)[i].len && DV(d)[i].open) return 1;
    return 0;
}

static uint64_t dhash(const struct dseq *x)
{
    uint64_t h = x->len | (uint64_t)x->open << 8;
    for (unsigned i = 0; i < x->len; i++) h = (h ^ x->k[i]) * 0x9E3779B97F4A7C15u;
    return h ^ h >> 29;
}

/* Drops repeats (a product of sets cut at SA__DEEP characters has many), in one pass over a
 * hash table; without memory for the table the repeats stay, which only costs time. */
static void ddedupe(struct dset *d)
{
    size_t size = 64;
    while (size < 2 * d->n) size *= 2;
    uint32_t *slot = sa__calloc(size, sizeof *slot); /* index + 1 of a kept element */
    if (!slot) return;
    size_t j = 0;
    for (size_t i = 0; i < d->n; i++) {
        size_t h = (size_t)dhash(&DV(d)[i]) & (size - 1);
        while (slot[h] && dcmp(&DV(d)[slot[h] - 1], &DV(d)[i])) h = (h + 1) & (size - 1);
        if (slot[h]) continue;
        DV(d)[j] = DV(d)[i];
        slot[h] = (uint32_t)++j;
    }
    d->n = j;
    dcount(d);
    sa__free(slot);
}

/* Drops repeats from a set that has grown, and cuts it shorter until it holds DEEP_MAX
 * elements at most. */
static void dlimit(struct dset *d, size_t from)
{
    if (dany(d, from)) {
        DV(d)[0] = (struct dseq){.open = 1};
        d->n = 1;
        d->ngrow = 0;
        return;
    }
    if (d->n <= DEEP_MAX / 4) return; /* repeats cost less than finding them */
    ddedupe(d);
    for (unsigned longest = SA__DEEP; d->n > DEEP_MAX && longest > 0; longest--) {
        dcut(d, longest - 1);
        ddedupe(d);
    }
}

/* a := a followed by b. The elements b cannot lengthen (open, or SA__DEEP keys long) stay as
 * they are; each other one gives way to its products with b. Products that would pass 4
 * DEEP_MAX elements are made with b cut shorter. */
static void dthen(struct reader *r, struct dset *a, const struct dset *b)
{
    if (!a->ngrow) return;
    struct dset grow = {0}, cut = {0};
    struct dseq *v = DV(a);
    size_t kept = 0;
    for (size_t i = 0; i < a->n; i++) {
        if (v[i].open || v[i].len == SA__DEEP)
            v[kept++] = v[i];
        else if (dpush(r, &grow, &v[i]))
            goto done;
    }
    a->n = kept;
    a->ngrow = 0;
    const struct dset *bb = b;
    if (grow.n * b->n > 4 * DEEP_MAX) {
        for (size_t i = 0; i < b->n; i++)
            if (dpush(r, &cut, &DV(b)[i])) goto done;
        for (unsigned len = SA__DEEP; grow.n * cut.n > 4 * DEEP_MAX && len > 0; len--) {
            dcut(&cut, len - 1);
            dlimit(&cut, 0);
        }
        bb = &cut;
    }
    for (size_t i = 0; i < grow.n; i++) {
        const struct dseq *x = &DV(&grow)[i];
        for (size_t j = 0; j < bb->n; j++) {
            const struct dseq *y = &DV(bb)[j];
            struct dseq z = *x;
            unsigned t = 0;
            while (t < y->len && z.len < SA__DEEP) z.k[z.len++] = y->k[t++];
            z.open = y->open || t < y->len;
            if (dpush(r, a, &z)) goto done;
        }
    }
    dlimit(a, kept);
done:
    sa__free(grow.v);
    sa__free(cut.v);
}

/* a := a | b. */
static void dor(struct reader *r, struct dset *a, const struct dset *b)
{
    size_t from = a->n;
    for (size_t i = 0; i < b->n; i++)
        if (dpush(r, a, &DV(b)[i])) return;
    if (a->n > DEEP_MAX || dany(a, from)) dlimit(a, from);
}

/* a := a{min,max} (max -1: unbounded). A start of SA__DEEP characters spans SA__DEEP copies at
 * most, empty copies aside, so a bounded repeat is made of copies. An unbounded one ends in a*,
 * taken as "empty, or a copy followed by anything": spelling out the copies of \s* in every
 * "word\s*word" made the lexicon's load half as long again, for little the filter would gain. */
static void drepeat(struct reader *r, struct dset *a, long min, long max)
{
    long lo = min < SA__DEEP ? min : SA__DEEP;
    long hi = max < 0 || max > SA__DEEP ? SA__DEEP : max;
    struct dset acc, maybe;
    dempty(r, &acc, 0);
    dempty(r, &maybe, 0);
    if (max < 0) {
        struct dset opened = {0};
        for (size_t i = 0; i < a->n && !r->bad; i++) {
            struct dseq x = DV(a)[i];
            x.open = 1;
            dpush(r, &opened, &x);
        }
        dor(r, &maybe, &opened);
        sa__free(opened.v);
        hi = lo + 1;
    } else {
        dor(r, &maybe, a);
    }
    for (long i = 0; i < hi && !r->bad; i++) dthen(r, &acc, i < lo ? a : &maybe);
    sa__free(maybe.v);
    sa__free(a->v);
    *a = acc;
}

/* The first three characters of a followed by b, and its two-character matches: a three
 * character start is a's own, a's two-character match and b's first, a's one-character match
 * and b's first two, or b's own when a may be empty. */
static int triples_concat(struct reader *r, struct f2 *out, const struct f2 *a, const struct f2 *b,
                          const struct kset *fb)
{
    out->t.over = a->t.over || b->t.over;
    tunion(r, &out->t, &a->t);
    tpairs_then(r, &out->t, &a->c2, fb);
    tkey_then(r, &out->t, &a->l1, &b->p);
    if (a->nullable) tunion(r, &out->t, &b->t);
    if (b->nullable && punion(r, &out->c2, &a->c2)) return -1;
    if (a->nullable && punion(r, &out->c2, &b->c2)) return -1;
    return product(r, &out->c2, &a->l1, &b->l1);
}

/* a := a followed by b; b is released. */
static void concat(struct reader *r, struct f2 *a, struct f2 *b)
{
    /* Every match of a is three characters or longer: b changes none of a's first three, so
     * the sets stay a's. Literal words, the bulk of every pattern, are here from their fourth
     * letter on, and skip the set work below (the reader's share of the lexicon's load falls
     * by a quarter, 153 -> 115 M instructions). */
    dthen(r, &a->d, &b->d);
    if (!a->nullable && !a->zw && !a->l1.n && !a->l1.wild && !a->c2.n && !a->c2.wild_first) {
        a->nl = a->nl || b->nl;
        if (b->t.over) { /* as the sets' union below would have it */
            a->t.over = 1;
            a->t.n = 0;
        }
        f2_release(b);
        return;
    }
    struct f2 out = {.nl = a->nl || b->nl, .d = a->d};
    a->d = (struct dset){0};
    struct kset fb;
    if (firsts(r, b, &fb)) goto done;
    if (punion(r, &out.p, &a->p) || product(r, &out.p, &a->l1, &fb)) goto done_fb;
    if (a->nullable && punion(r, &out.p, &b->p)) goto done_fb;
    if (b->nullable && kunion(r, &out.l1, &a->l1)) goto done_fb;
    if (a->nullable && kunion(r, &out.l1, &b->l1)) goto done_fb;
    if (triples_concat(r, &out, a, b, &fb)) goto done_fb;
    out.nullable = a->nullable && b->nullable;
    out.zw = a->zw && b->zw;
    out.bstart = a->bstart || (a->zw && b->bstart);
    out.nwb = a->nwb || (a->zw && b->nwb);
done_fb:
    sa__free(fb.v);
done:
    f2_release(a);
    f2_release(b);
    *a = out;
}

/* a := a | b; b is released. */
static void alternate(struct reader *r, struct f2 *a, struct f2 *b)
{
    if (kunion(r, &a->l1, &b->l1) == 0 && punion(r, &a->p, &b->p) == 0) punion(r, &a->c2, &b->c2);
    tunion(r, &a->t, &b->t);
    dor(r, &a->d, &b->d);
    a->nullable |= b->nullable;
    a->nl |= b->nl;
    a->zw = a->zw && b->zw;
    a->bstart = a->bstart && b->bstart;
    a->nwb = a->nwb && b->nwb;
    f2_release(b);
}

static void single(struct reader *r, struct f2 *f, uint32_t key)
{
    memset(f, 0, sizeof *f);
    kadd(r, &f->l1, key);
    dkey(r, &f->d, key);
}

static void empty(struct reader *r, struct f2 *f, int bstart)
{
    memset(f, 0, sizeof *f);
    f->nullable = f->zw = 1;
    f->bstart = bstart;
    dempty(r, &f->d, 0);
}

/* ---- reading the pattern ---- */

static uint32_t next_cp(struct reader *r)
{
    const unsigned char *s = (const unsigned char *)r->s;
    size_t k = sa__utf8_seq(s, (size_t)(r->e - r->s));
    if (!k) {
        r->bad = 1;
        r->s++;
        return 0;
    }
    r->s += k;
    if (k == 1) return s[0];
    if (k == 2) return (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
    if (k == 3) return (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
    return (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
           (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
}

static int hexval(int c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* Skips past the byte close; 0 when it never comes. */
static int skip_to(struct reader *r, char close)
{
    const char *c = memchr(r->s, close, (size_t)(r->e - r->s));
    if (!c) return 0;
    r->s = c + 1;
    return 1;
}

enum esc { E_LIT, E_DIGIT, E_SPACE, E_ANY, E_ASSERT, E_BOUNDARY, E_NOP, E_QUOTE, E_BAD };

/* 1 when \p{name} (or \pL) surely leaves out '\n', a control (Cc): the general categories
 * other than C, and scripts. Anything else may hold it. */
static int prop_no_nl(const char *name, size_t n)
{
    static const char *const scripts[] = {"Armenian", "Cyrillic", "Greek", "Han", "Latin", "Thai"};
    if (n && name[0] == '^') return 0;
    if ((n == 1 || n == 2) && strchr("LMNPSZ", name[0])) return 1;
    for (size_t i = 0; i < sizeof scripts / sizeof *scripts; i++)
        if (n == strlen(scripts[i]) && memcmp(name, scripts[i], n) == 0) return 1;
    return 0;
}

/* Reads one escape after the backslash; r->esc_nl tells whether it may match a '\n'. */
static enum esc escape(struct reader *r, int in_class, uint32_t *cp)
{
    r->esc_nl = 0;
    if (r->s >= r->e) return E_BAD;
    unsigned char c = (unsigned char)*r->s++;
    r->esc_nl = c && strchr("svDHWRXCP", c) != NULL;
    switch (c) {
    case 'd':
        return E_DIGIT;
    case 's':
    case 'h':
    case 'v':
        return E_SPACE;
    case 'D':
    case 'S':
    case 'H':
    case 'V':
    case 'w':
    case 'W':
    case 'N':
    case 'R':
    case 'X':
    case 'C':
        return E_ANY;
    case 'p':
    case 'P':
        if (r->s < r->e && *r->s == '{') {
            const char *name = r->s + 1;
            if (!skip_to(r, '}')) return E_BAD;
            r->esc_nl |= !prop_no_nl(name, (size_t)(r->s - 1 - name));
            return E_ANY;
        }
        if (r->s < r->e) r->esc_nl |= !prop_no_nl(r->s++, 1);
        return E_ANY;
    case 'b':
        if (in_class) {
            *cp = 0x08;
            return E_LIT;
        }
        return E_BOUNDARY;
    case 'A':
    case 'z':
    case 'Z':
    case 'G':
        r->stretch = 0; /* the subject's ends: a stretch has other ends than its region */
        return in_class ? E_BAD : E_ASSERT;
    case 'B':
        return in_class ? E_BAD : E_ASSERT;
    case 'E':
        return E_NOP;
    case 'Q':
        return in_class ? E_BAD : E_QUOTE;
    case 't':
        *cp = 9;
        return E_LIT;
    case 'n':
        *cp = 10;
        r->esc_nl = 1;
        return E_LIT;
    case 'r':
        *cp = 13;
        return E_LIT;
    case 'f':
        *cp = 12;
        return E_LIT;
    case 'e':
        *cp = 27;
        return E_LIT;
    case 'a':
        *cp = 7;
        return E_LIT;
    case 'c':
        if (r->s >= r->e) return E_BAD;
        *cp = (uint32_t)(unsigned char)*r->s++ ^ 0x40;
        r->esc_nl = *cp == '\n';
        return E_LIT;
    case 'x': {
        uint32_t v = 0;
        if (r->s < r->e && *r->s == '{') {
            r->s++;
            int digits = 0;
            for (; r->s < r->e && *r->s != '}'; r->s++, digits++) {
                int h = hexval(*r->s);
                if (h < 0 || digits > 6) return E_BAD;
                v = v << 4 | (uint32_t)h;
            }
            if (r->s >= r->e || !digits) return E_BAD;
            r->s++;
        } else {
            for (int i = 0; i < 2 && r->s < r->e && hexval(*r->s) >= 0; i++, r->s++)
                v = v << 4 | (uint32_t)hexval(*r->s);
        }
        *cp = v;
        r->esc_nl = v == '\n';
        return E_LIT;
    }
    }
    if (c >= '0' && c <= '9') return E_BAD; /* back-references and octal: not ours */
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return E_BAD;
    r->s--;
    *cp = next_cp(r);
    r->esc_nl = *cp == '\n';
    return E_LIT;
}

static void read_alt(struct reader *r, struct f2 *out);

/* [...] as a set of keys. */
static void read_class(struct reader *r, struct f2 *out)
{
    struct kset k = {0};
    int neg = 0, nl = 0;
    if (r->s < r->e && *r->s == '^') {
        neg = 1;
        r->s++;
    }
    int first = 1;
    while (r->s < r->e && !r->bad) {
        if (*r->s == ']' && !first) break;
        first = 0;
        uint32_t lo;
        if (r->s + 1 < r->e && r->s[0] == '[' && r->s[1] == ':') {
            const char *end = r->s + 2;
            while (end + 1 < r->e && !(end[0] == ':' && end[1] == ']')) end++;
            if (end + 1 >= r->e) {
                r->bad = 1;
                break;
            }
            r->s = end + 2;
            k.wild = 1;
            nl = 1; /* [:space:], [:cntrl:], ...: not worth telling apart */
            continue;
        }
        if (*r->s == '\\') {
            r->s++;
            enum esc e = escape(r, 1, &lo);
            nl |= r->esc_nl;
            if (e == E_NOP) continue;
            if (e == E_DIGIT || e == E_SPACE || e == E_ANY) {
                kadd(r, &k, e == E_DIGIT ? K_DIGIT : e == E_SPACE ? K_SPACE : K_WILD);
                continue;
            }
            if (e != E_LIT) {
                r->bad = 1;
                break;
            }
        } else {
            lo = next_cp(r);
        }
        if (r->s + 1 < r->e && r->s[0] == '-' && r->s[1] != ']') {
            r->s++;
            uint32_t hi;
            if (*r->s == '\\') {
                r->s++;
                if (escape(r, 1, &hi) != E_LIT) {
                    r->bad = 1;
                    break;
                }
            } else {
                hi = next_cp(r);
            }
            nl |= lo <= '\n' && hi >= '\n';
            if (hi < lo || hi - lo > 512) {
                k.wild = 1;
                continue;
            }
            for (uint32_t c = lo; c <= hi && !r->bad; c++) kadd(r, &k, fold(c));
            continue;
        }
        nl |= lo == '\n';
        kadd(r, &k, fold(lo));
    }
    if (r->s >= r->e)
        r->bad = 1;
    else
        r->s++; /* ] */
    memset(out, 0, sizeof *out);
    out->nl = nl || neg;
    if (neg) {
        sa__free(k.v);
        out->l1.wild = 1;
    } else {
        out->l1 = k;
    }
    dempty(r, &out->d, 1);
    /* a wide class (a range of letters) tells little and would multiply the sets */
    if (!out->l1.wild && out->l1.n <= 32) {
        out->d.n = out->d.ngrow = 0;
        for (size_t i = 0; i < out->l1.n; i++)
            dpush(r, &out->d, &(struct dseq){.k = {out->l1.v[i]}, .len = 1});
    }
}

/* 1 when s[0..n) is "\w" or a class "[...]" that holds \w: a negative lookbehind of it then
 * lets a match start only where the character before is not a word character (under UCP, a
 * superset of is_word's). */
static int holds_w(const char *s, size_t n)
{
    if (n == 2 && s[0] == '\\' && s[1] == 'w') return 1;
    if (n < 4 || s[0] != '[' || s[1] == '^' || s[n - 1] != ']') return 0;
    int w = 0;
    for (size_t i = 1; i < n - 1; i++) {
        if (s[i] == ']' || s[i] == '[') return 0; /* not one plain class */
        if (s[i] != '\\') continue;
        if (s[i + 1] == 'Q') return 0; /* quoted: the "\w" may be letters */
        w |= s[i + 1] == 'w';
        i++;
    }
    return w;
}

/* (...) after the "(": groups, lookarounds, option settings, comments. */
static void read_group(struct reader *r, struct f2 *out)
{
    empty(r, out, 0);
    int discard = 0, atomic = 0, not_after = 0;
    if (r->s < r->e && *r->s == '*') {
        r->bad = 1; /* (*VERB): may end or restart a match anywhere */
        return;
    }
    if (r->s < r->e && *r->s == '?') {
        r->s++;
        char c = r->s < r->e ? *r->s : '\0';
        if (c == ':' || c == '|' || c == '>') {
            atomic = c == '>';
            r->s++;
        } else if (c == '=' || c == '!') {
            r->s++;
            discard = 1;
        } else if (c == '<' && r->s + 1 < r->e && (r->s[1] == '=' || r->s[1] == '!')) {
            not_after = r->s[1] == '!';
            r->s += 2;
            discard = 1;
        } else if (c == '<' || c == '\'') {
            r->s++;
            if (!skip_to(r, c == '<' ? '>' : '\'')) r->bad = 1;
        } else if (c == 'P' && r->s + 1 < r->e && r->s[1] == '<') {
            r->s += 2;
            if (!skip_to(r, '>')) r->bad = 1;
        } else if (c == '#') {
            if (!skip_to(r, ')')) r->bad = 1;
            return;
        } else {
            const char *f = r->s;
            while (r->s < r->e && (strchr("imnsxUJ-^", *r->s) && *r->s)) r->s++;
            if (r->s == f || r->s >= r->e || memchr(f, 'x', (size_t)(r->s - f))) {
                r->bad = 1; /* conditionals, recursion, callouts, extended mode */
                return;
            }
            if (*r->s == ')') { /* (?i): a setting, matches nothing */
                r->s++;
                return;
            }
            if (*r->s != ':') {
                r->bad = 1;
                return;
            }
            r->s++;
        }
    }
    if (r->bad) return;
    const char *inside = r->s;
    struct f2 in;
    read_alt(r, &in);
    if (r->s >= r->e || *r->s != ')') {
        if (!r->bad) r->bad = 1;
    } else {
        not_after = not_after && holds_w(inside, (size_t)(r->s - inside));
        r->s++;
    }
    /* A lookaround or an atomic group that may read a '\n' may see past a stretch's end in its
     * region, or commit there to a way the stretch alone does not have (see stretch_safe). */
    if ((discard || atomic) && in.nl) r->stretch = 0;
    if (discard) {
        f2_release(&in);
        out->nwb = not_after && !r->bad;
        return;
    }
    f2_release(out);
    *out = in;
}

/* A quantifier after an atom, if any: min and max (max -1: unbounded). 0: none, 1: read, 2:
 * read, and possessive. */
static int read_quant(struct reader *r, long *min, long *max)
{
    if (r->s >= r->e) return 0;
    char c = *r->s;
    if (c == '?' || c == '*' || c == '+') {
        r->s++;
        *min = c == '+';
        *max = c == '?' ? 1 : -1;
    } else if (c == '{') {
        const char *p = r->s + 1;
        long a = 0, b;
        int da = 0;
        for (; p < r->e && *p >= '0' && *p <= '9' && a < 100000; p++, da++) a = a * 10 + (*p - '0');
        if (!da) return 0; /* "{" is a literal */
        b = a;
        if (p < r->e && *p == ',') {
            p++;
            b = -1;
            if (p < r->e && *p >= '0' && *p <= '9')
                for (b = 0; p < r->e && *p >= '0' && *p <= '9' && b < 100000; p++)
                    b = b * 10 + (*p - '0');
        }
        if (p >= r->e || *p != '}') return 0;
        r->s = p + 1;
        *min = a;
        *max = b;
    } else {
        return 0;
    }
    if (r->s < r->e && *r->s == '+') {
        r->s++;
        return 2;
    }
    if (r->s < r->e && *r->s == '?') r->s++;
    return 1;
}

static void read_atom(struct reader *r, struct f2 *out)
{
    uint32_t cp;
    char c = *r->s;
    if (c == '(') {
        r->s++;
        read_group(r, out);
        return;
    }
    if (c == '[') {
        r->s++;
        read_class(r, out);
        return;
    }
    if (c == '.') {
        r->s++;
        single(r, out, K_WILD);
        out->nl = 1; /* under (?s) */
        return;
    }
    if (c == '^' || c == '$') {
        r->s++;
        r->stretch = 0;
        empty(r, out, 0);
        return;
    }
    if (c == '\\') {
        r->s++;
        switch (escape(r, 0, &cp)) {
        case E_LIT:
            single(r, out, fold(cp));
            out->nl = r->esc_nl;
            return;
        case E_DIGIT:
            single(r, out, K_DIGIT);
            return;
        case E_SPACE:
            single(r, out, K_SPACE);
            out->nl = r->esc_nl;
            return;
        case E_ANY:
            single(r, out, K_WILD);
            out->nl = r->esc_nl;
            return;
        case E_ASSERT:
        case E_NOP:
            empty(r, out, 0);
            return;
        case E_BOUNDARY:
            empty(r, out, 1);
            return;
        case E_QUOTE: {
            empty(r, out, 0);
            while (r->s < r->e && !r->bad) {
                if (r->s + 1 < r->e && r->s[0] == '\\' && r->s[1] == 'E') {
                    r->s += 2;
                    break;
                }
                struct f2 ch;
                uint32_t q = next_cp(r);
                single(r, &ch, fold(q));
                ch.nl = q == '\n';
                concat(r, out, &ch);
            }
            return;
        }
        case E_BAD:
            break;
        }
        empty(r, out, 0);
        r->bad = 1;
        return;
    }
    cp = next_cp(r);
    single(r, out, fold(cp));
    out->nl = cp == '\n';
}

static void read_seq(struct reader *r, struct f2 *out)
{
    empty(r, out, 0);
    while (r->s < r->e && *r->s != '|' && *r->s != ')' && !r->bad) {
        struct f2 a;
        read_atom(r, &a);
        long min, max;
        int q = r->bad ? 0 : read_quant(r, &min, &max);
        if (q == 2 && a.nl) r->stretch = 0; /* possessive: an atomic group, see read_group */
        if (q) {
            if (max == 0) {
                f2_release(&a);
                empty(r, &a, 0);
            } else {
                if (max != 1) {
                    /* repeats: a three-character start spans at most three copies */
                    struct kset fa;
                    if (firsts(r, &a, &fa) == 0) {
                        tpairs_then(r, &a.t, &a.c2, &fa);
                        tkey_then(r, &a.t, &a.l1, &a.p);
                        struct pset ll = {0};
                        if (product(r, &ll, &a.l1, &a.l1) == 0) {
                            if (max != 2) tpairs_then(r, &a.t, &ll, &fa);
                            punion(r, &a.c2, &ll);
                        }
                        sa__free(ll.v);
                        product(r, &a.p, &a.l1, &fa);
                    }
                    sa__free(fa.v);
                }
                drepeat(r, &a.d, min, max);
                if (min == 0) {
                    a.nullable = 1;
                    a.bstart = a.nwb = 0;
                }
            }
        }
        concat(r, out, &a);
    }
}

static void read_alt(struct reader *r, struct f2 *out)
{
    read_seq(r, out);
    while (r->s < r->e && *r->s == '|' && !r->bad) {
        r->s++;
        struct f2 b;
        read_seq(r, &b);
        alternate(r, out, &b);
    }
}

static void set_bit(uint8_t *bm, uint32_t h)
{
    bm[h >> 3] |= (uint8_t)(1u << (h & 7));
}

/* Lists the pairs set in p->pair when they are few: a search with more is better served by a
 * walk over the rows than by as many index lookups. */
#define PAIRS_LISTED 512
static int list_pairs(struct sa__prefix *p)
{
    /* zero words skipped, bits counted by clearing: most of the bitmap is zeros, and without
     * -mpopcnt a popcount is a call (these loops were a sixth of the lexicon's analysis) */
    uint32_t n = 0;
    uint64_t w;
    for (size_t i = 0; i < 8192 && n <= PAIRS_LISTED; i += 8) {
        memcpy(&w, p->pair + i, 8);
        for (; w; w &= w - 1) n++;
    }
    if (n == 0 || n > PAIRS_LISTED) return SA_OK;
    p->pairs = sa__malloc(n * sizeof *p->pairs);
    if (!p->pairs) return SA_ENOMEM;
    for (size_t i = 0; i < 8192; i += 8) {
        memcpy(&w, p->pair + i, 8);
        if (!w) continue;
        for (size_t j = i; j < i + 8; j++)
            for (unsigned b = p->pair[j]; b; b &= b - 1)
                p->pairs[p->npairs++] = (uint16_t)(j * 8 + (unsigned)__builtin_ctz(b));
    }
    uint32_t slots = 16;
    while (slots < 2 * n) slots *= 2;
    p->pair_set = sa__calloc(slots, sizeof *p->pair_set);
    if (!p->pair_set) return SA_ENOMEM;
    p->pair_mask = slots - 1;
    for (uint32_t k = 0; k < n; k++) {
        unsigned h2 = p->pairs[k];
        p->pair_bloom[h2 >> 6 & 3] |= (uint64_t)1 << (h2 & 63);
        uint32_t i = (h2 ^ h2 >> 8) & p->pair_mask;
        while (p->pair_set[i]) i = (i + 1) & p->pair_mask;
        p->pair_set[i] = h2 + 1;
    }
    return SA_OK;
}

/* 1 when some triple of t begins with (a, b); t is sorted. */
static int tprefix(const struct tset *t, uint32_t a, uint32_t b)
{
    uint64_t lo_v = (uint64_t)a << 42 | (uint64_t)b << 21;
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->v[mid] < lo_v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < t->n && t->v[lo] >> 21 == lo_v >> 21;
}

/* 1 when (a, b) is in p; p is sorted. */
static int pin(const struct pset *p, uint32_t a, uint32_t b)
{
    uint64_t v = (uint64_t)a << 32 | b;
    return p->n && bsearch(&v, p->v, p->n, sizeof v, cmp_u64) != NULL;
}

/* The third-character filter: a candidate whose pair is "open" (a two-character match, or any
 * third character may follow) passes; others pass when their triple is one of the pattern's.
 * A pair of p that neither c2 nor t accounts for is made open, so a gap in the triples can
 * only let more positions through. */
static int third_chars(const struct f2 *f, struct sa__prefix *out)
{
    if (f->t.n && !(out->tri16 = sa__malloc(f->t.n * sizeof *out->tri16))) return SA_ENOMEM;
    for (size_t i = 0; i < f->t.n; i++) {
        uint32_t a = (uint32_t)(f->t.v[i] >> 42), b = (uint32_t)(f->t.v[i] >> 21) & T_ANY,
                 c = (uint32_t)f->t.v[i] & T_ANY;
        if (c == T_ANY) {
            set_bit(out->open, h16(a, b) & SA__TRI_MASK);
        } else {
            uint32_t t = h3(a, b, c);
            set_bit(out->tri, t & SA__TRI_MASK);
            out->tri16[out->ntri16++] = (uint16_t)t;
        }
    }
    for (size_t i = 0; i < f->p.n; i++) {
        uint32_t a = (uint32_t)(f->p.v[i] >> 32), b = (uint32_t)f->p.v[i];
        if (b == K_WILD) continue;
        if (pin(&f->c2, a, b) || !tprefix(&f->t, a, b))
            set_bit(out->open, h16(a, b) & SA__TRI_MASK);
    }
    out->has_tri = 1;
    return SA_OK;
}

/* The first characters' filter, a level for each length L: a table of two bits a slot, picked
 * by the top bits of the hash of L keys (shift is 64 - log2 of the slots). DEEP_END: some
 * element is those L keys; DEEP_ON: some longer element begins with them. A candidate may start
 * a match when its first L keys' slot says DEEP_END at some level; it cannot once a slot says
 * neither, which is where most candidates stop ("fres" for "free"). Sixteen slots an element
 * keep a level's false hits near 6%. */
enum { DEEP_END = 1, DEEP_ON = 2 };

struct sa__deep {
    unsigned longest;
    uint8_t shift[SA__DEEP];
    uint8_t *slots[SA__DEEP];
};

static uint64_t deep_hash(uint64_t h, uint32_t key)
{
    return (h ^ key) * 0x9E3779B97F4A7C15u;
}

static unsigned deep_slot(const uint8_t *t, uint64_t slot)
{
    return t[slot >> 2] >> (2 * (slot & 3)) & 3u;
}

/* Makes out->deep from d; none when some match may start with anything or none is known. */
static int deep_build(const struct dset *d, struct sa__prefix *out)
{
    size_t count[SA__DEEP] = {0}, bytes = 0;
    unsigned longest = 0, lg[SA__DEEP] = {0};
    for (size_t i = 0; i < d->n; i++) {
        unsigned len = DV(d)[i].len;
        if (!len) return SA_OK;
        for (unsigned l = 0; l < len; l++) count[l]++;
        if (len > longest) longest = len;
    }
    if (!longest) return SA_OK;
    for (unsigned l = 0; l < longest; l++) {
        lg[l] = 8;
        while (lg[l] < 20 && (size_t)1 << lg[l] < 16 * count[l]) lg[l]++;
        bytes += (size_t)1 << (lg[l] - 2);
    }
    struct sa__deep *dp = sa__calloc(1, sizeof *dp + bytes);
    if (!dp) return SA_ENOMEM;
    uint8_t *at = (uint8_t *)(dp + 1);
    dp->longest = longest;
    for (unsigned l = 0; l < longest; l++) {
        dp->shift[l] = (uint8_t)(64 - lg[l]);
        dp->slots[l] = at;
        at += (size_t)1 << (lg[l] - 2);
    }
    for (size_t i = 0; i < d->n; i++) {
        const struct dseq *x = &DV(d)[i];
        uint64_t h = 0;
        for (unsigned l = 0; l < x->len; l++) {
            h = deep_hash(h, x->k[l]);
            uint64_t slot = h >> dp->shift[l];
            unsigned what = l + 1 < x->len ? DEEP_ON : DEEP_END;
            dp->slots[l][slot >> 2] |= (uint8_t)(what << (2 * (slot & 3)));
        }
    }
    out->deep = dp;
    return SA_OK;
}

static void fold2_ready(void);

int sa__prefix_analyse(const char *pat, size_t len, struct sa__prefix *out)
{
    fold2_ready(); /* for sa__prefix_deep, which reads with it */
    memset(out, 0, sizeof *out);
    struct reader r = {.s = pat, .e = pat + len, .stretch = 1};
    struct f2 f;
    read_alt(&r, &f);
    if (r.s != r.e && !r.bad) r.bad = 1; /* an unmatched ")" */
    int rc = r.bad == SA_ENOMEM ? SA_ENOMEM : SA_OK;
    out->stretch_safe = !r.bad && r.stretch;
    if (r.bad || f.l1.wild || f.p.wild_first) goto out;
    out->pair = sa__calloc(1, 8192);
    if (!out->pair) {
        rc = SA_ENOMEM;
        goto out;
    }
    int words = 1;
    for (size_t i = 0; i < f.l1.n; i++) {
        set_bit(out->first, h12(f.l1.v[i]));
        set_bit(out->single, h12(f.l1.v[i]));
        words &= is_word(f.l1.v[i]);
    }
    for (size_t i = 0; i < f.p.n; i++) {
        uint32_t a = (uint32_t)(f.p.v[i] >> 32), b = (uint32_t)f.p.v[i];
        set_bit(out->first, h12(a));
        if (b == K_WILD)
            set_bit(out->single, h12(a));
        else
            set_bit(out->pair, h16(a, b));
        words &= is_word(a);
    }
    /* a key's word start is a row whose character before is not surely \w (is_word) */
    out->word_start = (f.bstart && words) || f.nwb;
    for (size_t i = 0; i < sizeof out->first; i += 8) {
        uint64_t w;
        memcpy(&w, out->first + i, 8);
        if (w) out->first_words[out->nfirst_words++] = (uint8_t)(i / 8);
    }
    for (unsigned j = 0; j < out->nfirst_words; j++)
        for (uint32_t h = out->first_words[j] * 64u, e = h + 64; h < e; h++) {
            if (!(out->first[h >> 3] & (1u << (h & 7)))) continue;
            out->first_bloom |= (uint64_t)1 << (h & 63);
            if (out->nfirsts < SA__FIRSTS) out->firsts[out->nfirsts] = (uint16_t)h;
            if (out->nfirsts <= SA__FIRSTS) out->nfirsts++;
        }
    if ((!f.t.over && third_chars(&f, out) != SA_OK) || deep_build(&f.d, out) != SA_OK) {
        sa__prefix_release(out);
        rc = SA_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < sizeof out->single; i++) out->has_single |= out->single[i] != 0;
    rc = list_pairs(out);
    out->usable = rc == SA_OK;
    if (rc != SA_OK) sa__prefix_release(out); /* the caller keeps nothing of a failed analysis */
out:
    f2_release(&f);
    return rc;
}

void sa__prefix_release(struct sa__prefix *p)
{
    sa__free(p->deep);
    sa__free(p->pair);
    sa__free(p->pairs);
    sa__free(p->pair_set);
    sa__free(p->tri16);
    memset(p, 0, sizeof *p);
}

/* Sets bit in out[h] for every h of the bitmap bm (n bytes, a multiple of 8). */
static void spread(const uint8_t *bm, size_t n, uint8_t *out, unsigned bit)
{
    for (size_t i = 0; i < n; i += 8) {
        uint64_t w;
        memcpy(&w, bm + i, 8);
        if (!w) continue; /* most words are empty */
        for (size_t j = i; j < i + 8; j++)
            for (unsigned b = bm[j]; b; b &= b - 1) out[j * 8 + (unsigned)__builtin_ctz(b)] |= bit;
    }
}

void sa__starts_add(struct sa__starts *st, const struct sa__prefix *p)
{
    if (!p->usable) return;
    st->sealed = 0; /* the ASCII table no longer says all: sa__starts_seal makes it again */
    unsigned bit = p->word_start ? 2 : 1;
    spread(p->single, sizeof p->single, st->single, bit);
    spread(p->pair, 8192, st->pair, bit);
    /* the pairs after which p may match anything: its open ones, or all when it has no third
     * characters (the 12 bits of open stand for every pair that shares them, as in
     * sa__prefix_third) */
    if (!p->has_tri) {
        spread(p->pair, 8192, st->pair, SA__START_ANY3);
        return;
    }
    for (size_t i = 0; i < 8192; i += 8) {
        uint64_t w;
        memcpy(&w, p->pair + i, 8);
        if (!w) continue; /* most words are empty */
        for (size_t j = i; j < i + 8; j++)
            for (unsigned b = p->pair[j]; b; b &= b - 1) {
                unsigned h2 = (unsigned)(j * 8 + (unsigned)__builtin_ctz(b)), o = h2 & SA__TRI_MASK;
                if ((p->open[o >> 3] >> (o & 7)) & 1) st->pair[h2] |= SA__START_ANY3;
            }
    }
    for (uint32_t i = 0; i < p->ntri16; i++) set_bit(st->tri, p->tri16[i]);
}

void sa__starts_merge(struct sa__starts *st, const struct sa__starts *from)
{
    st->sealed = 0;
    for (size_t i = 0; i < sizeof st->single; i++) st->single[i] |= from->single[i];
    for (size_t i = 0; i < sizeof st->pair; i++) st->pair[i] |= from->pair[i];
    for (size_t i = 0; i < sizeof st->tri; i++) st->tri[i] |= from->tri[i];
}

/* 1 when a row that starts_at() let through may start a search of st: its first character is
 * a single-character start (which needs no more), its pair lets anything follow, or its first
 * three characters are some search's. h3v: the row's h3. */
static inline int keeps_third(const struct sa__starts *st, unsigned h, unsigned h2, unsigned h3v,
                              unsigned ws)
{
    return (st->single[h] & (ws ? 3u : 1u)) || (st->pair[h2] & SA__START_ANY3) ||
           ((st->tri[h3v >> 3] >> (h3v & 7)) & 1);
}

/* 1 when some search of st may start at a row of (h12 h, h16 h2); ws: the row is a word start
 * (SA__KEY_WORDSTART or 0). */
static inline int starts_at(const struct sa__starts *st, unsigned h, unsigned h2, unsigned ws)
{
    unsigned may = st->single[h] | st->pair[h2];
    return (may & (ws ? 3u : 1u)) != 0;
}

/* ---- the text side ---- */

/* The key of the character at s[i] (len > i), and its length in *q: 1 for an invalid byte,
 * whose key is WILD (PCRE2 matches no character there, so any guess is safe). */
/* fold() of every one- and two-byte character (below U+0800: ASCII, Latin, Greek, Cyrillic,
 * Armenian), made once: the text side asks it for nearly every character of most pages. */
static uint32_t fold2[0x800];
static uint8_t word2[0x800];     /* is_word() of the keys below U+0800 */
static uint8_t word_ascii[0x80]; /* is_word() of an ASCII character's key (digits' too) */
static uint8_t bit_after[0x80];  /* the bit of sa__starts.ascii for the position after it */
static pthread_once_t fold2_once = PTHREAD_ONCE_INIT;

static void fold2_init(void)
{
    for (uint32_t cp = 0; cp < 0x800; cp++) {
        fold2[cp] = fold(cp);
        word2[cp] = (uint8_t)is_word(cp);
    }
    for (uint32_t c = 0; c < 0x80; c++) {
        word_ascii[c] = (uint8_t)is_word(fold2[c]);
        bit_after[c] = word_ascii[c] ? 1 : 2;
    }
}

static void fold2_ready(void)
{
    pthread_once(&fold2_once, fold2_init);
}

static inline uint32_t key_at(const unsigned char *s, size_t len, size_t i, size_t *q)
{
    unsigned c = s[i];
    if (c < 0x80) {
        *q = 1;
        if (c - 'A' < 26u) return c + 32;
        if (c - '0' < 10u) return K_DIGIT;
        return c == ' ' || c - 9u < 5u ? K_SPACE : c;
    }
    if (c - 0xC2u < 30u && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
        *q = 2;
        return fold2[(c & 0x1Fu) << 6 | (s[i + 1] & 0x3Fu)];
    }
    if (c - 0xE0u < 16u && i + 2 < len && (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80 &&
        (c != 0xE0 || s[i + 1] >= 0xA0) && (c != 0xED || s[i + 1] < 0xA0)) {
        /* three bytes, as sa__utf8_seq accepts them: Thai, Armenian punctuation, CJK */
        *q = 3;
        return fold((c & 0x0Fu) << 12 | (s[i + 1] & 0x3Fu) << 6 | (s[i + 2] & 0x3Fu));
    }
    size_t k = sa__utf8_seq(s + i, len - i);
    *q = k ? k : 1;
    if (!k) return K_WILD;
    struct reader r = {.s = (const char *)s + i, .e = (const char *)s + i + k};
    return fold(next_cp(&r));
}

/* The index's buckets for a text of len bytes: about one for 32 bytes, some ten of the rows a
 * lexicon's keys keep (a third of a page's characters). A pair's list passes over the other
 * pairs' rows in its bucket with one comparison each (gather), while every bucket is a head to
 * clear, count and sum, in memory no cache holds (200-page bench shop: len / 8 -> len / 32,
 * -0.6% instructions, -3% data misses, the same candidates). */
static uint32_t index_buckets(size_t len)
{
    uint32_t nb = 256;
    while (nb < len / 32 && nb < 65536) nb *= 2;
    return nb;
}

/* A row's bucket: the rows that any search may start at go in the last one. */
static inline uint32_t bucket_of(struct sa__row r, uint32_t mask)
{
    return r.h1 & (SA__KEY_WILD1 | SA__KEY_WILD2) ? mask + 1 : r.h2 & mask;
}

/* Groups the rows all[0..n) by h2 (a counting sort, so each bucket stays in row order) into nb
 * buckets; head (nb + 2 entries) holds in head[b + 1] the rows of bucket b when counted, else
 * zeros. With need, only the rows with one of its flags are grouped (the word starts' index is
 * made from all the rows: they are not copied out on their own first). The index, its rows and
 * head are in a keys' block (layout_of). */
static void build_index(const struct sa__row *all, size_t n, unsigned need, struct sa__index *ix,
                        struct sa__row *rows, uint32_t *head, uint32_t nb, int counted)
{
    uint32_t mask = nb - 1;
    for (size_t j = 0; j < n && !counted; j++)
        if (!need || (all[j].h1 & need)) head[bucket_of(all[j], mask) + 1]++;
    /* the prefix sums make head[b] where bucket b begins */
    for (uint32_t b = 0; b <= nb; b++) head[b + 1] += head[b];
    /* filling moves each head[b] to the next bucket's start; shifting back restores them (rows
     * counted by rows_plain have no WILD flag) */
    if (counted && !need)
        for (size_t j = 0; j < n; j++) rows[head[all[j].h2 & mask]++] = all[j];
    else if (counted)
        for (size_t j = 0; j < n; j++) {
            if (all[j].h1 & need) rows[head[all[j].h2 & mask]++] = all[j];
        }
    else
        for (size_t j = 0; j < n; j++)
            if (!need || (all[j].h1 & need)) rows[head[bucket_of(all[j], mask)]++] = all[j];
    memmove(head + 1, head, (nb + 1) * sizeof *head);
    head[0] = 0;
    *ix = (struct sa__index){.mask = mask, .head = head, .rows = rows};
}

/* kq_of's rare characters, out of line so that the passes' loops stay small. */
static __attribute__((noinline)) uint64_t kq_slow(const unsigned char *s, size_t len, size_t i)
{
    size_t q;
    uint32_t key = key_at(s, len, i, &q);
    return key | (uint64_t)q << 32;
}

/* The key at s[i] in the low half, its length in bytes in the high one; K_END (and 0) at or
 * past the end. One value, not a length written through a pointer: the passes below then keep
 * every variable in a register. ASCII and two-byte characters, most of most pages, cost no
 * call. */
static inline uint64_t kq_of(const unsigned char *s, size_t len, size_t i)
{
    if (i >= len) return K_END;
    unsigned c = s[i];
    if (c < 0x80) return fold2[c] | (uint64_t)1 << 32;
    if (c - 0xC2u < 30u && i + 1 < len && (s[i + 1] & 0xC0) == 0x80)
        return fold2[(c & 0x1Fu) << 6 | (s[i + 1] & 0x3Fu)] | (uint64_t)2 << 32;
    return kq_slow(s, len, i);
}

/* starts_at() of every ASCII pair, for keys_build's ASCII step (rows_plain_). */
void sa__starts_seal(struct sa__starts *st)
{
    pthread_once(&fold2_once, fold2_init);
    for (unsigned b0 = 0; b0 < 0x80; b0++)
        for (unsigned b1 = 0; b1 < 0x80; b1++) {
            unsigned h = h12(fold2[b0]), h2 = h16(fold2[b0], fold2[b1]);
            st->ascii[b0 << 7 | b1] =
                (uint8_t)(starts_at(st, h, h2, 0) | starts_at(st, h, h2, SA__KEY_WORDSTART) << 1);
        }
    st->sealed = 1;
}

int sa__prefix_deep(const struct sa__prefix *p, const char *s, size_t n, size_t at)
{
    const struct sa__deep *dp = p->deep;
    if (!dp) return 1; /* p was analysed, so fold2 is made: no pthread_once on this hot path */
    const unsigned char *u = (const unsigned char *)s;
    uint64_t h = 0;
    for (unsigned l = 0, longest = dp->longest; l < longest; l++) {
        if (at >= n) return 0; /* the subject ends: no longer match fits */
        uint64_t kq = kq_of(u, n, at);
        if ((uint32_t)kq == K_WILD) return 1;
        h = deep_hash(h, (uint32_t)kq);
        unsigned what = deep_slot(dp->slots[l], h >> dp->shift[l]);
        if (what != DEEP_ON) return what != 0; /* DEEP_END, with DEEP_ON or not: 1; neither: 0 */
        at += (size_t)(kq >> 32);
    }
    return 0;
}

/* The end of the run of ASCII bytes that starts at s[i]: the first byte from i on that is not
 * ASCII, or len. Eight bytes at a time. */
static size_t ascii_end(const unsigned char *s, size_t i, size_t len)
{
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        w &= 0x8080808080808080u;
        if (w) return i + (size_t)__builtin_ctzll(w) / 8; /* the lowest byte is the first */
    }
    while (i < len && s[i] < 0x80) i++;
    return i;
}

/* sa__keys_build's pass for a text without a WILD character, nearly every page: no row then
 * has a WILD flag, and a word starts wherever the character before is not a word character.
 * With head, counts the index's buckets too (see build_index). 0 as soon as a WILD character
 * turns up (the general pass then starts over). */
static inline __attribute__((always_inline)) int
rows_plain_(const unsigned char *u, size_t len, const struct sa__starts *st, struct sa__keys *k,
            uint8_t *bits, uint32_t *head, uint32_t mask, const int counting)
{
    /* locals, not k's fields: the bitmaps' byte stores could alias them, forcing reloads */
    struct sa__row *all = k->all, *wsrows = k->ws, *r = all, *w = wsrows;
    uint64_t c0 = 0, c1 = 0;
    size_t i = 0;
    int prev_word = 0, synced = 0; /* synced: c0 and c1 are the keys at i and after it */
    const uint8_t *ascii = st && st->sealed ? st->ascii : NULL;
    size_t aend = 0; /* bytes [i, aend) are ASCII, when i < aend */
    while (i < len) {
        uint32_t cur, next, next2, h, h2, ws;
        size_t at;
        if (ascii && i + 1 < len && (u[i] | u[i + 1]) < 0x80) {
            /* ASCII: most positions (inside words, spaces) keep no row, and a byte pair's
             * lookup tells so without decoding, folding and hashing (200-page bench shop: 63%
             * of the characters; the pass -21% instructions, the audit -3.5%). The positions
             * that keep none are passed in a loop of their own, a byte at a time, until one
             * keeps a row or the pair is no longer ASCII. Bit 0 of ascii holds inside a word,
             * bit 1 at a word start. */
            if (i + 1 >= aend) aend = ascii_end(u, i, len);
            const unsigned char *p = u + i, *last = u + aend - 1;
            unsigned b0 = p[0], b1 = p[1], bit = prev_word ? 1u : 2u, keep;
            for (;;) {
                if ((keep = ascii[b0 << 7 | b1] & bit)) break;
                bit = bit_after[b0];
                if (++p >= last) break;
                b0 = b1;
                b1 = p[1];
            }
            i = (size_t)(p - u);
            prev_word = bit == 1;
            synced = 0;
            if (!keep) continue; /* the general step takes position i, if any is left */
            ws = bit == 1 ? 0 : SA__KEY_WORDSTART;
            prev_word = word_ascii[b0];
            at = i + 1;
            cur = fold2[b0];
            next = fold2[b1];
            next2 = (uint32_t)kq_of(u, len, i + 2);
            h = h12(cur);
            h2 = h16(cur, next);
        } else {
            ws = prev_word ? 0 : SA__KEY_WORDSTART;
            if (!synced) {
                c0 = kq_of(u, len, i);
                c1 = kq_of(u, len, i + (size_t)(c0 >> 32));
                synced = 1;
            }
            cur = (uint32_t)c0;
            next = (uint32_t)c1;
            if (cur == K_WILD) return 0; /* every character is cur once */
            at = i + (size_t)(c0 >> 32);
            uint64_t c2 = kq_of(u, len, at + (size_t)(c1 >> 32));
            next2 = (uint32_t)c2;
            h = h12(cur);
            h2 = h16(cur, next);
            prev_word = cur < 0x800 ? word2[cur] : is_word(cur);
            c0 = c1;
            c1 = c2;
            if (st && !starts_at(st, h, h2, ws)) {
                i = at;
                continue;
            }
        }
        uint32_t t3 = h3(cur, next, next2);
        if (st && !keeps_third(st, h, h2, t3, ws)) {
            i = at;
            continue;
        }
        *r = (struct sa__row){(uint32_t)i, (uint16_t)(h | ws), (uint16_t)h2, (uint16_t)t3};
        if (counting) head[(h2 & mask) + 1]++;
        if (bits) set_bit(bits, h);
        if (ws) {
            if (bits) set_bit(bits + SA__PRESENT, h);
            /* an indexed text's word starts are read from their index, made from all */
            if (counting)
                head[mask + 3 + (h2 & mask) + 1]++; /* the word starts' heads */
            else
                *w++ = *r;
        }
        r++;
        i = at;
    }
    k->n = (size_t)(r - all);
    k->nws = (size_t)(w - wsrows);
    return 1;
}

static int rows_plain(const unsigned char *u, size_t len, const struct sa__starts *st,
                      struct sa__keys *k, uint8_t *bits, uint32_t *head, uint32_t mask)
{
    return head ? rows_plain_(u, len, st, k, bits, head, mask, 1)
                : rows_plain_(u, len, st, k, bits, NULL, mask, 0);
}

/* The layout of a block: the two indexes, the two present bitmaps, the rows, the word-start
 * rows, the indexes' rows (len + 1 of each: a row per byte at most; the unused tail is a small
 * price for a single pass) and their heads, the word starts' right after the others'. */
struct layout {
    size_t ws, ixrows, ixwsrows, head, size;
};
#define BLOCK_BITS (2 * sizeof(struct sa__index))
#define BLOCK_ROWS (BLOCK_BITS + 2 * SA__PRESENT)

static struct layout layout_of(size_t len, int indexed, uint32_t nb)
{
    struct layout l;
    size_t rows = (len + 1) * sizeof(struct sa__row), at = BLOCK_ROWS;
    l.ws = at + rows;
    l.ixrows = l.ws + rows;
    l.ixwsrows = l.ixrows + rows;
    l.head = indexed ? l.ixwsrows + rows : l.ixrows;
    l.size = indexed ? l.head + 2 * (nb + 2) * sizeof(uint32_t) : l.head;
    return l;
}

/* The layout of a block of cap bytes (at least layout_of's size) for a text of len: the arrays
 * share out the whole block and the heads take its end, so that in a kept block they start at
 * the same places whatever the text's length. A text touches only the rows it keeps, a part
 * of each array's start, and the next text the same pages again: laid out by each text's
 * length, the arrays moved over the block from page to page until every page of it had been
 * faulted in and stayed resident. */
static struct layout layout_in(size_t len, int indexed, uint32_t nb, size_t cap)
{
    struct layout l = layout_of(len, indexed, nb);
    if (cap <= l.size) return l;
    size_t heads = indexed ? 2 * (nb + 2) * sizeof(uint32_t) : 0, at = BLOCK_ROWS;
    size_t narrays = indexed ? 4 : 2, sz = sizeof(struct sa__row);
    /* room for the heads of the longest text the block holds, so that the arrays' places do
     * not depend on this one's buckets either (8: the heads' alignment) */
    size_t most = indexed ? 2 * (index_buckets(cap / (narrays * sz)) + 2) * sizeof(uint32_t) : 0;
    if (most < heads) most = heads;
    if (cap - l.size < most - heads + 8) return l; /* no room to spare for them */
    size_t rows = (cap - at - most - 8) / narrays / sz * sz;
    l.ws = at + rows;
    l.ixrows = l.ws + rows;
    l.ixwsrows = l.ixrows + rows;
    l.head = indexed ? (cap - heads) & ~(size_t)7 : l.ixrows;
    l.size = cap;
    return l;
}

int sa__keys_build(const char *s, size_t len, struct sa__keys *k, struct sa__row *buf, size_t cap)
{
    return sa__keys_build_for(s, len, NULL, k, buf, cap);
}

/* Blocks kept in a spare: from glibc's default mmap threshold (smaller ones come back from its
 * heap without faults) up to a text of some 170 000 characters, so that one hostile page does
 * not pin its memory for the rest of the audit. */
#define SPARE_MIN ((size_t)128 << 10)
#define SPARE_MAX ((size_t)8 << 20)

static int keys_build(const char *s, size_t len, const struct sa__starts *st, struct sa__keys *k,
                      struct sa__row *buf, size_t cap, struct sa__spare *sp);

int sa__keys_build_for(const char *s, size_t len, const struct sa__starts *st, struct sa__keys *k,
                       struct sa__row *buf, size_t cap)
{
    return keys_build(s, len, st, k, buf, cap, NULL);
}

int sa__keys_build_spare(const char *s, size_t len, const struct sa__starts *st, struct sa__keys *k,
                         struct sa__spare *sp)
{
    return keys_build(s, len, st, k, NULL, 0, sp);
}

void sa__keys_release_spare(struct sa__keys *k, struct sa__spare *sp)
{
    if (!k->borrowed && k->block && k->cap >= SPARE_MIN && k->cap <= SPARE_MAX &&
        k->cap > sp->size) {
        sa__spare_free(sp);
        sp->block = k->block;
        sp->size = k->cap;
        sa__poison(sp->block, sp->size); /* idle: a read through released keys reports */
        memset(k, 0, sizeof *k);
        return;
    }
    sa__keys_release(k);
}

void sa__spare_free(struct sa__spare *sp)
{
    if (sp->block) sa__unpoison(sp->block, sp->size);
    sa__free(sp->block);
    *sp = (struct sa__spare){0};
}

/* sp's block when it holds size bytes, taken out of sp (its size in *got); NULL otherwise. */
static void *spare_take(struct sa__spare *sp, size_t size, size_t *got)
{
    if (!sp->block || sp->size < size) return NULL;
    void *b = sp->block;
    *got = sp->size;
    *sp = (struct sa__spare){0};
    sa__unpoison(b, *got);
    return b;
}

static int keys_build(const char *s, size_t len, const struct sa__starts *st, struct sa__keys *k,
                      struct sa__row *buf, size_t cap, struct sa__spare *sp)
{
    pthread_once(&fold2_once, fold2_init);
    memset(k, 0, sizeof *k);
    const unsigned char *u = (const unsigned char *)s;
    /* a long text gets an index */
    uint32_t nb = index_buckets(len);
    int indexed = 0;
    uint32_t *head = NULL;
    char *block = NULL;
    uint8_t *bits = NULL;
    struct layout l = {0};
    if (buf && cap / 2 >= len + 1) {
        k->all = buf;
        k->ws = buf + len + 1;
        k->borrowed = 1;
    } else {
        /* four arrays of rows and the heads (at most 512 KiB) must fit a size_t */
        if (len > (SIZE_MAX / sizeof(struct sa__row) - 65536) / 4 - 1) return SA_ENOMEM;
        indexed = len >= SA__INDEX_MIN;
        l = layout_of(len, indexed, nb);
        /* one allocation, not one per array: glibc then serves the next page's keys from the
         * memory this page's gave back instead of fresh pages to fault in (page faults of a
         * 2 000-page audit: 100 000 -> 30 000) */
        if (!sp || l.size < SPARE_MIN || !(block = spare_take(sp, l.size, &k->cap))) {
            /* A block for the spare with room to spare: each larger block is fresh memory,
             * faulted in a page at a time (2 000-page bench shop, one page thread: 8 new
             * blocks, some 5 000 faults, more than half the audit's). Pages never touched cost
             * nothing (layout_in). */
            size_t want = sp && l.size >= SPARE_MIN ? l.size + l.size / 2 : l.size;
            if (want > SPARE_MAX && l.size <= SPARE_MAX) want = SPARE_MAX;
            block = sa__malloc(want);
            k->cap = want;
        }
        if (!block) return SA_ENOMEM;
        l = layout_in(len, indexed, nb, k->cap);
        k->block = block;
        k->all = (struct sa__row *)(block + BLOCK_ROWS);
        k->ws = (struct sa__row *)(block + l.ws);
        bits = (uint8_t *)block + BLOCK_BITS;
        memset(bits, 0, 2 * SA__PRESENT);
        k->present = bits;
        k->present_ws = bits + SA__PRESENT;
        if (indexed) {
            head = (uint32_t *)(block + l.head);
            memset(head, 0, 2 * (nb + 2) * sizeof *head);
        }
    }
    int counted = rows_plain(u, len, st, k, bits, head, nb - 1);
    if (counted) goto done;
    if (bits) memset(bits, 0, 2 * SA__PRESENT);
    if (head) memset(head, 0, 2 * (nb + 2) * sizeof *head);
    /* three characters in view, each with its length in bytes (kq_of): cur at i, next, next2 */
    size_t n = 0, nws = 0, i = 0;
    uint64_t c0 = kq_of(u, len, 0), c1 = kq_of(u, len, (size_t)(c0 >> 32));
    int prev_word = 0, prev_wild = 0;
    while (i < len) {
        uint32_t cur = (uint32_t)c0, next = (uint32_t)c1;
        size_t at = i + (size_t)(c0 >> 32);
        uint64_t c2 = kq_of(u, len, at + (size_t)(c1 >> 32));
        uint32_t next2 = (uint32_t)c2;
        unsigned h = h12(cur);
        unsigned fl = (cur == K_WILD ? SA__KEY_WILD1 : 0) | (next == K_WILD ? SA__KEY_WILD2 : 0) |
                      (next2 == K_WILD ? SA__KEY_WILD3 : 0) |
                      (prev_wild || !prev_word ? SA__KEY_WORDSTART : 0);
        struct sa__row r = {(uint32_t)i, (uint16_t)(h | fl), (uint16_t)h16(cur, next),
                            (uint16_t)h3(cur, next, next2)};
        k->wild |= cur == K_WILD;
        prev_wild = cur == K_WILD;
        prev_word = is_word(cur);
        c0 = c1;
        c1 = c2;
        i = at;
        if (st && !(fl & (SA__KEY_WILD1 | SA__KEY_WILD2)) &&
            (!starts_at(st, h, r.h2, fl & SA__KEY_WORDSTART) ||
             (!(fl & SA__KEY_WILD3) && !keeps_third(st, h, r.h2, r.h3, fl & SA__KEY_WORDSTART))))
            continue;
        k->all[n++] = r;
        if (bits) set_bit(bits, h);
        if (fl & (SA__KEY_WORDSTART | SA__KEY_WILD1)) {
            if (bits) set_bit(bits + SA__PRESENT, h);
            if (!indexed) k->ws[nws++] = r;
        }
    }
    k->n = n;
    k->nws = nws;
done:
    k->all[k->n] = (struct sa__row){.off = (uint32_t)len};
    if (indexed && k->n >= SA__INDEX_MIN) {
        struct sa__index *ix = (struct sa__index *)block;
        build_index(k->all, k->n, 0, ix, (struct sa__row *)(block + l.ixrows), head, nb, counted);
        build_index(k->all, k->n, SA__KEY_WORDSTART | SA__KEY_WILD1, ix + 1,
                    (struct sa__row *)(block + l.ixwsrows), head + nb + 2, nb, counted);
        k->ix = ix;
        k->ix_ws = ix + 1;
        k->ws = NULL;
        k->nws = 0;
    } else if (indexed) {
        /* too few rows kept for an index: the word starts are copied out after all */
        size_t m = 0;
        for (size_t j = 0; j < k->n; j++)
            if (k->all[j].h1 & (SA__KEY_WORDSTART | SA__KEY_WILD1)) k->ws[m++] = k->all[j];
        k->nws = m;
    }
    return SA_OK;
}

void sa__keys_release(struct sa__keys *k)
{
    if (!k->borrowed) sa__free(k->block);
    memset(k, 0, sizeof *k);
}

void sa__keys_view(const struct sa__keys *whole, size_t at, size_t len, struct sa__keys *out)
{
    memset(out, 0, sizeof *out);
    out->borrowed = 1;
    out->base = at;
    size_t lo = sa__keys_find(whole->all, whole->n, at);
    size_t hi = sa__keys_find(whole->all, whole->n, at + len);
    out->all = whole->all + lo;
    out->n = hi - lo;
    out->ix = whole->ix;
    out->ix_ws = whole->ix_ws;
    if (whole->ws) {
        size_t wlo = sa__keys_find(whole->ws, whole->nws, at);
        size_t whi = sa__keys_find(whole->ws, whole->nws, at + len);
        out->ws = whole->ws + wlo;
        out->nws = whi - wlo;
    }
    /* Whole's bitmaps are a superset of the stretch's, and the bitmaps only ever rule
     * searches out. A stretch's own cost a kilobyte written for every block a check asks
     * about, and more than the searches they rule out that whole's do not (200-page bench
     * shop, the stretch's own bitmaps for those of up to 256 rows: +0.9% instructions, +7%
     * of the cache misses on writes). */
    out->present = whole->present;
    out->present_ws = whole->present_ws;
    /* but a WILD character (an invalid byte, U+00B5) elsewhere in the text must not make every
     * search a candidate in every stretch */
    for (size_t j = 0; whole->wild && j < out->n && !out->wild; j++)
        out->wild = (out->all[j].h1 & SA__KEY_WILD1) != 0;
}

int sa__prefix_may(const struct sa__prefix *p, const struct sa__keys *k)
{
    if (k->wild) return 1;
    /* a short subject: its rows are fewer than the words of the bitmaps to compare, or it
     * has no bitmaps */
    unsigned need;
    size_t n;
    const struct sa__row *rows = sa__keys_rows(k, p->word_start, &n, &need);
    const uint8_t *have = p->word_start ? k->present_ws : k->present;
    if (!have || n < p->nfirst_words) {
        for (size_t i = 0; i < n; i++)
            if ((!need || (rows[i].h1 & need)) && sa__prefix_first(p, rows[i].h1 & SA__KEY_H12))
                return 1;
        return 0;
    }
    if (p->nfirsts <= SA__FIRSTS) {
        /* the text's bitmap is read wherever a first character of p falls (a dozen bits at
         * most), and p's own first bitmap not at all */
        for (unsigned j = 0; j < p->nfirsts; j++)
            if (have[p->firsts[j] >> 3] & (1u << (p->firsts[j] & 7))) return 1;
        return 0;
    }
    for (unsigned j = 0; j < p->nfirst_words; j++) {
        size_t i = (size_t)p->first_words[j] * 8;
        uint64_t f, h; /* same byte layout on both sides: endianness does not matter */
        memcpy(&f, p->first + i, 8);
        memcpy(&h, have + i, 8);
        if (f & h) return 1;
    }
    return 0;
}

/* ---- candidates from the index ---- */

size_t sa__u32_lower_bound(const uint32_t *v, size_t lo, size_t hi, uint32_t x)
{
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Adds bucket b's rows from row on, unless none is left; 0 when the lists are full. */
static int add_list(struct sa__cands *c, const struct sa__index *ix, uint32_t b, uint32_t from,
                    uint32_t pair)
{
    uint32_t lo = ix->head[b], hi = ix->head[b + 1];
    /* a search from a whole text's start needs no search in the list */
    if (lo < hi && ix->rows[lo].off < from)
        lo += (uint32_t)sa__keys_find(ix->rows + lo, hi - lo, from);
    if (lo == hi || ix->rows[lo].off >= c->end) return 1;
    if (c->n == SA__CANDS_LISTS) return 0;
    c->cur[c->n] = lo;
    c->stop[c->n] = hi;
    c->pair[c->n] = pair;
    c->n++;
    return 1;
}

int sa__cands_init(struct sa__cands *c, const struct sa__prefix *p, const struct sa__keys *k,
                   size_t from, size_t upto)
{
    const struct sa__index *ix = p->word_start ? k->ix_ws : k->ix;
    if (!ix || p->has_single || !p->pairs) return 0;
    uint32_t at = (uint32_t)(k->base + from);
    c->p = p;
    c->rows = ix->rows;
    c->base = k->base;
    c->end = k->all[k->n].off;
    if (upto < c->end - k->base) c->end = (uint32_t)(k->base + upto);
    c->win = at;
    c->span = SA__CANDS_SPAN;
    c->n = c->nbuf = c->next = 0;
    /* Two pairs may share a bucket: its rows then go in twice, once for each pair, and each
     * time give the rows of that pair only (gather). */
    if (!add_list(c, ix, ix->mask + 1, at, SA__ANY_PAIR)) return 0;
    for (uint32_t i = 0; i < p->npairs; i++)
        if (!add_list(c, ix, p->pairs[i] & ix->mask, at, p->pairs[i])) return 0;
    return 1;
}

/* Gathers the offsets of the candidates at [c->win, w) in c->buf, sorted and without repeats; 0
 * (and nothing moved) when they do not fit. */
static int gather(struct sa__cands *c, uint32_t w)
{
    uint32_t upto[SA__CANDS_LISTS], run[SA__CANDS_LISTS + 1], tmp[SA__CANDS_BUF];
    unsigned nb = 0, nrun = 0;
    for (unsigned i = 0; i < c->n; i++) {
        uint32_t j = c->cur[i], pair = c->pair[i];
        unsigned was = nb;
        for (; j < c->stop[i] && c->rows[j].off < w; j++) {
            /* a search that starts at \b reads the word starts' index: its rows are all word
             * starts (or WILD1), so no row needs that test here */
            struct sa__row row = c->rows[j];
            /* A pair's list keeps the rows of its own pair: a row of another pair that shares
             * the bucket comes in that pair's list (and one of no pair of p in none), so the
             * pair's test is a comparison */
            if (pair != SA__ANY_PAIR ? row.h2 != pair || !sa__prefix_paired(c->p, row)
                                     : !sa__prefix_cand(c->p, row))
                continue;
            if (nb == SA__CANDS_BUF) return 0;
            c->buf[nb++] = row.off;
        }
        if (nb > was) run[nrun++] = was;
        upto[i] = j;
    }
    memcpy(c->cur, upto, c->n * sizeof *upto);
    /* each list gave a sorted run: merge them two by two (usually there are one to three) */
    run[nrun] = nb;
    uint32_t *from = c->buf, *to = tmp;
    while (nrun > 1) {
        unsigned m = 0;
        for (unsigned r = 0; r < nrun; r += 2) {
            unsigned a = run[r], ae = run[r + 1], b = ae, be = r + 2 <= nrun ? run[r + 2] : ae;
            unsigned o = a;
            while (a < ae && b < be) to[o++] = from[a] <= from[b] ? from[a++] : from[b++];
            while (a < ae) to[o++] = from[a++];
            while (b < be) to[o++] = from[b++];
            run[m++] = run[r];
        }
        run[m] = nb;
        nrun = m;
        uint32_t *t = from;
        from = to;
        to = t;
    }
    unsigned o = 0;
    for (unsigned i = 0; i < nb; i++)
        if (o == 0 || from[i] != c->buf[o - 1]) c->buf[o++] = from[i];
    c->nbuf = o;
    c->next = 0;
    c->win = w;
    return 1;
}

int sa__cands_next(struct sa__cands *c, size_t *off)
{
    while (c->next == c->nbuf) {
        if (c->win >= c->end || c->n == 0) return 0;
        /* A span of the text at a time, twice the last: a search stops at its first match,
         * and the rows past it were read for nothing (200-page bench shop, all that was left
         * at once: 2.34 M rows read, 1.71 M by spans from 1 KiB, for the same 418 000
         * candidates). Halved until its candidates fit; a single byte fits. */
        uint32_t step = c->end - c->win;
        if (step > c->span) step = c->span;
        c->span = c->span <= UINT32_MAX / 2 ? c->span * 2 : UINT32_MAX;
        while (!gather(c, c->win + step)) step = step / 2 ? step / 2 : 1;
    }
    *off = c->buf[c->next++] - c->base;
    return 1;
}

size_t sa__keys_find(const struct sa__row *rows, size_t n, size_t at)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (rows[mid].off < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
