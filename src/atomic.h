/* Writing a report file so that readers never see half of it: a temporary file in the same
 * folder, flushed to disk, then renamed over the target. */
#ifndef SA_ATOMIC_H
#define SA_ATOMIC_H

#include <stddef.h>

/* Writes data[0..len) to path atomically, mode 0644. Returns SA_OK, or SA_EIO/SA_ENOMEM with
 * "path: cannot write: reason" in err (errno kept); no temporary file is left behind on
 * failure. */
int sa__write_atomic(const char *path, const char *data, size_t len, char *err, size_t errlen);

#endif
