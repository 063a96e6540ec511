"""build_charts.py: the CLI's promises (help, --only, --lang, exit codes, no traceback),
the cache (an unchanged chart is never redrawn), and last good charts surviving bad input.

Builds that write run on a copy of the report in a temporary folder (its own mkdocs.yml,
docs/ and cache), with one chart and one language so they render in-process.
"""

import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUILD, languages

import build_charts
from sitegen.charts import cache
from sitegen.charts import step as chartbuild
from sitegen.charts.keys import drawing_key, inputs_hash
from sitegen.charts.manifest import Drawing
from sitegen.core import outputs, project
from sitegen.core.errors import InputError
from sitegen.core.reads import forget_cached_reads
from sitegen.model import checks
from sitegen.pages import figures
from sitegen.pages.figures import render_data_page
from sitegen.pages.templating import environment

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "build_charts.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_help():
    result = run_cli("--help")
    assert result.returncode == 0
    for option in ("--force", "--only", "--lang"):
        assert option in result.stdout


@pytest.mark.parametrize(
    "args, expected",
    [
        (("--only", "no-such-chart"), "unknown chart id 'no-such-chart'; known charts: ai-timeline"),
        (("--lang", "xx"), "unknown language 'xx'"),
    ],
)
def test_bad_arguments_exit_non_zero_with_one_line_and_no_traceback(args, expected):
    result = run_cli(*args)
    assert result.returncode == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.fixture
def scratch(tmp_path, use_report):
    """A copy of the report (mkdocs.yml and its folders) in a temporary folder, with an
    empty docs/ and cache, made the current report; the data there is for editing."""
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for folder in ("content", "data", "charts", "templates"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "docs").mkdir()
    use_report(project.load(tmp_path / "mkdocs.yml"))
    return tmp_path


def cli(scratch: Path, *args: str) -> int:
    return build_charts.main(["-f", str(scratch / "mkdocs.yml"), *args])


def test_build_renders_then_skips_then_redraws_what_changed(scratch, monkeypatch):
    only, langs = ["sales-marketing"], ["en"]
    first = chartbuild.draw_charts(BUILD, only=only, langs=langs)
    assert first.rendered == ["sales-marketing (en)"] and not first.skipped
    png = outputs.chart_path(BUILD.project, "en", "sales-marketing", 1)
    for variant in ("wide", "narrow"):
        assert all(outputs.chart_path(BUILD.project, "en", "sales-marketing", s, variant).exists() for s in (1, 2))
    assert (
        outputs.dataset_csv_path(BUILD.project, "sales-marketing").read_bytes()
        == (ROOT / "data/sales-marketing.csv").read_bytes()
    )

    mtime = png.stat().st_mtime_ns
    with monkeypatch.context() as patch:  # a cached chart is never drawn again
        patch.setattr(chartbuild, "_render_job", lambda *args: pytest.fail("redrew a cached chart"))
        second = chartbuild.draw_charts(BUILD, only=only, langs=langs)
    assert second.skipped == ["sales-marketing (en)"] and not second.rendered
    assert png.stat().st_mtime_ns == mtime  # not rewritten: mkdocs serve would loop

    for variant in ("wide", "narrow"):
        assert all(
            outputs.chart_path(BUILD.project, "en", "sales-marketing", s, variant, "dark").exists() for s in (1, 2)
        )
    assert (
        outputs.chart_path(BUILD.project, "en", "sales-marketing", 2, "narrow", "dark").name
        == "sales-marketing.narrow.dark@2x.png"
    )
    narrow = outputs.chart_path(BUILD.project, "en", "sales-marketing", 2, "narrow")
    dark = outputs.chart_path(BUILD.project, "en", "sales-marketing", 1, "wide", "dark")
    png.unlink()  # a cleaned docs/ is refilled from the cache, not redrawn
    narrow.unlink()
    dark.unlink()
    assert chartbuild.draw_charts(BUILD, only=only, langs=langs).skipped == ["sales-marketing (en)"]
    assert png.exists() and narrow.exists() and dark.exists()

    # A figure changes in the article and the data together (a value must be the one its quote states).
    csv, article = scratch / "data" / "sales-marketing.csv", scratch / "content" / "article" / "zh.md"
    csv.write_text(
        csv.read_text(encoding="utf-8").replace("442,411", "442,400").replace("411亿", "400亿"), encoding="utf-8"
    )
    article.write_text(article.read_text(encoding="utf-8").replace("减到了411亿", "减到了400亿"), encoding="utf-8")
    assert chartbuild.draw_charts(BUILD, only=only, langs=langs).rendered == ["sales-marketing (en)"]
    assert chartbuild.draw_charts(BUILD, only=only, langs=langs, force=True).rendered == ["sales-marketing (en)"]


def record_only(build, plan, progress):
    """Stands in for chartbuild._run: every drawing "made", none drawn (for tests of the keys)."""
    from sitegen.charts.render import Rendered

    for chart_id, lang, variant, schemes, *_ in chartbuild._jobs(plan):
        for scheme in schemes:
            yield (
                chart_id,
                lang,
                (variant, scheme),
                Rendered({(fmt, s): b"image" for fmt in ("png", "webp") for s in (1, 2)}, 1, 1),
            )


def test_a_first_build_is_told_when_the_printed_drawings_are_in_place_before_the_rest(scratch):
    """The print edition's drawings (PRINTED) are drawn first, written as they come, and
    `printable` is told the manifest they complete at once, while the other drawings are
    still to come: the PDFs print beside them (sitegen/site/plugin.py). A failure before
    then tells it nothing."""
    from sitegen.charts.manifest import PRINTED
    from sitegen.charts.render import Rendered

    plan = chartbuild._plan(BUILD, True, ["sales-marketing", "market-cap"], ["zh", "en"], None)
    jobs = chartbuild._jobs(plan)
    # A job is a chart in a language at one width, in both schemes: the wide ones first.
    assert [(job[2], job[3]) for job in jobs] == [(PRINTED[0], ("light", "dark"))] * 4 + [
        ("narrow", ("light", "dark"))
    ] * 4
    drawings = [(c, lang, (variant, scheme)) for c, lang, variant, schemes, *_ in jobs for scheme in schemes]
    last_printed = max(n for n, (*_, drawing) in enumerate(drawings) if drawing == PRINTED)
    assert last_printed == 6 and len(drawings) == 16
    image = Rendered({(fmt, s): b"image" for fmt in ("png", "webp") for s in (1, 2)}, 720, 420)
    consumed, told = [], []

    def results(fail_first: bool = False):
        for n, (chart_id, lang, drawing) in enumerate(drawings):
            consumed.append(n)
            yield chart_id, lang, drawing, ("bad input" if fail_first and n == 0 else image)

    def printable(drawn):
        files = [outputs.chart_path(BUILD.project, lang, c, 2) for lang, c, *_ in drawn]
        told.append((len(consumed), sorted(drawn), all(path.read_bytes() == b"image" for path in files)))

    chartbuild._record(plan, results(), printable)
    expected = sorted((lang, c, *PRINTED) for c in ("sales-marketing", "market-cap") for lang in ("zh", "en"))
    assert told == [(last_printed + 1, expected, True)]  # the nine drawings after it still to come
    told.clear()
    with pytest.raises(chartbuild.BuildFailed):
        chartbuild._record(
            chartbuild._plan(BUILD, True, ["sales-marketing", "market-cap"], ["zh", "en"], None),
            results(True),
            printable,
        )
    assert told == []


def test_the_results_of_a_run_come_as_they_finish_not_after_this_processs_jobs(monkeypatch):
    """workers.Run: between two jobs it draws itself, the process gives the results the
    workers have finished meanwhile (a first build starts its PDFs on them)."""
    from concurrent.futures import Future

    from sitegen.charts import workers

    class HeldPool:  # a pool whose jobs finish when the test says
        def __init__(self):
            self.jobs = []

        def submit(self, job, *args):
            future = Future()
            future.set_running_or_notify_cancel()
            self.jobs.append((future, job, args))
            return future

        def finish_next(self):
            future, job, args = next(item for item in self.jobs if not item[0].done())
            future.set_result(job(*args))

    pool = HeldPool()
    monkeypatch.setattr(workers, "_in_worker", lambda job, *args: job(BUILD, *args))  # the pool runs here
    held = workers.Workers()
    monkeypatch.setattr(held, "pool", lambda report: pool)
    monkeypatch.setattr(workers, "pooled_count", lambda: 1)
    run = workers.Run(lambda build, n: str(n), [(n,) for n in range(5)], held, BUILD)  # the pool takes "0"
    results = run.results()
    pool.finish_next()  # "0" done; the pool takes "1"
    assert next(results) == "0"  # before this process draws "2"
    assert next(results) == "2"
    pool.finish_next()  # "1" done; the pool takes "3"
    assert [next(results), next(results)] == ["1", "4"]
    pool.finish_next()
    assert list(results) == ["3"]


def test_each_kind_of_input_redraws_exactly_the_charts_it_affects(scratch, monkeypatch):
    """The cache key covers everything a drawing depends on, and nothing else: a helper
    module redraws the charts importing it, a strings file its language, and the style,
    palette and units every chart."""
    monkeypatch.setattr(chartbuild, "_run", record_only)
    charts = scratch / "charts"
    (charts / "_helper.py").write_text("ARROW = '-|>'\n", encoding="utf-8")
    market_cap = charts / "market-cap.py"
    market_cap.write_text(
        "from charts import _helper  # noqa: F401\n" + market_cap.read_text(encoding="utf-8"), encoding="utf-8"
    )

    def redrawn_after(path: Path | None = None) -> list[str]:
        if path:
            path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        return sorted(
            chartbuild.draw_charts(BUILD, only=["market-cap", "sales-marketing"], langs=["zh", "en"]).rendered
        )

    every = ["market-cap (en)", "market-cap (zh)", "sales-marketing (en)", "sales-marketing (zh)"]
    assert redrawn_after() == every
    assert redrawn_after() == []
    assert redrawn_after(charts / "_helper.py") == ["market-cap (en)", "market-cap (zh)"]
    assert redrawn_after(scratch / "content" / "strings" / "zh.yml") == ["market-cap (zh)", "sales-marketing (zh)"]
    assert redrawn_after(scratch / "data" / "sales-marketing.schema.yml") == [
        "sales-marketing (en)",
        "sales-marketing (zh)",
    ]
    for shared in (charts / "report.mplstyle", charts / "palette.yml", scratch / "data" / "units.yml"):
        assert redrawn_after(shared) == every, shared.name


def test_workers_start_early_only_for_a_step_sure_to_draw(scratch, monkeypatch):
    """A first build and a forced step spawn the pool before planning (a worker's import of
    matplotlib then overlaps it); a build with a chart manifest, which may draw nothing,
    or one that skips the charts, spawns nothing up front."""
    from sitegen.site.plugin import _start_workers_for_a_first_build

    started = []
    monkeypatch.setattr(chartbuild, "start_workers", lambda build: started.append("start"))
    monkeypatch.setattr(chartbuild, "_run", record_only)
    _start_workers_for_a_first_build(
        dataclasses.replace(BUILD, project=dataclasses.replace(BUILD.project, skip_charts=True))
    )
    assert started == []
    _start_workers_for_a_first_build(BUILD)
    assert started == ["start"]
    chartbuild.draw_charts(BUILD)  # a full step: writes the manifest
    assert started == ["start"]
    _start_workers_for_a_first_build(BUILD)
    assert started == ["start"]
    chartbuild.draw_charts(BUILD, force=True, only=["market-cap"], langs=["zh"])
    assert started == ["start", "start"]


def test_a_later_process_reuses_what_was_parsed_only_while_the_file_is_unchanged(scratch, monkeypatch):
    """.cache/file-versions.json spares the next build parsing (and hashing) the files
    that did not change; an edit that keeps a module's size is still seen."""
    import ast

    monkeypatch.setattr(chartbuild, "_run", record_only)
    parsed, parse = [], ast.parse

    def parse_recorded(source, filename="<unknown>", *args, **kwargs):
        if filename.endswith(".py"):  # a module, not a data formula (sitegen/model/datasets.py)
            parsed.append(Path(filename).name)
        return parse(source, filename, *args, **kwargs)

    monkeypatch.setattr(ast, "parse", parse_recorded)
    helper = scratch / "charts" / "_helper.py"
    helper.write_text("ARROW = '-|>'\n", encoding="utf-8")
    market_cap = scratch / "charts" / "market-cap.py"
    market_cap.write_text(
        "from charts import _helper  # noqa: F401\n" + market_cap.read_text(encoding="utf-8"), encoding="utf-8"
    )

    def build_in_a_new_process() -> list[str]:
        BUILD.file_versions = None  # what a new process knows: only the file
        forget_cached_reads(BUILD)  # nor has it read anything yet
        parsed.clear()
        return sorted(chartbuild.draw_charts(BUILD, only=["market-cap", "sales-marketing"], langs=["zh"]).rendered)

    assert build_in_a_new_process() == ["market-cap (zh)", "sales-marketing (zh)"]
    assert "_helper.py" in parsed and "render.py" in parsed
    assert build_in_a_new_process() == [] and parsed == []
    helper.write_text("ARROW = '<|-'\n", encoding="utf-8")  # the same size
    assert build_in_a_new_process() == ["market-cap (zh)"] and parsed == ["_helper.py"]


def test_a_full_build_prunes_removed_charts_but_keeps_both_widths_and_schemes(scratch, monkeypatch):
    monkeypatch.setattr(project.Project, "chart_ids", lambda self: ["market-cap"])
    for lang in ("zh", "en"):
        for variant in ("wide", "narrow"):
            for scheme in ("light", "dark"):
                for scale in (1, 2):
                    path = outputs.chart_path(BUILD.project, lang, "market-cap", scale, variant, scheme)
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(b"png")
        outputs.chart_path(BUILD.project, lang, "gone", 1, "narrow").write_bytes(b"png")
        outputs.chart_path(BUILD.project, lang, "gone", 2, "wide", "dark").write_bytes(b"png")
    cache.prune(BUILD.project, {}, set())
    for lang in ("zh", "en"):
        left = sorted(p.name for p in outputs.charts_dir(BUILD.project, lang).glob("*.png"))
        assert left == [
            "market-cap.dark.png",
            "market-cap.dark@2x.png",
            "market-cap.narrow.dark.png",
            "market-cap.narrow.dark@2x.png",
            "market-cap.narrow.png",
            "market-cap.narrow@2x.png",
            "market-cap.png",
            "market-cap@2x.png",
        ]


def test_a_full_build_evicts_cache_entries_no_chart_is_keyed_to(scratch, monkeypatch):
    # A report of one chart, as the chart step sees it (the article still places them all).
    monkeypatch.setattr(chartbuild, "_check", lambda report, only, langs: (["market-cap"], report.language_codes()))
    stale = outputs.chart_cache_path(BUILD.project, "0" * 32, 1)
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_bytes(b"png of data that changed since")
    chartbuild.draw_charts(BUILD, only=["market-cap"])  # a partial build keeps it: other charts' keys are unknown
    assert stale.exists()
    chartbuild.draw_charts(BUILD)
    assert not stale.exists()
    left = sorted(outputs.chart_cache_dir(BUILD.project).glob("*.png"))
    # market-cap × each language × 2 widths × 2 schemes × 2 scales, every one in use, and each drawing's size
    drawings = len(languages()) * 2 * 2
    assert len(left) == 2 * drawings and all(p.stat().st_size > 1000 for p in left)
    assert len(list(outputs.chart_cache_dir(BUILD.project).glob("*.size"))) == drawings


def test_the_scheme_is_part_of_the_cache_key(scratch):
    from sitegen.charts.fonts import font_paths
    from sitegen.model.datasets import load_dataset

    report = BUILD.project
    fonts = font_paths(report.font_family, report.font_files)
    dataset = load_dataset(BUILD, "market-cap")
    inputs = inputs_hash(BUILD, "market-cap", "en", dataset, fonts)
    keys = {
        drawing_key(BUILD.project, "market-cap", "en", v, s, inputs)
        for v in ("wide", "narrow")
        for s in ("light", "dark")
    }
    assert len(keys) == 4


def test_bad_data_stops_the_cli_and_keeps_the_last_good_chart(scratch, capsys):
    assert cli(scratch, "--only", "sales-marketing", "--lang", "zh") == 0
    png = outputs.chart_path(BUILD.project, "zh", "sales-marketing", 1)
    good = png.read_bytes()
    csv = scratch / "data" / "sales-marketing.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("442,411", "442,4II"), encoding="utf-8")
    capsys.readouterr()
    assert cli(scratch, "--only", "sales-marketing", "--lang", "zh") == 1
    err = capsys.readouterr().err
    assert "sales-marketing.csv:2: column 'latest' must be a number, got '4II'" in err
    assert "Traceback" not in err
    assert png.read_bytes() == good


def test_a_failing_chart_module_is_reported_and_its_last_good_png_kept(scratch, monkeypatch, capsys):
    assert cli(scratch, "--only", "market-cap", "--lang", "en") == 0
    png = outputs.chart_path(BUILD.project, "en", "market-cap", 1)
    good = png.read_bytes()
    monkeypatch.setattr(project.Project, "chart_file", lambda self, chart_id: FIXTURES / "charts" / "raises.py")
    capsys.readouterr()
    assert cli(scratch, "--only", "market-cap", "--lang", "en", "--force") == 1
    err = capsys.readouterr().err
    assert "failed: " in err and "raises.py:5: chart 'market-cap'" in err and "ZeroDivisionError" in err
    assert "Traceback" not in err
    assert png.read_bytes() == good


def test_a_chart_module_importing_a_renamed_module_is_told_the_new_name(scratch, monkeypatch, capsys):
    """A report written for sitegen 0.2 whose chart imported sitegen.model.numbers: one line that
    says what to import instead (README, Change log), and no traceback."""
    monkeypatch.setattr(project.Project, "chart_file", lambda self, chart_id: FIXTURES / "charts" / "old_import.py")
    assert cli(scratch, "--only", "market-cap", "--lang", "en", "--force") == 1
    err = capsys.readouterr().err
    assert "chart 'market-cap'" in err and "Traceback" not in err
    assert "`sitegen.numbers` was renamed in sitegen 0.3: import `sitegen.model.numbers` instead" in err


def test_a_chart_with_no_text_for_a_language_is_bad_input(scratch):
    strings = scratch / "content" / "strings" / "en.yml"
    text = strings.read_text(encoding="utf-8")
    strings.write_text(text.replace("\n  market-cap:\n", "\n  market-kap:\n", 1), encoding="utf-8")
    with pytest.raises(InputError, match=r"content/strings/en.yml: no text for chart 'market-cap' in language 'en'"):
        checks.validate(BUILD)


def test_figure_html_is_one_accessible_block(chart_manifest):
    model = checks.validate(BUILD)

    def render_figure(chart_id, lang, lazy=True):
        return figures.render_figure(BUILD, model, chart_manifest, chart_id, lang, lazy)

    for lang in ("zh", "en"):
        html = render_figure("market-cap", lang)
        assert html.startswith("<figure") and html.endswith("</figure>") and "\n\n" not in html
        for part in (
            'srcset="charts/market-cap.png 1x, charts/market-cap@2x.png 2x"',
            'width="720"',
            '<a class="report-figure-zoom" href="charts/market-cap@2x.png"><picture class="report-figure-light">'
            '<source type="image/webp" media="(max-width: 600px)" '
            'srcset="charts/market-cap.narrow.webp 1x, charts/market-cap.narrow@2x.webp 2x" width="384"',
            '<source media="(max-width: 600px)" '
            'srcset="charts/market-cap.narrow.png 1x, charts/market-cap.narrow@2x.png 2x" width="384"',
            '<source type="image/webp" srcset="charts/market-cap.webp 1x, charts/market-cap@2x.webp 2x" width="720"',
            '><img src="charts/market-cap.png"',
            '</picture><picture class="report-figure-dark">'
            '<source type="image/webp" media="(max-width: 600px)" '
            'srcset="charts/market-cap.narrow.dark.webp 1x, charts/market-cap.narrow.dark@2x.webp 2x" width="384"',
            '<source media="(max-width: 600px)" '
            'srcset="charts/market-cap.narrow.dark.png 1x, charts/market-cap.narrow.dark@2x.png 2x" width="384"',
            '><img src="charts/market-cap.dark.png" srcset="charts/market-cap.dark.png 1x, '
            'charts/market-cap.dark@2x.png 2x"',
            "</picture></a>",
            'loading="lazy"',
            'decoding="async"',
            "<details",
            "<summary>",
            "<caption>",
            '<th scope="col">',
            '<th scope="row" data-label="',
            '<td data-label="',
            'href="03.html#p03-3"',
            'data-lightbox-title="',
            'data-lightbox-close="',
            'data-lightbox-download="',
        ):
            assert part in html, (lang, part)
        assert html.count("<img ") == 2 and html.count('loading="lazy"') == 2
    # One CSV at the site root's data/, reached from each language's own folder.
    assert 'href="data/market-cap.csv"' in render_figure("market-cap", "zh")
    assert 'href="../data/market-cap.csv"' in render_figure("market-cap", "en")
    # The first-view chart is fetched first, but only in the scheme the page shows: both
    # stay lazy, so that the hidden one (display: none) is never fetched.
    first_view = render_figure("market-cap", "zh", lazy=False)
    assert first_view.count('fetchpriority="high"') == 2 and first_view.count('loading="lazy"') == 2
    assert 'alt="条形图' in render_figure("market-cap", "zh")
    assert 'alt="Bar chart' in render_figure("market-cap", "en")
    assert 'data-lightbox-close="关闭" data-lightbox-download="下载图片"' in render_figure("market-cap", "zh")


def test_a_figure_has_one_short_source_line_with_one_link_to_the_text(chart_manifest):
    """One line: the sources by their short names, then one link to the first paragraph
    its data quotes on its own page; no doubled colon in Chinese ("来源：硅基研究室：…")."""
    from lxml import html as lxml_html

    model = checks.validate(BUILD)
    for lang in ("zh", "en"):
        for chart_id in BUILD.project.chart_ids():
            figure = lxml_html.fromstring(figures.render_figure(BUILD, model, chart_manifest, chart_id, lang))
            (line,) = figure.xpath("//*[@class='report-figure-source']")
            links = line.xpath(".//a")
            assert len(links) == 1 and links[0].text == {"zh": "见正文", "en": "see the text"}[lang], chart_id
            text = line.text_content()
            assert "\n" not in text.strip() and text.count("：") <= 1 and text.count(": ") <= 1, text
    timeline = lxml_html.fromstring(figures.render_figure(BUILD, model, chart_manifest, "ai-timeline", "zh"))
    assert timeline.xpath("//*[@class='report-figure-source']/a/@href") == ["01.html#p01-2"]  # its page, not the lede
    assert timeline.xpath("string(//*[@class='report-figure-source'])").startswith(
        "来源：硅基研究室（界面新闻转载）；AppGrowing"
    )


def test_data_cells_are_escaped():
    from sitegen.model.datasets import load_dataset
    from sitegen.model.figure import shown_fields
    from sitegen.model.figuretext import reader_text

    dataset = load_dataset(BUILD, "script", FIXTURES / "data")
    cells = [[reader_text(BUILD, dataset, row, f.name, "en") for f in shown_fields(dataset)] for row in dataset.rows]
    drawing = Drawing(1, 1, {1: "a.png", 2: "a@2x.png"})
    html = (
        environment(BUILD)
        .get_template("figure.html.j2")
        .render(
            id="script",
            title="<title>",
            pictures=[{"scheme": "light", "wide": drawing, "narrow": drawing}],
            wide=drawing,
            narrow=drawing,
            alt="<alt>",
            caption="c",
            sources=[],
            quote_url=None,
            table={"caption": "c", "headers": ["<h>"] + ["h"] * (len(cells[0]) - 1), "rows": cells},
            csv_url="x.csv",
            lazy=True,
            t=lambda key: key,
        )
    )
    assert "<script>" not in html
    assert '<th scope="row" data-label="&lt;h&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</th>' in html
    assert 'alt="&lt;alt&gt;"' in html and 'data-lightbox-title="&lt;title&gt;"' in html


def test_data_page_lists_every_dataset_with_provenance_links():
    from sitegen.model.datasets import dataset_ids

    model = checks.validate(BUILD)
    for lang in ("zh", "en"):
        body = render_data_page(BUILD, model, lang)
        for dataset_id in dataset_ids(BUILD.project.data_dir):
            assert f"#data-{dataset_id}" in body and f"data/{dataset_id}.csv" in body
        assert 'href="01.html#p01-12"' in body  # the sales and marketing sentence
    assert 'lang="zh-Hans"' in render_data_page(BUILD, model, "en") and 'lang="zh-Hans"' not in render_data_page(
        BUILD, model, "zh"
    )
