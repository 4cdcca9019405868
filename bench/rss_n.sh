#!/bin/sh
# Peak memory against audit size on the bench shop (issue #9): a folder audit of gen_shop.py's
# shop with --max-pages N for several N and --jobs values, printing peak RSS (GNU time) per
# run and, last, the growth per page between the smallest and the largest N for each --jobs.
# The target: under 64 MiB at N = 20 000 and under 2 KiB more per page. Folder audits need no
# server, so only shopaudit's own memory is measured. Asserts nothing.
#
# Usage: bench/rss_n.sh [BUILD_DIR]
# Environment: RSS_SIZES ("2000 5000 10000 20000"), RSS_JOBS ("1 2"),
#              BENCH_DIR (/tmp/shopaudit-bench: the generated shop, shared with run.sh)
set -eu

BUILD=${1:-build}
SIZES=${RSS_SIZES:-"2000 5000 10000 20000"}
JOBS=${RSS_JOBS:-"1 2"}
WORK=${BENCH_DIR:-/tmp/shopaudit-bench}
HERE=$(cd "$(dirname "$0")" && pwd)
SA=$(cd "$BUILD" && pwd)/shopaudit

die() { echo "rss_n: $*" >&2; exit 2; }
[ -x "$SA" ] || die "$SA not built (run make build)"
[ -x /usr/bin/time ] || die "/usr/bin/time missing (apt-get install time)"

max=0
for n in $SIZES; do [ "$n" -gt "$max" ] && max=$n; done
shop="$WORK/shop-$max"
mkdir -p "$WORK"
if [ ! -f "$shop/.done" ]; then
    rm -rf "$shop"
    python3 "$HERE/gen_shop.py" "$shop" "$max" >&2
    touch "$shop/.done"
fi
# The URL-trap check reads a digit run after "shop-" as a date in the path of every page and
# stops the audit early: the folder is audited under a name without digits, through hard links
# (no copy, and the start URL is resolved, so a symlink would not do).
alias_dir="$WORK/rss-shop"
if [ ! -f "$alias_dir/.done" ]; then
    rm -rf "$alias_dir"
    cp -al "$shop" "$alias_dir"
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

printf '%6s %5s %8s %12s %9s %9s\n' jobs N crawled peak_rss_kb wall_s user_s
for j in $JOBS; do
    for n in $SIZES; do
        /usr/bin/time -f '%M %e %U' -o "$TMP/time" "$SA" -q --jobs "$j" --max-pages "$n" \
            --json "$TMP/r.json" "$alias_dir/" || true
        crawled=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["site"]["pages_crawled"])' "$TMP/r.json")
        # shellcheck disable=SC2046 # three numbers, split on purpose
        set -- $(tail -1 "$TMP/time")
        printf '%6s %5s %8s %12s %9s %9s\n' "$j" "$n" "$crawled" "$1" "$2" "$3"
        echo "$j $crawled $1" >>"$TMP/rows"
    done
done
echo "growth per page, smallest to largest N:"
python3 - "$TMP/rows" <<'PY'
import sys
rows = {}
for line in open(sys.argv[1]):
    j, n, kb = line.split()
    rows.setdefault(j, []).append((int(n), int(kb)))
for j, v in rows.items():
    (n0, k0), (n1, k1) = min(v), max(v)
    if n1 > n0:
        print(f"  --jobs {j}: {(k1 - k0) * 1024 / (n1 - n0):.0f} bytes/page "
              f"({k0 / 1024:.1f} MiB at {n0}, {k1 / 1024:.1f} MiB at {n1})")
PY
