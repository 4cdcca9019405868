/* about_company: is the company behind the shop one click away, with facts a buyer can check?
 * A first-time visitor decides whether to trust a shop before paying, and "company information
 * one click away" is the first of the three trust signals of RETENTION_CRITERIA.md (stage 1).
 * A page of slogans ("we love what we do") proves nothing; a legal name with its form, a
 * registration or tax number, a street address and a founding year can be verified. The check
 * looks for an ABOUT link in the chrome (header, navigation, aside, footer: repeated on every
 * page, the home page included) or a page of kind about, and for those four facts on about and
 * contact pages and in the chrome of every page. */
#include <stdio.h>
#include <string.h>

#include "check_util.h"

enum { F_LEGAL_FORM, F_LEGAL_ID, F_ADDRESS, F_FOUNDED, NFACT };
static const enum sa_concept fact_concept[NFACT] = {SA_CONCEPT_LEGAL_FORM, SA_CONCEPT_LEGAL_ID,
                                                    SA_CONCEPT_ADDRESS, SA_CONCEPT_FOUNDED};
static const char *const fact_name[NFACT] = {"legal name", "registration or tax number", "address",
                                             "founding year"};

struct state {
    int home_link, other_link, about_page;
    int found[NFACT];
    struct sa_evidence_list home_ev, other_ev, page_ev, fact_ev[NFACT];
};

/* The first live ABOUT link of the page's chrome, or NULL. A link to "#" is a menu stub, not a
 * page a buyer can open. */
static const struct sa_link *about_link(const struct sa_page *p)
{
    for (size_t i = 0; i < p->nlinks; i++) {
        const struct sa_link *l = &p->links[i];
        if (l->flags & SA_LINK_DEAD) continue;
        if (!(SA_CHROME_REGIONS & SA_REGION_BIT(l->region))) continue;
        if (sa__link_is(p, l, SA_CONCEPT_ABOUT)) return l;
    }
    return NULL;
}

static void observe(void *vs, const struct sa_page *p)
{
    struct state *st = vs;
    if (p->status >= 400) return; /* an error page describes no company */
    const struct sa_link *l = about_link(p);
    /* each sighting is quoted from the smallest URL: the same whatever order pages arrive in */
    if (l && p->kind == SA_KIND_HOME) {
        if (SA__FIRST(st->home_link, &st->home_ev, p->url))
            sa_evidence_add(&st->home_ev, p->url, l->where, *l->text ? l->text : l->href);
    } else if (l && SA__FIRST(st->other_link, &st->other_ev, p->url)) {
        sa_evidence_add(&st->other_ev, p->url, l->where, *l->text ? l->text : l->href);
    }
    if (p->kind == SA_KIND_ABOUT && SA__FIRST(st->about_page, &st->page_ev, p->url))
        sa_evidence_add(&st->page_ev, p->url, *p->h1 ? "h1" : "title", *p->h1 ? p->h1 : p->title);
    /* About and contact pages may keep the details in their body (Russian shops put the
     * "реквизиты" on the contacts page); elsewhere only the chrome is the company's. */
    unsigned mask =
        p->kind == SA_KIND_ABOUT || p->kind == SA_KIND_CONTACT ? SA_REGIONS_ALL : SA_CHROME_REGIONS;
    for (int k = 0; k < NFACT; k++) {
        struct sa_hit h;
        /* a fact already quoted from a smaller URL needs no search here */
        if (!sa__earlier(&st->fact_ev[k], p->url) ||
            sa_page_find(p, fact_concept[k], mask, &h) <= 0)
            continue;
        st->found[k] = 1;
        sa_evidence_release(&st->fact_ev[k]);
        sa_evidence_add_hit(&st->fact_ev[k], p->url, h.block ? h.block->where : "page",
                            p->text[h.region].ptr, p->text[h.region].len, h.off, h.len);
    }
}

static void finish(void *vs, const struct sa_site *site, struct sa_verdict *out)
{
    struct state *st = vs;
    int reachable = st->home_link || st->other_link || st->about_page;
    int nf = 0;
    char have[128] = "";
    for (int k = 0; k < NFACT; k++) {
        if (!st->found[k]) continue;
        nf++;
        snprintf(have + strlen(have), sizeof have - strlen(have), "%s%s", have[0] ? ", " : "",
                 fact_name[k]);
    }
    if (reachable && nf >= 2) {
        sa_verdict_set(out, SA_STATUS_PASS, 1,
                       "An about page is one click away and the company shows its %s.", have);
        sa_verdict_recommend(out, "%s", "");
    } else if (reachable) {
        /* a page that exists is worth more than facts nobody can find, but a slogan is not
         * information */
        if (nf)
            sa_verdict_set(out, SA_STATUS_PARTIAL, 0.4 + 0.15 * nf,
                           "An about page is one click away, but the only company fact shown is "
                           "the %s.",
                           have);
        else
            sa_verdict_set(out, SA_STATUS_PARTIAL, 0.4,
                           "An about page is one click away, but it gives no company facts: no "
                           "legal name, registration number, address or founding year.");
        sa_verdict_recommend(out, "Put the facts a buyer can check on the about page: the legal "
                                  "name and form of the company, its registration or tax number, "
                                  "the street address and the year it was founded. A first-time "
                                  "visitor trusts a company it can verify, not a slogan.");
    } else if (nf) {
        sa_verdict_set(out, SA_STATUS_PARTIAL, 0.15 * nf,
                       "Company facts (%s) appear only in the page chrome; no about page or "
                       "\"About us\" link was found.",
                       have);
        sa_verdict_recommend(out, "Add an \"About us\" link to the header or footer of every page, "
                                  "leading to a page that tells who runs the shop, with the legal "
                                  "name, registration number, address and founding year: company "
                                  "information one click away is the first thing a first-time "
                                  "visitor checks before trusting a shop.");
    } else {
        sa_verdict_set(out, SA_STATUS_FAIL, 0,
                       "No about page, \"About us\" link or company details were found on the "
                       "%zu page(s) audited.",
                       site->pages);
        sa_verdict_recommend(out, "Add an \"About us\" page linked from the header or footer of "
                                  "every page, with the company's legal name, registration or tax "
                                  "number, street address and founding year: company information "
                                  "one click away is the first thing a first-time visitor checks "
                                  "before trusting a shop.");
    }
    sa_evidence_move(&out->evidence, &st->home_ev);
    if (out->evidence.n == 0)
        sa_evidence_move(&out->evidence, &st->other_ev);
    else
        sa_evidence_release(&st->other_ev);
    sa_evidence_move(&out->evidence, &st->page_ev);
    for (int k = 0; k < NFACT; k++) sa_evidence_move(&out->evidence, &st->fact_ev[k]);
    if (out->evidence.n == 0)
        sa_evidence_add(&out->evidence, site->start_url ? site->start_url : "",
                        "header, nav, footer",
                        "no about link, about page, legal name, registration number, address or "
                        "founding year");
}

const struct sa_check sa_check_about_company = {
    .id = "about_company",
    .title = "Company information one click away",
    .category = "trust",
    /* RETENTION_CRITERIA.md stage 1: "company information one click away" is one of three
     * trust signals of a first visit. Contacts (0.45) come first, being what a buyer uses;
     * live help (0.30) answers a question at once; an about page is read by fewer buyers but
     * is the one place a shop proves it is a real company, hence the remaining quarter. */
    .weight = 0.25,
    .state_size = sizeof(struct state),
    .observe = observe,
    .finish = finish,
};
