"""The build's typography check (sitegen/model/typography.py), for every report: a straight
quote in English reader text and a space between Han and Latin in Chinese stop the build
with the file, the line and what to write instead. Run on copies of the example report,
through the same validation the plugin runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BUILD

from sitegen.core.errors import InputError
from sitegen.core.reads import forget_cached_reads
from sitegen.model.checks import validate
from sitegen.model.typography import curled


@pytest.fixture
def report(starter_report):
    return starter_report


def problems_after(report: Path, name: str, old: str, new: str) -> list[str]:
    path = report / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    forget_cached_reads(BUILD)
    with pytest.raises(InputError) as caught:
        validate(BUILD)
    return str(caught.value).splitlines()


def test_the_example_passes_as_it_is(report):
    validate(BUILD)  # no InputError


def test_a_straight_apostrophe_in_an_english_title_names_the_file_line_and_fix(report):
    assert problems_after(
        report, "content/article/en.md", "title: The Qinglan Tea Ledger", "title: The City's Tea Ledger"
    ) == [
        "content/article/en.md:2: a straight quote in the en text (front matter title): “The City's Tea Ledger”; "
        "write ’ for an apostrophe and “ ” around a quotation: “The City’s Tea Ledger”"
    ]


def test_straight_quotes_in_english_strings_are_reported_but_not_in_code(report):
    found = problems_after(
        report,
        "content/strings/en.yml",
        'subtitle: "Bubble-tea shops open in Qinglan"',
        """subtitle: 'Bubble-tea shops "open" in Qinglan'""",
    )
    line = 1 + (report / "content/strings/en.yml").read_text(encoding="utf-8").splitlines().index(
        """    subtitle: 'Bubble-tea shops "open" in Qinglan'"""
    )
    assert found == [
        f"content/strings/en.yml:{line}: a straight quote in the en text (key charts.shop-count.subtitle): "
        '“Bubble-tea shops "open" in Qinglan”; write ’ for an apostrophe and “ ” around a quotation: '
        "“Bubble-tea shops “open” in Qinglan”"
    ]


def test_code_and_chart_lines_keep_their_ascii_quotes(report):
    path = report / "content" / "article" / "en.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("This small ledger asks", "This small ledger (`don't`) asks", 1), encoding="utf-8")
    forget_cached_reads(BUILD)
    validate(BUILD)  # the chart lines {{ chart("…") }} and the code span pass


def test_a_space_between_han_and_latin_in_chinese_is_reported(report):
    assert problems_after(report, "content/strings/zh.yml", "chapters_label: 章节", "chapters_label: 章节 2") == [
        "content/strings/zh.yml:12: a space between a Han character and a Latin letter or digit "
        "(key site.chapters_label): “章节 2”; write “章节2”"
    ]


def test_curling():
    assert curled("""the City's "best" tea""") == "the City’s “best” tea"
    assert curled("'quoted'") == "‘quoted’"
