#!/bin/sh
# The speed bench (make bench): generates a synthetic shop per size, serves it with nginx on
# 127.0.0.1, and times shopaudit (all checks, default concurrency) against wget --recursive on
# it, alternating, BENCH_RUNS times each. Prints wall time, pages/s, CPU ms per page and peak
# RSS per run, shopaudit's CPU per page against a bare libxml2 parse of the same pages (over
# HTTP, and from disk with one page thread: the `shopaudit-disk` row), the same audit without
# the lexicon's matching (the `sa-nomatch` row: see below), a gzip run, callgrind
# instructions and cachegrind data misses per page on a small shop (figures machine noise
# cannot move), and, last, the ratios pages/s and peak RSS shopaudit/wget.
# Nothing is asserted: see bench/README.md for the targets.
#
# Usage: bench/run.sh [BUILD_DIR]
# Environment: BENCH_SIZES ("2000 20000"), BENCH_RUNS (3), BENCH_CALLGRIND_N (200; 0 skips callgrind and cachegrind),
#              BENCH_JOBS (0: shopaudit's default --jobs, one page thread per CPU),
#              BENCH_DIR (/tmp/shopaudit-bench: generated shops and logs, never committed)
set -eu

BUILD=${1:-build}
SIZES=${BENCH_SIZES:-"2000 20000"}
RUNS=${BENCH_RUNS:-3}
CG_N=${BENCH_CALLGRIND_N:-200}
JOBS=${BENCH_JOBS:-0}
WORK=${BENCH_DIR:-/tmp/shopaudit-bench}
HERE=$(cd "$(dirname "$0")" && pwd)
SA=$(cd "$BUILD" && pwd)/shopaudit

die() { echo "bench: $*" >&2; exit 2; }
[ -x "$SA" ] || die "$SA not built (run make build)"

# The tools the bench needs and the test suite does not: installed here, never by setup.sh.
need=""
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need="$need nginx"
command -v wget >/dev/null 2>&1 || need="$need wget"
command -v valgrind >/dev/null 2>&1 || need="$need valgrind"
[ -x /usr/bin/time ] || need="$need time"
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
if [ -n "$need" ]; then
    echo "bench: installing$need" >&2
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y $need >/dev/null || die "could not install$need"
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

mkdir -p "$WORK"
BARE="$WORK/bare_parse"
cc -std=c11 -O2 -Wall -Wextra -Werror "$HERE/bare_parse.c" \
    $(pkg-config --cflags --libs libxml-2.0) -o "$BARE" || die "bare_parse did not build"

# The floor of the matching: the same sources built with SA_NO_MATCHING, where every lexicon
# search answers "not found" at once. Run like shopaudit, it costs what fetching, parsing, the
# page model and the checks' own logic cost; the difference to shopaudit is the matching's.
NOMATCH_BUILD="$WORK/build-nomatch"
cmake -S "$HERE/.." -B "$NOMATCH_BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSA_NO_MATCHING=ON \
    >/dev/null || die "the build without matching did not configure"
cmake --build "$NOMATCH_BUILD" -j"$(getconf _NPROCESSORS_ONLN)" --target shopaudit >/dev/null ||
    die "the build without matching failed"
SA_NOMATCH="$NOMATCH_BUILD/shopaudit"

NGINX_PID=""
stop_nginx() {
    if [ -n "$NGINX_PID" ]; then
        kill "$NGINX_PID" 2>/dev/null || true
        wait "$NGINX_PID" 2>/dev/null || true
        NGINX_PID=""
    fi
}
trap 'stop_nginx' EXIT
trap 'stop_nginx; exit 130' INT TERM

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_nginx ROOT: two servers on the shop, identity on $PORT and gzip on $GZPORT.
start_nginx() {
    conf="$WORK/nginx"
    mkdir -p "$conf/tmp"
    PORT=$(free_port)
    GZPORT=$(free_port)
    cat >"$conf/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $conf/nginx.pid;
error_log $conf/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    types { text/html html; application/xml xml; text/plain txt; }
    default_type application/octet-stream;
    sendfile on;
    keepalive_requests 1000000;
    client_body_temp_path $conf/tmp/body;
    proxy_temp_path $conf/tmp/proxy;
    fastcgi_temp_path $conf/tmp/fastcgi;
    uwsgi_temp_path $conf/tmp/uwsgi;
    scgi_temp_path $conf/tmp/scgi;
    server { listen 127.0.0.1:$PORT; root $1; index index.html; gzip off; }
    # text/html is always in gzip_types
    server { listen 127.0.0.1:$GZPORT; root $1; index index.html;
             gzip on; gzip_types application/xml; gzip_min_length 256; }
}
EOF
    "$NGINX" -p "$conf" -c "$conf/nginx.conf" &
    NGINX_PID=$!
    i=0
    until python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/robots.txt')" 2>/dev/null; do
        i=$((i + 1))
        [ $i -lt 100 ] || die "nginx did not start (see $conf/error.log)"
        sleep 0.1
    done
}

# timed OUT CMD...: runs CMD under /usr/bin/time; OUT gets "wall user sys maxrss_kb".
timed() {
    out=$1
    shift
    /usr/bin/time -f "%e %U %S %M" -o "$out" "$@"
}

# row TOOL N PAGES TIMEFILE: one line of the table; also appended to $WORK/rows.
row() {
    read -r wall user sys rss <"$4"
    awk -v t="$1" -v n="$2" -v p="$3" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" 'BEGIN {
        printf "%-10s %6d %7d %9.2f %9.1f %9.2f %9.1f\n", t, n, p, w, (w > 0 ? p / w : 0),
               (p > 0 ? (u + s) * 1000 / p : 0), r / 1024 }'
    echo "$1 $2 $3 $wall $user $sys $rss" >>"$WORK/rows"
}

sa_pages() {
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["site"]["pages_crawled"])' "$1"
}

: >"$WORK/rows"
echo "shopaudit --jobs $JOBS (0: one page thread per online CPU; this machine has $(getconf _NPROCESSORS_ONLN))"
echo "tool           N   pages   wall(s)   pages/s  CPUms/pg  RSS(MiB)"
for n in $SIZES; do
    shop="$WORK/shop-$n"
    if [ ! -f "$shop/.done" ]; then
        rm -rf "$shop"
        python3 "$HERE/gen_shop.py" "$shop" "$n" >&2
        touch "$shop/.done"
    fi
    start_nginx "$shop"
    url="http://127.0.0.1:$PORT/"
    # Every file read once before the first timed run: a shop last read long ago comes from
    # disk, and the first run paid for that alone (here: 2.08 s against 1.70-1.77 s for the
    # same 2 000 pages once read), always shopaudit's, as it runs first in each pair.
    find "$shop" -type f -exec cat {} + >/dev/null
    # The same pages from disk with one page thread, as the bare parse reads them: no fetching,
    # no second thread. Under a name without digits (the URL-trap check reads "shop-2000/" in
    # every path as a date), through hard links: the start folder is resolved, so a symlink
    # would not do.
    disk="$WORK/disk-$(echo "$n" | tr 0-9 a-j)"
    [ -f "$disk/.done" ] || { rm -rf "$disk"; cp -al "$shop" "$disk"; }
    # Each round runs all four, so that the bare parse, the floor of the CPU ratio, sees the
    # machine the audits saw: measured once after them, on this shared host it once came out
    # 0.50-0.59 ms a page against its usual 0.32-0.37, and the ratio with it.
    rm -f "$WORK/bare-$n".*.txt
    r=1
    while [ $r -le "$RUNS" ]; do
        timed "$WORK/t.sa" "$SA" -q --jobs "$JOBS" --max-pages "$n" --json "$WORK/sa-$n.json" "$url" ||
            [ $? -eq 1 ] || die "shopaudit failed on $url"
        row shopaudit "$n" "$(sa_pages "$WORK/sa-$n.json")" "$WORK/t.sa"
        timed "$WORK/t.nm" "$SA_NOMATCH" -q --jobs "$JOBS" --max-pages "$n" \
            --json "$WORK/sa-nomatch-$n.json" "$url" ||
            [ $? -eq 1 ] || die "the build without matching failed on $url"
        row sa-nomatch "$n" "$(sa_pages "$WORK/sa-nomatch-$n.json")" "$WORK/t.nm"
        rm -rf "$WORK/wget"
        timed "$WORK/t.wget" wget --recursive --level=inf --no-parent --delete-after \
            -P "$WORK/wget" -o "$WORK/wget-$n.log" -nv "$url" || true
        row wget "$n" "$(grep 'URL:' "$WORK/wget-$n.log" | grep -vc 'robots\.txt' || true)" "$WORK/t.wget"
        "$BARE" "$shop" >"$WORK/bare-$n.$r.txt"
        sed "s/^/N=$n /" "$WORK/bare-$n.$r.txt"
        timed "$WORK/t.disk" "$SA" -q --jobs 1 --max-pages "$n" --json "$WORK/sa-disk-$n.json" "$disk/" ||
            [ $? -eq 1 ] || die "shopaudit failed on $disk"
        row shopaudit-disk "$n" "$(sa_pages "$WORK/sa-disk-$n.json")" "$WORK/t.disk"
        r=$((r + 1))
    done
    cat "$WORK/bare-$n".*.txt | awk '{ s += $4; k++ } END { print s / k }' >"$WORK/bare-$n"
    timed "$WORK/t.gz" "$SA" -q --jobs "$JOBS" --max-pages "$n" --json "$WORK/sa-gz-$n.json" "http://127.0.0.1:$GZPORT/" ||
        [ $? -eq 1 ] || die "shopaudit failed on the gzip server"
    row shopaudit-gz "$n" "$(sa_pages "$WORK/sa-gz-$n.json")" "$WORK/t.gz"
    stop_nginx
done

if [ "$CG_N" -gt 0 ]; then
    shop="$WORK/shop-$CG_N"
    [ -f "$shop/.done" ] || { rm -rf "$shop"; python3 "$HERE/gen_shop.py" "$shop" "$CG_N" >&2; touch "$shop/.done"; }
    # A folder, not the server: no poll loop or scheduling in the count.
    valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind.out" "$SA" -q \
        --max-pages "$CG_N" --json "$WORK/sa-cg.json" "$shop" 2>"$WORK/callgrind.log" || true
    valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind-bare.out" "$BARE" "$shop" \
        >/dev/null 2>"$WORK/callgrind-bare.log" || true
    ir=$(sed -n 's/.*Collected : //p' "$WORK/callgrind.log" | tr -d ,)
    irb=$(sed -n 's/.*Collected : //p' "$WORK/callgrind-bare.log" | tr -d ,)
    pages=$(sa_pages "$WORK/sa-cg.json")
    awk -v i="$ir" -v b="$irb" -v p="$pages" -v n="$CG_N" 'BEGIN {
        printf "callgrind N=%d: shopaudit %.1f M instructions per page, bare libxml2 parse %.1f M (x%.1f)\n",
               n, i / p / 1e6, b / n / 1e6, (b > 0 ? i / p / (b / n) : 0) }'
    echo "callgrind profile: callgrind_annotate $WORK/callgrind.out"
    # Data misses of a 1 MiB last-level cache, about an L2: what parts instructions from cycles
    # (a text's keys are written three times over); one page thread, so the count repeats.
    for w in sa bare; do
        if [ $w = sa ]; then set -- "$SA" -q --jobs 1 --max-pages "$CG_N" --json "$WORK/sa-cache.json"
        else set -- "$BARE"; fi
        valgrind --tool=cachegrind --cache-sim=yes --LL=1048576,16,64 \
            --cachegrind-out-file="$WORK/cachegrind-$w.out" "$@" "$shop" >/dev/null \
            2>"$WORK/cachegrind-$w.log" || true
    done
    miss() { sed -n 's/.*LLd misses: *\([0-9,]*\).*/\1/p' "$WORK/cachegrind-$1.log" | tr -d ,; }
    awk -v i="$(miss sa)" -v b="$(miss bare)" -v p="$(sa_pages "$WORK/sa-cache.json")" -v n="$CG_N" 'BEGIN {
        printf "cachegrind N=%d: shopaudit %.1f K data misses per page (1 MiB last-level cache), bare libxml2 parse %.1f K (x%.1f)\n",
               n, i / p / 1e3, b / n / 1e3, (b > 0 ? i / p / (b / n) : 0) }'
    echo "cache profile: cg_annotate --sort=DLmr,DLmw $WORK/cachegrind-sa.out"
fi

# Means over the runs; ratios last.
for n in $SIZES; do
    awk -v n="$n" -v bare="$(cat "$WORK/bare-$n")" '$2 == n && ($1 == "shopaudit" || $1 == "wget" || $1 == "shopaudit-disk" || $1 == "sa-nomatch") {
            k = $1; pages[k] += $3; wall[k] += $4; cpu[k] += $5 + $6; if ($7 > rss[k]) rss[k] = $7 }
        END {
            sp = pages["shopaudit"] / wall["shopaudit"]; wp = pages["wget"] / wall["wget"]
            sc = cpu["shopaudit"] * 1000 / pages["shopaudit"]
            sd = pages["shopaudit-disk"] ? cpu["shopaudit-disk"] * 1000 / pages["shopaudit-disk"] : 0
            printf "N=%d: shopaudit CPU/page %.2f ms = %.1f x bare libxml2 parse (%.3f ms, the mean of its runs)\n", n, sc, sc / bare, bare
            printf "N=%d: from disk, one page thread: CPU/page %.2f ms = %.1f x bare libxml2 parse\n", n, sd, sd / bare
            sn = pages["sa-nomatch"] ? cpu["sa-nomatch"] * 1000 / pages["sa-nomatch"] : 0
            wc = pages["wget"] ? cpu["wget"] * 1000 / pages["wget"] : 0
            printf "N=%d: without matching (sa-nomatch): CPU/page %.2f ms = %.1f x bare; the matching is %.0f%% of shopaudit CPU\n", n, sn, sn / bare, (sc > 0 ? 100 * (sc - sn) / sc : 0)
            printf "N=%d: wget (fetching and scanning links only): CPU/page %.2f ms = %.1f x bare\n", n, wc, wc / bare
            printf "N=%d: pages/s shopaudit/wget = %.2f   peak RSS shopaudit/wget = %.2f\n", n, sp / wp,
                   rss["shopaudit"] / rss["wget"] }' "$WORK/rows"
done
