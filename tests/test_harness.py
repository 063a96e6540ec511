"""The suite's own harness: under `make test` (pytest-xdist, --dist loadgroup) a file's
group runs on one worker (tests/conftest.py, ON_THE_REPORT and ONE_WORKER)."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT, worker_group


def test_a_file_of_a_group_is_one_unit_of_work_and_an_ungrouped_test_its_own():
    assert worker_group("tests/test_charts.py::test_x[a-b]") == worker_group("tests/test_serve.py::test_y") == "report"
    assert worker_group("tests/test_bike_share.py::test_z[en/]") == "test_bike_share.py"
    assert worker_group("tests/test_site.py::test_w[zh-index]") == "tests/test_site.py::test_w[zh-index]"


def test_the_tests_of_a_group_run_on_one_worker_under_make_tests_options():
    # Two small ONE_WORKER files and an ungrouped one, on two workers as `make test` runs
    # them: each grouped file's tests all on one worker.
    files = ["tests/test_article.py", "tests/test_figure_view.py", "tests/test_offsets.py"]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-v", "-p", "no:cacheprovider", *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    ran = re.findall(r"\[(gw\d)\] \[ *\d+%\] PASSED (tests/\w+\.py)::", result.stdout)
    workers: dict[str, set[str]] = {}
    for worker, path in ran:
        workers.setdefault(path, set()).add(worker)
    assert set(workers) == set(files), result.stdout[-3000:]
    assert len(workers["tests/test_article.py"]) == 1 and len(workers["tests/test_figure_view.py"]) == 1, workers
