#!/bin/sh
# Lets a script say no (curl's checksrc): bans calls that have bitten C projects for decades,
# and printing from the library. A waiver is an inline "lint:allow" comment on the line.
set -u
cd "$(dirname "$0")/.."
status=0
ban() { # pattern, reason, files...
    pattern=$1
    reason=$2
    shift 2
    hits=$(grep -nE "$pattern" "$@" 2>/dev/null | grep -v -e "lint:allow" -e "format(printf")
    if [ -n "$hits" ]; then
        printf '%s\n' "$hits" | while IFS= read -r line; do printf 'lint: %s: %s\n' "$reason" "$line"; done
        status=1
    fi
}
# the CLI (main.c and the batch/merge subcommands) is the part that prints
lib=$(ls src/*.c checks/*.c | grep -v -e '^src/main\.c$' -e '^src/batch\.c$' -e '^src/merge\.c$')
ban '(^|[^a-z_])sprintf\(' "sprintf (use snprintf)" src/*.c checks/*.c
ban '(^|[^a-z_])(strcpy|strcat|gets|atoi|atol)\(' "unbounded or unchecked call" src/*.c checks/*.c
# shellcheck disable=SC2086
ban '(^|[^a-z_])((printf|puts|perror)\(|(stderr|stdout)([^a-z_]|$))' "the library never prints" $lib
# shellcheck disable=SC2086
ban '(^|[^a-z_.>])(malloc|calloc|realloc|free|strdup|strndup)\(' \
    "allocate through sa__malloc & co (src/alloc.h)" $(echo "$lib" | grep -v '^src/alloc\.c$')
[ $status -eq 0 ] && echo "lint: clean"
exit $status
