/* Unit tests for the lexicon's prefilter (src/lexicon_prefix.c): it must never hide a match.
 * Each lexicon pattern alone is checked against PCRE2 at every position where PCRE2 finds a
 * match; the whole lexicon is checked against itself with the prefilter off, over every
 * fixture page and over the same pages made awkward (capitals, caseless look-alikes such as
 * the Kelvin sign and long s, exotic spaces, invalid bytes), region by region and block by
 * block; and a few constructs are read as expected, so the filter is shown to filter. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <cjson/cJSON.h>
#include <dirent.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "lexicon_page.h"
#include "lexicon_prefix.h"
#include "shopaudit/lexicon.h"
#include "test.h"

#define ASSERT_EQ(a, b)                                                                            \
    do {                                                                                           \
        long long a_ = (long long)(a), b_ = (long long)(b);                                        \
        if (a_ != b_) {                                                                            \
            T_FAIL("%s == %s: %lld != %lld", #a, #b, a_, b_);                                      \
            return;                                                                                \
        }                                                                                          \
    } while (0)

static const uint32_t FLAGS = PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_MATCH_INVALID_UTF |
                              PCRE2_DUPNAMES | PCRE2_USE_OFFSET_LIMIT;

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    struct sa_buf b;
    sa__buf_init(&b, 64u << 20);
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) sa__buf_append(&b, chunk, n);
    fclose(f);
    sa__buf_append(&b, "", 1);
    *len = b.len - 1;
    return b.ptr;
}

static void put_cp(struct sa_buf *b, uint32_t cp)
{
    char o[4];
    size_t n;
    if (cp < 0x80) {
        o[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else {
        o[0] = (char)(0xE0 | cp >> 12);
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    }
    sa__buf_append(b, o, n);
}

/* Two awkward copies of s: variant 0 in capitals (Latin, Greek, Cyrillic, Armenian); variant 1
 * with caseless look-alikes, exotic spaces and an invalid byte now and then. */
static char *awkward(const char *s, size_t n, int variant, size_t *outlen)
{
    struct sa_buf b;
    sa__buf_init(&b, 64u << 20);
    const unsigned char *u = (const unsigned char *)s;
    size_t count = 0;
    for (size_t i = 0; i < n; count++) {
        uint32_t cp = u[i];
        size_t k = 1;
        if (cp >= 0xC0 && cp < 0xE0 && i + 1 < n) {
            cp = (cp & 0x1F) << 6 | (u[i + 1] & 0x3F);
            k = 2;
        } else if (cp >= 0x80) {
            sa__buf_append(&b, s + i, 1);
            i++;
            continue;
        }
        i += k;
        if (variant == 0) {
            if (cp >= 'a' && cp <= 'z')
                cp -= 32;
            else if (cp >= 0x3B1 && cp <= 0x3CB && cp != 0x3C2)
                cp -= 0x20;
            else if (cp == 0x3AC)
                cp = 0x386; /* the capitals with tonos */
            else if (cp >= 0x3AD && cp <= 0x3AF)
                cp -= 0x25;
            else if (cp == 0x3CC)
                cp = 0x38C;
            else if (cp == 0x3CD || cp == 0x3CE)
                cp -= 0x3F;
            else if (cp >= 0x430 && cp <= 0x44F)
                cp -= 0x20;
            else if (cp >= 0x450 && cp <= 0x45F)
                cp -= 0x50;
            else if (cp >= 0x561 && cp <= 0x586)
                cp -= 0x30;
        } else {
            switch (cp) {
            case 'k':
                cp = 0x212A;
                break; /* KELVIN SIGN */
            case 's':
                cp = count % 2 ? 0x017F : 's';
                break; /* LATIN SMALL LETTER LONG S */
            case ' ':
                cp = count % 3 ? 0xA0 : 0x2009;
                break;
            case 0x3C3:
                cp = 0x3C2;
                break; /* final sigma inside words */
            case 0x3B8:
                cp = 0x3D1;
                break; /* GREEK THETA SYMBOL */
            case 0x3BC:
                cp = 0xB5;
                break; /* MICRO SIGN */
            case 0x3C9:
                cp = 0x2126;
                break; /* OHM SIGN */
            case 0x432:
                cp = 0x1C80;
                break; /* CYRILLIC SMALL LETTER ROUNDED VE */
            case 0xE5:
                cp = 0x212B;
                break; /* ANGSTROM SIGN */
            }
            if (count % 997 == 0) sa__buf_append(&b, "\xFF", 1);
        }
        put_cp(&b, cp);
    }
    sa__buf_append(&b, "", 1);
    *outlen = b.len - 1;
    return b.ptr;
}

struct corpus {
    char **text;
    size_t *len, n, cap;
};

static void corpus_add(struct corpus *c, char *t, size_t len)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->text = realloc(c->text, c->cap * sizeof *c->text);
        c->len = realloc(c->len, c->cap * sizeof *c->len);
    }
    c->text[c->n] = t;
    c->len[c->n++] = len;
}

static void walk(struct corpus *c, const char *dir, size_t every, size_t *seen)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t nl = strlen(e->d_name);
        if (nl > 5 && strcmp(e->d_name + nl - 5, ".html") == 0) {
            if ((*seen)++ % every) continue;
            size_t len;
            char *t = slurp(path, &len);
            if (!t) continue;
            size_t al0 = 0, al1 = 0;
            char *a0 = awkward(t, len, 0, &al0), *a1 = awkward(t, len, 1, &al1);
            corpus_add(c, a0, al0);
            corpus_add(c, a1, al1);
            corpus_add(c, t, len);
        } else {
            walk(c, path, every, seen);
        }
    }
    closedir(d);
}

/* Every fixture page (one in `every`), as it is and made awkward. */
static struct corpus corpus_get(size_t every)
{
    struct corpus c = {0};
    const char *src = getenv("SA_SOURCE_DIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/fixtures", src ? src : ".");
    size_t seen = 0;
    walk(&c, dir, every, &seen);
    return c;
}

static void corpus_free(struct corpus *c)
{
    for (size_t i = 0; i < c->n; i++) sa__free(c->text[i]);
    free(c->text);
    free(c->len);
}

/* Every pattern string of every lexicon file. */
static size_t load_patterns(char ***out)
{
    const char *src = getenv("SA_SOURCE_DIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/checks/lexicon", src ? src : ".");
    size_t n = 0, cap = 0;
    *out = NULL;
    DIR *d = opendir(dir);
    if (!d) return 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strstr(e->d_name, ".json")) continue;
        char path[4400];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t len;
        char *json = slurp(path, &len);
        cJSON *root = json ? cJSON_Parse(json) : NULL;
        const cJSON *con, *p;
        cJSON_ArrayForEach(con, cJSON_GetObjectItemCaseSensitive(root, "concepts"))
        {
            if (con->string[0] == '_') continue;
            cJSON_ArrayForEach(p, con)
            {
                if (n == cap) *out = realloc(*out, (cap = cap ? cap * 2 : 256) * sizeof **out);
                (*out)[n++] = strdup(p->valuestring);
            }
        }
        cJSON_Delete(root);
        sa__free(json);
    }
    closedir(d);
    return n;
}

/* Each pattern of each lexicon file, alone: wherever PCRE2 matches, the prefilter must have
 * said "candidate" (and, for a word-start pattern, the position must be a word start). */
TEST(prefix_every_pattern_never_hides_a_match)
{
    struct corpus c = corpus_get(2);
    ASSERT(c.n >= 30);
    struct sa__keys *keys = calloc(c.n, sizeof *keys);
    for (size_t t = 0; t < c.n; t++)
        ASSERT_EQ(sa__keys_build(c.text[t], c.len[t], &keys[t], NULL, 0), SA_OK);
    char **pats;
    size_t npats = load_patterns(&pats);
    size_t patterns = 0, usable = 0, starts = 0;
    pcre2_match_data *md = pcre2_match_data_create(64, NULL);
    pcre2_match_context *mc = pcre2_match_context_create(NULL);
    for (size_t i = 0; i < npats; i++) {
        const char *pat = pats[i];
        int ec;
        PCRE2_SIZE eo;
        pcre2_code *code =
            pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, FLAGS, &ec, &eo, NULL);
        ASSERT(code != NULL);
        pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
        struct sa__prefix pre;
        ASSERT_EQ(sa__prefix_analyse(pat, strlen(pat), &pre), SA_OK);
        patterns++;
        usable += pre.usable;
        for (size_t t = 0; pre.usable && t < c.n; t++) {
            const struct sa__keys *k = &keys[t];
            size_t row = 0;
            for (size_t at = 0; at <= c.len[t];) {
                int rc =
                    pcre2_match(code, (PCRE2_SPTR)c.text[t], c.len[t], at, PCRE2_NOTEMPTY, md, mc);
                if (rc < 0) break;
                size_t ms = pcre2_get_ovector_pointer(md)[0];
                while (row < k->n && k->all[row].off < ms) row++;
                ASSERT(row < k->n && k->all[row].off == ms);
                if (!sa__prefix_deep(&pre, c.text[t], c.len[t], ms)) {
                    fprintf(stderr,
                            "\"%s\" matches at %zu of text %zu, ruled out by its first "
                            "characters: \"%.30s\"\n",
                            pat, ms, t, c.text[t] + ms);
                    ASSERT(0);
                }
                struct sa__row r = k->all[row];
                if (!sa__prefix_cand(&pre, r) ||
                    (pre.word_start && !(r.h1 & (SA__KEY_WORDSTART | SA__KEY_WILD1)))) {
                    fprintf(stderr, "\"%s\" matches at %zu of text %zu: \"%.30s\"\n", pat, ms, t,
                            c.text[t] + ms);
                    ASSERT(0);
                }
                /* nor does the test of a subject's first characters, on the whole text or on
                 * the match alone (a short subject, and one long enough for the bitmaps) */
                ASSERT(sa__prefix_may(&pre, k));
                size_t me = pcre2_get_ovector_pointer(md)[1];
                for (size_t pad = 0; pad <= 200; pad += 200) {
                    struct sa__keys mk;
                    size_t end = me + pad < c.len[t] ? me + pad : c.len[t];
                    ASSERT_EQ(sa__keys_build(c.text[t] + ms, end - ms, &mk, NULL, 0), SA_OK);
                    if (!sa__prefix_may(&pre, &mk)) {
                        fprintf(stderr, "\"%s\": the match \"%.*s\" was ruled out\n", pat,
                                (int)(me - ms), c.text[t] + ms);
                        ASSERT(0);
                    }
                    sa__keys_release(&mk);
                }
                starts++;
                at = ms + 1; /* every start, overlapping ones too */
            }
        }
        sa__prefix_release(&pre);
        pcre2_code_free(code);
    }
    for (size_t i = 0; i < npats; i++) free(pats[i]);
    free(pats);
    pcre2_match_data_free(md);
    pcre2_match_context_free(mc);
    for (size_t t = 0; t < c.n; t++) sa__keys_release(&keys[t]);
    free(keys);
    corpus_free(&c);
    fprintf(stderr, "%zu patterns, %zu filtered, %zu match starts checked\n", patterns, usable,
            starts);
    ASSERT(patterns > 1000);
    ASSERT(usable * 100 >= patterns * 95); /* the filter applies to nearly all of them */
    ASSERT(starts > 1000);
}

/* All matches of c in text[0..len) from the page scope, as (offset, length, language). */
static size_t all_matches(const struct sa_lexicon *lex, enum sa_concept c, const char *text,
                          size_t len, struct sa_match *out, size_t max)
{
    size_t n = 0;
    for (size_t at = 0; at <= len && n < max;) {
        struct sa_match m;
        if (sa_lexicon_find_from(lex, c, text, len, at, &m) != 1) break;
        out[n++] = m;
        at = m.off + (m.len ? m.len : 1);
    }
    return n;
}

/* The whole lexicon with and without the prefilter, on whole texts (as regions) and on their
 * lines (as blocks, which borrow the region's keys): the same matches, in the same languages. */
TEST(prefix_lexicon_same_answers_as_unfiltered)
{
    struct sa_lexicon *lex;
    char err[256];
    ASSERT_EQ(sa_lexicon_new(NULL, &lex, err, sizeof err), SA_OK);
    struct corpus c = corpus_get(2);
    ASSERT(c.n >= 300 / 2);
    enum { MAX = 4096 };
    struct sa_match *a = malloc(MAX * sizeof *a), *b = malloc(MAX * sizeof *b);
    size_t compared = 0, found = 0, blocks = 0;
    for (size_t t = 0; t < c.n; t++) {
        struct sa_str region = {c.text[t], c.len[t]};
        int page;
        for (int c2 = 0; c2 < SA_CONCEPT_LAST; c2++) {
            size_t na = 0, nb = 0;
            for (int pass = 0; pass < 2; pass++) {
                /* a fresh scope per pass: answers are cached per page */
                sa__lexicon_set_prefilter(lex, pass == 0);
                sa__lexicon_page_begin(lex, &page, &region, 1);
                struct sa_match *m = pass == 0 ? a : b;
                size_t n = all_matches(lex, (enum sa_concept)c2, region.ptr, region.len, m, MAX);
                /* then each line, as the page model's blocks are */
                for (size_t at = 0; at < region.len && n < MAX;) {
                    const char *nl = memchr(region.ptr + at, '\n', region.len - at);
                    size_t end = nl ? (size_t)(nl - region.ptr) : region.len;
                    size_t k = all_matches(lex, (enum sa_concept)c2, region.ptr + at, end - at,
                                           m + n, MAX - n);
                    for (size_t i = n; i < n + k; i++) m[i].off += at;
                    n += k;
                    blocks += pass == 0 && c2 == 0;
                    at = end + 1;
                }
                sa__lexicon_page_end(lex, &page);
                if (pass == 0)
                    na = n;
                else
                    nb = n;
            }
            ASSERT_EQ(na, nb);
            for (size_t i = 0; i < na; i++) {
                if (a[i].off != b[i].off || a[i].len != b[i].len || strcmp(a[i].lang, b[i].lang)) {
                    fprintf(stderr, "%s in text %zu: %zu+%zu %s vs %zu+%zu %s\n",
                            sa_concept_name((enum sa_concept)c2), t, a[i].off, a[i].len, a[i].lang,
                            b[i].off, b[i].len, b[i].lang);
                    ASSERT(0);
                }
            }
            compared++;
            found += na;
        }
    }
    sa__lexicon_set_prefilter(lex, 1);
    fprintf(stderr, "%zu (text, concept) pairs, %zu matches, %zu blocks\n", compared, found,
            blocks);
    ASSERT(found > 1000);
    free(a);
    free(b);
    corpus_free(&c);
    sa_lexicon_free(lex);
}

/* The strings between open and close in the corpus (at most max bytes, none empty; with
 * nonascii, only those with a byte above 0x7F), appended to out[*n..cap). */
enum { SHORT_MAX = 300 };
static void collect(const struct corpus *c, const char *open, char close, size_t max, int nonascii,
                    char (*out)[SHORT_MAX + 1], size_t *n, size_t cap)
{
    size_t ol = strlen(open);
    for (size_t t = 0; t < c->n && *n < cap; t++) {
        const char *p = c->text[t], *e = p + c->len[t];
        while (*n < cap && (p = memchr(p, open[0], (size_t)(e - p))) && (size_t)(e - p) > ol) {
            if (memcmp(p, open, ol) != 0) {
                p++;
                continue;
            }
            p += ol;
            const char *q = memchr(p, close, (size_t)(e - p));
            if (!q) break;
            while (p < q && (*p == ' ' || *p == '\n')) p++;
            size_t len = (size_t)(q - p);
            int high = 0;
            for (size_t i = 0; i < len && !high; i++) high = (unsigned char)p[i] >= 0x80;
            if (len && len <= max && (high || !nonascii)) {
                memcpy(out[*n], p, len);
                out[(*n)++][len] = '\0';
            }
            p = q;
        }
    }
}

/* The report's messages in lang (locale/<lang>.json), cut at spaces into pieces of at most 90
 * bytes, appended to out[*n..cap): Greek with accents, Armenian with its ligature. */
static void add_messages(const char *lang, char (*out)[SHORT_MAX + 1], size_t *n, size_t cap)
{
    const char *src = getenv("SA_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/locale/%s.json", src ? src : ".", lang);
    size_t len;
    char *json = slurp(path, &len);
    cJSON *root = json ? cJSON_ParseWithLength(json, len) : NULL;
    const cJSON *m;
    cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(root, "messages"))
    {
        const char *p = cJSON_GetStringValue(m);
        while (p && *p && *n < cap) {
            size_t take = strlen(p) <= 90 ? strlen(p) : 90;
            while (take < strlen(p) && take > 1 && p[take] != ' ') take--;
            memcpy(out[*n], p, take);
            out[(*n)++][take] = '\0';
            p += take;
            while (*p == ' ') p++;
        }
    }
    cJSON_Delete(root);
    sa__free(json);
}

/* Text p[0..n) as a page of its own, every concept, with the prefilter and without: 1 when the
 * matches are the same (their number added to *found), 0 after saying where they differ. The
 * prefilter is switched twice a text, not twice a concept: a switch empties the memo. */
static int same_page_answers(struct sa_lexicon *lex, const char *p, size_t n, size_t *found)
{
    enum { MAX = 256 };
    static struct sa_match a[SA_CONCEPT_LAST][MAX], b[MAX];
    size_t ka[SA_CONCEPT_LAST];
    struct sa_str text = {p, n};
    int page;
    sa__lexicon_set_prefilter(lex, 1);
    sa__lexicon_page_begin(lex, &page, &text, 1);
    for (int c2 = 0; c2 < SA_CONCEPT_LAST; c2++)
        ka[c2] = all_matches(lex, (enum sa_concept)c2, p, n, a[c2], MAX);
    sa__lexicon_page_end(lex, &page);
    sa__lexicon_set_prefilter(lex, 0);
    sa__lexicon_page_begin(lex, &page, &text, 1);
    int same = 1;
    for (int c2 = 0; c2 < SA_CONCEPT_LAST && same; c2++) {
        size_t kb = all_matches(lex, (enum sa_concept)c2, p, n, b, MAX);
        for (size_t i = 0; same && (i < ka[c2] || i < kb); i++)
            if (ka[c2] != kb || a[c2][i].off != b[i].off || a[c2][i].len != b[i].len ||
                strcmp(a[c2][i].lang, b[i].lang) != 0) {
                fprintf(stderr, "%s in \"%.*s\": %zu matches vs %zu, #%zu\n",
                        sa_concept_name((enum sa_concept)c2), (int)n, p, ka[c2], kb, i);
                same = 0;
            }
        *found += ka[c2];
    }
    sa__lexicon_page_end(lex, &page);
    return same;
}

/* Short page texts (a block alone, a heading, a price) get their keys too: each line up to 300
 * bytes of every other corpus page, the report's Greek and Armenian messages, and texts that
 * normalise (accents, decomposed Greek, Armenian marks inside words, the ligature), each a page of
 * its own, give the same matches with the prefilter as without. */
TEST(prefix_short_page_texts_same_answers_as_unfiltered)
{
    struct sa_lexicon *lex;
    char err[256];
    ASSERT_EQ(sa_lexicon_new(NULL, &lex, err, sizeof err), SA_OK);
    struct corpus c = corpus_get(2); /* every other page: 48 s under ASan with all of them */
    ASSERT(c.n >= 75);
    size_t lines = 0, found = 0;
    for (size_t t = 0; t < c.n; t++)
        for (size_t at = 0; at < c.len[t];) {
            const char *p = c.text[t] + at, *nl = memchr(p, '\n', c.len[t] - at);
            size_t n = nl ? (size_t)(nl - p) : c.len[t] - at;
            at += n + 1;
            if (!n || n > 300) continue;
            lines++;
            ASSERT(same_page_answers(lex, p, n, &found));
        }
    enum { NMSG = 3000 };
    char(*msg)[SHORT_MAX + 1] = malloc(NMSG * sizeof *msg);
    ASSERT(msg);
    size_t nm = 0;
    add_messages("el", msg, &nm, NMSG / 2);
    add_messages("hy", msg, &nm, NMSG - 8);
    static const char *const normalising[] = {
        "Έκπτωση 20% σε όλα! Δωρεάν αποστολή για παραγγελίες άνω των 50€",
        "ΈΚΠΤΩΣΗ και ΔΩΡΕΆΝ ΑΠΟΣΤΟΛΉ, επιστροφές εντός 14 ημερών",
        "Ε\xCC\x81κπτωση και δωρεα\xCC\x81ν αποστολη\xCC\x81 (decomposed)",
        "Επιστροφές χρημάτων: ο πελάτης έχει δικαίωμα υπαναχώρησης",
        "Գնե՛ք հիմա։ Անվճար առաքում, վերադարձ 14 օրվա ընթացքում",
        "Զեղչ և անվճար առաքում, և վերադարձ",
        "Առաքու՜մ ամբողջ Հայաստանով, վճարու՞մ առաքման պահին",
    };
    for (size_t i = 0; i < sizeof normalising / sizeof *normalising; i++)
        strcpy(msg[nm++], normalising[i]);
    size_t before = found;
    for (size_t i = 0; i < nm; i++) ASSERT(same_page_answers(lex, msg[i], strlen(msg[i]), &found));
    sa__lexicon_set_prefilter(lex, 1);
    fprintf(stderr, "%zu short page texts, %zu messages; %zu and %zu matches\n", lines, nm, before,
            found - before);
    ASSERT(lines > 5000 && nm > 500 && before > 1000 && found - before > 50);
    free(msg);
    corpus_free(&c);
    sa_lexicon_free(lex);
}

/* URL searches and text searches keep the rows of different first characters (lexicon.c,
 * starts), and the thread's short keys keep a text to normalise normalised: hrefs and element
 * texts of the fixtures, the report's Greek and Armenian messages, and Armenian ligatures that
 * normalise past the keys' room, asked as a URL and as a text about every
 * concept, one kind right after the other on the same bytes, answers as the lexicon without
 * the prefilter (and so without short keys) does. Each lexicon answers all its questions in a
 * row: the thread's memo is its own. */
TEST(prefix_url_and_text_searches_same_answers_as_unfiltered)
{
    struct corpus c = corpus_get(1);
    enum { MAX_HREFS = 8000 };
    char(*hrefs)[SHORT_MAX + 1] = malloc(MAX_HREFS * sizeof *hrefs);
    size_t nh = 0;
    collect(&c, "href=\"", '"', SHORT_MAX, 0, hrefs, &nh, 2000);
    collect(&c, ">", '<', 120, 0, hrefs, &nh, 4000);
    collect(&c, ">", '<', 120, 1, hrefs, &nh, 6000);
    add_messages("el", hrefs, &nh, 7000);
    add_messages("hy", hrefs, &nh, MAX_HREFS - 4);
    /* U+0587 normalises to two letters: 40 of them (80 bytes) do not fit the keys' room */
    static const char *const lig[] = {"և", "ևա", "\xD5\xA5\xD6\x82"};
    for (size_t i = 0; i < 3; i++) {
        hrefs[nh][0] = '\0';
        for (int k = 0; k < 40 && strlen(hrefs[nh]) + strlen(lig[i]) <= SHORT_MAX; k++)
            strcat(hrefs[nh], lig[i]);
        nh++;
    }
    strcpy(hrefs[nh++], "Ανάκληση παραγγελίας και επιστροφές εντός 14 ημερών");
    size_t marked = 0; /* strings with Greek or Armenian letters: most need normalising */
    for (size_t i = 0; i < nh; i++)
        for (const unsigned char *u = (const unsigned char *)hrefs[i]; *u; u++)
            if (*u == 0xCE || *u == 0xCF || (*u >= 0xD4 && *u <= 0xD6)) {
                marked++;
                break;
            }
    ASSERT(marked > 100);
    ASSERT(nh > 500);
    struct answer {
        int url, text;
        struct sa_match m;
    } * ans[2];
    for (int pass = 0; pass < 2; pass++) {
        struct sa_lexicon *lex;
        char err[256];
        ASSERT_EQ(sa_lexicon_new(NULL, &lex, err, sizeof err), SA_OK);
        sa__lexicon_set_prefilter(lex, pass == 0);
        ans[pass] = calloc(nh * SA_CONCEPT_LAST, sizeof **ans);
        for (size_t h = 0; h < nh; h++)
            for (int k = 0; k < SA_CONCEPT_LAST; k++) {
                struct answer *a = &ans[pass][h * SA_CONCEPT_LAST + (size_t)k];
                a->url = sa_lexicon_url_match(lex, (enum sa_concept)k, hrefs[h]);
                a->text =
                    sa_lexicon_find(lex, (enum sa_concept)k, hrefs[h], strlen(hrefs[h]), &a->m);
            }
        sa_lexicon_free(lex);
    }
    size_t urls = 0, texts = 0;
    for (size_t i = 0; i < nh * SA_CONCEPT_LAST; i++) {
        const struct answer *a = &ans[0][i], *b = &ans[1][i];
        if (a->url != b->url || a->text != b->text ||
            (a->text == 1 && (a->m.off != b->m.off || a->m.len != b->m.len))) {
            fprintf(stderr, "\"%s\", %s: url %d/%d, text %d/%d\n", hrefs[i / SA_CONCEPT_LAST],
                    sa_concept_name((enum sa_concept)(i % SA_CONCEPT_LAST)), a->url, b->url,
                    a->text, b->text);
            ASSERT(0);
        }
        urls += a->url == 1;
        texts += a->text == 1;
    }
    fprintf(stderr, "%zu strings (%zu Greek or Armenian), %zu URL matches, %zu text matches\n", nh,
            marked, urls, texts);
    ASSERT(urls > 100);
    ASSERT(texts > 20);
    free(ans[0]);
    free(ans[1]);
    free(hrefs);
    corpus_free(&c);
}

/* A page text asked about a concept from every start, last first and then in a scrambled
 * order: each answer is the one the same bytes give outside the page (uncached), although the
 * searches stop where answers already known take over. */
TEST(prefix_cache_answers_starts_in_any_order)
{
    struct sa_lexicon *lex;
    char err[256];
    ASSERT_EQ(sa_lexicon_new(NULL, &lex, err, sizeof err), SA_OK);
    static const char *const texts[] = {
        "cart cart",
        "My cart (2) - view cart - CART",
        "Корзина корзина, доставка и возврат: корзина",
        "Καλάθι αγορών, ΚΑΛΆΘΙ, παράδοση σε 2 ημέρες",
        "Free delivery over $50. Delivery in 3 days; returns within 30 days, free returns.",
    };
    static const enum sa_concept cons[] = {SA_CONCEPT_CART, SA_CONCEPT_DELIVERY, SA_CONCEPT_RETURNS,
                                           SA_CONCEPT_DELIVERY_TIME, SA_CONCEPT_PRICE};
    size_t asked = 0, found = 0;
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
        size_t len = strlen(texts[t]);
        char *page = malloc(len + 1), *copy = malloc(len + 1);
        memcpy(page, texts[t], len + 1);
        memcpy(copy, texts[t], len + 1);
        struct sa_str region = {page, len};
        for (size_t k = 0; k < sizeof cons / sizeof *cons; k++) {
            for (int order = 0; order < 2; order++) {
                int pg;
                sa__lexicon_page_begin(lex, &pg, &region, 1);
                for (size_t i = 0; i <= len; i++) {
                    /* last first; then a stride that visits every start once, out of order */
                    size_t at = order == 0 ? len - i : (i * 7919) % (len + 1);
                    struct sa_match a = {0}, b = {0};
                    int ra = sa_lexicon_find_from(lex, cons[k], page, len, at, &a);
                    int rb = sa_lexicon_find_from(lex, cons[k], copy, len, at, &b);
                    if (ra != rb || (ra == 1 && (a.off != b.off || a.len != b.len))) {
                        fprintf(stderr, "\"%s\" %s from %zu: %d %zu+%zu vs %d %zu+%zu\n", texts[t],
                                sa_concept_name(cons[k]), at, ra, a.off, a.len, rb, b.off, b.len);
                        ASSERT(0);
                    }
                    asked++;
                    found += ra == 1;
                }
                sa__lexicon_page_end(lex, &pg);
            }
        }
        free(page);
        free(copy);
    }
    fprintf(stderr, "%zu starts asked, %zu found\n", asked, found);
    ASSERT(found > asked / 4);
    sa_lexicon_free(lex);
}

/* Short texts outside a page are answered from a per-thread memo kept across pages: every
 * answer, fresh or remembered (each line is asked twice, thousands of lines evict each
 * other), is the one the page scope gives for the same bytes. */
TEST(prefix_memo_same_answers_as_page_scope)
{
    struct sa_lexicon *lex;
    char err[256];
    ASSERT_EQ(sa_lexicon_new(NULL, &lex, err, sizeof err), SA_OK);
    struct corpus c = corpus_get(2);
    size_t asked = 0, found = 0;
    for (size_t t = 0; t < c.n; t++) {
        for (size_t at = 0; at < c.len[t];) {
            const char *line = c.text[t] + at;
            const char *nl = memchr(line, '\n', c.len[t] - at);
            size_t n = nl ? (size_t)(nl - line) : c.len[t] - at;
            at += n + 1;
            if (n == 0 || n > 48) continue;
            char copy[49];
            memcpy(copy, line, n);
            for (int k = 0; k < SA_CONCEPT_LAST; k++) {
                enum sa_concept con = (enum sa_concept)((k + t) % SA_CONCEPT_LAST);
                struct sa_match mm[2] = {{0}}, ms = {0};
                int r1 = sa_lexicon_find(lex, con, copy, n, &mm[0]);
                int r2 = sa_lexicon_find(lex, con, copy, n, &mm[1]);
                struct sa_str scope = {line, n};
                int page;
                sa__lexicon_page_begin(lex, &page, &scope, 1);
                int r3 = sa_lexicon_find(lex, con, line, n, &ms);
                sa__lexicon_page_end(lex, &page);
                ASSERT_EQ(r1, r3);
                ASSERT_EQ(r2, r3);
                if (r3 == 1) {
                    ASSERT_EQ(mm[0].off, ms.off);
                    ASSERT_EQ(mm[1].len, ms.len);
                    ASSERT(strcmp(mm[1].lang, ms.lang) == 0);
                    found++;
                }
                asked++;
            }
        }
    }
    fprintf(stderr, "%zu short texts asked, %zu found\n", asked, found);
    ASSERT(asked > 10000 && found > 100);
    corpus_free(&c);
    sa_lexicon_free(lex);
}

static int cand_at(const struct sa__prefix *p, const struct sa__keys *k, size_t off)
{
    for (size_t i = 0; i < k->n; i++)
        if (k->all[i].off == off)
            return sa__prefix_cand(p, k->all[i]) &&
                   (!p->word_start || (k->all[i].h1 & (SA__KEY_WORDSTART | SA__KEY_WILD1)));
    return -1;
}

/* The reader understands our constructs and rules positions out: otherwise it would be exact
 * and useless. */
TEST(prefix_reads_constructs_and_filters)
{
    static const struct {
        const char *pat, *text;
        int usable, word_start;
        size_t yes, no; /* a byte offset that must be a candidate, one that must not */
    } cases[] = {
        {"\\bcash\\h+on\\h+delivery\\b", "pay cash on delivery", 1, 1, 4, 0},
        {"\\bcash\\b", "xcash CASH", 1, 1, 6, 1}, /* not a word start */
        {"\\b(?:sign|log)\\s*-?\\s*in\\b", "Log-in or sign up", 1, 1, 0, 4},
        {"(?:free\\h+)?shipping", "free shipping", 1, 0, 0, 1},
        /* not after \w: only where a key's word starts, whatever the first character */
        {"(?<![\\w$])[$€]\\h?\\d++", "from $ 25 or €9", 1, 1, 5, 0},
        {"(?<![\\w.])(?:wa|t)\\.me/", "at.me/ t.me/", 1, 1, 7, 1},
        {"(?<!\\w)ab", "xab ab", 1, 1, 4, 1},
        {"(?<!\\d)ab", "1ab", 1, 0, 1, 0},          /* a digit is not all of \w */
        {"(?<=[\\w])ab", "xab", 1, 0, 1, 0},        /* only after one */
        {"(?<![^\\w])ab", "xab", 1, 0, 1, 0},       /* the same */
        {"(?<![\\Q\\w\\E])ab", "xab", 0, 0, 0, 0},  /* quoted in a class: not read */
        {"(?:(?<![\\w])ab)?cd", "xcd", 1, 0, 1, 0}, /* the lookbehind may be skipped */
        {"\\b\\d{1,2}\\h*(?:days?|hours?)", "in 3 days", 1, 1, 3, 0},
        {"(?=(?-i:[0-9\\x{660}-\\x{10ffff}]))\\d+\\s?руб", "цена 100 руб", 1, 0, 9, 0},
        {"\\bкорзин\\w*", "Корзина", 1, 1, 0, 2},
        {"\\bκαλάθι", "ΚΑΛΆΘΙ", 1, 1, 0, 2},
        {"(?<![ก-๙])ตะกร้า", "ใส่ตะกร้า", 1, 0, 9, 0},
        {"\\Qa.b\\E", "xa.b", 1, 0, 1, 0},
        /* the third character: "dea" cannot start "delivery", "de5" can start "de\d" */
        {"\\bdelivery\\b", "deal delivery", 1, 1, 5, 0},
        {"(?:x|de)\\d", "dex de5", 1, 0, 4, 0},
        {"a(?:bc)+d", "abd abcbcd", 1, 0, 4, 0},
        {"\\bab\\b", "ab abc", 1, 1, 3, 1}, /* a two-character match: any third follows */
        {"καλ(?:ά|α)θι", "καμ ΚΑΛΆΘΙ", 1, 0, 7, 0},
        {"[^a]bc", "zbc", 0, 0, 0, 0}, /* any first character */
        {"\\w+@example", "me@example", 0, 0, 0, 0},
        {"foo\\Kbar", "foobar", 0, 0, 0, 0},  /* \K: the match does not start where it begins */
        {"(?x) c a r t", "cart", 0, 0, 0, 0}, /* extended mode: not read */
        {"(a)(?(1)b|c)", "ab", 0, 0, 0, 0},   /* conditional */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct sa__prefix p;
        ASSERT_EQ(sa__prefix_analyse(cases[i].pat, strlen(cases[i].pat), &p), SA_OK);
        if (p.usable != cases[i].usable || p.word_start != cases[i].word_start)
            fprintf(stderr, "case %zu \"%s\": usable %d word_start %d\n", i, cases[i].pat, p.usable,
                    p.word_start);
        ASSERT_EQ(p.usable, cases[i].usable);
        ASSERT_EQ(p.word_start, cases[i].word_start);
        if (p.usable) {
            struct sa__keys k;
            ASSERT_EQ(sa__keys_build(cases[i].text, strlen(cases[i].text), &k, NULL, 0), SA_OK);
            ASSERT_EQ(cand_at(&p, &k, cases[i].yes), 1);
            ASSERT_EQ(cand_at(&p, &k, cases[i].no), 0);
            sa__keys_release(&k);
        }
        sa__prefix_release(&p);
    }
}

/* The first six characters (sa__prefix_deep): a word that shares three letters with a search
 * ("fresh", "estate") is ruled out, a match never is, and what the reader cannot tell (a wide
 * class, a WILD character of the text) lets a position through. */
TEST(prefix_deep_reads_six_characters)
{
    static const struct {
        const char *pat, *text;
        size_t yes, no; /* byte offsets: one that may start a match, one that cannot */
    } cases[] = {
        {"\\bfree\\s+delivery", "fresh free  delivery", 6, 0},
        {"\\bestimated\\b", "estate estimated", 7, 0},
        {"\\bde\\s*livery", "de livery delicate", 0, 10}, /* an unbounded repeat */
        {"\\d{2}-\\d{2}", "12-34 123-4", 0, 6},           /* a bounded one */
        {"colou?r", "colour colon", 0, 7},                /* an optional letter */
        {"colou?r", "color colon", 0, 6},
        {"\\bdelivery", "deliv deliverx", 6, 0},         /* the subject ends */
        {"\\bκαλάθι", "ΚΑΛΆΘΙ καλός", 0, 13},            /* caseless Greek */
        {"ตะกร้า", "ตะกละ ตะกร้า", 16, 0},                 /* three-byte characters */
        {"\\bsku[a-z0-9]+", "skuZ9 skim", 0, 6},         /* a wide class: anything */
        {"\\bfree(?=\\s)", "free delivery freq", 0, 14}, /* a lookahead reads nothing */
        {"ab(?:c|.)", "abz axz", 0, 4},                  /* '.': anything follows */
        {"(?:ship|deliver)(?:ping|y|ed)", "shipping delight", 0, 9},
        {"\\bkeyword", "ke\xC5\xBFword kexword", 0, 9}, /* long s: WILD */
    };
    pcre2_match_data *md = pcre2_match_data_create(8, NULL);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *pat = cases[i].pat, *text = cases[i].text;
        size_t n = strlen(text);
        struct sa__prefix p;
        ASSERT_EQ(sa__prefix_analyse(pat, strlen(pat), &p), SA_OK);
        ASSERT(p.usable && p.deep != NULL);
        int yes = sa__prefix_deep(&p, text, n, cases[i].yes);
        int no = sa__prefix_deep(&p, text, n, cases[i].no);
        if (yes != 1 || no != 0)
            fprintf(stderr, "case %zu \"%s\": %d at %zu, %d at %zu\n", i, pat, yes, cases[i].yes,
                    no, cases[i].no);
        ASSERT_EQ(yes, 1);
        ASSERT_EQ(no, 0);
        /* the position ruled out is one where PCRE2 finds no match either */
        int ec;
        PCRE2_SIZE eo;
        pcre2_code *code = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
                                         FLAGS | PCRE2_ANCHORED, &ec, &eo, NULL);
        ASSERT(code != NULL);
        ASSERT(pcre2_match(code, (PCRE2_SPTR)text, n, cases[i].no, 0, md, NULL) < 0);
        pcre2_code_free(code);
        sa__prefix_release(&p);
    }
    /* a search that may match the empty string, or start with anything, has no such filter */
    static const char *const none[] = {"a?b?", "(?:x|\\w)yz", "\\b(?:ab|)(?:cd)?"};
    for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
        struct sa__prefix p;
        ASSERT_EQ(sa__prefix_analyse(none[i], strlen(none[i]), &p), SA_OK);
        ASSERT(p.deep == NULL);
        ASSERT_EQ(sa__prefix_deep(&p, "zzz", 3, 0), 1);
        sa__prefix_release(&p);
    }
    pcre2_match_data_free(md);
}

/* An alternation is a set: the order of its branches changes nothing the reader makes. Sets
 * are merged, sorted and rid of repeats on the way (a union appends one to another), and a
 * sorted set is searched by halves, so a branch order that left a set unsorted or a repeat
 * in it would show as other tables here. The branches share first letters and pairs, repeat,
 * and are two, three and more characters long, so every table gets entries from many. */
static char *branches_joined(const char *const *w, size_t n, const size_t *order)
{
    struct sa_buf b;
    sa__buf_init(&b, 1u << 20);
    for (size_t i = 0; i < n; i++) {
        if (i) sa__buf_puts(&b, "|");
        sa__buf_puts(&b, w[order[i]]);
    }
    return b.ptr;
}

TEST(prefix_analysis_does_not_depend_on_branch_order)
{
    enum { N = 240 };
    /* two-letter starts (Latin, Cyrillic, Greek), then an ending: many first pairs, shared
     * first letters, and every word made twice */
    static const char *const first[] = {"d", "l", "a", "з", "κ", "s", "x", "д"};
    static const char *const second[] = {"e", "i", "b", "а", "α", "o", "\\d", "(?:h|o)"};
    static const char *const tail[] = {"", "l", "ery", "ivery", "\\s*cost", "ка", "λά", "[0-9]"};
    char words[N][48];
    const char *w[N];
    size_t order[3][N];
    unsigned seed = 12345;
    for (size_t i = 0; i < N; i++) {
        size_t j = i % (N / 2);
        snprintf(words[i], sizeof words[i], "%s%s%s", first[j % 8], second[j / 8 % 8],
                 tail[(j / 8 + j) % 8]);
        w[i] = words[i];
        order[0][i] = i;
        order[1][i] = N - 1 - i;
        order[2][i] = i;
    }
    for (size_t i = N - 1; i > 0; i--) { /* a fixed shuffle */
        seed = seed * 1103515245u + 12345u;
        size_t j = (seed >> 8) % (i + 1), t = order[2][i];
        order[2][i] = order[2][j];
        order[2][j] = t;
    }
    struct sa__prefix p[3];
    for (int k = 0; k < 3; k++) {
        char *pat = branches_joined(w, N, order[k]);
        ASSERT(pat != NULL);
        ASSERT_EQ(sa__prefix_analyse(pat, strlen(pat), &p[k]), SA_OK);
        sa__free(pat);
        ASSERT(p[k].usable && p[k].has_tri && p[k].deep != NULL);
    }
    ASSERT(p[0].npairs > 20); /* listed, and enough of them to need sorting */
    for (int k = 1; k < 3; k++) {
        ASSERT(memcmp(p[0].first, p[k].first, sizeof p[0].first) == 0);
        ASSERT(memcmp(p[0].single, p[k].single, sizeof p[0].single) == 0);
        ASSERT(memcmp(p[0].pair, p[k].pair, 8192) == 0);
        ASSERT_EQ(p[0].npairs, p[k].npairs);
        ASSERT(memcmp(p[0].pairs, p[k].pairs, p[0].npairs * sizeof *p[0].pairs) == 0);
        ASSERT(memcmp(p[0].open, p[k].open, sizeof p[0].open) == 0);
        ASSERT(memcmp(p[0].tri, p[k].tri, sizeof p[0].tri) == 0);
        ASSERT_EQ(p[0].word_start, p[k].word_start);
        /* the first six characters: the same verdict at the start of every branch's text and of
         * texts one letter off */
        for (size_t i = 0; i < N; i++) {
            char text[sizeof words[0] + 4];
            snprintf(text, sizeof text, "%.47s zq", words[i]);
            for (size_t at = 0; at < 3 && text[at]; at++)
                ASSERT_EQ(sa__prefix_deep(&p[0], text, strlen(text), at),
                          sa__prefix_deep(&p[k], text, strlen(text), at));
        }
    }
    /* the list holds every pair of the bitmap, in ascending order, each once */
    uint32_t bits = 0;
    for (size_t i = 0; i < 8192; i++)
        for (unsigned b = p[0].pair[i]; b; b &= b - 1) bits++;
    ASSERT_EQ(p[0].npairs, bits);
    for (uint32_t i = 0; i < p[0].npairs; i++) {
        ASSERT((p[0].pair[p[0].pairs[i] >> 3] >> (p[0].pairs[i] & 7)) & 1);
        ASSERT(i == 0 || p[0].pairs[i - 1] < p[0].pairs[i]);
    }
    /* and the set the rows are tested against says what the bitmap says, for every h16, as
     * the first characters' list and Bloom word say what first says */
    ASSERT(p[0].pair_set != NULL);
    for (unsigned h2 = 0; h2 < 65536; h2++)
        ASSERT_EQ(sa__prefix_pair(&p[0], h2), (p[0].pair[h2 >> 3] >> (h2 & 7)) & 1);
    ASSERT(p[0].nfirsts > 1 && p[0].nfirsts <= SA__FIRSTS);
    unsigned listed = 0;
    for (unsigned h = 0; h < 4096; h++) {
        int bit = (p[0].first[h >> 3] >> (h & 7)) & 1;
        ASSERT_EQ(sa__prefix_first(&p[0], h), bit);
        if (bit) ASSERT_EQ(p[0].firsts[listed++], h);
    }
    ASSERT_EQ(listed, p[0].nfirsts);
    for (int k = 0; k < 3; k++) sa__prefix_release(&p[k]);
}

/* A search with more first characters than its list holds compares its first bitmap with a
 * text's, word by word, and says the same as a short list would. */
TEST(prefix_many_first_characters_fall_back_to_the_bitmap)
{
    struct sa_buf b;
    sa__buf_init(&b, 4096);
    for (int i = 0; i < 26; i++)
        ASSERT_EQ(sa__buf_printf(&b, "%s%c9", i ? "|" : "", 'a' + i), SA_OK);
    ASSERT_EQ(sa__buf_puts(&b, "|α9|β9|γ9"), SA_OK); /* 29 first characters */
    struct sa__prefix p;
    ASSERT_EQ(sa__prefix_analyse(b.ptr, b.len, &p), SA_OK);
    sa__buf_release(&b);
    ASSERT(p.usable);
    ASSERT_EQ(p.nfirsts, SA__FIRSTS + 1); /* not listed */
    static const struct {
        const char *text;
        int may;
    } cases[] = {
        {"12 34 56 78 90 12 34 56 78 90 12 34 56 78 90 12 34 56 78 90 12 34 56 78 90 12 34", 0},
        {"12 34 56 78 90 12 34 56 78 90 12 34 56 78 90 12 34 56 78 90 12 34 56 78 90 q9 34", 1},
        {"12 34 56 78 90 12 34 56 78 90 12 34 56 78 90 12 34 56 78 90 12 34 56 78 Γ", 1},
        {"12 q", 1}, /* fewer rows than the bitmap's words: the rows are tested */
        {"12 34", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct sa__keys k;
        ASSERT_EQ(sa__keys_build(cases[i].text, strlen(cases[i].text), &k, NULL, 0), SA_OK);
        if (sa__prefix_may(&p, &k) != cases[i].may) T_FAIL("case %zu: %s", i, cases[i].text);
        sa__keys_release(&k);
    }
    sa__prefix_release(&p);
}

/* Which patterns a block may answer from its region (sa__prefix.stretch_safe): consuming a
 * '\n' is fine (the answer then ends past the block, and the block is searched on its own);
 * reading one where no answer shows it (a lookaround, an atomic group, a possessive repeat), or
 * an anchor, is not. */
TEST(prefix_reads_which_patterns_a_stretch_may_borrow)
{
    static const struct {
        const char *pat;
        int safe;
    } cases[] = {
        {"\\bcart\\b", 1},
        {"\\bshopping\\s+cart", 1},
        {"(?<![\\w+.,/])\\d++(?:[\\h.,']\\d{3})*+(?![\\d.,/])", 1},
        {"(?<![\\x{0E00}-\\x{0E7F}])ตะกร้า(?!\\p{L})", 1},
        {"(?=(?-i:[0-9\\x{660}-\\x{10ffff}]))\\d", 1},
        {"(?>free|gratis)\\h+shipping", 1},
        {"x(?=\\N)", 1},
        {"\\bget\\s+it\\b(?!\\s+(?:by|on))", 0}, /* may see the next block's "by" */
        {"(?<!заказ\\sот)\\h+\\d", 0},           /* may see the block before */
        {"x(?=[^a])", 0},
        {"x(?=[\\x00-\\x1f])", 0},
        {"x(?=\\n)", 0},
        {"x(?=.)", 0},
        {"x(?=\\v)", 0},
        {"x(?!\\P{L})", 0},
        {"x(?=\\p{Cc})", 0},
        {"x(?=[[:alpha:]])", 0},
        {"x\\s++y", 0},
        {"(?>\\s*)y", 0},
        {"^x", 0},
        {"x$", 0},
        {"\\Ax", 0},
        {"x\\z", 0},
        {"foo\\Kbar", 0},
        {"(a)(?(1)b|c)", 0},
        {"(*SKIP)x", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct sa__prefix p;
        ASSERT_EQ(sa__prefix_analyse(cases[i].pat, strlen(cases[i].pat), &p), SA_OK);
        if (p.stretch_safe != cases[i].safe)
            fprintf(stderr, "case %zu \"%s\": stretch_safe %d\n", i, cases[i].pat, p.stretch_safe);
        ASSERT_EQ(p.stretch_safe, cases[i].safe);
        sa__prefix_release(&p);
    }
}

/* Blocks answered from their region give the answers the block's own text gives, asked in
 * any order (last block first, so the region is searched from the end backwards, then from
 * the middle of each block), over every fixture page's lines and the same pages made
 * awkward; some answers come from the region and some cannot (a match runs into the next
 * line), so both paths are shown to happen. */
TEST(prefix_stretch_same_answers_as_own_text)
{
    struct sa_lexicon *lex;
    char err[256];
    ASSERT_EQ(sa_lexicon_new(NULL, &lex, err, sizeof err), SA_OK);
    struct corpus c = corpus_get(3);
    ASSERT(c.n >= 300 / 3);
    /* lines that lookarounds read across: each block alone matches, in its region it does not */
    static const char *const across[] = {
        "Get it\nby Friday",      /* buy: \bget\s+it\b(?!\s+(?:by|...)) */
        "Возврат\nк списку",      /* returns: ...(?!\s+к\s+(?:списку|...)) */
        "Заказать\nзвонок",       /* buy: ...(?!\s+(?:обратный\s+)?звон|...) */
        "e-mail\nадрес магазина", /* (?<!mail\s)\bадрес */
    };
    for (size_t i = 0; i < sizeof across / sizeof *across; i++) {
        size_t n = strlen(across[i]);
        char *t = sa__malloc(n + 1);
        memcpy(t, across[i], n + 1);
        corpus_add(&c, t, n);
    }
    size_t asked = 0, found = 0, not0, stretched0 = sa__lexicon_stretched(lex, &not0);
    char *copy = malloc(1);
    size_t copycap = 0;
    for (size_t t = 0; t < c.n; t++) {
        struct sa_str region = {c.text[t], c.len[t]};
        /* the lines' starts, last first */
        size_t nlines = 0, cap = 64, *starts = malloc(cap * sizeof *starts);
        for (size_t at = 0; at < region.len;) {
            if (nlines == cap) starts = realloc(starts, (cap *= 2) * sizeof *starts);
            starts[nlines++] = at;
            const char *nl = memchr(region.ptr + at, '\n', region.len - at);
            at = nl ? (size_t)(nl - region.ptr) + 1 : region.len;
        }
        for (int k = 0; k < SA_CONCEPT_LAST; k++) {
            enum sa_concept con = (enum sa_concept)k;
            int page;
            sa__lexicon_page_begin(lex, &page, &region, 1);
            for (int half = 0; half < 2; half++)
                for (size_t i = nlines; i-- > 0;) {
                    const char *line = region.ptr + starts[i];
                    const char *nl = memchr(line, '\n', region.len - starts[i]);
                    size_t n = nl ? (size_t)(nl - line) : region.len - starts[i];
                    if (!n || n == region.len) continue;
                    size_t from = half ? n / 2 : 0;
                    while (from && from < n && ((unsigned char)line[from] & 0xC0) == 0x80) from--;
                    if (n + 1 > copycap) copy = realloc(copy, copycap = n + 1);
                    memcpy(copy, line, n);
                    struct sa_match a = {0}, b = {0};
                    int ra = sa_lexicon_find_from(lex, con, line, n, from, &a);
                    int rb = sa_lexicon_find_from(lex, con, copy, n, from, &b);
                    if (ra != rb || (ra == 1 && (a.off != b.off || a.len != b.len ||
                                                 strcmp(a.lang, b.lang) != 0))) {
                        fprintf(stderr,
                                "%s, text %zu, line at %zu from %zu: %d %zu+%zu vs %d %zu+%zu\n",
                                sa_concept_name(con), t, starts[i], from, ra, a.off, a.len, rb,
                                b.off, b.len);
                        ASSERT(0);
                    }
                    asked++;
                    found += ra == 1;
                }
            sa__lexicon_page_end(lex, &page);
        }
        free(starts);
    }
    size_t not1, stretched1 = sa__lexicon_stretched(lex, &not1);
    fprintf(stderr, "%zu block questions, %zu found; %zu answered by the region, %zu not\n", asked,
            found, stretched1 - stretched0, not1 - not0);
    ASSERT(found > 1000);
    ASSERT(stretched1 - stretched0 > asked / 4);
    ASSERT(not1 > not0);
    free(copy);
    corpus_free(&c);
    sa_lexicon_free(lex);
}

/* The word-start rows of k, copied into a malloc'd array of *n: its ws, or for a text with an
 * index (which keeps them in its index only) its rows with a word-start flag. */
static struct sa__row *ws_of(const struct sa__keys *k, size_t *n)
{
    size_t m;
    unsigned need;
    const struct sa__row *r = sa__keys_rows(k, 1, &m, &need);
    struct sa__row *out = malloc((m + 1) * sizeof *out);
    size_t o = 0;
    for (size_t j = 0; out && j < m; j++)
        if (!need || (r[j].h1 & need)) out[o++] = r[j];
    *n = o;
    return out;
}

/* Texts without a WILD character take a pass of their own (rows_plain); with one at the end,
 * the general pass: both give every other row alike, word starts and present bits included,
 * and an index that lists the same rows. */
TEST(prefix_keys_plain_pass_same_rows_as_general)
{
    struct corpus c = corpus_get(4);
    ASSERT(c.n >= 30);
    size_t texts = 0, rows = 0;
    for (size_t t = 0; t < c.n; t++) {
        size_t len = c.len[t];
        char *w = malloc(len + 2);
        memcpy(w, c.text[t], len);
        memcpy(w + len, "\xC2\xAA", 2); /* U+00AA: WILD */
        struct sa__keys a, b;
        ASSERT_EQ(sa__keys_build(c.text[t], len, &a, NULL, 0), SA_OK);
        ASSERT_EQ(sa__keys_build(w, len + 2, &b, NULL, 0), SA_OK);
        if (!a.wild) {
            texts++;
            ASSERT(b.wild);
            ASSERT_EQ(b.n, a.n + 1);
            /* the last two rows of a see the WILD character as next or next2 in b */
            for (size_t j = 0; j + 2 < a.n; j++) {
                ASSERT_EQ(a.all[j].off, b.all[j].off);
                ASSERT_EQ(a.all[j].h1, b.all[j].h1);
                ASSERT_EQ(a.all[j].h2, b.all[j].h2);
                ASSERT_EQ(a.all[j].h3, b.all[j].h3);
                rows++;
            }
            /* an indexed text keeps its word starts in its index only */
            ASSERT(!a.ix == !!a.ws && !b.ix == !!b.ws);
            size_t na, nb;
            struct sa__row *wa = ws_of(&a, &na), *wb = ws_of(&b, &nb);
            ASSERT_EQ(na + 1, nb); /* the WILD row joins the word starts */
            for (size_t j = 0; j + 2 < na; j++) ASSERT_EQ(wa[j].off, wb[j].off);
            free(wa);
            free(wb);
            ASSERT(a.present && b.present);
            for (size_t i = 0; i < SA__PRESENT; i++) {
                ASSERT_EQ(a.present[i] & ~b.present[i], 0);
                ASSERT_EQ(a.present_ws[i] & ~b.present_ws[i], 0);
            }
            /* each index lists every row once, as it is */
            for (int pass = 0; pass < 2; pass++) {
                const struct sa__keys *k = pass ? &b : &a;
                if (!k->ix) continue;
                ASSERT_EQ(k->ix->head[k->ix->mask + 2], k->n);
                char *seen = calloc(k->n, 1);
                for (size_t j = 0; j < k->n; j++) {
                    struct sa__row r = k->ix->rows[j];
                    size_t at = sa__keys_find(k->all, k->n, r.off);
                    ASSERT(at < k->n && k->all[at].off == r.off && !seen[at]);
                    ASSERT(k->all[at].h1 == r.h1 && k->all[at].h2 == r.h2 && k->all[at].h3 == r.h3);
                    seen[at] = 1;
                }
                free(seen);
            }
        }
        sa__keys_release(&a);
        sa__keys_release(&b);
        free(w);
    }
    fprintf(stderr, "%zu texts, %zu rows compared\n", texts, rows);
    ASSERT(texts >= 10);
    ASSERT(rows > 50000);
    corpus_free(&c);
}

/* 1 when a and b list the same rows, word starts, bitmaps and index. */
static int same_keys(const struct sa__keys *a, const struct sa__keys *b)
{
    if (a->n != b->n || a->wild != b->wild || !a->ix != !b->ix) return 0;
    if (!a->present != !b->present || !a->present_ws != !b->present_ws) return 0;
    if (a->present && (memcmp(a->present, b->present, SA__PRESENT) != 0 ||
                       memcmp(a->present_ws, b->present_ws, SA__PRESENT) != 0))
        return 0;
    for (size_t j = 0; j <= a->n; j++)
        if (a->all[j].off != b->all[j].off || a->all[j].h1 != b->all[j].h1 ||
            a->all[j].h2 != b->all[j].h2 || a->all[j].h3 != b->all[j].h3)
            return 0;
    size_t na, nb;
    struct sa__row *wa = ws_of(a, &na), *wb = ws_of(b, &nb);
    int same = na == nb;
    for (size_t j = 0; same && j < na; j++) same = wa[j].off == wb[j].off && wa[j].h1 == wb[j].h1;
    free(wa);
    free(wb);
    if (!same) return 0;
    if (!a->ix) return 1;
    if (a->ix->mask != b->ix->mask) return 0;
    for (size_t i = 0; i < a->ix->mask + 3; i++)
        if (a->ix->head[i] != b->ix->head[i]) return 0;
    for (size_t j = 0; j < a->n; j++)
        if (a->ix->rows[j].off != b->ix->rows[j].off || a->ix->rows[j].h2 != b->ix->rows[j].h2)
            return 0;
    return 1;
}

/* Keys are made in one block of malloc'd memory that usually held an earlier text's keys (the
 * index's heads must not inherit its counts): keys made right after others were released are
 * the keys made in memory that was never used, here calloc'd and kept apart. */
TEST(prefix_keys_in_reused_memory_same_rows)
{
    struct corpus c = corpus_get(3);
    ASSERT(c.n >= 30);
    size_t compared = 0;
    for (size_t i = 0; i < 2 * c.n; i++) {
        size_t t = i < c.n ? i : 2 * c.n - 1 - i, u = (t + 7) % c.n;
        struct sa__keys other, a;
        ASSERT_EQ(sa__keys_build(c.text[u], c.len[u], &other, NULL, 0), SA_OK);
        sa__keys_release(&other);
        ASSERT_EQ(sa__keys_build(c.text[t], c.len[t], &a, NULL, 0), SA_OK);
        /* the same keys, from a buffer of zeros kept by the caller (no index is made there) */
        struct sa__row *buf = calloc(2 * (c.len[t] + 1), sizeof *buf);
        struct sa__keys b;
        ASSERT_EQ(sa__keys_build(c.text[t], c.len[t], &b, buf, 2 * (c.len[t] + 1)), SA_OK);
        ASSERT(b.borrowed && !b.ix);
        /* nor bitmaps; a's hold exactly its rows' first characters, nothing the memory held */
        ASSERT(!b.present && !b.present_ws && a.present && a.present_ws);
        uint8_t bits[2][SA__PRESENT] = {{0}};
        for (size_t j = 0; j < a.n; j++)
            bits[0][(a.all[j].h1 & SA__KEY_H12) >> 3] |= (uint8_t)(1u << (a.all[j].h1 & 7));
        size_t nw;
        struct sa__row *wr = ws_of(&a, &nw);
        for (size_t j = 0; j < nw; j++)
            bits[1][(wr[j].h1 & SA__KEY_H12) >> 3] |= (uint8_t)(1u << (wr[j].h1 & 7));
        free(wr);
        ASSERT(memcmp(bits[0], a.present, SA__PRESENT) == 0);
        ASSERT(memcmp(bits[1], a.present_ws, SA__PRESENT) == 0);
        struct sa__index *ix = a.ix;
        const uint8_t *pr = a.present, *pw = a.present_ws;
        a.ix = NULL;
        a.present = a.present_ws = NULL;
        ASSERT(same_keys(&b, &a));
        a.ix = ix;
        a.present = pr;
        a.present_ws = pw;
        if (ix) {
            /* each bucket holds its rows, in order, and all of them */
            ASSERT_EQ(ix->head[0], 0);
            ASSERT_EQ(ix->head[ix->mask + 2], a.n);
            for (uint32_t bk = 0; bk <= ix->mask + 1; bk++)
                for (uint32_t j = ix->head[bk]; j < ix->head[bk + 1]; j++) {
                    struct sa__row r = ix->rows[j];
                    uint32_t want =
                        r.h1 & (SA__KEY_WILD1 | SA__KEY_WILD2) ? ix->mask + 1 : r.h2 & ix->mask;
                    ASSERT_EQ(want, bk);
                    ASSERT(j == ix->head[bk] || ix->rows[j - 1].off < r.off);
                }
        }
        compared++;
        sa__keys_release(&a);
        sa__keys_release(&b);
        free(buf);
    }
    ASSERT(compared >= 60);
    corpus_free(&c);
}

/* A spare keeps the larger of the long texts' blocks for the next text (sa__keys_build_spare):
 * keys made in a block that held other keys are the keys made afresh, a block is taken only by
 * a text it holds, and short texts' blocks and huge ones are not kept. */
TEST(prefix_keys_spare_reused_same_rows)
{
    /* texts of 6 000 to 60 000 bytes, joined from fixture pages, in a shuffled order of sizes */
    struct corpus c = corpus_get(1);
    struct sa_buf all;
    sa__buf_init(&all, 1 << 22);
    for (size_t t = 0; t < c.n && all.len < 200000; t++)
        ASSERT_EQ(sa__buf_append(&all, c.text[t], c.len[t]), SA_OK);
    ASSERT(all.len >= 120000);
    static const size_t sizes[] = {20000, 6000, 60000, 30000, 59000, 8000, 60000, 45000};
    struct sa__spare sp = {0};
    size_t taken = 0, kept_largest = 0;
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        const char *t = all.ptr + (i * 7919) % (all.len - sizes[i]);
        void *had = sp.block;
        size_t had_size = sp.size;
        struct sa__keys a, fresh;
        ASSERT_EQ(sa__keys_build_spare(t, sizes[i], NULL, &a, &sp), SA_OK);
        if (had && a.block == had) {
            taken++;
            ASSERT(sp.block == NULL); /* taken out while in use */
        } else {
            ASSERT(sp.block == had); /* a spare too small stays */
        }
        ASSERT_EQ(sa__keys_build(t, sizes[i], &fresh, NULL, 0), SA_OK);
        ASSERT(a.cap >= fresh.cap); /* a block the text's keys fit in */
        ASSERT(same_keys(&a, &fresh));
        sa__keys_release(&fresh);
        size_t cap = a.cap;
        void *block = a.block;
        sa__keys_release_spare(&a, &sp);
        ASSERT(a.block == NULL);
        /* the spare now holds the larger of the two */
        size_t want = cap > had_size || !had || block == had ? cap : had_size;
        ASSERT_EQ(sp.size, want);
        kept_largest += sp.size == want;
    }
    ASSERT(taken >= 3);
    ASSERT_EQ(kept_largest, sizeof sizes / sizeof *sizes);
    /* two texts at once (a page's text and a long block of it): the first takes the spare,
     * the second gets a block of its own, and the spare keeps the larger when both return */
    struct sa__keys x, y;
    ASSERT_EQ(sa__keys_build_spare(all.ptr, 50000, NULL, &x, &sp), SA_OK);
    ASSERT(sp.block == NULL);
    ASSERT_EQ(sa__keys_build_spare(all.ptr + 50000, 9000, NULL, &y, &sp), SA_OK);
    size_t xcap = x.cap;
    sa__keys_release_spare(&x, &sp);
    sa__keys_release_spare(&y, &sp);
    ASSERT_EQ(sp.size, xcap);
    /* a short text's block and a huge text's are freed, the spare kept */
    size_t big = sp.size;
    struct sa__keys k;
    ASSERT_EQ(sa__keys_build_spare(all.ptr, 1500, NULL, &k, &sp), SA_OK);
    ASSERT(k.block != NULL && k.block != sp.block && k.cap < big);
    sa__keys_release_spare(&k, &sp);
    ASSERT_EQ(sp.size, big);
    char *huge = malloc(400000);
    for (size_t i = 0; i < 400000; i++) huge[i] = all.ptr[i % all.len];
    ASSERT_EQ(sa__keys_build_spare(huge, 400000, NULL, &k, &sp), SA_OK);
    ASSERT(k.cap > big);
    sa__keys_release_spare(&k, &sp);
    ASSERT_EQ(sp.size, big); /* past the spare's limit: freed, not kept */
    free(huge);
    /* a new block for the spare has room for a somewhat longer text: the next page a little
     * longer than every one before reuses it instead of faulting in a block of its own */
    sa__spare_free(&sp);
    ASSERT_EQ(sa__keys_build_spare(all.ptr, 40000, NULL, &k, &sp), SA_OK);
    void *first = k.block;
    sa__keys_release_spare(&k, &sp);
    ASSERT_EQ(sa__keys_build_spare(all.ptr, 52000, NULL, &k, &sp), SA_OK);
    ASSERT(k.block == first);
    const struct sa__row *ws = k.ws, *ixrows = k.ix->rows;
    sa__keys_release_spare(&k, &sp);
    /* and a kept block's arrays start where they did, whatever the text's length: a page
     * touches the memory the pages before it did, not new pages of the block */
    ASSERT_EQ(sa__keys_build_spare(all.ptr + 1000, 30000, NULL, &k, &sp), SA_OK);
    ASSERT(k.block == first && k.ws == ws && k.ix->rows == ixrows);
    struct sa__keys fresh;
    ASSERT_EQ(sa__keys_build(all.ptr + 1000, 30000, &fresh, NULL, 0), SA_OK);
    ASSERT(same_keys(&k, &fresh));
    sa__keys_release(&fresh);
    sa__keys_release_spare(&k, &sp);
    sa__spare_free(&sp);
    ASSERT(sp.block == NULL && sp.size == 0);
    sa__buf_release(&all);
    corpus_free(&c);
}

/* Keys of a stretch, as a view of the whole text's keys, list the stretch's characters only,
 * with the stretch's own offsets, and an empty or invalid text is harmless. */
TEST(prefix_keys_views_and_odd_input)
{
    const char *t = "Delivery: 3 days\nДоставка за 2 дня\n\xFF\xFE broken";
    struct sa__keys whole, view, empty;
    ASSERT_EQ(sa__keys_build(t, strlen(t), &whole, NULL, 0), SA_OK);
    size_t at = (size_t)(strchr(t, '\n') - t) + 1, len = (size_t)(strchr(t + at, '\n') - (t + at));
    sa__keys_view(&whole, at, len, &view);
    ASSERT(view.n > 0 && view.n < whole.n);
    ASSERT_EQ(view.all[0].off - view.base, 0);
    ASSERT(view.all[view.n - 1].off - view.base < len);
    ASSERT(view.ws[0].h1 & SA__KEY_WORDSTART); /* "Доставка" starts a word */
    ASSERT(whole.wild && !view.wild);          /* the invalid bytes are outside the view */
    ASSERT_EQ(sa__keys_build("", 0, &empty, NULL, 0), SA_OK);
    ASSERT_EQ(empty.n, 0);
    sa__keys_release(&empty);
    sa__keys_release(&view);
    sa__keys_release(&whole);

    /* a stretch's bitmaps are its whole's, which never leave out one of its own */
    char big[4096];
    size_t n = 0;
    n += (size_t)snprintf(big + n, sizeof big - n, "Short line\n");
    while (n < 2000) n += (size_t)snprintf(big + n, sizeof big - n, "Free delivery in 3 days. ");
    n += (size_t)snprintf(big + n, sizeof big - n, "\nΕπικοινωνία και χάρτης");
    ASSERT_EQ(sa__keys_build(big, n, &whole, NULL, 0), SA_OK);
    size_t nl1 = (size_t)(strchr(big, '\n') - big), nl2 = (size_t)(strrchr(big, '\n') - big);
    struct {
        size_t at, len;
    } parts[] = {{0, nl1}, {nl1 + 1, nl2 - nl1 - 1}, {nl2 + 1, n - nl2 - 1}};
    for (size_t i = 0; i < 3; i++) {
        struct sa__keys own;
        sa__keys_view(&whole, parts[i].at, parts[i].len, &view);
        ASSERT_EQ(sa__keys_build(big + parts[i].at, parts[i].len, &own, NULL, 0), SA_OK);
        ASSERT_EQ(view.n, own.n);
        ASSERT(view.present == whole.present && view.present_ws == whole.present_ws);
        for (size_t b = 0; b < SA__PRESENT; b++) {
            ASSERT_EQ(own.present[b] & ~view.present[b], 0);
            ASSERT_EQ(own.present_ws[b] & ~view.present_ws[b], 0);
        }
        sa__keys_release(&own);
        sa__keys_release(&view);
    }
    sa__keys_release(&whole);
}

/* Every match of every concept in a region and in each of its lines, from the page scope when
 * one is open for it, else uncached: n matches in out. */
static size_t region_matches(const struct sa_lexicon *lex, const char *t, size_t len,
                             struct sa_match *out, size_t max)
{
    size_t n = 0;
    for (int c = 0; c < SA_CONCEPT_LAST; c++) {
        n += all_matches(lex, (enum sa_concept)c, t, len, out + n, max - n);
        for (size_t at = 0; at < len && n < max;) {
            const char *nl = memchr(t + at, '\n', len - at);
            size_t end = nl ? (size_t)(nl - t) : len;
            size_t k = all_matches(lex, (enum sa_concept)c, t + at, end - at, out + n, max - n);
            for (size_t i = n; i < n + k; i++) out[i].off += at;
            n += k;
            at = end + 1;
        }
    }
    return n;
}

static int same_matches(const struct sa_match *a, size_t na, const struct sa_match *b, size_t nb)
{
    if (na != nb) return 0;
    for (size_t i = 0; i < na; i++)
        if (a[i].off != b[i].off || a[i].len != b[i].len || strcmp(a[i].lang, b[i].lang)) return 0;
    return 1;
}

/* A region that repeats the one in the same place on the page before, byte for byte, starts
 * with that page's answers (sa__lexicon_seeded counts them), and they are the answers a fresh
 * search gives; a region that differs by one byte starts afresh. */
TEST(prefix_repeated_region_reuses_answers_exactly)
{
    struct sa_lexicon *lex;
    char err[256];
    ASSERT_EQ(sa_lexicon_new(NULL, &lex, err, sizeof err), SA_OK);
    struct corpus c = corpus_get(6);
    ASSERT(c.n >= 20);
    enum { MAX = 1 << 16 };
    struct sa_match *ref = malloc(MAX * sizeof *ref), *got = malloc(MAX * sizeof *got);
    size_t texts = 0, reused = 0;
    for (size_t t = 0; t < c.n && texts < 12; t++) {
        if (c.len[t] < 2000 || c.len[t] > 60000) continue;
        texts++;
        char *buf = malloc(c.len[t] + 1);
        for (int page = 0; page < 3; page++) {
            memcpy(buf, c.text[t], c.len[t]);
            if (page == 2) buf[c.len[t] / 2] = buf[c.len[t] / 2] == 'Q' ? 'R' : 'Q';
            /* the answers without any page scope: uncached searches */
            size_t nref = region_matches(lex, buf, c.len[t], ref, MAX);
            struct sa_str region[2] = {{"Cart Delivery Returns", 21}, {buf, c.len[t]}};
            size_t before = sa__lexicon_seeded(lex);
            sa__lexicon_page_begin(lex, &page, region, 2);
            size_t seeded = sa__lexicon_seeded(lex) - before;
            size_t ngot = region_matches(lex, buf, c.len[t], got, MAX);
            struct sa_match menu[64];
            ASSERT(region_matches(lex, region[0].ptr, region[0].len, menu, 64) > 0);
            sa__lexicon_page_end(lex, &page);
            ASSERT(same_matches(ref, nref, got, ngot));
            if (page == 1) ASSERT(seeded > SA_CONCEPT_LAST); /* the same bytes as on page 0 */
            if (page == 2) {
                /* the menu repeats, the text changed by one byte does not: only the menu's
                 * answers (one entry per concept at most) are reused */
                ASSERT(seeded > 0 && seeded <= SA_CONCEPT_LAST);
            }
            reused += page == 1 ? seeded : 0;
        }
        free(buf);
    }
    fprintf(stderr, "%zu texts, %zu answers reused\n", texts, reused);
    ASSERT(texts >= 5);
    free(ref);
    free(got);
    corpus_free(&c);
    sa_lexicon_free(lex);
}

/* A lexicon made without JIT (a system without it, or without executable memory) searches
 * through the interpreter and finds the same matches as one with JIT. */
TEST(prefix_lexicon_without_jit_same_answers)
{
    struct sa_lexicon *jit, *plain;
    char err[256];
    ASSERT_EQ(sa_lexicon_new(NULL, &jit, err, sizeof err), SA_OK);
    sa__lexicon_jit(0);
    int rc = sa_lexicon_new(NULL, &plain, err, sizeof err);
    sa__lexicon_jit(1);
    ASSERT_EQ(rc, SA_OK);
    struct corpus c = corpus_get(7);
    ASSERT(c.n >= 30);
    enum { MAX = 4096 };
    struct sa_match *a = malloc(MAX * sizeof *a), *b = malloc(MAX * sizeof *b);
    size_t found = 0;
    for (size_t t = 0; t < c.n; t++) {
        for (int k = 0; k < SA_CONCEPT_LAST; k++) {
            size_t na = all_matches(jit, (enum sa_concept)k, c.text[t], c.len[t], a, MAX);
            size_t nb = all_matches(plain, (enum sa_concept)k, c.text[t], c.len[t], b, MAX);
            ASSERT_EQ(na, nb);
            for (size_t i = 0; i < na; i++) {
                ASSERT_EQ(a[i].off, b[i].off);
                ASSERT_EQ(a[i].len, b[i].len);
                ASSERT(strcmp(a[i].lang, b[i].lang) == 0);
            }
            found += na;
        }
    }
    fprintf(stderr, "%zu matches with and without JIT\n", found);
    ASSERT(found > 500);
    free(a);
    free(b);
    corpus_free(&c);
    sa_lexicon_free(jit);
    sa_lexicon_free(plain);
}

/* The candidates of p in k at offsets [from, upto), by walking the rows as run_filtered does
 * without an index. */
static size_t walk_cands(const struct sa__prefix *p, const struct sa__keys *k, size_t from,
                         size_t upto, size_t *out, size_t max)
{
    size_t nrows, n = 0;
    unsigned need;
    const struct sa__row *rows = sa__keys_rows(k, p->word_start, &nrows, &need);
    for (size_t j = sa__keys_find(rows, nrows, k->base + from); j < nrows && n < max; j++) {
        if (rows[j].off - k->base >= upto) break;
        if ((!need || (rows[j].h1 & need)) && sa__prefix_cand(p, rows[j]))
            out[n++] = rows[j].off - k->base;
    }
    return n;
}

/* 1 when the index gives exactly the walk's candidates in k at offsets [from, upto), and none
 * past them; -1 when the index does not apply to p. */
static int index_agrees_upto(const struct sa__prefix *p, const struct sa__keys *k, size_t from,
                             size_t upto, size_t *want, size_t max, size_t *compared)
{
    struct sa__cands it;
    if (!sa__cands_init(&it, p, k, from, upto)) return -1;
    size_t n = walk_cands(p, k, from, upto, want, max), got = 0, off;
    while (sa__cands_next(&it, &off)) {
        if (got >= n || want[got] != off) {
            fprintf(stderr, "candidate %zu: index says %zu, walk %zu\n", got, off,
                    got < n ? want[got] : (size_t)-1);
            return 0;
        }
        got++;
    }
    *compared += got;
    return got == n;
}

static int index_agrees(const struct sa__prefix *p, const struct sa__keys *k, size_t from,
                        size_t *want, size_t max, size_t *compared)
{
    return index_agrees_upto(p, k, from, SIZE_MAX, want, max, compared);
}

/* The index of a long text gives every search exactly the candidates a walk over its rows
 * would, in the same order, from the text's start, from its middle, and in views of its lines
 * (which borrow the whole text's index): the filtered search then tries the same positions. */
TEST(prefix_index_gives_the_walks_candidates)
{
    char **pats;
    size_t npats = load_patterns(&pats);
    ASSERT(npats > 1000);
    struct corpus c = corpus_get(5);
    size_t nlong = 0, compared = 0, indexed = 0, views = 0;
    size_t max = 1u << 20, *want = malloc(max * sizeof *want);
    ASSERT(want != NULL);
    for (size_t t = 0; t < c.n && nlong < 6; t++) {
        struct sa__keys k;
        ASSERT_EQ(sa__keys_build(c.text[t], c.len[t], &k, NULL, 0), SA_OK);
        if (k.n < SA__INDEX_MIN) {
            ASSERT(k.ix == NULL); /* short texts are walked */
            sa__keys_release(&k);
            continue;
        }
        ASSERT(k.ix != NULL);
        nlong++;
        /* a stretch of lines in the middle, as a block of a region is */
        const char *mid = memchr(c.text[t] + c.len[t] / 2, '\n', c.len[t] / 2);
        size_t at = mid ? (size_t)(mid - c.text[t]) + 1 : 0, vlen = (c.len[t] - at) / 2;
        struct sa__keys view;
        sa__keys_view(&k, at, vlen, &view);
        ASSERT(view.ix == k.ix);
        for (size_t i = 0; i < npats; i++) {
            struct sa__prefix p;
            ASSERT_EQ(sa__prefix_analyse(pats[i], strlen(pats[i]), &p), SA_OK);
            if (p.usable) {
                int rc = index_agrees(&p, &k, 0, want, max, &compared);
                ASSERT(rc != 0);
                indexed += rc == 1;
                ASSERT(index_agrees(&p, &k, c.len[t] / 3, want, max, &compared) != 0);
                rc = index_agrees(&p, &view, 0, want, max, &compared);
                ASSERT(rc != 0);
                views += rc == 1;
                ASSERT(index_agrees(&p, &view, vlen / 2, want, max, &compared) != 0);
                /* a search that must start before an earlier match: none past it */
                ASSERT(index_agrees_upto(&p, &k, 0, c.len[t] / 2, want, max, &compared) != 0);
                ASSERT(index_agrees_upto(&p, &k, c.len[t] / 3, c.len[t] / 3 + 200, want, max,
                                         &compared) != 0);
                ASSERT(index_agrees_upto(&p, &view, vlen / 4, vlen / 2, want, max, &compared) != 0);
                ASSERT(index_agrees_upto(&p, &k, 100, 100, want, max, &compared) != 0);
            }
            sa__prefix_release(&p);
        }
        sa__keys_release(&view);
        sa__keys_release(&k);
    }
    fprintf(stderr, "%zu long texts, %zu searches by index (%zu in views), %zu candidates\n", nlong,
            indexed, views, compared);
    ASSERT(nlong >= 3);
    ASSERT(indexed > npats);  /* most searches use the index */
    ASSERT(compared > 10000); /* and they find candidates to compare */
    free(want);
    for (size_t i = 0; i < npats; i++) free(pats[i]);
    free(pats);
    corpus_free(&c);
}

/* 1 when got holds want's candidates in s[0..n), less only positions where pat matches
 * nothing: keys made for a set leave out the rows whose first three characters start no
 * search of the set, which a search's test of twelve bits of them may let through. *dropped
 * counts those positions. */
static int cands_cover(const char *pat, const char *s, size_t n, const size_t *want, size_t nw,
                       const size_t *got, size_t ng, size_t *dropped)
{
    pcre2_code *code = NULL;
    pcre2_match_data *md = NULL;
    size_t j = 0;
    int ok = 1;
    for (size_t i = 0; i < nw && ok; i++) {
        if (j < ng && got[j] == want[i]) {
            j++;
            continue;
        }
        if (!code) {
            int ec;
            PCRE2_SIZE eo;
            code = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, FLAGS | PCRE2_ANCHORED,
                                 &ec, &eo, NULL);
            md = pcre2_match_data_create(64, NULL);
            if (!code || !md) ok = 0;
        }
        if (ok) ok = pcre2_match(code, (PCRE2_SPTR)s, n, want[i], PCRE2_NOTEMPTY, md, NULL) < 0;
        (*dropped)++;
    }
    pcre2_match_data_free(md);
    pcre2_code_free(code);
    return ok && j == ng;
}

/* A search that mixes patterns opening with \b with others starts anywhere, but the first
 * characters of its \b patterns only start words: the lexicon's keys keep no row inside a word
 * for them, and the search still finds what it finds without keys. */
TEST(prefix_mixed_search_keeps_no_rows_inside_words_for_its_word_patterns)
{
    char dir[] = "/tmp/sa_prefix_XXXXXX";
    ASSERT(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/en.json", dir);
    FILE *f = fopen(path, "w");
    ASSERT(f);
    fputs("{\"lang\": \"en\", \"concepts\": {\"delivery\": [\"\\\\bterms\\\\b\", "
          "\"zq\\\\d\"]}}",
          f);
    fclose(f);
    struct sa_lexicon *lex = NULL;
    char err[256];
    ASSERT_EQ(sa_lexicon_new(dir, &lex, err, sizeof err), SA_OK);
    const char *text = "xterms terms xzq1";
    struct sa__keys k;
    ASSERT_EQ(sa__keys_build_for(text, strlen(text), sa__lexicon_text_starts(lex), &k, NULL, 0),
              SA_OK);
    int inside = 0, start = 0, anywhere = 0;
    for (size_t i = 0; i < k.n; i++) {
        inside |= k.all[i].off == 1;    /* the "te" of "xterms" */
        start |= k.all[i].off == 7;     /* the word "terms" */
        anywhere |= k.all[i].off == 14; /* "zq1" inside "xzq1" */
    }
    EXPECT(!inside);
    EXPECT(start && anywhere);
    struct sa_match m;
    EXPECT_EQ(sa_lexicon_find(lex, SA_CONCEPT_DELIVERY, text, strlen(text), &m), 1);
    EXPECT_EQ(m.off, 7u);
    EXPECT_EQ(sa_lexicon_find(lex, SA_CONCEPT_DELIVERY, text + 8, strlen(text + 8), &m), 1);
    EXPECT_EQ(m.off, 6u);
    sa__keys_release(&k);
    sa_lexicon_free(lex);
    ASSERT_EQ(remove(path), 0);
    ASSERT_EQ(rmdir(dir), 0);
}

/* Whether k keeps a row at byte offset off. */
static int keeps_row(const struct sa__keys *k, size_t off)
{
    for (size_t i = 0; i < k->n; i++)
        if (k->all[i].off == off) return 1;
    return 0;
}

/* Keys made for a set keep a row that passes a search's first pair only when its first three
 * characters are some search's too, or when the pair needs no third (a two-character match),
 * or its first character is a match alone; a WILD character keeps every row that reads it. */
TEST(prefix_keys_for_a_set_keep_rows_by_their_first_three_characters)
{
    static const char *const pats[] = {"\\b(?:free\\h+delivery)", "\\b(?:ok)\\b", "€"};
    struct sa__prefix pre[3];
    struct sa__starts *st = calloc(1, sizeof *st), *sealed = malloc(sizeof *sealed);
    ASSERT(st && sealed);
    for (int i = 0; i < 3; i++) {
        ASSERT_EQ(sa__prefix_analyse(pats[i], strlen(pats[i]), &pre[i]), SA_OK);
        ASSERT(pre[i].usable);
        sa__starts_add(st, &pre[i]);
    }
    ASSERT(pre[0].has_tri && pre[0].ntri16 == 1);
    memcpy(sealed, st, sizeof *st);
    sa__starts_seal(sealed);
    /* ASCII by the byte-pair way (sealed) and by the general one; then with a WILD character
     * (the long s: a caseless search may read it as s), which sends the whole text the general
     * way */
    static const char *const subjects[] = {
        "fresh frog free ok okay \xE2\x82\xAC delivery",
        "fresh frog free ok okay \xE2\x82\xAC delivery fr\xC5\xBF"};
    for (int t = 0; t < 2; t++)
        for (int way = 0; way < 2; way++) {
            const char *s = subjects[t];
            size_t n = strlen(s);
            struct sa__keys k, full;
            ASSERT_EQ(sa__keys_build_for(s, n, way ? sealed : st, &k, NULL, 0), SA_OK);
            ASSERT_EQ(sa__keys_build(s, n, &full, NULL, 0), SA_OK);
            EXPECT(keeps_row(&k, 0));                         /* "fresh": "fre" is a start */
            EXPECT(!keeps_row(&k, 6) && keeps_row(&full, 6)); /* "frog": "fr", but not "fro" */
            EXPECT(keeps_row(&k, 11));                        /* "free" */
            EXPECT(keeps_row(&k, 16) && keeps_row(&k, 19));   /* "ok", and the "ok" of "okay" */
            EXPECT(keeps_row(&k, 24));                        /* "€", a match alone */
            EXPECT(!keeps_row(&k, 28));                       /* "delivery": no search's start */
            size_t want = 5;
            if (t == 1) { /* "frſ" (a WILD third), "rſ" (a WILD second) and "ſ" */
                size_t at = (size_t)(strstr(s, "fr\xC5\xBF") - s);
                EXPECT(keeps_row(&k, at) && keeps_row(&k, at + 1) && keeps_row(&k, at + 2));
                want += 3;
            }
            EXPECT_EQ(k.n, want);
            /* every search gets the candidates that may start its match, as with all rows */
            for (int i = 0; i < 3; i++)
                for (size_t j = 0; j < full.n; j++) {
                    struct sa__row r = full.all[j];
                    if (sa__prefix_cand(&pre[i], r) && sa__prefix_deep(&pre[i], s, n, r.off))
                        EXPECT(keeps_row(&k, r.off));
                }
            sa__keys_release(&full);
            sa__keys_release(&k);
        }
    for (int i = 0; i < 3; i++) sa__prefix_release(&pre[i]);
    free(sealed);
    free(st);
}

/* Field by field: a row's padding is not written. */
static int same_rows(const struct sa__row *a, const struct sa__row *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i].off != b[i].off || a[i].h1 != b[i].h1 || a[i].h2 != b[i].h2 || a[i].h3 != b[i].h3)
            return 0;
    return 1;
}

/* Keys made for a set of searches leave out the rows none of them may start at, and give each
 * search of the set the candidates full keys give it, less positions where it matches nothing
 * (rows whose first three characters start no search of the set): by a walk over the rows
 * (all of them, or the word starts), through the index, in a view of some lines, and a "may"
 * of the bitmaps whenever a candidate is kept. The set is every third pattern and those that
 * may match one character, so that rows only the others may start at are really dropped. */
TEST(prefix_keys_for_a_set_keep_its_candidates)
{
    char **pats;
    size_t npats = load_patterns(&pats);
    ASSERT(npats > 1000);
    struct sa__prefix *pre = calloc(npats, sizeof *pre);
    struct sa__starts *st = calloc(1, sizeof *st);
    char *in = calloc(npats, 1);
    ASSERT(pre && st && in);
    size_t inset = 0, ws_set = 0, single_set = 0;
    for (size_t i = 0; i < npats; i++) {
        ASSERT_EQ(sa__prefix_analyse(pats[i], strlen(pats[i]), &pre[i]), SA_OK);
        /* every third, and every one that may match a single character */
        if (!pre[i].usable || (i % 3 && !pre[i].has_single)) continue;
        in[i] = 1;
        sa__starts_add(st, &pre[i]);
        inset++;
        ws_set += pre[i].word_start != 0;
        single_set += pre[i].has_single != 0;
    }
    ASSERT(ws_set > 0 && ws_set < inset); /* both kinds of search are in the set */
    ASSERT(single_set > 0);
    /* the set sealed: ASCII positions go the byte-pair way, with the same rows */
    struct sa__starts *sealed = malloc(sizeof *sealed);
    ASSERT(sealed);
    memcpy(sealed, st, sizeof *st);
    sa__starts_seal(sealed);
    ASSERT(sealed->sealed);
    /* a search added after the seal could start where the table says none does */
    struct sa__starts *late = malloc(sizeof *late);
    ASSERT(late);
    memcpy(late, sealed, sizeof *late);
    for (size_t i = 0; i < npats; i++)
        if (pre[i].usable && !in[i]) {
            sa__starts_add(late, &pre[i]);
            break;
        }
    ASSERT(!late->sealed);
    free(late);
    struct corpus c = corpus_get(3);
    size_t max = 1u << 20, *want = malloc(max * sizeof *want), *got = malloc(max * sizeof *got);
    ASSERT(want && got);
    size_t rows = 0, kept = 0, compared = 0, indexed = 0, texts = 0, copied = 0, dropped = 0;
    /* every fifth fixture page as it is (short and long), and four texts of 64 KiB joined from
     * all of them, long enough that even the kept rows get an index */
    size_t nbase = c.n, next = 0;
    for (int joined = 0; joined < 4; joined++) {
        struct sa_buf b;
        sa__buf_init(&b, SIZE_MAX);
        while (b.len < 64 * 1024) {
            ASSERT_EQ(sa__buf_append(&b, c.text[next], c.len[next]), SA_OK);
            ASSERT_EQ(sa__buf_append(&b, "\n", 1), SA_OK);
            next = (next + 1) % nbase;
        }
        if (joined == 0) { /* its k and s as the Kelvin sign and long s: WILD characters */
            struct sa_buf w;
            sa__buf_init(&w, SIZE_MAX);
            for (size_t i = 0; i < b.len; i++) {
                char ch = b.ptr[i];
                const char *put = ch == 'k' || ch == 'K' ? "\xE2\x84\xAA"
                                  : ch == 's'            ? "\xC5\xBF"
                                                         : NULL;
                ASSERT_EQ(put ? sa__buf_append(&w, put, strlen(put)) : sa__buf_append(&w, &ch, 1),
                          SA_OK);
            }
            sa__buf_release(&b);
            b = w;
        }
        corpus_add(&c, b.ptr, b.len);
    }
    for (size_t t = 0; t < c.n; t += t < nbase ? 5 : 1) {
        texts++;
        struct sa__keys full, part;
        ASSERT_EQ(sa__keys_build(c.text[t], c.len[t], &full, NULL, 0), SA_OK);
        ASSERT_EQ(sa__keys_build_for(c.text[t], c.len[t], sealed, &part, NULL, 0), SA_OK);
        struct sa__keys plain;
        ASSERT_EQ(sa__keys_build_for(c.text[t], c.len[t], st, &plain, NULL, 0), SA_OK);
        size_t npw, nqw, nfw;
        struct sa__row *pw = ws_of(&plain, &npw), *qw = ws_of(&part, &nqw),
                       *fw = ws_of(&full, &nfw);
        ASSERT(plain.n == part.n && npw == nqw && plain.wild == part.wild);
        ASSERT(same_rows(pw, qw, nqw));
        ASSERT(nqw <= nfw);
        free(pw);
        free(qw);
        free(fw);
        ASSERT(same_rows(plain.all, part.all, part.n + 1));
        /* a long text with too few rows kept for an index has its word starts copied out of
         * all after the pass: exactly its rows with a word-start flag */
        ASSERT(!part.ix == !!part.ws);
        if (part.ws) {
            size_t m = 0;
            for (size_t j = 0; j < part.n; j++)
                if (part.all[j].h1 & (SA__KEY_WORDSTART | SA__KEY_WILD1)) {
                    ASSERT(m < part.nws && part.ws[m].off == part.all[j].off);
                    m++;
                }
            ASSERT_EQ(m, part.nws);
            copied += c.len[t] >= SA__INDEX_MIN;
        }
        ASSERT(memcmp(plain.present, part.present, SA__PRESENT) == 0);
        ASSERT(memcmp(plain.present_ws, part.present_ws, SA__PRESENT) == 0);
        sa__keys_release(&plain);
        rows += full.n;
        kept += part.n;
        ASSERT(part.n <= full.n);
        ASSERT(part.wild == full.wild);
        const char *mid = memchr(c.text[t] + c.len[t] / 2, '\n', c.len[t] - c.len[t] / 2);
        size_t at = mid ? (size_t)(mid - c.text[t]) + 1 : 0, vlen = (c.len[t] - at) / 2;
        struct sa__keys fview, pview;
        sa__keys_view(&full, at, vlen, &fview);
        sa__keys_view(&part, at, vlen, &pview);
        for (size_t i = 0; i < npats; i++) {
            if (!in[i]) continue;
            size_t nw = walk_cands(&pre[i], &full, 0, SIZE_MAX, want, max);
            size_t ng = walk_cands(&pre[i], &part, 0, SIZE_MAX, got, max);
            if (!cands_cover(pats[i], c.text[t], c.len[t], want, nw, got, ng, &dropped)) {
                fprintf(stderr, "\"%s\" in text %zu: %zu candidates with all rows, %zu kept\n",
                        pats[i], t, nw, ng);
                ASSERT(0);
            }
            if (ng) ASSERT(sa__prefix_may(&pre[i], &part));
            compared += nw;
            int rc = index_agrees(&pre[i], &part, 0, got, max, &compared);
            ASSERT(rc != 0);
            indexed += rc == 1;
            nw = walk_cands(&pre[i], &fview, 0, SIZE_MAX, want, max);
            ng = walk_cands(&pre[i], &pview, 0, SIZE_MAX, got, max);
            ASSERT(cands_cover(pats[i], c.text[t] + at, vlen, want, nw, got, ng, &dropped));
            if (ng) ASSERT(sa__prefix_may(&pre[i], &pview));
        }
        sa__keys_release(&pview);
        sa__keys_release(&fview);
        sa__keys_release(&part);
        sa__keys_release(&full);
    }
    fprintf(stderr,
            "%zu searches in the set, %zu of %zu rows kept (%zu long texts without an index), "
            "%zu candidates, %zu by index, %zu left out by their first three characters\n",
            inset, kept, rows, copied, compared, indexed, dropped);
    ASSERT(copied > 0);
    ASSERT(texts >= 6);
    ASSERT(compared > 10000);
    ASSERT(indexed > 0);
    ASSERT(kept * 10 < rows * 9); /* the set's keys are smaller */
    for (size_t i = 0; i < npats; i++) {
        sa__prefix_release(&pre[i]);
        free(pats[i]);
    }
    free(pats);
    free(pre);
    free(st);
    free(sealed);
    free(in);
    free(want);
    free(got);
    corpus_free(&c);
}

TEST_MAIN()
