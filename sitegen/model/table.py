"""A dataset as loaded: its rows, each named by its key columns, and their values, stored
in the CSV or computed by a formula of the descriptor's `derived:`.

A formula names the same row's columns bare (`before`) and another row's as `row.column`,
with numbers, + − × ÷ (`* /`), brackets, round(), abs(), min() and max(). A `field` that is
not a column of the CSV is a computed column: charts and captions read it like any other
(`Dataset.value`).
"""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

from sitegen.model.descriptor import REFERENCE, Derivation, Descriptor
from sitegen.model.fields import Field
from sitegen.model.offsets import Offset


@dataclass(frozen=True)
class Row:
    line: int  # line of the CSV file, for messages
    values: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.values[name]


class FormulaError(ValueError):
    """A formula that cannot be computed: the message says why."""


FUNCTIONS: dict[str, Callable[..., float]] = {"round": round, "abs": abs, "min": min, "max": max}
OPERATORS: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


def evaluate(formula: str, dataset: Dataset, row: Row) -> float:
    """A formula's value for `row` of `dataset`; raises FormulaError."""
    references: list[tuple[str, str]] = []

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
    # The two files as the editor knows them (relative to the report), for messages.
    csv_where: str
    schema_where: str
    schema: Descriptor
    fields: tuple[Field, ...]
    rows: tuple[Row, ...]
    csv_bytes: bytes
    key: tuple[str, ...] = ()  # the columns naming a row (primaryKey)
    derivations: tuple[Derivation, ...] = ()
    offsets: dict[tuple[int, str], Offset] = dataclass_field(
        default_factory=dict, compare=False
    )  # (line, column) -> Offset: a date counted from another row
    derived_lines: tuple[int, ...] = dataclass_field(default=(), compare=False)  # each derivation's line, for messages

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
