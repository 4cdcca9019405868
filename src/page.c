/* The page model: one iterative walk over the libxml2 DOM distils a fetched page into the facts
 * every check reads (regions, visible text blocks, links, forms, buttons, images, metas,
 * schema.org items, script hosts), then the page's language and kind are decided from them.
 * Visible means what a buyer sees: scripts, templates, comments and hidden elements are left
 * out, because RETENTION_CRITERIA.md warns that words a buyer never sees must not count. The
 * walk keeps its own stack, so no page can exhaust ours, and every list has a cap, so no page
 * can exhaust memory. All strings are copied into the page's arena; nothing points into the
 * DOM, which is freed right after the checks have observed the page. */
#include "page_build.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "alloc.h"
#include "arena.h"
#include "buf.h"
#include "hash.h"
#include "html.h"
#include "lexicon_page.h"
#include "url.h"
#include "utf8.h"

/* Caps per page. Real shops stay far below them (a big catalogue page has ~1 500 links);
 * past them the rest of the page is ignored and priv->limits remembers it. */
#define MAX_LINKS     5000
#define MAX_FORMS     2000
#define MAX_FIELDS    20000
#define MAX_BUTTONS   5000
#define MAX_BLOCKS    10000
#define MAX_IMAGES    5000
#define MAX_METAS     1000
#define MAX_ITEMS     1000
#define MAX_LABELS    5000
#define MAX_HOSTS     200
#define MAX_JSON      2000
#define MAX_NAME      1000  /* bytes of a link, button, label or heading name, or a title */
#define MAX_PROP_TEXT 2000  /* bytes of a microdata value taken from text */
#define MAX_TEXT_WALK 20000 /* nodes visited to read one such text */
/* Text buffers: far above any real page (the body itself is capped by the crawler). */
#define MAX_TEXT ((size_t)256 << 20)
/* A region's text starts with room for the document's length up to this; a longer text grows
 * from there. */
#define RTEXT_ROOM_MAX ((size_t)1 << 20)

const char *sa_region_name(enum sa_region r)
{
    switch (r) {
#define SA__REGION_NAME(e, name)                                                                   \
    case SA_REGION_##e:                                                                            \
        return name;
        SA_REGION_MAP(SA__REGION_NAME)
#undef SA__REGION_NAME
    case SA_REGION_LAST:
        break;
    }
    return "unknown";
}

const char *sa_kind_name(enum sa_page_kind k)
{
    switch (k) {
#define SA__KIND_NAME(e, name)                                                                     \
    case SA_KIND_##e:                                                                              \
        return name;
        SA_KIND_MAP(SA__KIND_NAME)
#undef SA__KIND_NAME
    case SA_KIND_LAST:
        break;
    }
    return "unknown";
}

/* What the page owns besides the DOM. page->priv points here. */
struct page_priv {
    struct sa_arena arena;
    cJSON **json; /* roots: JSON-LD documents and top-level microdata items */
    size_t njson, capjson;
    size_t *rindex[SA_REGION_LAST]; /* per region, indices into page->blocks by offset */
    size_t rcount[SA_REGION_LAST];
    char *text[SA_REGION_LAST]; /* the regions' texts (page->text), when not empty */
    unsigned limits;            /* some cap was hit */
};

struct page_box {
    struct sa_page page;
    struct page_priv priv;
};

/* ---- attributes: one pass per element, no allocation ---- */

enum {
    A_ACTION,
    A_ALT,
    A_ARIA_DISABLED,
    A_ARIA_HIDDEN,
    A_ARIA_LABEL,
    A_ARIA_REQUIRED,
    A_CLASS,
    A_CONTENT,
    A_DATA,
    A_DATA_SRC,
    A_DATETIME,
    A_DISABLED,
    A_FOR,
    A_HIDDEN,
    A_HREF,
    A_HTTP_EQUIV,
    A_ID,
    A_ITEMPROP,
    A_ITEMSCOPE,
    A_ITEMTYPE,
    A_LANG,
    A_METHOD,
    A_MULTIPLE,
    A_NAME,
    A_OPEN,
    A_PLACEHOLDER,
    A_PROPERTY,
    A_REL,
    A_REQUIRED,
    A_ROLE,
    A_SIZE,
    A_SRC,
    A_STYLE,
    A_TITLE,
    A_TYPE,
    A_VALUE,
    A_LAST
};
/* The index is the enum above (names_init hashes them). */
static const char *const attr_names[A_LAST] = {
    "action",    "alt",         "aria-disabled", "aria-hidden", "aria-label", "aria-required",
    "class",     "content",     "data",          "data-src",    "datetime",   "disabled",
    "for",       "hidden",      "href",          "http-equiv",  "id",         "itemprop",
    "itemscope", "itemtype",    "lang",          "method",      "multiple",   "name",
    "open",      "placeholder", "property",      "rel",         "required",   "role",
    "size",      "src",         "style",         "title",       "type",       "value",
};

struct attrs {
    const char *v[A_LAST]; /* NULL when absent, "" for a bare attribute */
};

/* ---- the build state ---- */

struct vec {
    void *ptr;
    size_t n, cap;
};
#define AT(v, T, i) (((T *)(v).ptr)[i])

struct field_tmp {
    struct sa_field f;
    const char *id, *placeholder, *aria, *title;
    int form, wrap_label;
};
struct label_tmp {
    const char *for_id, *text;
};
struct link_tmp {
    struct sa_link l;
    const char *aria, *title, *img_alt;
    int form, disabled;
};
struct button_tmp {
    struct sa_button b;
    const char *value, *aria, *title, *img_alt;
};

enum { CAP_NONE, CAP_LINK, CAP_BUTTON, CAP_LABEL, CAP_H1 };

/* One open element of the walk. Inherited state is copied from the parent frame. */
struct frame {
    xmlNode *node;
    size_t owner;      /* frame whose element owns the current run of text */
    const char *where; /* this element's path, computed on first use */
    size_t cap_start;  /* capture: where its text starts in the capture stream */
    int form, link, label, button, cap_target;
    cJSON *scope;      /* microdata item that itemprops attach to */
    const char *title; /* this element's or the nearest ancestor's title attribute, or NULL */
    unsigned flags;
    unsigned char region, vis, hcap, sectioning, small, strike, boundary, cap_kind;
};

struct build {
    struct sa_page *p;
    struct page_priv *pv;
    struct sa_arena *a;
    const struct sa_fetch_info *fi;
    const char *base;
    size_t base_dir; /* sa__url_join_dir(base), once base is set */
    int err;

    struct frame *fr;
    size_t nfr, capfr;

    struct sa_buf run; /* text of the current run, collapsed */
    int run_space;
    const char *run_title; /* the first tooltip over the current run's text */
    struct sa_buf rtext[SA_REGION_LAST];
    size_t rtext_room; /* what a region's text is given at its first block (see flush_run) */
    struct sa_buf cap; /* visible text while a capture is open */
    int cap_space;
    size_t ncap;

    struct vec blocks, links, buttons, forms, fields, labels, images, metas, items, hosts;
    int h1_done, title_done, canonical_done;
};

static const char empty[] = "";

static void oom(struct build *b)
{
    if (!b->err) b->err = SA_ENOMEM;
}

static void *vec_push(struct build *b, struct vec *v, size_t elem, size_t max)
{
    if (v->n >= max) {
        b->pv->limits = 1;
        return NULL;
    }
    if (v->n == v->cap) {
        size_t nc = v->cap ? v->cap * 2 : 16;
        if (nc > max) nc = max;
        void *np = sa__realloc(v->ptr, nc * elem);
        if (!np) {
            oom(b);
            return NULL;
        }
        v->ptr = np;
        v->cap = nc;
    }
    void *e = (char *)v->ptr + v->n++ * elem;
    memset(e, 0, elem);
    return e;
}

/* An arena copy, valid UTF-8 whatever libxml2 handed us. "" on failure (b->err is set). */
static const char *adupn(struct build *b, const char *s, size_t n)
{
    if (!s) return NULL;
    char *d;
    if (sa__utf8_valid(s, n) && !memchr(s, '\0', n)) {
        d = sa__arena_strndup(b->a, s, n);
    } else {
        size_t cl;
        char *c = sa__utf8_sanitize(s, n, &cl);
        if (!c) {
            oom(b);
            return empty;
        }
        d = sa__arena_strndup(b->a, c, cl);
        sa__free(c);
    }
    if (!d) {
        oom(b);
        return empty;
    }
    return d;
}

static const char *adup(struct build *b, const char *s)
{
    return s ? adupn(b, s, strlen(s)) : NULL;
}

static int is_ws(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* The index of the lowest byte of x (in memory order) whose 0x80 bit is set in m, m != 0. */
static size_t first_flagged_byte(uint64_t m)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return (size_t)__builtin_clzll(m) >> 3;
#else
    return (size_t)__builtin_ctzll(m) >> 3;
#endif
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* s trimmed of ASCII whitespace equals lit (lower-case), ignoring case. */
static int trimmed_is(const char *s, const char *lit)
{
    if (!s) return 0;
    while (is_ws((unsigned char)*s)) s++;
    size_t n = strlen(s);
    while (n && is_ws((unsigned char)s[n - 1])) n--;
    size_t k = strlen(lit);
    if (n != k) return 0;
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)s[i]) != lit[i]) return 0;
    return 1;
}

static int starts_nocase(const char *s, const char *lit)
{
    for (; *lit; s++, lit++)
        if (lower((unsigned char)*s) != *lit) return 0;
    return 1;
}

static int contains_nocase(const char *s, const char *lit)
{
    for (; *s; s++)
        if (starts_nocase(s, lit)) return 1;
    return 0;
}

/* Is lit one of the whitespace-separated tokens of s (case-insensitive)? */
static int has_token(const char *s, const char *lit)
{
    if (!s) return 0;
    size_t k = strlen(lit);
    while (*s) {
        while (is_ws((unsigned char)*s)) s++;
        size_t n = 0;
        while (s[n] && !is_ws((unsigned char)s[n])) n++;
        if (n == k) {
            size_t i = 0;
            while (i < n && lower((unsigned char)s[i]) == lit[i]) i++;
            if (i == n) return 1;
        }
        s += n;
    }
    return 0;
}

static int attr_of(const char *name);

static void read_attrs(struct build *b, const xmlNode *e, struct attrs *at)
{
    memset(at, 0, sizeof *at);
    for (const xmlAttr *x = e->properties; x; x = x->next) {
        int k = attr_of((const char *)x->name);
        if (k < 0) continue;
        size_t i = (size_t)k;
        if (at->v[i]) continue; /* the first of duplicates wins, as in browsers */
        const xmlNode *c = x->children;
        if (!c) {
            at->v[i] = empty;
        } else if (c->type == XML_TEXT_NODE && !c->next) {
            at->v[i] = c->content ? (const char *)c->content : empty;
        } else { /* values split over several nodes: rare, so a copy is fine */
            xmlChar *s = xmlNodeListGetString(e->doc, c, 1);
            at->v[i] = s ? adup(b, (const char *)s) : empty;
            xmlFree(s);
        }
    }
}

/* ---- text: collapsing whitespace the way a browser renders it ---- */

/* Appends s with runs of whitespace collapsed to one space (a leading one only when the
 * buffer has text). No-break and other wide spaces count as spaces and soft hyphens and
 * zero-width spaces are dropped: text is for matching words, not for typesetting. */
static void text_append(struct build *b, struct sa_buf *buf, int *space, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n && !b->err) {
        size_t j = i;
        int sp = 0, drop = 0;
        size_t k = 1;
        while (j < n) {
            /* Eight bytes at a time up to the first that is not printable ASCII: the bytes
             * below a space or above '~' are all a run can end at, and most of a page is
             * neither. */
            if (j + 8 <= n) {
                uint64_t x;
                memcpy(&x, u + j, 8);
                uint64_t m = ((x - 0x2121212121212121u) | x) & 0x8080808080808080u;
                if (!m) {
                    j += 8;
                    continue;
                }
                j += first_flagged_byte(m);
            }
            unsigned c = u[j];
            /* two- and three-byte letters that are no space and nothing dropped (Greek,
             * Cyrillic, Armenian, Thai, CJK), without a call */
            if (c - 0xC3u < 0x1Du && j + 1 < n && (u[j + 1] & 0xC0) == 0x80) {
                j += 2;
                continue;
            }
            if ((c == 0xE0 || c == 0xE1 || c - 0xE4u < 9u || c == 0xEE) && j + 2 < n &&
                (u[j + 1] & 0xC0) == 0x80 && (u[j + 2] & 0xC0) == 0x80 &&
                (c != 0xE0 || u[j + 1] >= 0xA0)) {
                j += 3;
                continue;
            }
            if (c < 0x80) {
                /* One plain space between two words stays in the run: it is what collapsing
                 * would write there, and a word a call is what made this loop slow. A byte
                 * that may begin a space, a dropped character or a NUL ends the run first. */
                if (c == ' ' && j > i && j + 1 < n &&
                    ((u[j + 1] > 0x20 && u[j + 1] < 0x7F) ||
                     (u[j + 1] >= 0xC3 && u[j + 1] != 0xE2 && u[j + 1] != 0xE3 &&
                      u[j + 1] != 0xEF))) {
                    j++;
                    continue;
                }
                if (is_ws((int)c)) {
                    sp = 1;
                    break;
                }
                if (c == 0) {
                    drop = 1;
                    break;
                }
                j++;
                continue;
            }
            k = sa__utf8_seq(u + j, n - j);
            if (!k) break;                                 /* invalid byte: replaced below */
            if (k == 2 && c == 0xC2 && u[j + 1] == 0xA0) { /* U+00A0 */
                sp = 1;
                break;
            }
            if (k == 2 && c == 0xC2 && u[j + 1] == 0xAD) { /* soft hyphen */
                drop = 1;
                break;
            }
            if (k == 3 && c == 0xE2 && u[j + 1] == 0x80 && u[j + 2] <= 0x8A) { /* U+2000..200A */
                sp = 1;
                break;
            }
            if (k == 3 && c == 0xE2 && u[j + 1] == 0x80 && (u[j + 2] == 0xAF || u[j + 2] == 0x8B)) {
                sp = u[j + 2] == 0xAF; /* narrow no-break space; zero-width space is dropped */
                drop = !sp;
                break;
            }
            if (k == 3 && ((c == 0xE2 && u[j + 1] == 0x81 && u[j + 2] == 0xA0) ||
                           (c == 0xEF && u[j + 1] == 0xBB && u[j + 2] == 0xBF))) {
                drop = 1; /* word joiner, zero-width no-break space */
                break;
            }
            if (k == 3 && c == 0xE3 && u[j + 1] == 0x80 && u[j + 2] == 0x80) { /* U+3000 */
                sp = 1;
                break;
            }
            j += k;
        }
        if (j > i) {
            if (*space && buf->len) {
                if (sa__buf_append(buf, " ", 1) != SA_OK) goto fail;
            }
            *space = 0;
            if (sa__buf_append(buf, s + i, j - i) != SA_OK) goto fail;
        }
        if (j >= n) break;
        if (sp) {
            *space = 1;
            i = j + (u[j] < 0x80 ? 1 : k);
        } else if (drop) {
            i = j + (u[j] < 0x80 ? 1 : k);
        } else { /* invalid UTF-8 */
            if (*space && buf->len && sa__buf_append(buf, " ", 1) != SA_OK) goto fail;
            *space = 0;
            if (sa__buf_append(buf, "\xEF\xBF\xBD", 3) != SA_OK) goto fail;
            i = j + 1;
        }
    }
    return;
fail:
    oom(b);
}

/* A collapsed, trimmed arena copy of s. */
static const char *collapse_dup(struct build *b, const char *s, size_t n)
{
    struct sa_buf t;
    int sp = 0;
    sa__buf_init(&t, MAX_TEXT);
    text_append(b, &t, &sp, s, n);
    const char *d = adupn(b, t.ptr ? t.ptr : "", t.len);
    sa__buf_release(&t);
    return d;
}

/* The text under e (as DOM textContent, but without script and style), collapsed and cut at
 * max bytes. Bounded on purpose: itemprops nest, and copying a 5 MB body once per level would
 * make a hostile page cost gigabytes. */
static const char *node_text(struct build *b, xmlNode *e, size_t max)
{
    struct sa_buf t;
    int sp = 0;
    size_t visited = 0;
    sa__buf_init(&t, MAX_TEXT);
    xmlNode *n = e->children;
    while (n && t.len < max && visited++ < MAX_TEXT_WALK && !b->err) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                text_append(b, &t, &sp, (const char *)n->content, strlen((const char *)n->content));
        } else if (n->type == XML_ELEMENT_NODE && n->children &&
                   strcmp((const char *)n->name, "script") != 0 &&
                   strcmp((const char *)n->name, "style") != 0) {
            n = n->children;
            continue;
        }
        while (n != e && !n->next) n = n->parent;
        n = n == e ? NULL : n->next;
    }
    size_t len = t.len > max ? sa__utf8_floor(t.ptr, t.len, max) : t.len;
    while (len && t.ptr[len - 1] == ' ') len--;
    const char *d = adupn(b, t.ptr ? t.ptr : "", len);
    sa__buf_release(&t);
    return d;
}

/* ---- URLs ---- */

/* ---- joins ----
 *
 * The links of a shop's menus, footers and product grids come back page after page, and a
 * join (split, merge, normalise) costs about 5 000 instructions. A per-thread table keeps
 * joins by (the part of the base the reference reads, the reference): sa__url_join_dir and
 * sa__url_join_reads_all say which part, so a kept answer is the join's own. Direct-mapped:
 * a newcomer replaces its slot. Failed joins are kept too (javascript: links repeat as much);
 * a join out of memory is not. The table lives as long as its thread. */
#define JOIN_SLOTS 1024u
#define JOIN_KEY   512u /* longer keys are joined each time */

struct join_slot {
    uint64_t h;
    uint32_t plen, klen; /* key: the base's prefix (plen bytes), then the reference */
    char *key, *url;     /* url NULL: the join failed */
};

static _Thread_local struct join_slot *joins;
static pthread_key_t joins_key;
static pthread_once_t joins_once = PTHREAD_ONCE_INIT;
static int joins_key_ok;

static void joins_free(void *p)
{
    struct join_slot *t = p;
    for (size_t i = 0; t && i < JOIN_SLOTS; i++) {
        sa__free(t[i].key);
        sa__free(t[i].url);
    }
    sa__free(t);
}

static void joins_key_make(void)
{
    joins_key_ok = pthread_key_create(&joins_key, joins_free) == 0;
}

/* (ab, c) and (a, bc) hash apart: each part's length goes into its hash. */
static uint64_t join_hash(const char *a, size_t na, const char *b, size_t nb)
{
    return sa__hash_bytes(b, nb, sa__hash_bytes(a, na, 0xCBF29CE484222325u));
}

/* Where a join of ref against b's base is kept (slot NULL: it is not to be kept). */
struct join_at {
    struct join_slot *slot;
    uint64_t h;
    size_t plen, rlen;
};

/* 1 and the kept join in *out (an arena copy; NULL for a failed join) on a hit; 0 with where
 * to keep it otherwise. */
static int join_find(struct build *b, const char *ref, const char **out, struct join_at *at)
{
    *at = (struct join_at){0};
    if (!b->base_dir) return 0; /* a base no join can read */
    size_t plen = sa__url_join_reads_all(ref) ? strlen(b->base) : b->base_dir, rlen = strlen(ref);
    if (plen + rlen > JOIN_KEY) return 0;
    pthread_once(&joins_once, joins_key_make);
    if (!joins) {
        if (!joins_key_ok || !(joins = sa__calloc(JOIN_SLOTS, sizeof *joins))) return 0;
        if (pthread_setspecific(joins_key, joins) != 0) {
            sa__free(joins);
            joins = NULL;
            return 0;
        }
    }
    uint64_t h = join_hash(b->base, plen, ref, rlen);
    struct join_slot *e = &joins[h & (JOIN_SLOTS - 1)];
    if (e->key && e->h == h && e->plen == plen && e->klen == plen + rlen &&
        memcmp(e->key, b->base, plen) == 0 && memcmp(e->key + plen, ref, rlen) == 0) {
        *out = e->url ? adup(b, e->url) : NULL;
        return 1;
    }
    *at = (struct join_at){e, h, plen, rlen};
    return 0;
}

static void join_keep(const struct join_at *at, const struct build *b, const char *ref,
                      const char *url)
{
    char *key = sa__malloc(at->plen + at->rlen), *u = url ? sa__strdup(url) : NULL;
    if (!key || (url && !u)) { /* not kept: the next join is made afresh */
        sa__free(key);
        sa__free(u);
        return;
    }
    memcpy(key, b->base, at->plen);
    memcpy(key + at->plen, ref, at->rlen);
    struct join_slot *e = at->slot;
    sa__free(e->key);
    sa__free(e->url);
    *e = (struct join_slot){.h = at->h,
                            .plen = (uint32_t)at->plen,
                            .klen = (uint32_t)(at->plen + at->rlen),
                            .key = key,
                            .url = u};
}

/* Resolved against the document base and normalised, as an arena string; NULL when it is not
 * an http(s) or file URL. */
static const char *resolve(struct build *b, const char *ref)
{
    const char *d = NULL;
    struct join_at at;
    if (join_find(b, ref, &d, &at)) return d;
    char *u = NULL;
    int rc = sa__url_join(b->base, ref, &u);
    if (rc == SA_ENOMEM) oom(b);
    if (at.slot && rc != SA_ENOMEM) join_keep(&at, b, ref, rc == SA_OK ? u : NULL);
    if (rc != SA_OK || !u) return NULL;
    d = adup(b, u);
    sa__free(u);
    return d;
}

/* ---- frames ---- */

static const char *frame_where(struct build *b, size_t i)
{
    struct frame *f = &b->fr[i];
    if (!f->where) {
        char w[512];
        size_t n = sa__dom_where(f->node, w, sizeof w);
        f->where = adupn(b, w, n);
    }
    return f->where;
}

/* Ends the current run: its text becomes a block of the owner's region. */
static void flush_run(struct build *b, size_t owner)
{
    b->run_space = 0;
    if (!b->run.len || owner == SIZE_MAX || b->err) {
        b->run_title = NULL;
        sa__buf_reset(&b->run);
        return;
    }
    struct sa_block *bl = vec_push(b, &b->blocks, sizeof *bl, MAX_BLOCKS);
    if (bl) {
        const struct frame *f = &b->fr[owner];
        struct sa_buf *t = &b->rtext[f->region];
        /* A region's text is seldom longer than the document it comes from: room for that
         * at once spares the copies of growing by doubling (the memory is only touched as far
         * as the text goes, and the page keeps the text where it was written, see finish).
         * Without memory for it, the text grows as before. */
        if (!t->ptr && b->rtext_room) (void)sa__buf_reserve(t, b->rtext_room);
        if (t->len && sa__buf_append(t, "\n", 1) != SA_OK) oom(b);
        bl->off = t->len;
        bl->len = b->run.len;
        bl->region = (enum sa_region)f->region;
        bl->flags = f->flags;
        if (sa__buf_append(t, b->run.ptr, b->run.len) != SA_OK) oom(b);
        bl->where = frame_where(b, owner);
        bl->title = b->run_title;
    }
    b->run_title = NULL;
    sa__buf_reset(&b->run);
}

static void cap_space(struct build *b)
{
    b->cap_space = 1;
}

/* A capture's text, trimmed and cut at MAX_NAME: it names a link, button, label or heading,
 * and nested captures would otherwise copy the same long text once per level. */
static const char *cap_text(struct build *b, size_t start)
{
    if (!b->cap.ptr || start >= b->cap.len) return empty;
    const char *s = b->cap.ptr + start;
    size_t n = b->cap.len - start;
    while (n && *s == ' ') s++, n--;
    if (n > MAX_NAME) n = sa__utf8_floor(s, n, MAX_NAME);
    while (n && s[n - 1] == ' ') n--;
    return adupn(b, s, n);
}

/* ---- regions ---- */

struct region_word {
    const char *word;
    enum sa_region r;
};
/* Class and id names that mark regions on sites without HTML5 elements. */
static const struct region_word region_words[] = {
    {"header", SA_REGION_HEADER},
    {"site-header", SA_REGION_HEADER},
    {"page-header", SA_REGION_HEADER},
    {"main-header", SA_REGION_HEADER},
    {"masthead", SA_REGION_HEADER},
    {"top", SA_REGION_HEADER},
    {"topbar", SA_REGION_HEADER},
    {"top-bar", SA_REGION_HEADER},
    {"nav", SA_REGION_NAV},
    {"navbar", SA_REGION_NAV},
    {"navigation", SA_REGION_NAV},
    {"menu", SA_REGION_NAV},
    {"main-menu", SA_REGION_NAV},
    {"main-nav", SA_REGION_NAV},
    {"site-nav", SA_REGION_NAV},
    {"footer", SA_REGION_FOOTER},
    {"site-footer", SA_REGION_FOOTER},
    {"page-footer", SA_REGION_FOOTER},
    {"bottom", SA_REGION_FOOTER},
    {"colophon", SA_REGION_FOOTER},
    {"sidebar", SA_REGION_ASIDE},
    {"side-bar", SA_REGION_ASIDE},
    {"aside", SA_REGION_ASIDE},
};

/* The elements the page model tells apart. Each element's name is looked up once (tag_of), so
 * the many questions enter() asks about it are integer compares, not strcmp()s. */
enum {
    TF_BLOCK = 1,   /* starts a new line of text */
    TF_SKIP = 2,    /* content a buyer never reads as text */
    TF_HEADING = 4, /* h1 .. h6 */
};
/* clang-format off */
#define TAG_MAP(X) \
    X(A, "a", 0) X(ADDRESS, "address", TF_BLOCK) X(AREA, "area", 0) \
    X(ARTICLE, "article", TF_BLOCK) X(ASIDE, "aside", TF_BLOCK) X(AUDIO, "audio", TF_SKIP) \
    X(BLOCKQUOTE, "blockquote", TF_BLOCK) X(BODY, "body", TF_BLOCK) X(BR, "br", 0) \
    X(BUTTON, "button", 0) X(CANVAS, "canvas", TF_SKIP) X(CAPTION, "caption", TF_BLOCK) \
    X(CENTER, "center", TF_BLOCK) X(DATA, "data", 0) X(DATALIST, "datalist", TF_SKIP) \
    X(DD, "dd", TF_BLOCK) X(DEL, "del", 0) X(DETAILS, "details", TF_BLOCK) \
    X(DIALOG, "dialog", TF_BLOCK) X(DIR, "dir", TF_BLOCK) X(DIV, "div", TF_BLOCK) \
    X(DL, "dl", TF_BLOCK) X(DT, "dt", TF_BLOCK) X(EMBED, "embed", 0) \
    X(FIELDSET, "fieldset", TF_BLOCK) X(FIGCAPTION, "figcaption", TF_BLOCK) \
    X(FIGURE, "figure", TF_BLOCK) X(FONT, "font", 0) X(FOOTER, "footer", TF_BLOCK) \
    X(FORM, "form", TF_BLOCK) X(H1, "h1", TF_BLOCK | TF_HEADING) \
    X(H2, "h2", TF_BLOCK | TF_HEADING) X(H3, "h3", TF_BLOCK | TF_HEADING) \
    X(H4, "h4", TF_BLOCK | TF_HEADING) X(H5, "h5", TF_BLOCK | TF_HEADING) \
    X(H6, "h6", TF_BLOCK | TF_HEADING) X(HEAD, "head", 0) X(HEADER, "header", TF_BLOCK) \
    X(HGROUP, "hgroup", TF_BLOCK) X(HR, "hr", TF_BLOCK) X(HTML, "html", TF_BLOCK) \
    X(IFRAME, "iframe", TF_SKIP) X(IMG, "img", 0) X(INPUT, "input", 0) X(LABEL, "label", 0) \
    X(LEGEND, "legend", TF_BLOCK) X(LI, "li", TF_BLOCK) X(LINK, "link", 0) \
    X(MAIN, "main", TF_BLOCK) X(MATH, "math", TF_SKIP) X(MENU, "menu", TF_BLOCK) \
    X(META, "meta", 0) X(METER, "meter", 0) X(NAV, "nav", TF_BLOCK) \
    X(NOSCRIPT, "noscript", TF_SKIP) X(OBJECT, "object", TF_SKIP) X(OL, "ol", TF_BLOCK) \
    X(P, "p", TF_BLOCK) X(PRE, "pre", TF_BLOCK) X(S, "s", 0) X(SCRIPT, "script", TF_SKIP) \
    X(SECTION, "section", TF_BLOCK) X(SELECT, "select", TF_SKIP) X(SMALL, "small", 0) \
    X(SOURCE, "source", 0) X(STRIKE, "strike", 0) X(STYLE, "style", TF_SKIP) X(SUB, "sub", 0) \
    X(SUMMARY, "summary", TF_BLOCK) X(SUP, "sup", 0) X(SVG, "svg", TF_SKIP) \
    X(TABLE, "table", TF_BLOCK) X(TBODY, "tbody", TF_BLOCK) X(TD, "td", TF_BLOCK) \
    X(TEMPLATE, "template", TF_SKIP) X(TEXTAREA, "textarea", TF_SKIP) \
    X(TFOOT, "tfoot", TF_BLOCK) X(TH, "th", TF_BLOCK) X(THEAD, "thead", TF_BLOCK) \
    X(TIME, "time", 0) X(TITLE, "title", TF_SKIP) X(TR, "tr", TF_BLOCK) X(TRACK, "track", 0) \
    X(UL, "ul", TF_BLOCK) X(VIDEO, "video", TF_SKIP)
/* clang-format on */
enum tag {
    T_OTHER,
#define TAG_ENUM(id, name, flags) T_##id,
    TAG_MAP(TAG_ENUM)
#undef TAG_ENUM
};
static const struct tag_name {
    const char *name;
    unsigned char id, flags;
} tag_names[] = {
#define TAG_ROW(id, name, flags) {name, T_##id, flags},
    TAG_MAP(TAG_ROW)
#undef TAG_ROW
};

/* The element and attribute names by hash, made once: a page's names are looked up tens of
 * thousands of times, and a bsearch cost five or six strcmp() calls each (strcmp was 3% of an
 * audit's cycles). A slot holds a name's index + 1; 0 is empty. */
#define NAME_SLOTS 256
_Static_assert(sizeof tag_names / sizeof tag_names[0] < NAME_SLOTS / 2 && A_LAST < NAME_SLOTS / 2,
               "name tables at most half full, indexes in a byte");
static uint8_t tag_slots[NAME_SLOTS], attr_slots[NAME_SLOTS];
static pthread_once_t names_once = PTHREAD_ONCE_INIT;

static unsigned name_hash(const char *s)
{
    unsigned h = 0;
    for (; *s; s++) h = h * 31u + (unsigned char)*s;
    return h & (NAME_SLOTS - 1);
}

static void name_put(uint8_t *slots, const char *name, size_t i)
{
    unsigned h = name_hash(name);
    while (slots[h]) h = (h + 1) & (NAME_SLOTS - 1);
    slots[h] = (uint8_t)(i + 1);
}

static void names_init(void)
{
    for (size_t i = 0; i < sizeof tag_names / sizeof tag_names[0]; i++)
        name_put(tag_slots, tag_names[i].name, i);
    for (size_t i = 0; i < A_LAST; i++) name_put(attr_slots, attr_names[i], i);
}

static const struct tag_name *tag_of(const char *name)
{
    static const struct tag_name other = {"", T_OTHER, 0};
    pthread_once(&names_once, names_init);
    for (unsigned h = name_hash(name);; h = (h + 1) & (NAME_SLOTS - 1)) {
        unsigned v = tag_slots[h];
        if (!v) return &other;
        if (strcmp(tag_names[v - 1].name, name) == 0) return &tag_names[v - 1];
    }
}

/* The attribute's index in attr_names, or -1. */
static int attr_of(const char *name)
{
    pthread_once(&names_once, names_init);
    for (unsigned h = name_hash(name);; h = (h + 1) & (NAME_SLOTS - 1)) {
        unsigned v = attr_slots[h];
        if (!v) return -1;
        if (strcmp(attr_names[v - 1], name) == 0) return (int)v - 1;
    }
}

/* Class names guess a site header or footer only this close to <html> (html > body > wrapper
 * > page > div.header is depth 5): deeper, "top" and "header" are parts of cards and widgets. */
#define CLASS_REGION_DEPTH 8

/* The region an element starts, or -1. A header or footer inside article, aside, main, nav
 * or section is that section's (ARIA gives such a <header> no banner role): a product card's
 * header is not the site header. */
static int region_of(enum tag tag, const struct attrs *at, int sectioning, size_t depth)
{
    const char *role = at->v[A_ROLE];
    if (role) {
        if (has_token(role, "banner")) return SA_REGION_HEADER;
        if (has_token(role, "navigation")) return SA_REGION_NAV;
        if (has_token(role, "main")) return SA_REGION_MAIN;
        if (has_token(role, "complementary")) return SA_REGION_ASIDE;
        if (has_token(role, "contentinfo")) return SA_REGION_FOOTER;
    }
    if (tag == T_HEADER) return sectioning ? -1 : SA_REGION_HEADER;
    if (tag == T_FOOTER) return sectioning ? -1 : SA_REGION_FOOTER;
    if (tag == T_NAV) return SA_REGION_NAV;
    if (tag == T_MAIN) return SA_REGION_MAIN;
    if (tag == T_ASIDE) return SA_REGION_ASIDE;
    if (!at->v[A_CLASS] && !at->v[A_ID]) return -1;
    for (size_t i = 0; i < sizeof region_words / sizeof region_words[0]; i++) {
        const struct region_word *w = &region_words[i];
        if (!has_token(at->v[A_CLASS], w->word) && !trimmed_is(at->v[A_ID], w->word)) continue;
        if ((sectioning || depth > CLASS_REGION_DEPTH) &&
            (w->r == SA_REGION_HEADER || w->r == SA_REGION_FOOTER))
            continue;
        return (int)w->r;
    }
    return -1;
}

/* ---- inline style ---- */

struct style {
    int hidden;   /* display:none or visibility:hidden */
    int font;     /* 1 when font-size was given */
    int small;    /* ... and it is below 12px */
    int relative; /* ... relative (em, %) and not below 0.75: inherit */
    int strike;   /* text-decoration with line-through */
};

/* A decimal number without locale: strtod would read "0.7" as 0 under a German locale. */
static double parse_num(const char *s, const char **end)
{
    double v = 0, scale = 1;
    int any = 0;
    while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0'), any = 1;
    if (*s == '.') {
        s++;
        while (*s >= '0' && *s <= '9') scale /= 10, v += (*s++ - '0') * scale, any = 1;
    }
    *end = any ? s : NULL;
    return v;
}

static void font_size(const char *v, size_t n, struct style *st)
{
    char buf[32];
    if (n >= sizeof buf) n = sizeof buf - 1;
    for (size_t i = 0; i < n; i++) buf[i] = (char)lower((unsigned char)v[i]);
    buf[n] = '\0';
    static const char *const tiny[] = {"xx-small", "x-small", "xxx-small", NULL};
    static const char *const fine[] = {"small",    "medium",    "large",  "x-large",
                                       "xx-large", "xxx-large", "larger", NULL};
    for (size_t i = 0; tiny[i]; i++)
        if (strcmp(buf, tiny[i]) == 0) {
            st->font = st->small = 1;
            return;
        }
    for (size_t i = 0; fine[i]; i++)
        if (strcmp(buf, fine[i]) == 0) {
            st->font = 1;
            return;
        }
    const char *u;
    double x = parse_num(buf, &u);
    if (!u) return;
    while (*u == ' ') u++;
    st->font = 1;
    if (strncmp(u, "px", 2) == 0) {
        st->small = x < 12;
    } else if (strncmp(u, "pt", 2) == 0) {
        st->small = x * 1.33 < 12; /* 1pt = 4/3 px */
    } else if (strncmp(u, "rem", 3) == 0) {
        st->small = x < 0.75; /* of the 16px root */
    } else if (strncmp(u, "em", 2) == 0) {
        st->small = x < 0.75;
        st->relative = !st->small;
    } else if (*u == '%') {
        st->small = x < 75;
        st->relative = !st->small;
    } else {
        st->font = 0; /* vw, calc(), ...: we cannot tell */
    }
}

static void parse_style(const char *s, struct style *st)
{
    memset(st, 0, sizeof *st);
    while (s && *s) {
        const char *semi = strchr(s, ';');
        const char *end = semi ? semi : s + strlen(s);
        const char *colon = memchr(s, ':', (size_t)(end - s));
        if (colon) {
            const char *p = s, *pe = colon;
            while (p < pe && is_ws((unsigned char)*p)) p++;
            while (pe > p && is_ws((unsigned char)pe[-1])) pe--;
            const char *v = colon + 1, *ve = end;
            while (v < ve && is_ws((unsigned char)*v)) v++;
            while (ve > v && is_ws((unsigned char)ve[-1])) ve--;
            /* "!important" changes nothing for an inline style */
            const char *bang = memchr(v, '!', (size_t)(ve - v));
            if (bang) {
                ve = bang;
                while (ve > v && is_ws((unsigned char)ve[-1])) ve--;
            }
            size_t pn = (size_t)(pe - p), vn = (size_t)(ve - v);
            char val[16] = {0};
            for (size_t i = 0; i < vn && i + 1 < sizeof val; i++)
                val[i] = (char)lower((unsigned char)v[i]);
            if (pn == 7 && starts_nocase(p, "display") && vn == 4 && strcmp(val, "none") == 0)
                st->hidden = 1;
            if (pn == 10 && starts_nocase(p, "visibility") &&
                ((vn == 6 && strcmp(val, "hidden") == 0) ||
                 (vn == 8 && strcmp(val, "collapse") == 0)))
                st->hidden = 1;
            if (pn == 9 && starts_nocase(p, "font-size")) font_size(v, vn, st);
            /* "text-decoration: line-through red" or text-decoration-line: a struck price */
            if (pn >= 15 && starts_nocase(p, "text-decoration")) {
                char dv[64] = {0};
                for (size_t i = 0; i < vn && i + 1 < sizeof dv; i++)
                    dv[i] = (char)lower((unsigned char)v[i]);
                if (strstr(dv, "line-through")) st->strike = 1;
            }
        }
        s = semi ? semi + 1 : NULL;
    }
}

/* ---- microdata ---- */

static const char *strip_schema(const char *t)
{
    static const char *const prefixes[] = {"https://schema.org/",
                                           "http://schema.org/",
                                           "https://www.schema.org/",
                                           "http://www.schema.org/",
                                           "schema:",
                                           NULL};
    for (size_t i = 0; prefixes[i]; i++) {
        size_t k = strlen(prefixes[i]);
        if (strncmp(t, prefixes[i], k) == 0) return t + k;
    }
    return t;
}

/* The first token of an itemtype, without the schema.org prefix, as an arena string. */
static const char *first_type(struct build *b, const char *s)
{
    while (is_ws((unsigned char)*s)) s++;
    size_t n = 0;
    while (s[n] && !is_ws((unsigned char)s[n])) n++;
    if (!n) return NULL;
    const char *d = adupn(b, s, n);
    return strip_schema(d);
}

static void json_keep(struct build *b, cJSON *root)
{
    struct page_priv *pv = b->pv;
    if (pv->njson >= MAX_JSON) {
        pv->limits = 1;
        cJSON_Delete(root);
        return;
    }
    if (pv->njson == pv->capjson) {
        size_t nc = pv->capjson ? pv->capjson * 2 : 8;
        cJSON **n = sa__realloc(pv->json, nc * sizeof *n);
        if (!n) {
            oom(b);
            cJSON_Delete(root);
            return;
        }
        pv->json = n;
        pv->capjson = nc;
    }
    pv->json[pv->njson++] = root;
}

static void add_item(struct build *b, const char *type, const cJSON *json, const char *source)
{
    if (!type || !*type) return;
    struct sa_item *it = vec_push(b, &b->items, sizeof *it, MAX_ITEMS);
    if (!it) return;
    it->type = type;
    it->json = json;
    it->source = source;
}

/* Adds value under name; a repeated property becomes an array, as in JSON-LD. */
static void add_prop(cJSON *obj, const char *name, cJSON *value)
{
    cJSON *old = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!old) {
        if (!cJSON_AddItemToObject(obj, name, value)) cJSON_Delete(value);
        return;
    }
    if (cJSON_IsArray(old)) {
        if (!cJSON_AddItemToArray(old, value)) cJSON_Delete(value);
        return;
    }
    cJSON *arr = cJSON_CreateArray();
    if (!arr) {
        cJSON_Delete(value);
        return;
    }
    cJSON_DetachItemViaPointer(obj, old);
    cJSON_AddItemToArray(arr, old);
    cJSON_AddItemToArray(arr, value);
    if (!cJSON_AddItemToObject(obj, name, arr)) cJSON_Delete(arr);
}

static void microdata(struct build *b, xmlNode *e, enum tag tag, const struct attrs *at,
                      struct frame *f)
{
    const char *props = at->v[A_ITEMPROP];
    cJSON *parent = f->scope;
    if (at->v[A_ITEMSCOPE]) {
        cJSON *obj = cJSON_CreateObject();
        if (!obj) return;
        const char *type = at->v[A_ITEMTYPE] ? first_type(b, at->v[A_ITEMTYPE]) : NULL;
        if (type) cJSON_AddStringToObject(obj, "@type", type);
        if (props && parent) {
            /* one object cannot sit under two names in cJSON: the first name gets it */
            char name[128];
            const char *s = props;
            while (is_ws((unsigned char)*s)) s++;
            size_t n = 0;
            while (s[n] && !is_ws((unsigned char)s[n]) && n + 1 < sizeof name) name[n] = s[n], n++;
            name[n] = '\0';
            if (n) {
                add_prop(parent, name, obj);
            } else {
                cJSON_Delete(obj);
                return;
            }
        } else {
            size_t before = b->pv->njson;
            json_keep(b, obj);
            if (b->pv->njson == before) return;
            add_item(b, type, obj, "microdata");
        }
        f->scope = obj;
        return;
    }
    if (!props || !parent) return;
    const char *val = NULL;
    if (at->v[A_CONTENT]) {
        val = at->v[A_CONTENT];
    } else if (tag == T_A || tag == T_AREA || tag == T_LINK) {
        if (at->v[A_HREF]) {
            val = resolve(b, at->v[A_HREF]);
            if (!val) val = at->v[A_HREF];
        }
    } else if (tag == T_IMG || tag == T_AUDIO || tag == T_VIDEO || tag == T_SOURCE ||
               tag == T_EMBED || tag == T_IFRAME || tag == T_TRACK) {
        if (at->v[A_SRC]) {
            val = resolve(b, at->v[A_SRC]);
            if (!val) val = at->v[A_SRC];
        }
    } else if (tag == T_OBJECT) {
        val = at->v[A_DATA];
    } else if (tag == T_DATA || tag == T_METER) {
        val = at->v[A_VALUE];
    } else if (tag == T_TIME) {
        val = at->v[A_DATETIME];
    }
    if (!val) val = node_text(b, e, MAX_PROP_TEXT);
    const char *s = props;
    for (;;) {
        while (is_ws((unsigned char)*s)) s++;
        if (!*s) break;
        char name[128];
        size_t n = 0;
        while (s[n] && !is_ws((unsigned char)s[n])) {
            if (n + 1 < sizeof name) name[n] = s[n];
            n++;
        }
        name[n < sizeof name ? n : sizeof name - 1] = '\0';
        s += n;
        cJSON *v = cJSON_CreateString(val);
        if (v) add_prop(parent, name, v);
    }
}

/* ---- JSON-LD ---- */

static const char *ld_type(struct build *b, const cJSON *o)
{
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "@type");
    if (cJSON_IsArray(t)) t = cJSON_GetArrayItem(t, 0);
    if (!cJSON_IsString(t) || !t->valuestring) return NULL;
    return adup(b, strip_schema(t->valuestring));
}

static void ld_object(struct build *b, const cJSON *o, int depth)
{
    if (!cJSON_IsObject(o)) return;
    add_item(b, ld_type(b, o), o, "json-ld");
    const cJSON *g = cJSON_GetObjectItemCaseSensitive(o, "@graph");
    if (depth < 2 && cJSON_IsArray(g)) {
        const cJSON *x;
        cJSON_ArrayForEach(x, g) ld_object(b, x, depth + 1);
    }
}

static void jsonld(struct build *b, xmlNode *e)
{
    xmlChar *c = xmlNodeGetContent(e);
    if (!c) return;
    cJSON *root = cJSON_ParseWithLength((const char *)c, strlen((const char *)c));
    xmlFree(c);
    if (!root) return; /* invalid JSON: the page's bug, not ours */
    size_t before = b->pv->njson;
    json_keep(b, root);
    if (b->pv->njson == before) return;
    if (cJSON_IsArray(root)) {
        const cJSON *x;
        cJSON_ArrayForEach(x, root) ld_object(b, x, 0);
    } else {
        ld_object(b, root, 0);
    }
}

static void script_host(struct build *b, const char *src)
{
    const char *u = resolve(b, src);
    if (!u) return;
    const char *root = b->fi->site_root ? b->fi->site_root : b->p->url;
    if (sa__url_in_scope(root, u)) return;
    char host[256];
    if (sa__url_host(u, host, sizeof host) != SA_OK || !host[0]) return;
    for (char *h = host; *h; h++) *h = (char)lower((unsigned char)*h);
    for (size_t i = 0; i < b->hosts.n; i++)
        if (strcmp(AT(b->hosts, const char *, i), host) == 0) return;
    const char **slot = vec_push(b, &b->hosts, sizeof *slot, MAX_HOSTS);
    if (slot) *slot = adup(b, host);
}

/* ---- the walk ---- */

static int link_dead(const char *href)
{
    while (is_ws((unsigned char)*href)) href++;
    return *href == '\0' || *href == '#' || starts_nocase(href, "javascript:");
}

static const char *or_empty(const char *s)
{
    return s ? s : empty;
}

static const char *first_nonempty(const char *a, const char *b2, const char *c, const char *d)
{
    if (a && *a) return a;
    if (b2 && *b2) return b2;
    if (c && *c) return c;
    if (d && *d) return d;
    return NULL;
}

static const char *trim_dup(struct build *b, const char *s)
{
    while (is_ws((unsigned char)*s)) s++;
    size_t n = strlen(s);
    while (n && is_ws((unsigned char)s[n - 1])) n--;
    return adupn(b, s, n);
}

/* Trimmed and lower-cased: attribute values compared as keywords (type, method, meta names). */
static const char *lower_dup(struct build *b, const char *s)
{
    const char *d = trim_dup(b, s);
    if (d == empty) return d;
    for (char *x = (char *)d; *x; x++) *x = (char)lower((unsigned char)*x);
    return d;
}

/* Sets up the frame of element e and returns 1 to walk into its children. */
static int enter(struct build *b, xmlNode *e)
{
    const struct frame *parent = &b->fr[b->nfr - 1];
    struct frame f = *parent;
    f.node = e;
    f.where = NULL;
    f.boundary = 0;
    f.cap_kind = CAP_NONE;
    const struct tag_name *tn = tag_of((const char *)e->name);
    enum tag tag = tn->id;
    struct attrs at;
    read_attrs(b, e, &at);
    int descend = 1;
    const char *submit_text = NULL;

    microdata(b, e, tag, &at, &f);

    /* document facts, wherever they sit */
    if (tag == T_META) {
        const char *name = first_nonempty(at.v[A_NAME], at.v[A_PROPERTY], at.v[A_HTTP_EQUIV], NULL);
        if (name) {
            struct sa_meta *m = vec_push(b, &b->metas, sizeof *m, MAX_METAS);
            if (m) {
                m->name = lower_dup(b, name);
                m->content = adup(b, or_empty(at.v[A_CONTENT]));
            }
        }
    } else if (tag == T_LINK) {
        if (!b->canonical_done && has_token(at.v[A_REL], "canonical") && at.v[A_HREF]) {
            const char *u = resolve(b, at.v[A_HREF]);
            if (u) {
                b->p->canonical = u;
                b->canonical_done = 1;
            }
        }
    } else if (tag == T_SCRIPT) {
        const char *type = at.v[A_TYPE];
        if (type && starts_nocase(type + strspn(type, " \t\r\n"), "application/ld+json"))
            jsonld(b, e);
        if (at.v[A_SRC]) script_host(b, at.v[A_SRC]);
    } else if (tag == T_TITLE) {
        if (!b->title_done) {
            b->p->title = node_text(b, e, MAX_NAME);
            b->title_done = 1;
        }
    }

    if (tn->flags & TF_SKIP) descend = 0;

    /* hidden: no text, no buttons, no forms; links stay (flagged) for the crawler */
    int hidden = at.v[A_HIDDEN] != NULL || trimmed_is(at.v[A_ARIA_HIDDEN], "true");
    struct style st = {0};
    if (at.v[A_STYLE]) {
        parse_style(at.v[A_STYLE], &st);
        hidden |= st.hidden;
    }
    if (tag == T_INPUT && trimmed_is(at.v[A_TYPE], "hidden")) hidden = 1;
    if (tag == T_DIALOG && !at.v[A_OPEN]) hidden = 1;
    /* screen-reader-only text is, by design, not shown */
    if (at.v[A_CLASS] &&
        (has_token(at.v[A_CLASS], "sr-only") || has_token(at.v[A_CLASS], "visually-hidden") ||
         has_token(at.v[A_CLASS], "screen-reader-text")))
        hidden = 1;
    if (tag == T_HEAD) hidden = 1;
    if (hidden) f.vis = 0;

    int r = region_of(tag, &at, f.sectioning, b->nfr);
    /* A menu in the footer is still at the bottom of the page: for a buyer it is the footer. */
    if (r == SA_REGION_NAV && f.region == SA_REGION_FOOTER) r = -1;
    if (r >= 0) {
        f.region = (unsigned char)r;
        f.boundary = 1;
    }
    if (tag == T_ARTICLE || tag == T_ASIDE || tag == T_MAIN || tag == T_NAV || tag == T_SECTION)
        f.sectioning = 1;

    /* small print */
    int small = f.small;
    if (tag == T_SMALL || tag == T_SUB || tag == T_SUP) small = 1;
    if (tag == T_FONT && at.v[A_SIZE]) {
        const char *sz = at.v[A_SIZE] + strspn(at.v[A_SIZE], " ");
        if (strcmp(sz, "1") == 0 || strncmp(sz, "-2", 2) == 0 || strncmp(sz, "-3", 2) == 0 ||
            strncmp(sz, "-4", 2) == 0)
            small = 1;
    }
    if (st.font && !st.relative) small = st.small;
    if (st.font && st.relative && st.small) small = 1;
    if (small != f.small) {
        f.small = (unsigned char)small;
        f.flags = small ? f.flags | SA_BLOCK_SMALL : f.flags & ~(unsigned)SA_BLOCK_SMALL;
        f.boundary = 1;
    }
    /* struck text gets a block of its own, so a "was" price is not read as the price */
    int strike = f.strike || tag == T_DEL || tag == T_S || tag == T_STRIKE || st.strike;
    if (strike != f.strike) {
        f.strike = (unsigned char)strike;
        f.flags |= SA_BLOCK_STRIKE;
        f.boundary = 1;
    }
    if (at.v[A_TITLE] && at.v[A_TITLE][strspn(at.v[A_TITLE], " \t\r\n")])
        f.title = collapse_dup(b, at.v[A_TITLE], strlen(at.v[A_TITLE]));

    if (tn->flags & TF_BLOCK) f.boundary = 1;
    if (tn->flags & TF_HEADING) f.flags |= SA_BLOCK_HEADING;
    if (tag == T_BR) {
        b->run_space = 1;
        cap_space(b);
    }

    /* links */
    if (tag == T_A && at.v[A_HREF]) {
        const char *href = at.v[A_HREF];
        unsigned lf = 0;
        if (has_token(at.v[A_REL], "nofollow")) lf |= SA_LINK_NOFOLLOW;
        if (has_token(at.v[A_ROLE], "button") ||
            (at.v[A_CLASS] &&
             (contains_nocase(at.v[A_CLASS], "btn") || contains_nocase(at.v[A_CLASS], "button"))))
            lf |= SA_LINK_BUTTON;
        if (link_dead(href)) lf |= SA_LINK_DEAD;
        if (!f.vis) lf |= SA_LINK_HIDDEN;
        struct link_tmp *l = vec_push(b, &b->links, sizeof *l, MAX_LINKS);
        if (l) {
            l->l.href = adup(b, href);
            l->l.url = lf & SA_LINK_DEAD ? NULL : resolve(b, href);
            l->l.rel = adup(b, or_empty(at.v[A_REL]));
            l->l.region = (enum sa_region)f.region;
            l->l.flags = lf;
            l->aria = at.v[A_ARIA_LABEL] ? adup(b, at.v[A_ARIA_LABEL]) : NULL;
            l->title = at.v[A_TITLE] ? adup(b, at.v[A_TITLE]) : NULL;
            l->form = f.form;
            l->disabled = trimmed_is(at.v[A_ARIA_DISABLED], "true");
            f.link = (int)(b->links.n - 1);
            f.cap_kind = CAP_LINK;
            f.cap_target = f.link;
            if (!f.vis) f.hcap = 1; /* a hidden link still gets its name */
        } else {
            f.link = -1;
        }
        f.flags |= SA_BLOCK_LINK;
        if (lf & SA_LINK_BUTTON) f.flags |= SA_BLOCK_BUTTON;
        f.boundary = 1;
    }

    /* buttons */
    int is_input = tag == T_INPUT;
    const char *itype = is_input ? (at.v[A_TYPE] ? at.v[A_TYPE] : "text") : NULL;
    int input_button = is_input && (trimmed_is(itype, "submit") || trimmed_is(itype, "button") ||
                                    trimmed_is(itype, "image") || trimmed_is(itype, "reset"));
    int role_button = has_token(at.v[A_ROLE], "button") && tag != T_A;
    if (tag == T_BUTTON || input_button || role_button) {
        f.flags |= SA_BLOCK_BUTTON;
        f.boundary = 1;
        if (f.vis) {
            struct button_tmp *bt = vec_push(b, &b->buttons, sizeof *bt, MAX_BUTTONS);
            if (bt) {
                enum sa_button_kind kind = SA_BUTTON_BUTTON;
                if (tag == T_BUTTON) {
                    const char *t = at.v[A_TYPE];
                    if (trimmed_is(t, "submit") || (!t && f.form >= 0)) kind = SA_BUTTON_SUBMIT;
                } else if (input_button &&
                           (trimmed_is(itype, "submit") || trimmed_is(itype, "image"))) {
                    kind = SA_BUTTON_SUBMIT;
                }
                bt->b.kind = kind;
                bt->b.region = (enum sa_region)f.region;
                bt->b.form = f.form;
                bt->b.disabled =
                    at.v[A_DISABLED] != NULL || trimmed_is(at.v[A_ARIA_DISABLED], "true");
                bt->value = at.v[A_VALUE] ? adup(b, at.v[A_VALUE]) : NULL;
                bt->aria = at.v[A_ARIA_LABEL] ? adup(b, at.v[A_ARIA_LABEL]) : NULL;
                bt->title = at.v[A_TITLE] ? adup(b, at.v[A_TITLE]) : NULL;
                if (input_button && trimmed_is(itype, "image") && at.v[A_ALT])
                    bt->img_alt = adup(b, at.v[A_ALT]);
                if (f.cap_kind == CAP_NONE) {
                    f.cap_kind = CAP_BUTTON;
                    f.cap_target = (int)(b->buttons.n - 1);
                }
                f.button = (int)(b->buttons.n - 1);
            }
        }
        /* the value of a submit or button input is the text on it */
        if (input_button && !trimmed_is(itype, "image") && at.v[A_VALUE])
            submit_text = at.v[A_VALUE];
    }

    /* forms and fields */
    if (tag == T_FORM) {
        f.form = -1;
        if (f.vis) {
            struct sa_form *fm = vec_push(b, &b->forms, sizeof *fm, MAX_FORMS);
            if (fm) {
                const char *act = at.v[A_ACTION];
                if (act && act[strspn(act, " \t\r\n\f")]) {
                    const char *u = resolve(b, act);
                    fm->action = u ? u : adup(b, act);
                } else {
                    fm->action = b->p->url;
                }
                fm->method = at.v[A_METHOD] ? lower_dup(b, at.v[A_METHOD]) : "get";
                if (!*fm->method) fm->method = "get";
                fm->region = (enum sa_region)f.region;
                f.form = (int)(b->forms.n - 1);
                char w[512];
                size_t wn = sa__dom_where(e, w, sizeof w);
                fm->where = adupn(b, w, wn);
            }
        }
    }
    int is_select = tag == T_SELECT, is_textarea = tag == T_TEXTAREA;
    if ((is_input && !input_button) || is_select || is_textarea) {
        if (f.form >= 0) {
            struct field_tmp *fd = vec_push(b, &b->fields, sizeof *fd, MAX_FIELDS);
            if (fd) {
                fd->f.tag = is_input ? "input" : is_select ? "select" : "textarea";
                if (is_input)
                    fd->f.type = lower_dup(b, *itype ? itype : "text");
                else if (is_select)
                    fd->f.type = at.v[A_MULTIPLE] ? "select-multiple" : "select-one";
                else
                    fd->f.type = "textarea";
                if (!*fd->f.type) fd->f.type = "text";
                fd->f.name = adup(b, or_empty(at.v[A_NAME]));
                fd->f.required =
                    at.v[A_REQUIRED] != NULL || trimmed_is(at.v[A_ARIA_REQUIRED], "true");
                fd->id = at.v[A_ID] ? trim_dup(b, at.v[A_ID]) : NULL;
                fd->placeholder = at.v[A_PLACEHOLDER] ? adup(b, at.v[A_PLACEHOLDER]) : NULL;
                fd->aria = at.v[A_ARIA_LABEL] ? adup(b, at.v[A_ARIA_LABEL]) : NULL;
                fd->title = at.v[A_TITLE] ? adup(b, at.v[A_TITLE]) : NULL;
                fd->form = f.form;
                fd->wrap_label = f.label;
            }
        }
    }
    if (tag == T_LABEL) {
        struct label_tmp *lb = vec_push(b, &b->labels, sizeof *lb, MAX_LABELS);
        if (lb) {
            lb->for_id = at.v[A_FOR] ? trim_dup(b, at.v[A_FOR]) : NULL;
            lb->text = empty;
            f.label = (int)(b->labels.n - 1);
            if (f.cap_kind == CAP_NONE) {
                f.cap_kind = CAP_LABEL;
                f.cap_target = f.label;
                if (!f.vis) f.hcap = 1; /* screen-reader labels still name their field */
            }
        }
    }
    if (tag == T_H1 && !b->h1_done && f.vis && f.cap_kind == CAP_NONE) {
        f.cap_kind = CAP_H1;
        f.cap_target = 0;
    }

    /* an icon link or button drawn in SVG may be named by the SVG's <title> */
    if (tag == T_SVG && (f.link >= 0 || f.button >= 0)) {
        for (xmlNode *c = e->children; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "title") != 0)
                continue;
            const char *t = node_text(b, c, MAX_NAME);
            if (f.link >= 0 && !AT(b->links, struct link_tmp, (size_t)f.link).img_alt && *t)
                AT(b->links, struct link_tmp, (size_t)f.link).img_alt = t;
            if (f.button >= 0 && !AT(b->buttons, struct button_tmp, (size_t)f.button).img_alt && *t)
                AT(b->buttons, struct button_tmp, (size_t)f.button).img_alt = t;
            break;
        }
    }

    /* images */
    if (tag == T_IMG) {
        if (f.link >= 0) {
            struct link_tmp *l = &AT(b->links, struct link_tmp, (size_t)f.link);
            if (!l->img_alt && at.v[A_ALT] && *at.v[A_ALT]) l->img_alt = adup(b, at.v[A_ALT]);
        }
        if (f.button >= 0) {
            struct button_tmp *bt = &AT(b->buttons, struct button_tmp, (size_t)f.button);
            if (!bt->img_alt && at.v[A_ALT] && *at.v[A_ALT]) bt->img_alt = adup(b, at.v[A_ALT]);
        }
        const char *src = at.v[A_SRC] && *at.v[A_SRC] ? at.v[A_SRC] : at.v[A_DATA_SRC];
        if (f.vis && src) {
            struct sa_image *im = vec_push(b, &b->images, sizeof *im, MAX_IMAGES);
            if (im) {
                const char *u = resolve(b, src);
                im->src = u ? u : adup(b, src);
                im->alt = at.v[A_ALT] ? adup(b, at.v[A_ALT]) : NULL;
                im->region = (enum sa_region)f.region;
                char w[512];
                size_t wn = sa__dom_where(e, w, sizeof w);
                im->where = adupn(b, w, wn);
            }
        }
    }

    /* push: a boundary ends the parent's run first */
    if (f.boundary) {
        flush_run(b, parent->owner);
        cap_space(b);
    }
    if (b->nfr == b->capfr) {
        size_t nc = b->capfr * 2;
        struct frame *n = sa__realloc(b->fr, nc * sizeof *n);
        if (!n) {
            oom(b);
            return 0;
        }
        b->fr = n;
        b->capfr = nc;
    }
    size_t idx = b->nfr++;
    if (f.boundary) f.owner = idx;
    if (f.cap_kind != CAP_NONE) {
        f.cap_start = b->cap.len;
        b->ncap++;
    }
    b->fr[idx] = f;
    if (submit_text && f.vis)
        text_append(b, &b->run, &b->run_space, submit_text, strlen(submit_text));
    return descend && !b->err;
}

static void text_node(struct build *b, const xmlNode *t)
{
    const struct frame *f = &b->fr[b->nfr - 1];
    if (!t->content) return;
    const char *s = (const char *)t->content;
    size_t n = strlen(s);
    if (f->vis) {
        if (f->title && !b->run_title && s[strspn(s, " \t\r\n")]) b->run_title = f->title;
        text_append(b, &b->run, &b->run_space, s, n);
    }
    if (b->ncap && (f->vis || f->hcap)) text_append(b, &b->cap, &b->cap_space, s, n);
}

static void leave(struct build *b)
{
    size_t idx = b->nfr - 1;
    struct frame *f = &b->fr[idx];
    if (f->boundary) {
        flush_run(b, idx);
        cap_space(b);
        f = &b->fr[idx];
    }
    if (f->cap_kind != CAP_NONE) {
        const char *text = cap_text(b, f->cap_start);
        if (f->cap_kind == CAP_LINK) {
            struct link_tmp *l = &AT(b->links, struct link_tmp, (size_t)f->cap_target);
            /* The accessible name, as ARIA computes it: aria-label wins over the content, so a
             * cart icon whose only visible text is its count ("2") is still named "Cart". */
            if (l->aria && *l->aria) {
                l->l.text = collapse_dup(b, l->aria, strlen(l->aria));
                if (!*text) l->l.flags |= SA_LINK_ICON;
            } else if (*text) {
                l->l.text = text;
            } else {
                const char *name = first_nonempty(l->title, l->img_alt, NULL, NULL);
                l->l.text = name ? collapse_dup(b, name, strlen(name)) : empty;
                l->l.flags |= SA_LINK_ICON;
            }
            l->l.where = frame_where(b, idx);
            if ((l->l.flags & SA_LINK_BUTTON) && !(l->l.flags & SA_LINK_HIDDEN)) {
                struct button_tmp *bt = vec_push(b, &b->buttons, sizeof *bt, MAX_BUTTONS);
                if (bt) {
                    bt->b.text = l->l.text;
                    bt->b.where = l->l.where;
                    bt->b.region = l->l.region;
                    bt->b.kind = SA_BUTTON_LINK;
                    bt->b.form = l->form;
                    bt->b.disabled = l->disabled;
                }
            }
        } else if (f->cap_kind == CAP_BUTTON) {
            struct button_tmp *bt = &AT(b->buttons, struct button_tmp, (size_t)f->cap_target);
            const char *name = bt->aria && *bt->aria ? bt->aria
                               : *text               ? text
                                       : first_nonempty(bt->value, bt->title, bt->img_alt, NULL);
            bt->b.text = name == text ? text : name ? collapse_dup(b, name, strlen(name)) : empty;
            bt->b.where = frame_where(b, idx);
        } else if (f->cap_kind == CAP_LABEL) {
            AT(b->labels, struct label_tmp, (size_t)f->cap_target).text = text;
        } else if (f->cap_kind == CAP_H1 && *text) {
            b->p->h1 = text;
            b->h1_done = 1;
        }
        if (--b->ncap == 0) {
            sa__buf_reset(&b->cap);
            b->cap_space = 0;
        }
    }
    b->nfr--;
}

/* <base href>: the first one with an href, which browsers apply to the whole document. */
static void find_base(struct build *b, xmlNode *root)
{
    b->base = b->p->url;
    for (xmlNode *h = root ? root->children : NULL; h; h = h->next) {
        if (h->type != XML_ELEMENT_NODE || strcmp((const char *)h->name, "head") != 0) continue;
        for (xmlNode *c = h->children; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "base") != 0) continue;
            xmlChar *href = xmlGetProp(c, (const xmlChar *)"href");
            if (!href) continue;
            char *u = NULL;
            int rc = sa__url_join(b->p->url, (const char *)href, &u);
            xmlFree(href);
            if (rc == SA_ENOMEM) oom(b);
            if (rc == SA_OK && u) b->base = adup(b, u);
            sa__free(u);
            return;
        }
    }
}

/* Iterative pre-order walk with our own stack: a page nested 100 000 deep costs heap, not
 * C stack. */
static void walk(struct build *b, xmlNode *root)
{
    b->capfr = 64;
    b->fr = sa__malloc(b->capfr * sizeof *b->fr);
    if (!b->fr) {
        oom(b);
        return;
    }
    /* the virtual parent of <html>: main region, visible, no owner yet */
    struct frame top = {0};
    top.owner = SIZE_MAX;
    top.form = top.link = top.label = top.button = -1;
    top.region = SA_REGION_MAIN;
    top.vis = 1;
    b->fr[0] = top;
    b->nfr = 1;
    if (!root) return;

    xmlNode *n = root;
    int down = enter(b, n);
    for (;;) {
        if (b->err) return;
        if (down && n->children) {
            n = n->children;
        } else {
            /* n is done: leave it, and every ancestor whose last child it was */
            for (;;) {
                if (n->type == XML_ELEMENT_NODE) leave(b);
                if (n == root) return;
                if (n->next) {
                    n = n->next;
                    break;
                }
                n = n->parent;
            }
        }
        if (n->type == XML_ELEMENT_NODE) {
            down = enter(b, n);
        } else {
            if (n->type == XML_TEXT_NODE) text_node(b, n);
            down = 0;
        }
    }
}

/* ---- after the walk: arrays into the arena, labels to fields, fields to forms ---- */

static void *arena_copy(struct build *b, const void *src, size_t n, size_t elem)
{
    if (!n) return NULL;
    void *d = sa__arena_alloc(b->a, n * elem);
    if (!d) {
        oom(b);
        return NULL;
    }
    memcpy(d, src, n * elem);
    return d;
}

struct label_key {
    const char *id, *text;
    size_t idx;
};

static int label_key_cmp(const void *x, const void *y)
{
    const struct label_key *a = x, *c = y;
    int r = strcmp(a->id, c->id);
    if (r) return r;
    return a->idx < c->idx ? -1 : a->idx > c->idx;
}

/* The text of the first <label for=id>, or NULL. */
static const char *label_for(const struct label_key *keys, size_t n, const char *id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(keys[mid].id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && strcmp(keys[lo].id, id) == 0 ? keys[lo].text : NULL;
}

static void finish_forms(struct build *b)
{
    struct sa_page *p = b->p;
    size_t nl = 0;
    struct label_key *keys = NULL;
    if (b->labels.n) {
        keys = sa__malloc(b->labels.n * sizeof *keys);
        if (!keys) {
            oom(b);
            return;
        }
        for (size_t i = 0; i < b->labels.n; i++) {
            const struct label_tmp *l = &AT(b->labels, struct label_tmp, i);
            if (l->for_id && *l->for_id && l->text && *l->text)
                keys[nl++] = (struct label_key){l->for_id, l->text, i};
        }
        qsort(keys, nl, sizeof *keys, label_key_cmp);
    }
    p->nforms = b->forms.n;
    p->forms = arena_copy(b, b->forms.ptr, b->forms.n, sizeof(struct sa_form));
    if (p->forms) {
        for (size_t i = 0; i < b->fields.n; i++) {
            const struct field_tmp *fd = &AT(b->fields, struct field_tmp, i);
            p->forms[fd->form].nfields++;
        }
        for (size_t i = 0; i < p->nforms; i++) {
            struct sa_form *fm = &p->forms[i];
            if (fm->nfields) fm->fields = sa__arena_alloc(b->a, fm->nfields * sizeof *fm->fields);
            if (fm->nfields && !fm->fields) oom(b);
            fm->nfields = 0;
        }
        for (size_t i = 0; i < b->fields.n && !b->err; i++) {
            const struct field_tmp *fd = &AT(b->fields, struct field_tmp, i);
            struct sa_field f = fd->f;
            const char *byfor = fd->id && *fd->id ? label_for(keys, nl, fd->id) : NULL;
            const char *wrap = fd->wrap_label >= 0
                                   ? AT(b->labels, struct label_tmp, (size_t)fd->wrap_label).text
                                   : NULL;
            const char *name = first_nonempty(byfor, wrap, NULL, NULL);
            if (name) {
                f.label = name;
            } else {
                name = first_nonempty(fd->placeholder, fd->aria, fd->title, NULL);
                f.label = name ? collapse_dup(b, name, strlen(name)) : empty;
            }
            struct sa_form *fm = &p->forms[fd->form];
            fm->fields[fm->nfields++] = f;
        }
    }
    sa__free(keys);
}

static void finish(struct build *b)
{
    struct sa_page *p = b->p;
    struct page_priv *pv = b->pv;
    for (int r = 0; r < SA_REGION_LAST; r++) {
        struct sa_buf *t = &b->rtext[r];
        if (!t->ptr) continue; /* p->text[r] stays empty */
        /* the page takes the buffer, its room given back, instead of a copy of it */
        size_t len = t->len;
        char *s = sa__buf_take(t, NULL), *fit = sa__realloc(s, len + 1);
        pv->text[r] = fit ? fit : s;
        p->text[r].ptr = pv->text[r];
        p->text[r].len = len;
    }
    p->nblocks = b->blocks.n;
    p->blocks = arena_copy(b, b->blocks.ptr, b->blocks.n, sizeof(struct sa_block));
    for (size_t i = 0; i < p->nblocks && p->blocks; i++) pv->rcount[p->blocks[i].region]++;
    for (int r = 0; r < SA_REGION_LAST; r++) {
        if (pv->rcount[r]) pv->rindex[r] = sa__arena_alloc(b->a, pv->rcount[r] * sizeof(size_t));
        if (pv->rcount[r] && !pv->rindex[r]) oom(b);
        pv->rcount[r] = 0;
    }
    if (b->err) return;
    /* blocks are in document order, so each region's offsets come out increasing */
    for (size_t i = 0; i < p->nblocks; i++) {
        enum sa_region r = p->blocks[i].region;
        pv->rindex[r][pv->rcount[r]++] = i;
    }

    if (b->links.n) {
        p->links = sa__arena_alloc(b->a, b->links.n * sizeof *p->links);
        if (!p->links) {
            oom(b);
            return;
        }
        for (size_t i = 0; i < b->links.n; i++) {
            p->links[i] = AT(b->links, struct link_tmp, i).l;
            if (!p->links[i].text) p->links[i].text = empty;
            if (!p->links[i].where) p->links[i].where = empty;
        }
        p->nlinks = b->links.n;
    }
    if (b->buttons.n) {
        p->buttons = sa__arena_alloc(b->a, b->buttons.n * sizeof *p->buttons);
        if (!p->buttons) {
            oom(b);
            return;
        }
        for (size_t i = 0; i < b->buttons.n; i++) {
            p->buttons[i] = AT(b->buttons, struct button_tmp, i).b;
            if (!p->buttons[i].text) p->buttons[i].text = empty;
            if (!p->buttons[i].where) p->buttons[i].where = empty;
        }
        p->nbuttons = b->buttons.n;
    }
    finish_forms(b);
    p->nimages = b->images.n;
    p->images = arena_copy(b, b->images.ptr, b->images.n, sizeof(struct sa_image));
    p->nmetas = b->metas.n;
    p->metas = arena_copy(b, b->metas.ptr, b->metas.n, sizeof(struct sa_meta));
    p->nitems = b->items.n;
    p->items = arena_copy(b, b->items.ptr, b->items.n, sizeof(struct sa_item));
    p->nscript_hosts = b->hosts.n;
    p->script_hosts = arena_copy(b, b->hosts.ptr, b->hosts.n, sizeof(const char *));
}

/* ---- language ---- */

/* The primary subtag of a language tag ("en-US" -> "en"), or NULL when it is not 2-3 letters
 * (templates leave things like "{{ lang }}" behind). */
static const char *primary_subtag(struct build *b, const char *tag)
{
    if (!tag) return NULL;
    while (is_ws((unsigned char)*tag)) tag++;
    char s[4];
    size_t n = 0;
    while (n < 4 && ((tag[n] >= 'a' && tag[n] <= 'z') || (tag[n] >= 'A' && tag[n] <= 'Z')))
        s[n] = (char)lower((unsigned char)tag[n]), n++;
    char end = tag[n];
    if (n < 2 || n > 3 || !(end == '\0' || end == '-' || end == '_' || end == ',' || is_ws(end)))
        return NULL;
    return adupn(b, s, n);
}

/* When the page does not say: the script most of its visible text is written in. Cyrillic
 * reads as "ru" (Ukrainian, Bulgarian and others share it; the lexicon's Cyrillic vocabulary
 * is Russian) and Latin as "en". Non-Latin letters count double, since a Thai or Russian shop
 * still shows Latin brand names and prices. */
static const char *script_lang(const struct sa_page *p)
{
    size_t thai = 0, greek = 0, armenian = 0, cyrillic = 0, latin = 0;
    for (int r = 0; r < SA_REGION_LAST; r++) {
        const unsigned char *s = (const unsigned char *)p->text[r].ptr;
        size_t n = p->text[r].len;
        for (size_t i = 0; i < n;) {
            unsigned c = s[i];
            if (c < 0x80) {
                latin += (c | 32) >= 'a' && (c | 32) <= 'z';
                i++;
                continue;
            }
            size_t k = sa__utf8_seq(s + i, n - i);
            if (!k) {
                i++;
                continue;
            }
            unsigned cp = k == 2 ? ((c & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu)
                          : k == 3
                              ? ((c & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu)
                              : 0x10000;
            if (cp >= 0x0E00 && cp <= 0x0E7F)
                thai++;
            else if ((cp >= 0x0370 && cp <= 0x03FF) || (cp >= 0x1F00 && cp <= 0x1FFF))
                greek++;
            else if ((cp >= 0x0530 && cp <= 0x058F) || (cp >= 0xFB13 && cp <= 0xFB17))
                armenian++;
            else if (cp >= 0x0400 && cp <= 0x04FF)
                cyrillic++;
            else if (cp >= 0x00C0 && cp <= 0x024F && cp != 0xD7 && cp != 0xF7)
                latin++;
            i += k;
        }
    }
    const char *best = "";
    size_t top = 0;
    struct {
        size_t n;
        const char *lang;
    } votes[] = {{thai * 2, "th"},
                 {greek * 2, "el"},
                 {armenian * 2, "hy"},
                 {cyrillic * 2, "ru"},
                 {latin, "en"}};
    for (size_t i = 0; i < sizeof votes / sizeof votes[0]; i++)
        if (votes[i].n > top) top = votes[i].n, best = votes[i].lang;
    return best;
}

static void decide_lang(struct build *b, xmlNode *root)
{
    struct sa_page *p = b->p;
    const char *l = NULL;
    if (root) {
        xmlChar *v = xmlGetProp(root, (const xmlChar *)"lang");
        if (!v) v = xmlGetProp(root, (const xmlChar *)"xml:lang");
        l = primary_subtag(b, (const char *)v);
        xmlFree(v);
    }
    if (!l) l = primary_subtag(b, b->fi->content_language);
    if (!l) l = primary_subtag(b, sa_page_meta(p, "content-language"));
    p->lang = l ? l : script_lang(p);
}

/* ---- kind ---- */

static int is_lang_segment(const char *s, size_t n)
{
    /* "en", "ru", "en-us", "pt_br", "zh-hans" */
    if (n < 2) return 0;
    for (size_t i = 0; i < 2; i++)
        if (!((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z')) return 0;
    if (n == 2) return 1;
    if ((s[2] != '-' && s[2] != '_') || n < 5 || n > 7) return 0;
    for (size_t i = 3; i < n; i++)
        if (!((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z')) return 0;
    return 1;
}

static int is_index_name(const char *s, size_t n)
{
    static const char *const names[] = {"index.html", "index.htm", "index.php", "default.aspx",
                                        NULL};
    for (size_t i = 0; names[i]; i++)
        if (strlen(names[i]) == n && strncmp(s, names[i], n) == 0) return 1;
    return 0;
}

static int is_home(const struct sa_page *p, const struct sa_fetch_info *fi)
{
    struct sa_url u;
    if (sa__url_split(p->url, strlen(p->url), &u) != SA_OK) return 0;
    if (u.query.ptr && u.query.len) return 0;
    const char *path = u.path.ptr ? u.path.ptr : "/";
    size_t n = u.path.ptr ? u.path.len : 1;
    size_t slash = n;
    while (slash > 0 && path[slash - 1] != '/') slash--;
    const char *last = path + slash;
    size_t lastn = n - slash;
    if (lastn && !is_index_name(last, lastn) && !(slash == 1 && is_lang_segment(last, lastn)))
        return 0;
    if (u.scheme.len == 4 && starts_nocase(u.scheme.ptr, "file")) {
        /* a static export: home is the start folder's index */
        char a[1024], c[1024];
        const char *root = fi->site_root ? fi->site_root : p->url;
        return sa__url_site_key(root, a, sizeof a) == SA_OK &&
               sa__url_site_key(p->url, c, sizeof c) == SA_OK && strcmp(a, c) == 0 &&
               (lastn == 0 || is_index_name(last, lastn));
    }
    /* the rest of the path must be "/" or "/xx/" */
    if (slash == 1) return 1;
    const char *seg = path + 1;
    size_t segn = slash - 2;
    return path[0] == '/' && memchr(seg, '/', segn) == NULL && is_lang_segment(seg, segn);
}

static int is_product_type(const char *t)
{
    return strcmp(t, "Product") == 0 || strcmp(t, "ProductGroup") == 0 ||
           strcmp(t, "IndividualProduct") == 0 || strcmp(t, "ProductModel") == 0;
}

/* The title's first segment: "Cart | Shop" -> "Cart". Titles end with the shop's name and
 * slogan, which would otherwise name every page. */
static size_t title_head(const char *t)
{
    static const char *const seps[] = {
        " | ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " - ", " :: ", " \xC2\xB7 ", " / ", NULL};
    size_t n = strlen(t);
    for (size_t i = 0; seps[i]; i++) {
        const char *s = strstr(t, seps[i]);
        if (s && (size_t)(s - t) < n) n = (size_t)(s - t);
    }
    return n;
}

/* Precedence, first match wins (each step is cheaper to trust than the next):
 *  1. home: the site root, "/index.html", or a language root ("/ru/", "/en/index.html");
 *  2. URL says cart, then checkout (Magento's cart is /checkout/cart);
 *  3. og:type=product, or exactly one Product item in the JSON-LD (else in the microdata);
 *  4. URL says contacts, delivery, returns, about, promo;
 *  5. URL says product, then category;
 *  6. several Product items (2+ in one source), 2+ top-level Offer items (listings marked up
 *     as offers) or an ItemList of 2+ -> category;
 *  7. h1, then the title's first segment, says cart, checkout, contacts, delivery, returns,
 *     about, promo (in that order);
 *  8. 6+ distinct links whose URL says product -> category;
 *  9. other.
 * Forms never decide the kind: a login form (password + e-mail) is not a checkout. */
/* sa_lexicon_find for the kind: 1 when text says c; running out of memory fails the build. */
static int says(struct build *b, enum sa_concept c, const char *text, size_t n)
{
    int rc = sa_lexicon_find(b->p->lex, c, text, n, NULL);
    if (rc < 0) b->err = rc;
    return rc == 1;
}

static enum sa_page_kind decide_kind(struct build *b, const struct sa_page *p,
                                     const struct sa_fetch_info *fi, const struct sa_lexicon *lex)
{
    if (is_home(p, fi)) return SA_KIND_HOME;
    if (lex && sa_lexicon_url_match(lex, SA_CONCEPT_CART, p->url) == 1) return SA_KIND_CART;
    if (lex && sa_lexicon_url_match(lex, SA_CONCEPT_CHECKOUT, p->url) == 1) return SA_KIND_CHECKOUT;

    size_t ld = 0, md = 0, list = 0, offers = 0;
    for (size_t i = 0; i < p->nitems; i++) {
        const struct sa_item *it = &p->items[i];
        if (is_product_type(it->type)) {
            if (strcmp(it->source, "json-ld") == 0)
                ld++;
            else
                md++;
        } else if (strcmp(it->type, "Offer") == 0) {
            offers++;
        } else if (strcmp(it->type, "ItemList") == 0) {
            const cJSON *e = cJSON_GetObjectItemCaseSensitive(it->json, "itemListElement");
            if (cJSON_GetArraySize(e) >= 2) list++;
        }
    }
    const char *og = sa_page_meta(p, "og:type");
    if (og && starts_nocase(og + strspn(og, " "), "product")) return SA_KIND_PRODUCT;
    if (ld == 1 || (ld == 0 && md == 1)) return SA_KIND_PRODUCT;

    static const struct {
        enum sa_concept c;
        enum sa_page_kind k;
    } info[] = {
        {SA_CONCEPT_CONTACTS, SA_KIND_CONTACT}, {SA_CONCEPT_DELIVERY, SA_KIND_DELIVERY},
        {SA_CONCEPT_RETURNS, SA_KIND_RETURNS},  {SA_CONCEPT_ABOUT, SA_KIND_ABOUT},
        {SA_CONCEPT_PROMO, SA_KIND_PROMO},
    };
    const size_t ninfo = sizeof info / sizeof info[0];
    if (lex) {
        for (size_t i = 0; i < ninfo; i++)
            if (sa_lexicon_url_match(lex, info[i].c, p->url) == 1) return info[i].k;
        if (sa_lexicon_url_match(lex, SA_CONCEPT_PRODUCT, p->url) == 1) return SA_KIND_PRODUCT;
        if (sa_lexicon_url_match(lex, SA_CONCEPT_CATEGORY, p->url) == 1) return SA_KIND_CATEGORY;
    }
    if (ld >= 2 || md >= 2 || offers >= 2 || list) return SA_KIND_CATEGORY;
    if (!lex) return SA_KIND_OTHER;

    static const struct {
        enum sa_concept c;
        enum sa_page_kind k;
    } said[] = {
        {SA_CONCEPT_CART, SA_KIND_CART},        {SA_CONCEPT_CHECKOUT, SA_KIND_CHECKOUT},
        {SA_CONCEPT_CONTACTS, SA_KIND_CONTACT}, {SA_CONCEPT_DELIVERY, SA_KIND_DELIVERY},
        {SA_CONCEPT_RETURNS, SA_KIND_RETURNS},  {SA_CONCEPT_ABOUT, SA_KIND_ABOUT},
        {SA_CONCEPT_PROMO, SA_KIND_PROMO},
    };
    /* a long h1 is a sentence, not a page name */
    size_t h1n = strlen(p->h1);
    if (h1n && h1n <= 120)
        for (size_t i = 0; i < sizeof said / sizeof said[0]; i++)
            if (says(b, said[i].c, p->h1, h1n)) return said[i].k;
    size_t tn = title_head(p->title);
    if (tn && tn <= 120)
        for (size_t i = 0; i < sizeof said / sizeof said[0]; i++)
            if (says(b, said[i].c, p->title, tn)) return said[i].k;

    const char *seen[6];
    size_t nseen = 0;
    for (size_t i = 0; i < p->nlinks && nseen < 6; i++) {
        const char *u = p->links[i].url;
        if (!u || sa_lexicon_url_match(lex, SA_CONCEPT_PRODUCT, u) != 1) continue;
        int dup = 0;
        for (size_t j = 0; j < nseen; j++)
            if (strcmp(seen[j], u) == 0) dup = 1;
        if (!dup) seen[nseen++] = u;
    }
    if (nseen >= 6) return SA_KIND_CATEGORY;
    return SA_KIND_OTHER;
}

/* ---- building and freeing ---- */

static void build_release(struct build *b)
{
    sa__free(b->fr);
    sa__buf_release(&b->run);
    sa__buf_release(&b->cap);
    for (int r = 0; r < SA_REGION_LAST; r++) sa__buf_release(&b->rtext[r]);
    struct vec *v[] = {&b->blocks, &b->links,  &b->buttons, &b->forms, &b->fields,
                       &b->labels, &b->images, &b->metas,   &b->items, &b->hosts};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) sa__free(v[i]->ptr);
}

static int fail(int rc, const char *stage, char *err, size_t errlen)
{
    if (err && errlen) snprintf(err, errlen, "%s: %s", stage, sa_strerror(rc));
    return rc;
}

int sa__page_build(const char *body, size_t len, const struct sa_fetch_info *fi,
                   const struct sa_lexicon *lex, struct sa_page **out, char *err, size_t errlen)
{
    if (err && errlen) err[0] = '\0';
    if (out) *out = NULL;
    if (!out || !fi || !fi->url) return fail(SA_EINVAL, "building page", err, errlen);
    struct page_box *box = sa__calloc(1, sizeof *box);
    if (!box) return fail(SA_ENOMEM, "building page", err, errlen);
    struct sa_page *p = &box->page;
    struct page_priv *pv = &box->priv;
    sa__arena_init(&pv->arena, 0);
    p->priv = pv;
    p->lex = lex;

    struct build b = {0};
    b.p = p;
    b.pv = pv;
    b.a = &pv->arena;
    b.fi = fi;
    sa__buf_init(&b.run, MAX_TEXT);
    sa__buf_init(&b.cap, MAX_TEXT);
    for (int r = 0; r < SA_REGION_LAST; r++) sa__buf_init(&b.rtext[r], MAX_TEXT);
    b.rtext_room = len < RTEXT_ROOM_MAX ? len : RTEXT_ROOM_MAX;

    int rc = SA_OK;
    const char *stage = "building page";
    p->url = adup(&b, fi->url);
    p->requested_url = adup(&b, fi->requested_url ? fi->requested_url : fi->url);
    p->content_type = adup(&b, fi->content_type ? fi->content_type : "");
    p->status = fi->status;
    p->ms = fi->ms;
    p->depth = fi->depth;
    p->truncated = fi->truncated;
    p->title = p->h1 = p->canonical = p->lang = empty;
    p->kind = SA_KIND_OTHER;
    for (int r = 0; r < SA_REGION_LAST; r++) p->text[r].ptr = empty;

    char cs[32];
    sa__charset_detect(body, len, fi->content_type, cs, sizeof cs);
    p->charset = adup(&b, cs);
    if (b.err) goto out;

    const char *utf8 = NULL;
    char *owned = NULL;
    size_t ulen = 0;
    rc = sa__charset_utf8_view(body, len, cs, &utf8, &ulen, &owned);
    if (rc != SA_OK) {
        stage = "decoding";
        goto out;
    }
    p->bytes = ulen;
    void *doc = NULL;
    rc = sa__html_parse(utf8, ulen, p->url, &doc);
    sa__free(owned);
    if (rc != SA_OK) {
        stage = "parsing";
        goto out;
    }
    p->dom = doc;

    xmlNode *root = xmlDocGetRootElement(doc);
    find_base(&b, root);
    b.base_dir = b.base ? sa__url_join_dir(b.base) : 0;
    walk(&b, root);
    if (!b.err) finish(&b);
    if (!b.err) decide_lang(&b, root);
    /* the texts are final: the lexicon may remember answers about them until sa__page_free */
    if (!b.err) sa__lexicon_page_begin(lex, p, p->text, SA_REGION_LAST);
    if (!b.err) p->kind = decide_kind(&b, p, fi, lex);
    rc = b.err;
out:
    if (!rc && b.err) rc = b.err;
    build_release(&b);
    if (rc != SA_OK) {
        sa__page_free(p);
        return fail(rc, stage, err, errlen);
    }
    *out = p;
    return SA_OK;
}

void sa__page_drop_dom(struct sa_page *p)
{
    if (!p || !p->dom) return;
    sa__html_free(p->dom);
    p->dom = NULL;
}

void sa__page_free(struct sa_page *p)
{
    if (!p) return;
    sa__lexicon_page_end(p->lex, p);
    sa__page_drop_dom(p);
    struct page_priv *pv = p->priv;
    if (pv) {
        for (size_t i = 0; i < pv->njson; i++) cJSON_Delete(pv->json[i]);
        sa__free(pv->json);
        for (int r = 0; r < SA_REGION_LAST; r++) sa__free(pv->text[r]);
        sa__arena_release(&pv->arena);
    }
    /* the page and its priv were one allocation (struct page_box) */
    sa__free(p);
}

/* ---- the checks' side ---- */

const char *sa_page_meta(const struct sa_page *p, const char *name)
{
    if (!p || !name) return NULL;
    for (size_t i = 0; i < p->nmetas; i++)
        if (p->metas[i].name && strcmp(p->metas[i].name, name) == 0) return p->metas[i].content;
    return NULL;
}

const struct sa_block *sa_page_block_at(const struct sa_page *p, enum sa_region r, size_t off)
{
    if (!p || (unsigned)r >= SA_REGION_LAST) return NULL;
    const struct page_priv *pv = p->priv;
    if (!pv) { /* a page put together by hand (tests): scan */
        for (size_t i = 0; i < p->nblocks; i++) {
            const struct sa_block *bl = &p->blocks[i];
            if (bl->region == r && off >= bl->off && off < bl->off + bl->len) return bl;
        }
        return NULL;
    }
    const size_t *idx = pv->rindex[r];
    size_t lo = 0, hi = pv->rcount[r];
    /* the last block starting at or before off */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->blocks[idx[mid]].off <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0) return NULL;
    const struct sa_block *bl = &p->blocks[idx[lo - 1]];
    return off < bl->off + bl->len ? bl : NULL;
}

int sa_page_find(const struct sa_page *p, enum sa_concept c, unsigned region_mask,
                 struct sa_hit *hit)
{
    if (!p || !p->lex) return 0;
    for (int r = 0; r < SA_REGION_LAST; r++) {
        if (!(region_mask & SA_REGION_BIT(r)) || !p->text[r].len) continue;
        struct sa_match m;
        int rc = sa_lexicon_find(p->lex, c, p->text[r].ptr, p->text[r].len, &m);
        if (rc < 0) return rc;
        if (rc == 1) {
            if (hit) {
                hit->region = (enum sa_region)r;
                hit->off = m.off;
                hit->len = m.len;
                hit->lang = m.lang;
                hit->block = sa_page_block_at(p, (enum sa_region)r, m.off);
            }
            return 1;
        }
    }
    return 0;
}
