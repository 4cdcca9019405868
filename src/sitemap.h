/* sitemap.xml per sitemaps.org: a <urlset> of <url><loc> entries, or a <sitemapindex> of
 * <sitemap><loc> entries pointing at more sitemaps. Parsed with libxml2 (no network access,
 * no entity expansion); stops after SA_SITEMAP_MAX_URLS entries (the protocol's own cap). */
#ifndef SA_SITEMAP_H
#define SA_SITEMAP_H

#include <stddef.h>

#define SA_SITEMAP_MAX_URLS 50000

/* Calls cb(ud, loc, is_index) for each <loc> (trimmed, entity-decoded, UTF-8). is_index is 1
 * when loc names another sitemap. cb returns 0 to go on, non-zero to stop. Returns SA_OK,
 * SA_EPARSE (not a sitemap: wrong root element or not XML) or SA_ENOMEM. */
int sa__sitemap_parse(const char *xml, size_t len,
                      int (*cb)(void *ud, const char *loc, int is_index), void *ud);

#endif
