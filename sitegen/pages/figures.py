"""A chart's figure HTML and the "Data & sources" page body, in a page's language.

    render_figure(model, manifest, "rainfall", "en") -> <figure>…</figure>  (figure.html.j2)
    render_data_page(model, "en")                      -> the data page body (datasets.html.j2)

Both take the validated model (sitegen/model/checks.py) and, for figures, the chart step's
manifest of built images (sitegen/charts/manifest.py: each chart in every width and colour
scheme), and every word from content/strings/<lang>.yml. The templates autoescape: a
`<script>` in a CSV cell reaches the page as text.

A figure names its sources briefly (`data.figure.sources.<source>`, else the full
`data.sources.<source>` the data page shows) and links once to the text: the first
paragraph its data quotes on the figure's own page, or else in the whole article. Its
title, alt text and caption take their figures from the data (sitegen/model/figuretext.py).
"""

from __future__ import annotations

import posixpath

from babel.dates import format_date
from markupsafe import Markup

from sitegen.charts.manifest import SCHEMES, Manifest, drawing
from sitegen.core.errors import InputError
from sitegen.core.outputs import dataset_csv_url
from sitegen.core.project import babel_locale, current, language
from sitegen.model.anchors import numbered_paragraphs, page_for_section, paragraph_anchor, quote_url
from sitegen.model.checks import Model
from sitegen.model.datasets import Dataset
from sitegen.model.derive import convert_for
from sitegen.model.figuretext import chart_text, reader_text
from sitegen.model.sentences import aligned_sentence
from sitegen.model.sources import sources_of
from sitegen.model.strings import MissingString, t
from sitegen.pages.templating import environment


def cell(dataset: Dataset, row, name: str, lang: str) -> str:
    """One value as a reader of `lang` reads it: translated label, formatted number, period
    (as the captions' placeholders write it: sitegen/model/figuretext.py)."""
    return reader_text(dataset, row, name, lang)


def shown_fields(dataset: Dataset):
    """The columns a reader sees: not the quotes, nor columns folded into another's cells."""
    folded = {f.qualifier for f in dataset.fields} | {f.unit_field for f in dataset.fields}
    return [f for f in dataset.fields if not f.quote and f.name not in folded]


def table(dataset: Dataset, lang: str) -> dict:
    fields = shown_fields(dataset)
    return {
        "caption": t(lang, f"data.datasets.{dataset.id}.title"),
        "headers": [t(lang, f"data.datasets.{dataset.id}.fields.{f.name}") for f in fields],
        "rows": [[cell(dataset, row, f.name, lang) for f in fields] for row in dataset.rows],
    }


def provenance(model: Model, dataset: Dataset) -> list[str | None]:
    """The distinct paragraph links of a dataset's quotes, in row order (None for a quote
    found nowhere)."""
    return list(dict.fromkeys(quote_url(model.source, quote) for row in dataset.rows for quote in dataset.quotes(row)))


def sources(dataset: Dataset, lang: str) -> list[str]:
    """Each source as the data page names it: linked to its URL, with its access date,
    when the descriptor gives them (sitegen/model/sources.py)."""
    named = []
    for source in sources_of(dataset.schema):
        name = t(lang, f"data.sources.{source.id}")
        if source.url:
            name = Markup('<a href="{}">{}</a>').format(source.url, name)
        if source.accessed:
            when = format_date(source.accessed, format="long", locale=babel_locale(lang))
            name = Markup("{}{}").format(name, t(lang, "data.page.accessed").format(date=when))
        named.append(name)
    return named


def short_sources(dataset: Dataset, lang: str) -> list[str]:
    """The sources as a figure names them: data.figure.sources.<s> when the strings give
    a short name, else the full one."""
    names = []
    for source in (s.id for s in sources_of(dataset.schema)):
        try:
            names.append(t(lang, f"data.figure.sources.{source}"))
        except MissingString:
            names.append(t(lang, f"data.sources.{source}"))
    return names


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


def render_figure(
    model: Model,
    manifest: Manifest,
    chart_id: str,
    lang: str,
    lazy: bool = True,
    folders: int = 0,
    root: str | None = None,
    id_suffix: str = "",
) -> str:
    """The <figure> for one chart in one language, as a single HTML block.

    lazy=False for a chart in the first screenful, which should not wait for scrolling.
    folders: how far below its language's root the page sits (the parallel view: 1).
    root: the path from the page to `lang`'s root, when the page is not in `lang`'s folder
    (the parallel view's second language: "../en/"); id_suffix tells its figure's id from
    the first language's on the same page."""
    dataset = model.datasets[chart_id]
    up = "../" * folders if root is None else root
    pictures = []
    for scheme in SCHEMES:
        wide, narrow = (drawing(manifest, lang, chart_id, v, scheme).from_page(up) for v in current().variants)
        pictures.append({"scheme": scheme, "wide": wide, "narrow": narrow})
    try:
        html = (
            environment(current().templates_dir)
            .get_template("figure.html.j2")
            .render(
                id=chart_id,
                id_suffix=id_suffix,
                title=chart_text(model.datasets, lang, chart_id, "title"),
                pictures=pictures,
                wide=pictures[0]["wide"],
                narrow=pictures[0]["narrow"],
                alt=chart_text(model.datasets, lang, chart_id, "alt"),
                caption=chart_text(model.datasets, lang, chart_id, "caption"),
                sources=short_sources(dataset, lang),
                quote_url=first_quote_url(model, dataset, chart_links(model, lang).get(chart_id, "").split("#")[0]),
                table=table(dataset, lang),
                csv_url=posixpath.normpath(up + dataset_csv_url(chart_id, lang)),
                lazy=lazy,
                t=lambda key: t(lang, key),
            )
        )
    except MissingString as error:
        raise InputError(f"chart '{chart_id}', language '{lang}': {error}") from None
    # One HTML block for Markdown: no blank lines inside.
    return "\n".join(line for line in html.splitlines() if line.strip())


def chart_links(model: Model, lang: str) -> dict[str, str]:
    """Chart id -> link to where the article places it (pages.py gives it #chart-<id>)."""
    links: dict[str, str] = {}
    for section in model.articles[lang].parts:
        for chart_id in section.chart_ids:
            links.setdefault(chart_id, f"{section.page}.html#chart-{chart_id}")
    return links


def quote_cell(model: Model, quote: str, lang: str) -> dict:
    """A row's quote as a reader of `lang` reads it, and the original when that differs:
    a derived language's reader gets the quote converted (sitegen/model/derive.py); a
    translation's reader gets the sentence of the aligned paragraph that renders it
    (sitegen/model/sentences.py)."""
    source = model.source
    cell = {"text": quote, "original": None, "url": quote_url(source, quote)}
    if lang == source.lang:
        return cell
    if language(lang).derived_from == source.lang:
        return dict(cell, text=convert_for(lang, quote), original=quote)
    translated = {(number, index): text for number, index, text in numbered_paragraphs(model.articles[lang])}
    for number, index, text in numbered_paragraphs(source):
        if quote in text:
            return dict(cell, text=aligned_sentence(text, quote, translated[number, index]), original=quote)
    return dict(cell, text="", original=quote)  # in a subhead: the original alone


def render_data_page(model: Model, lang: str) -> str:
    """The body of the "Data & sources" page: each dataset, its fields, source, CSV, provenance."""
    article = model.source
    links = chart_links(model, lang)
    order = reading_order(model)
    entries = []
    # In reading order: by the paragraph of each dataset's first quote.
    for dataset in sorted(
        model.datasets.values(), key=lambda d: min(reading_place(order, u) for u in provenance(model, d))
    ):
        fields = [
            {
                "name": f.name,
                "type": t(lang, f"data.types.{f.type}"),
                "unit": t(lang, f"data.units.{f.unit}") if f.unit else "",
                "description": t(lang, f"data.datasets.{dataset.id}.fields.{f.name}"),
            }
            for f in dataset.fields
        ]
        data = table(dataset, lang)
        for row, cells in zip(dataset.rows, data["rows"]):
            cells.append([quote_cell(model, quote, lang) for quote in dataset.quotes(row)])
        entries.append(
            {
                "id": dataset.id,
                "title": t(lang, f"data.datasets.{dataset.id}.title"),
                "description": t(lang, f"data.datasets.{dataset.id}.description"),
                "sources": sources(dataset, lang),
                "csv_url": dataset_csv_url(dataset.id, lang),
                "chart_url": links.get(dataset.id),
                "fields": fields,
                "table": data,
            }
        )
    quote_lang = t(article.lang, "charts.language_tag") if lang != article.lang else None
    return (
        environment(current().templates_dir)
        .get_template("datasets.html.j2")
        .render(datasets=entries, quote_lang=quote_lang, t=lambda key: t(lang, key))
        .strip()
        + "\n"
    )
