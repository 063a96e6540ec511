"""One entry under a descriptor's `fields:`: a column of data/<id>.csv, as a model.

A field has a name, a type (string, number, integer, boolean), a `unit` (a key of
data/units.yml), `enum`, `required` and `format` (`period`: 2022, 2022-07, 2023-Q1,
2024-H2, 2024-mid), and this contract's own keys (qualifier, unit_field, labels,
marks_derived, precision, quote). Table Schema's keys of a field that change nothing
here (`title`, `description`, `example`, `rdfType`: IGNORED_KEYS) are left alone; any other
key is named, since a misspelt `unti` would otherwise leave the column with no unit. Each
key's description and example below is what README.md's data contract is generated from;
each validator words its problem and fix.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import ConfigDict, ValidationInfo, field_validator, model_validator
from pydantic import Field as Key
from pydantic.dataclasses import dataclass

from sitegen.model.contract import problem
from sitegen.model.units import UNITS_FILE

QUOTE = "quote"
TYPES = ("string", "number", "integer", "boolean")
FORMATS = ("period",)
# Groups: year, month, quarter, half, mid (sitegen/model/numbers.py reads them in this order).
PERIOD = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4])|-H([12])|-(mid))?$")
PERIOD_FORMS = "2022, 2022-07, 2023-Q1, 2024-H2 or 2024-mid"
# Frictionless Table Schema's keys of a field that only describe it. Its others (say
# `constraints`, `trueValues`, `missingValues`) would change how the cells are read, and
# are named as keys this contract does not take: a build that dropped them would read
# the cells otherwise than the editor meant.
IGNORED_KEYS = frozenset({"title", "description", "example", "rdfType"})


def _context(info: ValidationInfo) -> dict[str, Any]:
    return info.context or {}


def _unit_problem(unit: str, info: ValidationInfo, owner: str) -> None:
    """Raise when `unit` is not in the unit table the loader passed (none: not checked)."""
    table, path = _context(info).get("units"), _context(info).get("units_path", UNITS_FILE)
    if table is not None and unit not in table:
        raise problem(
            f"{owner} has unit '{unit}', which is not in {path}; use one of {', '.join(map(str, table))} or add it to {path}"
        )


@dataclass(frozen=True, config=ConfigDict(extra="forbid"))
class Field:
    """One entry under `fields:`: a column of the CSV."""

    name: str = Key(description="the CSV column", examples=["{name: shops, type: integer}"])
    type: Literal["string", "number", "integer", "boolean"] = Key(
        default="string",
        description="`string`, `number`, `integer` or `boolean` (true/false, yes/no, 1/0)",
        examples=["type: integer"],
    )
    unit: str | None = Key(
        default=None,
        description="a key of `data/units.yml`: what a stored value means, for formatting and for the quote check",
        examples=["unit: cny_100m"],
    )
    enum: tuple[Any, ...] | None = Key(
        default=None,
        description="the values allowed; their reader text comes from `labels`",
        examples=["enum: [harbour, north]"],
    )
    required: bool = Key(
        default=True, description="`false` lets a cell be empty (shown as `data.missing`)", examples=["required: false"]
    )
    format: Literal["period"] | None = Key(
        default=None,
        description="`period`: the cell is a period: `2022`, `2022-07` (month), `2023-Q1` (quarter), `2024-H1`/`2024-H2` "
        "(half-year), `2024-mid` (mid-year); or a date counted from another row, `launch + 2 months` (months, "
        "quarters or years, in the base row's own steps), resolved at build time: charts and tables show the resolved "
        "period (2025年5月 / May 2025), the CSV download keeps the cell as written",
        examples=["{name: month, type: string, format: period}"],
    )
    qualifier: str | None = Key(
        default=None,
        description="the column holding the word the article puts before the number: `over` (超, 逾, 破, …多), "
        "`about` (约, …左右), `nearly` (近, 接近); shown as `data.qualifiers.<word>`",
        examples=["{name: cap, type: number, unit: hkd_100m, qualifier: qualifier}"],
    )
    unit_field: str | None = Key(
        default=None,
        description="instead of `unit`: the column naming each row's unit",
        examples=["{name: value, type: number, unit_field: unit}"],
    )
    labels: str | None = Key(
        default=None,
        description="the strings key under which each value has its reader text (default `data.labels` for an `enum`)",
        examples=["labels: charts.launches.events"],
    )
    marks_derived: bool = Key(
        default=False,
        description="a boolean column that must be true exactly on the rows holding a derived value (a formula, or a "
        "relative date); a chart may draw those with `chart.palette.derived_hatch`",
        examples=["{name: derived, type: boolean, marks_derived: true}"],
    )
    precision: float | None = Key(
        default=None,
        description="the article rounds this column: a quoted number within half a step of the stored one agrees with "
        'it (stored 187654, "19万" at `precision: 10000`); without it they must be equal',
        examples=["precision: 10000"],
    )
    quote: bool = Key(
        default=False,
        description="every dataset has a `quote` column; `quote: true` marks another column as a further quote of the "
        "row, for a row whose numbers come from different paragraphs",
        examples=["{name: quote_2, type: string, quote: true}"],
    )

    def __post_init__(self) -> None:
        # The defaults that follow from other keys: an enum's labels, the quote column.
        if self.labels is None and self.enum is not None:
            object.__setattr__(self, "labels", "data.labels")
        if self.name == QUOTE:
            object.__setattr__(self, "quote", True)

    @model_validator(mode="before")
    @classmethod
    def _describing_keys_left_alone(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {key: value for key, value in data.items() if key not in IGNORED_KEYS}
        return data

    @field_validator("type", mode="before")
    @classmethod
    def _known_type(cls, value: Any, info: ValidationInfo) -> Any:
        if value not in TYPES:
            raise problem(f"field '{info.data.get('name')}' has type '{value}'; use one of {', '.join(TYPES)}")
        return value

    @field_validator("enum", mode="before")
    @classmethod
    def _enum_list(cls, value: Any, info: ValidationInfo) -> Any:
        if value is not None and not isinstance(value, (list, tuple)):
            raise problem(
                f"field '{info.data.get('name')}' has enum {value!r}; write the allowed values as a list, [a, b]"
            )
        return value

    @field_validator("format", mode="before")
    @classmethod
    def _known_format(cls, value: Any, info: ValidationInfo) -> Any:
        if value is not None and value not in FORMATS:
            raise problem(
                f"field '{info.data.get('name')}' has format '{value}'; use {', '.join(FORMATS)} or leave it out"
            )
        return value

    @field_validator("precision", mode="before")
    @classmethod
    def _positive_step(cls, value: Any, info: ValidationInfo) -> Any:
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0):
            raise problem(
                f"field '{info.data.get('name')}' has precision {value!r}; write the step the article rounds this "
                "column to, in its unit, e.g. `precision: 10000` for 19万 from 187654"
            )
        return value

    @field_validator("unit")
    @classmethod
    def _listed_unit(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None:
            _unit_problem(value, info, f"field '{info.data.get('name')}'")
        return value
