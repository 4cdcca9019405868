/* robots.txt (RFC 9309): turns the file into the one rule list that applies to our product
 * token, then answers "may we fetch this path?" by longest match. Patterns and paths go through
 * the same percent-encoding normaliser, so a pattern and a path that differ only in how they
 * spell a character compare equal, and matching never backtracks further than the last '*'. */
#include "robots.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "shopaudit/common.h"

/* RFC 9309 section 2.5: the parsing limit MUST be at least 500 KiB; more buys nothing. */
#define ROBOTS_MAX_BYTES ((size_t)500 * 1024)
/* Normalising can turn one byte into three ("%XX"), plus the '/' we may add to a pattern. */
#define ROBOTS_MAX_PATTERN_BYTES (3 * ROBOTS_MAX_BYTES + 2)
/* Paths up to this long are normalised on the stack; longer ones cost one allocation. */
#define PATH_STACK_BYTES 2048

struct rule {
    size_t off, len;        /* pattern bytes in the set's pool, trailing '$' included */
    unsigned char allow;    /* 1 Allow, 0 Disallow */
    unsigned char anchored; /* pattern ended in '$': must match up to the end of the path */
};

/* The rules of every group that names one agent, merged (RFC 9309 section 2.2.1). */
struct ruleset {
    struct rule *v;
    size_t n, cap;
    struct sa_buf pool; /* normalised pattern bytes of all rules */
    unsigned delay_ms;
    int seen; /* a group named this agent, even with no rules: then it, not "*", applies */
};

struct sa_robots {
    struct rule *rules; /* longest first, Allow before Disallow on a tie */
    size_t nrules;
    char *pool;
    int disallow_all; /* "unreachable" blanket */
    unsigned delay_ms;
    char **sitemaps;
    size_t nsitemaps;
};

static const char hexdigits[] = "0123456789ABCDEF";

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* RFC 3986 section 2.3: only these may be decoded without changing what a URI means. */
static int is_unreserved(unsigned char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
}

static unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* Writes the canonical form of in[0..n) to out (room for 3 * n bytes) and returns its length.
 * %XX of an unreserved character is decoded, any other %XX is upper-cased, and raw bytes that
 * cannot stand in a URI (controls, space, non-ASCII) are encoded; so "/%d0%ba", "/%D0%BA" and
 * the raw UTF-8 "/к" all become "/%D0%BA". Raw '*' and '$' in a path are encoded too: RFC 9309
 * section 2.2.3 has the pattern "/path/foo-%24" match the URI "/path/foo-$", and in a pattern
 * they are the special characters unless '$' is not last. */
static size_t normalise(const char *in, size_t n, int pattern, char *out)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
            c = (unsigned char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
            i += 2;
            if (is_unreserved(c)) {
                out[o++] = (char)c;
                continue;
            }
        } else if (pattern && (c == '*' || (c == '$' && i + 1 == n))) {
            out[o++] = (char)c;
            continue;
        } else if (c > 0x20 && c < 0x7F && c != '*' && c != '$') {
            out[o++] = (char)c;
            continue;
        }
        out[o++] = '%';
        out[o++] = hexdigits[c >> 4];
        out[o++] = hexdigits[c & 15];
    }
    return o;
}

/* Does p[0..m) ('*' = any run of octets) match a prefix of t[0..n), or all of it when
 * anchored? Greedy, and on a mismatch only the most recent '*' takes one more octet: earlier
 * stars never need to, because whatever they could absorb the later star can too. So the cost
 * is O(n * m) at worst, and "/a*a*a*a*b" against a long run of 'a's stays linear. */
static int wildmatch(const char *p, size_t m, int anchored, const char *t, size_t n)
{
    size_t i = 0, j = 0, star = SIZE_MAX, mark = 0;
    for (;;) {
        if (j == m) {
            if (!anchored || i == n) return 1;
        } else if (p[j] == '*') {
            star = j++;
            mark = i;
            continue;
        } else if (i < n && p[j] == t[i]) {
            i++;
            j++;
            continue;
        }
        if (star == SIZE_MAX || mark >= n) return 0;
        j = star + 1;
        i = ++mark;
    }
}

static int rule_cmp(const void *va, const void *vb)
{
    const struct rule *a = va, *b = vb;
    if (a->len != b->len) return a->len > b->len ? -1 : 1;
    if (a->allow != b->allow) return a->allow ? -1 : 1; /* RFC 9309 2.2.2: Allow wins a tie */
    return a->off < b->off ? -1 : a->off > b->off;
}

static int ruleset_add(struct ruleset *rs, const char *pat, size_t len, int allow)
{
    if (rs->n == rs->cap) {
        size_t cap = rs->cap ? rs->cap * 2 : 16;
        if (cap > SIZE_MAX / sizeof *rs->v) return SA_ENOMEM;
        struct rule *v = sa__realloc(rs->v, cap * sizeof *v);
        if (!v) return SA_ENOMEM;
        rs->v = v;
        rs->cap = cap;
    }
    struct rule *r = &rs->v[rs->n];
    r->off = rs->pool.len;
    r->len = len;
    r->allow = (unsigned char)allow;
    r->anchored = len > 0 && pat[len - 1] == '$';
    /* The pool's cap is out of reach (the input is capped), so any failure is memory. */
    if (sa__buf_append(&rs->pool, pat, len) != SA_OK) return SA_ENOMEM;
    rs->n++;
    return SA_OK;
}

static void ruleset_release(struct ruleset *rs)
{
    sa__free(rs->v);
    sa__buf_release(&rs->pool);
}

/* Seconds, maybe fractional ("10", "0.5"), to milliseconds (digits past the third decimal
 * dropped, saturating at UINT_MAX); -1 for anything else. */
static long long parse_delay_ms(const char *s, size_t n)
{
    size_t i = 0;
    unsigned long long sec = 0, frac = 0, scale = 100;
    int digits = 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++)
        if (sec < UINT_MAX) sec = sec * 10 + (unsigned)(s[i] - '0');
    if (i < n && s[i] == '.')
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++, scale /= 10)
            frac += (unsigned)(s[i] - '0') * scale;
    if (!digits || i != n) return -1;
    unsigned long long ms = sec * 1000 + frac;
    return ms > UINT_MAX ? (long long)UINT_MAX : (long long)ms;
}

/* The product token at the start of s: RFC 9309 2.2.1 allows letters, '_' and '-' only, so
 * "shopaudit/0.1" in a user-agent line still names us. */
static size_t token_len(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (is_alpha((unsigned char)s[i]) || s[i] == '_' || s[i] == '-')) i++;
    return i;
}

static int token_eq(const char *a, size_t an, const char *b, size_t bn)
{
    if (an != bn || an == 0) return 0;
    for (size_t i = 0; i < an; i++)
        if (lower((unsigned char)a[i]) != lower((unsigned char)b[i])) return 0;
    return 1;
}

static int key_is(const char *k, size_t n, const char *name)
{
    size_t len = strlen(name);
    return n == len && token_eq(k, n, name, len);
}

static int is_ws(char c)
{
    return c == ' ' || c == '\t';
}

struct parser {
    const char *agent;
    size_t agent_len;
    struct ruleset mine, star;
    int in_agents;          /* the last record was a user-agent line: a new one joins the group */
    int cur_mine, cur_star; /* the current group names us / "*" */
    char *scratch;          /* room to normalise the longest possible pattern */
    char **sitemaps;
    size_t nsitemaps, capsitemaps;
};

static int add_sitemap(struct parser *ps, const char *v, size_t n)
{
    if (ps->nsitemaps == ps->capsitemaps) {
        size_t cap = ps->capsitemaps ? ps->capsitemaps * 2 : 4;
        if (cap > SIZE_MAX / sizeof *ps->sitemaps) return SA_ENOMEM;
        char **p = sa__realloc(ps->sitemaps, cap * sizeof *p);
        if (!p) return SA_ENOMEM;
        ps->sitemaps = p;
        ps->capsitemaps = cap;
    }
    char *s = sa__strndup(v, n);
    if (!s) return SA_ENOMEM;
    ps->sitemaps[ps->nsitemaps++] = s;
    return SA_OK;
}

static int add_rule(struct parser *ps, const char *v, size_t n, int allow)
{
    if (n == 0) return SA_OK; /* an empty Disallow allows everything: nothing to add */
    size_t len = 0;
    /* The RFC's path-pattern starts with '/'; "Disallow: private" clearly means /private. */
    if (v[0] != '/' && v[0] != '*') ps->scratch[len++] = '/';
    len += normalise(v, n, 1, ps->scratch + len);
    int rc = SA_OK;
    if (ps->cur_mine) rc = ruleset_add(&ps->mine, ps->scratch, len, allow);
    if (rc == SA_OK && ps->cur_star) rc = ruleset_add(&ps->star, ps->scratch, len, allow);
    return rc;
}

static void set_delay(struct parser *ps, const char *v, size_t n)
{
    long long ms = parse_delay_ms(v, n);
    if (ms < 0) return;
    /* Merged groups may each give a delay; the largest is the polite reading. */
    if (ps->cur_mine && (unsigned)ms > ps->mine.delay_ms) ps->mine.delay_ms = (unsigned)ms;
    if (ps->cur_star && (unsigned)ms > ps->star.delay_ms) ps->star.delay_ms = (unsigned)ms;
}

static int parse_line(struct parser *ps, const char *s, size_t n)
{
    const char *hash = memchr(s, '#', n);
    if (hash) n = (size_t)(hash - s);
    const char *colon = memchr(s, ':', n);
    if (!colon) return SA_OK; /* blank, comment-only or malformed: skipped */
    size_t kb = 0, ke = (size_t)(colon - s), vb = ke + 1, ve = n;
    while (kb < ke && is_ws(s[kb])) kb++;
    while (ke > kb && is_ws(s[ke - 1])) ke--;
    while (vb < ve && is_ws(s[vb])) vb++;
    while (ve > vb && is_ws(s[ve - 1])) ve--;
    const char *k = s + kb, *v = s + vb;
    size_t kn = ke - kb, vn = ve - vb;

    if (key_is(k, kn, "user-agent")) {
        if (!ps->in_agents) ps->cur_mine = ps->cur_star = 0; /* a new group starts */
        ps->in_agents = 1;
        if (vn >= 1 && v[0] == '*' && (vn == 1 || is_ws(v[1]))) {
            ps->cur_star = ps->star.seen = 1;
        } else if (token_eq(v, token_len(v, vn), ps->agent, ps->agent_len)) {
            ps->cur_mine = ps->mine.seen = 1;
        }
        return SA_OK;
    }
    int allow = key_is(k, kn, "allow");
    if (allow || key_is(k, kn, "disallow")) {
        ps->in_agents = 0;
        return add_rule(ps, v, vn, allow);
    }
    if (key_is(k, kn, "crawl-delay")) {
        /* A group member like a rule: "User-agent: *\nCrawl-delay: 5\n\nUser-agent: x" is two
         * groups, a pattern common enough that merging them would be wrong. */
        ps->in_agents = 0;
        set_delay(ps, v, vn);
        return SA_OK;
    }
    /* RFC 9309 2.2.4: Sitemap (and any other record) must not end a group. */
    if (key_is(k, kn, "sitemap") && vn > 0) return add_sitemap(ps, v, vn);
    return SA_OK;
}

static struct sa_robots *robots_alloc(void)
{
    return sa__calloc(1, sizeof(struct sa_robots));
}

int sa__robots_parse(const char *txt, size_t len, const char *agent, struct sa_robots **out)
{
    struct parser ps;
    memset(&ps, 0, sizeof ps);
    sa__buf_init(&ps.mine.pool, ROBOTS_MAX_PATTERN_BYTES);
    sa__buf_init(&ps.star.pool, ROBOTS_MAX_PATTERN_BYTES);
    struct sa_robots *r = NULL;
    int rc = SA_ENOMEM;
    *out = NULL;
    if (!txt) len = 0;
    if (agent) {
        ps.agent = agent;
        ps.agent_len = token_len(agent, strlen(agent));
    }

    if (len >= 3 && memcmp(txt, "\xEF\xBB\xBF", 3) == 0) {
        txt += 3;
        len -= 3;
    }
    if (len > ROBOTS_MAX_BYTES) {
        /* Drop the line cut in two: half an Allow would allow more than was written. */
        size_t cut = ROBOTS_MAX_BYTES;
        while (cut > 0 && txt[cut - 1] != '\n' && txt[cut - 1] != '\r') cut--;
        len = cut;
    }
    ps.scratch = sa__malloc(3 * len + 2);
    if (!ps.scratch) goto err;

    for (size_t pos = 0; pos < len;) {
        size_t end = pos;
        while (end < len && txt[end] != '\n' && txt[end] != '\r') end++;
        rc = parse_line(&ps, txt + pos, end - pos);
        if (rc != SA_OK) goto err;
        pos = end + (end + 1 < len && txt[end] == '\r' && txt[end + 1] == '\n' ? 2 : 1);
    }

    rc = SA_ENOMEM;
    r = robots_alloc();
    if (!r) goto err;
    /* RFC 9309 2.2.1: our own groups if any named us, else "*", else no rules at all. */
    struct ruleset *rs = ps.mine.seen ? &ps.mine : ps.star.seen ? &ps.star : NULL;
    if (rs) {
        if (rs->n) qsort(rs->v, rs->n, sizeof *rs->v, rule_cmp);
        r->rules = rs->v;
        r->nrules = rs->n;
        if (rs->n) r->pool = sa__buf_take(&rs->pool, NULL); /* not empty: cannot fail */
        r->delay_ms = rs->delay_ms;
        rs->v = NULL;
    }
    r->sitemaps = ps.sitemaps;
    r->nsitemaps = ps.nsitemaps;
    ps.sitemaps = NULL;
    ps.nsitemaps = 0;
    rc = SA_OK;
    *out = r;
    r = NULL;
err:
    sa__robots_free(r);
    ruleset_release(&ps.mine);
    ruleset_release(&ps.star);
    sa__free(ps.scratch);
    for (size_t i = 0; i < ps.nsitemaps; i++) sa__free(ps.sitemaps[i]);
    sa__free(ps.sitemaps);
    return rc;
}

int sa__robots_new_blanket(int allow_all, struct sa_robots **out)
{
    *out = robots_alloc();
    if (!*out) return SA_ENOMEM;
    (*out)->disallow_all = !allow_all;
    return SA_OK;
}

int sa__robots_allowed(const struct sa_robots *r, const char *path_query)
{
    if (!path_query || !*path_query) path_query = "/";
    size_t n = strlen(path_query);
    if (n > (SIZE_MAX - 1) / 3) return 0;
    char stack[PATH_STACK_BYTES], *path = stack;
    if (3 * n > sizeof stack) {
        path = sa__malloc(3 * n);
        if (!path) return 0; /* cannot tell: not fetching is the polite answer */
    }
    size_t m = normalise(path_query, n, 0, path);

    int allowed = 1;
    size_t plen = 0;
    while (plen < m && path[plen] != '?') plen++;
    if (plen == 11 && memcmp(path, "/robots.txt", 11) == 0) {
        allowed = 1; /* RFC 9309 2.2.2: implicitly allowed */
    } else if (r && r->disallow_all) {
        allowed = 0;
    } else if (r) {
        for (size_t i = 0; i < r->nrules; i++) {
            const struct rule *ru = &r->rules[i];
            if (wildmatch(r->pool + ru->off, ru->len - ru->anchored, ru->anchored, path, m)) {
                allowed = ru->allow; /* sorted: the first match is the most specific */
                break;
            }
        }
    }
    if (path != stack) sa__free(path);
    return allowed;
}

unsigned sa__robots_crawl_delay_ms(const struct sa_robots *r)
{
    return r ? r->delay_ms : 0;
}

const char *const *sa__robots_sitemaps(const struct sa_robots *r, size_t *count)
{
    if (count) *count = r ? r->nsitemaps : 0;
    return r ? (const char *const *)r->sitemaps : NULL;
}

void sa__robots_free(struct sa_robots *r)
{
    if (!r) return;
    sa__free(r->rules);
    sa__free(r->pool);
    for (size_t i = 0; i < r->nsitemaps; i++) sa__free(r->sitemaps[i]);
    sa__free(r->sitemaps);
    sa__free(r);
}
