#!/usr/bin/env python3
"""Deterministic generator of a synthetic shop for the speed bench.

Writes N HTML pages (index, cart, checkout, contact, delivery, returns, about, promotions,
categories and products), robots.txt and sitemap.xml into OUT. The same N and seed always give
the same bytes, so two runs (or shopaudit and wget) see the same shop. Pages are 20-80 KB with a
header, nav and footer, inline styles and scripts, prices, add-to-cart forms and reviews; about
30% of them are in Russian, Thai or Greek; each links to 40-60 other pages of the shop, and
page i always links to page i+1 so that every page is reachable from the home page.

Usage: gen_shop.py OUT N [--seed S]
"""
import argparse
import os
import random
import sys

LANGS = {
    "en": {
        "words": "tea leaf fresh estate green black oolong aroma cup brew spring harvest tin "
                 "gift smooth sweet floral roasted garden mountain morning evening quality "
                 "organic blend classic traditional delicate rich golden".split(),
        "cart": "Cart", "add": "Add to cart", "buy": "Buy now", "checkout": "Checkout",
        "contact": "Contact us", "delivery": "Delivery", "returns": "Returns",
        "about": "About us", "promo": "Sale", "reviews": "Customer reviews",
        "price": lambda v: "$%d.%02d" % (v // 100, v % 100),
        "deliv_text": "We ship within 1-3 days. Free delivery on orders over $50. "
                      "Pickup points in every city.",
        "ret_text": "Returns within 30 days, full refund. Exchange is free of charge.",
        "pay_text": "We accept Visa, Mastercard, PayPal and cash on delivery.",
        "contact_text": "Phone: +1 503 555 0134. Address: 12 Main Street, Portland.",
        "about_text": "Founded in 1998, Kettle and Leaf Ltd is a family tea company.",
        "promo_text": "Spring sale: 20% off green teas. Terms and conditions apply.",
        "news": "Subscribe to our newsletter", "review": "Rated 5 out of 5 by",
    },
    "ru": {
        "words": "чай лист свежий плантация зелёный чёрный улун аромат чашка весна урожай "
                 "банка подарок мягкий сладкий цветочный горный утренний вечерний качество "
                 "органический купаж классический традиционный нежный золотой".split(),
        "cart": "Корзина", "add": "В корзину", "buy": "Купить", "checkout": "Оформить заказ",
        "contact": "Контакты", "delivery": "Доставка", "returns": "Возврат",
        "about": "О компании", "promo": "Акции", "reviews": "Отзывы покупателей",
        "price": lambda v: "%d %03d руб." % (v // 1000 % 1000 or 1, v % 1000),
        "deliv_text": "Доставка за 1-3 дня. Бесплатная доставка от 3 000 руб. Самовывоз из "
                      "пунктов выдачи.",
        "ret_text": "Возврат товара в течение 14 дней, деньги вернём полностью.",
        "pay_text": "Оплата картой Visa, Mastercard, МИР или наличными при получении.",
        "contact_text": "Телефон: 8-800-555-35-35. Адрес: ул. Ленина, 12, Москва.",
        "about_text": "ООО «Чайный лист» работает с 2005 года. ИНН 7701234567.",
        "promo_text": "Скидка 20% на зелёный чай. Подробности акции на сайте.",
        "news": "Подпишитесь на рассылку", "review": "Оценка 5 из 5, автор",
    },
    "th": {
        "words": "ชา ใบชา สด ไร่ชา ชาเขียว ชาดำ อูหลง กลิ่นหอม ถ้วย ชง ฤดูใบไม้ผลิ เก็บเกี่ยว "
                 "กระป๋อง ของขวัญ นุ่ม หวาน ดอกไม้ คั่ว สวน ภูเขา เช้า เย็น คุณภาพ ออร์แกนิก".split(),
        "cart": "ตะกร้าสินค้า", "add": "หยิบใส่ตะกร้า", "buy": "ซื้อเลย", "checkout": "ชำระเงิน",
        "contact": "ติดต่อเรา", "delivery": "การจัดส่ง", "returns": "การคืนสินค้า",
        "about": "เกี่ยวกับเรา", "promo": "โปรโมชั่น", "reviews": "รีวิวจากลูกค้า",
        "price": lambda v: "฿%d" % (v // 10),
        "deliv_text": "จัดส่งภายใน 1-3 วัน ส่งฟรีเมื่อสั่งซื้อครบ ฿1,000",
        "ret_text": "คืนสินค้าได้ภายใน 7 วัน คืนเงินเต็มจำนวน",
        "pay_text": "ชำระเงินด้วยบัตรเครดิต พร้อมเพย์ หรือเก็บเงินปลายทาง",
        "contact_text": "โทร 02-123-4567 ที่อยู่ ถนนสุขุมวิท กรุงเทพฯ",
        "about_text": "บริษัท ใบชา จำกัด ก่อตั้งเมื่อปี 2010",
        "promo_text": "ลด 20% สำหรับชาเขียว เงื่อนไขเป็นไปตามที่บริษัทกำหนด",
        "news": "สมัครรับจดหมายข่าว", "review": "คะแนน 5 จาก 5 โดย",
    },
    "el": {
        "words": "τσάι φύλλο φρέσκο κτήμα πράσινο μαύρο άρωμα φλιτζάνι άνοιξη συγκομιδή "
                 "κουτί δώρο απαλό γλυκό λουλουδένιο βουνό πρωινό βραδινό ποιότητα "
                 "βιολογικό χαρμάνι κλασικό παραδοσιακό".split(),
        "cart": "Καλάθι", "add": "Προσθήκη στο καλάθι", "buy": "Αγορά τώρα",
        "checkout": "Ολοκλήρωση παραγγελίας", "contact": "Επικοινωνία",
        "delivery": "Αποστολή", "returns": "Επιστροφές", "about": "Σχετικά με εμάς",
        "promo": "Προσφορές", "reviews": "Κριτικές πελατών",
        "price": lambda v: "%d,%02d €" % (v // 100, v % 100),
        "deliv_text": "Αποστολή σε 1-3 ημέρες. Δωρεάν μεταφορικά για αγορές άνω των 50 €.",
        "ret_text": "Επιστροφές εντός 14 ημερών με πλήρη επιστροφή χρημάτων.",
        "pay_text": "Πληρωμή με κάρτα, PayPal ή αντικαταβολή.",
        "contact_text": "Τηλέφωνο: 210 123 4567. Διεύθυνση: Οδός Ερμού 12, Αθήνα.",
        "about_text": "Η Φύλλο Τσαγιού Α.Ε. ιδρύθηκε το 1998. ΑΦΜ 123456789.",
        "promo_text": "Έκπτωση 20% στο πράσινο τσάι. Ισχύουν όροι και προϋποθέσεις.",
        "news": "Εγγραφείτε στο newsletter", "review": "Βαθμολογία 5 στα 5 από",
    },
}

STATIC = ["index", "cart", "checkout", "contact", "delivery", "returns", "about", "promo"]


def page_paths(n):
    """The N page paths: the eight fixed pages, then 1 category per 20 products."""
    paths = ["index.html", "cart.html", "checkout.html", "contact.html", "delivery.html",
             "returns.html", "about.html", "promo/spring-sale.html"][:n]
    rest = n - len(paths)
    ncat = max(1, rest // 21) if rest > 0 else 0
    for i in range(min(ncat, rest)):
        paths.append("catalog/category-%d.html" % i)
    for i in range(rest - min(ncat, rest)):
        paths.append("product/item-%d.html" % i)
    return paths


def lang_of(i, rng_seed):
    """About 70% English, 10% each Russian, Thai and Greek, fixed by page index and seed."""
    r = random.Random(rng_seed * 1000003 + i).random()
    if i < 8 or r < 0.70:
        return "en"
    return "ru" if r < 0.80 else ("th" if r < 0.90 else "el")


def text(rng, L, nwords):
    w = L["words"]
    out = []
    for s in range(0, nwords, 12):
        sent = " ".join(rng.choice(w) for _ in range(min(12, nwords - s)))
        out.append(sent[:1].upper() + sent[1:] + ".")
    return " ".join(out)


def rel(frm, to):
    """Relative link; the home page is linked as its folder ("./", "../"), as shops do, so
    that no crawler sees it twice as "/" and "/index.html"."""
    d = os.path.dirname(frm) or "."
    if to == "index.html":
        return os.path.relpath(".", d) + "/"
    return os.path.relpath(to, d)


def style_block(rng, kb):
    rules = []
    while sum(len(r) for r in rules) < kb * 1024:
        k = rng.randrange(10 ** 6)
        rules.append(".c%d .x%d{margin:%dpx %dpx;color:#%06x;font-size:%d%%}\n"
                     % (k, k % 97, k % 13, k % 7, k & 0xFFFFFF, 80 + k % 40))
    return "<style>\n" + "".join(rules) + "</style>\n"


def script_block(rng, kb):
    lines = []
    while sum(len(x) for x in lines) < kb * 1024:
        k = rng.randrange(10 ** 6)
        lines.append("window.sa%d=function(a,b){return a<b?'%x':\"&lt;%d\"+b;};\n" % (k, k, k))
    return "<script>\n" + "".join(lines) + "</script>\n"


def build_page(i, path, paths, lang, rng):
    L = LANGS[lang]
    n = len(paths)
    r = lambda p: rel(path, p)
    kind = path.split("/")[0].split(".")[0]
    h = ['<!DOCTYPE html>\n<html lang="%s">\n<head>\n<meta charset="utf-8">\n' % lang,
         '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
         "<title>%s %d</title>\n" % (text(rng, L, 5)[:60], i),
         style_block(rng, rng.randint(4, 14)), script_block(rng, rng.randint(3, 12)),
         "</head>\n<body>\n"]
    h.append('<header class="site-header"><a class="logo" href="%s">Tea Shop</a>'
             '<a class="cart" href="%s">%s (2)</a></header>\n'
             % (r("index.html"), r("cart.html"), L["cart"]))
    nav = [("delivery.html", L["delivery"]), ("returns.html", L["returns"]),
           ("about.html", L["about"]), ("contact.html", L["contact"]),
           ("promo/spring-sale.html", L["promo"]), ("checkout.html", L["checkout"])]
    cats = [p for p in paths if p.startswith("catalog/")][:8]
    nav += [(c, text(rng, L, 2)) for c in cats]
    h.append('<nav class="main-nav"><ul>' + "".join(
        '<li><a href="%s">%s</a></li>' % (r(p), t) for p, t in nav if p in paths) + "</ul></nav>\n")
    h.append("<main>\n<h1>%s</h1>\n" % text(rng, L, 6))
    if kind == "product":
        v = rng.randint(300, 99000)
        h.append('<p class="price">%s</p>\n<form action="%s" method="post">'
                 '<input type="hidden" name="id" value="%d"><input type="number" name="qty" value="1">'
                 '<button type="submit">%s</button></form>\n' % (L["price"](v), r("cart.html"), i, L["add"]))
        h.append('<section class="reviews"><h2>%s</h2>\n' % L["reviews"])
        for k in range(rng.randint(3, 10)):
            h.append('<div class="review"><p>%s %s</p><p>%s</p></div>\n'
                     % (L["review"], text(rng, L, 2), text(rng, L, rng.randint(30, 90))))
        h.append("</section>\n")
    elif kind == "catalog":
        h.append('<ul class="grid">')
        for k in range(12):
            h.append('<li class="card"><p>%s</p><p class="price">%s</p></li>'
                     % (text(rng, L, 8), L["price"](rng.randint(300, 99000))))
        h.append("</ul>\n")
    elif kind == "cart":
        h.append("<table><tr><td>%s</td><td>%s</td></tr></table><a class=\"btn\" href=\"%s\">%s</a>\n"
                 % (text(rng, L, 4), L["price"](4990), r("checkout.html"), L["checkout"]))
    elif kind == "checkout":
        h.append('<form action="%s" method="post"><label>Email <input type="email" name="email">'
                 '</label><label>Name <input name="name"></label><button>%s</button></form>\n'
                 % (r("checkout.html"), L["checkout"]))
    special = {"contact": "contact_text", "delivery": "deliv_text", "returns": "ret_text",
               "about": "about_text", "promo": "promo_text"}
    if kind in special:
        h.append("<p>%s</p><p>%s</p>\n" % (L[special[kind]], L["pay_text"]))
    target = rng.randint(20, 80) * 1024
    size = sum(len(x.encode()) for x in h)
    while size < target - 3000:
        para = "<p>%s</p>\n" % text(rng, L, rng.randint(40, 160))
        h.append(para)
        size += len(para.encode())
    h.append("</main>\n<aside><ul>")
    nlinks = rng.randint(40, 60) - len(nav) - 8
    picks = {(i + 1) % n}
    while len(picks) < max(1, nlinks):
        picks.add(rng.randrange(n))
    for p in sorted(picks):
        h.append('<li><a href="%s">%s</a></li>' % (r(paths[p]), text(rng, L, 3)))
    h.append("</ul></aside>\n<footer><p>%s</p><p>%s</p><p>%s</p><ul>"
             % (L["deliv_text"] if rng.random() < 0.5 else "", L["contact_text"], L["news"]))
    for p, t in [("index.html", "Home"), ("delivery.html", L["delivery"]),
                 ("returns.html", L["returns"]), ("contact.html", L["contact"]),
                 ("about.html", L["about"]), ("cart.html", L["cart"])]:
        if p in paths:
            h.append('<li><a href="%s">%s</a></li>' % (r(p), t))
    h.append('</ul><form action="%s" method="post"><input type="email" name="email" '
             'placeholder="e-mail"><button>%s</button></form>'
             '<p><a href="https://www.facebook.com/teashop.example">Facebook</a> '
             '<a href="https://www.instagram.com/teashop.example">Instagram</a> '
             '<a href="%s">Sign in / Register</a> <a href="%s">FAQ</a></p>'
             % (r("index.html"), L["news"], r("about.html"), r("contact.html")))
    h.append("</footer>\n</body>\n</html>\n")
    return "".join(h)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=20261130)
    ap.add_argument("--base", default="http://127.0.0.1/",
                    help="absolute URL the shop is served at, for sitemap.xml")
    a = ap.parse_args()
    if a.n < 1:
        sys.exit("gen_shop.py: N must be at least 1")
    paths = page_paths(a.n)
    total = 0
    for i, path in enumerate(paths):
        rng = random.Random(a.seed * 7919 + i)
        html = build_page(i, path, paths, lang_of(i, a.seed), rng)
        full = os.path.join(a.out, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8", newline="\n") as f:
            f.write(html)
        total += len(html.encode())
    with open(os.path.join(a.out, "robots.txt"), "w") as f:
        f.write("User-agent: *\nDisallow: /admin/\nSitemap: %ssitemap.xml\n" % a.base)
    with open(os.path.join(a.out, "sitemap.xml"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n')
        for p in paths[:50000]:
            f.write("<url><loc>%s%s</loc></url>\n" % (a.base, "" if p == "index.html" else p))
        f.write("</urlset>\n")
    print("%d pages, %.1f MB, mean %.1f KB" % (len(paths), total / 1e6, total / 1024 / len(paths)))


if __name__ == "__main__":
    main()
