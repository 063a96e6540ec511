"""The shared renderer: chart module + dataset + language + width -> PNG bytes per scale.

This is the only place a figure is drawn to pixels. It applies the report's style files
(charts/*.mplstyle) and font, calls the chart's pure `draw(data, chart)` with a Chart
(sitegen/chartkit.py: texts, formats, palette, width), tags every text with the
language, saves with fixed metadata (no dates, no versions: the same inputs give the
same bytes) and optimises the PNG losslessly with oxipng. Any warning while drawing (a
glyph missing from the font above all) is an error.
"""

from __future__ import annotations

import importlib.util
import io
import struct
import warnings
from contextlib import contextmanager
from dataclasses import dataclass

import matplotlib
import oxipng

from sitegen.chartkit import Chart, Palette
from sitegen.datasets import Dataset
from sitegen.errors import InputError
from sitegen.fonts import setup_fonts
from sitegen.project import current
from sitegen.reads import cached_read
from sitegen.strings import MissingString, t
from sitegen.yamlio import YAMLError, load_yaml

matplotlib.use("Agg")

BASE_DPI = 100  # CSS px per inch at 1x: a 720 px chart is 7.2 in
PNG_METADATA = {"Software": None}  # matplotlib would otherwise write its version
PALETTE_FILE = "palette.yml"
REQUIRED_ROLES = ("ink", "muted")  # text, and subtitles and notes (sitegen/chartkit.py)
# Okabe & Ito's colour-blind safe hues, for a report with no charts/palette.yml.
DEFAULT_COLOURS = {
    "blue": "#0072B2", "vermillion": "#D55E00", "green": "#009E73", "purple": "#A1527F",
    "grey": "#767676", "light": "#BFBFBF", "ink": "#222222", "muted": "#555555",
}


@dataclass(frozen=True)
class Rendered:
    """One chart drawn at one width: PNG bytes per scale and the 1x pixel size."""

    pngs: dict[int, bytes]
    width: int
    height: int


def chart_module(chart_id: str):
    """Load charts/<id>.py by its path (ids may hold hyphens, which `import` cannot)."""
    spec = importlib.util.spec_from_file_location(f"charts.{chart_id.replace('-', '_')}", current().chart_file(chart_id))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cached_read
def palette() -> Palette:
    """The report's charts/palette.yml: colour roles, series colours and markers."""
    path = current().charts_dir / PALETTE_FILE
    if not path.exists():
        return Palette(dict(DEFAULT_COLOURS))
    try:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise InputError(f"{current().relative(path)}:{mark.line + 1 if mark else 1}: not valid YAML; fix the quoting or indentation") from None
    colours = data.get("colours") or {}
    for role in REQUIRED_ROLES:
        if role not in colours:
            raise InputError(f"{current().relative(path)}: no colour `{role}` under colours (the chart API uses it for text); add it")
    series = data.get("series") or {}
    for name, entry in series.items():
        if not isinstance(entry, dict) or entry.get("colour") not in colours:
            raise InputError(
                f"{current().relative(path)}: series '{name}' needs `colour:` naming one of "
                f"{', '.join(colours)}; fix it"
            )
    return Palette(colours, series, data.get("derived_hatch", "///"))


def style() -> dict:
    """All rcParams for a chart: the report's style files (charts/*.mplstyle) plus the font."""
    report = current()
    setup_fonts(report.font_family, report.font_files)
    params = {}
    for path in sorted(report.charts_dir.glob("*.mplstyle")):
        params.update(matplotlib.rc_params_from_file(str(path), use_default_template=False))
    params["font.family"] = [report.font_family]
    params["svg.fonttype"] = "none"
    return params


def new_chart(chart_id: str, lang: str, variant: str) -> Chart:
    return Chart(id=chart_id, lang=lang, width=variant, width_in=current().chart_width_px(variant) / BASE_DPI,
                 palette=palette(), lookup=t)


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header (of bytes just drawn, never of a file)."""
    return struct.unpack(">II", png[16:24])


def png_bytes(fig, scale: int) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=BASE_DPI * scale, metadata=PNG_METADATA)
    return oxipng.optimize_from_memory(buffer.getvalue(), level=2, strip=oxipng.StripChunks.safe())


@contextmanager
def drawing():
    """Where a chart is drawn and saved: the report's style, and warnings as errors."""
    with warnings.catch_warnings(), matplotlib.rc_context(style()):
        warnings.simplefilter("error")
        yield


def draw(chart_id: str, data: Dataset, lang: str, variant: str = "wide"):
    """The chart's Figure, every text tagged with the language; call inside drawing()."""
    fig = chart_module(chart_id).draw(data, new_chart(chart_id, lang, variant))
    tag = t(lang, "charts.language_tag")
    for text in fig.findobj(matplotlib.text.Text):
        text.set_language(tag)
    return fig


def render(chart_id: str, data: Dataset, lang: str, variant: str = "wide") -> Rendered:
    """PNG bytes per scale. Raises InputError naming the chart when anything goes wrong."""
    where = f"chart '{chart_id}' (charts/{chart_id}.py, language {lang}, {variant})"
    try:
        with drawing():
            fig = draw(chart_id, data, lang, variant)
            pngs = {scale: png_bytes(fig, scale) for scale in current().chart_scales}
    except MissingString as error:  # before InputError, which it is a kind of
        raise InputError(f"{where}: no text for this language: {error}") from None
    except InputError:
        raise
    except Exception as error:  # the chart module's bug, shown as one line
        raise InputError(
            f"{where}: draw() failed with {type(error).__name__}: {error}; "
            f"fix the chart module, then run `python build_charts.py --only {chart_id}`"
        ) from None
    width, height = png_size(pngs[1])
    return Rendered(pngs, width, height)
