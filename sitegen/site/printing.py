"""The take-away PDFs of a build (printed by sitegen/pages/pdf.py), put in docs/ and in the
site, with their sizes where the pages announce them.

`mkdocs build` prints them before the build ends. Under `mkdocs serve`, MkDocs' live-reload
server holds every request until the whole build is done, so a build that printed its
PDFs would keep the browser waiting for WeasyPrint (1.5 to 2 s a language). There a build
whose PDFs changed prints them after it, in the background: the reload shows the edit at
once, and its pages link the PDFs of the last print, with their sizes, until the new ones
are in place, a few seconds later, each written whole (atomically), their sizes then
filled in the pages too. A print for a build that a newer one has replaced puts nothing
in place. A server's first print, when a language has no PDF yet to link, is made before
the reload, so that a PDF link never leads to a 404; so is a print the cache holds.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from sitegen.core import outputs, project
from sitegen.core.errors import InputError
from sitegen.editions import build as editions
from sitegen.editions.paths import PDF, pdf_path
from sitegen.site.deploy import compressible_files

if TYPE_CHECKING:
    from sitegen.charts.manifest import Manifest
    from sitegen.model.checks import Model
    from sitegen.pages.pdf import PrintDocument

log = logging.getLogger("mkdocs.plugins.report")


def _printed(code: str) -> None:
    log.info("report: printed the %s PDF", code)


class Printer:
    """The PDFs of one `mkdocs` command's builds: printed now, or (`later`) by one
    background thread, a build at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # held to put a print in place, or to replace its build
        self._generation = 0  # the build whose print may be put in place
        self._executor: ThreadPoolExecutor | None = None
        self._early: Future[object] | None = None  # a print started before the build's end (start())

    def replaced(self) -> None:
        """A new build begins: a print still under way for an older one puts nothing in place."""
        with self._lock:
            self._generation += 1

    def start(self, build: project.Build, model: Model, drawn: Manifest) -> None:
        """Print, in the background, the PDFs of `model` with the charts `drawn` so far
        (every one the PDFs show), into the PDF cache only: write() then finds them
        there, once it has waited for this print. A first build's charts are still being
        drawn meanwhile; the print shares the cores with them instead of following them.
        Any error is left for write() to meet again and say."""
        from sitegen.pages import pdf

        if not build.project.pdf:
            return
        try:
            docs = pdf.documents(build, model, drawn)
        except InputError:
            return
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="report-pdf")
        self._early = self._executor.submit(pdf.print_documents, build.project, docs, log=_printed)

    def _wait_for_early_print(self) -> None:
        early, self._early = self._early, None
        if early is not None:
            early.exception()  # done: a failed print is printed again, and fails, in write()

    def close(self) -> None:
        """A print under way finishes (its files whole, or none); none waiting begins."""
        self._early = None
        self.replaced()
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def write(
        self, build: project.Build, model: Model, drawn: Manifest, site_dir: Path, *, later: bool = False
    ) -> None:
        """Each language's PDF of the pages just built (`model`, with the charts `drawn`):
        from the cache when nothing it shows changed, else printed; in the background
        when `later` and every language has a PDF to link meanwhile. Bad input raises
        InputError, before anything is printed."""
        from sitegen.pages import pdf

        report = build.project
        self._wait_for_early_print()
        if not report.pdf:
            for lang in report.languages:
                pdf_path(report, lang.code).unlink(missing_ok=True)
            return
        docs = pdf.documents(build, model, drawn)
        pages = _announcing_sizes(site_dir)
        if later and not pdf.in_cache(report, docs) and all(pdf_path(report, code).exists() for code in docs):
            _fill_sizes(pages, {code: pdf_path(report, code).stat().st_size for code in docs})
            with self._lock:
                generation = self._generation
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="report-pdf")
            self._executor.submit(self._print_later, report, generation, docs, pages, site_dir)
            return
        _put_in_place(report, pdf.print_documents(report, docs, log=_printed), pages, site_dir)

    def _print_later(
        self,
        report: project.Project,
        generation: int,
        docs: dict[str, PrintDocument],
        pages: dict[Path, str],
        site_dir: Path,
    ) -> None:
        from sitegen.pages import pdf

        with self._lock:
            if generation != self._generation:
                return  # replaced before it began
        try:
            made = pdf.print_documents(report, docs, log=_printed)
            with self._lock:
                if generation == self._generation:
                    _put_in_place(report, made, pages, site_dir)
        except InputError as error:  # the build is over: the log is the one place left to say it
            log.error("report: the PDFs were not printed: %s", error)
        except Exception:  # nor would anyone see it in the thread's unread future
            log.exception("report: the PDFs were not printed")


def _announcing_sizes(site_dir: Path) -> dict[Path, str]:
    """The site's pages and search indexes that announce a PDF's size, as built: with
    placeholders for the sizes (editions.PDF_SIZE_TO_COME)."""
    found = {}
    for path in compressible_files(site_dir):
        if path.suffix in (".html", ".json"):
            text = path.read_text(encoding="utf-8")
            if editions.PDF_SIZE_TO_COME in text:
                found[path] = text
    return found


def _fill_sizes(pages: dict[Path, str], sizes: dict[str, int]) -> None:
    for path, text in pages.items():
        outputs.write_if_changed(path, editions.fill_pdf_sizes(text, sizes))


def _put_in_place(report: project.Project, made: dict[str, bytes], pages: dict[Path, str], site_dir: Path) -> None:
    """Each PDF in docs/ and in the site, and its size in the pages that announce it."""
    for code, data in made.items():
        outputs.write_if_changed(pdf_path(report, code), data)
        outputs.write_if_changed(site_dir / report.language(code).url_prefix / PDF, data)
    _fill_sizes(pages, {code: len(data) for code, data in made.items()})
