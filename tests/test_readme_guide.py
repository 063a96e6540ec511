"""The README's "Start a new report" steps, run as written (datasette's tests/test_docs.py
is the model): a change that breaks the guide fails here. The commands come from the
README's first shell block in that section; only the preview gets a free port
(`--dev-addr`), as the shared machine needs."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

from tools.localhost import free_port, wait_until

ROOT = Path(__file__).resolve().parent.parent
SECTION = (ROOT / "README.md").read_text(encoding="utf-8").split("## Start a new report", 1)[1].split("\n## ", 1)[0]
COMMANDS = [
    line.split("#", 1)[0].strip()
    for line in re.search(r"```sh\n(.*?)```", SECTION, re.S).group(1).splitlines()
    if line.strip()
]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except OSError:
        return 0, ""


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}: update the guide test with the example"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_guide_runs_as_written(tmp_path):
    new, build, serve = COMMANDS
    assert new.startswith(".venv/bin/python -m sitegen new ") and " build " in build and " serve " in serve
    work = tmp_path / "work"  # the checkout, as far as the commands see it
    work.mkdir()
    (work / ".venv").symlink_to(ROOT / ".venv")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1735689600")
    env.pop("SITE_URL", None)

    def run(command: str) -> subprocess.CompletedProcess:
        return subprocess.run(shlex.split(command), cwd=work, env=env, capture_output=True, text=True, timeout=600)

    scaffolded = run(new)
    assert scaffolded.returncode == 0, scaffolded.stderr
    report = tmp_path / "my-report"

    # Edit a value: the number in the CSV and the articles that state it.
    replace_in(report / "data" / "shop-count.csv", "2019,420,2019年有420家", "2019,430,2019年有430家")
    replace_in(report / "content" / "article" / "zh.md", "2019年有420家", "2019年有430家")
    replace_in(report / "content" / "article" / "en.md", "had 420 bubble-tea shops", "had 430 bubble-tea shops")

    built = run(build)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    assert '<td data-label="奶茶店数量">430</td>' in (report / "site" / "data.html").read_text(encoding="utf-8")
    # The chart's alt text takes its figures from the data (README, the strings row).
    assert "2019年430家" in (report / "site" / "01.html").read_text(encoding="utf-8")
    assert "had 430 bubble-tea shops in 2019" in (report / "site" / "en" / "01.html").read_text(encoding="utf-8")

    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    with open(tmp_path / "serve.log", "w") as log:
        server = subprocess.Popen(
            shlex.split(serve) + ["--dev-addr", f"127.0.0.1:{port}"],
            cwd=work,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until(lambda: get(base + "data.html")[0] == 200, 300, "the preview")
        assert ">430<" in get(base + "data.html")[1]
        csv = report / "data" / "shop-count.csv"
        replace_in(csv, "2019,430,", "2019,43o,")  # break
        # However long the build takes (the bench times it: error_page_s); each request answers within 5 s.
        wait_until(lambda: 'id="report-preview"' in get(base)[1], 120, "the error in the page")
        assert "data/shop-count.csv:2" in get(base)[1]
        replace_in(csv, "2019,43o,", "2019,430,")  # fix
        wait_until(
            lambda: (lambda answer: answer[0] == 200 and 'id="report-preview"' not in answer[1])(get(base)),
            120,
            "the fixed page",
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
