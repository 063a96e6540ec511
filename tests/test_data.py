"""The data: every dataset loads, every quote stands in the article, bad input is caught.

Bad inputs are small fixtures in tests/fixtures/data/<case>.csv; each must give one
message naming the file, the line where there is one, and the fix.
"""

from pathlib import Path

import pytest

from sitegen.anchors import quote_url
from sitegen.content import read_article
from sitegen.datasets import QUOTE, dataset_ids, load_all, load_dataset
from sitegen.errors import InputError
from sitegen.figures import source_language
from sitegen.numbers import format_period, format_value

FIXTURES = Path(__file__).parent / "fixtures" / "data"


@pytest.fixture(scope="module")
def article():
    return read_article(source_language())


@pytest.fixture(scope="module")
def datasets(article):
    return load_all(article=article)


def test_every_dataset_loads_with_rows(datasets):
    assert set(datasets) == set(dataset_ids())
    assert len(datasets) >= 6
    for dataset in datasets.values():
        assert dataset.rows, dataset.id


def test_every_quote_is_verbatim_in_the_chinese_article(datasets, article):
    paragraphs = [p for s in article.sections for p in s.paragraphs] + article.lede_paragraphs
    for dataset in datasets.values():
        for row in dataset.rows:
            assert any(row[QUOTE] in p for p in paragraphs), f"{dataset.csv_path}:{row.line}: {row[QUOTE]}"
            assert quote_url(article, row[QUOTE])


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
    ("nonnumeric", ["fixtures/data/nonnumeric.csv:3", "'peak'", "'2O'", "digits"]),
    ("not-finite", ["fixtures/data/not-finite.csv:3", "'peak'", "finite number", "'nan'"]),
    ("ragged", ["fixtures/data/ragged.csv:3", "5 cells", "header has 4", "comma"]),
    ("empty", ["fixtures/data/empty.csv", "empty", "header row"]),
    ("no-rows", ["fixtures/data/no-rows.csv", "no data rows", "add"]),
    ("missing-csv", ["fixtures/data/missing-csv.csv", "missing", "add the CSV"]),
    ("missing-column", ["fixtures/data/missing-column.csv:1", "missing column 'latest'", "add it"]),
    ("not-utf8", ["fixtures/data/not-utf8.csv:2", "not UTF-8", "re-save"]),
    ("bad-quote", ["fixtures/data/bad-quote.csv:3", "知乎从20亿减到了15亿", "not in the zh article", "copy"]),
    ("no-such-dataset", ["fixtures/data/no-such-dataset.schema.yml", "descriptor missing"]),
])
def test_bad_input_gives_one_clear_message(case, expected, article):
    with pytest.raises(InputError) as caught:
        load_dataset(case, FIXTURES, article)
    message = str(caught.value)
    assert "\n" not in message
    for part in expected:
        assert part in message, message


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
