"""Crawler behaviour against small fixture sites (fixtures/sites/<scenario>/) served on
127.0.0.1: scope, limits, robots.txt, sitemaps, priority, faults, charsets, URL variants.

Run one test: python3 tests/integration/test_crawl.py -k test_robots_disallowed_path_not_requested
"""

import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import errors_for, page, pages_by_path, url_path  # noqa: E402

IMPORTANT = ["/cart.html", "/contact.html", "/delivery.html", "/returns.html"]


def is_timeout(error):
    text = error.lower()
    return "timeout" in text or "timed out" in text


class CrawlTests(harness.AuditTestCase):

    # -- scope --------------------------------------------------------------------------------

    def test_scope_offsite_and_subdomain_links_not_requested(self):
        # Started at localhost: 127.0.0.1 (same server, another host) and shop.localhost (a
        # subdomain; curl resolves *.localhost to the loopback) are other sites.
        srv = self.serve("scope")
        report, _ = self.audit(srv.url("/", host="localhost"))
        paths = srv.requested_paths()
        self.assertIn("/about.html", paths, "the in-scope link was not followed")
        self.assertNotIn("/offsite-page.html", paths, "an off-site link was requested")
        self.assertNotIn("/subdomain-page.html", paths, "a subdomain link was requested")
        seen = [p["url"] for p in report["pages"]] + [e["url"] for e in report["errors"]]
        for url in seen:
            host = url.split("/")[2].split(":")[0]
            self.assertIn(host, ("localhost", "www.localhost"), f"off-site URL in report: {url}")

    def test_scope_www_host_variant_crawled_as_same_site(self):
        srv = self.serve("scope")
        self.audit(srv.url("/", host="localhost"))
        self.assertIn("/www-page.html", srv.requested_paths(),
                      "a link to www.<start host> is the same site and should be crawled")

    # -- limits -------------------------------------------------------------------------------

    def test_max_pages_caps_responses_and_reports_limit(self):
        srv = self.serve("budget")
        report, _ = self.audit(srv.url("/"), "--max-pages", "5")
        self.assertIn("max_pages", report["site"]["limits_hit"])
        self.assertEqual(len(report["pages"]), 5, [p["url"] for p in report["pages"]])
        self.assertLessEqual(report["site"]["pages_crawled"], 5)
        html = [p for p in srv.requested_paths() if p.endswith(".html") or p == "/"]
        self.assertLessEqual(len(html), 5, f"server saw more page requests than the cap: {html}")

    def test_max_depth_stops_following_links_beyond_limit(self):
        srv = self.serve("depth")
        report, _ = self.audit(srv.url("/"), "--max-depth", "2")
        paths = srv.requested_paths()
        self.assertIn("/level-2.html", paths)
        self.assertNotIn("/level-3.html", paths)
        self.assertNotIn("/level-4.html", paths)
        self.assertIn("max_depth", report["site"]["limits_hit"])
        depths = {p: page(report, p)["depth"] for p in ("/", "/level-1.html", "/level-2.html")}
        self.assertEqual(depths, {"/": 0, "/level-1.html": 1, "/level-2.html": 2})

    # -- robots.txt ---------------------------------------------------------------------------

    def test_robots_disallowed_path_not_requested(self):
        srv = self.serve("robots")
        report, _ = self.audit(srv.url("/"))
        paths = srv.requested_paths()
        self.assertEqual(paths[0], "/robots.txt", f"robots.txt must be fetched first: {paths}")
        self.assertIn("/public.html", paths)
        self.assertNotIn("/private/secret.html", paths)
        self.assertNotIn("/private/secret.html", pages_by_path(report))
        self.assertIn("robots", report["site"]["limits_hit"],
                      "a URL skipped because of robots.txt should show in limits_hit")

    def test_robots_allow_rule_longer_than_disallow_wins(self):
        srv = self.serve("robots")
        self.audit(srv.url("/"))
        self.assertIn("/private/open.html", srv.requested_paths(),
                      "Allow: /private/open.html is longer than Disallow: /private/ (RFC 9309)")

    def test_robots_ignore_flag_requests_disallowed_path(self):
        srv = self.serve("robots")
        report, _ = self.audit(srv.url("/"), "--ignore-robots")
        self.assertIn("/private/secret.html", srv.requested_paths())
        self.assertEqual(page(report, "/private/secret.html")["status"], 200)

    def test_robots_own_agent_group_overrides_star_group(self):
        # "User-agent: *" disallows everything, "User-agent: shopaudit" only /members/.
        srv = self.serve("robots-agent")
        self.audit(srv.url("/"))
        paths = srv.requested_paths()
        self.assertIn("/catalog.html", paths)
        self.assertNotIn("/members/area.html", paths)

    def test_robots_disallow_root_exits_3_without_fetching_home(self):
        srv = self.serve("robots-all")
        res = self.run_cli("-q", "--json", os.path.join(self.tmp, "r.json"), srv.url("/"))
        self.assertEqual(res.code, 3, res)
        self.assertOneErrorLine(res)
        self.assertEqual(srv.requested_paths(), ["/robots.txt"])

    # -- sitemaps -----------------------------------------------------------------------------

    def test_sitemap_only_page_crawled(self):
        srv = self.serve("sitemap")
        report, _ = self.audit(srv.url("/"))
        paths = srv.requested_paths()
        self.assertIn("/sitemap.xml", paths)
        self.assertIn("/orphan-offer.html", paths)
        self.assertEqual(page(report, "/orphan-offer.html")["status"], 200)

    def test_sitemap_index_from_robots_followed_to_nested_sitemap(self):
        srv = self.serve("sitemap-index")
        report, _ = self.audit(srv.url("/"))
        paths = srv.requested_paths()
        self.assertIn("/maps/sitemap-index.xml", paths)
        self.assertIn("/maps/products.xml", paths)
        self.assertIn("/hidden/product-7.html", pages_by_path(report))

    # -- priority -----------------------------------------------------------------------------

    def test_priority_budget_reaches_cart_contact_delivery_returns(self):
        # Home links 40 journal articles first and the four pages that matter last.
        srv = self.serve("priority")
        report, _ = self.audit(srv.url("/"), "--max-pages", "8")
        paths, pages = srv.requested_paths(), pages_by_path(report)
        for path in IMPORTANT:
            self.assertIn(path, paths, f"{path} not fetched within 8 pages")
            self.assertIn(path, pages)
        fillers = [p for p in paths if p.startswith("/news/")]
        self.assertLessEqual(len(fillers), 4, f"fillers fetched before important pages: {fillers}")
        self.assertIn("max_pages", report["site"]["limits_hit"])

    def test_priority_russian_anchor_text_outranks_fillers(self):
        # Two important pages have neutral URLs (/stranica-7.html "Контакты", /stranica-9.html
        # "Возврат и обмен товара"): only their anchor text says what they are.
        srv = self.serve("priority-ru")
        self.audit(srv.url("/"), "--max-pages", "8")
        paths = srv.requested_paths()
        for path in ("/korzina/", "/stranica-7.html", "/dostavka/", "/stranica-9.html"):
            self.assertIn(path, paths, f"{path} not fetched within 8 pages")
        fillers = [p for p in paths if p.startswith("/novosti/")]
        self.assertLessEqual(len(fillers), 4, f"fillers fetched before important pages: {fillers}")

    # -- faults -------------------------------------------------------------------------------

    def test_redirect_loop_reported_in_errors(self):
        srv = self.serve("redirect-loop")
        report, _ = self.audit(srv.url("/"))
        loops = [e for e in report["errors"]
                 if url_path(e["url"]) in ("/loop-a", "/loop-b")
                 and "redirect loop" in e["error"].lower()]
        self.assertTrue(loops, f"no 'redirect loop' error for /loop-a: {report['errors']}")
        self.assertEqual(page(report, "/ok.html")["status"], 200)
        hops = [p for p in srv.requested_paths() if p.startswith("/loop-")]
        self.assertLessEqual(len(hops), 25, "the loop was followed far too long")

    def test_http_404_link_in_pages_and_errors(self):
        srv = self.serve("error-status")
        report, _ = self.audit(srv.url("/"))
        self.assertEqual(page(report, "/gone")["status"], 404)
        errors = [e["error"] for e in errors_for(report, "/gone")]
        self.assertTrue(any("HTTP 404" in e for e in errors), report["errors"])

    def test_http_500_link_in_pages_and_errors(self):
        srv = self.serve("error-status")
        report, _ = self.audit(srv.url("/"))
        self.assertEqual(page(report, "/boom")["status"], 500)
        errors = [e["error"] for e in errors_for(report, "/boom")]
        self.assertTrue(any("HTTP 500" in e for e in errors), report["errors"])
        self.assertEqual(page(report, "/ok.html")["status"], 200)

    def test_timeout_slow_response_reported_and_audit_finishes(self):
        srv = self.serve("slow")  # /slow answers after 30 s
        report, res = self.audit(srv.url("/"), "--timeout", "1", timeout=28)
        self.assertLess(res.seconds, 15, "the audit waited for the slow page")
        errors = errors_for(report, "/slow")
        self.assertTrue(errors and is_timeout(errors[0]["error"]), report["errors"])
        self.assertIn("timeout", report["site"]["limits_hit"])
        self.assertEqual(page(report, "/ok.html")["status"], 200)

    def test_timeout_dripping_body_cut_at_whole_transfer_limit(self):
        # /drip answers at once, then sends 16 bytes a second: only a whole-transfer timeout
        # (not a connect or idle timeout) stops it.
        srv = self.serve("drip")
        report, res = self.audit(srv.url("/"), "--timeout", "1", timeout=28)
        self.assertLess(res.seconds, 15, "the audit waited for the dripping page")
        errors = errors_for(report, "/drip")
        self.assertTrue(errors and is_timeout(errors[0]["error"]), report["errors"])

    # -- encodings ----------------------------------------------------------------------------

    def test_charset_cp1251_meta_only_title_decoded(self):
        # Content-Type: text/html (no charset); the page says <meta charset="windows-1251">.
        srv = self.serve("charsets")
        report, _ = self.audit(srv.url("/"))
        cp1251 = page(report, "/cp1251")
        self.assertEqual(cp1251["title"], "Чай и кофе — магазин «Самовар»")
        self.assertEqual(cp1251["lang"], "ru")

    def test_charset_wrong_header_report_stays_valid_utf8(self):
        # The header says iso-8859-1, the UTF-8 page's <meta> says utf-8: the header wins, so
        # the title may be mojibake, but the report must stay valid UTF-8 JSON
        # (harness.load_report decodes strictly).
        srv = self.serve("charsets")
        report, _ = self.audit(srv.url("/"))
        wrong = page(report, "/wrong")
        self.assertEqual(wrong["status"], 200)
        self.assertIsInstance(wrong["title"], str)
        self.assertTrue(wrong["title"])

    def test_gzip_encoded_pages_parsed(self):
        # /gz is gzipped whatever the client asks; the other pages when it accepts gzip.
        srv = self.serve("gzip")
        report, _ = self.audit(srv.url("/"))
        self.assertEqual(page(report, "/")["title"], "Gzip test shop")
        self.assertEqual(page(report, "/gz")["title"], "Compressed oolong page")

    # -- URLs and requests --------------------------------------------------------------------

    def test_tracking_params_and_fragments_fetched_once(self):
        # tea.html is linked seven ways: utm_* parameters, fragments, ./, absolute, dot segment.
        srv = self.serve("tracking")
        report, _ = self.audit(srv.url("/"))
        fetches = [r.target for r in srv.requests() if r.path.endswith("/tea.html")]
        self.assertEqual(fetches, ["/tea.html"])
        tea = [p["url"] for p in report["pages"] if p["url"].split("?")[0].endswith("/tea.html")]
        self.assertEqual(tea, [srv.url("/tea.html")])
        for p in report["pages"]:
            self.assertNotIn("utm_", p["url"])
            self.assertNotIn("#", p["url"])

    def test_user_agent_default_names_shopaudit(self):
        srv = self.serve("minimal")
        self.audit(srv.url("/"))
        requests = srv.requests()
        self.assertGreaterEqual(len(requests), 2)
        for r in requests:
            self.assertIn("shopaudit", r.ua, f"{r}: User-Agent {r.ua!r}")

    def test_user_agent_option_sent_verbatim(self):
        agent = "TeaBot/2.0 (+https://example.test/bot)"
        srv = self.serve("minimal")
        self.audit(srv.url("/"), "--user-agent", agent)
        requests = srv.requests()
        self.assertGreaterEqual(len(requests), 2)
        self.assertEqual({r.ua for r in requests}, {agent})

    def test_mobile_option_sends_a_mobile_user_agent(self):
        srv = self.serve("minimal")
        self.audit(srv.url("/"), "--mobile")
        requests = srv.requests()
        self.assertGreaterEqual(len(requests), 2)
        for r in requests:
            self.assertIn("Mobile", r.ua, f"{r}: User-Agent {r.ua!r}")
            self.assertIn("shopaudit", r.ua)

    # -- size limits --------------------------------------------------------------------------

    def test_gzip_bomb_cut_at_max_bytes_decoded(self):
        # /bomb.html is ~60 MB of HTML sent as ~60 KB of gzip: the cap is on the decoded size.
        srv = self.serve("big")
        report, _ = self.audit(srv.url("/"), "--max-bytes", "2M")
        bomb = page(report, "/bomb.html")
        self.assertEqual(bomb["status"], 200)
        self.assertEqual(bomb["bytes"], 2 * 1024 * 1024)
        self.assertEqual(bomb["title"], "Generated")  # the part kept is still audited
        self.assertIn("max_bytes", report["site"]["limits_hit"])
        for path in ("/p1.html", "/p2.html", "/p3.html"):  # the crawl went on
            self.assertEqual(page(report, path)["status"], 200)

    def test_max_bytes_keeps_small_pages_whole(self):
        srv = self.serve("big")
        report, _ = self.audit(srv.url("/"), "--max-bytes", "400k")
        self.assertGreater(page(report, "/long.html")["bytes"], 290000)
        self.assertEqual(page(report, "/bomb.html")["bytes"], 400 * 1024)
        self.assertIn("max_bytes", report["site"]["limits_hit"])

    def test_max_bytes_exact_with_announced_length(self):
        # /long.html comes with its Content-Length, and the crawler takes that much room at once:
        # a cap of exactly its length keeps it whole, one byte less cuts it there.
        srv = self.serve("big")
        report, _ = self.audit(srv.url("/"), "--max-bytes", "1M")
        size = page(report, "/long.html")["bytes"]
        self.assertGreater(size, 290000)
        report, _ = self.audit(srv.url("/"), "--max-bytes", str(size))
        self.assertEqual(page(report, "/long.html")["status"], 200)
        self.assertEqual(page(report, "/long.html")["bytes"], size)
        report, _ = self.audit(srv.url("/"), "--max-bytes", str(size - 1))
        self.assertEqual(page(report, "/long.html")["status"], 200)
        self.assertEqual(page(report, "/long.html")["bytes"], size - 1)
        self.assertEqual(page(report, "/long.html")["title"], "Generated")

    def test_no_limit_hit_when_pages_fit(self):
        srv = self.serve("minimal")
        report, _ = self.audit(srv.url("/"))
        self.assertNotIn("max_bytes", report["site"]["limits_hit"])
        self.assertNotIn("max_pages", report["site"]["limits_hit"])

    # -- politeness ---------------------------------------------------------------------------

    def test_delay_spaces_request_starts(self):
        # 7 responses (home, 5 pages, a missing /cart.html) with --delay 0.3: at least 6 pauses
        # of 0.3 s between their starts, whatever
        # --concurrency says. A lower bound only: a loaded machine may take longer.
        srv = self.serve("big")
        started = time.monotonic()
        report, _ = self.audit(srv.url("/"), "--delay", "0.3", "--concurrency", "4",
                               "--max-bytes", "64k")
        elapsed = time.monotonic() - started
        self.assertEqual(len(report["pages"]), 7)
        self.assertGreaterEqual(elapsed, 6 * 0.3)

    # -- link checks --------------------------------------------------------------------------

    def test_broken_links_found_with_head_then_get(self):
        srv = self.serve("broken")
        report, _ = self.audit(srv.url("/"))
        bl = harness.check(report, "broken_links")
        # 3 broken of 9 checked (/shipping.html 404, /gone.html 410, the kettle image 404): more
        # than a quarter, so a fail
        self.assertEqual(bl["status"], "fail", bl)
        self.assertEqual(bl["summary"], "3 of 9 internal links and images checked are broken.")
        self.assertEqual(bl["score"], 0)
        snippets = [e["snippet"] for e in bl["evidence"]]
        self.assertIn('HTTP 404 from ' + srv.url("/shipping.html") + ' ("Shipping")', snippets)
        self.assertIn('HTTP 404 from ' + srv.url("/img/missing-kettle.jpg") + ' ("Cast-iron kettle")',
                      snippets)
        for e in bl["evidence"][:3]:
            self.assertEqual(url_path(e["url"]), "/")  # the page that carries the link
        # images and files are asked with HEAD; the one whose server refuses HEAD, with GET
        reqs = [(r.method, r.path) for r in srv.requests()]
        self.assertIn(("HEAD", "/img/missing-kettle.jpg"), reqs)
        self.assertIn(("HEAD", "/docs/terms.pdf"), reqs)
        self.assertIn(("HEAD", "/img/tea.png"), reqs)
        self.assertIn(("GET", "/img/tea.png"), reqs)
        self.assertNotIn(("GET", "/img/missing-kettle.jpg"), reqs)
        errors = {url_path(e["url"]): e["error"] for e in report["errors"]}
        self.assertEqual(errors.get("/img/missing-kettle.jpg"), "HTTP 404 (linked resource)")
        # link checks are not pages
        self.assertNotIn("/img/tea.png", pages_by_path(report))

    def test_link_checks_count_against_max_pages(self):
        srv = self.serve("broken")
        report, _ = self.audit(srv.url("/"), "--max-pages", "4")
        self.assertLessEqual(len(srv.requests()) - sum(r.path in ("/robots.txt", "/sitemap.xml")
                                                       for r in srv.requests()), 4)
        self.assertIn("max_pages", report["site"]["limits_hit"])


if __name__ == "__main__":
    unittest.main()
