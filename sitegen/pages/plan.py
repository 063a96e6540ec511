"""The pages of a report and where each is: the plugin's `pages` option made concrete, in
reading order, and the versions of each text page (each language's, the parallel view's)
the header's edition menu links.

The page set is the plugin's `pages` option, in reading order (which pages, by name:
sitegen/model/pageset.py): `home` shows the lede, `sections` stands for one page per
numbered section (pages/section.md.j2), and any other name is drawn by pages/<name>.md.j2.

The parallel view (中英对照): the report plugin's `parallel: [zh, en]` pairs two
languages; every page with article text (home and each section) gets a version at
<first language's folder>/zh-en/<page>.html (sitegen/pages/parallel.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sitegen.core.project import Build, Project
from sitegen.model.article import Article, Section
from sitegen.model.pageset import HOME, SECTIONS, configured_pages, page_names
from sitegen.model.strings import t


@dataclass(frozen=True)
class PlannedPage:
    """One page of the configured page set: its file name (docs/<lang>/<name>.md), its
    template, and the section it shows (the lede on the home page; none for the others)."""

    name: str
    template: str
    section: Section | None = None


# The template of each entry of the `pages` option; any other entry's is pages/<name>.md.j2.
ENTRY_TEMPLATES = {HOME: "pages/home.md.j2", SECTIONS: "pages/section.md.j2"}


def page_plan(report: Project, article: Article) -> list[PlannedPage]:
    """The plugin's `pages` option made concrete, in reading order, each page with its template."""
    return [
        PlannedPage(page.name, ENTRY_TEMPLATES.get(page.entry, f"pages/{page.name}.md.j2"), page.section)
        for page in configured_pages(report, article)
    ]


def page_order(build: Build) -> list[str]:
    """The report's pages in reading order: the site's navigation and prev/next links."""
    from sitegen.model.content import read_article

    report = build.project
    return page_names(report, read_article(build, report.default_language().code))


def parallel_folder(report: Project) -> str:
    """The parallel pages' folder, in the first language's: "zh-en"."""
    return "-".join(report.parallel)


def parallel_home(report: Project) -> str:
    """The parallel pages' folder as a prefix of the site's paths ("zh-en/", or
    "en/en-zh/" when the first language is not the default), for a report with a
    parallel view."""
    return report.language(report.parallel[0]).url_prefix + parallel_folder(report) + "/"


def view_links(build: Build, page: str, lang: str | None) -> list[dict[str, Any]]:
    """The ways to read one text page: each language's version, then the parallel view,
    each with its URL from the page of `lang` (None: from the parallel page)."""
    report = build.project
    if lang is None:
        here = parallel_home(report)
    else:
        here = report.language(lang).url_prefix
    up = "../" * here.count("/")
    links = [
        {
            "label": other.name,
            "lang": t(build, other.code, "charts.language_tag"),
            "url": f"{up}{other.url_prefix}{page}.html",
            "current": other.code == lang,
        }
        for other in report.languages
    ]
    if report.parallel:
        links.append(
            {
                "label": t(build, lang or report.parallel[0], "site.views.parallel"),
                "lang": None,
                "url": f"{up}{parallel_home(report)}{page}.html",
                "current": lang is None,
            }
        )
    return links


def parallel_view(build: Build, page: str, lang: str | None) -> dict[str, Any] | None:
    """The parallel view of a text page as the header's edition menu offers it (label,
    url from the page of `lang`, None: from the parallel page, current), or None when
    the report has none."""
    return view_links(build, page, lang)[-1] if build.project.parallel else None
