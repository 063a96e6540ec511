"""The unit table, data/units.yml: what a stored value of each unit means.

One entry per unit a descriptor names, with its `kind`: `money` (with `currency` and
`multiplier`, the base units of one stored unit), `percent` (15 is 15%), `ratio` (0.5 is
one half), or any other word for a quantity (`count`, `mass`, `duration`). The model
below is the reference (README.md's data contract) and words each problem.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ConfigDict, ValidationInfo, model_validator
from pydantic import Field as Key
from pydantic.dataclasses import dataclass

from sitegen.core.errors import InputError
from sitegen.core.project import Build
from sitegen.core.reads import cached_read
from sitegen.core.yamlio import YAMLError, load_yaml
from sitegen.model.contract import check, compose, problem

UNITS_FILE = "units.yml"


@dataclass(frozen=True, config=ConfigDict(extra="forbid"))  # a misspelt key is named, not dropped
class Unit:
    """One entry of data/units.yml: what a stored value of the unit means."""

    kind: str = Key(
        description="`money`, `percent` (15 is 15%), `ratio` (0.5 is one half), or any other word for a quantity, "
        "such as `count`, `mass`, `duration`",
        examples=["rides: {kind: count}"],
    )
    currency: str | None = Key(
        default=None,
        description="for `money`: the currency code, whose words are `data.currency.<code>`",
        examples=["currency: CNY"],
    )
    multiplier: float | None = Key(
        default=None,
        description="the base units of one stored unit (1 when not given)",
        examples=["cny_100m: {kind: money, currency: CNY, multiplier: 1.0e+8}"],
    )

    @property
    def base(self) -> float:
        """The base units of one stored unit."""
        return self.multiplier if self.multiplier is not None else 1.0

    @model_validator(mode="before")
    @classmethod
    def _with_kind(cls, data: Any, info: ValidationInfo) -> Any:
        name = (info.context or {}).get("unit", "unit")
        if isinstance(data, dict) and "kind" not in data:
            raise problem(
                f"unit '{name}' has no kind; write `{name}: {{kind: count}}` (or money, percent, ratio, or another word)"
            )
        if isinstance(data, dict) and data.get("kind") == "money" and not isinstance(data.get("currency"), str):
            raise problem(
                f"unit '{name}' is money with no currency; write `{name}: {{kind: money, currency: CNY, multiplier: 1.0e+8}}`"
            )
        return data


def _yaml_line(error: Exception) -> int:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return mark.line + 1 if mark is not None else 1


@cached_read
def _units(build: Build, path: Path) -> dict[str, Unit]:
    where = build.project.relative(path)
    if not path.exists():
        raise InputError(f"{where}: missing; the unit table lists every `unit:` a descriptor may name")
    try:
        text = path.read_text(encoding="utf-8")
        table = load_yaml(text) or {}
    except YAMLError as error:
        raise InputError(
            f"{where}:{_yaml_line(error)}: not valid YAML ({getattr(error, 'problem', error)}); fix the syntax"
        ) from None
    except UnicodeDecodeError:
        raise InputError(f"{where}: not UTF-8; re-save the file as UTF-8") from None
    if not isinstance(table, dict):
        raise InputError(f"{where}:1: not a table of units; write one `unit: {{kind: ...}}` per line")
    node, read, problems = compose(text), {}, []
    for name, entry in table.items():
        unit, found = check(Unit, entry, node, where, {"unit": name}, at=(name,), entry=f"unit '{name}'")
        read[name] = unit
        problems += found
    if problems:
        raise InputError("\n".join(problems))
    return read


def units(build: Build, data_dir: Path | None = None) -> dict[str, Unit]:
    """The report's unit table (or the one in `data_dir`), checked."""
    return _units(build, (data_dir or build.project.data_dir) / UNITS_FILE)
