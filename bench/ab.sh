#!/bin/sh
# Which of two shopaudit binaries takes less CPU on the bench shop, told apart on a noisy
# shared machine: both audit the same folder at the same time, each pinned to a core of its own,
# and they swap cores every run, so both see the same load from the host, and a core that is
# slower than the other (here one often was, by 10-40%) weighs on both alike. Each pair of runs
# (A on core 0 then core 1, B the other way round) gives the geometric mean of B's CPU over A's;
# the last line gives their mean and how many pairs B won. Asserts nothing.
#
# Usage: bench/ab.sh A B [PAIRS]   (A and B: shopaudit binaries; PAIRS: 5)
# Environment: AB_PAGES (2000), BENCH_DIR (/tmp/shopaudit-bench: the generated shop, shared
#              with run.sh and made there when missing)
set -eu

die() { echo "ab: $*" >&2; exit 2; }
[ $# -ge 2 ] || die "usage: bench/ab.sh A B [PAIRS]"
A=$1
B=$2
PAIRS=${3:-5}
N=${AB_PAGES:-2000}
WORK=${BENCH_DIR:-/tmp/shopaudit-bench}
HERE=$(cd "$(dirname "$0")" && pwd)
SHOP=$WORK/shop-$N
for bin in "$A" "$B"; do [ -x "$bin" ] || die "$bin is not an executable"; done
command -v taskset >/dev/null || die "taskset is missing (Debian: util-linux)"
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (Debian: time)"
[ "$(nproc)" -ge 2 ] || die "needs two cores"
[ -d "$SHOP" ] || python3 "$HERE/gen_shop.py" "$SHOP" "$N" >/dev/null || die "no shop in $SHOP"
find "$SHOP" -type f -exec cat {} + >/dev/null # both read it from the page cache

OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT INT TERM

# CPU seconds (user + sys) of one audit by $1 on core $2, into file $3.
run() {
    rm -rf "$OUT/r$2"
    /usr/bin/time -f "%U %S" -o "$3" taskset -c "$2" "$1" -q --jobs 1 --max-pages "$N" \
        -o "$OUT/r$2" "$SHOP" >/dev/null 2>&1 || die "$1 failed on $SHOP"
}

p=0
while [ "$p" -lt "$PAIRS" ]; do
    for c in 0 1; do
        run "$A" "$c" "$OUT/a$c" &
        run "$B" "$((1 - c))" "$OUT/b$c" &
        wait
    done
    awk -v p="$((p + 1))" '
        FNR == 1 { t[FILENAME] = $1 + $2 }
        END {
            a0 = t[ARGV[1]]; a1 = t[ARGV[2]]; b0 = t[ARGV[3]]; b1 = t[ARGV[4]]
            printf "pair %d: A %.2f %.2f s, B %.2f %.2f s, B/A %.3f\n", p, a0, a1, b0, b1,
                sqrt((b0 / a0) * (b1 / a1))
        }' "$OUT/a0" "$OUT/a1" "$OUT/b0" "$OUT/b1"
    p=$((p + 1))
done | tee "$OUT/pairs"
awk '{ r = $NF + 0; s += log(r); n++; if (r < 1) w++ }
     END { printf "B/A CPU %.3f (geometric mean of %d pairs), B less in %d\n", exp(s / n), n, w }' \
    "$OUT/pairs"
