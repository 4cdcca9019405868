/* readable_text: is the text a buyer has to read set so that it gets read? "Small or
 * unreadable fonts, tight line spacing and missing formatting make even useful text unread"
 * (RETENTION_CRITERIA.md, what the assessors grade, item 2). Without a layout engine we judge
 * what the markup itself says: font sizes below 12px in inline styles and in the page's own
 * <style> rules for body text, walls of text (one block of more than 1 500 characters with no
 * paragraph, heading or line break), and unbroken strings a phone cannot wrap. Stylesheets
 * linked from other files are not fetched, so a tiny font set there goes unseen. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "alloc.h"
#include "buf.h"
#include "check_util.h"
#include "html.h"
#include "utf8.h"

/* Below 12px (9pt, 0.75em of the usual 16px) text is small print; the page model uses the
 * same line for SA_BLOCK_SMALL. */
#define TINY_PX 12.0
#define ROOT_PX 16.0 /* the browsers' default root font size */
/* A tiny badge, price or "© 2025" is no body text: only runs of this many characters count. */
#define TINY_MIN_CHARS 40
/* About a screen of a phone: a block longer than this with no paragraph break is a wall. */
#define WALL_CHARS 1500
/* A phone line holds about 40 characters at 16px; a string of 50 with no place to wrap
 * overflows the screen or forces zooming. */
#define UNBROKEN_CHARS 50
#define EV_PER_KIND    3 /* evidence items per page and kind, so that other pages get cited */
#define CSS_DEPTH      4 /* nesting of @media / @supports blocks we follow */
#define CSS_MAX        (1u << 20) /* bytes of one <style> element we read */
#define CSS_RULES_MAX  (1u << 16) /* rules of a page judged: 2 MiB of list at most */

enum kind { K_TINY, K_WALL, K_UNBROKEN, K_LAST };
static const char *const kind_name[K_LAST] = {"tiny fonts", "walls of text", "unbroken strings"};

/* The style sheets of the last page that had any, and the findings they gave: a shop's pages
 * share one theme, so the next page's sheets are most often the same bytes, and their findings
 * are replayed instead of read again (a theme's inline CSS is tens of kilobytes a page). */
struct css_memo {
    struct sa_buf key;   /* each sheet read: its where, '\0', its bytes, '\0' */
    struct sa_buf found; /* the findings, in order: where, '\0', snippet, '\0' */
    int valid;
};

struct state {
    size_t pages, bad, kind_pages[K_LAST];
    struct sa_evidence_list good, bad_ev;
    struct css_memo css;
};

/* What one page gave. */
struct pagecheck {
    const struct sa_page *p;
    struct state *st;
    unsigned kinds;
    size_t nev[K_LAST];
};

/* Adds an item unless the same where and snippet is already there: one site-wide stylesheet
 * rule is cited once, not on every page, and from the smallest URL that shows it, whatever
 * order pages arrive in. */
static void add_once(struct sa_evidence_list *l, const char *url, const char *where,
                     const char *snippet)
{
    for (size_t i = 0; i < l->n; i++) {
        struct sa_evidence *e = &l->items[i];
        if (strcmp(e->where, where) != 0 || strcmp(e->snippet, snippet) != 0) continue;
        if (strcmp(url, e->url) < 0) {
            char *u = sa__strdup(url);
            if (u) {
                sa__free(e->url);
                e->url = u;
            }
        }
        return;
    }
    sa_evidence_add(l, url, where, snippet);
}

static void problem(struct pagecheck *pc, enum kind k, const char *where, const char *snippet)
{
    pc->kinds |= 1u << k;
    if (pc->nev[k]++ < EV_PER_KIND) add_once(&pc->st->bad_ev, pc->p->url, where, snippet);
}

/* "prefix text…", the text cut to max bytes on a character boundary. */
static void snip(char *buf, size_t n, const char *prefix, const char *t, size_t len, size_t max)
{
    size_t k = len > max ? sa__utf8_floor(t, len, max) : len;
    snprintf(buf, n, "%s%.*s%s", prefix, (int)k, t, k < len ? "…" : "");
}

/* ---- inline styles, through the page model ---- */

/* The last step's tag of a CSS-like path: "p" for "main > div.desc > p.note". */
static int last_tag_is(const char *where, const char *tag)
{
    const char *s = strrchr(where, '>');
    s = s ? s + 1 : where;
    while (*s == ' ') s++;
    size_t k = strcspn(s, ".#[ ");
    return k == strlen(tag) && strncmp(s, tag, k) == 0;
}

/* SA_BLOCK_SMALL marks <small>, <sub>, <sup> and inline font sizes below 12px. The first three
 * are the browser's "smaller" (about 13px) and are meant as fine print; an inline style or
 * <font size=1> on running text is a tiny font. */
static void inline_tiny(struct pagecheck *pc)
{
    const struct sa_page *p = pc->p;
    for (size_t i = 0; i < p->nblocks; i++) {
        const struct sa_block *b = &p->blocks[i];
        if (!(b->flags & SA_BLOCK_SMALL)) continue;
        if (last_tag_is(b->where, "small") || last_tag_is(b->where, "sub") ||
            last_tag_is(b->where, "sup"))
            continue;
        const char *t = p->text[b->region].ptr + b->off;
        if (sa__utf8_chars(t, b->len) < TINY_MIN_CHARS) continue;
        char buf[SA_SNIPPET_MAX];
        snip(buf, sizeof buf, "font below 12px: ", t, b->len, 120);
        problem(pc, K_TINY, b->where, buf);
    }
}

/* ---- <style> rules, through the DOM ---- */

/* Lower-case words in a selector that mark text meant to be small, not body text. */
static const char *const css_not_body[] = {
    "footer",  "copyright", "legal", "disclaimer", "small",      "sup",  "sub",
    "caption", "badge",     "label", "tooltip",    "breadcrumb", "note", "hint",
    "muted",   "meta",      "tag",   "fine",       NULL,
};
/* Elements and class-name parts that hold body text. */
static const char *const css_body_tags[] = {"body",    "p",    "li",         "dd", "td",
                                            "article", "main", "blockquote", "*",  NULL};
static const char *const css_body_words[] = {"description", "desc",  "content", "text",
                                             "article",     "entry", "rte",     "post",
                                             "story",       "prose", NULL};

static int ci_find(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    for (size_t i = 0; i + k <= n; i++)
        if (strncasecmp(s + i, w, k) == 0) return 1;
    return 0;
}

/* 1 when one selector of a list targets body text: its subject (the part after the last
 * combinator) is a body-text element or has a class/id naming body text, and nothing in it
 * says small print. */
static int body_selector(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\n' || *s == '\t')) s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t')) n--;
    if (!n || ci_find(s, n, "::") || ci_find(s, n, ":before") || ci_find(s, n, ":after") ||
        ci_find(s, n, ":first-letter"))
        return 0;
    for (size_t i = 0; css_not_body[i]; i++)
        if (ci_find(s, n, css_not_body[i])) return 0;
    size_t start = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == ' ' || s[i] == '>' || s[i] == '+' || s[i] == '~') start = i + 1;
    const char *subj = s + start;
    size_t sn = n - start;
    size_t tn = 0;
    while (tn < sn && subj[tn] != '.' && subj[tn] != '#' && subj[tn] != ':' && subj[tn] != '[')
        tn++;
    for (size_t i = 0; css_body_tags[i]; i++)
        if (tn == strlen(css_body_tags[i]) && strncasecmp(subj, css_body_tags[i], tn) == 0)
            return 1;
    if (tn == sn) return 0;
    for (size_t i = 0; css_body_words[i]; i++)
        if (ci_find(subj + tn, sn - tn, css_body_words[i])) return 1;
    return 0;
}

/* A CSS length as px, relative units against base; -1 when it cannot be told (calc(), var(),
 * vw: they depend on the screen). */
static double css_px(const char *v, size_t n, double base, double root)
{
    /* lengths kept with the names: a page's styles ask thousands of values */
#define K(s) s, sizeof s - 1
    static const struct {
        const char *k;
        size_t n;
        double px;
    } keys[] = {{K("xx-small"), 9}, {K("x-small"), 10}, {K("small"), 13},    {K("medium"), 16},
                {K("large"), 18},   {K("x-large"), 24}, {K("xx-large"), 32}, {K("xxx-large"), 48},
                {K("smaller"), -2}, {K("larger"), -3}};
    if (n && (v[0] | 0x20) >= 'a' && (v[0] | 0x20) <= 'z')
        for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
            if (n == keys[i].n && strncasecmp(v, keys[i].k, n) == 0)
                return keys[i].px == -2 ? base * 0.833 : keys[i].px == -3 ? base * 1.2 : keys[i].px;
    double x = 0, scale = 1;
    size_t i = 0;
    int any = 0;
    while (i < n && v[i] >= '0' && v[i] <= '9') x = x * 10 + (v[i++] - '0'), any = 1;
    if (i < n && v[i] == '.') {
        i++;
        while (i < n && v[i] >= '0' && v[i] <= '9')
            scale /= 10, x += (v[i++] - '0') * scale, any = 1;
    }
    if (!any) return -1;
    const char *u = v + i;
    size_t un = n - i;
    static const struct {
        const char *u;
        size_t n;
        double f;
        int rel; /* 0 absolute, 1 of base, 2 of root */
    } units[] = {{K("px"), 1, 0},   {K("pt"), 4.0 / 3, 0},   {K("pc"), 16, 0},
                 {K("in"), 96, 0},  {K("cm"), 96 / 2.54, 0}, {K("mm"), 96 / 25.4, 0},
                 {K("rem"), 1, 2},  {K("em"), 1, 1},         {K("%"), 0.01, 1},
                 {K("ex"), 0.5, 1}, {K("ch"), 0.5, 1}};
#undef K
    for (size_t k = 0; k < sizeof units / sizeof *units; k++)
        if (un == units[k].n && strncasecmp(u, units[k].u, un) == 0)
            return x * units[k].f * (units[k].rel == 1 ? base : units[k].rel == 2 ? root : 1);
    return -1;
}

/* The size in a font shorthand: "italic bold 11px/1.4 Arial" -> 11px. */
static double font_shorthand_px(const char *v, size_t n, double base, double root)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && v[i] == ' ') i++;
        size_t s = i;
        while (i < n && v[i] != ' ' && v[i] != '/' && v[i] != ',') i++;
        double px = css_px(v + s, i - s, base, root);
        if (px >= 0) return px;
        if (i < n && (v[i] == '/' || v[i] == ',')) return -1; /* past the size */
    }
    return -1;
}

/* The bytes block_end stops at outside quotes. */
static const unsigned char css_stop[256] = {['"'] = 1, ['\''] = 1, ['{'] = 1, ['}'] = 1};

/* Index just past the block that opens at s[i] == '{', quotes and nesting respected. */
static size_t block_end(const char *s, size_t n, size_t i)
{
    int depth = 0;
    char q = 0;
    for (; i < n; i++) {
        /* declarations pass a table lookup a byte (every page's style sheets go through here) */
        while (!q && i < n && !css_stop[(unsigned char)s[i]]) i++;
        if (i == n) break;
        char c = s[i];
        if (q) {
            if (c == '\\')
                i++;
            else if (c == q)
                q = 0;
        } else if (c == '"' || c == '\'') {
            q = c;
        } else if (c == '{') {
            depth++;
        } else if (c == '}' && --depth == 0) {
            return i + 1;
        }
    }
    return n;
}

struct css {
    struct pagecheck *pc;
    char where[32];
    double root;
    int pass;             /* 0: read the root size; 1: judge */
    struct sa_buf *found; /* where the findings are also written down; NULL: nowhere */
};

/* The font size a declaration block sets, in px, or -1; decl receives the declaration. */
static double rule_px(const struct css *c, const char *s, size_t n, const char **decl,
                      size_t *decln)
{
    double px = -1;
    size_t i = 0;
    while (i < n) {
        size_t d = i;
        while (i < n && s[i] != ';' && s[i] != '{') i++;
        size_t e = i;
        if (i < n && s[i] == '{') { /* a nested rule: not ours */
            i = block_end(s, n, i);
            continue;
        }
        i++;
        while (d < e && (s[d] == ' ' || s[d] == '\n' || s[d] == '\t' || s[d] == '\r')) d++;
        while (e > d &&
               (s[e - 1] == ' ' || s[e - 1] == '\n' || s[e - 1] == '\t' || s[e - 1] == '\r'))
            e--;
        const char *colon = memchr(s + d, ':', e - d);
        if (!colon) continue;
        size_t pn = (size_t)(colon - (s + d));
        while (pn && s[d + pn - 1] == ' ') pn--;
        const char *v = colon + 1;
        size_t vn = (size_t)(s + e - v);
        while (vn && *v == ' ') v++, vn--;
        const char *bang = memchr(v, '!', vn);
        if (bang) vn = (size_t)(bang - v);
        while (vn && v[vn - 1] == ' ') vn--;
        double x = -1;
        if (pn == 9 && strncasecmp(s + d, "font-size", 9) == 0)
            x = css_px(v, vn, c->root, c->root);
        else if (pn == 4 && strncasecmp(s + d, "font", 4) == 0)
            x = font_shorthand_px(v, vn, c->root, c->root);
        if (x >= 0) { /* the last one wins, as in CSS */
            px = x;
            *decl = s + d;
            *decln = e - d;
        }
    }
    return px;
}

static void css_rule(struct css *c, const char *sel, size_t sn, const char *body, size_t bn)
{
    while (sn && (*sel == ' ' || *sel == '\n' || *sel == '\t')) sel++, sn--;
    while (sn && (sel[sn - 1] == ' ' || sel[sn - 1] == '\n' || sel[sn - 1] == '\t')) sn--;
    const char *decl = NULL;
    size_t decln = 0;
    if (c->pass == 0) {
        /* html { font-size: 62.5% } sets the rem unit; it is not judged itself, since themes
         * that shrink the root set body text in rem right after */
        if ((sn == 4 && strncasecmp(sel, "html", 4) == 0) ||
            (sn == 5 && strncasecmp(sel, ":root", 5) == 0)) {
            double before = c->root;
            c->root = ROOT_PX; /* the root's own % and em are of the browser default */
            double x = rule_px(c, body, bn, &decl, &decln);
            c->root = x > 0 ? x : before;
        }
        return;
    }
    double px = rule_px(c, body, bn, &decl, &decln);
    if (px <= 0 || px >= TINY_PX) return; /* 0 hides text (a layout trick), it is not small */
    int body_text = 0;
    for (size_t i = 0, s = 0; i <= sn && !body_text; i++)
        if (i == sn || sel[i] == ',') {
            body_text = body_selector(sel + s, i - s);
            s = i + 1;
        }
    if (!body_text) return;
    char buf[SA_SNIPPET_MAX];
    size_t k = sn > 100 ? sa__utf8_floor(sel, sn, 100) : sn;
    size_t dk = decln > 80 ? sa__utf8_floor(decl, decln, 80) : decln;
    snprintf(buf, sizeof buf, "%.*s%s { %.*s }", (int)k, sel, k < sn ? "…" : "", (int)dk, decl);
    problem(c->pc, K_TINY, c->where, buf);
    if (c->found && (sa__buf_append(c->found, c->where, strlen(c->where) + 1) != SA_OK ||
                     sa__buf_append(c->found, buf, strlen(buf) + 1) != SA_OK))
        c->found = NULL; /* released: the memo is not kept */
}

/* The plain rules of the sheets, in document order: read once, then judged in two passes
 * (reading them anew for the second pass was a third of the check's time on the bench shop). */
struct rule {
    const char *sel, *body;
    size_t sn, bn;
};

static size_t rules_n(const struct sa_buf *r)
{
    return r->len / sizeof(struct rule);
}

/* The list is a buffer of rules (made with room for CSS_RULES_MAX and the buffer's NUL); a
 * full one refuses more and keeps what it holds, where the buffer would let it all go. */
static int rule_push(struct sa_buf *r, const char *sel, size_t sn, const char *body, size_t bn)
{
    struct rule x = {sel, body, sn, bn};
    if (rules_n(r) == CSS_RULES_MAX)
        return SA_ETOOBIG; /* a hostile page: "a{}" a rule in 3 bytes */
    return sa__buf_append(r, &x, sizeof x);
}

/* Walks a rule list: plain rules, and the at-rules that hold rules (screen media, supports,
 * layers). Print-only media and @font-face, @keyframes and the like are skipped. */
static int css_rules(struct sa_buf *r, const char *s, size_t n, int depth)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')) i++;
        size_t pre = i;
        char q = 0;
        while (i < n) {
            char ch = s[i];
            if (q) {
                if (ch == '\\')
                    i++;
                else if (ch == q)
                    q = 0;
            } else if (ch == '"' || ch == '\'') {
                q = ch;
            } else if (ch == '{' || ch == ';' || ch == '}') {
                break;
            }
            i++;
        }
        if (i >= n) break;
        if (s[i] != '{') { /* @import ...; or a stray brace */
            i++;
            continue;
        }
        size_t open = i, end = block_end(s, n, i);
        const char *body = s + open + 1;
        size_t bn = end > open + 1 ? end - open - 2 : 0;
        if (end == n && s[n - 1] != '}') bn = n - open - 1;
        size_t pn = open - pre;
        if (pn && s[pre] == '@') {
            int media = ci_find(s + pre, pn, "@media");
            int print_only = media && ci_find(s + pre, pn, "print") &&
                             !ci_find(s + pre, pn, "screen") && !ci_find(s + pre, pn, "all");
            if (depth < CSS_DEPTH && !print_only &&
                (media || ci_find(s + pre, pn, "@supports") || ci_find(s + pre, pn, "@layer") ||
                 ci_find(s + pre, pn, "@container"))) {
                int rc = css_rules(r, body, bn, depth + 1);
                if (rc != SA_OK) return rc;
            }
        } else {
            int rc = rule_push(r, s + pre, pn, body, bn);
            if (rc != SA_OK) return rc;
        }
        i = end;
    }
    return SA_OK;
}

static int attr_has(xmlNode *e, const char *name, const char *word)
{
    xmlChar *v = xmlGetProp(e, (const xmlChar *)name);
    int r = v && ci_find((const char *)v, strlen((const char *)v), word);
    xmlFree(v);
    return r;
}

/* One <style> element to read: its text with comments blanked out. */
struct sheet {
    char *css;
    size_t n;
    char where[32];
};

/* The screen style sheets of the page, in document order; 0 when there is none or memory ran
 * out (nothing is then judged, as before). */
static size_t sheets_of(xmlDoc *doc, struct sheet **out)
{
    *out = NULL;
    xmlXPathContext *ctx = sa__xpath_context(doc);
    xmlXPathObject *res = sa__xpath_eval(ctx, "//style");
    size_t n = 0;
    int total = res && res->nodesetval ? res->nodesetval->nodeNr : 0;
    struct sheet *v = total > 0 ? sa__calloc((size_t)total, sizeof *v) : NULL;
    for (int i = 0; v && i < total; i++) {
        xmlNode *e = res->nodesetval->nodeTab[i];
        /* a print stylesheet is not what a buyer reads on screen */
        if (attr_has(e, "media", "print") && !attr_has(e, "media", "screen")) continue;
        xmlChar *css = xmlNodeGetContent(e);
        if (!css) continue;
        size_t len = strlen((const char *)css);
        if (len > CSS_MAX) len = CSS_MAX;
        /* comments out, so that a commented-out rule is not read */
        char *t = sa__strndup((const char *)css, len);
        xmlFree(css);
        if (!t) continue;
        for (size_t k = 0; k + 1 < len; k++) {
            const char *slash = memchr(t + k, '/', len - 1 - k); /* a "/" before the last byte */
            if (!slash) break;
            k = (size_t)(slash - t);
            if (t[k + 1] == '*') {
                size_t j = k + 2;
                while (j + 1 < len && !(t[j] == '*' && t[j + 1] == '/')) j++;
                size_t stop = j + 1 < len ? j + 2 : len;
                memset(t + k, ' ', stop - k);
                k = stop - 1;
            }
        }
        v[n] = (struct sheet){.css = t, .n = len};
        snprintf(v[n].where, sizeof v[n].where, "(//style)[%d]", i + 1);
        n++;
    }
    xmlXPathFreeObject(res);
    xmlXPathFreeContext(ctx);
    if (!n) sa__free(v);
    *out = n ? v : NULL;
    return n;
}

/* The sheets as the memo's key; SA_OK or an error (the memo is then not used). */
static int sheets_key(const struct sheet *v, size_t n, struct sa_buf *key)
{
    sa__buf_init(key, SIZE_MAX);
    int rc = SA_OK;
    for (size_t i = 0; i < n && rc == SA_OK; i++) {
        rc = sa__buf_append(key, v[i].where, strlen(v[i].where) + 1);
        if (rc == SA_OK) rc = sa__buf_append(key, v[i].css, v[i].n);
        if (rc == SA_OK) rc = sa__buf_append(key, "", 1);
    }
    return rc;
}

static void style_rules(struct pagecheck *pc)
{
    xmlDoc *doc = pc->p->dom;
    if (!doc) return;
    struct sheet *v;
    size_t n = sheets_of(doc, &v);
    if (!n) return;
    struct css_memo *mo = &pc->st->css;
    struct sa_buf key;
    int keyed = sheets_key(v, n, &key) == SA_OK;
    if (keyed && mo->valid && key.len == mo->key.len &&
        memcmp(key.ptr, mo->key.ptr, key.len) == 0) {
        /* the same sheets as last time: the same findings, in the same order */
        for (size_t at = 0; at < mo->found.len;) {
            const char *where = mo->found.ptr + at, *snippet = where + strlen(where) + 1;
            problem(pc, K_TINY, where, snippet);
            at = (size_t)(snippet + strlen(snippet) + 1 - mo->found.ptr);
        }
        sa__buf_release(&key);
    } else {
        mo->valid = 0;
        sa__buf_release(&mo->key);
        sa__buf_release(&mo->found);
        sa__buf_init(&mo->found, SIZE_MAX);
        struct sa_buf *found = keyed ? &mo->found : NULL;
        double root = ROOT_PX; /* read in pass 0, used in pass 1 */
        struct sa_buf r;
        sa__buf_init(&r, CSS_RULES_MAX * sizeof(struct rule) + 1);
        size_t *first = sa__calloc(n + 1, sizeof *first); /* sheet i's rules: first[i].. */
        int rc = first ? SA_OK : SA_ENOMEM;
        for (size_t i = 0; i < n && rc == SA_OK; i++) {
            first[i] = rules_n(&r);
            rc = css_rules(&r, v[i].css, v[i].n, 0);
            if (rc == SA_ETOOBIG) { /* the first CSS_RULES_MAX rules are judged */
                for (size_t j = i + 1; j < n; j++) first[j] = rules_n(&r);
                rc = SA_OK;
                break;
            }
        }
        if (rc == SA_OK) first[n] = rules_n(&r);
        for (int pass = 0; pass < 2 && rc == SA_OK; pass++)
            for (size_t i = 0; i < n; i++) {
                struct css c = {.pc = pc, .root = root, .pass = pass, .found = found};
                memcpy(c.where, v[i].where, sizeof c.where);
                const struct rule *rv = (const struct rule *)r.ptr;
                for (size_t j = first[i]; j < first[i + 1]; j++)
                    css_rule(&c, rv[j].sel, rv[j].sn, rv[j].body, rv[j].bn);
                root = c.root;
                if (!c.found) found = NULL;
            }
        if (rc != SA_OK) found = NULL; /* nothing judged: nothing to remember */
        sa__free(first);
        sa__buf_release(&r);
        if (keyed && found) {
            mo->key = key; /* taken over */
            mo->valid = 1;
        } else {
            sa__buf_release(&key);
            sa__buf_release(&mo->found);
        }
    }
    for (size_t i = 0; i < n; i++) sa__free(v[i].css);
    sa__free(v);
}

/* ---- walls of text and unbroken strings ---- */

/* Line breaks inside the element a block came from: <br> is collapsed into a space in the page
 * model, but "<br><br>" is how many shop descriptions make paragraphs. */
static size_t breaks_in(const struct sa_page *p, const struct sa_block *b)
{
    xmlDoc *doc = p->dom;
    if (!doc) return 0;
    size_t best = 0;
    xmlXPathContext *ctx = sa__xpath_context(doc);
    xmlXPathObject *res = sa__xpath_eval(ctx, "//*[br]");
    for (int i = 0; res && res->nodesetval && i < res->nodesetval->nodeNr; i++) {
        xmlNode *e = res->nodesetval->nodeTab[i];
        char w[512];
        sa__dom_where(e, w, sizeof w);
        if (strcmp(w, b->where) != 0) continue;
        size_t k = 0;
        for (xmlNode *c = e->children; c; c = c->next)
            k += c->type == XML_ELEMENT_NODE && xmlStrcasecmp(c->name, (const xmlChar *)"br") == 0;
        if (k > best) best = k;
    }
    xmlXPathFreeObject(res);
    xmlXPathFreeContext(ctx);
    return best;
}

/* A code point where a browser may wrap a line: spaces, hyphens and dashes, and the letters of
 * scripts written without spaces (Thai, Lao, Khmer, Myanmar, CJK), which browsers break by
 * dictionary or anywhere. */
static int breakable(unsigned cp)
{
    return cp <= 0x20 || cp == '-' || cp == 0xAD || (cp >= 0x2000 && cp <= 0x200B) ||
           cp == 0x2010 || (cp >= 0x2012 && cp <= 0x2014) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x3000 || (cp >= 0x0E00 && cp <= 0x0EFF) || (cp >= 0x1000 && cp <= 0x109F) ||
           (cp >= 0x1780 && cp <= 0x17FF) || (cp >= 0x2E80 && cp <= 0x9FFF) ||
           (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFF00 && cp <= 0xFFEF);
}

static unsigned decode(const char *s, size_t n, size_t *len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k = sa__utf8_seq(u, n);
    *len = k ? k : 1;
    if (k <= 1) return u[0];
    unsigned cp = u[0] & (0xFF >> (k + 1));
    for (size_t i = 1; i < k; i++) cp = (cp << 6) | (u[i] & 0x3F);
    return cp;
}

/* 0 when every UNBROKEN_CHARS bytes of t hold a space or a hyphen, so no run of that many
 * characters can lack a place to wrap: the character walk below is then skipped. Windows are
 * tried from their last byte backwards, and the break found there moves the next window past
 * it, so a text with a space every few bytes is read a byte in six or so. */
static int maybe_unbroken(const char *t, size_t len)
{
    const unsigned char *u = (const unsigned char *)t;
    size_t j = 0;
    while (j + UNBROKEN_CHARS <= len) {
        size_t x = j + UNBROKEN_CHARS;
        while (x > j && u[x - 1] > 0x20 && u[x - 1] != '-') x--;
        if (x == j) return 1;
        j = x;
    }
    return 0;
}

static void text_blocks(struct pagecheck *pc, size_t *longest)
{
    const struct sa_page *p = pc->p;
    for (size_t i = 0; i < p->nblocks; i++) {
        const struct sa_block *b = &p->blocks[i];
        if (b->region != SA_REGION_MAIN) continue;
        const char *t = p->text[b->region].ptr + b->off;
        size_t chars = sa__utf8_chars(t, b->len);
        if (chars > *longest) *longest = chars;
        char buf[SA_SNIPPET_MAX];
        if (chars > WALL_CHARS && !(b->flags & SA_BLOCK_HEADING) &&
            chars / (breaks_in(p, b) + 1) > WALL_CHARS) {
            char prefix[80];
            snprintf(prefix, sizeof prefix, "%zu characters without a paragraph break: ", chars);
            snip(buf, sizeof buf, prefix, t, b->len, 100);
            problem(pc, K_WALL, b->where, buf);
        }
        if (!maybe_unbroken(t, b->len)) continue;
        size_t run = 0, run_start = 0, k = 1;
        for (size_t j = 0; j <= b->len; j += k) {
            unsigned char c0 = j < b->len ? (unsigned char)t[j] : ' ';
            int brk;
            if (c0 < 0x80) { /* most of a page's text: no decoding, two comparisons */
                k = 1;
                brk = c0 <= 0x20 || c0 == '-';
            } else {
                brk = breakable(decode(t + j, b->len - j, &k));
            }
            if (!brk) {
                if (!run++) run_start = j;
                continue;
            }
            if (run >= UNBROKEN_CHARS) {
                char prefix[80];
                snprintf(prefix, sizeof prefix, "%zu characters without a place to wrap: ", run);
                snip(buf, sizeof buf, prefix, t + run_start, j - run_start, 100);
                problem(pc, K_UNBROKEN, b->where, buf);
                break; /* one per block is enough to show it */
            }
            run = 0;
        }
    }
}

static void observe(void *vs, const struct sa_page *p)
{
    struct state *st = vs;
    st->pages++;
    struct pagecheck pc = {.p = p, .st = st};
    size_t longest = 0;
    inline_tiny(&pc);
    style_rules(&pc);
    text_blocks(&pc, &longest);
    if (pc.kinds) {
        st->bad++;
        for (int k = 0; k < K_LAST; k++) st->kind_pages[k] += (pc.kinds >> k) & 1;
    } else {
        char msg[160];
        snprintf(msg, sizeof msg,
                 "no tiny font, wall of text or unbroken string; longest text block %zu "
                 "characters",
                 longest);
        sa_evidence_add(&st->good, p->url, "main", msg);
    }
}

static void finish(void *vs, const struct sa_site *site, struct sa_verdict *out)
{
    struct state *st = vs;
    size_t n = st->pages;
    char kinds[96] = "";
    for (int k = 0; k < K_LAST; k++)
        if (st->kind_pages[k])
            snprintf(kinds + strlen(kinds), sizeof kinds - strlen(kinds), "%s%s",
                     kinds[0] ? ", " : "", kind_name[k]);
    if (n == 0) {
        sa_verdict_set(out, SA_STATUS_NOT_APPLICABLE, 0, "No page was audited.");
        sa_verdict_recommend(out, "%s", "");
        sa_evidence_add(&out->evidence, site->start_url ? site->start_url : "", "site",
                        "no HTML page");
    } else if (st->bad == 0) {
        sa_verdict_set(out, SA_STATUS_PASS, 1,
                       "No tiny fonts, walls of text or unbroken strings were found on the %zu "
                       "page(s) audited.",
                       n);
        sa_verdict_recommend(out, "%s", "");
    } else {
        /* most pages: a site-wide habit, not a slip on a few pages */
        int most = st->bad * 2 > n;
        sa_verdict_set(out, most ? SA_STATUS_FAIL : SA_STATUS_PARTIAL,
                       most ? 0 : 1 - (double)st->bad / (double)n,
                       "Text is hard to read on %zu of %zu page(s): %s.", st->bad, n, kinds);
        sa_verdict_recommend(out, "Set body text at 16px and never below 12px, split long "
                                  "descriptions into short paragraphs under headings, and let "
                                  "long links and codes wrap: small or unreadable fonts, tight "
                                  "line spacing and missing formatting make even useful text "
                                  "unread.");
    }
    sa_evidence_move(&out->evidence, &st->bad_ev);
    sa_evidence_move(&out->evidence, &st->good);
    sa__buf_release(&st->css.key);
    sa__buf_release(&st->css.found);
}

const struct sa_check sa_check_readable_text = {
    .id = "readable_text",
    .title = "Text set to be read",
    .category = "basics",
    /* RETENTION_CRITERIA.md, what the assessors grade on every site, item 2: unreadable fonts
     * and missing formatting leave even useful text unread. No survey puts a share on it, and
     * it hurts less than an insecure or unzoomable page, so it weighs less than those. */
    .weight = 0.15,
    .state_size = sizeof(struct state),
    .observe = observe,
    .finish = finish,
};
