/* mobile_viewport: does every page declare a mobile viewport and let people zoom? Guest
 * checkout is "vital for mobile visitors" (RETENTION_CRITERIA.md, stage 2): a page without
 * width=device-width renders as a shrunken desktop page on a phone, and blocking zoom makes
 * small print unreadable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check_util.h"

struct state {
    size_t pages, ok, zoom_blocked;
    struct sa_evidence_list good, bad;
};

/* Value of key in a viewport content string ("width=device-width, initial-scale=1"). */
static int vp_value(const char *content, const char *key, char *buf, size_t n)
{
    size_t k = strlen(key);
    for (const char *p = content; *p;) {
        while (*p == ' ' || *p == ',' || *p == ';') p++;
        if (strncasecmp(p, key, k) == 0) {
            const char *q = p + k;
            while (*q == ' ') q++;
            if (*q == '=') {
                q++;
                while (*q == ' ') q++;
                size_t i = 0;
                while (q[i] && q[i] != ',' && q[i] != ';' && q[i] != ' ' && i + 1 < n) {
                    buf[i] = q[i];
                    i++;
                }
                buf[i] = '\0';
                return 1;
            }
        }
        while (*p && *p != ',' && *p != ';') p++;
    }
    return 0;
}

static void observe(void *vs, const struct sa_page *p)
{
    struct state *st = vs;
    st->pages++;
    const char *vp = sa_page_meta(p, "viewport");
    if (!vp) {
        sa_evidence_add(&st->bad, p->url, "head", "no <meta name=\"viewport\">");
        return;
    }
    char v[32];
    int device = vp_value(vp, "width", v, sizeof v) && strcasecmp(v, "device-width") == 0;
    int blocked = (vp_value(vp, "user-scalable", v, sizeof v) &&
                   (strcasecmp(v, "no") == 0 || strcmp(v, "0") == 0)) ||
                  (vp_value(vp, "maximum-scale", v, sizeof v) && strtod(v, NULL) <= 1.0);
    char msg[300];
    if (!device) {
        snprintf(msg, sizeof msg, "viewport without width=device-width: %.200s", vp);
        sa_evidence_add(&st->bad, p->url, "head > meta[name=viewport]", msg);
    } else if (blocked) {
        st->zoom_blocked++;
        snprintf(msg, sizeof msg, "zoom blocked: %.200s", vp);
        sa_evidence_add(&st->bad, p->url, "head > meta[name=viewport]", msg);
    } else {
        st->ok++;
        sa__evidence_keep(&st->good, 3, p->url, "head > meta[name=viewport]", vp);
    }
}

static void finish(void *vs, const struct sa_site *site, struct sa_verdict *out)
{
    struct state *st = vs;
    size_t n = st->pages;
    if (n == 0) {
        sa_verdict_set(out, SA_STATUS_NOT_APPLICABLE, 0, "No page was audited.");
        sa_evidence_add(&out->evidence, site->start_url, "site", "no HTML page");
    } else if (st->ok == n) {
        sa_verdict_set(out, SA_STATUS_PASS, 1,
                       "All %zu pages declare a mobile viewport and allow zooming.", n);
    } else if (st->ok + st->zoom_blocked > 0) {
        /* a blocked zoom still renders for phones: half credit */
        double score = ((double)st->ok + 0.5 * (double)st->zoom_blocked) / (double)n;
        sa_verdict_set(out, SA_STATUS_PARTIAL, score > 0.95 ? 0.95 : score,
                       "%zu of %zu pages lack a proper mobile viewport or block zooming.",
                       n - st->ok, n);
    } else {
        sa_verdict_set(out, SA_STATUS_FAIL, 0, "None of the %zu pages declares a mobile viewport.",
                       n);
    }
    if (out->status == SA_STATUS_PASS || out->status == SA_STATUS_NOT_APPLICABLE)
        sa_verdict_recommend(out, "%s", "");
    else
        sa_verdict_recommend(out, "Add <meta name=\"viewport\" content=\"width=device-width, "
                                  "initial-scale=1\"> to every page and do not block zooming: "
                                  "mobile visitors are the first to leave a shop that is hard "
                                  "to read or order from.");
    sa_evidence_move(&out->evidence, &st->bad);
    sa_evidence_move(&out->evidence, &st->good);
}

const struct sa_check sa_check_mobile_viewport = {
    .id = "mobile_viewport",
    .title = "Mobile viewport",
    .category = "basics",
    /* Mobile visitors are the ones guest checkout is "vital" for (RETENTION_CRITERIA.md). */
    .weight = 0.30,
    .state_size = sizeof(struct state),
    .observe = observe,
    .finish = finish,
};
