/* broken_links: do the site's own links and images answer? A buyer who clicks "Delivery" and
 * gets a 404, or sees a product without its picture, doubts the whole shop. The check notes
 * every internal link and image once, with the smallest page URL that carries it (the same
 * whatever order pages arrive in), and at the end asks the engine how each answered: the crawl
 * fetched the pages, and link checks (HEAD, then GET where HEAD is refused) asked for images
 * and files within the page budget. */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "check_util.h"
#include "url.h"
#include "urlset.h"

/* Distinct targets remembered; past it, new targets are counted, not checked. */
#define MAX_TARGETS 20000

struct target {
    const char *url; /* the set's copy */
    char *page, *where, *text;
};

struct state {
    struct sa_urlset seen; /* each target's status slot holds its index in t */
    struct target *t;
    size_t n, cap, dropped;
};

/* 1 when (page, where, text) sorts before what t holds: the page quoted for a target is the
 * smallest one, whatever order pages arrive in (#9, --jobs). */
static int smaller(const struct target *t, const char *page, const char *where, const char *text)
{
    int c = strcmp(page, t->page);
    if (!c) c = strcmp(where, t->where);
    if (!c) c = strcmp(text, t->text);
    return c < 0;
}

static void note(struct state *st, const struct sa_page *p, const char *url, const char *where,
                 const char *text)
{
    if (!url) return;
    where = where ? where : "";
    text = text ? text : "";
    /* seen first: a menu's links come back on every page, while the scope test parses the URL
     * (about 8 000 instructions) */
    int idx = sa__urlset_status(&st->seen, url);
    if (idx >= 0 && (size_t)idx < st->n) {
        struct target *t = &st->t[idx];
        if (!smaller(t, p->url, where, text)) return;
        char *pg = sa__strdup(p->url), *wh = sa__strdup(where), *tx = sa__strdup(text);
        if (!pg || !wh || !tx) {
            sa__free(pg);
            sa__free(wh);
            sa__free(tx);
            return; /* the larger page stays quoted */
        }
        sa__free(t->page);
        sa__free(t->where);
        sa__free(t->text);
        t->page = pg;
        t->where = wh;
        t->text = tx;
        return;
    }
    /* The scope is the start page's, which finish() knows; a page's own host is the same site
     * for http(s). A file:// export's scope is the start page's folder, which a page deeper
     * down does not know, so file URLs wait for finish(). */
    if (strncmp(url, "file:", 5) != 0 && !sa__url_in_scope(p->url, url)) return;
    if (st->n >= MAX_TARGETS) {
        st->dropped++;
        return;
    }
    if (st->n == st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 256;
        struct target *v = sa__realloc(st->t, cap * sizeof *v);
        if (!v) return;
        st->t = v;
        st->cap = cap;
    }
    struct target *t = &st->t[st->n];
    if (sa__urlset_add(&st->seen, url, &t->url) != SA_OK) return;
    t->page = sa__strdup(p->url);
    t->where = sa__strdup(where);
    t->text = sa__strdup(text);
    if (!t->page || !t->where || !t->text ||
        sa__urlset_set_status(&st->seen, url, (int)st->n) != SA_OK) {
        sa__free(t->page);
        sa__free(t->where);
        sa__free(t->text);
        return; /* the URL stays in the set as unchecked: noted no more */
    }
    st->n++;
}

static void observe(void *vs, const struct sa_page *p)
{
    struct state *st = vs;
    for (size_t i = 0; i < p->nlinks; i++) {
        const struct sa_link *l = &p->links[i];
        if (l->flags & SA_LINK_DEAD) continue;
        note(st, p, l->url, l->where, l->text);
    }
    for (size_t i = 0; i < p->nimages; i++) {
        const struct sa_image *im = &p->images[i];
        note(st, p, im->src, im->where, im->alt && *im->alt ? im->alt : "image");
    }
}

static void release(struct state *st)
{
    for (size_t i = 0; i < st->n; i++) {
        sa__free(st->t[i].page);
        sa__free(st->t[i].where);
        sa__free(st->t[i].text);
    }
    sa__free(st->t);
    sa__urlset_release(&st->seen);
}

static void finish(void *vs, const struct sa_site *site, struct sa_verdict *out)
{
    struct state *st = vs;
    size_t checked = 0, broken = 0, failed = 0, noted = 0;
    struct sa_evidence_list bad = {0}, good = {0};
    char msg[SA_SNIPPET_MAX];
    for (size_t i = 0; i < st->n; i++) {
        const struct target *t = &st->t[i];
        /* http(s) targets passed the scope test in observe() */
        if (strncmp(t->url, "file:", 5) == 0 && site->start_url &&
            !sa__url_in_scope(site->start_url, t->url))
            continue;
        noted++;
        if (!site->status_of) continue;
        int status = site->status_of(site, t->url);
        if (status < 0) continue; /* never fetched: out of budget */
        if (status == 0) {
            failed++; /* a timeout or a reset is not proof the link is broken */
            continue;
        }
        checked++;
        if (status >= 400) {
            broken++;
            snprintf(msg, sizeof msg, "HTTP %d from %.120s (\"%.60s\")", status, t->url, t->text);
            sa_evidence_add(&bad, t->page, t->where, msg);
        } else {
            snprintf(msg, sizeof msg, "HTTP %d from %.120s", status, t->url);
            sa__evidence_keep(&good, 3, t->page, t->where, msg);
        }
    }
    double ratio = checked ? (double)broken / (double)checked : 0;
    if (!site->status_of || checked == 0) {
        sa_verdict_set(out, SA_STATUS_NOT_APPLICABLE, 0,
                       "No internal link or image could be checked within the page budget "
                       "(%zu noted).",
                       noted);
        sa_verdict_recommend(out, "%s", "");
        sa_evidence_add(&out->evidence, site->start_url, "site",
                        "raise --max-pages to check links and images");
    } else if (broken == 0) {
        sa_verdict_set(out, SA_STATUS_PASS, 1,
                       "All %zu internal links and images checked answer without error.", checked);
        sa_verdict_recommend(out, "%s", "");
    } else if (ratio <= 0.25) {
        /* one broken link in a hundred costs a little; one in four is a broken site */
        double score = 1.0 - 3.0 * ratio;
        sa_verdict_set(out, SA_STATUS_PARTIAL,
                       score < 0.1    ? 0.1
                       : score > 0.95 ? 0.95
                                      : score,
                       "%zu of %zu internal links and images checked are broken.", broken, checked);
    } else {
        sa_verdict_set(out, SA_STATUS_FAIL, 0,
                       "%zu of %zu internal links and images checked are broken.", broken, checked);
    }
    if (out->status == SA_STATUS_PARTIAL || out->status == SA_STATUS_FAIL)
        sa_verdict_recommend(out, "Fix or remove the links and images listed (the page that "
                                  "carries each is given), and redirect moved pages to their "
                                  "new address: a buyer who meets a dead \"Delivery\" link or "
                                  "a product without its picture doubts the whole shop.");
    sa_evidence_move(&out->evidence, &bad);
    if (failed) {
        snprintf(msg, sizeof msg, "%zu more could not be fetched (timeouts, refused connections)",
                 failed);
        sa_evidence_add(&out->evidence, site->start_url, "site", msg);
    }
    sa_evidence_move(&out->evidence, &good);
    release(st);
}

const struct sa_check sa_check_broken_links = {
    .id = "broken_links",
    .title = "No broken links or images",
    .category = "basics",
    /* Hygiene: a dead link costs one visitor one path; narrower than HTTPS or the mobile
     * viewport, which touch every page. */
    .weight = 0.20,
    .state_size = sizeof(struct state),
    .observe = observe,
    .finish = finish,
};
