/* The lexicon's prefilter: which positions of a text may start a match of a compiled search,
 * judged from the first two characters the search can consume. PCRE2's own start bitmap looks
 * at one byte, so on a page in the search's script nearly every position is a candidate and
 * each costs a full try of a long alternation; two case-folded characters (and, for searches
 * that begin with \b, the word start) rule out almost all of them for the price of a few table
 * lookups, the third character most of the rest, and the first six (sa__prefix_deep) nearly
 * all the positions left where no match starts. The answers are a superset: every position where
 * the search matches is a candidate (see lexicon_prefix.c for why), so filtered searches give
 * exactly the unfiltered answers. */
#ifndef SA_LEXICON_PREFIX_H
#define SA_LEXICON_PREFIX_H

#include <stddef.h>
#include <stdint.h>

#define SA__FIRSTS 24

/* What one pattern can start with. usable == 0: anything (the prefilter does not apply).
 * Every search of a page's texts reads this, and the lexicon has some 300 of them, more than a
 * core's L2 holds: the fields each question reads come first, in the first three cache lines,
 * and the bitmaps after them in the order they are read. */
struct sa__prefix {
    int usable;
    int word_start;       /* every match starts where a key's word does: at \b before a word
                           * character, or after (?<![\w...]) */
    int has_single;       /* some bit of single is set (one search in the lexicon) */
    int has_tri;          /* open and tri are known (see below) */
    int stretch_safe;     /* see below */
    uint8_t nfirst_words; /* the words of first that are not zero (first_words) */
    /* The first characters (first's bits) as h12 values, ascending, when at most SA__FIRSTS
     * (nfirsts = SA__FIRSTS + 1 otherwise), and a Bloom word of their h12 & 63: the tests of
     * first read these before first itself (a search has 1 to 22 first characters). */
    uint8_t nfirsts;
    uint16_t firsts[SA__FIRSTS];
    uint64_t first_bloom;
    uint32_t npairs;
    /* The pairs as a Bloom filter of h16 & 255 and a hash table of h16 + 1 (0: empty slot,
     * pair_mask + 1 slots, at most half full), when pairs lists them: sa__prefix_pair reads
     * these instead of pair. A search has a few dozen pairs at most, so the 8 KiB bitmap of
     * each search (2.4 MiB in all, over twice a core's L2) cost a cache miss at most of the
     * rows a search looked at. */
    uint64_t pair_bloom[4];
    uint32_t *pair_set;
    uint32_t pair_mask;
    uint16_t *pairs; /* the h16 set in pair, when few enough to look up one by one */
    uint8_t *pair;   /* 8 KiB, h16(c1, c2): the first two characters may start a match */
    /* The first SA__DEEP characters of its matches, when the reader could tell them (NULL
     * otherwise): asked at the candidates the filters above let through (sa__prefix_deep). */
    struct sa__deep *deep;
    /* the 8-byte words of first that are not zero, in order: a subject's bitmaps are compared
     * with these only (a search's first characters are few) */
    uint8_t first_words[64];
    uint8_t first[512];  /* h12(c1): the first character may start a match */
    uint8_t single[512]; /* h12(c1): a match may start with c1 whatever follows it */
    /* The third character, when the reader could tell the first three (has_tri): a position
     * whose pair is in pair passes when the pair is open (h16 & SA__TRI_MASK: a two-character
     * match, or anything may follow it), or when its first three characters are in tri (h3 &
     * SA__TRI_MASK). */
    uint8_t open[512];
    uint8_t tri[512];
    /* h3 of each of those first three characters in full (tri keeps 12 bits of it): what keys
     * made for a set of searches test a row against (sa__starts.tri). Never read by a search. */
    uint16_t *tri16;
    uint32_t ntri16;
    /* stretch_safe: asked about a stretch of a text that lies between two '\n' (or the text's
     * ends), the search answers as it does about the whole text from the stretch's start,
     * whenever that answer ends inside the stretch: it has no anchors, and no lookaround,
     * atomic group or possessive repeat that may read a '\n'. (Then every way through the
     * pattern that stays in the stretch reads the same characters in both subjects, in the
     * same order of preference; only ways that read across the '\n' differ, and those show as
     * an answer that ends past the stretch.) Known whether or not the prefilter is usable. */
};
#define SA__TRI_MASK 0x0FFFu
#define SA__DEEP     6 /* characters of a match's start that sa__prefix_deep compares */

/* Works out what pat[0..len) can start with. SA_OK (usable or not) or SA_ENOMEM. */
int sa__prefix_analyse(const char *pat, size_t len, struct sa__prefix *out);
void sa__prefix_release(struct sa__prefix *p);

/* 0 when no match of p can start at s[at] (at < n) of the subject s[0..n), judged from its
 * first SA__DEEP characters; 1 when one may. The pair and triple filters of the rows look at
 * three characters only, and a real word that shares them with a search ("fresh" for "free",
 * "estate" for "estimated") made nearly every try at their candidates fail. */
int sa__prefix_deep(const struct sa__prefix *p, const char *s, size_t n, size_t at);

/* One character of a subject: its byte offset, h12 of its key with the flags above bit 12,
 * h16 of its key and the next character's, and h3 of those and the one after (the end of the
 * subject counts as a character there). */
struct sa__row {
    uint32_t off;
    uint16_t h1;
    uint16_t h2;
    uint16_t h3;
};

enum {
    SA__KEY_WILD1 = 1u << 12,
    SA__KEY_WILD2 = 1u << 13,
    SA__KEY_WORDSTART = 1u << 14,
    SA__KEY_WILD3 = 1u << 15
};
#define SA__KEY_H12 0x0FFFu

/* A long subject's rows grouped by h2, so that a search visits the rows its first pairs select
 * instead of every row (sa__cands). Bucket b holds copies of the rows whose h2 & mask is b, in
 * ascending order, so a search reads them one after the other; one more bucket, the last,
 * holds the rows flagged WILD1 or WILD2, which any search may start at. The word-start rows
 * have an index of their own for the searches that start at \b: in one of all rows, seven in
 * ten of the rows such a search visited were not word starts. */
struct sa__index {
    uint32_t mask;  /* buckets - 1 */
    uint32_t *head; /* mask + 3 entries: bucket b is rows[head[b] .. head[b + 1]) */
    struct sa__row *rows;
};

/* A subject's characters as keys. */
struct sa__keys {
    struct sa__row *all; /* one row per character (kept: see sa__keys_build_for) */
    size_t n;
    /* copies of the rows that may start a word (or are WILD1); NULL (nws 0) when the text has
     * an index: they are then in ix_ws, and read from all elsewhere (sa__keys_rows) */
    struct sa__row *ws;
    size_t nws;
    /* h12 of the first characters present, over all rows and over ws rows (SA__PRESENT bytes
     * each): a search whose first characters are all absent is not run at all. In the block
     * of keys that have one, a view's are its whole's; NULL for keys made in a caller's buffer
     * (a short text's few rows are read instead: the bitmaps' kilobyte, written for each short
     * text, cost more in cache misses than reading the rows). */
    const uint8_t *present, *present_ws;
    int wild;     /* some row is WILD1 */
    size_t base;  /* a view: rows' offsets are base + the subject's offsets */
    int borrowed; /* the rows are not ours to free: a view, or the caller's buffer */
    /* the index of the whole subject (NULL: none): a view's rows are those of the index at
     * offsets [all[0].off, all[n].off) */
    struct sa__index *ix;    /* in block; a view's is whole's */
    struct sa__index *ix_ws; /* the same of the word-start rows (ws), with ix */
    void *block; /* unless borrowed: the one allocation holding rows, word starts and index */
    size_t cap;  /* block's size in bytes */
};

#define SA__PRESENT 512 /* bytes of a present bitmap: a bit per h12 */

/* Subjects of at least this many characters get an index. */
#define SA__INDEX_MIN 1024

/* Where any search of a set may start: the union of their single characters and first pairs,
 * apart for the searches that start at a word start, and of their first three characters. A
 * row that none of them could start at is no candidate of any (sa__prefix_cand needs its
 * single character or its pair, or a WILD flag), and a row whose first three characters no
 * search starts with starts no match of any, so keys made for the set leave both out. (A row
 * of the second kind may still pass a search's twelve bits of third characters: candidates
 * are lost, never matches.) On a page most positions (inside words, spaces, punctuation) are
 * such rows, and every row left out is one the index, the walks and the gathering never copy
 * or read. Searches that are not usable add nothing: they never read keys. Zeroed is the
 * empty set. */
struct sa__starts {
    /* bit 0 for the searches that may start anywhere, bit 1 for those that start at \b; a
     * byte per h12 (single) and per h16 (pair), so a character costs two loads and no shift
     * (two bits per pair kept the table in L1 but cost more in shifts than the 0.6% more L1
     * misses the bytes cause: 200-page bench, -1.1% instructions) */
    uint8_t single[4096], pair[65536];
    /* A row that starts with one of the pairs needs its first three characters among some
     * search's as well, unless the pair is marked SA__START_ANY3 (a search that has it matches
     * two characters, lets anything follow them, or has no third characters known). Most rows
     * a pair lets through have none (200-page bench shop: 62% of the rows kept by pairs alone
     * were no candidate of any search; the page texts' rows 1 155 000 -> 548 000), and a row
     * left out is one the index, the gathering and the present bitmaps never see. tri holds h3
     * of every search's first three characters, a bit each. */
    uint8_t tri[65536 / 8];
    /* The same verdict for every pair of ASCII characters, by their bytes (b0 << 7 | b1): bit
     * 0 where the first is inside a word, bit 1 where it starts one. Made by sa__starts_seal,
     * it decides a position of ASCII text with one lookup instead of decoding, folding and
     * hashing two characters. */
    uint8_t ascii[128 * 128];
    int sealed;
};
#define SA__START_ANY3 4u /* in sa__starts.pair: see tri there */
/* Adds p's starts to st. A sealed st is unsealed (its keys then take the general way) until
 * sealed again. */
void sa__starts_add(struct sa__starts *st, const struct sa__prefix *p);
/* Adds from's searches to st's (st is then unsealed). */
void sa__starts_merge(struct sa__starts *st, const struct sa__starts *from);
/* Makes st's ASCII table once the set is complete; keys made for a set that is not sealed
 * take the general way at every position, with the same rows. */
void sa__starts_seal(struct sa__starts *st);

/* Keys for s[0..len); len must be below 4 GiB. They go in buf when it holds 2 * (len + 1) rows
 * (buf may be NULL), else in memory of their own. With st, only rows some search of st may
 * start at (or flagged WILD1 or WILD2) are kept, and the present bitmaps are theirs: the keys
 * then serve st's searches only, with the same candidates less rows that start no match (see
 * sa__starts). SA_OK or SA_ENOMEM. */
int sa__keys_build_for(const char *s, size_t len, const struct sa__starts *st, struct sa__keys *k,
                       struct sa__row *buf, size_t cap);
/* All rows: keys for any search. */
int sa__keys_build(const char *s, size_t len, struct sa__keys *k, struct sa__row *buf, size_t cap);
void sa__keys_release(struct sa__keys *k);

/* A keys block kept from one long text for the next, per thread (the lexicon's cache holds
 * one). A page text's block is megabytes, beyond glibc's mmap threshold: freed, its pages went
 * back to the kernel and the next page faulted them in again, a 4 KiB page at a time (2 000
 * pages from disk, one page thread: 38 000 page faults -> 16 000, kernel time -45%). Zeroed is
 * empty. */
struct sa__spare {
    void *block;
    size_t size;
};
/* sa__keys_build_for without a buffer, the block taken from sp when it is large enough. */
int sa__keys_build_spare(const char *s, size_t len, const struct sa__starts *st, struct sa__keys *k,
                         struct sa__spare *sp);
/* sa__keys_release, keeping k's block in sp when it is the larger. */
void sa__keys_release_spare(struct sa__keys *k, struct sa__spare *sp);
void sa__spare_free(struct sa__spare *sp);
/* A view of whole's rows for its subject's bytes [at, at + len), as keys of that stretch taken
 * as a subject of its own. Valid while whole is. The stretch must start whole's subject or
 * follow a '\n' there: its first character is then a word start in both. Past its end the rows
 * pair the last character with whole's next one instead of the end: a superset, as the
 * single-character matches are candidates either way. Its present bitmaps and wild flag are
 * whole's, another superset. */
void sa__keys_view(const struct sa__keys *whole, size_t at, size_t len, struct sa__keys *out);
/* The rows a search reads, *n of them: k->all, or for a search that starts at \b (word_start)
 * the word starts, k->ws, or when k has none apart k->all, where only the rows with a flag of
 * *need are word starts (0: every row counts). */
static inline const struct sa__row *sa__keys_rows(const struct sa__keys *k, int word_start,
                                                  size_t *n, unsigned *need)
{
    *need = 0;
    if (word_start && k->ws) {
        *n = k->nws;
        return k->ws;
    }
    if (word_start) *need = SA__KEY_WORDSTART | SA__KEY_WILD1;
    *n = k->n;
    return k->all;
}

/* The first i of v[lo..hi) with v[i] >= x (hi when none); v is sorted. */
size_t sa__u32_lower_bound(const uint32_t *v, size_t lo, size_t hi, uint32_t x);
/* The index of the first of rows[0..n) at or after byte offset at. */
size_t sa__keys_find(const struct sa__row *rows, size_t n, size_t at);

/* The candidate rows of a search, from the index: exactly the rows a walk over k->all (or
 * k->ws for a word-start search) from the same offset would let sa__prefix_cand through, in
 * the same order. The lists of the index are gathered a stretch of the subject at a time,
 * sorted, and given out in order: a stretch holds at most SA__CANDS_BUF candidates. Offsets
 * here are the whole subject's. */
#define SA__CANDS_LISTS 128
#define SA__ANY_PAIR    0xFFFFFFFFu
#define SA__CANDS_BUF   256
#define SA__CANDS_SPAN  1024 /* bytes: the first gathering's span */
struct sa__cands {
    const struct sa__prefix *p;
    const struct sa__row *rows; /* the index's */
    size_t base;
    uint32_t end;  /* the offset past the subject's last row */
    uint32_t win;  /* rows below this offset are gathered */
    uint32_t span; /* the bytes the next gathering covers at most */
    unsigned n, nbuf, next;
    uint32_t cur[SA__CANDS_LISTS], stop[SA__CANDS_LISTS]; /* the lists' stretches of rows */
    uint32_t pair[SA__CANDS_LISTS]; /* the h16 a list is for (SA__ANY_PAIR: the WILD rows') */
    uint32_t buf[SA__CANDS_BUF];    /* candidates' offsets */
};
/* Starts c at subject offset from, for the candidates before offset upto (SIZE_MAX: all of
 * them): a search that needs a match before an earlier language's then gathers no rows past
 * it. 0 when the index does not apply (no index, a search with single-character starts or too
 * many pairs present): the caller walks the rows instead. */
int sa__cands_init(struct sa__cands *c, const struct sa__prefix *p, const struct sa__keys *k,
                   size_t from, size_t upto);
/* 1 and the next candidate's subject offset in *off; 0 when there is none left. */
int sa__cands_next(struct sa__cands *c, size_t *off);

/* 0 when no row of k can start a match of p. */
int sa__prefix_may(const struct sa__prefix *p, const struct sa__keys *k);

/* 1 when h12 h is one of p's first characters (p->first's bit). */
static inline int sa__prefix_first(const struct sa__prefix *p, unsigned h)
{
    return ((p->first_bloom >> (h & 63)) & 1) && (p->first[h >> 3] & (1u << (h & 7)));
}

/* 1 when h16 h2 is one of p's first pairs (p->pair's bit). */
static inline int sa__prefix_pair(const struct sa__prefix *p, unsigned h2)
{
    if (!p->pair_set) return (p->pair[h2 >> 3] >> (h2 & 7)) & 1;
    if (!((p->pair_bloom[h2 >> 6 & 3] >> (h2 & 63)) & 1)) return 0;
    for (uint32_t i = (h2 ^ h2 >> 8) & p->pair_mask;; i = (i + 1) & p->pair_mask) {
        uint32_t v = p->pair_set[i];
        if (v == h2 + 1) return 1;
        if (!v) return 0;
    }
}

/* The third character's test of a row whose first characters passed (see has_tri). */
static inline int sa__prefix_third(const struct sa__prefix *p, struct sa__row r)
{
    if (!p->has_tri || (r.h1 & SA__KEY_WILD3)) return 1;
    unsigned o = r.h2 & SA__TRI_MASK, t = r.h3 & SA__TRI_MASK;
    return ((p->open[o >> 3] >> (o & 7)) & 1) || ((p->tri[t >> 3] >> (t & 7)) & 1);
}

/* 1 when the row may start a match of p, word starts aside (the caller walks k->ws for those). */
static inline int sa__prefix_cand(const struct sa__prefix *p, struct sa__row r)
{
    unsigned h = r.h1 & SA__KEY_H12;
    if (r.h1 & SA__KEY_WILD1) return 1;
    if (!p->has_single && !(r.h1 & SA__KEY_WILD2)) {
        /* the row needs its first character and its pair: the pair first, as its Bloom word
         * shares the struct's first lines and turns most rows away before first is read */
        if (!sa__prefix_pair(p, r.h2) || !sa__prefix_first(p, h)) return 0;
    } else {
        if (!sa__prefix_first(p, h)) return 0;
        if ((p->has_single && (p->single[h >> 3] & (1u << (h & 7)))) || (r.h1 & SA__KEY_WILD2))
            return 1;
        if (!sa__prefix_pair(p, r.h2)) return 0;
    }
    return sa__prefix_third(p, r);
}

/* sa__prefix_cand of a row whose pair is one of p's, without a WILD1 or WILD2 flag, for a p
 * without single characters: an index list's row that has the list's own pair. */
static inline int sa__prefix_paired(const struct sa__prefix *p, struct sa__row r)
{
    return sa__prefix_first(p, r.h1 & SA__KEY_H12) && sa__prefix_third(p, r);
}

#endif
