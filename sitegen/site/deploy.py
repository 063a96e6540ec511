"""Ready the built site for wherever it lands: any host, any sub-path, or a laptop's disk.

Run on the finished site/ (sitegen/site/plugin.py, on_post_build). Each function does one
thing to the files, is safe to run twice, and fails loudly when Material or a vendored
file no longer looks as expected, rather than shipping a site that half works.
"""

from __future__ import annotations

import gzip
import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli

from sitegen.core.outputs import write_if_changed
from sitegen.site.csp import IFRAME_WORKER_FUNCTIONS

# What static hosts serve compressed: nginx gzip_static/brotli_static and Caddy
# `precompressed` pick up a .gz or .br file beside the one asked for.
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".csv", ".txt")


def write_offline_search_indexes(language_roots: list[Path]) -> None:
    """From file:// Material reads search/search_index.js (a script, since fetch() cannot
    read files) relative to the page's base, which is the page's language root; write
    one beside each language's search_index.json, as Material's offline plugin does for
    the site root only."""
    for root in language_roots:
        index = root / "search" / "search_index.json"
        if index.exists():
            write_if_changed(index.with_suffix(".js"), "var __index = " + index.read_text(encoding="utf-8"))


def drop_from_sitemap(site_dir: Path, site_url: str, folders: list[str]) -> None:
    """Take the pages under `folders` (the parallel view, zh-en/: each repeats a page
    the sitemap already lists, and names as its canonical) out of sitemap.xml and its .gz."""
    import re

    sitemap = site_dir / "sitemap.xml"
    if not folders or not sitemap.exists():
        return
    roots = tuple(site_url.rstrip("/") + "/" + folder.strip("/") + "/" for folder in folders)
    text = sitemap.read_text(encoding="utf-8")
    kept = re.sub(
        r"\s*<url>\s*<loc>([^<]*)</loc>.*?</url>",
        lambda m: "" if m.group(1).startswith(roots) else m.group(0),
        text,
        flags=re.S,
    )
    if kept != text:
        sitemap.write_text(kept, encoding="utf-8")
        (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(kept.encode("utf-8"), mtime=0))


def drop_sitemap_without_site_url(site_dir: Path) -> None:
    """A sitemap lists absolute URLs, so without site_url there is none to write: MkDocs
    would write relative <loc>s, which are invalid."""
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (site_dir / name).unlink(missing_ok=True)


# Material's language selector (integrations/alternate) fetches sitemap.xml beside every
# <link rel="alternate"> to remap a language link that points at a language's root to
# the same page in that language. static-i18n already writes each page's language links
# to the same page, so the lookup only costs requests; and since hreflang links must be
# absolute under site_url, it fails wherever the site is served from another address
# than site_url (another port, a preview host) and from disk, where fetch() cannot read
# files. The selector it queries is narrowed to links no page has, so it looks up nothing.
_ALTERNATE_LOOKUP = '"link[rel=alternate]"'
_ALTERNATE_LOOKUP_OFF = '"link[rel=alternate][data-report-sitemap-lookup]"'


def switch_off_alternate_sitemap_lookup(site_dir: Path) -> None:
    _rewrite_material_asset(
        site_dir / "assets" / "javascripts",
        "bundle.*.min.js",
        _ALTERNATE_LOOKUP,
        _ALTERNATE_LOOKUP_OFF,
        1,
        "switch_off_alternate_sitemap_lookup",
    )


def _rewrite_material_asset(folder: Path, pattern: str, old: str, new: str, times: int, function: str) -> None:
    """Replace `old` with `new` in Material's one file matching `pattern`, where it
    occurs `times` times, or stop the build: Material changed, and `function` needs a review."""
    files = sorted(folder.glob(pattern))
    if len(files) != 1:
        raise RuntimeError(f"expected one Material {pattern} in {folder}, found {len(files)}")
    text = files[0].read_text(encoding="utf-8")
    if old not in text and new in text:
        return  # already done (mkdocs serve keeps the copied file between builds)
    if text.count(old) != times:
        raise RuntimeError(
            f"{files[0].name}: {old} not found {times} time(s); Material changed: "
            f"review sitegen/site/deploy.py {function}"
        )
    write_if_changed(files[0], text.replace(old, new))


# Material's search worker cuts a Chinese query into the words its index holds
# (integrations/search/query/segment): at each position, the longest word of the index
# that starts there; but it tries only words that end before the query's last
# character. A query of one word is then searched by a shorter one, as a prefix: 奶茶
# as 奶 (every word that starts with 奶: 奶酪, 奶油), 奶茶店 as 奶茶, so that a page whose
# headline says 奶茶店 ranks below pages that only say 奶茶. The loop is made to try the
# query's last character too.
_QUERY_CUT = "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"
_QUERY_CUT_WHOLE = "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"


def fix_chinese_query_segmentation(site_dir: Path) -> None:
    _rewrite_material_asset(
        site_dir / "assets" / "javascripts" / "workers",
        "search.*.min.js",
        _QUERY_CUT,
        _QUERY_CUT_WHOLE,
        1,
        "fix_chinese_query_segmentation",
    )


# Material copies lunr's support for 30 languages into assets/javascripts/lunr/ (1.5 MB
# with their .gz/.br copies; compressing them was half of a build's precompression). Its
# search worker imports only what the languages its index names need (workers/search,
# setupSearchLanguages): min/lunr.<lang>.min.js for each but English, tinyseg.js for
# Japanese, wordcut.js for Hindi and Thai, min/lunr.multi.min.js for more than one, and
# min/lunr.stemmer.support.min.js with any of those. The other files are never requested.
_LUNR_NAMES_IN_WORKER = ("tinyseg.js", "wordcut.js", "/min/lunr.", "lunr.multi.min.js", "lunr.stemmer.support.min.js")


def search_language_files(langs: list[str]) -> set[str]:
    """The files under assets/javascripts/lunr/ that Material's search worker imports
    for an index in `langs`."""
    files = set()
    for lang in langs:
        if lang == "ja":
            files.add("tinyseg.js")
        if lang in ("hi", "th"):
            files.add("wordcut.js")
        if lang != "en":
            files.add(f"min/lunr.{lang}.min.js")
    if len(langs) > 1:
        files.add("min/lunr.multi.min.js")
    if files:
        files.add("min/lunr.stemmer.support.min.js")
    return files


def drop_unused_search_languages(site_dir: Path, language_roots: list[Path]) -> None:
    """Delete from assets/javascripts/lunr/ what the languages of no search index (one
    under each language root) need."""
    workers = sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    worker = workers[0].read_text(encoding="utf-8") if len(workers) == 1 else ""
    if not all(name in worker for name in _LUNR_NAMES_IN_WORKER):
        raise RuntimeError(
            "Material's search worker no longer loads lunr's languages as expected: "
            "review sitegen/site/deploy.py drop_unused_search_languages"
        )
    needed = set()
    for index in (root / "search" / "search_index.json" for root in language_roots):
        if index.exists():
            needed |= search_language_files(json.loads(index.read_text(encoding="utf-8"))["config"]["lang"])
    lunr = site_dir / "assets" / "javascripts" / "lunr"
    for path in [*sorted(lunr.rglob("*"), reverse=True), lunr]:  # files before their folders
        if path.is_file() and path.relative_to(lunr).as_posix() not in needed:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def check_iframe_worker_shim(site_dir: Path) -> None:
    """The page policy allows the shim's one inline script by hash (sitegen/site/csp.py); a
    different shim would be blocked from disk, so refuse to build with one."""
    shim = (site_dir / "assets" / "javascripts" / "vendor" / "iframe-worker-shim.js").read_text(encoding="utf-8")
    if not all(function in shim for function in IFRAME_WORKER_FUNCTIONS):
        raise RuntimeError("iframe-worker-shim.js changed: update IFRAME_WORKER_FUNCTIONS in sitegen/site/csp.py")


def compressed(data: bytes) -> dict[str, bytes]:
    """The .gz and .br copies of a file's bytes, the same bytes on every build (gzip
    with no time stamp or file name in its header)."""
    return {".gz": gzip.compress(data, compresslevel=9, mtime=0), ".br": brotli.compress(data, quality=11)}


def compressible_files(site_dir: Path) -> list[Path]:
    return [path for path in sorted(site_dir.rglob("*")) if path.suffix in COMPRESSIBLE and path.is_file()]


def precompress(files: list[Path]) -> None:
    """Write the .gz and .br copy beside each file, a file per core at a time: brotli at
    its top quality is most of a build's finishing work (1.3 s for this site's pages on
    one core, 0.7 s on two here), and it lets go of the GIL while it compresses."""

    def beside(path: Path) -> None:
        for suffix, packed in compressed(path.read_bytes()).items():
            write_if_changed(path.with_name(path.name + suffix), packed)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(beside, files))  # list(): a failure is raised here
