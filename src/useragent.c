/* The one User-Agent string of an audit, shared by the crawler and the rendering browser so a
 * shop that varies on it shows both the same page. */
#include "useragent.h"

#include "alloc.h"
#include "shopaudit/audit.h"

char *sa__user_agent(const struct sa_options *o)
{
    if (o->user_agent) return sa__strdup(o->user_agent);
    if (o->mobile)
        return sa__asprintf("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
                            "(KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36 "
                            "shopaudit/%s (+%s)",
                            SA_VERSION, SA_HOMEPAGE);
    return sa__asprintf("Mozilla/5.0 (compatible; shopaudit/%s; +%s)", SA_VERSION, SA_HOMEPAGE);
}
