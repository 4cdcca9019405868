/* contacts: can a visitor find a phone number and an address (and an e-mail) from every page?
 * Trust comes first on a first visit: contacts "in a prominent place on every page", and the
 * more live channels, the more trust: a toll-free number, chat or a callback, messengers
 * (RETENTION_CRITERIA.md, stage 1 and "Service and contacts"). A page reaches the contacts when
 * its header/footer shows them or links to a contacts page. Phone and address decide pass;
 * the further channels raise the score of a site that does not pass yet. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "check_util.h"

/* The order is the order of the evidence and of the channels named in the summary. */
enum { PHONE, ADDRESS, EMAIL, FORM, TOLL_FREE, CHAT, MESSENGER, NCHAN };
static const char *const chan_name[NCHAN] = {"phone",        "address",          "e-mail",
                                             "contact form", "toll-free number", "chat or callback",
                                             "messenger"};

struct state {
    size_t pages, reachable;
    int found[NCHAN];
    struct sa_evidence_list chan[NCHAN], unreachable, links;
    struct sa__memo memo; /* link labels, URLs and button labels: the same on every page */
};

/* An e-mail address in text: local@domain.tld, ASCII only, which covers shops' addresses. */
static int find_email(const char *s, size_t n, size_t *off, size_t *len)
{
    for (size_t i = 1; i + 3 < n; i++) {
        if (s[i] != '@') continue;
        size_t a = i, b = i + 1;
        while (a > 0 && (isalnum((unsigned char)s[a - 1]) || strchr("._%+-", s[a - 1]))) a--;
        int dot = 0;
        while (b < n && (isalnum((unsigned char)s[b]) || s[b] == '.' || s[b] == '-')) {
            dot |= s[b] == '.' && b + 1 < n && isalpha((unsigned char)s[b + 1]);
            b++;
        }
        if (a < i && dot && b > i + 3) {
            *off = a;
            *len = b - a;
            return 1;
        }
    }
    return 0;
}

/* The first match of concept c in the visible text of the regions of mask that does not
 * also say concept not (SA_CONCEPT_LAST: none). */
static int find_but(struct state *st, const struct sa_page *p, enum sa_concept c,
                    enum sa_concept not, unsigned mask, struct sa_hit *h)
{
    for (int r = 0; r < SA_REGION_LAST; r++) {
        if (!(mask & SA_REGION_BIT(r))) continue;
        const char *t = p->text[r].ptr;
        size_t n = p->text[r].len, from = 0;
        struct sa_match m;
        while (from < n && sa_lexicon_find_from(p->lex, c, t, n, from, &m) > 0) {
            if (not == SA_CONCEPT_LAST ||
                sa__memo_find(&st->memo, p->lex, not, t + m.off, m.len, NULL) != 1) {
                h->region = (enum sa_region)r;
                h->block = sa_page_block_at(p, (enum sa_region)r, m.off);
                h->off = m.off;
                h->len = m.len;
                h->lang = m.lang;
                return 1;
            }
            from = m.off + (m.len ? m.len : 1);
        }
    }
    return 0;
}

/* A live channel (chat or callback, messenger) offered by a visible link or button: icons are
 * named by their aria-label, and messenger links by their address (wa.me, t.me). */
static int live_control(struct state *st, const struct sa_page *p, int k, unsigned mask)
{
    for (size_t i = 0; i < p->nlinks; i++) {
        const struct sa_link *l = &p->links[i];
        if (!(mask & SA_REGION_BIT(l->region)) || (l->flags & SA_LINK_HIDDEN)) continue;
        int messenger = sa__memo_link_is(&st->memo, p, l, SA_CONCEPT_MESSENGER) ||
                        sa__memo_find(&st->memo, p->lex, SA_CONCEPT_MESSENGER, l->href,
                                      strlen(l->href), NULL) == 1;
        int yes = k == MESSENGER
                      ? messenger
                      : !messenger && (sa__memo_link_is(&st->memo, p, l, SA_CONCEPT_LIVE_CHAT) ||
                                       sa__memo_link_is(&st->memo, p, l, SA_CONCEPT_CALLBACK));
        if (yes) {
            if (SA__FIRST(st->found[k], &st->chan[k], p->url))
                sa_evidence_add(&st->chan[k], p->url, l->where, *l->text ? l->text : l->href);
            return 1;
        }
    }
    for (size_t i = 0; i < p->nbuttons; i++) {
        const struct sa_button *b = &p->buttons[i];
        if (!(mask & SA_REGION_BIT(b->region))) continue;
        int messenger = sa__memo_says(&st->memo, p, SA_CONCEPT_MESSENGER, b->text);
        int yes = k == MESSENGER
                      ? messenger
                      : !messenger && (sa__memo_says(&st->memo, p, SA_CONCEPT_LIVE_CHAT, b->text) ||
                                       sa__memo_says(&st->memo, p, SA_CONCEPT_CALLBACK, b->text));
        if (yes) {
            if (SA__FIRST(st->found[k], &st->chan[k], p->url))
                sa_evidence_add(&st->chan[k], p->url, b->where, b->text);
            return 1;
        }
    }
    return 0;
}

/* Looks for channel k in the regions of mask; records the first sighting as evidence. */
static int seek(struct state *st, const struct sa_page *p, int k, unsigned mask)
{
    struct sa_hit h;
    if (k == TOLL_FREE || k == CHAT || k == MESSENGER) {
        /* messenger names are also chat words in some languages (ไลน์, WhatsApp): a
         * messenger counts once, as a messenger */
        int found = k == TOLL_FREE ? sa_page_find(p, SA_CONCEPT_TOLL_FREE, mask, &h) > 0
                    : k == MESSENGER
                        ? sa_page_find(p, SA_CONCEPT_MESSENGER, mask, &h) > 0
                        : find_but(st, p, SA_CONCEPT_LIVE_CHAT, SA_CONCEPT_MESSENGER, mask, &h) ||
                              find_but(st, p, SA_CONCEPT_CALLBACK, SA_CONCEPT_LAST, mask, &h);
        if (found) {
            if (SA__FIRST(st->found[k], &st->chan[k], p->url))
                sa_evidence_add_hit(&st->chan[k], p->url, h.block ? h.block->where : "page",
                                    p->text[h.region].ptr, p->text[h.region].len, h.off, h.len);
            return 1;
        }
        return k != TOLL_FREE && live_control(st, p, k, mask);
    }
    if (k == PHONE || k == ADDRESS) {
        if (sa_page_find(p, k == PHONE ? SA_CONCEPT_PHONE : SA_CONCEPT_ADDRESS, mask, &h) > 0) {
            if (SA__FIRST(st->found[k], &st->chan[k], p->url))
                sa_evidence_add_hit(&st->chan[k], p->url, h.block ? h.block->where : "page",
                                    p->text[h.region].ptr, p->text[h.region].len, h.off, h.len);
            return 1;
        }
    }
    for (size_t i = 0; i < p->nlinks; i++) {
        const struct sa_link *l = &p->links[i];
        if (!(mask & SA_REGION_BIT(l->region))) continue;
        const char *scheme = k == PHONE ? "tel:" : k == EMAIL ? "mailto:" : NULL;
        if (scheme && strncmp(l->href, scheme, strlen(scheme)) == 0) {
            if (SA__FIRST(st->found[k], &st->chan[k], p->url))
                sa_evidence_add(&st->chan[k], p->url, l->where, l->href);
            return 1;
        }
    }
    if (k == EMAIL) {
        for (int r = 0; r < SA_REGION_LAST; r++) {
            size_t off, len;
            if (!(mask & SA_REGION_BIT(r))) continue;
            if (find_email(p->text[r].ptr, p->text[r].len, &off, &len)) {
                if (SA__FIRST(st->found[k], &st->chan[k], p->url)) {
                    const struct sa_block *b = sa_page_block_at(p, (enum sa_region)r, off);
                    sa_evidence_add_hit(&st->chan[k], p->url, b ? b->where : "page", p->text[r].ptr,
                                        p->text[r].len, off, len);
                }
                return 1;
            }
        }
    }
    if (k == FORM) {
        for (size_t i = 0; i < p->nforms; i++)
            for (size_t j = 0; j < p->forms[i].nfields; j++)
                if (strcmp(p->forms[i].fields[j].tag, "textarea") == 0) {
                    if (SA__FIRST(st->found[k], &st->chan[k], p->url))
                        sa_evidence_add(&st->chan[k], p->url, p->forms[i].where,
                                        "a contact form with a message field");
                    return 1;
                }
    }
    return 0;
}

static void observe(void *vs, const struct sa_page *p)
{
    struct state *st = vs;
    st->pages++;
    int phone = seek(st, p, PHONE, SA_CHROME_REGIONS);
    int addr = seek(st, p, ADDRESS, SA_CHROME_REGIONS);
    seek(st, p, EMAIL, SA_CHROME_REGIONS);
    for (int k = TOLL_FREE; k < NCHAN; k++) seek(st, p, k, SA_CHROME_REGIONS);
    if (p->kind == SA_KIND_CONTACT || p->kind == SA_KIND_ABOUT) {
        /* the contacts page may keep them in its body */
        for (int k = 0; k < NCHAN; k++) seek(st, p, k, SA_REGIONS_ALL);
    }
    int linked = 0;
    for (size_t i = 0; i < p->nlinks && !linked; i++) {
        const struct sa_link *l = &p->links[i];
        if (l->flags & SA_LINK_DEAD) continue;
        if (sa__memo_link_is(&st->memo, p, l, SA_CONCEPT_CONTACTS)) {
            linked = 1;
            sa__evidence_keep(&st->links, 1, p->url, l->where, l->text);
        }
    }
    if ((phone && addr) || linked || p->kind == SA_KIND_CONTACT) {
        st->reachable++;
    } else {
        sa_evidence_add(&st->unreachable, p->url, "header, footer",
                        "no phone and address shown, and no link to the contacts page");
    }
}

static void finish(void *vs, const struct sa_site *site, struct sa_verdict *out)
{
    struct state *st = vs;
    size_t n = st->pages;
    double reach = n ? (double)st->reachable / (double)n : 0;
    int phone = st->found[PHONE] > 0, addr = st->found[ADDRESS] > 0, mail = st->found[EMAIL] > 0;
    char have[160] = "";
    for (int k = 0; k < NCHAN; k++)
        if (st->found[k])
            snprintf(have + strlen(have), sizeof have - strlen(have), "%s%s", have[0] ? ", " : "",
                     chan_name[k]);
    if (n == 0) {
        sa_verdict_set(out, SA_STATUS_NOT_APPLICABLE, 0, "No page was audited.");
    } else if (phone && addr && st->reachable * 10 >= n * 9) {
        sa_verdict_set(out, SA_STATUS_PASS, 1, "Contacts (%s) are reachable from %zu of %zu pages.",
                       have, st->reachable, n);
    } else if (phone || addr || mail || st->found[FORM] || st->found[TOLL_FREE] ||
               st->found[CHAT] || st->found[MESSENGER]) {
        /* each further live channel adds a little: the more channels, the more trust */
        double more = 0.05 * (st->found[FORM] > 0) + 0.05 * (st->found[TOLL_FREE] > 0) +
                      0.05 * (st->found[CHAT] > 0) + 0.05 * (st->found[MESSENGER] > 0);
        double score = 0.3 * phone + 0.3 * addr + 0.1 * mail + 0.3 * reach + more;
        if (score > 0.9) score = 0.9;
        if (score < 0.1) score = 0.1;
        if (phone && addr)
            sa_verdict_set(out, SA_STATUS_PARTIAL, score,
                           "Contacts (%s) are reachable from only %zu of %zu pages.", have,
                           st->reachable, n);
        else
            sa_verdict_set(out, SA_STATUS_PARTIAL, score,
                           "The site shows only %s; a phone number and an address are both "
                           "needed.",
                           have);
    } else {
        sa_verdict_set(out, SA_STATUS_FAIL, 0,
                       "No phone number, address, e-mail or contact form was found.");
    }
    if (out->status == SA_STATUS_PASS || out->status == SA_STATUS_NOT_APPLICABLE)
        sa_verdict_recommend(out, "%s", "");
    else
        sa_verdict_recommend(out, "Show a phone number (toll-free if you can) and a street "
                                  "address in the header or footer of every page, with a "
                                  "\"Contacts\" link to a page that adds e-mail, chat or a "
                                  "callback, and messengers: the more live channels a shop "
                                  "shows, the more a first-time visitor trusts it.");
    for (int k = 0; k < NCHAN; k++) sa_evidence_move(&out->evidence, &st->chan[k]);
    sa_evidence_move(&out->evidence, &st->links);
    if (out->evidence.n == 0 || out->status != SA_STATUS_PASS)
        sa_evidence_move(&out->evidence, &st->unreachable);
    sa_evidence_release(&st->unreachable);
    sa__memo_release(&st->memo);
    if (out->evidence.n == 0 && site->start_url)
        sa_evidence_add(&out->evidence, site->start_url, "site", "no contact channel found");
}

const struct sa_check sa_check_contacts = {
    .id = "contacts",
    .title = "Phone and address on every page",
    .category = "trust",
    /* RETENTION_CRITERIA.md stage 1: contacts with address and phone on every page are the
     * first of three trust signals, and the one a buyer checks before paying. */
    .weight = 0.45,
    .state_size = sizeof(struct state),
    .observe = observe,
    .finish = finish,
};
