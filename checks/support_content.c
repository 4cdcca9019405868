/* support_content: does the shop help its buyers help themselves? Information support (a
 * blog, tips, set-up guides, self-service troubleshooting) is what RETENTION_CRITERIA.md
 * (stage 4) names beside customer support for turning a returning buyer into a regular. A page
 * is a help page when its URL slug or h1 says SUPPORT (help, FAQ, blog, guides: помощь, блог,
 * คำถามที่พบบ่อย, συχνές ερωτήσεις, հոդվածներ); what it holds is then judged by its shape, which
 * is the same in every language: questions answered (FAQPage markup, three or more questions)
 * make a FAQ or help centre; an article (Article/BlogPosting/HowTo markup, a long text under
 * headings) or a listing of articles makes guides or a blog; anything else is a thin page. */
#include <stdio.h>
#include <string.h>

#include "check_util.h"
#include "utf8.h"

/* A FAQ answers at least this many questions. */
#define MIN_QUESTIONS 3
/* A guide or article: this many characters of running text under at least two headings (a
 * short "How to order" note with one paragraph is not one). */
#define MIN_ARTICLE_CHARS 800
/* A blog or guides index lists at least this many articles below its own path. */
#define MIN_LISTED 3

enum { FAQ, EDITORIAL, THIN, NKIND };

struct state {
    size_t pages, count[NKIND];
    int linked;
    struct sa_evidence_list ev[NKIND], link, missing;
    struct sa__memo memo; /* link labels and URLs: the same menu on every page */
};

static const char *block_text(const struct sa_page *p, const struct sa_block *b)
{
    return p->text[b->region].ptr + b->off;
}

static int says(const struct sa_page *p, enum sa_concept c, const char *t)
{
    return t && *t && sa_lexicon_match(p->lex, c, t, strlen(t)) == 1;
}

/* A question, by punctuation rather than words: a block ending in "?" (or the full-width
 * "？"), or in ";" or U+037E, the Greek question mark; an Armenian question mark (U+055E) sits
 * on the stressed word inside the sentence. Accordion and definition-list questions
 * (<summary>, <dt>) count whatever they end with. */
static int is_question(const struct sa_block *b, const char *t)
{
    size_t n = b->len;
    while (n && t[n - 1] == ' ') n--;
    if (!n) return 0;
    if (t[n - 1] == '?' || t[n - 1] == ';') return 1;
    if (n >= 2 && (unsigned char)t[n - 2] == 0xCD && (unsigned char)t[n - 1] == 0xBE) return 1;
    if (n >= 3 && memcmp(t + n - 3, "\xEF\xBC\x9F", 3) == 0) return 1;
    for (size_t i = 0; i + 1 < n; i++)
        if ((unsigned char)t[i] == 0xD5 && (unsigned char)t[i + 1] == 0x9E) return 1;
    const char *last = b->where ? strrchr(b->where, '>') : NULL;
    last = last ? last + 2 : b->where;
    return last && (strncmp(last, "summary", 7) == 0 ||
                    (last[0] == 'd' && last[1] == 't' && (last[2] == '\0' || last[2] == '.')));
}

/* The first heading block whose text is the page's h1, for the evidence path. */
static const char *h1_where(const struct sa_page *p)
{
    for (size_t i = 0; i < p->nblocks; i++)
        if ((p->blocks[i].flags & SA_BLOCK_HEADING) && p->blocks[i].len == strlen(p->h1) &&
            memcmp(block_text(p, &p->blocks[i]), p->h1, p->blocks[i].len) == 0)
            return p->blocks[i].where;
    return "h1";
}

/* Links in the body that lead below this page's own path: a blog's posts ("/blogs/news" lists
 * "/blogs/news/linen-care"), a guide index's guides. Counted once each. */
static size_t listed_below(const struct sa_page *p)
{
    size_t base = strcspn(p->url, "?#");
    while (base && p->url[base - 1] == '/') base--;
    const char *seen[MIN_LISTED];
    size_t n = 0;
    for (size_t i = 0; i < p->nlinks && n < MIN_LISTED; i++) {
        const struct sa_link *l = &p->links[i];
        if (l->region != SA_REGION_MAIN || !l->url || (l->flags & (SA_LINK_DEAD | SA_LINK_HIDDEN)))
            continue;
        size_t ln = strcspn(l->url, "?#");
        if (ln <= base + 1 || strncmp(l->url, p->url, base) != 0 || l->url[base] != '/') continue;
        int dup = 0;
        for (size_t j = 0; j < n; j++)
            if (strcspn(seen[j], "?#") == ln && strncmp(seen[j], l->url, ln) == 0) dup = 1;
        if (!dup) seen[n++] = l->url;
    }
    return n;
}

/* What a help page holds: FAQ, EDITORIAL or THIN, with the snippet for its evidence. */
static int judge(const struct sa_page *p, char *snip, size_t sn, const char **where)
{
    const char *name = *p->h1 ? p->h1 : p->title;
    *where = h1_where(p);
    for (size_t i = 0; i < p->nitems; i++) {
        const char *t = p->items[i].type;
        if (strcmp(t, "FAQPage") == 0) {
            snprintf(snip, sn, "FAQPage markup: %.180s", name);
            *where = "script[type=application/ld+json]";
            return FAQ;
        }
    }
    size_t questions = 0, chars = 0, headings = 0;
    const struct sa_block *first_q = NULL;
    for (size_t i = 0; i < p->nblocks; i++) {
        const struct sa_block *b = &p->blocks[i];
        if (b->region != SA_REGION_MAIN || (b->flags & (SA_BLOCK_LINK | SA_BLOCK_BUTTON))) continue;
        const char *t = block_text(p, b);
        if (is_question(b, t)) {
            if (!questions++) first_q = b;
        }
        if (b->flags & SA_BLOCK_HEADING)
            headings++;
        else
            chars += sa__utf8_chars(t, b->len);
    }
    if (questions >= MIN_QUESTIONS) {
        snprintf(snip, sn, "%zu questions answered, the first: %.*s", questions,
                 (int)(first_q->len > 160 ? 160 : first_q->len), block_text(p, first_q));
        *where = first_q->where;
        return FAQ;
    }
    for (size_t i = 0; i < p->nitems; i++) {
        const char *t = p->items[i].type;
        if (strcmp(t, "Article") == 0 || strcmp(t, "BlogPosting") == 0 ||
            strcmp(t, "NewsArticle") == 0 || strcmp(t, "HowTo") == 0 ||
            strcmp(t, "TechArticle") == 0) {
            snprintf(snip, sn, "%s markup: %.180s", t, name);
            *where = "script[type=application/ld+json]";
            return EDITORIAL;
        }
    }
    if (chars >= MIN_ARTICLE_CHARS && headings >= 2) {
        snprintf(snip, sn, "an article of %zu characters: %.180s", chars, name);
        return EDITORIAL;
    }
    size_t listed = listed_below(p);
    if (listed >= MIN_LISTED) {
        snprintf(snip, sn, "a listing of articles: %.180s", name);
        return EDITORIAL;
    }
    snprintf(snip, sn, "a help page without questions answered or an article: %.150s", name);
    return THIN;
}

static void observe(void *vs, const struct sa_page *p)
{
    struct state *st = vs;
    st->pages++;
    const struct sa_link *l = sa__memo_live_link(&st->memo, p, SA_CONCEPT_SUPPORT);
    int linked_here = l != NULL;
    /* the link quoted is the one on the smallest URL, whatever order pages arrive in */
    if (l && SA__FIRST(st->linked, &st->link, p->url))
        sa_evidence_add(&st->link, p->url, l->where, *l->text ? l->text : l->href);
    /* home, catalogue, product, cart and checkout pages link to help but are not help pages */
    int shop_page = p->kind == SA_KIND_HOME || p->kind == SA_KIND_PRODUCT ||
                    p->kind == SA_KIND_CATEGORY || p->kind == SA_KIND_CART ||
                    p->kind == SA_KIND_CHECKOUT;
    int help = !shop_page && (says(p, SA_CONCEPT_SUPPORT, p->h1) ||
                              (!*p->h1 && says(p, SA_CONCEPT_SUPPORT, p->title)) ||
                              sa_lexicon_url_match(p->lex, SA_CONCEPT_SUPPORT, p->url) == 1);
    if (help) {
        char snip[SA_SNIPPET_MAX + 1];
        const char *where;
        int k = judge(p, snip, sizeof snip, &where);
        st->count[k]++;
        sa_evidence_add(&st->ev[k], p->url, where, snip);
    } else if (!linked_here) {
        sa_evidence_add(&st->missing, p->url, "page",
                        "no link to a FAQ, help centre, guides or blog");
    }
}

static void finish(void *vs, const struct sa_site *site, struct sa_verdict *out)
{
    struct state *st = vs;
    size_t faq = st->count[FAQ], ed = st->count[EDITORIAL], thin = st->count[THIN];
    struct sa_evidence_list *ev = &out->evidence;
    if (faq && ed)
        sa_verdict_set(out, SA_STATUS_PASS, 1,
                       "The site offers self-service help: %zu FAQ or help page(s) and %zu "
                       "guide or blog page(s).",
                       faq, ed);
    else if (faq)
        sa_verdict_set(out, SA_STATUS_PARTIAL, 0.5,
                       "The site has a FAQ or help centre, but no guides, tips or blog articles "
                       "were found.");
    else if (ed)
        sa_verdict_set(out, SA_STATUS_PARTIAL, 0.5,
                       "The site has guides or blog articles, but no FAQ or help centre was "
                       "found.");
    else if (thin)
        sa_verdict_set(out, SA_STATUS_PARTIAL, 0.25,
                       "The help pages found (%zu) are thin: they answer no questions and hold "
                       "no guide or article.",
                       thin);
    else if (st->linked)
        sa_verdict_set(out, SA_STATUS_PARTIAL, 0.15,
                       "The site links to help, FAQ or blog pages, but none of them was among "
                       "the %zu page(s) audited.",
                       st->pages);
    else
        sa_verdict_set(out, SA_STATUS_FAIL, 0,
                       "No FAQ, help centre, guide or blog was found on the %zu page(s) audited.",
                       st->pages);
    for (int k = 0; k < NKIND; k++) sa_evidence_move(ev, &st->ev[k]);
    sa_evidence_move(ev, &st->link);
    if (out->status == SA_STATUS_FAIL) sa_evidence_move(ev, &st->missing);
    if (ev->n == 0) sa_evidence_add(ev, site->start_url, "site", "no page was audited");
    if (out->status == SA_STATUS_PASS)
        sa_verdict_recommend(out, "%s", "");
    else
        sa_verdict_recommend(out, "Answer the questions buyers ask before and after ordering "
                                  "(delivery, payment, returns, sizes, care) in a FAQ, and "
                                  "publish guides, tips and troubleshooting articles for what "
                                  "you sell: information support keeps a one-time buyer coming "
                                  "back. Industry figures: 86%% of users would pay 25%% more "
                                  "for better service.");
    for (int k = 0; k < NKIND; k++) sa_evidence_release(&st->ev[k]);
    sa_evidence_release(&st->link);
    sa_evidence_release(&st->missing);
    sa__memo_release(&st->memo);
}

const struct sa_check sa_check_support_content = {
    .id = "support_content",
    .title = "FAQ, guides and blog for self-service",
    .category = "loyalty",
    /* RETENTION_CRITERIA.md stage 4: information support (blog, tips, guides, self-service
     * troubleshooting) keeps a returning buyer; 86% of users would pay 25% more for better
     * service. Less direct than reviews (33%) or the loyalty programme. */
    .weight = 0.20,
    .state_size = sizeof(struct state),
    .observe = observe,
    .finish = finish,
};
