/* sitemap.xml (sitemaps.org): streams the document through libxml2's xmlTextReader and hands
 * each <loc> of a <urlset> or <sitemapindex> to the caller. Streaming keeps a 50 MB sitemap from
 * becoming a 500 MB tree; no network, no entity substitution and no DTD loading keep a hostile
 * sitemap from reading local files or expanding a billion laughs; errors are swallowed per
 * reader because the library never prints. */
#include "sitemap.h"

#include <string.h>

#include <libxml/xmlreader.h>

#include "buf.h"
#include "shopaudit/common.h"

/* sitemaps.org caps a URL at 2,048 characters; a <loc> 8 times that is not a URL we want, and
 * the cap keeps one huge text node from growing our buffer. */
#define LOC_MAX_BYTES ((size_t)16 * 1024)

/* Not XML_PARSE_NOENT (entity substitution) and not XML_PARSE_DTDLOAD: entities stay
 * references, which libxml2 also checks for amplification before we see them. */
#define READER_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

struct source {
    const char *p;
    size_t left;
};

/* Feeding the reader through a callback rather than xmlReaderForMemory lets len exceed INT_MAX
 * without a cast that could wrap. */
static int source_read(void *ctx, char *out, int len)
{
    struct source *s = ctx;
    size_t n = len > 0 ? (size_t)len : 0;
    if (n > s->left) n = s->left;
    if (n) memcpy(out, s->p, n);
    s->p += n;
    s->left -= n;
    return (int)n;
}

static int source_close(void *ctx)
{
    (void)ctx;
    return 0;
}

#if LIBXML_VERSION >= 21200
static void swallow_error(void *ud, const xmlError *e)
#else
static void swallow_error(void *ud, xmlErrorPtr e)
#endif
{
    (void)ud;
    (void)e;
}

static void swallow_generic(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static int same_ns(const xmlChar *a, const xmlChar *b)
{
    if (!a || !b) return a == b;
    return xmlStrEqual(a, b);
}

static int is_xml_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

struct walk {
    int is_index;         /* -1 until the root element is seen */
    const xmlChar *ns;    /* root's namespace URI (interned by the reader), may be NULL */
    int in_entry, in_loc; /* inside <url>/<sitemap>, inside its <loc> */
    int loc_bad;          /* loc too long, or holds an entity we did not expand */
    struct sa_buf text;
    size_t delivered;
};

/* Hands the finished <loc> over; 1 when the caller asked to stop or the cap is reached. */
static int deliver(struct walk *w, int (*cb)(void *, const char *, int), void *ud)
{
    if (w->loc_bad || !w->text.ptr) return 0;
    char *s = w->text.ptr, *e = s + w->text.len;
    while (s < e && is_xml_space(*s)) s++;
    while (e > s && is_xml_space(e[-1])) e--;
    if (s == e) return 0;
    *e = '\0';
    w->delivered++;
    if (cb(ud, s, w->is_index) != 0) return 1;
    return w->delivered >= SA_SITEMAP_MAX_URLS;
}

static int on_element(struct walk *w, xmlTextReaderPtr rd, int depth)
{
    const char *name = (const char *)xmlTextReaderConstLocalName(rd);
    const xmlChar *ns = xmlTextReaderConstNamespaceUri(rd);
    int empty = xmlTextReaderIsEmptyElement(rd) == 1;
    if (!name) return SA_ENOMEM;
    if (depth == 0) {
        if (strcmp(name, "urlset") == 0)
            w->is_index = 0;
        else if (strcmp(name, "sitemapindex") == 0)
            w->is_index = 1;
        else
            return SA_EPARSE;
        w->ns = ns;
    } else if (depth == 1) {
        /* Entries and their <loc> must be in the root's namespace: <image:loc> and friends
         * (Google's extensions) name images, not pages. */
        w->in_entry =
            !empty && same_ns(ns, w->ns) && strcmp(name, w->is_index ? "sitemap" : "url") == 0;
    } else if (depth == 2 && w->in_entry && !empty && same_ns(ns, w->ns) &&
               strcmp(name, "loc") == 0) {
        w->in_loc = 1;
        w->loc_bad = 0;
        sa__buf_reset(&w->text);
    }
    return SA_OK;
}

int sa__sitemap_parse(const char *xml, size_t len,
                      int (*cb)(void *ud, const char *loc, int is_index), void *ud)
{
    if (!cb || (!xml && len)) return SA_EINVAL;
    struct source src = {xml, len};
    struct walk w;
    memset(&w, 0, sizeof w);
    w.is_index = -1;
    sa__buf_init(&w.text, LOC_MAX_BYTES);

    /* Errors raised below the parser (the input layer's "encoding error", "I/O error") reach
     * neither NOERROR nor the reader's handler: they go to libxml2's generic handler, which
     * prints. It is per thread in libxml2, so lending it out for this call leaves others be. */
    xmlGenericErrorFunc old_generic = xmlGenericError;
    void *old_generic_ctx = xmlGenericErrorContext;
    xmlStructuredErrorFunc old_structured = xmlStructuredError;
    void *old_structured_ctx = xmlStructuredErrorContext;
    xmlSetGenericErrorFunc(NULL, swallow_generic);
    xmlSetStructuredErrorFunc(NULL, swallow_error);

    int rc = SA_OK, ret = 0;
    xmlTextReaderPtr rd =
        xmlReaderForIO(source_read, source_close, &src, NULL, NULL, READER_OPTIONS);
    if (!rd) {
        rc = SA_ENOMEM;
        goto out;
    }
    xmlTextReaderSetStructuredErrorHandler(rd, swallow_error, NULL);

    while ((ret = xmlTextReaderRead(rd)) == 1) {
        int type = xmlTextReaderNodeType(rd), depth = xmlTextReaderDepth(rd);
        if (type == XML_READER_TYPE_ELEMENT) {
            rc = on_element(&w, rd, depth);
            if (rc != SA_OK) break;
        } else if (!w.in_loc) {
            if (type == XML_READER_TYPE_END_ELEMENT && depth == 1) w.in_entry = 0;
        } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                   type == XML_READER_TYPE_WHITESPACE ||
                   type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
            const char *v = (const char *)xmlTextReaderConstValue(rd);
            if (!w.loc_bad && v) {
                int brc = sa__buf_append(&w.text, v, strlen(v));
                w.loc_bad = brc == SA_ETOOBIG; /* an overlong <loc> is skipped, not an error */
                if (brc != SA_OK && brc != SA_ETOOBIG) {
                    rc = SA_ENOMEM;
                    break;
                }
            }
        } else if (type == XML_READER_TYPE_ENTITY_REFERENCE) {
            w.loc_bad = 1; /* half a URL is worse than none */
        } else if (type == XML_READER_TYPE_END_ELEMENT && depth == 2) {
            w.in_loc = 0;
            if (deliver(&w, cb, ud)) break; /* stop requested or cap reached: SA_OK */
        }
    }
    if (rc == SA_OK && ret < 0) rc = SA_EPARSE;
    if (rc == SA_OK && w.is_index < 0) rc = SA_EPARSE; /* no root element at all */

    xmlFreeTextReader(rd);
out:
    xmlSetStructuredErrorFunc(old_structured_ctx, old_structured);
    xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
    sa__buf_release(&w.text);
    return rc;
}
