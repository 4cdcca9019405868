/* From fetched bytes to a libxml2 DOM. Charset detection follows the WHATWG order (BOM, then the
 * Content-Type header, then a prescan of the first 1024 bytes for <meta>), and where a page
 * declares nothing we fall back on UTF-8 validity and then on a single-byte guess, because
 * shops in Russia still serve undeclared windows-1251 or KOI8-R. Decoding never fails: bad
 * bytes become U+FFFD, since one broken byte must not hide a whole page from the audit. The
 * parse uses libxml2's forgiving HTML parser with the network off and its error output
 * silenced (the library never prints). */
#include "html.h"

#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "alloc.h"
#include "buf.h"
#include "html_raw.h"
#include "shopaudit/common.h"
#include "utf8.h"
#include "xml_arena.h"

/* WHATWG Encoding: the labels a page may use, mapped to the canonical name we report and to
 * the name glibc's iconv knows. Labels absent here are not WHATWG labels (or name encodings we
 * do not decode), and detection moves on to the next source, as a browser does. */
struct label {
    const char *label, *name;
};
struct encoding {
    const char *name, *iconv;
};

static const struct encoding encodings[] = {
    {"utf-8", "UTF-8"},
    {"windows-1252", "CP1252"},
    {"windows-1251", "CP1251"},
    {"koi8-r", "KOI8-R"},
    {"koi8-u", "KOI8-U"},
    /* WHATWG decodes tis-620 and iso-8859-11 as windows-874: a superset that adds the
     * curly quotes and the euro sign in 0x80..0x9F. */
    {"windows-874", "CP874"},
    {"iso-8859-7", "ISO-8859-7"},
    {"windows-1253", "CP1253"},
    {"utf-16le", "UTF-16LE"},
    {"utf-16be", "UTF-16BE"},
    {"ibm866", "CP866"},
    {"iso-8859-2", "ISO-8859-2"},
    {"iso-8859-3", "ISO-8859-3"},
    {"iso-8859-4", "ISO-8859-4"},
    {"iso-8859-5", "ISO-8859-5"},
    {"iso-8859-6", "ISO-8859-6"},
    {"iso-8859-8", "ISO-8859-8"},
    {"iso-8859-10", "ISO-8859-10"},
    {"iso-8859-13", "ISO-8859-13"},
    {"iso-8859-14", "ISO-8859-14"},
    {"iso-8859-15", "ISO-8859-15"},
    {"iso-8859-16", "ISO-8859-16"},
    {"macintosh", "MACINTOSH"},
    {"x-mac-cyrillic", "MAC-CYRILLIC"},
    {"windows-1250", "CP1250"},
    {"windows-1254", "CP1254"},
    {"windows-1255", "CP1255"},
    {"windows-1256", "CP1256"},
    {"windows-1257", "CP1257"},
    {"windows-1258", "CP1258"},
    {"gbk", "GB18030"}, /* WHATWG decodes gbk with the gb18030 decoder */
    {"gb18030", "GB18030"},
    {"big5", "BIG5-HKSCS"},
    {"euc-jp", "EUC-JP"},
    {"iso-2022-jp", "ISO-2022-JP"},
    {"shift_jis", "CP932"},
    {"euc-kr", "CP949"},
    /* Not a WHATWG encoding, but some older Armenian sites declare it and glibc decodes it. */
    {"armscii-8", "ARMSCII-8"},
};

/* Sorted by label for bsearch (strcmp order). */
static const struct label labels[] = {
    {"866", "ibm866"},
    {"ansi_x3.4-1968", "windows-1252"},
    {"arabic", "iso-8859-6"},
    {"armscii-8", "armscii-8"},
    {"armscii8", "armscii-8"},
    {"ascii", "windows-1252"},
    {"big5", "big5"},
    {"big5-hkscs", "big5"},
    {"chinese", "gbk"},
    {"cn-big5", "big5"},
    {"cp1250", "windows-1250"},
    {"cp1251", "windows-1251"},
    {"cp1252", "windows-1252"},
    {"cp1253", "windows-1253"},
    {"cp1254", "windows-1254"},
    {"cp1255", "windows-1255"},
    {"cp1256", "windows-1256"},
    {"cp1257", "windows-1257"},
    {"cp1258", "windows-1258"},
    {"cp819", "windows-1252"},
    {"cp866", "ibm866"},
    {"csbig5", "big5"},
    {"cseuckr", "euc-kr"},
    {"cseucpkdfmtjapanese", "euc-jp"},
    {"csgb2312", "gbk"},
    {"csibm866", "ibm866"},
    {"csiso2022jp", "iso-2022-jp"},
    {"csisolatin1", "windows-1252"},
    {"csisolatin2", "iso-8859-2"},
    {"csisolatin3", "iso-8859-3"},
    {"csisolatin4", "iso-8859-4"},
    {"csisolatin5", "windows-1254"},
    {"csisolatin6", "iso-8859-10"},
    {"csisolatin9", "iso-8859-15"},
    {"csisolatinarabic", "iso-8859-6"},
    {"csisolatincyrillic", "iso-8859-5"},
    {"csisolatingreek", "iso-8859-7"},
    {"csisolatinhebrew", "iso-8859-8"},
    {"cskoi8r", "koi8-r"},
    {"csksc56011987", "euc-kr"},
    {"csmacintosh", "macintosh"},
    {"csshiftjis", "shift_jis"},
    {"csunicode", "utf-16le"},
    {"cyrillic", "iso-8859-5"},
    {"dos-874", "windows-874"},
    {"ecma-114", "iso-8859-6"},
    {"ecma-118", "iso-8859-7"},
    {"elot_928", "iso-8859-7"},
    {"euc-jp", "euc-jp"},
    {"euc-kr", "euc-kr"},
    {"gb18030", "gb18030"},
    {"gb2312", "gbk"},
    {"gb_2312", "gbk"},
    {"gb_2312-80", "gbk"},
    {"gbk", "gbk"},
    {"greek", "iso-8859-7"},
    {"greek8", "iso-8859-7"},
    {"hebrew", "iso-8859-8"},
    {"ibm819", "windows-1252"},
    {"ibm866", "ibm866"},
    {"iso-10646-ucs-2", "utf-16le"},
    {"iso-2022-jp", "iso-2022-jp"},
    {"iso-8859-1", "windows-1252"},
    {"iso-8859-10", "iso-8859-10"},
    {"iso-8859-11", "windows-874"},
    {"iso-8859-13", "iso-8859-13"},
    {"iso-8859-14", "iso-8859-14"},
    {"iso-8859-15", "iso-8859-15"},
    {"iso-8859-16", "iso-8859-16"},
    {"iso-8859-2", "iso-8859-2"},
    {"iso-8859-3", "iso-8859-3"},
    {"iso-8859-4", "iso-8859-4"},
    {"iso-8859-5", "iso-8859-5"},
    {"iso-8859-6", "iso-8859-6"},
    {"iso-8859-7", "iso-8859-7"},
    {"iso-8859-8", "iso-8859-8"},
    {"iso-8859-9", "windows-1254"},
    {"iso-ir-100", "windows-1252"},
    {"iso-ir-101", "iso-8859-2"},
    {"iso-ir-109", "iso-8859-3"},
    {"iso-ir-110", "iso-8859-4"},
    {"iso-ir-126", "iso-8859-7"},
    {"iso-ir-127", "iso-8859-6"},
    {"iso-ir-138", "iso-8859-8"},
    {"iso-ir-144", "iso-8859-5"},
    {"iso-ir-148", "windows-1254"},
    {"iso-ir-149", "euc-kr"},
    {"iso-ir-157", "iso-8859-10"},
    {"iso-ir-58", "gbk"},
    {"iso8859-1", "windows-1252"},
    {"iso8859-10", "iso-8859-10"},
    {"iso8859-11", "windows-874"},
    {"iso8859-13", "iso-8859-13"},
    {"iso8859-14", "iso-8859-14"},
    {"iso8859-15", "iso-8859-15"},
    {"iso8859-2", "iso-8859-2"},
    {"iso8859-3", "iso-8859-3"},
    {"iso8859-4", "iso-8859-4"},
    {"iso8859-5", "iso-8859-5"},
    {"iso8859-6", "iso-8859-6"},
    {"iso8859-7", "iso-8859-7"},
    {"iso8859-8", "iso-8859-8"},
    {"iso8859-9", "windows-1254"},
    {"iso88591", "windows-1252"},
    {"iso885910", "iso-8859-10"},
    {"iso885911", "windows-874"},
    {"iso885913", "iso-8859-13"},
    {"iso885914", "iso-8859-14"},
    {"iso885915", "iso-8859-15"},
    {"iso88592", "iso-8859-2"},
    {"iso88593", "iso-8859-3"},
    {"iso88594", "iso-8859-4"},
    {"iso88595", "iso-8859-5"},
    {"iso88596", "iso-8859-6"},
    {"iso88597", "iso-8859-7"},
    {"iso88598", "iso-8859-8"},
    {"iso88599", "windows-1254"},
    {"iso_8859-1", "windows-1252"},
    {"iso_8859-15", "iso-8859-15"},
    {"iso_8859-1:1987", "windows-1252"},
    {"iso_8859-2", "iso-8859-2"},
    {"iso_8859-2:1987", "iso-8859-2"},
    {"iso_8859-3", "iso-8859-3"},
    {"iso_8859-3:1988", "iso-8859-3"},
    {"iso_8859-4", "iso-8859-4"},
    {"iso_8859-4:1988", "iso-8859-4"},
    {"iso_8859-5", "iso-8859-5"},
    {"iso_8859-5:1988", "iso-8859-5"},
    {"iso_8859-6", "iso-8859-6"},
    {"iso_8859-6:1987", "iso-8859-6"},
    {"iso_8859-7", "iso-8859-7"},
    {"iso_8859-7:1987", "iso-8859-7"},
    {"iso_8859-8", "iso-8859-8"},
    {"iso_8859-8:1988", "iso-8859-8"},
    {"iso_8859-9", "windows-1254"},
    {"iso_8859-9:1989", "windows-1254"},
    {"koi", "koi8-r"},
    {"koi8", "koi8-r"},
    {"koi8-r", "koi8-r"},
    {"koi8-ru", "koi8-u"},
    {"koi8-u", "koi8-u"},
    {"koi8_r", "koi8-r"},
    {"korean", "euc-kr"},
    {"ks_c_5601-1987", "euc-kr"},
    {"ks_c_5601-1989", "euc-kr"},
    {"ksc5601", "euc-kr"},
    {"ksc_5601", "euc-kr"},
    {"l1", "windows-1252"},
    {"l2", "iso-8859-2"},
    {"l3", "iso-8859-3"},
    {"l4", "iso-8859-4"},
    {"l5", "windows-1254"},
    {"l6", "iso-8859-10"},
    {"l9", "iso-8859-15"},
    {"latin1", "windows-1252"},
    {"latin2", "iso-8859-2"},
    {"latin3", "iso-8859-3"},
    {"latin4", "iso-8859-4"},
    {"latin5", "windows-1254"},
    {"latin6", "iso-8859-10"},
    {"logical", "iso-8859-8"},
    {"mac", "macintosh"},
    {"macintosh", "macintosh"},
    {"ms932", "shift_jis"},
    {"ms_kanji", "shift_jis"},
    {"shift-jis", "shift_jis"},
    {"shift_jis", "shift_jis"},
    {"sjis", "shift_jis"},
    {"sun_eu_greek", "iso-8859-7"},
    {"tis-620", "windows-874"},
    {"ucs-2", "utf-16le"},
    {"unicode", "utf-16le"},
    {"unicode-1-1-utf-8", "utf-8"},
    {"unicode11utf8", "utf-8"},
    {"unicode20utf8", "utf-8"},
    {"unicodefeff", "utf-16le"},
    {"unicodefffe", "utf-16be"},
    {"us-ascii", "windows-1252"},
    {"utf-16", "utf-16le"},
    {"utf-16be", "utf-16be"},
    {"utf-16le", "utf-16le"},
    {"utf-8", "utf-8"},
    {"utf8", "utf-8"},
    {"visual", "iso-8859-8"},
    {"windows-1250", "windows-1250"},
    {"windows-1251", "windows-1251"},
    {"windows-1252", "windows-1252"},
    {"windows-1253", "windows-1253"},
    {"windows-1254", "windows-1254"},
    {"windows-1255", "windows-1255"},
    {"windows-1256", "windows-1256"},
    {"windows-1257", "windows-1257"},
    {"windows-1258", "windows-1258"},
    {"windows-31j", "shift_jis"},
    {"windows-874", "windows-874"},
    {"windows-949", "euc-kr"},
    {"x-cp1250", "windows-1250"},
    {"x-cp1251", "windows-1251"},
    {"x-cp1252", "windows-1252"},
    {"x-cp1253", "windows-1253"},
    {"x-cp1254", "windows-1254"},
    {"x-cp1255", "windows-1255"},
    {"x-cp1256", "windows-1256"},
    {"x-cp1257", "windows-1257"},
    {"x-cp1258", "windows-1258"},
    {"x-euc-jp", "euc-jp"},
    {"x-gbk", "gbk"},
    {"x-mac-cyrillic", "x-mac-cyrillic"},
    {"x-mac-roman", "macintosh"},
    {"x-mac-ukrainian", "x-mac-cyrillic"},
    {"x-sjis", "shift_jis"},
    {"x-unicode20utf8", "utf-8"},
    /* WHATWG decodes x-user-defined with its own decoder; windows-1252 is close enough. */
    {"x-user-defined", "windows-1252"},
};

#define NLABELS   (sizeof labels / sizeof labels[0])
#define NENCODING (sizeof encodings / sizeof encodings[0])

static int is_ws(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int label_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const struct label *)elem)->label);
}

/* Canonical name for a label (trimmed, case-insensitive), or NULL when it is not one. */
static const char *label_lookup(const char *s, size_t n)
{
    char key[48];
    while (n && is_ws((unsigned char)*s)) s++, n--;
    while (n && is_ws((unsigned char)s[n - 1])) n--;
    if (n == 0 || n >= sizeof key) return NULL;
    for (size_t i = 0; i < n; i++) key[i] = (char)lower((unsigned char)s[i]);
    key[n] = '\0';
    const struct label *l = bsearch(key, labels, NLABELS, sizeof labels[0], label_cmp);
    return l ? l->name : NULL;
}

static const char *iconv_name(const char *canonical)
{
    for (size_t i = 0; i < NENCODING; i++)
        if (strcmp(encodings[i].name, canonical) == 0) return encodings[i].iconv;
    return NULL;
}

static void put_name(char *buf, size_t n, const char *name)
{
    if (!n) return;
    size_t k = strlen(name);
    if (k >= n) k = n - 1;
    memcpy(buf, name, k);
    buf[k] = '\0';
}

static int has_prefix_nocase(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    if (n < k) return 0;
    for (size_t i = 0; i < k; i++)
        if (lower((unsigned char)s[i]) != lit[i]) return 0;
    return 1;
}

/* WHATWG "extract a character encoding from a meta element", also good enough for a
 * Content-Type header value. Returns the canonical name or NULL. */
static const char *charset_from_content(const char *s, size_t n)
{
    size_t i = 0;
    for (;;) {
        while (i + 7 <= n && !has_prefix_nocase(s + i, n - i, "charset")) i++;
        if (i + 7 > n) return NULL;
        i += 7;
        while (i < n && is_ws((unsigned char)s[i])) i++;
        if (i >= n) return NULL;
        if (s[i] != '=') continue; /* "charset" was part of another word */
        i++;
        while (i < n && is_ws((unsigned char)s[i])) i++;
        if (i >= n) return NULL;
        if (s[i] == '"' || s[i] == '\'') {
            char q = s[i++];
            size_t j = i;
            while (j < n && s[j] != q) j++;
            if (j >= n) return NULL; /* unmatched quote: the spec gives up */
            return label_lookup(s + i, j - i);
        }
        size_t j = i;
        while (j < n && !is_ws((unsigned char)s[j]) && s[j] != ';') j++;
        return label_lookup(s + i, j - i);
    }
}

/* WHATWG "get an attribute" for the prescan. Names and values are lower-cased and cut at the
 * size of their buffers; *pos is left where the spec leaves it. 0 when there is none. */
struct attr {
    char name[32], value[256];
    size_t nlen, vlen;
};

static void attr_put(char *dst, size_t cap, size_t *len, int c)
{
    if (*len + 1 < cap) dst[(*len)++] = (char)lower(c);
}

static int prescan_attr(const unsigned char *s, size_t n, size_t *pos, struct attr *a)
{
    size_t i = *pos;
    a->nlen = a->vlen = 0;
    while (i < n && (is_ws(s[i]) || s[i] == '/')) i++;
    if (i >= n) return 0;
    if (s[i] == '>') {
        *pos = i;
        return 0;
    }
    for (;;) { /* the name */
        if (i >= n) return 0;
        if (s[i] == '=' && a->nlen > 0) {
            i++;
            goto value;
        }
        if (is_ws(s[i])) break;
        if (s[i] == '/' || s[i] == '>') {
            *pos = i;
            goto done;
        }
        attr_put(a->name, sizeof a->name, &a->nlen, s[i]);
        i++;
    }
    while (i < n && is_ws(s[i])) i++;
    if (i >= n) return 0;
    if (s[i] != '=') {
        *pos = i;
        goto done;
    }
    i++;
value:
    while (i < n && is_ws(s[i])) i++;
    if (i >= n) return 0;
    if (s[i] == '"' || s[i] == '\'') {
        unsigned char q = s[i++];
        while (i < n && s[i] != q) attr_put(a->value, sizeof a->value, &a->vlen, s[i++]);
        if (i >= n) return 0;
        *pos = i + 1;
        goto done;
    }
    if (s[i] == '>') {
        *pos = i;
        goto done;
    }
    while (i < n && !is_ws(s[i]) && s[i] != '>')
        attr_put(a->value, sizeof a->value, &a->vlen, s[i++]);
    if (i >= n) return 0;
    *pos = i;
done:
    a->name[a->nlen] = '\0';
    a->value[a->vlen] = '\0';
    return 1;
}

static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* One <meta> per the WHATWG prescan: charset=..., or http-equiv=content-type together with
 * content="...charset=...", attributes in any order, duplicates ignored. */
static const char *prescan_meta(const unsigned char *s, size_t n, size_t *pos)
{
    struct attr a;
    char seen[8][32];
    size_t nseen = 0;
    int got_pragma = 0, need_pragma = -1;
    const char *charset = NULL;
    while (prescan_attr(s, n, pos, &a)) {
        int dup = 0;
        for (size_t k = 0; k < nseen; k++)
            if (strcmp(seen[k], a.name) == 0) dup = 1;
        if (dup) continue;
        if (nseen < 8) memcpy(seen[nseen++], a.name, a.nlen + 1);
        if (strcmp(a.name, "http-equiv") == 0) {
            if (strcmp(a.value, "content-type") == 0) got_pragma = 1;
        } else if (strcmp(a.name, "content") == 0) {
            if (!charset) {
                const char *cs = charset_from_content(a.value, a.vlen);
                if (cs) {
                    charset = cs;
                    need_pragma = 1;
                }
            }
        } else if (strcmp(a.name, "charset") == 0) {
            charset = label_lookup(a.value, a.vlen);
            need_pragma = 0;
        }
    }
    if (need_pragma < 0 || !charset || (need_pragma == 1 && !got_pragma)) return NULL;
    /* A document that reached the prescan is ASCII-compatible: a meta saying UTF-16 must be
     * wrong, and the spec reads it as UTF-8. */
    if (strcmp(charset, "utf-16le") == 0 || strcmp(charset, "utf-16be") == 0) return "utf-8";
    return charset;
}

static const unsigned char *find_seq(const unsigned char *s, size_t n, size_t from, const char *lit)
{
    size_t k = strlen(lit);
    for (size_t i = from; i + k <= n; i++)
        if (memcmp(s + i, lit, k) == 0) return s + i;
    return NULL;
}

static const char *prescan(const unsigned char *s, size_t n)
{
    if (n > 1024) n = 1024;
    size_t i = 0;
    while (i < n) {
        if (s[i] != '<') {
            i++;
            continue;
        }
        if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
            const unsigned char *e = find_seq(s, n, i + 2, "-->");
            if (!e) return NULL;
            i = (size_t)(e - s) + 3;
        } else if (n - i >= 6 && has_prefix_nocase((const char *)s + i, n - i, "<meta") &&
                   (is_ws(s[i + 5]) || s[i + 5] == '/')) {
            i += 5;
            const char *cs = prescan_meta(s, n, &i);
            if (cs) return cs;
            i++;
        } else if (n - i >= 2 &&
                   (is_alpha(s[i + 1]) || (s[i + 1] == '/' && n - i >= 3 && is_alpha(s[i + 2])))) {
            i += 2;
            while (i < n && !is_ws(s[i]) && s[i] != '>') i++;
            struct attr a;
            while (prescan_attr(s, n, &i, &a)) {
            }
            i++;
        } else if (n - i >= 2 && (s[i + 1] == '!' || s[i + 1] == '/' || s[i + 1] == '?')) {
            const unsigned char *e = memchr(s + i + 1, '>', n - i - 1);
            if (!e) return NULL;
            i = (size_t)(e - s) + 1;
        } else {
            i++;
        }
    }
    return NULL;
}

/* Valid UTF-8, allowing the last character to be cut off (the body may have hit --max-bytes). */
static int mostly_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = sa__utf8_seq(s + i, n - i);
        if (k) {
            i += k;
            continue;
        }
        /* a lead byte whose sequence the end of the body cut short */
        size_t want = s[i] >= 0xF0 ? 4 : s[i] >= 0xE0 ? 3 : s[i] >= 0xC2 ? 2 : 0;
        if (want && n - i < want) {
            for (size_t j = i + 1; j < n; j++)
                if ((s[j] & 0xC0) != 0x80) return 0;
            return 1;
        }
        return 0;
    }
    return 1;
}

/* Russian letter frequencies (per mille, in alphabetical order а..я), for telling windows-1251
 * from KOI8-R: both put Cyrillic letters in 0xC0..0xFF, but in a different order and with the
 * cases swapped, so the right guess decodes into common letters. */
static const unsigned short ru_freq[32] = {
    80, 16, 45, 17, 30, 85, 9, 17, 74, 12, 35, 44, 32, 67, 110, 28, /* а..п */
    47, 55, 63, 26, 3,  10, 5, 14, 7,  4,  1,  19, 17, 3,  6,   20, /* р..я */
};
/* KOI8-R 0xC0..0xDF (lower case; 0xE0..0xFF are the same letters in upper case), as indices
 * into the alphabet: ю а б ц д е ф г х и й к л м н о п я р с т у ж в ь ы з ш э щ ч ъ. */
static const unsigned char koi8_order[32] = {30, 0,  1,  22, 4,  5,  20, 3,  21, 8,  9,
                                             10, 11, 12, 13, 14, 15, 31, 16, 17, 18, 19,
                                             6,  2,  28, 27, 7,  24, 29, 25, 23, 26};

static const char *guess_single_byte(const unsigned char *s, size_t n)
{
    if (n > 65536) n = 65536; /* plenty for a vote */
    size_t letters = 0, paired = 0;
    unsigned long w1251 = 0, wkoi = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = s[i];
        if (c < 0xC0) continue;
        letters++;
        /* Cyrillic words are runs of high bytes; Western accents sit alone among ASCII */
        if ((i > 0 && s[i - 1] >= 0xC0) || (i + 1 < n && s[i + 1] >= 0xC0)) paired++;
        unsigned k = c & 31;
        /* lower case is far more common than upper case in running text */
        if (c >= 0xE0) {
            w1251 += ru_freq[k] * 4u;
            wkoi += ru_freq[koi8_order[k]];
        } else {
            w1251 += ru_freq[k];
            wkoi += ru_freq[koi8_order[k]] * 4u;
        }
    }
    if (letters >= 4 && paired * 2 > letters) return wkoi > w1251 ? "koi8-r" : "windows-1251";
    return "windows-1252";
}

void sa__charset_detect(const char *body, size_t len, const char *content_type, char *buf, size_t n)
{
    const unsigned char *s = (const unsigned char *)body;
    if (!s) len = 0;
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        put_name(buf, n, "utf-8");
        return;
    }
    if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE) {
        put_name(buf, n, "utf-16le");
        return;
    }
    if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
        put_name(buf, n, "utf-16be");
        return;
    }
    if (content_type) {
        const char *cs = charset_from_content(content_type, strlen(content_type));
        if (cs) {
            put_name(buf, n, cs);
            return;
        }
    }
    const char *cs = prescan(s, len);
    if (cs) {
        put_name(buf, n, cs);
        return;
    }
    if (mostly_utf8(s, len)) {
        put_name(buf, n, "utf-8");
        return;
    }
    put_name(buf, n, guess_single_byte(s, len));
}

/* Drops NUL bytes in place: libxml2 would stop at them, and no page means them. */
static size_t drop_nuls(char *s, size_t n)
{
    char *z = memchr(s, '\0', n);
    if (!z) return n;
    size_t o = (size_t)(z - s);
    for (size_t i = o; i < n; i++)
        if (s[i]) s[o++] = s[i];
    return o;
}

static int from_utf8(const char *in, size_t len, char **out, size_t *outlen)
{
    if (len >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0) in += 3, len -= 3;
    char *o;
    size_t olen = len;
    if (sa__utf8_valid(in, len)) {
        o = sa__malloc(len + 1);
        if (!o) return SA_ENOMEM;
        if (len) memcpy(o, in, len);
        olen = drop_nuls(o, len);
        o[olen] = '\0';
    } else {
        o = sa__utf8_sanitize(in, len, &olen);
        if (!o) return SA_ENOMEM;
    }
    *out = o;
    *outlen = olen;
    return SA_OK;
}

int sa__charset_utf8_view(const char *in, size_t len, const char *charset, const char **out,
                          size_t *outlen, char **owned)
{
    *owned = NULL;
    const char *canon = in && charset ? label_lookup(charset, strlen(charset)) : NULL;
    if (canon && strcmp(canon, "utf-8") == 0) {
        if (len >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0) in += 3, len -= 3;
        if (sa__utf8_valid(in, len) && !memchr(in, '\0', len)) {
            *out = in;
            *outlen = len;
            return SA_OK;
        }
    }
    int rc = sa__charset_to_utf8(in, len, charset, owned, outlen);
    *out = *owned;
    return rc;
}

int sa__charset_to_utf8(const char *in, size_t len, const char *charset, char **out, size_t *outlen)
{
    *out = NULL;
    *outlen = 0;
    if (!in) len = 0;
    const char *canon = charset ? label_lookup(charset, strlen(charset)) : NULL;
    if (!canon) canon = "windows-1252";
    if (strcmp(canon, "utf-8") == 0) return from_utf8(in ? in : "", len, out, outlen);

    size_t unit = 1;
    if (strcmp(canon, "utf-16le") == 0) {
        unit = 2;
        if (len >= 2 && (unsigned char)in[0] == 0xFF && (unsigned char)in[1] == 0xFE)
            in += 2, len -= 2;
    } else if (strcmp(canon, "utf-16be") == 0) {
        unit = 2;
        if (len >= 2 && (unsigned char)in[0] == 0xFE && (unsigned char)in[1] == 0xFF)
            in += 2, len -= 2;
    }
    const char *iname = iconv_name(canon);
    iconv_t cd = iconv_open("UTF-8", iname ? iname : "CP1252");
    if (cd == (iconv_t)-1) cd = iconv_open("UTF-8", "CP1252");
    if (cd == (iconv_t)-1) return SA_ENOMEM; /* glibc without its gconv modules */

    /* the cap the header promises: 4x the input + 16 MiB */
    size_t max = (size_t)16 << 20;
    if (len > (SIZE_MAX - max) / 4) {
        iconv_close(cd);
        return SA_ETOOBIG;
    }
    max += len * 4;
    /* single-byte input grows at most 3x, UTF-16 at most 1.5x */
    size_t cap = len + len / 2 + 64;
    if (unit == 1) cap = len * 2 + 64;
    if (cap > max) cap = max;
    char *o = sa__malloc(cap + 1);
    if (!o) {
        iconv_close(cd);
        return SA_ENOMEM;
    }
    char *ip = (char *)in;
    size_t il = len, used = 0;
    int rc = SA_OK;
    while (il > 0) {
        char *op = o + used;
        size_t ol = cap - used;
        size_t r = iconv(cd, &ip, &il, &op, &ol);
        used = (size_t)(op - o);
        if (r != (size_t)-1) break;
        if (errno == E2BIG || cap - used < 3) {
            if (cap >= max) {
                rc = SA_ETOOBIG;
                break;
            }
            size_t ncap = cap < max / 2 ? cap * 2 : max;
            char *no = sa__realloc(o, ncap + 1);
            if (!no) {
                rc = SA_ENOMEM;
                break;
            }
            o = no;
            cap = ncap;
            continue;
        }
        /* EILSEQ or EINVAL: a byte the charset does not define, or a sequence the body cut
         * short. Say so with U+FFFD, skip one code unit and start afresh. */
        memcpy(o + used, "\xEF\xBF\xBD", 3);
        used += 3;
        size_t skip = unit < il ? unit : il;
        ip += skip;
        il -= skip;
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    iconv_close(cd);
    if (rc != SA_OK) {
        sa__free(o);
        return rc;
    }
    /* a U+FEFF at the very start is a BOM in the declared charset, not text */
    if (used >= 3 && memcmp(o, "\xEF\xBB\xBF", 3) == 0) {
        memmove(o, o + 3, used - 3);
        used -= 3;
    }
    used = drop_nuls(o, used);
    o[used] = '\0';
    if (!sa__utf8_valid(o, used)) { /* iconv's output is UTF-8; this is belt and braces */
        size_t n2;
        char *clean = sa__utf8_sanitize(o, used, &n2);
        sa__free(o);
        if (!clean) return SA_ENOMEM;
        o = clean;
        used = n2;
    }
    *out = o;
    *outlen = used;
    return SA_OK;
}

/* Media types that say nothing about the body, so we look at the bytes instead. */
static int unhelpful_type(const char *t, size_t n)
{
    static const char *const vague[] = {"application/octet-stream",
                                        "binary/octet-stream",
                                        "application/unknown",
                                        "unknown/unknown",
                                        "*/*",
                                        NULL};
    if (n == 0) return 1;
    for (size_t i = 0; vague[i]; i++)
        if (strlen(vague[i]) == n && has_prefix_nocase(t, n, vague[i])) return 1;
    return 0;
}

int sa__html_is_html(const char *body, size_t len, const char *content_type)
{
    if (content_type) {
        const char *t = content_type;
        while (is_ws((unsigned char)*t)) t++;
        size_t n = 0;
        while (t[n] && t[n] != ';' && !is_ws((unsigned char)t[n])) n++;
        if ((n == 9 && has_prefix_nocase(t, n, "text/html")) ||
            (n == 21 && has_prefix_nocase(t, n, "application/xhtml+xml")))
            return 1;
        if (!unhelpful_type(t, n)) return 0;
    }
    if (!body) return 0;
    /* Sniff an ASCII view of the start; for UTF-16 take every other byte. */
    const unsigned char *s = (const unsigned char *)body;
    char view[512];
    size_t v = 0, i = 0, step = 1;
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        i = 3;
    } else if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE) {
        i = 2, step = 2;
    } else if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
        i = 3, step = 2;
    }
    for (; i < len && v < sizeof view; i += step) view[v++] = (char)s[i];
    size_t p = 0;
    while (p < v && is_ws((unsigned char)view[p])) p++;
    /* the WHATWG sniffing table, each followed by a space or '>' (or the end of the view) */
    static const char *const starts[] = {
        "<!doctype html", "<html", "<head",  "<script", "<iframe", "<h1",   "<div", "<font",
        "<table",         "<a",    "<style", "<title",  "<b",      "<body", "<br",  "<p",
        "<!--",           NULL};
    for (size_t k = 0; starts[k]; k++) {
        size_t kl = strlen(starts[k]);
        if (!has_prefix_nocase(view + p, v - p, starts[k])) continue;
        if (strcmp(starts[k], "<!--") == 0) return 1;
        if (p + kl == v || is_ws((unsigned char)view[p + kl]) || view[p + kl] == '>') return 1;
    }
    return 0;
}

static void silent(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static void silent_structured(void *ctx, xmlErrorPtr err)
{
    (void)ctx;
    (void)err;
}

void sa__xml_quiet_begin(struct sa__xml_quiet *q)
{
    xmlInitParser();
    q->generic = xmlGenericError;
    q->generic_ctx = xmlGenericErrorContext;
    q->structured = xmlStructuredError;
    q->structured_ctx = xmlStructuredErrorContext;
    xmlSetGenericErrorFunc(NULL, silent);
    xmlSetStructuredErrorFunc(NULL, silent_structured);
}

void sa__xml_quiet_end(const struct sa__xml_quiet *q)
{
    xmlSetGenericErrorFunc(q->generic_ctx, q->generic);
    xmlSetStructuredErrorFunc(q->structured_ctx, q->structured);
}

/* What a parse of a document with its texts taken out learns from libxml2's SAX calls: the
 * script and style elements it makes, in the order it makes them, and the runs given back
 * through characters() (sa__raw_restore checks both). */
struct made {
    startElementSAXFunc start; /* libxml2's own */
    charactersSAXFunc chars;   /* libxml2's own */
    xmlNodePtr *v;
    size_t n, cap;
    const struct sa__raw *raw; /* with the original document, for the taken runs */
    const char *src;
    size_t runs; /* runs given back */
    htmlParserCtxtPtr ctxt;
    int failed;
};

static void emit_chars(void *ctx, const char *p, size_t n)
{
    struct made *m = ctx;
    m->chars(m->ctxt, (const xmlChar *)p, (int)n);
}

/* libxml2's characters() with the taken runs put back where their marks are. */
static void characters(void *ctx, const xmlChar *ch, int len)
{
    htmlParserCtxtPtr ctxt = ctx;
    struct made *m = ctxt->_private;
    if (m->failed) return;
    if (sa__raw_text(m->raw, m->src, (const char *)ch, (size_t)len, &m->runs, emit_chars, m) !=
        SA_OK)
        m->failed = 1;
}

static void start_element(void *ctx, const xmlChar *name, const xmlChar **atts)
{
    htmlParserCtxtPtr ctxt = ctx;
    struct made *m = ctxt->_private;
    xmlNodePtr parent = ctxt->node;
    m->start(ctx, name, atts);
    if (strcmp((const char *)name, "script") != 0 && strcmp((const char *)name, "style") != 0)
        return;
    if (ctxt->node == parent || !ctxt->node) { /* not made: out of memory */
        m->failed = 1;
        return;
    }
    if (m->n == m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 16;
        xmlNodePtr *v = sa__realloc(m->v, cap * sizeof *v);
        if (!v) {
            m->failed = 1;
            return;
        }
        m->v = v;
        m->cap = cap;
    }
    m->v[m->n++] = ctxt->node;
}

/* One libxml2 parse of s; with m, the script and style elements it makes go into m. */
static int parse_with(const char *s, size_t len, const char *url, struct made *m, xmlDocPtr *out)
{
    *out = NULL;
    /* libxml2 2.9.14's htmlInitParserCtxt loses its SAX handler when one of the stacks it
     * allocates after it fails (found by tests/unit/test_torture.c under LeakSanitizer): the
     * context's few fixed allocations are kept out of failure injection too. */
    sa__alloc_exempt(1);
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    sa__alloc_exempt(0);
    if (!ctxt) return SA_ENOMEM;
    if (ctxt->sax) {
        ctxt->sax->error = silent;
        ctxt->sax->warning = silent;
        ctxt->sax->serror = silent_structured;
        if (m) {
            m->start = ctxt->sax->startElement;
            ctxt->sax->startElement = start_element;
            ctxt->_private = m;
            m->ctxt = ctxt;
            if (m->raw && m->raw->nruns) {
                m->chars = ctxt->sax->characters;
                ctxt->sax->characters = characters;
            }
        }
    }
    if (m && (!m->start || (m->raw && m->raw->nruns && !m->chars))) m->failed = 1;
    /* No HTML_PARSE_HUGE: libxml2 then stops at a nesting depth of 256, and the page keeps
     * what came before. */
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
               HTML_PARSE_COMPACT;
    /* libxml2 2.9.14's HTML parser loops for ever once one of its allocations fails (found by
     * tests/unit/test_torture.c), so the parse itself is kept out of failure injection; the
     * tree it builds is still freed, and read, through the injected allocator. */
    sa__alloc_exempt(1);
    xmlDocPtr d = len ? htmlCtxtReadMemory(ctxt, s, (int)len, url, "UTF-8", opts) : NULL;
    sa__alloc_exempt(0);
    int rc = SA_OK;
    if (!d) {
        if (ctxt->errNo == XML_ERR_NO_MEMORY) {
            rc = SA_ENOMEM;
        } else {
            /* an empty body: an empty document, so the page is simply blank */
            d = htmlNewDocNoDtD(NULL, NULL);
            if (!d) rc = SA_ENOMEM;
        }
    }
    htmlFreeParserCtxt(ctxt);
    *out = d;
    return rc;
}

/* Parses with the script and style texts taken out (html_raw.h); *out stays NULL when the
 * document is to be parsed as it is. */
static int parse_taken(const char *utf8, size_t len, const char *url, xmlDocPtr *out)
{
    *out = NULL;
    struct sa__raw raw;
    int rc = sa__raw_take(utf8, len, &raw);
    if (rc <= 0) return rc;
    struct made m = {.raw = &raw, .src = utf8};
    xmlDocPtr d;
    rc = parse_with(raw.doc, raw.len, url, &m, &d);
    if (rc == SA_OK)
        rc = m.failed ? SA_EPARSE : sa__raw_restore(&raw, utf8, (void **)m.v, m.n, m.runs);
    if (rc == SA_OK) {
        *out = d;
    } else {
        if (d) xmlFreeDoc(d);
        if (rc == SA_EPARSE) rc = SA_OK; /* the readings differ: libxml2 reads it all */
    }
    sa__free(m.v);
    sa__raw_release(&raw);
    return rc;
}

int sa__html_parse_way(const char *utf8, size_t len, const char *url, int take, void **doc,
                       int *taken)
{
    *doc = NULL;
    if (taken) *taken = 0;
    if (len > INT_MAX) return SA_EPARSE; /* libxml2 takes an int; our caps stop far below */
    /* libxml2 reports some errors through per-thread global handlers rather than the parser
     * context; borrow them for the parse and give the embedding program its own back. */
    struct sa__xml_quiet q;
    sa__xml_quiet_begin(&q);
    sa__xml_arena_begin();
    xmlDocPtr d = NULL;
    int rc = take ? parse_taken(utf8, len, url, &d) : SA_OK;
    if (taken) *taken = d != NULL;
    if (rc == SA_OK && !d) rc = parse_with(utf8, len, url, NULL, &d);
    sa__xml_arena_end(d != NULL);
    *doc = d;
    sa__xml_quiet_end(&q);
    return rc;
}

void sa__html_free(void *doc)
{
    if (!doc) return;
    xmlFreeDoc(doc);
    sa__xml_arena_drop();
}

int sa__html_parse(const char *utf8, size_t len, const char *url, void **doc)
{
    return sa__html_parse_way(utf8, len, url, 1, doc, NULL);
}

/* ---- trees as text, for the differential tests and fuzz_html ---- */

static int outline_text(struct sa_buf *out, const char *what, const xmlChar *s)
{
    size_t n = s ? strlen((const char *)s) : 0;
    int rc = sa__buf_printf(out, " %s%zu:", what, n);
    if (rc == SA_OK && n) rc = sa__buf_append(out, s, n);
    return rc;
}

static int outline_node(const xmlNode *x, unsigned depth, struct sa_buf *out)
{
    int rc = sa__buf_printf(out, "%u %d", depth, (int)x->type);
    if (rc == SA_OK) rc = outline_text(out, "n", x->name);
    /* only these keep text in content (a doctype's is something else) */
    if (rc == SA_OK && (x->type == XML_TEXT_NODE || x->type == XML_CDATA_SECTION_NODE ||
                        x->type == XML_COMMENT_NODE || x->type == XML_PI_NODE))
        rc = outline_text(out, "c", x->content);
    if (x->type == XML_ELEMENT_NODE)
        for (const xmlAttr *a = x->properties; a && rc == SA_OK; a = a->next) {
            rc = outline_text(out, "a", a->name);
            for (const xmlNode *t = a->children; t && rc == SA_OK; t = t->next)
                rc = outline_text(out, "v", t->content);
        }
    if (rc == SA_OK) rc = sa__buf_append(out, "\n", 1);
    return rc;
}

static int dom_outline(const xmlNode *top, struct sa_buf *out)
{
    const xmlNode *x = top;
    unsigned depth = 0;
    int rc = SA_OK;
    while (x && rc == SA_OK) {
        rc = outline_node(x, depth, out);
        if (x->children && x->type != XML_ENTITY_REF_NODE && x->type != XML_DTD_NODE) {
            x = x->children;
            depth++;
            continue;
        }
        while (x != top && !x->next) {
            x = x->parent;
            depth--;
        }
        x = x == top ? NULL : x->next;
    }
    return rc;
}

int sa__html_outline(const char *utf8, size_t len, int take, struct sa_buf *out, int *taken)
{
    void *doc = NULL;
    int rc = sa__html_parse_way(utf8, len, "https://shop.test/", take, &doc, taken);
    sa__buf_init(out, SIZE_MAX);
    if (rc == SA_OK) rc = dom_outline(doc, out);
    sa__html_free(doc);
    return rc;
}

/* One path step: "tag#id", else "tag.class" (first class), else "tag". */
static size_t where_step(const xmlNode *e, char *buf, size_t n)
{
    const char *tag = (const char *)e->name;
    const char *id = NULL, *cls = NULL;
    for (const xmlAttr *a = e->properties; a; a = a->next) {
        const char *v = a->children && a->children->type == XML_TEXT_NODE
                            ? (const char *)a->children->content
                            : NULL;
        if (!v) continue;
        if (!id && strcmp((const char *)a->name, "id") == 0) id = v;
        if (!cls && strcmp((const char *)a->name, "class") == 0) cls = v;
    }
    size_t o = 0;
    for (size_t i = 0; tag[i] && o + 1 < n && i < 24; i++) buf[o++] = tag[i];
    const char *extra = NULL;
    char mark = 0;
    size_t elen = 0;
    while (id && is_ws((unsigned char)*id)) id++;
    if (id && *id) {
        extra = id, mark = '#';
        while (extra[elen] && !is_ws((unsigned char)extra[elen])) elen++;
    } else if (cls) {
        while (is_ws((unsigned char)*cls)) cls++;
        while (cls[elen] && !is_ws((unsigned char)cls[elen])) elen++;
        if (elen) extra = cls, mark = '.';
    }
    if (extra && o + 2 < n) {
        /* long generated names ("css-1q2w3e4r ...") are cut to keep evidence readable */
        if (elen > 40) elen = sa__utf8_floor(extra, elen, 40);
        buf[o++] = mark;
        for (size_t i = 0; i < elen && o + 1 < n; i++) buf[o++] = extra[i];
    }
    return o;
}

size_t sa__dom_where(const void *node, char *buf, size_t n)
{
    if (!n) return 0;
    buf[0] = '\0';
    const xmlNode *e = node;
    while (e && e->type != XML_ELEMENT_NODE) e = e->parent;
    if (!e) return 0;
    /* Collect up to 4 steps upwards; html and body are left out unless they are the node
     * itself, and a step with an id is unique enough to start the path. */
    const xmlNode *steps[4];
    size_t k = 0;
    for (const xmlNode *x = e; x && x->type == XML_ELEMENT_NODE && k < 4; x = x->parent) {
        if (x != e && (strcmp((const char *)x->name, "body") == 0 ||
                       strcmp((const char *)x->name, "html") == 0))
            break;
        steps[k++] = x;
        int has_id = 0;
        for (const xmlAttr *a = x->properties; a; a = a->next)
            if (strcmp((const char *)a->name, "id") == 0 && a->children && a->children->content &&
                a->children->content[0])
                has_id = 1;
        if (has_id) break;
    }
    size_t o = 0;
    char step[96];
    while (k-- > 0) {
        size_t sl = where_step(steps[k], step, sizeof step);
        if (o && o + 3 < n) {
            memcpy(buf + o, " > ", 3);
            o += 3;
        }
        if (o + sl >= n) {
            sl = sa__utf8_floor(step, sl, n - 1 - o);
            memcpy(buf + o, step, sl);
            o += sl;
            break;
        }
        memcpy(buf + o, step, sl);
        o += sl;
    }
    buf[o] = '\0';
    return o;
}

xmlXPathContext *sa__xpath_context(xmlDoc *doc)
{
    xmlXPathContext *ctx = doc ? xmlXPathNewContext(doc) : NULL;
    if (ctx) ctx->error = silent_structured;
    return ctx;
}

xmlXPathObject *sa__xpath_eval(xmlXPathContext *ctx, const char *expr)
{
    if (!ctx) return NULL;
    sa__alloc_exempt(1);
    xmlXPathObject *o = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
    sa__alloc_exempt(0);
    return o;
}

xmlXPathObject *sa__xpath_eval_compiled(xmlXPathContext *ctx, xmlXPathCompExpr *comp)
{
    if (!ctx || !comp) return NULL;
    sa__alloc_exempt(1);
    xmlXPathObject *o = xmlXPathCompiledEval(comp, ctx);
    sa__alloc_exempt(0);
    return o;
}
