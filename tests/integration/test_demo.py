"""The demo shop (fixtures/demo-shop/, also used by `make demo`): a tea shop whose verdicts are
mixed on purpose, audited over HTTP, from its folder and from a file:// URL.

What the shop is built to show:
  cart_visible    partial  the cart is in the header of English pages, only in the footer of
                           Russian ones
  cta_buttons     partial  /ru/products/shu-puer-2012.html only offers "Оставить заявку"
  contacts        pass     phone and street address in the footer of every page
  https           fail     served over plain http (not_applicable for a folder or file://)
  mobile_viewport partial  /offers/spring-sale.html has no viewport meta
plus robots.txt disallowing /admin/ (linked from the home page) and a sitemap listing
/gift-cards.html, which no page links to.

Run one test: python3 tests/integration/test_demo.py -k test_demo_contacts_pass_on_every_page
"""

import datetime
import os
import shutil
import sys
import tempfile
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, page, pages_by_path, url_path  # noqa: E402

EXPECTED = {
    "cart_visible": "partial",
    "cta_buttons": "partial",
    "contacts": "pass",
    "https": "fail",
    "mobile_viewport": "partial",
}
CATEGORY = {"cart_visible": "buying", "cta_buttons": "buying", "contacts": "trust",
            "https": "basics", "mobile_viewport": "basics"}
KINDS = {"home", "product", "category", "cart", "checkout", "contact", "delivery", "returns",
         "about", "promo", "other"}
LIMITS = {"max_pages", "max_depth", "max_bytes", "timeout", "max_redirects", "url_trap",
          "robots", "interrupted"}
# A static export has no transport to judge: https is not_applicable there (checks/https.c),
# every other verdict must match the served audit.
STATIC_EXPECTED = dict(EXPECTED, https="not_applicable")
REQUEST_ONLY_PRODUCT = "/ru/products/shu-puer-2012.html"
PROMO_PAGE = "/offers/spring-sale.html"


class DemoShopTests(unittest.TestCase):
    """One served audit of the demo shop, shared by the tests of this class."""

    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="sa-demo-")
        cls.addClassCleanup(shutil.rmtree, cls.tmp, ignore_errors=True)
        cls.srv = harness.FixtureServer(harness.DEMO_SHOP, cls.tmp)
        cls.addClassCleanup(cls.srv.stop)
        cls.srv.start()
        out = os.path.join(cls.tmp, "report.json")
        cls.res = harness.run_cli("-q", "--json", out, cls.srv.url("/"), timeout=60)
        if cls.res.code != 0:
            raise AssertionError(f"demo audit failed\n{cls.res!r}")
        cls.report = harness.load_report(out)
        cls.pages = pages_by_path(cls.report)

    def evidence_paths(self, check_id):
        return [url_path(e["url"]) for e in check(self.report, check_id)["evidence"]]

    # -- the five verdicts --------------------------------------------------------------------

    def test_demo_cart_visible_partial_footer_only_on_russian_pages(self):
        self.assertEqual(check(self.report, "cart_visible")["status"], "partial")
        self.assertTrue(any(p.startswith("/ru/") for p in self.evidence_paths("cart_visible")),
                        f"no Russian page in the evidence: {self.evidence_paths('cart_visible')}")

    def test_demo_cta_buttons_partial_names_request_only_product(self):
        self.assertEqual(check(self.report, "cta_buttons")["status"], "partial")
        self.assertIn(REQUEST_ONLY_PRODUCT, self.evidence_paths("cta_buttons"))

    def test_demo_contacts_pass_on_every_page(self):
        self.assertEqual(check(self.report, "contacts")["status"], "pass")

    def test_demo_https_fail_served_over_http(self):
        self.assertEqual(check(self.report, "https")["status"], "fail")

    def test_demo_mobile_viewport_partial_promo_page_lacks_tag(self):
        self.assertEqual(check(self.report, "mobile_viewport")["status"], "partial")
        self.assertIn(PROMO_PAGE, self.evidence_paths("mobile_viewport"))

    def test_demo_check_scores_consistent_with_status(self):
        for c in self.report["checks"]:
            with self.subTest(check=c["id"]):
                self.assertIn(c["status"], harness.STATUSES)
                if c["status"] == "not_applicable":
                    continue
                self.assertGreaterEqual(c["score"], 0.0)
                self.assertLessEqual(c["score"], 1.0)
                if c["status"] == "pass":
                    self.assertEqual(c["score"], 1.0)
                elif c["status"] == "fail":
                    self.assertEqual(c["score"], 0.0)
                else:
                    self.assertTrue(0.0 < c["score"] < 1.0, c["score"])
        self.assertTrue(0 <= self.report["score"] <= 100, self.report["score"])

    def test_demo_every_check_has_evidence_from_shop_pages(self):
        urls = {p["url"] for p in self.report["pages"]}
        for c in self.report["checks"]:
            with self.subTest(check=c["id"]):
                self.assertTrue(any(e["url"] in urls for e in c["evidence"]),
                                f"no evidence on a crawled page: {c['evidence']}")

    # -- the report as a whole ----------------------------------------------------------------

    def test_demo_report_matches_schema_version_1(self):
        r = self.report
        self.assertLessEqual({"schema_version", "tool", "site", "score", "categories", "checks",
                              "pages", "errors"}, set(r))
        self.assertEqual(r["schema_version"], 1)
        self.assertEqual(r["tool"], {"name": "shopaudit", "version": "0.1.0"})
        site = r["site"]
        self.assertEqual(site["start_url"], self.srv.url("/"))
        started = datetime.datetime.fromisoformat(site["started_at"].replace("Z", "+00:00"))
        self.assertIsNotNone(started.tzinfo, "started_at should carry a time zone")
        for key in ("duration_ms", "pages_crawled"):
            self.assertIsInstance(site[key], int, key)
            self.assertGreaterEqual(site[key], 0, key)
        self.assertTrue(all(isinstance(x, str) for x in site["languages"]))
        self.assertLessEqual(set(site["limits_hit"]), LIMITS)
        self.assertIsInstance(r["score"], (int, float))

        ids = {c["id"] for c in r["checks"]}
        self.assertLessEqual(set(EXPECTED), ids)
        listed = [cid for cat in r["categories"] for cid in cat["checks"]]
        self.assertEqual(sorted(listed), sorted(ids), "each check in exactly one category")
        for cat in r["categories"]:
            self.assertIsInstance(cat["title"], str)
            self.assertTrue(0 <= cat["score"] <= 100, cat)
        for c in r["checks"]:
            with self.subTest(check=c["id"]):
                for key in ("title", "category", "summary", "recommendation"):
                    self.assertIsInstance(c[key], str, key)
                self.assertTrue(c["summary"], "empty summary")
                self.assertGreater(c["weight"], 0)
                if c["id"] in CATEGORY:
                    self.assertEqual(c["category"], CATEGORY[c["id"]])
                    cat = [k for k in r["categories"] if c["id"] in k["checks"]][0]
                    self.assertEqual(cat["id"], c["category"])
                if c["status"] != "pass":
                    self.assertTrue(c["recommendation"], "a finding without a recommendation")
                for e in c["evidence"]:
                    self.assertLessEqual({"url", "where", "snippet"}, set(e), e)
                    self.assertTrue(all(isinstance(e[k], str) for k in ("url", "where", "snippet")))
        for p in r["pages"]:
            with self.subTest(page=p["url"]):
                for key in ("status", "bytes", "ms", "depth"):
                    self.assertIsInstance(p[key], int, key)
                self.assertIn(p["kind"], KINDS)
                if p["status"] == 200 and url_path(p["url"]).endswith(("/", ".html")):
                    self.assertIsInstance(p["title"], str)
                    self.assertIsInstance(p["lang"], str)
                    self.assertGreater(p["bytes"], 0)
        for e in r["errors"]:
            self.assertIsInstance(e["url"], str)
            self.assertIsInstance(e["error"], str)

    def test_demo_crawl_covers_both_languages(self):
        site = self.report["site"]
        self.assertGreaterEqual(site["pages_crawled"], 14)
        self.assertLessEqual({"en", "ru"}, set(site["languages"]))
        self.assertEqual(page(self.report, "/")["lang"], "en")
        self.assertEqual(page(self.report, "/ru/")["lang"], "ru")
        self.assertEqual(page(self.report, "/ru/products/sencha-kioto.html")["title"],
                         "Сенча «Киото» — Kettle & Leaf, чайная лавка")

    def test_demo_page_kinds_detected(self):
        expected = {
            "/": "home",
            "/catalog/loose-leaf-tea.html": "category",
            "/products/sencha-kyoto.html": "product",
            "/products/darjeeling-first-flush.html": "product",
            "/products/jasmine-pearls.html": "product",
            "/ru/products/sencha-kioto.html": "product",
            REQUEST_ONLY_PRODUCT: "product",
            "/cart.html": "cart",
            "/checkout.html": "checkout",
            "/contact.html": "contact",
            "/ru/kontakty.html": "contact",
            "/delivery.html": "delivery",
            "/ru/dostavka.html": "delivery",
            "/returns.html": "returns",
            "/about.html": "about",
            PROMO_PAGE: "promo",
        }
        got = {path: self.pages[path]["kind"] if path in self.pages else None for path in expected}
        self.assertEqual(got, expected)

    def test_demo_robots_disallowed_admin_never_requested(self):
        paths = self.srv.requested_paths()
        self.assertEqual(paths[0], "/robots.txt")
        self.assertEqual([p for p in paths if p.startswith("/admin")], [])
        self.assertFalse(any(p.startswith("/admin") for p in self.pages))

    def test_demo_sitemap_only_gift_cards_page_crawled(self):
        self.assertIn("/sitemap.xml", self.srv.requested_paths())
        self.assertEqual(page(self.report, "/gift-cards.html")["status"], 200)

    def test_demo_link_graph_has_no_fetch_errors(self):
        self.assertEqual(self.report["errors"], [])
        self.assertEqual([p for p, page in self.pages.items()
                          if page["status"] >= 400 and not p.endswith(("robots.txt", ".xml"))], [])


class DemoStaticExportTests(harness.AuditTestCase):
    """The same shop audited without a server must reach the same content verdicts."""

    def test_demo_folder_audit_gives_same_statuses(self):
        report, _ = self.audit(harness.DEMO_SHOP + os.sep)
        self.assertEqual(harness.statuses(report), STATIC_EXPECTED)
        self.assertGreaterEqual(len(report["pages"]), 14)

    def test_demo_file_url_audit_gives_same_statuses(self):
        url = "file://" + urllib.parse.quote(os.path.join(harness.DEMO_SHOP, "index.html"))
        report, _ = self.audit(url)
        self.assertEqual(harness.statuses(report), STATIC_EXPECTED)
        self.assertGreaterEqual(len(report["pages"]), 14)

    def test_demo_file_url_of_folder_starts_at_its_index(self):
        url = "file://" + urllib.parse.quote(harness.DEMO_SHOP.rstrip(os.sep) + "/")
        report, _ = self.audit(url)
        self.assertEqual(harness.statuses(report), STATIC_EXPECTED)
        self.assertTrue(report["pages"][0]["url"].startswith("file://"))
        self.assertIn(url + "index.html", [p["url"] for p in report["pages"]])


if __name__ == "__main__":
    unittest.main()
