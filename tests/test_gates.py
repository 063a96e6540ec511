"""Reader-facing quality gates over the built site (issue 4): valid HTML (Nu HTML Checker),
no broken internal links or anchors (linkchecker, served under a sub-path on 127.0.0.1),
byte-identical clean builds with their precompressed copies, and Lighthouse accessibility,
best practices and SEO at 100 on the home page in every language, for a site built for
another address than the one it is served from. Nothing here is timed: speed is reported by `make bench`."""

from __future__ import annotations

import csv
import html.parser
import io
import json
import os
import re
import shutil
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import DEPLOYED_SITE_URL, ROOT, QuietHandler, languages, serve

from tools.localhost import CHROMIUM

NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = ROOT / "bench" / "lighthouse.mjs"

# Nu HTML Checker findings that come from Material's own base.html, not from our
# templates or content. Each is matched on the message text; nothing else is filtered.
VNU_UPSTREAM = [
    # Material's drawer and search toggles are <input type="checkbox" autocomplete="off">
    # (base.html): the attribute stops Firefox restoring a toggled drawer on reload, but the
    # spec allows autocomplete on text-like inputs only. Harmless; not ours to edit.
    re.compile(r"Attribute “autocomplete” is only allowed when the input type is"),
]


def _need(path: Path, what: str) -> None:
    if not path.exists():
        pytest.fail(f"{what} is missing ({path}): run `make test`, which installs the npm packages")


def vnu_errors(site: Path) -> list[str]:
    """Every Nu HTML Checker error over the site's HTML, minus the named upstream findings."""
    _need(VNU_JAR, "vnu-jar")
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html", "--format", "json", str(site)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    kept = [m for m in errors if not any(p.search(m.get("message", "")) for p in VNU_UPSTREAM)]
    return [f"{m['url'].split(str(site), 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in kept]


def test_html_is_valid(built_site):
    assert vnu_errors(built_site.root) == []


class _LinkCheckerHandler(QuietHandler):
    """Serves the site with the header linkchecker asks for before it goes faster than
    10 requests a second (it then checks ~200 links in seconds, not 40)."""

    def end_headers(self):
        self.send_header("LinkChecker", "allow")
        super().end_headers()


@pytest.fixture(scope="module")
def linkcheck_url(built_site):
    with serve(built_site.root, handler=_LinkCheckerHandler) as url:
        yield url


@pytest.fixture(scope="module")
def deployed_url(deployed_site):
    """The site built for DEPLOYED_SITE_URL, served on 127.0.0.1 at the same path: its
    404 page, which must work at any depth, links to the site by that path."""
    path = urllib.parse.urlsplit(DEPLOYED_SITE_URL).path.lstrip("/")
    with serve(deployed_site.root, sub_path=path, handler=_LinkCheckerHandler) as url:
        yield url


LINKCHECKER_CONFIG = """\
[checking]
maxrequestspersecond=1000
threads=4
[filtering]
checkextern=0
[AnchorCheck]
"""


def broken_links(start_urls: list[str], workdir: Path) -> list[str]:
    """linkchecker from each start URL, recursively, internal links only (same origin)."""
    if not shutil.which("linkchecker"):
        pytest.fail("linkchecker is missing: run `make test`, which installs it from Debian")
    config = workdir / "linkcheckerrc"
    config.write_text(LINKCHECKER_CONFIG)
    result = subprocess.run(
        ["linkchecker", "-f", str(config), "--no-status", "--no-warnings", "-o", "csv", *start_urls],
        capture_output=True,
        text=True,
        cwd=workdir,
    )
    rows = [line for line in result.stdout.splitlines() if line and not line.startswith("#")]
    found = list(csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";"))
    broken = [f"{r['url']} (from {r['parentname']}): {r['result']}" for r in found if r["valid"] != "True"]
    # linkchecker exits 1 when it found errors; anything else non-zero is a failure to run.
    assert result.returncode in (0, 1) and (broken or result.returncode == 0), result.stderr[-2000:]
    return broken


class _Anchors(html.parser.HTMLParser):
    """The ids (and legacy <a name>) a page defines, and the hrefs it links to."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id",) + (("name",) if tag == "a" else ()):
            if attrs.get(key):
                self.ids.add(attrs[key])
        if attrs.get("href") and (
            tag in ("a", "area") or (tag == "link" and attrs.get("rel") in ("alternate", "canonical", "prev", "next"))
        ):
            self.hrefs.append(attrs["href"])


def broken_anchors(base: str, start_urls: list[str], same_site: str = "") -> list[str]:
    """Every link into the site served at `base` whose page is missing or has no element
    with its #id.

    linkchecker's AnchorCheck skips the fragment of any page it has already fetched, so
    anchors into other pages go unchecked there; this walks the served pages itself.
    Absolute links starting with same_site (the URL the site was built for) count as
    links into the site being walked."""

    def resolve(url: str, href: str) -> tuple[str, str]:
        target, fragment = urllib.parse.urldefrag(urllib.parse.urljoin(url, href))
        if same_site and target.startswith(same_site):
            target = base + target[len(same_site) :]
        return target, urllib.parse.unquote(fragment)

    pages: dict[str, _Anchors | None] = {}
    todo = list(start_urls)
    while todo:
        url = todo.pop()
        if url in pages:
            continue
        try:
            with urllib.request.urlopen(url) as response:
                parsed = pages[url] = _Anchors()
                parsed.feed(response.read().decode("utf-8"))
        except urllib.error.HTTPError:
            pages[url] = None
            continue
        for href in parsed.hrefs:
            target, _ = resolve(url, href)
            if target.startswith(base) and target.endswith(".html"):
                todo.append(target)
    broken = []
    for url, parsed in pages.items():
        for href in parsed.hrefs if parsed else ():
            target, fragment = resolve(url, href)
            if target in pages and (pages[target] is None or (fragment and fragment not in pages[target].ids)):
                broken.append(f"{url}: {href}")
    return sorted(set(broken))


def test_no_broken_internal_links_or_anchors(linkcheck_url, tmp_path):
    starts = [f"{linkcheck_url}{lang.url_prefix}index.html" for lang in languages()]
    assert broken_links(starts, tmp_path) == []
    assert broken_anchors(linkcheck_url, starts) == []


def test_a_deployed_build_has_no_broken_links_even_from_its_404_page(deployed_url, tmp_path):
    starts = [f"{deployed_url}{lang.url_prefix}index.html" for lang in languages()]
    starts += [
        f"{deployed_url}{folder}404.html" for folder in ["", *(lang.url_prefix for lang in languages()), "zh-en/"]
    ]
    assert broken_links(starts, tmp_path) == []
    # The absolute links (hreflang, canonical) name DEPLOYED_SITE_URL: read as links into
    # the site being walked.
    assert broken_anchors(deployed_url, starts, same_site=DEPLOYED_SITE_URL) == []


def lighthouse(urls: list[str], categories: list[str], forms: str = "mobile") -> list[dict]:
    _need(NODE_MODULES / "lighthouse", "lighthouse")
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is not installed: run `make test`, which installs it")
    result = subprocess.run(
        ["node", str(LIGHTHOUSE), "--form", forms, "--categories", ",".join(categories), *urls],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, CHROME_PATH=str(CHROMIUM)),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


@pytest.mark.browser
@pytest.mark.parametrize("build", ["built_site", "deployed_site"])
def test_lighthouse_home_page_scores_100(request, build):
    """On the site as `make build` writes it, and on one built for DEPLOYED_SITE_URL; each
    served elsewhere (a free port under a sub-path), as a preview or a mirror would."""
    categories = ["accessibility", "best-practices", "seo"]
    with serve(request.getfixturevalue(build).root) as served:
        results = lighthouse([f"{served}{lang.url_prefix}index.html" for lang in languages()], categories)
    below = {f"{r['url']} ({r['form']})": r["failed"] for r in results if any(r["scores"][c] < 100 for c in categories)}
    assert below == {}
