/* A growable byte buffer with a hard cap (curl's dynbuf): a 2 GB "page" hits the cap, not the
 * OOM killer. On any failure the buffer is released, so callers have one way to clean up. */
#ifndef SA_BUF_H
#define SA_BUF_H

#include <stddef.h>

/* Growth policy: double below SA_BUF_STEP, then grow by SA_BUF_STEP (Redis's sds). */
#define SA_BUF_STEP (1u << 20)

struct sa_buf {
    char *ptr; /* NUL-terminated after every successful append; NULL while empty */
    size_t len, cap, max;
};

void sa__buf_init(struct sa_buf *b, size_t max);
/* SA_OK, SA_ETOOBIG (would pass max) or SA_ENOMEM; on error the buffer is released. */
int sa__buf_append(struct sa_buf *b, const void *data, size_t n);
/* Room for n more bytes (and the NUL) at once, when the final size is known up front: a page
 * read in 16 KiB pieces otherwise moved by realloc two or three times. Same errors. */
int sa__buf_reserve(struct sa_buf *b, size_t n);
int sa__buf_puts(struct sa_buf *b, const char *s);
int sa__buf_printf(struct sa_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Hands the bytes to the caller (free with sa__free) and empties the buffer. */
char *sa__buf_take(struct sa_buf *b, size_t *len);
void sa__buf_reset(struct sa_buf *b); /* len = 0, memory kept */
void sa__buf_release(struct sa_buf *b);

#endif
