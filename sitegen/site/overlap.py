"""Charts drawn while MkDocs builds the pages (the plugin's on_pre_build starts them, under
`mkdocs serve` and in a first build): the pages are built with placeholders for their
sizes (sitegen/charts/manifest.py, to_come), which on_post_build fills in here once the
charts are drawn, in the site and, rewritten, in docs/. One build, never one more.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from sitegen.charts import manifest
from sitegen.core import outputs, project
from sitegen.core.errors import InputError

if TYPE_CHECKING:
    from sitegen.charts.step import PendingCharts, Printable, Report
    from sitegen.model.checks import Model

log = logging.getLogger("mkdocs.plugins.report")


def pages_waiting_for_sizes(site_dir: Path) -> list[Path]:
    """The pages (and search indexes) written with placeholders for the sizes of charts
    still being drawn, or of the PDFs printed once they are."""
    from sitegen.editions.build import PDF_SIZE_TO_COME

    tokens = (manifest.SIZE_TO_COME, PDF_SIZE_TO_COME)
    return sorted(
        path
        for pattern in ("*.html", "*.json")
        for path in site_dir.rglob(pattern)
        if any(token in path.read_text(encoding="utf-8") for token in tokens)
    )


def log_drawn(charts: Report) -> None:
    if charts.rendered:
        log.info("report: drew %s", ", ".join(charts.rendered))


def finish(
    build: project.Build,
    pending: PendingCharts,
    model: Model,
    site_dir: Path,
    waiting: list[Path],
    *,
    serve: bool,
    printable: Printable | None = None,
) -> manifest.Manifest:
    """Finish drawing the charts drawn while the pages were built, put them in the site as
    well as in docs/ (where MkDocs copied their old images from, if any), then fill in
    their sizes: in the pages built meanwhile (`waiting`) and, rewritten, in docs/.
    Returns the charts' manifest. Should a chart fail (InputError), those pages are
    deleted, none left with a placeholder for a size; under `mkdocs serve` they keep
    the sizes of the charts' last drawings, where known, for the preview to show the
    error over them (sitegen/site/preview.py). `printable` is told when the drawings the
    PDFs show are in place (sitegen/charts/step.py, _record)."""
    from sitegen.charts import cache
    from sitegen.pages.writer import build_pages

    try:
        charts = pending.finish(printable)
    except InputError:
        if serve:
            last = cache.saved_manifest(build.project) if cache.manifest_path(build.project).exists() else {}
            for page in waiting:
                text = page.read_text(encoding="utf-8")
                page.write_text(manifest.fill_sizes(text, last, partial=True), encoding="utf-8")
        else:
            for page in waiting:
                page.unlink()
        raise
    log_drawn(charts)
    for code, drawn, url in pending.drawn_files():
        outputs.write_if_changed(site_dir / build.project.language(code).url_prefix / url, drawn.read_bytes())
    build_pages(build, model, charts.manifest)  # the pages just built, with their sizes
    for page in waiting:
        page.write_text(manifest.fill_sizes(page.read_text(encoding="utf-8"), charts.manifest), encoding="utf-8")
    return charts.manifest
