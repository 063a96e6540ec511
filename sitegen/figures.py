"""A chart's figure HTML and the "Data & sources" page body, in a page's language.

    render_figure("market-cap", "en")  -> <figure> ... </figure>   (templates/figure.html.j2)
    render_data_page("en")             -> Markdown/HTML body         (templates/data.md.j2)

Both read the validated datasets and the built PNGs (build_charts.build() runs first),
and take every word from content/strings/<lang>.yml. Templates autoescape: a `<script>`
in a CSV cell reaches the page as text.
"""

from __future__ import annotations

import struct
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from sitegen.anchors import LEDE, numbered_paragraphs, page_for_section, quote_url
from sitegen.content import read_article
from sitegen.datasets import QUOTE, Dataset, load_all
from sitegen.errors import InputError
from sitegen.numbers import format_period, format_value
from sitegen.project import current
from sitegen.reads import cached_read
from sitegen.outputs import chart_path, chart_url, dataset_csv_url
from sitegen.site_config import default_language
from sitegen.strings import MissingString, t



def chart_ids() -> list[str]:
    """Every chart id: the modules charts/<id>.py."""
    return current().chart_ids()


def source_language() -> str:
    """The article's original language, which every data quote is written in."""
    return default_language().code


def environment() -> Environment:
    return _environment(current().templates_dir)


@lru_cache(maxsize=2)
def _environment(templates_dir: Path) -> Environment:
    return Environment(loader=FileSystemLoader(templates_dir), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    with open(path, "rb") as handle:
        head = handle.read(24)
    return struct.unpack(">II", head[16:24])


def cell(dataset: Dataset, row, name: str, lang: str) -> str:
    """One value as a reader of `lang` reads it: translated label, formatted number, period."""
    field = dataset.field(name)
    value = row[name]
    qualifier = row[field.qualifier] if field.qualifier else None
    if value is None:
        text = t(lang, "data.missing")
        return t(lang, f"data.qualifiers.{qualifier}").format(v=text) if qualifier else text
    if field.type in ("number", "integer") and (field.unit or field.unit_field):
        unit = row[field.unit_field] if field.unit_field else field.unit
        return format_value(value, unit, lang, qualifier)
    if field.type == "boolean":
        return t(lang, "data.boolean_true" if value else "data.boolean_false")
    if field.format == "period":
        return format_period(value, lang)
    if field.labels:
        return t(lang, f"{field.labels}.{value}")
    return str(value)


def shown_fields(dataset: Dataset):
    """The columns a reader sees: not the quote, nor columns folded into another's cells."""
    folded = {f.qualifier for f in dataset.fields} | {f.unit_field for f in dataset.fields}
    return [f for f in dataset.fields if f.name != QUOTE and f.name not in folded]


def table(dataset: Dataset, lang: str) -> dict:
    fields = shown_fields(dataset)
    return {
        "caption": t(lang, f"data.datasets.{dataset.id}.title"),
        "headers": [t(lang, f"data.datasets.{dataset.id}.fields.{f.name}") for f in fields],
        "rows": [[cell(dataset, row, f.name, lang) for f in fields] for row in dataset.rows],
    }


def provenance(dataset: Dataset) -> list[str]:
    """The distinct paragraph links of a dataset's quotes, in row order."""
    article = _source_article()
    return list(dict.fromkeys(quote_url(article, row[QUOTE]) for row in dataset.rows))


# Read once per build, not once per figure: the plugin forgets these before each build
# (sitegen.reads) so `mkdocs serve` sees edits.
@cached_read
def _source_article():
    return read_article(source_language())


@cached_read
def _datasets() -> dict[str, Dataset]:
    return load_all(article=_source_article())


def built_size(chart_id: str, lang: str, variant: str) -> tuple[int, int]:
    """Width and height of a built 1x PNG; bad input if the chart step has not made it."""
    image = chart_path(lang, chart_id, 1, variant)
    if not image.exists():
        raise InputError(f"{image}: chart '{chart_id}' not built for '{lang}'; run `python build_charts.py --only {chart_id}`")
    return png_size(image)


def render_figure(chart_id: str, lang: str, lazy: bool = True) -> str:
    """The <figure> for one chart in one language, as a single HTML block.

    lazy=False for a chart in the first screenful, which should not wait for scrolling."""
    known = chart_ids()
    if chart_id not in known:
        raise InputError(f"unknown chart id '{chart_id}'; known charts: {', '.join(known)}")
    datasets = _datasets()
    dataset = datasets[chart_id]
    width, height = built_size(chart_id, lang, "wide")
    narrow_width, narrow_height = built_size(chart_id, lang, "narrow")
    try:
        html = environment().get_template("figure.html.j2").render(
            id=chart_id,
            src=chart_url(chart_id, 1),
            srcset=f"{chart_url(chart_id, 1)} 1x, {chart_url(chart_id, 2)} 2x",
            full_size=chart_url(chart_id, 2),
            width=width,
            height=height,
            narrow_srcset=f"{chart_url(chart_id, 1, 'narrow')} 1x, {chart_url(chart_id, 2, 'narrow')} 2x",
            narrow_width=narrow_width,
            narrow_height=narrow_height,
            alt=t(lang, f"charts.{chart_id}.alt"),
            caption=t(lang, f"charts.{chart_id}.caption"),
            sources=[t(lang, f"data.sources.{s}") for s in dataset.schema.get("sources", [])],
            quote_urls=provenance(dataset),
            table=table(dataset, lang),
            csv_url=dataset_csv_url(chart_id, lang),
            lazy=lazy,
            t=lambda key: t(lang, key),
        )
    except MissingString as error:
        raise InputError(f"chart '{chart_id}', language '{lang}': {error}") from None
    # One HTML block for Markdown: no blank lines inside.
    return "\n".join(line for line in html.splitlines() if line.strip())


def chart_links(lang: str) -> dict[str, str]:
    """Chart id -> link to where the article places it (pages.py gives it #chart-<id>)."""
    article = read_article(lang)
    links = {chart_id: f"{page_for_section(LEDE)}.html#chart-{chart_id}" for chart_id in article.lede_chart_ids}
    for section in article.sections:
        for chart_id in section.chart_ids:
            links.setdefault(chart_id, f"{page_for_section(section.number)}.html#chart-{chart_id}")
    return links


def render_data_page(lang: str) -> str:
    """The body of the "Data & sources" page: each dataset, its fields, source, CSV, provenance."""
    source = source_language()
    article = read_article(source)
    try:
        links = chart_links(lang)
    except FileNotFoundError:
        links = {}
    order = {url: i for i, url in enumerate(quote_url(article, text) for _, _, text in numbered_paragraphs(article))}
    entries = []
    # In reading order: by the paragraph of each dataset's first quote.
    for dataset in sorted(_datasets().values(), key=lambda d: min(order[u] for u in provenance(d))):
        fields = [{
            "name": f.name,
            "type": t(lang, f"data.types.{f.type}"),
            "unit": t(lang, f"data.units.{f.unit}") if f.unit else "",
            "description": t(lang, f"data.datasets.{dataset.id}.fields.{f.name}"),
        } for f in dataset.fields]
        data = table(dataset, lang)
        for row, cells in zip(dataset.rows, data["rows"]):
            cells.append({"quote": row[QUOTE], "url": quote_url(article, row[QUOTE])})
        entries.append({
            "id": dataset.id,
            "title": t(lang, f"data.datasets.{dataset.id}.title"),
            "description": t(lang, f"data.datasets.{dataset.id}.description"),
            "sources": [t(lang, f"data.sources.{s}") for s in dataset.schema.get("sources", [])],
            "csv_url": dataset_csv_url(dataset.id, lang),
            "chart_url": links.get(dataset.id),
            "fields": fields,
            "table": data,
        })
    quote_lang = t(source, "charts.language_tag") if lang != source else None
    return environment().get_template("data.md.j2").render(
        datasets=entries, quote_lang=quote_lang, t=lambda key: t(lang, key)
    ).strip() + "\n"
