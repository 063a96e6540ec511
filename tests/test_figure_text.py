"""The figures in a chart's title, alt text and caption come from the data
(sitegen/model/figuretext.py): placeholders in the strings, filled with the values as the chart
labels write them, so a data edit changes the texts with the chart."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import BUILD, REPORT
from lxml import html

from sitegen.core.errors import InputError
from sitegen.model import checks
from sitegen.model.datasets import load_dataset
from sitegen.model.figuretext import FILLED, PLACEHOLDER, chart_text
from sitegen.model.strings import t
from sitegen.pages import writer as pages
from sitegen.pages.figures import render_figure

CODES = [lang.code for lang in REPORT.languages]


def templates():
    """(language, chart id, text name, the text as written, with its placeholders)."""
    for lang in CODES:
        for chart_id in REPORT.chart_ids():
            for name in FILLED:
                yield lang, chart_id, name, t(BUILD, lang, f"charts.{chart_id}.{name}")


@pytest.fixture
def report_copy(tmp_path, use_report):
    """This report with copies of content/ and data/ that a test may edit."""
    content, data = tmp_path / "content", tmp_path / "data"
    shutil.copytree(REPORT.content_dir, content)
    shutil.copytree(REPORT.data_dir, data)
    use_report(content_dir=content, data_dir=data)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def figure_texts(manifest, chart_id: str, lang: str) -> tuple[str, str]:
    """The alt text and the caption of a chart's figure, as the page carries them."""
    figure = html.fragment_fromstring(render_figure(BUILD, checks.validate(BUILD), manifest, chart_id, lang))
    alts = {img.get("alt") for img in figure.iter("img")}
    assert len(alts) == 1  # every colour scheme's image has the same text
    return alts.pop(), figure.find_class("report-figure-caption")[0].text_content()


def test_a_data_edit_changes_the_alt_text_and_the_caption(report_copy, chart_manifest):
    before = {lang: figure_texts(chart_manifest, "operating-cash-flow", lang) for lang in CODES}
    assert "RMB 29.7bn" in before["en"][0] and "RMB 29.7bn" in before["en"][1]
    assert "297亿元" in before["zh"][0] and "297亿元" in before["zh"][1]
    # The article says 300亿 now: its sentence, the row's quote and the value change together.
    edit(report_copy / "content" / "article" / "zh.md", "快手为297亿", "快手为300亿")
    edit(report_copy / "data" / "operating-cash-flow.csv", "kuaishou,297,,,,快手为297亿", "kuaishou,300,,,,快手为300亿")
    after = {lang: figure_texts(chart_manifest, "operating-cash-flow", lang) for lang in CODES}
    for lang, old, new in (("en", "RMB 29.7bn", "RMB 30bn"), ("zh", "297亿元", "300亿元")):
        for text_before, text_after in zip(before[lang], after[lang]):
            assert old not in text_after and new in text_after
            assert text_after == text_before.replace(old, new)


def test_a_derived_figure_follows_the_values_it_is_computed_from(report_copy):
    edit(report_copy / "content" / "article" / "zh.md", "从高点时的442亿减到了411亿", "从高点时的442亿减到了400亿")
    edit(
        report_copy / "data" / "sales-marketing.csv",
        "kuaishou,442,411,快手的销售开支从高点时的442亿减到了411亿",
        "kuaishou,442,400,快手的销售开支从高点时的442亿减到了400亿",
    )
    alt = chart_text(BUILD, checks.validate(BUILD).datasets, "en", "sales-marketing", "alt")
    assert "Kuaishou’s fell from RMB 44.2bn to RMB 40bn (−10%)" in alt


def test_the_page_front_matter_alt_text_is_filled_too(chart_manifest):
    """og:image:alt comes from the same text: the pages ask for it by key."""
    model = checks.validate(BUILD)
    for lang in BUILD.project.languages:
        front = pages.render_pages(BUILD, lang, model, chart_manifest)["index"].split("---")[1]
        alt = re.search(r"^og_image_alt: (.*)$", front, re.MULTILINE).group(1)
        assert "{" not in alt and chart_text(BUILD, model.datasets, lang.code, "kuaishou-vs-douyin", "alt") in alt


@pytest.mark.parametrize("lang, chart_id, name, text", list(templates()))
def test_no_figure_is_written_out_by_hand(lang, chart_id, name, text):
    """A digit in a title, alt text or caption comes from a placeholder, never from the text."""
    assert not re.search(r"\d", PLACEHOLDER.sub("", text)), text


@pytest.mark.parametrize("chart_id", REPORT.chart_ids())
def test_every_language_names_the_same_figures(chart_id):
    """Each language may write a figure its own way (|bare), but names the same ones."""
    for name in FILLED:
        named = {
            lang: sorted(
                str(m.group("dataset", "row", "column"))
                for m in PLACEHOLDER.finditer(t(BUILD, lang, f"charts.{chart_id}.{name}"))
            )
            for lang in CODES
        }
        assert all(found == named[CODES[0]] for found in named.values()), (name, named)


@pytest.mark.parametrize("chart_id", REPORT.chart_ids())
def test_the_alt_text_describes_every_row_of_the_chart(chart_id):
    data = load_dataset(BUILD, chart_id)
    for lang in CODES:
        alt = t(BUILD, lang, f"charts.{chart_id}.alt")
        named = {m.group("row") for m in PLACEHOLDER.finditer(alt) if not m.group("dataset")}
        assert {data.row_key(row) for row in data.rows} <= named, (lang, alt)


def test_the_texts_write_figures_as_the_chart_labels_do():
    from matplotlib.text import Text

    from sitegen.charts.render import draw, drawing

    model = checks.validate(BUILD)
    with drawing(BUILD, "en"):
        labels = {
            text.get_text()
            for text in draw(BUILD, "sales-marketing", model.datasets["sales-marketing"], "en").findobj(Text)
        }
    alt = chart_text(BUILD, model.datasets, "en", "sales-marketing", "alt")
    assert "RMB 44.2bn → RMB 41.1bn" in labels and "RMB 44.2bn to RMB 41.1bn" in alt
    assert {"−7%", "−24%", "−20%"} <= labels and all(f"({change})" in alt for change in ("−7%", "−24%", "−20%"))


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            "{kuaishou_latest.market_cap}, down",
            "{kuaishou_now.market_cap}, down",
            "charts.market-cap.alt: {kuaishou_now.market_cap} names no row 'kuaishou_now' of market-cap (rows, by "
            "company_moment: tencent_latest, alibaba_latest, kuaishou_peak, kuaishou_latest); name a row and a column of the data",
        ),
        ("{kuaishou_latest.market_cap}, down", "{kuaishou_latest.cap}, down", "names no column 'cap' of market-cap"),
        (
            "{kuaishou_latest.market_cap}, down",
            "{key-figure/market_cap_fall.value}, down",
            "names no dataset 'key-figure'",
        ),
        ("{kuaishou_latest.market_cap}, down", "{kuaishou_latest.market_cap|round}, down", "has style 'round'"),
        (
            'subtitle: "Market cap at the time of writing',
            'subtitle: "Market cap of {kuaishou_latest.market_cap} at the time of writing',
            "charts.market-cap.subtitle holds a placeholder, but only a chart's title, alt, caption are filled from the data",
        ),
    ],
)
def test_a_placeholder_that_names_nothing_stops_the_build_with_file_and_line(report_copy, old, new, expected):
    strings = report_copy / "content" / "strings" / "en.yml"
    edit(strings, old, new)
    with pytest.raises(InputError) as caught:
        checks.validate(BUILD)
    message = str(caught.value)
    line = next(n for n, text in enumerate(strings.read_text(encoding="utf-8").splitlines(), 1) if new in text)
    assert message.startswith(f"{strings}:{line}: ") and expected in message and "\n" not in message, message
