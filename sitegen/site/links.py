"""Links MkDocs makes that a report needs otherwise: absolute URLs under any site_url, and
the parallel view's (中英对照) previous, next and language-switch links, which MkDocs and
static-i18n make only for the pages in the nav.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from sitegen.core.project import Project

if TYPE_CHECKING:
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def site_absolute(site_url: str, path: str) -> str:
    """A site-root path as an absolute URL under site_url. A path that already starts
    with site_url's own path ("/mid-tech-ai/en/index.html": static-i18n's language links
    on the 404 page, which has no page of its own) is not put under it a second time."""
    own = urlsplit(site_url).path
    if own.strip("/") and path.startswith(own):
        path = path[len(own) :]
    return urljoin(site_url, path.lstrip("/"))


def link_parallel_pages(files: Files) -> None:
    """Each parallel page's previous and next pages (Material's footer links, <link
    rel="prev"/"next">): those of the page it pairs, as parallel pages where they have one
    (a section's neighbours), else as they are (the sources page after the last section).
    MkDocs links only the nav's pages, and the parallel pages are not in the nav (its
    order is the single-language pages'). Run once every page is read (on_env)."""
    pages = [file.page for file in files.documentation_pages() if file.page is not None]
    parallel = {page.meta["parallel_of"]: page for page in pages if page.meta.get("parallel_of")}
    if not parallel:
        return
    by_url = {page.url: page for page in pages}
    for url, page in parallel.items():
        pair = by_url.get(url)
        if pair is None:
            continue
        before, after = pair.previous_page, pair.next_page
        page.previous_page = parallel.get(before.url, before) if before else None
        page.next_page = parallel.get(after.url, after) if after else None


def link_switcher_to_pair(report: Project, page: Page, alternates: Any) -> None:
    """A parallel page has no counterpart in the other languages' folders: its language
    switcher leads to the single-language page it pairs, in each language."""
    pairs = (page.meta or {}).get("parallel_of")
    if pairs and isinstance(alternates, list):
        _lead_switcher_to(report, alternates, pairs.rsplit("/", 1)[-1])


def link_switcher_to_homes(report: Project, config: Any) -> None:
    """A 404 page is no page of the nav: the language switcher static-i18n left from the
    last page rendered (sources.html) leads instead to each language's home page."""
    alternates = getattr(config.extra, "alternate", None)
    if isinstance(alternates, list):
        _lead_switcher_to(report, alternates, "index.html")


def _lead_switcher_to(report: Project, alternates: list[dict[str, Any]], name: str) -> None:
    """Each language's entry of a language switcher (static-i18n's `alternates`, its own
    copy for the page being rendered) leads to page `name` in that language's folder."""
    codes = {lang.code: lang for lang in report.languages}
    for alternate in alternates:
        if alternate.get("lang") in codes:
            alternate["link"] = codes[alternate["lang"]].url_prefix + name
