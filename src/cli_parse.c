/* Command-line value parsing shared by main.c and batch.c (see cli_parse.h). */
#include "cli_parse.h"

#include <errno.h>
#include <stdlib.h>

int sa__parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    double v = s && *s ? strtod(s, &end) : -1;
    if (!s || !*s || errno || !(v > 0)) return -1;
    double mult = 1;
    if (*end == 'k' || *end == 'K')
        mult = 1024.0, end++;
    else if (*end == 'm' || *end == 'M')
        mult = 1048576.0, end++;
    else if (*end == 'g' || *end == 'G')
        mult = 1073741824.0, end++;
    if (*end == 'B' || *end == 'b') end++;
    if (*end || v * mult > 4294967296.0 || v * mult < 1024) return -1;
    *out = (size_t)(v * mult);
    return 0;
}
