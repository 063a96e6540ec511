"""Each kind of bad input, under `mkdocs build`: the same message as the preview shows
(file and line, then the fix; tests/bad_inputs.py), exit status 1, no traceback, and the
last good site left as it was, byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bad_inputs import BREAKS, replace_in
from test_example import copy_report, mkdocs_build


def snapshot(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def stopped_build(report: Path, site: Path, name: str, old: str, new: str) -> str:
    """Build with one edit to `name` (restored after): the output of a build that stopped,
    with no traceback."""
    saved = replace_in(report / name, old, new)
    try:
        result = mkdocs_build(report, site)
    finally:
        (report / name).write_text(saved, encoding="utf-8")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output[-3000:]
    return output


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> tuple[Path, Path, dict[str, bytes]]:
    """A copy of the starter, built once: the report, its site and the site's bytes."""
    report = copy_report(tmp_path_factory.mktemp("bad-input") / "report")
    site = report / "site"
    result = mkdocs_build(report, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return report, site, snapshot(site)


@pytest.mark.parametrize("kind", list(BREAKS))
def test_bad_input_stops_the_build_with_file_line_and_fix_and_keeps_the_last_site(good, kind):
    report, site, before = good
    name, old, new, where, fix = BREAKS[kind]
    output = stopped_build(report, site, name, old, new).replace(f"  {report}/", "  ")
    assert f"Build stopped by bad input:\n  {where}" in output, output[-3000:]
    assert fix.replace("`", "") in output.replace("`", ""), output[-3000:]
    assert snapshot(site) == before, f"the {kind} left a half-written site"


def test_a_warning_that_strict_mode_stops_for_keeps_the_last_site(good):
    """MkDocs empties site/ before it writes the pages and counts strict mode's warnings
    (here a link to a file that does not exist) only after: the site set aside before it
    is put back (sitegen/site/lastgood.py), and nothing is left beside it."""
    report, site, before = good
    output = stopped_build(
        report,
        site,
        "content/article/en.md",
        "Easy to enter, easy to leave.",
        "Easy to enter, easy to leave ([table](nowhere.csv)).",
    )
    assert "nowhere.csv" in output and "strict mode" in output, output[-3000:]
    assert snapshot(site) == before, "a strict-mode warning left a half-written site"
    assert sorted(path.name for path in site.parent.iterdir() if path.name.startswith(".site")) == []
    result = mkdocs_build(report, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(path.name for path in site.parent.iterdir() if path.name.startswith(".site")) == []


@pytest.mark.parametrize(
    "text,line,found",
    [
        ("# Data\n\n{{ lang.code }\n", 3, "unexpected '}'"),
        ("# Data\n\n{{ nonesuch }}\n", 3, "nonesuch"),
    ],
    ids=["syntax", "undefined"],
)
def test_a_broken_page_template_is_named_with_its_line(good, text, line, found):
    """A report's own template (templates/) that Jinja cannot render: its file and line,
    what Jinja found, the fix; no traceback, the last site kept."""
    report, site, before = good
    template = report / "templates" / "pages" / "data.md.j2"
    template.parent.mkdir(parents=True, exist_ok=True)
    template.write_text(text, encoding="utf-8")
    try:
        result = mkdocs_build(report, site)
    finally:
        shutil.rmtree(report / "templates")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output[-3000:]
    assert f"Build stopped by bad input:\n  templates/pages/data.md.j2:{line}: " in output, output[-3000:]
    assert found in output and "fix that line" in output, output[-3000:]
    assert snapshot(site) == before


def test_a_new_datasets_missing_strings_are_listed_at_once(good):
    """The data page asked for a dataset's strings one by one, so a new dataset's came
    one build each: every missing one is named in the first build, in every language."""
    report, site, before = good
    csv, schema = report / "data" / "district-shops.csv", report / "data" / "district-shops.schema.yml"
    csv.write_text("district,shops,quote\nharbour,420,2019年有420家\n", encoding="utf-8")
    schema.write_text(
        "period: 2024\nsources: [survey]\nfields:\n  - {name: district, type: string}\n"
        "  - {name: shops, type: integer}\n  - {name: quote, type: string}\n",
        encoding="utf-8",
    )
    try:
        result = mkdocs_build(report, site)
    finally:
        csv.unlink()
        schema.unlink()
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output[-3000:]
    for lang in ("zh", "en"):
        for key in ("title", "description", "fields.district", "fields.shops", "fields.quote"):
            assert f"content/strings/{lang}.yml: missing key 'data.datasets.district-shops.{key}'" in output, output[
                -3000:
            ]
    assert snapshot(site) == before


def test_a_strings_file_that_is_not_yaml_is_named_once(good):
    """Read by two checks, a broken strings file was named twice, once by its path from
    the root of the machine."""
    report, site, before = good
    output = stopped_build(
        report, site, "content/strings/en.yml", "  permalink_title: Link", "  permalink_title: [Link"
    )
    assert output.count("en.yml:") == 1 and "  content/strings/en.yml:" in output, output[-3000:]
    assert snapshot(site) == before
