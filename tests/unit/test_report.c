/* Verdicts, evidence, scoring and the JSON writer, without a crawl: exact numbers, valid UTF-8
 * out of invalid input, the evidence cap, atomic writes. */
#include "test.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <unistd.h>

#include "alloc.h"
#include "score.h"
#include "shopaudit/report.h"
#include "utf8.h"

static const struct sa_check ck_a = {.id = "a", .title = "A", .category = "buying", .weight = 0.2};
static const struct sa_check ck_b = {.id = "b", .title = "B", .category = "buying", .weight = 0.6};
static const struct sa_check ck_c = {.id = "c", .title = "C", .category = "basics", .weight = 1};
static const struct sa_check ck_d = {.id = "d", .title = "D", .category = "trust", .weight = 1};

static void layout(struct sa_report *r, struct sa_check_result *cr, struct sa_category_result *cat)
{
    memset(r, 0, sizeof *r);
    r->checks = cr;
    r->nchecks = 4;
    r->categories = cat;
    r->ncategories = 3;
    cat[0] = (struct sa_category_result){.id = "trust", .title = "T", .first = 0, .n = 1};
    cat[1] = (struct sa_category_result){.id = "buying", .title = "B", .first = 1, .n = 2};
    cat[2] = (struct sa_category_result){.id = "basics", .title = "S", .first = 3, .n = 1};
}

TEST(score_weighted_means_skip_not_applicable)
{
    struct sa_check_result cr[4] = {{&ck_d, {0}}, {&ck_a, {0}}, {&ck_b, {0}}, {&ck_c, {0}}};
    sa_verdict_set(&cr[0].verdict, SA_STATUS_NOT_APPLICABLE, 0, "na");
    sa_verdict_set(&cr[1].verdict, SA_STATUS_PASS, 1, "p");
    sa_verdict_set(&cr[2].verdict, SA_STATUS_PARTIAL, 0.5, "half");
    sa_verdict_set(&cr[3].verdict, SA_STATUS_FAIL, 0.7, "f");
    struct sa_category_result cat[3];
    struct sa_report r;
    layout(&r, cr, cat);
    sa__score(&r);
    EXPECT_EQ(cat[0].applicable, 0);
    EXPECT_NEAR(cat[1].score, (0.2 * 1 + 0.6 * 0.5) / 0.8, 1e-9); /* 0.625 */
    EXPECT_NEAR(cat[2].score, 0.0, 1e-9);                         /* fail forces 0 */
    /* buying 0.30, basics 0.10: (0.3 * 0.625 + 0.1 * 0) / 0.4 */
    EXPECT_NEAR(r.score, 100.0 * 0.3 * 0.625 / 0.4, 1e-9);
    for (int i = 0; i < 4; i++) sa_verdict_release(&cr[i].verdict);
}

TEST(evidence_cap_counts_total_and_repairs_utf8)
{
    struct sa_evidence_list l = {0};
    for (int i = 0; i < SA_EVIDENCE_MAX + 10; i++)
        EXPECT_EQ(sa_evidence_add(&l, "http://a/", "main", "x"), SA_OK);
    EXPECT_EQ(l.n, SA_EVIDENCE_MAX);
    EXPECT_EQ(l.total, SA_EVIDENCE_MAX + 10);
    sa_evidence_release(&l);
    EXPECT_EQ(sa_evidence_add(&l, "http://a/\xff", "main", "bad \xc3\x28 bytes\n\n  here"), SA_OK);
    EXPECT_STREQ(l.items[0].snippet, "bad \xef\xbf\xbd( bytes here");
    EXPECT_STREQ(l.items[0].url, "http://a/\xef\xbf\xbd");
    sa_evidence_release(&l);
}

TEST(evidence_hit_snippet_keeps_context_within_line)
{
    struct sa_evidence_list l = {0};
    const char *text = "first line\nFree delivery on orders over 50 EUR\nlast line";
    size_t off = (size_t)(strstr(text, "delivery") - text);
    EXPECT_EQ(sa_evidence_add_hit(&l, "u", "w", text, strlen(text), off, 8), SA_OK);
    EXPECT_STREQ(l.items[0].snippet, "Free delivery on orders over 50 EUR");
    sa_evidence_release(&l);
}

TEST(evidence_snippet_trimmed_on_character_boundary)
{
    struct sa_evidence_list l = {0};
    char big[2 * SA_SNIPPET_MAX + 64] = "";
    for (int i = 0; i < SA_SNIPPET_MAX / 2 + 20; i++) strcat(big, "\xd0\xb4"); /* "д", 2 bytes */
    ASSERT(strlen(big) > SA_SNIPPET_MAX);
    EXPECT_EQ(sa_evidence_add(&l, "u", "w", big), SA_OK);
    EXPECT_EQ(strlen(l.items[0].snippet), SA_SNIPPET_MAX);
    EXPECT(sa__utf8_valid(l.items[0].snippet, strlen(l.items[0].snippet)));
    EXPECT_EQ(strlen(l.items[0].snippet) % 2, 0);
    sa_evidence_release(&l);
}

static struct sa_report *sample(struct sa_check_result *cr, struct sa_category_result *cat)
{
    static struct sa_report r;
    layout(&r, cr, cat);
    static struct sa_page_record pages[1];
    pages[0] = (struct sa_page_record){.url = "http://a/\xfe",
                                       .status = 200,
                                       .kind = SA_KIND_HOME,
                                       .html = 1,
                                       .lang = "en",
                                       .title = "T\xc3",
                                       .bytes = 10};
    static struct sa_error_record errors[1] = {{"http://a/x", "HTTP 404"}};
    static char *langs[] = {"en"};
    r.start_url = "http://a/";
    snprintf(r.started_at, sizeof r.started_at, "2026-11-30T00:00:00Z");
    r.pages = pages;
    r.npages = 1;
    r.errors = errors;
    r.nerrors = 1;
    r.languages = langs;
    r.nlanguages = 1;
    r.limits_hit = 1u << SA_LIMIT_INTERRUPTED;
    return &r;
}

TEST(report_json_schema_fields_and_valid_utf8)
{
    struct sa_check_result cr[4] = {{&ck_d, {0}}, {&ck_a, {0}}, {&ck_b, {0}}, {&ck_c, {0}}};
    for (int i = 0; i < 4; i++) sa_verdict_set(&cr[i].verdict, SA_STATUS_PARTIAL, 1.0 / 3, "s");
    sa_evidence_add(&cr[1].verdict.evidence, "http://a/", "header > a.cart", "Cart (0)");
    struct sa_category_result cat[3];
    struct sa_report *r = sample(cr, cat);
    sa__score(r);
    char *s = sa_report_json(r);
    ASSERT(s);
    EXPECT(sa__utf8_valid(s, strlen(s)));
    cJSON *j = cJSON_Parse(s);
    ASSERT(j);
    EXPECT_EQ(cJSON_GetObjectItem(j, "schema_version")->valueint, 1);
    EXPECT_STREQ(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "tool"), "version")->valuestring,
                 SA_VERSION);
    cJSON *site = cJSON_GetObjectItem(j, "site");
    EXPECT_STREQ(cJSON_GetArrayItem(cJSON_GetObjectItem(site, "limits_hit"), 0)->valuestring,
                 "interrupted");
    EXPECT_EQ(cJSON_GetObjectItem(j, "score")->valueint, 33);
    cJSON *c0 = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "checks"), 1);
    EXPECT_STREQ(cJSON_GetObjectItem(c0, "status")->valuestring, "partial");
    EXPECT_NEAR(cJSON_GetObjectItem(c0, "score")->valuedouble, 0.333, 1e-9);
    cJSON *ev = cJSON_GetArrayItem(cJSON_GetObjectItem(c0, "evidence"), 0);
    EXPECT_STREQ(cJSON_GetObjectItem(ev, "where")->valuestring, "header > a.cart");
    cJSON *p0 = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "pages"), 0);
    EXPECT_STREQ(cJSON_GetObjectItem(p0, "url")->valuestring, "http://a/\xef\xbf\xbd");
    EXPECT_STREQ(cJSON_GetObjectItem(p0, "kind")->valuestring, "home");
    cJSON *e0 = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "errors"), 0);
    EXPECT_STREQ(cJSON_GetObjectItem(e0, "error")->valuestring, "HTTP 404");
    cJSON_Delete(j);
    free(s);
    for (int i = 0; i < 4; i++) sa_verdict_release(&cr[i].verdict);
}

/* The pages and errors arrays are printed item by item into the frame (#9 memory): the result
 * must be exactly what cJSON_Print makes of the whole tree. Re-printing the parsed report is
 * that tree's layout, so any slip in the splice (an indent, a separator) shows as a
 * difference, as does a lost or reordered item. */
static void expect_canonical(const struct sa_report *r)
{
    char *s = sa_report_json(r);
    ASSERT(s);
    cJSON *j = cJSON_Parse(s);
    ASSERT(j);
    char *again = cJSON_Print(j);
    ASSERT(again);
    EXPECT_STREQ(s, again);
    cJSON *pages = cJSON_GetObjectItem(j, "pages"), *errors = cJSON_GetObjectItem(j, "errors");
    EXPECT_EQ((size_t)cJSON_GetArraySize(pages), r->npages);
    EXPECT_EQ((size_t)cJSON_GetArraySize(errors), r->nerrors);
    for (size_t i = 0; i < r->npages; i++) {
        cJSON *p = cJSON_GetArrayItem(pages, (int)i);
        EXPECT_EQ(cJSON_GetObjectItem(p, "status")->valueint, r->pages[i].status);
        EXPECT_EQ((size_t)cJSON_GetObjectItem(p, "bytes")->valuedouble, r->pages[i].bytes);
        EXPECT_EQ(cJSON_IsTrue(cJSON_GetObjectItem(p, "rendered")), r->pages[i].rendered);
    }
    for (size_t i = 0; i < r->nerrors; i++)
        EXPECT_STREQ(cJSON_GetObjectItem(cJSON_GetArrayItem(errors, (int)i), "url")->valuestring,
                     r->errors[i].url);
    free(again);
    cJSON_Delete(j);
    free(s);
}

TEST(report_json_streamed_same_bytes_as_one_tree)
{
    struct sa_check_result cr[4] = {{&ck_d, {0}}, {&ck_a, {0}}, {&ck_b, {0}}, {&ck_c, {0}}};
    for (int i = 0; i < 4; i++) sa_verdict_set(&cr[i].verdict, SA_STATUS_FAIL, 0, "s\n\"q\"");
    sa_evidence_add(&cr[0].verdict.evidence, "http://a/", "main", "line\nbreak\t\"tab\"");
    struct sa_category_result cat[3];
    struct sa_report *r = sample(cr, cat);
    sa__score(r);
    /* titles with what cJSON escapes or keeps raw: quotes, control bytes, UTF-8, a tab */
    struct sa_page_record pages[4] = {{.url = "http://a/",
                                       .status = 200,
                                       .kind = SA_KIND_HOME,
                                       .html = 1,
                                       .lang = "en",
                                       .title = "Tea \"shop\"\n\t\x01",
                                       .bytes = 123456789,
                                       .ms = 7,
                                       .depth = 0},
                                      {.url = "http://a/\xd0\xba",
                                       .status = 404,
                                       .kind = SA_KIND_OTHER,
                                       .lang = "",
                                       .title = "",
                                       .bytes = 0,
                                       .ms = 4000000,
                                       .depth = 3,
                                       .rendered = 1},
                                      {.url = "http://a/p?x=1&y=\\",
                                       .status = 301,
                                       .kind = SA_KIND_PRODUCT,
                                       .html = 1,
                                       .lang = "th",
                                       .title = "\xe0\xb8\x8a\xe0\xb8\xb2 }, {",
                                       .bytes = 4096,
                                       .depth = 2},
                                      {.url = "http://a/c",
                                       .status = 200,
                                       .kind = SA_KIND_CART,
                                       .html = 1,
                                       .lang = "ru",
                                       .title = "\n\t\t\"pages\":\t[]",
                                       .bytes = 1,
                                       .depth = 1}};
    struct sa_error_record errors[2] = {{"http://a/x", "HTTP 404"},
                                        {"http://a/\"y\"", "timeout\nafter 5 s"}};
    for (size_t np = 0; np <= 4; np += 2) {
        for (size_t ne = 0; ne <= 2; ne++) {
            r->pages = pages;
            r->npages = np;
            r->errors = errors;
            r->nerrors = ne;
            expect_canonical(r);
        }
    }
    r->npages = 1; /* a single item: no separator at all */
    r->nerrors = 1;
    expect_canonical(r);
    /* an allocation failing anywhere in the splice gives NULL, never a half report (and no
     * leak: the ASan run checks that) */
    r->npages = 4;
    r->nerrors = 2;
    char *whole = sa_report_json(r);
    ASSERT(whole);
    EXPECT_EQ(sa__alloc_route_libs(0), 0); /* cJSON's nodes count too */
    sa__alloc_fail_at(0);
    free(sa_report_json(r));
    unsigned long allocs = sa__alloc_count();
    EXPECT(allocs > 100);
    for (unsigned long n = 1; n <= allocs + 1; n++) {
        sa__alloc_fail_only(n);
        char *s = sa_report_json(r);
        sa__alloc_fail_at(0);
        if (n <= allocs) {
            EXPECT(s == NULL);
        } else {
            ASSERT(s);
            EXPECT_STREQ(s, whole);
        }
        free(s);
    }
    free(whole);
    for (int i = 0; i < 4; i++) sa_verdict_release(&cr[i].verdict);
}

TEST(report_write_atomic_leaves_no_temp_and_reports_unwritable)
{
    struct sa_check_result cr[4] = {{&ck_d, {0}}, {&ck_a, {0}}, {&ck_b, {0}}, {&ck_c, {0}}};
    for (int i = 0; i < 4; i++) sa_verdict_set(&cr[i].verdict, SA_STATUS_PASS, 1, "ok");
    struct sa_category_result cat[3];
    struct sa_report *r = sample(cr, cat);
    char dir[] = "/tmp/sa_report_XXXXXX";
    ASSERT(mkdtemp(dir));
    char path[128], err[256];
    snprintf(path, sizeof path, "%s/report.json", dir);
    EXPECT_EQ(sa_report_write_json(r, path, err, sizeof err), SA_OK);
    EXPECT_EQ(sa_report_write_json(r, path, err, sizeof err), SA_OK); /* replaces */
    DIR *d = opendir(dir);
    int files = 0;
    for (struct dirent *e; (e = readdir(d));) files += e->d_name[0] != '.';
    closedir(d);
    EXPECT_EQ(files, 1);
    unlink(path);
    rmdir(dir);
    EXPECT_EQ(sa_report_write_json(r, "/nonexistent-dir/report.json", err, sizeof err), SA_EIO);
    EXPECT_STREQ(err, "/nonexistent-dir/report.json: cannot write: No such file or directory");
    for (int i = 0; i < 4; i++) sa_verdict_release(&cr[i].verdict);
}

TEST(verdict_alloc_failure_reports_enomem)
{
    struct sa_verdict v = {0};
    sa__alloc_fail_at(1);
    EXPECT_EQ(sa_verdict_set(&v, SA_STATUS_PASS, 1, "x %d", 1), SA_ENOMEM);
    EXPECT_EQ(sa_evidence_add(&v.evidence, "u", "w", "s"), SA_ENOMEM);
    sa__alloc_fail_at(0);
    EXPECT(v.summary == NULL);
    EXPECT_EQ(v.evidence.n, 0);
    sa_verdict_release(&v);
}

TEST_MAIN()
