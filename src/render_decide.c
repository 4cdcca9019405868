/* The "auto" render heuristic: reads a page already built from server HTML and says whether
 * its shop may be hidden behind JavaScript (a shell page or a retention gap), and which
 * retention elements a page shows, so the engine can tell what appeared only after rendering.
 * Cheap on purpose: it runs on every page of a site whose decision is still open. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>
#include <libxml/tree.h>

#include "../checks/check_util.h"
#include "html.h"
#include "alloc.h"
#include "render.h"
#include "url.h"

/* Below this much visible text a page is a shell: a real home or product page says more. */
#define LITTLE_TEXT 200

static const char *const element_names[] = {
#define SA__RE_NAME(e, name) name,
    SA_RENDER_ELEMENT_MAP(SA__RE_NAME)
#undef SA__RE_NAME
};

const char *sa__render_element_name(enum sa__render_element e)
{
    return (unsigned)e < SA_RE_LAST ? element_names[e] : "?";
}

static const char *drop_www(const char *h)
{
    return strncasecmp(h, "www.", 4) == 0 ? h + 4 : h;
}

int sa__render_same_site(const char *site_host, const char *host)
{
    const char *a = drop_www(site_host), *b = drop_www(host);
    size_t la = strlen(a), lb = strlen(b);
    if (!la) return 0;
    if (la == lb) return strcasecmp(a, b) == 0;
    /* static.shop.test serves shop.test's bundle; shop.test.evil.example does not */
    return lb > la && b[lb - la - 1] == '.' && strcasecmp(b + lb - la, a) == 0;
}

static void note(struct sa__render_found *f, enum sa__render_element e, const char *where,
                 const char *text, size_t len)
{
    if (f->mask & (1u << e)) return;
    f->mask |= 1u << e;
    snprintf(f->where[e], sizeof f->where[e], "%s", where ? where : "");
    sa__copy_phrase(f->snippet[e], sizeof f->snippet[e], text ? text : "", text ? len : 0);
}

static int find_text(const struct sa_page *p, enum sa_concept c, unsigned regions,
                     struct sa__render_found *f, enum sa__render_element e)
{
    struct sa_hit h;
    if (sa_page_find(p, c, regions, &h) != 1) return 0;
    const struct sa_str *t = &p->text[h.region];
    const char *s = t->ptr + (h.block ? h.block->off : h.off);
    size_t n = h.block ? h.block->len : h.len;
    note(f, e, h.block ? h.block->where : sa_region_name(h.region), s, n);
    return 1;
}

static int find_link(const struct sa_page *p, enum sa_concept c, struct sa__render_found *f,
                     enum sa__render_element e)
{
    const struct sa_link *l = sa__live_link(p, c);
    if (!l) return 0;
    note(f, e, l->where, l->text, strlen(l->text ? l->text : ""));
    return 1;
}

void sa__render_elements(const struct sa_page *p, struct sa__render_found *f)
{
    memset(f, 0, sizeof *f);
    find_link(p, SA_CONCEPT_CART, f, SA_RE_CART);
    find_text(p, SA_CONCEPT_PRICE, SA_REGIONS_ALL, f, SA_RE_PRICE);
    const struct sa_button *b = sa__buy_button(p);
    if (b) note(f, SA_RE_BUY, b->where, b->text, strlen(b->text));
    if (!find_link(p, SA_CONCEPT_CONTACTS, f, SA_RE_CONTACTS))
        find_text(p, SA_CONCEPT_PHONE, SA_REGIONS_ALL, f, SA_RE_CONTACTS);
    if (!find_link(p, SA_CONCEPT_DELIVERY, f, SA_RE_DELIVERY))
        find_text(p, SA_CONCEPT_DELIVERY, SA_REGIONS_ALL, f, SA_RE_DELIVERY);
}

static int blank(const xmlChar *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') return 0;
    return 1;
}

/* A script that runs: no type, a JavaScript type or a module; JSON data blocks do not. */
static int runs(xmlNode *e)
{
    xmlChar *type = xmlGetProp(e, (const xmlChar *)"type");
    int r = !type || !*type || strcasecmp((const char *)type, "module") == 0 ||
            strstr((const char *)type, "javascript") || strstr((const char *)type, "ecmascript");
    xmlFree(type);
    return r;
}

/* A script that could build the page once rendered: inline code, or a src on the page's own
 * host (third-party hosts are blocked while rendering, so their scripts cannot add anything). */
static int own_script(const struct sa_page *p, xmlNode *e, const char *host, int *marker)
{
    xmlChar *id = xmlGetProp(e, (const xmlChar *)"id");
    if (id && strcmp((const char *)id, "__NEXT_DATA__") == 0) *marker = 1;
    xmlFree(id);
    if (!runs(e)) return 0;
    int n = 0;
    xmlChar *src = xmlGetProp(e, (const xmlChar *)"src");
    if (src) {
        char *abs = NULL, shost[256];
        if (sa__url_join(p->url, (const char *)src, &abs) == SA_OK) {
            sa__url_host(abs, shost, sizeof shost);
            /* a static export's scripts are files next to its pages */
            n = strncmp(abs, "file:", 5) == 0 ? strncmp(p->url, "file:", 5) == 0
                                              : sa__render_same_site(host, shost);
        }
        sa__free(abs);
    } else {
        xmlChar *code = xmlNodeGetContent(e);
        if (code && strstr((const char *)code, "__NUXT__")) *marker = 1;
        n = !blank(code);
        xmlFree(code);
    }
    xmlFree(src);
    return n;
}

static int mount_id(const xmlChar *id)
{
    static const char *const ids[] = {"root", "app", "__next", "___gatsby", "__nuxt"};
    for (size_t i = 0; id && i < sizeof ids / sizeof *ids; i++)
        if (strcmp((const char *)id, ids[i]) == 0) return 1;
    return 0;
}

static int empty_node(xmlNode *e)
{
    for (xmlNode *c = e->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE ||
            ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && !blank(c->content)))
            return 0;
    return 1;
}

static int mentions_js(const char *t)
{
    for (; t && *t; t++)
        if (strncasecmp(t, "javascript", 10) == 0) return 1;
    return 0;
}

/* The DOM's signals in one walk, in document order (once four XPath queries, each a walk of
 * its own: more than the whole parse cost on a large page). Iterative, so a hostile depth
 * cannot exhaust the stack. */
static void dom_signals(const struct sa_page *p, struct sa__render_signals *s, char *mount,
                        size_t mlen)
{
    char host[256];
    sa__url_host(p->url, host, sizeof host);
    xmlNode *root = p->dom ? xmlDocGetRootElement(p->dom) : NULL;
    for (xmlNode *n = root; n;) {
        if (n->type == XML_ELEMENT_NODE) {
            const char *name = (const char *)n->name;
            if (strcmp(name, "script") == 0) {
                s->scripts += own_script(p, n, host, &s->framework_marker);
            } else if (strcmp(name, "noscript") == 0 && !s->noscript_js) {
                xmlChar *t = xmlNodeGetContent(n);
                /* "JavaScript" is written so in nearly every language the lexicon covers */
                s->noscript_js = mentions_js((const char *)t);
                xmlFree(t);
            }
            if (!s->framework_marker && xmlHasProp(n, (const xmlChar *)"data-server-rendered"))
                s->framework_marker = 1;
            if (!s->empty_mount && xmlHasProp(n, (const xmlChar *)"id")) {
                xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
                if (mount_id(id) && empty_node(n)) {
                    snprintf(mount, mlen, "%s", (const char *)id);
                    s->empty_mount = 1;
                }
                xmlFree(id);
            }
            if (n->children) {
                n = n->children;
                continue;
            }
        }
        while (n && n != root && !n->next) n = n->parent;
        n = n && n != root ? n->next : NULL;
    }
}

static void add_reason(struct sa__render_signals *s, const char *what)
{
    size_t n = strlen(s->reason);
    snprintf(s->reason + n, sizeof s->reason - n, "%s%s", n ? ", " : "", what);
}

int sa__render_suspect(const struct sa_page *p, struct sa__render_signals *s)
{
    memset(s, 0, sizeof *s);
    size_t text = 0;
    for (int r = 0; r < SA_REGION_LAST; r++) text += p->text[r].len;
    s->little_text = text < LITTLE_TEXT;

    int product_item = 0, offer_item = 0;
    for (size_t i = 0; i < p->nitems; i++) {
        const char *t = p->items[i].type;
        product_item |= strcmp(t, "Product") == 0;
        offer_item |= strcmp(t, "Offer") == 0 || strcmp(t, "AggregateOffer") == 0 ||
                      (strcmp(t, "Product") == 0 && p->items[i].json &&
                       cJSON_GetObjectItemCaseSensitive(p->items[i].json, "offers"));
    }
    /* The retention elements matter only where an offer or a product should show them, and
     * only those the decision reads: sa__render_elements would also look for contacts and
     * delivery terms, which decide nothing here, on every product page of a shop whose
     * decision stays open (a server-rendered one: all of them). */
    struct sa_hit h;
    s->offer_no_price = offer_item && sa_page_find(p, SA_CONCEPT_PRICE, SA_REGIONS_ALL, &h) != 1;
    s->product_no_buy = (p->kind == SA_KIND_PRODUCT || product_item) &&
                        !sa__live_link(p, SA_CONCEPT_CART) && !sa__buy_button(p);

    char mount[32] = "";
    dom_signals(p, s, mount, sizeof mount);

    if (!s->scripts) {
        snprintf(s->reason, sizeof s->reason, "no script of its own: nothing to render");
        return 0;
    }
    char buf[64];
    if (s->empty_mount) {
        snprintf(buf, sizeof buf, "empty #%s", mount);
        add_reason(s, buf);
    }
    if (s->noscript_js) add_reason(s, "<noscript> asks for JavaScript");
    if (s->little_text && (s->empty_mount || s->noscript_js)) add_reason(s, "little visible text");
    if (s->offer_no_price) add_reason(s, "schema.org offer without a visible price");
    if (s->product_no_buy) add_reason(s, "product page without cart link or buy control");
    /* Little text alone is a landing page as often as a shell; with a mount node or a
     * noscript plea it is a shell. A marker (__NEXT_DATA__) alone is server rendering. */
    int yes = s->empty_mount || s->noscript_js || s->offer_no_price || s->product_no_buy;
    if (!yes)
        snprintf(s->reason, sizeof s->reason, "%s",
                 s->framework_marker ? "server-rendered (framework marker with content in HTML)"
                                     : "server HTML shows the shop");
    return yes;
}
