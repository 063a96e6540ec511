"""Dates counted from another row (sitegen/model/offsets.py) and the article's words for them
(sitegen/model/written.py, `later`)."""

from __future__ import annotations

import pytest

from sitegen.model.datasets import Field, Row
from sitegen.model.offsets import Offset, parse, resolve, shifted
from sitegen.model.written import later


@pytest.mark.parametrize(
    "period, text, expected",
    [
        ("2025-03", "launch + 2 months", "2025-05"),
        ("2025-11", "launch + 3 months", "2026-02"),
        ("2025-Q4", "x + 2 quarters", "2026-Q2"),
        ("2025-Q1", "x + 6 months", "2025-Q3"),
        ("2024", "x + 1 year", "2025"),
        ("2024-H2", "x + 2 years", "2026-H2"),
        ("2024", "x + 2 months", None),  # a year does not count in months
    ],
)
def test_an_offset_counts_in_the_base_periods_own_steps(period, text, expected):
    assert shifted(period, parse(text)) == expected


def test_only_the_offset_form_parses():
    assert parse("launch+2 months") == Offset("launch", 2, "month")
    assert parse("2025-05") is None and parse("launch - 2 months") is None


def rows(*cells):
    return [Row(line, {"stage": stage, "month": month}) for line, (stage, month) in enumerate(cells, start=2)]


FIELDS = (Field("stage"), Field("month", format="period"))


def test_offsets_resolve_in_place_even_in_a_chain():
    table = rows(("c", "b + 1 month"), ("b", "a + 2 months"), ("a", "2025-03"))
    counted, problems = resolve(table, FIELDS, lambda row: row.values["stage"], "data/x.csv")
    assert problems == [] and [row.values["month"] for row in table] == ["2025-06", "2025-05", "2025-03"]
    assert counted == {(2, "month"): Offset("b", 1, "month"), (3, "month"): Offset("a", 2, "month")}


def test_a_loop_and_an_unknown_row_are_reported_with_their_lines():
    table = rows(("a", "b + 1 month"), ("b", "a + 1 month"), ("c", "z + 1 month"))
    _, problems = resolve(table, FIELDS, lambda row: row.values["stage"], "data/x.csv")
    assert problems == [
        "data/x.csv:4: column 'month' counts from row 'z', which names no row; write a row's primaryKey, as "
        "<row> + <n> months (or quarters, years), e.g. launch + 2 months",
        "data/x.csv:2: column 'month' counts from row 'b', which counts back to this one; give one of them a date",
        "data/x.csv:3: column 'month' counts from row 'a', which counts back to this one; give one of them a date",
    ]


@pytest.mark.parametrize(
    "text, months",
    [
        ("上线两个月后，日均骑行量达到19万人次", [2]),
        ("3个月之后", [3]),
        ("三个季度后", [9]),
        ("一年后", [12]),
        ("半年后", [6]),
        ("2025年3月后", []),
    ],
)
def test_the_article_words_for_a_time_later(text, months):
    assert later(text) == months


def test_an_offset_from_a_row_with_no_date_is_named_not_a_crash():
    table = rows(("launch", None), ("later", "launch + 2 months"))
    counted, problems = resolve(table, FIELDS, lambda row: row.values["stage"], "data/x.csv")
    assert counted == {}
    assert problems == [
        "data/x.csv:3: column 'month' counts from row 'launch', which has no date (line 2); give that row its date"
    ]
