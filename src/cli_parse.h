/* Parsing of command-line values shared by the single audit (main.c) and batch mode
 * (batch.c), so "5M" means the same to both. Nothing here prints: callers word the error. */
#ifndef SA_CLI_PARSE_H
#define SA_CLI_PARSE_H

#include <stddef.h>

/* A byte size with an optional k, M or G suffix (powers of 1024) and an optional B, between
 * 1 KiB and 4 GiB: "5M", "64k", "1.5G". 0, or -1 when s is anything else. */
int sa__parse_size(const char *s, size_t *out);

#endif
