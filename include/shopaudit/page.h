/* The page model: what one fetched HTML page says, distilled from its DOM once so that every
 * check reads the same facts. All strings are UTF-8 (whatever the page was sent in), live in
 * the page's arena and are valid until the page is freed, which the engine does right after the
 * checks have observed it: a check copies what it keeps (sa_evidence_add copies). */
#ifndef SHOPAUDIT_PAGE_H
#define SHOPAUDIT_PAGE_H

#include <stddef.h>

#include "shopaudit/common.h"
#include "shopaudit/lexicon.h"

struct cJSON;

/* Regions of a page. Content outside header, nav, aside and footer counts as main. */
#define SA_REGION_MAP(X)                                                                           \
    X(HEADER, "header") X(NAV, "nav") X(MAIN, "main") X(ASIDE, "aside") X(FOOTER, "footer")

enum sa_region {
#define SA__REGION_ENUM(e, name) SA_REGION_##e,
    SA_REGION_MAP(SA__REGION_ENUM)
#undef SA__REGION_ENUM
        SA_REGION_LAST
};
#define SA_REGION_BIT(r) (1u << (r))
#define SA_REGIONS_ALL   ((1u << SA_REGION_LAST) - 1)

#define SA_KIND_MAP(X)                                                                             \
    X(HOME, "home")                                                                                \
    X(PRODUCT, "product")                                                                          \
    X(CATEGORY, "category")                                                                        \
    X(CART, "cart")                                                                                \
    X(CHECKOUT, "checkout")                                                                        \
    X(CONTACT, "contact")                                                                          \
    X(DELIVERY, "delivery")                                                                        \
    X(RETURNS, "returns")                                                                          \
    X(ABOUT, "about")                                                                              \
    X(PROMO, "promo")                                                                              \
    X(OTHER, "other")

enum sa_page_kind {
#define SA__KIND_ENUM(e, name) SA_KIND_##e,
    SA_KIND_MAP(SA__KIND_ENUM)
#undef SA__KIND_ENUM
        SA_KIND_LAST
};

const char *sa_region_name(enum sa_region r);
const char *sa_kind_name(enum sa_page_kind k);

/* A run of visible text: one block-level element's own text (inline descendants included,
 * nested blocks excluded), whitespace collapsed. Its bytes are page->text[region] at
 * [off, off+len): blocks of one region are joined there with '\n'. */
enum {
    SA_BLOCK_SMALL = 1u << 0,   /* <small>, <sup>, <sub> or an inline font-size below 12px */
    SA_BLOCK_HEADING = 1u << 1, /* h1..h6 */
    SA_BLOCK_LINK = 1u << 2,    /* the block is a link's text */
    SA_BLOCK_BUTTON = 1u << 3,  /* the block is a button's text */
    SA_BLOCK_STRIKE = 1u << 4,  /* <del>, <s>, <strike> or an inline line-through: a "was" price */
};
struct sa_block {
    size_t off, len;
    enum sa_region region;
    unsigned flags;
    const char *where; /* CSS-like path: "footer > div.contacts > p" */
    /* The tooltip over the text: the title attribute of the first element in the run that has
     * one, itself or inherited from an ancestor; NULL when none. */
    const char *title;
};

enum {
    SA_LINK_NOFOLLOW = 1u << 0, /* rel=nofollow */
    SA_LINK_BUTTON = 1u << 1,   /* role=button or a class naming a button ("btn", "button") */
    SA_LINK_ICON = 1u << 2,     /* no visible text: named by aria-label, title or an image alt */
    SA_LINK_DEAD = 1u << 3,     /* href is empty, "#" or javascript: */
    SA_LINK_HIDDEN = 1u << 4,   /* inside a hidden element: not shown, but the crawler follows it */
};
struct sa_link {
    const char *href; /* as written */
    const char *url;  /* absolute and normalised; NULL unless http(s) or file */
    const char *text; /* visible text, else aria-label, title or the alt of an image inside */
    const char *rel;  /* "" when absent */
    const char *where;
    enum sa_region region;
    unsigned flags;
};

enum sa_button_kind { SA_BUTTON_BUTTON, SA_BUTTON_SUBMIT, SA_BUTTON_LINK };
struct sa_button {
    const char *text; /* visible text, else value, aria-label or title */
    const char *where;
    enum sa_region region;
    enum sa_button_kind kind;
    int form;     /* index into page->forms, or -1 */
    int disabled; /* disabled attribute or aria-disabled=true */
};

struct sa_field {
    const char *tag;   /* input, select, textarea */
    const char *type;  /* lower-case; "text" when absent */
    const char *name;  /* "" when absent */
    const char *label; /* <label>, placeholder, aria-label or title; "" when none */
    int required;
};
struct sa_form {
    const char *action; /* absolute; the page URL when absent */
    const char *method; /* lower-case; "get" when absent */
    const char *where;
    enum sa_region region;
    struct sa_field *fields;
    size_t nfields;
};

struct sa_image {
    const char *src; /* absolute when resolvable, else as written */
    const char *alt; /* NULL when the attribute is absent, "" when empty */
    const char *where;
    enum sa_region region;
};

struct sa_meta {
    const char *name; /* lower-case name, property or http-equiv */
    const char *content;
};

/* One schema.org item: a JSON-LD object with an @type (top level or in @graph), or a
 * microdata itemscope converted to the same JSON-LD shape ({"@type": ..., prop: value}). */
struct sa_item {
    const char *type;         /* "Product", without "https://schema.org/" */
    const struct cJSON *json; /* the object; owned by the page */
    const char *source;       /* "json-ld" or "microdata" */
};

struct sa_page {
    const char *url;           /* final URL, after redirects, normalised */
    const char *requested_url; /* what the crawler asked for */
    int status;                /* HTTP status; 200 for file:// */
    const char *content_type;  /* as sent, "" when absent */
    const char *charset; /* the charset the bytes were decoded from: "utf-8", "windows-1251" */
    const char *lang;    /* primary language subtag, lower-case ("en", "th"); "" if unknown */
    enum sa_page_kind kind;
    const char *title;     /* "" when absent */
    const char *h1;        /* first h1's text; "" when absent */
    const char *canonical; /* absolute; "" when absent */
    size_t bytes;          /* decoded body size */
    unsigned ms;           /* fetch time */
    unsigned depth;        /* link hops from the start URL */
    int truncated;         /* the body hit --max-bytes */

    struct sa_str text[SA_REGION_LAST]; /* visible text per region, blocks joined by '\n' */
    struct sa_block *blocks;
    size_t nblocks;
    struct sa_link *links;
    size_t nlinks;
    struct sa_form *forms;
    size_t nforms;
    struct sa_button *buttons;
    size_t nbuttons;
    struct sa_image *images;
    size_t nimages;
    struct sa_meta *metas;
    size_t nmetas;
    struct sa_item *items;
    size_t nitems;
    const char **script_hosts; /* distinct hosts of <script src> outside the site */
    size_t nscript_hosts;

    const struct sa_lexicon *lex; /* for checks; borrowed from the audit */
    void *dom;                    /* libxml2 xmlDocPtr; valid only while checks observe */
    void *priv;                   /* the page's arena and JSON; engine-owned */
};

/* Value of the first <meta> with that (lower-case) name or property, or NULL. */
const char *sa_page_meta(const struct sa_page *p, const char *name);

/* Where a concept was found in a page's visible text. */
struct sa_hit {
    enum sa_region region;
    const struct sa_block *block; /* the block holding the match */
    size_t off, len;              /* in page->text[region] */
    const char *lang;
};
/* Searches the visible text of the regions in region_mask, in region order, for concept c.
 * Returns 1 and fills *hit, 0 when not found, or SA_ENOMEM. */
int sa_page_find(const struct sa_page *p, enum sa_concept c, unsigned region_mask,
                 struct sa_hit *hit);
/* The block containing byte off of page->text[r], or NULL. */
const struct sa_block *sa_page_block_at(const struct sa_page *p, enum sa_region r, size_t off);

#endif
