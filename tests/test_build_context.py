"""Two builds in one process see nothing of each other: each has its own Build (project,
cached reads, file versions) and the plugin enters it for each event it handles. Two
different reports built one after the other in one process, in either order, give the
same files as each built alone in its own process."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from sitegen.scaffold import scaffold

ENV = {"SOURCE_DATE_EPOCH": "1735689600", "NO_MKDOCS_2_WARNING": "1"}


def two_reports(folder: Path) -> tuple[Path, Path]:
    """The starter, and a different report made from it: another title, another colour
    for its charts, another number in its data (and in the sentences that quote it), and
    search words: one jieba lacks (小账本, else cut 小 账本) and one of its own (奶茶).
    jieba's dictionary is the process's, and MkDocs keeps the plugin for the process:
    a word left in the dictionary would cut the other report's 这份小账本 whole, and one
    taken out as jieba's del_word does would cut its 奶茶 apart."""
    first, second = folder / "first", folder / "second"
    scaffold(first)
    scaffold(second)
    article = second / "content" / "article" / "zh.md"
    text = article.read_text(encoding="utf-8")
    title = text.split("title:", 1)[1].split("\n", 1)[0]
    assert "小账本" in text
    article.write_text(text.replace(title, " 另一份报告\nsearch_words: [小账本, 奶茶]", 1), encoding="utf-8")
    palette = second / "charts" / "palette.yml"
    colours = palette.read_text(encoding="utf-8")
    first_hex = next(word for word in colours.replace('"', " ").split() if word.startswith("#") and len(word) == 7)
    palette.write_text(colours.replace(first_hex, "#7a1f5c"), encoding="utf-8")
    quoting = [path for path in second.rglob("*") if path.suffix in (".md", ".yml", ".csv")]
    quoting = [path for path in quoting if "11.8" in path.read_text(encoding="utf-8")]
    assert {path.name for path in quoting} >= {"cup-price.csv", "zh.md", "en.md"}
    for path in quoting:  # University Town's cup price, in the data and every sentence quoting it
        path.write_text(path.read_text(encoding="utf-8").replace("11.8", "11.6"), encoding="utf-8")
    return first, second


def site_files(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def build_in_this_process(report: Path, site: Path) -> None:
    config = load_config(config_file=str(report / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def build_alone(report: Path, site: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | ENV
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(report / "mkdocs.yml"),
            "--site-dir",
            str(site),
        ],
        cwd=report,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    return two_reports(tmp_path_factory.mktemp("reports"))


@pytest.fixture(scope="module")
def alone(reports, tmp_path_factory):
    """Each report built in a process of its own, from a clean copy."""
    out = tmp_path_factory.mktemp("alone")
    sites = {}
    for report in reports:
        clean = out / report.name
        scaffold(clean, report)
        build_alone(clean, out / f"{report.name}-site")
        sites[report.name] = site_files(out / f"{report.name}-site")
    return sites


@pytest.mark.parametrize("order", [("first", "second"), ("second", "first")])
def test_two_reports_in_one_process_build_as_they_do_alone(reports, alone, order, tmp_path, monkeypatch):
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("SITE_URL", raising=False)
    by_name = {report.name: report for report in reports}
    assert alone["first"] != alone["second"]  # two different reports
    for name in order:
        copy = tmp_path / name
        scaffold(copy, by_name[name])
        monkeypatch.chdir(copy)
        build_in_this_process(copy, tmp_path / f"{name}-site")
    for name in order:
        assert site_files(tmp_path / f"{name}-site") == alone[name], name
