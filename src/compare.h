/* Private seam between the baseline comparison and the JSON writer. */
#ifndef SA_COMPARE_H
#define SA_COMPARE_H

#include <cjson/cJSON.h>

#include "shopaudit/gate.h"

/* The "comparison" object of the JSON report; NULL on ENOMEM. The caller owns it. */
cJSON *sa__comparison_json(const struct sa_comparison *c);

#endif
