#!/bin/sh
# Rebuilds the seed corpora in fuzz/corpus/ from the fixtures: real pages, robots.txt files,
# sitemaps, the links found in the pages and their visible words. Run it after fixtures change;
# the result is committed so CI needs no fixtures logic.
set -eu
cd "$(dirname "$0")"
F=../fixtures
rm -rf corpus && mkdir -p corpus/page corpus/url corpus/robots corpus/sitemap corpus/lexicon corpus/html
i=0
# Every 3rd fixture page keeps the corpus small (libFuzzer grows it by itself).
find $F -name '*.html' | sort | awk 'NR % 3 == 1' | while read -r f; do
    i=$((i + 1))
    { printf 'text/html; charset=utf-8\n'; cat "$f"; } >corpus/page/fixture-$i
done
printf 'text/html\n<meta charset="windows-1251"><title>\xcf\xf0\xe8\xe2\xe5\xf2</title>' >corpus/page/cp1251
printf 'text/html; charset=utf-16\n\xff\xfe<\0h\0t\0m\0l\0>\0' >corpus/page/utf16
printf '\n<html><body><form><form><input name=a></form></table></b>\0<p>x' >corpus/page/broken
# html (fuzz_html.c): fixture pages with scripts or styles, and documents whose '@' stand for
# script text
n=0
find $F -name '*.html' | sort | xargs grep -l -i -E '<(script|style)' | awk 'NR % 4 == 1' |
    while read -r f; do
        n=$((n + 1))
        cp "$f" corpus/html/fixture-$n
    done
printf '<!DOCTYPE html><html><head><script>@@@@@@@@@@@@@@@@</script><style>@@@@</style></head><body><p>\xd0\x9a\xd0\xbe\xd1\x80\xd0\xb7\xd0\xb8\xd0\xbd\xd0\xb0<script type="application/ld+json">@@@</script><div title="<script>">x</div><!-- <script> --><script/>y</body></html>' >corpus/html/taken
printf '<html><script>@@@@@@@@@@@@@@@@@@@@</script><div "a>b"><script>c</script><!-- a --!><style></p>@</style><script>a</scriptx>@</script>' >corpus/html/hostile
n=0
for f in $(find $F -name robots.txt | sort); do n=$((n + 1)); cp "$f" corpus/robots/fixture-$n; done
n=0
for f in $(find $F -name 'sitemap*.xml' | sort); do n=$((n + 1)); cp "$f" corpus/sitemap/fixture-$n; done
n=0
grep -ohE 'href="[^"]*"' $(find $F -name '*.html' | sort) | sed 's/^href="//; s/"$//' | sort -u |
    head -60 | while IFS= read -r h; do
    n=$((n + 1))
    printf 'http://shop.test:8080/a/b/c.html?x=1\n%s' "$h" >corpus/url/href-$n
done
printf 'https://WWW.Shop.TEST:443/./a/../b/%%7e?utm_source=x&PHPSESSID=1#f\n../../c;jsessionid=9?q=%%zz' >corpus/url/messy
printf 'file:///tmp/site/index.html\n../other/x.html' >corpus/url/file
n=0
for w in 'Add to cart' 'Корзина' 'Warenkorb' 'ตะกร้าสินค้า' 'Contact us' 'Free delivery over 50' \
    'Returns within 30 days' '/checkout/cart?id=1' 'Über uns' 'お問い合わせ'; do
    n=$((n + 1))
    printf '\%03o%s' "$n" "$w" >corpus/lexicon/word-$n
done
echo "corpus: $(find corpus -type f | wc -l) files"
