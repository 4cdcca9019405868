/* URL scope rules from the options: include/exclude patterns (PCRE2) that narrow which in-site
 * links the crawler follows. Compiled once per audit so a bad pattern is a usage error before
 * any request is sent. */
#ifndef SA_SCOPE_H
#define SA_SCOPE_H

#include <stddef.h>

struct sa__scope;

/* Compiles include and exclude (NULL-terminated pattern lists, either may be NULL). Returns
 * SA_OK with *out NULL when both are empty, else SA_OK, SA_EINVAL (reason in err:
 * "include[2] \"(a\": missing closing parenthesis at offset 2") or SA_ENOMEM. */
int sa__scope_new(const char *const *include, const char *const *exclude, struct sa__scope **out,
                  char *err, size_t errlen);
/* 1 when url passes: it matches some include pattern (or there are none) and no exclude
 * pattern. A NULL scope lets everything through. */
int sa__scope_allows(const struct sa__scope *s, const char *url);
void sa__scope_free(struct sa__scope *s);

#endif
