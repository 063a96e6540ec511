"""A row's date written as an offset from another row's: "two months after the launch".

In a CSV, a `format: period` cell may name another row of the same dataset (by its
primaryKey) and an offset, instead of a date:

    stage,month,rides,quote
    launch,2025-03,52000,…2025年3月上线…
    two-months,launch + 2 months,190000,上线两个月后，日均骑行量达到19万人次

The build resolves it (two-months: 2025-05) before anything reads the data: charts,
tables and captions show the resolved period, the CSV download keeps the cell as
written, and the quote check takes either the resolved date (2025年5月) or the offset as
the article writes it (两个月后, 2个月后, 半年后, 一年后: sitegen/model/written.py, `offsets`).

Offsets count in the base's own steps: months from a month (2025-03), quarters from a
quarter (2025-Q1), years from any period; 12 months or 4 quarters are also whole years.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar


class Row(Protocol):
    """What resolve() reads of a row of sitegen.model.datasets (which imports this module)."""

    @property
    def line(self) -> int: ...

    @property
    def values(self) -> dict[str, Any]: ...


class Field(Protocol):
    """What resolve() reads of a field of sitegen.model.datasets."""

    @property
    def name(self) -> str: ...

    @property
    def format(self) -> str | None: ...


R = TypeVar("R", bound=Row)

PERIOD = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4])|-H([12])|-(mid))?$")
OFFSET = re.compile(r"^(?P<row>[\w.-]+)\s*\+\s*(?P<n>\d+)\s*(?P<unit>months?|quarters?|years?)$")
OFFSET_FORM = "<row> + <n> months (or quarters, years), e.g. launch + 2 months"


@dataclass(frozen=True)
class Offset:
    base: str  # the row counted from, by its primaryKey
    n: int
    unit: str  # "month", "quarter" or "year"

    @property
    def months(self) -> int:
        return self.n * {"month": 1, "quarter": 3, "year": 12}[self.unit]


def parse(text: str) -> Offset | None:
    match = OFFSET.match(text.strip())
    if not match:
        return None
    return Offset(match["row"], int(match["n"]), match["unit"].rstrip("s"))


def shifted(period: str, offset: Offset) -> str | None:
    """The period `offset` after `period`, or None when they do not count alike (months
    from a year)."""
    match = PERIOD.match(period)
    if match is None:
        raise ValueError(f"{period!r} is not a period, so no offset counts from it")
    year, month, quarter, half, mid = match.groups()
    months = offset.months
    if month:
        index = int(year) * 12 + int(month) - 1 + months
        return f"{index // 12}-{index % 12 + 1:02d}"
    if quarter and months % 3 == 0:
        index = int(year) * 4 + int(quarter) - 1 + months // 3
        return f"{index // 4}-Q{index % 4 + 1}"
    if months % 12 == 0:
        return f"{int(year) + months // 12}{period[4:]}"
    return None


def resolve(
    rows: Sequence[R], fields: Sequence[Field], row_key: Callable[[R], str], where: str
) -> tuple[dict[tuple[int, str], Offset], list[str]]:
    """Resolve every offset cell in place (a row's values dict): {(line, field): Offset},
    and the problems, one `file:line: problem; fix` each. An offset may count from a row
    that is itself an offset, not from itself through a loop."""
    offsets, problems = {}, []
    periods = [f.name for f in fields if f.format == "period"]
    pending = [
        (row, name, parsed)
        for row in rows
        for name in periods
        if row.values.get(name) is not None and (parsed := parse(str(row.values[name])))
    ]
    by_key: dict[str, list[R]] = {}
    for row in rows:
        by_key.setdefault(row_key(row), []).append(row)
    while pending:
        waiting = []
        for row, name, offset in pending:
            bases = by_key.get(offset.base, [])
            if len(bases) != 1:
                problems.append(
                    f"{where}:{row.line}: column '{name}' counts from row '{offset.base}', "
                    f"which {'names no row' if not bases else 'names more than one row'}; "
                    f"write a row's primaryKey, as {OFFSET_FORM}"
                )
                continue
            if bases[0].values.get(name) is None:
                problems.append(
                    f"{where}:{row.line}: column '{name}' counts from row '{offset.base}', which has "
                    f"no date (line {bases[0].line}); give that row its date"
                )
                continue
            base = str(bases[0].values[name])
            if parse(base):
                waiting.append((row, name, offset))
                continue
            resolved = shifted(base, offset)
            if resolved is None:
                problems.append(
                    f"{where}:{row.line}: column '{name}' is {offset.n} {offset.unit}(s) from "
                    f"'{base}', which does not count in {offset.unit}s; count in the base's own steps "
                    "(months from a month, quarters from a quarter, years from any period)"
                )
                continue
            row.values[name] = resolved
            offsets[row.line, name] = offset
        if len(waiting) == len(pending):  # a loop: nothing could be resolved this round
            for row, name, offset in waiting:
                problems.append(
                    f"{where}:{row.line}: column '{name}' counts from row '{offset.base}', which counts "
                    "back to this one; give one of them a date"
                )
            break
        pending = waiting
    return offsets, problems
