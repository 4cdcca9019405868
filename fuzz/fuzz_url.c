/* Fuzzes URL parsing, resolution and normalisation: the first line is a base URL, the rest a
 * reference as found in an href. Every public step of src/url.c runs on both, and the
 * normaliser must be idempotent: normalising its own output gives the same string. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "url.h"

static void one(const char *s)
{
    struct sa_url u;
    (void)sa__url_split(s, strlen(s), &u);
    char buf[2048];
    (void)sa__url_site_key(s, buf, sizeof buf);
    (void)sa__url_host(s, buf, sizeof buf);
    (void)sa__url_path_query(s, buf, sizeof buf);
    (void)sa__url_is_fetchable(s);
    char *n = NULL;
    if (sa__url_normalize(s, &n) == 0) {
        char *n2 = NULL;
        if (sa__url_normalize(n, &n2) == 0 && strcmp(n, n2) != 0) abort(); /* not idempotent */
        sa__free(n2);
    }
    sa__free(n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t base_len, ref_len;
    const uint8_t *ref;
    fuzz_split(data, size, &base_len, &ref, &ref_len);
    char *base = fuzz_cstr(data, base_len);
    char *r = fuzz_cstr(ref, ref_len);
    if (base && r) {
        one(base);
        one(r);
        char *out = NULL;
        if (sa__url_resolve(base, r, &out) == 0) one(out);
        sa__free(out);
        out = NULL;
        if (sa__url_join(base, r, &out) == 0) {
            one(out);
            (void)sa__url_in_scope(base, out);
        }
        sa__free(out);
        (void)sa__url_in_scope(base, r);
    }
    sa__free(base);
    sa__free(r);
    return 0;
}
