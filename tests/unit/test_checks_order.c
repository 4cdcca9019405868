/* Reports must not depend on the order pages reach the checks (#9): --jobs workers finish pages
 * in whatever order the network and the scheduler decide, and a CI job diffs reports between
 * runs. Each test builds every HTML page of a fixture site once, with the real page model and
 * lexicon, then shows the pages to every built-in check in document order (sorted paths), in
 * reverse and in seeded shuffles, finishes, sorts the evidence as the engine does, and compares
 * what a report shows of each verdict: status, score, summary, recommendation, details, the
 * evidence count and every item. A difference names the check, the order and the first field
 * that differs. Broken links learn a URL's status from the fixture folder (a file there is 200,
 * _routes.json may say otherwise, anything else 404), as the crawl would have found it. */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdint.h>
#include <sys/stat.h>

#include "check_driver.h"
#include "page_build.h"
#include "verdict.h"

#define ORIGIN    "http://127.0.0.1:8765/"
#define MAX_PAGES 256

struct site {
    char dir[1024];
    cJSON *routes; /* _routes.json, or NULL */
    size_t n;
    char *url[MAX_PAGES];
    struct sa_page *page[MAX_PAGES];
};

static struct site *cur; /* for status_of, which gets no user pointer of ours */

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap + 1);
    size_t r;
    while (b && (r = fread(b + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            char *nb = realloc(b, cap * 2 + 1);
            if (!nb) {
                free(b);
                b = NULL;
                break;
            }
            b = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (b) b[n] = '\0';
    *len = n;
    return b;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Relative paths of the *.html files under dir/rel, appended to names. */
static void list_html(const char *root, const char *rel, char **names, size_t *n)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    DIR *d = opendir(path);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || e->d_name[0] == '_') continue;
        char sub[2048];
        snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
        char full[4096];
        snprintf(full, sizeof full, "%s/%s", root, sub);
        struct stat st;
        if (stat(full, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) {
            list_html(root, sub, names, n);
        } else {
            size_t k = strlen(sub);
            if (k > 5 && strcmp(sub + k - 5, ".html") == 0 && *n < MAX_PAGES)
                names[(*n)++] = strdup(sub);
        }
    }
    closedir(d);
}

/* The URL the fixture server gives a file: index.html is its folder. */
static char *url_of(const char *rel)
{
    char buf[2048];
    size_t k = strlen(rel);
    if (k >= 10 && strcmp(rel + k - 10, "index.html") == 0 && (k == 10 || rel[k - 11] == '/'))
        snprintf(buf, sizeof buf, ORIGIN "%.*s", (int)(k - 10), rel);
    else
        snprintf(buf, sizeof buf, ORIGIN "%s", rel);
    return strdup(buf);
}

static int site_status(const struct sa_site *site, const char *url)
{
    (void)site;
    if (strncmp(url, ORIGIN, strlen(ORIGIN)) != 0) return 200; /* off-site: not ours to judge */
    const char *path = url + strlen(ORIGIN) - 1;               /* keeps the leading '/' */
    size_t plen = strcspn(path, "?#");
    char key[1024];
    snprintf(key, sizeof key, "%.*s", (int)plen, path);
    const cJSON *r = cur->routes ? cJSON_GetObjectItemCaseSensitive(cur->routes, key) : NULL;
    const cJSON *s = r ? cJSON_GetObjectItemCaseSensitive(r, "status") : NULL;
    if (cJSON_IsNumber(s)) return s->valueint;
    char file[4096];
    snprintf(file, sizeof file, "%s%s%s", cur->dir, key,
             key[strlen(key) - 1] == '/' ? "index.html" : "");
    struct stat st;
    return stat(file, &st) == 0 && S_ISREG(st.st_mode) ? 200 : 404;
}

/* Builds every page of fixtures/<rel> once; 0 when the site cannot be read. */
static int site_load(struct site *s, const char *rel)
{
    memset(s, 0, sizeof *s);
    const char *src = getenv("SA_SOURCE_DIR");
    snprintf(s->dir, sizeof s->dir, "%s/fixtures/%s", src ? src : ".", rel);
    char rpath[2048];
    size_t len;
    snprintf(rpath, sizeof rpath, "%s/_routes.json", s->dir);
    char *rj = read_all(rpath, &len);
    if (rj) s->routes = cJSON_Parse(rj);
    free(rj);
    char *names[MAX_PAGES];
    size_t n = 0;
    list_html(s->dir, "", names, &n);
    qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", s->dir, names[i]);
        char *body = read_all(path, &len);
        char *url = url_of(names[i]);
        free(names[i]);
        if (!body || !url) {
            free(body);
            free(url);
            continue;
        }
        struct sa_fetch_info fi = {0};
        fi.url = url;
        fi.requested_url = url;
        fi.site_root = ORIGIN;
        fi.status = 200;
        fi.content_type = "text/html";
        struct sa_page *p = NULL;
        char err[256];
        if (sa__page_build(body, len, &fi, lexicon(), &p, err, sizeof err) != SA_OK) {
            T_FAIL("build %s: %s", url, err);
            free(url);
        } else {
            s->url[s->n] = url;
            s->page[s->n++] = p;
        }
        free(body);
    }
    return s->n > 0;
}

static void site_free(struct site *s)
{
    for (size_t i = 0; i < s->n; i++) {
        sa__page_free(s->page[i]);
        free(s->url[i]);
    }
    cJSON_Delete(s->routes);
    memset(s, 0, sizeof *s);
}

/* Runs check c over the pages in order[], as the engine does, and sorts the evidence. */
static int run_order(const struct sa_check *c, struct site *s, const size_t *order,
                     struct sa_verdict *v)
{
    memset(v, 0, sizeof *v);
    void *state = calloc(1, c->state_size ? c->state_size : 1);
    if (!state) return 0;
    if (c->init) c->init(state, c);
    struct sa_site site = {0};
    site.start_url = ORIGIN;
    site.host = "127.0.0.1";
    site.lex = lexicon();
    site.status_of = site_status;
    cur = s;
    for (size_t i = 0; i < s->n; i++) {
        const struct sa_page *p = s->page[order[i]];
        site.pages++;
        site.kind_count[p->kind]++;
        c->observe(state, p);
    }
    c->finish(state, &site, v);
    free(state);
    sa__evidence_sort(&v->evidence); /* as finish_checks in src/audit.c */
    return 1;
}

static int str_same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* The first field a report would show differently, or NULL. */
static const char *differs(const struct sa_verdict *a, const struct sa_verdict *b, size_t *at)
{
    *at = 0;
    if (a->status != b->status) return "status";
    if (a->score != b->score) return "score";
    if (!str_same(a->summary, b->summary)) return "summary";
    if (!str_same(a->recommendation, b->recommendation)) return "recommendation";
    if (!str_same(a->details, b->details)) return "details";
    if (a->evidence.n != b->evidence.n) return "evidence count";
    if (a->evidence.total != b->evidence.total) return "evidence total";
    for (size_t i = 0; i < a->evidence.n; i++) {
        const struct sa_evidence *x = &a->evidence.items[i], *y = &b->evidence.items[i];
        *at = i;
        if (strcmp(x->url, y->url) || strcmp(x->where, y->where) ||
            strcmp(x->snippet, y->snippet) || x->mark_off != y->mark_off ||
            x->mark_len != y->mark_len)
            return "evidence item";
    }
    return NULL;
}

static void show(const char *label, const struct sa_verdict *v, size_t at)
{
    fprintf(stderr, "    %s: %s %.6f \"%s\"\n", label, sa_status_name(v->status), v->score,
            v->summary ? v->summary : "(null)");
    fprintf(stderr, "      evidence %zu of %zu", v->evidence.n, v->evidence.total);
    if (at < v->evidence.n)
        fprintf(stderr, "; [%zu] %s | %s | %s", at, v->evidence.items[at].url,
                v->evidence.items[at].where, v->evidence.items[at].snippet);
    fputc('\n', stderr);
    if (v->details) fprintf(stderr, "      details %s\n", v->details);
}

/* A seeded shuffle (splitmix64), so a failure shows again on the next run. */
static void shuffle(size_t *o, size_t n, uint64_t seed)
{
    for (size_t i = n; i > 1; i--) {
        uint64_t z = (seed += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        z ^= z >> 31;
        size_t j = (size_t)(z % i), t = o[i - 1];
        o[i - 1] = o[j];
        o[j] = t;
    }
}

/* document order, reverse, and six shuffles: about 0.3 s for all the sites */
#define NORDERS 8

/* Every built-in check over the site in NORDERS orders; returns how many checks differed. */
static int check_site(const char *rel)
{
    struct site *s = calloc(1, sizeof *s);
    if (!s || !site_load(s, rel)) {
        T_FAIL("no pages in fixtures/%s", rel);
        free(s);
        return -1;
    }
    char names[NORDERS][16] = {"document", "reverse"};
    for (int k = 2; k < NORDERS; k++) snprintf(names[k], sizeof names[k], "shuffle %d", k - 1);
    size_t(*orders)[MAX_PAGES] = calloc(NORDERS, sizeof *orders);
    if (!orders) {
        site_free(s);
        free(s);
        return -1;
    }
    for (size_t i = 0; i < s->n; i++) {
        orders[0][i] = i;
        orders[1][i] = s->n - 1 - i;
        for (int k = 2; k < NORDERS; k++) orders[k][i] = i;
    }
    for (int k = 2; k < NORDERS; k++) shuffle(orders[k], s->n, 0x5eed0000u + (uint64_t)k);
    int bad = 0;
    size_t ran = 0;
    for (const struct sa_check *const *c = sa_builtin_checks; *c; c++) {
        struct sa_verdict base;
        if (!run_order(*c, s, orders[0], &base)) continue;
        ran++;
        EXPECT(base.summary != NULL);
        for (int k = 1; k < NORDERS; k++) {
            struct sa_verdict v;
            if (!run_order(*c, s, orders[k], &v)) continue;
            size_t at;
            const char *what = differs(&base, &v, &at);
            if (what) {
                T_FAIL("fixtures/%s (%zu pages): %s: %s differs in %s order", rel, s->n, (*c)->id,
                       what, names[k]);
                show(names[0], &base, at);
                show(names[k], &v, at);
                bad++;
                sa_verdict_release(&v);
                break;
            }
            sa_verdict_release(&v);
        }
        sa_verdict_release(&base);
    }
    EXPECT(ran >= 20); /* every built-in check ran */
    free(orders);
    site_free(s);
    free(s);
    return bad;
}

TEST(checks_order_minimal_same_verdicts)
{
    EXPECT_EQ(check_site("sites/minimal"), 0);
}

TEST(checks_order_broken_links_same_verdicts)
{
    EXPECT_EQ(check_site("sites/broken"), 0);
}

TEST(checks_order_priority_ru_same_verdicts)
{
    EXPECT_EQ(check_site("sites/priority-ru"), 0);
}

/* A Thai shop whose pages each say the same things differently: several return periods,
 * benefits next to "สมัครสมาชิก", callback offers, loyalty signs, links to a missing page. */
TEST(checks_order_thai_shop_same_verdicts_th)
{
    EXPECT_EQ(check_site("sites/order-th"), 0);
}

TEST(checks_order_promo_shop_same_verdicts)
{
    EXPECT_EQ(check_site("sites/promo-shop"), 0);
}

/* The promotion pages of fixtures/promo as one shop in five languages (Greek, Thai, Russian,
 * Armenian, English): claims repeated across pages, a condition on another page, a product
 * whose regular price another page shows. */
TEST(checks_order_promo_pages_same_verdicts_el_th)
{
    EXPECT_EQ(check_site("promo"), 0);
}

TEST(checks_order_demo_shop_ru_en_same_verdicts)
{
    EXPECT_EQ(check_site("demo-shop"), 0);
}

TEST_MAIN()
