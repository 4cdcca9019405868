"""Hostile web, hostile input (issue #8): every scenario ends in a valid report and a documented
exit code, never a crash or a hang. Sites: fixtures/sites/hostile-html (malformed pages, huge and
binary bodies), hostile-traps (endless URL spaces), hostile-net (resets, Retry-After, redirect
chains); the charset pages and the TLS certificate are made per test in a temp folder.

Run one test: python3 tests/integration/test_hostile.py -k test_hostile_trap_calendar_stopped
"""

import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import errors_for, page  # noqa: E402

HTML_SRC = os.path.join(harness.SOURCE_DIR, "src", "html.c")

# A title per script, the non-ASCII text each multi-byte charset must carry through.
SAMPLES = {
    "gbk": "绿茶商店", "gb18030": "绿茶商店 𠀀", "big5": "綠茶商店", "euc-jp": "緑茶の店",
    "iso-2022-jp": "緑茶の店", "shift_jis": "緑茶の店", "euc-kr": "녹차 가게",
    "utf-8": "Чай 茶 ชา 🍵", "utf-16le": "Чай 茶 ชา 🍵", "utf-16be": "Чай 茶 ชา 🍵",
}
PY_CODEC = {"x-mac-cyrillic": "mac-cyrillic", "windows-874": "cp874", "shift_jis": "cp932",
            "euc-kr": "cp949", "big5": "big5hkscs", "gbk": "gb18030", "armscii-8": None}


def core_charsets():
    """The WHATWG labels src/html.c maps to iconv (its table's first column), so that a charset
    added to the core is tested without touching this file."""
    with open(HTML_SRC, encoding="utf-8") as f:
        text = f.read()
    table = text[text.index("{\"utf-8\", \"UTF-8\"}"):]
    table = table[:table.index("};")]
    return [m.group(1) for m in re.finditer(r'\{"([a-z0-9_-]+)", "[A-Z]', table)]


def sample_text(label, codec):
    """Up to 12 letters of the charset's upper half (single-byte), or the script sample."""
    if label in SAMPLES:
        return SAMPLES[label]
    letters = []
    for b in range(0xA0, 0x100):
        try:
            ch = bytes([b]).decode(codec)
        except UnicodeDecodeError:
            continue
        if ch.isalpha():
            letters.append(ch)
    step = max(1, len(letters) // 12)
    return "".join(letters[::step][:12])


class HostileTests(harness.AuditTestCase):

    def audit_one(self, srv, path, *args, expect_code=0):
        """Audits one page alone (the start page, nothing else), patiently: these pages cost
        seconds of CPU on a loaded machine, and a timeout is not what they test."""
        return self.audit(srv.url(path), "--max-pages", "1", "--concurrency", "1",
                          "--timeout", "90", *args, expect_code=expect_code, timeout=110)

    # -- charsets -----------------------------------------------------------------------------

    def make_charset_site(self):
        root = os.path.join(self.tmp, "charsets")
        os.makedirs(root)
        routes, links, expected = {}, [], {}
        for label in core_charsets():
            codec = PY_CODEC.get(label, label)
            if codec is None:  # Python has no codec to write the test page with
                continue
            title = f"Shop {sample_text(label, codec)}"
            body = (f"<!doctype html><html><head><title>{title}</title></head>"
                    f"<body><p>{title}</p></body></html>")
            name = f"{label}.html"
            with open(os.path.join(root, name), "wb") as f:
                f.write(body.encode(codec))
            routes[f"/{name}"] = {"content_type": f"text/html; charset={label}"}
            links.append(f'<a href="/{name}">{label}</a>')
            expected[f"/{name}"] = title
        with open(os.path.join(root, "index.html"), "w", encoding="utf-8") as f:
            f.write("<!doctype html><html><head><meta charset=utf-8><title>Charsets</title>"
                    f"</head><body>{' '.join(links)}</body></html>")
        with open(os.path.join(root, "_routes.json"), "w", encoding="utf-8") as f:
            json.dump(routes, f)
        return root, expected

    def test_hostile_charset_every_core_charset_title_decoded(self):
        root, expected = self.make_charset_site()
        self.assertGreater(len(expected), 30, "the core's charset table was not found")
        srv = self.serve(root)
        report, _ = self.audit(srv.url("/"), "--max-pages", "100", "--timeout", "60",
                               timeout=110)
        wrong = {p: (page(report, p)["title"], t) for p, t in expected.items()
                 if page(report, p)["title"] != t}
        self.assertEqual(wrong, {})

    def write_page(self, name, data):
        root = os.path.join(self.tmp, "site")
        os.makedirs(root, exist_ok=True)
        with open(os.path.join(root, name), "wb") as f:
            f.write(data)
        return root

    def test_hostile_charset_utf16_bom_without_declaration_decoded(self):
        title = "Чай и кофе 茶"
        doc = f"<!doctype html><html><head><title>{title}</title></head><body>x</body></html>"
        self.write_page("le.html", b"\xff\xfe" + doc.encode("utf-16-le"))
        root = self.write_page("be.html", b"\xfe\xff" + doc.encode("utf-16-be"))
        with open(os.path.join(root, "_routes.json"), "w") as f:  # no charset anywhere
            f.write('{"/le.html": {"content_type": "text/html"},'
                    ' "/be.html": {"content_type": "text/html"}}')
        srv = self.serve(root)
        for path in ("/le.html", "/be.html"):
            report, _ = self.audit_one(srv, path)
            self.assertEqual(page(report, path)["title"], title)

    def test_hostile_charset_meta_says_cp1251_bytes_are_utf8_utf8_wins(self):
        doc = ("<!doctype html><html><head><meta charset=\"windows-1251\">"
               "<title>Зелёный чай</title></head><body><p>Чай</p></body></html>")
        srv = self.serve(self.write_page("liar.html", doc.encode("utf-8")))
        report, _ = self.audit_one(srv, "/liar.html")  # load_report decodes strictly
        # Bytes that are valid UTF-8 outweigh a <meta> (not a header) that says otherwise.
        self.assertEqual(page(report, "/liar.html")["title"], "Зелёный чай")

    def test_hostile_charset_invalid_utf8_bytes_replaced(self):
        doc = (b"<!doctype html><html><head><meta charset=\"utf-8\"><title>Green\xff\xfe tea "
               b"\xc3\x28 \xed\xa0\x80 \xf8\x88\x80\x80\x80</title></head><body>x</body></html>")
        srv = self.serve(self.write_page("bad.html", doc))
        report, _ = self.audit_one(srv, "/bad.html")
        title = page(report, "/bad.html")["title"]
        self.assertTrue(title.startswith("Green"), title)
        self.assertIn("tea", title)

    # -- malformed and huge HTML --------------------------------------------------------------

    def test_hostile_html_unclosed_tags_page_audited(self):
        srv = self.serve("hostile-html")
        report, _ = self.audit_one(srv, "/unclosed.html")
        self.assertEqual(page(report, "/unclosed.html")["title"], "Unclosed green tea")
        self.assertEqual(report["errors"], [])

    def test_hostile_html_nested_forms_page_audited(self):
        srv = self.serve("hostile-html")
        report, _ = self.audit_one(srv, "/forms.html", "--checks", "newsletter_signup")
        self.assertEqual(page(report, "/forms.html")["title"], "Nested forms")
        self.assertEqual([c["id"] for c in report["checks"]], ["newsletter_signup"])

    def test_hostile_html_nul_bytes_dropped_from_text(self):
        srv = self.serve("hostile-html")
        report, _ = self.audit_one(srv, "/nul.html")
        self.assertNotIn("\0", report["pages"][0]["title"])
        self.assertEqual(page(report, "/nul.html")["title"].replace("\ufffd", ""),
                         "NUL bytes tea")

    def test_hostile_html_100000_deep_nesting_no_crash(self):
        srv = self.serve("hostile-html")
        report, _ = self.audit_one(srv, "/deep")
        deep = page(report, "/deep")
        self.assertEqual(deep["status"], 200)
        self.assertGreater(deep["bytes"], 100000 * 11)  # the whole page was read
        self.assertEqual(deep["title"], "Generated")

    def test_hostile_html_50mb_page_cut_at_max_bytes(self):
        srv = self.serve("hostile-html")
        report, _ = self.audit_one(srv, "/huge")
        huge = page(report, "/huge")
        self.assertEqual(huge["bytes"], 5 * 1024 * 1024)  # the default --max-bytes
        self.assertEqual(huge["title"], "Generated")
        self.assertIn("max_bytes", report["site"]["limits_hit"])

    def test_hostile_html_10mb_single_line_cut_at_max_bytes(self):
        srv = self.serve("hostile-html")
        report, _ = self.audit_one(srv, "/oneline", "--max-bytes", "3M")
        line = page(report, "/oneline")
        self.assertEqual(line["bytes"], 3 * 1024 * 1024)
        self.assertEqual(line["title"], "Generated")
        self.assertIn("max_bytes", report["site"]["limits_hit"])

    def test_hostile_binary_served_as_html_no_crash(self):
        srv = self.serve("hostile-html")
        report, _ = self.audit_one(srv, "/binary")
        binary = page(report, "/binary")
        self.assertEqual(binary["status"], 200)
        self.assertGreater(binary["bytes"], 290000)
        for c in report["checks"]:  # the checks ran on what the parser made of it
            self.assertIn(c["status"], harness.STATUSES, c)

    # -- endless URL spaces -------------------------------------------------------------------

    def audit_trap(self, start, prefix, at_most):
        srv = self.serve("hostile-traps")
        report, _ = self.audit(srv.url(start), "--max-pages", "200")
        self.assertIn("url_trap", report["site"]["limits_hit"])
        self.assertNotIn("max_pages", report["site"]["limits_hit"])
        fetched = [p for p in srv.requested_paths() if p.startswith(prefix)]
        self.assertGreater(len(fetched), 2, "the trap was not entered at all")
        self.assertLessEqual(len(fetched), at_most)
        return report

    def test_hostile_trap_calendar_stopped_after_two_years(self):
        self.audit_trap("/cal.html", "/events/", 25)

    def test_hostile_trap_growing_query_string_stopped(self):
        self.audit_trap("/grow.html", "/filter", 13)

    def test_hostile_trap_session_id_in_path_stopped(self):
        self.audit_trap("/session.html", "/s/", 9)

    def test_hostile_product_numbers_like_years_not_a_trap(self):
        # item-19001 .. item-19040 and item-200301 .. item-200310 begin like 1900 and 2003 but
        # have no month after the year: the calendar rule once cut them after the 24th
        srv = self.serve("hostile-traps")
        report, _ = self.audit(srv.url("/ids.html"), "--max-pages", "200")
        self.assertNotIn("url_trap", report["site"]["limits_hit"])
        fetched = sorted(set(p for p in srv.requested_paths() if p.startswith("/p/")))
        self.assertEqual(len(fetched), 50, fetched)
        self.assertEqual(report["site"]["pages_crawled"], 51)

    # -- the network misbehaving --------------------------------------------------------------

    def test_hostile_connection_reset_reported_audit_goes_on(self):
        srv = self.serve("hostile-net")
        report, _ = self.audit(srv.url("/"))
        self.assertEqual(page(report, "/reset.html")["status"], 0)
        self.assertEqual(len(errors_for(report, "/reset.html")), 1, report["errors"])
        self.assertEqual(page(report, "/cart.html")["status"], 200)

    def test_hostile_retry_after_503_page_fetched_on_second_try(self):
        srv = self.serve("hostile-net")
        report, _ = self.audit(srv.url("/"))
        self.assertEqual(page(report, "/busy.html")["title"], "busy page")
        self.assertEqual(errors_for(report, "/busy.html"), [])
        self.assertEqual(srv.requested_paths().count("/busy.html"), 2)

    def test_hostile_retry_after_429_on_start_page_waited_exit_0(self):
        srv = self.serve("hostile-net")
        report, _ = self.audit(srv.url("/busy-start"))
        self.assertEqual(page(report, "/busy-start")["status"], 200)
        self.assertEqual(srv.requested_paths().count("/busy-start"), 2)

    def test_hostile_retry_after_beyond_timeout_reported_not_waited(self):
        srv = self.serve("hostile-net")
        report, _ = self.audit(srv.url("/"), "--timeout", "20")
        self.assertEqual(page(report, "/limited.html")["status"], 429)
        [err] = errors_for(report, "/limited.html")
        self.assertEqual(err["error"],
                         "HTTP 429 (Retry-After 3600 s is longer than the audit waits)")
        self.assertEqual(srv.requested_paths().count("/limited.html"), 1)

    def test_hostile_redirect_chain_of_three_followed(self):
        srv = self.serve("hostile-net")
        report, _ = self.audit(srv.url("/"))
        self.assertEqual(page(report, "/final.html")["title"], "final page")
        self.assertEqual(errors_for(report, "/chain-1"), [])
        self.assertEqual(srv.requested_paths().count("/final.html"), 1)

    def test_hostile_redirect_chain_of_twelve_cut_at_ten(self):
        srv = self.serve("hostile-net")
        report, _ = self.audit(srv.url("/"))
        self.assertIn("max_redirects", report["site"]["limits_hit"])
        self.assertEqual([e["error"] for e in errors_for(report, "/long-1")],
                         ["more than 10 redirects"])
        self.assertNotIn("/long-12", srv.requested_paths())

    # -- TLS ----------------------------------------------------------------------------------

    def serve_tls(self):
        if not shutil.which("openssl"):
            self.fail("openssl missing (scripts/packages.d/hostile.txt)")
        cert, key = os.path.join(self.tmp, "cert.pem"), os.path.join(self.tmp, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                        "-keyout", key, "-out", cert], check=True, capture_output=True)
        workdir = os.path.join(self.tmp, "tls-server")
        os.makedirs(workdir)
        srv = harness.FixtureServer(os.path.join(harness.SITES, "minimal"), workdir)
        srv.extra_args = ["--tls", cert, key]
        self.addCleanup(srv.stop)
        srv.start()
        return f"https://127.0.0.1:{srv.port}/"

    def test_hostile_tls_self_signed_exit_3_says_why(self):
        url = self.serve_tls()
        res = self.run_cli("-q", url)
        self.assertEqual(res.code, 3, res)
        self.assertOneErrorLine(
            res, f"shopaudit: {url}: cannot reach the site: TLS certificate not trusted "
            "(self-signed or unknown issuer; --insecure skips the check on a site you own)")

    def test_hostile_tls_self_signed_insecure_audited(self):
        url = self.serve_tls()
        report, _ = self.audit(url, "--insecure")
        self.assertEqual(page(report, "/")["status"], 200)
        self.assertEqual(page(report, "/cart.html")["status"], 200)

    # -- writing the report -------------------------------------------------------------------

    def test_hostile_full_disk_exit_2_no_truncated_report(self):
        # RLIMIT_FSIZE with SIGXFSZ ignored: write() fails with EFBIG, as on a full disk.
        out = os.path.join(self.tmp, "out")
        os.makedirs(out)
        path = os.path.join(out, "report.json")

        def small_disk():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))

        proc = subprocess.Popen([harness.SHOPAUDIT, "-q", "--json", path,
                                 os.path.join(harness.SITES, "minimal")],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                preexec_fn=small_disk)
        res = harness.finish_cli(proc)
        self.assertEqual(res.code, 2, res)
        self.assertOneErrorLine(res, f"shopaudit: {path}: cannot write: File too large")
        self.assertEqual(os.listdir(out), [])  # neither a half report nor a temp file


if __name__ == "__main__":
    unittest.main()
