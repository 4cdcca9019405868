/* live_help: can a visitor get an answer now, from a person? RETENTION_CRITERIA.md (stage 1 and
 * "Service and contacts"): a live online consultant ready to help at once, callback pop-ups and
 * messengers where customers get qualified help; "the more live channels, the more trust". The
 * check counts distinct live channels found anywhere on the site: a third-party chat widget
 * (recognised by its script host), a chat control, a callback offer, and each messenger linked
 * (WhatsApp, Telegram, Viber, LINE, Facebook Messenger). A widget alone passes: it is the
 * "online consultant" itself. Phone and e-mail are the contacts check's. */
#include <stdio.h>
#include <string.h>

#include "check_util.h"

/* Chat widgets by the host their loader script comes from. Host names are not words, so they
 * live here rather than in the lexicon; a host matches itself and its subdomains. HubSpot's
 * chat loads from usemessages.com (js.hs-scripts.com alone is its analytics). */
static const struct {
    const char *domain, *name;
} widgets[] = {
    {"jivosite.com", "JivoChat"},
    {"jivo.ru", "JivoChat"},
    {"jivochat.com", "JivoChat"},
    {"tawk.to", "tawk.to"},
    {"intercom.io", "Intercom"},
    {"intercomcdn.com", "Intercom"},
    {"zdassets.com", "Zendesk"},
    {"zopim.com", "Zendesk Chat"},
    {"livechatinc.com", "LiveChat"},
    {"crisp.chat", "Crisp"},
    {"tidio.co", "Tidio"},
    {"tidiochat.com", "Tidio"},
    {"bitrix24.ru", "Bitrix24"},
    {"bitrix24.com", "Bitrix24"},
    {"bitrix24.by", "Bitrix24"},
    {"bitrix24.kz", "Bitrix24"},
    {"bitrix24.ua", "Bitrix24"},
    {"bitrix24.de", "Bitrix24"},
    {"bitrix24.eu", "Bitrix24"},
    {"carrotquest.io", "Carrot quest"},
    {"carrotquest.app", "Carrot quest"},
    {"freshchat.com", "Freshchat"},
    {"driftt.com", "Drift"},
    {"drift.com", "Drift"},
    {"usemessages.com", "HubSpot chat"},
    {"olark.com", "Olark"},
    {"userlike.com", "Userlike"},
    {"userlike-cdn-widgets.s3-eu-west-1.amazonaws.com", "Userlike"},
    {"chatra.io", "Chatra"},
    {"chatra.com", "Chatra"},
    {"talk-me.ru", "Talk-Me"},
    {"talk-me.com", "Talk-Me"},
    {"verbox.ru", "Verbox"},
    {"livetex.ru", "LiveTex"},
    {"smartsuppchat.com", "Smartsupp"},
    {"smartsupp.com", "Smartsupp"},
    {"gorgias.chat", "Gorgias"},
    {"gorgias.io", "Gorgias"},
};

enum { APP_WHATSAPP, APP_TELEGRAM, APP_VIBER, APP_LINE, APP_MESSENGER, NAPP };
static const char *const app_name[NAPP] = {"WhatsApp", "Telegram", "Viber", "LINE", "Messenger"};

/* Messenger links by host or scheme: addresses, not words. */
static const struct {
    const char *domain;
    int app;
} msg_hosts[] = {
    {"wa.me", APP_WHATSAPP}, {"whatsapp.com", APP_WHATSAPP},
    {"t.me", APP_TELEGRAM},  {"telegram.me", APP_TELEGRAM},
    {"line.me", APP_LINE},   {"lin.ee", APP_LINE},
    {"m.me", APP_MESSENGER}, {"messenger.com", APP_MESSENGER},
};
static const struct {
    const char *scheme;
    int app;
} msg_schemes[] = {
    {"whatsapp:", APP_WHATSAPP},
    {"tg:", APP_TELEGRAM},
    {"viber:", APP_VIBER},
    {"line:", APP_LINE},
    {"fb-messenger:", APP_MESSENGER},
};

/* Channels, in the order the summary names them. MSG_TEXT is a messenger named in text
 * ("WhatsApp: +7 ...", "LINE ID: @shop") without a link; it counts only when no messenger is
 * linked, since it is usually the same account written out. */
enum { CH_WIDGET, CH_CHAT, CH_CALLBACK, CH_MSG, CH_MSG_TEXT = CH_MSG + NAPP, NCH };

struct state {
    int found[NCH];
    char widget[32];
    struct sa_evidence_list ev[NCH];
    struct sa__memo memo; /* control labels and the chrome's blocks: the same on every page */
};

static int host_is(const char *host, const char *domain)
{
    size_t h = strlen(host), d = strlen(domain);
    return h == d ? strcmp(host, domain) == 0
                  : h > d && host[h - d - 1] == '.' && strcmp(host + h - d, domain) == 0;
}

/* The lower-cased host of an absolute http(s) URL into buf ("" otherwise). */
static void url_host(const char *url, char *buf, size_t n)
{
    buf[0] = '\0';
    const char *s = url ? strstr(url, "://") : NULL;
    if (!s) return;
    s += 3;
    size_t k = strcspn(s, "/?#:@");
    if (s[k] == '@') { /* user info: the host follows it */
        s += k + 1;
        k = strcspn(s, "/?#:");
    }
    if (k >= n) k = n - 1;
    for (size_t i = 0; i < k; i++) buf[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    buf[k] = '\0';
}

static int messenger_app(const struct sa_link *l)
{
    for (size_t i = 0; i < sizeof msg_schemes / sizeof msg_schemes[0]; i++)
        if (strncmp(l->href, msg_schemes[i].scheme, strlen(msg_schemes[i].scheme)) == 0)
            return msg_schemes[i].app;
    char host[256];
    url_host(l->url, host, sizeof host);
    for (size_t i = 0; host[0] && i < sizeof msg_hosts / sizeof msg_hosts[0]; i++)
        if (host_is(host, msg_hosts[i].domain)) return msg_hosts[i].app;
    return -1;
}

static void note(struct state *st, int ch, const char *url, const char *where, const char *snip)
{
    if (SA__FIRST(st->found[ch], &st->ev[ch], url)) sa_evidence_add(&st->ev[ch], url, where, snip);
}

/* A control labelled as a callback offer or a chat. Messenger names in a label are left to
 * the link's address, which says which messenger it is. */
static void control(struct state *st, const struct sa_page *p, const char *text, const char *where)
{
    if (sa__memo_says(&st->memo, p, SA_CONCEPT_CALLBACK, text))
        note(st, CH_CALLBACK, p->url, where, text);
    else if (!sa__memo_says(&st->memo, p, SA_CONCEPT_MESSENGER, text) &&
             sa__memo_says(&st->memo, p, SA_CONCEPT_LIVE_CHAT, text))
        note(st, CH_CHAT, p->url, where, text);
}

/* CALLBACK or MESSENGER said in running text: in the chrome, on the contacts page, or (for a
 * callback) as a heading anywhere. Link text is skipped: a menu entry is not an offer. */
static void text_offers(struct state *st, const struct sa_page *p)
{
    int contact = p->kind == SA_KIND_CONTACT;
    for (size_t i = 0; i < p->nblocks; i++) {
        const struct sa_block *b = &p->blocks[i];
        if (b->flags & (SA_BLOCK_LINK | SA_BLOCK_BUTTON)) continue;
        int chrome = (SA_CHROME_REGIONS & SA_REGION_BIT(b->region)) != 0;
        const char *t = p->text[b->region].ptr;
        struct sa_match m;
        /* as note(): the offer quoted is the one on the smallest URL, a control before text */
        if ((chrome || contact || (b->flags & SA_BLOCK_HEADING)) &&
            sa__earlier(&st->ev[CH_CALLBACK], p->url) &&
            sa__memo_find(&st->memo, p->lex, SA_CONCEPT_CALLBACK, t + b->off, b->len, &m) == 1 &&
            SA__FIRST(st->found[CH_CALLBACK], &st->ev[CH_CALLBACK], p->url)) {
            sa_evidence_add_hit(&st->ev[CH_CALLBACK], p->url, b->where, t, p->text[b->region].len,
                                b->off + m.off, m.len);
        }
        if ((chrome || contact) && sa__earlier(&st->ev[CH_MSG_TEXT], p->url) &&
            sa__memo_find(&st->memo, p->lex, SA_CONCEPT_MESSENGER, t + b->off, b->len, &m) == 1 &&
            SA__FIRST(st->found[CH_MSG_TEXT], &st->ev[CH_MSG_TEXT], p->url)) {
            sa_evidence_add_hit(&st->ev[CH_MSG_TEXT], p->url, b->where, t, p->text[b->region].len,
                                b->off + m.off, m.len);
        }
    }
}

static void observe(void *vs, const struct sa_page *p)
{
    struct state *st = vs;
    /* the widget named is the one on the smallest URL, whatever order pages arrive in */
    int page_widget = 0;
    for (size_t i = 0; i < p->nscript_hosts && !page_widget; i++)
        for (size_t k = 0; k < sizeof widgets / sizeof widgets[0]; k++) {
            if (!host_is(p->script_hosts[i], widgets[k].domain)) continue;
            char snip[300];
            snprintf(snip, sizeof snip, "%s chat widget loaded from %s", widgets[k].name,
                     p->script_hosts[i]);
            if (sa__earlier(&st->ev[CH_WIDGET], p->url))
                snprintf(st->widget, sizeof st->widget, "%s", widgets[k].name);
            note(st, CH_WIDGET, p->url, "script[src]", snip);
            page_widget = 1;
            break;
        }
    for (size_t i = 0; i < p->nlinks; i++) {
        const struct sa_link *l = &p->links[i];
        if (l->flags & SA_LINK_HIDDEN) continue; /* a buyer cannot see it */
        /* A menu entry leading nowhere is a stub; a "#" launcher elsewhere may open a chat. */
        if ((l->flags & SA_LINK_DEAD) && l->region == SA_REGION_NAV) continue;
        int app = messenger_app(l);
        if (app >= 0)
            note(st, CH_MSG + app, p->url, l->where, l->href);
        else if (!(l->flags & SA_LINK_BUTTON)) /* link buttons come again among the buttons */
            control(st, p, l->text, l->where);
    }
    for (size_t i = 0; i < p->nbuttons; i++)
        if (!p->buttons[i].disabled) control(st, p, p->buttons[i].text, p->buttons[i].where);
    text_offers(st, p);
}

static void finish(void *vs, const struct sa_site *site, struct sa_verdict *out)
{
    struct state *st = vs;
    int apps = 0;
    for (int a = 0; a < NAPP; a++) apps += st->found[CH_MSG + a] > 0;
    if (apps) {
        st->found[CH_MSG_TEXT] = 0;
        sa_evidence_release(&st->ev[CH_MSG_TEXT]);
    }
    int n = 0;
    char have[200] = "";
    for (int ch = 0; ch < NCH; ch++) {
        if (!st->found[ch]) continue;
        n++;
        char name[64];
        if (ch == CH_WIDGET)
            snprintf(name, sizeof name, "a %s chat", st->widget);
        else if (ch == CH_CHAT)
            snprintf(name, sizeof name, "a chat button");
        else if (ch == CH_CALLBACK)
            snprintf(name, sizeof name, "a callback offer");
        else if (ch == CH_MSG_TEXT)
            snprintf(name, sizeof name, "a messenger account named in the text");
        else
            snprintf(name, sizeof name, "%s", app_name[ch - CH_MSG]);
        snprintf(have + strlen(have), sizeof have - strlen(have), "%s%s", have[0] ? ", " : "",
                 name);
    }
    if (st->found[CH_WIDGET] || n >= 2) {
        sa_verdict_set(out, SA_STATUS_PASS, 1, "Buyers can reach a person at once: %s.", have);
        sa_verdict_recommend(out, "%s", "");
    } else if (n == 1) {
        sa_verdict_set(out, SA_STATUS_PARTIAL, 0.5, "The only live help channel is %s.", have);
        sa_verdict_recommend(out, "Add a second live channel: an online chat that answers within "
                                  "minutes, or WhatsApp, Telegram or LINE links next to the phone "
                                  "number. The more live channels, the more a first-time visitor "
                                  "trusts a shop, and 86%% of users would pay 25%% more for "
                                  "better service (industry figures).");
    } else {
        sa_verdict_set(out, SA_STATUS_FAIL, 0,
                       "No chat widget, callback offer or messenger link was found on the %zu "
                       "page(s) audited.",
                       site->pages);
        sa_verdict_recommend(out, "Offer live help on every page: an online chat (consultant) "
                                  "widget, a \"Call me back\" button, and WhatsApp, Telegram or "
                                  "LINE links. A visitor with a question leaves unless someone "
                                  "answers now, and 86%% of users would pay 25%% more for better "
                                  "service (industry figures).");
    }
    for (int ch = 0; ch < NCH; ch++) sa_evidence_move(&out->evidence, &st->ev[ch]);
    sa__memo_release(&st->memo);
    if (out->evidence.n == 0)
        sa_evidence_add(&out->evidence, site->start_url ? site->start_url : "", "site",
                        "no chat widget script, chat or callback control, or messenger link");
}

const struct sa_check sa_check_live_help = {
    .id = "live_help",
    .title = "Live help: chat, callback, messengers",
    .category = "trust",
    /* RETENTION_CRITERIA.md stage 1 and "Service and contacts": a live consultant ready to help
     * at once is one of three first-visit trust signals; 86% of users would pay 25% more for
     * better service. Second to contacts (0.45), above the about page (0.25). */
    .weight = 0.30,
    .state_size = sizeof(struct state),
    .observe = observe,
    .finish = finish,
};
