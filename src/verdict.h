/* Evidence helpers shared by the engine and the check helpers: the canonical order that makes
 * two audits of an unchanged site report the same evidence whatever the concurrency. */
#ifndef SA_VERDICT_H
#define SA_VERDICT_H

#include "shopaudit/check.h"

/* Index of the largest item by (url, where, snippet); 0 when the list is empty. */
size_t sa__evidence_max(const struct sa_evidence_list *l);
/* Sorts the items by (url, where, snippet). */
void sa__evidence_sort(struct sa_evidence_list *l);

#endif
