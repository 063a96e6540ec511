"""Shared fixtures: strict builds of the whole site, a local HTTP server for them on
127.0.0.1, and a Chromium driven by Playwright.

The site is tested where readers meet it, not where it was built: `built_site` is made
without SITE_URL, as `make build` makes it, and is served under a sub-path on a free port
(`site_url`) and opened from disk (`file_url`); `deployed_site` is built for an address
that is not ours (DEPLOYED_SITE_URL) and served locally at another one."""

from __future__ import annotations

import dataclasses
import fcntl
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.run import language_pages, parallel_pages
from sitegen.core import project
from tools.localhost import QuietHandler, chromium
from tools.localhost import serve as serve_at

ROOT = Path(__file__).resolve().parent.parent


def copy_of_the_report(dest: Path, *skip: str) -> Path:
    """A copy of the report at the repository root, without `skip` (names left out at
    its top only: leaving out the built site/ must keep sitegen/site/, or the copy's
    build would take that package from the editable install's checkout)."""
    import shutil

    shutil.copytree(ROOT, dest, ignore=lambda folder, names: [n for n in names if n in skip and Path(folder) == ROOT])
    return dest


# The report under test, read from its mkdocs.yml as the plugin reads it, and the Build
# the tests hand the steps they call (a use_report test points it at another report).
REPORT = project.load(ROOT / "mkdocs.yml")
BUILD = project.Build(REPORT)


def languages() -> tuple[project.Language, ...]:
    """The report's languages, as mkdocs.yml lists them."""
    return REPORT.languages


# Where tests serve the site: a sub-path, as on a shared host, never the site root.
SUB_PATH = "reports/mid-tech-ai/"
# The address a deployment might set: another host, another path, not 127.0.0.1.
DEPLOYED_SITE_URL = "https://reports.example.org/mid-tech-ai/"


def build_site(out: Path, site_url: str | None = None, tree: Path = ROOT) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of the report in `tree` into `out`, with SITE_URL set only
    when site_url is given."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="1735689600", NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    )


@dataclass(frozen=True)
class BuiltSite:
    root: Path
    log: str
    tree: Path  # the report it was built from, with the chart and PDF caches that build left
    lock: Path  # held while a build writes into tree

    def rebuild(self, out: Path, site_url: str | None = None) -> subprocess.CompletedProcess:
        """Another build of the same tree, under the lock: what an editor's second
        `make build` does, with the caches the first one left."""
        with open(self.lock, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            return build_site(out, site_url, self.tree)

    def copy_cache(self, dest: Path) -> None:
        """The tree's chart and PDF cache, copied under the lock (no build writing it), to
        `dest`: for a copy of the same report, whose first build then finds them."""
        import shutil

        with open(self.lock, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            shutil.copytree(self.tree / ".cache", dest)


def _shared_folder(tmp_path_factory, worker_id: str) -> Path:
    """A folder every pytest-xdist worker of this run sees (the parent of each worker's
    own temporary folder), or this run's own one without xdist."""
    base = tmp_path_factory.getbasetemp()
    return base if worker_id == "master" else base.parent


def _build_fixture(tmp_path_factory, worker_id: str, name: str, site_url: str | None) -> BuiltSite:
    """The report built once per test run, however many workers ask for it: the first
    to ask builds a clean copy of the working tree (bench.run.clean_copy: no generated
    pages, no chart cache, as a fresh checkout has), the others wait on a lock and read
    the same site. The copy, not the root, so that the tests on this site never see a
    folder the tests on the root report (ON_THE_REPORT) are rewriting. Both sites are
    built in one copy, one after the other (deployed_site after built_site): the second
    finds the charts drawn."""
    from bench.run import clean_copy

    shared = _shared_folder(tmp_path_factory, worker_id)
    out, log = shared / name, shared / f"{name}.log"
    tree, lock_path = shared / "report-copy", shared / "built-sites.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not log.exists():
            if not tree.exists():
                clean_copy(tree)
            result = build_site(out, site_url, tree)
            assert result.returncode == 0, result.stdout + result.stderr
            log.write_text(result.stdout + result.stderr, encoding="utf-8")
    return BuiltSite(out, log.read_text(encoding="utf-8"), tree, lock_path)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, worker_id) -> BuiltSite:
    """The site as `make build` writes it, with no SITE_URL."""
    return _build_fixture(tmp_path_factory, worker_id, "site", None)


@pytest.fixture(scope="session")
def deployed_site(tmp_path_factory, worker_id, built_site) -> BuiltSite:
    """The site built for DEPLOYED_SITE_URL, always after built_site, in the same copy: a
    build that finds every chart drawn (tests/test_reproducible.py compares it with a
    first build)."""
    return _build_fixture(tmp_path_factory, worker_id, "deployed-site", DEPLOYED_SITE_URL)


# Each test file's tier (pytest.ini); a file not listed is "unit".
TIERS = {
    "test_site.py": "site",
    "test_site_charts.py": "site",
    "test_serve.py": "site",
    "test_editions.py": "site",
    "test_takeaway.py": "site",
    "test_serve_preview.py": "site",
    "test_readme_guide.py": "site",
    "test_bike_share.py": "site",
    "test_browser.py": "browser",
    "test_browser_figures.py": "browser",
    "test_browser_editions.py": "browser",
    "test_browser_takeaway.py": "browser",
    "test_browser_reading.py": "browser",
    "test_browser_search.py": "browser",
    "test_gates.py": "gates",
    "test_reproducible.py": "gates",
    "test_wheel.py": "site",
    "test_build_context.py": "site",
    "test_example.py": "site",
    "test_bad_input_build.py": "site",
}


# The files whose tests draw, build or break the report at the repository root, in its
# own docs/ and .cache/, or copy those folders: under pytest-xdist (make test) they run
# one after another on one worker, so that no test reads a folder another is rewriting.
ON_THE_REPORT = {
    "test_serve.py",
    "test_charts.py",
    "test_build_charts_cli.py",
    "test_figure_text.py",
    "test_pages.py",
    "test_takeaway.py",
}
# The files whose module fixtures build a report or start a server: each runs on one
# worker, so that those are made once. Every other test goes to whichever worker is free:
# the session's built sites are made once for all workers (built_site), and a browser
# and a server once per worker.
ONE_WORKER = {
    "test_bad_input_build.py",
    "test_bike_share.py",
    "test_build_context.py",
    "test_example.py",
    "test_gates.py",
    "test_localhost.py",
    "test_serve_preview.py",
    "test_article.py",
    "test_data.py",
    "test_figure_view.py",
    "test_translation_style.py",
}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(TIERS.get(item.path.name, "unit"))


def worker_group(nodeid: str) -> str:
    """The unit of work a test is sent to a worker in: its file's group (ON_THE_REPORT,
    ONE_WORKER), or the test alone."""
    name = nodeid.split("::", 1)[0].rsplit("/", 1)[-1]
    if name in ON_THE_REPORT:
        return "report"
    return name if name in ONE_WORKER else nodeid


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook: no error where it is not installed
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadgroup` (make test) by the groups above, read from each test's file.
    Not xdist_group marks: pytest-xdist 3.8 puts a mark's group in the test's node id,
    which pytest 9.2 no longer reads it from, so every test went to any worker, the
    tests on the report ran beside each other and a module's fixtures were made once per
    worker (tests/test_harness.py)."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class FileGroups(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return worker_group(nodeid)

    return FileGroups(config, log)


@pytest.fixture(scope="session")
def chart_manifest():
    """The chart step's manifest of this report (cached PNGs: near-free after a build)."""
    from sitegen.charts import step as chartbuild

    return chartbuild.draw_charts(BUILD).manifest


@pytest.fixture
def use_report():
    """For one test, work on another report, or on this one with some folders swapped for
    copies the test may break: use_report(content_dir=copy) points BUILD at it, with none
    of its cached reads. The real report is back afterwards."""

    def use(report: project.Project | None = None, **changes) -> project.Project:
        changed = dataclasses.replace(report or BUILD.project, **changes)
        _point_build_at(changed)
        return changed

    yield use
    _point_build_at(REPORT)


@pytest.fixture
def starter_report(tmp_path, use_report) -> Path:
    """A copy of the starter report (sitegen/starter, with none of what a build writes),
    made the current report: a test may break its files."""
    import shutil

    starter = ROOT / "sitegen" / "starter"
    copy = tmp_path / "starter"
    shutil.copytree(starter, copy, ignore=shutil.ignore_patterns("site", ".cache", "__pycache__", "zh", "en", "data"))
    shutil.copytree(starter / "data", copy / "data")
    use_report(project.load(copy / "mkdocs.yml"))
    return copy


def _point_build_at(report: project.Project) -> None:
    BUILD.project = report
    BUILD.reads.clear()
    BUILD.file_versions = None


def is_chinese(lang) -> bool:
    """zh and the languages made from it (zh-hant): Han text, jieba-segmented search."""
    return lang.code.split("-")[0] == "zh"


def page_names() -> list[str]:
    """Every page of the report, in reading order, as generated by sitegen.pages.writer."""
    from sitegen.pages.plan import page_order

    return page_order(BUILD)


def page_file(site: Path, lang, page: str) -> Path:
    return site / lang.url_prefix / f"{page}.html"


# The pages a reader can open, as bench/run.py lists them: each language's, then the
# parallel view's (中英对照: (first language, "zh-en/<page>")).
ALL_PAGES = language_pages()
PAGE_IDS = [f"{lang.code}-{page}" for lang, page in ALL_PAGES]
PARALLEL_PAGES = parallel_pages()
READER_PAGES = ALL_PAGES + PARALLEL_PAGES
READER_PAGE_IDS = PAGE_IDS + [f"{lang.code}-{page}" for lang, page in PARALLEL_PAGES]


def serve(root: Path, sub_path: str = SUB_PATH, handler=QuietHandler):
    """tools.localhost.serve, under SUB_PATH unless told otherwise."""
    return serve_at(root, sub_path, handler)


@pytest.fixture(scope="session")
def site_url(built_site):
    """The site built without SITE_URL, served under a sub-path on a free port."""
    with serve(built_site.root) as url:
        yield url


@pytest.fixture(scope="session")
def file_url(built_site) -> str:
    """The same site opened from disk."""
    return built_site.root.as_uri() + "/"


@pytest.fixture(scope="session", params=["sub-path", "file"])
def any_site_url(request) -> str:
    """Each place a reader may open the site: served under a sub-path, and from disk."""
    return request.getfixturevalue("site_url" if request.param == "sub-path" else "file_url")


@pytest.fixture(scope="session")
def browser():
    with chromium() as browser:
        yield browser
