"""The report being built: where its folders are and which languages it has.

A Project is made once per build from the MkDocs config: the `report` plugin's options
(sitegen/site/plugin.py), with every folder relative to the mkdocs.yml, and the languages of
the i18n plugin. Outside MkDocs (build_charts.py, the tests, the tools) `load()` reads a
mkdocs.yml the same way MkDocs does. Nothing else knows where the report lives, so the
same package builds any report.

A Build is one build (each `mkdocs build`, each `mkdocs serve` rebuild, each run of
build_charts.py): the Project and what the build's steps share, its cached reads
(sitegen/core/reads.py), the chart step's record of file versions, and the chart workers,
which belong to the session that made them (the plugin from on_startup to on_shutdown,
build_charts.py for its run) and outlive a build under `mkdocs serve`. Every step takes
the Build (or, for a path, the Project) as its first argument and hands it down: there is
no build "in progress" to look up, so two builds in one process, one after the other or
interleaved, each see their own report and caches.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

# The starter report the package ships (package data, found installed or in a checkout):
# what `python -m sitegen new` copies, and whose strings hold every interface key.
STARTER = Path(str(resources.files("sitegen") / "starter"))


def babel_locale(code: str) -> str:
    """The locale Babel formats a language's numbers and dates with: "zh-hant" -> "zh_hant"
    (Babel reads it as zh_Hant, CLDR's Taiwan usage), "en" -> "en"."""
    return code.replace("-", "_")


@dataclass(frozen=True)
class Language:
    code: str  # "zh", "en": also the docs/<code>/ folder and the strings file name
    name: str
    default: bool
    site_name: str
    site_description: str | None  # None: neither the language nor mkdocs.yml gives one
    # A language derived from another by script conversion (the report plugin's
    # derived_languages: sitegen/model/derive.py): the language it is made from and the OpenCC
    # configuration that makes it ("s2twp"). Empty for a language written by hand.
    derived_from: str = ""
    conversion: str = ""

    @property
    def is_derived(self) -> bool:
        return bool(self.derived_from)

    @property
    def babel_locale(self) -> str:
        return babel_locale(self.code)

    @property
    def url_prefix(self) -> str:
        """Where this language's pages sit in the built site: "" or "en/"."""
        return "" if self.default else f"{self.code}/"


@dataclass(frozen=True)
class Project:
    config_file: Path  # the report's mkdocs.yml
    docs_dir: Path  # generated pages and PNGs go to docs/<lang>/
    site_dir: Path
    content_dir: Path  # article/, strings/, source/, glossary.yml
    data_dir: Path  # <id>.csv + <id>.schema.yml, units.yml
    charts_dir: Path  # <id>.py, one per chart; _*.py shared by them
    templates_dir: Path  # pages/*.md.j2 and figure.html.j2
    cache_dir: Path
    languages: tuple[Language, ...]
    skip_charts: bool = False
    # Page names in reading order as configured: "sections" stands for every numbered
    # section's page (sitegen/pages/plan.py expands it).
    pages: tuple[str, ...] = ("home", "sections", "sources", "data")
    chart_widths: tuple[tuple[str, int], ...] = (("wide", 720), ("narrow", 400))  # CSS px at 1x
    chart_scales: tuple[int, ...] = (1, 2)
    # Two languages read side by side (中英对照): the parallel view, at
    # <first's folder>/<first>-<second>/<page>.html (sitegen/pages/parallel.py). Empty: none.
    parallel: tuple[str, ...] = ()
    edition_date: str = ""  # this edition's date, YYYY-MM-DD, shown in the byline and footer
    font_family: str = "Noto Sans CJK SC"
    font_files: tuple[tuple[str, str], ...] = (("Regular", "NotoSansCJK-Regular.ttc"), ("Bold", "NotoSansCJK-Bold.ttc"))
    # Take-away editions (sitegen/editions/): mkdocs.yml's site_url (citations name a URL
    # only when it is set), a PDF per language, the data package's licence and the
    # citations' publisher ("" for the language's site_name).
    site_url: str = ""
    pdf: bool = True
    license: str | dict[str, Any] | None = None
    publisher: str = ""

    @property
    def root(self) -> Path:
        return self.config_file.parent

    def chart_ids(self) -> list[str]:
        """Every chart id, sorted: the modules in charts_dir, less the shared `_*.py`."""
        return sorted(p.stem for p in self.charts_dir.glob("*.py") if not p.name.startswith("_"))

    @property
    def variants(self) -> tuple[str, ...]:
        """The widths each chart is drawn at, by name ("wide" first: the default)."""
        return tuple(name for name, _ in self.chart_widths)

    def chart_width_px(self, variant: str) -> int:
        return dict(self.chart_widths)[variant]

    def chart_file(self, chart_id: str) -> Path:
        return self.charts_dir / f"{chart_id}.py"

    def language(self, code: str) -> Language:
        """The report's language of this code."""
        found = next((lang for lang in self.languages if lang.code == code), None)
        if found is None:
            raise KeyError(
                f"language '{code}' is not among the report's languages ({', '.join(self.language_codes())})"
            )
        return found

    def default_language(self) -> Language:
        """The language at the site root: the article's original language."""
        return next(lang for lang in self.languages if lang.default)

    def language_codes(self) -> list[str]:
        return [lang.code for lang in self.languages]

    def relative(self, path: Path | str) -> str:
        """A path as the editor knows it: relative to the report's folder when it can be."""
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


class ReportOptions(Protocol):
    """The report plugin's options, as MkDocs has validated them (its ReportConfig, in
    sitegen/site/config.py, a layer above this one): what a Project is made from. Every
    folder is absolute: MkDocs resolved it against the mkdocs.yml."""

    @property
    def content_dir(self) -> str: ...
    @property
    def data_dir(self) -> str: ...
    @property
    def charts_dir(self) -> str: ...
    @property
    def templates_dir(self) -> str: ...
    @property
    def cache_dir(self) -> str: ...
    @property
    def skip_charts(self) -> bool: ...
    @property
    def pages(self) -> Sequence[str]: ...
    @property
    def edition_date(self) -> str | None: ...
    @property
    def chart_widths(self) -> Mapping[str, int]: ...
    @property
    def chart_scales(self) -> Sequence[int]: ...
    @property
    def derived_languages(self) -> Mapping[str, Mapping[str, str]]: ...
    @property
    def parallel(self) -> Sequence[str]: ...
    # {"family": "Noto Sans CJK SC", "files": {face: file name}}; Any: the option is a
    # `dict` of whatever mkdocs.yml holds (c.Type(dict)).
    @property
    def chart_font(self) -> Mapping[str, Any]: ...
    @property
    def pdf(self) -> bool: ...
    # Any: a str or a dict of whatever mkdocs.yml holds (c.Type((str, dict))).
    @property
    def license(self) -> Any: ...
    @property
    def publisher(self) -> str | None: ...


def languages_of(
    mkdocs_config: MkDocsConfig, derived: Mapping[str, Mapping[str, str]] | None = None
) -> tuple[Language, ...]:
    """The languages listed under the i18n plugin, the one list of languages; those named
    in the report plugin's `derived_languages` ({code: {from: zh, opencc: s2twp}}) carry
    what they are derived from."""
    i18n = mkdocs_config.plugins.get("i18n")
    if i18n is None:
        raise RuntimeError(f"{mkdocs_config.config_file_path}: the report needs the i18n plugin and its languages")
    derived = derived or {}
    return tuple(
        Language(
            code=entry.locale,
            name=entry.name,
            default=bool(entry.default),
            site_name=entry.site_name or mkdocs_config.site_name,
            site_description=entry.site_description or mkdocs_config.site_description,
            derived_from=derived.get(entry.locale, {}).get("from", ""),
            conversion=derived.get(entry.locale, {}).get("opencc", ""),
        )
        for entry in i18n.config.languages
    )


def from_mkdocs(mkdocs_config: MkDocsConfig, options: ReportOptions) -> Project:
    """The Project of a validated MkDocs config and the report plugin's options."""
    return Project(
        config_file=Path(mkdocs_config.config_file_path).resolve(),
        docs_dir=Path(mkdocs_config.docs_dir),
        site_dir=Path(mkdocs_config.site_dir),
        content_dir=Path(options.content_dir),
        data_dir=Path(options.data_dir),
        charts_dir=Path(options.charts_dir),
        templates_dir=Path(options.templates_dir),
        cache_dir=Path(options.cache_dir),
        languages=languages_of(mkdocs_config, options.derived_languages),
        skip_charts=options.skip_charts,
        pages=tuple(options.pages),
        edition_date=options.edition_date or "",
        parallel=tuple(options.parallel),
        chart_widths=tuple(options.chart_widths.items()),
        chart_scales=tuple(options.chart_scales),
        font_family=options.chart_font["family"],
        font_files=tuple(options.chart_font["files"].items()),
        site_url=mkdocs_config.site_url or "",
        pdf=options.pdf,
        license=options.license,
        publisher=options.publisher or "",
    )


def load(config_file: Path | str) -> Project:
    """Read a report's mkdocs.yml as MkDocs would, without building."""
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file))
    plugin = config.plugins.get("report")
    if plugin is None:
        raise RuntimeError(f"{config_file}: no `report` plugin under plugins")
    return from_mkdocs(config, plugin.config)


# What charts.keys.per_file_version remembers, as JSON: the computation's name -> file
# path -> [mtime in ns, size, the computation's value for that version of the file].
FileVersions = dict[str, dict[str, list[Any]]]


@dataclass(eq=False)
class Build:
    project: Project
    # The chart workers (sitegen.charts.workers.Workers) of the session this build belongs
    # to; None: the chart step makes some on first need and keeps them here, for this
    # Build's later steps (a test, a tool). Any: their class is in the chart layer, above
    # this one, which core may not import (import-linter).
    workers: Any = None
    # Cached reads of the report's files (core.reads): (function, arguments, keyword
    # arguments) -> value, for this build only.
    reads: dict[tuple[object, ...], object] = field(default_factory=dict)
    # The chart step's remembered file hashes and imports (charts.keys.per_file_version),
    # loaded from the report's cache folder once per build.
    file_versions: FileVersions | None = None
    # The chart step this Build last drew for (charts.step._render_job): a chart worker's
    # Build outlives a step, and forgets its cached reads when a new one begins.
    drawn_for_step: int | None = None


CHART_PACKAGE = "charts"


def forget_chart_modules() -> None:
    """Drop the report's chart helper modules (charts._*) imported so far, so the next
    import reads the files again (a long-lived chart worker, after an edit)."""
    for name in [n for n in sys.modules if n.startswith(CHART_PACKAGE + ".")]:
        del sys.modules[name]


def register_chart_package(charts_dir: Path) -> None:
    """Make the report's charts folder importable as `charts`, so chart modules share its
    `_style` and helpers with `from charts import _style`, whatever folder it is in."""
    init = charts_dir / "__init__.py"
    loaded = sys.modules.get(CHART_PACKAGE)
    if loaded is not None and getattr(loaded, "__path__", None) == [str(charts_dir)]:
        return
    for name in [n for n in sys.modules if n == CHART_PACKAGE or n.startswith(CHART_PACKAGE + ".")]:
        del sys.modules[name]
    spec = importlib.util.spec_from_file_location(
        CHART_PACKAGE, init if init.exists() else None, submodule_search_locations=[str(charts_dir)]
    )
    if spec is None:  # a charts folder with no __init__.py: a namespace-like package
        spec = importlib.machinery.ModuleSpec(CHART_PACKAGE, None, is_package=True)
        spec.submodule_search_locations = [str(charts_dir)]
    module = importlib.util.module_from_spec(spec)
    sys.modules[CHART_PACKAGE] = module
    if spec.loader:
        spec.loader.exec_module(module)
