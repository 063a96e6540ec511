"""Every generated file's path, and the one way generated files are written.

docs/<lang>/ is generated (pages and chart PNGs) and git-ignored; docs/assets/ is
committed. Paths are built here and nowhere else, under the folders of the build's
Project (sitegen/core/project.py), which each function that makes one takes first.

Writes are atomic (temp file + rename) so a failed step never leaves half a file, and
happen only when the bytes change, so that a file's time stamp says when it last changed.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from sitegen.core.project import Project


def language_dir(report: Project, lang: str) -> Path:
    return report.docs_dir / lang


def page_path(report: Project, lang: str, page: str) -> Path:
    return language_dir(report, lang) / f"{page}.md"


def chart_filename(chart_id: str, scale: int, variant: str = "wide", scheme: str = "light", fmt: str = "png") -> str:
    """<id>.png, <id>.narrow.png, <id>.dark.png, <id>.narrow.dark@2x.png: the wide light
    drawing at 1x is the plain name, each other width, scheme and scale adds to it; the
    WebP beside each PNG has the same name with .webp."""
    stem = chart_id if variant == "wide" else f"{chart_id}.{variant}"
    stem = stem if scheme == "light" else f"{stem}.{scheme}"
    return f"{stem}.{fmt}" if scale == 1 else f"{stem}@{scale}x.{fmt}"


def charts_dir(report: Project, lang: str) -> Path:
    return language_dir(report, lang) / "charts"


def chart_path(
    report: Project,
    lang: str,
    chart_id: str,
    scale: int,
    variant: str = "wide",
    scheme: str = "light",
    fmt: str = "png",
) -> Path:
    return charts_dir(report, lang) / chart_filename(chart_id, scale, variant, scheme, fmt)


def chart_url(chart_id: str, scale: int, variant: str = "wide", scheme: str = "light", fmt: str = "png") -> str:
    """A chart's URL relative to its language's root (the same in every language)."""
    return f"charts/{chart_filename(chart_id, scale, variant, scheme, fmt)}"


def datasets_dir(report: Project) -> Path:
    return report.docs_dir / "data"


def generated_dirs(report: Project) -> list[Path]:
    """The folders of docs/ that the pipeline writes, all of them: each language's
    (pages, charts) and the datasets'."""
    return [language_dir(report, lang.code) for lang in report.languages] + [datasets_dir(report)]


def dataset_csv_path(report: Project, dataset_id: str) -> Path:
    return datasets_dir(report) / f"{dataset_id}.csv"


def dataset_csv_url(report: Project, dataset_id: str, lang: str) -> str:
    """A dataset's CSV URL from a page of `lang`. There is one copy, at the site root's
    data/, shared by every language; English pages sit one folder down, in en/."""
    prefix = report.language(lang).url_prefix
    return "../" * prefix.count("/") + f"data/{dataset_id}.csv"


def write_if_changed(path: Path, content: bytes | str) -> bool:
    """Write atomically, only if the bytes differ. Returns whether the file changed."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def chart_cache_dir(report: Project) -> Path:
    return report.cache_dir / "charts"


def chart_cache_path(report: Project, key: str, scale: int, fmt: str = "png") -> Path:
    """A rendered chart kept by the hash of everything it was drawn from (sitegen/charts/step.py)."""
    return chart_cache_dir(report) / f"{key}@{scale}x.{fmt}"


def prune(folder: Path, pattern: str, keep: set[Path]) -> list[Path]:
    """Delete generated files in `folder` matching `pattern` that are not in `keep`: a
    removed chart, dataset or section must not live on in the site and its search."""
    stale = [path for path in folder.glob(pattern) if path not in keep]
    for path in stale:
        path.unlink()
    return stale
