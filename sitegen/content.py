"""Where the project's content lives, and the small readers for it.

Every path under content/ is named here once; code elsewhere asks this module.
"""

from __future__ import annotations

from pathlib import Path


from sitegen.article import Article, parse_article
from sitegen.derive import convert, corrections_path
from sitegen.project import current, language
from sitegen.reads import cached_read
from sitegen.scrape import scraped_paragraphs
from sitegen.yamlio import load_yaml


def article_dir() -> Path:
    return current().content_dir / "article"


def scrape_dir() -> Path:
    return current().content_dir / "source"


def proofreading_path() -> Path:
    return article_dir() / "proofreading.zh.yml"


def slips_path() -> Path:
    """The editorial policy for the author's slips, beside the proofreading table."""
    return article_dir() / "slips.yml"


def glossary_path() -> Path:
    return current().content_dir / "glossary.yml"


def article_path(lang: str) -> Path:
    return article_dir() / f"{lang}.md"


def article_source(lang: str) -> Path:
    """The file a language's article is read from: its own, or for a derived language
    (sitegen/derive.py) the article of the language it derives from."""
    derived_from = language(lang).derived_from
    return article_path(derived_from or lang)


def article_inputs(lang: str) -> list[Path]:
    """Every file a language's article is made from."""
    extra = [corrections_path(lang)] if language(lang).is_derived else []
    return [article_source(lang)] + [path for path in extra if path.exists()]


def read_article(lang: str) -> Article:
    derived = language(lang)
    # Messages name the file as the editor knows it, relative to the report (content/article/zh.md).
    if not derived.is_derived:
        path = article_path(lang)
        return parse_article(path.read_text(encoding="utf-8"), lang, current().relative(path))
    path = article_source(lang)
    return parse_article(convert(path.read_text(encoding="utf-8"), derived), lang, current().relative(path))


@cached_read
def scrape_settings() -> dict:
    """content/source/scrape.yml: the scrape's file and the markers around each copy."""
    return load_yaml((scrape_dir() / "scrape.yml").read_text(encoding="utf-8"))


def scrape_path() -> Path:
    return scrape_dir() / scrape_settings()["file"]


def read_scrape() -> list[str]:
    settings = scrape_settings()
    raw = scrape_path().read_text(encoding="utf-8")
    return scraped_paragraphs(raw, settings["second_line"], settings["last_line"])


@cached_read
def proofreading_entries() -> tuple[dict, ...]:
    """Each hand correction: converted, published, why, and `slip: true` for an author's slip."""
    return tuple(load_yaml(proofreading_path().read_text(encoding="utf-8")))


def proofreading_table() -> tuple[tuple[str, str], ...]:
    return tuple((e["converted"], e["published"]) for e in proofreading_entries())


def read_slips() -> dict:
    """The slip policy: its rule, and the slips kept with an editor's note."""
    return load_yaml(slips_path().read_text(encoding="utf-8"))


def proofread(paragraph: str) -> str:
    for converted, published in proofreading_table():
        paragraph = paragraph.replace(converted, published)
    return paragraph


def read_glossary() -> list[dict]:
    return load_yaml(glossary_path().read_text(encoding="utf-8"))
