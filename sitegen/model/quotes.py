"""What the quotes state: each row's `quote` (and any column marked `quote: true`) is words
of the original-language article, verbatim, and states the row's numbers and periods.

Every number with a unit must be one its quote states, units considered: 411 in 亿元 is
"411亿", 4300 in 万元 "4300万元", 90 percent "九成", 1 in 亿元 with the qualifier `over`
"破亿" (sitegen/model/written.py reads the quote); a number with no unit (a year) is one the
quote writes; a period is a date it gives (2024-H2 is "2024年下半年"), or a date relative
to the writing ("去年年中") that `relative_dates: {written: 2025, words: {去年: -1}}`
resolves. A value computed from others says how under `derived:` instead
(sitegen/model/formulas.py). A boolean field with `marks_derived: true` must be true
exactly on the rows that hold a derived value (by a formula, or a relative date).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sitegen.core.errors import InputError
from sitegen.model.anchors import quote_url
from sitegen.model.article import Article
from sitegen.model.fields import QUOTE, Field
from sitegen.model.formulas import close
from sitegen.model.table import Dataset, Row
from sitegen.model.units import Unit
from sitegen.model.written import Mention, dates, later, mentions

NO_UNIT = Unit(kind="count")


def flag_problems(dataset: Dataset) -> list[str]:
    """A `marks_derived` column is true exactly on the rows holding a derived value: one a
    formula gives (`derived:`), or a date read from "last year" (`relative_dates:`)."""
    derived = {row.line for row in dataset.rows for name in row.values if dataset.derivation(row, name)}
    readings = [(row, _period_reading(dataset, row, field)) for row, field in _period_cells(dataset)]
    derived |= {row.line for row, reading in readings if reading == "relative"}
    unread = {row.line for row, reading in readings if reading is None}  # period_problems reports those
    problems, where = [], dataset.csv_where
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
                    f"{why} (`derived:` or `relative_dates:` in {dataset.schema_where}); write {should}"
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
    spec = dataset.schema.relative_dates
    written, words = (spec.written, spec.words) if spec is not None else (None, {})
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
                f"{{written: <year>, words: {{{found[0].relative or '去年'}: -1}}}}` in {dataset.schema_where}"
            )
        problems.append(
            f"{dataset.csv_where}:{row.line}: column '{field.name}' is '{row[field.name]}', "
            f"but its quote “{' / '.join(dataset.quotes(row))}” gives {stated}; {fix}"
        )
    return problems


def _number_unit(dataset: Dataset, row: Row, field: Field) -> str | None:
    return row.values.get(field.unit_field) if field.unit_field else field.unit


def _states(mention: Mention, value: float, spec: Unit, precision: float | None = None) -> bool:
    """Whether `mention` (a number the quote states) is `value` in the unit `spec`: the
    same number (19万, 十九万 and 190,000 are all 190000), or, for a field with a
    `precision`, the value rounded to a multiple of it (19万 for 187654 at 10000)."""
    kind = spec.kind
    if kind in ("percent", "ratio"):
        return mention.share and _near(
            mention.value,
            value / 100 if kind == "percent" else value,
            precision and (precision / 100 if kind == "percent" else precision),
        )
    if mention.share:
        return False
    if kind == "money" and mention.currency and mention.currency != spec.currency:
        return False
    multiplier = spec.base
    return _near(mention.value, value * multiplier, precision and precision * multiplier)


def _near(stated: float, value: float, precision: float | None) -> bool:
    if precision is None:
        return close(stated, value)
    return abs(stated - value) <= precision / 2 * (1 + 1e-9)


QUOTED_QUALIFIERS = ("over", "nearly", "about")


def number_problems(dataset: Dataset, table: dict[str, Unit]) -> list[str]:
    """Every number with a unit that is not derived must be one its row's quote states,
    units and qualifier (over, nearly, about) considered; two numbers of a row may not
    both be one number of the quote."""
    problems, where = [], dataset.csv_where
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
            spec = table[unit] if unit is not None else NO_UNIT
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
                    f"{dataset.schema_where}"
                )
            elif not candidates:
                said = same[0].qualifier or "no qualifier"
                if field.qualifier:
                    fix = f"write {same[0].qualifier or 'nothing'} in column '{field.qualifier}'"
                else:
                    fix = f"give field '{field.name}' a qualifier column (`qualifier:` in {dataset.schema_where})"
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


def quote_problems(dataset: Dataset, article: Article) -> list[str]:
    """Every row whose quote does not stand verbatim in one paragraph of the article."""
    problems = []
    for row in dataset.rows:
        quote = row.values.get(QUOTE)
        if not quote:
            problems.append(
                f"{dataset.csv_where}:{row.line}: no quote; copy the words that give this row's "
                f"numbers from content/article/{article.lang}.md"
            )
        for text in dataset.quotes(row):
            if quote_url(article, text) is None:
                problems.append(
                    f"{dataset.csv_where}:{row.line}: quote {text!r} is not in the "
                    f"{article.lang} article verbatim; copy the words exactly from content/article/{article.lang}.md"
                )
    return problems


def check_quotes(dataset: Dataset, article: Article) -> None:
    """Every row's quote must stand verbatim in one paragraph of the article."""
    problems = quote_problems(dataset, article)
    if problems:
        raise InputError("\n".join(dict.fromkeys(problems)))
