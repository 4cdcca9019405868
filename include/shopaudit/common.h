/* Shared vocabulary of the public API: version, error codes and the byte slice.
 * Every function that can fail returns SA_OK (0) or a negative SA_E... code; the
 * codes and their messages come from one list, SA_ERR_MAP, so they cannot drift. */
#ifndef SHOPAUDIT_COMMON_H
#define SHOPAUDIT_COMMON_H

#include <stddef.h>

#define SA_VERSION  "0.1.0"
#define SA_HOMEPAGE "https://github.com/shopaudit/shopaudit"

/* X(name, value, message): messages are lower-case phrases without a final period, so
 * callers can build "shopaudit: <url>: <message>". */
#define SA_ERR_MAP(X)                                                                              \
    X(ENOMEM, -1, "out of memory")                                                                 \
    X(EURL, -2, "not a valid URL")                                                                 \
    X(ETOOBIG, -3, "size limit reached")                                                           \
    X(ENOTHTML, -4, "response is not HTML")                                                        \
    X(EIO, -5, "input/output error")                                                               \
    X(EPARSE, -6, "parse error")                                                                   \
    X(EINVAL, -7, "invalid argument")                                                              \
    X(EFETCH, -8, "fetch failed")                                                                  \
    X(EINTR, -9, "interrupted")                                                                    \
    X(ESCOPE, -10, "outside the audited site")                                                     \
    X(ECHARSET, -11, "unsupported charset")                                                        \
    X(EHTTP, -12, "HTTP error status")                                                             \
    X(EROBOTS, -13, "disallowed by robots.txt")

enum sa_err {
    SA_OK = 0,
#define SA__ERR_ENUM(name, val, msg) SA_##name = val,
    SA_ERR_MAP(SA__ERR_ENUM)
#undef SA__ERR_ENUM
};

/* Static text for an error code; never NULL, never allocates. */
const char *sa_strerror(int err);
/* The code's name ("ENOMEM"), for logs and tests. */
const char *sa_err_name(int err);

/* Bytes we do not own. Not NUL-terminated in general: print with "%.*s". */
struct sa_str {
    const char *ptr;
    size_t len;
};

#endif
