"""What each chart drawing is keyed by: a hash of every file it is drawn from.

A drawing (one chart, language, width and colour scheme) is cached under a key made of
its data and descriptor, its module and every charts/_*.py or package module it imports,
the renderer and its imports, the report's style and palette files and units, the
language's strings files, the font files, its width, scheme and scales, and the library
versions. A change to any of them redraws exactly the drawings made from it.

Hashes and parsed imports are remembered per file version (path, mtime, size), in the
build and across builds in the report's .cache/file-versions.json.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import TypeVar, cast

from sitegen.core import outputs
from sitegen.core.errors import InputError
from sitegen.core.project import CHART_PACKAGE, Build, FileVersions, Project
from sitegen.core.reads import cached_read
from sitegen.model.datasets import UNITS_FILE, Dataset
from sitegen.model.strings import strings_inputs

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # sitegen/
T = TypeVar("T")


@cached_read  # once per build, not once per chart and language
def shared_inputs(build: Build) -> list[Path]:
    """Files every chart is drawn with, found, not listed: the report's styles and
    palette (charts/*.mplstyle, *.yml), its units, and the renderer with every package
    module it imports. Change one, redraw all."""
    report = build.project
    found = [p for pattern in ("*.mplstyle", "*.yml") for p in sorted(report.charts_dir.glob(pattern))]
    return found + [report.data_dir / UNITS_FILE] + imported_files(build, PACKAGE_DIR / "charts" / "render.py")


def per_file_version(compute: Callable[[Path], T]) -> Callable[[Build, Path], T]:
    """Remember `compute(path)` (a JSON value) by the file's (path, mtime, size): in the
    Build, where cache keys are asked for every chart × language × width × scheme, and
    across builds, in the report's .cache/file-versions.json: a build with nothing to draw
    would otherwise parse every module the charts import and hash 40 MB of fonts again
    (0.2 s of it here). Written there by save_file_versions()."""

    @functools.wraps(compute)
    def cached(build: Build, path: Path) -> T:
        stat = path.stat()
        version = [stat.st_mtime_ns, stat.st_size]
        remembered = _file_versions(build).setdefault(compute.__name__, {})
        entry = remembered.get(str(path))
        if entry is None or entry[:2] != version:
            entry = remembered[str(path)] = [*version, compute(path)]
        # compute's value, or that value read back from the JSON store: the same for the
        # str and list[str] the functions below compute.
        return cast(T, entry[2])

    return cached


FILE_VERSIONS = "file-versions.json"


def _file_versions(build: Build) -> FileVersions:
    """The store of the report's cache folder, read once per build."""
    if build.file_versions is None:
        try:
            store = json.loads((build.project.cache_dir / FILE_VERSIONS).read_text(encoding="utf-8"))
            build.file_versions = store if isinstance(store, dict) else {}
        except (OSError, ValueError):
            build.file_versions = {}  # none yet, or unreadable: computed again
    return build.file_versions


def save_file_versions(build: Build) -> None:
    """Store what per_file_version remembered, less the files that are gone."""
    store = _file_versions(build)
    for remembered in store.values():
        for gone in [name for name in remembered if not Path(name).exists()]:
            del remembered[gone]
    outputs.write_if_changed(
        build.project.cache_dir / FILE_VERSIONS, json.dumps(store, sort_keys=True, separators=(",", ":"))
    )


@per_file_version
def _imported_names(source: Path) -> list[str]:
    """Dotted names a module imports: `import a.b`, `from a import b` (as a.b and a)."""
    names = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"), str(source))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return sorted(names)


def _module_file(report: Project, name: str) -> Path | None:
    """The file of a package module (sitegen.charts.render) or a report's chart helper
    module (charts._style), else None: a package (sitegen.model) or a name it exports
    (sitegen.model.numbers.format_value) is no file."""
    package, _, rest = name.partition(".")
    folder = {"sitegen": PACKAGE_DIR, CHART_PACKAGE: report.charts_dir}.get(package)
    if folder is None or not rest:
        return None
    path = folder.joinpath(*rest.split(".")).with_suffix(".py")
    return path if path.is_file() else None


@cached_read  # a chart's module once per build, not once per language
def imported_files(build: Build, module: Path) -> list[Path]:
    """`module` and every package or charts/_*.py module it imports, transitively: what
    a change to should redraw the charts that use it, and only those."""
    found, todo = {module}, [module]
    while todo:
        source = todo.pop()
        try:
            names = _imported_names(build, source)
        except SyntaxError as error:  # the first thing to read the module: the editor's message, no traceback
            raise InputError(
                f"{build.project.relative(source)}:{error.lineno}: Python cannot read this module: {error.msg}; "
                "fix that line (or the one before it)"
            ) from None
        for name in names:
            path = _module_file(build.project, name)
            if path and path not in found:
                found.add(path)
                todo.append(path)
    return sorted(found)


LIBRARIES = ("matplotlib", "numpy", "pillow", "babel", "pyoxipng", "fonttools", "opencc")


@per_file_version
def file_hash(path: Path) -> str:
    """sha256 of a file (the font is 20 MB: remembered while it is unchanged)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@functools.lru_cache(maxsize=1)
def library_versions() -> str:
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}==none")
    return ";".join(versions)


def inputs_hash(build: Build, chart_id: str, lang: str, dataset: Dataset, fonts: dict[str, Path]) -> str:
    """Hash of the files one chart in one language is drawn from, whatever its width and
    scheme: computed once for its four drawings."""
    inputs = [dataset.csv_path, dataset.schema_path, *strings_inputs(build.project, lang)]
    inputs += (
        imported_files(build, build.project.chart_file(chart_id))
        + shared_inputs(build)
        + [fonts[face] for face in sorted(fonts)]
    )
    digest = hashlib.sha256()
    for path in inputs:
        digest.update(f"\0{Path(path).name}\0{file_hash(build, Path(path))}".encode())
    return digest.hexdigest()


def drawing_key(report: Project, chart_id: str, lang: str, variant: str, scheme: str, inputs: str) -> str:
    drawn_at = f"{report.chart_width_px(variant)}px {scheme} {report.chart_scales} {report.font_family}"
    digest = hashlib.sha256(
        f"{chart_id}\0{lang}\0{variant}\0{drawn_at}\0{library_versions()}\0{sys.version_info[:2]}".encode()
    )
    digest.update(f"\0{inputs}".encode())
    return digest.hexdigest()[:32]
