/* Scoring. A category's score is the weighted mean of its applicable checks (weights are each
 * check's share of its category, set in the check files); the site score is the weighted mean
 * of the applicable categories, times 100. Not-applicable checks and categories drop out of
 * both means rather than counting as passes or failures. */
#include "score.h"

#include <string.h>

/* Category weights follow the funnel of RETENTION_CRITERIA.md and its survey figures: most
 * buyers are lost between guest and buyer (delivery speed 54%, free delivery 49%, pickup 45%,
 * ease of ordering 24% of shoppers choose a competitor over them), so buying weighs most;
 * trust comes first on a first visit; returning and loyal customers are where the profit is
 * (a 5% retention gain raises profit 25-95%); promotions (honesty) and basics matter but are
 * narrower. The weights sum to 1. */
const struct sa_category_def sa__categories[] = {
    {"trust", "First visit: trust", 0.20},
    {"buying", "Guest to buyer", 0.30},
    {"promotions", "Honest promotions", 0.10},
    {"return", "One-time to returning buyer", 0.15},
    {"loyalty", "Returning to loyal", 0.15},
    {"basics", "Site basics", 0.10},
    {NULL, NULL, 0},
};

int sa__category_index(const char *id)
{
    for (int i = 0; sa__categories[i].id; i++)
        if (strcmp(sa__categories[i].id, id) == 0) return i;
    return -1;
}

void sa__score(struct sa_report *r)
{
    double site_sum = 0, site_w = 0;
    for (size_t c = 0; c < r->ncategories; c++) {
        struct sa_category_result *cat = &r->categories[c];
        double sum = 0, w = 0;
        for (size_t i = cat->first; i < cat->first + cat->n; i++) {
            const struct sa_check_result *cr = &r->checks[i];
            if (cr->verdict.status == SA_STATUS_NOT_APPLICABLE) continue;
            sum += cr->check->weight * cr->verdict.score;
            w += cr->check->weight;
        }
        cat->applicable = w > 0;
        cat->score = w > 0 ? sum / w : 0;
        int k = sa__category_index(cat->id);
        if (cat->applicable && k >= 0) {
            site_sum += sa__categories[k].weight * cat->score;
            site_w += sa__categories[k].weight;
        }
    }
    r->score = site_w > 0 ? 100.0 * site_sum / site_w : 0;
}
