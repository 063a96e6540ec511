"""A built site on 127.0.0.1, for the tests, the benchmark and the tools: one static
server (at the root or under a sub-path), `mkdocs serve` on a report, a free port, a
fetch, and a poll.

Nothing here talks to any other address.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class HostLikeHandler(QuietHandler):
    """Serves a built site the way a static host does: the precompressed sibling
    (.br, else .gz) the browser accepts, gzip on the fly for other text, with
    Content-Encoding and Vary, over keep-alive HTTP/1.1. What the benchmark measures."""

    protocol_version = "HTTP/1.1"
    PRECOMPRESSED = (("br", ".br"), ("gzip", ".gz"))
    TEXT_SUFFIXES = (".html", ".css", ".js", ".json", ".xml", ".svg", ".csv", ".txt")

    def accepted(self) -> set[str]:
        header = self.headers.get("Accept-Encoding", "")
        return {
            part.split(";")[0].strip()
            for part in header.split(",")
            if part.strip() and "q=0" not in part.replace(" ", "")
        }

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or path.suffix not in self.TEXT_SUFFIXES:
            return super().send_head()
        accepted = self.accepted()
        body, encoding = None, None
        for name, suffix in self.PRECOMPRESSED:
            sibling = path.with_name(path.name + suffix)
            if name in accepted and sibling.is_file():
                body, encoding = sibling.read_bytes(), name
                break
        if body is None and "gzip" in accepted:
            body, encoding = gzip.compress(path.read_bytes(), mtime=0), "gzip"
        if body is None:
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


class QuietServer(http.server.ThreadingHTTPServer):
    """A server that takes a client hanging up mid-response (a browser that leaves a page,
    Lighthouse cancelling a request) as a static host does: the end of that connection,
    not a traceback on stderr. Any other error still prints one."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(root: Path, sub_path: str = "", handler=QuietHandler, port: int = 0):
    """Serve `root` at http://127.0.0.1:<port>/<sub_path> for the with-block; yields that
    URL. With a sub_path nothing is served above it, so a page that reaches for the
    host's root gets a 404."""
    with tempfile.TemporaryDirectory() as top:
        served = root
        if sub_path:
            mount = Path(top, sub_path)
            mount.parent.mkdir(parents=True, exist_ok=True)
            mount.symlink_to(root, target_is_directory=True)
            served = Path(top)
        server = QuietServer(("127.0.0.1", port), functools.partial(handler, directory=str(served)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/{sub_path}"
        finally:
            server.shutdown()
            server.server_close()


@contextlib.contextmanager
def mkdocs_serve(report: Path, log):
    """`mkdocs serve` on the report at a free port of 127.0.0.1, as an editor starts it, its
    output into `log` (an open file): (base URL, the server's process) for the with-block,
    stopped after. Builds are reproducible (SOURCE_DATE_EPOCH) and ignore the caller's
    SITE_URL, which would point the pages elsewhere."""
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1735689600")
    env.pop("SITE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=report,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield f"http://127.0.0.1:{port}/", server
    finally:
        server.terminate()
        server.wait(timeout=30)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> bytes | None:
    """The body at `url`, or None when nothing answers or it is not a 2xx."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except OSError:
        return None


def wait_until(predicate, timeout: float, what: str = "the server", step: float = 0.05) -> float:
    """Poll until predicate() is true; the time it took. SystemExit after timeout (a test
    that waits in vain fails with this message)."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if predicate():
            return time.perf_counter() - start
        time.sleep(step)
    raise SystemExit(f"timed out after {timeout} s waiting for {what}")


# Debian's Chromium: Playwright's own browser download is not reachable from here. The
# tests and tools drive its headless shell (Debian's chromium-headless-shell, built from
# the same source: the same Blink, V8 and Skia, without the browser's window, tabs and
# profile), which is also what Playwright runs for headless pages. Against the full
# browser in headless mode, test_browser.py and test_browser_reading.py took 55 core-s
# of Chromium's CPU instead of 85 (the full browser's process alone 30). Lighthouse
# launches the full browser (CHROMIUM).
CHROMIUM = Path("/usr/bin/chromium")
HEADLESS_CHROMIUM = Path("/usr/bin/chromium-headless-shell")


# Every host name but 127.0.0.1 resolves to nothing: a page that asks a third-party host
# (a font, a CDN) fails at once, where a test sees it, and nothing leaves the machine.
# Blocked here, not with Playwright's page.route(): routing hands every request to the
# driver and back, and turns the HTTP cache off, which made each page load cost Chromium
# and the driver twice the CPU (16 loads: 6.1 core-s with a route, 3.0 to 3.6 without).
CHROMIUM_ARGS = ("--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1")


@contextlib.contextmanager
def chromium(executable: Path = HEADLESS_CHROMIUM):
    """A headless Debian Chromium driven by Playwright, for the with-block: it reaches
    127.0.0.1 only (CHROMIUM_ARGS). The headless shell unless told CHROMIUM."""
    if not executable.exists():
        raise SystemExit(f"Debian {executable.name} is not installed: run `make test`, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), args=[*CHROMIUM_ARGS])
        try:
            yield browser
        finally:
            browser.close()
