#!/bin/sh
# Peak memory against audit size (issue #8): generates a static shop of 5 000 product pages in a
# temp folder and audits it with --max-pages 500, 1000, 2000 and 5000, printing the peak RSS of
# each run (GNU time). The figure should stay flat: DOMs are freed after each page, and what
# grows per URL is only its entry in the seen-set and the report (~1 KB a page).
#     bench/rss_flat.sh [path/to/shopaudit]      (default: build/shopaudit)
# Prints figures only; asserts nothing (the machine's load decides the times).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/build/shopaudit}
PAGES=${RSS_PAGES:-5000}
[ -x "$BIN" ] || { echo "rss_flat: no shopaudit at $BIN (make build)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "rss_flat: /usr/bin/time missing (apt-get install time)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
SHOP=$TMP/shop
python3 - "$SHOP" "$PAGES" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
os.makedirs(os.path.join(root, "p"))
filler = "<p>" + "Loose leaf tea from small gardens, packed by hand. " * 40 + "</p>"
def page(i, up="../", here=""):
    # each page links to ten others, so the frontier always holds more than the budget; links
    # are relative because a folder audit is scoped to the folder
    links = "".join(f'<li><a href="{here}{(i * 7 + k) % n}.html">Tea {(i * 7 + k) % n}</a></li>'
                    for k in range(1, 11))
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width"><title>Tea {i}</title></head>'
            f'<body><header><a href="{up}cart.html">Cart</a> <a href="{up}contact.html">Contact</a>'
            f'</header><main><h1>Tea {i}</h1><p class="price">{i % 40 + 3}.50 EUR</p>'
            f'<button>Add to cart</button>{filler}<ul>{links}</ul></main>'
            f'<footer>Returns within 30 days. Free delivery over 50 EUR.</footer></body></html>')
with open(os.path.join(root, "index.html"), "w") as f:
    f.write(page(0, "", "p/").replace("<title>Tea 0", "<title>Tea shop"))
for i in range(n):
    with open(os.path.join(root, "p", f"{i}.html"), "w") as f:
        f.write(page(i))
for name in ("cart", "contact"):
    with open(os.path.join(root, f"{name}.html"), "w") as f:
        f.write(page(1, "", "p/").replace("<title>Tea 1", f"<title>{name}"))
PY
echo "rss_flat: $(ls "$SHOP/p" | wc -l) generated pages, $(du -sh "$SHOP" | cut -f1) on disk"
printf '%8s %10s %12s %10s\n' pages crawled peak_rss_kb seconds
for n in 500 1000 2000 5000; do
    [ "$n" -le "$PAGES" ] || continue
    /usr/bin/time -f '%M %e' -o "$TMP/time" "$BIN" -q --json "$TMP/r.json" --max-pages "$n" \
        "$SHOP" || true
    crawled=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["site"]["pages_crawled"])' "$TMP/r.json")
    set -- $(tail -1 "$TMP/time")
    printf '%8s %10s %12s %10s\n' "$n" "$crawled" "$1" "$2"
done
