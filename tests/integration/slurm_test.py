#!/usr/bin/env python3
"""A single-node Slurm cluster in a temp folder runs deploy/slurm/: an array of two shards,
then the merge job held by --dependency=afterok. Run by `make test-slurm` (needs Debian's
slurm-wlm and munge, and root for slurmd); kept out of `make test` because starting the
daemons and scheduling costs about a minute on a loaded machine.

Everything runs from private copies: munged on its own socket and key, slurmctld and slurmd on
free ports with proctrack/linuxproc (no cgroups), all started here and stopped by pid at the end.
"""

import getpass
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

SLURM = os.path.join(harness.SOURCE_DIR, "deploy", "slurm")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SlurmTests(harness.AuditTestCase):

    def daemon(self, args, name):
        log = open(os.path.join(self.tmp, f"{name}.out"), "wb")
        proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                env=self.env, start_new_session=True)

        def stop():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            log.close()
        self.addCleanup(stop)
        return proc

    def run_ok(self, *args):
        p = subprocess.run(args, capture_output=True, text=True, env=self.env, timeout=60)
        self.assertEqual(p.returncode, 0, f"{args}: {p.stderr}")
        return p.stdout

    def start_cluster(self):
        for tool in ("munged", "slurmctld", "slurmd", "sbatch"):
            self.assertIsNotNone(shutil.which(tool) or shutil.which(f"/usr/sbin/{tool}"),
                                 f"{tool} missing: apt-get install slurm-wlm munge")
        if os.geteuid() != 0:
            self.skipTest("slurmd needs root")
        with open("/proc/mounts", encoding="utf-8") as f:
            cgroup = any(line.split()[2] in ("cgroup", "cgroup2") for line in f if line.strip())
        if not cgroup:
            # Debian 12's slurmd (22.05) will not start without it, whatever the config says
            # (a bare chroot has no /sys); Slurm 23.02 adds CgroupPlugin=disabled.
            self.skipTest("slurmd needs the cgroup filesystem, which is not mounted here")
        t = self.tmp
        os.chmod(t, 0o755)  # munged refuses keys and sockets in group/world-writable places
        for d in ("state", "spool", "munge"):
            os.makedirs(os.path.join(t, d), mode=0o700)
        key = os.path.join(t, "munge", "munge.key")
        with open(key, "wb") as f:
            f.write(os.urandom(1024))
        os.chmod(key, 0o600)
        sock = os.path.join(t, "munge", "munge.sock")
        self.env = dict(os.environ, SLURM_CONF=os.path.join(t, "slurm.conf"))
        munged = self.daemon(["/usr/sbin/munged", "--foreground", "--force",
                              f"--socket={sock}", f"--key-file={key}",
                              f"--pid-file={t}/munge/munged.pid",
                              f"--log-file={t}/munge/munged.log",
                              f"--seed-file={t}/munge/munged.seed"], "munged")
        deadline = time.monotonic() + 20
        while not os.path.exists(sock):
            self.assertIsNone(munged.poll(), "munged exited")
            self.assertLess(time.monotonic(), deadline, "munged did not start")
            time.sleep(0.1)
        host = socket.gethostname()
        cpus = os.cpu_count() or 1
        with open(self.env["SLURM_CONF"], "w") as f:
            f.write(f"""ClusterName=shopaudit
SlurmctldHost={host}(127.0.0.1)
SlurmctldPort={free_port()}
SlurmdPort={free_port()}
SlurmUser={getpass.getuser()}
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket={sock}
CredType=cred/munge
StateSaveLocation={t}/state
SlurmdSpoolDir={t}/spool
SlurmctldPidFile={t}/slurmctld.pid
SlurmdPidFile={t}/slurmd.pid
SlurmctldLogFile={t}/slurmctld.log
SlurmdLogFile={t}/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
SchedulerType=sched/builtin
SchedulerParameters=defer_batch=0
SchedulerTimeSlice=5
MinJobAge=600
NodeName={host} NodeAddr=127.0.0.1 NodeHostname={host} CPUs={cpus} State=UNKNOWN
PartitionName=debug Nodes={host} Default=YES MaxTime=INFINITE State=UP
""")
        self.daemon(["/usr/sbin/slurmctld", "-D", "-i", "-f", self.env["SLURM_CONF"]],
                    "slurmctld")
        # -N: the node's name is given, not looked up (a host whose name does not resolve)
        self.daemon(["/usr/sbin/slurmd", "-D", "-N", host, "-f", self.env["SLURM_CONF"]],
                    "slurmd")
        deadline = time.monotonic() + 60
        while True:
            p = subprocess.run(["sinfo", "-h", "-o", "%T"], capture_output=True, text=True,
                               env=self.env)
            if p.returncode == 0 and p.stdout.strip() == "idle":
                return
            self.assertLess(time.monotonic(), deadline,
                            f"the node never became idle: {p.stdout} {p.stderr}\n"
                            f"{self.log_tail('slurmd.log')}\n{self.log_tail('slurmctld.log')}")
            time.sleep(0.5)

    def log_tail(self, name, lines=15):
        try:
            with open(os.path.join(self.tmp, name), encoding="utf-8", errors="replace") as f:
                return f"--- {name}:\n" + "".join(f.readlines()[-lines:])
        except OSError as e:
            return f"--- {name}: {e}"

    def test_batch_slurm_array_then_afterok_merge(self):
        self.start_cluster()
        srv = self.serve(harness.DEMO_SHOP)
        urls = [srv.url("/", host=f"shop{i:02d}.localhost") for i in range(1, 7)]
        lst, out = os.path.join(self.tmp, "list.txt"), os.path.join(self.tmp, "out")
        with open(lst, "w") as f:
            f.write("\n".join(urls) + "\n")
        export = (f"ALL,N=2,LIST={lst},OUT={out},SHOPAUDIT={harness.SHOPAUDIT},"
                  "SHOPAUDIT_JOBS=1,SHOPAUDIT_ARGS=--max-pages 4")
        jid = self.run_ok("sbatch", "--parsable", "--array=0-1", f"--chdir={self.tmp}",
                          f"--export={export}", os.path.join(SLURM, "audit-array.sh")).strip()
        mid = self.run_ok("sbatch", "--parsable", f"--dependency=afterok:{jid}",
                          f"--chdir={self.tmp}", f"--export=ALL,OUT={out},"
                          f"SHOPAUDIT={harness.SHOPAUDIT}",
                          os.path.join(SLURM, "merge.sh")).strip()
        self.addCleanup(subprocess.run, ["scancel", jid, mid], env=self.env,
                        capture_output=True)
        deadline = time.monotonic() + 300
        while self.run_ok("squeue", "-h", "-j", f"{jid},{mid}").strip():
            self.assertLess(time.monotonic(), deadline, "jobs still queued or running")
            time.sleep(1)
        state = self.run_ok("scontrol", "-o", "show", "job", mid)
        self.assertIn("JobState=COMPLETED", state)
        for k in (0, 1):
            with open(os.path.join(self.tmp, f"shopaudit-{jid}_{k}.log")) as f:
                self.assertIn(f"shard {k}/2:", f.read())
        with open(os.path.join(out, "summary.json"), encoding="utf-8") as f:
            summary = json.load(f)
        self.assertEqual({s["start_url"] for s in summary["sites"]}, set(urls))
        self.assertEqual(summary["totals"]["ok"], len(urls))


if __name__ == "__main__":
    unittest.main()
