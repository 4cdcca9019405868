/* shopaudit: crawl an online shop and score how well it keeps its buyers. Umbrella header. */
#ifndef SHOPAUDIT_H
#define SHOPAUDIT_H

#include "shopaudit/common.h"
#include "shopaudit/lexicon.h"
#include "shopaudit/page.h"
#include "shopaudit/check.h"
#include "shopaudit/report.h"
#include "shopaudit/audit.h"
#include "shopaudit/gate.h"
#include "shopaudit/rules.h"

#endif
