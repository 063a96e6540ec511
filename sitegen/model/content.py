"""Where the project's content lives, and the small readers for it.

Every path under content/ is named here once; code elsewhere asks this module.
"""

from __future__ import annotations

from pathlib import Path

from sitegen.core.project import Build, Project
from sitegen.model.article import Article, parse_article
from sitegen.model.derive import convert


def article_dir(report: Project) -> Path:
    return report.content_dir / "article"


def article_path(report: Project, lang: str) -> Path:
    return article_dir(report) / f"{lang}.md"


def article_source(report: Project, lang: str) -> Path:
    """The file a language's article is read from: its own, or for a derived language
    (sitegen/model/derive.py) the article of the language it derives from."""
    derived_from = report.language(lang).derived_from
    return article_path(report, derived_from or lang)


def read_article(build: Build, lang: str) -> Article:
    report = build.project
    derived = report.language(lang)
    # Messages name the file as the editor knows it, relative to the report (content/article/zh.md).
    if not derived.is_derived:
        path = article_path(report, lang)
        return parse_article(path.read_text(encoding="utf-8"), lang, report.relative(path))
    path = article_source(report, lang)
    return parse_article(convert(build, path.read_text(encoding="utf-8"), derived), lang, report.relative(path))
