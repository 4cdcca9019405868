#!/usr/bin/env python3
"""`shopaudit batch` and `shopaudit merge` against fixture shops on 127.0.0.1.

One fixture server holds one shop; the list names it under many hosts (shop01.localhost,
shop02.localhost, ...: libcurl resolves every *.localhost name to the loopback address), so
each line is a different site to the batch, its shard hash and its folder, as thousands of real
shops would be.
"""

import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

FAST = ("--max-pages", "4", "--concurrency", "2")


def sites_of(out):
    """{start_url: status} for every finished site under out/sites."""
    res = {}
    for path in sorted(glob.glob(os.path.join(out, "sites", "*", "status.json"))):
        with open(path, encoding="utf-8") as f:
            st = json.load(f)
        res[st["start_url"]] = st
    return res


def snapshot(out):
    """{relative path: (bytes, mtime_ns)} of every file under out."""
    snap = {}
    for root, _, files in os.walk(out):
        for name in files:
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                snap[os.path.relpath(path, out)] = (f.read(), os.stat(path).st_mtime_ns)
    return snap


def without_durations(summary):
    for s in summary["sites"]:
        s.pop("duration_ms", None)
    return summary


def process_group_alive(pgid):
    """1 while any process of the group still exists (zombies included: not yet reaped)."""
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            with open(stat) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            return True
    return False


class BatchTests(harness.AuditTestCase):

    def shop_list(self, srv, n, extra=(), name="list.txt"):
        urls = [srv.url("/", host=f"shop{i:02d}.localhost") for i in range(1, n + 1)]
        path = os.path.join(self.tmp, name)
        with open(path, "w") as f:
            f.write("# fixture shops\n\n")
            for u in list(urls) + list(extra):
                f.write(f"  {u}  \n")
        return path, urls + list(extra)

    def batch(self, *args, expect=0, timeout=90.0, env=None):
        harness.require_binary()
        started = time.monotonic()
        proc = subprocess.Popen([harness.SHOPAUDIT, "batch", *map(str, args)],
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env)
        res = harness.finish_cli(proc, timeout, started)
        if expect is not None:
            self.assertEqual(res.code, expect, res)
        return res

    def merge(self, out):
        res = self.run_cli("merge", "-q", out)
        self.assertEqual(res.code, 0, res)
        with open(os.path.join(out, "summary.json"), encoding="utf-8") as f:
            return json.load(f)

    def start_batch(self, *args):
        """A batch in its own process group, killed with the group at cleanup."""
        harness.require_binary()
        proc = subprocess.Popen([harness.SHOPAUDIT, "batch", *map(str, args)],
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, start_new_session=True)

        def reap():
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.communicate()
        self.addCleanup(reap)
        return proc

    def wait_for_statuses(self, out, n, proc, timeout=60.0):
        deadline = time.monotonic() + timeout
        while len(sites_of(out)) < n:
            self.assertIsNone(proc.poll(), "the batch ended before it could be stopped")
            self.assertLess(time.monotonic(), deadline, "no site finished in time")
            time.sleep(0.05)

    # -- shards ------------------------------------------------------------------------------

    def test_batch_shards_cover_list_without_overlap(self):
        srv = self.serve(harness.DEMO_SHOP)
        # a second start URL on shop01's host (with www.): the same host, so the same shard
        same_host = srv.url("/catalog/loose-leaf-tea.html", host="www.shop01.localhost")
        lst, urls = self.shop_list(srv, 12, extra=[same_host])
        seen = {}
        for k in range(3):
            out = os.path.join(self.tmp, f"out{k}")
            res = self.batch(lst, "--out", out, "--shard", f"{k}/3", *FAST)
            got = set(sites_of(out))
            self.assertIn(f"shard {k}/3: {len(got)} sites", res.stdout)
            for u in got:
                self.assertNotIn(u, seen, f"{u} in shards {seen.get(u)} and {k}")
                seen[u] = k
        self.assertEqual(set(seen), {u.strip() for u in urls})
        self.assertEqual(seen[same_host], seen[urls[0]])
        self.assertGreater(len(set(seen.values())), 1, "every site in one shard: no spread")

    def test_batch_shard_auto_reads_engine_index(self):
        srv = self.serve(harness.DEMO_SHOP)
        lst, _ = self.shop_list(srv, 6)
        want = os.path.join(self.tmp, "want")
        self.batch(lst, "--out", want, "--shard", "1/2", *FAST)
        for var in ("JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"):
            env = {k: v for k, v in os.environ.items()
                   if k not in ("JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID")}
            env[var] = "1"
            out = os.path.join(self.tmp, var)
            self.batch(lst, "--out", out, "--shard", "auto/2", *FAST, env=env)
            self.assertEqual(set(sites_of(out)), set(sites_of(want)))
        env = {k: v for k, v in os.environ.items()
               if k not in ("JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID")}
        res = self.batch(lst, "--out", want, "--shard", "auto/2", expect=2, env=env)
        self.assertEqual(res.stderr_lines(), [
            "shopaudit: batch: --shard auto/N: neither JOB_COMPLETION_INDEX nor "
            "SLURM_ARRAY_TASK_ID is set"])

    # -- reruns --------------------------------------------------------------------------------

    def test_batch_rerun_changes_nothing(self):
        srv = self.serve(harness.DEMO_SHOP)
        lst, urls = self.shop_list(srv, 5)
        out = os.path.join(self.tmp, "out")
        self.batch(lst, "--out", out, "--jobs", "2", *FAST)
        self.assertEqual(set(sites_of(out)), set(urls))
        before, requests = snapshot(out), len(srv.requests())
        res = self.batch(lst, "--out", out, "--jobs", "2", *FAST)
        self.assertIn("5 already done", res.stdout)
        self.assertEqual(snapshot(out), before, "a rerun rewrote files")
        self.assertEqual(len(srv.requests()), requests, "a rerun fetched pages again")

    def test_batch_changed_option_redoes_sites(self):
        srv = self.serve(harness.DEMO_SHOP)
        lst, urls = self.shop_list(srv, 3)
        out = os.path.join(self.tmp, "out")
        self.batch(lst, "--out", out, *FAST)
        hashes = {s["config_hash"] for s in sites_of(out).values()}
        res = self.batch(lst, "--out", out, "--max-pages", "3", "--concurrency", "2")
        self.assertIn("0 already done", res.stdout)
        after = sites_of(out)
        self.assertEqual(len({s["config_hash"] for s in after.values()}), 1)
        self.assertNotIn(next(iter(after.values()))["config_hash"], hashes)
        self.assertTrue(all(s["pages"] <= 3 for s in after.values()), after)

    def test_batch_killed_shard_resumes(self):
        srv = self.serve("slow-pages")  # every page takes 1 s
        lst, urls = self.shop_list(srv, 5)
        out = os.path.join(self.tmp, "out")
        args = (lst, "--out", out, "--max-pages", "3", "--concurrency", "1", "-q")
        proc = self.start_batch(*args)
        self.wait_for_statuses(out, 1, proc)
        proc.send_signal(signal.SIGKILL)  # the shard only: its audit child must die with it
        proc.wait()
        deadline = time.monotonic() + 10
        while process_group_alive(proc.pid):
            self.assertLess(time.monotonic(), deadline, "an audit outlived its killed shard")
            time.sleep(0.05)
        done = snapshot(out)
        finished = {p for p in done if p.endswith("status.json")}
        self.assertTrue(finished)
        self.assertLess(len(finished), 5, "every site finished before the kill")
        self.batch(*args)
        self.assertEqual(set(sites_of(out)), set(urls))
        after = snapshot(out)
        for p in finished:
            self.assertEqual(after[p], done[p], f"{p} was redone after the kill")

    def test_batch_sigterm_keeps_finished_sites_exit_130(self):
        srv = self.serve("slow-pages")
        lst, urls = self.shop_list(srv, 4)
        out = os.path.join(self.tmp, "out")
        proc = self.start_batch(lst, "--out", out, "--max-pages", "4", "--concurrency", "1")
        self.wait_for_statuses(out, 1, proc)
        proc.send_signal(signal.SIGTERM)
        res = harness.finish_cli(proc, timeout=30)
        self.assertEqual(res.code, 130, res)
        finished = sites_of(out)
        self.assertLess(len(finished), 4, res)
        self.assertTrue(all(s["state"] == "ok" for s in finished.values()), finished)
        # the interrupted site left no status, so merge does not list it and a rerun does it
        self.assertEqual(self.merge(out)["totals"]["sites"], len(finished))
        res = self.batch(lst, "--out", out, "--max-pages", "4", "--concurrency", "1")
        self.assertIn(f"{len(finished)} already done", res.stdout)
        self.assertEqual(set(sites_of(out)), set(urls))

    # -- exit codes ------------------------------------------------------------------------------

    def test_batch_transient_error_exit_3_rerun_redoes_only_it(self):
        srv = self.serve(harness.DEMO_SHOP)
        down = "http://127.0.0.1:9/"  # discard port: nothing listens, the connection is refused
        lst, urls = self.shop_list(srv, 2, extra=[down])
        out = os.path.join(self.tmp, "out")
        res = self.batch(lst, "--out", out, *FAST, expect=3)
        st = sites_of(out)
        self.assertEqual(st[down]["state"], "error", st[down])
        self.assertEqual(st[down]["error_class"], "connect")
        self.assertTrue(st[down]["transient"])
        self.assertIn("1 error (1 transient)", res.stdout)
        before = snapshot(out)
        res = self.batch(lst, "--out", out, *FAST, expect=3)
        self.assertIn("2 already done", res.stdout)
        after = snapshot(out)
        for p, v in after.items():
            if "127.0.0.1_9-" in p:
                self.assertNotEqual(v[1], before[p][1], f"{p}: the failed site was not redone")
            else:
                self.assertEqual(v, before[p], f"{p}: a finished site was redone")

    def test_batch_permanent_errors_are_verdicts_exit_0(self):
        srv = self.serve(harness.DEMO_SHOP)
        missing = srv.url("/no-such-shop/", host="gone.localhost")  # 404: a retry won't help
        robots = self.serve("robots-all")
        shut = robots.url("/", host="closed.localhost")
        lst, _ = self.shop_list(srv, 1, extra=[missing, shut])
        out = os.path.join(self.tmp, "out")
        self.batch(lst, "--out", out, *FAST, expect=0)
        st = sites_of(out)
        self.assertEqual((st[missing]["error_class"], st[missing]["transient"]), ("http", False))
        self.assertEqual((st[shut]["error_class"], st[shut]["transient"]), ("robots", False))

    def test_batch_gate_exit_1_only_with_gate(self):
        srv = self.serve(harness.DEMO_SHOP)
        lst, _ = self.shop_list(srv, 2)
        out = os.path.join(self.tmp, "out")
        self.batch(lst, "--out", out, "--fail-under", "100", *FAST, expect=0)
        self.assertEqual({s["state"] for s in sites_of(out).values()}, {"gate_failed"})
        self.batch(lst, "--out", out, "--fail-under", "100", "--gate", *FAST, expect=1)
        self.batch(lst, "--out", out, "--fail-under", "0", "--gate", *FAST, expect=0)
        self.assertEqual({s["state"] for s in sites_of(out).values()}, {"ok"})

    def test_batch_bad_list_line_exit_2(self):
        lst = os.path.join(self.tmp, "bad.txt")
        with open(lst, "w") as f:
            f.write("# shops\nhttp://shop.localhost:1/\nftp://files.example/\n")
        res = self.batch(lst, "--out", os.path.join(self.tmp, "o"), expect=2)
        self.assertEqual(res.stderr_lines(), [
            f"shopaudit: batch: {lst}:3: not an http(s) or file:// URL: 'ftp://files.example/'"])
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "o")))
        res = self.batch(lst, "--out", os.path.join(self.tmp, "o"), "--shard", "2/2", expect=2)
        self.assertEqual(res.stderr_lines(),
                         ["shopaudit: batch: --shard: not a number 0..1: '2'"])
        res = self.batch(lst, expect=2)
        self.assertEqual(res.stderr_lines(), ["shopaudit: batch: --out DIR is required"])

    # -- merge -----------------------------------------------------------------------------------

    def test_batch_merge_of_shards_equals_unsharded_run(self):
        srv = self.serve(harness.DEMO_SHOP)
        lst, urls = self.shop_list(srv, 8)
        one, many = os.path.join(self.tmp, "one"), os.path.join(self.tmp, "many")
        self.batch(lst, "--out", one, "--jobs", "2", *FAST)
        for k in range(3):
            self.batch(lst, "--out", many, "--shard", f"{k}/3", *FAST)
        a, b = self.merge(one), self.merge(many)
        self.assertEqual(a["totals"]["sites"], 8)
        self.assertEqual(without_durations(a), without_durations(b))
        with open(os.path.join(one, "summary.csv"), "rb") as f1, \
                open(os.path.join(many, "summary.csv"), "rb") as f2:
            self.assertEqual(f1.read(), f2.read())
        # idempotent: merging again writes the same bytes
        before = snapshot(many)
        self.merge(many)
        self.assertEqual({p: v[0] for p, v in snapshot(many).items()},
                         {p: v[0] for p, v in before.items()})

    def test_batch_merge_overview_links_reports_escapes_urls(self):
        srv = self.serve(harness.DEMO_SHOP)
        odd = srv.url("/?q=<b>x</b>", host="odd.localhost")
        lst, urls = self.shop_list(srv, 2, extra=[odd])
        out = os.path.join(self.tmp, "out")
        self.batch(lst, "--out", out, *FAST)
        summary = self.merge(out)
        with open(os.path.join(out, "index.html"), encoding="utf-8") as f:
            html = f.read()
        self.assertNotIn("<b>x</b>", html)
        self.assertIn("&lt;b&gt;x&lt;/b&gt;", html)
        for s in summary["sites"]:
            self.assertEqual(set(s["reports"]), {"json", "html"})  # the owner's report too
            for rel in s["reports"].values():
                self.assertTrue(os.path.exists(os.path.join(out, rel)), rel)
                self.assertIn(f'href="{rel}"', html)
        with open(os.path.join(out, "summary.csv"), encoding="utf-8") as f:
            rows = f.read().splitlines()
        self.assertEqual(len(rows), 1 + len(urls))
        self.assertTrue(rows[0].startswith("site,start_url,state,error_class,score,trust,"))

    def test_batch_merge_missing_dir_exit_2(self):
        res = self.run_cli("merge", os.path.join(self.tmp, "nothing"))
        self.assertEqual(res.code, 2, res)
        self.assertEqual(res.stderr_lines(), [
            f"shopaudit: merge: {self.tmp}/nothing/sites: no such folder "
            "(run shopaudit batch first)"])

    # -- an engine: GNU Parallel -----------------------------------------------------------------

    def test_batch_two_shards_under_gnu_parallel(self):
        """deploy/parallel/run.sh: two shards at once under GNU Parallel, joblog, merge."""
        self.assertIsNotNone(shutil.which("parallel"),
                             "GNU parallel missing: sh scripts/setup.sh installs it")
        srv = self.serve(harness.DEMO_SHOP)
        lst, urls = self.shop_list(srv, 10)
        out = os.path.join(self.tmp, "out")
        recipe = os.path.join(harness.SOURCE_DIR, "deploy", "parallel", "run.sh")
        env = dict(os.environ, SHOPAUDIT=harness.SHOPAUDIT, SHOPAUDIT_JOBS="1",
                   PARALLEL_HOME=os.path.join(self.tmp, "parallel-home"))
        proc = subprocess.Popen(["sh", recipe, lst, out, "2"], stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        res = harness.finish_cli(proc, timeout=110)
        self.assertEqual(res.code, 0, res)
        with open(os.path.join(out, "joblog")) as f:
            rows = [line.split("\t") for line in f.read().splitlines()[1:]]
        self.assertEqual(sorted(r[-1].split("--shard ")[1].split()[0] for r in rows),
                         ["0/2", "1/2"])
        self.assertEqual([r[6] for r in rows], ["0", "0"])  # Exitval
        # both shards ran at once: each started before the other ended
        (s0, d0), (s1, d1) = ((float(r[2]), float(r[3])) for r in rows)
        self.assertTrue(s0 < s1 + d1 and s1 < s0 + d0, rows)
        with open(os.path.join(out, "summary.json"), encoding="utf-8") as f:
            summary = json.load(f)
        self.assertEqual({s["start_url"] for s in summary["sites"]}, set(urls))
        self.assertEqual(summary["totals"]["sites"], 10)

    # -- Kubernetes ------------------------------------------------------------------------------

    def test_batch_k8s_manifest_consistent(self):
        """What the API schemas cannot check (deploy/k8s/validate.mjs checks those, with npm)."""
        import yaml  # python3-yaml, scripts/packages.d/batch.txt
        k8s = os.path.join(harness.SOURCE_DIR, "deploy", "k8s")
        with open(os.path.join(k8s, "indexed-job.yaml")) as f:
            docs = {d["kind"]: d for d in yaml.safe_load_all(f) if d}
        with open(os.path.join(k8s, "merge-job.yaml")) as f:
            merge = yaml.safe_load(f)
        job = docs["Job"]["spec"]
        pod = job["template"]["spec"]
        c = pod["containers"][0]
        cmd = c["command"]
        self.assertEqual(job["completionMode"], "Indexed")
        self.assertEqual(cmd[cmd.index("--shard") + 1], f"auto/{job['completions']}")
        self.assertLessEqual(job["parallelism"], job["completions"])
        self.assertEqual(pod["restartPolicy"], "Never")  # podFailurePolicy requires it
        fail_job = [r for r in job["podFailurePolicy"]["rules"] if r["action"] == "FailJob"]
        self.assertEqual(fail_job[0]["onExitCodes"],
                         {"containerName": c["name"], "operator": "In", "values": [2]})
        out = cmd[cmd.index("--out") + 1]
        mounts = {m["mountPath"]: m["name"] for m in c["volumeMounts"]}
        vols = {v["name"]: v for v in pod["volumes"]}
        claim = vols[mounts[out]]["persistentVolumeClaim"]["claimName"]
        self.assertEqual(claim, docs["PersistentVolumeClaim"]["metadata"]["name"])
        self.assertIn("ReadWriteMany", docs["PersistentVolumeClaim"]["spec"]["accessModes"])
        mpod = merge["spec"]["template"]["spec"]
        mc = mpod["containers"][0]
        self.assertEqual(mc["command"][1:], ["merge", out])
        mvol = {v["name"]: v for v in mpod["volumes"]}
        mname = {m["mountPath"]: m["name"] for m in mc["volumeMounts"]}[out]
        self.assertEqual(mvol[mname]["persistentVolumeClaim"]["claimName"], claim)
        # the image runs the batch subcommand the way the CLI parses it
        res = self.run_cli("batch", "--help")
        self.assertEqual(res.code, 0, res)
        for opt in ("--shard", "--jobs", "--out", "--max-pages"):
            self.assertIn(opt, res.stdout)


if __name__ == "__main__":
    unittest.main()
