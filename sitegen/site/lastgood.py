"""The last good site, kept through a `mkdocs build` that fails.

MkDocs empties site_dir just after on_pre_build and writes the new site into it, so a
build that stops later (strict mode's warnings, such as a link to a page that does not
exist; a chart that fails while a first build's pages are written) would leave the site
half-written: measured on the starter, a broken link took site/ from 214 files to 174,
its search indexes and .gz/.br copies gone. So the plugin sets the site aside as its
on_pre_build ends, puts it back if the build fails (on_build_error), and drops it once
on_post_build has finished with no warning for strict mode to stop on.

The site's entries are moved, not the folder itself: site_dir may be a mount point, or
the folder a web server serves.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
from pathlib import Path


def aside(site_dir: Path) -> Path:
    """Where the last good site waits while a build runs: beside site_dir, so that moving
    it there is a rename."""
    return site_dir.with_name(f".{site_dir.name}.last-good")


def _empty(folder: Path) -> None:
    for entry in folder.iterdir():
        shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()


def _move_entries(source: Path, dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for entry in sorted(source.iterdir()):
        shutil.move(str(entry), str(dest / entry.name))


class LastGoodSite:
    """One build's site set aside (set_aside), then put back (put_back) or dropped (drop)."""

    def __init__(self) -> None:
        self.site_dir: Path | None = None  # the site set aside by this build, until it ends

    def set_aside(self, site_dir: Path) -> None:
        kept = aside(site_dir)
        if kept.exists():
            # Left by a build that was killed: that is the last good site, and site_dir
            # holds what the killed build had written.
            if site_dir.is_dir():
                _empty(site_dir)
        elif site_dir.is_dir():
            _move_entries(site_dir, kept)
        self.site_dir = site_dir

    def put_back(self) -> None:
        """The build failed: the site as it was before it (none, if it had none)."""
        if self.site_dir is None:
            return
        site_dir, self.site_dir = self.site_dir, None
        kept = aside(site_dir)
        if site_dir.is_dir():
            _empty(site_dir)
        if kept.exists():
            _move_entries(kept, site_dir)
            kept.rmdir()
        else:  # a first build: no half-written site either (a mount point stays, empty)
            with contextlib.suppress(OSError):
                site_dir.rmdir()

    def drop(self) -> None:
        """The build succeeded: the site before it is no longer needed."""
        if self.site_dir is None:
            return
        shutil.rmtree(aside(self.site_dir), ignore_errors=True)
        self.site_dir = None


def strict_warnings() -> int:
    """The warnings counted so far by `mkdocs build --strict` (MkDocs' CountHandler on its
    logger, which stops the build after on_post_build when any were counted); 0 without
    --strict."""
    from mkdocs.utils import CountHandler

    handlers = logging.getLogger("mkdocs").handlers
    return sum(count for handler in handlers if isinstance(handler, CountHandler) for _, count in handler.get_counts())
