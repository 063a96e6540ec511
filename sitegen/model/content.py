"""Where the project's content lives, and the small readers for it.

Every path under content/ is named here once; code elsewhere asks this module.
"""

from __future__ import annotations

from pathlib import Path

from sitegen.core.project import current, language
from sitegen.model.article import Article, parse_article
from sitegen.model.derive import convert


def article_dir() -> Path:
    return current().content_dir / "article"


def article_path(lang: str) -> Path:
    return article_dir() / f"{lang}.md"


def article_source(lang: str) -> Path:
    """The file a language's article is read from: its own, or for a derived language
    (sitegen/model/derive.py) the article of the language it derives from."""
    derived_from = language(lang).derived_from
    return article_path(derived_from or lang)


def read_article(lang: str) -> Article:
    derived = language(lang)
    # Messages name the file as the editor knows it, relative to the report (content/article/zh.md).
    if not derived.is_derived:
        path = article_path(lang)
        return parse_article(path.read_text(encoding="utf-8"), lang, current().relative(path))
    path = article_source(lang)
    return parse_article(convert(path.read_text(encoding="utf-8"), derived), lang, current().relative(path))
