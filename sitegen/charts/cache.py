"""The chart cache (.cache/charts/ in the report): each drawing's images kept under the key
of everything it is drawn from (sitegen/charts/keys.py), read back instead of drawn again,
and pruned after a full step; and the manifest of the last full step.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sitegen.charts import manifest
from sitegen.charts.manifest import FORMATS, SCHEMES
from sitegen.core import outputs
from sitegen.core.project import Project


def drawings(report: Project) -> list[tuple[str, str]]:
    """(variant, scheme) of every drawing of one chart in one language, wide light first."""
    return [(variant, scheme) for variant in report.variants for scheme in SCHEMES]


def manifest_path(report: Project) -> Path:
    return outputs.chart_cache_dir(report) / "manifest.json"


def saved_manifest(report: Project) -> manifest.Manifest:
    """The manifest of the last full chart step: for a build that skips it."""
    return manifest.load(manifest_path(report))


def images(report: Project) -> list[tuple[str, int]]:
    """(format, scale) of every image file of one drawing: a PNG and a WebP per scale."""
    return [(fmt, scale) for scale in report.chart_scales for fmt in FORMATS]


def entry(report: Project, key: str) -> tuple[dict[tuple[str, int], Path], Path]:
    """A cache entry: each image per (format, scale), and the 1x size beside them."""
    return (
        {(fmt, scale): outputs.chart_cache_path(report, key, scale, fmt) for fmt, scale in images(report)},
        outputs.chart_cache_dir(report) / f"{key}.size",
    )


def read(report: Project, key: str) -> tuple[dict[tuple[str, int], bytes], tuple[int, int]] | None:
    """A drawing's cached images and 1x size, or None when any file is missing: never
    drawn, or pruned meanwhile by another build that shares the cache folder."""
    files, size = entry(report, key)
    try:
        width, height = map(int, size.read_text().split())
        return {image: path.read_bytes() for image, path in files.items()}, (width, height)
    except FileNotFoundError:
        return None


def prune(report: Project, datasets: Iterable[str], live_keys: set[str]) -> None:
    """After a full build, delete the PNGs and CSVs of charts and datasets that are gone,
    and the cached PNGs no chart of this build is keyed to (old data, old code)."""
    ids = report.chart_ids()
    for lang in report.language_codes():
        keep = {
            outputs.chart_path(report, lang, c, s, v, scheme, fmt)
            for c in ids
            for fmt, s in images(report)
            for v, scheme in drawings(report)
        }
        for fmt in FORMATS:
            outputs.prune(outputs.charts_dir(report, lang), f"*.{fmt}", keep)
    keep = {outputs.dataset_csv_path(report, d) for d in datasets}
    outputs.prune(outputs.datasets_dir(report), "*.csv", keep)
    cached = {path for key in live_keys for paths, size in [entry(report, key)] for path in [*paths.values(), size]}
    for pattern in [f"*.{fmt}" for fmt in FORMATS] + ["*.size"]:
        outputs.prune(outputs.chart_cache_dir(report), pattern, cached)
