"""Where the project's content lives, and the small readers for it.

Every path under content/ is named here once; code elsewhere asks this module.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from sitegen.article import Article, load_article
from sitegen.scrape import scraped_paragraphs

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SCRAPE = CONTENT / "source" / "000_bc8cce4dbbb825c2.txt"
ARTICLE_DIR = CONTENT / "article"
PROOFREADING = ARTICLE_DIR / "proofreading.zh.yml"
GLOSSARY = CONTENT / "glossary.yml"
STRINGS_DIR = CONTENT / "strings"


def article_path(lang: str) -> Path:
    return ARTICLE_DIR / f"{lang}.md"


def read_article(lang: str) -> Article:
    return load_article(article_path(lang), lang)


def read_scrape() -> list[str]:
    return scraped_paragraphs(SCRAPE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def proofreading_table() -> tuple[tuple[str, str], ...]:
    entries = yaml.safe_load(PROOFREADING.read_text(encoding="utf-8"))
    return tuple((e["converted"], e["published"]) for e in entries)


def proofread(paragraph: str) -> str:
    for converted, published in proofreading_table():
        paragraph = paragraph.replace(converted, published)
    return paragraph


def read_glossary() -> list[dict]:
    return yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))
