/* Fuzzes lexicon matching (PCRE2, UTF and caseless): the first byte picks a concept, the rest
 * is page text, matched as text (invalid UTF-8 included) and as a URL. */
#include "fuzz.h"
#include "shopaudit/lexicon.h"

static struct sa_lexicon *lex;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!lex) {
        char err[256];
        if (sa_lexicon_new(NULL, &lex, err, sizeof err) != 0) return 0;
    }
    if (size == 0) return 0;
    enum sa_concept c = (enum sa_concept)(data[0] % SA_CONCEPT_LAST);
    (void)sa_lexicon_match(lex, c, (const char *)data + 1, size - 1);
    char *url = fuzz_cstr(data + 1, size - 1);
    if (url) (void)sa_lexicon_url_match(lex, c, url);
    sa__free(url);
    return 0;
}
