#!/bin/sh
# make demo: serve the bundled demo shop on 127.0.0.1 with the fixture server, audit it, write
# out/demo/report.json and out/demo/report.html, print the summary, stop the server whatever happens.
set -eu
BIN=${1:-build/shopaudit}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${DEMO_OUT:-$ROOT/out/demo}
tmp=$(mktemp -d)
server=""
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
python3 "$ROOT/tests/server.py" --root "$ROOT/fixtures/demo-shop" --port 0 \
    --port-file "$tmp/port" --log "$tmp/access.log" &
server=$!
i=0
while [ ! -s "$tmp/port" ]; do
    i=$((i + 1))
    [ $i -gt 100 ] && { echo "demo: the fixture server did not start" >&2; exit 1; }
    sleep 0.1
done
url="http://127.0.0.1:$(cat "$tmp/port")/"
echo "demo: auditing the demo shop at $url" >&2
rc=0
"$BIN" --out "$OUT" "$url" || rc=$?
[ $rc -le 1 ] || exit $rc
echo "demo: reports written to ${OUT#$ROOT/}/report.json and ${OUT#$ROOT/}/report.html" >&2
