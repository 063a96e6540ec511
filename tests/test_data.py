"""The data: every quote stands in the article, the issue's numbers are in it, and bad
input is caught.

Bad inputs are small fixtures in tests/fixtures/data/<case>.csv; each must give one
message naming the file, the line where there is one, and the fix. One load reports
every problem in every file, one `file:line: problem; fix` a line.
"""

import shutil
from pathlib import Path

import pytest

from sitegen.content import read_article
from sitegen.datasets import QUOTE, load_all, load_dataset
from sitegen.errors import InputError
from sitegen.numbers import format_period, format_value
from sitegen.project import current

FIXTURES = Path(__file__).parent / "fixtures" / "data"


@pytest.fixture(scope="module")
def article():
    # Quotes are in the article's original language: the one at the site root.
    return read_article(next(lang.code for lang in current().languages if lang.default))


@pytest.fixture(scope="module")
def datasets(article):
    """Every dataset, loaded and checked against the article (load_all raises otherwise)."""
    return load_all(article=article)


def test_every_quote_is_verbatim_in_the_chinese_article(datasets, article):
    # Read the paragraphs (and subheads) directly, not through the loader's own check (sitegen.anchors).
    paragraphs = [p for part in article.parts for p in part.paragraphs + part.subheads]
    for dataset in datasets.values():
        for row in dataset.rows:
            assert any(row[QUOTE] in p for p in paragraphs), f"{dataset.csv_path}:{row.line}: {row[QUOTE]}"


def test_every_number_in_the_issue_is_in_the_data(datasets):
    def values(dataset_id, column):
        return set(datasets[dataset_id].column(column))

    assert values("kuaishou-vs-douyin", "kuaishou_to_douyin") == {0.5, 0.2}
    assert values("sales-marketing", "peak") == {442, 20, 58}
    assert values("sales-marketing", "latest") == {411, 16, 44}
    assert values("operating-cash-flow", "cash_flow") == {60, 297, 7, None}
    assert values("operating-cash-flow", "yoy_change") == {2156, 33, None}
    assert values("bilibili-ad-share", "ad_share") == {15, 30}
    assert values("market-cap", "market_cap") == {2000, 17000, 18000, 40000}
    key = {(r["metric"], r["value"]) for r in datasets["key-figures"].rows}
    assert {("cumulative_revenue", 1), ("ad_spend_2025q1", 4300), ("ai_vendors_advertising", 90),
            ("paid_penetration_2024", 4.7), ("iterations_half_year", 20), ("product_forms", 4),
            ("ad_growth_quarters", 8)} <= key
    assert "2023-Q1" in values("ai-timeline", "period")


def test_no_interpolated_years():
    years = load_dataset("bilibili-ad-share").column("year")
    assert years == [2020, 2024]


def test_derived_values_are_marked_and_follow_from_the_article():
    rows = {(r["company"], r["moment"]): r for r in load_dataset("market-cap").rows}
    kuaishou = rows[("kuaishou", "latest")]["market_cap"]
    assert rows[("alibaba", "latest")]["derived"] and rows[("alibaba", "latest")]["market_cap"] == 9 * kuaishou
    assert rows[("tencent", "latest")]["derived"] and rows[("tencent", "latest")]["market_cap"] == 20 * kuaishou
    assert not rows[("kuaishou", "latest")]["derived"] and not rows[("kuaishou", "peak")]["derived"]


def test_the_good_fixture_loads(article):
    dataset = load_dataset("good", FIXTURES, article)
    assert dataset.column("peak") == [442, 20]


@pytest.mark.parametrize("case, expected", [
    ("nonnumeric", ["fixtures/data/nonnumeric.csv:3:", "'peak'", "'2O'", "; write plain digits"]),
    ("not-finite", ["fixtures/data/not-finite.csv:3:", "'peak'", "finite number", "'nan'", "; write plain digits"]),
    ("ragged", ["fixtures/data/ragged.csv:3:", "5 cells", "header has 4", "; look for a missing or extra comma"]),
    ("unclosed-quote", ["fixtures/data/unclosed-quote.csv:2:", "double quote", "not closed", "; close the quote"]),
    ("empty", ["fixtures/data/empty.csv:", "empty", "; write a header row"]),
    ("no-rows", ["fixtures/data/no-rows.csv:", "no data rows", "; add at least one row"]),
    ("missing-csv", ["fixtures/data/missing-csv.csv:", "data file missing", "; add the CSV"]),
    ("missing-column", ["fixtures/data/missing-column.csv:1:", "missing column 'latest'", "; add it to the header"]),
    ("extra-column", ["fixtures/data/extra-column.csv:1:", "column 'note' is not in",
                      "extra-column.schema.yml", "; describe it there or remove it"]),
    ("empty-required", ["fixtures/data/empty-required.csv:3:", "column 'latest' is empty",
                        "; fill it in (the field is required)"]),
    ("bad-enum", ["fixtures/data/bad-enum.csv:3:", "column 'company' is 'zhuhu'",
                  "; use one of kuaishou, bilibili, zhihu"]),
    ("bad-boolean", ["fixtures/data/bad-boolean.csv:3:", "column 'derived' must be true or false",
                     "'maybe'", "; write true or false"]),
    ("bad-period", ["fixtures/data/bad-period.csv:3:", "column 'period' is '2024-13'",
                    "; write a period as 2022, 2022-07, 2023-Q1, 2024-H2 or 2024-mid"]),
    ("bad-quarter", ["fixtures/data/bad-quarter.csv:3:", "column 'period' is '2024-Q5'",
                     "; write a period as 2022, 2022-07"]),
    ("unknown-unit", ["fixtures/data/unknown-unit.schema.yml:5:", "field 'latest' has unit 'usd_100m'",
                      "not in tests/fixtures/data/units.yml", "; use one of cny_100m", "or add it to"]),
    ("not-utf8", ["fixtures/data/not-utf8.csv:2:", "not UTF-8", "; re-save the file as UTF-8"]),
    ("bad-quote", ["fixtures/data/bad-quote.csv:3:", "知乎从20亿减到了15亿", "not in the zh article",
                   "; copy the words exactly"]),
    ("no-such-dataset", ["fixtures/data/no-such-dataset.schema.yml:", "descriptor missing",
                         "; copy another data/*.schema.yml"]),
])
def test_bad_input_gives_one_clear_message(case, expected, article):
    with pytest.raises(InputError) as caught:
        load_dataset(case, FIXTURES, article)
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    for part in expected:
        assert part in message, message


def test_every_bad_row_of_a_file_is_reported_at_once(article):
    with pytest.raises(InputError) as caught:
        load_dataset("two-bad-rows", FIXTURES, article)
    assert str(caught.value).splitlines() == [
        "tests/fixtures/data/two-bad-rows.csv:2: column 'peak' must be a number, got '44two'; "
        "write plain digits (units come from the descriptor)",
        "tests/fixtures/data/two-bad-rows.csv:4: column 'latest' must be a number, got '1O'; "
        "write plain digits (units come from the descriptor)",
    ]


def test_every_bad_file_is_reported_at_once(tmp_path, article):
    for name in ("units.yml", "good.csv", "good.schema.yml", "bad-enum.csv", "bad-enum.schema.yml",
                 "bad-boolean.csv", "bad-boolean.schema.yml", "unknown-unit.csv", "unknown-unit.schema.yml"):
        shutil.copy2(FIXTURES / name, tmp_path / name)
    with pytest.raises(InputError) as caught:
        load_all(tmp_path, article)
    lines = str(caught.value).splitlines()
    assert len(lines) == 3, lines
    for line, (path, part) in zip(lines, [
        (tmp_path / "bad-boolean.csv", ":3: column 'derived' must be true or false, got 'maybe'; write true or false"),
        (tmp_path / "bad-enum.csv", ":3: column 'company' is 'zhuhu'"),
        (tmp_path / "unknown-unit.schema.yml", ":5: field 'latest' has unit 'usd_100m'"),
    ]):
        assert line.startswith(f"{path}{part}"), line
        assert "; " in line


@pytest.mark.parametrize("value, unit, lang, qualifier, expected", [
    (442, "cny_100m", "zh", None, "442亿元"),
    (442, "cny_100m", "en", None, "RMB 44.2bn"),
    (2000, "hkd_100m", "zh", "over", "超2000亿港元"),
    (2000, "hkd_100m", "en", "over", "over HK$200bn"),
    (17000, "hkd_100m", "zh", None, "1.7万亿港元"),
    (17000, "hkd_100m", "en", None, "HK$1.7tn"),
    (4300, "cny_10k", "zh", None, "4300万元"),
    (4300, "cny_10k", "en", None, "RMB 43m"),
    (2156, "percent", "en", "nearly", "nearly 2,156%"),
    (0.2, "ratio", "zh", None, "20%"),
])
def test_numbers_are_localised(value, unit, lang, qualifier, expected):
    assert format_value(value, unit, lang, qualifier) == expected


def test_periods_are_localised():
    assert [format_period(p, "en") for p in ("2022-07", "2023-Q1", "2024-H2", "2024-mid", "2025")] == [
        "Jul 2022", "Q1 2023", "H2 2024", "mid-2024", "2025"]
    assert format_period("2022-07", "zh") == "2022年7月"
