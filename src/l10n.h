/* Message catalogues for the report's text, gettext-style: locale/<lang>.json maps an English
 * string (the msgid: a check title, a category title, a label of the HTML report, or the
 * printf format a check passes to sa_verdict_set/sa_verdict_recommend) to its translation.
 * The catalogues are embedded at build time (cmake/embed_json.cmake). A translation is only
 * used when its printf conversions are the msgid's, in the same order: anything else would
 * make printf read the wrong arguments. */
#ifndef SA_L10N_H
#define SA_L10N_H

#include <stddef.h>

#include "shopaudit/check.h"

/* Marks a msgid that is not a literal argument of sa_verdict_set/_recommend or T() (a table
 * entry, a piece inserted through %s) for the extractors: tools/l10n_msgids.py and the gap
 * test (gettext's habit). */
#define N_(s) s

struct sa__locale_blob {
    const char *name;          /* file name without ".json": the language code */
    const unsigned char *data; /* NUL-terminated */
    size_t len;                /* without the NUL */
};
/* Ends with an entry whose name is NULL. */
extern const struct sa__locale_blob sa__locale_blobs[];

/* 1 when a catalogue for lang is embedded ("en" always is: its msgids are English). */
int sa__l10n_has(const char *lang);

/* Parses the embedded catalogue of lang. Entries whose conversions differ from their msgid's
 * are dropped and counted in *dropped (may be NULL). Returns SA_OK, SA_EINVAL (no catalogue,
 * or not valid JSON) or SA_ENOMEM. *out is the caller's: sa__catalog_free. */
int sa__catalog_new(const char *lang, struct sa_catalog **out, size_t *dropped);
void sa__catalog_free(struct sa_catalog *c);
/* The translation of msgid, or NULL when the catalogue (which may be NULL) has none. Borrowed
 * until sa__catalog_free. */
const char *sa__catalog_get(const struct sa_catalog *c, const char *msgid);
/* msgid's translation, or msgid itself: what a label of a report prints. */
const char *sa__tr(const struct sa_catalog *c, const char *msgid);
/* The language code and the language's own name ("Русский"). */
const char *sa__catalog_lang(const struct sa_catalog *c);

/* The printf argument signature of fmt written to sig ("zu,zu,*,s" for "%zu of %zu: %.*s"):
 * one item per argument consumed. Returns 0, or -1 when fmt holds a conversion the catalogue
 * does not allow (positional %1$s, %n, unknown) or sig is too small. */
int sa__fmt_signature(const char *fmt, char *sig, size_t siglen);
/* 1 when a and b consume the same arguments in the same order. */
int sa__fmt_compatible(const char *a, const char *b);

#endif
