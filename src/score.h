/* Scoring: check scores (0..1) -> category scores -> one site score 0..100. */
#ifndef SA_SCORE_H
#define SA_SCORE_H

#include "shopaudit/report.h"

/* The funnel stages in report order; NULL-terminated by id. */
struct sa_category_def {
    const char *id;
    const char *title;
    double weight; /* share of the site score; why, at the definition */
};
extern const struct sa_category_def sa__categories[];

/* Index of a category id in sa__categories, or -1. */
int sa__category_index(const char *id);

/* Fills r->categories[].score/applicable and r->score from the verdicts. Categories must
 * already be laid out (first, n). */
void sa__score(struct sa_report *r);

#endif
