/* Atomic report files (see atomic.h): mkstemp beside the target, write, fchmod, fsync, close,
 * rename. Every report writer uses it (JSON, HTML, SARIF, JUnit). */
#include "atomic.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "shopaudit/common.h"

int sa__write_atomic(const char *path, const char *data, size_t len, char *err, size_t errlen)
{
    char *tmp = sa__asprintf("%s.tmp.XXXXXX", path);
    const int rc = SA_EIO;
    int fd = -1;
    if (!tmp) {
        snprintf(err, errlen, "out of memory");
        return SA_ENOMEM;
    }
    fd = mkstemp(tmp);
    if (fd < 0) goto fail;
    for (size_t off = 0; off < len;) {
        ssize_t n = write(fd, data + off, len - off);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) goto fail;
        off += (size_t)n;
    }
    if (fchmod(fd, 0644) != 0 || fsync(fd) != 0) goto fail;
    int c = close(fd);
    fd = -1;
    if (c != 0 || rename(tmp, path) != 0) goto fail;
    sa__free(tmp);
    return SA_OK;
fail:;
    int e = errno; /* close and unlink may change it */
    snprintf(err, errlen, "%s: cannot write: %s", path, strerror(e));
    if (fd >= 0) close(fd);
    unlink(tmp);
    sa__free(tmp);
    errno = e; /* for callers that word their own message */
    return rc;
}
