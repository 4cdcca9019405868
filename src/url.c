/* URL parsing, RFC 3986 resolution and the normalisation that gives every page of a site one
 * spelling, so the frontier never queues it twice. It runs for every href of every page (about a
 * million per audit), so each step is a single linear pass over slices of the input, and a join
 * costs one allocation (its result) unless the URL is longer than the stack scratch buffers.
 * Hosts that are not ASCII are kept as raw UTF-8 bytes (%XX in a host is decoded): libcurl built
 * with libidn2 turns raw UTF-8 into punycode, while it would send "%C3%A9" to DNS as it is. */
#include "url.h"

#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "utf8.h"

/* Scratch kept on the stack: 3 x 1360 bytes covers the worst-case escaping of any URL shorter
 * than 1360 bytes, which is nearly all of them; longer ones take a heap buffer. */
#define SCRATCH 4096

/* Keys compared by sa__url_in_scope; a file path longer than this is out of scope (fails
 * closed). */
#define KEY_MAX 4096

enum scheme { SCH_OTHER, SCH_HTTP, SCH_HTTPS, SCH_FILE };

static const char HEX[] = "0123456789ABCDEF";

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int hexval(int c)
{
    if (is_digit(c)) return c - '0';
    c = lower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int is_unreserved(int c)
{
    return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

/* ASCII-only, so a Turkish locale cannot make "I" and "i" differ. */
static int eq_nocase(const char *a, size_t n, const char *lit)
{
    size_t i = 0;
    for (; i < n && lit[i]; i++)
        if (lower((unsigned char)a[i]) != lit[i]) return 0;
    return i == n && lit[i] == '\0';
}

static int prefix_nocase(const char *a, size_t n, const char *lit)
{
    size_t i = 0;
    for (; lit[i]; i++)
        if (i >= n || lower((unsigned char)a[i]) != lit[i]) return 0;
    return 1;
}

static enum scheme scheme_of(struct sa_str s)
{
    if (!s.ptr) return SCH_OTHER;
    if (eq_nocase(s.ptr, s.len, "http")) return SCH_HTTP;
    if (eq_nocase(s.ptr, s.len, "https")) return SCH_HTTPS;
    if (eq_nocase(s.ptr, s.len, "file")) return SCH_FILE;
    return SCH_OTHER;
}

/* RFC 3986 3.1: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ). Appendix B alone would call
 * "a b:c" a scheme; like browsers we read such a string as a relative path instead. */
static int valid_scheme(const char *s, size_t n)
{
    if (n == 0 || !is_alpha((unsigned char)s[0])) return 0;
    for (size_t i = 1; i < n; i++) {
        int c = (unsigned char)s[i];
        if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return 0;
    }
    return 1;
}

/* Port digits to a number, 0 when the port is not 1-65535; stops early so a 100 KB run of
 * digits cannot overflow. */
static unsigned port_value(struct sa_str p)
{
    unsigned v = 0;
    for (size_t i = 0; i < p.len; i++) {
        if (!is_digit((unsigned char)p.ptr[i])) return 0;
        v = v * 10 + (unsigned)(p.ptr[i] - '0');
        if (v > 65535) return 0;
    }
    return v;
}

static int split_authority(const char *a, size_t n, struct sa_url *u)
{
    size_t at = n, i;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)a[i];
        if (c <= 0x20 || c == 0x7F) return SA_EURL;
        if (c == '@') at = i; /* the last '@' wins, as in browsers: "a@b@host" */
    }
    size_t h = 0;
    if (at < n) {
        u->userinfo.ptr = a;
        u->userinfo.len = at;
        h = at + 1;
    }
    size_t e; /* end of host */
    if (h < n && a[h] == '[') {
        e = h;
        while (e < n && a[e] != ']') e++;
        if (e == n) return SA_EURL;
        e++;
        if (e < n && a[e] != ':') return SA_EURL;
    } else {
        e = h;
        while (e < n && a[e] != ':') e++;
    }
    for (i = h; i < e; i++)
        if ((a[i] == '[' && i != h) || (a[i] == ']' && i != e - 1)) return SA_EURL;
    if (e > h && a[e - 1] == ']' && a[h] != '[') return SA_EURL;
    u->host.ptr = a + h;
    u->host.len = e - h;
    if (e < n) {
        u->port.ptr = a + e + 1;
        u->port.len = n - e - 1;
        /* An empty port is legal (RFC 3986 3.2.3) and normalises away. */
        if (u->port.len && !port_value(u->port)) return SA_EURL;
    }
    return SA_OK;
}

int sa__url_split(const char *s, size_t len, struct sa_url *u)
{
    memset(u, 0, sizeof *u);
    if (!s) return SA_EURL;
    size_t i = 0, k = 0;
    while (k < len && s[k] != ':' && s[k] != '/' && s[k] != '?' && s[k] != '#') k++;
    if (k < len && s[k] == ':' && valid_scheme(s, k)) {
        u->scheme.ptr = s;
        u->scheme.len = k;
        i = k + 1;
    }
    if (len - i >= 2 && s[i] == '/' && s[i + 1] == '/') {
        size_t a = i + 2;
        i = a;
        while (i < len && s[i] != '/' && s[i] != '?' && s[i] != '#') i++;
        u->has_authority = 1;
        int rc = split_authority(s + a, i - a, u);
        if (rc != SA_OK) {
            memset(u, 0, sizeof *u);
            return rc;
        }
    }
    size_t p = i;
    while (i < len && s[i] != '?' && s[i] != '#') i++;
    u->path.ptr = s + p; /* the path is always defined, maybe empty (RFC 3986 3.3) */
    u->path.len = i - p;
    if (i < len && s[i] == '?') {
        size_t q = ++i;
        while (i < len && s[i] != '#') i++;
        u->query.ptr = s + q;
        u->query.len = i - q;
    }
    if (i < len && s[i] == '#') {
        u->fragment.ptr = s + i + 1;
        u->fragment.len = len - i - 1;
    }
    return SA_OK;
}

/* The authority as one slice; it is contiguous in the source string. */
static struct sa_str authority_of(const struct sa_url *u)
{
    struct sa_str a;
    a.ptr = u->userinfo.ptr ? u->userinfo.ptr : u->host.ptr;
    const char *end = u->port.ptr ? u->port.ptr + u->port.len : u->host.ptr + u->host.len;
    a.len = (size_t)(end - a.ptr);
    return a;
}

/* RFC 3986 5.2.4 in one pass: o <= i always holds, so it may run in place (out == in). The
 * output buffer of the RFC is out[0..o); popping a segment walks back over bytes written once,
 * so the whole is linear. */
static size_t remove_dots(const char *in, size_t n, char *out)
{
    size_t i = 0, o = 0;
    while (i < n) {
        const char *s = in + i;
        size_t r = n - i;
        if (r >= 3 && s[0] == '.' && s[1] == '.' && s[2] == '/') { /* A */
            i += 3;
        } else if (r >= 2 && s[0] == '.' && s[1] == '/') { /* A */
            i += 2;
        } else if (r >= 3 && s[0] == '/' && s[1] == '.' && s[2] == '/') { /* B */
            i += 2;
        } else if (r == 2 && s[0] == '/' && s[1] == '.') { /* B, then E moves the "/" */
            out[o++] = '/';
            break;
        } else if (r >= 3 && s[0] == '/' && s[1] == '.' && s[2] == '.' &&
                   (r == 3 || s[3] == '/')) { /* C */
            while (o > 0 && out[o - 1] != '/') o--;
            if (o > 0) o--;
            if (r == 3) {
                out[o++] = '/';
                break;
            }
            i += 3;
        } else if ((r == 1 && s[0] == '.') || (r == 2 && s[0] == '.' && s[1] == '.')) { /* D */
            break;
        } else { /* E: the first segment, with its leading "/" if any */
            size_t k = s[0] == '/' ? 1 : 0;
            while (k < r && s[k] != '/') k++;
            memmove(out + o, s, k);
            o += k;
            i += k;
        }
    }
    return o;
}

/* RFC 3986 5.2.2 (strict) and 5.3 into dst, which holds at least base + ref + 8 bytes: every
 * piece of the result is copied from one of the two, plus at most a "/" and separators. */
static size_t resolve_into(const struct sa_url *b, const struct sa_url *r, char *dst)
{
    const struct sa_url *auth = r->scheme.ptr || r->has_authority ? r : b;
    const struct sa_url *scheme = r->scheme.ptr ? r : b;
    char *o = dst;
    memcpy(o, scheme->scheme.ptr, scheme->scheme.len);
    o += scheme->scheme.len;
    *o++ = ':';
    if (auth->has_authority) {
        struct sa_str a = authority_of(auth);
        *o++ = '/';
        *o++ = '/';
        memcpy(o, a.ptr, a.len);
        o += a.len;
    }
    char *p0 = o;
    struct sa_str query = r->query;
    if (auth == r) {
        memcpy(o, r->path.ptr, r->path.len);
        o += r->path.len;
    } else if (r->path.len == 0) {
        memcpy(o, b->path.ptr, b->path.len);
        o += b->path.len;
        if (!query.ptr) query = b->query;
        p0 = NULL; /* the base path is used as it is */
    } else if (r->path.ptr[0] == '/') {
        memcpy(o, r->path.ptr, r->path.len);
        o += r->path.len;
    } else { /* merge (5.2.3) */
        if (b->has_authority && b->path.len == 0) {
            *o++ = '/';
        } else {
            size_t k = b->path.len;
            while (k > 0 && b->path.ptr[k - 1] != '/') k--;
            memcpy(o, b->path.ptr, k);
            o += k;
        }
        memcpy(o, r->path.ptr, r->path.len);
        o += r->path.len;
    }
    if (p0) o = p0 + remove_dots(p0, (size_t)(o - p0), p0);
    if (query.ptr) {
        *o++ = '?';
        memcpy(o, query.ptr, query.len);
        o += query.len;
    }
    if (r->fragment.ptr) {
        *o++ = '#';
        memcpy(o, r->fragment.ptr, r->fragment.len);
        o += r->fragment.len;
    }
    *o = '\0';
    return (size_t)(o - dst);
}

/* A scratch buffer of n bytes: the stack one when it is big enough, else the heap. */
static char *scratch(char *stack, size_t n)
{
    return n <= SCRATCH ? stack : sa__malloc(n);
}

static void scratch_free(char *p, char *stack)
{
    if (p != stack) sa__free(p);
}

int sa__url_resolve(const char *base, const char *ref, char **out)
{
    *out = NULL;
    if (!base || !ref) return SA_EURL;
    size_t lb = strlen(base), lr = strlen(ref);
    struct sa_url b, r;
    if (sa__url_split(base, lb, &b) != SA_OK || !b.scheme.ptr) return SA_EURL;
    if (sa__url_split(ref, lr, &r) != SA_OK) return SA_EURL;
    if (lb > SIZE_MAX / 2 - 8 || lr > SIZE_MAX / 2 - 8) return SA_ENOMEM;
    char *d = sa__malloc(lb + lr + 8);
    if (!d) return SA_ENOMEM;
    resolve_into(&b, &r, d);
    *out = d;
    return SA_OK;
}

enum part { PART_USERINFO, PART_PATH, PART_QUERY };

/* Characters a URL may not carry raw (RFC 3986 2 and what browsers escape): controls, space,
 * bytes of UTF-8 and the "unwise" set. */
static int must_escape(int c, enum part part)
{
    if (c <= 0x20 || c >= 0x7F) return 1;
    switch (c) {
    case '"':
    case '<':
    case '>':
    case '\\':
    case '^':
    case '`':
    case '{':
    case '|':
    case '}':
        return 1;
    case '@':
        return part == PART_USERINFO; /* would move the host */
    default:
        return 0;
    }
}

/* Percent-encoding normalisation (RFC 3986 6.2.2.1-2) into d, which has room for 3 n bytes:
 * %xx upper-cased, unreserved ones decoded, a stray "%" becomes "%25". */
static size_t pct_norm(const char *s, size_t n, char *d, enum part part)
{
    char *o = d;
    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)s[i];
        if (c == '%') {
            int hi = i + 2 < n ? hexval((unsigned char)s[i + 1]) : -1;
            int lo = hi >= 0 ? hexval((unsigned char)s[i + 2]) : -1;
            if (lo >= 0) {
                int v = hi * 16 + lo;
                if (is_unreserved(v)) {
                    *o++ = (char)v;
                } else {
                    *o++ = '%';
                    *o++ = HEX[hi];
                    *o++ = HEX[lo];
                }
                i += 2;
                continue;
            }
        }
        if (c == '%' || must_escape(c, part)) {
            *o++ = '%';
            *o++ = HEX[c >> 4];
            *o++ = HEX[c & 15];
        } else {
            *o++ = (char)c;
        }
    }
    return (size_t)(o - d);
}

/* Host normalisation into d (room for cap bytes): ASCII lower-cased, %XX decoded, trailing
 * dots dropped (all of them, so a second pass changes nothing). Bytes that cannot be in a host
 * name are SA_EURL rather than escaped: such a host cannot be fetched, so there is nothing to
 * gain from keeping the link. */
static int norm_host(struct sa_str h, char *d, size_t cap, size_t *outn)
{
    size_t w = 0;
    if (h.len && h.ptr[0] == '[') { /* IP literal; split checked the brackets */
        if (h.len > cap) return SA_ETOOBIG;
        if (h.len < 4 || !memchr(h.ptr, ':', h.len)) return SA_EURL; /* IPv6 has colons */
        for (size_t i = 0; i < h.len; i++) {
            int c = (unsigned char)h.ptr[i];
            if ((i == 0 || i == h.len - 1) || hexval(c) >= 0 || c == ':' || c == '.')
                d[w++] = (char)lower(c);
            else
                return SA_EURL;
        }
        *outn = w;
        return SA_OK;
    }
    for (size_t i = 0; i < h.len; i++) {
        int c = (unsigned char)h.ptr[i];
        if (c == '%') {
            int hi = i + 2 < h.len ? hexval((unsigned char)h.ptr[i + 1]) : -1;
            int lo = hi >= 0 ? hexval((unsigned char)h.ptr[i + 2]) : -1;
            if (lo < 0) return SA_EURL;
            c = hi * 16 + lo;
            if (c < 0x80 && !is_unreserved(c)) return SA_EURL;
            i += 2;
        } else if (c < 0x80 && must_escape(c, PART_PATH)) {
            return SA_EURL;
        }
        if (w >= cap) return SA_ETOOBIG;
        d[w++] = (char)lower(c);
    }
    while (w && d[w - 1] == '.') w--; /* "shop.test." is the same name, fully qualified */
    if (!sa__utf8_valid(d, w)) return SA_EURL;
    *outn = w;
    return SA_OK;
}

/* Query parameters that only track the visitor or carry a session: they make one page look
 * like thousands. Names are compared after percent normalisation, case-insensitively. */
static int tracking_param(const char *p, size_t n)
{
    static const char *const names[] = {
        "gclid",     "fbclid",     "yclid",     "msclkid", "_ga",        "mc_cid", "mc_eid",
        "phpsessid", "jsessionid", "sessionid", "sid",     "session_id", NULL,
    };
    size_t k = 0;
    while (k < n && p[k] != '=') k++;
    if (prefix_nocase(p, k, "utm_")) return 1;
    for (size_t i = 0; names[i]; i++)
        if (eq_nocase(p, k, names[i])) return 1;
    return 0;
}

/* Drops tracking parameters and empty pieces ("a&&b") in place; returns the new length. */
static size_t strip_params(char *q, size_t n)
{
    size_t r = 0, w = 0;
    while (r < n) {
        size_t e = r;
        while (e < n && q[e] != '&') e++;
        if (e > r && !tracking_param(q + r, e - r)) {
            if (w) q[w++] = '&';
            memmove(q + w, q + r, e - r);
            w += e - r;
        }
        r = e + 1;
    }
    return w;
}

/* Drops ";jsessionid=..." path parameters (Java servlet URL rewriting) in place; the value
 * ends at the next "/" or ";". */
static size_t strip_jsessionid(char *p, size_t n)
{
    size_t r = 0, w = 0;
    while (r < n) {
        if (p[r] == ';' && prefix_nocase(p + r + 1, n - r - 1, "jsessionid=")) {
            r += 12;
            while (r < n && p[r] != '/' && p[r] != ';') r++;
            continue;
        }
        p[w++] = p[r++];
    }
    return w;
}

static char *put(char *o, const char *s, size_t n)
{
    memcpy(o, s, n);
    return o + n;
}

/* Normalises s[0..len) into dst (room for 3 len + 16 bytes: each input byte becomes at most
 * three, plus "//", a "/" for an empty path and the NUL). */
static int normalize_into(const char *s, size_t len, char *dst, size_t *outn)
{
    struct sa_url u;
    if (sa__url_split(s, len, &u) != SA_OK) return SA_EURL;
    enum scheme sch = scheme_of(u.scheme);
    char *o = dst;
    if (sch == SCH_FILE) {
        /* RFC 8089: "file:///p", "file://localhost/p" and the short "file:/p" name one file. */
        if (u.has_authority) {
            if (u.userinfo.ptr || u.port.ptr) return SA_EURL;
            if (u.host.len && !eq_nocase(u.host.ptr, u.host.len, "localhost")) return SA_EURL;
        } else if (u.path.len == 0 || u.path.ptr[0] != '/') {
            return SA_EURL;
        }
        o = put(o, "file://", 7);
    } else if (sch == SCH_HTTP || sch == SCH_HTTPS) {
        if (!u.has_authority) return SA_EURL;
        o = sch == SCH_HTTP ? put(o, "http://", 7) : put(o, "https://", 8);
        if (u.userinfo.len) {
            o += pct_norm(u.userinfo.ptr, u.userinfo.len, o, PART_USERINFO);
            *o++ = '@';
        }
        size_t hn;
        int rc = norm_host(u.host, o, u.host.len, &hn);
        if (rc != SA_OK) return rc;
        if (hn == 0) return SA_EURL;
        o += hn;
        unsigned port = u.port.len ? port_value(u.port) : 0;
        if (port && !(sch == SCH_HTTP && port == 80) && !(sch == SCH_HTTPS && port == 443)) {
            char digits[8];
            size_t nd = 0;
            for (; port; port /= 10) digits[nd++] = (char)('0' + port % 10);
            *o++ = ':';
            while (nd) *o++ = digits[--nd];
        }
    } else {
        return SA_EURL;
    }
    /* With an authority the path is empty or starts with "/" (split stops the host there). */
    char *p0 = o;
    o += pct_norm(u.path.ptr, u.path.len, o, PART_PATH);
    o = p0 + strip_jsessionid(p0, (size_t)(o - p0));
    o = p0 + remove_dots(p0, (size_t)(o - p0), p0);
    if (o == p0) *o++ = '/';
    if (u.query.ptr) {
        char *q0 = o + 1;
        size_t qn = pct_norm(u.query.ptr, u.query.len, q0, PART_QUERY);
        qn = strip_params(q0, qn);
        if (qn) {
            *o = '?';
            o = q0 + qn;
        }
    }
    *o = '\0';
    *outn = (size_t)(o - dst);
    return SA_OK;
}

static int normalize_n(const char *s, size_t len, char **out)
{
    char stack[SCRATCH];
    *out = NULL;
    if (len > (SIZE_MAX - 16) / 3) return SA_ENOMEM;
    char *d = scratch(stack, 3 * len + 16);
    if (!d) return SA_ENOMEM;
    size_t n;
    int rc = normalize_into(s, len, d, &n);
    if (rc == SA_OK) {
        *out = sa__strndup(d, n);
        if (!*out) rc = SA_ENOMEM;
    }
    scratch_free(d, stack);
    return rc;
}

int sa__url_normalize(const char *url, char **out)
{
    *out = NULL;
    if (!url) return SA_EURL;
    return normalize_n(url, strlen(url), out);
}

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* The scheme of a reference, by the same rule as sa__url_split; ptr NULL when it has none. */
static struct sa_str scheme_prefix(const char *s, size_t n)
{
    struct sa_str sc = {NULL, 0};
    size_t k = 0;
    while (k < n && s[k] != ':' && s[k] != '/' && s[k] != '?' && s[k] != '#') k++;
    if (k < n && s[k] == ':' && valid_scheme(s, k)) {
        sc.ptr = s;
        sc.len = k;
    }
    return sc;
}

int sa__url_join(const char *base, const char *ref, char **out)
{
    char stack_ref[SCRATCH], stack_res[SCRATCH];
    *out = NULL;
    if (!base || !ref) return SA_EURL;
    size_t lr = strlen(ref), lb = strlen(base);
    while (lr && is_space((unsigned char)*ref)) {
        ref++;
        lr--;
    }
    while (lr && is_space((unsigned char)ref[lr - 1])) lr--;

    struct sa_url b, r;
    if (sa__url_split(base, lb, &b) != SA_OK || scheme_of(b.scheme) == SCH_OTHER) return SA_EURL;

    /* Browsers drop tabs and newlines anywhere ("java\tscript:" is still javascript:) and read
     * "\" as "/" before the query of http(s) and file URLs ("\\cdn\x" is "//cdn/x"). */
    size_t k, w, tabs = 0, slashes = 0;
    for (k = 0; k < lr; k++) {
        char c = ref[k];
        if (c == '\t' || c == '\n' || c == '\r') tabs++;
        if (c == '\\') slashes++;
    }
    const char *rs = ref;
    char *clean = NULL;
    if (tabs || slashes) {
        clean = scratch(stack_ref, lr + 1);
        if (!clean) return SA_ENOMEM;
        for (k = w = 0; k < lr; k++)
            if (ref[k] != '\t' && ref[k] != '\n' && ref[k] != '\r') clean[w++] = ref[k];
        lr = w;
        rs = clean;
    }
    struct sa_str rsch = scheme_prefix(rs, lr);
    int rc = SA_OK;
    if (rsch.ptr && scheme_of(rsch) == SCH_OTHER) { /* javascript:, mailto:, tel:, data: */
        rc = SA_EURL;
        goto done;
    }
    for (k = 0; slashes && k < lr && clean[k] != '?' && clean[k] != '#'; k++)
        if (clean[k] == '\\') clean[k] = '/';
    rc = sa__url_split(rs, lr, &r);
    if (rc != SA_OK) goto done;
    if (lb > SIZE_MAX / 2 - 8 || lr > SIZE_MAX / 2 - 8) {
        rc = SA_ENOMEM;
        goto done;
    }
    char *res = scratch(stack_res, lb + lr + 8);
    if (!res) {
        rc = SA_ENOMEM;
        goto done;
    }
    size_t n = resolve_into(&b, &r, res);
    rc = normalize_n(res, n, out);
    scratch_free(res, stack_res);
done:
    if (clean) scratch_free(clean, stack_ref);
    return rc;
}

size_t sa__url_join_dir(const char *base)
{
    struct sa_url b;
    if (!base || sa__url_split(base, strlen(base), &b) != SA_OK || scheme_of(b.scheme) == SCH_OTHER)
        return 0;
    size_t k = b.path.len;
    while (k > 0 && b.path.ptr[k - 1] != '/') k--;
    return (size_t)(b.path.ptr - base) + k;
}

int sa__url_join_reads_all(const char *ref)
{
    /* sa__url_join trims these, and drops tabs and newlines (all among them) anywhere: what is
     * left starts with the first other byte */
    while (is_space((unsigned char)*ref)) ref++;
    return !*ref || *ref == '?' || *ref == '#';
}

static int copy_out(char *buf, size_t n, const char *s, size_t len)
{
    if (len >= n) {
        if (n) buf[0] = '\0';
        return SA_ETOOBIG;
    }
    memcpy(buf, s, len);
    buf[len] = '\0';
    return SA_OK;
}

static int fail(char *buf, size_t n, int rc)
{
    if (n) buf[0] = '\0';
    return rc;
}

int sa__url_host(const char *url, char *buf, size_t n)
{
    struct sa_url u;
    if (!buf || n == 0) return SA_ETOOBIG;
    if (!url || sa__url_split(url, strlen(url), &u) != SA_OK || !u.scheme.ptr || !u.has_authority)
        return fail(buf, n, SA_EURL);
    size_t hn;
    int rc = norm_host(u.host, buf, n - 1, &hn);
    if (rc != SA_OK) return fail(buf, n, rc);
    buf[hn] = '\0';
    return SA_OK;
}

int sa__url_site_key(const char *url, char *buf, size_t n)
{
    struct sa_url u;
    if (!buf || n == 0) return SA_ETOOBIG;
    if (!url || sa__url_split(url, strlen(url), &u) != SA_OK) return fail(buf, n, SA_EURL);
    enum scheme sch = scheme_of(u.scheme);
    if (sch == SCH_HTTP || sch == SCH_HTTPS) {
        size_t hn;
        if (!u.has_authority) return fail(buf, n, SA_EURL);
        int rc = norm_host(u.host, buf, n - 1, &hn);
        if (rc != SA_OK) return fail(buf, n, rc);
        if (hn == 0) return fail(buf, n, SA_EURL);
        if (hn > 4 && prefix_nocase(buf, hn, "www.")) {
            memmove(buf, buf + 4, hn - 4);
            hn -= 4;
        }
        buf[hn] = '\0';
        return SA_OK;
    }
    if (sch != SCH_FILE) return fail(buf, n, SA_EURL);
    /* Normalised first, so "file:///srv/site/../etc/x" cannot pass for a page of the site. */
    char *norm;
    int rc = sa__url_normalize(url, &norm);
    if (rc != SA_OK) return fail(buf, n, rc);
    const char *p = norm + 7; /* after "file://" */
    size_t pl = strcspn(p, "?");
    while (pl > 0 && p[pl - 1] != '/') pl--;
    if (pl + 5 >= n) {
        rc = fail(buf, n, SA_ETOOBIG);
    } else {
        memcpy(buf, "file:", 5);
        memcpy(buf + 5, p, pl);
        buf[pl + 5] = '\0';
    }
    sa__free(norm);
    return rc;
}

int sa__url_in_scope(const char *root, const char *url)
{
    char kr[KEY_MAX], ku[KEY_MAX];
    if (sa__url_site_key(root, kr, sizeof kr) != SA_OK) return 0;
    if (sa__url_site_key(url, ku, sizeof ku) != SA_OK) return 0;
    /* A host key never contains ':', so "file:" keys only ever meet "file:" keys. */
    if (strncmp(kr, "file:", 5) == 0) return strncmp(ku, kr, strlen(kr)) == 0;
    return strcmp(kr, ku) == 0;
}

int sa__url_is_fetchable(const char *url)
{
    if (!url) return 0;
    size_t n = strlen(url);
    return prefix_nocase(url, n, "http://") || prefix_nocase(url, n, "https://") ||
           prefix_nocase(url, n, "file://");
}

int sa__url_path_query(const char *url, char *buf, size_t n)
{
    struct sa_url u;
    if (!buf || n == 0) return SA_ETOOBIG;
    if (!url || sa__url_split(url, strlen(url), &u) != SA_OK || !u.scheme.ptr)
        return fail(buf, n, SA_EURL);
    if (u.path.len == 0 && !u.query.ptr) return copy_out(buf, n, "/", 1);
    size_t pl = u.path.len ? u.path.len : 1;
    size_t total = pl + (u.query.ptr ? 1 + u.query.len : 0);
    if (total >= n) return fail(buf, n, SA_ETOOBIG);
    if (u.path.len)
        memcpy(buf, u.path.ptr, pl);
    else
        buf[0] = '/';
    if (u.query.ptr) {
        buf[pl] = '?';
        memcpy(buf + pl + 1, u.query.ptr, u.query.len);
    }
    buf[total] = '\0';
    return SA_OK;
}
