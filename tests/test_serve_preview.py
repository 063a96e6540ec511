"""The preview never hangs: under `mkdocs serve`, every request answers at once, while
the server builds too, and each kind of bad input brings an error page naming the file,
the line and the fix, which reloads itself once the input is fixed, with no restart
(sitegen/site/preview.py). How soon the error page comes is the bench's error_page_s
(bench/run.py, target 2 s; 0.3 to 0.7 s measured), not a limit here: a build on a busy
machine may take longer, a request that does not answer is a hang.

Runs on a copy of the small example report (sitegen/starter, the starter report), one server for every
kind of input in turn: each is broken, seen, fixed and seen fixed before the next."""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from bad_inputs import BREAKS, replace_in

from tools.localhost import mkdocs_serve, wait_until

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "sitegen" / "starter"
OVERLAY = b'id="report-preview"'
ANSWER_WITHIN = 5  # s a request may take: the server answers at once, even mid-build
BUILD_WITHIN = 120  # s from a save to the page that shows it: a build, on however busy a machine


def get(url: str) -> tuple[int, bytes]:
    """Status and body; raises when nothing answers within ANSWER_WITHIN (a hung page)."""
    try:
        with urllib.request.urlopen(url, timeout=ANSWER_WITHIN) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("preview") / "report"
    shutil.copytree(EXAMPLE, copy, ignore=shutil.ignore_patterns("site", ".cache", "__pycache__"))
    return copy


@contextmanager
def serving(report: Path, log_path: Path):
    with open(log_path, "w") as log, mkdocs_serve(report, log) as (base, server):
        wait_until(lambda: server.poll() is None and _answers(base), 300, "the first build")
        yield base, lambda: log_path.read_text(encoding="utf-8", errors="replace")


def _shows_the_site(url: str) -> bool:
    """The page answers with the site, no error over it."""
    status, body = get(url)
    return status == 200 and OVERLAY not in body


def _answers(url: str) -> bool:
    try:
        return get(url)[0] == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def served(report, tmp_path_factory):
    with serving(report, tmp_path_factory.mktemp("log") / "serve.log") as running:
        yield running


@pytest.mark.parametrize("kind", list(BREAKS))
def test_bad_input_under_serve_shows_at_once_in_the_browser_and_clears_when_fixed(served, report, kind):
    base, log = served
    name, old, new, where, fix = BREAKS[kind]
    path = report / name
    logged_before = log().count("Build stopped by bad input")
    saved = replace_in(path, old, new)
    try:
        # Every request answers (get() gives up after ANSWER_WITHIN s): the good page at
        # first, the error once the build has seen the save.
        took = wait_until(lambda: OVERLAY in get(base)[1], BUILD_WITHIN, f"the error page for the {kind}")
        print(f"{kind}: the error page {took:.2f} s after the save")  # see -s; timed by the bench
        status, body = get(base)
        page = body.decode("utf-8")
        assert status == 200
        # The file and line, the message, the fix, as text (the <code> and escaping).
        assert f"<code>{where}" in page, page[-3000:]
        assert fix.replace("`", "") in page.replace("`", "")
        if kind == "chart raises":
            assert "broken &lt;on&gt; purpose" in page and "broken <on>" not in page
        # The last good page stays behind the overlay, which reloads itself (external script).
        assert 'class="md-content"' in page or "md-main" in page
        assert 'src="/__report_preview__/livereload.js"' in page
        # Said in the terminal too, once, and no traceback of the plugin's.
        wait_until(
            lambda: log().count("Build stopped by bad input") > logged_before, BUILD_WITHIN, "the terminal message"
        )
        assert "Traceback" not in log()
        # Every problem line indented alike under the heading, as in the page.
        assert f"Build stopped by bad input:\n  {where}" in log().replace(f"  {report}/", "  ")
    finally:
        path.write_text(saved, encoding="utf-8")
        # Fixed: the site is back, no restart. Waited for even when the case failed, so
        # that the next case starts from the good site and fails, if it does, for itself.
        wait_until(lambda: _shows_the_site(base), BUILD_WITHIN, f"the site after fixing the {kind}")


def test_a_chart_stuck_in_a_loop_never_hangs_the_preview(served, report):
    """A chart module that never returns holds its build until its drawings are stopped
    (sitegen/charts/render.py, DRAWING_TIME_LIMIT): meanwhile a page asked for answers with
    the building page (get() gives up after ANSWER_WITHIN s), then with the error. Only
    the wide drawings loop, one job a language: the build is stuck for one limit, not two."""
    base, log = served
    module = report / "charts" / "shop-count.py"
    saved = replace_in(
        module,
        '    periods = data.column("year")\n',
        '    periods = data.column("year")\n    while chart.width == "wide":\n        pass\n',
    )
    seen = set()
    try:

        def shows_the_error() -> bool:
            body = get(base)[1]
            seen.add("building" if b'id="report-preview-building"' in body else "error" if OVERLAY in body else "site")
            return OVERLAY in body

        wait_until(shows_the_error, BUILD_WITHIN, "the error page for a stuck chart")
        page = get(base)[1].decode("utf-8")
        assert "<code>charts/shop-count.py:14" in page and "still drawing after" in page, page[-3000:]
        assert "look for a loop that never ends" in page
        assert "building" in seen, seen  # the build took seconds: some request met it
    finally:
        module.write_text(saved, encoding="utf-8")
        wait_until(lambda: _shows_the_site(base), BUILD_WITHIN, "the site after fixing the stuck chart")


def test_a_broken_mkdocs_yml_shows_mkdocs_own_message_and_clears_when_fixed(served, report):
    base, log = served
    saved = replace_in(report / "mkdocs.yml", "\nsite_name: 青岚奶茶账本", "\nsite_name: [青岚奶茶账本")
    try:
        wait_until(lambda: OVERLAY in get(base)[1], BUILD_WITHIN, "the error page for mkdocs.yml")
        page = get(base)[1].decode("utf-8")
        # MkDocs' message, whole, its lines as it wrote them (indented "in" lines kept).
        assert "MkDocs encountered an error parsing the configuration file" in page
        assert "\n  in &quot;" in page and "mkdocs.yml&quot;, line 9" in page, page[:3000]
    finally:
        (report / "mkdocs.yml").write_text(saved, encoding="utf-8")
        wait_until(lambda: _shows_the_site(base), BUILD_WITHIN, "the site after fixing mkdocs.yml")


def test_the_browser_shows_the_error_and_the_fixed_page_by_itself(served, report, tmp_path, browser):
    # The session's Chromium (tests/conftest.py): a second Playwright in one process fails.
    base, _ = served
    csv = report / "data" / "shop-count.csv"
    page = browser.new_page()
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.goto(base)
    assert page.locator("#report-preview").count() == 0
    saved = replace_in(csv, "2020,390,", "2020,39x,")
    try:
        # No navigation by the test: the page's own live reload brings the overlay.
        page.locator("#report-preview").wait_for(timeout=10_000)
        assert "data/shop-count.csv:3" in page.locator("#report-preview").inner_text()
        page.screenshot(path=str(tmp_path / "overlay.png"))
    finally:
        csv.write_text(saved, encoding="utf-8")
    page.locator("#report-preview").wait_for(state="detached", timeout=60_000)
    # The overlay goes as the page unloads for its reload: the fixed page's article is
    # waited for (read at once, it was missing once on a loaded machine).
    page.locator("article").wait_for(timeout=30_000)
    assert page.locator("article").count() == 1
    # A reload blocked by the Content-Security-Policy would be a console error.
    assert not problems, problems
    page.close()


def test_a_warning_strict_mode_stops_for_is_shown_itself(served, report):
    """MkDocs' own strict-mode stop says only "Aborted with 1 warnings in strict mode!":
    the page shows the warning it stopped for (here a link to a file that is missing)."""
    base, log = served
    article = report / "content" / "article" / "en.md"
    saved = replace_in(article, "Easy to enter, easy to leave.", "Easy to enter, easy to leave ([table](nowhere.csv)).")
    try:
        wait_until(lambda: OVERLAY in get(base)[1], BUILD_WITHIN, "the error page for a strict-mode warning")
        page = get(base)[1].decode("utf-8")
        assert "nowhere.csv" in page and "strict mode" in page, page[-3000:]
    finally:
        article.write_text(saved, encoding="utf-8")
        wait_until(lambda: _shows_the_site(base), BUILD_WITHIN, "the site after fixing the link")


def test_a_templates_folder_made_while_serving_is_watched(served, report):
    """The starter has no templates/: the first override an editor makes (the folder,
    then the file) brings a build, and so does each later edit of it."""
    base, _ = served
    template = report / "templates" / "pages" / "data.md.j2"
    data_page = base + "data.html"
    try:
        template.parent.mkdir(parents=True)
        template.write_text('{% include "default/pages/data.md.j2" %}\n', encoding="utf-8")
        template.write_text(template.read_text(encoding="utf-8") + "\nFIRST-OVERRIDE\n", encoding="utf-8")
        wait_until(lambda: b"FIRST-OVERRIDE" in get(data_page)[1], BUILD_WITHIN, "the page from the new template")
        template.write_text(template.read_text(encoding="utf-8").replace("FIRST", "SECOND"), encoding="utf-8")
        wait_until(lambda: b"SECOND-OVERRIDE" in get(data_page)[1], BUILD_WITHIN, "the page from the edited template")
    finally:
        shutil.rmtree(report / "templates", ignore_errors=True)
        wait_until(lambda: b"OVERRIDE" not in get(data_page)[1], BUILD_WITHIN, "the page without the override")
