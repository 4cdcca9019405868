/* guest_checkout: can a buyer order without creating an account? RETENTION_CRITERIA.md (stage
 * 2) calls ordering without registration vital for mobile visitors, who will not fill in a
 * sign-up form, and ease of ordering sends 24% of shoppers to a competitor. Only the cart and
 * checkout pages are judged: a login link in every page's header is the site's, not a demand.
 * A page offers guest ordering by saying so (GUEST_CHECKOUT: "checkout as guest", "без
 * регистрации", "ไม่ต้องสมัครสมาชิก"; สมัครสมาชิก alone is "sign up") or by an order form that
 * asks for no password; it demands an account when its only forms ask for a password, or it
 * tells the buyer to log in or register and offers no way on. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check_util.h"

/* What one cart/checkout page says, best last: a site is judged by its best page, because one
 * page saying "order as a guest" is the buyer's way through. */
enum gstate { G_UNSTATED, G_DEMAND, G_SMALL, G_AFTER_LOGIN, G_CLEAR, G_LAST };
/* An order form asks for at least this many distinct things (name, phone, address...). */
#define ORDER_FIELDS 3
#define MAX_NAMES    16

struct state {
    size_t pages, judged, best_pages;
    enum gstate best;
    int any;
    struct sa_evidence_list ev[G_LAST];
};

enum form_kind { F_OTHER, F_LOGIN, F_REGISTER, F_ORDER };

/* Fields a buyer types into to give details: a quantity (number) or a choice is not one. */
static int fillable(const struct sa_field *f)
{
    if (strcmp(f->tag, "textarea") == 0 || strcmp(f->tag, "select") == 0) return 1;
    return strcmp(f->type, "text") == 0 || strcmp(f->type, "email") == 0 ||
           strcmp(f->type, "tel") == 0;
}

/* A cart lists one quantity field per line ("qty[12]", "qty[13]"): they are one question, so
 * fields count by their name up to '['. */
static enum form_kind classify(const struct sa_form *fm, size_t *nasked)
{
    const char *names[MAX_NAMES];
    size_t lens[MAX_NAMES], n = 0, unnamed = 0;
    int password = 0, required_password = 0;
    for (size_t i = 0; i < fm->nfields; i++) {
        const struct sa_field *f = &fm->fields[i];
        if (strcmp(f->type, "password") == 0) {
            password = 1;
            required_password |= f->required;
            continue;
        }
        if (!fillable(f)) continue;
        size_t len = strcspn(f->name, "[");
        if (len == 0) {
            unnamed++;
            continue;
        }
        size_t j = 0;
        while (j < n && !(lens[j] == len && memcmp(names[j], f->name, len) == 0)) j++;
        if (j == n && n < MAX_NAMES) {
            names[n] = f->name;
            lens[n++] = len;
        }
    }
    *nasked = n + unnamed;
    if (*nasked < ORDER_FIELDS) return password ? F_LOGIN : F_OTHER;
    /* An order form with an optional password offers an account ("create an account?"); a
     * required one makes the account the price of ordering. */
    return required_password ? F_REGISTER : F_ORDER;
}

/* Index in p->blocks of the block showing the form's first button: where the form ends for a
 * reader going down the page. SIZE_MAX when the form has no visible button. */
static size_t form_pos(const struct sa_page *p, int form)
{
    for (size_t i = 0; i < p->nbuttons; i++) {
        const struct sa_button *b = &p->buttons[i];
        if (b->form != form) continue;
        for (size_t k = 0; k < p->nblocks; k++)
            if ((p->blocks[k].flags & SA_BLOCK_BUTTON) && strcmp(p->blocks[k].where, b->where) == 0)
                return k;
    }
    return SIZE_MAX;
}

/* A way on from the cart that is not a login form's own button: "Proceed to checkout". */
static int checkout_control(const struct sa_page *p, const int *pw)
{
    for (size_t i = 0; i < p->nbuttons; i++) {
        const struct sa_button *b = &p->buttons[i];
        if (b->disabled || (b->form >= 0 && pw[b->form])) continue;
        if ((b->region == SA_REGION_MAIN || b->region == SA_REGION_ASIDE) &&
            sa__button_is(p, b, SA_CONCEPT_CHECKOUT))
            return 1;
    }
    for (size_t i = 0; i < p->nlinks; i++) {
        const struct sa_link *l = &p->links[i];
        if (l->flags & SA_LINK_DEAD) continue;
        if ((l->region == SA_REGION_MAIN || l->region == SA_REGION_ASIDE) &&
            sa__link_is(p, l, SA_CONCEPT_CHECKOUT))
            return 1;
    }
    return 0;
}

static void add_hit(struct sa_evidence_list *l, const struct sa_page *p, const struct sa_hit *h)
{
    sa_evidence_add_hit(l, p->url, h->block ? h->block->where : "page", p->text[h->region].ptr,
                        p->text[h->region].len, h->off, h->len);
}

/* The best guest-ordering statement on the page: plain before small print, before a login form
 * before after it. Returns its state (G_UNSTATED when there is none) and fills *out. */
static enum gstate guest_wording(const struct sa_page *p, size_t login_pos, struct sa_hit *out)
{
    enum gstate best = G_UNSTATED;
    for (int r = 0; r < SA_REGION_LAST && best != G_CLEAR; r++) {
        const struct sa_str *t = &p->text[r];
        size_t at = 0;
        struct sa_match m;
        if (r == SA_REGION_NAV) continue;
        while (at < t->len && sa_lexicon_find_from(p->lex, SA_CONCEPT_GUEST_CHECKOUT, t->ptr,
                                                   t->len, at, &m) == 1) {
            at = m.off + (m.len ? m.len : 1);
            const struct sa_block *b = sa_page_block_at(p, (enum sa_region)r, m.off);
            size_t bi = b ? (size_t)(b - p->blocks) : SIZE_MAX;
            enum gstate s = b && (b->flags & SA_BLOCK_SMALL)          ? G_SMALL
                            : login_pos != SIZE_MAX && bi > login_pos ? G_AFTER_LOGIN
                                                                      : G_CLEAR;
            if (s > best) {
                best = s;
                *out = (struct sa_hit){(enum sa_region)r, b, m.off, m.len, m.lang};
            }
            if (best == G_CLEAR) break;
        }
    }
    return best;
}

static void observe(void *vs, const struct sa_page *p)
{
    struct state *st = vs;
    st->pages++;
    if (p->kind != SA_KIND_CART && p->kind != SA_KIND_CHECKOUT) return;
    st->judged++;

    int pw[64] = {0}; /* forms asking for a password, by index (the first 64 forms) */
    int login = -1, order = -1;
    size_t order_n = 0;
    for (size_t i = 0; i < p->nforms; i++) {
        size_t n;
        /* A callback form in the footer or a login box in the header is the site's, on every
         * page; the checkout's own forms are in the page body. */
        if (p->forms[i].region != SA_REGION_MAIN) continue;
        enum form_kind k = classify(&p->forms[i], &n);
        if ((k == F_LOGIN || k == F_REGISTER) && i < 64) pw[i] = 1;
        if ((k == F_LOGIN || k == F_REGISTER) && login < 0) login = (int)i;
        if (k == F_ORDER && order < 0) {
            order = (int)i;
            order_n = n;
        }
    }
    size_t login_pos = login >= 0 ? form_pos(p, login) : SIZE_MAX;

    struct sa_hit h = {0};
    enum gstate s = guest_wording(p, login_pos, &h);
    enum gstate fs = G_UNSTATED;
    if (order >= 0) fs = login >= 0 && login < order ? G_AFTER_LOGIN : G_CLEAR;

    struct sa_hit reg = {0};
    int says_register = sa_page_find(p, SA_CONCEPT_REGISTER, SA_REGION_BIT(SA_REGION_MAIN), &reg);
    if (s == G_UNSTATED && fs == G_UNSTATED && (login >= 0 || says_register == 1) &&
        !checkout_control(p, pw))
        s = G_DEMAND;
    enum gstate page = s > fs ? s : fs;

    struct sa_evidence_list *ev = &st->ev[page];
    char msg[200];
    if (page == G_CLEAR || page == G_AFTER_LOGIN || page == G_SMALL) {
        if (s >= fs) {
            add_hit(ev, p, &h);
        } else {
            snprintf(msg, sizeof msg, "an order form asking %zu details and no password", order_n);
            sa_evidence_add(ev, p->url, p->forms[order].where, msg);
        }
    }
    if ((page == G_AFTER_LOGIN || page == G_SMALL || page == G_DEMAND) && login >= 0) {
        snprintf(msg, sizeof msg, "%s form with a password field%s",
                 page == G_DEMAND ? "a login or registration" : "a login",
                 page == G_DEMAND        ? " and no way to order as a guest"
                 : page == G_AFTER_LOGIN ? ", shown first"
                                         : "");
        sa_evidence_add(ev, p->url, p->forms[login].where, msg);
    }
    if (page == G_DEMAND && login < 0) add_hit(ev, p, &reg);
    if (page == G_UNSTATED) {
        snprintf(msg, sizeof msg, "no guest option, order form or login demand on this %s page",
                 sa_kind_name(p->kind));
        sa_evidence_add(ev, p->url, "page", msg);
    }
    if (!st->any || page > st->best) {
        st->best = page;
        st->best_pages = 0;
    }
    st->any = 1;
    st->best_pages += page == st->best;
}

static void finish(void *vs, const struct sa_site *site, struct sa_verdict *out)
{
    struct state *st = vs;
    static const char *const rec =
        "Offer \"Checkout as guest\" as the first, most visible choice in the cart and at "
        "checkout, ask only for the delivery details, and invite buyers to register after the "
        "order: ordering without registration is vital for mobile visitors, and ease of "
        "ordering sends 24% of shoppers to a competitor (industry figures).";
    if (!st->judged) {
        sa_verdict_set(out, SA_STATUS_NOT_APPLICABLE, 0,
                       "No cart or checkout page was reached among the %zu page(s) audited, so "
                       "ordering without registration could not be judged.",
                       st->pages);
        sa_verdict_recommend(out, "%s", "");
        sa_evidence_add(&out->evidence, site->start_url, "site",
                        "no page was recognised as a cart or checkout page");
        return;
    }
    switch (st->best) {
    case G_CLEAR:
        sa_verdict_set(out, SA_STATUS_PASS, 1,
                       "Buyers can order without an account: %zu of %zu cart and checkout "
                       "pages offer a guest option or an order form without a password.",
                       st->best_pages, st->judged);
        sa_verdict_recommend(out, "%s", "");
        break;
    case G_AFTER_LOGIN:
        sa_verdict_set(out, SA_STATUS_PARTIAL, 0.5,
                       "Ordering as a guest is possible, but only below a login form that "
                       "buyers meet first.");
        sa_verdict_recommend(out, "%s", rec);
        break;
    case G_SMALL:
        sa_verdict_set(out, SA_STATUS_PARTIAL, 0.3,
                       "Ordering without an account is mentioned only in small print.");
        sa_verdict_recommend(out, "%s", rec);
        break;
    case G_DEMAND:
        sa_verdict_set(out, SA_STATUS_FAIL, 0,
                       "The checkout asks buyers to log in or register before they can order.");
        sa_verdict_recommend(out, "%s", rec);
        break;
    default:
        sa_verdict_set(out, SA_STATUS_PARTIAL, 0.6,
                       "The %zu cart and checkout pages seen do not say whether buyers can "
                       "order without an account.",
                       st->judged);
        sa_verdict_recommend(out, "Say \"No registration needed\" next to the checkout button "
                                  "and offer \"Checkout as guest\" at checkout: ordering without "
                                  "registration is vital for mobile visitors, and ease of "
                                  "ordering sends 24%% of shoppers to a competitor (industry "
                                  "figures).");
        break;
    }
    for (int k = G_LAST - 1; k >= 0; k--) sa_evidence_move(&out->evidence, &st->ev[k]);
}

const struct sa_check sa_check_guest_checkout = {
    .id = "guest_checkout",
    .title = "Ordering without registration",
    .category = "buying",
    /* RETENTION_CRITERIA.md stage 2: ordering without registration is "vital for mobile
     * visitors"; ease of ordering sends 24% of shoppers to a competitor. A sign-up wall loses
     * the sale at its last step, so it weighs like prices, below the cart and buy buttons. */
    .weight = 0.15,
    .state_size = sizeof(struct state),
    .observe = observe,
    .finish = finish,
};
