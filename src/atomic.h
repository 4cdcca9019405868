/* Writing a whole file so that readers never see half of it: temp file in the same folder,
 * fsync, rename. Shared by the report writers. */
#ifndef SA_ATOMIC_H
#define SA_ATOMIC_H

#include <stddef.h>

/* Writes len bytes of data to path. Returns SA_OK, SA_EIO (reason in err) or SA_ENOMEM. */
int sa__write_atomic(const char *path, const char *data, size_t len, char *err, size_t errlen);

#endif
