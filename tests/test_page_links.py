"""The article's links to pages of its own edition (sitegen/model/pageset.py): validate()
checks them with every other problem, so an editor sees a link to no page in the same
message as a bad number, at the line of the article to fix. Run on copies of the
starter report."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BUILD

from sitegen.core.errors import InputError
from sitegen.core.reads import forget_cached_reads
from sitegen.model.checks import validate
from sitegen.model.content import read_article
from sitegen.model.pageset import page_names


@pytest.fixture
def report(starter_report):
    return starter_report


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(report: Path) -> list[str]:
    forget_cached_reads(BUILD)
    with pytest.raises(InputError) as caught:
        validate(BUILD)
    return str(caught.value).splitlines()


def test_the_page_names_follow_the_pages_option_in_reading_order(report):
    article = read_article(BUILD, "zh")
    names = page_names(BUILD.project, article)
    sections = [section.page for section in article.sections]
    assert sections and names[0] == "index" and names[1 : 1 + len(sections)] == sections
    assert names[1 + len(sections) :] == [page for page in BUILD.project.pages if page not in ("home", "sections")]


def test_links_to_pages_of_the_report_pass(report):
    edit(report / "content" / "article" / "en.md", "Easy to enter, easy to leave.", "Easy ([data](data.md#top)).")
    assert validate(BUILD).articles


def test_a_link_to_no_page_is_reported_with_the_other_problems_at_its_line(report):
    article = report / "content" / "article" / "en.md"
    lines = article.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if "Easy to enter, easy to leave." in text)
    edit(
        article,
        "Easy to enter, easy to leave.",
        "Easy to enter ([data](nowhere.md)), or [here](https://example.org/x.html).",
    )
    edit(report / "data" / "shop-count.csv", "2020,390,", "2020,39x,")
    found = problems(report)
    assert any(problem.startswith("data/shop-count.csv:3:") for problem in found), found
    links = [problem for problem in found if "which is no page" in problem]
    assert links == [
        f"content/article/en.md:{line}: a link to 'nowhere.md', which is no page of this report; "
        f"link to one of {', '.join(name + '.md' for name in page_names(BUILD.project, read_article(BUILD, 'zh')))}, "
        "or write a whole address (https://…)"
    ]
