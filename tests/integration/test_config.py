"""The config file (shopaudit.json, --config) and rule files (--rules) through the real CLI.

Every option of the command line is a config key (one option table in src/main.c); the command
line wins over the file; unknown keys and bad types are one stderr line naming the key's path,
exit 2; rule checks appear in the report like built-in checks; per-check levels off/warn/error.
The staging-site options (headers, cookies, basic auth) are checked against a small server in
this file that records request headers and answers 401 without the right credentials.

Run one test: python3 tests/integration/test_config.py -k test_config_unknown_key_exit_2
"""

import base64
import http.server
import json
import os
import re
import shutil
import sys
import threading
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

EXAMPLES = os.path.join(harness.SOURCE_DIR, "examples")
EXAMPLE_CONFIG = os.path.join(EXAMPLES, "shopaudit.json")
EXAMPLE_RULES = os.path.join(EXAMPLES, "rules.json")
RULE_IDS = ("gift_wrapping", "secure_badge", "no_newsletter_popup", "cart_in_header")
# Options that only make sense on the command line; every other one must be a config key.
CLI_ONLY = {"help", "version", "config", "list-checks"}

PAGE = (b"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Staging</title>"
        b"</head><body><header><a href='/cart.html'>Cart</a></header><main><h1>Staging shop</h1>"
        b"<p><a href='/about.html'>About us</a></p></main></body></html>")


class StagingHandler(http.server.BaseHTTPRequestHandler):
    """Answers every path with one page, only with the right basic-auth credentials."""

    def do_GET(self):
        srv = self.server
        with srv.lock:
            srv.seen.append({k.lower(): v for k, v in self.headers.items()})
        want = "Basic " + base64.b64encode(srv.credentials.encode()).decode()
        if self.path == "/robots.txt" or self.headers.get("Authorization") != want:
            self.send_response(404 if self.path == "/robots.txt" else 401)
            if self.path != "/robots.txt":
                self.send_header("WWW-Authenticate", 'Basic realm="staging"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args):
        pass


class ConfigTests(harness.AuditTestCase):

    def write(self, name, content):
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(content if isinstance(content, str) else json.dumps(content))
        return path

    def run_in(self, cwd, *args):
        return harness.run_cli(*args, cwd=cwd)

    def staging_server(self, credentials):
        srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), StagingHandler)
        srv.daemon_threads = True
        srv.credentials, srv.seen, srv.lock = credentials, [], threading.Lock()
        thread = threading.Thread(target=srv.serve_forever, daemon=True)
        thread.start()
        self.addCleanup(srv.server_close)
        self.addCleanup(srv.shutdown)
        return srv

    # -- the examples: rule checks in the report, levels, weights, scope -----------------------

    def test_config_example_runs_rule_checks_like_builtin(self):
        srv = self.serve("config")
        report, res = self.audit(srv.url("/"), "--config", EXAMPLE_CONFIG)
        checks = {c["id"]: c for c in report["checks"]}
        for rid in RULE_IDS:
            self.assertIn(rid, checks, "a rule check is missing from the report")
        self.assertEqual(checks["cart_in_header"]["status"], "pass")
        self.assertEqual(checks["secure_badge"]["status"], "pass")
        gift = checks["gift_wrapping"]
        self.assertEqual((gift["status"], gift["category"], gift["weight"]),
                         ("partial", "loyalty", 0.5))
        self.assertAlmostEqual(gift["score"], 0.5)
        # evidence is in canonical (url, where, snippet) order: the page without the phrase
        # and the page with it are both shown
        by_path = {harness.url_path(e["url"]): e for e in gift["evidence"]}
        self.assertIn("/product-b.html", by_path)
        self.assertEqual(by_path["/product-a.html"]["snippet"],
                         "Gift wrapping available at checkout.")
        popup = checks["no_newsletter_popup"]
        self.assertEqual(popup["status"], "partial")
        self.assertIn("main > div.modal > form.newsletter", [e["where"] for e in popup["evidence"]])
        # a rule check counts in its category like a built-in one
        loyalty = next(c for c in report["categories"] if c["id"] == "loyalty")
        self.assertIn("gift_wrapping", loyalty["checks"])
        # per-check settings: weight override, off, disabled
        self.assertEqual(checks["cart_visible"]["weight"], 2)
        self.assertNotIn("https", checks)
        self.assertNotIn("readable_text", checks)
        # warn: a line on stderr, exit code unchanged (0, asserted by audit())
        self.assertIn("shopaudit: warning: check gift_wrapping is partial (score 0.50)",
                      res.stderr_lines())
        # scope: "exclude": ["/private/"] kept the linked staff page out
        paths = srv.requested_paths()
        self.assertIn("/product-a.html", paths)
        self.assertNotIn("/private/secret.html", paths)

    def test_config_rules_option_exclude_turns_partial_into_fail(self):
        srv = self.serve("config")
        report, _ = self.audit(srv.url("/"), "--rules", EXAMPLE_RULES,
                               "--exclude", r"product-a\.html$", "--checks", "gift_wrapping")
        self.assertEqual([c["id"] for c in report["checks"]], ["gift_wrapping"])
        gift = report["checks"][0]
        self.assertEqual((gift["status"], gift["score"]), ("fail", 0))
        self.assertIn("Offer gift wrapping", gift["recommendation"])
        self.assertNotIn("/product-a.html", srv.requested_paths())

    def test_config_include_follows_only_matching_links(self):
        srv = self.serve("config")
        cfg = self.write("c.json", {"include": ["/product-b"], "checks": ["cart_visible"]})
        report, _ = self.audit(srv.url("/"), "--config", cfg)
        self.assertEqual(sorted(harness.pages_by_path(report)), ["/", "/product-b.html"])

    def test_config_found_in_working_directory(self):
        srv = self.serve("config")
        self.write("shopaudit.json", {"checks": ["cart_visible"], "max-pages": 1})
        out = os.path.join(self.tmp, "r.json")
        res = self.run_in(self.tmp, "-q", "--json", out, srv.url("/"))
        self.assertEqual(res.code, 0, res)
        report = harness.load_report(out)
        self.assertEqual([c["id"] for c in report["checks"]], ["cart_visible"])
        self.assertEqual(len(report["pages"]), 1)

    def test_config_level_error_failing_check_exits_1(self):
        srv = self.serve("config")
        cfg = self.write("c.json", {
            "rules": EXAMPLE_RULES, "checks": {"gift_wrapping": {"level": "error",
                                                                   "min-score": 0.9}}})
        _, res = self.audit(srv.url("/"), "--config", cfg, expect_code=1)
        self.assertOneErrorLine(res, "shopaudit: error: check gift_wrapping is partial "
                                     "(score 0.50)")

    def test_config_level_error_passing_check_exits_0(self):
        srv = self.serve("config")
        cfg = self.write("c.json", {"rules": EXAMPLE_RULES,
                                    "checks": {"cart_in_header": {"level": "error"},
                                               "gift_wrapping": {"level": "error"}}})
        _, res = self.audit(srv.url("/"), "--config", cfg)  # partial is not fail: exit 0
        self.assertEqual(res.stderr, "")

    def test_config_rules_path_relative_to_config_folder(self):
        srv = self.serve("config")
        sub = os.path.join(self.tmp, "project")
        os.mkdir(sub)
        shutil.copy(EXAMPLE_RULES, os.path.join(sub, "my-rules.json"))
        with open(os.path.join(sub, "cfg.json"), "w") as f:
            json.dump({"rules": "my-rules.json", "checks": ["cart_in_header"]}, f)
        report, _ = self.audit(srv.url("/"), "--config", os.path.join(sub, "cfg.json"))
        self.assertEqual([c["id"] for c in report["checks"]], ["cart_in_header"])

    def test_config_list_checks_shows_rule_checks(self):
        res = self.run_cli("--rules", EXAMPLE_RULES, "--list-checks")
        self.assertEqual(res.code, 0, res)
        for rid in RULE_IDS + ("cart_visible",):
            self.assertRegex(res.stdout, rf"(?m)^{rid}\s")

    # -- precedence ---------------------------------------------------------------------------

    def test_config_cli_wins_over_config(self):
        srv = self.serve("config")
        cfg = self.write("c.json", {"user-agent": "from-config/1", "max-pages": 1,
                                    "checks": ["https"]})
        report, _ = self.audit(srv.url("/"), "--config", cfg, "--user-agent", "from-cli/2",
                               "--checks", "cart_visible")
        self.assertEqual([c["id"] for c in report["checks"]], ["cart_visible"])
        self.assertEqual(len(report["pages"]), 1, "max-pages from the config still applies")
        uas = {r.ua for r in srv.requests()}
        self.assertEqual(uas, {"from-cli/2"})

    def test_config_cli_pick_beats_config_off(self):
        srv = self.serve("config")
        cfg = self.write("c.json", {"max-pages": 1, "checks": {"https": {"level": "off"}}})
        report, _ = self.audit(srv.url("/"), "--config", cfg, "--checks", "https")
        self.assertEqual([c["id"] for c in report["checks"]], ["https"])

    # -- staging sites: headers, cookies, basic auth ------------------------------------------

    def test_config_headers_cookies_basic_auth_env_sent(self):
        srv = self.staging_server("ann:s3cret")
        url = f"http://127.0.0.1:{srv.server_address[1]}/"
        cfg = self.write("c.json", {"basic-auth-env": "SA_TEST_STAGING_AUTH",
                                    "header": ["X-Audit: yes"], "cookies": "beta=1; region=eu",
                                    "max-pages": 2, "checks": ["cart_visible"]})
        out = os.path.join(self.tmp, "r.json")
        env_before = os.environ.get("SA_TEST_STAGING_AUTH")
        os.environ["SA_TEST_STAGING_AUTH"] = "ann:s3cret"
        try:
            res = harness.run_cli("-q", "--json", out, "--config", cfg, url)
        finally:
            if env_before is None:
                del os.environ["SA_TEST_STAGING_AUTH"]
            else:
                os.environ["SA_TEST_STAGING_AUTH"] = env_before
        self.assertEqual(res.code, 0, res)
        pages = [h for h in srv.seen if "authorization" in h]
        self.assertTrue(pages, srv.seen)
        for h in pages:
            self.assertEqual(h.get("x-audit"), "yes")
            self.assertEqual(h.get("cookie"), "beta=1; region=eu")

    def test_config_without_credentials_staging_site_exit_3(self):
        srv = self.staging_server("ann:s3cret")
        res = self.run_cli("-q", f"http://127.0.0.1:{srv.server_address[1]}/")
        self.assertEqual(res.code, 3, res)
        self.assertIn("401", res.stderr)

    def test_config_basic_auth_env_unset_exit_2(self):
        cfg = self.write("c.json", {"basic-auth-env": "SA_TEST_SURELY_UNSET_VAR"})
        res = self.run_cli("--config", cfg, "http://127.0.0.1:9/")
        self.assertEqual(res.code, 2, res)
        self.assertOneErrorLine(res, f"shopaudit: {cfg}: basic-auth-env: environment variable "
                                     "'SA_TEST_SURELY_UNSET_VAR' is not set")

    # -- errors: exit 2 with the key's path ----------------------------------------------------

    def test_config_unknown_key_exit_2(self):
        self.write("shopaudit.json", {"max-pages": 5, "max-pagez": 5})
        res = self.run_in(self.tmp, "http://127.0.0.1:9/")
        self.assertEqual(res.code, 2, res)
        self.assertOneErrorLine(res, "shopaudit: shopaudit.json: max-pagez: unknown key")

    def test_config_bad_type_exit_2_names_path(self):
        self.write("shopaudit.json", {"checks": {"cart_visible": {"weight": "heavy"}}})
        res = self.run_in(self.tmp, "http://127.0.0.1:9/")
        self.assertEqual(res.code, 2, res)
        self.assertOneErrorLine(
            res, "shopaudit: shopaudit.json: checks.cart_visible.weight: expected a number")

    def test_config_bad_values_exit_2_each_with_its_message(self):
        cases = [
            ({"max-pages": "many"}, "max-pages: expected a number"),
            ({"max-pages": 2.5}, "max-pages: not a number: '2.5'"),
            ({"ignore-robots": "yes"}, "ignore-robots: expected true or false"),
            ({"exclude": [1]}, "exclude: expected a string or an array of strings"),
            ({"exclude": ["(a"]}, None),
            ({"help": True}, "help: only on the command line"),
            ({"checks": {"cart_visibel": {"level": "warn"}}}, "checks.cart_visibel: unknown check"),
            ({"checks": {"cart_visible": {"level": "fatal"}}},
             "checks.cart_visible.level: expected \"off\", \"warn\" or \"error\""),
            ({"checks": {"cart_visible": {"colour": 1}}}, "checks.cart_visible.colour: unknown key"),
            ({"checks": ["cart_visibel"]}, None),
        ]
        for doc, message in cases:
            with self.subTest(doc=doc):
                cfg = self.write("c.json", doc)
                res = self.run_cli("--config", cfg, "http://127.0.0.1:9/")
                self.assertEqual(res.code, 2, res)
                self.assertOneErrorLine(res, f"shopaudit: {cfg}: {message}" if message else None)

    def test_config_invalid_json_exit_2_names_line(self):
        cfg = self.write("c.json", '{\n  "max-pages": 5,\n  oops\n}\n')
        res = self.run_cli("--config", cfg, "http://127.0.0.1:9/")
        self.assertEqual(res.code, 2, res)
        self.assertOneErrorLine(res, f"shopaudit: {cfg}:3: not valid JSON")

    def test_config_missing_file_exit_2(self):
        missing = os.path.join(self.tmp, "nope.json")
        res = self.run_cli("--config", missing, "http://127.0.0.1:9/")
        self.assertEqual(res.code, 2, res)
        self.assertOneErrorLine(res, f"shopaudit: {missing}: cannot read: No such file or directory")

    def test_config_malformed_rules_exit_2_names_rule(self):
        rules = self.write("rules.json", {"rules": [
            {"id": "ok_rule", "title": "Fine", "category": "trust", "selector": "footer"},
            {"id": "gift_wrap", "title": "Gift", "category": "loyalty",
             "patterns": {"en": ["gift (wrap"]}}]})
        res = self.run_cli("--rules", rules, "http://127.0.0.1:9/")
        self.assertEqual(res.code, 2, res)
        self.assertOneErrorLine(res, f"shopaudit: {rules}: rule \"gift_wrap\": patterns.en[1]: "
                                     "missing closing parenthesis at offset 10")

    def test_config_rules_not_json_exit_2(self):
        rules = self.write("rules.json", "rules: [gift]")
        res = self.run_cli("--rules", rules, "http://127.0.0.1:9/")
        self.assertEqual(res.code, 2, res)
        self.assertOneErrorLine(res)
        self.assertIn("not valid JSON", res.stderr)

    def test_config_every_cli_option_is_a_config_key(self):
        """By construction: each long option of --help, given a value of the wrong JSON type
        in a config, is refused as a bad type, never as an unknown key."""
        help_text = self.run_cli("--help").stdout
        names = sorted(set(re.findall(r"--([a-z][a-z-]+)", help_text)) - CLI_ONLY)
        self.assertGreaterEqual(len(names), 15, help_text)
        for name in names:
            with self.subTest(option=name):
                cfg = self.write("c.json", {name: [[1]]})
                res = self.run_cli("--config", cfg, "http://127.0.0.1:9/")
                self.assertEqual(res.code, 2, res)
                self.assertOneErrorLine(res)
                self.assertIn(f"{cfg}: {name}: expected ", res.stderr)


if __name__ == "__main__":
    unittest.main()
