"""The print edition: one PDF per language, made by WeasyPrint from the report's model
through a print template and stylesheet (templates/print/edition.html.j2, print.css),
never from the built pages.

    document(build, model, manifest, "en") -> PrintDocument(html, images)   (pure: no I/O but reads)
    render(document, css) -> PDF bytes
    documents(build, model, manifest) -> {lang: PrintDocument}, then
    print_documents(project, documents) -> {lang: PDF bytes}, cached by what each shows,
        which `mkdocs serve` runs after the reload (sitegen/site/printing.py)

Reproducible: the document's dates are SOURCE_DATE_EPOCH's (WeasyPrint writes none
otherwise), and every image is named by a URL of its own scheme (report:charts/x@2x.png)
that the fetcher below resolves, so the PDF's image names, hashes of their URLs, do not
depend on the checkout's path; nothing else is fetched, and no host is named.
Charts are the light drawings at the largest scale: 1440 px set 160 mm wide is 229 ppi.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitegen.charts.manifest import PRINTED, Manifest, drawing
from sitegen.core.errors import InputError
from sitegen.core.lifetime import exit_with
from sitegen.core.outputs import language_dir, prune, write_if_changed
from sitegen.core.project import Build, Project
from sitegen.editions.build import source_date
from sitegen.model.article import Section
from sitegen.model.checks import Model
from sitegen.model.figure import data_entries, figure
from sitegen.model.strings import MissingString, t
from sitegen.pages.blocks import body_blocks, editor_notes
from sitegen.pages.figures import dataset_context
from sitegen.pages.templating import PACKAGE_TEMPLATES, FrontMatter, edition_date, environment

if TYPE_CHECKING:
    from multiprocessing.context import ForkServerContext

TEMPLATE = "print/edition.html.j2"
STYLESHEET = PACKAGE_TEMPLATES / "print" / "print.css"
IMAGE_SCHEME = "report:"  # the one scheme the print template's images use
# The nearest to PDF/UA that WeasyPrint makes: tagged, with the language and title.
PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class PrintDocument:
    lang: str
    html: str
    # report:charts/x@2x.png -> the PNG's bytes, read once: the PDF and its cache key are
    # of the same pixels, even when printed while the next build redraws the chart.
    images: dict[str, bytes] = field(default_factory=dict)

    def key(self, css: str, engine: str) -> str:
        """A hash of everything the PDF shows: its text, its images, its style, the engine."""
        digest = hashlib.sha256()
        for part in (engine, PDF_VARIANT, css, self.html):
            digest.update(part.encode("utf-8") + b"\0")
        for url, data in sorted(self.images.items()):
            digest.update(url.encode("utf-8") + b"\0" + data + b"\0")
        return digest.hexdigest()[:32]


def _note(text: str) -> dict[str, Any]:
    """An editor's note block ('!!! note "编者注"' and indented lines): title and paragraphs."""
    first, *rest = text.splitlines()
    title = first.split('"')[1] if first.count('"') >= 2 else ""
    body = "\n".join(line.strip() for line in rest).strip()
    return {"title": title, "paragraphs": [p for p in body.split("\n\n") if p.strip()]}


def document(build: Build, model: Model, manifest: Manifest, lang: str) -> PrintDocument:
    """The print edition of one language as HTML, with the chart files it shows."""
    report, article = build.project, model.articles[lang]
    scale = max(report.chart_scales)
    images: dict[str, bytes] = {}

    def printed_figure(chart_id: str) -> dict[str, Any]:
        url = drawing(manifest, lang, chart_id, *PRINTED).urls[scale]
        images[IMAGE_SCHEME + url] = (language_dir(report, lang) / url).read_bytes()
        view = figure(build, model, chart_id, lang)
        return {
            "id": chart_id,
            "src": IMAGE_SCHEME + url,
            "title": view.title,
            "alt": view.alt,
            "caption": view.caption,
            "sources": view.sources,
        }

    def blocks(section: Section) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for block in body_blocks(section):
            if block.kind == "figure":
                out.append({"kind": "figure", **printed_figure(block.chart_id)})
            elif block.kind == "note":
                out.append({"kind": "note", **_note(block.text)})
            else:
                out.append({"kind": block.kind, "text": block.text, "anchor": block.anchor})
        return out

    when = source_date()
    created = when.strftime("%Y-%m-%dT%H:%M:%SZ") if when else ""
    edition = report.language(lang)
    try:
        html = (
            environment(build)
            .get_template(TEMPLATE)
            .render(
                lang=edition,
                tag=t(build, lang, "charts.language_tag"),
                meta=FrontMatter(article.meta),
                article=article,
                site_name=edition.site_name,
                edition_date=edition_date(report, lang),
                created=created,
                lede=blocks(article.lede),
                chapters=[(part, blocks(part)) for part in article.sections],
                datasets=[dataset_context(entry) for entry in data_entries(build, model, lang)],
                notes=[(link.split("#", 1)[-1], text) for link, text in editor_notes(article)],
                translated=lang != model.source.lang and not edition.is_derived,
                has_sources="sources" in report.pages,
                t=lambda key: t(build, lang, key),
            )
        )
    except MissingString as error:
        raise InputError(f"{TEMPLATE}, language '{lang}': {error}") from None
    return PrintDocument(lang, html, images)


def render(doc: PrintDocument, css: str) -> bytes:
    """The PDF of a print document (WeasyPrint imported here: only a PDF build needs it)."""
    import weasyprint
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    # WeasyPrint ships no type information, so its URLFetcher is Any to mypy.
    class ReportImages(URLFetcher):  # type: ignore[misc]
        """Only the document's own images; any other URL stops the PDF."""

        def fetch(self, url: str, headers: object = None) -> Any:
            if url not in doc.images:
                raise InputError(
                    f"{TEMPLATE}: the print edition asks for {url}, which is not one of its charts; "
                    f"a print template may only use the charts' {IMAGE_SCHEME} URLs"
                )
            return URLFetcherResponse(url, doc.images[url], {"Content-Type": "image/png"})

    pdf: bytes = weasyprint.HTML(
        string=doc.html, base_url=IMAGE_SCHEME, url_fetcher=ReportImages(fail_on_errors=True)
    ).write_pdf(stylesheets=[weasyprint.CSS(string=css)], pdf_variant=PDF_VARIANT)
    return pdf


def engine_version() -> str:
    from importlib.metadata import version

    return f"weasyprint {version('weasyprint')}"


def cache_dir(report: Project) -> Path:
    """Where printed PDFs are kept, each by the key of what it shows."""
    return report.cache_dir / "editions"


def cache_path(report: Project, key: str) -> Path:
    return cache_dir(report) / f"{key}.pdf"


def _render_job(doc: PrintDocument, css: str) -> bytes:
    return render(doc, css)


def _render_all(docs: list[PrintDocument], css: str) -> list[bytes]:
    """The PDFs of `docs`, one process per core when there are several: WeasyPrint holds
    the GIL, and a build waits for its 1.5 to 2 s per language. The processes fork from
    a server that has imported WeasyPrint once (forkserver: never a fork of MkDocs' own
    process and its threads, the live-reload server's among them)."""
    workers = min(len(docs), os.cpu_count() or 1)
    context = _printer_context()
    if workers < 2 or context is None:
        return [render(doc, css) for doc in docs]
    with ProcessPoolExecutor(workers, mp_context=context, initializer=exit_with, initargs=(os.getpid(),)) as pool:
        return list(pool.map(_render_job, docs, [css] * len(docs)))


def _printer_context() -> ForkServerContext | None:
    """The forkserver that print processes fork from, WeasyPrint imported in it; None
    where the platform has none (then the PDFs are printed here, one after another)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return None
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["weasyprint", __name__])
    return context


def start_printer_for_a_first_print(report: Project) -> None:
    """With no PDF cached yet (a first build), start the print server now: it imports
    WeasyPrint in its own process while MkDocs builds the pages, not once they are built."""
    if report.pdf and not any(cache_dir(report).glob("*.pdf")) and _printer_context() is not None:
        from multiprocessing import forkserver

        forkserver.ensure_running()


def documents(build: Build, model: Model, manifest: Manifest) -> dict[str, PrintDocument]:
    """Every language's print document: what its PDF shows. Bad input (a string missing
    for the print template) stops here, before anything is printed."""
    return {edition.code: document(build, model, manifest, edition.code) for edition in build.project.languages}


def in_cache(report: Project, docs: dict[str, PrintDocument]) -> bool:
    """Whether every language's PDF is cached: nothing it shows changed since it was printed."""
    css, engine = STYLESHEET.read_text(encoding="utf-8"), engine_version()
    return all(cache_path(report, doc.key(css, engine)).exists() for doc in docs.values())


def print_documents(
    report: Project, docs: dict[str, PrintDocument], log: Callable[[str], None] | None = None
) -> dict[str, bytes]:
    """Every language's PDF: from the cache when nothing it shows changed, else rendered
    and kept there. Returns lang -> PDF bytes."""
    css, engine, out = STYLESHEET.read_text(encoding="utf-8"), engine_version(), {}
    missing = []
    for code, doc in docs.items():
        cached = cache_path(report, doc.key(css, engine))
        if cached.exists():
            out[code] = cached.read_bytes()
        else:
            missing.append(code)
    for code, data in zip(missing, _render_all([docs[code] for code in missing], css)):
        write_if_changed(cache_path(report, docs[code].key(css, engine)), data)
        out[code] = data
        if log:
            log(code)
    # Only the current PDFs stay cached: an edit would otherwise leave a megabyte behind.
    kept = {cache_path(report, doc.key(css, engine)) for doc in docs.values()}
    prune(cache_dir(report), "*.pdf", kept)
    return {code: out[code] for code in docs}
