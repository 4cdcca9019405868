/* cart_visible: can a buyer reach the cart from the header of every page that sells?
 * About 17% of online shops show no sign of "shopping" at all, and some are pseudo-shops where
 * a visitor can only leave a request (RETENTION_CRITERIA.md, stage 2). Cart and checkout pages
 * themselves are not counted: a focused checkout may rightly hide the header. A cart that is
 * only inside a folded menu (a hamburger, a dropdown, an off-canvas panel, a closed <details>)
 * is in the header's markup but not in sight: it gets the half credit of a footer cart. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "check_util.h"
#include "html.h"

struct state {
    size_t pages, in_header, in_menu, elsewhere, selling;
    struct sa_evidence_list good, bad, sells;
};

/* ---- folded menus, read from the DOM ---- */

/* Class tokens of menus that stay closed until a visitor opens them (Bootstrap, WordPress,
 * Shopify and OpenCart themes). */
static const char *const folded_classes[] = {
    "dropdown-menu",   "dropdown-content", "sub-menu",       "submenu",        "offcanvas",
    "offcanvas-start", "offcanvas-end",    "offcanvas-body", "off-canvas",     "mobile-menu",
    "mobile-nav",      "drawer",           "menu-drawer",    "hamburger-menu", NULL};

static int class_token(const xmlNode *e, const char *tok, int prefix)
{
    xmlChar *v = xmlGetProp(e, (const xmlChar *)"class");
    int found = 0;
    size_t k = strlen(tok);
    for (const char *s = (const char *)v; s && *s && !found;) {
        while (*s == ' ' || *s == '\t' || *s == '\n') s++;
        size_t n = strcspn(s, " \t\n");
        found = n && (prefix ? n >= k : n == k) && strncasecmp(s, tok, k) == 0;
        s += n;
    }
    xmlFree(v);
    return found;
}

static int attr_is(const xmlNode *e, const char *name, const char *value)
{
    xmlChar *v = xmlGetProp(e, (const xmlChar *)name);
    int r = v && strcasecmp((const char *)v, value) == 0;
    xmlFree(v);
    return r;
}

/* The closed toggles of a page (elements with aria-expanded="false" and aria-controls), looked
 * up only when a fold test gets to an id: a query over every element of the DOM, which most
 * cart links never need. */
struct toggles {
    xmlDoc *doc;
    xmlXPathContext *ctx;
    xmlXPathObject *set;
    int done;
};

static xmlXPathObject *toggles_get(struct toggles *t)
{
    if (!t->done) {
        t->done = 1;
        t->ctx = sa__xpath_context(t->doc);
        t->set =
            t->ctx ? sa__xpath_eval(t->ctx, "//*[@aria-expanded='false'][@aria-controls]") : NULL;
    }
    return t->set;
}

static void toggles_release(struct toggles *t)
{
    xmlXPathFreeObject(t->set);
    xmlXPathFreeContext(t->ctx);
}

/* 1 when some element with aria-expanded="false" names id in its aria-controls: the toggle of
 * a closed menu. */
static int controlled_closed(struct toggles *tg, const char *id)
{
    xmlXPathObject *toggles = toggles_get(tg);
    size_t k = strlen(id);
    for (int i = 0; toggles && toggles->nodesetval && i < toggles->nodesetval->nodeNr; i++) {
        xmlChar *v = xmlGetProp(toggles->nodesetval->nodeTab[i], (const xmlChar *)"aria-controls");
        int found = 0;
        for (const char *s = (const char *)v; s && *s && !found;) {
            while (*s == ' ') s++;
            size_t n = strcspn(s, " ");
            found = n == k && strncmp(s, id, k) == 0;
            s += n;
        }
        xmlFree(v);
        if (found) return 1;
    }
    return 0;
}

/* 1 when element e sits inside a menu that is closed until opened: a <details> without open
 * (its <summary> stays visible), a folded-menu class (Bootstrap's "collapse" unless shown or
 * inside a navbar that expands on wide screens), an ancestor marked aria-expanded="false", or
 * one that a closed toggle controls (aria-controls) or follows (the toggle button right
 * before the menu). The element's own aria-expanded is its own dropdown (a mini-cart), not a
 * fold. */
static int folded(const xmlNode *e, struct toggles *toggles)
{
    const xmlNode *child = e;
    for (const xmlNode *a = e->parent; a && a->type == XML_ELEMENT_NODE; child = a, a = a->parent) {
        const char *tag = (const char *)a->name;
        if (strcasecmp(tag, "body") == 0) break;
        if (strcasecmp(tag, "details") == 0 && !xmlHasProp(a, (const xmlChar *)"open") &&
            strcasecmp((const char *)child->name, "summary") != 0)
            return 1;
        if (class_token(a, "collapse", 0)) {
            /* Bootstrap: shown, or a navbar that lays the menu out flat on wide screens,
             * whatever its toggle says (the toggle only works on phones) */
            int open = class_token(a, "show", 0) || class_token(a, "in", 0);
            for (const xmlNode *u = a->parent; !open && u && u->type == XML_ELEMENT_NODE;
                 u = u->parent)
                open = class_token(u, "navbar-expand", 1);
            if (open) continue;
            return 1;
        }
        for (size_t i = 0; folded_classes[i]; i++)
            if (class_token(a, folded_classes[i], 0)) return 1;
        if (attr_is(a, "aria-expanded", "false")) return 1;
        const xmlNode *prev = a->prev;
        while (prev && prev->type != XML_ELEMENT_NODE) prev = prev->prev;
        if (prev && attr_is(prev, "aria-expanded", "false") &&
            !xmlHasProp(prev, (const xmlChar *)"aria-controls"))
            return 1;
        xmlChar *id = xmlGetProp(a, (const xmlChar *)"id");
        int closed = id && *id && controlled_closed(toggles, (const char *)id);
        xmlFree(id);
        if (closed) return 1;
    }
    return 0;
}

/* The node after e in document order, descending into elements only (as dom walks elsewhere):
 * iterative, so a hostile depth cannot exhaust the stack. */
static xmlNode *next_element(xmlNode *e)
{
    if (e->type == XML_ELEMENT_NODE && e->children) return e->children;
    while (!e->next) {
        e = e->parent;
        if (!e || e->type != XML_ELEMENT_NODE) return NULL; /* back at the document */
    }
    return e->next;
}

/* An attribute named name in no namespace, as XPath's @name selects it. */
static int has_attr(const xmlNode *e, const char *name)
{
    for (const xmlAttr *a = e->properties; a; a = a->next)
        if (!a->ns && strcmp((const char *)a->name, name) == 0) return 1;
    return 0;
}

/* What "//a[@href]" (links) or "//a | //button | //input" selects. */
static int control_node(const xmlNode *e, int links)
{
    if (e->type != XML_ELEMENT_NODE || e->ns) return 0;
    const char *n = (const char *)e->name;
    if (strcmp(n, "a") == 0) return !links || has_attr(e, "href");
    return !links && (strcmp(n, "button") == 0 || strcmp(n, "input") == 0);
}

/* 1 when the control at where (a link with this href, or any control when href is NULL) is
 * inside a folded menu. The page model keeps paths, not nodes: the node is found again by its
 * path. */
static int control_folded(const struct sa_page *p, const char *where, const char *href)
{
    xmlDoc *doc = p->dom;
    if (!doc || !where || !*where) return 0;
    int r = 0;
    struct toggles toggles = {.doc = doc};
    /* The elements "//a[@href]" (or "//a | //button | //input") would select, in document
     * order, walked by hand up to the first one at where: the XPath query built the whole
     * node set first, a third of this check's time. */
    for (xmlNode *e = doc->children; e; e = next_element(e)) {
        if (!control_node(e, href != NULL)) continue;
        if (href) {
            xmlChar *h = xmlGetProp(e, (const xmlChar *)"href");
            const char *hs = (const char *)h;
            while (hs && (*hs == ' ' || *hs == '\t' || *hs == '\n')) hs++;
            int same = hs && strncmp(hs, href, strlen(href)) == 0;
            xmlFree(h);
            if (!same) continue;
        }
        char w[512];
        sa__dom_where(e, w, sizeof w);
        if (strcmp(w, where) != 0) continue;
        r = folded(e, &toggles);
        break;
    }
    toggles_release(&toggles);
    return r;
}

/* ---- the cart control ---- */

enum rank { NONE, LOWER, MENU, HEADER }; /* better ranks win */

struct cart {
    const char *where, *label;
    enum sa_region region;
    enum rank rank;
};

static int take(struct cart *c, enum rank r, const char *where, const char *label,
                enum sa_region region)
{
    if (r > c->rank) {
        c->where = where;
        c->label = label;
        c->region = region;
        c->rank = r;
    }
    return r == HEADER;
}

/* The cart control on the page: a link or button naming the cart, but not an "Add to cart"
 * control, which names the cart too. One in sight in the header/navigation is preferred, then
 * one folded into a header menu, then one lower down. */
static void find_cart(const struct sa_page *p, struct cart *c)
{
    for (size_t i = 0; i < p->nlinks; i++) {
        const struct sa_link *l = &p->links[i];
        if (!sa__link_is(p, l, SA_CONCEPT_CART) || sa__link_is(p, l, SA_CONCEPT_BUY)) continue;
        int top = l->region == SA_REGION_HEADER || l->region == SA_REGION_NAV;
        enum rank r = !top ? LOWER : control_folded(p, l->where, l->href) ? MENU : HEADER;
        if (take(c, r, l->where, l->text && *l->text ? l->text : l->href, l->region)) return;
    }
    for (size_t i = 0; i < p->nbuttons; i++) {
        const struct sa_button *b = &p->buttons[i];
        if (!sa__button_is(p, b, SA_CONCEPT_CART) || sa__button_is(p, b, SA_CONCEPT_BUY)) continue;
        int top = b->region == SA_REGION_HEADER || b->region == SA_REGION_NAV;
        enum rank r = !top ? LOWER : control_folded(p, b->where, NULL) ? MENU : HEADER;
        if (take(c, r, b->where, b->text, b->region)) return;
    }
}

static void observe(void *vs, const struct sa_page *p)
{
    struct state *st = vs;
    if (sa__page_sells(p)) {
        st->selling++;
        const char *w = NULL, *label = sa__request_quote_label(p, &w);
        const struct sa_button *b = sa__buy_button(p);
        if (b)
            sa_evidence_add(&st->sells, p->url, b->where, b->text);
        else if (label)
            sa_evidence_add(&st->sells, p->url, w, label);
        else
            sa_evidence_add(&st->sells, p->url, "page", sa_kind_name(p->kind));
    }
    if (p->kind == SA_KIND_CART || p->kind == SA_KIND_CHECKOUT) return;
    st->pages++;
    struct cart c = {0};
    find_cart(p, &c);
    char msg[200];
    if (c.rank == NONE) {
        sa_evidence_add(&st->bad, p->url, "header", "no cart link or button on this page");
    } else if (c.rank == HEADER) {
        st->in_header++;
        sa_evidence_add(&st->good, p->url, c.where, c.label);
    } else if (c.rank == MENU) {
        st->in_menu++;
        snprintf(msg, sizeof msg, "cart only inside a collapsed menu: %.120s",
                 c.label ? c.label : "");
        sa_evidence_add(&st->bad, p->url, c.where, msg);
    } else {
        st->elsewhere++;
        snprintf(msg, sizeof msg, "cart only in the %s, not in the header: %.120s",
                 c.region == SA_REGION_FOOTER ? "footer" : "page body", c.label ? c.label : "");
        sa_evidence_add(&st->bad, p->url, c.where, msg);
    }
}

static void finish(void *vs, const struct sa_site *site, struct sa_verdict *out)
{
    struct state *st = vs;
    (void)site;
    size_t n = st->pages;
    size_t half = st->elsewhere + st->in_menu; /* cart there, but not in sight at the top */
    if (n == 0 || (st->in_header + half == 0 && st->selling == 0)) {
        sa_verdict_set(out, SA_STATUS_NOT_APPLICABLE, 0,
                       "No goods and no cart were found on the %zu page(s) audited.", n);
        sa_verdict_recommend(out, "%s", "");
        sa_evidence_move(&out->evidence, &st->bad);
    } else if (st->in_header * 10 >= n * 9) {
        sa_verdict_set(out, SA_STATUS_PASS, 1, "The cart is in the header of %zu of %zu pages.",
                       st->in_header, n);
        sa_verdict_recommend(out, "%s", "");
        sa_evidence_move(&out->evidence, &st->good);
        sa_evidence_move(&out->evidence, &st->bad);
    } else if (st->in_header + half > 0) {
        /* half credit for a cart a buyer has to scroll to or unfold a menu for */
        double score = ((double)st->in_header + 0.5 * (double)half) / (double)n;
        if (score > 0.9) score = 0.9;
        if (score < 0.1) score = 0.1;
        char more[120];
        if (st->in_menu && st->elsewhere)
            snprintf(more, sizeof more,
                     "%zu more show it only inside a collapsed menu, %zu lower down", st->in_menu,
                     st->elsewhere);
        else if (st->in_menu)
            snprintf(more, sizeof more, "%zu more show it only inside a collapsed menu",
                     st->in_menu);
        else
            snprintf(more, sizeof more, "%zu more show it lower down", st->elsewhere);
        sa_verdict_set(out, SA_STATUS_PARTIAL, score,
                       "The cart is in the header of only %zu of %zu pages (%s).", st->in_header, n,
                       more);
        sa_verdict_recommend(out, "Put a cart link with its item count in the header of every "
                                  "page, next to the search and account links and outside any "
                                  "folded or hamburger menu, so a buyer can always see what "
                                  "they picked and get to checkout in one click.");
        sa_evidence_move(&out->evidence, &st->bad);
        sa_evidence_move(&out->evidence, &st->good);
    } else {
        sa_verdict_set(out, SA_STATUS_FAIL, 0,
                       "The site shows goods on %zu page(s) but has no cart anywhere.",
                       st->selling);
        sa_verdict_recommend(out, "Add a real cart: an \"Add to cart\" control on every product "
                                  "and a cart link in the header. About 17%% of online shops "
                                  "show no sign of shopping at all, and visitors leave them.");
        sa_evidence_move(&out->evidence, &st->sells);
        sa_evidence_move(&out->evidence, &st->bad);
    }
    sa_evidence_release(&st->good);
    sa_evidence_release(&st->bad);
    sa_evidence_release(&st->sells);
}

const struct sa_check sa_check_cart_visible = {
    .id = "cart_visible",
    .title = "Cart visible on every page",
    .category = "buying",
    /* RETENTION_CRITERIA.md: ease of ordering sends 24% of shoppers to a competitor, and 17%
     * of shops show no sign of shopping; one of six buying checks, shared equally with CTA. */
    .weight = 0.20,
    .state_size = sizeof(struct state),
    .observe = observe,
    .finish = finish,
};
