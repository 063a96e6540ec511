"""`mkdocs serve` as an editor uses it: a data edit shows up, and it costs one rebuild,
not a loop (what the plugin writes into docs/ is not watched), and a chart drawn at a
new size gets it on its pages in that same rebuild.

Runs on a copy of the report, so the edit never touches the working tree."""

from __future__ import annotations

import re
import shutil
import signal
import struct
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import REPORT, ROOT

from tools.localhost import fetch, mkdocs_serve, wait_until

BUILT = "Documentation built in"
BUILDING = "Building documentation"
CHANGES = "Detected file changes"


@pytest.fixture
def report_copy(tmp_path, built_site) -> Path:
    """The report's sources, with the cache the session's build of the same sources left:
    the first build under serve draws and prints nothing, as in an editor's second `make
    serve` (both are dated by SOURCE_DATE_EPOCH). Not the cache of the report at the
    root: in a fresh clone it has none until some test draws there, and every serve test
    then drew and printed the whole report before its edit."""
    copy = tmp_path / "report"
    copy.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    for folder in ("content", "data", "charts", "templates", "docs/assets"):
        shutil.copytree(ROOT / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__"))
    built_site.copy_cache(copy / ".cache")
    return copy


def settle(log, quiet: float = 1.5, limit: float = 120) -> None:
    """Wait until the server is idle: its last build over, none asked for since, and the
    log unchanged for `quiet` seconds. MkDocs logs "Detected file changes" as soon as a
    watched file changes, so a build whose own writes would start another (a loop) shows
    it within a tenth of a second of its end (its build_delay)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        seen = log()
        idle = seen.rfind(BUILT) > max(seen.rfind(CHANGES), seen.rfind(BUILDING))
        time.sleep(quiet)
        if idle and log() == seen:
            return
    raise AssertionError(f"mkdocs serve still rebuilding after {limit} s")


def edit_a_value(report: Path) -> None:
    """The data edit an editor makes: bilibili-ad-share's 2024 value, 30 -> 15, another
    number the row's quote states (the build checks each value against its quote)."""
    csv = report / "data" / "bilibili-ad-share.csv"
    text = csv.read_text(encoding="utf-8")
    assert "2024,30," in text
    csv.write_text(text.replace("2024,30,", "2024,15,"), encoding="utf-8")


@contextmanager
def serving(report: Path, log_path: Path):
    """`mkdocs serve` on the report, its first build done and settled: (base URL, builds(),
    the log's text(), the server's process). Stopped by SIGTERM after the test (unless the
    test killed it), as a service manager stops it: it must shut down as for Ctrl-C."""
    text = lambda: log_path.read_text(encoding="utf-8", errors="replace")  # noqa: E731
    builds = lambda: text().count(BUILT)  # noqa: E731
    with open(log_path, "w") as log, mkdocs_serve(report, log) as (base, server):
        wait_until(lambda: fetch(base + "index.html") is not None and builds() >= 1, 300, "the first build")
        settle(text)
        # The pages and images the first build wrote into docs/ queue no second build.
        assert builds() == 1, text()[-3000:]
        yield base, builds, text, server
    if server.returncode != -signal.SIGKILL:
        stopped_as_for_ctrl_c(server, text)


def stopped_as_for_ctrl_c(server, log) -> None:
    """A server stopped by SIGTERM ran MkDocs' shutdown and the plugin's on_shutdown: it
    said so and exited 0, and closed its pools, so that Python's resource tracker (which
    outlives it by a moment) finds no semaphore left behind."""
    assert server.returncode == 0 and "Shutting down" in log(), log()[-2000:]
    time.sleep(1)  # the resource tracker's last word, if any, comes after its owner's exit
    assert "leaked semaphore" not in log(), log()[-2000:]


def test_a_chart_drawn_at_a_new_size_under_serve_gets_it_on_its_pages_in_one_build(report_copy, tmp_path):
    # A rebuild under serve builds the pages while the chart is drawn, with placeholders
    # for its size, filled in once it is drawn: the new size in the same build.
    module = report_copy / "charts" / "bilibili-ad-share.py"
    with serving(report_copy, tmp_path / "serve.log") as (base, builds, log, _):
        before = builds()
        page = fetch(base + "02.html").decode("utf-8")
        old = re.search(r'<img src="charts/bilibili-ad-share\.png"[^>]* height="(\d+)"', page)
        assert old and old.group(1) == "400", page[:2000]
        text = module.read_text(encoding="utf-8")
        assert "chart.figure(4.0)" in text
        module.write_text(text.replace("chart.figure(4.0)", "chart.figure(4.5)"), encoding="utf-8")

        def new_height() -> bool:
            page = (fetch(base + "02.html") or b"").decode("utf-8")
            return (
                'src="charts/bilibili-ad-share.png"' in page
                and re.search(r'<img src="charts/bilibili-ad-share\.png"[^>]* height="450"', page) is not None
            )

        wait_until(new_height, 120, "the page with the chart's new height")
        assert struct.unpack(">II", fetch(base + "charts/bilibili-ad-share.png")[16:24]) == (720, 450)
        settle(log)
        assert builds() - before == 1, log()[-3000:]  # the edit's build, and no other


def state_and_parent(pid: int) -> tuple[str, int] | None:
    """A process's state letter and parent's pid (Linux /proc); None once it is gone."""
    try:
        state, parent = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[:2]
    except OSError:
        return None
    return state, int(parent)


def alive(pid: int) -> bool:
    found = state_and_parent(pid)
    return found is not None and found[0] != "Z"


def children_of(pid: int) -> list[int]:
    """The live processes whose parent is `pid`."""
    stats = {
        int(entry.name): state_and_parent(int(entry.name)) for entry in Path("/proc").iterdir() if entry.name.isdigit()
    }
    return [child for child, found in stats.items() if found and found[0] != "Z" and found[1] == pid]


def descendants_of(pid: int) -> list[int]:
    children = children_of(pid)
    return children + [grandchild for child in children for grandchild in descendants_of(child)]


def test_the_chart_and_print_workers_exit_when_the_server_is_killed_mid_print(report_copy, tmp_path):
    # A server stopped by a signal runs no atexit, nor closes its pools: its warm chart
    # workers, and the processes printing an edit's PDFs (forked by a forkserver, whose
    # children they are), must not live on.
    with serving(report_copy, tmp_path / "serve.log") as (base, builds, log, server):
        wait_until(lambda: children_of(server.pid), 60, "the warm chart workers")
        before, logged = builds(), len(log())
        edit_a_value(report_copy)
        wait_until(lambda: builds() > before, 120, "the edit's build")
        # The print after the build: processes forked from the server's forkserver.
        wait_until(lambda: any(children_of(child) for child in children_of(server.pid)), 60, "the PDFs' printers")
        workers = descendants_of(server.pid)
        server.kill()
        server.wait(timeout=30)
        printed = log()[logged:].count("report: printed the")  # the edit's print, not the first build's
        wait_until(lambda: not any(alive(pid) for pid in workers), 30, "the workers' exit")
        assert printed < len(REPORT.languages), "the print was over before the server was killed"


def takeaway_size(page: bytes | None) -> str | None:
    """The PDF size a page announces, as the reader sees it."""
    found = re.search(r'class="report-takeaway__size">([^<]*)<', (page or b"").decode("utf-8"))
    return found.group(1) if found else None


def test_a_csv_edit_under_serve_redraws_its_chart_in_one_rebuild_and_the_pdfs_follow_it(report_copy, tmp_path):
    # Only the edited chart is redrawn, in one build and no loop (what the plugin writes
    # into docs/ is not watched). MkDocs' server answers no request until its build is
    # over: the PDFs are printed after the edit's build, which links the last ones
    # meanwhile, then put in its place.
    from sitegen.editions.build import human_size

    with serving(report_copy, tmp_path / "serve.log") as (base, builds, log, _):
        pdf_url, png_url = base + "report.pdf", base + "charts/bilibili-ad-share.png"
        old_pdf, png = fetch(pdf_url), fetch(png_url)
        assert old_pdf and old_pdf.startswith(b"%PDF") and png
        assert takeaway_size(fetch(base + "index.html")) and human_size(len(old_pdf), "zh") in takeaway_size(
            fetch(base + "index.html")
        )
        logged, before = len(log()), builds()
        edit_a_value(report_copy)

        wait_until(lambda: (fetch(png_url) or png) != png, 120, "the redrawn chart")
        assert fetch(pdf_url) is not None  # the last print, or the new one: never a 404
        wait_until(lambda: (fetch(pdf_url) or old_pdf) != old_pdf, 120, "the new PDF")
        edit = log()[logged:]
        # The edit's build was over (the browser reloaded) before its PDFs were printed.
        assert BUILT in edit and "report: printed the zh PDF" in edit, edit[-3000:]
        assert edit.index(BUILT) < edit.index("report: printed the zh PDF"), edit[-3000:]
        new_pdf = fetch(pdf_url)
        assert new_pdf and new_pdf.startswith(b"%PDF") and new_pdf.rstrip().endswith(b"%%EOF")
        # Its size follows into the pages, and the PDF in docs/ is the one served.
        wait_until(
            lambda: human_size(len(new_pdf), "zh") in (takeaway_size(fetch(base + "index.html")) or ""),
            60,
            "the new PDF's size on the page",
        )
        assert (report_copy / "docs" / "zh" / "report.pdf").read_bytes() == new_pdf
        settle(log)
        edit = log()[logged:]
        assert "report: the PDFs were not printed" not in edit
        drawn = [line for line in edit.splitlines() if "report: drew" in line]
        assert len(drawn) == 1 and set(drawn[0].split("report: drew ")[1].split(", ")) == {
            f"bilibili-ad-share ({lang.code})" for lang in REPORT.languages
        }, drawn
        # The edit's one build (the chart keeps its size: no second build), then quiet.
        assert builds() - before == 1, log()[-3000:]
