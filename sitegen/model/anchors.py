"""Stable anchors for the article's paragraphs and subheads, shared by every language.

Paragraph i of section NN is `p{NN}-{i}` in every language (the lede is section 00), so a
link to a quoted sentence lands on the same paragraph in the Chinese and English pages.
Subhead i of section NN is `s{NN}-{i}`.
"""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.model.article import LEDE, Article


def paragraph_anchor(section_number: str, index: int) -> str:
    return f"p{section_number}-{index + 1}"


def subhead_anchor(section_number: str, index: int) -> str:
    return f"s{section_number}-{index + 1}"


def page_for_section(section_number: str) -> str:
    """Page name (docs/<lang>/<name>.md) that shows a section; the lede is on the home page."""
    return "index" if section_number == LEDE else section_number


def numbered_paragraphs(article: Article) -> Iterator[tuple[str, int, str]]:
    """(section number, index, paragraph) for the lede and every section, in reading order."""
    for section in article.parts:
        for index, text in enumerate(section.paragraphs):
            yield section.number, index, text


def quote_url(article: Article, quote: str) -> str | None:
    """Relative URL of the paragraph (else the subhead) holding `quote` verbatim, or None
    if it is nowhere."""
    for number, index, text in numbered_paragraphs(article):
        if quote in text:
            return f"{page_for_section(number)}.html#{paragraph_anchor(number, index)}"
    for section in article.parts:
        for index, text in enumerate(section.subheads):
            if quote in text:
                return f"{page_for_section(section.number)}.html#{subhead_anchor(section.number, index)}"
    return None
