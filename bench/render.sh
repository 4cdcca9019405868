#!/bin/sh
# Rendering speed and the browser's memory (issue #11): generates a 30-page JavaScript shop
# (every page an empty #root filled by a script from /catalog.json after load), serves it with
# tests/server.py and measures
#   - the CLI: --render never, then --render always with --render-jobs 1 and 2 (pages/s over
#     the whole audit, browser start included; the crawl hands pages over one at a time until
#     page work moves onto worker threads (--jobs), so --render-jobs shows only from then on);
#   - build/render_driver: the same 30 pages rendered through the engine's render policy from
#     30 threads with 1, 2 and 4 tabs (pages/s after the browser start, and its peak memory).
#     bench/render.sh [build dir]      (default: build)
# Prints figures only; asserts nothing (the machine's load decides the times).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
BIN=$BUILD/shopaudit
DRIVER=$BUILD/render_driver
PAGES=${RENDER_PAGES:-30}
[ -x "$BIN" ] && [ -x "$DRIVER" ] || { echo "render: build first (make build)" >&2; exit 2; }
TMP=$(mktemp -d)
SRV=
trap '[ -n "$SRV" ] && kill "$SRV" 2>/dev/null; rm -rf "$TMP"' EXIT INT TERM
python3 - "$TMP/shop" "$PAGES" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
os.makedirs(root)
links = "".join(f'<a href="/p{i}.html" style="display:none">p{i}</a>' for i in range(1, n))
shell = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Loading</title>'
         '<script src="/app.js" defer></script></head><body>'
         '<noscript>You need to enable JavaScript to run this app.</noscript>'
         '<div id="root"></div>' + links + '</body></html>')
for name in ["index"] + [f"p{i}" for i in range(1, n)]:
    with open(os.path.join(root, name + ".html"), "w") as f:
        f.write(shell)
with open(os.path.join(root, "app.js"), "w") as f:
    f.write('window.addEventListener("load", function () {\n'
            '  fetch("/catalog.json").then(function (r) { return r.json(); }).then(function (c) {\n'
            '    document.getElementById("root").innerHTML = "<a class=\\"cart\\" href=\\"/\\">Cart ("'
            ' + c.cart + ")</a><p class=\\"price\\">$" + c.price + "</p>"'
            ' + "<button class=\\"add-to-cart\\">Add to cart</button>";\n  });\n});\n')
with open(os.path.join(root, "catalog.json"), "w") as f:
    f.write('{"cart": 0, "price": "49.00"}\n')
PY
python3 "$ROOT/tests/server.py" --root "$TMP/shop" --port-file "$TMP/port" &
SRV=$!
while [ ! -s "$TMP/port" ]; do sleep 0.05; done
URL="http://127.0.0.1:$(cat "$TMP/port")"

now() { python3 -c 'import time; print(time.monotonic())'; }
report() { # mode label: one line from the JSON report
    python3 - "$TMP/r.json" "$1" "$2" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
rr, pages = r["render"], len(r["pages"])
secs = float(sys.argv[2])
print(f"cli {sys.argv[3]:<22} {pages} pages in {secs:5.1f} s = {pages / secs:5.2f} pages/s; "
      f"rendered {rr['pages_rendered']}, browser start {rr['browser_start_ms']} ms, "
      f"browser peak {rr['browser_peak_rss_kb'] // 1024} MB, shopaudit peak "
      f"{rr['shopaudit_peak_rss_kb'] // 1024} MB")
PY
}
cli() { # label, options
    label=$1
    shift
    t0=$(now)
    "$BIN" -q --json "$TMP/r.json" --max-pages "$PAGES" "$@" "$URL/" || true
    t1=$(now)
    report "$(python3 -c "print($t1 - $t0)")" "$label"
}
cli "--render never" --render never
cli "always, --render-jobs 1" --render always --render-jobs 1
cli "always, --render-jobs 2" --render always --render-jobs 2

set --
i=1
while [ "$i" -lt "$PAGES" ]; do set -- "$@" "$URL/p$i.html"; i=$((i + 1)); done
for jobs in 1 2 4; do
    # one warm-up URL would hide the start: the driver's own time includes it, so time a
    # one-page run too and subtract it
    t0=$(now)
    "$DRIVER" "$jobs" "$URL/" >/dev/null 2>&1 || true
    t1=$(now)
    "$DRIVER" "$jobs" "$@" >"$TMP/d.out" 2>/dev/null || true
    t2=$(now)
    python3 - "$TMP/d.out" "$jobs" "$t0" "$t1" "$t2" "$#" <<'PY'
import sys
out = open(sys.argv[1]).read().splitlines()
jobs, t0, t1, t2, n = sys.argv[2], *map(float, sys.argv[3:6]), int(sys.argv[6])
ok = sum(1 for l in out if l.count("\t") == 2 and l.split("\t")[1] == "1")
peak = next(int(l.split()[1]) for l in out if l.startswith("peak_rss_kb"))
# a run of n pages minus a run of one page: n - 1 renders without the browser's start
rate = (n - 1) / max((t2 - t1) - (t1 - t0), 1e-3)
print(f"driver --render-jobs {jobs}: {ok}/{n} rendered in {t2 - t1:5.1f} s, "
      f"{rate:5.2f} pages/s after the start; browser peak {peak // 1024} MB")
PY
done
