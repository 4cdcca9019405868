/* Script, style and plain text read without libxml2. libxml2 2.9's HTML parser reads the text
 * of a <script> or <style> element a character at a time, about 80 instructions a byte, and
 * shops inline a lot of it (analytics, JSON-LD, a framework's state, critical CSS): a third of
 * the bench shop's bytes, a quarter of the whole audit's parse. It reads the page's own text the
 * same way, some 26 instructions a byte: taking that out too halves what is left. Before the
 * parse, sa__raw_take finds those texts as libxml2 would, and hands libxml2 a copy of the
 * document in which each script or style text is replaced by its number and each long run of
 * plain text by SA__RAW_MARK; after it, sa__raw_restore puts each script text back into its
 * element, and the runs go back as libxml2 hands the marks to its characters() handler
 * (src/html.c). The tree is then the one libxml2 builds from the document itself, node for
 * node: where the two readings of the document might differ, the restore sees it (an element
 * missing, one too many, a number not where it belongs, a mark not read as text) and the caller
 * parses the document as it is. */
#ifndef SA_HTML_RAW_H
#define SA_HTML_RAW_H

#include <stddef.h>
#include <stdint.h>

/* Where a taken text stood, libxml2 reads this character (U+E000, private use) instead, and
 * the text goes back through libxml2's own characters() call that meets it (see
 * sa__raw_take). A document that holds one keeps its texts. */
#define SA__RAW_MARK     "\xEE\x80\x80"
#define SA__RAW_MARK_LEN 3

/* One script or style element, in document order; len == 0: its text is left to libxml2. */
struct sa__raw_elem {
    uint32_t at, len; /* the text in the original document */
    uint8_t style;    /* 1: <style>, 0: <script> */
};

/* A run of plain text taken out, in document order: SA__RAW_MARK stands in for it. */
struct sa__raw_run {
    uint32_t at, len; /* in the original document */
};

struct sa__raw {
    char *doc; /* the document to parse: each taken script or style text replaced by its
                * element's number, each run by SA__RAW_MARK */
    size_t len;
    struct sa__raw_elem *el; /* every script and style element the document opens */
    size_t n, cap;
    struct sa__raw_run *runs;
    size_t nruns, capruns;
};

/* Finds the script and style elements and the runs of plain text of s[0..len) and, when their
 * texts are worth taking out, makes r->doc. 1: parse r->doc, handing each text libxml2 reads
 * through sa__raw_text, then call sa__raw_restore; 0: parse s itself (nothing worth taking, or
 * a construct this reader does not follow libxml2 through); SA_ENOMEM. r is
 * released by sa__raw_release in every case. s must be valid UTF-8, as sa__charset_to_utf8
 * gives it: from an invalid byte on, libxml2 reads a document as Latin-1, and the byte may be
 * in a text libxml2 is not shown. */
int sa__raw_take(const char *s, size_t len, struct sa__raw *r);

/* Gives emit the text ch[0..len) that libxml2 read from r->doc and hands its characters()
 * handler, each SA__RAW_MARK in it replaced by the next run of s (from *next, which it
 * advances). SA_OK; SA_EPARSE when a mark comes after the last run. */
int sa__raw_text(const struct sa__raw *r, const char *s, const char *ch, size_t len, size_t *next,
                 void (*emit)(void *ctx, const char *p, size_t n), void *ctx);

/* Puts the taken texts back. nodes: the script and style elements (xmlNodePtr) libxml2 made
 * from r->doc, in the order it made them; runs: the runs sa__raw_text gave back. SA_OK;
 * SA_EPARSE when they do not line up with r's (the tree is then not the document's: parse s
 * itself); SA_ENOMEM (the tree is incomplete). */
int sa__raw_restore(const struct sa__raw *r, const char *s, void *const *nodes, size_t n,
                    size_t runs);

void sa__raw_release(struct sa__raw *r);

#endif
