"""The third report (examples/bike-share/), written from the README alone and built from
content alone: counts stored once and written 19万 / 190,000, a date counted from another
row (two months after the launch), a row whose two numbers come from two quotes in two
paragraphs, a source with its URL and access date, three charts, zh and en, every page
saying it is made up. Its bad input is caught like any report's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import html as lxml_html
from test_example import LANGS, mkdocs_build

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "bike-share"
CHARTS = ("daily-rides", "stations", "trip-length")


def copy_report(dest: Path) -> Path:
    shutil.copytree(EXAMPLE, dest, ignore=shutil.ignore_patterns("site", ".cache", "__pycache__"))
    for generated in ("zh", "en", "data"):
        shutil.rmtree(dest / "docs" / generated, ignore_errors=True)
    return dest


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    report = copy_report(tmp_path_factory.mktemp("bike") / "bike-share")
    result = mkdocs_build(report, report / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return report / "site"


def parse(path: Path):
    return lxml_html.fromstring(path.read_bytes())


def rows_of(page, dataset: str) -> list:
    section = page.xpath(f'//h2[@id="data-{dataset}"]')[0]
    table = section.xpath('following-sibling::table[@class="report-data-rows"][1]')[0]
    return table.xpath(".//tbody/tr")


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_says_the_report_is_made_up(site, lang):
    pages = sorted((site / lang).glob("*.html")) if lang else sorted(site.glob("*.html"))
    pages = [page for page in pages if page.name != "404.html"]
    assert [page.name for page in pages] == ["01.html", "02.html", "03.html", "data.html", "index.html"]
    word = "虚构" if not lang else "made up"
    for page in pages:
        text = parse(page).text_content()
        assert word in text or ("fictional" in text and lang), page


@pytest.mark.parametrize("lang", LANGS)
def test_the_three_charts_are_placed_in_each_language(site, lang):
    found = [
        img.get("src")
        for page in ("01", "02", "03")
        for img in parse(site / lang / f"{page}.html").xpath('//figure//img[contains(@src, "charts/")]')
        if ".dark." not in img.get("src")
    ]
    assert found == [f"charts/{chart}.png" for chart in CHARTS]


def test_counts_read_in_wan_in_chinese_and_grouped_in_english_from_one_stored_value(site):
    zh = [[cell.text_content() for cell in row] for row in rows_of(parse(site / "data.html"), "daily-rides")]
    en = [[cell.text_content() for cell in row] for row in rows_of(parse(site / "en" / "data.html"), "daily-rides")]
    assert [row[2] for row in zh] == ["5.2万", "19万", "14.5万"]
    assert [row[2] for row in en] == ["52,000", "190,000", "145,000"]
    assert "190000" in (site / "data" / "daily-rides.csv").read_text(encoding="utf-8")  # stored once, as is


def test_a_date_counted_from_another_row_is_resolved_and_shown(site):
    zh = rows_of(parse(site / "data.html"), "daily-rides")[1]
    en = rows_of(parse(site / "en" / "data.html"), "daily-rides")[1]
    assert [cell.text_content() for cell in zh][:2] == ["两个月后", "2025年5月"]  # launch 2025-03 + 2 months
    assert [cell.text_content() for cell in en][:2] == ["Two months on", "May 2025"]
    # The CSV download keeps the cell as the editor wrote it.
    assert "two_months,launch + 2 months,190000" in (site / "data" / "daily-rides.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_a_row_with_two_quotes_links_both_paragraphs(site, lang):
    centre = rows_of(parse(site / lang / "data.html"), "stations")[0]
    links = [a.get("href") for a in centre.xpath("./td[last()]//a")]
    assert links == ["02.html#p02-1", "02.html#p02-2"]
    assert centre.xpath("./td")[1].text_content() == ("1.2万" if not lang else "12,000")
    # The quote columns are not shown as columns of their own.
    headers = [th.text_content() for th in centre.getparent().getparent().xpath(".//thead//th")]
    assert len(headers) == 4, headers


@pytest.mark.parametrize("lang, accessed", [("", "（2026年11月2日访问）"), ("en/", " (accessed November 2, 2026)")])
def test_a_source_with_a_url_and_access_date_is_linked_and_dated(site, lang, accessed):
    page = parse(site / lang / "data.html")
    meta = page.xpath('//h2[@id="data-daily-rides"]/following-sibling::p[@class="report-data-meta"][1]')[0]
    link = meta.xpath("./a")[0]
    assert link.get("href") == "https://data.example.org/chengjiang/bike-share"
    assert accessed in meta.text_content()


def break_and_build(tmp_path, name: str, old: str, new: str):
    report = copy_report(tmp_path / "bike-share")
    path = report / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = mkdocs_build(report, report / "site")
    return result.returncode, result.stdout + result.stderr


@pytest.mark.parametrize(
    "old, new, expected",
    [
        # The quote says two months: three is checked against it, on the resolved month.
        (
            "launch + 2 months",
            "launch + 3 months",
            "data/daily-rides.csv:3: column 'month' is '2025-06', but its quote “上线两个月后，日均骑行量达到19万人次” gives no date; ",
        ),
        (
            "launch + 2 months",
            "opening + 2 months",
            "data/daily-rides.csv:3: column 'month' counts from row 'opening', which names no row; write a row's primaryKey",
        ),
    ],
)
def test_a_wrong_relative_date_is_reported_with_file_line_and_fix(tmp_path, old, new, expected):
    code, output = break_and_build(tmp_path, "data/daily-rides.csv", old, new)
    assert code == 1 and expected in output and "Traceback" not in output, output[-2000:]


def test_a_number_neither_quote_states_is_reported(tmp_path):
    code, output = break_and_build(tmp_path, "data/stations.csv", "centre,320,12000,", "centre,320,13000,")
    assert code == 1 and "data/stations.csv:2: column 'bikes' is 13000" in output, output[-2000:]
    assert "中心区建了320个车站 / 中心区投放了1.2万辆单车" in output
