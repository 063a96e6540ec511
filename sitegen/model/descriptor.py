"""The data contract as a model: a dataset's descriptor, data/<id>.schema.yml.

The descriptor follows Frictionless Table Schema: `fields` with a name, a type (string,
number, integer, boolean), a `unit` (a key of data/units.yml, sitegen/model/units.py),
`enum`, `required` and `format` (`period`), plus `missingValues` and `primaryKey`, and
this contract's own keys: `sources` (sitegen/model/sources.py), `derived` and
`relative_dates`. Each key's description, default and example below is what README.md's
data contract is generated from (`python -m sitegen contract`); each validator words
its problem and the fix. Table Schema's keys that the build does not read (a `title`,
a `description`: IGNORED_KEYS) are left alone; any other key it does not know is named
(a misspelt `primarykey` would otherwise be dropped in silence, and the first column
taken as the key). Every problem is reported in one pass: pydantic's errors of every key,
then the checks across keys (a field named twice, a qualifier naming no column, no
`quote` field).
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic import Field as Key
from pydantic.dataclasses import dataclass

from sitegen.model.contract import listed, merged, problem
from sitegen.model.fields import QUOTE, Field
from sitegen.model.sources import EXAMPLE as SOURCE_EXAMPLE
from sitegen.model.sources import Source

SCHEMA_SUFFIX = ".schema.yml"
# Frictionless Table Schema's own keys of a schema, which a descriptor may hold and the
# build does not read.
IGNORED_KEYS = frozenset({"$schema", "title", "description", "foreignKeys", "uniqueKeys", "fieldsMatch"})


def _context(info: ValidationInfo) -> dict[str, Any]:
    return info.context or {}


# `row.column` in a formula or a caption: a row's name, a dot, a column's name.
REFERENCE = re.compile(r"(?<![\w.-])(\w+(?:-\w+)*)\.([A-Za-z_]\w*)")


@dataclass(frozen=True)
class Derivation:
    """One entry under `derived:`: a formula for one cell (`value: row.column`) or for a
    column in every row (`field: name`)."""

    formula: str = Key(
        description="`+ - * /`, brackets, `round abs min max`, the row's own columns bare and other rows' as "
        "`row.column`",
        examples=['formula: "north_2024.sales * 9"'],
    )
    value: str | None = Key(default=None, description="one cell: `row.column`", examples=["value: south_2024.sales"])
    field: str | None = Key(
        default=None,
        description="every row: a column (one not in the CSV becomes a computed column, with its `unit`)",
        examples=["field: change"],
    )
    unit: str | None = Key(
        default=None, description="a computed column's unit (a key of units.yml)", examples=["unit: percent"]
    )

    @model_validator(mode="before")
    @classmethod
    def _one_target(cls, data: Any) -> Any:
        if isinstance(data, dict) and (
            not isinstance(data.get("formula"), str) or (data.get("value") is None) == (data.get("field") is None)
        ):
            raise problem(
                "a derived value needs a formula and one target; write "
                "{value: row.column, formula: ...} for one cell or {field: name, formula: ...} for every row"
            )
        return data

    @field_validator("unit")
    @classmethod
    def _listed_unit(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None:
            table, path = (info.context or {}).get("units"), (info.context or {}).get("units_path", "units.yml")
            if table is not None and value not in table:
                raise problem(f"unit '{value}' is not in {path}; use one of {', '.join(map(str, table))}")
        return value


@dataclass(frozen=True)
class RelativeDates:
    """`relative_dates:`: the year the article was written and each relative word's offset."""

    written: int | None = Key(default=None, description="the year of writing", examples=["written: 2025"])
    words: dict[str, int] = Key(
        default_factory=dict, description="each word and its offset in years", examples=["words: {去年: -1, 近期: 0}"]
    )


class Descriptor(BaseModel):
    """A dataset's descriptor, data/<id>.schema.yml."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    fields: tuple[Field, ...] = Key(
        default=(),
        description="one entry per CSV column, in any order (below)",
        examples=["- {name: rides, type: integer, unit: rides}"],
    )
    primary_key: tuple[str, ...] | None = Key(
        default=None,
        alias="primaryKey",
        description="the column(s) naming each row; the first column when not given. A row's name is its key values "
        "joined by `_`, as written in the CSV (`north`, `north_2024`, `2021-03`): formulas, placeholders and relative "
        "dates name rows by it",
        examples=["primaryKey: [region, year]"],
    )
    derived: tuple[Derivation, ...] = Key(
        default=(),
        description="a formula for a value the article computes rather than states; the build recomputes it. One "
        "cell: `value: row.column`; every row: `field: name` (a column not in the CSV becomes a computed column, with "
        "its `unit`)",
        examples=[
            '- {value: south_2024.sales, formula: "north_2024.sales * 9"}',
            '- {field: change, unit: percent, formula: "round(100 * (now - before) / before)"}',
        ],
    )
    relative_dates: RelativeDates | None = Key(
        default=None,
        description="a date the quote gives relative to when the article was written (去年, 近期): the year of writing "
        "and each word's offset in years. It counts from the article's year, not from another row (for that, see "
        "`format: period`)",
        examples=["relative_dates: {written: 2025, words: {去年: -1, 近期: 0}}"],
    )
    missing_values: tuple[str, ...] = Key(
        default=("",),
        alias="missingValues",
        description='the cell texts that mean "not given" (default: empty)',
        examples=['missingValues: ["", "n/a"]'],
    )
    period: Any = Key(
        default=None,
        description="not read by the build: a note for the editor on the time the dataset covers (the examples keep "
        "it as a comment instead)",
        examples=["period: 2024"],
    )
    sources: tuple[Source, ...] = Key(
        description="required, one or more: where the numbers come from. An id, whose name is `data.sources.<id>` in "
        "every strings file, or the id with a URL and the date it was read; the data page links the name and gives "
        "the date. A dataset with no source stops the build naming its descriptor",
        examples=[
            "sources: [association]",
            '- {id: open-data, url: "https://data.example.org/rides", accessed: 2026-11-02}',
        ],
    )

    @field_validator("primary_key", mode="before")
    @classmethod
    def _key_list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("missing_values", mode="before")
    @classmethod
    def _texts(cls, value: Any) -> Any:
        return tuple(str(m) for m in (value if isinstance(value, list) else [value]))

    @field_validator("fields", "derived", mode="before")
    @classmethod
    def _a_list(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None:
            return ()
        if not isinstance(value, list):
            if info.field_name == "fields":
                raise problem("`fields` is not a list; write one `- {name: ..., type: ...}` per column")
            raise problem(
                "`derived` is not a list; write one "
                "`- {value: row.column, formula: ...}` or `- {field: name, formula: ...}` per line"
            )
        return value

    @field_validator("sources", mode="before")
    @classmethod
    def _some_source(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None and _context(info).get("lenient"):
            return ()
        if value is None or value == []:
            raise problem(f"no source; say where the numbers come from, e.g. {SOURCE_EXAMPLE}", line=False)
        if not isinstance(value, list):
            raise problem(f"`sources` is {value!r}, not a list; write it as a list, e.g. {SOURCE_EXAMPLE}")
        return value

    @model_validator(mode="wrap")
    @classmethod
    def _across_keys(cls, data: Any, handler: Any, info: ValidationInfo) -> Any:
        """Every key's problems, then those only the whole descriptor shows."""
        if not isinstance(data, dict):
            raise problem("not a descriptor; write `fields:` with one `- {name: ..., type: ...}` per column")
        lenient = _context(info).get("lenient")
        # A descriptor with no `sources:` is told so.
        data = {"sources": None, **{key: value for key, value in data.items() if key not in IGNORED_KEYS}}
        try:
            descriptor, earlier = handler(data), None
        except ValidationError as error:
            descriptor, earlier = None, error
        found = [] if lenient else _cross_problems(data)
        if earlier is None and not found:
            return descriptor
        raise merged(_without_unnamed(earlier, data), found)


def _named(data: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    specs = listed(data, "fields")
    return [(i, s) for i, s in enumerate(specs) if isinstance(s, dict) and isinstance(s.get("name"), str) and s["name"]]


def _without_unnamed(error: ValidationError | None, data: dict[str, Any]) -> list[Any]:
    """pydantic's errors, less those of a field with no name (the cross-check says it)."""
    named = {i for i, _ in _named(data)}
    return [
        e
        for e in (error.errors(include_url=False) if error is not None else [])
        if not (e["loc"][:1] == ("fields",) and len(e["loc"]) > 1 and e["loc"][1] not in named)
    ]


def _cross_problems(data: dict[str, Any]) -> list[Any]:
    """The problems across keys, from the descriptor as written."""
    found = []
    specs = listed(data, "fields")
    named = dict(_named(data))
    for index in range(len(specs)):
        if index not in named:
            found.append(
                problem(f"field {index + 1} has no name; write it as {{name: ..., type: ...}}", "fields", index)
            )
    seen: dict[str, int] = {}
    for index, spec in named.items():
        if spec["name"] in seen:
            found.append(problem(f"field '{spec['name']}' is listed twice; remove one", "fields", index))
        seen.setdefault(spec["name"], index)
    for index, spec in named.items():
        for ref in (spec.get("qualifier"), spec.get("unit_field")):
            if ref is not None and ref not in seen:
                found.append(
                    problem(
                        f"field '{spec['name']}' refers to column '{ref}', which is not a field; add it or fix the name",
                        "fields",
                        index,
                    )
                )
    if QUOTE not in seen:
        found.append(
            problem(f"no '{QUOTE}' field; every row needs the article words its numbers come from", line=False)
        )
    names = list(seen)
    key = data.get("primaryKey", names[:1])
    for name in key if isinstance(key, list) else [key]:
        if name not in seen:
            found.append(
                problem(
                    f"primaryKey names '{name}', which is not a field; use one or more of {', '.join(names)}",
                    "primaryKey",
                )
            )
    derived = listed(data, "derived")
    for index, spec in enumerate(derived):
        value = spec.get("value") if isinstance(spec, dict) else None
        if value is not None and (not (ref := REFERENCE.fullmatch(str(value))) or ref.group(2) not in seen):
            found.append(
                problem(
                    f"`value: {value}` is not row.column of a column of this dataset; "
                    f"write the row's name (its {', '.join(map(str, key if isinstance(key, list) else [key]))}) "
                    "and a column, as north.sales",
                    "derived",
                    index,
                )
            )
    return found
