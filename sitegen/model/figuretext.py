"""Chart texts whose figures come from the data: placeholders in content/strings/<lang>.yml.

A chart's title, alt text and caption (charts.<id>.title, .alt, .caption) name their
figures instead of writing them out:

    alt: "North’s sales fell from {north.before} to {north.now} ({north.change})."
    caption: "… the highest in {other-dataset/shops_2023.year}."

`{row.column}` is a value of the chart's own dataset: the row by its name (its primaryKey
values joined by `_`, as `north` or `north_2024`: sitegen/model/datasets.py) and a
column, stored or computed (`derived:` in the descriptor); `{dataset/row.column}` is one
of another dataset. Each is written exactly as the chart labels and the data tables write
it (sitegen/model/numbers.py: unit, magnitude, currency, qualifier; a period, a label, yes/no);
`{row.column|bare}` leaves out its qualifier (over, about…), `{row.column|signed}` writes
+ or − before it. Other braces (`{n}`, `{value}`) are left alone for the code that fills
them. So a data edit changes the texts with the chart, and a placeholder that names
nothing stops the build with its file and line (sitegen/model/checks.py).
"""

from __future__ import annotations

import re

from sitegen.core.project import Build
from sitegen.model.numbers import format_period, format_value
from sitegen.model.strings import t
from sitegen.model.table import Dataset, FormulaError, Row

FILLED = ("title", "alt", "caption")  # the chart texts the page shows, which may hold placeholders
STYLES = ("bare", "signed")
PLACEHOLDER = re.compile(
    r"\{(?:(?P<dataset>[\w-]+)/)?(?P<row>\w+(?:-\w+)*)\.(?P<column>[A-Za-z_]\w*)(?:\|(?P<style>\w+))?\}"
)
CHART_KEY = re.compile(r"^charts\.([\w-]+)\.(\w+)$")


def reader_text(build: Build, dataset: Dataset, row: Row, name: str, lang: str, style: str | None = None) -> str:
    """One value as a reader of `lang` reads it: a number with its unit and qualifier, a
    period, a label, yes or no; the same in chart labels, tables and captions."""
    computed = dataset.computed().get(name)
    if computed is not None:
        return format_value(build, dataset.value(row, name), computed.unit, lang, signed=style == "signed")
    field = dataset.field(name)
    value = row[name]
    qualifier = row[field.qualifier] if field.qualifier and style != "bare" else None
    if value is None:
        text = t(build, lang, "data.missing")
        return t(build, lang, f"data.qualifiers.{qualifier}").format(v=text) if qualifier else text
    if field.type in ("number", "integer") and (field.unit or field.unit_field):
        unit = row[field.unit_field] if field.unit_field else field.unit
        return format_value(build, value, unit, lang, qualifier, signed=style == "signed")
    if field.type == "boolean":
        return t(build, lang, "data.boolean_true" if value else "data.boolean_false")
    if field.format == "period":
        return format_period(build, value, lang)
    if field.labels:
        return t(build, lang, f"{field.labels}.{value}")
    return str(value)


def resolve(match: re.Match[str], datasets: dict[str, Dataset], default: str) -> tuple[Dataset, Row, str]:
    """The dataset, row and column a placeholder names; LookupError says why not."""
    dataset_id, key, column, style = match.group("dataset", "row", "column", "style")
    dataset = datasets.get(dataset_id or default)
    if dataset is None:
        raise LookupError(f"names no dataset '{dataset_id or default}' (data/<id>.csv)")
    row = dataset.find(key)
    if row is None:
        names = ", ".join(dataset.row_key(r) for r in dataset.rows)
        raise LookupError(f"names no row '{key}' of {dataset.id} (rows, by {'_'.join(dataset.key)}: {names})")
    if column not in {f.name for f in dataset.fields} | set(dataset.computed()):
        columns = ", ".join([f.name for f in dataset.fields] + list(dataset.computed()))
        raise LookupError(f"names no column '{column}' of {dataset.id} (columns: {columns})")
    if style is not None and style not in STYLES:
        raise LookupError(f"has style '{style}'; use {' or '.join(STYLES)}, or none")
    return dataset, row, column


def placeholder_problems(text: str, datasets: dict[str, Dataset], default: str) -> list[str]:
    """Why each placeholder in `text` that names nothing cannot be filled."""
    problems = []
    for match in PLACEHOLDER.finditer(text):
        try:
            dataset, row, column = resolve(match, datasets, default)
            dataset.value(row, column)
        except (LookupError, FormulaError) as error:
            problems.append(f"{match.group(0)} {error}")
    return problems


def fill(build: Build, text: str, datasets: dict[str, Dataset], default: str, lang: str) -> str:
    """`text` with each placeholder replaced by its value as `lang` writes it."""

    def value(match: re.Match[str]) -> str:
        dataset, row, column = resolve(match, datasets, default)
        return reader_text(build, dataset, row, column, lang, match.group("style"))

    return PLACEHOLDER.sub(value, text)


def chart_text(build: Build, datasets: dict[str, Dataset], lang: str, chart_id: str, name: str) -> str:
    """charts.<id>.<name> in `lang`, its figures filled from the data."""
    return fill(build, t(build, lang, f"charts.{chart_id}.{name}"), datasets, chart_id, lang)
