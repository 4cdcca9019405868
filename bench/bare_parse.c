/* bare_parse: the floor shopaudit's CPU per page is measured against. It parses every .html
 * file under a folder with libxml2's HTML parser, the way src/html.c does (from memory, UTF-8,
 * errors and network off), walks the tree once to touch every text node, frees the document,
 * and prints the pages parsed and the CPU milliseconds per page. Reading the files is left out
 * of the timing, so the figure is the parse alone.
 *
 * Usage: bare_parse DIR [LIMIT] */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

static char **files;
static size_t nfiles, capfiles, limit = (size_t)-1;

static int collect(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    size_t n = strlen(path);
    if (flag != FTW_F || n < 5 || strcmp(path + n - 5, ".html") != 0) return 0;
    if (nfiles == capfiles) {
        capfiles = capfiles ? capfiles * 2 : 1024;
        char **f = realloc(files, capfiles * sizeof *f);
        if (!f) return 1;
        files = f;
    }
    files[nfiles] = strdup(path);
    if (!files[nfiles]) return 1;
    nfiles++;
    return 0;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0, k;
    do {
        if (n + 65536 > cap) {
            cap = cap ? cap * 2 : 131072;
            char *b = realloc(buf, cap);
            if (!b) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = b;
        }
        k = fread(buf + n, 1, cap - n, f);
        n += k;
    } while (k > 0);
    fclose(f);
    *len = n;
    return buf;
}

/* Visits every node so the comparison includes one walk, as any use of a DOM needs one. */
static size_t walk(const xmlNode *n)
{
    size_t bytes = 0;
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE && n->content) bytes += strlen((const char *)n->content);
        bytes += walk(n->children);
    }
    return bytes;
}

static double cpu_ms(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: bare_parse DIR [LIMIT]\n");
        return 2;
    }
    if (argc == 3) limit = strtoul(argv[2], NULL, 10);
    if (nftw(argv[1], collect, 32, FTW_PHYS) != 0 || !nfiles) {
        fprintf(stderr, "bare_parse: %s: no .html files readable\n", argv[1]);
        return 2;
    }
    qsort(files, nfiles, sizeof *files, cmp);
    if (nfiles > limit) nfiles = limit;
    double cpu = 0;
    size_t text = 0, pages = 0;
    for (size_t i = 0; i < nfiles; i++) {
        size_t len = 0;
        char *buf = slurp(files[i], &len);
        if (!buf) continue;
        double t0 = cpu_ms();
        htmlDocPtr doc =
            htmlReadMemory(buf, (int)len, files[i], "UTF-8",
                           HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                               HTML_PARSE_NONET | HTML_PARSE_COMPACT);
        if (doc) {
            text += walk(xmlDocGetRootElement(doc));
            xmlFreeDoc(doc);
            pages++;
        }
        cpu += cpu_ms() - t0;
        free(buf);
    }
    printf("bare_parse: %zu pages, %.3f ms CPU per page (%zu text bytes)\n", pages,
           pages ? cpu / (double)pages : 0.0, text);
    for (size_t i = 0; i < nfiles; i++) free(files[i]);
    free(files);
    return 0;
}
