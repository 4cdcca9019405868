/* account_benefits: does the invitation to register say what the buyer gets? RETENTION_CRITERIA.md
 * stage 3 turns a one-time buyer into a returning one with "an invitation to register that says
 * what the buyer gets (loyalty programme, discount)"; a bare "Sign up" gives no reason to. The
 * check finds registration (REGISTER links and buttons, password forms) and looks for a benefit
 * (ACCOUNT_BENEFIT, WELCOME_BONUS, LOYALTY) in the same text block as REGISTER wording or in the
 * two blocks either side, or in the body of the registration page itself. "Without
 * registration" (GUEST_CHECKOUT) and newsletter "sign up" wording are not invitations to
 * register. A shop that sells without any accounts fails (keeping guest checkout is right, but
 * nothing then invites a buyer back); a site that sells nothing is not applicable. */
#include <stdio.h>
#include <string.h>

#include "check_util.h"

struct state {
    int reg, near, elsewhere, sells, guest;
    char benefit[160];
    struct sa_evidence_list near_ev, reg_ev, else_ev, guest_ev, sells_ev;
    struct sa__memo memo; /* link labels and URLs, and the blocks every page repeats */
};

static int says(struct state *st, const struct sa_page *p, enum sa_concept c, const char *text,
                size_t n)
{
    return text && n && sa__memo_find(&st->memo, p->lex, c, text, n, NULL) == 1;
}

static int says_s(struct state *st, const struct sa_page *p, enum sa_concept c, const char *text)
{
    return text && says(st, p, c, text, strlen(text));
}

/* Registration wording that really invites to register: not "order without registration", not
 * a newsletter "sign up" (Thai สมัครสมาชิก is both "register" and "subscribe"). */
static int invites(struct state *st, const struct sa_page *p, const char *t, size_t n)
{
    return says(st, p, SA_CONCEPT_REGISTER, t, n) &&
           !says(st, p, SA_CONCEPT_GUEST_CHECKOUT, t, n) &&
           !says(st, p, SA_CONCEPT_NEWSLETTER, t, n);
}

/* The first benefit said in text[0..n), or 0. */
static int benefit(struct state *st, const struct sa_page *p, const char *t, size_t n,
                   struct sa_match *m)
{
    static const enum sa_concept kinds[] = {SA_CONCEPT_WELCOME_BONUS, SA_CONCEPT_ACCOUNT_BENEFIT,
                                            SA_CONCEPT_LOYALTY};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (sa__memo_find(&st->memo, p->lex, kinds[i], t, n, m) == 1) return 1;
    return 0;
}

static void keep_benefit(struct state *st, const struct sa_page *p, const struct sa_block *b,
                         const struct sa_match *m)
{
    const char *t = p->text[b->region].ptr;
    st->near = 1;
    /* the benefit quoted comes from the smallest URL, whatever order pages arrive in; observe
     * keeps one per page */
    if (!sa__earlier(&st->near_ev, p->url)) return;
    sa_evidence_release(&st->near_ev);
    sa__copy_phrase(st->benefit, sizeof st->benefit, t + b->off + m->off, m->len);
    sa_evidence_add_hit(&st->near_ev, p->url, b->where, t, p->text[b->region].len, b->off + m->off,
                        m->len);
}

static void find_controls(struct state *st, const struct sa_page *p)
{
    for (size_t i = 0; i < p->nlinks; i++) {
        const struct sa_link *l = &p->links[i];
        /* a "#" stub is no way in; hidden links are skipped by sa__link_is */
        if ((l->flags & SA_LINK_DEAD) || !sa__memo_link_is(&st->memo, p, l, SA_CONCEPT_REGISTER))
            continue;
        if (says_s(st, p, SA_CONCEPT_GUEST_CHECKOUT, l->text) ||
            says_s(st, p, SA_CONCEPT_NEWSLETTER, l->text))
            continue;
        if (SA__FIRST(st->reg, &st->reg_ev, p->url))
            sa_evidence_add(&st->reg_ev, p->url, l->where, *l->text ? l->text : l->href);
        return;
    }
    for (size_t i = 0; i < p->nbuttons; i++) {
        const struct sa_button *b = &p->buttons[i];
        if (b->disabled || !invites(st, p, b->text, strlen(b->text))) continue;
        if (SA__FIRST(st->reg, &st->reg_ev, p->url))
            sa_evidence_add(&st->reg_ev, p->url, b->where, b->text);
        return;
    }
    for (size_t i = 0; i < p->nforms; i++)
        for (size_t j = 0; j < p->forms[i].nfields; j++)
            if (strcmp(p->forms[i].fields[j].type, "password") == 0) {
                if (SA__FIRST(st->reg, &st->reg_ev, p->url))
                    sa_evidence_add(&st->reg_ev, p->url, p->forms[i].where,
                                    "a form with a password field");
                return;
            }
}

static int has_password_form(const struct sa_page *p)
{
    for (size_t i = 0; i < p->nforms; i++)
        for (size_t j = 0; j < p->forms[i].nfields; j++)
            if (strcmp(p->forms[i].fields[j].type, "password") == 0) return 1;
    return 0;
}

static void observe(void *vs, const struct sa_page *p)
{
    struct state *st = vs;
    find_controls(st, p);
    /* first sightings are quoted from the smallest URL: the same whatever the arrival order */
    if (sa__earlier(&st->sells_ev, p->url) && sa__page_sells(p)) {
        st->sells = 1;
        sa_evidence_release(&st->sells_ev);
        sa_evidence_add(&st->sells_ev, p->url, "page",
                        "this page sells goods, yet no account can be created");
    }
    /* the registration page's own body: everything on it is about registering */
    int reg_page =
        sa_lexicon_url_match(p->lex, SA_CONCEPT_REGISTER, p->url) > 0 || has_password_form(p);
    /* Once a benefit is quoted from a smaller URL, this page can change nothing that the
     * verdict shows (a pass ignores guest ordering and benefits elsewhere). */
    int near_here = st->near && !sa__earlier(&st->near_ev, p->url);
    for (size_t i = 0; i < p->nblocks && !near_here; i++) {
        const struct sa_block *b = &p->blocks[i];
        const char *t = p->text[b->region].ptr;
        struct sa_match m;
        if (sa__earlier(&st->guest_ev, p->url) &&
            sa__memo_find(&st->memo, p->lex, SA_CONCEPT_GUEST_CHECKOUT, t + b->off, b->len, &m) ==
                1) {
            st->guest = 1;
            sa_evidence_release(&st->guest_ev);
            sa_evidence_add_hit(&st->guest_ev, p->url, b->where, t, p->text[b->region].len,
                                b->off + m.off, m.len);
        }
        if (reg_page && b->region == SA_REGION_MAIN && !(b->flags & SA_BLOCK_LINK) &&
            !says(st, p, SA_CONCEPT_NEWSLETTER, t + b->off, b->len) &&
            benefit(st, p, t + b->off, b->len, &m)) {
            keep_benefit(st, p, b, &m);
            near_here = 1;
            break;
        }
        if (!invites(st, p, t + b->off, b->len)) continue;
        /* the invitation's own block (a button may say "Sign up and get 500 points"), then up
         * to two blocks either side in the same region, skipping menu links */
        size_t lo = i >= 2 ? i - 2 : 0, hi = i + 2 < p->nblocks ? i + 2 : p->nblocks - 1;
        size_t order[5], k = 0;
        order[k++] = i;
        for (size_t j = lo; j <= hi; j++)
            if (j != i) order[k++] = j;
        for (size_t q = 0; q < k && !near_here; q++) {
            const struct sa_block *c = &p->blocks[order[q]];
            if (c->region != b->region || (q && (c->flags & SA_BLOCK_LINK))) continue;
            const char *ct = p->text[c->region].ptr + c->off;
            if (!says(st, p, SA_CONCEPT_NEWSLETTER, ct, c->len) && benefit(st, p, ct, c->len, &m)) {
                keep_benefit(st, p, c, &m);
                near_here = 1;
            }
        }
    }
    if (st->near || !sa__earlier(&st->else_ev, p->url)) return;
    for (size_t i = 0; i < p->nblocks; i++) {
        const struct sa_block *b = &p->blocks[i];
        const char *t = p->text[b->region].ptr;
        struct sa_match m;
        if (b->flags & SA_BLOCK_LINK) continue;
        /* benefit first: few blocks name one, so the newsletter question is rarely asked */
        if (!benefit(st, p, t + b->off, b->len, &m)) continue;
        if (!says(st, p, SA_CONCEPT_NEWSLETTER, t + b->off, b->len)) {
            st->elsewhere = 1;
            sa_evidence_release(&st->else_ev);
            sa_evidence_add_hit(&st->else_ev, p->url, b->where, t, p->text[b->region].len,
                                b->off + m.off, m.len);
            break;
        }
    }
}

static void finish(void *vs, const struct sa_site *site, struct sa_verdict *out)
{
    struct state *st = vs;
    const char *start = site->start_url ? site->start_url : "";
    if (st->near) {
        sa_verdict_set(out, SA_STATUS_PASS, 1,
                       "The invitation to register says what the buyer gets: \"%s\".", st->benefit);
        sa_verdict_recommend(out, "%s", "");
        sa_evidence_move(&out->evidence, &st->near_ev);
        sa_evidence_move(&out->evidence, &st->reg_ev);
    } else if (st->reg) {
        /* 0.4 for accounts a buyer can open; 0.2 more when the benefits are told, elsewhere */
        if (st->elsewhere)
            sa_verdict_set(out, SA_STATUS_PARTIAL, 0.6,
                           "Buyers are invited to register, and member benefits are described "
                           "elsewhere, but not next to the invitation.");
        else
            sa_verdict_set(out, SA_STATUS_PARTIAL, 0.4,
                           "Buyers can register or log in, but nothing tells them what an "
                           "account gives.");
        sa_verdict_recommend(out, "Say next to every \"Sign up\" what an account gives: order "
                                  "tracking, a welcome discount or bonus points, automatic "
                                  "membership of the loyalty programme. A returning buyer is 27%% "
                                  "more likely to buy than on a first visit, and keeping a "
                                  "customer costs 5-10 times less than winning a new one "
                                  "(industry figures).");
        sa_evidence_move(&out->evidence, &st->reg_ev);
        sa_evidence_move(&out->evidence, &st->else_ev);
    } else if (st->sells) {
        if (st->guest)
            sa_verdict_set(out, SA_STATUS_FAIL, 0,
                           "The shop takes orders as a guest only: there is no account, so "
                           "nothing invites a buyer to come back.");
        else
            sa_verdict_set(out, SA_STATUS_FAIL, 0,
                           "No registration, log-in or account was found on the %zu page(s) "
                           "audited.",
                           site->pages);
        sa_verdict_recommend(out, "Keep ordering without registration, and offer an optional "
                                  "account after the first order with a reason to open it "
                                  "(order tracking, a discount on the next order, bonus points): "
                                  "a returning buyer is 27%% more likely to buy than on a first "
                                  "visit, and keeping a customer costs 5-10 times less than "
                                  "winning a new one (industry figures).");
        sa_evidence_move(&out->evidence, &st->guest_ev);
        sa_evidence_move(&out->evidence, &st->sells_ev);
        sa_evidence_add(&out->evidence, start, "header, nav",
                        "no sign-up, log-in or account link and no password form");
    } else {
        sa_verdict_set(out, SA_STATUS_NOT_APPLICABLE, 0,
                       "No goods, cart or customer accounts were found on the %zu page(s) "
                       "audited.",
                       site->pages);
        sa_verdict_recommend(out, "%s", "");
        sa_evidence_add(&out->evidence, start, "site", "no goods, cart or account found");
    }
    sa_evidence_release(&st->near_ev);
    sa_evidence_release(&st->reg_ev);
    sa_evidence_release(&st->else_ev);
    sa_evidence_release(&st->guest_ev);
    sa_evidence_release(&st->sells_ev);
    sa__memo_release(&st->memo);
}

const struct sa_check sa_check_account_benefits = {
    .id = "account_benefits",
    .title = "Registration says what the buyer gets",
    .category = "return",
    /* RETENTION_CRITERIA.md stage 3: an invitation to register that names the benefit turns a
     * one-time buyer into a returning one, who is 27% more likely to buy than on a first visit;
     * it carries the loyalty offer itself, so it weighs more than the newsletter (0.25) and
     * less than returns (0.45), which has a survey share of its own (35%). */
    .weight = 0.30,
    .state_size = sizeof(struct state),
    .observe = observe,
    .finish = finish,
};
