"""Load and validate the data: data/<id>.csv, described by data/<id>.schema.yml.

The descriptor follows Frictionless Table Schema: `fields` with a name, a type
(string, number, integer, boolean), a `unit` (a key of data/units.yml), `enum`,
`required` and `format` (`period`: 2022, 2022-07, 2023-Q1, 2024-H2, 2024-mid), plus
`missingValues`. Every dataset has a `quote` column: the words of the article that give
the row's numbers, which must occur verbatim in the original-language article.

Each check raises InputError naming the file, the line and the fix, so an editor who
mistypes a number sees where and what to do, never a traceback.
"""

from __future__ import annotations

import math

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path


from sitegen.article import Article
from sitegen.errors import InputError
from sitegen.reads import cached_read
from sitegen.project import current
from sitegen.yamlio import YAMLError, load_yaml

UNITS_FILE = "units.yml"
SCHEMA_SUFFIX = ".schema.yml"
QUOTE = "quote"
TYPES = ("string", "number", "integer", "boolean")
PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})|-Q([1-4])|-H([12])|-(mid))?$")
TRUE, FALSE = ("true", "yes", "1"), ("false", "no", "0")


def relative(path: Path) -> str:
    """A path as the editor knows it: relative to the report's folder when it can be."""
    return current().relative(path)


@dataclass(frozen=True)
class Field:
    name: str
    type: str = "string"
    unit: str | None = None
    enum: tuple | None = None
    required: bool = True
    format: str | None = None
    qualifier: str | None = None  # the column whose word (over, about...) goes with this value
    unit_field: str | None = None  # the column naming each row's unit, when units vary by row
    labels: str | None = None  # strings key under which this column's values have reader text


@dataclass(frozen=True)
class Row:
    line: int  # line of the CSV file, for messages
    values: dict

    def __getitem__(self, name):
        return self.values[name]


@dataclass(frozen=True)
class Dataset:
    id: str
    csv_path: Path
    schema_path: Path
    schema: dict
    fields: tuple[Field, ...]
    rows: tuple[Row, ...]
    csv_bytes: bytes

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def column(self, name: str) -> list:
        return [row[name] for row in self.rows]


def dataset_ids(data_dir: Path | None = None) -> list[str]:
    """Every dataset that has a descriptor, sorted."""
    data_dir = data_dir or current().data_dir
    return sorted(p.name[: -len(SCHEMA_SUFFIX)] for p in data_dir.glob(f"*{SCHEMA_SUFFIX}"))


@cached_read
def _units(path: Path) -> dict:
    return load_yaml(path.read_text(encoding="utf-8"))


def units(data_dir: Path | None = None) -> dict:
    return _units((data_dir or current().data_dir) / UNITS_FILE)


def _read_schema(path: Path, unit_table: dict) -> tuple[dict, tuple[Field, ...]]:
    where = relative(path)
    if not path.exists():
        raise InputError(f"{where}: descriptor missing; copy another data/*.schema.yml and list this file's columns")
    try:
        schema = load_yaml(path.read_text(encoding="utf-8")) or {}
    except (YAMLError, UnicodeDecodeError) as error:
        raise InputError(f"{where}: not valid UTF-8 YAML ({error}); fix the syntax") from None
    fields = []
    for index, spec in enumerate(schema.get("fields") or []):
        field = Field(
            name=spec.get("name", ""),
            type=spec.get("type", "string"),
            unit=spec.get("unit"),
            enum=tuple(spec["enum"]) if "enum" in spec else None,
            required=spec.get("required", True),
            format=spec.get("format"),
            qualifier=spec.get("qualifier"),
            unit_field=spec.get("unit_field"),
            labels=spec.get("labels", "data.labels" if "enum" in spec else None),
        )
        if field.type not in TYPES:
            raise InputError(f"{where}: field '{field.name}' has type '{field.type}'; use one of {', '.join(TYPES)}")
        if field.unit is not None and field.unit not in unit_table:
            raise InputError(f"{where}: field '{field.name}' has unit '{field.unit}'; add it to data/units.yml or use one of {', '.join(unit_table)}")
        fields.append(field)
    names = {f.name for f in fields}
    for field in fields:
        for ref in (field.qualifier, field.unit_field):
            if ref is not None and ref not in names:
                raise InputError(f"{where}: field '{field.name}' refers to column '{ref}', which is not a field; add it or fix the name")
    if QUOTE not in names:
        raise InputError(f"{where}: no '{QUOTE}' field; every row needs the article words its numbers come from")
    return schema, tuple(fields)


def _decode(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(
            f"{where}:{line}: not UTF-8 (byte 0x{raw[error.start]:02x}); re-save the file as UTF-8"
        ) from None


def _convert(text: str, field: Field, missing: tuple, where: str):
    if text in missing:
        if field.required:
            raise InputError(f"{where}: column '{field.name}' is empty; fill it in (the field is required)")
        return None
    if field.type in ("number", "integer"):
        try:
            value = int(text) if field.type == "integer" else float(text)
        except ValueError:
            kind = "a whole number" if field.type == "integer" else "a number"
            raise InputError(
                f"{where}: column '{field.name}' must be {kind}, got {text!r}; "
                "write plain digits (units come from the descriptor)"
            ) from None
        if not math.isfinite(value):  # float() accepts "nan" and "inf"
            raise InputError(f"{where}: column '{field.name}' must be a finite number, got {text!r}; write plain digits")
        value = int(value) if field.type == "number" and value.is_integer() else value
    elif field.type == "boolean":
        if text.lower() not in TRUE + FALSE:
            raise InputError(f"{where}: column '{field.name}' must be true or false, got {text!r}")
        value = text.lower() in TRUE
    else:
        value = text
    if field.enum is not None and value not in field.enum:
        raise InputError(f"{where}: column '{field.name}' is {text!r}; use one of {', '.join(map(str, field.enum))}")
    if field.format == "period" and not PERIOD.match(text):
        raise InputError(f"{where}: column '{field.name}' is {text!r}; write a period as 2022, 2022-07, 2023-Q1, 2024-H2 or 2024-mid")
    return value


def load_dataset(dataset_id: str, data_dir: Path | None = None, article: Article | None = None) -> Dataset:
    """Read and check one dataset; with `article`, check every quote against it too."""
    data_dir = data_dir or current().data_dir
    csv_path = data_dir / f"{dataset_id}.csv"
    schema_path = data_dir / f"{dataset_id}{SCHEMA_SUFFIX}"
    where = relative(csv_path)
    schema, fields = _read_schema(schema_path, units(data_dir))
    if not csv_path.exists():
        raise InputError(f"{where}: data file missing for descriptor {relative(schema_path)}; add the CSV or remove the descriptor")
    raw = csv_path.read_bytes()
    text = _decode(raw, where)
    if not text.strip():
        raise InputError(f"{where}: empty; write a header row ({', '.join(f.name for f in fields)}) and one row per value")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    names = [f.name for f in fields]
    for name in names:
        if name not in header:
            raise InputError(f"{where}:1: missing column '{name}' (the descriptor lists {', '.join(names)}); add it to the header")
    for name in header:
        if name not in names:
            raise InputError(f"{where}:1: column '{name}' is not in {relative(schema_path)}; describe it there or remove it")
    missing = tuple(schema.get("missingValues", [""]))
    rows = []
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise InputError(
                f"{where}:{line}: {len(cells)} cells but the header has {len(header)}; "
                "look for a missing or extra comma (put a cell containing a comma in double quotes)"
            )
        by_name = dict(zip(header, cells))
        values = {f.name: _convert(by_name[f.name].strip(), f, missing, f"{where}:{line}") for f in fields}
        rows.append(Row(line, values))
    if not rows:
        raise InputError(f"{where}: no data rows under the header; add at least one row")
    dataset = Dataset(dataset_id, csv_path, schema_path, schema, fields, tuple(rows), raw)
    if article is not None:
        check_quotes(dataset, article)
    return dataset


def check_quotes(dataset: Dataset, article: Article) -> None:
    """Every row's quote must stand verbatim in one paragraph of the article."""
    from sitegen.anchors import quote_url

    for row in dataset.rows:
        if quote_url(article, row[QUOTE]) is None:
            raise InputError(
                f"{relative(dataset.csv_path)}:{row.line}: quote {row[QUOTE]!r} is not in the "
                f"{article.lang} article verbatim; copy the words exactly from content/article/{article.lang}.md"
            )


def load_all(data_dir: Path | None = None, article: Article | None = None) -> dict[str, Dataset]:
    return {i: load_dataset(i, data_dir, article) for i in dataset_ids(data_dir)}
