/* Fuzzes lexicon matching (PCRE2, UTF and caseless): the first byte picks a concept, the rest
 * is page text, matched as text (invalid UTF-8 included) and as a URL. It is also a
 * differential test of the prefilter (src/lexicon_prefix.c): every match of the concept in the
 * text, and in each of its lines, is found with the prefilter on and off, and any difference
 * aborts. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lexicon_page.h"
#include "shopaudit/lexicon.h"

static struct sa_lexicon *lex;

#define MAX_MATCHES 256

/* Every match of c in t[b..e), appended to out[k..); offsets in t. */
static size_t walk_one(enum sa_concept c, const char *t, size_t b, size_t e, struct sa_match *out,
                       size_t k)
{
    for (size_t at = 0; at <= e - b && k < MAX_MATCHES;) {
        struct sa_match m;
        if (sa_lexicon_find_from(lex, c, t + b, e - b, at, &m) != 1) break;
        at = m.off + (m.len ? m.len : 1);
        m.off += b;
        out[k++] = m;
    }
    return k;
}

/* Every match of c in the whole text, then in each of its lines, as the checks walk regions
 * and blocks. */
static size_t walk(enum sa_concept c, const char *t, size_t n, struct sa_match *out)
{
    size_t k = walk_one(c, t, 0, n, out, 0);
    for (size_t b = 0; b < n;) {
        const char *nl = memchr(t + b, '\n', n - b);
        size_t e = nl ? (size_t)(nl - t) : n;
        k = walk_one(c, t, b, e, out, k);
        if (!nl) break;
        b = e + 1;
    }
    return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!lex) {
        char err[256];
        if (sa_lexicon_new(NULL, &lex, err, sizeof err) != 0) return 0;
    }
    if (size == 0) return 0;
    enum sa_concept c = (enum sa_concept)(data[0] % SA_CONCEPT_LAST);
    const char *text = (const char *)data + 1;
    size_t n = size - 1;
    (void)sa_lexicon_match(lex, c, text, n);
    char *url = fuzz_cstr(data + 1, n);
    if (url) (void)sa_lexicon_url_match(lex, c, url);
    sa__free(url);

    static struct sa_match on[MAX_MATCHES], off[MAX_MATCHES];
    struct sa_str scope = {text, n};
    size_t k[2];
    for (int pass = 0; pass < 2; pass++) {
        int page;
        sa__lexicon_set_prefilter(lex, pass == 0);
        sa__lexicon_page_begin(lex, &page, &scope, 1);
        k[pass] = walk(c, text, n, pass == 0 ? on : off);
        sa__lexicon_page_end(lex, &page);
    }
    sa__lexicon_set_prefilter(lex, 1);
    if (k[0] != k[1]) abort();
    for (size_t i = 0; i < k[0]; i++)
        if (on[i].off != off[i].off || on[i].len != off[i].len || strcmp(on[i].lang, off[i].lang))
            abort();
    return 0;
}
