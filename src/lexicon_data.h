/* The lexicon files embedded at build time (cmake/embed_json.cmake writes the table). */
#ifndef SA_LEXICON_DATA_H
#define SA_LEXICON_DATA_H

#include <stddef.h>

struct sa__lexicon_blob {
    const char *name;          /* file name without ".json": the language code */
    const unsigned char *data; /* NUL-terminated */
    size_t len;                /* without the NUL */
};
/* Ends with an entry whose name is NULL. */
extern const struct sa__lexicon_blob sa__lexicon_blobs[];

#endif
