/* loyalty_program: does the shop run a loyalty programme a regular buyer can understand? The
 * programme's own page (found by its URL slug or its h1 saying LOYALTY) is read for the good
 * signs RETENTION_CRITERIA.md lists under "Judging a loyalty programme's rules" (tiers with
 * visible benefits, automatic enrolment, a welcome bonus, rewards for reviews and referrals)
 * and every sentence of its body that states a rule with numbers is scored by a small
 * heuristic for convoluted conversions ("14 points are worth $1, and $20 of them give 50% off
 * your next purchase in April"). 13 of 30 loyalty programmes stop within a year and only 24%
 * of members are satisfied with theirs: a programme nobody understands is not worth much. */
#include <stdio.h>
#include <string.h>

#include "check_util.h"

/* The good signs of a programme page, in the order the summary names them. */
enum { TIERS, AUTO, WELCOME, REVIEW_REWARD, REFERRAL, NSIGN };
static const char *const sign_name[NSIGN] = {"tiers with their benefits", "automatic enrolment",
                                             "a welcome bonus", "rewards for reviews",
                                             "referral rewards"};

/* A sentence is convoluted at this many complexity points (see rule_points). */
#define CONVOLUTED 2
/* Quantities one sentence may state before it is "several quantities in one sentence":
 * Carter's "1 point per $1, 75 points = $10 off" states four and is the model of a simple rule. */
#define MANY_QUANTITIES 5
/* Sentences longer than this are cut (and the rest judged as its own sentence). */
#define MAX_SENTENCE 600

struct state {
    size_t pages, programme_pages, rule_sentences;
    int linked, mentioned, worst;
    unsigned signs;
    char worst_why[160];
    struct sa_evidence_list page, link, mention, sign[NSIGN], clear, hard, missing;
    struct sa__memo memo; /* link labels and URLs, and the blocks every page repeats */
};

/* ---- text helpers ---- */

static const char *block_text(const struct sa_page *p, const struct sa_block *b)
{
    return p->text[b->region].ptr + b->off;
}

/* 1 when the block is the text of a link that leads nowhere (href="#") or is hidden: a menu
 * entry "Bonus programme" pointing at "#" is not a programme. */
static int block_is_dead_link(const struct sa_page *p, const struct sa_block *b)
{
    if (!(b->flags & SA_BLOCK_LINK)) return 0;
    for (size_t i = 0; i < p->nlinks; i++) {
        const struct sa_link *l = &p->links[i];
        if (l->where == b->where ||
            (l->where && b->where && strcmp(l->where, b->where) == 0 && l->region == b->region))
            if (l->flags & (SA_LINK_DEAD | SA_LINK_HIDDEN)) return 1;
    }
    return 0;
}

/* The first block of the regions in mask whose text says c, dead links skipped (and every
 * link and button when text_only: running text, not a menu); fills *m with the match,
 * relative to the block's text. */
static const struct sa_block *find_block(struct state *st, const struct sa_page *p,
                                         enum sa_concept c, unsigned mask, int text_only,
                                         struct sa_match *m)
{
    for (size_t i = 0; i < p->nblocks; i++) {
        const struct sa_block *b = &p->blocks[i];
        if (!(mask & SA_REGION_BIT(b->region))) continue;
        if (text_only && (b->flags & (SA_BLOCK_LINK | SA_BLOCK_BUTTON))) continue;
        /* the text first: a dead-link test walks every link, the memo answers menus at once */
        if (sa__memo_find(&st->memo, p->lex, c, block_text(p, b), b->len, m) == 1 &&
            !block_is_dead_link(p, b))
            return b;
    }
    return NULL;
}

/* Evidence for a match in a block: the whole block when it fits a snippet (a sentence reads
 * better whole), else the match with some context. */
static void add_block_hit(struct sa_evidence_list *ev, const struct sa_page *p,
                          const struct sa_block *b, const struct sa_match *m)
{
    if (b->len <= SA_SNIPPET_MAX) {
        char snip[SA_SNIPPET_MAX + 1];
        snprintf(snip, sizeof snip, "%.*s", (int)b->len, block_text(p, b));
        sa_evidence_add(ev, p->url, b->where, snip);
    } else {
        sa_evidence_add_hit(ev, p->url, b->where, block_text(p, b), b->len, m->off, m->len);
    }
}

/* A sentence as evidence, cut on a character boundary with "…" when it is too long. */
static void add_sentence(struct sa_evidence_list *ev, const struct sa_page *p,
                         const struct sa_block *b, const char *s, size_t n)
{
    char snip[SA_SNIPPET_MAX + 1];
    if (n > SA_SNIPPET_MAX) {
        n = SA_SNIPPET_MAX - 3;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
        snprintf(snip, sizeof snip, "%.*s\xE2\x80\xA6", (int)n, s);
    } else {
        snprintf(snip, sizeof snip, "%.*s", (int)n, s);
    }
    sa_evidence_add(ev, p->url, b->where, snip);
}

static int has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9') return 1;
    return 0;
}

/* 1 when the block's path ends in a table cell: "main > table > tr > td". */
static int in_table_cell(const struct sa_block *b)
{
    const char *last = b->where ? strrchr(b->where, '>') : NULL;
    last = last ? last + 2 : b->where;
    if (!last) return 0;
    return (last[0] == 't' && (last[1] == 'd' || last[1] == 'h') &&
            (last[2] == '\0' || last[2] == '.' || last[2] == '#'));
}

/* ---- quantities in a sentence ---- */

enum { Q_PERCENT = 1u << 0, Q_MONEY = 1u << 1, Q_DATE = 1u << 2, Q_NONROUND = 1u << 3 };
struct qty {
    size_t end;
    unsigned flags;
};

static int dig(char c)
{
    return c >= '0' && c <= '9';
}

/* Digits at s[i..]: returns how many, and their value in *v (capped: only roundness matters). */
static size_t digits(const char *s, size_t n, size_t i, unsigned long *v)
{
    size_t k = 0;
    *v = 0;
    while (i + k < n && dig(s[i + k])) {
        if (*v < 100000000ul) *v = *v * 10 + (unsigned long)(s[i + k] - '0');
        k++;
    }
    return k;
}

/* Thousands separators as shops write them: space, no-break space (U+00A0), narrow no-break
 * space (U+202F), thin space (U+2009), dot, comma, apostrophe ("3 490", "1.299", "10'000"). */
static size_t group_sep(const char *s, size_t n, size_t i)
{
    if (i >= n) return 0;
    if (s[i] == ' ' || s[i] == '.' || s[i] == ',' || s[i] == '\'') return 1;
    if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0) return 2;
    if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0xAF || (unsigned char)s[i + 2] == 0x89))
        return 3;
    return 0;
}

/* Currency signs are symbols, not words, so they may live here; currency words ("руб.",
 * "บาท", "դրամ") come from the PRICE concept of the lexicon. */
static size_t currency_sign(const char *s, size_t n, size_t i)
{
    static const char *const signs[] = {"$",
                                        "\xE2\x82\xAC" /* € */,
                                        "\xC2\xA3" /* £ */,
                                        "\xE2\x82\xBD" /* ₽ */,
                                        "\xE0\xB8\xBF" /* ฿ */,
                                        "\xD6\x8F" /* ֏ */,
                                        NULL};
    for (size_t k = 0; signs[k]; k++) {
        size_t l = strlen(signs[k]);
        if (i + l <= n && memcmp(s + i, signs[k], l) == 0) return l;
    }
    return 0;
}

static size_t currency_sign_before(const char *s, size_t i)
{
    for (size_t l = 1; l <= 3 && l <= i; l++)
        if (currency_sign(s, i, i - l) == l) return l;
    return 0;
}

/* Round numbers a buyer can reckon with: up to 12, multiples of 5 (10, 25, 75, 1 490 is not,
 * 1 500 is) and of 12 (months, hours); halves. "14 points are worth $1" is the classic
 * non-round ratio. */
static int is_round(unsigned long v, unsigned long frac, size_t frac_digits)
{
    if (frac_digits && !(frac_digits == 1 && frac == 5) && !(frac_digits == 2 && frac == 50) &&
        frac != 0)
        return 0;
    return v <= 12 || v % 5 == 0 || v % 12 == 0;
}

/* A year, Gregorian or Thai Buddhist Era (2568 = 2025): a date restriction, not a quantity. */
static int is_year(unsigned long v, size_t ndig)
{
    return ndig == 4 && ((v >= 1990 && v <= 2099) || (v >= 2530 && v <= 2649));
}

/* Reads the quantity starting at s[i] (a digit not glued to a Latin letter or digit) into *q;
 * returns the offset just past it. Dates come first: dd.mm.yyyy, dd/mm/yy, yyyy-mm-dd and
 * dd.mm with a two-digit month; then a number with thousands groups and a decimal part. */
static size_t read_qty(const struct sa_page *p, const char *s, size_t n, size_t i, struct qty *q)
{
    unsigned long a, b, c;
    size_t na = digits(s, n, i, &a), j = i + na;
    q->flags = 0;
    /* dates */
    if (na == 4 && j + 5 < n && s[j] == '-' && digits(s, n, j + 1, &b) == 2 && s[j + 3] == '-' &&
        digits(s, n, j + 4, &c) == 2) {
        q->end = j + 6;
        q->flags = Q_DATE;
        return q->end;
    }
    if (na <= 2 && j + 1 < n && (s[j] == '.' || s[j] == '/')) {
        size_t nb = digits(s, n, j + 1, &b), k = j + 1 + nb;
        if (nb >= 1 && nb <= 2 && a >= 1 && a <= 31 && b >= 1 && b <= 12) {
            if (k + 1 < n && s[k] == s[j] &&
                (digits(s, n, k + 1, &c) == 2 || digits(s, n, k + 1, &c) == 4)) {
                q->end = k + 1 + digits(s, n, k + 1, &c);
                q->flags = Q_DATE;
                return q->end;
            }
            size_t after = k;
            while (after < n && s[after] == ' ') after++;
            if (nb == 2 && (k >= n || !dig(s[k])) && !(after < n && s[after] == '%') &&
                !currency_sign_before(s, i) && !currency_sign(s, n, after)) {
                q->end = k;
                q->flags = Q_DATE;
                return q->end;
            }
        }
    }
    /* a number: three digits after a separator are a thousands group ("3 490", "1.299,00");
     * one or two are decimals ("0,7", "4.6") */
    unsigned long v = a, frac = 0;
    size_t frac_digits = 0;
    if (na <= 3) {
        for (;;) {
            size_t sep = group_sep(s, n, j);
            if (!sep) break;
            size_t ng = digits(s, n, j + sep, &b);
            if (ng != 3 || (j + sep + 3 < n && dig(s[j + sep + 3]))) break;
            v = v * 1000 + b;
            j += sep + 3;
        }
    }
    if (j + 1 < n && (s[j] == '.' || s[j] == ',')) {
        size_t nf = digits(s, n, j + 1, &frac);
        if (nf >= 1 && nf <= 2 && !(j + 1 + nf < n && dig(s[j + 1 + nf]))) {
            frac_digits = nf;
            j += 1 + nf;
        }
    }
    q->end = j;
    size_t k = j;
    while (k < n && s[k] == ' ') k++;
    if (k < n && s[k] == '%') {
        q->flags |= Q_PERCENT;
        q->end = k + 1;
    } else if (currency_sign(s, n, k) ||
               currency_sign_before(s, i > 0 && s[i - 1] == ' ' ? i - 1 : i)) {
        q->flags |= Q_MONEY;
    } else {
        /* an amount with a currency word around this number ("0,7 руб.", "25 บาท") */
        struct sa_match m;
        size_t from = i > 24 ? i - 24 : 0;
        while (sa_lexicon_find_from(p->lex, SA_CONCEPT_PRICE, s, n, from, &m) == 1 && m.off <= i) {
            if (m.off + m.len >= j) {
                q->flags |= Q_MONEY;
                break;
            }
            from = m.off + (m.len ? m.len : 1);
        }
    }
    if (!frac_digits && !(q->flags & (Q_PERCENT | Q_MONEY)) && is_year(v, na)) {
        q->flags |= Q_DATE;
    } else if (!is_round(v, frac, frac_digits)) {
        q->flags |= Q_NONROUND;
    }
    return q->end;
}

/* The complexity of one rule sentence, one point each (RETENTION_CRITERIA.md, "Judging a
 * loyalty programme's rules"):
 *  - a non-round number ("14 points are worth $1");
 *  - a chain of conversions: a bare count (points), an amount of money and a percentage in one
 *    sentence (points -> money -> percent);
 *  - several quantities: MANY_QUANTITIES or more numbers and dates in one sentence;
 *  - a date restriction: a date or a year (Gregorian or Buddhist Era) inside the rule.
 * Returns the points, or -1 when the sentence states fewer than two quantities (not a rule);
 * why receives the reasons for the summary. */
static int rule_points(const struct sa_page *p, const char *s, size_t n, char *why, size_t wn)
{
    size_t nq = 0, nbare = 0, nmoney = 0, npct = 0, ndate = 0, nonround = 0;
    for (size_t i = 0; i < n;) {
        int glued = i > 0 && ((s[i - 1] >= 'a' && s[i - 1] <= 'z') ||
                              (s[i - 1] >= 'A' && s[i - 1] <= 'Z') || dig(s[i - 1]));
        if (!dig(s[i]) || glued) {
            i++;
            continue;
        }
        struct qty q;
        i = read_qty(p, s, n, i, &q);
        nq++;
        if (q.flags & Q_DATE)
            ndate++;
        else if (q.flags & Q_PERCENT)
            npct++;
        else if (q.flags & Q_MONEY)
            nmoney++;
        else
            nbare++;
        if (q.flags & Q_NONROUND) nonround++;
    }
    if (nq - ndate < 2) return -1;
    char many[40];
    snprintf(many, sizeof many, "%zu quantities", nq);
    const char *r[4];
    int k = 0;
    if (nonround) r[k++] = "a non-round ratio";
    if (nbare && nmoney && npct) r[k++] = "points converted to money and then to a percentage";
    if (nq >= MANY_QUANTITIES) r[k++] = many;
    if (ndate) r[k++] = "a date restriction";
    why[0] = '\0';
    for (int i = 0; i < k; i++)
        snprintf(why + strlen(why), wn - strlen(why), "%s%s",
                 i == 0       ? ""
                 : i + 1 == k ? " and "
                              : ", ",
                 r[i]);
    return k;
}

/* 1 when the bytes at s[i] end a sentence: . ! ? ; (Greek's question mark is ";", U+037E too)
 * and the Armenian full stop U+0589. A dot ends one only before a space and not before a
 * lower-case letter ("20 руб. дают", "approx. 5"); Thai puts spaces inside sentences and has no
 * full stop, so a Thai block is one sentence unless it has ! or ?. */
static size_t sentence_end(const char *s, size_t n, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c == '!' || c == '?' || c == ';') return 1;
    if (i + 1 < n && c == 0xD6 && (unsigned char)s[i + 1] == 0x89) return 2; /* ։ */
    if (i + 1 < n && c == 0xCD && (unsigned char)s[i + 1] == 0xBE) return 2; /* ; */
    if (c != '.') return 0;
    if (i + 1 < n && s[i + 1] != ' ') return 0;
    size_t k = i + 1;
    while (k < n && s[k] == ' ') k++;
    if (k >= n) return 1;
    unsigned char d = (unsigned char)s[k];
    if (d >= 'a' && d <= 'z') return 0;
    /* Cyrillic а..я (D0 B0..D0 BF, D1 80..D1 8F), Greek ά..ώ (CE AC..CF 8E), Armenian ա..և
     * (D5 A1..D6 87): lower case continues the sentence */
    if (k + 1 < n) {
        unsigned char e = (unsigned char)s[k + 1];
        if ((d == 0xD0 && e >= 0xB0) || (d == 0xD1 && e <= 0x8F) || (d == 0xCE && e >= 0xAC) ||
            d == 0xCF || (d == 0xD5 && e >= 0xA1) || (d == 0xD6 && e <= 0x87))
            return 0;
    }
    return 1;
}

/* Scores every sentence of a main-region block of the programme page. */
static void read_rules(struct state *st, const struct sa_page *p, const struct sa_block *b)
{
    const char *s = block_text(p, b);
    size_t start = 0;
    for (size_t i = 0; i <= b->len; i++) {
        size_t e = i < b->len ? sentence_end(s, b->len, i) : 1;
        if (!e && i - start < MAX_SENTENCE) continue;
        size_t end = i < b->len ? i + e : b->len;
        while (start < end && s[start] == ' ') start++;
        char why[160];
        int pts = end > start ? rule_points(p, s + start, end - start, why, sizeof why) : -1;
        if (pts >= 0) {
            st->rule_sentences++;
            /* ties go to the smallest URL, so arrival order does not pick the quote */
            if (pts >= CONVOLUTED &&
                (pts > st->worst || (pts == st->worst && sa__earlier(&st->hard, p->url)))) {
                st->worst = pts;
                snprintf(st->worst_why, sizeof st->worst_why, "%s", why);
                sa_evidence_release(&st->hard);
                add_sentence(&st->hard, p, b, s + start, end - start);
            } else if (pts < CONVOLUTED && sa__earlier(&st->clear, p->url)) {
                sa_evidence_release(&st->clear);
                add_sentence(&st->clear, p, b, s + start, end - start);
            }
        }
        start = end;
        if (e > 1) i += e - 1;
    }
}

/* ---- the programme page ---- */

static int says(const struct sa_page *p, enum sa_concept c, const char *t)
{
    return t && *t && sa_lexicon_match(p->lex, c, t, strlen(t)) == 1;
}

/* The programme's own page: its URL slug or h1 (the title when there is no h1) says LOYALTY.
 * Home, catalogue, product, cart and checkout pages mention bonuses but are not the page. */
static int is_programme_page(const struct sa_page *p, const char **where, const char **label)
{
    if (p->kind == SA_KIND_HOME || p->kind == SA_KIND_PRODUCT || p->kind == SA_KIND_CATEGORY ||
        p->kind == SA_KIND_CART || p->kind == SA_KIND_CHECKOUT)
        return 0;
    *where = "h1";
    *label = p->h1;
    for (size_t i = 0; i < p->nblocks; i++)
        if ((p->blocks[i].flags & SA_BLOCK_HEADING) && p->blocks[i].len == strlen(p->h1) &&
            memcmp(block_text(p, &p->blocks[i]), p->h1, p->blocks[i].len) == 0) {
            *where = p->blocks[i].where;
            break;
        }
    if (says(p, SA_CONCEPT_LOYALTY, p->h1)) return 1;
    if (!*p->h1 && says(p, SA_CONCEPT_LOYALTY, p->title)) {
        *where = "title";
        *label = p->title;
        return 1;
    }
    if (sa_lexicon_url_match(p->lex, SA_CONCEPT_LOYALTY, p->url) == 1) {
        if (!*p->h1) {
            *where = "title";
            *label = p->title;
        }
        return 1;
    }
    return 0;
}

static void add_sign(struct state *st, const struct sa_page *p, int k, const struct sa_block *b,
                     const struct sa_match *m)
{
    st->signs |= 1u << k;
    if (sa__earlier(&st->sign[k], p->url)) {
        sa_evidence_release(&st->sign[k]);
        add_block_hit(&st->sign[k], p, b, m);
    }
}

static void read_programme(struct state *st, const struct sa_page *p)
{
    const unsigned mainr = SA_REGION_BIT(SA_REGION_MAIN);
    struct sa_match m;
    static const struct {
        int sign;
        enum sa_concept c;
    } plain[] = {{AUTO, SA_CONCEPT_AUTO_ENROL},
                 {WELCOME, SA_CONCEPT_WELCOME_BONUS},
                 {REFERRAL, SA_CONCEPT_REFERRAL}};
    for (size_t k = 0; k < sizeof plain / sizeof plain[0]; k++) {
        const struct sa_block *b = find_block(st, p, plain[k].c, mainr, 0, &m);
        if (b) add_sign(st, p, plain[k].sign, b, &m);
    }
    for (size_t i = 0; i < p->nblocks; i++) {
        const struct sa_block *b = &p->blocks[i];
        if (b->region != SA_REGION_MAIN || block_is_dead_link(p, b)) continue;
        const char *t = block_text(p, b);
        /* a tier is visible with its benefits when it is named in a table, a heading, or a
         * line that states its threshold or benefit */
        /* a sign quoted from a smaller URL needs no search here (add_sign keeps that one) */
        if (sa__earlier(&st->sign[TIERS], p->url) &&
            sa_lexicon_find(p->lex, SA_CONCEPT_LOYALTY_TIER, t, b->len, &m) == 1 &&
            (in_table_cell(b) || (b->flags & SA_BLOCK_HEADING) || has_digit(t, b->len)))
            add_sign(st, p, TIERS, b, &m);
        /* points for a review: the reviews word next to an amount */
        if (sa__earlier(&st->sign[REVIEW_REWARD], p->url) && has_digit(t, b->len) &&
            sa_lexicon_find(p->lex, SA_CONCEPT_REVIEWS, t, b->len, &m) == 1)
            add_sign(st, p, REVIEW_REWARD, b, &m);
        if (!(b->flags & (SA_BLOCK_LINK | SA_BLOCK_BUTTON))) read_rules(st, p, b);
    }
}

static void observe(void *vs, const struct sa_page *p)
{
    struct state *st = vs;
    st->pages++;
    const struct sa_link *l = sa__memo_live_link(&st->memo, p, SA_CONCEPT_LOYALTY);
    int linked_here = l != NULL;
    /* the link quoted is the one on the smallest URL, whatever order pages arrive in */
    if (l && SA__FIRST(st->linked, &st->link, p->url))
        sa_evidence_add(&st->link, p->url, l->where, *l->text ? l->text : l->href);
    const char *where, *label;
    if (is_programme_page(p, &where, &label)) {
        if (SA__FIRST(st->programme_pages, &st->page, p->url))
            sa_evidence_add(&st->page, p->url, where, label);
        read_programme(st, p);
        return;
    }
    struct sa_match m;
    const struct sa_block *b = find_block(st, p, SA_CONCEPT_LOYALTY, SA_REGIONS_ALL, 1, &m);
    if (b) {
        if (SA__FIRST(st->mentioned, &st->mention, p->url)) add_block_hit(&st->mention, p, b, &m);
    } else if (!linked_here) {
        sa_evidence_add(&st->missing, p->url, "page",
                        "no link to, or mention of, a loyalty or bonus programme");
    }
}

/* "a, b and c" from the signs in mask. */
static void sign_list(unsigned mask, char *buf, size_t n)
{
    int k = 0, total = 0;
    for (int i = 0; i < NSIGN; i++) total += (mask >> i) & 1;
    buf[0] = '\0';
    for (int i = 0; i < NSIGN; i++) {
        if (!(mask & (1u << i))) continue;
        k++;
        snprintf(buf + strlen(buf), n - strlen(buf), "%s%s",
                 k == 1       ? ""
                 : k == total ? " and "
                              : ", ",
                 sign_name[i]);
    }
}

static void release(struct state *st)
{
    struct sa_evidence_list *all[] = {&st->page,  &st->link, &st->mention,
                                      &st->clear, &st->hard, &st->missing};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) sa_evidence_release(all[i]);
    for (int k = 0; k < NSIGN; k++) sa_evidence_release(&st->sign[k]);
    sa__memo_release(&st->memo);
}

static void finish(void *vs, const struct sa_site *site, struct sa_verdict *out)
{
    struct state *st = vs;
    int nsigns = 0;
    for (int k = 0; k < NSIGN; k++) nsigns += (st->signs >> k) & 1;
    char signs[200];
    sign_list(st->signs, signs, sizeof signs);
    int convoluted = st->worst >= CONVOLUTED;
    int clear = st->rule_sentences > 0 && !convoluted;
    struct sa_evidence_list *ev = &out->evidence;

    if (st->programme_pages) {
        double score = 0.4 + 0.1 * nsigns + (clear ? 0.2 : convoluted ? -0.1 : 0);
        if (clear && nsigns >= 2) {
            sa_verdict_set(out, SA_STATUS_PASS, 1,
                           "The loyalty programme states clear rules and shows %s.", signs);
        } else {
            if (score > 0.9) score = 0.9;
            if (score < 0.1) score = 0.1;
            if (convoluted)
                sa_verdict_set(out, SA_STATUS_PARTIAL, score,
                               "The loyalty programme's rules are hard to follow: %s in one "
                               "sentence.",
                               st->worst_why);
            else if (!clear)
                sa_verdict_set(out, SA_STATUS_PARTIAL, score,
                               "A loyalty programme page was found, but it states no rule for "
                               "earning and spending points%s%s.",
                               nsigns ? " and shows only " : "", nsigns ? signs : "");
            else
                sa_verdict_set(out, SA_STATUS_PARTIAL, score,
                               "The loyalty programme has clear rules, but of the good signs "
                               "(tiers, automatic enrolment, a welcome bonus, rewards for "
                               "reviews and referrals) it shows %s%s.",
                               nsigns ? "only " : "none", nsigns ? signs : "");
        }
        sa_evidence_move(ev, &st->hard);
        sa_evidence_move(ev, &st->page);
        sa_evidence_move(ev, &st->clear);
        for (int k = 0; k < NSIGN; k++) sa_evidence_move(ev, &st->sign[k]);
        sa_evidence_move(ev, &st->link);
    } else if (st->linked) {
        sa_verdict_set(out, SA_STATUS_PARTIAL, 0.3,
                       "The site links to a loyalty programme, but its page was not among the "
                       "%zu page(s) audited.",
                       st->pages);
        sa_evidence_move(ev, &st->link);
        sa_evidence_move(ev, &st->mention);
    } else if (st->mentioned) {
        sa_verdict_set(out, SA_STATUS_PARTIAL, 0.15,
                       "The site mentions bonuses or points, but no page explains a loyalty "
                       "programme.");
        sa_evidence_move(ev, &st->mention);
    } else {
        sa_verdict_set(out, SA_STATUS_FAIL, 0,
                       "No loyalty programme was found on the %zu page(s) audited.", st->pages);
        sa_evidence_move(ev, &st->missing);
        if (ev->n == 0) sa_evidence_add(ev, site->start_url, "site", "no page was audited");
    }

    if (out->status == SA_STATUS_PASS)
        sa_verdict_recommend(out, "%s", "");
    else if (convoluted)
        sa_verdict_recommend(out,
                             "Rewrite the rules so that each fits one sentence with round "
                             "numbers and one conversion, counted in money (\"1 point per $1, "
                             "100 points = $5 off\"), and drop month and date conditions. "
                             "Industry figures: 13 of 30 loyalty programmes stop within a year "
                             "and only 24%% of members are satisfied with theirs.");
    else
        sa_verdict_recommend(out,
                             "Give regular buyers a loyalty programme page with simple rules "
                             "(\"1 point per $1, 100 points = $5 off\"), automatic enrolment on "
                             "registration, a welcome bonus, tiers with their benefits in a "
                             "table, and points for reviews and referrals. Industry figures: "
                             "consumers belong to 13.4 programmes on average and only 24%% are "
                             "satisfied, so a clear one stands out.");
    release(st);
}

const struct sa_check sa_check_loyalty_program = {
    .id = "loyalty_program",
    .title = "A loyalty programme with clear rules",
    .category = "loyalty",
    /* RETENTION_CRITERIA.md stage 4 and "Judging a loyalty programme's rules": rewards for
     * purchase volume turn a returning buyer into a regular, but 13 of 30 programmes stop
     * within a year and only 24% of members are satisfied; second to reviews (33%). */
    .weight = 0.30,
    .state_size = sizeof(struct state),
    .observe = observe,
    .finish = finish,
};
