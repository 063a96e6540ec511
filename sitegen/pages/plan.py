"""The pages of a report and where each is: the plugin's `pages` option made concrete, in
reading order, and the versions of each text page (each language's, the parallel view's)
the header's edition menu links.

The page set is the plugin's `pages` option, in reading order: `home` shows the lede,
`sections` stands for one page per numbered section (pages/section.md.j2), and any other
name is drawn by pages/<name>.md.j2.

The parallel view (中英对照): the report plugin's `parallel: [zh, en]` pairs two
languages; every page with article text (home and each section) gets a version at
<first language's folder>/zh-en/<page>.html (sitegen/pages/parallel.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sitegen.core.project import Build, Project
from sitegen.model.article import Article, Section
from sitegen.model.content import article_source
from sitegen.model.strings import t

SECTIONS = "sections"  # in the `pages` option: one page per numbered section
HOME = "home"  # the lede's page, index.md


@dataclass(frozen=True)
class PlannedPage:
    """One page of the configured page set: its file name (docs/<lang>/<name>.md), its
    template, and the section it shows (the lede on the home page; none for the others)."""

    name: str
    template: str
    section: Section | None = None


def page_plan(report: Project, article: Article) -> list[PlannedPage]:
    """The plugin's `pages` option made concrete, in reading order."""
    plan = []
    for page in report.pages:
        if page == SECTIONS:
            plan += [PlannedPage(section.page, "pages/section.md.j2", section) for section in article.sections]
        elif page == HOME:
            plan.append(PlannedPage("index", "pages/home.md.j2", article.lede))
        else:
            plan.append(PlannedPage(page, f"pages/{page}.md.j2"))
    return plan


def page_names(report: Project, article: Article) -> list[str]:
    """File names (docs/<lang>/<name>.md) of the configured pages, in reading order."""
    return [page.name for page in page_plan(report, article)]


# A Markdown link's target, [text](target) or [text](<target> "title"), and a target that
# names a page of its own edition: no scheme (https:), no folder, a .md or .html file.
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_PAGE_LINK = re.compile(r"^(?![a-z][a-z0-9+.-]*:)([^/#?]+)\.(?:md|html)(?:[#?].*)?$", re.I)


def link_problems(report: Project, article: Article, names: list[str]) -> list[str]:
    """Every link from a hand-kept article to a page of its edition (`02.md`,
    `data.html#…`) names a page the report has. Else MkDocs' strict mode stopped the
    build with a warning that named the generated docs/<lang>/<page>.md, not the line."""
    if report.language(article.lang).is_derived:
        return []  # its links are its source language's, checked there
    path = article_source(report, article.lang)
    problems = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for target in _LINK.findall(line):
            page = _PAGE_LINK.match(target)
            if page and page.group(1) not in names:
                problems.append(
                    f"{report.relative(path)}:{number}: a link to '{target}', which is no page of this report; "
                    f"link to one of {', '.join(name + '.md' for name in names)}, or write a whole address (https://…)"
                )
    return problems


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
