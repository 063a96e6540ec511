"""An article's front matter (the YAML between the `---` lines of content/article/<lang>.md),
as a model.

`title` is required; the keys below are the ones the package's templates show when they
are present and leave out when not. A report's own templates may read any other key:
those are kept as written. The descriptions and examples are what README.md's contract
reference is generated from (`python -m sitegen contract`).
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator, model_validator
from pydantic import Field as Key

from sitegen.model.contract import problem

NO_TITLE = "the front matter has no `title`; add `title: ...` (and `byline: ...`)"


class FrontMatter(BaseModel):
    """The front matter of one language's article."""

    model_config = ConfigDict(extra="allow", coerce_numbers_to_str=True)

    title: str = Key(description="the article's title (required)", examples=["title: The Qinglan Tea Ledger"])
    byline: str | None = Key(
        default=None,
        description="who wrote it; its name is the citations' author unless `author` says otherwise",
        examples=["byline: A fictional example · Qinglan Tea Watch"],
    )
    dek: str | None = Key(
        default=None,
        description="the standfirst under the title",
        examples=["dek: Five years of bubble tea in one city."],
    )
    source: str | None = Key(
        default=None, description="where the article first appeared", examples=["source: Qinglan Daily"]
    )
    author: str | None = Key(
        default=None, description="the citations' author (default: the byline's name)", examples=["author: Lin Yue"]
    )
    image_credit: str | None = Key(
        default=None,
        description="the credit for the article's images",
        examples=["image_credit: 'Photos: Qinglan Tea Watch'"],
    )
    references_title: str | None = Key(
        default=None,
        description="the heading over `references` (default `site.sources.references` in the strings)",
        examples=["references_title: 'References:'"],
    )
    references: list[str] | None = Key(
        default=None, description="the article's references, one line each", examples=["references: [1. …, 2. …]"]
    )
    reprint: str | None = Key(
        default=None,
        description="the reprint notice shown after the references",
        examples=["reprint: Reprinted with permission."],
    )

    search_words: list[str] | None = Key(
        default=None,
        description=(
            "words the site's search keeps whole: names and coinages of the article that the "
            "build's word cutter (jieba, for Chinese) would split, so that a search for one finds "
            "it; a derived language gets them converted"
        ),
        examples=["search_words: [奶茶店们, T恤]"],
    )

    @model_validator(mode="before")
    @classmethod
    def _a_mapping(cls, data: Any) -> Any:
        if not isinstance(data, dict) or "title" not in data:
            raise problem(NO_TITLE)
        return data

    @field_validator("search_words")
    @classmethod
    def _single_words(cls, value: list[str] | None) -> list[str] | None:
        spaced = [word for word in value or [] if not word.strip() or any(ch.isspace() for ch in word)]
        if spaced:
            raise problem(
                f"holds '{spaced[0]}', which is not one word; list each word alone, with no spaces", named=True
            )
        return value

    @field_validator("title", mode="before")
    @classmethod
    def _some_title(cls, value: Any) -> Any:
        if not value:
            raise problem(NO_TITLE)
        return value


def byline_name(byline: str) -> str:
    """The name in a byline, for a citation's or a PDF's author: "文 | 某研究室 Li" ->
    "某研究室 Li", "By Li, the Lab" -> "Li, the Lab"."""
    name = re.split(r"\s*[|｜]\s*", byline)[-1]
    return re.sub(r"^(?:By|by)\s+", "", name).strip()
