"""A strings file (content/strings/<lang>.yml), as a model: the shape of the keys the
package reads in a typed way.

Which keys a language must have is checked elsewhere (every language has the default
language's keys, and a lookup of a missing key names the file and the key:
sitegen/model/strings.py); this model checks what a key holds: magnitude words are
[number, text] pairs, a currency's pattern places the number as {n}, a qualifier's
the value as {v}, a period's the year as {year}. Any other key (a report's own, a
chart's own) is text or a mapping of texts as the file gives it. The descriptions and
examples are what README.md's contract reference is generated from.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict
from pydantic import Field as Key

from sitegen.model.contract import problem


def _places(placeholder: str) -> AfterValidator:
    """A text that must place a value as `placeholder` ({n}, {v}, {year}), and no other."""

    def check(text: str) -> str:
        try:
            text.format(**{placeholder.strip("{}"): ""})
        except (KeyError, IndexError, ValueError):
            raise problem(
                f"is {text!r}, which names another placeholder than {placeholder} (or has a lone {{ or }}); "
                f"write the value as {placeholder}",
                named=True,
            ) from None
        if placeholder not in text:
            raise problem(
                f"is {text!r}, with no {placeholder}; write where the value goes as {placeholder}", named=True
            )
        return text

    return AfterValidator(check)


def _pairs(value: Any) -> Any:
    if not isinstance(value, list) or not all(
        isinstance(pair, list)
        and len(pair) == 2
        and isinstance(pair[0], (int, float))
        and not isinstance(pair[0], bool)
        and isinstance(pair[1], str)
        for pair in value
    ):
        raise problem(
            f"is {value!r}; write [size, word] pairs, largest first, e.g. [[1.0e+8, 亿], [1.0e+4, 万]]", named=True
        )
    return value


Magnitudes = Annotated[list[tuple[float, str]], BeforeValidator(_pairs)]


class Periods(BaseModel):
    """`data.periods:`: how a year, a mid-year and each half-year read."""

    model_config = ConfigDict(extra="allow")

    year: Annotated[str, _places("{year}")] | None = Key(default=None, examples=['year: "{year}年"'])
    mid: Annotated[str, _places("{year}")] | None = Key(default=None, examples=['mid: "{year}年中"'])
    h1: Annotated[str, _places("{year}")] | None = Key(default=None, examples=['h1: "{year}年上半年"'])
    h2: Annotated[str, _places("{year}")] | None = Key(default=None, examples=['h2: "{year}年下半年"'])


class DataStrings(BaseModel):
    """`data:`: how numbers, periods, units and sources read in this language."""

    model_config = ConfigDict(extra="allow")

    number_pattern: str | None = Key(
        default=None, description="the Babel pattern of a plain number", examples=['number_pattern: "#,##0.##"']
    )
    magnitudes: Magnitudes | None = Key(
        default=None,
        description="money's magnitude words, largest first: [size, word] pairs",
        examples=['magnitudes: [[1.0e+8, "亿"], [1.0e+4, "万"]]'],
    )
    count_magnitudes: Magnitudes | None = Key(
        default=None,
        description="the magnitude words of counts and other non-money units (default: `magnitudes`)",
        examples=['count_magnitudes: [[1.0e+9, " billion"], [1.0e+6, " million"]]'],
    )
    currency: dict[str, Annotated[str, _places("{n}")]] | None = Key(
        default=None,
        description="each currency code's pattern, the number as {n}",
        examples=['currency: {CNY: "{n}元"}'],
    )
    qualifiers: dict[str, Annotated[str, _places("{v}")]] | None = Key(
        default=None,
        description="each qualifier's words (over, about, nearly), the value as {v}",
        examples=['qualifiers: {over: "超{v}"}'],
    )
    periods: Periods | None = Key(
        default=None,
        description="a year, mid-year and half-year, the year as {year}",
        examples=['periods: {h2: "H2 {year}"}'],
    )
    units: dict[str, Any] | None = Key(
        default=None,
        description="each unit's reader-visible name (the data page's field table)",
        examples=["units: {count: 家}"],
    )
    sources: dict[str, Any] | None = Key(
        default=None,
        description="each source's name, by its id",
        examples=["sources: {directory: 青岚市茶饮协会年度名录}"],
    )
    labels: dict[Any, Any] | None = Key(
        default=None, description="the reader text of enum values", examples=["labels: {north: 北区}"]
    )


class ChartStrings(BaseModel):
    """`charts.<id>`: one chart's texts; its module may ask for more keys."""

    model_config = ConfigDict(extra="allow")

    title: str | None = Key(
        default=None, description="its title; may name values as {row.column}", examples=["title: …"]
    )
    subtitle: str | None = Key(default=None, description="the line under the title", examples=["subtitle: …"])
    alt: str | None = Key(
        default=None, description="the text alternative, with the figures it shows", examples=["alt: …"]
    )
    caption: str | None = Key(default=None, description="the caption under the chart", examples=["caption: …"])


class ChartsStrings(BaseModel):
    """`charts:`: the language's tag in chart files, and each chart's texts by its id."""

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, ChartStrings]  # charts.<id>

    language_tag: str | None = Key(
        default=None, description="the language's tag in chart files", examples=["language_tag: zh-Hans"]
    )


class StringsFile(BaseModel):
    """content/strings/<lang>.yml: every reader-visible text of one language."""

    model_config = ConfigDict(extra="allow")

    site: dict[str, Any] | None = Key(
        default=None,
        description="the interface: page names (`pages`), the 404 page (`not_found`), the take-away links "
        "(`takeaway`), chapter summaries (`summaries`) and the rest",
        examples=["site: {source_label: 来源：}"],
    )
    data: DataStrings | None = Key(default=None, description="numbers, periods, units, sources and the data page")
    charts: ChartsStrings | None = Key(
        default=None,
        description="`language_tag`, and per chart `charts.<id>` (title, subtitle, alt, caption, and whatever its "
        "module asks for)",
        examples=["charts: {shop-count: {title: …, alt: …}}"],
    )
