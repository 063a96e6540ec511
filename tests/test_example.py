"""The starter report (sitegen/starter/, a made-up tea-shop ledger), built from content alone: its own
mkdocs.yml, two languages, two sections, two datasets, two chart modules (one a line
chart), its own palette, a page set without a sources page, and no front matter beyond
title and byline. It is built and checked like the main report, bad input included, and
`python -m sitegen new` starts a report that builds."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

from sitegen.core import project
from sitegen.scaffold import scaffold

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "sitegen" / "starter"
LANGS = ("", "en/")  # the default language at the root, English one folder down


def mkdocs_build(report: Path, out: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1735689600")
    env.pop("SITE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(report / "mkdocs.yml"), "--site-dir", str(out)],
        cwd=report,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def copy_report(dest: Path) -> Path:
    """A fresh copy of the starter, as `python -m sitegen new` makes it."""
    scaffold(dest)
    return dest


@pytest.fixture(scope="module")
def example_site(tmp_path_factory) -> Path:
    report = copy_report(tmp_path_factory.mktemp("example") / "tea-ledger")
    out = report / "site"
    result = mkdocs_build(report, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def example() -> project.Project:
    return project.load(EXAMPLE / "mkdocs.yml")


def parse(path: Path):
    return lxml_html.fromstring(path.read_bytes())


def png_size(path: Path) -> tuple[int, int]:
    return struct.unpack(">II", path.read_bytes()[16:24])


def test_the_example_is_a_different_report(example):
    assert [lang.code for lang in example.languages] == ["zh", "en"]
    assert example.pages == ("home", "sections", "data")
    assert len(example.chart_ids()) == 2 and not set(example.chart_ids()) & set(
        project.load(ROOT / "mkdocs.yml").chart_ids()
    )
    assert (example.charts_dir / "palette.yml").read_text(encoding="utf-8") != (
        ROOT / "charts" / "palette.yml"
    ).read_text(encoding="utf-8")
    for lang in ("zh", "en"):
        front = (example.content_dir / "article" / f"{lang}.md").read_text(encoding="utf-8").split("---")[1]
        keys = {line.split(":")[0] for line in front.strip().splitlines() if line and not line.startswith(" ")}
        assert keys == {"title", "byline"}


def test_the_configured_pages_are_built_in_both_languages(example_site):
    for prefix in LANGS:
        for page in ("index", "01", "02", "data"):
            assert (example_site / prefix / f"{page}.html").exists(), prefix + page
        assert not (example_site / prefix / "03.html").exists()
        assert not (example_site / prefix / "sources.html").exists()  # not in its `pages`


def test_home_shows_title_and_byline_and_leaves_out_what_the_article_lacks(example_site):
    for prefix in LANGS:
        page = parse(example_site / prefix / "index.html")
        assert page.xpath("//h1") and page.xpath("//*[@class='report-byline']")
        assert not page.xpath("//*[@class='report-dek']")  # no dek in its front matter
        links = page.xpath("//nav[@class='report-contents']//a/@href")
        assert links == ["01.html", "02.html", "data.html"]


def test_paragraphs_are_anchored_alike_in_both_languages(example_site):
    anchors = [
        sorted(parse(example_site / prefix / "01.html").xpath("//p[starts-with(@id, 'p01-')]/@id")) for prefix in LANGS
    ]
    assert anchors[0] and anchors[0] == anchors[1]


def test_each_chart_is_placed_once_per_language_with_its_true_size(example_site, example):
    for prefix in LANGS:
        placed = []
        for page in ("index", "01", "02"):
            doc = parse(example_site / prefix / f"{page}.html")
            for img in doc.xpath("//figure[@class='report-figure']//img"):
                src = img.get("src")
                if img.xpath("ancestor::picture[1]/@class") == ["report-figure-light"]:  # and one for dark mode
                    placed.append(Path(src).stem)
                assert (int(img.get("width")), int(img.get("height"))) == png_size(example_site / prefix / src)
            for source in doc.xpath("//figure[@class='report-figure']//source[not(@type)]"):
                narrow = source.get("srcset").split()[0]
                assert png_size(example_site / prefix / narrow)[0] == int(source.get("width")) == 400
        assert sorted(placed) == sorted(example.chart_ids())


def test_the_data_page_lists_both_datasets_with_quote_links(example_site, example):
    for prefix in LANGS:
        doc = parse(example_site / prefix / "data.html")
        for chart_id in example.chart_ids():
            assert doc.xpath(f"//*[@id='data-{chart_id}']")
            assert doc.xpath(f"//a[@download and contains(@href, 'data/{chart_id}.csv')]")
        quote_links = doc.xpath("//table[@class='report-data-rows']//a/@href")
        assert quote_links and all(link.split("#")[0] in ("index.html", "01.html", "02.html") for link in quote_links)


def break_file(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_bad_input_in_the_example_is_reported_all_at_once_with_no_traceback(tmp_path):
    report = copy_report(tmp_path / "tea-ledger")
    csv = next((report / "data").glob("*.csv"))
    lines = csv.read_text(encoding="utf-8").splitlines()
    header, row = lines[0].split(","), lines[1].split(",")
    numeric = next(i for i, cell in enumerate(row) if cell.replace(".", "").isdigit())
    row[numeric] = "12x"
    csv.write_text("\n".join([lines[0], ",".join(row), *lines[2:]]) + "\n", encoding="utf-8")
    chart_id = sorted(project.load(report / "mkdocs.yml").chart_ids())[0]
    break_file(
        report / "content" / "article" / "en.md", f'{{{{ chart("{chart_id}") }}}}', '{{ chart("no-such-chart") }}'
    )
    result = mkdocs_build(report, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert f"{csv.name}:2: column '{header[numeric]}'" in output
    assert "en.md:" in output and "unknown chart id 'no-such-chart'" in output
    assert not (tmp_path / "site").exists()


def test_a_chart_failing_in_a_first_build_leaves_no_page_without_its_true_size(tmp_path):
    # A first build writes its pages while the charts are drawn, with placeholders for
    # their sizes (sitegen/charts/manifest.py: to_come): a chart that fails must take down the
    # pages waiting for it, not leave them with a placeholder.
    report = copy_report(tmp_path / "tea-ledger")
    module = report / "charts" / "shop-count.py"
    good = module.read_bytes()
    shutil.copy(ROOT / "tests" / "fixtures" / "charts" / "raises.py", module)
    site = tmp_path / "site"
    result = mkdocs_build(report, site)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert "Build stopped by bad input:" in output and "chart 'shop-count'" in output and "ZeroDivisionError" in output
    built = [page for page in site.rglob("*.html") if page.name != "404.html"]
    assert all("report-size-to-come" not in page.read_text(encoding="utf-8") for page in built)
    assert not (site / "01.html").exists()
    # Fixed, the next build is whole, with every size filled in.
    module.write_bytes(good)
    result = mkdocs_build(report, site)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = [page.read_text(encoding="utf-8") for page in site.rglob("*.html")]
    assert len(pages) > 6 and all("report-size-to-come" not in page for page in pages)


def test_a_scaffolded_report_builds(tmp_path):
    dest = tmp_path / "my-report"
    result = subprocess.run(
        [sys.executable, "-m", "sitegen", "new", str(dest)], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert (dest / "mkdocs.yml").exists() and not (dest / "site").exists() and not (dest / ".cache").exists()
    again = subprocess.run(
        [sys.executable, "-m", "sitegen", "new", str(dest)], capture_output=True, text=True, cwd=tmp_path
    )
    assert again.returncode != 0 and "not empty" in again.stderr
    built = mkdocs_build(dest, dest / "site")
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    assert (dest / "site" / "en" / "02.html").exists()
