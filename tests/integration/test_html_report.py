"""The HTML report (issue #6) in a real headless Chromium and through the CLI.

Escaping: fixtures/sites/xss carries script payloads in titles, URLs, visible text (so in
evidence snippets) and JSON-LD; every payload sets window.__xss or document.title when it runs.
The browser must compile no script, load nothing but the file, hold no element or attribute
that a payload could have created, and show each payload string from the JSON report as text.
Screenshots of the demo report at 1280 and 390 CSS pixels, and its A4 print, go to
<build>/screenshots/ (demo-desktop.png, demo-phone.png, demo-a4.pdf).

Run one test: python3 tests/integration/test_html_report.py -k test_html_xss_payloads_inert
"""

import base64
import html.parser
import os
import re
import struct
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from chromium import Chromium, find_chromium  # noqa: E402

SCREENSHOTS = os.path.join(os.path.dirname(os.path.abspath(harness.SHOPAUDIT)), "screenshots")
PAYLOAD_MARKS = ("__xss", "pwned", "onload", "onerror", "<script", "javascript:")

# What a payload would have to create in the DOM to run: none may exist in the report.
DANGEROUS_DOM = """(() => {
  const bad = [];
  for (const e of document.querySelectorAll('*')) {
    if (/^(script|iframe|frame|object|embed|img|image|base|form|input|link|meta)$/i
        .test(e.localName) && e.parentNode !== document.head) bad.push(e.localName);
    if (e.localName === 'style' && e.parentNode !== document.head) bad.push('style in body');
    for (const a of e.attributes) if (/^on/i.test(a.name)) bad.push(e.localName + '@' + a.name);
  }
  for (const a of document.querySelectorAll('a[href]'))
    if (!/^(https?|file):$/.test(new URL(a.href, location.href).protocol)) bad.push(a.href);
  return bad;
})()"""


def strings(node):
    """Every string in a JSON value."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        raise AssertionError(f"{path} is not a PNG")
    return struct.unpack(">II", head[16:24])


class Structure(html.parser.HTMLParser):
    """Card ids, link targets, text and the CSP of a report."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.cards, self.hrefs, self.text, self.csp, self.tags = set(), [], [], None, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "article" and (a.get("id") or "").startswith("check-"):
            self.cards.add(a["id"][6:])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp = a.get("content")

    def handle_data(self, data):
        self.text.append(data)


def parse(path):
    p = Structure()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    return p


class HtmlReport(harness.AuditTestCase):
    def audit_html(self, site, *args, expect_code=0):
        srv = self.serve(site)
        out = os.path.join(self.tmp, "out")
        res = self.run_cli("-q", "--out", out, *args, srv.url("/"))
        self.assertEqual(res.code, expect_code, res)
        return (harness.load_report(os.path.join(out, "report.json")),
                os.path.join(out, "report.html"))

    def browser(self):
        if not find_chromium():
            self.fail("chromium is not installed: sh scripts/setup.sh "
                      "(scripts/packages.d/html-report.txt)")
        b = Chromium(self.tmp)
        b.__enter__()
        self.addCleanup(b.close)
        return b

    def assertInert(self, page, path):
        url = "file://" + path
        self.assertEqual(page.requests, [url], "the report may load nothing but itself")
        self.assertEqual(page.scripts, [], "no script may be compiled in the report")
        self.assertEqual(page.console, [], "nothing may have logged")
        self.assertIsNone(page.evaluate("window.__xss"))
        self.assertTrue(page.evaluate("document.title").startswith("Retention audit"))

    # -- escaping -----------------------------------------------------------------------------
    def test_html_xss_payloads_inert_and_literal(self):
        report, path = self.audit_html("xss")
        payloads = sorted({s for s in strings(report) if any(m in s for m in PAYLOAD_MARKS)})
        evidence = [e for c in report["checks"] for e in c["evidence"]]
        where = {"title": {p["title"] for p in report["pages"]},
                 "url": {p["url"] for p in report["pages"]} | {e["url"] for e in evidence},
                 "snippet": {e["snippet"] for e in evidence}}
        kinds = {k for k, found in where.items() if found & set(payloads)}
        self.assertEqual(kinds, {"title", "url", "snippet"},
                         f"the fixture must reach the report through titles, URLs and "
                         f"snippets: {payloads}")
        self.assertTrue(any("<svg/onload=a()>" in s for s in payloads),
                        "the JSON-LD rating payload must reach the evidence")
        doc = parse(path)
        self.assertIn("script-src 'none'", doc.csp or "")
        self.assertNotIn("script", doc.tags)
        for href in doc.hrefs:
            self.assertRegex(href, r"^(https?|file):", "only http, https and file links")

        page = self.browser().open("file://" + path)
        self.assertInert(page, path)
        self.assertEqual(page.evaluate(DANGEROUS_DOM), [])
        text = page.evaluate("document.body.textContent")
        shown = page.evaluate("document.body.innerText")
        hrefs = page.evaluate("[...document.querySelectorAll('a[href]')]"
                              ".map(a => a.getAttribute('href'))")
        for s in payloads:
            if s in where["url"]:  # links show the path; the attribute holds the URL as sent
                self.assertIn(s, hrefs, "each payload URL must survive as an attribute")
                self.assertIn(harness.url_path(s), text)
            else:
                self.assertIn(s, text, "each payload must be in the page as text")
        titles = [p["title"] for p in report["pages"] if "__xss" in p["title"]]
        self.assertTrue(titles)
        for t in titles:
            self.assertIn(t, shown, "page titles are visible in the pages table")

    # -- the demo report in a browser ---------------------------------------------------------
    def test_html_demo_screenshots_desktop_and_phone(self):
        report, path = self.audit_html(harness.DEMO_SHOP)
        page = self.browser().open("file://" + path)
        self.assertInert(page, path)
        shots = {}
        for name, width, mobile in (("desktop", 1280, False), ("phone", 390, True)):
            shot = os.path.join(SCREENSHOTS, f"demo-{name}.png")
            if os.path.exists(shot):
                os.unlink(shot)
            height = page.screenshot(shot, width, mobile)
            self.assertEqual(png_size(shot), (width, height))
            overflow = page.evaluate("document.documentElement.scrollWidth")
            self.assertLessEqual(overflow, width, f"{name}: the page scrolls sideways")
            shots[name] = height
        self.assertGreater(shots["phone"], shots["desktop"], "the phone layout is one column")
        # after the screenshots: still nothing loaded, nothing compiled by the page itself
        self.assertEqual([m for m in page.b.events if m.get("method") ==
                          "Network.requestWillBeSent" and m["params"]["request"]["url"] !=
                          "file://" + path], [])
        cards = page.evaluate("document.querySelectorAll('article.card').length")
        self.assertEqual(cards, len(report["checks"]))
        # print: A4, each of overview, actions, checks and pages starts a page
        pdf = base64.b64decode(page.b.send(
            "Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69, "printBackground": True,
                                "preferCSSPageSize": True}, session=page.session, timeout=90)["data"])
        with open(os.path.join(SCREENSHOTS, "demo-a4.pdf"), "wb") as f:
            f.write(pdf)
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertGreaterEqual(len(re.findall(rb"/Type\s*/Page\b", pdf)), 4)

    # -- structure, without a browser ---------------------------------------------------------
    def test_html_every_check_has_card_and_evidence_url(self):
        report, path = self.audit_html(harness.DEMO_SHOP)
        doc = parse(path)
        self.assertEqual(doc.cards, {c["id"] for c in report["checks"]})
        text = "".join(doc.text)
        for c in report["checks"]:
            self.assertIn(c["title"], text)
            for e in c["evidence"]:
                self.assertIn(e["url"], doc.hrefs, f"{c['id']}: evidence URL not linked")
        for p in report["pages"]:
            self.assertIn(p["url"], doc.hrefs)
        failing = [c for c in report["checks"] if c["status"] in ("fail", "partial")]
        self.assertTrue(failing)
        for c in failing:
            self.assertIn(c["recommendation"], text)

    def test_html_report_lang_explicit_sets_html_and_json_lang(self):
        report, path = self.audit_html("minimal", "--report-lang", "ru")
        self.assertEqual(report["lang"], "ru")
        with open(path, encoding="utf-8") as f:
            head = f.read(200)
        self.assertIn('<html lang="ru">', head)
        # the JSON keeps English texts and stable ids whatever the report language
        self.assertEqual(harness.check(report, "cart_visible")["title"],
                         "Cart visible on every page")

    def test_html_report_lang_auto_follows_shop_language(self):
        report, path = self.audit_html("priority-ru")
        self.assertEqual(report["site"]["languages"][0], "ru")
        self.assertEqual(report["lang"], "ru")
        report, path = self.audit_html("minimal")
        self.assertEqual(report["lang"], "en")

    def test_html_report_lang_unknown_exits_2(self):
        srv = self.serve("minimal")
        res = self.run_cli("-q", "--report-lang", "xx", srv.url("/"))
        self.assertEqual(res.code, 2, res)
        self.assertOneErrorLine(
            res, "shopaudit: --report-lang: unknown language 'xx' (auto, en, ru, th, el, hy)")

    def test_html_unwritable_path_exits_2_before_crawl(self):
        srv = self.serve("minimal")
        res = self.run_cli("-q", "--html", "/proc/x/report.html", srv.url("/"))
        self.assertEqual(res.code, 2, res)
        self.assertIn("/proc/x/report.html", res.stderr)
        self.assertEqual(srv.requested_paths(), [], "no request before the output is known good")


if __name__ == "__main__":
    unittest.main()
