/* social_links: does every page link to the shop's own pages on social networks? Messengers
 * and social-network pages are where customers get qualified help (RETENTION_CRITERIA.md,
 * "Service and contacts"), and incentives for activity on social media turn a regular into a
 * loyal advocate (stage 5). Only links to the shop's own page count: share buttons
 * (sharer.php, share?url=, intent/tweet) publish the visitor's page, and a link to a network's
 * home page leads nowhere in particular. The page chrome (header, navigation, footer) is where
 * a buyer looks for them on every page. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "check_util.h"

/* Host names of social networks. They are not words: the same in every language, so they may
 * live here rather than in the lexicon. A host matches itself and its subdomains
 * (m.facebook.com, www.instagram.com). line.me official accounts are also page.line.me and the
 * lin.ee short links. */
static const struct network {
    const char *name;
    const char *hosts[6];
} networks[] = {
    {"Facebook", {"facebook.com", "fb.com", "fb.me", NULL}},
    {"Instagram", {"instagram.com", "instagr.am", NULL}},
    {"VK", {"vk.com", "vk.ru", "vkontakte.ru", NULL}},
    {"Odnoklassniki", {"ok.ru", "odnoklassniki.ru", NULL}},
    {"Telegram", {"t.me", "telegram.me", NULL}},
    {"YouTube", {"youtube.com", NULL}},
    {"TikTok", {"tiktok.com", NULL}},
    {"X (Twitter)", {"x.com", "twitter.com", NULL}},
    {"Pinterest", {"pinterest.com", "pinterest.co.uk", "pinterest.ru", "pin.it", NULL}},
    {"LinkedIn", {"linkedin.com", NULL}},
    {"LINE", {"line.me", "lin.ee", NULL}},
};
#define NNET (sizeof networks / sizeof networks[0])

/* Marks of a share button in a network URL's path or query, lower-cased: Facebook's
 * sharer.php and dialog/share, VK's share.php, t.me/share/url, LinkedIn's shareArticle and
 * sharing/share-offsite, X's intent/tweet and intent/post, Pinterest's pin/create, LINE's
 * lineit/share and msg/text, Facebook's like-button plugins. */
static const char *const share_marks[] = {"share",     "intent/",  "pin/create", "/dialog/",
                                          "/plugins/", "msg/text", NULL};
/* Hosts that only serve share dialogs: Odnoklassniki's connect.ok.ru/offer?url=. */
static const char *const share_hosts[] = {"connect.ok.ru", NULL};

enum link_kind { OWN, SHARE, HOME, NOT_SOCIAL };

struct state {
    size_t pages, chrome_pages;
    int in_chrome[NNET], anywhere[NNET];
    struct sa_evidence_list chrome_ev[NNET], body_ev[NNET], wrong, missing;
};

static int host_is(const char *host, const char *h)
{
    size_t n = strlen(host), k = strlen(h);
    if (n == k) return strcmp(host, h) == 0;
    return n > k && host[n - k - 1] == '.' && strcmp(host + n - k, h) == 0;
}

/* Which network url belongs to, and whether it is the shop's page, a share button or the
 * network's home page. */
static enum link_kind classify(const char *url, size_t *net)
{
    const char *s = url ? strstr(url, "://") : NULL;
    if (!s || strncasecmp(url, "http", 4) != 0) return NOT_SOCIAL;
    s += 3;
    size_t hn = strcspn(s, "/?#:");
    char host[256];
    if (hn == 0 || hn >= sizeof host) return NOT_SOCIAL;
    for (size_t i = 0; i < hn; i++) host[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    host[hn] = '\0';
    size_t k = NNET;
    for (size_t i = 0; i < NNET && k == NNET; i++)
        for (size_t j = 0; networks[i].hosts[j]; j++)
            if (host_is(host, networks[i].hosts[j])) {
                k = i;
                break;
            }
    if (k == NNET) return NOT_SOCIAL;
    *net = k;
    const char *rest = s + hn;
    rest += strcspn(rest, "/?#"); /* past a port */
    size_t rn = strcspn(rest, "#");
    char low[512];
    if (rn >= sizeof low) rn = sizeof low - 1;
    for (size_t i = 0; i < rn; i++)
        low[i] = (char)(rest[i] >= 'A' && rest[i] <= 'Z' ? rest[i] + 32 : rest[i]);
    low[rn] = '\0';
    for (size_t i = 0; share_hosts[i]; i++)
        if (host_is(host, share_hosts[i])) return SHARE;
    for (size_t i = 0; share_marks[i]; i++)
        if (strstr(low, share_marks[i])) return SHARE;
    size_t pn = strcspn(low, "?");
    low[pn] = '\0';
    if (pn == 0 || strcmp(low, "/") == 0 || strcmp(low, "/home") == 0 ||
        strcmp(low, "/home.php") == 0 || strcmp(low, "/index.php") == 0)
        return HOME;
    return OWN;
}

static void observe(void *vs, const struct sa_page *p)
{
    struct state *st = vs;
    st->pages++;
    int here = 0;
    for (size_t i = 0; i < p->nlinks; i++) {
        const struct sa_link *l = &p->links[i];
        if (l->flags & (SA_LINK_HIDDEN | SA_LINK_DEAD)) continue;
        size_t k = 0;
        enum link_kind kind = classify(l->url, &k);
        if (kind == NOT_SOCIAL) continue;
        char msg[SA_SNIPPET_MAX + 1];
        if (kind != OWN) {
            snprintf(msg, sizeof msg, "%s, not the shop's page: %.180s",
                     kind == SHARE ? "a share button" : "the network's home page", l->href);
            sa_evidence_add(&st->wrong, p->url, l->where, msg);
            continue;
        }
        int chrome = (SA_CHROME_REGIONS & SA_REGION_BIT(l->region)) != 0;
        snprintf(msg, sizeof msg, "%s: %.200s", networks[k].name, l->href);
        st->anywhere[k] = 1;
        if (chrome) {
            here = 1;
            if (SA__FIRST(st->in_chrome[k], &st->chrome_ev[k], p->url))
                sa_evidence_add(&st->chrome_ev[k], p->url, l->where, msg);
        } else {
            sa__evidence_keep(&st->body_ev[k], 1, p->url, l->where, msg);
        }
    }
    if (here)
        st->chrome_pages++;
    else
        sa_evidence_add(&st->missing, p->url, "header, footer",
                        "no link to the shop's social-network pages");
}

static void finish(void *vs, const struct sa_site *site, struct sa_verdict *out)
{
    struct state *st = vs;
    size_t nchrome = 0, nany = 0;
    char names[200] = "", chrome_names[200] = "";
    for (size_t k = 0; k < NNET; k++) {
        if (st->in_chrome[k]) {
            nchrome++;
            snprintf(chrome_names + strlen(chrome_names),
                     sizeof chrome_names - strlen(chrome_names), "%s%s",
                     chrome_names[0] ? ", " : "", networks[k].name);
        }
        if (!st->anywhere[k]) continue;
        nany++;
        snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", names[0] ? ", " : "",
                 networks[k].name);
    }
    size_t n = st->pages;
    struct sa_evidence_list *ev = &out->evidence;
    if (nchrome >= 2 && st->chrome_pages * 2 > n) {
        sa_verdict_set(out, SA_STATUS_PASS, 1,
                       "The shop's pages on %zu social networks (%s) are linked from the header "
                       "or footer of %zu of %zu pages.",
                       nchrome, chrome_names, st->chrome_pages, n);
    } else if (nany) {
        double score =
            0.5 * (double)(nany < 2 ? nany : 2) / 2.0 + 0.5 * (double)st->chrome_pages / (double)n;
        if (score > 0.9) score = 0.9;
        if (score < 0.1) score = 0.1;
        char what[300], where[300];
        if (nany == 1)
            snprintf(what, sizeof what,
                     "The site links to the shop's page on one social network only (%s)", names);
        else
            snprintf(what, sizeof what,
                     "The site links to the shop's pages on %zu social networks (%s)", nany, names);
        if (st->chrome_pages == 0)
            snprintf(where, sizeof where, "but not from any page's header or footer");
        else if (nany == 1)
            snprintf(where, sizeof where, "from the header or footer of %zu of %zu pages",
                     st->chrome_pages, n);
        else if (nchrome < 2)
            snprintf(where, sizeof where,
                     "but only to %s from the header or footer (on %zu of %zu "
                     "pages)",
                     chrome_names, st->chrome_pages, n);
        else
            snprintf(where, sizeof where, "from the header or footer of only %zu of %zu pages",
                     st->chrome_pages, n);
        sa_verdict_set(out, SA_STATUS_PARTIAL, score, "%s, %s.", what, where);
    } else {
        sa_verdict_set(out, SA_STATUS_FAIL, 0,
                       "No link to the shop's own social-network pages was found on the %zu "
                       "page(s) audited%s.",
                       n,
                       st->wrong.total ? " (only share buttons or the networks' home pages)" : "");
    }
    for (size_t k = 0; k < NNET; k++) sa_evidence_move(ev, &st->chrome_ev[k]);
    for (size_t k = 0; k < NNET; k++)
        if (!st->in_chrome[k]) sa_evidence_move(ev, &st->body_ev[k]);
    if (out->status != SA_STATUS_PASS) sa_evidence_move(ev, &st->missing);
    sa_evidence_move(ev, &st->wrong);
    if (ev->n == 0) sa_evidence_add(ev, site->start_url, "site", "no page was audited");
    if (out->status == SA_STATUS_PASS)
        sa_verdict_recommend(out, "%s", "");
    else
        sa_verdict_recommend(out, "Link the shop's own pages on two or more social networks "
                                  "where your buyers are (Instagram, Facebook, VK, Telegram, "
                                  "LINE...) from the footer of every page, and answer questions "
                                  "there: customers look for qualified help in messengers and "
                                  "social networks, and rewarding activity there turns regular "
                                  "buyers into advocates. Share buttons do not count: they "
                                  "publish the visitor's page, not the shop's.");
    for (size_t k = 0; k < NNET; k++) {
        sa_evidence_release(&st->chrome_ev[k]);
        sa_evidence_release(&st->body_ev[k]);
    }
    sa_evidence_release(&st->wrong);
    sa_evidence_release(&st->missing);
}

const struct sa_check sa_check_social_links = {
    .id = "social_links",
    .title = "Links to the shop's social-network pages",
    .category = "loyalty",
    /* RETENTION_CRITERIA.md stage 5 and "Service and contacts": social-network pages are a
     * channel of help and of activity rewards, but no survey figure stands behind them, so
     * they weigh least in the category. */
    .weight = 0.15,
    .state_size = sizeof(struct state),
    .observe = observe,
    .finish = finish,
};
