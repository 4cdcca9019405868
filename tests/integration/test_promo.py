"""promo_fine_print end to end: the CLI crawls fixtures/sites/promo-shop/ over HTTP and the
JSON report is read back. The shop hides a spring-sale condition in the footer of another page
(/promo-rules.html), "reduces" a watering can from $48 to the $24 its product page charges as
the regular price, and keeps a -15% badge on a sold-out rake.

Run one test: python3 tests/integration/test_promo.py -k test_promo_shop_fails_with_three_kinds
"""

import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check  # noqa: E402


class PromoShopTests(harness.AuditTestCase):
    def audit_shop(self):
        srv = self.serve("promo-shop")
        report, _ = self.audit(srv.url("/"), "--max-pages", "20")
        return srv, check(report, "promo_fine_print")

    def test_promo_shop_fails_with_three_kinds(self):
        _, c = self.audit_shop()
        self.assertEqual(c["status"], "fail")
        self.assertEqual(c["score"], 0)
        d = c["details"]
        self.assertEqual(d["promotions"], 3, json.dumps(d))
        self.assertEqual(d["with_problems"], 3)
        self.assertEqual(d["problems"]["hidden_condition"], 1)
        self.assertEqual(d["problems"]["out_of_stock"], 1)
        self.assertEqual(d["problems"]["inflated_price"], 1)
        self.assertEqual(d["conditions_on_another_page"], 1)
        self.assertIn("3 of 3 promotion claim(s)", c["summary"])

    def test_promo_shop_evidence_names_claim_and_condition(self):
        srv, c = self.audit_shop()
        snippets = [e["snippet"] for e in c["evidence"]]
        self.assertEqual(len(snippets), 3, snippets)
        for s in snippets:
            self.assertRegex(s, r"^«[^»]+» — \S.{5,}", s)
        hidden = [e for e in c["evidence"] if "condition only on another page" in e["snippet"]]
        self.assertEqual(len(hidden), 1, snippets)
        self.assertEqual(hidden[0]["url"], srv.url("/"))
        self.assertIn("Spring sale: 20% off all garden tools*", hidden[0]["snippet"])
        self.assertIn(srv.url("/promo-rules.html") + " footer > p.legal", hidden[0]["snippet"])
        self.assertIn("*Applies only to orders of 3 or more tools", hidden[0]["snippet"])
        inflated = [e for e in c["evidence"] if "before price never charged" in e["snippet"]]
        self.assertEqual(len(inflated), 1, snippets)
        self.assertEqual(inflated[0]["url"], srv.url("/outlet/aurora-can.html"))
        self.assertIn(srv.url("/product/aurora-can.html"), inflated[0]["snippet"])
        gone = [e for e in c["evidence"] if "out of stock" in e["snippet"]]
        self.assertEqual(len(gone), 1, snippets)
        self.assertIn("«-15%»", gone[0]["snippet"])
        self.assertIn("Sold out", gone[0]["snippet"])


if __name__ == "__main__":
    unittest.main()
