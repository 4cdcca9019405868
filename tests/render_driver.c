/* Test driver for concurrent rendering (#11): starts the audit's render policy with
 * --render always and N tabs, then renders every URL given from a thread of its own, as the
 * pipeline's workers call the hook (--auto: the auto policy, each page a hollow shell). One
 * line per URL on stdout, in argument order: "URL<tab>rendered<tab>title" (rendered 1/0),
 * then "peak_rss_kb N", "failures N", "probes N" and "decision D".
 *
 *     render_driver [--mobile] [--header 'N: V'] [--budget-ms N] [--auto] JOBS URL...
 *
 * Exit 0 when every URL was rendered, 1 otherwise, 2 on bad usage. Built only for the tests. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "page_build.h"
#include "render.h"
#include "shopaudit/audit.h"
#include "shopaudit/lexicon.h"

struct job {
    struct sa__render_ctl *ctl;
    const struct sa_lexicon *lex;
    const char *url;
    struct sa_page *page;
    int rendered;
};

static void *run(void *arg)
{
    struct job *j = arg;
    /* a hollow server page: what the crawl would hand over for a JavaScript shop */
    static const char shell[] = "<!doctype html><html><head><title>shell</title>"
                                "<script src=\"/app.js\"></script></head>"
                                "<body><div id=\"root\"></div></body></html>";
    struct sa_fetch_info fi = {.url = j->url,
                               .requested_url = j->url,
                               .site_root = j->url,
                               .status = 200,
                               .content_type = "text/html; charset=utf-8"};
    char err[256];
    if (sa__page_build(shell, sizeof shell - 1, &fi, j->lex, &j->page, err, sizeof err) != SA_OK) {
        fprintf(stderr, "render_driver: %s\n", err);
        return NULL;
    }
    j->page = sa__render_page(j->ctl, j->page, &j->rendered);
    return NULL;
}

static void warn(void *ud, const char *line)
{
    (void)ud;
    fprintf(stderr, "render_driver: warning: %s\n", line);
}

int main(int argc, char **argv)
{
    struct sa_options o;
    sa_options_init(&o);
    o.render = SA_RENDER_ALWAYS;
    o.warn = warn;
    const char *headers[2] = {NULL, NULL};
    int i = 1;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        if (strcmp(argv[i], "--auto") == 0) {
            o.render = SA_RENDER_AUTO;
        } else if (strcmp(argv[i], "--mobile") == 0) {
            o.mobile = 1;
        } else if (strcmp(argv[i], "--budget-ms") == 0 && i + 1 < argc) {
            o.render_budget_ms = (unsigned)strtoul(argv[++i], NULL, 10);
        } else if (strcmp(argv[i], "--header") == 0 && i + 1 < argc) {
            headers[0] = argv[++i];
            o.headers = headers;
        } else {
            fprintf(stderr, "render_driver: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    if (argc - i < 2) {
        fprintf(stderr, "usage: render_driver [--mobile] [--header 'N: V'] [--budget-ms N] "
                        "[--auto] JOBS URL...\n");
        return 2;
    }
    char *end;
    long jobs = strtol(argv[i++], &end, 10);
    if (*end || jobs < 1 || jobs > 8) {
        fprintf(stderr, "render_driver: JOBS must be 1..8\n");
        return 2;
    }
    o.render_jobs = (unsigned)jobs;
    o.timeout_ms = 15000;
    char err[256];
    struct sa_lexicon *lex;
    if (sa_lexicon_new(NULL, &lex, err, sizeof err) != SA_OK) {
        fprintf(stderr, "render_driver: %s\n", err);
        return 1;
    }
    struct sa_render_report rep;
    memset(&rep, 0, sizeof rep);
    struct sa__render_ctl ctl;
    sa__render_ctl_init(&ctl, &o, lex, argv[i], &rep);
    size_t n = (size_t)(argc - i);
    struct job *js = sa__calloc(n, sizeof *js);
    pthread_t *th = sa__calloc(n, sizeof *th);
    if (!js || !th) return 1;
    for (size_t k = 0; k < n; k++) {
        js[k] = (struct job){.ctl = &ctl, .lex = lex, .url = argv[i + (int)k]};
        if (pthread_create(&th[k], NULL, run, &js[k]) != 0) return 1;
    }
    int all = 1;
    for (size_t k = 0; k < n; k++) pthread_join(th[k], NULL);
    for (size_t k = 0; k < n; k++) {
        all &= js[k].rendered;
        printf("%s\t%d\t%s\n", js[k].url, js[k].rendered, js[k].page ? js[k].page->title : "");
        sa__page_free(js[k].page);
    }
    sa__render_ctl_finish(&ctl);
    printf("peak_rss_kb %zu\nfailures %zu\nprobes %zu\ndecision %s\n", rep.browser_peak_rss_kb,
           rep.failures, rep.probes, rep.decision ? rep.decision : "");
    sa__render_report_release(&rep);
    sa__free(js);
    sa__free(th);
    sa_lexicon_free(lex);
    return all ? 0 : 1;
}
