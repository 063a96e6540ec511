"""Load and validate the data: data/<id>.csv, described by data/<id>.schema.yml.

The descriptor follows Frictionless Table Schema: `fields` with a name, a type
(string, number, integer, boolean), a `unit` (a key of data/units.yml), `enum`,
`required` and `format` (`period`: 2022, 2022-07, 2023-Q1, 2024-H2, 2024-mid), plus
`missingValues` and `primaryKey` (the column, or columns, naming each row: `north`,
`north_2024`; the first column when not given). Every dataset has a `quote` column:
the words of the article that give the row's numbers, which must occur verbatim in the
original-language article.

Every number with a unit must be one its quote states, units considered: 411 in 亿元 is
"411亿", 4300 in 万元 "4300万元", 90 percent "九成", 1 in 亿元 with the qualifier `over`
"破亿" (sitegen/model/written.py reads the quote); a number with no unit (a year) is one the
quote writes; a period is a date it gives (2024-H2 is "2024年下半年"), or a date relative
to the writing ("去年年中") that `relative_dates: {written: 2025, words: {去年: -1}}`
resolves. A value computed from others instead says how under `derived:` in its
descriptor, and the check recomputes it:

    derived:
      - {value: south_2024.sales, formula: "north_2024.sales * 9"}  # one cell
      - {field: change, unit: percent, formula: "round(100 * (now - before) / before)"}  # every row

A formula names the same row's columns bare (`before`) and another row's as `row.column`,
with numbers, + − × ÷ (`* /`), brackets, round(), abs(), min() and max(). A `field` that is
not a column of the CSV is a computed column: charts and captions read it like any other
(`Dataset.value`). A boolean field with `marks_derived: true` must be true exactly on the
rows that hold a derived value (by a formula, or a relative date).

Validation is one pass: every problem in every descriptor, header, row and cell is
collected as a `file:line: problem; fix` line, and one InputError lists them all (one
line per problem), so an editor who mistypes a number sees where and what to do, fixes
a batch of mistakes in one round, and never sees a traceback.
"""

from __future__ import annotations

import ast
import csv
import io
import math
import operator
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

import yaml

from sitegen.core.errors import InputError
from sitegen.core.project import current
from sitegen.core.reads import cached_read
from sitegen.core.yamlio import SafeLoader, YAMLError, load_yaml
from sitegen.model import offsets
from sitegen.model.article import Article
from sitegen.model.offsets import Offset
from sitegen.model.sources import source_problems
from sitegen.model.written import Mention, dates, later, mentions

UNITS_FILE = "units.yml"
SCHEMA_SUFFIX = ".schema.yml"
QUOTE = "quote"
TYPES = ("string", "number", "integer", "boolean")
FORMATS = ("period",)
# Groups: year, month, quarter, half, mid (sitegen/model/numbers.py reads them in this order).
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
    enum: tuple[Any, ...] | None = None
    required: bool = True
    format: str | None = None
    qualifier: str | None = None  # the column whose word (over, about...) goes with this value
    unit_field: str | None = None  # the column naming each row's unit, when units vary by row
    labels: str | None = None  # strings key under which this column's values have reader text
    marks_derived: bool = False  # a boolean column that is true on the rows holding a derived value
    precision: float | None = None  # the article rounds this column to a multiple of it (10000: 19万 for 187,654)
    quote: bool = False  # another quote column: a row's quotes together state its numbers


@dataclass(frozen=True)
class Row:
    line: int  # line of the CSV file, for messages
    values: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.values[name]


@dataclass(frozen=True)
class Derivation:
    """One entry under `derived:` in a descriptor: a formula for one cell (`value:
    row.column`) or for a column in every row (`field: name`)."""

    formula: str
    value: str | None = None  # "south_2024.sales"
    field: str | None = None  # "change"
    unit: str | None = None  # a computed column's unit (a key of units.yml)
    line: int = 1  # its line in the descriptor, for messages


class FormulaError(ValueError):
    """A formula that cannot be computed: the message says why."""


# `row.column` in a formula or a caption: a row's name, a dot, a column's name.
REFERENCE = re.compile(r"(?<![\w.-])(\w+(?:-\w+)*)\.([A-Za-z_]\w*)")
FUNCTIONS: dict[str, Callable[..., float]] = {"round": round, "abs": abs, "min": min, "max": max}
OPERATORS: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


def evaluate(formula: str, dataset: Dataset, row: Row) -> float:
    """A formula's value for `row` of `dataset`; raises FormulaError."""
    references = []

    def name_reference(match: re.Match[str]) -> str:
        references.append((match.group(1), match.group(2)))
        return f"_ref{len(references) - 1}"

    try:
        tree = ast.parse(REFERENCE.sub(name_reference, formula).strip(), mode="eval")
    except SyntaxError:
        raise FormulaError(f"formula {formula!r} is not arithmetic") from None

    def cell(of: Row, column: str, written: str) -> float:
        if column not in of.values and column not in dataset.computed():
            raise FormulaError(f"{written!r} names no column '{column}'")
        value: float | bool | str | None = dataset.value(of, column)
        if value is None or isinstance(value, (bool, str)):
            raise FormulaError(f"{written!r} is not a number ({value!r})")
        return value

    def walk(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            return node.value
        if isinstance(node, ast.BinOp) and type(node.op) in OPERATORS:
            left, right = walk(node.left), walk(node.right)
            if isinstance(node.op, ast.Div) and right == 0:
                raise FormulaError(f"formula {formula!r} divides by zero")
            return OPERATORS[type(node.op)](left, right)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            return -walk(node.operand) if isinstance(node.op, ast.USub) else walk(node.operand)
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in FUNCTIONS
            and not node.keywords
        ):
            return FUNCTIONS[node.func.id](*(walk(arg) for arg in node.args))
        if isinstance(node, ast.Name) and node.id.startswith("_ref"):
            key, column = references[int(node.id[4:])]
            other = dataset.find(key)
            if other is None:
                raise FormulaError(
                    f"'{key}.{column}' names no row '{key}' (rows: {', '.join(map(dataset.row_key, dataset.rows))})"
                )
            return cell(other, column, f"{key}.{column}")
        if isinstance(node, ast.Name):
            return cell(row, node.id, node.id)
        raise FormulaError(
            f"formula {formula!r} uses something other than numbers, columns, + - * / and {', '.join(FUNCTIONS)}()"
        )

    return walk(tree)


@dataclass(frozen=True)
class Dataset:
    id: str
    csv_path: Path
    schema_path: Path
    schema: dict[str, Any]
    fields: tuple[Field, ...]
    rows: tuple[Row, ...]
    csv_bytes: bytes
    key: tuple[str, ...] = ()  # the columns naming a row (primaryKey)
    derivations: tuple[Derivation, ...] = ()
    offsets: dict[tuple[int, str], Offset] = dataclass_field(
        default_factory=dict, compare=False
    )  # (line, column) -> Offset: a date counted from another row

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def quotes(self, row: Row) -> list[str]:
        """The row's quotes: its `quote` cell, then those of any column marked `quote: true`."""
        return [row.values[f.name] for f in self.fields if f.quote and row.values.get(f.name)]

    def column(self, name: str) -> list[Any]:
        return [row[name] for row in self.rows]

    def row_key(self, row: Row) -> str:
        """The row's name in formulas and captions: its key columns joined by `_`."""
        return "_".join(str(row.values.get(name)) for name in self.key)

    def find(self, key: str) -> Row | None:
        """The one row named `key`, or None (no row, or more than one, has that name)."""
        found = [row for row in self.rows if self.row_key(row) == key]
        return found[0] if len(found) == 1 else None

    def computed(self) -> dict[str, Derivation]:
        """Computed columns: derived `field`s that are not columns of the CSV."""
        stored = {f.name for f in self.fields}
        return {d.field: d for d in self.derivations if d.field and d.field not in stored}

    def derivation(self, row: Row, name: str) -> Derivation | None:
        """How the value in `row`, column `name`, is derived; None for a value as given."""
        for d in self.derivations:
            if d.field == name or (d.value and d.value == f"{self.row_key(row)}.{name}"):
                return d
        return None

    def value(self, row: Row, name: str) -> Any:
        """A stored value, or a computed column's value for this row."""
        if name in row.values:
            return row.values[name]
        return evaluate(self.computed()[name].formula, self, row)


def dataset_ids(data_dir: Path | None = None) -> list[str]:
    """Every dataset that has a descriptor, sorted."""
    data_dir = data_dir or current().data_dir
    return sorted(p.name[: -len(SCHEMA_SUFFIX)] for p in data_dir.glob(f"*{SCHEMA_SUFFIX}"))


def _yaml_line(error: Exception) -> int:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return mark.line + 1 if mark is not None else 1


@cached_read
def _units(path: Path) -> dict[str, dict[str, Any]]:
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


def units(data_dir: Path | None = None) -> dict[str, dict[str, Any]]:
    return _units((data_dir or current().data_dir) / UNITS_FILE)


def _field_lines(text: str, name: str = "fields") -> list[int]:
    """The line of each entry under `fields:` (or another list) in a descriptor, for messages."""
    try:
        root = yaml.compose(text, Loader=SafeLoader)
    except YAMLError:
        return []
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == name and isinstance(value, yaml.SequenceNode):
                return [item.start_mark.line + 1 for item in value.value]
    return []


def _read_schema(
    path: Path, unit_table: dict[str, dict[str, Any]] | None, problems: list[str]
) -> tuple[dict[str, Any], tuple[Field, ...]] | None:
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
        problems.append(
            f"{where}:1: not a descriptor; write `fields:` with one `- {{name: ..., type: ...}}` per column"
        )
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
            marks_derived=bool(spec.get("marks_derived", False)),
            precision=spec.get("precision"),
            quote=name == QUOTE or bool(spec.get("quote", False)),
        )
        if name in field_at:
            problems.append(f"{at}: field '{name}' is listed twice; remove one")
            continue
        field_at[name] = at
        if field.type not in TYPES:
            problems.append(f"{at}: field '{name}' has type '{field.type}'; use one of {', '.join(TYPES)}")
            field = replace(field, type="string")  # its cells are still checked, as text
        if field.precision is not None and (
            isinstance(field.precision, bool) or not isinstance(field.precision, (int, float)) or field.precision <= 0
        ):
            problems.append(
                f"{at}: field '{name}' has precision {field.precision!r}; write the step the article "
                f"rounds this column to, in its unit, e.g. `precision: 10000` for 19万 from 187654"
            )
            field = replace(field, precision=None)
        if field.format is not None and field.format not in FORMATS:
            problems.append(
                f"{at}: field '{name}' has format '{field.format}'; use {', '.join(FORMATS)} or leave it out"
            )
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
                problems.append(
                    f"{field_at[field.name]}: field '{field.name}' refers to column '{ref}', which is not a field; add it or fix the name"
                )
    if QUOTE not in names:
        problems.append(f"{where}: no '{QUOTE}' field; every row needs the article words its numbers come from")
    problems.extend(source_problems(schema, where, _field_lines(text, "sources")))
    return schema, tuple(fields)


def _decode(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(
            f"{where}:{line}: not UTF-8 (byte 0x{raw[error.start]:02x}); re-save the file as UTF-8"
        ) from None


def _convert(text: str, field: Field, missing: tuple[str, ...], where: str) -> float | bool | str | None:
    """One cell's value; raises InputError (one line) when the cell is bad."""
    if text in missing:
        if field.required:
            raise InputError(f"{where}: column '{field.name}' is empty; fill it in (the field is required)")
        return None
    value: float | bool | str  # as the field's type reads the text
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
            raise InputError(
                f"{where}: column '{field.name}' must be a finite number, got {text!r}; write plain digits"
            )
        value = int(value) if isinstance(value, float) and value.is_integer() else value
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
    if field.format == "period" and not PERIOD.match(text) and not offsets.parse(text):
        raise InputError(
            f"{where}: column '{field.name}' is {text!r}, not a period; write a period as {PERIOD_FORMS}, "
            f"or one counted from another row as {offsets.OFFSET_FORM}"
        )
    return value


def _read_rows(
    text: str, where: str, schema_where: str, fields: tuple[Field, ...], missing: tuple[str, ...], problems: list[str]
) -> list[Row]:
    """Every row of the CSV text, adding each problem of the header, a row or a cell."""
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[Row] = []
    try:
        header = next(reader)
        names = [f.name for f in fields]
        for name in names:
            if name not in header:
                problems.append(
                    f"{where}:1: missing column '{name}' (the descriptor lists {', '.join(names)}); add it to the header"
                )
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


def _load(
    dataset_id: str,
    data_dir: Path,
    article: Article | None,
    unit_table: dict[str, dict[str, Any]] | None,
    problems: list[str],
) -> Dataset | None:
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
        problems.append(
            f"{where}: data file missing for descriptor {relative(schema_path)}; add the CSV or remove the descriptor"
        )
        return None
    raw = csv_path.read_bytes()
    try:
        text = _decode(raw, where)
    except InputError as error:
        problems.append(str(error))
        return None
    if not text.strip():
        problems.append(
            f"{where}: empty; write a header row ({', '.join(f.name for f in fields)}) and one row per value"
        )
        return None
    missing = schema.get("missingValues", [""])
    missing = tuple(str(m) for m in (missing if isinstance(missing, list) else [missing]))
    rows = _read_rows(text, where, relative(schema_path), fields, missing, problems)
    if not rows and len(problems) == before:
        problems.append(f"{where}: no data rows under the header; add at least one row")
    if len(problems) > before:
        return None
    key, derivations = _read_key_and_derivations(schema, schema_path, fields, unit_table, problems)
    if len(problems) > before:
        return None
    dataset = Dataset(dataset_id, csv_path, schema_path, schema, fields, tuple(rows), raw, key, derivations)
    problems.extend(key_problems(dataset))
    counted, offset_problems = offsets.resolve(dataset.rows, fields, dataset.row_key, where)
    problems.extend(offset_problems)
    dataset = replace(dataset, offsets=counted)
    problems.extend(derivation_problems(dataset))
    problems.extend(period_problems(dataset))
    problems.extend(flag_problems(dataset))
    if unit_table is not None:
        problems.extend(number_problems(dataset, unit_table))
    if article is not None:
        problems.extend(quote_problems(dataset, article))
    return dataset if len(problems) == before else None


def _read_key_and_derivations(
    schema: dict[str, Any],
    schema_path: Path,
    fields: tuple[Field, ...],
    unit_table: dict[str, dict[str, Any]] | None,
    problems: list[str],
) -> tuple[tuple[str, ...], tuple[Derivation, ...]]:
    """The descriptor's `primaryKey` and `derived:` entries, adding every problem found."""
    where = relative(schema_path)
    text = schema_path.read_text(encoding="utf-8")
    names = [f.name for f in fields]
    key = schema.get("primaryKey", names[:1])
    key = tuple(key) if isinstance(key, list) else (key,)
    for name in key:
        if name not in names:
            problems.append(
                f"{where}:{_line_of(text, 'primaryKey')}: primaryKey names '{name}', which is not a field; "
                f"use one or more of {', '.join(names)}"
            )
    specs = schema.get("derived") or []
    if not isinstance(specs, list):
        problems.append(
            f"{where}:{_line_of(text, 'derived')}: `derived` is not a list; write one "
            "`- {value: row.column, formula: ...}` or `- {field: name, formula: ...}` per line"
        )
        specs = []
    lines = _field_lines(text, "derived")
    derivations = []
    for index, spec in enumerate(specs):
        at = f"{where}:{lines[index] if index < len(lines) else 1}"
        if (
            not isinstance(spec, dict)
            or not isinstance(spec.get("formula"), str)
            or (spec.get("value") is None) == (spec.get("field") is None)
        ):
            problems.append(
                f"{at}: a derived value needs a formula and one target; write "
                "{value: row.column, formula: ...} for one cell or {field: name, formula: ...} for every row"
            )
            continue
        derivation = Derivation(
            formula=spec["formula"],
            value=spec.get("value"),
            field=spec.get("field"),
            unit=spec.get("unit"),
            line=lines[index] if index < len(lines) else 1,
        )
        if derivation.value is not None and (
            not (reference := REFERENCE.fullmatch(str(derivation.value))) or reference.group(2) not in names
        ):
            problems.append(
                f"{at}: `value: {derivation.value}` is not row.column of a column of this dataset; "
                f"write the row's name (its {', '.join(key)}) and a column, as north.sales"
            )
            continue
        if unit_table is not None and derivation.unit is not None and derivation.unit not in unit_table:
            problems.append(
                f"{at}: unit '{derivation.unit}' is not in {relative(schema_path.parent / UNITS_FILE)}; "
                f"use one of {', '.join(map(str, unit_table))}"
            )
            continue
        derivations.append(derivation)
    return key, tuple(derivations)


def _line_of(text: str, word: str) -> int:
    return next((n for n, line in enumerate(text.splitlines(), start=1) if line.startswith(word)), 1)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1)


def key_problems(dataset: Dataset) -> list[str]:
    """A declared primaryKey names each row once."""
    if "primaryKey" not in dataset.schema:
        return []
    seen: dict[str, int] = {}
    problems = []
    for row in dataset.rows:
        name = dataset.row_key(row)
        if name in seen:
            problems.append(
                f"{relative(dataset.csv_path)}:{row.line}: row '{name}' again (as on line {seen[name]}); "
                f"the primaryKey ({', '.join(dataset.key)}) must name each row once"
            )
        seen.setdefault(name, row.line)
    return problems


def derivation_problems(dataset: Dataset) -> list[str]:
    """Every derived value, recomputed from its formula: a stored one must agree with it,
    and a `marks_derived` column must be true exactly on the rows holding one."""
    problems, csv_where, schema_where = [], relative(dataset.csv_path), relative(dataset.schema_path)
    stored = {f.name for f in dataset.fields}
    for derivation in dataset.derivations:
        at = f"{schema_where}:{derivation.line}"
        if derivation.value is not None:
            reference = REFERENCE.fullmatch(derivation.value)
            assert reference is not None  # _read_key_and_derivations keeps only values that match
            key, column = reference.groups()
            row = dataset.find(key)
            if row is None:
                problems.append(
                    f"{at}: `value: {derivation.value}` names no row '{key}' of {csv_where} "
                    f"(rows: {', '.join(map(dataset.row_key, dataset.rows))}); fix the row's name"
                )
                continue
            targets = [(row, column)]
        else:
            targets = [(row, derivation.field) for row in dataset.rows] if derivation.field in stored else []
            for row in dataset.rows if not targets else []:  # a computed column: it must compute
                try:
                    evaluate(derivation.formula, dataset, row)
                except FormulaError as error:
                    problems.append(
                        f"{at}: {error} in row {dataset.row_key(row)} ({csv_where}:{row.line}); fix the formula"
                    )
        for row, column in targets:
            try:
                expected = evaluate(derivation.formula, dataset, row)
            except FormulaError as error:
                problems.append(f"{at}: {error}; fix the formula")
                continue
            value = row.values.get(column)
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not _close(value, expected):
                problems.append(
                    f"{csv_where}:{row.line}: column '{column}' is {value!r}, but {at} derives it as "
                    f"{derivation.formula} = {expected:g}; write {expected:g}, or fix the formula"
                )
    return problems


def flag_problems(dataset: Dataset) -> list[str]:
    """A `marks_derived` column is true exactly on the rows holding a derived value: one a
    formula gives (`derived:`), or a date read from "last year" (`relative_dates:`)."""
    derived = {row.line for row in dataset.rows for name in row.values if dataset.derivation(row, name)}
    readings = [(row, _period_reading(dataset, row, field)) for row, field in _period_cells(dataset)]
    derived |= {row.line for row, reading in readings if reading == "relative"}
    unread = {row.line for row, reading in readings if reading is None}  # period_problems reports those
    problems, where = [], relative(dataset.csv_path)
    for field in (f for f in dataset.fields if f.marks_derived):
        for row in dataset.rows:
            if bool(row[field.name]) != (row.line in derived) and row.line not in unread:
                should, why = (
                    ("true", "a value in it is derived")
                    if row.line in derived
                    else ("false", "no value in it is derived")
                )
                problems.append(
                    f"{where}:{row.line}: column '{field.name}' is {str(row[field.name]).lower()}, but "
                    f"{why} (`derived:` or `relative_dates:` in {relative(dataset.schema_path)}); write {should}"
                )
    return problems


def _period_cells(dataset: Dataset) -> Iterator[tuple[Row, Field]]:
    for row in dataset.rows:
        for field in dataset.fields:
            if field.format == "period" and row.values.get(field.name) and dataset.quotes(row):
                yield row, field


def _period_reading(dataset: Dataset, row: Row, field: Field) -> str | None:
    """How a period agrees with its quote: "absolute" (2024年下半年 for 2024-H2), "relative"
    (去年年中 for 2024-mid, by the descriptor's `relative_dates`), or None (it does not)."""
    spec = dataset.schema.get("relative_dates") or {}
    written, words = spec.get("written"), spec.get("words") or {}
    quotes = dataset.quotes(row)
    value, found = str(row[field.name]), [d for quote in quotes for d in dates(quote)]
    if any(d.year is not None and d.period(d.year) == value for d in found):
        return "absolute"
    offset = dataset.offsets.get((row.line, field.name))
    if offset is not None and offset.months in [months for quote in quotes for months in later(quote)]:
        return "offset"
    if isinstance(written, int) and any(
        d.relative in words and d.period(written + words[d.relative]) == value for d in found
    ):
        return "relative"
    return None


def period_problems(dataset: Dataset) -> list[str]:
    """Every period must be a date its quote states: 2024-H2 is 2024年下半年; a date the
    quote gives relative to the writing (去年, 近期) is resolved by the descriptor's
    `relative_dates: {written: 2025, words: {去年: -1, 近期: 0}}`."""
    problems = []
    for row, field in _period_cells(dataset):
        if _period_reading(dataset, row, field) is not None:
            continue
        found = [d for quote in dataset.quotes(row) for d in dates(quote)]
        stated = ", ".join(d.text for d in found) or "no date"
        fix = "write the period the quote gives (2024年下半年 is 2024-H2, 2023年Q1 2023-Q1, 2024年中旬 2024-mid)"
        if any(d.relative for d in found):
            fix += (
                f", and for a date relative to the writing, give its year under `relative_dates: "
                f"{{written: <year>, words: {{{found[0].relative or '去年'}: -1}}}}` in {relative(dataset.schema_path)}"
            )
        problems.append(
            f"{relative(dataset.csv_path)}:{row.line}: column '{field.name}' is '{row[field.name]}', "
            f"but its quote “{' / '.join(dataset.quotes(row))}” gives {stated}; {fix}"
        )
    return problems


def _number_unit(dataset: Dataset, row: Row, field: Field) -> str | None:
    return row.values.get(field.unit_field) if field.unit_field else field.unit


def _states(mention: Mention, value: float, spec: dict[str, Any], precision: float | None = None) -> bool:
    """Whether `mention` (a number the quote states) is `value` in the unit `spec`: the
    same number (19万, 十九万 and 190,000 are all 190000), or, for a field with a
    `precision`, the value rounded to a multiple of it (19万 for 187654 at 10000)."""
    kind = spec.get("kind")
    if kind in ("percent", "ratio"):
        return mention.share and _near(
            mention.value,
            value / 100 if kind == "percent" else value,
            precision and (precision / 100 if kind == "percent" else precision),
        )
    if mention.share:
        return False
    if kind == "money" and mention.currency and mention.currency != spec.get("currency"):
        return False
    multiplier = spec.get("multiplier", 1)
    return _near(mention.value, value * multiplier, precision and precision * multiplier)


def _near(stated: float, value: float, precision: float | None) -> bool:
    if precision is None:
        return _close(stated, value)
    return abs(stated - value) <= precision / 2 * (1 + 1e-9)


QUOTED_QUALIFIERS = ("over", "nearly", "about")


def number_problems(dataset: Dataset, table: dict[str, dict[str, Any]] | None = None) -> list[str]:
    """Every number with a unit that is not derived must be one its row's quote states,
    units and qualifier (over, nearly, about) considered; two numbers of a row may not
    both be one number of the quote."""
    problems, where = [], relative(dataset.csv_path)
    table = table if table is not None else units(dataset.csv_path.parent)
    checked = [f for f in dataset.fields if f.type in ("number", "integer")]
    for row in dataset.rows:
        quotes = dataset.quotes(row)
        if not quotes:
            continue
        quote = " / ".join(quotes)  # for messages
        stated = [mention for text in quotes for mention in mentions(text)]
        wanted = []  # (field, value, candidates)
        for field in checked:
            value, unit = row.values.get(field.name), _number_unit(dataset, row, field)
            if value is None or (unit is not None and unit not in table) or dataset.derivation(row, field.name):
                continue
            spec = table[unit] if unit is not None else {"kind": "count"}
            qualifier = row.values.get(field.qualifier) if field.qualifier else None
            qualifier = qualifier if qualifier in QUOTED_QUALIFIERS else None
            same = [m for m in stated if _states(m, value, spec, field.precision)]
            candidates = [m for m in same if m.qualifier == qualifier]
            if not same:
                numbers = ", ".join(m.text for m in stated) or "no number"
                problems.append(
                    f"{where}:{row.line}: column '{field.name}' is {value:g} ({unit or 'no unit'}), but its quote "
                    f"“{quote}” states {numbers}; write the number the quote states (or fix the quote), "
                    f"or, for a value computed from others, give its formula under `derived:` in "
                    f"{relative(dataset.schema_path)}"
                )
            elif not candidates:
                said = same[0].qualifier or "no qualifier"
                if field.qualifier:
                    fix = f"write {same[0].qualifier or 'nothing'} in column '{field.qualifier}'"
                else:
                    fix = f"give field '{field.name}' a qualifier column (`qualifier:` in {relative(dataset.schema_path)})"
                problems.append(
                    f"{where}:{row.line}: column '{field.name}' is {value:g} with qualifier {qualifier or 'none'}, "
                    f"but its quote writes “{same[0].text}” ({said}); {fix}"
                )
            else:
                wanted.append((field, value, candidates))
        if wanted and not _distinct(wanted):
            names = ", ".join(f"'{field.name}'" for field, _, _ in wanted)
            problems.append(
                f"{where}:{row.line}: columns {names} cannot each be a different number of the quote "
                f"“{quote}”; write each value the quote states once"
            )
    return problems


def _distinct(wanted: Sequence[tuple[Field, float, Sequence[Mention]]], used: tuple[int, ...] = ()) -> bool:
    """Whether each value can take a different number of the quote."""
    if not wanted:
        return True
    (_, _, candidates), rest = wanted[0], wanted[1:]
    return any(_distinct(rest, (*used, id(m))) for m in candidates if id(m) not in used)


def _unit_table(data_dir: Path, problems: list[str]) -> dict[str, dict[str, Any]] | None:
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
    assert dataset is not None  # _load returns None only after adding a problem, which _raise raised
    return dataset


def quote_problems(dataset: Dataset, article: Article) -> list[str]:
    """Every row whose quote does not stand verbatim in one paragraph of the article."""
    from sitegen.model.anchors import quote_url

    problems = []
    for row in dataset.rows:
        quote = row.values.get(QUOTE)
        if not quote:
            problems.append(
                f"{relative(dataset.csv_path)}:{row.line}: no quote; copy the words that give this row's "
                f"numbers from content/article/{article.lang}.md"
            )
        for text in dataset.quotes(row):
            if quote_url(article, text) is None:
                problems.append(
                    f"{relative(dataset.csv_path)}:{row.line}: quote {text!r} is not in the "
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
    loaded = {i: _load(i, data_dir, article, unit_table, problems) for i in dataset_ids(data_dir)}
    _raise(problems)
    datasets = {i: dataset for i, dataset in loaded.items() if dataset is not None}
    assert len(datasets) == len(loaded)  # _load returns None only after adding a problem, which _raise raised
    return datasets
