/* The lexicon's page scope: the page model opens it when a page's texts are final and closes
 * it when the page is freed, so that the lexicon may answer repeated questions about that
 * page's texts from memory (see "matching" in lexicon.c). */
#ifndef SA_LEXICON_PAGE_H
#define SA_LEXICON_PAGE_H

#include <stddef.h>

#include "shopaudit/lexicon.h"

struct sa__starts;

#define SA_LEXICON_SCOPE_MAX 8 /* text buffers per page: one per region */

/* Opens the scope of page (any address that names it) over texts[0..n), which must stay
 * unchanged until sa__lexicon_page_end(lex, page). Opening another page's scope closes the
 * previous one; texts beyond SA_LEXICON_SCOPE_MAX are left out. Never fails: without memory
 * the lexicon simply matches uncached. */
void sa__lexicon_page_begin(const struct sa_lexicon *lex, const void *page,
                            const struct sa_str *texts, size_t n);
/* Forgets everything about page's texts; does nothing when page's scope is not open. */
void sa__lexicon_page_end(const struct sa_lexicon *lex, const void *page);

/* How many answers this thread's texts started with, taken from the same region of the page
 * before (a menu or footer repeated byte for byte): tests see that the reuse happens. */
size_t sa__lexicon_seeded(const struct sa_lexicon *lex);

/* How many questions about a block this thread's region answers gave (and, in *missed, how many
 * they could not, which were searched on the block alone): tests see that both happen. */
size_t sa__lexicon_stretched(const struct sa_lexicon *lex, size_t *missed);

/* Turns the prefilter (lexicon_prefix.h) on or off; it is on in every new lexicon. Off, every
 * search runs over the whole text as PCRE2 alone would, and a block is searched on its own,
 * never answered from its region: tests compare the two. A change drops the answers the calling
 * thread keeps across pages (its memo, the regions it would replay), found the other way. */
void sa__lexicon_set_prefilter(struct sa_lexicon *lex, int on);

/* Where the lexicon's text searches may start (lexicon_prefix.h): the rows page texts' keys
 * keep. Tests see which rows that is. */
const struct sa__starts *sa__lexicon_text_starts(const struct sa_lexicon *lex);

/* Lexicons made after sa__lexicon_jit(0) skip JIT compilation, as on a system without JIT or
 * executable memory: tests check that searches then give the same answers. */
void sa__lexicon_jit(int on);

#endif
