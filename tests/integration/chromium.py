"""A real headless Chromium driven over the DevTools protocol on a pipe, for the HTML report tests.

    with Chromium(workdir) as b:
        page = b.open("file:///tmp/report.html")    # waits for the load event
        page.requests                                # every Network.requestWillBeSent URL
        page.scripts                                 # scripts the page compiled before we asked
        page.evaluate("document.title")
        page.screenshot("/tmp/shot.png", width=390, mobile=True)

--remote-debugging-pipe makes Chromium read commands on fd 3 and answer on fd 4, each message
one JSON text ended by a NUL byte: no port, no websocket library. The browser runs in its own
process group, which close() terminates and reaps on every path.
"""

import base64
import json
import os
import select
import shutil
import signal
import subprocess
import time


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class CdpError(AssertionError):
    pass


class Chromium:
    def __init__(self, workdir, timeout=30.0):
        self.workdir, self.timeout = workdir, timeout
        self.proc, self.next_id, self.buf, self.events = None, 0, b"", []
        self.to_fd = self.from_fd = None

    def __enter__(self):
        binary = find_chromium()
        if not binary:
            raise AssertionError("chromium not installed (scripts/packages.d/html-report.txt)")
        to_r, to_w = os.pipe()
        from_r, from_w = os.pipe()

        def wire():  # in the child: the pipe ends become fds 3 and 4
            a, b = os.dup(to_r), os.dup(from_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        args = [binary, "--headless=new", "--remote-debugging-pipe", "--no-first-run",
                "--no-default-browser-check", "--disable-gpu", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-default-apps", "--mute-audio",
                "--hide-scrollbars", "--user-data-dir=" + os.path.join(self.workdir, "profile"),
                "about:blank"]
        if os.geteuid() == 0:
            args.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
        self.stderr = open(os.path.join(self.workdir, "chromium.stderr"), "wb")
        try:
            self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=self.stderr,
                                         preexec_fn=wire, pass_fds=(3, 4),
                                         start_new_session=True)
        finally:
            os.close(to_r)
            os.close(from_w)
        self.to_fd, self.from_fd = to_w, from_r
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        if self.proc is not None:
            try:
                self.send("Browser.close", timeout=5)
            except Exception:
                pass
            for sig, wait in ((None, 5), (signal.SIGTERM, 5), (signal.SIGKILL, 10)):
                if sig is not None:
                    try:
                        os.killpg(self.proc.pid, sig)
                    except ProcessLookupError:
                        pass
                try:
                    self.proc.wait(wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
            try:  # helpers (zygote, renderers) share the group: make sure none is left
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc = None
        for fd in (self.to_fd, self.from_fd):
            if fd is not None:
                os.close(fd)
        self.to_fd = self.from_fd = None
        self.stderr.close()

    def _read_message(self, deadline):
        while b"\0" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise CdpError("no answer from chromium in time")
            ready, _, _ = select.select([self.from_fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.from_fd, 1 << 20)
            if not chunk:
                raise CdpError("chromium closed the pipe")
            self.buf += chunk
        raw, self.buf = self.buf.split(b"\0", 1)
        return json.loads(raw)

    def send(self, method, params=None, session=None, timeout=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        data = json.dumps(msg).encode() + b"\0"
        while data:
            n = os.write(self.to_fd, data)
            data = data[n:]
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            m = self._read_message(deadline)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise CdpError(f"{method}: {m['error']}")
                return m.get("result", {})
            if "method" in m:
                self.events.append(m)

    def wait_event(self, method, session, timeout=None):
        deadline = time.monotonic() + (timeout or self.timeout)
        seen = 0
        while True:
            for m in self.events[seen:]:
                if m.get("method") == method and m.get("sessionId") == session:
                    return m
            seen = len(self.events)
            m = self._read_message(deadline)
            if "method" in m:
                self.events.append(m)

    def open(self, url):
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget",
                            {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, session)
        for domain in ("Network", "Page", "Runtime", "Debugger", "Log"):
            self.send(domain + ".enable", session=session)
        self.events.clear()  # from here on every event belongs to the report's page
        self.send("Page.navigate", {"url": url}, session=session)
        self.wait_event("Page.loadEventFired", session)
        page.settle()
        return page


class Page:
    def __init__(self, browser, session):
        self.b, self.session = browser, session
        self.requests, self.scripts, self.console, self.log = [], [], [], []

    def settle(self):
        """Collects what the page did on its own, before any Runtime.evaluate of ours (which
        would add scripts of its own): a round trip that runs no script flushes the events."""
        self.b.send("Page.getFrameTree", session=self.session)
        for m in self.b.events:
            if m.get("sessionId") != self.session:
                continue
            p = m.get("params", {})
            if m["method"] == "Network.requestWillBeSent":
                self.requests.append(p["request"]["url"])
            elif m["method"] == "Debugger.scriptParsed":
                self.scripts.append(p.get("url") or p.get("scriptId"))
            elif m["method"] == "Runtime.consoleAPICalled":
                self.console.append(p)
            elif m["method"] == "Log.entryAdded":
                self.log.append(p["entry"])

    def evaluate(self, expression):
        r = self.b.send("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                        session=self.session)
        if "exceptionDetails" in r:
            raise CdpError(f"{expression}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def screenshot(self, path, width, mobile=False):
        self.b.send("Emulation.setDeviceMetricsOverride",
                    {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": mobile},
                    session=self.session)
        height = self.evaluate("Math.ceil(document.documentElement.scrollHeight)")
        self.b.send("Emulation.setDeviceMetricsOverride",
                    {"width": width, "height": int(height), "deviceScaleFactor": 1,
                     "mobile": mobile}, session=self.session)
        shot = self.b.send("Page.captureScreenshot", {"format": "png"}, session=self.session)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        return int(height)
