/* Replays fuzz inputs without libFuzzer: each argument is a file or a folder of files, each
 * file is fed once to the harness's LLVMFuzzerTestOneInput. ctest runs this over the
 * regression inputs (crashes found and fixed) and the seed corpora, under the plain and the
 * sanitizer builds, so a fixed bug stays fixed. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "replay: %s: cannot open\n", path);
        return 1;
    }
    size_t cap = 1 << 16, len = 0;
    uint8_t *buf = malloc(cap); /* lint:allow (a test driver, not the library) */
    for (;;) {
        if (!buf) break;
        if (len == cap) {
            uint8_t *b = realloc(buf, cap *= 2); /* lint:allow */
            if (!b) {
                free(buf); /* lint:allow */
                buf = NULL;
                break;
            }
            buf = b;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        if (n == 0) break;
        len += n;
    }
    fclose(f);
    if (!buf) {
        fprintf(stderr, "replay: %s: out of memory\n", path);
        return 1;
    }
    LLVMFuzzerTestOneInput(buf, len);
    free(buf); /* lint:allow */
    return 0;
}

int main(int argc, char **argv)
{
    int files = 0, bad = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "replay: %s: no such file or folder\n", argv[i]);
            return 2;
        }
        if (!S_ISDIR(st.st_mode)) {
            bad |= run_file(argv[i]);
            files++;
            continue;
        }
        struct dirent **names;
        int n = scandir(argv[i], &names, NULL, alphasort);
        for (int k = 0; k < n; k++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", argv[i], names[k]->d_name);
            if (names[k]->d_name[0] != '.' && stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
                bad |= run_file(path);
                files++;
            }
            free(names[k]); /* lint:allow */
        }
        free(names); /* lint:allow */
    }
    printf("replay: %d inputs\n", files);
    return bad || files == 0;
}
