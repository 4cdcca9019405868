/* URLs: RFC 3986 parsing, reference resolution (section 5) and the normalisation that keeps a
 * site from being crawled twice (case, default ports, dot segments, percent-encoding,
 * fragments, tracking parameters, session ids). Scope: one site is the start URL's host, with
 * "www." and the http/https variants treated as one; for file:// URLs, the start folder. */
#ifndef SA_URL_H
#define SA_URL_H

#include <stddef.h>

#include "shopaudit/common.h"

/* Components of an absolute or relative URL, as slices into the caller's string. A component
 * that is absent has ptr == NULL; present but empty has ptr != NULL and len 0. */
struct sa_url {
    struct sa_str scheme, userinfo, host, port, path, query, fragment;
    int has_authority; /* "//" was present */
};

/* Splits s[0..len) per RFC 3986 appendix B. Returns SA_OK or SA_EURL (control characters or
 * spaces in the authority, bad port, unbalanced IPv6 brackets). Leading/trailing whitespace
 * must be trimmed by the caller. */
int sa__url_split(const char *s, size_t len, struct sa_url *u);

/* Resolves ref against the absolute base (RFC 3986 5.2, strict) without normalising.
 * *out is the caller's (sa__free). SA_OK, SA_EURL or SA_ENOMEM. */
int sa__url_resolve(const char *base, const char *ref, char **out);

/* Normalises an absolute http(s) or file URL: scheme and host lower-case, default port
 * dropped, empty path -> "/", dot segments removed, percent-encoding hex upper-cased and
 * unreserved characters decoded, characters that must be escaped escaped (UTF-8 kept as
 * %XX), fragment dropped, tracking parameters (utm_*, gclid, fbclid, yclid, msclkid, _ga,
 * mc_cid, mc_eid) and session ids (PHPSESSID, jsessionid, sid, sessionid, session_id, and
 * ";jsessionid=..." path parameters) removed; a query left empty loses its "?". Other
 * parameters keep their order. SA_OK, SA_EURL (not absolute, or another scheme) or SA_ENOMEM. */
int sa__url_normalize(const char *url, char **out);

/* resolve + normalise in one step: what the crawler does with every href. Trims the ASCII
 * whitespace around ref and removes tabs/newlines inside it, as browsers do. */
int sa__url_join(const char *base, const char *ref, char **out);
/* What of base a join reads, so that joins can be kept by (that part of base, ref) exactly.
 * A reference with a path of its own (or a scheme, or an authority) reads the base's scheme,
 * authority and directory, up to the last '/' of its path (RFC 3986 5.2.2): sa__url_join_dir
 * is the length of that prefix, 0 when base cannot be joined (every join fails). One without
 * ("", "?q", "#f": sa__url_join_reads_all) reads all of base. */
size_t sa__url_join_dir(const char *base);
int sa__url_join_reads_all(const char *ref);

/* Site key for scope: the host lower-case without a leading "www.", for http(s); for file
 * URLs, "file:" followed by the directory path of the URL (up to its last '/'). */
int sa__url_site_key(const char *url, char *buf, size_t n);

/* 1 if url belongs to the site that starts at root (same host ignoring "www." and scheme; for
 * file:// URLs, under root's folder), else 0. */
int sa__url_in_scope(const char *root, const char *url);

/* The host of an absolute URL into buf (lower-case), SA_OK or SA_EURL. */
int sa__url_host(const char *url, char *buf, size_t n);

/* 1 for http://, https:// or file:// (case-insensitive), else 0. */
int sa__url_is_fetchable(const char *url);

/* Path plus query of an absolute URL ("/a/b?x=1"), for robots.txt matching; "/" if empty. */
int sa__url_path_query(const char *url, char *buf, size_t n);

#endif
