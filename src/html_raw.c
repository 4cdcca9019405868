/* Script, style and plain text taken out of a document before libxml2 parses it, and put back
 * after (see html_raw.h for why). The reader below follows libxml2 2.9.14's HTML parser only as
 * far as it must to know where each script and style text begins and ends, and which text
 * follows markup: comments, the doctype, processing instructions, end tags, and start tags with
 * their attributes, quoted or not. Where it is not sure to read as libxml2 does (an unterminated
 * quote or comment, a quoted doctype it cannot pair, a name past libxml2's 100 bytes, a text
 * libxml2 would change as it copies it) it takes nothing, and the document is parsed as it is.
 * What it gets wrong despite that, the restore catches. */
#include "html_raw.h"

#include <string.h>

#include <libxml/tree.h>

#include "alloc.h"
#include "shopaudit/common.h"

/* A text shorter than this costs libxml2 less than its marker's node costs us. */
#define RAW_MIN_TEXT 64
/* A run of plain text shorter than this costs libxml2 less than the call that gives it back. */
#define RAW_MIN_RUN 16
/* Below this in all, the copy of the document costs more than the reading it saves. */
#define RAW_MIN_TOTAL 1024
/* htmlParseHTMLName stops at HTML_PARSER_BUFFER_SIZE bytes and reads on from there. */
#define LIBXML_NAME_MAX 100
#define GIVE_UP         SIZE_MAX

static int blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int letter(unsigned char c)
{
    return (unsigned char)((c | 0x20) - 'a') < 26;
}

/* A tag or attribute name as htmlParseHTMLName reads it: its length at s[i], 0 for none. */
static size_t name_len(const unsigned char *s, size_t i, size_t len)
{
    if (i >= len || !(letter(s[i]) || s[i] == '_' || s[i] == ':' || s[i] == '.')) return 0;
    size_t j = i + 1;
    while (j < len && (letter(s[j]) || (s[j] >= '0' && s[j] <= '9') || s[j] == ':' || s[j] == '-' ||
                       s[j] == '_' || s[j] == '.'))
        j++;
    return j - i;
}

static int same_nocase(const unsigned char *s, size_t len, const char *word)
{
    size_t n = strlen(word);
    if (len < n) return 0;
    for (size_t i = 0; i < n; i++)
        if ((s[i] | (letter(s[i]) ? 0x20 : 0)) != (unsigned char)word[i]) return 0;
    return 1;
}

static size_t skip_blanks(const unsigned char *s, size_t i, size_t len)
{
    while (i < len && blank(s[i])) i++;
    return i;
}

/* Past the first '>' at or after s[i]. */
static size_t past_gt(const unsigned char *s, size_t i, size_t len)
{
    const unsigned char *gt = i < len ? memchr(s + i, '>', len - i) : NULL;
    return gt ? (size_t)(gt - s) + 1 : GIVE_UP;
}

static int tag_close(const unsigned char *s, size_t i, size_t len)
{
    return s[i] == '>' || (s[i] == '/' && i + 1 < len && s[i + 1] == '>');
}

/* Where htmlParseStartTag stops reading the attributes that begin at s[i]: the '>' or "/>"
 * that closes the tag. */
static size_t attrs_end(const unsigned char *s, size_t i, size_t len)
{
    i = skip_blanks(s, i, len);
    while (i < len && !tag_close(s, i, len)) {
        size_t n = name_len(s, i, len);
        if (n >= LIBXML_NAME_MAX) return GIVE_UP;
        if (n) {
            i = skip_blanks(s, i + n, len);
            if (i < len && s[i] == '=') {
                i = skip_blanks(s, i + 1, len);
                if (i < len && (s[i] == '"' || s[i] == '\'')) {
                    const unsigned char *q = memchr(s + i + 1, s[i], len - i - 1);
                    if (!q) return GIVE_UP;
                    i = (size_t)(q - s) + 1;
                } else {
                    while (i < len && s[i] != '>' && !blank(s[i])) i++;
                }
            }
        } else {
            /* not a name: libxml2 drops it up to a blank or the tag's end, quotes and all */
            while (i < len && !blank(s[i]) && !tag_close(s, i, len)) i++;
        }
        i = skip_blanks(s, i, len);
    }
    return i < len ? i : GIVE_UP;
}

/* Past the comment that opens at s[i] ("<!--"). htmlParseComment looks for its end from the
 * fifth byte on ("<!-->" does not end it) and takes "--!>" as well as "-->". */
static size_t comment_end(const unsigned char *s, size_t i, size_t len)
{
    for (size_t k = i + 4; k + 2 < len;) {
        const unsigned char *d = memchr(s + k, '-', len - k);
        if (!d) break;
        k = (size_t)(d - s);
        if (k + 2 < len && s[k + 1] == '-' && s[k + 2] == '>') return k + 3;
        if (k + 3 < len && s[k + 1] == '-' && s[k + 2] == '!' && s[k + 3] == '>') return k + 4;
        k++;
    }
    return GIVE_UP;
}

/* Past the doctype that opens at s[i]. htmlParseDocTypeDecl reads quoted identifiers, then
 * drops anything up to a '>': the first '>' ends it when every quote before it closes before
 * it; otherwise a quote may hide the '>', and this reader gives up. */
static size_t doctype_end(const unsigned char *s, size_t i, size_t len)
{
    size_t gt = past_gt(s, i, len);
    if (gt == GIVE_UP) return GIVE_UP;
    for (size_t k = i; k < gt - 1; k++)
        if (s[k] == '"' || s[k] == '\'') {
            const unsigned char *q = memchr(s + k + 1, s[k], gt - 1 - (k + 1));
            if (!q) return GIVE_UP;
            k = (size_t)(q - s);
        }
    return gt;
}

/* Whether libxml2 copies text as it is: htmlParseScript and htmlParseCharData drop the
 * characters XML does not allow (C0 controls but tab, newline and carriage return; U+FFFE and
 * U+FFFF). The text is valid UTF-8 without NUL. */
static int copied_as_is(const unsigned char *s, size_t n)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    for (size_t i = 0; i < n; i++) {
        /* eight bytes at once while none is below 0x20 or is 0xEF, U+FFFE's first byte */
        if (i + 8 <= n) {
            uint64_t w, x;
            memcpy(&w, s + i, 8);
            x = w ^ (ones * 0xEF);
            if ((((w - ones * 0x20) & ~w) | ((x - ones) & ~x)) & highs) goto bytes;
            i += 7;
            continue;
        }
    bytes:;
        unsigned char c = s[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return 0;
        if (c == 0xEF && i + 2 < n && s[i + 1] == 0xBF && (s[i + 2] == 0xBE || s[i + 2] == 0xBF))
            return 0;
    }
    return 1;
}

/* Where the text of a raw element that starts at s[i] ends: in recovery mode htmlParseScript
 * stops at the first "</" followed by the element's name, whatever follows the name. A name
 * followed by anything that does not end it ("</scripts>") leaves libxml2 in the element,
 * reading text again; that is not followed. */
static size_t raw_end(const unsigned char *s, size_t i, size_t len, const char *name)
{
    size_t n = strlen(name);
    for (const unsigned char *p; i < len && (p = memchr(s + i, '<', len - i)); i++) {
        i = (size_t)(p - s);
        if (i + 1 < len && s[i + 1] == '/' && same_nocase(s + i + 2, len - i - 2, name)) {
            size_t after = i + 2 + n;
            if (after < len && !blank(s[after]) && s[after] != '>' && s[after] != '/')
                return GIVE_UP;
            return i;
        }
    }
    return GIVE_UP;
}

static int add_elem(struct sa__raw *r, struct sa__raw_elem e)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 16;
        struct sa__raw_elem *v = sa__realloc(r->el, cap * sizeof *v);
        if (!v) return SA_ENOMEM;
        r->el = v;
        r->cap = cap;
    }
    r->el[r->n++] = e;
    return SA_OK;
}

static int add_run(struct sa__raw *r, size_t at, size_t len)
{
    if (r->nruns == r->capruns) {
        size_t cap = r->capruns ? 2 * r->capruns : 64;
        struct sa__raw_run *v = sa__realloc(r->runs, cap * sizeof *v);
        if (!v) return SA_ENOMEM;
        r->runs = v;
        r->capruns = cap;
    }
    r->runs[r->nruns++] = (struct sa__raw_run){(uint32_t)at, (uint32_t)len};
    return SA_OK;
}

/* Takes the runs of the text s[a..b) that follows markup, where libxml2 reads text: no '<' in
 * it. htmlParseCharData reads up to a '<' or a '&' and hands what it read to characters(), 1 000
 * bytes at a time; the chunks are joined into one node, and whether a chunk is blank only
 * decides whether an implied <p> is opened first, which a run's first non-blank character
 * decides the same way as the mark in its place. So a run is taken from its first non-blank
 * character to its last: blanks around it stay, for the prolog's SKIP_BLANKS reads them
 * (leading text after the doctype loses them). After a '&' libxml2 reads a reference first; a
 * run may begin after the ';' of "&name;" or "&#digits;", where libxml2 reads text again
 * (after the ';', or from it when it does not know the name), but not after anything else. */
static int text_runs(struct sa__raw *r, const unsigned char *s, size_t a, size_t b, size_t *taken)
{
    while (a < b) {
        const unsigned char *amp = memchr(s + a, '&', b - a);
        size_t e = amp ? (size_t)(amp - s) : b, x = a, y = e;
        while (x < y && blank(s[x])) x++;
        while (y > x && blank(s[y - 1])) y--;
        if (y - x >= RAW_MIN_RUN && copied_as_is(s + x, y - x)) {
            if (add_run(r, x, y - x) != SA_OK) return SA_ENOMEM;
            *taken += y - x;
        }
        if (!amp) break;
        size_t k = e + 1;
        if (k < b && s[k] == '#') k++;
        size_t name = k;
        while (k < b && (letter(s[k]) || (s[k] >= '0' && s[k] <= '9'))) k++;
        if (k == name || k >= b || s[k] != ';') break;
        a = k + 1;
    }
    return SA_OK;
}

/* The marker that stands for element k in the document libxml2 reads. */
static size_t marker(size_t k, char out[24])
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + k % 10);
        k /= 10;
    } while (k);
    for (size_t i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
    out[n] = '\0';
    return n;
}

/* Reads the element whose start tag opens at s[i] (a letter follows the '<'); records it when
 * it is a script or a style. Past what libxml2 reads next as markup, GIVE_UP, or SA_ENOMEM
 * through *rc. */
static size_t element(struct sa__raw *r, const unsigned char *s, size_t i, size_t len,
                      size_t *taken, int *rc)
{
    size_t n = name_len(s, i + 1, len);
    if (n >= LIBXML_NAME_MAX) return GIVE_UP;
    size_t e = attrs_end(s, i + 1 + n, len);
    if (e == GIVE_UP) return GIVE_UP;
    int style = n == 5 && same_nocase(s + i + 1, n, "style");
    if (!style && !(n == 6 && same_nocase(s + i + 1, n, "script")))
        return e + (s[e] == '/' ? 2 : 1);
    struct sa__raw_elem el = {.style = (uint8_t)style};
    if (s[e] == '/') { /* "<script/>": libxml2 makes the element and closes it at once */
        *rc = add_elem(r, el);
        return e + 2;
    }
    size_t from = e + 1, to = raw_end(s, from, len, style ? "style" : "script");
    if (to == GIVE_UP) return GIVE_UP;
    /* htmlParseContentInternal looks for tags before it reads a text: one that starts with "</"
     * loses it to an end tag ("<style></p>a" holds "a"), and "<" and a letter there may close
     * the element */
    if (to > from + 1 && s[from] == '<' &&
        (s[from + 1] == '/' || letter(s[from + 1]) || s[from + 1] == '_' || s[from + 1] == ':'))
        return GIVE_UP;
    if (to - from >= RAW_MIN_TEXT && copied_as_is(s + from, to - from)) {
        el.at = (uint32_t)from;
        el.len = (uint32_t)(to - from);
        *taken += to - from;
    }
    *rc = add_elem(r, el);
    return to; /* the end tag, read as one */
}

/* Reads the markup that opens at s[i] ('<' and one more byte): past it, or GIVE_UP. */
static size_t markup(struct sa__raw *r, const unsigned char *s, size_t i, size_t len, size_t *taken,
                     int *rc)
{
    unsigned char c = s[i + 1];
    if (c == '!') {
        if (i + 3 < len && s[i + 2] == '-' && s[i + 3] == '-') return comment_end(s, i, len);
        if (same_nocase(s + i + 2, len - i - 2, "doctype")) return doctype_end(s, i, len);
        return i + 1; /* libxml2 2.9 reads any other "<!" as text */
    }
    if (c == '?') /* a processing instruction runs to '>'; without a target, "<?" is dropped */
        return name_len(s, i + 2, len) ? past_gt(s, i + 2, len) : i + 2;
    if (c == '/') { /* an end tag; without a name, "</" is dropped */
        size_t n = name_len(s, i + 2, len);
        if (n >= LIBXML_NAME_MAX) return GIVE_UP;
        return n ? past_gt(s, i + 2 + n, len) : i + 2;
    }
    if (letter(c)) return element(r, s, i, len, taken, rc);
    return i + 1;
}

/* Writes the document libxml2 is to read: each taken script or style text replaced by its
 * element's number, each run by SA__RAW_MARK (both lists are in document order). */
static int rewrite(struct sa__raw *r, const unsigned char *s, size_t len)
{
    /* every taken text is longer than what stands for it, so the copy is not longer than s */
    char *d = sa__malloc(len + 1);
    if (!d) return SA_ENOMEM;
    size_t o = 0, from = 0, k = 0, j = 0;
    for (;;) {
        while (k < r->n && !r->el[k].len) k++;
        int run = j < r->nruns && (k == r->n || r->runs[j].at < r->el[k].at);
        if (!run && k == r->n) break;
        size_t at = run ? r->runs[j].at : r->el[k].at;
        memcpy(d + o, s + from, at - from);
        o += at - from;
        if (run) {
            memcpy(d + o, SA__RAW_MARK, SA__RAW_MARK_LEN);
            o += SA__RAW_MARK_LEN;
            from = at + r->runs[j++].len;
        } else {
            char m[24];
            size_t ml = marker(k, m);
            memcpy(d + o, m, ml);
            o += ml;
            from = at + r->el[k++].len;
        }
    }
    memcpy(d + o, s + from, len - from);
    o += len - from;
    d[o] = '\0';
    r->doc = d;
    r->len = o;
    return SA_OK;
}

/* Whether the text at s[i] follows markup that ended with its '>'. Where markup() read a '<'
 * as text or dropped "</" or "<?", libxml2 looked at the character after them to decide, and
 * the reader may not decide as it does (libxml2 takes "<?" and a Thai letter for a processing
 * instruction); a mark there would change libxml2's reading, not only stand for the text. The
 * text before the first '<' is the prolog's, which libxml2 reads its own way. */
static int after_markup(const unsigned char *s, size_t i)
{
    return i > 0 && s[i - 1] == '>';
}

static int has_mark(const unsigned char *s, size_t len)
{
    for (const unsigned char *p = s, *e = s + len; (p = memchr(p, 0xEE, (size_t)(e - p)));) {
        if (e - p >= SA__RAW_MARK_LEN && memcmp(p, SA__RAW_MARK, SA__RAW_MARK_LEN) == 0) return 1;
        p++;
    }
    return 0;
}

int sa__raw_take(const char *text, size_t len, struct sa__raw *r)
{
    memset(r, 0, sizeof *r);
    const unsigned char *s = (const unsigned char *)text;
    /* offsets are 32-bit; libxml2 reads NUL its own way (sa__charset_to_utf8 drops them) */
    if (len > UINT32_MAX || len < RAW_MIN_TOTAL || memchr(s, 0, len)) return 0;
    size_t i = 0, taken = 0;
    int rc = SA_OK, runs = !has_mark(s, len);
    const unsigned char *p;
    /* a '<' that ends the document is text */
    while (i + 1 < len && (p = memchr(s + i, '<', len - 1 - i))) {
        size_t at = (size_t)(p - s);
        if (runs && after_markup(s, i) && (rc = text_runs(r, s, i, at, &taken)) != SA_OK) break;
        i = markup(r, s, at, len, &taken, &rc);
        if (rc != SA_OK || i == GIVE_UP) break;
    }
    if (rc == SA_OK && i != GIVE_UP && runs && after_markup(s, i) && i < len)
        rc = text_runs(r, s, i, s[len - 1] == '<' ? len - 1 : len, &taken);
    if (rc == SA_OK && i != GIVE_UP && taken >= RAW_MIN_TOTAL) rc = rewrite(r, s, len);
    if (rc != SA_OK || !r->doc) sa__raw_release(r);
    return rc != SA_OK ? rc : r->doc != NULL;
}

int sa__raw_text(const struct sa__raw *r, const char *s, const char *ch, size_t len, size_t *next,
                 void (*emit)(void *ctx, const char *p, size_t n), void *ctx)
{
    const char *from = ch, *end = ch + len;
    for (const char *p = ch; (p = memchr(p, 0xEE, (size_t)(end - p)));) {
        if (end - p < SA__RAW_MARK_LEN || memcmp(p, SA__RAW_MARK, SA__RAW_MARK_LEN) != 0) {
            p++;
            continue;
        }
        if (*next >= r->nruns) return SA_EPARSE;
        if (p > from) emit(ctx, from, (size_t)(p - from));
        const struct sa__raw_run *run = &r->runs[(*next)++];
        emit(ctx, s + run->at, run->len);
        p += SA__RAW_MARK_LEN;
        from = p;
    }
    if (end > from) emit(ctx, from, (size_t)(end - from));
    return SA_OK;
}

int sa__raw_restore(const struct sa__raw *r, const char *s, void *const *nodes, size_t n,
                    size_t runs)
{
    /* a run libxml2 did not hand characters() was read as something else: an attribute, a
     * comment, a script's text */
    if (n != r->n || runs != r->nruns) return SA_EPARSE;
    for (size_t k = 0; k < n; k++) {
        xmlNode *e = nodes[k];
        const struct sa__raw_elem *el = &r->el[k];
        if (!e || e->type != XML_ELEMENT_NODE ||
            strcmp((const char *)e->name, el->style ? "style" : "script") != 0)
            return SA_EPARSE;
        if (!el->len) continue;
        /* libxml2 keeps a script's text as one CDATA node: here, the marker */
        xmlNode *c = e->children;
        char m[24];
        marker(k, m);
        if (!c || c != e->last || c->type != XML_CDATA_SECTION_NODE || !c->content ||
            strcmp((const char *)c->content, m) != 0)
            return SA_EPARSE;
        xmlNodeSetContentLen(c, (const xmlChar *)s + el->at, (int)el->len);
        if (!c->content) return SA_ENOMEM;
    }
    return SA_OK;
}

void sa__raw_release(struct sa__raw *r)
{
    sa__free(r->doc);
    sa__free(r->el);
    sa__free(r->runs);
    memset(r, 0, sizeof *r);
}
