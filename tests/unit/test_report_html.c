/* The HTML report and its translations without a crawl: escaping and safe links on a report
 * built by hand, highlighted matches, the printf-signature rule every catalogue entry must keep,
 * and the translation gaps per language, found by extracting every msgid from the sources
 * (check titles, category titles, the T()/N_() labels of src/report_html.c, the formats passed
 * to sa_verdict_set and sa_verdict_recommend in the check files). */
#include "test.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <unistd.h>

#include "alloc.h"
#include "l10n.h"
#include "score.h"
#include "shopaudit/report.h"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1); /* lint:allow test */
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) n = 0;
    if (s) s[n] = '\0';
    fclose(f);
    return s;
}

/* msgids found so far (test-sized: a few hundred). */
static char *ids[1024];
static size_t nids;

static void add_id(const char *s, size_t n)
{
    int letters = 0;
    for (size_t i = 0; i + 1 < n; i++)
        if ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z' && (s[i + 1] | 32) >= 'a' &&
            (s[i + 1] | 32) <= 'z')
            letters = 1;
    if (!letters) return; /* "%s" and "" carry no words to translate */
    for (size_t i = 0; i < nids; i++)
        if (strlen(ids[i]) == n && memcmp(ids[i], s, n) == 0) return;
    if (nids < sizeof ids / sizeof *ids) ids[nids++] = strndup(s, n);
}

/* The adjacent string literals starting at p (after blanks), unescaped; NULL when p holds none.
 * Only the escapes the sources use: \" \\ \n. */
static size_t literals(const char *p, char *out, size_t cap)
{
    size_t o = 0;
    for (;;) {
        while (*p == ' ' || *p == '\n' || *p == '\t') p++;
        if (*p != '"') break;
        for (p++; *p && *p != '"'; p++) {
            char c = *p;
            if (c == '\\') c = *++p == 'n' ? '\n' : *p;
            if (o + 1 < cap) out[o++] = c;
        }
        if (*p) p++;
    }
    out[o] = '\0';
    return o;
}

static void extract(const char *path, const char *const *calls)
{
    char *src = slurp(path);
    if (!src) {
        T_FAIL("cannot read %s", path);
        return;
    }
    for (const char *const *c = calls; *c; c++)
        for (const char *p = strstr(src, *c); p; p = strstr(p + 1, *c)) {
            if (p > src && (p[-1] == '_' || ((p[-1] | 32) >= 'a' && (p[-1] | 32) <= 'z'))) continue;
            const char *q = p + strlen(*c);
            if (strncmp(*c, "sa_verdict_set(", 15) == 0) /* fmt is the 4th argument */
                for (int commas = 0, depth = 0; *q && commas < 3; q++) {
                    depth += *q == '(' ? 1 : *q == ')' ? -1 : 0;
                    commas += *q == ',' && depth == 0;
                }
            else if (strncmp(*c, "sa_verdict_recommend(", 21) == 0)
                q = strchr(q, ',') + 1;
            char buf[4096];
            size_t n = literals(q, buf, sizeof buf);
            if (n) add_id(buf, n);
        }
    free(src); /* lint:allow test */
}

static void collect_msgids(void)
{
    if (nids) return;
    for (size_t i = 0; sa_builtin_checks[i]; i++)
        add_id(sa_builtin_checks[i]->title, strlen(sa_builtin_checks[i]->title));
    for (size_t i = 0; sa__categories[i].id; i++)
        add_id(sa__categories[i].title, strlen(sa__categories[i].title));
    const char *root = getenv("SA_SOURCE_DIR") ? getenv("SA_SOURCE_DIR") : ".";
    char path[4096];
    static const char *const html_calls[] = {"T(", "N_(", NULL};
    snprintf(path, sizeof path, "%s/src/report_html.c", root);
    extract(path, html_calls);
    static const char *const check_calls[] = {"sa_verdict_set(", "sa_verdict_recommend(", "N_(",
                                              NULL};
    snprintf(path, sizeof path, "%s/checks", root);
    DIR *d = opendir(path);
    if (!d) {
        T_FAIL("cannot open %s", path);
        return;
    }
    for (struct dirent *e; (e = readdir(d));) {
        size_t n = strlen(e->d_name);
        if (n < 3 || strcmp(e->d_name + n - 2, ".c") != 0) continue;
        snprintf(path, sizeof path, "%s/checks/%s", root, e->d_name);
        extract(path, check_calls);
    }
    closedir(d);
}

TEST(l10n_signature_same_arguments_same_order)
{
    char sig[64];
    EXPECT_EQ(sa__fmt_signature("%zu of %zu pages (%.*s) 5%%", sig, sizeof sig), 0);
    EXPECT_STREQ(sig, "zu,zu,*,s");
    EXPECT(sa__fmt_compatible("%zu of %zu pages", "%zu из %zu страниц"));
    EXPECT(sa__fmt_compatible("%-8s %5.1f", "%s: %.2f"));      /* flags, width may differ */
    EXPECT(!sa__fmt_compatible("%s on %zu pages", "%zu: %s")); /* order matters */
    EXPECT(!sa__fmt_compatible("%zu", "%d"));                  /* so does the type */
    EXPECT(!sa__fmt_compatible("%zu%%", "%zu% ok"));           /* a lone % is a conversion */
    EXPECT_EQ(sa__fmt_signature("%2$s %1$s", sig, sizeof sig), -1);
    EXPECT_EQ(sa__fmt_signature("%n", sig, sizeof sig), -1);
    EXPECT_EQ(sa__fmt_signature("cut %", sig, sizeof sig), -1);
}

TEST(l10n_catalogues_keep_msgid_conversions)
{
    size_t langs = 0;
    for (const struct sa__locale_blob *b = sa__locale_blobs; b->name; b++, langs++) {
        cJSON *root = cJSON_Parse((const char *)b->data);
        cJSON *msgs = cJSON_GetObjectItemCaseSensitive(root, "messages");
        ASSERT(cJSON_IsObject(msgs));
        for (cJSON *it = msgs->child; it; it = it->next)
            if (!cJSON_IsString(it) || !sa__fmt_compatible(it->string, it->valuestring))
                T_FAIL("locale/%s.json: conversions differ from the msgid's: \"%s\" -> \"%s\"",
                       b->name, it->string, cJSON_IsString(it) ? it->valuestring : "(not text)");
        cJSON_Delete(root);
        struct sa_catalog *c = NULL;
        size_t dropped = 99;
        EXPECT_EQ(sa__catalog_new(b->name, &c, &dropped), SA_OK);
        EXPECT_EQ(dropped, 0);
        sa__catalog_free(c);
    }
    EXPECT_EQ(langs, 4); /* el, hy, ru, th; English is the msgids */
}

TEST(l10n_gaps_listed_and_zero_for_ru_th_el_hy)
{
    collect_msgids();
    EXPECT(nids > 150); /* titles, labels and every verdict text: the extractor found them */
    static const char *const langs[] = {"ru", "th", "el", "hy"};
    for (size_t l = 0; l < 4; l++) {
        struct sa_catalog *c = NULL;
        ASSERT(sa__catalog_new(langs[l], &c, NULL) == SA_OK);
        size_t gaps = 0;
        for (size_t i = 0; i < nids; i++)
            if (!sa__catalog_get(c, ids[i])) {
                fprintf(stderr, "gap %s: \"%s\"\n", langs[l], ids[i]);
                gaps++;
            }
        fprintf(stderr, "locale/%s.json: %zu of %zu msgids translated, %zu gaps\n", langs[l],
                nids - gaps, nids, gaps);
        EXPECT_EQ(gaps, 0);
        sa__catalog_free(c);
    }
}

TEST(l10n_verdict_formats_english_and_translation)
{
    struct sa_catalog *ru = NULL;
    ASSERT(sa__catalog_new("ru", &ru, NULL) == SA_OK);
    const char *fmt = "The cart is in the header of %zu of %zu pages.";
    const char *tr = sa__catalog_get(ru, fmt);
    ASSERT(tr != NULL);
    struct sa_verdict v = {0};
    v.l10n = ru;
    EXPECT_EQ(sa_verdict_set(&v, SA_STATUS_PASS, 1, fmt, (size_t)9, (size_t)10), SA_OK);
    EXPECT_STREQ(v.summary, "The cart is in the header of 9 of 10 pages.");
    char want[512];
    snprintf(want, sizeof want, tr, (size_t)9, (size_t)10);
    EXPECT_STREQ(v.summary_l10n, want);
    EXPECT(strstr(v.summary_l10n, "9") && strstr(v.summary_l10n, "10"));
    /* a format no catalogue knows stays English only */
    EXPECT_EQ(sa_verdict_recommend(&v, "Nobody translated %d.", 7), SA_OK);
    EXPECT_STREQ(v.recommendation, "Nobody translated 7.");
    EXPECT(v.recommendation_l10n == NULL);
    sa_verdict_release(&v);
    sa__catalog_free(ru);
}

static const struct sa_check ck_x = {
    .id = "cart_visible", .title = "Cart visible on every page", .category = "buying", .weight = 1};

/* A one-check report whose evidence and page carry hostile text. */
static void hostile(struct sa_report *r, struct sa_check_result *cr, struct sa_category_result *cat,
                    struct sa_page_record *pg)
{
    memset(r, 0, sizeof *r);
    memset(cr, 0, sizeof *cr);
    cr->check = &ck_x;
    sa_verdict_set(&cr->verdict, SA_STATUS_PARTIAL, 0.5,
                   "The cart is in the header of %zu of %zu pages (%s).", (size_t)1, (size_t)2,
                   "<b>x</b>");
    sa_verdict_recommend(&cr->verdict, "Put \"it\" <here> & 'there'.");
    const char *text = "Buy now <script>alert(1)</script> Add to cart <img src=x onerror=y> end";
    size_t off = (size_t)(strstr(text, "Add to cart") - text);
    sa_evidence_add_hit(&cr->verdict.evidence, "javascript:alert(1)", "header > a", text,
                        strlen(text), off, 11);
    sa_evidence_add(&cr->verdict.evidence, "https://shop.test/a?b=\"><script>", "main", "ok");
    *cat = (struct sa_category_result){.id = "buying",
                                       .title = "Guest to buyer",
                                       .first = 0,
                                       .n = 1,
                                       .applicable = 1,
                                       .score = 0.5};
    *pg = (struct sa_page_record){.url = "data:text/html,<script>alert(2)</script>",
                                  .status = 200,
                                  .html = 1,
                                  .title = "</title><script>alert(3)</script>"};
    r->start_url = "https://shop.test/";
    r->checks = cr;
    r->nchecks = 1;
    r->categories = cat;
    r->ncategories = 1;
    r->pages = pg;
    r->npages = 1;
    r->score = 50;
    snprintf(r->lang, sizeof r->lang, "en");
}

TEST(html_report_escapes_site_text_and_links_only_safe_schemes)
{
    struct sa_report r;
    struct sa_check_result cr;
    struct sa_category_result cat;
    struct sa_page_record pg;
    hostile(&r, &cr, &cat, &pg);
    char *html = sa_report_html(&r, NULL);
    ASSERT(html != NULL);
    EXPECT(strstr(html, "<script") == NULL);
    EXPECT(strstr(html, "<img") == NULL);
    EXPECT(strstr(html, "<b>x") == NULL);
    EXPECT(strstr(html, "href=\"javascript:") == NULL);
    EXPECT(strstr(html, "href=\"data:") == NULL);
    EXPECT(strstr(html, "Content-Security-Policy") != NULL);
    EXPECT(strstr(html, "script-src 'none'") != NULL);
    EXPECT(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;") != NULL);
    EXPECT(strstr(html, "&lt;/title&gt;&lt;script&gt;alert(3)") != NULL);
    EXPECT(strstr(html, "href=\"https://shop.test/a?b=&quot;&gt;&lt;script&gt;\"") != NULL);
    EXPECT(strstr(html, "Put &quot;it&quot; &lt;here&gt; &amp; &#39;there&#39;.") != NULL);
    EXPECT(strstr(html, "<mark>Add to cart</mark> &lt;img") != NULL); /* the match, highlighted */
    EXPECT(strstr(html, "id=\"check-cart_visible\"") != NULL);
    sa_report_html_free(html);
    sa_verdict_release(&cr.verdict);
}

TEST(html_report_translates_interface_and_falls_back_to_english)
{
    struct sa_report r;
    struct sa_check_result cr;
    struct sa_category_result cat;
    struct sa_page_record pg;
    hostile(&r, &cr, &cat, &pg);
    struct sa_catalog *ru = NULL;
    ASSERT(sa__catalog_new("ru", &ru, NULL) == SA_OK);
    struct sa_html_options o = {.lang = "ru"};
    char *html = sa_report_html(&r, &o);
    ASSERT(html != NULL);
    EXPECT(strstr(html, "<html lang=\"ru\">") != NULL);
    EXPECT(strstr(html, sa__catalog_get(ru, "Cart visible on every page")) != NULL);
    EXPECT(strstr(html, sa__catalog_get(ru, "What to fix first")) != NULL);
    EXPECT(strstr(html, ">What to fix first<") == NULL);
    /* the verdict was formatted in English only (r.lang is en): English, not a blank */
    EXPECT(strstr(html, "The cart is in the header of 1 of 2 pages") != NULL);
    sa_report_html_free(html);
    o.lang = "xx";
    EXPECT(sa_report_html(&r, &o) == NULL);
    char err[256] = "";
    EXPECT_EQ(sa_report_write_html(&r, "/nonexistent/x.html", &o, err, sizeof err), SA_EINVAL);
    EXPECT_STREQ(err, "unknown report language 'xx'");
    o.lang = NULL;
    EXPECT_EQ(sa_report_write_html(&r, "/nonexistent/x.html", &o, err, sizeof err), SA_EIO);
    EXPECT(strstr(err, "/nonexistent/x.html: cannot write:") == err);
    sa__catalog_free(ru);
    sa_verdict_release(&cr.verdict);
}

TEST(html_report_write_is_atomic_and_complete)
{
    struct sa_report r;
    struct sa_check_result cr;
    struct sa_category_result cat;
    struct sa_page_record pg;
    hostile(&r, &cr, &cat, &pg);
    char dir[] = "/tmp/sa-html-XXXXXX";
    ASSERT(mkdtemp(dir) != NULL);
    char path[512], err[256];
    snprintf(path, sizeof path, "%s/r.html", dir);
    EXPECT_EQ(sa_report_write_html(&r, path, NULL, err, sizeof err), SA_OK);
    char *s = slurp(path);
    ASSERT(s != NULL);
    size_t n = strlen(s);
    EXPECT(n > 1000 && strcmp(s + n - 8, "</html>\n") == 0);
    free(s); /* lint:allow test */
    DIR *d = opendir(dir);
    int files = 0;
    for (struct dirent *e; d && (e = readdir(d));) files += e->d_name[0] != '.';
    if (d) closedir(d);
    EXPECT_EQ(files, 1); /* no temporary file left */
    unlink(path);
    rmdir(dir);
    sa_verdict_release(&cr.verdict);
}

TEST(evidence_hit_keeps_match_offsets_through_cleanup)
{
    struct sa_evidence_list l = {0};
    const char *text = "line\n  Free   delivery\ton orders over 50 EUR";
    size_t off = (size_t)(strstr(text, "delivery") - text);
    EXPECT_EQ(sa_evidence_add_hit(&l, "u", "w", text, strlen(text), off, 8), SA_OK);
    ASSERT(l.n == 1);
    EXPECT_STREQ(l.items[0].snippet, "Free delivery on orders over 50 EUR");
    EXPECT_EQ(l.items[0].mark_off, 5);
    EXPECT_EQ(l.items[0].mark_len, 8);
    struct sa_evidence_list dst = {0};
    EXPECT_EQ(sa_evidence_move(&dst, &l), SA_OK);
    EXPECT_EQ(dst.items[0].mark_off, 5); /* moving keeps the match */
    EXPECT_EQ(dst.items[0].mark_len, 8);
    EXPECT_EQ(sa_evidence_add(&dst, "u", "w", "plain"), SA_OK);
    EXPECT_EQ(dst.items[1].mark_len, 0);
    sa_evidence_release(&dst);
}

TEST_MAIN()
