"""A chart's figure and a dataset's entry as a reader of one language reads them: the
view-models the pages render.

    figure(build, model, "rainfall", "en")  -> Figure: title, alt, caption, sources, quote_url, table, csv_url
    data_entries(build, model, "en")        -> each dataset's DataEntry, in reading order (the data
                                        page, the print edition)
    page_text(build, model, "en", key)      -> a string for a page template, a chart's texts filled

Everything a page shows of a chart or a dataset is made here, from the validated model
(sitegen/model/checks.py) and the strings: each value written as the language writes it
(sitegen/model/figuretext.py, numbers.py), each title, alt text and caption filled from
the data, each source named, each quote found in the text and, for a reader of another
language, in its translation. A view is made once per (chart or dataset, language) and
kept in the model, so the HTML pages, their parallel view and the print edition share
it. The page layer (sitegen/pages/figures.py) adds the drawings and renders; it asks
nothing else.

A figure names its sources briefly (`data.figure.sources.<source>`, else the full
`data.sources.<source>` the data page shows) and links once to the text: the first
paragraph its data quotes on the figure's own page, or else in the whole article.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar, cast

from babel.dates import format_date

from sitegen.core.outputs import dataset_csv_url
from sitegen.core.project import Build, babel_locale
from sitegen.model.anchors import numbered_paragraphs, page_for_section, paragraph_anchor, quote_url
from sitegen.model.checks import Model
from sitegen.model.datasets import Dataset, Field
from sitegen.model.derive import convert_for
from sitegen.model.figuretext import CHART_KEY, FILLED, chart_text, reader_text
from sitegen.model.sentences import aligned_sentence
from sitegen.model.sources import sources_of
from sitegen.model.strings import MissingString, dataset_key, field_key, t, type_key, unit_key


@dataclass(frozen=True)
class Table:
    """A dataset's rows as a reader reads them: the columns shown, each value written out."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Figure:
    """One chart's figure in one language: everything its page shows but the drawings."""

    id: str
    lang: str
    title: str  # charts.<id>.title, alt and caption, their placeholders filled from the data
    alt: str
    caption: str
    sources: tuple[str, ...]  # each source's short name
    quote_url: str | None  # the paragraph of the text its data quotes ("03.html#p03-3"), if any
    table: Table
    csv_url: str  # the dataset's CSV, from the language's root ("../data/x.csv")


@dataclass(frozen=True)
class NamedSource:
    """A source as the data page names it: its name, and its URL and access date (the
    whole `data.page.accessed` note) when the descriptor gives them."""

    name: str
    url: str | None
    accessed: str | None


@dataclass(frozen=True)
class FieldEntry:
    """A column as the data page describes it."""

    name: str
    type: str
    unit: str
    description: str


@dataclass(frozen=True)
class Quote:
    """A row's quote as a reader of the page's language reads it: the quote, converted or
    the translation's sentence that renders it; the original when that differs (with no
    text: a quote found only in a subhead); the link to its paragraph."""

    text: str
    original: str | None
    url: str | None


@dataclass(frozen=True)
class DataEntry:
    """One dataset in one language, as the data page and the print edition show it."""

    id: str
    title: str
    description: str
    sources: tuple[NamedSource, ...]
    csv_url: str
    chart_url: str | None  # where the article places its chart, if it does
    fields: tuple[FieldEntry, ...]  # every column, the quotes' too
    table: Table
    quotes: tuple[tuple[Quote, ...], ...]  # each row's quotes


View = TypeVar("View")


def _once(model: Model, key: tuple[str, str, str], make: Callable[[], View]) -> View:
    """The view `key` of `model`, made the first time it is asked for."""
    if key not in model.views:
        model.views[key] = make()
    return cast(View, model.views[key])


def figure(build: Build, model: Model, chart_id: str, lang: str) -> Figure:
    """The figure of chart `chart_id` as a reader of `lang` reads it."""
    return _once(model, ("figure", chart_id, lang), lambda: _figure(build, model, chart_id, lang))


def _figure(build: Build, model: Model, chart_id: str, lang: str) -> Figure:
    dataset = model.datasets[chart_id]
    return Figure(
        id=chart_id,
        lang=lang,
        title=chart_text(build, model.datasets, lang, chart_id, "title"),
        alt=chart_text(build, model.datasets, lang, chart_id, "alt"),
        caption=chart_text(build, model.datasets, lang, chart_id, "caption"),
        sources=short_sources(build, dataset, lang),
        quote_url=first_quote_url(model, dataset, chart_links(model, lang).get(chart_id, "").split("#")[0]),
        table=table(build, dataset, lang),
        csv_url=dataset_csv_url(build.project, chart_id, lang),
    )


def page_text(build: Build, model: Model, lang: str, key: str) -> str:
    """t(build, lang, key), with a chart's title, alt text and caption filled from the data: for
    page templates, which ask for any string by its key."""
    match = CHART_KEY.match(key)
    if match and match.group(2) in FILLED and match.group(1) in model.datasets:
        text: str = getattr(figure(build, model, match.group(1), lang), match.group(2))
        return text
    return t(build, lang, key)


def data_entries(build: Build, model: Model, lang: str) -> tuple[DataEntry, ...]:
    """Every dataset as a reader of `lang` reads it, in reading order: by the paragraph of
    its first quote."""
    return _once(model, ("data", "", lang), lambda: _data_entries(build, model, lang))


def _data_entries(build: Build, model: Model, lang: str) -> tuple[DataEntry, ...]:
    links = chart_links(model, lang)
    order = reading_order(model)
    datasets = sorted(model.datasets.values(), key=lambda d: min(reading_place(order, u) for u in provenance(model, d)))
    return tuple(
        DataEntry(
            id=dataset.id,
            title=t(build, lang, dataset_key(dataset.id, "title")),
            description=t(build, lang, dataset_key(dataset.id, "description")),
            sources=named_sources(build, dataset, lang),
            csv_url=dataset_csv_url(build.project, dataset.id, lang),
            chart_url=links.get(dataset.id),
            fields=tuple(field_entry(build, dataset, f, lang) for f in dataset.fields),
            table=table(build, dataset, lang),
            quotes=tuple(tuple(quote(build, model, q, lang) for q in dataset.quotes(row)) for row in dataset.rows),
        )
        for dataset in datasets
    )


def shown_fields(dataset: Dataset) -> list[Field]:
    """The columns a reader sees: not the quotes, nor columns folded into another's cells."""
    folded = {f.qualifier for f in dataset.fields} | {f.unit_field for f in dataset.fields}
    return [f for f in dataset.fields if not f.quote and f.name not in folded]


def table(build: Build, dataset: Dataset, lang: str) -> Table:
    """The rows as a reader of `lang` reads them: translated labels, formatted numbers,
    periods, as the captions' placeholders write them (sitegen/model/figuretext.py)."""
    fields = shown_fields(dataset)
    return Table(
        caption=t(build, lang, dataset_key(dataset.id, "title")),
        headers=tuple(t(build, lang, field_key(dataset.id, f.name)) for f in fields),
        rows=tuple(tuple(reader_text(build, dataset, row, f.name, lang) for f in fields) for row in dataset.rows),
    )


def field_entry(build: Build, dataset: Dataset, field: Field, lang: str) -> FieldEntry:
    return FieldEntry(
        name=field.name,
        type=t(build, lang, type_key(field.type)),
        unit=t(build, lang, unit_key(field.unit)) if field.unit else "",
        description=t(build, lang, field_key(dataset.id, field.name)),
    )


def named_sources(build: Build, dataset: Dataset, lang: str) -> tuple[NamedSource, ...]:
    """Each source with its name, URL and access date, when the descriptor gives them
    (sitegen/model/sources.py)."""
    named = []
    for source in sources_of(dataset.schema):
        accessed = None
        if source.accessed:
            when = format_date(source.accessed, format="long", locale=babel_locale(lang))
            accessed = t(build, lang, "data.page.accessed").format(date=when)
        named.append(NamedSource(t(build, lang, f"data.sources.{source.id}"), source.url, accessed))
    return tuple(named)


def short_sources(build: Build, dataset: Dataset, lang: str) -> tuple[str, ...]:
    """The sources as a figure names them: data.figure.sources.<s> when the strings give
    a short name, else the full one."""
    names = []
    for source in (s.id for s in sources_of(dataset.schema)):
        try:
            names.append(t(build, lang, f"data.figure.sources.{source}"))
        except MissingString:
            names.append(t(build, lang, f"data.sources.{source}"))
    return tuple(names)


def provenance(model: Model, dataset: Dataset) -> list[str | None]:
    """The distinct paragraph links of a dataset's quotes, in row order (None for a quote
    found nowhere)."""
    return list(dict.fromkeys(quote_url(model.source, quote) for row in dataset.rows for quote in dataset.quotes(row)))


def reading_order(model: Model) -> dict[str, int]:
    """Each paragraph's URL (as quote_url gives it) -> its place in reading order. (A
    quote found only in a subhead is not here: it sorts after every paragraph.)"""
    return {
        f"{page_for_section(number)}.html#{paragraph_anchor(number, index)}": place
        for place, (number, index, _) in enumerate(numbered_paragraphs(model.source))
    }


def reading_place(order: dict[str, int], url: str | None) -> int:
    """A link's place in `order`: after every paragraph when it is not one of them, or is
    None (a quote found nowhere)."""
    return len(order) if url is None else order.get(url, len(order))


def first_quote_url(model: Model, dataset: Dataset, page: str | None = None) -> str | None:
    """The first paragraph, in reading order, that a dataset's rows quote: on `page`
    ("01.html", where the figure is) when any is, else anywhere."""
    order = reading_order(model)
    urls = sorted((url for url in provenance(model, dataset) if url), key=lambda url: order.get(url, len(order)))
    here = [url for url in urls if page and url.startswith(f"{page}#")]
    return next(iter(here or urls), None)


def chart_links(model: Model, lang: str) -> dict[str, str]:
    """Chart id -> link to where the article places it (the pages give it #chart-<id>)."""
    links: dict[str, str] = {}
    for section in model.articles[lang].parts:
        for chart_id in section.chart_ids:
            links.setdefault(chart_id, f"{section.page}.html#chart-{chart_id}")
    return links


def quote(build: Build, model: Model, text: str, lang: str) -> Quote:
    """A row's quote as a reader of `lang` reads it, and the original when that differs:
    a derived language's reader gets the quote converted (sitegen/model/derive.py); a
    translation's reader gets the sentence of the aligned paragraph that renders it
    (sitegen/model/sentences.py)."""
    source = model.source
    url = quote_url(source, text)
    if lang == source.lang:
        return Quote(text, None, url)
    if build.project.language(lang).derived_from == source.lang:
        return Quote(convert_for(build, lang, text), text, url)
    for number, index, paragraph in numbered_paragraphs(source):
        if text in paragraph:
            return Quote(aligned_sentence(paragraph, text, _translated(model, lang)[number, index]), text, url)
    return Quote("", text, url)  # in a subhead: the original alone


def _translated(model: Model, lang: str) -> dict[tuple[str, int], str]:
    return {(number, index): text for number, index, text in numbered_paragraphs(model.articles[lang])}
