"""The command line: exit codes with their stderr line, output files, summary, signals.

Exit codes (DESIGN.md): 0 done, 1 below --fail-under, 2 usage or bad input, 3 site could not be
audited, 130 interrupted (report still written). Errors: one stderr line "shopaudit: ...".

Run one test: python3 tests/integration/test_cli.py -k test_unknown_option_exit_2_names_option
"""

import math
import os
import re
import signal
import socket
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

OPTIONS = ["--json", "--out", "--max-pages", "--max-depth", "--concurrency", "--delay",
           "--timeout", "--max-bytes", "--ignore-robots", "--user-agent", "--mobile",
           "--fail-under", "--quiet", "--help", "--version", "--html", "--report-lang",
           "--sarif", "--junit", "--junit-partial", "--fail-on", "--baseline",
           "--fail-on-regression", "--render", "--chromium", "--render-budget-ms", "--config",
           "--rules", "--include", "--exclude", "--header", "--checks", "--skip-checks",
           "--list-checks"]
SCORE_LINE = re.compile(r"^\s*Score: (\d+)/100\b", re.M)


def closed_port():
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def kill(proc):
    if proc.poll() is None:
        proc.kill()
        proc.wait()


class CliTests(harness.AuditTestCase):

    # -- 0: information -----------------------------------------------------------------------

    def test_version_prints_name_and_version(self):
        res = self.run_cli("--version")
        self.assertEqual(res.code, 0, res)
        self.assertEqual(res.stdout.strip(), "shopaudit 0.1.0")
        self.assertEqual(res.stderr, "")

    def test_help_lists_options_within_48_lines(self):
        res = self.run_cli("--help")
        self.assertEqual(res.code, 0, res)
        self.assertEqual(res.stderr, "")
        # fits a terminal screen: 48 lines leave room for the prompt on a 50-line one
        self.assertLessEqual(len(res.stdout.splitlines()), 48, res.stdout)
        for option in OPTIONS:
            self.assertIn(option, res.stdout, f"--help does not mention {option}")

    # -- 2: usage errors and bad input --------------------------------------------------------

    def test_unknown_option_exit_2_names_option(self):
        res = self.run_cli("--bogus", "http://127.0.0.1:9/")
        self.assertEqual(res.code, 2, res)
        self.assertOneErrorLine(res, "shopaudit: unknown option '--bogus' (try 'shopaudit --help')")

    def test_max_pages_not_a_number_exit_2_exact_message(self):
        res = self.run_cli("--max-pages", "x", "http://127.0.0.1:9/")
        self.assertEqual(res.code, 2, res)
        self.assertOneErrorLine(res, "shopaudit: --max-pages: not a number: 'x'")

    def test_max_bytes_unknown_suffix_exit_2(self):
        res = self.run_cli("--max-bytes", "5X", "http://127.0.0.1:9/")
        self.assertEqual(res.code, 2, res)
        self.assertOneErrorLine(res)
        self.assertTrue(res.stderr.startswith("shopaudit: --max-bytes"), res.stderr)

    def test_missing_target_exit_2(self):
        res = self.run_cli("--max-pages", "5")
        self.assertEqual(res.code, 2, res)
        self.assertOneErrorLine(res)

    def test_invalid_url_without_host_exit_2(self):
        res = self.run_cli("-q", "http://")
        self.assertEqual(res.code, 2, res)
        self.assertOneErrorLine(res)

    def test_invalid_url_space_in_scheme_exit_2(self):
        res = self.run_cli("-q", "ht tp://x")
        self.assertEqual(res.code, 2, res)
        self.assertOneErrorLine(res)

    def test_json_path_unwritable_exit_2(self):
        srv = self.serve("minimal")
        res = self.run_cli("-q", "--json", "/proc/x/report.json", srv.url("/"))
        self.assertEqual(res.code, 2, res)
        self.assertOneErrorLine(res)
        self.assertIn("/proc/x/report.json", res.stderr, "the message should name the path")

    def test_out_dir_unwritable_exit_2(self):
        srv = self.serve("minimal")
        res = self.run_cli("-q", "--out", "/proc/x/out", srv.url("/"))
        self.assertEqual(res.code, 2, res)
        self.assertOneErrorLine(res)

    # -- 3: the site could not be audited -----------------------------------------------------

    def test_start_unreachable_closed_port_exit_3(self):
        res = self.run_cli("-q", f"http://127.0.0.1:{closed_port()}/", timeout=30)
        self.assertEqual(res.code, 3, res)
        self.assertOneErrorLine(res)
        # RFC 9309 treats an unreachable robots.txt as "disallow all", but the user must be
        # told the site is unreachable, not that robots.txt forbids it.
        self.assertNotIn("robots", res.stderr, "the message blames robots.txt")

    def test_start_page_404_exit_3(self):
        srv = self.serve("minimal")
        res = self.run_cli("-q", srv.url("/missing.html"))
        self.assertEqual(res.code, 3, res)
        self.assertOneErrorLine(res)
        self.assertIn("404", res.stderr)

    def test_start_page_500_exit_3(self):
        srv = self.serve("error-status")
        res = self.run_cli("-q", srv.url("/boom"))
        self.assertEqual(res.code, 3, res)
        self.assertOneErrorLine(res)
        self.assertIn("500", res.stderr)

    def test_start_page_pdf_not_html_exit_3(self):
        srv = self.serve("minimal")
        res = self.run_cli("-q", srv.url("/doc.pdf"))
        self.assertEqual(res.code, 3, res)
        self.assertOneErrorLine(res)

    def test_start_redirected_offsite_exit_3(self):
        srv = self.serve("minimal")  # /away redirects to http://localhost:PORT/
        res = self.run_cli("-q", srv.url("/away"))
        self.assertEqual(res.code, 3, res)
        self.assertOneErrorLine(res)

    # -- 0 and 1: thresholds, summary and output files ----------------------------------------

    def test_fail_under_above_score_exit_1_report_written(self):
        srv = self.serve("minimal")
        report, res = self.audit(srv.url("/"), "--fail-under", "101", expect_code=1)
        self.assertEqual(report["schema_version"], 1)
        self.assertLess(report["score"], 101)
        if res.stderr:  # a one-line note on why the exit code is 1 is welcome, noise is not
            self.assertOneErrorLine(res)

    def test_fail_under_at_score_floor_exit_0(self):
        srv = self.serve("minimal")
        report, _ = self.audit(srv.url("/"))
        floor = math.floor(report["score"])
        self.audit(srv.url("/"), "--fail-under", str(floor), expect_code=0)

    def test_summary_score_line_matches_report(self):
        srv = self.serve("minimal")
        out = os.path.join(self.tmp, "report.json")
        res = self.run_cli("--json", out, srv.url("/"))
        self.assertEqual(res.code, 0, res)
        m = SCORE_LINE.search(res.stdout)
        self.assertIsNotNone(m, f"no 'Score: NN/100' line on stdout:\n{res.stdout}")
        self.assertLess(abs(int(m.group(1)) - harness.load_report(out)["score"]), 1)

    def test_quiet_flag_silences_stdout(self):
        srv = self.serve("minimal")
        report, res = self.audit(srv.url("/"))  # audit() passes -q
        self.assertEqual(res.stdout, "")
        self.assertGreaterEqual(len(report["pages"]), 1)

    def test_out_dir_created_with_report_json(self):
        srv = self.serve("minimal")
        out = os.path.join(self.tmp, "audit-out")
        res = self.run_cli("-q", "--out", out, srv.url("/"))
        self.assertEqual(res.code, 0, res)
        report = harness.load_report(os.path.join(out, "report.json"))
        self.assertEqual(report["site"]["start_url"], srv.url("/"))

    def test_report_write_leaves_no_temp_files(self):
        srv = self.serve("minimal")
        out = os.path.join(self.tmp, "out")
        res = self.run_cli("-q", "--out", out, srv.url("/"))
        self.assertEqual(res.code, 0, res)
        self.assertEqual(sorted(os.listdir(out)), ["report.html", "report.json"])
        jdir = os.path.join(self.tmp, "jsondir")
        os.mkdir(jdir)
        res = self.run_cli("-q", "--json", os.path.join(jdir, "audit.json"), srv.url("/"))
        self.assertEqual(res.code, 0, res)
        self.assertEqual(os.listdir(jdir), ["audit.json"])

    # -- 130: interrupted ---------------------------------------------------------------------

    def interrupt_mid_crawl(self, sig):
        """Audits slow-pages (every page but the home page takes 1 s) one page at a time,
        sends sig once the first slow page is asked for (so the home page is in, whatever the
        machine's load) and returns (result, report)."""
        srv = self.serve("slow-pages")
        out = os.path.join(self.tmp, "report.json")
        started = time.monotonic()
        proc = harness.start_cli("-q", "--concurrency", "1", "--json", out, srv.url("/"))
        self.addCleanup(kill, proc)
        deadline = time.monotonic() + 60
        while not any(p.startswith("/page-") for p in srv.requested_paths()):
            self.assertIsNone(proc.poll(), "the audit ended before any slow page")
            self.assertLess(time.monotonic(), deadline, "no slow page asked for in 60 s")
            time.sleep(0.05)
        self.assertIsNone(proc.poll(), "the audit ended before the signal: too fast to test")
        proc.send_signal(sig)
        res = harness.finish_cli(proc, timeout=20, started=started)
        self.assertEqual(res.code, 130, res)
        self.assertTrue(os.path.exists(out), f"no report after the signal\n{res!r}")
        return res, harness.load_report(out)

    def test_sigint_mid_crawl_exit_130_partial_report(self):
        res, report = self.interrupt_mid_crawl(signal.SIGINT)
        self.assertIn("interrupted", report["site"]["limits_hit"])
        self.assertGreaterEqual(len(report["pages"]), 1)
        self.assertLess(len(report["pages"]), 21, "every page was fetched: not interrupted")
        self.assertLessEqual(set(harness.CHECK_IDS), {c["id"] for c in report["checks"]})

    def test_sigterm_mid_crawl_exit_130_partial_report(self):
        res, report = self.interrupt_mid_crawl(signal.SIGTERM)
        self.assertIn("interrupted", report["site"]["limits_hit"])
        self.assertGreaterEqual(len(report["pages"]), 1)
        self.assertLess(len(report["pages"]), 21, "every page was fetched: not interrupted")

    # -- progress -----------------------------------------------------------------------------

    def test_progress_on_terminal_stderr_only(self):
        srv = self.serve("minimal")
        out = os.path.join(self.tmp, "tty.json")
        # with stderr a pipe there is no progress at all
        res = self.run_cli("--json", out, srv.url("/"))
        self.assertEqual(res.code, 0, res)
        self.assertEqual(res.stderr, "")
        try:
            master, slave = os.openpty()
        except OSError as e:  # a chroot or container without /dev/pts
            self.skipTest(f"no pseudo-terminal to show progress on: {e}")
        try:
            proc = subprocess.Popen([harness.SHOPAUDIT, "--json", out, srv.url("/")],
                                    stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=slave)
            os.close(slave)
            slave = None
            stdout, _ = proc.communicate(timeout=60)
            chunks = []
            while True:  # the pty keeps what the child wrote until it is read
                try:
                    data = os.read(master, 65536)
                except OSError:
                    break
                if not data:
                    break
                chunks.append(data)
        finally:
            if slave is not None:
                os.close(slave)
            os.close(master)
        tty = b"".join(chunks).decode("utf-8", "replace")
        self.assertEqual(proc.returncode, 0, tty)
        self.assertRegex(tty, r"\d+ done, \d+ queued, \d+ fetching")
        self.assertIn("\x1b[K", tty)  # the line is cleared, not left behind
        self.assertNotIn("done, ", stdout.decode())

    # -- choosing checks ----------------------------------------------------------------------

    def test_checks_option_runs_only_named_checks(self):
        srv = self.serve("minimal")
        report, _ = self.audit(srv.url("/"), "--checks", "https,cart_visible")
        self.assertEqual([c["id"] for c in report["checks"]], ["cart_visible", "https"])
        self.assertEqual({c["id"] for c in report["categories"]}, {"buying", "basics"})

    def test_checks_option_unknown_id_exit_2(self):
        res = self.run_cli("--checks", "https,cart_visibel", "http://127.0.0.1:1/")
        self.assertEqual(res.code, 2, res)
        self.assertOneErrorLine(res, "shopaudit: --checks: unknown check 'cart_visibel' "
                                     "(see shopaudit --list-checks)")

    def test_skip_checks_leaves_named_checks_out(self):
        srv = self.serve("minimal")
        report, _ = self.audit(srv.url("/"), "--skip-checks", "https,broken_links")
        ids = [c["id"] for c in report["checks"]]
        self.assertNotIn("https", ids)
        self.assertNotIn("broken_links", ids)
        self.assertIn("cart_visible", ids)

    def test_list_checks_prints_every_check_with_category_and_weight(self):
        res = self.run_cli("--list-checks")
        self.assertEqual(res.code, 0, res)
        lines = res.stdout.splitlines()
        self.assertEqual(lines[0].split(), ["ID", "CATEGORY", "WEIGHT", "TITLE"])
        rows = {l.split()[0]: l.split() for l in lines[1:]}
        for cid in harness.CHECK_IDS:
            self.assertIn(cid, rows)
        self.assertEqual(rows["cart_visible"][1:3], ["buying", "0.20"])
        self.assertEqual(rows["contacts"][1:3], ["trust", "0.45"])
        # every category's weights add up to 1 (each weight is a share of its category)
        total = {}
        for r in rows.values():
            total[r[1]] = total.get(r[1], 0) + float(r[2])
        for cat, w in total.items():
            self.assertLessEqual(w, 1.0001, cat)


if __name__ == "__main__":
    unittest.main()
