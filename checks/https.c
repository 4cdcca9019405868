/* https: is every page served over HTTPS, with no form posting in clear text? A buyer types a
 * name, an address and a card number into a shop; browsers mark http:// pages "Not secure",
 * which undoes the trust the rest of the site builds. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "check_util.h"

struct state {
    size_t pages, secure, insecure_forms, mixed;
    struct sa_evidence_list good, bad;
};

static int is_http(const char *url)
{
    return url && strncasecmp(url, "http://", 7) == 0;
}

static void observe(void *vs, const struct sa_page *p)
{
    struct state *st = vs;
    st->pages++;
    if (strncasecmp(p->url, "https://", 8) != 0) {
        if (is_http(p->url)) sa_evidence_add(&st->bad, p->url, "page", "served over http://");
        return;
    }
    st->secure++;
    int clean = 1;
    for (size_t i = 0; i < p->nforms; i++)
        if (is_http(p->forms[i].action)) {
            st->insecure_forms++;
            char msg[300];
            snprintf(msg, sizeof msg, "form posts to %.250s", p->forms[i].action);
            sa_evidence_add(&st->bad, p->url, p->forms[i].where, msg);
            clean = 0;
        }
    for (size_t i = 0; i < p->nimages; i++)
        if (is_http(p->images[i].src)) {
            st->mixed++;
            char msg[300];
            snprintf(msg, sizeof msg, "image loaded over http: %.250s", p->images[i].src);
            sa_evidence_add(&st->bad, p->url, p->images[i].where, msg);
            clean = 0;
            break;
        }
    if (clean) sa__evidence_keep(&st->good, 3, p->url, "page", "served over https://");
}

static void finish(void *vs, const struct sa_site *site, struct sa_verdict *out)
{
    struct state *st = vs;
    if (site->is_static || st->pages == 0) {
        sa_verdict_set(out, SA_STATUS_NOT_APPLICABLE, 0,
                       "Audited from files, not a server: HTTPS cannot be judged.");
        sa_verdict_recommend(out, "%s", "");
        sa_evidence_add(&out->evidence, site->start_url, "site", "static export");
    } else if (st->secure == st->pages && st->insecure_forms == 0 && st->mixed == 0 &&
               site->http_to_https >= 0) {
        sa_verdict_set(out, SA_STATUS_PASS, 1, "All %zu pages are served over HTTPS%s.", st->pages,
                       site->http_to_https > 0 ? ", and http:// redirects to https://" : "");
        sa_verdict_recommend(out, "%s", "");
        if (site->http_to_https > 0)
            sa_evidence_add(&out->evidence, site->start_url, "http://",
                            "http:// redirects to https://");
    } else if (st->secure == st->pages && st->insecure_forms == 0 && st->mixed == 0) {
        /* every link is https, but a buyer who types the address lands on plain HTTP */
        sa_verdict_set(out, SA_STATUS_PARTIAL, 0.7,
                       "All %zu pages use HTTPS, but the http:// address serves the site without "
                       "redirecting to https://.",
                       st->pages);
        sa_evidence_add(&out->evidence, site->start_url, "http://",
                        "http:// answers without redirecting to https://");
    } else if (st->secure == 0) {
        sa_verdict_set(out, SA_STATUS_FAIL, 0, "The site is served over plain HTTP (%zu pages).",
                       st->pages);
    } else {
        double score = (double)st->secure / (double)st->pages;
        if (st->insecure_forms) score *= 0.5; /* a form in clear text leaks what buyers type */
        if (st->mixed) score *= 0.8;
        sa_verdict_set(out, SA_STATUS_PARTIAL, score,
                       "%zu of %zu pages use HTTPS; %zu form(s) post over HTTP, %zu page(s) load "
                       "insecure images.",
                       st->secure, st->pages, st->insecure_forms, st->mixed);
    }
    if (out->status == SA_STATUS_FAIL || out->status == SA_STATUS_PARTIAL)
        sa_verdict_recommend(out, "Serve every page over HTTPS, redirect http:// to https://, and "
                                  "make every form and image URL https: browsers mark plain HTTP "
                                  "pages \"Not secure\" right where a buyer types a card number.");
    sa_evidence_move(&out->evidence, &st->bad);
    sa_evidence_move(&out->evidence, &st->good);
}

const struct sa_check sa_check_https = {
    .id = "https",
    .title = "HTTPS everywhere",
    .category = "basics",
    /* Hygiene that every other trust signal rests on: the largest share of basics. */
    .weight = 0.35,
    .state_size = sizeof(struct state),
    .observe = observe,
    .finish = finish,
};
