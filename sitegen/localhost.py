"""A built site on 127.0.0.1, for the tests, the benchmark and the tools: one static
server (at the root or under a sub-path), a free port, a fetch, and a poll.

Nothing here talks to any other address.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import socket
import tempfile
import threading
import time
import urllib.request
from pathlib import Path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


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
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(served)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/{sub_path}"
        finally:
            server.shutdown()
            server.server_close()


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


# Debian's chromium: Playwright's own browser download is not reachable from here.
CHROMIUM = Path("/usr/bin/chromium")


@contextlib.contextmanager
def chromium():
    """A headless Debian Chromium driven by Playwright, for the with-block."""
    if not CHROMIUM.exists():
        raise SystemExit("Debian chromium is not installed: run `make test`, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        try:
            yield browser
        finally:
            browser.close()
