/* Message catalogues: the embedded locale/<lang>.json files, parsed with cJSON on demand, and
 * the printf-signature test that keeps a translation from reading the wrong arguments. */
#include "l10n.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"

struct sa_catalog {
    char lang[16];
    cJSON *root;           /* owned */
    const cJSON *messages; /* into root: msgid -> translation */
    const char *name;      /* into root */
};

static const struct sa__locale_blob *find_blob(const char *lang)
{
    for (const struct sa__locale_blob *b = sa__locale_blobs; b->name; b++)
        if (strcmp(b->name, lang) == 0) return b;
    return NULL;
}

int sa__l10n_has(const char *lang)
{
    return lang && (strcmp(lang, "en") == 0 || find_blob(lang) != NULL);
}

int sa__fmt_signature(const char *fmt, char *sig, size_t siglen)
{
    size_t o = 0;
    if (siglen == 0) return -1;
    sig[0] = '\0';
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') continue;
        p++;
        if (*p == '%') continue;
        char item[8];
        while (*p && strchr("-+ #0'", *p)) p++;
        for (int k = 0; k < 2; k++) { /* width, then precision: '*' takes an int argument */
            if (k == 1) {
                if (*p != '.') break;
                p++;
            }
            if (*p == '*') {
                if (o + 2 >= siglen) return -1;
                o += (size_t)snprintf(sig + o, siglen - o, "%s*", o ? "," : "");
                p++;
            }
            while (*p >= '0' && *p <= '9') p++;
            if (*p == '$') return -1; /* positional arguments: order would not be checked */
        }
        size_t n = 0;
        while (*p && strchr("hlzjtL", *p) && n < 2) item[n++] = *p++;
        if (!*p || !strchr("diouxXeEfFgGaAcsp", *p)) return -1; /* %n, unknown, cut off */
        item[n++] = *p;
        item[n] = '\0';
        if (o + n + 2 >= siglen) return -1;
        o += (size_t)snprintf(sig + o, siglen - o, "%s%s", o ? "," : "", item);
    }
    return 0;
}

int sa__fmt_compatible(const char *a, const char *b)
{
    char sa[256], sb[256];
    return sa__fmt_signature(a, sa, sizeof sa) == 0 && sa__fmt_signature(b, sb, sizeof sb) == 0 &&
           strcmp(sa, sb) == 0;
}

int sa__catalog_new(const char *lang, struct sa_catalog **out, size_t *dropped)
{
    *out = NULL;
    if (dropped) *dropped = 0;
    const struct sa__locale_blob *b = lang ? find_blob(lang) : NULL;
    if (!b) return SA_EINVAL;
    struct sa_catalog *c = sa__calloc(1, sizeof *c);
    if (!c) return SA_ENOMEM;
    snprintf(c->lang, sizeof c->lang, "%s", lang);
    c->root = cJSON_ParseWithLength((const char *)b->data, b->len);
    cJSON *msgs = cJSON_GetObjectItemCaseSensitive(c->root, "messages");
    if (!c->root || !cJSON_IsObject(msgs)) {
        int rc = c->root ? SA_EINVAL : SA_ENOMEM; /* a blob that fails to parse is a build bug */
        sa__catalog_free(c);
        return rc;
    }
    cJSON *it = msgs->child;
    while (it) {
        cJSON *next = it->next;
        if (!cJSON_IsString(it) || !it->string ||
            !sa__fmt_compatible(it->string, it->valuestring)) {
            cJSON_Delete(cJSON_DetachItemViaPointer(msgs, it));
            if (dropped) (*dropped)++;
        }
        it = next;
    }
    c->messages = msgs;
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(c->root, "name");
    c->name = cJSON_IsString(name) ? name->valuestring : c->lang;
    *out = c;
    return SA_OK;
}

void sa__catalog_free(struct sa_catalog *c)
{
    if (!c) return;
    cJSON_Delete(c->root);
    sa__free(c);
}

const char *sa__catalog_get(const struct sa_catalog *c, const char *msgid)
{
    if (!c || !msgid || !*msgid) return NULL;
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(c->messages, msgid);
    return cJSON_IsString(t) && t->valuestring[0] ? t->valuestring : NULL;
}

const char *sa__tr(const struct sa_catalog *c, const char *msgid)
{
    const char *t = sa__catalog_get(c, msgid);
    return t ? t : msgid;
}

const char *sa__catalog_lang(const struct sa_catalog *c)
{
    return c ? c->lang : "en";
}
