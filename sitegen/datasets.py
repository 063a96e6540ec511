"""Load and validate the data: data/<id>.csv, described by data/<id>.schema.yml.

The descriptor follows Frictionless Table Schema: `fields` with a name, a type
(string, number, integer, boolean), a `unit` (a key of data/units.yml), `enum`,
`required` and `format` (`period`: 2022, 2022-07, 2023-Q1, 2024-H2, 2024-mid), plus
`missingValues`. Every dataset has a `quote` column: the words of the article that give
the row's numbers, which must occur verbatim in the original-language article.

Validation is one pass: every problem in every descriptor, header, row and cell is
collected as a `file:line: problem; fix` line, and one InputError lists them all (one
line per problem), so an editor who mistypes a number sees where and what to do, fixes
a batch of mistakes in one round, and never sees a traceback.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from sitegen.article import Article
from sitegen.errors import InputError
from sitegen.project import current
from sitegen.reads import cached_read
from sitegen.yamlio import SafeLoader, YAMLError, load_yaml

UNITS_FILE = "units.yml"
SCHEMA_SUFFIX = ".schema.yml"
QUOTE = "quote"
TYPES = ("string", "number", "integer", "boolean")
FORMATS = ("period",)
# Groups: year, month, quarter, half, mid (sitegen/numbers.py reads them in this order).
PERIOD = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4])|-H([12])|-(mid))?$")
PERIOD_FORMS = "2022, 2022-07, 2023-Q1, 2024-H2 or 2024-mid"
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


def _yaml_line(error: Exception) -> int:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return mark.line + 1 if mark is not None else 1


@cached_read
def _units(path: Path) -> dict:
    where = relative(path)
    if not path.exists():
        raise InputError(f"{where}: missing; the unit table lists every `unit:` a descriptor may name")
    try:
        table = load_yaml(path.read_text(encoding="utf-8")) or {}
    except YAMLError as error:
        raise InputError(
            f"{where}:{_yaml_line(error)}: not valid YAML ({getattr(error, 'problem', error)}); fix the syntax"
        ) from None
    except UnicodeDecodeError:
        raise InputError(f"{where}: not UTF-8; re-save the file as UTF-8") from None
    if not isinstance(table, dict):
        raise InputError(f"{where}:1: not a table of units; write one `unit: {{kind: ...}}` per line")
    return table


def units(data_dir: Path | None = None) -> dict:
    return _units((data_dir or current().data_dir) / UNITS_FILE)


def _field_lines(text: str) -> list[int]:
    """The line of each entry under `fields:` in a descriptor, for messages."""
    try:
        root = yaml.compose(text, Loader=SafeLoader)
    except YAMLError:
        return []
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "fields" and isinstance(value, yaml.SequenceNode):
                return [item.start_mark.line + 1 for item in value.value]
    return []


def _read_schema(path: Path, unit_table: dict | None, problems: list[str]) -> tuple[dict, tuple[Field, ...]] | None:
    """The descriptor and its fields, adding every problem found to `problems`; None when
    the descriptor cannot be read at all. `unit_table` None: units are not checked."""
    where = relative(path)
    if not path.exists():
        problems.append(f"{where}: descriptor missing; copy another data/*.schema.yml and list this file's columns")
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        problems.append(f"{where}: not UTF-8; re-save the file as UTF-8")
        return None
    try:
        schema = load_yaml(text) or {}
    except YAMLError as error:
        problems.append(
            f"{where}:{_yaml_line(error)}: not valid YAML ({getattr(error, 'problem', error)}); fix the syntax"
        )
        return None
    if not isinstance(schema, dict):
        problems.append(f"{where}:1: not a descriptor; write `fields:` with one `- {{name: ..., type: ...}}` per column")
        return None
    specs = schema.get("fields") or []
    if not isinstance(specs, list):
        problems.append(f"{where}:1: `fields` is not a list; write one `- {{name: ..., type: ...}}` per column")
        specs = []
    lines = _field_lines(text)
    fields, field_at = [], {}
    for index, spec in enumerate(specs):
        at = f"{where}:{lines[index] if index < len(lines) else 1}"
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str) or not spec.get("name"):
            problems.append(f"{at}: field {index + 1} has no name; write it as {{name: ..., type: ...}}")
            continue
        name = spec["name"]
        enum = spec.get("enum")
        if enum is not None and not isinstance(enum, list):
            problems.append(f"{at}: field '{name}' has enum {enum!r}; write the allowed values as a list, [a, b]")
            enum = None
        field = Field(
            name=name,
            type=spec.get("type", "string"),
            unit=spec.get("unit"),
            enum=tuple(enum) if enum is not None else None,
            required=spec.get("required", True),
            format=spec.get("format"),
            qualifier=spec.get("qualifier"),
            unit_field=spec.get("unit_field"),
            labels=spec.get("labels", "data.labels" if enum is not None else None),
        )
        if name in field_at:
            problems.append(f"{at}: field '{name}' is listed twice; remove one")
            continue
        field_at[name] = at
        if field.type not in TYPES:
            problems.append(f"{at}: field '{name}' has type '{field.type}'; use one of {', '.join(TYPES)}")
            field = replace(field, type="string")  # its cells are still checked, as text
        if field.format is not None and field.format not in FORMATS:
            problems.append(f"{at}: field '{name}' has format '{field.format}'; use {', '.join(FORMATS)} or leave it out")
        if unit_table is not None and field.unit is not None and field.unit not in unit_table:
            units_path = relative(path.parent / UNITS_FILE)
            problems.append(
                f"{at}: field '{name}' has unit '{field.unit}', which is not in {units_path}; "
                f"use one of {', '.join(map(str, unit_table))} or add it to {units_path}"
            )
        fields.append(field)
    names = {f.name for f in fields}
    for field in fields:
        for ref in (field.qualifier, field.unit_field):
            if ref is not None and ref not in names:
                problems.append(f"{field_at[field.name]}: field '{field.name}' refers to column '{ref}', which is not a field; add it or fix the name")
    if QUOTE not in names:
        problems.append(f"{where}: no '{QUOTE}' field; every row needs the article words its numbers come from")
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
    """One cell's value; raises InputError (one line) when the cell is bad."""
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
            raise InputError(
                f"{where}: column '{field.name}' must be true or false, got {text!r}; "
                "write true or false (yes/no and 1/0 also work)"
            )
        value = text.lower() in TRUE
    else:
        value = text
    if field.enum is not None and value not in field.enum:
        raise InputError(
            f"{where}: column '{field.name}' is {text!r}, not an allowed value; "
            f"use one of {', '.join(map(str, field.enum))} (or add it to the field's enum in the descriptor)"
        )
    if field.format == "period" and not PERIOD.match(text):
        raise InputError(f"{where}: column '{field.name}' is {text!r}, not a period; write a period as {PERIOD_FORMS}")
    return value


def _read_rows(text: str, where: str, schema_where: str, fields: tuple[Field, ...], missing: tuple,
               problems: list[str]) -> list[Row]:
    """Every row of the CSV text, adding each problem of the header, a row or a cell."""
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[Row] = []
    try:
        header = next(reader)
        names = [f.name for f in fields]
        for name in names:
            if name not in header:
                problems.append(f"{where}:1: missing column '{name}' (the descriptor lists {', '.join(names)}); add it to the header")
        for position, name in enumerate(header):
            if name not in names:
                problems.append(f"{where}:1: column '{name}' is not in {schema_where}; describe it there or remove it")
            elif name in header[:position]:
                problems.append(f"{where}:1: column '{name}' appears twice in the header; remove one")
        present = [f for f in fields if f.name in header]
        end = reader.line_num
        for cells in reader:
            line, end = end + 1, reader.line_num  # a quoted cell may span lines: report the first
            if not any(c.strip() for c in cells):
                continue
            if any("\n" in c or "\r" in c for c in cells):
                problems.append(
                    f"{where}:{line}: a double quote opened on this line is not closed before line {end}; "
                    "close the quote (a cell holds one line) or remove it"
                )
                continue
            if len(cells) != len(header):
                problems.append(
                    f"{where}:{line}: {len(cells)} cells but the header has {len(header)}; "
                    "look for a missing or extra comma (put a cell containing a comma in double quotes)"
                )
                continue
            by_name = dict(zip(header, cells))
            values, bad = {}, False
            for field in present:
                try:
                    values[field.name] = _convert(by_name[field.name].strip(), field, missing, f"{where}:{line}")
                except InputError as error:
                    problems.append(str(error))
                    bad = True
            if not bad:
                rows.append(Row(line, values))
    except csv.Error as error:
        problems.append(f"{where}:{reader.line_num}: not readable as CSV ({error}); fix the quoting on this line")
    return rows


def _load(dataset_id: str, data_dir: Path, article: Article | None, unit_table: dict | None,
          problems: list[str]) -> Dataset | None:
    """One dataset, adding every problem found to `problems`; None when there are any."""
    before = len(problems)
    csv_path = data_dir / f"{dataset_id}.csv"
    schema_path = data_dir / f"{dataset_id}{SCHEMA_SUFFIX}"
    where = relative(csv_path)
    read = _read_schema(schema_path, unit_table, problems)
    if read is None:
        return None
    schema, fields = read
    if not csv_path.exists():
        problems.append(f"{where}: data file missing for descriptor {relative(schema_path)}; add the CSV or remove the descriptor")
        return None
    raw = csv_path.read_bytes()
    try:
        text = _decode(raw, where)
    except InputError as error:
        problems.append(str(error))
        return None
    if not text.strip():
        problems.append(f"{where}: empty; write a header row ({', '.join(f.name for f in fields)}) and one row per value")
        return None
    missing = schema.get("missingValues", [""])
    missing = tuple(str(m) for m in (missing if isinstance(missing, list) else [missing]))
    rows = _read_rows(text, where, relative(schema_path), fields, missing, problems)
    if not rows and len(problems) == before:
        problems.append(f"{where}: no data rows under the header; add at least one row")
    if len(problems) > before:
        return None
    dataset = Dataset(dataset_id, csv_path, schema_path, schema, fields, tuple(rows), raw)
    if article is not None:
        problems.extend(quote_problems(dataset, article))
    return dataset if len(problems) == before else None


def _unit_table(data_dir: Path, problems: list[str]) -> dict | None:
    try:
        return units(data_dir)
    except InputError as error:
        problems.append(str(error))
        return None


def _raise(problems: list[str]) -> None:
    if problems:
        raise InputError("\n".join(dict.fromkeys(problems)))


def load_dataset(dataset_id: str, data_dir: Path | None = None, article: Article | None = None) -> Dataset:
    """Read and check one dataset; with `article`, check every quote against it too.
    Raises one InputError listing every problem, one `file:line: problem; fix` a line."""
    data_dir = data_dir or current().data_dir
    problems: list[str] = []
    unit_table = _unit_table(data_dir, problems)
    dataset = _load(dataset_id, data_dir, article, unit_table, problems)
    _raise(problems)
    return dataset


def quote_problems(dataset: Dataset, article: Article) -> list[str]:
    """Every row whose quote does not stand verbatim in one paragraph of the article."""
    from sitegen.anchors import quote_url

    problems = []
    for row in dataset.rows:
        quote = row.values.get(QUOTE)
        if not quote:
            problems.append(
                f"{relative(dataset.csv_path)}:{row.line}: no quote; copy the words that give this row's "
                f"numbers from content/article/{article.lang}.md"
            )
        elif quote_url(article, quote) is None:
            problems.append(
                f"{relative(dataset.csv_path)}:{row.line}: quote {quote!r} is not in the "
                f"{article.lang} article verbatim; copy the words exactly from content/article/{article.lang}.md"
            )
    return problems


def check_quotes(dataset: Dataset, article: Article) -> None:
    """Every row's quote must stand verbatim in one paragraph of the article."""
    _raise(quote_problems(dataset, article))


def load_all(data_dir: Path | None = None, article: Article | None = None) -> dict[str, Dataset]:
    """Every dataset, checked in one pass: one InputError lists every problem in every
    dataset (one `file:line: problem; fix` a line), or all load."""
    data_dir = data_dir or current().data_dir
    problems: list[str] = []
    unit_table = _unit_table(data_dir, problems)
    datasets = {i: _load(i, data_dir, article, unit_table, problems) for i in dataset_ids(data_dir)}
    _raise(problems)
    return datasets
