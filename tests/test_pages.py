"""Page generation (content → docs/<lang>/*.md): what it writes, and how it refuses bad
input with one message naming the file and line, leaving the last good pages in place."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUILD, PARALLEL_PAGES, REPORT, copy_of_the_report, languages

from sitegen.core.errors import InputError
from sitegen.model import checks
from sitegen.pages import writer as pages
from sitegen.pages.plan import page_order
from sitegen.pages.templating import literal_line, yaml_string


@pytest.fixture
def build_pages(chart_manifest):
    """Validate the current report and write its pages, as the plugin does."""
    return lambda: pages.build_pages(BUILD, checks.validate(BUILD), chart_manifest)


def test_reading_order_is_home_sections_sources_data():
    assert page_order(BUILD) == ["index", "01", "02", "03", "sources", "data"]


def test_literal_line_keeps_numbered_references_as_text():
    assert literal_line("1. Tencent Tech") == "1\\. Tencent Tech"
    assert literal_line("- dash") == "\\- dash"
    assert literal_line("1、腾讯科技") == "1、腾讯科技"


def test_front_matter_strings_are_quoted_and_readable():
    assert yaml_string('Kuaishou: "AI"') == '"Kuaishou: \\"AI\\""'
    assert yaml_string("中厂") == '"中厂"'


@pytest.fixture
def content_copy(tmp_path, use_report):
    """A copy of content/ that a test may break; pages read from it."""
    copy = tmp_path / "content"
    shutil.copytree(REPORT.content_dir, copy)
    use_report(content_dir=copy)
    return copy


def break_file(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unknown_chart_id_names_the_file_line_and_known_ids(content_copy):
    for lang in ("zh", "en"):
        break_file(content_copy / "article" / f"{lang}.md", '{{ chart("market-cap") }}', '{{ chart("market-kap") }}')
    with pytest.raises(InputError) as caught:
        checks.validate(BUILD)
    message = str(caught.value)
    assert "zh.md:" in message and "unknown chart id 'market-kap'" in message and "market-cap" in message
    line = int(message.split("zh.md:")[1].split(":")[0])
    assert "market-kap" in (content_copy / "article" / "zh.md").read_text(encoding="utf-8").splitlines()[line - 1]


def test_a_translation_missing_a_paragraph_is_refused(content_copy):
    en = content_copy / "article" / "en.md"
    text = en.read_text(encoding="utf-8")
    section = text.split("## 02 ")[1]
    first_paragraph = section.split("\n\n")[1]
    en.write_text(text.replace("\n\n" + first_paragraph, "", 1), encoding="utf-8")
    with pytest.raises(InputError, match=r"en\.md:\d+: section 02 has 15 paragraphs .* with 16 paragraphs"):
        checks.validate(BUILD)


def test_a_translation_with_a_subhead_in_another_place_is_refused(content_copy):
    break_file(
        content_copy / "article" / "en.md",
        "### First, the core business\n\nAI has to be put",
        "First, the core business\n\n### AI has to be put",
    )
    with pytest.raises(
        InputError,
        match=r"en\.md:\d+: section 02 .*subheads before paragraphs \[6, 9, 14\], "
        r"but .*zh\.md has section 02 .*subheads before paragraphs \[5, 9, 14\]",
    ):
        checks.validate(BUILD)


def test_subheads_are_anchored_h2_headings_without_closing_punctuation(monkeypatch, tmp_path, build_pages):
    monkeypatch.setattr(pages, "page_path", lambda report, lang, name: tmp_path / lang / f"{name}.md")
    build_pages()
    zh = (tmp_path / "zh" / "02.md").read_text(encoding="utf-8")
    en = (tmp_path / "en" / "02.md").read_text(encoding="utf-8")
    assert "\n## 第一，是主业优先 { #s02-1 .report-subhead }\n\nAI必须围绕" in zh
    assert "\n## 第二，是商业模式优先 { #s02-2 .report-subhead }\n\n大模型浪潮下，" in zh
    assert "\n## 第三，也是更为关键的" in zh and "优先 { #s02-3 .report-subhead }\n\n避开大厂的射程，" in zh
    assert "\n## First, the core business { #s02-1 .report-subhead }\n\nAI has to be put" in en
    assert (
        "\n## Third, and most important, small and focused bets { #s02-3 .report-subhead }\n\nThe idea is to stay out of"
        in en
    )
    assert "{: #s02-" not in zh + en  # a subhead is not a paragraph


def test_a_missing_interface_string_names_the_file_and_key(content_copy, build_pages):
    break_file(content_copy / "strings" / "en.yml", "    sources: About the original\n", "")
    with pytest.raises(InputError, match=r"strings/en\.yml: missing key 'site\.pages\.sources'"):
        build_pages()


def test_bad_input_leaves_the_last_good_pages(content_copy, monkeypatch, tmp_path, build_pages):
    written = {}
    monkeypatch.setattr(pages, "page_path", lambda report, lang, name: tmp_path / "docs" / lang / f"{name}.md")
    build_pages()
    for path in (tmp_path / "docs").rglob("*.md"):
        written[path] = path.read_bytes()
    assert len(written) == len(languages()) * len(page_order(BUILD)) + len(PARALLEL_PAGES)
    # Break the English strings: Chinese pages render first, yet nothing may be written.
    break_file(content_copy / "strings" / "en.yml", "    sources: About the original\n", "")
    break_file(content_copy / "article" / "zh.md", "想让外界相信，首先得信自己。", "改过的导语。")
    from sitegen.core.reads import forget_cached_reads

    forget_cached_reads(BUILD)
    with pytest.raises(InputError):
        build_pages()
    assert {p: p.read_bytes() for p in written} == written


def test_pages_are_only_rewritten_when_their_bytes_change(monkeypatch, tmp_path, build_pages):
    monkeypatch.setattr(pages, "page_path", lambda report, lang, name: tmp_path / lang / f"{name}.md")
    assert len(build_pages()) == len(languages()) * len(page_order(BUILD)) + len(PARALLEL_PAGES)
    assert build_pages() == []


def test_a_page_that_is_no_longer_generated_is_deleted(monkeypatch, tmp_path, build_pages):
    monkeypatch.setattr(pages, "page_path", lambda report, lang, name: tmp_path / lang / f"{name}.md")
    stale = tmp_path / "en" / "04.md"
    stale.parent.mkdir(parents=True)
    stale.write_text("# a section that was removed", encoding="utf-8")
    assert stale in build_pages()
    assert not stale.exists() and (tmp_path / "en" / "03.md").exists()


@pytest.mark.parametrize(
    "path, old, new, expected",
    [
        ("content/article/en.md", '{{ chart("market-cap") }}\n\n', "", ["en.md:", "keep the languages aligned"]),
        ("content/article/zh.md", "## 02 ", "## 2 ", ["zh.md:", "two-digit number"]),
        ("content/article/en.md", "title: ", "title: : [", ["en.md:", "not valid YAML"]),
        ("content/strings/en.yml", "  source_label: ", "  source_label: [", ["strings/en.yml:", "not valid YAML"]),
    ],
    ids=["misaligned", "bad-heading", "bad-front-matter", "bad-strings-yaml"],
)
def test_mkdocs_build_with_bad_input_exits_with_one_message_and_no_traceback(tmp_path, path, old, new, expected):
    repo = tmp_path / "repo"
    copy_of_the_report(repo, ".venv", "site", ".git", ".cache", "node_modules", "tests")
    break_file(repo / path, old, new)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", REPORT_SKIP_CHARTS="true")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=repo, env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "Build stopped by bad input:" in output
    for part in expected:
        assert part in output, output[-500:]
