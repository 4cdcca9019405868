/* Fuzzes the robots.txt parser (RFC 9309) and its matcher: the whole input is the file; a few
 * paths, wildcards and the crawl delay are then asked of the parsed rules. */
#include "fuzz.h"
#include "robots.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sa_robots *r = NULL;
    if (sa__robots_parse((const char *)data, size, "shopaudit", &r) != 0) return 0;
    static const char *const paths[] = {"/",      "/private/", "/a/b?c=d", "/%7Euser/x.html",
                                        "/cart$", "/*/x",      ""};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
        (void)sa__robots_allowed(r, paths[i]);
    (void)sa__robots_crawl_delay_ms(r);
    size_t n = 0;
    (void)sa__robots_sitemaps(r, &n);
    sa__robots_free(r);
    return 0;
}
