"""A chart's figure HTML and the "Data & sources" page body, in a page's language.

    render_figure(build, model, manifest, "rainfall", "en") -> <figure>…</figure>  (figure.html.j2)
    render_data_page(build, model, "en")                      -> the data page body (datasets.html.j2)

What they show is the model's view of each chart and dataset (sitegen/model/figure.py:
its texts filled, values written out, sources named, quotes found), and for a figure the
chart step's drawings (sitegen/charts/manifest.py: each chart in every width and colour
scheme); here they are only placed on a page and rendered. The templates autoescape: a
`<script>` in a CSV cell reaches the page as text.
"""

from __future__ import annotations

import posixpath

from markupsafe import Markup

from sitegen.charts.manifest import SCHEMES, Manifest, drawing
from sitegen.core.errors import InputError
from sitegen.core.project import Build
from sitegen.model.checks import Model
from sitegen.model.figure import DataEntry, NamedSource, data_entries, figure
from sitegen.model.strings import MissingString, t
from sitegen.pages.templating import environment


def source_html(source: NamedSource) -> str:
    """A source as the data page names it: linked to its URL, with its access date."""
    name: str = source.name
    if source.url:
        name = Markup('<a href="{}">{}</a>').format(source.url, name)
    if source.accessed:
        name = Markup("{}{}").format(name, source.accessed)
    return name


def dataset_context(entry: DataEntry) -> dict[str, object]:
    """A dataset's entry as the templates take it (the data page's, the print edition's):
    its sources as HTML."""
    return {
        "id": entry.id,
        "title": entry.title,
        "description": entry.description,
        "sources": [source_html(source) for source in entry.sources],
        "csv_url": entry.csv_url,
        "chart_url": entry.chart_url,
        "fields": entry.fields,
        "table": entry.table,
    }


def render_figure(
    build: Build,
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
    report = build.project
    up = "../" * folders if root is None else root
    pictures = []
    for scheme in SCHEMES:
        wide, narrow = (drawing(manifest, lang, chart_id, v, scheme).from_page(up) for v in report.variants)
        pictures.append({"scheme": scheme, "wide": wide, "narrow": narrow})
    try:
        view = figure(build, model, chart_id, lang)
        html = (
            environment(build)
            .get_template("figure.html.j2")
            .render(
                id=chart_id,
                id_suffix=id_suffix,
                title=view.title,
                pictures=pictures,
                wide=pictures[0]["wide"],
                narrow=pictures[0]["narrow"],
                alt=view.alt,
                caption=view.caption,
                sources=view.sources,
                quote_url=view.quote_url,
                table=view.table,
                csv_url=posixpath.normpath(up + view.csv_url),
                lazy=lazy,
                t=lambda key: t(build, lang, key),
            )
        )
    except MissingString as error:
        raise InputError(f"chart '{chart_id}', language '{lang}': {error}") from None
    # One HTML block for Markdown: no blank lines inside.
    return "\n".join(line for line in html.splitlines() if line.strip())


def render_data_page(build: Build, model: Model, lang: str) -> str:
    """The body of the "Data & sources" page: each dataset, its fields, source, CSV, provenance."""
    article = model.source
    entries = [
        {
            **dataset_context(entry),
            # Each row's last cell: its quotes.
            "table": {
                "caption": entry.table.caption,
                "headers": entry.table.headers,
                "rows": [[*cells, quotes] for cells, quotes in zip(entry.table.rows, entry.quotes)],
            },
        }
        for entry in data_entries(build, model, lang)
    ]
    quote_lang = t(build, article.lang, "charts.language_tag") if lang != article.lang else None
    return (
        environment(build)
        .get_template("datasets.html.j2")
        .render(datasets=entries, quote_lang=quote_lang, t=lambda key: t(build, lang, key))
        .strip()
        + "\n"
    )
