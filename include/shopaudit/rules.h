/* User-defined checks ("rules") loaded from JSON at run time, without recompiling: each rule
 * becomes a struct sa_check that the engine runs like a built-in one (pass it in
 * sa_options.extra_checks), with the same report entry, evidence and score contribution.
 * Format: docs/rules.md.
 *
 *     struct sa_rules *rs;
 *     if (sa_rules_load("rules.json", &rs, err, sizeof err) != SA_OK) ...;  // SA_EPARSE, ...
 *     o.extra_checks = sa_rules_checks(rs);
 *     ... run the audit ...
 *     sa_rules_free(rs);   // after sa_audit_free: the audit borrows the checks
 */
#ifndef SHOPAUDIT_RULES_H
#define SHOPAUDIT_RULES_H

#include <stddef.h>

#include "shopaudit/check.h"

struct sa_rules;

/* Parses a rules document (len bytes of JSON; name labels errors, e.g. the file name).
 * Returns SA_OK, SA_EPARSE with one line in err naming the rule and the reason
 * ('rules.json: rule "gift_wrap": selector: unexpected \'!\' at offset 3'), or SA_ENOMEM.
 * *out is the caller's: sa_rules_free. An empty "rules" array is valid. */
int sa_rules_parse(const char *json, size_t len, const char *name, struct sa_rules **out, char *err,
                   size_t errlen);
/* Reads path and parses it; SA_EIO when the file cannot be read. */
int sa_rules_load(const char *path, struct sa_rules **out, char *err, size_t errlen);
/* The rules as checks, NULL-terminated, in file order; borrowed until sa_rules_free. */
const struct sa_check *const *sa_rules_checks(const struct sa_rules *rs);
size_t sa_rules_count(const struct sa_rules *rs);
void sa_rules_free(struct sa_rules *rs);

/* Translates a CSS-like selector (tag, *, #id, .class, [attr], [attr=value], descendant " ",
 * child ">", groups ",") to an XPath 1.0 expression, for tests and error messages. Returns a
 * string the caller frees with free(), or NULL with the reason in err. */
char *sa_rules_css_to_xpath(const char *css, char *err, size_t errlen);

#endif
