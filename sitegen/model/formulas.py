"""Derived values checked: every value a formula gives, recomputed; every row named once.

A descriptor's `derived:` gives a formula for one cell or for a column in every row (the
entry's model: sitegen/model/descriptor.py; evaluation: sitegen/model/table.py):

    derived:
      - {value: south_2024.sales, formula: "north_2024.sales * 9"}  # one cell
      - {field: change, unit: percent, formula: "round(100 * (now - before) / before)"}  # every row

A stored value a formula derives must agree with it; a computed column's formula must
compute in every row. Rows are named by the descriptor's `primaryKey`, which must name
each row once.
"""

from __future__ import annotations

from sitegen.model.descriptor import REFERENCE
from sitegen.model.table import Dataset, FormulaError, evaluate


def close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1)


def key_problems(dataset: Dataset) -> list[str]:
    """No row twice, and a declared primaryKey names each row once. (Without one, the
    first column names the rows, and may repeat: a long table's does.) A row pasted twice
    otherwise reached the chart, and failed there, blamed on the chart module."""
    problems = []
    first_line: dict[tuple[tuple[str, object], ...], int] = {}
    for row in dataset.rows:
        cells = tuple(row.values.items())
        if cells in first_line:
            problems.append(
                f"{dataset.csv_where}:{row.line}: this row repeats line {first_line[cells]}, cell for cell; delete one of them"
            )
        first_line.setdefault(cells, row.line)
    if dataset.schema.primary_key is None:
        return problems
    seen: dict[str, int] = {}
    for row in dataset.rows:
        name = dataset.row_key(row)
        if name in seen:
            problems.append(
                f"{dataset.csv_where}:{row.line}: row '{name}' again (as on line {seen[name]}); "
                f"the primaryKey ({', '.join(dataset.key)}) must name each row once"
            )
        seen.setdefault(name, row.line)
    return problems


def derivation_problems(dataset: Dataset) -> list[str]:
    """Every derived value, recomputed from its formula: a stored one must agree with it,
    and a `marks_derived` column must be true exactly on the rows holding one."""
    problems, csv_where, schema_where = (
        [],
        dataset.csv_where,
        dataset.schema_where,
    )
    stored = {f.name for f in dataset.fields}
    for index, derivation in enumerate(dataset.derivations):
        at = f"{schema_where}:{dataset.derived_lines[index]}"
        if derivation.value is not None:
            reference = REFERENCE.fullmatch(derivation.value)
            assert reference is not None  # the descriptor keeps only values that match
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
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not close(value, expected):
                problems.append(
                    f"{csv_where}:{row.line}: column '{column}' is {value!r}, but {at} derives it as "
                    f"{derivation.formula} = {expected:g}; write {expected:g}, or fix the formula"
                )
    return problems
