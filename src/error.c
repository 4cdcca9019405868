/* Messages and names for the error codes, generated from SA_ERR_MAP. */
#include "shopaudit/common.h"

const char *sa_strerror(int err)
{
    switch (err) {
    case SA_OK:
        return "success";
#define SA__ERR_MSG(name, val, msg)                                                                \
    case SA_##name:                                                                                \
        return msg;
        SA_ERR_MAP(SA__ERR_MSG)
#undef SA__ERR_MSG
    }
    return "unknown error";
}

const char *sa_err_name(int err)
{
    switch (err) {
    case SA_OK:
        return "OK";
#define SA__ERR_NAME(name, val, msg)                                                               \
    case SA_##name:                                                                                \
        return #name;
        SA_ERR_MAP(SA__ERR_NAME)
#undef SA__ERR_NAME
    }
    return "EUNKNOWN";
}
