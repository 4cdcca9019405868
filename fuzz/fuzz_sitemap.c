/* Fuzzes the sitemap parser (libxml2, no network, no entities): the input is the XML file; the
 * callback only checks that every <loc> it gets is a C string. */
#include <string.h>

#include "fuzz.h"
#include "sitemap.h"

static int on_loc(void *ud, const char *loc, int is_index)
{
    size_t *count = ud;
    *count += strlen(loc) + (size_t)(is_index != 0);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t count = 0;
    (void)sa__sitemap_parse((const char *)data, size, on_loc, &count);
    return 0;
}
