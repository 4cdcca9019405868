/* Gating a release in CI: --fail-on rules that say how bad a check may get, and the comparison
 * of a report with a baseline (a previous report) that lists regressions and improvements.
 * Both are library functions so that a config file loader can build the same gate the
 * command line does. Nothing here prints except the *_write_text functions, to a FILE given. */
#ifndef SHOPAUDIT_GATE_H
#define SHOPAUDIT_GATE_H

#include <stdio.h>

#include "shopaudit/check.h"
#include "shopaudit/report.h"

/* One --fail-on rule. target is "*", a check id or a category id; worst is the worst status
 * tolerated: SA_STATUS_PASS (the default, "ID" alone: the check must pass) or
 * SA_STATUS_PARTIAL ("ID=partial": partial is tolerated, fail is not). not_applicable never
 * breaks a rule: there was nothing to judge. */
struct sa_gate_rule {
    char *target; /* owned */
    enum sa_status worst;
};

struct sa_gate {
    struct sa_gate_rule *rules; /* owned */
    size_t n, cap;
    /* Checks beyond the built-in ones a rule may name (rule-file checks, NULL-terminated);
     * borrowed, NULL: none. Set before sa_gate_parse_rule. */
    const struct sa_check *const *extra;
};

/* A rule broken by one check of a report. Pointers are borrowed from the gate and the report. */
struct sa_gate_breach {
    const struct sa_gate_rule *rule;
    const struct sa_check_result *check;
};

void sa_gate_init(struct sa_gate *g);
void sa_gate_release(struct sa_gate *g);

/* Adds the rules of spec: "ID[=STATUS]" items separated by commas, ID a check id, a category
 * id or "*", STATUS "pass" or "partial". Returns SA_OK, SA_EINVAL (reason in err, naming the
 * bad item) or SA_ENOMEM. On error no rule of spec is kept. */
int sa_gate_parse_rule(struct sa_gate *g, const char *spec, char *err, size_t errlen);

/* The rules r breaks, one breach per (rule, check), in rule then report order. *out is the
 * caller's (sa_gate_breaches_free), NULL when nothing is broken. Returns SA_OK or SA_ENOMEM. */
int sa_gate_eval(const struct sa_gate *g, const struct sa_report *r, struct sa_gate_breach **out,
                 size_t *nout);
void sa_gate_breaches_free(struct sa_gate_breach *b);

/* ---- baselines ---- */

enum sa_change_kind {
    SA_CHANGE_SAME,
    SA_CHANGE_REGRESSION,
    SA_CHANGE_IMPROVEMENT,
    SA_CHANGE_ADDED,
    SA_CHANGE_REMOVED
};
const char *sa_change_name(enum sa_change_kind k);

/* A check whose verdict changed. Strings are owned by the comparison. */
struct sa_change {
    char *id;
    enum sa_change_kind kind;
    enum sa_status before, after;     /* SA_STATUS_LAST when absent on that side */
    double score_before, score_after; /* 0..1; -1 when not applicable or absent */
};

struct sa_comparison {
    char *baseline;            /* the path given, owned */
    char *baseline_started_at; /* owned, "" when the baseline has none */
    double score_before, score_after;
    struct sa_change *changes; /* only checks that changed, in report order then removed ones */
    size_t n;
    size_t regressions, improvements;
};

/* A previous JSON report (schema_version 1, written by shopaudit), kept as parsed. */
struct sa_baseline;

/* Reads and validates path. Returns SA_OK, SA_EIO (unreadable), SA_EPARSE (not JSON, or not a
 * shopaudit report of schema_version 1: the reason names path and what is wrong) or SA_ENOMEM.
 * *out is the caller's: sa_baseline_free. */
int sa_baseline_load(const char *path, struct sa_baseline **out, char *err, size_t errlen);
void sa_baseline_free(struct sa_baseline *b);

/* Compares r with b. A regression is a check whose status got worse (pass and not_applicable
 * rank best, then partial, then fail), or whose score fell by SA_COMPARE_EPSILON or more at the
 * same status; an improvement is the reverse. out is the caller's: sa_comparison_release.
 * Returns SA_OK or SA_ENOMEM. */
#define SA_COMPARE_EPSILON 0.05
int sa_compare(const struct sa_baseline *b, const struct sa_report *r, struct sa_comparison *out);
void sa_comparison_release(struct sa_comparison *c);

/* A few lines on the comparison for the text summary. */
int sa_comparison_write_text(const struct sa_comparison *c, FILE *f);

#endif
