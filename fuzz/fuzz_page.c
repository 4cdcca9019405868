/* Fuzzes the page model end to end: the first line is the Content-Type header, the rest the
 * body, through charset detection, conversion, libxml2 parsing and every extractor of
 * sa__page_build, then the DOM is dropped and the page freed as the crawler does. */
#include <string.h>

#include "fuzz.h"
#include "page_build.h"
#include "shopaudit/lexicon.h"

static struct sa_lexicon *lex;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_route();
    if (!lex) {
        char err[256];
        if (sa_lexicon_new(NULL, &lex, err, sizeof err) != 0) return 0;
    }
    size_t ct_len, body_len;
    const uint8_t *body;
    fuzz_split(data, size, &ct_len, &body, &body_len);
    char *ct = fuzz_cstr(data, ct_len);
    if (!ct) return 0;
    struct sa_fetch_info fi = {
        .url = "http://shop.test/a/page.html",
        .requested_url = "http://shop.test/a/page.html",
        .site_root = "http://shop.test/",
        .status = 200,
        .content_type = ct_len ? ct : NULL,
    };
    struct sa_page *page = NULL;
    char why[256];
    if (sa__page_build((const char *)body, body_len, &fi, lex, &page, why, sizeof why) == 0) {
        sa__page_drop_dom(page);
        sa__page_free(page);
    }
    sa__free(ct);
    return 0;
}
