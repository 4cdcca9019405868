/* From bytes to a libxml2 DOM: charset detection (BOM, Content-Type, <meta> prescan, then
 * UTF-8 validity, then a single-byte guess), conversion to UTF-8 with iconv (invalid input
 * becomes U+FFFD, never an error), and libxml2's forgiving HTML parser with the network off.
 * Also the DOM helpers the page model and checks share. */
#ifndef SA_HTML_H
#define SA_HTML_H

#include <stddef.h>

#include <libxml/xpath.h>

#include "buf.h"

/* Writes the canonical lower-case charset name ("utf-8", "windows-1251", "koi8-r",
 * "tis-620", "windows-874", "iso-8859-7", "windows-1253", "utf-16le", ...) into buf.
 * Labels are mapped as the WHATWG Encoding standard does (latin1/ascii -> windows-1252,
 * tis-620 -> windows-874 compatible, x-cp1251 -> windows-1251, ...). */
void sa__charset_detect(const char *body, size_t len, const char *content_type, char *buf,
                        size_t n);

/* Converts to UTF-8 (BOM removed, NUL bytes dropped, invalid input replaced by U+FFFD). An
 * unknown charset is decoded as windows-1252. *out is the caller's (sa__free). SA_OK,
 * SA_ENOMEM or SA_ETOOBIG (output over 4x input + 16 MiB). */
int sa__charset_to_utf8(const char *in, size_t len, const char *charset, char **out,
                        size_t *outlen);

/* sa__charset_to_utf8 without a copy when in already is what it gives (UTF-8, valid, without
 * NUL bytes; a BOM skipped): *out then points into in, and *owned is NULL. Otherwise *out is
 * *owned, the caller's (sa__free). A page is nearly always such UTF-8, and its copy was written
 * to memory no cache held (one in twenty of the audit's cache misses on writes). */
int sa__charset_utf8_view(const char *in, size_t len, const char *charset, const char **out,
                          size_t *outlen, char **owned);

/* 1 when the response looks like HTML: Content-Type text/html or application/xhtml+xml, or,
 * when the type is absent/unhelpful (file://, application/octet-stream), the bytes start
 * (after BOM and whitespace) with "<!doctype html", "<html", "<head", "<body" or similar. */
int sa__html_is_html(const char *body, size_t len, const char *content_type);

/* Parses UTF-8 HTML with libxml2 (recover, no network, no errors printed, no depth blow-up).
 * utf8 is valid UTF-8, as sa__charset_to_utf8 gives it. *doc is an xmlDocPtr, read-only, that
 * the caller frees with sa__html_free on this same thread: its memory is this thread's DOM
 * arena (xml_arena.h). SA_OK, SA_EPARSE or SA_ENOMEM. */
int sa__html_parse(const char *utf8, size_t len, const char *url, void **doc);
void sa__html_free(void *doc);

/* sa__html_parse, for the differential tests and fuzz_html that compare its two ways: take == 0
 * has libxml2 read the script and style texts itself; take == 1 reads them first where it can
 * (html_raw.h). *taken (may be NULL): 1 when they were read first. The trees are the same. */
int sa__html_parse_way(const char *utf8, size_t len, const char *url, int take, void **doc,
                       int *taken);

/* The tree sa__html_parse_way(take) builds, as text: one line per node with its kind, name,
 * attributes and content, so two trees compare with memcmp. out is initialised here and
 * released on failure; *taken as above. SA_OK, SA_EPARSE or SA_ENOMEM. */
int sa__html_outline(const char *utf8, size_t len, int take, struct sa_buf *out, int *taken);

/* CSS-like path of an element for evidence: up to 4 ancestors, each "tag#id" or "tag.class"
 * (first class), joined by " > " ("footer > div.contacts > a"). Returns the length written. */
size_t sa__dom_where(const void *node, char *buf, size_t n);

/* libxml2 reports some errors (an allocation failure in xmlStrndup, for one) through per-thread
 * global handlers that print to stderr by default. The library never prints: it swaps in
 * silent handlers while it works and gives the embedding program its own back after. */
struct sa__xml_quiet {
    xmlGenericErrorFunc generic;
    void *generic_ctx;
    xmlStructuredErrorFunc structured;
    void *structured_ctx;
};
void sa__xml_quiet_begin(struct sa__xml_quiet *q);
void sa__xml_quiet_end(const struct sa__xml_quiet *q);

/* XPath over a page's DOM for checks. The context never prints (libxml2's default handler
 * writes XPath errors to stderr; the library never prints); NULL on ENOMEM, free it with
 * xmlXPathFreeContext. Evaluation is kept out of allocation-failure injection: libxml2
 * 2.9.14's xmlXPathEval frees twice when one of its allocations fails (found by
 * tests/unit/test_torture.c), a library bug no caller can work around. */
xmlXPathContext *sa__xpath_context(xmlDoc *doc);
xmlXPathObject *sa__xpath_eval(xmlXPathContext *ctx, const char *expr);
xmlXPathObject *sa__xpath_eval_compiled(xmlXPathContext *ctx, xmlXPathCompExpr *comp);

#endif
