"""The editor's preview under `mkdocs serve`: a build stopped by bad input shows in the
browser, and a page reloads itself when the input is fixed.

Why `mkdocs serve` hangs without this (MkDocs 1.6.1, mkdocs/livereload/__init__.py): the
build loop records the build it starts (`_wanted_epoch`) and, once the builder returns,
makes it the visible one (`_visible_epoch`). Every request waits, with no time limit,
until the two agree, so that no half-built site is served. A builder that raises (the
plugin stops a build with Abort on bad input) never makes its build visible: every
request then waits for the next good build, and the browser spins with no word of why.

So the plugin's on_serve wraps three things of the server it is given:
- the builder: a build that fails is recorded here (its message) and reported in the
  terminal, and returns, so its build becomes the visible one and nothing waits;
- the request handler: while the last build failed, a page (a path ending in / or
  .html) is answered at once with the error: an overlay on the last good page when
  there is one (the editor keeps their place), else a page of its own;
- the live-reload script: MkDocs writes it inline, which every page's self-only
  Content-Security-Policy (sitegen/site/csp.py) forbids, so the browser never reloaded; it is
  an external script here (ASSET_PATH), allowed by 'self'.
The overlay's page reloads itself like any other when the next build is visible: after
the fix, the browser shows the fixed page without a restart.

A build that is slow to end (a chart stuck in a loop is stopped only after
sitegen/charts/render.py's DRAWING_TIME_LIMIT) would still hold every page request
while it runs: a page asked for then waits BUILDING_WAIT seconds at most, and is then
answered with a page saying the preview is being built, which reloads itself once the
build is visible (the error page, if it failed).
"""

from __future__ import annotations

import html
import logging
import re
import sys
import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.report")

# Served by the wrapped handler, outside any site's mount path.
ASSET_PATH = "/__report_preview__/"
ASSETS = {
    "livereload.js": "application/javascript",
    "overlay.css": "text/css",
}
_ASSET_DIR = Path(__file__).resolve().parent.parent / "templates" / "preview"  # sitegen/templates/preview/

BUILDING_WAIT = 3  # s a page request waits for a build going on, before the building page

# A problem line as the package writes them: `file:line: problem; fix` (sitegen/model/checks.py),
# the line number optional (`file: problem`). Any other message (MkDocs' own, for a broken
# mkdocs.yml) is shown whole, as one problem with no file.
_PROBLEM = re.compile(r"^(?P<file>[^\s:]+)(?::(?P<line>\d+))?: (?P<text>.+)$")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    message: str  # continuation lines kept, with their indentation
    fix: str


def message_of(error: BaseException) -> str:
    """What the editor reads: the bad input's own message when the plugin stopped the
    build for it, else MkDocs' (a broken mkdocs.yml), else the traceback of a bug."""
    cause = getattr(error, "input_error", None)
    if cause is not None:
        return str(cause)
    from mkdocs.exceptions import MkDocsException

    if isinstance(error, MkDocsException):
        return error.format_message()
    return "".join(traceback.format_exception(error)).rstrip()


def problems_of(message: str) -> list[Problem]:
    """One Problem per problem line; an indented line continues the one above."""
    problems: list[list[str]] = []
    for line in message.splitlines():
        if problems and (line[:1].isspace() or not line.strip() or not _PROBLEM.match(line)):
            problems[-1].append(line)
        else:
            problems.append([line])
    return [_problem(lines) for lines in problems]


def _problem(lines: list[str]) -> Problem:
    first, rest = lines[0], lines[1:]
    match = _PROBLEM.match(first)
    if not match:
        return Problem("", None, "\n".join(lines), "")
    text = [match["text"], *rest]
    # The fix follows the problem after the last "; " of its last line (every message of
    # the package; a YAML error's detail comes before it).
    last, _, fix = text[-1].rpartition("; ") if "; " in text[-1] else (text[-1], "", "")
    return Problem(
        match["file"], int(match["line"]) if match["line"] else None, "\n".join([*text[:-1], last]).rstrip(), fix
    )


def overlay(message: str) -> str:
    """The error as an HTML fragment: every file, line, message and fix, escaped."""
    items = []
    for problem in problems_of(message):
        where = html.escape(problem.file) + (f":{problem.line}" if problem.line else "")
        items.append(
            '<li class="report-preview__problem">'
            + (f'<p class="report-preview__file"><code>{where}</code></p>' if where else "")
            + f'<pre class="report-preview__message">{html.escape(problem.message)}</pre>'
            + (
                f'<p class="report-preview__fix"><strong>Fix:</strong> {html.escape(problem.fix)}</p>'
                if problem.fix
                else ""
            )
            + "</li>"
        )
    return (
        f'<link rel="stylesheet" href="{ASSET_PATH}overlay.css">'
        '<div class="report-preview" id="report-preview" role="alertdialog" aria-labelledby="report-preview-title">'
        '<div class="report-preview__box">'
        '<h1 class="report-preview__title" id="report-preview-title">Build stopped by bad input</h1>'
        f'<ol class="report-preview__problems">{"".join(items)}</ol>'
        '<p class="report-preview__note">This page reloads by itself once the input is fixed and saved. '
        '<button type="button" class="report-preview__close" id="report-preview-close">'
        "Show the last good page</button></p>"
        "</div></div>"
    )


def error_page(message: str, last_good: bytes | None, reload_script: str) -> bytes:
    """The overlay on the last good page, or on a page of its own when there is none."""
    fragment = overlay(message) + reload_script
    if last_good:
        page = last_good.decode("utf-8", errors="replace")
        body = re.search(r"<body[^>]*>", page)
        if body:
            return (page[: body.end()] + fragment + page[body.end() :]).encode("utf-8")
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Build stopped by bad input</title></head><body>{fragment}</body></html>"
    ).encode()


def building_page(reload_script: str) -> bytes:
    """What a page asked for while a build goes on for more than BUILDING_WAIT s shows."""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<link rel="stylesheet" href="{ASSET_PATH}overlay.css"><title>Building the preview</title></head><body>'
        '<div class="report-preview" id="report-preview-building" role="status"><div class="report-preview__box">'
        '<h1 class="report-preview__title">Building the preview…</h1>'
        '<p class="report-preview__note">This page reloads by itself once the build is done.</p>'
        f"</div></div>{reload_script}</body></html>"
    ).encode()


def reload_script(epoch: int, request_id: int) -> str:
    """MkDocs' live-reload poller as an external script, for a page of build `epoch`."""
    return f'<script src="{ASSET_PATH}livereload.js" data-epoch="{epoch}" data-request-id="{request_id}"></script>'


def report(message: str) -> None:
    """The error in the terminal, every line as written (indentation kept)."""
    print(
        "\nBuild stopped by bad input:\n"
        + "\n".join("  " + line for line in message.splitlines())
        + "\nThe browser shows this; it reloads once the input is fixed.",
        file=sys.stderr,
        flush=True,
    )


class Preview:
    """What the served pages need to know of the last build: its error, if it failed."""

    def __init__(self) -> None:
        self.error: str | None = None

    def install(self, server: LiveReloadServer) -> None:
        """Wrap the LiveReloadServer's builder, request handler and reload script."""
        from mkdocs.livereload import _timestamp

        build, serve_request = server.builder, server._serve_request

        def builder(*args: Any, **kwargs: Any) -> None:
            warnings = _Warnings()
            logging.getLogger("mkdocs").addHandler(warnings)
            try:
                build(*args, **kwargs)
            except (Exception, SystemExit) as error:  # MkDocs' Abort is a SystemExit too
                # Strict mode's "Aborted with 1 warnings" says nothing of what they were;
                # the warnings themselves (a missing file a page links to) are the problem.
                message = message_of(error)
                strict = message.startswith("Aborted with") and "strict mode" in message
                self.error = "\n".join([*warnings.messages, message]) if strict else message
                report(self.error)
            else:
                if self.error is not None:
                    log.info("report: the input is fixed; reloading the browser")
                self.error = None
            finally:
                logging.getLogger("mkdocs").removeHandler(warnings)

        def handle(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes] | None:
            path = environ["PATH_INFO"]
            if path.startswith(ASSET_PATH):
                return _asset(path[len(ASSET_PATH) :], start_response)
            is_page = path.endswith("/") or path.endswith(".html")
            if is_page:
                with server._epoch_cond:
                    built = server._epoch_cond.wait_for(
                        lambda: server._visible_epoch == server._wanted_epoch, timeout=BUILDING_WAIT
                    )
                    epoch = server._visible_epoch
                if not built:  # reloaded once this build is visible, good or not
                    return _page(building_page(reload_script(epoch, _timestamp())), start_response)
            error = self.error
            if error is not None and is_page:
                page = error_page(error, _last_good(server, path), reload_script(epoch, _timestamp()))
                return _page(page, start_response)
            return serve_request(environ, start_response)

        def inject(content: bytes, epoch: int) -> bytes:
            end = content.rfind(b"</body>")
            end = len(content) if end < 0 else end
            return content[:end] + reload_script(epoch, _timestamp()).encode() + content[end:]

        server.builder = builder
        # The server's own methods, shadowed on this one server by instance attributes.
        vars(server).update(_serve_request=handle, _inject_js_into_html=inject)


class _Warnings(logging.Handler):
    """The warnings MkDocs logs during one build (what strict mode stops the build for)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _page(page: bytes, start_response: StartResponse) -> list[bytes]:
    # 200, not 500: MkDocs logs any other status as a warning, and a warning logged while
    # the fixed input builds fails that build under `strict: true` (a browser polls while
    # the editor saves the fix).
    start_response(
        "200 OK",
        [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(page))),
            ("Cache-Control", "no-store"),
        ],
    )
    return [page]


def _asset(name: str, start_response: StartResponse) -> list[bytes]:
    if name not in ASSETS:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"404 Not Found"]
    body = (_ASSET_DIR / name).read_bytes()
    start_response("200 OK", [("Content-Type", ASSETS[name]), ("Content-Length", str(len(body)))])
    return [body]


def _last_good(server: LiveReloadServer, path: str) -> bytes | None:
    """The page at `path` as the last good build left it in the served folder."""
    mount = server.mount_path
    if not (path + "/").startswith(mount):
        return None
    relative = path[len(mount) :] + ("index.html" if path.endswith("/") else "")
    root = Path(server.root).resolve()
    file = (root / relative).resolve()
    if root not in file.parents or not file.is_file():
        return None
    return file.read_bytes()
