"""What `mkdocs serve` watches of a report: the folders it is made from, so that an edit
to any of them reloads, and not what the pipeline writes from them, so that an edit costs
one build.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from sitegen.core import outputs
from sitegen.core.project import Project

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer


def watch_the_report(server: LiveReloadServer, report: Project, docs: Path, stopping: threading.Event) -> None:
    """Watch content/, data/, charts/ and templates/ (from when it is made), and of docs/
    only its own files; until `stopping` is set (the plugin's on_shutdown)."""
    for folder in (report.content_dir, report.data_dir, report.charts_dir, report.templates_dir):
        if folder.is_dir():
            server.watch(str(folder))
    _watch_while_there(server, [report.templates_dir], stopping)
    # What the pipeline writes into docs/ (pages, charts, datasets) is made from the
    # folders above: were it watched too, every edit would build twice, the second
    # time for the files the first wrote. Only docs/'s own files stay watched.
    generated = set(outputs.generated_dirs(report))
    server.unwatch(str(docs))
    server.watch(str(docs), recursive=False)
    for folder in sorted(docs.iterdir()):
        if folder.is_dir() and folder not in generated:
            server.watch(str(folder))


def _watch_while_there(server: LiveReloadServer, folders: list[Path], stopping: threading.Event) -> None:
    """Each of the report's optional folders (templates/, which a report has from its
    first override) watched from when it is made until it is removed, with a build at
    each: MkDocs' watcher cannot watch a folder before it exists, and takes no notice of
    a folder being made or removed."""

    def rebuild() -> None:
        with server._rebuild_cond:  # as the watcher's own callback asks for a build
            server._want_rebuild = True
            server._rebuild_cond.notify_all()

    def poll() -> None:
        watched = {folder for folder in folders if folder.is_dir()}
        while not stopping.wait(1.0):
            for folder in folders:
                if folder.is_dir() != (folder in watched):
                    if folder in watched:
                        watched.discard(folder)
                        server.unwatch(str(folder))
                    else:
                        watched.add(folder)
                        server.watch(str(folder))
                    rebuild()

    threading.Thread(target=poll, name="report-optional-folders", daemon=True).start()
