/* returns_policy: can a buyer find, before paying, how long they have to send goods back?
 * 35% of online shoppers choose a competitor over the possibility of returns, and a simple
 * policy ("14 days, no conditions") is what keeps them (RETENTION_CRITERIA.md, survey table).
 * The check wants a live RETURNS link in the chrome (header, navigation, aside or footer, so it
 * is on every page), and a returns period (RETURN_PERIOD) stated in normal print: on the returns
 * page itself (a page of kind returns, or the target of a returns link, such as a combined
 * "delivery and returns" page) or anywhere else ("30-day returns" next to the buy button). A
 * period only in small print is a hidden condition. */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "check_util.h"

/* Returns-link targets remembered to recognise the page when it arrives; a shop links one or
 * two policy pages, so a small cap is plenty. */
#define MAX_TARGETS 16
/* Pages that were no known target when they arrived: a link's target may arrive before the
 * page that links it (--jobs, a sitemap), so finish() looks at them again. About 100 bytes a
 * page, as the engine keeps per URL; past the cap a late-recognised page is not counted. */
#define MAX_PENDING 20000

struct pending {
    char *url, *label;
    const char *where; /* "h1" or "title" */
};

struct state {
    int chrome_link, other_link, page, period, small, mention;
    char period_text[160];
    char *targets[MAX_TARGETS];
    size_t ntargets;
    struct pending *pend;
    size_t npend, cappend;
    struct sa_evidence_list chrome_ev, other_ev, page_ev, period_ev, small_ev, mention_ev;
    struct sa__memo memo; /* link labels and URLs, and the blocks every page repeats */
};

static void remember(struct state *st, const char *url)
{
    if (!url || st->ntargets >= MAX_TARGETS) return;
    size_t n = strcspn(url, "#");
    for (size_t i = 0; i < st->ntargets; i++)
        if (strlen(st->targets[i]) == n && strncmp(st->targets[i], url, n) == 0) return;
    char *c = sa__strndup(url, n);
    if (!c) return; /* the page is then recognised by its kind only */
    st->targets[st->ntargets++] = c;
}

static int is_target(const struct state *st, const char *url)
{
    size_t n = strcspn(url, "#");
    for (size_t i = 0; i < st->ntargets; i++)
        if (strlen(st->targets[i]) == n && strncmp(st->targets[i], url, n) == 0) return 1;
    return 0;
}

/* Every RETURN_PERIOD in the page's visible text, outside link text (a menu entry states no
 * terms). The concept's patterns carry their own returns context ("вернуть ... в течение 14
 * дней", "30-day returns", "14 days to change your mind"), so a bare "within 3 days", a
 * delivery time, never reads as one, and the period counts on any page. */
static void find_periods(struct state *st, const struct sa_page *p, int policy_page)
{
    for (size_t i = 0; i < p->nblocks; i++) {
        const struct sa_block *b = &p->blocks[i];
        if (b->flags & SA_BLOCK_LINK) continue;
        const char *t = p->text[b->region].ptr;
        size_t tl = p->text[b->region].len;
        struct sa_match m;
        if (sa__memo_find(&st->memo, p->lex, SA_CONCEPT_RETURN_PERIOD, t + b->off, b->len, &m) !=
            1) {
            /* the mention quoted is the one on the smallest URL, whatever the arrival order */
            if (!policy_page && sa__earlier(&st->mention_ev, p->url) &&
                sa__memo_find(&st->memo, p->lex, SA_CONCEPT_RETURNS, t + b->off, b->len, &m) == 1 &&
                SA__FIRST(st->mention, &st->mention_ev, p->url)) {
                sa_evidence_add_hit(&st->mention_ev, p->url, b->where, t, tl, b->off + m.off,
                                    m.len);
            }
            continue;
        }
        if (b->flags & SA_BLOCK_SMALL) {
            if (SA__FIRST(st->small, &st->small_ev, p->url))
                sa_evidence_add_hit(&st->small_ev, p->url, b->where, t, tl, b->off + m.off, m.len);
        } else if (SA__FIRST(st->period, &st->period_ev, p->url)) {
            sa__copy_phrase(st->period_text, sizeof st->period_text, t + b->off + m.off, m.len);
            sa_evidence_add_hit(&st->period_ev, p->url, b->where, t, tl, b->off + m.off, m.len);
        }
    }
}

static void keep_pending(struct state *st, const struct sa_page *p)
{
    if (st->npend >= MAX_PENDING) return;
    if (st->npend == st->cappend) {
        size_t cap = st->cappend ? st->cappend * 2 : 64;
        struct pending *v = sa__realloc(st->pend, cap * sizeof *v);
        if (!v) return;
        st->pend = v;
        st->cappend = cap;
    }
    struct pending *e = &st->pend[st->npend];
    e->where = *p->h1 ? "h1" : "title";
    e->url = sa__strndup(p->url, strcspn(p->url, "#"));
    e->label = sa__strdup(*p->h1 ? p->h1 : p->title);
    if (!e->url || !e->label) {
        sa__free(e->url);
        sa__free(e->label);
        return;
    }
    st->npend++;
}

/* A policy page quoted from the smallest URL, whatever order pages arrive in. */
static void policy_page_seen(struct state *st, const char *url, const char *where,
                             const char *label)
{
    if (SA__FIRST(st->page, &st->page_ev, url)) sa_evidence_add(&st->page_ev, url, where, label);
}

static void observe(void *vs, const struct sa_page *p)
{
    struct state *st = vs;
    for (size_t i = 0; i < p->nlinks; i++) {
        const struct sa_link *l = &p->links[i];
        /* a "#" menu stub leads to no policy; sa__link_is already skips hidden links */
        if ((l->flags & SA_LINK_DEAD) || !sa__memo_link_is(&st->memo, p, l, SA_CONCEPT_RETURNS))
            continue;
        remember(st, l->url);
        const char *label = *l->text ? l->text : l->href;
        if (SA_CHROME_REGIONS & SA_REGION_BIT(l->region)) {
            if (SA__FIRST(st->chrome_link, &st->chrome_ev, p->url))
                sa_evidence_add(&st->chrome_ev, p->url, l->where, label);
        } else if (SA__FIRST(st->other_link, &st->other_ev, p->url)) {
            sa_evidence_add(&st->other_ev, p->url, l->where, label);
        }
    }
    int policy_page = p->status < 400 && (p->kind == SA_KIND_RETURNS || is_target(st, p->url));
    if (policy_page)
        policy_page_seen(st, p->url, *p->h1 ? "h1" : "title", *p->h1 ? p->h1 : p->title);
    else if (p->status < 400)
        keep_pending(st, p);
    if (p->status < 400) find_periods(st, p, policy_page);
}

static void finish(void *vs, const struct sa_site *site, struct sa_verdict *out)
{
    struct state *st = vs;
    /* pages that arrived before the link that names them */
    for (size_t i = 0; i < st->npend; i++) {
        struct pending *e = &st->pend[i];
        if (is_target(st, e->url)) policy_page_seen(st, e->url, e->where, e->label);
        sa__free(e->url);
        sa__free(e->label);
    }
    sa__free(st->pend);
    st->pend = NULL;
    st->npend = st->cappend = 0;
    int exists = st->page || st->chrome_link || st->other_link || st->mention;
    if (st->chrome_link && st->period) {
        sa_verdict_set(out, SA_STATUS_PASS, 1,
                       "A returns policy is linked from the site's menu or footer and states "
                       "the period: \"%s\".",
                       st->period_text);
        sa_verdict_recommend(out, "%s", "");
    } else if (exists || st->period || st->small) {
        /* 0.4 for a link on every page, 0.2 for a policy at all, 0.4 for a period in plain
         * print (0.2 in small print) */
        double score = 0.4 * (st->chrome_link > 0) + 0.2 * exists +
                       (st->period  ? 0.4
                        : st->small ? 0.2
                                    : 0);
        if (score > 0.9) score = 0.9;
        if (score < 0.1) score = 0.1;
        if (st->period)
            sa_verdict_set(out, SA_STATUS_PARTIAL, score,
                           "The returns period is stated (\"%s\"), but no returns link was found "
                           "in the menu or footer.",
                           st->period_text);
        else if (st->small)
            sa_verdict_set(out, SA_STATUS_PARTIAL, score,
                           "The returns period is given only in small print.");
        else if (st->page)
            sa_verdict_set(out, SA_STATUS_PARTIAL, score,
                           "A returns policy exists, but it states no period for returns.");
        else
            sa_verdict_set(out, SA_STATUS_PARTIAL, score,
                           "Returns are mentioned, but no returns period was found on the %zu "
                           "page(s) audited.",
                           site->pages);
        sa_verdict_recommend(out, "Link a returns page from the footer of every page and state the "
                                  "period in plain text at the top (\"Return any item within 14 "
                                  "days\"), then how to send goods back and how the money is "
                                  "refunded: 35%% of online shoppers choose a competitor over the "
                                  "possibility of returns (industry figures).");
    } else {
        sa_verdict_set(out, SA_STATUS_FAIL, 0,
                       "No returns or refund policy was found on the %zu page(s) audited.",
                       site->pages);
        sa_verdict_recommend(out,
                             "Publish a returns policy, linked from the footer of every page, "
                             "that states the period in plain text (\"Return any item within 14 "
                             "days\") and how to send goods back: 35%% of online shoppers choose "
                             "a competitor over the possibility of returns (industry figures).");
    }
    sa_evidence_move(&out->evidence, &st->chrome_ev);
    sa_evidence_move(&out->evidence, &st->other_ev);
    sa_evidence_move(&out->evidence, &st->page_ev);
    sa_evidence_move(&out->evidence, &st->period_ev);
    sa_evidence_move(&out->evidence, &st->small_ev);
    if (out->evidence.n == 0)
        sa_evidence_move(&out->evidence, &st->mention_ev);
    else
        sa_evidence_release(&st->mention_ev);
    if (out->evidence.n == 0)
        sa_evidence_add(&out->evidence, site->start_url ? site->start_url : "",
                        "header, nav, footer", "no returns link, returns page or returns period");
    for (size_t i = 0; i < st->ntargets; i++) sa__free(st->targets[i]);
    st->ntargets = 0;
    sa__memo_release(&st->memo);
}

const struct sa_check sa_check_returns_policy = {
    .id = "returns_policy",
    .title = "Returns policy with a period",
    .category = "return",
    /* RETENTION_CRITERIA.md: the possibility of returns sends 35% of online shoppers to a
     * competitor, the only survey figure behind the return stage; so it carries the largest
     * share (0.45) against the newsletter (0.25) and account benefits (0.30). */
    .weight = 0.45,
    .state_size = sizeof(struct state),
    .observe = observe,
    .finish = finish,
};
