/* The registry of built-in checks. Adding a check: one file under checks/, one X() line here,
 * fixtures, tests. Order here is the order within a category in the reports. */
#include <string.h>

#include "shopaudit/check.h"

#define SA_BUILTIN_CHECKS(X)                                                                       \
    X(contacts)                                                                                    \
    X(about_company)                                                                               \
    X(live_help)                                                                                   \
    X(cart_visible)                                                                                \
    X(cta_buttons)                                                                                 \
    X(delivery_info)                                                                               \
    X(payment_info)                                                                                \
    X(guest_checkout)                                                                              \
    X(prices_visible)                                                                              \
    X(promo_fine_print)                                                                            \
    X(returns_policy)                                                                              \
    X(newsletter_signup)                                                                           \
    X(account_benefits)                                                                            \
    X(loyalty_program)                                                                             \
    X(reviews)                                                                                     \
    X(social_links)                                                                                \
    X(support_content)                                                                             \
    X(https)                                                                                       \
    X(mobile_viewport)                                                                             \
    X(broken_links)                                                                                \
    X(readable_text)

#define SA__DECLARE(id) extern const struct sa_check sa_check_##id;
SA_BUILTIN_CHECKS(SA__DECLARE)
#undef SA__DECLARE

const struct sa_check *const sa_builtin_checks[] = {
#define SA__ENTRY(id) &sa_check_##id,
    SA_BUILTIN_CHECKS(SA__ENTRY)
#undef SA__ENTRY
        NULL,
};

const struct sa_check *sa_check_find(const char *id)
{
    for (size_t i = 0; sa_builtin_checks[i]; i++)
        if (strcmp(sa_builtin_checks[i]->id, id) == 0) return sa_builtin_checks[i];
    return NULL;
}
