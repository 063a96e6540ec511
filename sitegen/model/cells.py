"""The cells of data/<id>.csv, read as its descriptor's fields say: every problem of the
header, a row or a cell as one `file:line: problem; fix` line.

A cell is text in the CSV and a value in the dataset: a number (plain digits; the unit
comes from the descriptor), true or false (yes/no and 1/0 also work), or text; an enum's
cell is one of its values, a period's one of the period forms or a date counted from
another row (sitegen/model/offsets.py). A quoted cell holds one line.
"""

from __future__ import annotations

import csv
import io
import math

from sitegen.core.errors import InputError
from sitegen.model import offsets
from sitegen.model.fields import PERIOD, PERIOD_FORMS, Field
from sitegen.model.table import Row

TRUE, FALSE = ("true", "yes", "1"), ("false", "no", "0")


def decode(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(
            f"{where}:{line}: not UTF-8 (byte 0x{raw[error.start]:02x}); re-save the file as UTF-8"
        ) from None


def convert(text: str, field: Field, missing: tuple[str, ...], where: str) -> float | bool | str | None:
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


def read_rows(
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
                    values[field.name] = convert(by_name[field.name].strip(), field, missing, f"{where}:{line}")
                except InputError as error:
                    problems.append(str(error))
                    bad = True
            if not bad:
                rows.append(Row(line, values))
    except csv.Error as error:
        problems.append(f"{where}:{reader.line_num}: not readable as CSV ({error}); fix the quoting on this line")
    return rows
