/* The short text summary (the CLI prints it): the score, the categories, then what needs work,
 * worst first by lost weight. The full evidence lives in the JSON and HTML reports. */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "score.h"
#include "shopaudit/report.h"

static double lost(const struct sa_report *r, const struct sa_check_result *cr)
{
    (void)r;
    return cr->check->weight * (1.0 - cr->verdict.score);
}

int sa_report_write_text(const struct sa_report *r, FILE *f)
{
    fprintf(f, "shopaudit %s: %s\n", SA_VERSION, r->start_url);
    fprintf(f, "Score: %.0f/100  (%zu pages in %.1f s", r->score, r->pages_crawled,
            (double)r->duration_ms / 1000.0);
    for (size_t i = 0; i < r->nlanguages; i++)
        fprintf(f, "%s%s", i ? ", " : "; languages: ", r->languages[i]);
    fprintf(f, ")\n");
    /* #11: say when the checks saw pages as a browser shows them, or could not */
    const struct sa_render_report *rr = &r->render;
    if (rr->pages_rendered)
        fprintf(f, "JavaScript: %zu page%s rendered with Chromium in %.1f s: %s\n",
                rr->pages_rendered, rr->pages_rendered == 1 ? "" : "s",
                (double)rr->render_ms / 1000.0, rr->reason ? rr->reason : "");
    else if (rr->decision && strcmp(rr->decision, "unavailable") == 0)
        fprintf(f, "JavaScript: not rendered: %s\n", rr->reason ? rr->reason : "");
    fputc('\n', f);
    for (size_t c = 0; c < r->ncategories; c++) {
        const struct sa_category_result *cr = &r->categories[c];
        if (cr->applicable) {
            int bars = (int)(cr->score * 20.0 + 0.5);
            fprintf(f, "  %-28s %3.0f  ", cr->title, cr->score * 100.0);
            for (int b = 0; b < 20; b++) fputs(b < bars ? "#" : ".", f);
            fputc('\n', f);
        } else {
            fprintf(f, "  %-28s   -  (not applicable)\n", cr->title);
        }
    }
    /* Worst first: weight x lost score, as a consultant would order the work. */
    size_t n = 0;
    const struct sa_check_result **todo = sa__calloc(r->nchecks + 1, sizeof *todo);
    if (!todo) return -1;
    for (size_t i = 0; i < r->nchecks; i++) {
        const struct sa_check_result *cr = &r->checks[i];
        if (cr->verdict.status == SA_STATUS_FAIL || cr->verdict.status == SA_STATUS_PARTIAL)
            todo[n++] = cr;
    }
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && lost(r, todo[j]) > lost(r, todo[j - 1]); j--) {
            const struct sa_check_result *t = todo[j];
            todo[j] = todo[j - 1];
            todo[j - 1] = t;
        }
    if (n) fprintf(f, "\nWhat to fix first:\n");
    for (size_t i = 0; i < n; i++) {
        const struct sa_check_result *cr = todo[i];
        fprintf(f, "  %-7s %-18s %s\n", cr->verdict.status == SA_STATUS_FAIL ? "FAIL" : "PARTIAL",
                cr->check->id, cr->verdict.summary ? cr->verdict.summary : "");
    }
    sa__free(todo);
    size_t passed = 0;
    for (size_t i = 0; i < r->nchecks; i++) passed += r->checks[i].verdict.status == SA_STATUS_PASS;
    fprintf(f, "\n%zu of %zu checks pass", passed, r->nchecks);
    if (r->limits_hit) {
        fprintf(f, "; limits hit:");
        for (int l = 0; l < SA_LIMIT_LAST; l++)
            if (r->limits_hit & (1u << l)) fprintf(f, " %s", sa_limit_name(l));
    }
    if (r->nerrors) fprintf(f, "; %zu fetch error%s", r->nerrors, r->nerrors == 1 ? "" : "s");
    fprintf(f, ".\n");
    return ferror(f) ? -1 : 0;
}
