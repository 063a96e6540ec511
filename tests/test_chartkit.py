"""The chart helpers a report's chart modules use (sitegen.chartkit): a text they cannot
place is an error that names it, never a label cut off at the canvas's edge; text wraps
only where a reader allows, in English and Chinese."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import unicodedata

import pytest
from conftest import BUILD
from matplotlib.figure import Figure

from sitegen.chartkit import LabelDoesNotFit, fit_to_canvas, wrap_lines, wrap_to
from sitegen.charts import render as renderer
from sitegen.model.strings import strings


def figure_with(label: str) -> tuple[Figure, list]:
    fig = Figure(figsize=(3, 1), dpi=100)
    ax = fig.add_axes((0.1, 0.1, 0.8, 0.8))
    return fig, [ax.text(0.5, 0.5, label, transform=ax.transAxes)]


def test_a_label_that_can_wrap_is_wrapped_inside_the_canvas():
    fig, texts = figure_with("a label of several short words that runs past the edge")
    fit_to_canvas(fig, texts)
    fig.draw_without_rendering()
    assert "\n" in texts[0].get_text()
    assert texts[0].get_window_extent().x1 <= fig.bbox.x1


def test_a_wrapped_label_ends_at_the_charts_edge_not_the_canvas():
    """The chart's right edge is the layout's margin in from the canvas (edge_x), where
    the page's text column ends: a phone label ended in that margin, 7 px past the text.
    This label ends 6 px inside the canvas, inside the 12 px margin: it must wrap."""
    fig = Figure(figsize=(3, 2), dpi=100, layout="constrained")
    fig.get_layout_engine().set(w_pad=0.12)
    fig.add_subplot()
    label = fig.text(0, 0.5, "RMB 5.8bn → RMB 4.4bn")
    label.set_in_layout(False)
    fig.draw_without_rendering()
    width = label.get_window_extent().width
    label.set_x((fig.bbox.x1 - 6 - width) / fig.bbox.width)
    fit_to_canvas(fig, [label])
    fig.draw_without_rendering()
    assert label.get_text() == "RMB 5.8bn →\nRMB 4.4bn"
    assert label.get_window_extent().x1 <= fig.bbox.x1 - 0.12 * fig.dpi


def test_a_word_too_long_for_the_room_is_named_not_cut_off():
    fig, texts = figure_with("Supercalifragilisticexpialidocious-and-then-some")
    with pytest.raises(
        LabelDoesNotFit, match=r"the label 'Supercalifragilistic.*' runs \d+ mm past the chart's right edge"
    ):
        fit_to_canvas(fig, texts)


# Where chart text may break (sitegen.chartkit.line_pieces, wrap_lines), measured here
# in half-width units (a CJK character counts two) instead of a font's widths, at
# every width from a few characters to a whole line.
CLOSING = "，。、：；！？）」』》”’%)]"
OPENING = "（「『《“([‘"
WIDTHS = range(4, 64)


def units(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def wrapped(text: str, width: int) -> list[str]:
    return wrap_lines(text, lambda line: units(line) <= width)


def chart_strings() -> list:
    """Every line of every chart string of the report (drawn in the image or not), in
    every language."""
    found = {}
    for lang in BUILD.project.language_codes():
        stack = [(f"{lang}:charts", strings(BUILD, lang)["charts"])]
        while stack:
            key, node = stack.pop()
            if isinstance(node, dict):
                stack += [(f"{key}.{k}", v) for k, v in node.items()]
            elif isinstance(node, str):
                for line in node.split("\n"):
                    found.setdefault(line, key)
    return [pytest.param(text, id=key) for text, key in found.items()]


@pytest.mark.parametrize(
    "text, whole",
    [
        ("Kuaishou as a share of Douyin, July 2022 (Douyin = 100%)", ["(Douyin = 100%)", "July 2022"]),
        ("快手相当于抖音的比例，2022年7月（抖音 = 100%）", ["（抖音 = 100%）", "2022年7月"]),
        ("Kling’s ad spend reaches RMB 43m in Q1 2025, up 33 % on 2024", ["RMB 43m", "Q1 2025", "33 %"]),
        (
            "可灵一季度投流规模达4300万元，市值约1.7万亿港元，2023年第1季度",
            ["4300万元", "1.7万亿港元", "2023年第1季度"],
        ),
        ("中厂的关键节点，2022–2025年，2024年下半年", ["2022–2025年", "2024年下半年"]),
        ("Hatched bars are derived: Alibaba = Kuaishou × 9, Tencent = Kuaishou × 20", ["Alibaba = Kuaishou × 9"]),
        ("陈睿称国内超九成AI厂商在B站与用户沟通，把“降本增效”提上日程", ["B站", "“降本增效”"]),
        ("日期由原文推算（原文写于2025年）。", ["（原文写于2025年）。"]),
        # An arrow stays with the number and unit before it: "→ 44亿元" began a line.
        ("58亿元 → 44亿元", ["58亿元 →", "44亿元"]),
        ("442億元 → 411億元", ["442億元 →", "411億元"]),
    ],
    ids=[
        "en-subtitle",
        "zh-subtitle",
        "en-units",
        "zh-units",
        "zh-periods",
        "operators",
        "zh-terms",
        "zh-aside",
        "zh-arrow",
        "zh-hant-units",
    ],
)
def test_a_group_a_number_with_its_unit_or_a_term_is_never_split(text, whole):
    for width in WIDTHS:
        lines = wrapped(text, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", ""), lines
        for part in whole:
            assert any(part in line for line in lines), (width, part, lines)


@pytest.mark.parametrize("text", chart_strings())
def test_no_line_of_chart_text_starts_with_a_closing_or_ends_with_an_opening_mark(text):
    """Every chart string of the report at every width: no "，" "）" "%" "”" first on a
    line, no "（" "“" last, and no operator or arrow starting a line."""
    for width in WIDTHS:
        lines = wrapped(text, width)
        for line in lines[1:]:
            assert line[0] not in CLOSING + "=×→", (width, lines)
        for line in lines[:-1]:
            assert line[-1] not in OPENING + "=×", (width, lines)


def test_each_line_fits_unless_one_piece_is_wider_than_the_room():
    text = "Hatched bars are derived (reading the article’s “20/1” as 1/20). 斜线柱为推算值（原文“腾讯的20/1”按文意读作1/20）。"
    for width in range(12, 64):
        lines = wrapped(text, width)
        assert all(units(line) <= width for line in lines), (width, lines)  # the long asides break inside


def test_a_short_last_word_takes_the_word_before_it_along():
    lines = wrapped("Kling’s ad spend reaches RMB 43m in Q1", 35)
    assert lines == ["Kling’s ad spend reaches RMB 43m", "in Q1"]
    assert wrapped("陈睿称国内超九成AI厂商在B站与用户沟通", 36)[-1] == "沟通"


def test_a_leading_indent_is_kept_on_every_line():
    assert wrapped("  about HK$4tn (derived)", 16) == ["  about HK$4tn", "  (derived)"]


def test_the_subtitle_keeps_its_bracket_whole_in_the_chart_font():
    """The review's case: the English subtitle on a phone broke "(Douyin =" / "100%)"."""
    with renderer.drawing(BUILD, "en"):
        fig = Figure(figsize=(3.84, 1), dpi=100)
        text = fig.text(0, 0.5, "Kuaishou as a share of Douyin, July 2022 (Douyin = 100%)", fontsize=11)
        wrap_to(text, 3.6)
    assert text.get_text() == "Kuaishou as a share of Douyin, July 2022\n(Douyin = 100%)"


def test_a_text_width_is_measured_again_when_a_style_changes_what_it_depends_on():
    """chartkit's text widths are kept for the process (a chart module measures with no
    Build to hand), so their key must hold every setting a width depends on: under
    `mkdocs serve` an edit to charts/*.mplstyle (here its `text.hinting`) redraws the
    charts, which must not wrap their text to the widths of the old style."""
    from sitegen.chartkit import text_width_in

    line = "Illustrative wiggly text 123"

    def width(hinting: str) -> float:
        with matplotlib.rc_context({"text.hinting": hinting}):
            return text_width_in(Figure().text(0, 0, line, fontsize=9), line)

    first = width("default")
    assert width("no_hinting") != first
    assert width("default") == first
