#!/usr/bin/env python3
"""Fixture HTTP/1.1 server for shopaudit's integration tests (standard library only).

    python3 tests/server.py --root DIR [--port 0] [--port-file FILE] [--log FILE]

Serves the files under DIR on 127.0.0.1 (index.html for a directory), one thread per
connection, so a slow route never holds up the others. Once listening it writes the port to
--port-file (atomically: write a temporary file, then rename) and appends one line per request
to --log:  "GET /path?query UA=<user-agent> AE=<accept-encoding>" ("-" when a header is absent).
SIGTERM or SIGINT stops it cleanly, cutting short any sleeping or dripping response.
Each request also adds two trace lines to --log, "TRACE<tab>" and a JSON object: at its start
{"n": serial, "at": "start", "method", "target", "headers": {name: value}} and once answered
{"n": serial, "at": "end"}; the serial and the lines' order tell which requests overlapped
(no clock needed) and what headers a client sent.

A site may misbehave on purpose through an optional DIR/_routes.json. Keys starting with "/"
map a request path (exact match first, then shell patterns such as "/page-*", in file order)
to a behaviour; these fields combine:

    "sleep": 30          wait this many seconds before answering
    "redirect": "/b"     answer 302 (or "status") with this Location
    "status": 404        answer with this status: the "file" if given, else a small HTML body
    "file": "x.html"     serve this file (relative to DIR) instead of the requested path
    "content_type": "…"  override the Content-Type guessed from the file's extension
    "gzip": true         gzip the body whatever the client accepts
    "drip": 1            send the body 16 bytes at a time, this many seconds apart
    "no_head": true      answer HEAD with 405 Method Not Allowed (GET works)
    "generate": 40000000 answer an HTML page of about this many bytes, made on the fly (with
                         "gzip": a compression bomb: a few KB on the wire); streamed in chunks
                         unless gzipped, so a 50 MB page never sits in the server's memory
    "shape": "…"         what "generate" makes: "paragraphs" (default), "one_line" (no newline
                         at all), "deep" (<div> nested as deep as the size allows), "nul" (NUL
                         bytes between paragraphs), "binary" (pseudo-random bytes)
    "reset": true        close the connection with a TCP reset instead of answering
    "retry_after": "2"   add a Retry-After header (with "status": 429 or 503)
    "fail_times": 1      apply "status"/"retry_after"/"reset" to the first N requests of the
                         path only; later requests are served normally
    "headers": {…}       extra response headers
    "trap": "…"          an endless generated site: "calendar" (/x/YYYY/MM links the next
                         month), "grow" (each page links itself plus one more query parameter),
                         "session" (/x/<session id>/page links a fresh session id every time)

and top-level options: "gzip_all": true gzips every .html the client accepts gzip for.

--tls CERT KEY serves HTTPS instead (the tests make a self-signed certificate with openssl).

Text bodies (text/*, XML, JSON) and Location headers are templates: "{{PORT}}" becomes the
server's port and "{{ORIGIN}}" becomes "http://" + the request's Host header, so a fixture can
hold absolute URLs (sitemaps, robots.txt Sitemap: lines, off-site links to "localhost").
"""

import argparse
import fnmatch
import gzip
import http.server
import json
import mimetypes
import os
import signal
import socket
import ssl
import struct
import sys
import threading
import urllib.parse

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".json": "application/json",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".pdf": "application/pdf",
}
DRIP_BYTES = 16
# The crawler may abort a transfer (timeout, size cap, interrupt): that is not a server error.
CLIENT_GONE = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError,
               ssl.SSLError)  # a client refusing our self-signed certificate


def generated_page(size):
    """An HTML page of about size bytes: one paragraph repeated, so it compresses ~1000:1."""
    head = b"<!doctype html><html><head><title>Generated</title></head><body>"
    para = b"<p>" + b"tea " * 60 + b"</p>\n"
    return head + para * max(1, (size - len(head)) // len(para)) + b"</body></html>"


def generated_chunks(size, shape):
    """The body of a "generate" route as (length, iterator of byte chunks), made lazily."""
    head = b"<!doctype html><html><head><title>Generated</title></head><body>"
    tail = b"</body></html>"
    if shape == "deep":
        n = max(1, (size - len(head) - len(tail)) // 11)
        parts = [(b"<div>", n), (b"x", 1), (b"</div>", n)]
    elif shape == "one_line":
        parts = [(b"<p>" + b"tea " * 256, max(1, (size - len(head)) // 1027)), (b"</p>", 1)]
    elif shape == "nul":
        parts = [(b"<p>tea\0 leaves\0</p>", max(1, (size - len(head)) // 19))]
    elif shape == "binary":
        block = bytes((i * 7919 + 13) % 251 for i in range(4096))  # no structure, some NULs
        head, tail, parts = b"", b"", [(block, max(1, size // len(block)))]
    else:
        para = b"<p>" + b"tea " * 60 + b"</p>\n"
        parts = [(para, max(1, (size - len(head)) // len(para)))]
    length = len(head) + len(tail) + sum(len(p) * n for p, n in parts)

    def chunks():
        yield head
        for piece, n in parts:
            per = max(1, 65536 // len(piece))
            for i in range(0, n, per):
                yield piece * min(per, n - i)
        yield tail
    return length, chunks()


def trap_page(kind, path, query, serial):
    """One page of an endless site, linking only to the next one."""
    if kind == "calendar":
        parts = path.rstrip("/").split("/")
        try:
            year, month = int(parts[-2]), int(parts[-1])
        except (ValueError, IndexError):
            year, month = 2026, 1
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        nxt = "/".join(parts[:-2] + [f"{year:04d}", f"{month:02d}"])
        links = [nxt]
    elif kind == "grow":
        q = query + ("&" if query else "") + f"f{serial}=1"
        links = [f"{path}?{q}"]
    else:  # session: a fresh id in front of the page, every response
        parts = path.split("/")
        sid = f"s{serial:04d}a7f3e9c1b5d2e8"  # 19 characters, letters and digits
        links = ["/".join(parts[:2] + [sid] + parts[3:])]
    body = "".join(f'<a href="{u}">next</a> ' for u in links)
    return f"<!doctype html><html><head><title>{kind}</title></head><body>{body}</body></html>".encode()


def content_type(path):
    ext = os.path.splitext(path)[1].lower()
    return TYPES.get(ext) or mimetypes.guess_type(path)[0] or "application/octet-stream"


def is_template(ctype):
    ctype = ctype.lower()
    return ctype.startswith("text/") or "xml" in ctype or "json" in ctype


class FixtureServer(http.server.ThreadingHTTPServer):
    daemon_threads = True  # idle keep-alive connections must not keep the process alive

    def __init__(self, root, port, log_path):
        self.root = os.path.realpath(root)
        self.stopping = threading.Event()
        self.log_lock = threading.Lock()
        self.log_file = open(log_path, "a", encoding="utf-8") if log_path else None
        self.options, self.exact, self.patterns = {}, {}, []
        self.counts, self.serial = {}, 0  # requests per path, for "fail_times" and traps
        self.traced = 0  # requests seen, numbering the TRACE lines
        routes_path = os.path.join(self.root, "_routes.json")
        if os.path.exists(routes_path):
            with open(routes_path, encoding="utf-8") as f:
                for key, value in json.load(f).items():
                    if not key.startswith("/"):
                        self.options[key] = value
                    elif any(c in key for c in "*?["):
                        self.patterns.append((key, value))
                    else:
                        self.exact[key] = value
        super().__init__(("127.0.0.1", port), Handler)

    def count(self, path):
        """How many times path was asked before, and a serial number for this request."""
        with self.log_lock:
            n = self.counts.get(path, 0)
            self.counts[path] = n + 1
            self.serial += 1
            return n, self.serial

    def route(self, path):
        if path in self.exact:
            return self.exact[path]
        for pattern, value in self.patterns:
            if fnmatch.fnmatchcase(path, pattern):
                return value
        return {}

    def log(self, line):
        if self.log_file:
            with self.log_lock:
                self.log_file.write(line + "\n")
                self.log_file.flush()

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], CLIENT_GONE):
            super().handle_error(request, client_address)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "shopaudit-fixture/1"

    def do_GET(self):
        self.respond(with_body=True)

    def do_HEAD(self):
        self.respond(with_body=False)

    def log_message(self, fmt, *args):  # the --log file is the record; keep stderr quiet
        pass

    def respond(self, with_body):
        srv = self.server
        with srv.log_lock:
            srv.traced += 1
            n = srv.traced
        srv.log("TRACE\t" + json.dumps({"n": n, "at": "start", "method": self.command,
                                         "target": self.path,
                                         "headers": dict(self.headers.items())}))
        try:
            self.answer(with_body)
        finally:
            srv.log("TRACE\t" + json.dumps({"n": n, "at": "end"}))

    def answer(self, with_body):
        srv = self.server
        ua = self.headers.get("User-Agent", "-")
        ae = self.headers.get("Accept-Encoding", "-")
        srv.log(f"{self.command} {self.path} UA={ua} AE={ae}")
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        route = srv.route(path)
        seen, serial = srv.count(path)
        if "fail_times" in route and seen >= route["fail_times"]:
            route = {k: v for k, v in route.items()
                     if k not in ("status", "retry_after", "reset", "fail_times")}
        extra = dict(route.get("headers", {}))
        if "retry_after" in route:
            extra["Retry-After"] = str(route["retry_after"])

        if route.get("reset"):  # SO_LINGER 0: close() sends RST, the client sees a reset
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            self.close_connection = True
            return
        if route.get("trap"):
            query = urllib.parse.urlsplit(self.path).query
            body = trap_page(route["trap"], path, query, serial)
            self.send(200, body, TYPES[".html"], with_body, headers=extra)
            return
        if route.get("no_head") and self.command == "HEAD":
            self.send(405, b"", TYPES[".html"], with_body, headers={"Allow": "GET"})
            return
        if route.get("sleep") and srv.stopping.wait(route["sleep"]):
            self.close_connection = True
            return
        if "redirect" in route:
            location = self.expand(route["redirect"].encode()).decode()
            self.send(route.get("status", 302), b"", "text/html; charset=utf-8", with_body,
                      headers={"Location": location})
            return

        status = route.get("status", 200)
        if route.get("generate"):
            ctype = route.get("content_type") or TYPES[".html"]
            if route.get("gzip"):
                body = gzip.compress(generated_page(int(route["generate"])), 9)
                extra["Content-Encoding"] = "gzip"
                self.send(status, body, ctype, with_body, headers=extra)
                return
            length, chunks = generated_chunks(int(route["generate"]), route.get("shape"))
            self.send(status, chunks, ctype, with_body, headers=extra, length=length)
            return
        file = self.locate(route.get("file") or path)
        if isinstance(file, tuple):  # a folder asked for without its slash: redirect
            self.send(301, b"", TYPES[".html"], with_body, headers={"Location": file[1]})
            return
        if file is None or not os.path.isfile(file):
            if "status" in route and "file" not in route:
                self.send(status, self.error_page(status), TYPES[".html"], with_body,
                          headers=extra)
            else:
                self.send(404, self.error_page(404), TYPES[".html"], with_body)
            return
        with open(file, "rb") as f:
            body = f.read()
        ctype = route.get("content_type") or content_type(file)
        if is_template(ctype):
            body = self.expand(body)
        encoding = None
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "").lower()
        if route.get("gzip") or (srv.options.get("gzip_all") and accepts_gzip
                                 and file.endswith(".html")):
            body, encoding = gzip.compress(body), "gzip"
        headers = dict(extra, **({"Content-Encoding": encoding} if encoding else {}))
        self.send(status, body, ctype, with_body, headers=headers, drip=route.get("drip"))

    def locate(self, path):
        """The file for a URL path; None when it would leave the root; ("redirect", path + "/")
        for a folder asked for without its trailing slash, as real servers do."""
        full = os.path.realpath(os.path.join(self.server.root, path.lstrip("/")))
        if full != self.server.root and not full.startswith(self.server.root + os.sep):
            return None
        if os.path.isdir(full):
            if not path.endswith("/"):
                return ("redirect", path + "/")
            full = os.path.join(full, "index.html")
        return full

    def expand(self, data):
        host = self.headers.get("Host") or f"127.0.0.1:{self.server.server_address[1]}"
        data = data.replace(b"{{PORT}}", str(self.server.server_address[1]).encode())
        return data.replace(b"{{ORIGIN}}", b"http://" + host.encode("latin-1"))

    @staticmethod
    def error_page(status):
        try:
            reason = http.HTTPStatus(status).phrase
        except ValueError:
            reason = "Error"
        return (f"<!doctype html><html><head><title>{status} {reason}</title></head>"
                f"<body><h1>{status} {reason}</h1></body></html>\n").encode()

    def send(self, status, body, ctype, with_body, headers=None, drip=None, length=None):
        """Answers with body: bytes, or an iterator of chunks of total size length."""
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body) if length is None else length))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            if not with_body:
                return
            if length is not None:
                for chunk in body:
                    if self.server.stopping.is_set():
                        break
                    self.wfile.write(chunk)
                return
            if not drip:
                self.wfile.write(body)
                return
            for i in range(0, len(body), DRIP_BYTES):
                self.wfile.write(body[i:i + DRIP_BYTES])
                self.wfile.flush()
                if self.server.stopping.wait(drip):
                    self.close_connection = True
                    return
        except CLIENT_GONE:
            self.close_connection = True


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", required=True, help="folder to serve")
    ap.add_argument("--port", type=int, default=0, help="0 (default): any free port")
    ap.add_argument("--port-file", help="write the chosen port here once listening")
    ap.add_argument("--log", help="append one line per request here")
    ap.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"), help="serve HTTPS")
    args = ap.parse_args()
    if not os.path.isdir(args.root):
        ap.error(f"--root: not a folder: {args.root!r}")

    srv = FixtureServer(args.root, args.port, args.log)  # bound and listening from here on
    if args.tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(*args.tls)
        # The handshake happens in the connection's thread, so one bad client holds up nothing.
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True, do_handshake_on_connect=False)
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: srv.stopping.set())
    if args.port_file:
        tmp = f"{args.port_file}.tmp.{os.getpid()}"
        with open(tmp, "w") as f:
            f.write(f"{srv.server_address[1]}\n")
        os.replace(tmp, args.port_file)

    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    while not srv.stopping.wait(0.2):  # signals are handled in this (main) thread
        pass
    srv.shutdown()
    thread.join()
    srv.server_close()
    if srv.log_file:
        srv.log_file.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
