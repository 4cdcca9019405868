/* Building and freeing a struct sa_page from a fetched response: the engine's side of the page
 * model (include/shopaudit/page.h is the checks' side). */
#ifndef SA_PAGE_BUILD_H
#define SA_PAGE_BUILD_H

#include <stddef.h>

#include "shopaudit/page.h"

struct sa_fetch_info {
    const char *url;           /* final URL, normalised */
    const char *requested_url; /* as queued */
    const char *site_root; /* the audit's start URL: decides which script hosts are third-party */
    int status;
    const char *content_type;     /* header value, or NULL */
    const char *content_language; /* header value, or NULL */
    unsigned ms, depth;
    int truncated;
};

/* Detects the charset, converts, parses and distils the page. *out is the caller's:
 * sa__page_free. SA_OK, SA_ENOMEM, SA_EPARSE or SA_ETOOBIG, with a reason in err. */
int sa__page_build(const char *body, size_t len, const struct sa_fetch_info *fi,
                   const struct sa_lexicon *lex, struct sa_page **out, char *err, size_t errlen);
/* Frees the DOM early (after the checks observed the page); page->dom becomes NULL. */
void sa__page_drop_dom(struct sa_page *p);
/* Frees everything, DOM included. NULL is fine. */
void sa__page_free(struct sa_page *p);

#endif
