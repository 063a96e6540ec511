"""`mkdocs serve` as an editor uses it: a data edit shows up, and it costs one rebuild,
not a loop (the plugin writes into the watched docs/ only when bytes change).

Runs on a copy of the report, so the edit never touches the working tree."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPORT, ROOT
from sitegen.localhost import fetch, free_port, wait_until

BUILT = "Documentation built in"


@pytest.fixture
def report_copy(tmp_path) -> Path:
    copy = tmp_path / "report"
    copy.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    for folder in ("content", "data", "charts", "templates", "docs/assets"):
        shutil.copytree(ROOT / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__"))
    if (ROOT / ".cache").exists():  # drawn charts, so the first build need not redraw them all
        shutil.copytree(ROOT / ".cache", copy / ".cache")
    return copy


def settle(builds, quiet: float = 5, limit: float = 120) -> None:
    """Wait until no build has finished for `quiet` seconds: a follow-up build can take
    longer than a fixed pause on a busy machine (the chart workers start beside it)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        seen = builds()
        time.sleep(quiet)
        if builds() == seen:
            return
    raise AssertionError(f"mkdocs serve still rebuilding after {limit} s")


def test_a_csv_edit_under_serve_redraws_the_chart_in_one_rebuild_and_no_loop(report_copy, tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log_path = tmp_path / "serve.log"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1735689600")
    env.pop("SITE_URL", None)
    with open(log_path, "w") as log:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=report_copy, env=env, stdout=log, stderr=subprocess.STDOUT)
    builds = lambda: log_path.read_text(encoding="utf-8", errors="replace").count(BUILT)  # noqa: E731
    png_url = f"{base}charts/bilibili-ad-share.png"
    try:
        wait_until(lambda: fetch(base + "index.html") is not None and builds() >= 1, 300, "the first build")
        settle(builds)  # the follow-up of the first build, for the pages and PNGs it wrote
        before, png = builds(), fetch(png_url)
        assert png

        csv = report_copy / "data" / "bilibili-ad-share.csv"
        text = csv.read_text(encoding="utf-8")
        assert "2024,30," in text
        # Another number the row's quote states (the build checks each value against its quote).
        csv.write_text(text.replace("2024,30,", "2024,15,"), encoding="utf-8")

        drawn_before = log_path.read_text(encoding="utf-8").count("report: drew")
        wait_until(lambda: (fetch(png_url) or png) != png, 120, "the redrawn chart")
        time.sleep(8)  # long enough for a loop to show itself
        drawn = [line for line in log_path.read_text(encoding="utf-8").splitlines() if "report: drew" in line][drawn_before:]
        # Only the edited chart is redrawn (in each language), no other.
        assert len(drawn) == 1 and set(drawn[0].split("report: drew ")[1].split(", ")) == {
            f"bilibili-ad-share ({lang.code})" for lang in REPORT.languages}, drawn
        after_edit = builds() - before
        settled = builds()
        time.sleep(5)
        # The edit's build, and at most one follow-up for the pages and PNGs it wrote
        # into the watched docs/; then quiet.
        assert 1 <= after_edit <= 2, log_path.read_text(encoding="utf-8")[-3000:]
        assert builds() == settled, "still rebuilding: a loop"
    finally:
        server.terminate()
        server.wait(timeout=30)
