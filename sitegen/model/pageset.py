"""Which pages a report has, by name, and the article's links to them.

The page set is the plugin's `pages` option, in reading order: `home` stands for the
lede's page (index), `sections` for one page per numbered section (01, 02, …), and any
other name for a page of its own. How each page is drawn (its template, the parallel
view) is the page layer's (sitegen/pages/plan.py); which pages exist is known here,
so that validate() checks the article's links to them with every other problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen.core.project import Project
from sitegen.model.article import Article, Section
from sitegen.model.content import article_source

SECTIONS = "sections"  # in the `pages` option: one page per numbered section
HOME = "home"  # the lede's page, index.md
HOME_PAGE = "index"


@dataclass(frozen=True)
class ConfiguredPage:
    """One page of the `pages` option made concrete: its file name (docs/<lang>/<name>.md),
    the entry of the option it comes from (HOME, SECTIONS, or its own name), and the part
    of the article it shows (the lede on the home page, a section on a section's page)."""

    name: str
    entry: str
    section: Section | None = None


def configured_pages(report: Project, article: Article) -> list[ConfiguredPage]:
    """The plugin's `pages` option made concrete, in reading order."""
    pages: list[ConfiguredPage] = []
    for entry in report.pages:
        if entry == SECTIONS:
            pages += [ConfiguredPage(section.page, entry, section) for section in article.sections]
        elif entry == HOME:
            pages.append(ConfiguredPage(HOME_PAGE, entry, article.lede))
        else:
            pages.append(ConfiguredPage(entry, entry))
    return pages


def page_names(report: Project, article: Article) -> list[str]:
    """File names (docs/<lang>/<name>.md) of the configured pages, in reading order."""
    return [page.name for page in configured_pages(report, article)]


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
