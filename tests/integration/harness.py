"""Helpers for shopaudit's integration tests: a fixture server on 127.0.0.1, the CLI, reports.

    class CrawlTests(harness.AuditTestCase):
        def test_x(self):
            srv = self.serve("robots")                 # fixtures/sites/robots, stopped in cleanup
            report = self.audit(srv.url("/"), "--max-pages", "5")
            self.assertNotIn("/private/secret.html", srv.requested_paths())

Paths: the CLI is $SHOPAUDIT, else build/shopaudit under $SA_SOURCE_DIR (else this repo);
fixtures are under $SA_SOURCE_DIR/fixtures. Every server and CLI process started here is
stopped by the test's cleanups, even when the test fails.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.path.abspath(os.environ.get("SA_SOURCE_DIR") or os.path.join(HERE, "..", ".."))
FIXTURES = os.path.join(SOURCE_DIR, "fixtures")
SITES = os.path.join(FIXTURES, "sites")
DEMO_SHOP = os.path.join(FIXTURES, "demo-shop")
SERVER = os.path.join(HERE, "..", "server.py")
SHOPAUDIT = os.environ.get("SHOPAUDIT") or os.path.join(SOURCE_DIR, "build", "shopaudit")

CHECK_IDS = ("cart_visible", "cta_buttons", "contacts", "https", "mobile_viewport")
STATUSES = ("pass", "partial", "fail", "not_applicable")
LOG_LINE = re.compile(r"^(\S+) (\S+) UA=(.*) AE=(.*)$")


class Request:
    """One line of the server log."""

    def __init__(self, method, target, ua, ae):
        self.method, self.target, self.ua, self.ae = method, target, ua, ae
        parts = urllib.parse.urlsplit(target)
        self.path, self.query = parts.path, parts.query

    def __repr__(self):
        return f"{self.method} {self.target}"


class FixtureServer:
    """tests/server.py serving one folder, its port file and log in a private temp dir."""

    def __init__(self, root, workdir):
        self.root, self.workdir = root, workdir
        self.port_file = os.path.join(workdir, "port")
        self.log_file = os.path.join(workdir, "requests.log")
        self.err_file = os.path.join(workdir, "server.stderr")
        self.proc, self.port = None, None
        self.extra_args = []  # more server.py options, e.g. ["--tls", cert, key]

    def start(self, timeout=10.0):
        if not os.path.isdir(self.root):
            raise AssertionError(f"fixture folder missing: {self.root}")
        with open(self.err_file, "wb") as err:
            self.proc = subprocess.Popen(
                [sys.executable, SERVER, "--root", self.root, "--port", "0",
                 "--port-file", self.port_file, "--log", self.log_file, *self.extra_args],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        deadline = time.monotonic() + timeout
        while not os.path.exists(self.port_file):  # written by rename: never half a number
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise AssertionError(f"fixture server did not start: {self.stderr()}")
            time.sleep(0.02)
        with open(self.port_file) as f:
            self.port = int(f.read())
        return self

    def stop(self):
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def url(self, path="/", host="127.0.0.1"):
        return f"http://{host}:{self.port}{path}"

    def stderr(self):
        try:
            with open(self.err_file, errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def requests(self):
        """Requests received so far, in order."""
        if not os.path.exists(self.log_file):
            return []
        with open(self.log_file, encoding="utf-8", errors="replace") as f:
            out = []
            for line in f:
                m = LOG_LINE.match(line.rstrip("\n"))
                if m:
                    out.append(Request(*m.groups()))
            return out

    def requested_paths(self):
        return [r.path for r in self.requests()]


class CliResult:
    def __init__(self, code, stdout, stderr, seconds):
        self.code, self.stdout, self.stderr, self.seconds = code, stdout, stderr, seconds

    def stderr_lines(self):
        return self.stderr.splitlines()

    def __repr__(self):
        return (f"exit {self.code} after {self.seconds:.1f} s\n--- stdout\n{self.stdout}"
                f"--- stderr\n{self.stderr}")


def require_binary():
    if not (os.path.isfile(SHOPAUDIT) and os.access(SHOPAUDIT, os.X_OK)):
        raise AssertionError(f"shopaudit binary not found at {SHOPAUDIT} "
                             "(build it, or set SHOPAUDIT / SA_SOURCE_DIR)")


def start_cli(*args, cwd=None):
    """Starts the CLI without waiting (for signal tests). Output goes to pipes."""
    require_binary()
    return subprocess.Popen([SHOPAUDIT, *map(str, args)], cwd=cwd, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish_cli(proc, timeout=60.0, started=None):
    started = started or time.monotonic()
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        raise AssertionError(f"shopaudit still running after {timeout} s; killed.\n"
                             f"stdout: {out.decode(errors='replace')}\n"
                             f"stderr: {err.decode(errors='replace')}")
    err_text = err.decode("utf-8", "replace")
    # Under the sanitizer build a finding must fail the test whatever exit code was expected.
    if "Sanitizer" in err_text or "runtime error:" in err_text:
        raise AssertionError(f"sanitizer report from shopaudit:\n{err_text}")
    return CliResult(proc.returncode, out.decode("utf-8", "replace"), err_text,
                     time.monotonic() - started)


def run_cli(*args, timeout=60.0, cwd=None):
    """Runs the CLI to completion; kills it and fails after timeout seconds."""
    started = time.monotonic()
    return finish_cli(start_cli(*args, cwd=cwd), timeout, started)


def load_report(path):
    """The JSON report at path, which must be valid UTF-8 and valid JSON."""
    with open(path, "rb") as f:
        data = f.read()
    try:
        text = data.decode("utf-8")  # strict: the design promises valid UTF-8
    except UnicodeDecodeError as e:
        raise AssertionError(f"{path}: not valid UTF-8: {e}") from None
    try:
        return json.loads(text)
    except ValueError as e:
        raise AssertionError(f"{path}: not valid JSON: {e}") from None


def url_path(url):
    """"/a/b?x=1" for "http://h:1/a/b?x=1"; the query kept, the fragment dropped."""
    parts = urllib.parse.urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def check(report, check_id):
    for c in report.get("checks", []):
        if c.get("id") == check_id:
            return c
    raise AssertionError(f"check {check_id!r} missing from the report: "
                         f"{[c.get('id') for c in report.get('checks', [])]}")


def statuses(report):
    return {c["id"]: c["status"] for c in report["checks"] if c["id"] in CHECK_IDS}


def pages_by_path(report):
    """{"/a.html": page, ...} for pages[]; directory URLs keep their trailing slash."""
    return {url_path(p["url"]): p for p in report.get("pages", [])}


def page(report, path):
    """The pages[] entry whose URL path (and query) is path; fails listing what is there."""
    pages = pages_by_path(report)
    if path not in pages:
        raise AssertionError(f"{path} not in pages[]: {sorted(pages)}")
    return pages[path]


def errors_for(report, path):
    return [e for e in report.get("errors", []) if url_path(e.get("url", "")) == path]


class AuditTestCase(unittest.TestCase):
    """A TestCase with a private temp dir and helpers that clean up after themselves."""

    maxDiff = None

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sa-it-")
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        self._runs = 0

    def serve(self, site):
        """Starts the fixture server on fixtures/sites/<site> (or an absolute folder)."""
        root = site if os.path.isabs(site) else os.path.join(SITES, site)
        workdir = tempfile.mkdtemp(prefix="server-", dir=self.tmp)
        srv = FixtureServer(root, workdir)
        self.addCleanup(srv.stop)  # registered first: runs even if start() fails half-way
        return srv.start()

    def run_cli(self, *args, timeout=60.0):
        return run_cli(*args, timeout=timeout)

    def audit(self, target, *args, expect_code=0, timeout=60.0):
        """Runs `shopaudit --json F -q ARGS TARGET`, asserts the exit code and returns
        (report, result)."""
        self._runs += 1
        out = os.path.join(self.tmp, f"report-{self._runs}.json")
        res = self.run_cli("--json", out, "-q", *args, target, timeout=timeout)
        self.assertEqual(res.code, expect_code, f"unexpected exit code\n{res!r}")
        self.assertTrue(os.path.exists(out), f"no report written at {out}\n{res!r}")
        return load_report(out), res

    def assertOneErrorLine(self, res, expected=None):
        """stderr is exactly one line starting "shopaudit: " (and equal to expected)."""
        lines = res.stderr_lines()
        self.assertEqual(len(lines), 1, f"expected one stderr line\n{res!r}")
        if expected is not None:
            self.assertEqual(lines[0], expected)
        else:
            self.assertTrue(lines[0].startswith("shopaudit: "), lines[0])
