/* The lexicon engine: reads the per-language pattern files, normalises Greek and Armenian
 * spelling variants on both sides, compiles one PCRE2 search per concept and language (URL
 * slugs: one alternation per concept with a named branch per language), answers as one joined
 * alternation would (leftmost match, the earlier language at equal starts), so a match tells
 * which language said it, and maps match offsets back to the caller's original text. A search
 * runs only at the positions its first two characters allow (lexicon_prefix.c), and answers are
 * kept per page and per thread (see "matching").
 *
 * File format (checks/lexicon/<name>.json; embedded at build time, or read from a directory):
 *
 *   {"lang": "ru",
 *    "concepts": {"cart": ["\\bкорзин\\w*", ...], ...},
 *    "url": {"cart": ["korzin", ...], ...}}
 *
 * - "lang" is required; several files may add to one language. "any" holds patterns that are
 *   no language's words (phone formats, e-mail addresses, common URL slugs).
 * - "concepts" maps a concept name of SA_CONCEPT_MAP to PCRE2 patterns, compiled with UTF, UCP
 *   and CASELESS. Thai has no spaces: its patterns guard with lookarounds, never \b.
 * - "url" maps a concept name to slug patterns, matched against the URL path percent-decoded
 *   and lower-cased. Each is wrapped as (?<![a-z0-9])(?:PATTERN): a slug must start a Latin
 *   token ("cart" finds /cart and /shopping-cart, not /discart); its end is left open, so a
 *   stem such as "dostavk" finds /dostavka-i-oplata.
 * - Keys starting with "_" are ignored anywhere (room for comments); anything else unknown is
 *   an error, so a typo cannot silently disable a concept.
 * - Patterns are numbered from 1 in error messages. Numbered back-references (\1) are refused
 *   (branches are renumbered when joined); group names starting with "sa__" are reserved.
 * - Write Greek and Armenian as people do: patterns get the same normalisation as text. The
 *   Armenian ligature is compared as the two letters ե + ւ; upper-case text spells it "ԵՎ", so
 *   patterns that must also match capitals write "ե[ւվ]". */
#define PCRE2_CODE_UNIT_WIDTH 8

#include "shopaudit/lexicon.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <pcre2.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "hash.h"
#include "lexicon_data.h"
#include "lexicon_page.h"
#include "lexicon_prefix.h"
#include "utf8.h"

#define LEX_MAX_FILE    (4u << 20) /* a lexicon file beyond this is a mistake, not a lexicon */
#define LEX_MAX_PATTERN (64u << 20)
#define LEX_MAX_LANGS   64
/* Per start position (the interpreter resets its count for each one); our patterns need a few
 * hundred steps, so this only stops runaway backtracking on a hostile page. */
#define LEX_MATCH_LIMIT 100000
#define LEX_DEPTH_LIMIT 10000
#define LEX_HEAP_LIMIT  (16u << 10) /* KiB */

/* The page cache (see "matching"). Checks ask the blocks and regions of a page about the same
 * concepts again and again and walk every match of some: before it a 2 000-page shop spent 88%
 * of its CPU in PCRE2, much of it repeating searches. */
#define LEX_CACHE_KEYS    (1u << 15) /* (concept, text) pairs per page: a cap, not a size */
#define LEX_CACHE_ANSWERS 4096       /* per pair: a cap, not a working size */
#define LEX_STACK_KEYS    256        /* bytes: other texts up to this size key on the stack */

/* bench/run.sh's floor build (CMake option SA_NO_MATCHING): every search finds nothing. */
#ifdef SA_NO_MATCHING
#define LEX_NO_MATCHING 1
#else
#define LEX_NO_MATCHING 0
#endif

static const uint32_t LEX_FLAGS =
    PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_MATCH_INVALID_UTF | PCRE2_DUPNAMES;

static const char *const concept_names[] = {
#define SA__CONCEPT_NAME(e, name, what) name,
    SA_CONCEPT_MAP(SA__CONCEPT_NAME)
#undef SA__CONCEPT_NAME
};

/* The capture group that wraps one language's branch of a concept's alternation. */
struct branch {
    uint32_t group, lang;
};

/* A concept's patterns. URL slugs are one alternation (code[0]) whose language is told by
 * branches[].group; text patterns are one search per language (ncode == nbranches, group 0),
 * so each gets a first-character bitmap of its own script (see "matching"). */
struct rx {
    pcre2_code **code;      /* ncode == 0: no file has patterns for this concept */
    struct sa__prefix *pre; /* text searches: what each code can start with */
    atomic_uchar *ready;    /* code i is JIT-compiled, or is not to be: see ready_code */
    int jit;                /* 0: made after sa__lexicon_jit(0) */
    size_t ncode;
    struct branch *branches;
    size_t nbranches;
    int stretch_safe;                /* every code is (sa__prefix.stretch_safe): see find_stretch */
    const struct sa__starts *starts; /* its kind's (text or URL): keys for it keep those rows */
};

/* "Searching from `from` finds [off, end) in language lang": the same answer holds for every
 * start in [from, off], as no match begins between from and off. Offsets are the caller's.
 * clean: no language's search gave up on its step budget on the way, so the answer is the one
 * an unlimited search gives (only such answers speak for a stretch, see find_stretch). */
struct answer {
    uint32_t from, off, end;
    uint16_t lang, clean;
};

/* What is known about one concept in one text of the current page. */
struct entry {
    const char *ptr; /* NULL: free slot */
    uint32_t len, concept;
    uint32_t none_from; /* no match starts at or after this; UINT32_MAX: not known */
    uint32_t n, cap;
    struct answer *v; /* sorted by from */
};

/* A text's normalised form and prefilter keys, made once per page instead of once per call. */
struct normed {
    const char *ptr;
    size_t len;
    char *norm; /* NULL: nothing to normalise */
    size_t nlen;
    int norm_borrowed; /* norm is a stretch of its region's */
    uint32_t *map;
    struct sa__keys keys; /* of norm, or of the text itself; n == 0 until made */
    int keyed;            /* 1: keys made (or not worth making) */
};

/* Short texts outside any page's regions (link texts, labels, URL paths) come back page after
 * page: the answer from their start is kept per thread, by content (the bytes are compared, so
 * it is exact), across pages, in a direct-mapped table where a newcomer replaces its slot. */
#define MEMO_SLOTS 8192u
#define MEMO_TEXT  96u
struct memo {
    uint32_t len1; /* length + 1; 0: empty */
    uint16_t concept;
    uint8_t url, found;
    struct sa_match m;
    char text[MEMO_TEXT];
};
/* The slots' hashes apart: a lookup reads one word of a 64 KiB array, not a line of the 1 MiB
 * of slots, and a miss (seven lookups in ten) reads nothing else. The slots' first line was a
 * cache miss nearly every time: 77% of find_memo's cycles on a single load. */
struct memo_table {
    uint64_t tag[MEMO_SLOTS]; /* the slot's hash | 1; 0: empty */
    struct memo slot[MEMO_SLOTS];
};

/* Keys of the short texts asked about lately, by content and by the set of searches they were
 * made for (text or URL). A link text is asked about several concepts, by several checks, and
 * its keys cost more than the searches they save: on the bench shop each text missing the memo
 * was asked about 8 concepts. */
#define SHORT_KEYS 64u
struct short_keys {
    uint64_t h;
    const struct sa__starts *starts; /* the set the keys were made for */
    uint32_t len1;                   /* length + 1; 0: empty */
    char text[MEMO_TEXT];
    /* A text to normalise (Greek, Armenian) is kept normalised too, with its offset map: on a
     * Greek page every link text needs it, and each was normalised again for every concept
     * asked (14 000 times on the 200-page bench shop). nlen1: the normalised length + 1; 0:
     * the text is searched as it is. One whose normalised form is longer than MEMO_TEXT (the
     * ligature U+0587 doubles) is not kept. */
    uint32_t nlen1;
    char norm[MEMO_TEXT];
    uint32_t map[MEMO_TEXT + 1];
    struct sa__keys keys; /* of norm when nlen1, else of text; in rows */
    struct sa__row rows[2 * (MEMO_TEXT + 1)];
};

/* A region of the last page this thread checked, with what was learnt about the texts in it
 * (the region and its blocks, at offsets rel from its start). Menus, headers and footers come
 * back byte for byte on every page of a shop: when the next page's region in the same place
 * holds the same bytes, its texts start with these answers. */
#define TMPL_MAX ((size_t)64 << 10) /* bytes: bigger regions are not kept */
struct tmpl_entry {
    uint32_t rel, len, concept, none_from, n;
    struct answer *v;
};
struct tmpl {
    char *text; /* the region's bytes; NULL: nothing kept */
    size_t len, cap;
    struct tmpl_entry *e;
    size_t ne;
};

/* Answers about the current page's texts. Between sa__lexicon_page_begin and _end the page is
 * immutable, so a text inside it is known by its address and length; anything else a check
 * passes (its own buffers) is matched afresh. Each thread has its own (thread_cache()), so
 * pages built and checked on several threads never share one. */
struct cache {
    uint64_t lex_id;                           /* the lexicon it was made for */
    const void *owner;                         /* the page; NULL: no page in scope */
    struct sa_str scope[SA_LEXICON_SCOPE_MAX]; /* where cacheable texts live */
    size_t nscope;
    struct entry *tab;
    size_t cap, used; /* open addressing, at most half full */
    /* the slots in use, in the order they were filled (cap / 2 of them): the end of a page
     * visits its entries through these, not by three walks over the whole table */
    uint32_t *live;
    struct normed *norms;
    size_t nnorms, capnorms;
    struct memo_table *memo;         /* made on first use; kept across pages */
    struct short_keys *sk;           /* SHORT_KEYS, made on first use; kept across pages */
    struct sa__spare spare;          /* the last page texts' largest keys block, for the next */
    const struct sa__starts *starts; /* the text searches': keys keep the rows they may start at */
    struct tmpl tmpl[SA_LEXICON_SCOPE_MAX]; /* by the index of the page's text */
    int slot[SA_LEXICON_SCOPE_MAX];         /* scope[i] is texts[slot[i]] */
    size_t seeded;                          /* entries started from a template (tests) */
    size_t stretched, unstretched;          /* find_stretch answered, could not (tests) */
    pcre2_match_data *md;                   /* large enough for every concept's groups */
    pcre2_match_context *mctx; /* the lexicon's limits, plus offset limits while matching */
};
struct sa_lexicon {
    char **langs; /* NULL-terminated */
    size_t nlangs;
    struct rx text[SA_CONCEPT_LAST], url[SA_CONCEPT_LAST];
    uint32_t max_groups; /* capture groups of the largest alternation */
    uint64_t id;         /* tells a thread's cache which lexicon it serves */
    int no_prefilter;    /* tests only: sa__lexicon_set_prefilter */
    /* Where any text search may start ([0]) and any URL search ([1]): keys for one kind keep
     * those rows. Apart, because URL slugs may start inside a word ("-shipping"), and their
     * first pairs kept a fifth more of a page text's rows (200-page bench shop: 2.26 -> 1.77 M
     * of 6.0 M) for searches that never read them. */
    struct sa__starts *starts;
    pcre2_general_context *gctx;
    pcre2_compile_context *cctx;
    pcre2_match_context *mctx;
};

/* One language's patterns for one concept while loading: "(?:p1)|(?:p2)|...". Patterns that
 * open with \b go, without it, into wb, compiled as "\b(?:...)": one boundary test per
 * position instead of one per pattern makes a concept 3 to 7 times faster on long text. */
struct src {
    struct sa_buf wb, buf;
};

struct lang_src {
    struct src text[SA_CONCEPT_LAST], url[SA_CONCEPT_LAST];
};

struct loader {
    struct sa_lexicon *lex;
    struct lang_src *src; /* parallel to lex->langs */
    char *err;
    size_t errlen;
    /* what building the searches gathers, the thread's own until build_all merges it */
    struct sa__starts *starts; /* text [0] and URL [1] */
    uint32_t max_groups;
    /* The embedded copy: its patterns are not compiled one by one. The test suite loads the
     * same files from their folder, where every pattern is, and the copy is made from them at
     * build time. Those compiles were a fifth of the lexicon's load, on one core while the
     * other idled. */
    int trusted;
};

/* ---- memory: PCRE2 allocates through the library's hook too, so OOM tests cover it ---- */

static void *pcre_malloc(size_t n, void *ud)
{
    (void)ud;
    return sa__malloc(n);
}

static void pcre_free(void *p, void *ud)
{
    (void)ud;
    sa__free(p);
}

static int fail(struct loader *ld, int rc, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int fail(struct loader *ld, int rc, const char *fmt, ...)
{
    if (ld->err && ld->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(ld->err, ld->errlen, fmt, ap);
        va_end(ap);
    }
    return rc;
}

/* ---- normalisation ---- */

/* Greek letters with tonos or dialytika, U+0386..U+03CE, to their bare letter (0: unchanged).
 * Final sigma folds to sigma: lower-casing "Σ" never yields "ς", so menus in capitals would
 * otherwise miss every word ending in it. */
static uint32_t greek_bare(uint32_t cp)
{
    switch (cp) {
    case 0x0386:
        return 0x0391; /* Ά */
    case 0x0388:
        return 0x0395; /* Έ */
    case 0x0389:
        return 0x0397; /* Ή */
    case 0x038A:
        return 0x0399; /* Ί */
    case 0x038C:
        return 0x039F; /* Ό */
    case 0x038E:
        return 0x03A5; /* Ύ */
    case 0x038F:
        return 0x03A9; /* Ώ */
    case 0x0390:
        return 0x03B9; /* ΐ */
    case 0x03AA:
        return 0x0399; /* Ϊ */
    case 0x03AB:
        return 0x03A5; /* Ϋ */
    case 0x03AC:
        return 0x03B1; /* ά */
    case 0x03AD:
        return 0x03B5; /* έ */
    case 0x03AE:
        return 0x03B7; /* ή */
    case 0x03AF:
        return 0x03B9; /* ί */
    case 0x03B0:
        return 0x03C5; /* ΰ */
    case 0x03C2:
        return 0x03C3; /* ς */
    case 0x03CA:
        return 0x03B9; /* ϊ */
    case 0x03CB:
        return 0x03C5; /* ϋ */
    case 0x03CC:
        return 0x03BF; /* ό */
    case 0x03CD:
        return 0x03C5; /* ύ */
    case 0x03CE:
        return 0x03C9; /* ώ */
    }
    return 0;
}

/* Combining acute, diaeresis and Greek dialytika-tonos: decomposed (NFD) Greek text. */
static int greek_mark(uint32_t cp)
{
    return cp == 0x0301 || cp == 0x0308 || cp == 0x0344;
}

/* Armenian emphasis, exclamation, comma and question marks sit inside words ("Գնե՛ք"). */
static int armenian_mark(uint32_t cp)
{
    return cp >= 0x055B && cp <= 0x055E;
}

static uint32_t decode2(const unsigned char *s)
{
    return ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
}

/* 1 when a byte of w, masked with FC, is CC or D4: a lead byte in CC..CF or D4..D7. ((a -
 * 0x01..) & ~a & 0x80.. sets a byte's high bit where a's byte is zero, and perhaps in a byte
 * above one that is: a lead byte is never missed, and a false one only costs the test below.) */
static int norm_lead8(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t x = w & 0xFCFCFCFCFCFCFCFCu, a = x ^ 0xCCCCCCCCCCCCCCCCu, b = x ^ 0xD4D4D4D4D4D4D4D4u;
    return (((a - ones) & ~a) | ((b - ones) & ~b)) & highs ? 1 : 0;
}

/* Every character normalisation touches is a two-byte sequence led by 0xCC..0xD6, so most
 * pages (Latin, Cyrillic, Thai) are matched as they are, without a copy or an offset map. */
static int needs_norm(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i + 1 < len; i++) {
        /* asked of every page text: the lead bytes that matter are those of U+0300..03FF and
         * U+0500..05BF (Cyrillic's D0..D3 are not), so eight bytes go at a time while none is
         * CC..CF or D4..D7 (D7, Hebrew, only costs the test below): on a Russian or Thai page,
         * as on a Latin one, nearly all of them */
        uint64_t w;
        /* i + 10: the skip must leave a byte after s[i] for the pair test below */
        while (i + 10 <= len && (memcpy(&w, s + i, 8), !norm_lead8(w))) i += 8;
        if (s[i] < 0xCC || s[i] > 0xD6 || (s[i] >= 0xD0 && s[i] <= 0xD3) ||
            (s[i + 1] & 0xC0) != 0x80)
            continue;
        uint32_t cp = decode2(s + i);
        if (greek_bare(cp) || greek_mark(cp) || armenian_mark(cp) || cp == 0x0587) return 1;
        i++;
    }
    return 0;
}

static void put2(char *o, uint32_t cp)
{
    o[0] = (char)(0xC0 | (cp >> 6));
    o[1] = (char)(0x80 | (cp & 0x3F));
}

/* Normalises s[0..len) into o, and the source offset of each output byte into m (either may
 * be NULL), while the output fits in cap bytes; returns the output length either way. A text
 * shrinks or keeps its length unless it holds the ligature U+0587, so one pass into len bytes
 * nearly always does; a result over cap means that nothing past cap was written, and the
 * caller sizes its buffers to the result and makes a second pass. */
static size_t norm_pass(const unsigned char *s, size_t len, char *o, uint32_t *m, size_t cap)
{
    size_t j = 0;
    int after_greek = 0;
    for (size_t i = 0; i < len;) {
        if (s[i] < 0x80) {
            /* a run of ASCII (spaces, digits, Latin) is copied as it is, in one go */
            size_t e = i + 1;
            while (e < len && s[e] < 0x80) e++;
            if (j + (e - i) > cap) o = NULL, m = NULL;
            if (o) memcpy(o + j, s + i, e - i);
            if (m)
                for (size_t b = i; b < e; b++) m[j++] = (uint32_t)b;
            else
                j += e - i;
            i = e;
            after_greek = 0;
            continue;
        }
        size_t k = s[i] >= 0xC2 && s[i] < 0xE0 && i + 1 < len && (s[i + 1] & 0xC0) == 0x80
                       ? 2
                       : sa__utf8_seq(s + i, len - i);
        uint32_t cp = k == 2 ? decode2(s + i) : 0, bare = greek_bare(cp);
        if ((greek_mark(cp) && after_greek) || armenian_mark(cp)) {
            i += 2; /* dropped; after_greek stays for a second mark */
            continue;
        }
        size_t w = cp == 0x0587 ? 4 : bare ? 2 : k ? k : 1; /* the bytes it writes */
        if (j + w > cap) o = NULL, m = NULL;
        if (cp == 0x0587) { /* և -> ե + ւ */
            if (o) {
                put2(o + j, 0x0565);
                put2(o + j + 2, 0x0582);
            }
            if (m) m[j] = m[j + 1] = m[j + 2] = m[j + 3] = (uint32_t)i;
            j += 4;
            i += 2;
            after_greek = 0;
            continue;
        }
        /* Greek and Coptic, or Greek Extended (polytonic, U+1F00..U+1FFF: E1 BC..BF) */
        after_greek = (cp >= 0x0370 && cp <= 0x03FF) ||
                      (k == 3 && s[i] == 0xE1 && s[i + 1] >= 0xBC && s[i + 1] <= 0xBF);
        if (bare) {
            if (o) put2(o + j, bare);
            if (m) m[j] = m[j + 1] = (uint32_t)i;
            j += 2;
            i += 2;
            continue;
        }
        if (!k) k = 1; /* an invalid byte is copied; PCRE2 will not match across it */
        for (size_t b = 0; b < k; b++, j++) {
            if (m) m[j] = (uint32_t)i;
            if (o) o[j] = (char)s[i + b];
        }
        i += k;
    }
    return j;
}

/* Writes the normalised text into a new NUL-terminated buffer and, when map is given, the
 * source offset of the character each output byte came from, with map[outlen] = len.
 * SA_ENOMEM, or SA_ETOOBIG past 2 GiB (offsets are 32-bit to keep the map small). */
static int normalise(const char *text, size_t len, char **out, size_t *outlen, uint32_t **map)
{
    const unsigned char *s = (const unsigned char *)text;
    *out = NULL;
    if (map) *map = NULL;
    if (len > (UINT32_MAX - 1) / 2 || len > (SIZE_MAX - 1) / 2 / sizeof(uint32_t))
        return SA_ETOOBIG; /* the output is at most 2 * len: the ligature doubles */
    size_t cap = len, n;
    char *o = NULL;
    uint32_t *m = NULL;
    for (;;) {
        char *no = sa__realloc(o, cap + 1);
        uint32_t *nm = map ? sa__realloc(m, (cap + 1) * sizeof *m) : NULL;
        if (no) o = no;
        if (nm) m = nm;
        if (!no || (map && !nm)) {
            sa__free(o);
            sa__free(m);
            return SA_ENOMEM;
        }
        if ((n = norm_pass(s, len, o, m, cap)) <= cap) break;
        cap = n; /* the ligature: a second pass, into room for all of it */
    }
    o[n] = '\0';
    if (m) m[n] = (uint32_t)len;
    *out = o;
    *outlen = n;
    if (map) *map = m;
    return SA_OK;
}

/* ---- loading ---- */

static void src_release(struct lang_src *ls)
{
    for (int c = 0; c < SA_CONCEPT_LAST; c++) {
        sa__buf_release(&ls->text[c].wb);
        sa__buf_release(&ls->text[c].buf);
        sa__buf_release(&ls->url[c].wb);
        sa__buf_release(&ls->url[c].buf);
    }
}

static int lang_index(struct loader *ld, const char *code, size_t *idx)
{
    struct sa_lexicon *lex = ld->lex;
    for (size_t i = 0; i < lex->nlangs; i++)
        if (strcmp(lex->langs[i], code) == 0) {
            *idx = i;
            return SA_OK;
        }
    if (lex->nlangs == LEX_MAX_LANGS) return SA_ETOOBIG;
    char **langs = sa__realloc(lex->langs, (lex->nlangs + 2) * sizeof *langs);
    if (!langs) return SA_ENOMEM;
    lex->langs = langs;
    langs[lex->nlangs] = NULL;
    struct lang_src *src = sa__realloc(ld->src, (lex->nlangs + 1) * sizeof *src);
    if (!src) return SA_ENOMEM;
    ld->src = src;
    char *copy = sa__strdup(code);
    if (!copy) return SA_ENOMEM;
    memset(&src[lex->nlangs], 0, sizeof *src);
    for (int c = 0; c < SA_CONCEPT_LAST; c++) {
        struct src *t = &src[lex->nlangs].text[c], *u = &src[lex->nlangs].url[c];
        sa__buf_init(&t->wb, LEX_MAX_PATTERN);
        sa__buf_init(&t->buf, LEX_MAX_PATTERN);
        sa__buf_init(&u->wb, LEX_MAX_PATTERN);
        sa__buf_init(&u->buf, LEX_MAX_PATTERN);
    }
    langs[lex->nlangs] = copy;
    *idx = lex->nlangs++;
    langs[lex->nlangs] = NULL;
    return SA_OK;
}

static int concept_by_name(const char *name)
{
    for (int c = 0; c < SA_CONCEPT_LAST; c++)
        if (strcmp(concept_names[c], name) == 0) return c;
    return -1;
}

static int valid_lang(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 15) return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '-' || *s == '_'))
            return 0;
    return 1;
}

/* 1 when p is \b followed by a pattern without a top-level "|", so the \b may move out in front
 * of a group of such patterns ("\bfoo|bar" guards only foo). Anything unusual (extended mode,
 * where "#" comments hide brackets) answers 0, which is always safe. */
static int hoistable_boundary(const char *p)
{
    if (p[0] != '\\' || p[1] != 'b' || !p[2] || strchr("?*+{", p[2])) return 0;
    int depth = 0;
    for (const char *s = p + 2; *s; s++) {
        switch (*s) {
        case '\\':
            if (s[1] == 'Q') {
                const char *e = strstr(s + 2, "\\E");
                if (!e) return depth == 0; /* quoted to the end: no "|" follows */
                s = e + 1;
            } else if (s[1]) {
                s++;
            }
            break;
        case '[':
            s++;
            if (*s == '^') s++;
            if (*s == ']') s++;
            for (; *s && *s != ']'; s++) {
                if (*s == '\\' && s[1])
                    s++;
                else if (*s == '[' && s[1] == ':') {
                    const char *e = strstr(s + 2, ":]");
                    if (!e) return 0;
                    s = e + 1;
                }
            }
            if (!*s) return 0;
            break;
        case '(':
            if (s[1] == '?') {
                size_t k = strspn(s + 2, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ^-");
                if (memchr(s + 2, 'x', k) || s[2] == '#') return 0;
            }
            depth++;
            break;
        case ')':
            if (--depth < 0) return 0;
            break;
        case '|':
            if (depth == 0) return 0;
            break;
        }
    }
    return depth == 0;
}

/* Under UCP, \d is the property Nd, and PCRE2 derives no first-character bitmap from a
 * property: one pattern that starts with \d left its whole concept without one, so the
 * alternation was tried at every byte of the text (delivery_time, return_period, price: 3 to 10
 * times the cost of a concept with a bitmap). Every \d outside a character class is therefore
 * preceded by a lookahead for a superset of Nd (ASCII digits, or anything from U+0660, where
 * the first non-ASCII decimal digits are), which PCRE2 can turn into lead bytes. The
 * lookahead never fails where \d succeeds, so the pattern matches exactly what it did. It is
 * case-sensitive because a caseless class range makes PCRE2 look up the other case of every
 * code point in it: a million per \d, 20 G instructions at start-up. */
#define LEX_DIGIT_HINT "(?=(?-i:[0-9\\x{660}-\\x{10ffff}]))\\d"

static int put_digit_hints(struct sa_buf *b, const char *p, size_t n)
{
    int rc = SA_OK, in_class = 0;
    size_t i = 0, from = 0;
    while (i < n && rc == SA_OK) {
        if (p[i] == '\\' && i + 1 < n) {
            if (p[i + 1] == 'Q') { /* quoted to \E or to the end: copied as it is */
                const char *e = strstr(p + i + 2, "\\E");
                i = e ? (size_t)(e - p) + 2 : n;
                continue;
            }
            if (p[i + 1] == 'd' && !in_class) {
                rc = sa__buf_append(b, p + from, i - from);
                if (rc == SA_OK) rc = sa__buf_puts(b, LEX_DIGIT_HINT);
                from = i += 2;
                continue;
            }
            i += 2;
            continue;
        }
        if (!in_class && p[i] == '[') {
            in_class = 1;
            i++;
            if (i < n && p[i] == '^') i++;
            if (i < n && p[i] == ']') i++; /* a leading "]" is a member */
            continue;
        }
        if (in_class && p[i] == '[' && i + 1 < n && p[i + 1] == ':') {
            const char *e = strstr(p + i + 2, ":]");
            i = e ? (size_t)(e - p) + 2 : i + 1;
            continue;
        }
        if (in_class && p[i] == ']') in_class = 0;
        i++;
    }
    if (rc == SA_OK) rc = sa__buf_append(b, p + from, n - from);
    return rc;
}

/* Compiles one pattern on its own, so an error names the file, concept and pattern and its
 * offset is in the text the author wrote, not in the joined alternation. */
static int check_pattern(struct loader *ld, const char *file, const char *section,
                         const char *cname, int idx, const char *pat)
{
    int ec;
    PCRE2_SIZE eoff;
    pcre2_code *re =
        pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, LEX_FLAGS, &ec, &eoff, ld->lex->cctx);
    if (!re) {
        if (ec == PCRE2_ERROR_NOMEMORY || ec == PCRE2_ERROR_HEAP_FAILED) return SA_ENOMEM;
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(ec, msg, sizeof msg);
        return fail(ld, SA_EPARSE, "%s: %s \"%s\", pattern %d: %s at offset %zu", file, section,
                    cname, idx, (const char *)msg, (size_t)eoff);
    }
    uint32_t minlen = 0, backref = 0;
    pcre2_pattern_info(re, PCRE2_INFO_MINLENGTH, &minlen);
    pcre2_pattern_info(re, PCRE2_INFO_BACKREFMAX, &backref);
    pcre2_code_free(re);
    if (minlen == 0)
        return fail(ld, SA_EPARSE, "%s: %s \"%s\", pattern %d: can match an empty string", file,
                    section, cname, idx);
    if (backref)
        return fail(ld, SA_EPARSE,
                    "%s: %s \"%s\", pattern %d: numbered back-references are not supported", file,
                    section, cname, idx);
    return SA_OK;
}

static int add_pattern(struct loader *ld, const char *file, const char *section, const char *cname,
                       int idx, const char *pat, struct src *dst, int is_url)
{
    int rc = ld->trusted ? SA_OK : check_pattern(ld, file, section, cname, idx, pat);
    if (rc != SA_OK) return rc;
    char *norm;
    size_t nlen;
    rc = normalise(pat, strlen(pat), &norm, &nlen, NULL);
    if (rc != SA_OK) return rc;
    int hoist = !is_url && hoistable_boundary(norm);
    struct sa_buf *b = hoist ? &dst->wb : &dst->buf;
    if (b->len) rc = sa__buf_puts(b, "|");
    if (rc == SA_OK) rc = sa__buf_puts(b, is_url ? "(?<![a-z0-9])(?:" : "(?:");
    if (rc == SA_OK && is_url) rc = sa__buf_append(b, norm, nlen);
    if (rc == SA_OK && !is_url)
        rc = put_digit_hints(b, norm + (hoist ? 2 : 0), nlen - (hoist ? 2 : 0));
    if (rc == SA_OK) rc = sa__buf_puts(b, ")");
    sa__free(norm);
    return rc;
}

static int load_section(struct loader *ld, const char *file, const cJSON *sec, const char *key,
                        struct src *dst, int is_url)
{
    const char *label = is_url ? "url" : "concept";
    if (!cJSON_IsObject(sec))
        return fail(ld, SA_EPARSE, "%s: \"%s\" must be an object of concept names", file, key);
    for (const cJSON *it = sec->child; it; it = it->next) {
        if (it->string[0] == '_') continue;
        int c = concept_by_name(it->string);
        if (c < 0) return fail(ld, SA_EPARSE, "%s: unknown concept \"%s\"", file, it->string);
        if (!cJSON_IsArray(it))
            return fail(ld, SA_EPARSE, "%s: %s \"%s\": expected an array of patterns", file, label,
                        it->string);
        int idx = 0;
        for (const cJSON *p = it->child; p; p = p->next) {
            idx++;
            if (!cJSON_IsString(p))
                return fail(ld, SA_EPARSE, "%s: %s \"%s\", pattern %d: not a string", file, label,
                            it->string, idx);
            int rc = add_pattern(ld, file, label, it->string, idx, p->valuestring, &dst[c], is_url);
            if (rc != SA_OK) return rc;
        }
    }
    return SA_OK;
}

static size_t line_of(const char *data, const char *at)
{
    size_t line = 1;
    for (const char *p = data; p < at; p++) line += *p == '\n';
    return line;
}

static int load_file(struct loader *ld, const char *file, const char *data, size_t len)
{
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(data, len, &end, 0);
    if (!root) {
        if (!end || end < data || end > data + len) end = data;
        return fail(ld, SA_EPARSE, "%s:%zu: invalid JSON", file, line_of(data, end));
    }
    int rc = SA_OK;
    const cJSON *lang = NULL, *concepts = NULL, *url = NULL;
    if (!cJSON_IsObject(root)) {
        rc = fail(ld, SA_EPARSE, "%s: expected a JSON object", file);
        goto out;
    }
    for (const cJSON *it = root->child; it; it = it->next) {
        if (strcmp(it->string, "lang") == 0)
            lang = it;
        else if (strcmp(it->string, "concepts") == 0)
            concepts = it;
        else if (strcmp(it->string, "url") == 0)
            url = it;
        else if (it->string[0] != '_') {
            rc = fail(ld, SA_EPARSE, "%s: unknown key \"%s\"", file, it->string);
            goto out;
        }
    }
    if (!cJSON_IsString(lang) || !valid_lang(lang->valuestring)) {
        rc = fail(ld, SA_EPARSE, "%s: \"lang\" must be a language code such as \"ru\"", file);
        goto out;
    }
    size_t li = 0;
    rc = lang_index(ld, lang->valuestring, &li);
    if (rc == SA_ETOOBIG) rc = fail(ld, rc, "%s: more than %d languages", file, LEX_MAX_LANGS);
    if (rc != SA_OK) goto out;
    if (concepts) rc = load_section(ld, file, concepts, "concepts", ld->src[li].text, 0);
    if (rc == SA_OK && url) rc = load_section(ld, file, url, "url", ld->src[li].url, 1);
out:
    cJSON_Delete(root);
    return rc;
}

static atomic_int no_jit; /* tests: see sa__lexicon_jit */

/* Compiles one search of rx (JIT waits for its first use: ready_code); the error names the
 * concept. */
static int build_code(struct loader *ld, int c, int is_url, const struct sa_buf *pat, struct rx *rx)
{
    struct sa_lexicon *lex = ld->lex;
    int ec;
    PCRE2_SIZE eoff;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)pat->ptr, pat->len,
                                     LEX_FLAGS | PCRE2_USE_OFFSET_LIMIT, &ec, &eoff, lex->cctx);
    if (!code) {
        if (ec == PCRE2_ERROR_NOMEMORY || ec == PCRE2_ERROR_HEAP_FAILED) return SA_ENOMEM;
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(ec, msg, sizeof msg);
        return fail(ld, SA_EPARSE, "%s \"%s\": %s in the joined patterns",
                    is_url ? "url" : "concept", concept_names[c], (const char *)msg);
    }
    int rc = sa__prefix_analyse(pat->ptr, pat->len, &rx->pre[rx->ncode]);
    if (rc != SA_OK) {
        pcre2_code_free(code);
        return rc;
    }
    rx->code[rx->ncode++] = code;
    uint32_t caps = 0;
    pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &caps);
    if (caps > ld->max_groups) ld->max_groups = caps;
    return SA_OK;
}

void sa__lexicon_jit(int on)
{
    atomic_store(&no_jit, !on);
}

/* Adds where a text search (pat, made of s) may start to the text searches' starts. A search
 * that mixes patterns opening with \b (s->wb) with others starts anywhere, yet the first
 * characters of its \b half start only words: its two halves are analysed apart, so that keys
 * keep no row inside a word for them. One German pattern for "Hauptstraße 5" put the first
 * pairs of every German address word on every position of every page (200-page bench shop:
 * 8 500 rows kept a page text, of which 5 000 inside words). */
static int add_starts(struct sa__starts *st, const struct src *s, const struct sa_buf *pat,
                      const struct sa__prefix *whole)
{
    if (!whole->usable || whole->word_start || !s->wb.len || !s->buf.len) {
        sa__starts_add(st, whole);
        return SA_OK;
    }
    /* pat is "\b(?:" wb ")|" buf */
    size_t head = strlen("\\b(?:") + s->wb.len + 1;
    struct sa__prefix a, b;
    int rc = sa__prefix_analyse(pat->ptr, head, &a);
    if (rc != SA_OK) return rc;
    rc = sa__prefix_analyse(pat->ptr + head + 1, s->buf.len, &b);
    if (rc != SA_OK) {
        sa__prefix_release(&a);
        return rc;
    }
    if (a.usable && b.usable) {
        sa__starts_add(st, &a);
        sa__starts_add(st, &b);
    } else {
        sa__starts_add(st, whole);
    }
    sa__prefix_release(&a);
    sa__prefix_release(&b);
    return SA_OK;
}

/* URL slugs: joins every language's branch into "(?<sa__L0>...)|(?<sa__L3>...)" and records
 * which capture group number stands for which language (group numbers count the patterns' own
 * groups too). Text: one search per language, "\b(?:...)|...", in language order. */
static int build(struct loader *ld, int c, int is_url)
{
    struct sa_lexicon *lex = ld->lex;
    struct rx *rx = is_url ? &lex->url[c] : &lex->text[c];
    struct sa_buf all;
    sa__buf_init(&all, LEX_MAX_PATTERN);
    size_t n = 0;
    for (size_t l = 0; l < lex->nlangs; l++) {
        const struct src *s = &(is_url ? ld->src[l].url : ld->src[l].text)[c];
        n += s->buf.len || s->wb.len;
    }
    if (!n) return SA_OK;
    rx->branches = sa__calloc(n, sizeof *rx->branches);
    rx->code = sa__calloc(is_url ? 1 : n, sizeof *rx->code);
    rx->pre = sa__calloc(is_url ? 1 : n, sizeof *rx->pre);
    rx->ready = sa__calloc(is_url ? 1 : n, sizeof *rx->ready);
    if (!rx->branches || !rx->code || !rx->pre || !rx->ready) return SA_ENOMEM;
    rx->jit = !atomic_load(&no_jit);
    int rc = SA_OK;
    for (size_t l = 0; l < lex->nlangs && rc == SA_OK; l++) {
        const struct src *s = &(is_url ? ld->src[l].url : ld->src[l].text)[c];
        if (!s->buf.len && !s->wb.len) continue;
        if (!is_url) {
            sa__buf_reset(&all);
            if (s->wb.len) rc = sa__buf_puts(&all, "\\b(?:");
            if (rc == SA_OK && s->wb.len) rc = sa__buf_append(&all, s->wb.ptr, s->wb.len);
            if (rc == SA_OK && s->wb.len) rc = sa__buf_puts(&all, s->buf.len ? ")|" : ")");
            if (rc == SA_OK && s->buf.len) rc = sa__buf_append(&all, s->buf.ptr, s->buf.len);
            if (rc == SA_OK) rc = build_code(ld, c, is_url, &all, rx);
            if (rc == SA_OK) rc = add_starts(&ld->starts[0], s, &all, &rx->pre[rx->ncode - 1]);
            rx->branches[rx->nbranches].group = 0;
            rx->branches[rx->nbranches++].lang = (uint32_t)l;
            continue;
        }
        rc = sa__buf_printf(&all, "%s(?<sa__L%zu>", rx->nbranches ? "|" : "", l);
        if (rc == SA_OK && s->wb.len) rc = sa__buf_puts(&all, "\\b(?:");
        if (rc == SA_OK && s->wb.len) rc = sa__buf_append(&all, s->wb.ptr, s->wb.len);
        if (rc == SA_OK && s->wb.len) rc = sa__buf_puts(&all, s->buf.len ? ")|" : ")");
        if (rc == SA_OK && s->buf.len) rc = sa__buf_append(&all, s->buf.ptr, s->buf.len);
        if (rc == SA_OK) rc = sa__buf_puts(&all, ")");
        rx->branches[rx->nbranches++].lang = (uint32_t)l;
    }
    if (rc == SA_OK && is_url) rc = build_code(ld, c, is_url, &all, rx);
    /* each language's group by its name: the patterns' own groups shift the numbers, and
     * PCRE2 knows how ((?| ...) resets them) */
    for (size_t b = 0; b < rx->nbranches && rc == SA_OK && is_url; b++) {
        char name[32];
        snprintf(name, sizeof name, "sa__L%u", (unsigned)rx->branches[b].lang);
        int g = pcre2_substring_number_from_name(rx->code[0], (PCRE2_SPTR)name);
        if (g > 0)
            rx->branches[b].group = (uint32_t)g;
        else
            rc = fail(ld, SA_EPARSE,
                      "url \"%s\": a pattern names a group %s, a name kept for "
                      "the lexicon's own groups",
                      concept_names[c], name);
    }
    if (rc == SA_OK && is_url) sa__starts_add(&ld->starts[1], &rx->pre[0]);
    rx->stretch_safe = !is_url;
    for (size_t i = 0; i < rx->ncode && !is_url; i++) rx->stretch_safe &= rx->pre[i].stretch_safe;
    sa__buf_release(&all);
    return rc;
}

/* Half of the concepts' searches (from, from + 2, ...), with a loader of its own: rc and at
 * tell the first that failed (at SA_CONCEPT_LAST: none). */
struct half {
    struct loader ld;
    char err[512];
    int from, rc, at;
};

static void build_half(struct half *h)
{
    h->rc = SA_OK;
    h->at = SA_CONCEPT_LAST;
    for (int c = h->from; c < SA_CONCEPT_LAST; c += 2) {
        int rc = build(&h->ld, c, 0);
        if (rc == SA_OK) rc = build(&h->ld, c, 1);
        if (rc != SA_OK) {
            h->rc = rc;
            h->at = c;
            return;
        }
    }
}

static void *build_half_thread(void *arg)
{
    build_half(arg);
    return NULL;
}

/* Compiles and analyses every concept's searches, on two threads when there are two cores:
 * they are three quarters of the lexicon's load, and the load is most of an audit's start,
 * through which the second core idled (a 1-page audit: 116 -> 99 ms). The halves share only
 * what they read; each gathers starts and a group count of its own, merged here. A failure is
 * reported as the one met first in concept order, as one thread would. */
static int build_all(struct loader *ld)
{
    struct sa_lexicon *lex = ld->lex;
    struct half h[2];
    for (int i = 0; i < 2; i++) {
        h[i] = (struct half){.ld = *ld, .from = i};
        h[i].ld.err = h[i].err;
        h[i].ld.errlen = sizeof h[i].err;
    }
    h[0].ld.starts = lex->starts;
    h[1].ld.starts = sa__calloc(2, sizeof *lex->starts);
    if (!h[1].ld.starts) return SA_ENOMEM;
    pthread_t t;
    int threaded = 0;
    if (sysconf(_SC_NPROCESSORS_ONLN) > 1) {
        sigset_t all, old;
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, &old); /* signals stay the caller's */
        threaded = pthread_create(&t, NULL, build_half_thread, &h[1]) == 0;
        pthread_sigmask(SIG_SETMASK, &old, NULL);
    }
    build_half(&h[0]);
    if (threaded)
        pthread_join(t, NULL);
    else
        build_half(&h[1]);
    lex->max_groups =
        h[0].ld.max_groups > h[1].ld.max_groups ? h[0].ld.max_groups : h[1].ld.max_groups;
    for (int k = 0; k < 2; k++) sa__starts_merge(&lex->starts[k], &h[1].ld.starts[k]);
    sa__free(h[1].ld.starts);
    sa__starts_seal(&lex->starts[0]);
    sa__starts_seal(&lex->starts[1]);
    const struct half *f = h[0].at <= h[1].at ? &h[0] : &h[1];
    if (f->rc != SA_OK && f->err[0] && ld->err && ld->errlen)
        snprintf(ld->err, ld->errlen, "%s", f->err);
    return f->rc;
}

static int read_file(const char *path, struct sa_buf *b)
{
    FILE *f = fopen(path, "rb");
    if (!f) return SA_EIO;
    char chunk[16384];
    size_t n;
    int rc = SA_OK;
    while (rc == SA_OK && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        rc = sa__buf_append(b, chunk, n);
    if (rc == SA_OK && ferror(f)) rc = SA_EIO;
    fclose(f);
    if (rc == SA_OK && !b->ptr) rc = sa__buf_append(b, "", 0);
    return rc;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_dir(struct loader *ld, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return fail(ld, SA_EIO, "%s: cannot open the lexicon directory", dir);
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = SA_OK;
    struct dirent *e;
    while (rc == SA_OK && (e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len < 6 || strcmp(e->d_name + len - 5, ".json") != 0) continue;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            char **nn = sa__realloc(names, ncap * sizeof *nn);
            if (!nn) {
                rc = SA_ENOMEM;
                break;
            }
            names = nn;
            cap = ncap;
        }
        if (!(names[n] = sa__strdup(e->d_name)))
            rc = SA_ENOMEM;
        else
            n++;
    }
    closedir(d);
    if (rc == SA_OK && !n) rc = fail(ld, SA_EIO, "%s: no lexicon files (*.json)", dir);
    if (rc == SA_OK) qsort(names, n, sizeof *names, cmp_names); /* the same order everywhere */
    for (size_t i = 0; i < n && rc == SA_OK; i++) {
        char *path = sa__asprintf("%s/%s", dir, names[i]);
        struct sa_buf b;
        sa__buf_init(&b, LEX_MAX_FILE);
        rc = path ? read_file(path, &b) : SA_ENOMEM;
        if (rc == SA_EIO)
            rc = fail(ld, rc, "%s: cannot read", names[i]);
        else if (rc == SA_ETOOBIG)
            rc = fail(ld, rc, "%s: larger than %u bytes", names[i], LEX_MAX_FILE);
        if (rc == SA_OK) rc = load_file(ld, names[i], b.ptr, b.len);
        sa__buf_release(&b);
        sa__free(path);
    }
    for (size_t i = 0; i < n; i++) sa__free(names[i]);
    sa__free(names);
    return rc;
}

static int load_embedded(struct loader *ld)
{
    int rc = SA_OK;
    ld->trusted = 1;
    for (const struct sa__lexicon_blob *b = sa__lexicon_blobs; b->name && rc == SA_OK; b++) {
        char *file = sa__asprintf("%s.json", b->name);
        rc = file ? load_file(ld, file, (const char *)b->data, b->len) : SA_ENOMEM;
        sa__free(file);
    }
    return rc;
}

int sa_lexicon_new(const char *dir, struct sa_lexicon **out, char *err, size_t errlen)
{
    struct loader ld = {.err = err, .errlen = errlen};
    int rc = SA_ENOMEM;
    if (err && errlen) err[0] = '\0';
    if (!out) return SA_EINVAL;
    *out = NULL;
    struct sa_lexicon *lex = ld.lex = sa__calloc(1, sizeof *lex);
    if (!lex) goto err;
    lex->gctx = pcre2_general_context_create(pcre_malloc, pcre_free, NULL);
    if (!lex->gctx) goto err;
    lex->cctx = pcre2_compile_context_create(lex->gctx);
    lex->mctx = pcre2_match_context_create(lex->gctx);
    if (!lex->cctx || !lex->mctx) goto err;
    pcre2_set_match_limit(lex->mctx, LEX_MATCH_LIMIT);
    pcre2_set_depth_limit(lex->mctx, LEX_DEPTH_LIMIT);
    pcre2_set_heap_limit(lex->mctx, LEX_HEAP_LIMIT);

    rc = dir ? load_dir(&ld, dir) : load_embedded(&ld);
    if (rc == SA_OK && !(lex->starts = sa__calloc(2, sizeof *lex->starts))) rc = SA_ENOMEM;
    for (int c = 0; c < SA_CONCEPT_LAST && rc == SA_OK; c++) {
        lex->text[c].starts = &lex->starts[0];
        lex->url[c].starts = &lex->starts[1];
    }
    if (rc == SA_OK) rc = build_all(&ld);
    if (rc != SA_OK) goto err;
    static atomic_uint_fast64_t next_id = 1;
    lex->id = atomic_fetch_add(&next_id, 1);
    for (size_t l = 0; l < lex->nlangs; l++) src_release(&ld.src[l]);
    sa__free(ld.src);
    *out = lex;
    return SA_OK;
err:
    if (rc == SA_ENOMEM)
        fail(&ld, rc, "out of memory while loading the lexicon");
    else if (err && errlen && !err[0])
        fail(&ld, rc, "lexicon: %s", sa_strerror(rc));
    if (lex)
        for (size_t l = 0; l < lex->nlangs; l++) src_release(&ld.src[l]);
    sa__free(ld.src);
    sa_lexicon_free(lex);
    return rc;
}

/* Empties the cache, keeping the table's memory for the next page. */
static void tmpl_release(struct tmpl *t)
{
    for (size_t i = 0; i < t->ne; i++) sa__free(t->e[i].v);
    sa__free(t->e);
    t->e = NULL;
    t->ne = 0;
}

/* Keeps, for each region of the page ending, its bytes and the answers about texts inside it;
 * the answers move out of the page's entries. Without memory a region is simply not kept. */
static void tmpl_harvest(struct cache *ca)
{
    size_t count[SA_LEXICON_SCOPE_MAX] = {0};
    int keep[SA_LEXICON_SCOPE_MAX] = {0};
    for (size_t i = 0; i < ca->nscope; i++) {
        if (ca->slot[i] < 0) continue;
        struct tmpl *t = &ca->tmpl[ca->slot[i]];
        tmpl_release(t);
        const struct sa_str *sc = &ca->scope[i];
        if (sc->len > TMPL_MAX) {
            sa__free(t->text);
            *t = (struct tmpl){0};
            continue;
        }
        if (!t->text || t->len != sc->len || memcmp(t->text, sc->ptr, sc->len) != 0) {
            if (t->cap < sc->len + 1) {
                char *nt = sa__realloc(t->text, sc->len + 1);
                if (!nt) {
                    sa__free(t->text);
                    *t = (struct tmpl){0};
                    continue;
                }
                t->text = nt;
                t->cap = sc->len + 1;
            }
            memcpy(t->text, sc->ptr, sc->len);
            t->len = sc->len;
        }
        keep[i] = 1;
    }
    /* scopes are disjoint: an entry belongs to the one holding its text */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t j = 0; j < ca->used; j++) {
            struct entry *e = &ca->tab[ca->live[j]];
            if (!e->n && e->none_from == UINT32_MAX) continue;
            for (size_t i = 0; i < ca->nscope; i++) {
                const struct sa_str *sc = &ca->scope[i];
                if (!keep[i] || e->ptr < sc->ptr || (size_t)(e->ptr - sc->ptr) > sc->len ||
                    e->len > sc->len - (size_t)(e->ptr - sc->ptr))
                    continue;
                struct tmpl *t = &ca->tmpl[ca->slot[i]];
                if (pass == 0) {
                    count[i]++;
                } else if (t->e && t->ne < count[i]) {
                    t->e[t->ne++] = (struct tmpl_entry){
                        (uint32_t)(e->ptr - sc->ptr), e->len, e->concept, e->none_from, e->n, e->v};
                    e->v = NULL; /* moved */
                    e->n = e->cap = 0;
                }
                break;
            }
        }
        for (size_t i = 0; pass == 0 && i < ca->nscope; i++)
            if (keep[i] && count[i])
                ca->tmpl[ca->slot[i]].e = sa__malloc(count[i] * sizeof(struct tmpl_entry));
    }
}

static struct entry *entry_for(struct cache *ca, const char *text, size_t len, uint32_t c);

/* Starts the texts of a region that repeats the one kept in its place with the kept answers. */
static void tmpl_seed(struct cache *ca, size_t i)
{
    if (ca->slot[i] < 0) return;
    struct tmpl *t = &ca->tmpl[ca->slot[i]];
    const struct sa_str *sc = &ca->scope[i];
    if (!t->text || !t->ne || t->len != sc->len || memcmp(t->text, sc->ptr, sc->len) != 0) return;
    for (size_t k = 0; k < t->ne; k++) {
        struct tmpl_entry *x = &t->e[k];
        struct entry *e = entry_for(ca, sc->ptr + x->rel, x->len, x->concept);
        if (!e) continue; /* the table is full: those texts are matched afresh */
        sa__free(e->v);
        e->v = x->v;
        e->n = e->cap = x->n;
        e->none_from = x->none_from;
        x->v = NULL;
        ca->seeded++;
    }
    tmpl_release(t);
}

static void cache_clear(struct cache *ca)
{
    if (ca->owner) tmpl_harvest(ca);
    for (size_t i = 0; i < ca->used; i++) {
        struct entry *e = &ca->tab[ca->live[i]];
        sa__free(e->v);
        e->ptr = NULL;
        e->v = NULL;
    }
    ca->used = 0;
    for (size_t i = 0; i < ca->nnorms; i++) {
        if (!ca->norms[i].norm_borrowed) sa__free(ca->norms[i].norm);
        sa__free(ca->norms[i].map);
        sa__keys_release_spare(&ca->norms[i].keys, &ca->spare);
    }
    ca->nnorms = 0;
    ca->owner = NULL;
    ca->nscope = 0;
}

/* ---- the per-thread cache ----
 *
 * A thread's cache lives until the thread ends (a destructor frees it) or until the thread
 * frees the lexicon it serves. Using it with another lexicon remakes its match data, sized for
 * that lexicon's largest alternation. */

static _Thread_local struct cache *tls_cache;

/* Drops the answers kept across pages: the memo's and the regions' kept for the next page. */
static void forget_answers(struct cache *ca)
{
    if (ca->memo) memset(ca->memo->tag, 0, sizeof ca->memo->tag); /* all slots empty */
    for (size_t i = 0; i < SA_LEXICON_SCOPE_MAX; i++) {
        tmpl_release(&ca->tmpl[i]);
        sa__free(ca->tmpl[i].text);
        ca->tmpl[i] = (struct tmpl){0};
    }
}

static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;
static int cache_key_ok;

static void cache_destroy(void *p)
{
    struct cache *ca = p;
    if (!ca) return;
    ca->owner = NULL; /* nothing to keep */
    cache_clear(ca);
    for (size_t i = 0; i < SA_LEXICON_SCOPE_MAX; i++) {
        tmpl_release(&ca->tmpl[i]);
        sa__free(ca->tmpl[i].text);
    }
    sa__free(ca->tab);
    sa__free(ca->live);
    sa__free(ca->norms);
    sa__free(ca->memo);
    sa__free(ca->sk);
    sa__spare_free(&ca->spare);
    pcre2_match_data_free(ca->md);
    pcre2_match_context_free(ca->mctx);
    sa__free(ca);
}

static void cache_key_init(void)
{
    cache_key_ok = pthread_key_create(&cache_key, cache_destroy) == 0;
}

/* The calling thread's cache for lex, made when create says so; NULL without one. */
static struct cache *thread_cache(const struct sa_lexicon *lex, int create)
{
    struct cache *ca = tls_cache;
    if (ca && ca->lex_id == lex->id) return ca;
    if (!create) return NULL;
    pthread_once(&cache_once, cache_key_init);
    if (!cache_key_ok) return NULL;
    if (!ca) {
        ca = sa__calloc(1, sizeof *ca);
        if (!ca) return NULL;
        if (pthread_setspecific(cache_key, ca) != 0) {
            sa__free(ca);
            return NULL;
        }
        tls_cache = ca;
    }
    ca->owner = NULL;
    cache_clear(ca);
    sa__free(ca->memo); /* answers of another lexicon */
    ca->memo = NULL;
    forget_answers(ca);
    sa__free(ca->sk); /* keys for another lexicon's searches */
    ca->sk = NULL;
    ca->starts = &lex->starts[0];
    pcre2_match_data_free(ca->md);
    pcre2_match_context_free(ca->mctx);
    ca->md = pcre2_match_data_create(lex->max_groups + 1, lex->gctx);
    ca->mctx = pcre2_match_context_copy(lex->mctx);
    ca->lex_id = ca->md && ca->mctx ? lex->id : 0;
    return ca->lex_id ? ca : NULL;
}

void sa_lexicon_free(struct sa_lexicon *lex)
{
    if (!lex) return;
    struct cache *ca = tls_cache;
    if (ca && ca->lex_id == lex->id) {
        pthread_setspecific(cache_key, NULL);
        tls_cache = NULL;
        cache_destroy(ca);
    }
    for (int c = 0; c < SA_CONCEPT_LAST; c++) {
        for (size_t i = 0; i < lex->text[c].ncode; i++) {
            pcre2_code_free(lex->text[c].code[i]);
            sa__prefix_release(&lex->text[c].pre[i]);
        }
        sa__free(lex->text[c].pre);
        for (size_t i = 0; i < lex->url[c].ncode; i++) {
            pcre2_code_free(lex->url[c].code[i]);
            sa__prefix_release(&lex->url[c].pre[i]);
        }
        sa__free(lex->url[c].pre);
        sa__free(lex->text[c].code);
        sa__free(lex->url[c].code);
        sa__free((void *)lex->text[c].ready);
        sa__free((void *)lex->url[c].ready);
        sa__free(lex->text[c].branches);
        sa__free(lex->url[c].branches);
    }
    for (size_t l = 0; l < lex->nlangs; l++) sa__free(lex->langs[l]);
    sa__free(lex->langs);
    sa__free(lex->starts);
    pcre2_match_context_free(lex->mctx);
    pcre2_compile_context_free(lex->cctx);
    pcre2_general_context_free(lex->gctx);
    sa__free(lex);
}

/* ---- matching ---- */

static pthread_mutex_t jit_mu = PTHREAD_MUTEX_INITIALIZER;

/* Code i of rx, JIT-compiled on its first use rather than at load: an audit uses part of the
 * lexicon (one page of the demo shop, 98 of its 296 searches; the 4-language bench shop, 217),
 * and JIT is 40% of the load. Every use waits for the compile, so no match runs beside a compile
 * of its code, and a search goes through the same engine from its first match on: answers,
 * step budgets included, do not depend on which thread came first. Without JIT (no support, or
 * no executable memory) the interpreter gives the same answers, only slower. */
static const pcre2_code *ready_code(const struct rx *rx, size_t i)
{
    if (!atomic_load_explicit(&rx->ready[i], memory_order_acquire)) {
        pthread_mutex_lock(&jit_mu);
        if (!atomic_load_explicit(&rx->ready[i], memory_order_relaxed)) {
            /* PCRE2 10.42's JIT compiler crashes when its allocator fails half-way (found by
             * tests/unit/test_torture.c), so it is kept out of failure injection */
            sa__alloc_exempt(1);
            if (rx->jit) (void)pcre2_jit_compile(rx->code[i], PCRE2_JIT_COMPLETE);
            sa__alloc_exempt(0);
            atomic_store_explicit(&rx->ready[i], 1, memory_order_release);
        }
        pthread_mutex_unlock(&jit_mu);
    }
    return rx->code[i];
}

/* One search of rx: the raw pcre2_match result. */
static int run_code(const struct rx *rx, size_t i, pcre2_match_data *md, pcre2_match_context *mc,
                    const char *s, size_t n, size_t start)
{
    const pcre2_code *code = ready_code(rx, i);
    /* JIT's own entry skips pcre2_match's checks, a sixth of a try's cost at a candidate; the
     * patterns are compiled with PCRE2_MATCH_INVALID_UTF, so any bytes are safe. A pattern JIT
     * could not compile says BADOPTION and goes through pcre2_match. */
    int rc = pcre2_jit_match(code, (PCRE2_SPTR)s, n, start, PCRE2_NOTEMPTY, md, mc);
    if (rc == PCRE2_ERROR_JIT_BADOPTION)
        rc = pcre2_match(code, (PCRE2_SPTR)s, n, start, PCRE2_NOTEMPTY, md, mc);
    if (rc == PCRE2_ERROR_JIT_STACKLIMIT) /* deep lookarounds: the interpreter uses the heap */
        rc = pcre2_match(code, (PCRE2_SPTR)s, n, start, PCRE2_NOTEMPTY | PCRE2_NO_JIT, md, mc);
    return rc;
}

/* 1 and the match in s, 0, or SA_ENOMEM. md == NULL makes match data for this call only, and
 * mc == NULL a match context. A pattern that runs out of its step budget on a hostile page
 * counts as "not found": the page does not say the concept in a way we can afford to find;
 * *clean (when given) is then 0, so the answer cache does not extend a "none" to later starts
 * (and a stretch does not take its region's answer).
 *
 * The languages of a text concept are searched one after the other and give the answer the
 * joined alternation "L0|L1|..." would: the leftmost match, and at equal starts the earlier
 * language. Once a language has matched at p, the later ones may only start before p (the
 * offset limit), and none is asked when p is the start. */
/* One code of rx tried only where its prefilter allows (lexicon_prefix.h): at each candidate
 * position p in turn, with the offset limit at p, so PCRE2 tries p alone; the first success is
 * the leftmost match. Candidates at or past limit are not tried (limit: SIZE_MAX for none).
 * The raw pcre2_match result, as run_code gives it. */
static int run_filtered(const struct rx *rx, size_t i, pcre2_match_data *md,
                        pcre2_match_context *mc, const char *s, size_t n, size_t start,
                        const struct sa__keys *keys, size_t limit)
{
    const struct sa__prefix *pre = &rx->pre[i];
    if (!sa__prefix_may(pre, keys)) return PCRE2_ERROR_NOMATCH;
    /* a search that starts with \b before a word character walks the word starts only */
    int rc = PCRE2_ERROR_NOMATCH;
    struct sa__cands cands;
    size_t at;
    if (sa__cands_init(&cands, pre, keys, start, limit)) {
        /* a long text's index: only the rows of the search's first pairs are visited */
        while (sa__cands_next(&cands, &at) && at < limit) {
            if (!sa__prefix_deep(pre, s, n, at)) continue;
            pcre2_set_offset_limit(mc, at);
            rc = run_code(rx, i, md, mc, s, n, at);
            if (rc != PCRE2_ERROR_NOMATCH) break; /* a match, or an error that ends the search */
        }
    } else {
        size_t nrows, base = keys->base;
        unsigned need;
        const struct sa__row *rows = sa__keys_rows(keys, pre->word_start, &nrows, &need);
        for (size_t j = sa__keys_find(rows, nrows, base + start); j < nrows; j++) {
            at = rows[j].off - base;
            if (at >= limit) break;
            if ((need && !(rows[j].h1 & need)) || !sa__prefix_cand(pre, rows[j]) ||
                !sa__prefix_deep(pre, s, n, at))
                continue;
            pcre2_set_offset_limit(mc, at);
            rc = run_code(rx, i, md, mc, s, n, at);
            if (rc != PCRE2_ERROR_NOMATCH) break;
        }
    }
    pcre2_set_offset_limit(mc, PCRE2_UNSET);
    return rc;
}

static int run(const struct sa_lexicon *lex, const struct rx *rx, pcre2_match_data *md,
               pcre2_match_context *mc, const char *s, size_t n, size_t start, size_t limit,
               size_t *ms, size_t *me, uint32_t *lang, int *clean, const struct sa__keys *keys)
{
    pcre2_match_data *own = NULL;
    pcre2_match_context *own_mc = NULL;
    if (!md) {
        md = own = pcre2_match_data_create(lex->max_groups + 1, lex->gctx);
        if (!md) return SA_ENOMEM;
    }
    if (!mc && (rx->ncode > 1 || keys || limit != SIZE_MAX)) {
        mc = own_mc = pcre2_match_context_copy(lex->mctx);
        if (!mc) {
            pcre2_match_data_free(own);
            return SA_ENOMEM;
        }
    }
    if (!mc) mc = lex->mctx; /* one search: no offset limit is ever set on it */
    int found = 0, all_sure = 1, limited = 0;
    for (size_t i = 0; i < rx->ncode; i++) {
        size_t lim = found ? *ms : limit; /* a match must start before it */
        if (lim <= start) break;
        int rc;
        if (keys && rx->pre && rx->pre[i].usable) {
            rc = run_filtered(rx, i, md, mc, s, n, start, keys, lim);
        } else {
            if (lim != SIZE_MAX) {
                pcre2_set_offset_limit(mc, lim - 1);
                limited = 1;
            }
            rc = run_code(rx, i, md, mc, s, n, start);
        }
        if (rc >= 0) {
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
            *ms = ov[0];
            *me = ov[1];
            if (rx->ncode > 1 || rx->ncode == rx->nbranches) {
                *lang = rx->branches[i].lang;
            } else {
                *lang = rx->branches[0].lang;
                for (size_t b = 0; b < rx->nbranches; b++)
                    if (ov[2 * rx->branches[b].group] != PCRE2_UNSET) {
                        *lang = rx->branches[b].lang;
                        break;
                    }
            }
            found = 1;
        } else if (rc == PCRE2_ERROR_NOMEMORY) {
            found = SA_ENOMEM;
            break;
        } else if (rc != PCRE2_ERROR_NOMATCH) {
            all_sure = 0;
        }
    }
    if (limited) pcre2_set_offset_limit(mc, PCRE2_UNSET);
    if (clean) *clean = all_sure;
    pcre2_match_data_free(own);
    pcre2_match_context_free(own_mc);
    return found;
}

/* The search itself, on text or on its normalised form (norm and map, when the text needed
 * normalising), for a match that starts in [start, limit) (limit SIZE_MAX: anywhere after
 * start): 1 with the match in the caller's offsets in *os, *oe, *lang; 0; SA_ENOMEM. */
static int search(const struct sa_lexicon *lex, const struct rx *rx, pcre2_match_data *md,
                  pcre2_match_context *mc, const char *text, size_t len, const char *norm,
                  size_t nlen, const uint32_t *map, size_t start, size_t limit, size_t *os,
                  size_t *oe, uint32_t *lang, int *clean, const struct sa__keys *keys)
{
    size_t ms, me;
    if (!norm) {
        int rc = run(lex, rx, md, mc, text, len, start, limit, &ms, &me, lang, clean, keys);
        if (rc == 1) {
            *os = ms;
            *oe = me;
        }
        return rc;
    }
    /* first output byte that comes from at or after start */
    size_t lo = sa__u32_lower_bound(map, 0, nlen, (uint32_t)start);
    size_t hi = limit >= len ? SIZE_MAX : sa__u32_lower_bound(map, 0, nlen, (uint32_t)limit);
    int rc = run(lex, rx, md, mc, norm, nlen, lo, hi, &ms, &me, lang, clean, keys);
    if (rc == 1) {
        *os = *oe = map[ms];
        if (me > ms) {
            /* the end is the end of the source character of the last matched character, so a
             * match ending inside the ligature's expansion still covers the whole "և" */
            size_t c = me - 1;
            while (c > ms && ((unsigned char)norm[c] & 0xC0) == 0x80) c--;
            size_t src = map[c], k = sa__utf8_seq((const unsigned char *)text + src, len - src);
            *oe = src + (k ? k : 1);
        }
    }
    return rc;
}

/* An uncached search. md and mc: the cache's, when the caller holds it, else NULL (made for
 * this call only). given: the text's entry in the thread's short keys when the caller has it
 * (its keys, and its normalised form if it needs one), else NULL. */
static int find_with(const struct sa_lexicon *lex, const struct rx *rx, pcre2_match_data *md,
                     pcre2_match_context *mc, const char *text, size_t len, size_t start,
                     struct sa_match *m, const struct short_keys *given)
{
    if (!lex || !text || start > len) return 0;
    if (!rx->ncode) return 0;
    size_t os = 0, oe = 0;
    uint32_t lang;
    char *norm = NULL;
    size_t nlen = 0;
    uint32_t *map = NULL;
    int rc =
        !given && needs_norm(text, len) ? normalise(text, len, &norm, &nlen, &map) : SA_ETOOBIG;
    if (rc != SA_OK && rc != SA_ETOOBIG) return rc;
    /* SA_ETOOBIG: nothing to normalise, or over 2 GB: the text is matched as it is */
    /* Short texts (link texts, labels, URL paths) get their keys on the stack: even for a few
     * words, skipping the languages and positions that cannot match beats one PCRE2 call per
     * language. Longer ones are rarely asked twice; their keys are made and dropped. */
    struct sa__row rows[2 * (LEX_STACK_KEYS + 1)];
    struct sa__keys keys;
    const char *subj = norm ? norm : text;
    size_t slen = norm ? nlen : len;
    int keyed = !given && !lex->no_prefilter && rx->pre && slen < UINT32_MAX &&
                sa__keys_build_for(subj, slen, rx->starts, &keys, rows,
                                   sizeof rows / sizeof *rows) == SA_OK;
    const struct sa__keys *kp = given ? &given->keys : keyed ? &keys : NULL;
    const char *gn = given && given->nlen1 ? given->norm : norm;
    size_t gl = given && given->nlen1 ? given->nlen1 - 1 : nlen;
    const uint32_t *gm = given && given->nlen1 ? given->map : map;
    rc = search(lex, rx, md, mc, text, len, gn, gl, gm, start, SIZE_MAX, &os, &oe, &lang, NULL, kp);
    if (keyed) sa__keys_release(&keys);
    if (rc == 1 && m) *m = (struct sa_match){os, oe - os, lex->langs[lang]};
    sa__free(norm);
    sa__free(map);
    return rc;
}

static int find(const struct sa_lexicon *lex, const struct rx *rx, pcre2_match_data *md,
                pcre2_match_context *mc, const char *text, size_t len, size_t start,
                struct sa_match *m)
{
    return find_with(lex, rx, md, mc, text, len, start, m, NULL);
}

/* The page text holding text[0..len), or NULL. */
static const struct sa_str *scope_of(const struct cache *ca, const char *text, size_t len)
{
    for (size_t i = 0; i < ca->nscope; i++) {
        const struct sa_str *sc = &ca->scope[i];
        if (text >= sc->ptr && len <= sc->len && (size_t)(text - sc->ptr) <= sc->len - len)
            return sc;
    }
    return NULL;
}

/* The page text of which text[0..len) is a shorter stretch that starts at the text's start or
 * after a '\n' (and, with ends, stops at the text's end or before a '\n'): a block of its
 * region, or a run of blocks. NULL otherwise. */
static const struct sa_str *region_of(const struct cache *ca, const char *text, size_t len,
                                      int ends)
{
    const struct sa_str *sc = scope_of(ca, text, len);
    if (!sc || !len || len >= sc->len) return NULL;
    size_t at = (size_t)(text - sc->ptr);
    if (at && text[-1] != '\n') return NULL;
    if (ends && at + len < sc->len && text[len] != '\n') return NULL;
    return sc;
}

static size_t slot_of(const struct entry *tab, size_t cap, const char *ptr, uint32_t len,
                      uint32_t c)
{
    uint64_t h = (uint64_t)(uintptr_t)ptr * 0x9E3779B97F4A7C15u ^ ((uint64_t)len << 8 | c);
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9u;
    h ^= h >> 32;
    size_t i = (size_t)h & (cap - 1);
    while (tab[i].ptr && (tab[i].ptr != ptr || tab[i].len != len || tab[i].concept != c))
        i = (i + 1) & (cap - 1);
    return i;
}

/* The entry for (text, c), made now if need be; NULL when the table is full or memory short
 * (the caller then matches uncached). */
static struct entry *entry_for(struct cache *ca, const char *text, size_t len, uint32_t c)
{
    if (ca->cap) {
        struct entry *e = &ca->tab[slot_of(ca->tab, ca->cap, text, (uint32_t)len, c)];
        if (e->ptr) return e;
    }
    if ((ca->used + 1) * 2 > ca->cap) {
        size_t ncap = ca->cap ? ca->cap * 2 : 1024;
        if (ncap > LEX_CACHE_KEYS * 2) return NULL;
        struct entry *nt = sa__calloc(ncap, sizeof *nt);
        uint32_t *nl = nt ? sa__malloc(ncap / 2 * sizeof *nl) : NULL;
        if (!nl) {
            sa__free(nt);
            return NULL;
        }
        for (size_t i = 0; i < ca->used; i++) {
            const struct entry *o = &ca->tab[ca->live[i]];
            nl[i] = (uint32_t)slot_of(nt, ncap, o->ptr, o->len, o->concept);
            nt[nl[i]] = *o;
        }
        sa__free(ca->tab);
        sa__free(ca->live);
        ca->tab = nt;
        ca->live = nl;
        ca->cap = ncap;
    }
    size_t at = slot_of(ca->tab, ca->cap, text, (uint32_t)len, c);
    struct entry *e = &ca->tab[at];
    *e = (struct entry){.ptr = text, .len = (uint32_t)len, .concept = c, .none_from = UINT32_MAX};
    ca->live[ca->used++] = (uint32_t)at;
    return e;
}

/* The normalised form of text, made on first use; NULL with *rc = SA_OK when the text needs
 * none, NULL with *rc < 0 when memory ran out. */
static const struct normed *normed_for(struct cache *ca, const char *text, size_t len, int *rc)
{
    *rc = SA_OK;
    for (size_t i = 0; i < ca->nnorms; i++)
        if (ca->norms[i].ptr == text && ca->norms[i].len == len) return &ca->norms[i];
    /* A block of a region (its first, or one after a '\n') borrows the region's keys, which are
     * then made once for both. In a region that needed normalising (Greek, Armenian) the block's
     * normal form is the region's between the block's first and last source characters, as
     * normalising starts afresh after a '\n'; it is borrowed too, with a map of its own. */
    struct sa__keys view = {0};
    const char *wnorm = NULL;
    const uint32_t *wmap = NULL;
    size_t at = 0, na = 0, nb = 0;
    const struct sa_str *sc = region_of(ca, text, len, 0);
    if (sc) {
        const struct normed *whole = normed_for(ca, sc->ptr, sc->len, rc);
        if (*rc != SA_OK) return NULL;
        at = (size_t)(text - sc->ptr);
        if (!whole->keys.all) {
            /* no keys to borrow: the block makes its own below */
        } else if (!whole->norm) {
            sa__keys_view(&whole->keys, at, len, &view);
        } else if (whole->nlen < UINT32_MAX) {
            na = sa__u32_lower_bound(whole->map, 0, whole->nlen, (uint32_t)at);
            nb = sa__u32_lower_bound(whole->map, 0, whole->nlen, (uint32_t)(at + len));
            sa__keys_view(&whole->keys, na, nb - na, &view);
            wnorm = whole->norm; /* the region's entry may move below: keep what is needed */
            wmap = whole->map;
        }
    }
    if (ca->nnorms == ca->capnorms) {
        size_t ncap = ca->capnorms ? ca->capnorms * 2 : 16;
        struct normed *nn = sa__realloc(ca->norms, ncap * sizeof *nn);
        if (!nn) {
            *rc = SA_ENOMEM;
            return NULL;
        }
        ca->norms = nn;
        ca->capnorms = ncap;
    }
    struct normed *n = &ca->norms[ca->nnorms];
    *n = (struct normed){.ptr = text, .len = len};
    if (view.all) {
        if (wnorm && (nb - na != len || memcmp(wnorm + na, text, len) != 0)) {
            uint32_t *m = sa__malloc((nb - na + 1) * sizeof *m);
            if (!m) {
                *rc = SA_ENOMEM;
                return NULL;
            }
            for (size_t i = na; i < nb; i++) m[i - na] = wmap[i] - (uint32_t)at;
            m[nb - na] = (uint32_t)len;
            n->norm = (char *)(uintptr_t)(wnorm + na);
            n->norm_borrowed = 1;
            n->nlen = nb - na;
            n->map = m;
        }
        n->keys = view;
        ca->nnorms++;
        return n;
    }
    if (needs_norm(text, len)) {
        *rc = normalise(text, len, &n->norm, &n->nlen, &n->map);
        if (*rc != SA_OK) return NULL;
    }
    /* Even a short page text gets its keys: most checks ask about a block's text, so its keys
     * cost less than a PCRE2 call over it for every concept and language (200-page bench shop:
     * texts under 256 bytes, searched unfiltered, took 20 000 calls and 171 M instructions;
     * keyed, the audit's instructions -3.7%). Without memory for the keys the text is searched
     * unfiltered: the same answers, only slower. */
    size_t slen = n->norm ? n->nlen : len;
    if (slen && sa__keys_build_spare(n->norm ? n->norm : text, slen, ca->starts, &n->keys,
                                     &ca->spare) != SA_OK)
        memset(&n->keys, 0, sizeof n->keys);
    ca->nnorms++;
    return n;
}

/* Remembers an answer; when the list is full or memory short, the answer is simply not kept. */
static void remember(struct entry *e, struct answer x)
{
    if (e->n == e->cap) {
        if (e->cap >= LEX_CACHE_ANSWERS) return;
        uint32_t ncap = e->cap ? e->cap * 2 : 2;
        struct answer *v = sa__realloc(e->v, ncap * sizeof *v);
        if (!v) return;
        e->v = v;
        e->cap = ncap;
    }
    uint32_t i = e->n;
    while (i > 0 && e->v[i - 1].from > x.from) i--;
    memmove(&e->v[i + 1], &e->v[i], (e->n - i) * sizeof *e->v);
    e->v[i] = x;
    e->n++;
}

/* The leftmost match at or after start in e's text, from e's answers or by a search whose
 * answer e then keeps: 1 with *x, 0, or < 0. *clean: no search gave up on the way. A search
 * stops where e's answers take over (the next answer's from, or none_from), so asking a text
 * from its end backwards still reads it once. */
static int answer_from(const struct sa_lexicon *lex, struct cache *ca, const struct rx *rx,
                       struct entry *e, size_t start, struct answer *x, int *clean)
{
    *clean = 1;
    if (start >= e->none_from) return 0;
    uint32_t lo = 0, hi = e->n; /* the last answer with from <= start */
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (e->v[mid].from <= start)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0 && start <= e->v[lo - 1].off) {
        *x = e->v[lo - 1];
        *clean = x->clean;
        return 1;
    }
    int rc;
    const struct normed *n = normed_for(ca, e->ptr, e->len, &rc);
    if (rc != SA_OK) return rc;
    size_t os = 0, oe = 0, limit = e->none_from == UINT32_MAX ? SIZE_MAX : e->none_from;
    int next = lo < e->n && e->v[lo].from < limit; /* e->v[lo].from > start */
    if (next) limit = e->v[lo].from;
    uint32_t lang;
    rc = search(lex, rx, ca->md, ca->mctx, e->ptr, e->len, n ? n->norm : NULL, n ? n->nlen : 0,
                n ? n->map : NULL, start, limit, &os, &oe, &lang, clean,
                n && n->keys.all && !lex->no_prefilter ? &n->keys : NULL);
    if (rc == 1) {
        *x = (struct answer){(uint32_t)start, (uint32_t)os, (uint32_t)oe, (uint16_t)lang,
                             (uint16_t)*clean};
        remember(e, *x);
    } else if (rc == 0 && *clean && next) {
        /* nothing before the next answer: it holds from start too */
        e->v[lo].from = (uint32_t)start;
        *x = e->v[lo];
        *clean = x->clean;
        return 1;
    } else if (rc == 0 && *clean) {
        e->none_from = (uint32_t)start;
    }
    return rc;
}

/* A stretch of a page text that lies between two '\n' (or the text's ends), a block of its
 * region, asked about a concept whose searches answer alike on both (rx->stretch_safe): the
 * region's answer from the same place says it, when it is clean and ends inside the stretch,
 * or starts past it. The region's answers are then found in one pass over it, however many
 * of its blocks are asked: checks ask hundreds per page. 1 or 0 with the answer, < 0 on
 * error, 2 when the region cannot tell (no such stretch, a match across its end, a search
 * that gave up). */
static int find_stretch(const struct sa_lexicon *lex, struct cache *ca, enum sa_concept c,
                        const char *text, size_t len, size_t start, struct sa_match *m)
{
    const struct sa_str *sc = region_of(ca, text, len, 1);
    if (!sc) return 2;
    size_t at = (size_t)(text - sc->ptr);
    struct entry *re = entry_for(ca, sc->ptr, sc->len, (uint32_t)c);
    if (!re) return 2;
    struct answer x;
    int clean;
    int rc = answer_from(lex, ca, &lex->text[c], re, at + start, &x, &clean);
    if (rc < 0) return rc;
    if (!clean || (rc == 1 && x.off < at + len && x.end > at + len)) {
        ca->unstretched++;
        return 2;
    }
    ca->stretched++;
    if (rc == 0 || x.off >= at + len) return 0;
    if (m) *m = (struct sa_match){x.off - at, x.end - x.off, lex->langs[x.lang]};
    return 1;
}

/* find() through the page cache: each search runs once per (text, concept, stretch of text),
 * and a walk over every match of a concept costs one pass over the text, not one per match.
 * The answers are those find() gives: the leftmost match at or after start does not depend on
 * where the search began, only on the text. */
static int find_cached(const struct sa_lexicon *lex, struct cache *ca, enum sa_concept c,
                       const char *text, size_t len, size_t start, struct sa_match *m)
{
    const struct rx *rx = &lex->text[c];
    if (rx->stretch_safe && !lex->no_prefilter) {
        int rc = find_stretch(lex, ca, c, text, len, start, m);
        if (rc != 2) return rc;
    }
    struct entry *e = entry_for(ca, text, len, (uint32_t)c);
    if (!e) return find(lex, rx, ca->md, ca->mctx, text, len, start, m);
    struct answer x;
    int clean;
    int rc = answer_from(lex, ca, rx, e, start, &x, &clean);
    if (rc == 1 && m) *m = (struct sa_match){x.off, x.end - x.off, lex->langs[x.lang]};
    return rc;
}

/* A short text's entry (ht: its hash) in the thread's cache, made on a miss: its keys, and
 * its normalised form if it needs one. NULL when memory is short or the text does not fit (the
 * caller then does the work itself). */
static const struct short_keys *short_keys(struct cache *ca, const struct sa__starts *st,
                                           const char *text, size_t len, uint64_t ht)
{
    if (len > MEMO_TEXT) return NULL;
    if (!ca->sk && !(ca->sk = sa__calloc(SHORT_KEYS, sizeof *ca->sk))) return NULL;
    struct short_keys *e = &ca->sk[(ht ^ ht >> 31) & (SHORT_KEYS - 1)];
    if (e->len1 == len + 1 && e->h == ht && e->starts == st && memcmp(e->text, text, len) == 0)
        return e;
    e->len1 = 0;
    e->nlen1 = 0;
    const char *subj = text;
    size_t slen = len;
    if (needs_norm(text, len)) {
        const unsigned char *u = (const unsigned char *)text;
        slen = norm_pass(u, len, e->norm, e->map, MEMO_TEXT);
        if (slen > MEMO_TEXT) return NULL;
        e->map[slen] = (uint32_t)len;
        e->nlen1 = (uint32_t)slen + 1;
        subj = e->norm;
    }
    if (sa__keys_build_for(subj, slen, st, &e->keys, e->rows, sizeof e->rows / sizeof *e->rows) !=
        SA_OK)
        return NULL;
    memcpy(e->text, text, len);
    e->h = ht;
    e->starts = st;
    e->len1 = (uint32_t)len + 1;
    return e;
}

/* A short text's hash, eight bytes at a time: FNV-1a's multiply a byte was half of find_memo's
 * own instructions (29 -> 15 M on the 200-page bench shop). */
static uint64_t text_hash(const char *s, size_t n)
{
    return sa__hash_bytes(s, n, 0x9E3779B97F4A7C15u);
}

/* find() from the start of a short text through the thread's memo. */
static int find_memo(const struct sa_lexicon *lex, struct cache *ca, const struct rx *rx,
                     enum sa_concept c, int url, const char *text, size_t len, struct sa_match *m)
{
    if (!ca->memo && !(ca->memo = sa__calloc(1, sizeof *ca->memo)))
        return find(lex, rx, ca->md, ca->mctx, text, len, 0, m);
    uint64_t ht = text_hash(text, len);
    uint64_t h = (ht ^ ((uint64_t)c << 1 | (unsigned)url)) * 0x9E3779B97F4A7C15u;
    size_t si = (h ^ h >> 29) & (MEMO_SLOTS - 1);
    uint64_t *tag = &ca->memo->tag[si];
    struct memo *e = &ca->memo->slot[si];
    if (*tag == (h | 1) && e->len1 == len + 1 && e->concept == c && e->url == url &&
        memcmp(e->text, text, len) == 0) {
        if (e->found && m) *m = e->m;
        return e->found;
    }
    /* a miss fills the slot after the search: its lines are fetched meanwhile (a store that
     * missed the cache was a quarter of find_memo's cycles) */
    __builtin_prefetch(e, 1);
    __builtin_prefetch((const char *)e + 64, 1);
    struct sa_match mm = {0};
    const struct short_keys *k =
        rx->pre && !lex->no_prefilter ? short_keys(ca, rx->starts, text, len, ht) : NULL;
    int rc = find_with(lex, rx, ca->md, ca->mctx, text, len, 0, &mm, k);
    if (rc < 0) return rc;
    /* field by field: the text is copied once, and the bytes past it are left as they are */
    *tag = h | 1;
    e->len1 = (uint32_t)len + 1;
    e->concept = (uint16_t)c;
    e->url = (uint8_t)url;
    e->found = (uint8_t)rc;
    e->m = mm;
    memcpy(e->text, text, len);
    if (rc == 1 && m) *m = mm;
    return rc;
}

int sa_lexicon_find_from(const struct sa_lexicon *lex, enum sa_concept c, const char *text,
                         size_t len, size_t start, struct sa_match *m)
{
    if (LEX_NO_MATCHING || !lex || (int)c < 0 || c >= SA_CONCEPT_LAST) return 0;
    if (!text || start > len || !lex->text[c].ncode) return 0;
    struct cache *ca = thread_cache(lex, 1);
    if (!ca || len >= UINT32_MAX) return find(lex, &lex->text[c], NULL, NULL, text, len, start, m);
    if (ca->owner && scope_of(ca, text, len)) return find_cached(lex, ca, c, text, len, start, m);
    if (start == 0 && len <= MEMO_TEXT)
        return find_memo(lex, ca, &lex->text[c], c, 0, text, len, m);
    return find(lex, &lex->text[c], ca->md, ca->mctx, text, len, start, m);
}

void sa__lexicon_page_begin(const struct sa_lexicon *lex, const void *page,
                            const struct sa_str *texts, size_t n)
{
    struct cache *ca = lex && page ? thread_cache(lex, 1) : NULL;
    if (!ca) return;
    cache_clear(ca);
    ca->owner = page;
    for (size_t i = 0; i < n && ca->nscope < SA_LEXICON_SCOPE_MAX; i++)
        if (texts[i].ptr && texts[i].len) {
            ca->slot[ca->nscope] = i < SA_LEXICON_SCOPE_MAX ? (int)i : -1;
            ca->scope[ca->nscope++] = texts[i];
        }
    for (size_t i = 0; i < ca->nscope; i++) tmpl_seed(ca, i);
}

size_t sa__lexicon_seeded(const struct sa_lexicon *lex)
{
    struct cache *ca = lex ? thread_cache(lex, 0) : NULL;
    return ca ? ca->seeded : 0;
}

size_t sa__lexicon_stretched(const struct sa_lexicon *lex, size_t *missed)
{
    struct cache *ca = lex ? thread_cache(lex, 0) : NULL;
    if (missed) *missed = ca ? ca->unstretched : 0;
    return ca ? ca->stretched : 0;
}

const struct sa__starts *sa__lexicon_text_starts(const struct sa_lexicon *lex)
{
    return &lex->starts[0];
}

void sa__lexicon_set_prefilter(struct sa_lexicon *lex, int on)
{
    if (!lex || lex->no_prefilter == !on) return;
    lex->no_prefilter = !on;
    /* The calling thread's answers were found the other way: a test comparing the two ways
     * must not be handed them back, by the memo or by a region that repeats the last page's. */
    struct cache *ca = thread_cache(lex, 0);
    if (ca) forget_answers(ca);
}

void sa__lexicon_page_end(const struct sa_lexicon *lex, const void *page)
{
    struct cache *ca = lex && page ? thread_cache(lex, 0) : NULL;
    if (ca && ca->owner == page) cache_clear(ca);
}

int sa_lexicon_find(const struct sa_lexicon *lex, enum sa_concept c, const char *text, size_t len,
                    struct sa_match *m)
{
    return sa_lexicon_find_from(lex, c, text, len, 0, m);
}

int sa_lexicon_match(const struct sa_lexicon *lex, enum sa_concept c, const char *text, size_t len)
{
    int rc = sa_lexicon_find(lex, c, text, len, NULL);
    return rc == 1;
}

static int hexval(int ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

/* The path of an absolute or relative URL: after "scheme://host", before "?" or "#". The host
 * is left out so "cart.example" says nothing; the query too, so "/login?back=/cart" is a login
 * page, not a cart. */
static struct sa_str url_path(const char *url)
{
    const char *p = url;
    const char *colon = strpbrk(url, ":/?#");
    if (colon && *colon == ':' && colon > url) p = colon + 1;
    if (p[0] == '/' && p[1] == '/') {
        p += 2;
        p += strcspn(p, "/?#");
    }
    return (struct sa_str){p, strcspn(p, "?#")};
}

int sa_lexicon_url_match(const struct sa_lexicon *lex, enum sa_concept c, const char *url)
{
    if (LEX_NO_MATCHING || !lex || !url || (int)c < 0 || c >= SA_CONCEPT_LAST || !lex->url[c].ncode)
        return 0;
    struct sa_str path = url_path(url);
    /* pages ask about every link: most paths fit on the stack, and the cache's match data is
     * borrowed from the thread's cache, so a question costs no allocation */
    char small[512];
    char *dec = path.len < sizeof small ? small : sa__malloc(path.len + 1);
    if (!dec) return 0;
    size_t n = 0;
    for (size_t i = 0; i < path.len; i++) {
        int ch = (unsigned char)path.ptr[i];
        if (ch == '%' && i + 2 < path.len) {
            int hi = hexval(path.ptr[i + 1]), lo = hexval(path.ptr[i + 2]);
            if (hi >= 0 && lo >= 0) {
                ch = hi * 16 + lo;
                i += 2;
            }
        }
        if (ch >= 'A' && ch <= 'Z') ch += 'a' - 'A';
        dec[n++] = (char)ch;
    }
    dec[n] = '\0';
    struct cache *ca = thread_cache(lex, 1);
    int rc = !ca              ? find(lex, &lex->url[c], NULL, NULL, dec, n, 0, NULL)
             : n <= MEMO_TEXT ? find_memo(lex, ca, &lex->url[c], c, 1, dec, n, NULL)
                              : find(lex, &lex->url[c], ca->md, ca->mctx, dec, n, 0, NULL);
    if (dec != small) sa__free(dec);
    return rc == 1;
}

const char *sa_concept_name(enum sa_concept c)
{
    if ((int)c < 0 || c >= SA_CONCEPT_LAST) return "unknown";
    return concept_names[c];
}

const char *const *sa_lexicon_languages(const struct sa_lexicon *lex)
{
    static const char *const none[] = {NULL};
    if (!lex || !lex->langs) return none;
    return (const char *const *)lex->langs;
}
