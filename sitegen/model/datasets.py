"""Load and check the data: data/<id>.csv, described by data/<id>.schema.yml.

The pieces, each in its module of sitegen/model/:
    descriptor  the descriptor's model (with fields.py and sources.py), and units.py
    cells       the CSV's header, rows and cells as the fields say
    table       the Dataset: rows by name, values stored or computed by formula
    formulas    derived values recomputed, rows named once
    quotes      every number and period one its quote states, every quote in the
                article
This module reads a dataset through all of them: `load_dataset`, `load_all`.

Validation is one pass: every problem in every descriptor, header, row and cell is
collected as a `file:line: problem; fix` line, and one InputError lists them all (one
line per problem), so an editor who mistypes a number sees where and what to do, fixes
a batch of mistakes in one round, and never sees a traceback.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sitegen.core.errors import InputError
from sitegen.core.project import Build, Project
from sitegen.core.yamlio import YAMLError, load_yaml
from sitegen.model import offsets
from sitegen.model.article import Article
from sitegen.model.cells import FALSE, TRUE, decode, read_rows
from sitegen.model.contract import check, compose, line_at, listed
from sitegen.model.descriptor import REFERENCE, SCHEMA_SUFFIX, Derivation, Descriptor
from sitegen.model.fields import PERIOD, PERIOD_FORMS, QUOTE, TYPES, Field
from sitegen.model.formulas import derivation_problems, key_problems
from sitegen.model.quotes import check_quotes, flag_problems, number_problems, period_problems, quote_problems
from sitegen.model.table import Dataset, FormulaError, Row, evaluate
from sitegen.model.units import UNITS_FILE, Unit, units

# What callers import from here, wherever it is defined now.
__all__ = [
    "FALSE",
    "PERIOD",
    "PERIOD_FORMS",
    "QUOTE",
    "REFERENCE",
    "SCHEMA_SUFFIX",
    "TRUE",
    "TYPES",
    "UNITS_FILE",
    "Dataset",
    "Derivation",
    "Descriptor",
    "Field",
    "FormulaError",
    "Row",
    "Unit",
    "check_quotes",
    "dataset_ids",
    "evaluate",
    "load_all",
    "load_dataset",
    "quote_problems",
    "units",
]


def dataset_ids(data_dir: Path) -> list[str]:
    """Every dataset that has a descriptor in `data_dir`, sorted."""
    return sorted(p.name[: -len(SCHEMA_SUFFIX)] for p in data_dir.glob(f"*{SCHEMA_SUFFIX}"))


def read_descriptor(
    report: Project, path: Path, unit_table: dict[str, Unit] | None, problems: list[str]
) -> tuple[Descriptor, Any] | None:
    """The descriptor and its YAML node tree (for lines), adding every problem found to
    `problems`. After problems, what of it can still read the CSV, so that the cells'
    problems are found in the same pass; None when the file cannot be read at all.
    `unit_table` None: units are not checked."""
    where = report.relative(path)
    if not path.exists():
        problems.append(f"{where}: descriptor missing; copy another data/*.schema.yml and list this file's columns")
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        problems.append(f"{where}: not UTF-8; re-save the file as UTF-8")
        return None
    try:
        data = load_yaml(text) or {}
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problems.append(f"{where}:{line}: not valid YAML ({getattr(error, 'problem', error)}); fix the syntax")
        return None
    node = compose(text)
    context = {"units": unit_table, "units_path": report.relative(path.parent / UNITS_FILE)}
    descriptor, found = check(Descriptor, data, node, where, context)
    problems.extend(found)
    if descriptor is None:
        descriptor = _readable(data)
    return (descriptor, node) if descriptor is not None else None


def _readable(data: Any) -> Descriptor | None:
    """What of a descriptor with problems can still read the CSV: its named fields, each
    without the keys that have problems (a bad `type` reads the cells as text)."""
    if not isinstance(data, dict):
        return None
    named: dict[str, dict[str, Any]] = {}  # the first field of each name, as the checks keep it
    for spec in listed(data, "fields"):
        if isinstance(spec, dict) and isinstance(spec.get("name"), str) and spec["name"]:
            named.setdefault(spec["name"], dict(spec))
    data = {**data, "fields": list(named.values())}
    for _ in range(3):
        try:
            return Descriptor.model_validate(data, context={"lenient": True})
        except ValidationError as error:
            locs = [tuple(e["loc"]) for e in error.errors()]
        fields = data["fields"]
        for loc in locs:
            if loc[:1] == ("fields",) and len(loc) >= 3 and isinstance(fields[loc[1]], dict):
                fields[loc[1]].pop(loc[2], None)
            elif loc[:1] != ("fields",) and loc:
                data.pop(loc[0], None)
        dropped = {loc[1] for loc in locs if loc[:1] == ("fields",) and len(loc) == 2}
        data["fields"] = [spec for index, spec in enumerate(fields) if index not in dropped]
    return None


def _load(
    report: Project,
    dataset_id: str,
    data_dir: Path,
    article: Article | None,
    unit_table: dict[str, Unit] | None,
    problems: list[str],
) -> Dataset | None:
    """One dataset, adding every problem found to `problems`; None when there are any."""
    before = len(problems)
    csv_path = data_dir / f"{dataset_id}.csv"
    schema_path = data_dir / f"{dataset_id}{SCHEMA_SUFFIX}"
    where, schema_where = report.relative(csv_path), report.relative(schema_path)
    read = read_descriptor(report, schema_path, unit_table, problems)
    if read is None:
        return None
    schema, node = read
    fields = schema.fields
    if not csv_path.exists():
        problems.append(
            f"{where}: data file missing for descriptor {schema_where}; add the CSV or remove the descriptor"
        )
        return None
    raw = csv_path.read_bytes()
    try:
        text = decode(raw, where)
    except InputError as error:
        problems.append(str(error))
        return None
    if not text.strip():
        problems.append(
            f"{where}: empty; write a header row ({', '.join(f.name for f in fields)}) and one row per value"
        )
        return None
    rows = read_rows(text, where, schema_where, fields, schema.missing_values, problems)
    if not rows and len(problems) == before:
        problems.append(f"{where}: no data rows under the header; add at least one row")
    if len(problems) > before:
        return None
    key = schema.primary_key or tuple(f.name for f in fields[:1])
    dataset = Dataset(
        dataset_id,
        csv_path,
        schema_path,
        where,
        schema_where,
        schema,
        fields,
        tuple(rows),
        raw,
        key,
        schema.derived,
        derived_lines=tuple(line_at(node, ("derived", index)) for index in range(len(schema.derived))),
    )
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


def _unit_table(build: Build, data_dir: Path, problems: list[str]) -> dict[str, Unit] | None:
    try:
        return units(build, data_dir)
    except InputError as error:
        problems.append(str(error))
        return None


def _raise(problems: list[str]) -> None:
    if problems:
        raise InputError("\n".join(dict.fromkeys(problems)))


def load_dataset(
    build: Build, dataset_id: str, data_dir: Path | None = None, article: Article | None = None
) -> Dataset:
    """Read and check one dataset (of the report's data/, or of `data_dir`); with
    `article`, check every quote against it too. Raises one InputError listing every
    problem, one `file:line: problem; fix` a line."""
    data_dir = data_dir or build.project.data_dir
    problems: list[str] = []
    unit_table = _unit_table(build, data_dir, problems)
    dataset = _load(build.project, dataset_id, data_dir, article, unit_table, problems)
    _raise(problems)
    assert dataset is not None  # _load returns None only after adding a problem, which _raise raised
    return dataset


def load_all(build: Build, data_dir: Path | None = None, article: Article | None = None) -> dict[str, Dataset]:
    """Every dataset (of the report's data/, or of `data_dir`), checked in one pass: one
    InputError lists every problem in every dataset (one `file:line: problem; fix` a
    line), or all load."""
    data_dir = data_dir or build.project.data_dir
    problems: list[str] = []
    unit_table = _unit_table(build, data_dir, problems)
    loaded = {i: _load(build.project, i, data_dir, article, unit_table, problems) for i in dataset_ids(data_dir)}
    _raise(problems)
    datasets = {i: dataset for i, dataset in loaded.items() if dataset is not None}
    assert len(datasets) == len(loaded)  # _load returns None only after adding a problem, which _raise raised
    return datasets
