/* The JUnit XML report, for CI test dashboards: one testsuite per category, one testcase per
 * check (classname shopaudit.<category>, name the check id). fail is a <failure> carrying the
 * summary, the recommendation and the evidence; partial is a failure, a skip or a pass as the
 * caller chooses; not_applicable is <skipped>. The layout follows the Jenkins JUnit schema
 * (attributes and child order), which GitHub and GitLab readers accept. */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "atomic.h"
#include "buf.h"
#include "shopaudit/report.h"
#include "utf8.h"

/* A report of 20 checks x 25 evidence items x 480 bytes stays far below this. */
#define JUNIT_MAX ((size_t)64 << 20)

/* Escapes s for text and attributes alike; XML 1.0 forbids most C0 controls even escaped, so
 * they become spaces. */
static int esc(struct sa_buf *b, const char *s)
{
    if (!s) return SA_OK;
    size_t n;
    char *u = sa__utf8_sanitize(s, strlen(s), &n);
    if (!u) return SA_ENOMEM;
    int rc = SA_OK;
    for (size_t i = 0; i < n && rc == SA_OK; i++) {
        unsigned char c = (unsigned char)u[i];
        const char *rep = c == '&'                ? "&amp;"
                          : c == '<'              ? "&lt;"
                          : c == '>'              ? "&gt;"
                          : c == '"'              ? "&quot;"
                          : c == '\''             ? "&apos;"
                          : c == '\n'             ? "&#10;"
                          : c < 0x20 && c != '\t' ? " "
                                                  : NULL;
        rc = rep ? sa__buf_puts(b, rep) : sa__buf_append(b, &u[i], 1);
    }
    sa__free(u);
    return rc;
}

static int is_failure(enum sa_status st, enum sa_junit_partial partial)
{
    return st == SA_STATUS_FAIL || (st == SA_STATUS_PARTIAL && partial == SA_JUNIT_PARTIAL_FAILURE);
}

static int is_skipped(enum sa_status st, enum sa_junit_partial partial)
{
    return st == SA_STATUS_NOT_APPLICABLE ||
           (st == SA_STATUS_PARTIAL && partial == SA_JUNIT_PARTIAL_SKIPPED);
}

static int testcase(struct sa_buf *b, const struct sa_check_result *cr,
                    enum sa_junit_partial partial)
{
    const struct sa_verdict *v = &cr->verdict;
    int rc = sa__buf_puts(b, "    <testcase classname=\"shopaudit.");
    if (rc == SA_OK) rc = esc(b, cr->check->category);
    if (rc == SA_OK) rc = sa__buf_puts(b, "\" name=\"");
    if (rc == SA_OK) rc = esc(b, cr->check->id);
    if (rc == SA_OK) rc = sa__buf_printf(b, "\" status=\"%s\">\n", sa_status_name(v->status));
    if (rc != SA_OK) return rc;
    if (is_skipped(v->status, partial)) {
        rc = sa__buf_puts(b, "      <skipped>");
        if (rc == SA_OK) rc = esc(b, v->summary);
        if (rc == SA_OK) rc = sa__buf_puts(b, "</skipped>\n");
    } else if (is_failure(v->status, partial)) {
        rc = sa__buf_printf(b, "      <failure type=\"%s\" message=\"", sa_status_name(v->status));
        if (rc == SA_OK) rc = esc(b, v->summary);
        if (rc == SA_OK) rc = sa__buf_puts(b, "\">");
        if (rc == SA_OK) rc = esc(b, v->recommendation);
        for (size_t i = 0; rc == SA_OK && i < v->evidence.n; i++) {
            const struct sa_evidence *e = &v->evidence.items[i];
            rc = sa__buf_puts(b, "\n");
            if (rc == SA_OK) rc = esc(b, e->url);
            if (rc == SA_OK) rc = sa__buf_puts(b, " | ");
            if (rc == SA_OK) rc = esc(b, e->where);
            if (rc == SA_OK) rc = sa__buf_puts(b, " | ");
            if (rc == SA_OK) rc = esc(b, e->snippet);
        }
        if (rc == SA_OK) rc = sa__buf_puts(b, "</failure>\n");
    } else {
        rc = sa__buf_puts(b, "      <system-out>");
        if (rc == SA_OK) rc = esc(b, v->summary);
        if (rc == SA_OK) rc = sa__buf_puts(b, "</system-out>\n");
    }
    if (rc == SA_OK) rc = sa__buf_puts(b, "    </testcase>\n");
    return rc;
}

static int build(struct sa_buf *b, const struct sa_report *r, enum sa_junit_partial partial)
{
    size_t failures = 0;
    for (size_t i = 0; i < r->nchecks; i++)
        failures += is_failure(r->checks[i].verdict.status, partial);
    int rc = sa__buf_printf(b,
                            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                            "<testsuites name=\"shopaudit\" tests=\"%zu\" failures=\"%zu\" "
                            "errors=\"0\">\n",
                            r->nchecks, failures);
    for (size_t c = 0; rc == SA_OK && c < r->ncategories; c++) {
        const struct sa_category_result *cat = &r->categories[c];
        size_t f = 0, s = 0;
        for (size_t i = cat->first; i < cat->first + cat->n; i++) {
            f += is_failure(r->checks[i].verdict.status, partial);
            s += is_skipped(r->checks[i].verdict.status, partial);
        }
        rc = sa__buf_puts(b, "  <testsuite name=\"");
        if (rc == SA_OK) rc = esc(b, cat->id);
        if (rc == SA_OK)
            rc = sa__buf_printf(b,
                                "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\" "
                                "timestamp=\"",
                                cat->n, f, s);
        if (rc == SA_OK) rc = esc(b, r->started_at);
        if (rc == SA_OK) rc = sa__buf_puts(b, "\">\n");
        for (size_t i = cat->first; rc == SA_OK && i < cat->first + cat->n; i++)
            rc = testcase(b, &r->checks[i], partial);
        if (rc == SA_OK) rc = sa__buf_puts(b, "  </testsuite>\n");
    }
    if (rc == SA_OK) rc = sa__buf_puts(b, "</testsuites>\n");
    return rc;
}

int sa_report_write_junit(const struct sa_report *r, const char *path,
                          enum sa_junit_partial partial, char *err, size_t errlen)
{
    struct sa_buf b;
    sa__buf_init(&b, JUNIT_MAX);
    int rc = build(&b, r, partial);
    if (rc != SA_OK) {
        sa__buf_release(&b);
        snprintf(err, errlen, "%s while building the JUnit report",
                 rc == SA_ETOOBIG ? "size limit reached" : "out of memory");
        return rc;
    }
    rc = sa__write_atomic(path, b.ptr, b.len, err, errlen);
    sa__buf_release(&b);
    return rc;
}
