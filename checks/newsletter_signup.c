/* newsletter_signup: can a one-time buyer leave an e-mail address to hear about the next offer?
 * E-mail capture (a newsletter sign-up, then triggered mails) is the first tool of the return
 * stage in RETENTION_CRITERIA.md (stage 3), and about 40% of e-commerce revenue comes from
 * repeat customers. The check looks for a form with an e-mail field (type=email, or a text field
 * whose name or label says e-mail) and subscribe wording (NEWSLETTER) on its button, its labels
 * or the text around it, and counts the pages that carry one: a footer sign-up is on every page.
 * Login, registration and contact forms are not sign-ups: a password field, a message field
 * (textarea) or more than two other fields rule a form out. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "check_util.h"

struct state {
    size_t pages, with_words, with_form;
    int home_words, link;
    struct sa_evidence_list words_ev, plain_ev, link_ev;
};

static int says(const struct sa_page *p, enum sa_concept c, const char *text)
{
    return text && *text && sa_lexicon_match(p->lex, c, text, strlen(text)) > 0;
}

/* "email", "e-mail", "E-Mail" or an example address: field names and placeholders write it in
 * Latin letters in every language ("Ваш e-mail", "Το email σας"). */
static int names_mail(const char *s)
{
    if (!s) return 0;
    if (strchr(s, '@')) return 1;
    for (; *s; s++)
        if (strncasecmp(s, "mail", 4) == 0) return 1;
    return 0;
}

static int is_email_field(const struct sa_field *f)
{
    if (strcmp(f->tag, "input") != 0) return 0;
    if (strcmp(f->type, "email") == 0) return 1;
    return strcmp(f->type, "text") == 0 && (names_mail(f->name) || names_mail(f->label));
}

/* The e-mail field of a form that could be a sign-up, or NULL. */
static const struct sa_field *signup_field(const struct sa_form *fm)
{
    const struct sa_field *mail = NULL;
    size_t other = 0;
    for (size_t j = 0; j < fm->nfields; j++) {
        const struct sa_field *f = &fm->fields[j];
        if (strcmp(f->type, "password") == 0 || strcmp(f->tag, "textarea") == 0) return NULL;
        if (!mail && is_email_field(f)) {
            mail = f;
            continue;
        }
        /* consent boxes and hidden list ids come with every sign-up */
        if (strcmp(f->type, "hidden") == 0 || strcmp(f->type, "checkbox") == 0 ||
            strcmp(f->type, "radio") == 0)
            continue;
        other++;
    }
    return other <= 2 ? mail : NULL; /* a first and last name at most */
}

/* Is the block beside the form? Its path shares the form's parent, or names the form itself
 * (paths keep four steps, so a deep heading may not reach a common ancestor). */
static int near_form(const struct sa_block *b, const struct sa_form *fm)
{
    const char *last = strrchr(fm->where, '>');
    if (last) {
        size_t n = (size_t)(last - fm->where); /* "footer > div.nl " */
        if (strncmp(b->where, fm->where, n) == 0 && b->where[n] == '>') return 1;
    }
    const char *step = last ? last + 2 : fm->where;
    if (!strchr(step, '.') && !strchr(step, '#')) return 0; /* a bare "form" names nothing */
    size_t k = strlen(step);
    for (const char *s = strstr(b->where, step); s; s = strstr(s + 1, step))
        if ((s == b->where || s[-1] == ' ') && (s[k] == '\0' || s[k] == ' ')) return 1;
    return 0;
}

/* Subscribe wording for form i: its buttons, its labels, or a non-link text block beside it.
 * In the chrome (a footer holds one sign-up) any such block of the same region counts. Fills
 * where/snippet (or hit) and returns 1. */
static int wording(const struct sa_page *p, size_t i, const char **where, const char **label,
                   const struct sa_block **blk, struct sa_match *m)
{
    const struct sa_form *fm = &p->forms[i];
    for (size_t k = 0; k < p->nbuttons; k++)
        if (p->buttons[k].form == (int)i && says(p, SA_CONCEPT_NEWSLETTER, p->buttons[k].text)) {
            *where = p->buttons[k].where;
            *label = p->buttons[k].text;
            return 1;
        }
    for (size_t j = 0; j < fm->nfields; j++)
        if (says(p, SA_CONCEPT_NEWSLETTER, fm->fields[j].label)) {
            *where = fm->where;
            *label = fm->fields[j].label;
            return 1;
        }
    int chrome = (SA_CHROME_REGIONS & SA_REGION_BIT(fm->region)) != 0;
    for (size_t k = 0; k < p->nblocks; k++) {
        const struct sa_block *b = &p->blocks[k];
        if (b->region != fm->region || (b->flags & SA_BLOCK_LINK)) continue;
        if (!chrome && !near_form(b, fm)) continue;
        const char *t = p->text[b->region].ptr + b->off;
        if (sa_lexicon_find(p->lex, SA_CONCEPT_NEWSLETTER, t, b->len, m) == 1) {
            *blk = b;
            return 1;
        }
    }
    return 0;
}

static void observe(void *vs, const struct sa_page *p)
{
    struct state *st = vs;
    st->pages++;
    int home = p->kind == SA_KIND_HOME;
    for (size_t i = 0; i < p->nforms; i++) {
        const char *where = NULL, *label = NULL;
        const struct sa_block *b = NULL;
        struct sa_match m;
        if (!signup_field(&p->forms[i]) || !wording(p, i, &where, &label, &b, &m)) continue;
        st->with_words++;
        st->with_form++;
        st->home_words |= home;
        if (b)
            sa_evidence_add_hit(&st->words_ev, p->url, b->where, p->text[b->region].ptr,
                                p->text[b->region].len, b->off + m.off, m.len);
        else
            sa_evidence_add(&st->words_ev, p->url, where, label);
        return; /* one sign-up per page is enough */
    }
    for (size_t i = 0; i < p->nforms; i++) {
        const struct sa_form *fm = &p->forms[i];
        const struct sa_field *mail = signup_field(fm);
        /* A bare e-mail form in the body of an inner page is more likely a password reset or
         * a back-in-stock alert than a sign-up; in the chrome or on the home page it is one. */
        if (!mail || !(home || (SA_CHROME_REGIONS & SA_REGION_BIT(fm->region)))) continue;
        const char *btn = "";
        for (size_t k = 0; k < p->nbuttons; k++)
            if (p->buttons[k].form == (int)i) {
                btn = p->buttons[k].text;
                break;
            }
        char snip[SA_SNIPPET_MAX];
        snprintf(snip, sizeof snip,
                 "e-mail field \"%.60s\", button \"%.60s\", no subscribe wording",
                 *mail->label ? mail->label : mail->name, btn);
        sa_evidence_add(&st->plain_ev, p->url, fm->where, snip);
        st->with_form++;
        return;
    }
    for (size_t i = 0; i < p->nlinks && !st->link; i++) {
        const struct sa_link *l = &p->links[i];
        if (!(l->flags & SA_LINK_DEAD) && sa__link_is(p, l, SA_CONCEPT_NEWSLETTER)) {
            st->link = 1;
            sa_evidence_add(&st->link_ev, p->url, l->where, l->text);
        }
    }
}

static void finish(void *vs, const struct sa_site *site, struct sa_verdict *out)
{
    struct state *st = vs;
    size_t n = st->pages;
    if (st->with_words && (st->home_words || st->with_words * 2 >= n)) {
        sa_verdict_set(out, SA_STATUS_PASS, 1, "A newsletter sign-up is on %zu of %zu pages%s.",
                       st->with_words, n, st->home_words ? ", the home page included" : "");
        sa_verdict_recommend(out, "%s", "");
    } else if (st->with_form) {
        /* 0.3 for capturing e-mail at all, 0.3 for saying it is a subscription, 0.3 by reach */
        double score = 0.3 + 0.3 * (st->with_words > 0) + 0.3 * (double)st->with_form / (double)n;
        if (score > 0.9) score = 0.9;
        if (st->with_words)
            sa_verdict_set(out, SA_STATUS_PARTIAL, score,
                           "A newsletter sign-up is on only %zu of %zu pages, and not on the home "
                           "page.",
                           st->with_words, n);
        else
            sa_verdict_set(out, SA_STATUS_PARTIAL, score,
                           "An e-mail form is on %zu of %zu pages, but nothing near it says it is "
                           "a newsletter subscription.",
                           st->with_form, n);
        sa_verdict_recommend(out,
                             "Put the e-mail sign-up in the footer of every page, with a heading "
                             "that says what subscribers get (\"News and 10%% off your next "
                             "order\") and a Subscribe button: e-mail brings a one-time buyer "
                             "back, and about 40%% of e-commerce revenue comes from repeat "
                             "customers (industry figures).");
    } else if (st->link) {
        sa_verdict_set(out, SA_STATUS_PARTIAL, 0.2,
                       "A newsletter is linked, but no sign-up form was found on the %zu page(s) "
                       "audited.",
                       n);
        sa_verdict_recommend(out,
                             "Put the e-mail sign-up form itself in the footer of every page, "
                             "not behind a link: about 40%% of e-commerce revenue comes from "
                             "repeat customers, and e-mail is how a one-time buyer hears about "
                             "the next offer (industry figures).");
    } else {
        sa_verdict_set(out, SA_STATUS_FAIL, 0,
                       "No e-mail sign-up form was found on the %zu page(s) audited.", n);
        sa_verdict_recommend(out,
                             "Add an e-mail sign-up to the footer of every page (an e-mail field "
                             "and a Subscribe button, with a line on what subscribers get), and "
                             "send triggered e-mails for abandoned carts: about 40%% of "
                             "e-commerce revenue comes from repeat customers (industry "
                             "figures).");
    }
    sa_evidence_move(&out->evidence, &st->words_ev);
    sa_evidence_move(&out->evidence, &st->plain_ev);
    sa_evidence_move(&out->evidence, &st->link_ev);
    if (out->evidence.n == 0)
        sa_evidence_add(&out->evidence, site->start_url ? site->start_url : "", "footer",
                        "no form with an e-mail field and no newsletter link");
}

const struct sa_check sa_check_newsletter_signup = {
    .id = "newsletter_signup",
    .title = "Newsletter sign-up",
    .category = "return",
    /* RETENTION_CRITERIA.md stage 3: e-mail capture is how a one-time buyer hears of the next
     * offer, and about 40% of e-commerce revenue comes from repeat customers; no survey share of
     * its own, so it weighs less than returns (35% of shoppers, 0.45) and account benefits
     * (0.30), which carry the loyalty offer itself. */
    .weight = 0.25,
    .state_size = sizeof(struct state),
    .observe = observe,
    .finish = finish,
};
