/* Allocation torture (issue #8), after curl's torture tests: a whole audit of a small static
 * shop, run once per allocation it makes, with allocation N failing. Only N fails, as in curl:
 * when every later one failed too, libxml2 2.9.14's HTML parser raised "out of memory" in an
 * endless loop (a hang in the library, found here). Each run must end in a report or a clean
 * error with a reason, never a crash; the sanitizer build
 * adds "never a leak" (LeakSanitizer checks at exit). libxml2, cJSON, PCRE2 and libcurl
 * allocate through the same counter (src/alloc.c), so their failures are covered too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "shopaudit/shopaudit.h"
#include "test.h"

static unsigned long last_count; /* allocations the last audit_once made */
static unsigned long new_count;  /* of which sa_audit_new */

/* One audit of dir; returns the library's code and counts how it ended. With in_run, the
 * count starts after sa_audit_new, so fail_at N fails the N-th allocation of the crawl. */
static int audit_once(const char *dir, unsigned long fail_at, int in_run, size_t *pages)
{
    struct sa_options o;
    sa_options_init(&o);
    o.concurrency = 1;
    o.jobs = 1; /* no page threads: failure N must be the same allocation each run */
    char err[512] = "";
    struct sa_audit *a = NULL;
    sa__alloc_fail_only(in_run ? 0 : fail_at);
    int rc = sa_audit_new(&o, &a, err, sizeof err);
    if (rc != SA_OK) {
        last_count = sa__alloc_count();
        sa__alloc_fail_at(0);
        EXPECT(a == NULL);
        EXPECT(err[0] != '\0'); /* a reason, whatever failed */
        if (!err[0])
            fprintf(stderr, "fail_at %lu: sa_audit_new %s without a reason\n", fail_at,
                    sa_err_name(rc));
        return rc;
    }
    if (in_run) sa__alloc_fail_only(fail_at);
    new_count = in_run ? new_count : sa__alloc_count();
    rc = sa_audit_run(a, dir);
    const struct sa_report *r = sa_audit_report(a);
    if (rc == SA_OK) {
        EXPECT(r != NULL);
        char *json = r ? sa_report_json(r) : NULL; /* may fail too: then NULL, no leak */
        if (json) {
            EXPECT(json[0] == '{');
            free(json); /* cJSON's allocation; lint:allow */
        }
        *pages = r ? r->pages_crawled : 0;
    } else {
        EXPECT(r == NULL);
        EXPECT(sa_audit_error(a)[0] != '\0');
        if (!sa_audit_error(a)[0])
            fprintf(stderr, "fail_at %lu: %s without a reason\n", fail_at, sa_err_name(rc));
    }
    sa_audit_free(a);
    last_count = sa__alloc_count();
    sa__alloc_fail_at(0);
    return rc;
}

/* Tries fail_at = first, first + step, ... up to last; counts the runs by outcome. */
static void torture(const char *dir, int in_run, unsigned long last, unsigned long step,
                    unsigned long *ok, unsigned long *failed)
{
    size_t pages = 0;
    for (unsigned long n = 1; n <= last; n += step) {
        int rc = audit_once(dir, n, in_run, &pages);
        if (rc == SA_OK) {
            (*ok)++;
            continue;
        }
        (*failed)++;
        /* out of memory, or a fetch or parse the failure broke: never a bad-input verdict */
        int clean = rc == SA_ENOMEM || rc == SA_EFETCH || rc == SA_EPARSE || rc == SA_ENOTHTML;
        EXPECT(clean);
        if (!clean)
            fprintf(stderr, "fail_at %lu (%s): %s\n", n, in_run ? "run" : "new", sa_err_name(rc));
    }
}

TEST(torture_folder_audit_every_failing_allocation_ends_cleanly)
{
    char dir[4096];
    const char *root = getenv("SA_SOURCE_DIR");
    snprintf(dir, sizeof dir, "%s/fixtures/sites/minimal", root ? root : ".");
    size_t pages = 0;
    /* Two clean runs: the first does libcurl's and libxml2's one-time set-up, the second
     * counts what one audit allocates. */
    EXPECT_EQ(audit_once(dir, 0, 0, &pages), SA_OK);
    EXPECT(pages >= 3);
    EXPECT_EQ(audit_once(dir, 0, 0, &pages), SA_OK);
    unsigned long in_new = new_count, in_run = last_count - new_count;
    /* Every allocation of the crawl, page model, checks and report is failed in turn: that is
     * the code facing hostile input. sa_audit_new is mostly the lexicon, which test_lexicon
     * already fails allocation by allocation, so it gets every 97th here: a prime step, so
     * the points fall at different offsets of its repeated per-concept work.
     * SA_TORTURE_STEP=k thins the crawl part too (a quick local run). */
    const char *env = getenv("SA_TORTURE_STEP");
    unsigned long step = env ? strtoul(env, NULL, 10) : 1;
    unsigned long ok = 0, failed = 0;
    torture(dir, 1, in_run + 5, step ? step : 1, &ok, &failed);
    unsigned long run_ok = ok, run_failed = failed;
    torture(dir, 0, in_new, 97, &ok, &failed);
    printf("torture: %lu allocations in sa_audit_new (every 97th failed), %lu in the audit (each "
           "failed in turn): %lu runs ended in a report, %lu in a clean error\n",
           in_new, in_run, ok, failed);
    EXPECT(in_run > 100);
    EXPECT(run_failed > 0);
    EXPECT(run_ok > 0); /* past the last allocation the audit completes */
}

TEST_MAIN()
