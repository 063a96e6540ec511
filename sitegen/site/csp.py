"""Each page's Content-Security-Policy: nothing from another host, no inline code but the
page's own, allowed by hash.

The policy sits in a <meta http-equiv> that templates/theme/main.html writes, with a
placeholder, before any script; the hook fills it in once the page is rendered, so the
hashes are those of the exact bytes the browser will see.
"""

from __future__ import annotations

import base64
import hashlib
import json
from html.parser import HTMLParser
from typing import Any

PLACEHOLDER = "REPORT_CSP"

# The iframe-worker shim (docs/assets/javascripts/vendor/iframe-worker-shim.js) runs
# Material's search worker in an iframe when the site is opened from file://. It writes
# one inline script into that iframe, which inherits this page's policy: its two
# functions' source, as the shim's minified code spells them, and the worker's URL.
# deploy.py checks that both functions still stand in the vendored shim.
IFRAME_WORKER_FUNCTIONS = (
    'function c(s,n){parent.postMessage(s,n||"*")}',
    "function d(...s){return s.reduce((n,e)=>n.then(()=>new Promise(r=>{let t=document.createElement"
    '("script");t.src=e,t.onload=r,document.body.appendChild(t)})),Promise.resolve())}',
)


def iframe_worker_script(worker_url: str) -> str:
    c, d = IFRAME_WORKER_FUNCTIONS
    return (
        f"postMessage={c};importScripts={d};"
        f'addEventListener("error",({{error}})=>{{parent.dispatchEvent(new ErrorEvent("error",{{filename:"{worker_url}",error}}))}})'
    )


class _InlineCode(HTMLParser):
    """Collects the text of every inline <script> that runs and every <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.config: dict[str, Any] | None = None  # Material's __config JSON
        self._open: tuple[str, dict[str, str | None]] | None = None  # tag, attributes
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._open, self._text = (tag, dict(attrs)), []

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if not self._open or tag != self._open[0]:
            return
        (kind, attrs), text = self._open, "".join(self._text)
        self._open = None
        if kind == "style":
            self.styles.append(text)
        elif attrs.get("id") == "__config":
            self.config = json.loads(text)
        elif "src" not in attrs and attrs.get("type", "text/javascript") in ("text/javascript", "module"):
            self.scripts.append(text)


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def policy_for(html: str) -> str:
    """The policy for one rendered page: 'self' for everything, data: for images (Material's
    icons are data: SVGs in its CSS), and the page's inline scripts and styles by hash."""
    code = _InlineCode()
    code.feed(html)
    scripts = list(code.scripts)
    if code.config and code.config.get("search"):
        scripts.append(iframe_worker_script(code.config["search"]))
    script_hashes = " ".join(sorted({_hash(s) for s in scripts}))
    style_hashes = " ".join(sorted({_hash(s) for s in code.styles}))
    directives = [
        "default-src 'self'",
        f"script-src 'self' {script_hashes}".rstrip(),
        f"style-src 'self' {style_hashes}".rstrip(),
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives)


def with_policy(html: str) -> str:
    """The page with its policy filled in. A page without the placeholder is a template
    that lost the <meta>: fail loudly rather than publish a page with no policy."""
    if html.count(PLACEHOLDER) != 1:
        raise ValueError(
            f"expected one {PLACEHOLDER} placeholder (templates/theme/main.html), found {html.count(PLACEHOLDER)}"
        )
    return html.replace(PLACEHOLDER, policy_for(html))
