"""JavaScript rendering (#11): a shop built by a script after load, a server-rendered Next.js
shop, a page that never settles, and a missing browser, all served on 127.0.0.1 and rendered by
Debian's real chromium (scripts/packages.d/render.txt).

Run one test: python3 tests/integration/test_render.py -k test_render_auto_js_shop_passes_cart
"""

import glob
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

# Rendering is slow on a loaded machine; the budget per page stays generous so the tests
# assert what rendering finds, not how fast it is.
TIMEOUT = 110.0
RENDER_DRIVER = os.environ.get("RENDER_DRIVER") or os.path.join(
    harness.SOURCE_DIR, "build", "render_driver")


class Traced:
    """One request as the fixture server's TRACE lines tell it: headers, and the positions of
    its start and end among all trace lines (their order, no clock)."""

    def __init__(self, start, first):
        self.n, self.method, self.target = start["n"], start["method"], start["target"]
        self.headers = {k.lower(): v for k, v in start["headers"].items()}
        parts = urllib.parse.urlsplit(self.target)
        self.path, self.query = parts.path, urllib.parse.parse_qs(parts.query)
        self.ua = self.headers.get("user-agent", "")
        self.first, self.last = first, None

    def __repr__(self):
        return f"{self.method} {self.target} [{self.first}..{self.last}]"


def traced(srv):
    """Every request the server saw, with its headers, in arrival order."""
    reqs, order = {}, 0
    with open(srv.log_file, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("TRACE\t"):
                continue
            rec = json.loads(line[6:])
            order += 1
            if rec["at"] == "start":
                reqs[rec["n"]] = Traced(rec, order)
            elif rec["n"] in reqs:
                reqs[rec["n"]].last = order
    return sorted(reqs.values(), key=lambda r: r.first)


def browser_requests(srv):
    """Requests Chromium made: it sends Fetch Metadata headers, libcurl does not (the browser
    now sends the crawl's User-Agent, so that no longer tells them apart)."""
    return [r for r in traced(srv) if "sec-fetch-mode" in r.headers]


def overlapping(reqs):
    """Pairs of requests where one started while the other was still open."""
    return [(a, b) for i, a in enumerate(reqs) for b in reqs[i + 1:]
            if b.first < (a.last or float("inf"))]


def leftovers(pid):
    """Processes and profile folders of the browser shopaudit (pid) started, still around."""
    tag = f"shopaudit-render-{pid}-"
    procs = []
    for d in glob.glob("/proc/[0-9]*"):
        try:
            with open(os.path.join(d, "cmdline"), "rb") as f:
                if tag.encode() in f.read():
                    procs.append(os.path.basename(d))
        except OSError:
            pass
    dirs = glob.glob(os.path.join(tempfile.gettempdir(), tag + "*"))
    return procs, dirs


class RenderTests(harness.AuditTestCase):
    def audit_pid(self, target, *args, expect_code=0):
        """Like audit(), also returning the shopaudit pid (to look for its browser after)."""
        out = os.path.join(self.tmp, "report.json")
        proc = harness.start_cli("--json", out, "-q", *args, target)
        res = harness.finish_cli(proc, timeout=TIMEOUT)
        self.assertEqual(res.code, expect_code, f"unexpected exit code\n{res!r}")
        return harness.load_report(out), res, proc.pid

    def test_render_never_js_shop_fails_cart_visible(self):
        srv = self.serve("js-shop")
        report, res = self.audit(srv.url("/"), "--render", "never", timeout=TIMEOUT)
        self.assertNotEqual(harness.check(report, "cart_visible")["status"], "pass", res)
        self.assertEqual(report["render"]["decision"], "off")
        self.assertEqual(report["render"]["pages_rendered"], 0)
        self.assertTrue(all(p["rendered"] is False for p in report["pages"]), report["pages"])
        self.assertEqual(browser_requests(srv), [])

    def test_render_auto_js_shop_passes_cart_visible_with_rendered_evidence(self):
        srv = self.serve("js-shop")
        report, res, pid = self.audit_pid(srv.url("/"), "--render", "auto")
        cart = harness.check(report, "cart_visible")
        self.assertEqual(cart["status"], "pass", f"{cart}\n{res!r}")
        snippets = [e["snippet"] for e in cart["evidence"]]
        self.assertIn("Cart (0)", snippets)
        render = report["render"]
        self.assertEqual(render["decision"], "rendered", render)
        self.assertIn("empty #root", render["reason"])
        self.assertEqual(render["probes"], 1)
        gained = {e["element"]: e for e in render["evidence"]}
        self.assertEqual(gained["cart"]["snippet"], "Cart (0)")
        self.assertIn("a.cart", gained["cart"]["where"])
        self.assertEqual(gained["price"]["snippet"], "$49.00")
        self.assertEqual(gained["buy_button"]["snippet"], "Add to cart")
        pages = harness.pages_by_path(report)
        self.assertTrue(pages["/"]["rendered"], pages["/"])
        self.assertTrue(pages["/product.html"]["rendered"], pages)
        self.assertEqual(render["pages_rendered"],
                         sum(1 for p in report["pages"] if p["rendered"]))
        self.assertGreater(render["browser_peak_rss_kb"], 0)
        self.assertGreater(render["shopaudit_peak_rss_kb"], 0)
        # the script's own requests came from the browser; the third-party one was blocked
        paths = [r.path for r in browser_requests(srv)]
        self.assertIn("/catalog.json", paths)
        self.assertNotIn("/third-party-widget.js", srv.requested_paths())
        # the browser's whole process group is gone and its profile removed
        self.assertEqual(leftovers(pid), ([], []))

    def test_render_auto_ssr_next_data_shop_not_rendered(self):
        srv = self.serve("ssr-shop")
        report, res = self.audit(srv.url("/"), timeout=TIMEOUT)
        render = report["render"]
        self.assertEqual(render["mode"], "auto")
        self.assertEqual(render["decision"], "server_html", render)
        self.assertEqual(render["probes"], 0)
        self.assertEqual(render["pages_rendered"], 0)
        self.assertEqual(browser_requests(srv), [])
        self.assertIn("/product.html", harness.pages_by_path(report))
        self.assertEqual(harness.check(report, "cart_visible")["status"], "pass", res)
        self.assertEqual(res.stderr, "")

    def test_render_auto_probe_adding_nothing_stays_on_server_html(self):
        srv = self.serve("js-inert")
        report, res = self.audit(srv.url("/"), timeout=TIMEOUT)
        render = report["render"]
        self.assertEqual(render["decision"], "server_html", render)
        self.assertEqual(render["probes"], 1)
        self.assertEqual(render["pages_rendered"], 0)
        self.assertEqual(render["evidence"], [])
        self.assertEqual(render["reason"],
                         "empty #app, little visible text, but rendering added no retention element")
        self.assertIn("/splash.js", [r.path for r in browser_requests(srv)])
        self.assertFalse(harness.pages_by_path(report)["/"]["rendered"])

    def test_render_never_settling_page_hits_budget(self):
        srv = self.serve("js-never-settles")
        report, res = self.audit(srv.url("/"), "--render", "always", "--render-budget-ms", "2500",
                                 timeout=TIMEOUT)
        render = report["render"]
        self.assertIn("render_budget", report["site"]["limits_hit"], res)
        self.assertGreaterEqual(render["budget_hits"], 1, render)
        self.assertEqual(render["failures"], 0, res)
        self.assertEqual(render["pages_rendered"], 1, render)
        pings = [r for r in browser_requests(srv) if r.path == "/ping.json"]
        self.assertGreater(len(pings), 1, "the page did not keep the network busy")

    def test_render_sigint_during_render_exit_130_no_browser_left(self):
        srv = self.serve("js-never-settles")
        out = os.path.join(self.tmp, "report.json")
        proc = harness.start_cli("--json", out, "-q", "--render", "always",
                                 "--render-budget-ms", "60000", srv.url("/"))
        self.addCleanup(lambda: proc.poll() is None and proc.kill())
        deadline = time.monotonic() + TIMEOUT / 2
        while not [r for r in browser_requests(srv) if r.path == "/ping.json"]:
            self.assertIsNone(proc.poll(), "shopaudit ended before the page was rendering")
            self.assertLess(time.monotonic(), deadline, "the browser never loaded the page")
            time.sleep(0.1)
        proc.send_signal(signal.SIGINT)
        res = harness.finish_cli(proc, timeout=30)
        self.assertEqual(res.code, 130, res)
        report = harness.load_report(out)
        self.assertIn("interrupted", report["site"]["limits_hit"])
        self.assertEqual(leftovers(proc.pid), ([], []))

    def test_render_chromium_missing_still_reports(self):
        srv = self.serve("js-shop")
        report, res = self.audit(srv.url("/"), "--chromium", "/nonexistent/chromium",
                                 timeout=TIMEOUT)
        self.assertIn("render_unavailable", report["site"]["limits_hit"])
        render = report["render"]
        self.assertEqual(render["decision"], "unavailable")
        self.assertIn("/nonexistent/chromium", render["reason"])
        self.assertEqual(render["pages_rendered"], 0)
        self.assertNotEqual(harness.check(report, "cart_visible")["status"], "pass")
        warnings = [l for l in res.stderr_lines() if "cannot render pages" in l]
        self.assertEqual(warnings, [
            "shopaudit: warning: cannot render pages, auditing server HTML only: chromium not "
            "found or not executable: '/nonexistent/chromium'"])

    # ---- --render-jobs: concurrent renders in tabs of the one browser ----

    def run_driver(self, *args, expect_code=0):
        """tests/render_driver.c: renders each URL from a thread of its own through the engine's
        render policy; returns {url: (rendered, title)}, {"probes": .., "decision": ..} from
        its summary lines, stderr and pid."""
        proc = subprocess.Popen([RENDER_DRIVER, *args], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        self.addCleanup(lambda: proc.poll() is None and proc.kill())
        out, err = proc.communicate(timeout=TIMEOUT)
        self.assertEqual(proc.returncode, expect_code, f"{out}\n{err}")
        rows, summary = {}, {}
        for line in out.splitlines():
            parts = line.split("\t")
            if len(parts) == 3:
                rows[parts[0]] = (parts[1] == "1", parts[2])
            elif " " in line:
                summary[line.split(" ")[0]] = line.split(" ", 1)[1]
        return rows, summary, err, proc.pid

    def slow_renders(self, jobs):
        """Renders p1..p4 of js-slow (each page holds /data-N.json open 1.5 s) with jobs tabs;
        returns the browser's /data-*.json requests from the server's trace."""
        srv = self.serve("js-slow")
        urls = [srv.url(f"/p{n}.html") for n in range(1, 5)]
        rows, _, err, pid = self.run_driver(str(jobs), *urls)
        # every rendered HTML is its own page's: the title the page's script set
        for n, url in enumerate(urls, 1):
            self.assertEqual(rows.get(url), (True, f"Page {n} rendered"), err)
        self.assertEqual(leftovers(pid), ([], []))
        data = [r for r in browser_requests(srv) if r.path.startswith("/data-")]
        self.assertEqual(sorted(r.path for r in data),
                         [f"/data-{n}.json" for n in range(1, 5)], data)
        self.assertTrue(all(r.last for r in data), f"a request never ended: {data}")
        return data

    def test_render_jobs_two_tabs_overlap_and_one_does_not(self):
        two = overlapping(self.slow_renders(2))
        self.assertTrue(two, "with 2 tabs no two pages' requests were open at once")
        # never more than two at once: the third page waited for a free tab
        data = self.slow_renders(2)
        for r in data:
            open_then = [x for x in data if x is not r and x.first < r.first < x.last]
            self.assertLessEqual(len(open_then), 1, data)
        self.assertEqual(overlapping(self.slow_renders(1)), [])

    def test_render_jobs_browser_killed_mid_render_fails_every_tab_once(self):
        srv = self.serve("js-never-settles")
        urls = [srv.url("/"), srv.url("/?b"), srv.url("/?c")]
        proc = subprocess.Popen([RENDER_DRIVER, "--budget-ms", "60000", "3", *urls],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.addCleanup(lambda: proc.poll() is None and proc.kill())
        deadline = time.monotonic() + TIMEOUT / 2
        # all three tabs are polling: three pages in flight
        while len({r.target for r in browser_requests(srv) if r.path == "/"}) < 3:
            self.assertIsNone(proc.poll(), "the driver ended before the pages rendered")
            self.assertLess(time.monotonic(), deadline, "the browser never loaded the pages")
            time.sleep(0.1)
        procs, _ = leftovers(proc.pid)
        main = []
        for pid in procs:  # the browser itself: its helpers carry --type=
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read()
            if b"--remote-debugging-pipe" in cmd and b"--type=" not in cmd:
                main.append(int(pid))
        self.assertEqual(len(main), 1, procs)
        os.kill(main[0], signal.SIGKILL)
        out, err = proc.communicate(timeout=60)
        self.assertEqual(proc.returncode, 1, f"{out}\n{err}")
        rendered = [l.split("\t")[1] for l in out.splitlines() if l.count("\t") == 2]
        self.assertEqual(rendered, ["0", "0", "0"], out)
        warnings = [l for l in err.splitlines() if "browser stopped" in l]
        self.assertEqual(len(warnings), 1, err)
        self.assertIn("failures 3", out)
        self.assertEqual(leftovers(proc.pid), ([], []))

    def test_render_jobs_auto_concurrent_pages_wait_for_two_probes_then_render(self):
        srv = self.serve("js-slow")
        urls = [srv.url(f"/p{n}.html") for n in range(1, 5)]
        rows, summary, err, _ = self.run_driver("--auto", "2", *urls)
        self.assertEqual(summary["decision"], "rendered", summary)
        self.assertIn(summary["probes"], ("1", "2"))  # never more than two probes
        for n, url in enumerate(urls, 1):
            self.assertEqual(rows.get(url), (True, f"Page {n} rendered"), err)

    def test_render_jobs_auto_probes_adding_nothing_keep_every_page_server_html(self):
        srv = self.serve("js-inert")
        urls = [srv.url("/"), srv.url("/?2"), srv.url("/?3"), srv.url("/?4")]
        proc = subprocess.run([RENDER_DRIVER, "--auto", "2", *urls], capture_output=True,
                              text=True, timeout=TIMEOUT)
        self.assertEqual(proc.returncode, 1, proc)  # not every page rendered: none was
        self.assertIn("probes 2\ndecision server_html\n", proc.stdout)
        self.assertEqual([l.split("\t")[1] for l in proc.stdout.splitlines() if "\t" in l],
                         ["0", "0", "0", "0"])
        # the two probes only: the pages that waited followed the verdict without a render
        self.assertEqual(len([r for r in browser_requests(srv) if r.path == "/splash.js"]), 2)

    def test_render_jobs_out_of_range_exit_2(self):
        res = self.run_cli("--render-jobs", "9", "http://127.0.0.1:9/")
        self.assertEqual(res.code, 2)
        self.assertOneErrorLine(res, "shopaudit: --render-jobs: must be 1..8, got '9'")

    # ---- the crawl's identity in the browser ----

    def test_render_browser_sends_crawl_user_agent_header_and_phone_viewport(self):
        srv = self.serve("js-ident")
        report, res = self.audit(srv.url("/"), "--render", "always", "--mobile", "--header",
                                 "X-Audit-Run: r42", timeout=TIMEOUT)
        self.assertTrue(harness.pages_by_path(report)["/"]["rendered"], res)
        reqs = traced(srv)
        crawler = [r for r in reqs if r.path == "/" and "sec-fetch-mode" not in r.headers]
        self.assertTrue(crawler, reqs)
        ua = crawler[0].ua
        self.assertIn("Android", ua)
        self.assertIn("shopaudit/", ua)
        browser = browser_requests(srv)
        doc = [r for r in browser if r.path == "/" and r.headers.get("sec-fetch-dest") == "document"]
        echo = [r for r in browser if r.path == "/echo.json"]
        self.assertEqual(len(doc), 1, browser)
        self.assertEqual(len(echo), 1, browser)
        for r in doc + echo:
            self.assertEqual(r.ua, ua, r)
            self.assertEqual(r.headers.get("x-audit-run"), "r42", r)
        # what the page's own script saw: a phone's viewport with touch
        self.assertEqual(echo[0].query["w"], ["412"])
        self.assertNotEqual(echo[0].query["touch"], ["0"])

    def test_render_browser_without_mobile_has_desktop_viewport(self):
        srv = self.serve("js-ident")
        self.audit(srv.url("/"), "--render", "always", timeout=TIMEOUT)
        echo = [r for r in browser_requests(srv) if r.path == "/echo.json"]
        self.assertEqual(len(echo), 1)
        self.assertEqual(echo[0].query["w"], ["1280"])
        self.assertNotIn("Android", echo[0].ua)
        self.assertIn("shopaudit/", echo[0].ua)

    # ---- auto: pages seen before the switch ----

    def test_render_auto_switch_reports_pages_seen_before_as_server_html(self):
        srv = self.serve("js-late")
        report, res = self.audit(srv.url("/"), timeout=TIMEOUT)
        render = report["render"]
        self.assertEqual(render["decision"], "rendered", render)
        self.assertIn(srv.url("/shop.html"), render["reason"])
        pages = harness.pages_by_path(report)
        # the hand-written start page looked complete: audited as server HTML, and named
        self.assertFalse(pages["/"]["rendered"])
        self.assertEqual(render["server_html_before_switch"], 1, render)
        self.assertEqual(render["server_html_before_switch_urls"], [srv.url("/")])
        # after the switch every page renders, the plain terms page too
        self.assertTrue(pages["/shop.html"]["rendered"], pages)
        self.assertTrue(pages["/terms.html"]["rendered"], pages)
        self.assertEqual(render["render_jobs"], 2)

    def test_render_bad_mode_exit_2(self):
        res = self.run_cli("--render", "sometimes", "http://127.0.0.1:9/")
        self.assertEqual(res.code, 2)
        self.assertOneErrorLine(
            res, "shopaudit: --render: expected auto, never or always, got 'sometimes'")

    def test_render_budget_too_small_exit_2(self):
        res = self.run_cli("--render-budget-ms", "50", "http://127.0.0.1:9/")
        self.assertEqual(res.code, 2)
        self.assertOneErrorLine(res, "shopaudit: --render-budget-ms: must be at least 100")


if __name__ == "__main__":
    unittest.main()
