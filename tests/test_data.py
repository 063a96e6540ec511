"""The data: every quote stands in the article, every value is a number its quote states
(units considered) or is recomputed from its formula, the issue's numbers are in it, and
bad input is caught.

Bad inputs are small fixtures in tests/fixtures/data/<case>.csv; each must give one
message naming the file, the line where there is one, and the fix. One load reports
every problem in every file, one `file:line: problem; fix` a line.
"""

import shutil
from pathlib import Path

import pytest
from conftest import BUILD

from sitegen.core.errors import InputError
from sitegen.model.content import read_article
from sitegen.model.datasets import QUOTE, load_all, load_dataset
from sitegen.model.numbers import format_period, format_value

FIXTURES = Path(__file__).parent / "fixtures" / "data"


@pytest.fixture(scope="module")
def article():
    # Quotes are in the article's original language: the one at the site root.
    return read_article(BUILD, next(lang.code for lang in BUILD.project.languages if lang.default))


@pytest.fixture(scope="module")
def datasets(article):
    """Every dataset, loaded and checked against the article (load_all raises otherwise)."""
    return load_all(BUILD, article=article)


def test_every_quote_is_verbatim_in_the_chinese_article(datasets, article):
    # Read the paragraphs (and subheads) directly, not through the loader's own check (sitegen.model.anchors).
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
    assert {
        ("cumulative_revenue", 1),
        ("ad_spend_2025q1", 4300),
        ("ai_vendors_advertising", 90),
        ("paid_penetration_2024", 4.7),
        ("iterations_half_year", 20),
        ("product_forms", 4),
        ("ad_growth_quarters", 8),
    } <= key
    assert "2023-Q1" in values("ai-timeline", "period")


def test_no_interpolated_years():
    years = load_dataset(BUILD, "bilibili-ad-share").column("year")
    assert years == [2020, 2024]


def test_derived_values_are_marked_and_follow_from_the_article():
    rows = {(r["company"], r["moment"]): r for r in load_dataset(BUILD, "market-cap").rows}
    kuaishou = rows[("kuaishou", "latest")]["market_cap"]
    assert rows[("alibaba", "latest")]["derived"] and rows[("alibaba", "latest")]["market_cap"] == 9 * kuaishou
    assert rows[("tencent", "latest")]["derived"] and rows[("tencent", "latest")]["market_cap"] == 20 * kuaishou
    assert not rows[("kuaishou", "latest")]["derived"] and not rows[("kuaishou", "peak")]["derived"]


def test_the_good_fixture_loads(article):
    dataset = load_dataset(BUILD, "good", FIXTURES, article)
    assert dataset.column("peak") == [442, 20]


@pytest.mark.parametrize(
    "case, expected",
    [
        ("nonnumeric", ["fixtures/data/nonnumeric.csv:3:", "'peak'", "'2O'", "; write plain digits"]),
        ("not-finite", ["fixtures/data/not-finite.csv:3:", "'peak'", "finite number", "'nan'", "; write plain digits"]),
        ("ragged", ["fixtures/data/ragged.csv:3:", "5 cells", "header has 4", "; look for a missing or extra comma"]),
        ("unclosed-quote", ["fixtures/data/unclosed-quote.csv:2:", "double quote", "not closed", "; close the quote"]),
        ("empty", ["fixtures/data/empty.csv:", "empty", "; write a header row"]),
        ("no-rows", ["fixtures/data/no-rows.csv:", "no data rows", "; add at least one row"]),
        ("missing-csv", ["fixtures/data/missing-csv.csv:", "data file missing", "; add the CSV"]),
        (
            "missing-column",
            ["fixtures/data/missing-column.csv:1:", "missing column 'latest'", "; add it to the header"],
        ),
        (
            "extra-column",
            [
                "fixtures/data/extra-column.csv:1:",
                "column 'note' is not in",
                "extra-column.schema.yml",
                "; describe it there or remove it",
            ],
        ),
        (
            "empty-required",
            ["fixtures/data/empty-required.csv:3:", "column 'latest' is empty", "; fill it in (the field is required)"],
        ),
        (
            "bad-enum",
            ["fixtures/data/bad-enum.csv:3:", "column 'company' is 'zhuhu'", "; use one of kuaishou, bilibili, zhihu"],
        ),
        (
            "bad-boolean",
            [
                "fixtures/data/bad-boolean.csv:3:",
                "column 'derived' must be true or false",
                "'maybe'",
                "; write true or false",
            ],
        ),
        (
            "bad-period",
            [
                "fixtures/data/bad-period.csv:3:",
                "column 'period' is '2024-13'",
                "; write a period as 2022, 2022-07, 2023-Q1, 2024-H2 or 2024-mid",
            ],
        ),
        (
            "bad-quarter",
            ["fixtures/data/bad-quarter.csv:3:", "column 'period' is '2024-Q5'", "; write a period as 2022, 2022-07"],
        ),
        (
            "unknown-unit",
            [
                "fixtures/data/unknown-unit.schema.yml:5:",
                "field 'latest' has unit 'usd_100m'",
                "not in tests/fixtures/data/units.yml",
                "; use one of cny_100m",
                "or add it to",
            ],
        ),
        ("not-utf8", ["fixtures/data/not-utf8.csv:2:", "not UTF-8", "; re-save the file as UTF-8"]),
        (
            "bad-quote",
            [
                "fixtures/data/bad-quote.csv:3:",
                "知乎从20亿减到了15亿",
                "not in the zh article",
                "; copy the words exactly",
            ],
        ),
        (
            "no-such-dataset",
            ["fixtures/data/no-such-dataset.schema.yml:", "descriptor missing", "; copy another data/*.schema.yml"],
        ),
    ],
)
def test_bad_input_gives_one_clear_message(case, expected, article):
    with pytest.raises(InputError) as caught:
        load_dataset(BUILD, case, FIXTURES, article)
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    for part in expected:
        assert part in message, message


def test_every_bad_row_of_a_file_is_reported_at_once(article):
    with pytest.raises(InputError) as caught:
        load_dataset(BUILD, "two-bad-rows", FIXTURES, article)
    assert str(caught.value).splitlines() == [
        "tests/fixtures/data/two-bad-rows.csv:2: column 'peak' must be a number, got '44two'; "
        "write plain digits (units come from the descriptor)",
        "tests/fixtures/data/two-bad-rows.csv:4: column 'latest' must be a number, got '1O'; "
        "write plain digits (units come from the descriptor)",
    ]


def test_every_bad_file_is_reported_at_once(tmp_path, article):
    for name in (
        "units.yml",
        "good.csv",
        "good.schema.yml",
        "bad-enum.csv",
        "bad-enum.schema.yml",
        "bad-boolean.csv",
        "bad-boolean.schema.yml",
        "unknown-unit.csv",
        "unknown-unit.schema.yml",
    ):
        shutil.copy2(FIXTURES / name, tmp_path / name)
    with pytest.raises(InputError) as caught:
        load_all(BUILD, tmp_path, article)
    lines = str(caught.value).splitlines()
    assert len(lines) == 3, lines
    for line, (path, part) in zip(
        lines,
        [
            (
                tmp_path / "bad-boolean.csv",
                ":3: column 'derived' must be true or false, got 'maybe'; write true or false",
            ),
            (tmp_path / "bad-enum.csv", ":3: column 'company' is 'zhuhu'"),
            (tmp_path / "unknown-unit.schema.yml", ":5: field 'latest' has unit 'usd_100m'"),
        ],
    ):
        assert line.startswith(f"{path}{part}"), line
        assert "; " in line


@pytest.mark.parametrize(
    "value, unit, lang, qualifier, expected",
    [
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
        # Counts take the language's magnitude words too, from one stored value.
        (190000, "count", "zh", None, "19万"),
        (190000, "count", "en", None, "190,000"),
        (1.2e8, "count", "zh", None, "1.2亿"),
        (1.2e8, "count", "en", None, "120 million"),
        (3400, "count", "zh", None, "3400"),  # zh.yml's number_pattern groups no digits
        (3400, "count", "en", "over", "over 3,400"),
        (-25000, "count", "zh", None, "\u22122.5万"),
    ],
)
def test_numbers_are_localised(value, unit, lang, qualifier, expected):
    assert format_value(BUILD, value, unit, lang, qualifier) == expected


def rounded_value(tmp_path, value, quote, precision):
    (tmp_path / "units.yml").write_text("count: {kind: count}\n", encoding="utf-8")
    (tmp_path / "r.schema.yml").write_text(
        "sources: [article]\n"
        "fields:\n"
        f"  - {{name: riders, type: number, unit: count, precision: {precision}}}\n"
        "  - {name: quote, type: string}\n",
        encoding="utf-8",
    )
    (tmp_path / "r.csv").write_text(f"riders,quote\n{value},{quote}\n", encoding="utf-8")
    return load_dataset(BUILD, "r", tmp_path)


def test_a_rounded_number_in_the_quote_agrees_within_the_declared_precision(tmp_path):
    assert rounded_value(tmp_path, 187654, "骑行量19万人次", 10000).rows[0]["riders"] == 187654
    with pytest.raises(InputError, match=r"r.csv:2: column 'riders' is 184000"):
        rounded_value(tmp_path, 184000, "骑行量19万人次", 10000)  # 18万, not 19万
    with pytest.raises(InputError, match=r"r.schema.yml:3: field 'riders' has precision 'ten'; write the step"):
        rounded_value(tmp_path, 190000, "骑行量19万人次", "ten")


def test_periods_are_localised():
    assert [format_period(BUILD, p, "en") for p in ("2022-07", "2023-Q1", "2024-H2", "2024-mid", "2025")] == [
        "Jul 2022",
        "Q1 2023",
        "H2 2024",
        "mid-2024",
        "2025",
    ]
    assert format_period(BUILD, "2022-07", "zh") == "2022年7月"


def test_a_text_that_is_no_period_is_named_with_the_forms():
    """A chart passing chartkit something else than a period is told which text and what to write."""
    with pytest.raises(ValueError, match=r"^'2022-13' is not a period; write it as 2022, 2022-07, 2023-Q1"):
        format_period(BUILD, "2022-13", "en")


# --- Each value agrees with the number its quote states -----------------------------------


def one_value(tmp_path, value, unit, qualifier, quote, article=None):
    """Load a one-row dataset (value, unit, qualifier, quote) with the report's unit table."""
    shutil.copy2(BUILD.project.data_dir / "units.yml", tmp_path / "units.yml")
    (tmp_path / "v.schema.yml").write_text(
        "sources: [article]\n"
        "fields:\n"
        "  - {name: value, type: number, unit_field: unit, qualifier: qualifier}\n"
        "  - {name: unit, type: string}\n"
        "  - {name: qualifier, type: string, required: false}\n"
        "  - {name: quote, type: string}\n",
        encoding="utf-8",
    )
    (tmp_path / "v.csv").write_text(
        f'value,unit,qualifier,quote\n{value},{unit},{qualifier or ""},"{quote}"\n', encoding="utf-8"
    )
    return load_dataset(BUILD, "v", tmp_path, article)


@pytest.mark.parametrize(
    "value, unit, qualifier, quote",
    [
        (411, "cny_100m", None, "快手的销售开支从高点时的442亿减到了411亿"),
        (4300, "cny_10k", None, "投流规模达到4300万元"),
        (90, "percent", None, "跌去九成"),
        (90, "percent", "over", "目前国内超过九成的AI厂商"),
        (1, "cny_100m", "over", "可灵累计收入已破亿"),
        (2000, "hkd_100m", "over", "快手市值超2000亿港元"),
        (17000, "hkd_100m", None, "1.7万亿港元"),
        (2156, "percent", "nearly", "较去年同期飙升近2156%"),
        (0.5, "ratio", None, "用户规模是抖音一半"),
        (0.2, "ratio", None, "只有它的五分之一"),
        (20, "count", "over", "迭代了20多次"),
        (4, "count", None, "四个形态"),
        (190000, "count", None, "骑行量达19万人次"),
        (190000, "count", None, "骑行量达十九万人次"),
        (190000, "count", None, "骑行量达190,000人次"),
        (1234567.5, "count", None, "共1,234,567.5吨"),
    ],
)
def test_a_value_agrees_with_its_quote_in_any_unit(tmp_path, value, unit, qualifier, quote):
    assert one_value(tmp_path, value, unit, qualifier, quote).rows[0]["value"] == value  # no InputError


@pytest.mark.parametrize(
    "value, unit, qualifier, quote, expected",
    [
        (399, "cny_100m", None, "从高点时的442亿减到了411亿", "states 442亿, 411亿; write the number the quote states"),
        (411, "cny_10k", None, "减到了411亿", "is 411 (cny_10k)"),  # 411万元 is not 411亿
        (4300, "cny_100m", None, "投流规模达到4300万元", "states 4300万元"),
        (9, "percent", None, "跌去九成", "states 九成"),  # 九成 is 90%, not 9%
        (90, "count", None, "跌去九成", "states 九成"),  # a share is not a count
        (2000, "cny_100m", "over", "超2000亿港元", "states 超2000亿港元"),  # Hong Kong dollars, not yuan
        (1, "cny_100m", None, "可灵累计收入已破亿", "quote writes “破亿” (over); write over in column 'qualifier'"),
        (90, "percent", "over", "跌去九成", "quote writes “九成” (no qualifier); write nothing in column 'qualifier'"),
        (8, "count", None, "增长超20%", "states 超20%"),
    ],
)
def test_a_value_that_disagrees_with_its_quote_is_refused(tmp_path, value, unit, qualifier, quote, expected):
    with pytest.raises(InputError) as caught:
        one_value(tmp_path, value, unit, qualifier, quote)
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 'v.csv'}:2: column 'value' is "), message
    assert expected in message and "\n" not in message


@pytest.fixture
def data_copy(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(BUILD.project.data_dir, copy)
    return copy


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_figure_changed_without_its_quote_stops_the_load_with_file_line_and_fix(data_copy, article):
    edit(data_copy / "sales-marketing.csv", "kuaishou,442,411,", "kuaishou,442,399,")
    with pytest.raises(InputError) as caught:
        load_all(BUILD, data_copy, article)
    assert str(caught.value) == (
        f"{data_copy / 'sales-marketing.csv'}:2: column 'latest' is 399 (cny_100m), but its quote "
        "“快手的销售开支从高点时的442亿减到了411亿” states 442亿, 411亿; write the number the quote states "
        "(or fix the quote), or, for a value computed from others, give its formula under `derived:` in "
        f"{data_copy / 'sales-marketing.schema.yml'}"
    )


def test_derived_values_are_recomputed_from_their_formula(data_copy, article):
    edit(data_copy / "market-cap.csv", "alibaba,latest,18000,", "alibaba,latest,18001,")
    with pytest.raises(InputError) as caught:
        load_all(BUILD, data_copy, article)
    line = next(
        n
        for n, text in enumerate((data_copy / "market-cap.schema.yml").read_text().splitlines(), 1)
        if "alibaba_latest.market_cap" in text
    )
    assert str(caught.value) == (
        f"{data_copy / 'market-cap.csv'}:3: column 'market_cap' is 18001, but "
        f"{data_copy / 'market-cap.schema.yml'}:{line} derives it as kuaishou_latest.market_cap * 9 = 18000; "
        "write 18000, or fix the formula"
    )


def test_a_changed_source_value_carries_its_derived_values_with_it(data_copy, article):
    """Kuaishou's cap changed in the article's words and the data: Alibaba's and Tencent's
    derived caps must follow, and the check says so, each on its line."""
    edit(
        data_copy / "market-cap.csv",
        "kuaishou,latest,2000,over,false,快手市值超2000亿港元",
        "kuaishou,latest,2100,over,false,快手市值超2100亿港元",
    )
    text = "快手市值超2100亿港元" + article.parts[-1].paragraphs[0]
    changed = read_article(BUILD, "zh")
    changed.parts[-1].blocks.insert(0, text)
    with pytest.raises(InputError) as caught:
        load_all(BUILD, data_copy, changed)
    lines = sorted(str(caught.value).splitlines())
    assert [line.split(": ")[0].rsplit("/", 1)[1] for line in lines] == ["market-cap.csv:2", "market-cap.csv:3"]
    assert "write 42000" in lines[0] and "write 18900" in lines[1]


def test_a_derived_value_needs_a_formula_that_computes(data_copy, article):
    edit(
        data_copy / "market-cap.schema.yml",
        'formula: "kuaishou_latest.market_cap * 9"',
        'formula: "kuaishou_now.market_cap * 9"',
    )
    edit(data_copy / "sales-marketing.schema.yml", "(latest - peak) / peak", "(latest - peek) / peak")
    with pytest.raises(InputError) as caught:
        load_all(BUILD, data_copy, article)
    message = str(caught.value)
    assert "market-cap.schema.yml:" in message and "names no row 'kuaishou_now'" in message
    assert "sales-marketing.schema.yml:" in message and "names no column 'peek'" in message
    assert "; fix the formula" in message


def test_the_derived_flag_must_match_the_formulas(data_copy, article):
    edit(data_copy / "market-cap.csv", "alibaba,latest,18000,about,true,", "alibaba,latest,18000,about,false,")
    with pytest.raises(InputError) as caught:
        load_all(BUILD, data_copy, article)
    assert str(caught.value).endswith(
        "market-cap.csv:3: column 'derived' is false, but a value in it is derived "
        f"(`derived:` or `relative_dates:` in {data_copy / 'market-cap.schema.yml'}); "
        "write true"
    )


def test_a_computed_column_is_read_like_a_stored_one():
    data = load_dataset(BUILD, "sales-marketing")
    assert [data.value(row, "change") for row in data.rows] == [-7, -24, -20]
    assert data.find("bilibili")["latest"] == 44 and data.find("nobody") is None
    market = load_dataset(BUILD, "market-cap")
    assert market.key == ("company", "moment") and market.find("kuaishou_latest")["market_cap"] == 2000


def test_every_wrong_figure_in_every_file_is_reported_at_once(data_copy, article):
    edit(data_copy / "sales-marketing.csv", "zhihu,20,16,", "zhihu,20,15,")
    edit(data_copy / "operating-cash-flow.csv", "meitu,7,", "meitu,8,")
    edit(
        data_copy / "key-figures.csv",
        "kling,cumulative_revenue,1,cny_100m,over,",
        "kling,cumulative_revenue,1,cny_100m,,",
    )
    with pytest.raises(InputError) as caught:
        load_all(BUILD, data_copy, article)
    lines = str(caught.value).splitlines()
    assert [line.split(": ")[0].rsplit("/", 1)[1] for line in lines] == [
        "key-figures.csv:2",
        "operating-cash-flow.csv:4",
        "sales-marketing.csv:4",
    ]


def test_a_year_and_a_period_agree_with_their_quote(data_copy, article):
    edit(data_copy / "bilibili-ad-share.csv", "2020,15,", "2019,15,")
    edit(data_copy / "ai-timeline.csv", "2024-H2,mid_sized,", "2024-H1,mid_sized,")
    edit(data_copy / "ai-timeline.csv", "2024-mid,bilibili,ai_vendors,true,", "2023-mid,bilibili,ai_vendors,true,")
    with pytest.raises(InputError) as caught:
        load_all(BUILD, data_copy, article)
    lines = str(caught.value).splitlines()
    assert len(lines) == 3, lines
    assert lines[0].startswith(
        f"{data_copy / 'ai-timeline.csv'}:7: column 'period' is '2023-mid', but its quote "
        "“早在去年年中，陈睿就对外表示” gives 去年年中; write the period the quote gives"
    )
    assert lines[1].startswith(
        f"{data_copy / 'ai-timeline.csv'}:9: column 'period' is '2024-H1', but its quote "
        "“2024年下半年后，中厂开始频繁谈及AI战略” gives 2024年下半年;"
    )
    assert lines[2].startswith(
        f"{data_copy / 'bilibili-ad-share.csv'}:2: column 'year' is 2019 (no unit), but its "
        "quote “其广告收入占比从2020年的15%上升到2024年的30%” states 2020, 15%, 2024, 30%;"
    )


def test_a_date_read_from_last_year_is_derived_by_the_descriptors_rule(data_copy, article):
    data = load_dataset(BUILD, "ai-timeline")
    assert {row["event"]: row["period"] for row in data.rows if row["date_derived"]} == {
        "ai_vendors": "2024-mid",
        "quarterly_profit": "2024",
        "kling_revenue": "2025",
    }
    edit(data_copy / "ai-timeline.csv", "2024,bilibili,quarterly_profit,true,", "2024,bilibili,quarterly_profit,false,")
    edit(data_copy / "ai-timeline.schema.yml", "written: 2025", "written: 2026")
    with pytest.raises(InputError) as caught:
        load_all(BUILD, data_copy, article)
    message = str(caught.value)
    assert (
        "ai-timeline.csv:7: column 'period' is '2024-mid', but its quote “早在去年年中，陈睿就对外表示” gives 去年年中"
        in message
    )
    assert "ai-timeline.csv:11: column 'period' is '2025'" in message


def test_a_date_read_from_last_year_must_be_marked_derived(data_copy, article):
    edit(data_copy / "ai-timeline.csv", "2024,bilibili,quarterly_profit,true,", "2024,bilibili,quarterly_profit,false,")
    edit(data_copy / "ai-timeline.csv", "2024-H2,mid_sized,ai_strategy,false,", "2024-H2,mid_sized,ai_strategy,true,")
    with pytest.raises(InputError) as caught:
        load_all(BUILD, data_copy, article)
    assert [line.split(": ", 1)[1] for line in str(caught.value).splitlines()] == [
        "column 'date_derived' is false, but a value in it is derived (`derived:` or `relative_dates:` in "
        f"{data_copy / 'ai-timeline.schema.yml'}); write true",
        "column 'date_derived' is true, but no value in it is derived (`derived:` or `relative_dates:` in "
        f"{data_copy / 'ai-timeline.schema.yml'}); write false",
    ]


# --- Every dataset names its sources ------------------------------------------------------


def sourced(tmp_path, sources: str):
    (tmp_path / "units.yml").write_text("count: {kind: count}\n", encoding="utf-8")
    (tmp_path / "s.schema.yml").write_text(
        "# where the numbers come from\n"
        f"{sources}"
        "fields:\n"
        "  - {name: shops, type: integer, unit: count}\n"
        "  - {name: quote, type: string}\n",
        encoding="utf-8",
    )
    (tmp_path / "s.csv").write_text("shops,quote\n420,有420家\n", encoding="utf-8")
    return load_dataset(BUILD, "s", tmp_path)


def test_a_dataset_with_no_source_is_a_build_error_naming_its_descriptor(tmp_path):
    for missing in ("", "sources: []\n"):
        with pytest.raises(InputError) as caught:
            sourced(tmp_path, missing)
        assert str(caught.value) == (
            f"{tmp_path / 's.schema.yml'}: no source; say where the numbers come from, e.g. `sources: [association]` "
            "(its name under data.sources.association in content/strings/<lang>.yml)"
        )


def test_a_source_may_give_its_url_and_access_date(tmp_path):
    import datetime

    from sitegen.model.sources import Source, sources_of

    dataset = sourced(
        tmp_path,
        'sources:\n  - directory\n  - {id: open-data, url: "https://data.example.org/rides", accessed: 2026-11-02}\n',
    )
    assert sources_of(dataset.schema) == [
        Source("directory"),
        Source("open-data", "https://data.example.org/rides", datetime.date(2026, 11, 2)),
    ]


def test_a_bad_source_entry_names_its_line_and_the_fix(tmp_path):
    with pytest.raises(InputError) as caught:
        sourced(tmp_path, "sources:\n  - directory\n  - {id: open-data, url: data.example.org, accessed: 2 Nov}\n")
    lines = str(caught.value).splitlines()
    where = tmp_path / "s.schema.yml"
    assert lines == [
        f"{where}:4: source 'open-data' has url 'data.example.org'; write the full address, https://...",
        f"{where}:4: source 'open-data' has accessed '2 Nov'; write the date as YYYY-MM-DD, unquoted",
    ]
