"""Where the project's content lives, and the small readers for it.

Every path under content/ is named here once; code elsewhere asks this module.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


from sitegen.article import Article, load_article
from sitegen.scrape import scraped_paragraphs
from sitegen.yamlio import load_yaml

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SCRAPE_DIR = CONTENT / "source"
ARTICLE_DIR = CONTENT / "article"
PROOFREADING = ARTICLE_DIR / "proofreading.zh.yml"
GLOSSARY = CONTENT / "glossary.yml"
STRINGS_DIR = CONTENT / "strings"


def article_path(lang: str) -> Path:
    return ARTICLE_DIR / f"{lang}.md"


def read_article(lang: str) -> Article:
    return load_article(article_path(lang), lang)


@lru_cache(maxsize=1)
def scrape_settings() -> dict:
    """content/source/scrape.yml: the scrape's file and the markers around each copy."""
    return load_yaml((SCRAPE_DIR / "scrape.yml").read_text(encoding="utf-8"))


def scrape_path() -> Path:
    return SCRAPE_DIR / scrape_settings()["file"]


def read_scrape() -> list[str]:
    settings = scrape_settings()
    raw = scrape_path().read_text(encoding="utf-8")
    return scraped_paragraphs(raw, settings["second_line"], settings["last_line"])


@lru_cache(maxsize=1)
def proofreading_table() -> tuple[tuple[str, str], ...]:
    entries = load_yaml(PROOFREADING.read_text(encoding="utf-8"))
    return tuple((e["converted"], e["published"]) for e in entries)


def proofread(paragraph: str) -> str:
    for converted, published in proofreading_table():
        paragraph = paragraph.replace(converted, published)
    return paragraph


def read_glossary() -> list[dict]:
    return load_yaml(GLOSSARY.read_text(encoding="utf-8"))


def forget_cached_reads() -> None:
    """Drop every file read that is cached in this process (strings, units, datasets,
    the article, the language list). `mkdocs serve` and warm chart workers live across
    edits; each build calls this first so it sees them."""
    from sitegen import datasets, figures, site_config, strings

    for cached in (strings.strings, proofreading_table, scrape_settings, datasets._units,
                   site_config.languages, figures._datasets, figures._source_article):
        cached.cache_clear()
