"""The host-like server the benchmark measures with: each Accept-Encoding gets the
encoding a static host would send, and the bytes decode to the file's own."""

from __future__ import annotations

import gzip
import http.client
import socket
import struct
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import pytest

from tools.localhost import HostLikeHandler, serve


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("host")
    page = "<!doctype html><title>页</title>" + "中文 text " * 500
    (root / "index.html").write_text(page, encoding="utf-8")
    (root / "index.html.br").write_bytes(brotli.compress(page.encode()))
    (root / "index.html.gz").write_bytes(gzip.compress(page.encode(), mtime=0))
    (root / "plain.css").write_text("body { color: red; }\n" * 100, encoding="utf-8")  # no siblings
    (root / "chart.png").write_bytes(b"\x89PNG" + bytes(200))
    return root


def get(base: str, path: str, accept: str | None, connection=None):
    url = urlsplit(base)
    connection = connection or http.client.HTTPConnection(url.hostname, url.port, timeout=5)
    headers = {"Accept-Encoding": accept} if accept is not None else {}
    connection.request("GET", url.path + path, headers=headers)
    response = connection.getresponse()
    return response, response.read(), connection


@pytest.mark.parametrize(
    "accept, path, encoding",
    [
        ("gzip, deflate, br", "index.html", "br"),
        ("gzip", "index.html", "gzip"),
        (None, "index.html", None),
        ("identity", "index.html", None),
        ("gzip, br", "plain.css", "gzip"),  # no precompressed sibling: gzip on the fly
        ("gzip, br", "chart.png", None),  # images are sent as they are
    ],
)
def test_each_accept_encoding_gets_what_a_static_host_sends(site, accept, path, encoding):
    with serve(site, handler=HostLikeHandler) as base:
        response, body, _ = get(base, path, accept)
    assert response.status == 200 and response.getheader("Content-Encoding") == encoding
    decoded = {"br": brotli.decompress, "gzip": gzip.decompress, None: lambda b: b}[encoding](body)
    assert decoded == (site / path).read_bytes()
    if encoding:
        assert response.getheader("Vary") == "Accept-Encoding" and len(body) < len(decoded)


def test_one_connection_serves_several_requests(site):
    with serve(site, handler=HostLikeHandler) as base:
        first, _, connection = get(base, "index.html", "br")
        second, body, _ = get(base, "plain.css", "gzip", connection)
    assert first.version == 11 and second.status == 200 and gzip.decompress(body) == (site / "plain.css").read_bytes()


def test_a_client_that_hangs_up_mid_response_costs_no_traceback(site, capfd):
    (site / "large.png").write_bytes(bytes(16 << 20))  # more than the socket buffers hold
    with serve(site, handler=HostLikeHandler) as base:
        url = urlsplit(base)
        client = socket.create_connection((url.hostname, url.port), timeout=5)
        client.sendall(f"GET {url.path}large.png HTTP/1.1\r\nHost: {url.netloc}\r\n\r\n".encode())
        assert client.recv(64).startswith(b"HTTP/1.1 200")
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # hang up: a reset
        client.close()
        response, _, _ = get(base, "plain.css", None)
        assert response.status == 200  # the server goes on serving
    # serve() has joined every request's thread by now, so anything they printed is here.
    assert "Traceback" not in capfd.readouterr().err


def test_the_tests_chromium_reaches_127_0_0_1_and_no_other_host(site, browser):
    # A page asking another host (a web font, a CDN) must fail where the clean checks see
    # it, at once, and send nothing off the machine (CHROMIUM_ARGS). `localhost` is that
    # other host here: /etc/hosts names this machine by it, no DNS is needed to reach it.
    # The session's browser (tests/conftest.py), tools.localhost.chromium() as every test
    # gets it: a second Playwright started in the same worker fails.
    with serve(site) as base:
        elsewhere = base.replace("127.0.0.1", "localhost")
        (site / "foreign.html").write_text(
            f'<!doctype html><title>x</title><img src="chart.png"><img src="{elsewhere}plain.css">', encoding="utf-8"
        )
        page = browser.new_page()
        failed, finished = [], []
        page.on("requestfailed", lambda r: failed.append((r.url, r.failure)))
        page.on("requestfinished", lambda r: finished.append(r.url))
        page.goto(base + "foreign.html", wait_until="load")
        page.close()
    assert base + "chart.png" in finished
    assert failed == [(elsewhere + "plain.css", "net::ERR_NAME_NOT_RESOLVED")], (failed, finished)
