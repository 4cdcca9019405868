/* Fuzzes the script, style and plain text reader (src/html_raw.c) against libxml2 itself: a
 * document must give the same tree whether libxml2 reads its texts or they are taken out first
 * and put back; any difference aborts. Each '@' of the input stands for 70 bytes of script text
 * and each '#' for a line of plain text (47 bytes), so that short inputs reach the sizes at which
 * texts are taken. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fuzz.h"
#include "html.h"
#include "shopaudit/common.h"

static const char filler[] = "var a = window.x || {}; a.y = [1, 2, 3]; // 0123456789012345678\n";
static const char words[] = "Free delivery over 50 euro, returns in 30 days\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_route();
    struct sa_buf in;
    sa__buf_init(&in, (size_t)64 << 20);
    int rc = SA_OK;
    for (size_t i = 0, from = 0; i <= size && rc == SA_OK; i++)
        if (i == size || data[i] == '@' || data[i] == '#') {
            rc = sa__buf_append(&in, data + from, i - from);
            if (rc == SA_OK && i < size)
                rc = data[i] == '@' ? sa__buf_append(&in, filler, sizeof filler - 1)
                                    : sa__buf_append(&in, words, sizeof words - 1);
            from = i + 1;
        }
    char *utf8 = NULL;
    size_t ulen = 0;
    if (rc == SA_OK && in.ptr &&
        sa__charset_to_utf8(in.ptr, in.len, "utf-8", &utf8, &ulen) == SA_OK) {
        struct sa_buf a, b;
        int ra = sa__html_outline(utf8, ulen, 0, &a, NULL),
            rb = sa__html_outline(utf8, ulen, 1, &b, NULL);
        /* out of memory may stop either way; a tree each must be the same tree */
        if (ra == SA_OK && rb == SA_OK && (a.len != b.len || memcmp(a.ptr, b.ptr, a.len) != 0))
            abort();
        sa__buf_release(&a);
        sa__buf_release(&b);
    }
    sa__free(utf8);
    sa__buf_release(&in);
    return 0;
}
