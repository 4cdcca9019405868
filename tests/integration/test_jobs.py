"""--jobs (#9): pages built and checked on worker threads give the report --jobs 1 gives, and an
interrupted threaded audit still writes every page its checks saw.

Run one test: python3 tests/integration/test_jobs.py -k test_jobs_http_one_and_four_same_report
"""

import os
import signal
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

# What differs between two audits of an unchanged site whatever the threads: clocks and memory.
TIMING_KEYS = {"started_at", "duration_ms", "ms", "render_ms", "browser_start_ms",
               "shopaudit_peak_rss_kb", "browser_peak_rss_kb"}


def without_timing(value):
    if isinstance(value, dict):
        return {k: without_timing(v) for k, v in value.items() if k not in TIMING_KEYS}
    if isinstance(value, list):
        return [without_timing(v) for v in value]
    return value


def kill(proc):
    if proc.poll() is None:
        proc.kill()
        proc.wait()


class JobsTests(harness.AuditTestCase):
    def assertSameReports(self, target, *args):
        one, _ = self.audit(target, "--jobs", "1", *args)
        four, _ = self.audit(target, "--jobs", "4", *args)
        self.assertGreaterEqual(one["site"]["pages_crawled"], 10, "too small a site to compare")
        self.assertEqual(without_timing(one), without_timing(four))

    def test_jobs_http_one_and_four_same_report(self):
        # 45 pages: the home page links 40 fillers before cart, contact, delivery and returns
        srv = self.serve("priority")
        self.assertSameReports(srv.url("/"), "--render", "never", "--concurrency", "4")

    def test_jobs_folder_one_and_four_same_report_russian(self):
        self.assertSameReports(os.path.join(harness.SITES, "priority-ru"), "--render", "never")

    def test_jobs_http_one_and_four_same_report_thai(self):
        # 12 pages that each say the same things differently (return periods, benefits, callback
        # offers, loyalty signs, links to a missing page): what a check quotes must not depend
        # on which page a worker finished first
        srv = self.serve("order-th")
        self.assertSameReports(srv.url("/"), "--render", "never", "--concurrency", "4")

    def test_jobs_out_of_range_exit_2_exact_message(self):
        res = self.run_cli("--jobs", "17", "http://127.0.0.1:1/")
        self.assertEqual(res.code, 2, res)
        self.assertOneErrorLine(res, "shopaudit: --jobs: must be 0..16: '17'")

    def test_jobs_sigint_mid_crawl_exit_130_observed_pages_kept(self):
        """slow-pages answers each /page-* after 1 s: with 4 transfers at once, a ninth
        request means at least five pages came back and went to the workers. SIGINT then."""
        srv = self.serve("slow-pages")
        out = os.path.join(self.tmp, "report.json")
        started = time.monotonic()
        proc = harness.start_cli("-q", "--jobs", "2", "--concurrency", "4", "--render", "never",
                                 "--json", out, srv.url("/"))
        self.addCleanup(kill, proc)
        deadline = time.monotonic() + 60
        while sum(p.startswith("/page-") for p in srv.requested_paths()) < 9:
            self.assertIsNone(proc.poll(), "the audit ended before nine slow pages were asked")
            self.assertLess(time.monotonic(), deadline, "nine slow pages not asked in 60 s")
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        res = harness.finish_cli(proc, timeout=20, started=started)
        self.assertEqual(res.code, 130, res)
        report = harness.load_report(out)
        self.assertIn("interrupted", report["site"]["limits_hit"])
        pages = report["pages"]
        self.assertGreaterEqual(len(pages), 2, "the home page and a slow page at least")
        self.assertLess(len(pages), 21, "every page was fetched: not interrupted")
        # every page listed was observed: its record carries what the page said
        self.assertEqual(report["site"]["pages_crawled"], len(pages))
        for p in pages:
            self.assertNotEqual(p["title"], "", f"a page record the checks never saw: {p}")
        self.assertLessEqual(set(harness.CHECK_IDS), {c["id"] for c in report["checks"]})


if __name__ == "__main__":
    unittest.main()
