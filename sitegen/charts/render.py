"""The shared renderer: chart module + dataset + language + width + colour scheme -> PNG
bytes per scale.

This is the only place a figure is drawn to pixels. It applies the report's style files
(charts/*.mplstyle) and font, calls the chart's pure `draw(data, chart)` with a Chart
(sitegen/chartkit.py: texts, formats, width, the palette of its scheme), tags every text
with the language, saves with fixed metadata (no dates, no versions: the same inputs give the
same bytes) and encodes the pixels losslessly as PNG (oxipng) and WebP (Pillow). Each drawing is
rasterised once, at the largest scale; the smaller scales are that image scaled down (a box
filter). Any warning while drawing (a glyph missing from the font above all) is an error.
"""

from __future__ import annotations

import importlib.util
import io
import re
import traceback
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import matplotlib
from matplotlib.artist import Artist
from matplotlib.axis import Axis
from matplotlib.figure import Figure
from matplotlib.text import Text

from sitegen.chartkit import LINE_SPACING, Chart, LabelDoesNotFit, NotInPalette, Palette
from sitegen.charts.encode import encoded, png_size, scaled_down
from sitegen.charts.fonts import setup_fonts
from sitegen.charts.textmetrics import shared_text_metrics
from sitegen.core.compat import renamed_module_hint
from sitegen.core.errors import InputError
from sitegen.core.lifetime import TookTooLong, time_limit
from sitegen.core.project import Build, Project, register_chart_package
from sitegen.core.reads import cached_read
from sitegen.core.yamlio import YAMLError, load_yaml
from sitegen.model.datasets import Dataset
from sitegen.model.strings import MissingString, t

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType
    from PIL import Image  # imported where an image is made: a build with nothing to draw skips it

matplotlib.use("Agg")

BASE_DPI = 100  # CSS px per inch at 1x: a 720 px chart is 7.2 in
# A CJK chart font's Chinese faces (... SC, TC, HK) draw ’ ‘ “ ” × → full-width: right in
# Chinese, wrong in English ("it’ s"). A chart in a language that is not CJK is set
# in the same files' Japanese face (... JP), whose Latin letters are the same and whose
# punctuation is proportional. (matplotlib drops OpenType features such as `pwid` from
# text of more than one line, and measures text without them.)
CJK_LANGUAGES = ("zh", "ja", "ko")
CHINESE_FACE = re.compile(r" (SC|TC|HK)$")
# The regional face of a Noto CJK family that draws a language's glyph forms as its
# readers write them (Traditional in Taiwan's forms: 說, 為), by language tag prefix.
REGIONAL_FACES = {"zh-hant": " TC", "zh-tw": " TC", "zh-hk": " HK", "ja": " JP", "ko": " KR"}
PALETTE_FILE = "palette.yml"
REQUIRED_ROLES = ("ink", "muted")  # text, and subtitles and notes (sitegen/chartkit.py)
# The card a chart is drawn on, when the palette names none: the page's background in
# each scheme, so that a chart sits on the page with no edge. Material's `default` scheme
# is white; its `slate` scheme is hsl(var(--md-hue), 15%, 14%), with the hue 215 that
# sitegen/theme/assets/stylesheets/report.css sets (tests/test_browser_figures.py
# compares it with the page).
DEFAULT_BACKGROUND = {"light": "#FFFFFF", "dark": "#1E2329"}
# Okabe & Ito's colour-blind safe hues, for a report with no charts/palette.yml; for the
# dark scheme lightened to the same 3:1 (text 4.5:1) against the dark background.
DEFAULT_COLOURS = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "purple": "#A1527F",
    "grey": "#767676",
    "light": "#BFBFBF",
    "ink": "#222222",
    "muted": "#555555",
}
DEFAULT_DARK_COLOURS = {
    "blue": "#56B4E9",
    "vermillion": "#F07F3C",
    "green": "#2BB58A",
    "purple": "#CC79A7",
    "grey": "#9AA0A8",
    "light": "#4A515C",
    "ink": "#DADDE1",
    "muted": "#A3ABB6",
}
# The style files (charts/*.mplstyle) describe the light chart. For any other scheme
# their background, text and axis colours give way to the scheme's palette roles.
SCHEME_STYLE: tuple[tuple[RcKeyType, str], ...] = (
    ("figure.facecolor", "background"),
    ("axes.facecolor", "background"),
    ("savefig.facecolor", "background"),
    ("text.color", "ink"),
    ("axes.labelcolor", "ink"),
    ("axes.titlecolor", "ink"),
    ("xtick.labelcolor", "ink"),
    ("ytick.labelcolor", "ink"),
    ("axes.edgecolor", "muted"),
    ("xtick.color", "muted"),
    ("ytick.color", "muted"),
    ("grid.color", "light"),
)


@dataclass(frozen=True)
class Rendered:
    """One chart drawn at one width: image bytes per (format, scale) and the 1x pixel size."""

    images: dict[tuple[str, int], bytes]  # ("png" | "webp", scale) -> bytes
    width: int
    height: int


def chart_module(build: Build, chart_id: str) -> ModuleType:
    """Load charts/<id>.py by its path (ids may hold hyphens, which `import` cannot), with
    the report's charts folder the importable `charts` package, whose helpers it shares."""
    report = build.project
    register_chart_package(report.charts_dir)
    spec = importlib.util.spec_from_file_location(f"charts.{chart_id.replace('-', '_')}", report.chart_file(chart_id))
    assert spec is not None and spec.loader is not None  # a .py file's path always has a loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cached_read
def palette(build: Build, scheme: str = "light") -> Palette:
    """The report's charts/palette.yml for one scheme: colour roles, series colours and
    markers. `colours:` are the light scheme's; `dark:` gives every one of those roles
    again for the dark scheme (series keep their roles, so their colours follow)."""
    path = build.project.charts_dir / PALETTE_FILE
    if not path.exists():
        colours = dict(DEFAULT_COLOURS if scheme == "light" else DEFAULT_DARK_COLOURS)
        return Palette({"background": DEFAULT_BACKGROUND[scheme], **colours})
    where = build.project.relative(path)
    try:
        data: dict[str, Any] = load_yaml(path.read_text(encoding="utf-8")) or {}
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise InputError(
            f"{where}:{mark.line + 1 if mark else 1}: not valid YAML; fix the quoting or indentation"
        ) from None
    light = data.get("colours") or {}
    for role in REQUIRED_ROLES:
        if role not in light:
            raise InputError(f"{where}: no colour `{role}` under colours (the chart API uses it for text); add it")
    series = data.get("series") or {}
    for name, entry in series.items():
        if not isinstance(entry, dict) or entry.get("colour") not in light:
            raise InputError(f"{where}: series '{name}' needs `colour:` naming one of {', '.join(light)}; fix it")
    colours = light
    if scheme != "light":
        given = data.get(scheme)
        colours = given if isinstance(given, dict) else {}
        missing = [role for role in light if role not in colours and role != "background"]
        if missing:
            raise InputError(
                f"{where}: no {scheme} colour for {', '.join(missing)}; "
                f"add a `{scheme}:` block giving every role under colours a colour for a {scheme} page "
                f"(3:1 against its background {DEFAULT_BACKGROUND[scheme]}, text 4.5:1)"
            )
    return Palette({"background": DEFAULT_BACKGROUND[scheme], **colours}, series, data.get("derived_hatch", "///"))


def style(build: Build, scheme: str = "light") -> dict[RcKeyType, Any]:
    """All rcParams for a chart: the report's style files (charts/*.mplstyle) plus the
    font; for a scheme other than light, with the colours of SCHEME_STYLE taken from
    that scheme's palette."""
    report = build.project
    setup_fonts(report.font_family, report.font_files)
    params: dict[RcKeyType, Any] = {}  # values of every kind, as in matplotlib's own RcParams
    for path in sorted(report.charts_dir.glob("*.mplstyle")):
        params.update(matplotlib.rc_params_from_file(str(path), use_default_template=False))
    if scheme != "light":
        colours = palette(build, scheme).colours
        params.update({name: colours[role] for name, role in SCHEME_STYLE if role in colours})
    params["font.family"] = [report.font_family]
    params["svg.fonttype"] = "none"
    return params


def new_chart(build: Build, chart_id: str, lang: str, variant: str, scheme: str = "light") -> Chart:
    return Chart(
        id=chart_id,
        lang=lang,
        width=variant,
        width_in=build.project.chart_width_px(variant) / BASE_DPI,
        palette=palette(build, scheme),
        build=build,
        scheme=scheme,
    )


def canvas_size(fig: Figure, scale: int) -> tuple[int, int]:
    """The pixel size matplotlib's Agg canvas takes: inches times dpi, truncated."""
    dpi = BASE_DPI * scale
    return int(fig.get_figwidth() * dpi), int(fig.get_figheight() * dpi)


def pixels(fig: Figure, scale: int) -> Image.Image:
    """The drawing at `scale` as a Pillow image, RGB when every pixel is opaque."""
    from PIL import Image

    buffer = io.BytesIO()
    fig.savefig(buffer, format="rgba", dpi=BASE_DPI * scale)
    raw, size = buffer.getvalue(), canvas_size(fig, scale)
    if len(raw) != 4 * size[0] * size[1]:
        raise RuntimeError(f"matplotlib drew {len(raw)} bytes, not {size[0]} × {size[1]} pixels")
    image = Image.frombuffer("RGBA", size, raw, "raw", "RGBA", 0, 1)
    return image.convert("RGB") if image.getchannel("A").getextrema() == (255, 255) else image


def laid_out(fig: Figure) -> None:
    """Run the figure's layout engine (constrained layout, as a rule) once, with the text
    measured at 1x, as a 1x save measured it, then switch it off: the drawing at every
    scale is laid out alike, and the layout (as costly as the pixels) runs once."""
    engine = fig.get_layout_engine()
    if engine is None:
        return
    dpi = fig.get_dpi()
    fig.set_dpi(BASE_DPI)
    try:
        engine.execute(fig)
    finally:
        fig.set_dpi(dpi)
    fig.set_layout_engine("none")


@contextmanager
def drawing(build: Build, lang: str, scheme: str = "light") -> Iterator[None]:
    """Where a chart is drawn and saved: the report's style for the scheme, every text
    tagged with the language and set in its face (text_family), texts measured once per
    chart step (sitegen/charts/textmetrics.py), and warnings as errors.
    As rcParams, so that the texts matplotlib makes while saving (tick labels) get them
    too; walking the figure for its texts instead made every tick of a hidden axis."""
    tag = t(build, lang, "charts.language_tag")
    with warnings.catch_warnings(), matplotlib.rc_context(style(build, scheme)), shared_text_metrics(build):
        warnings.simplefilter("error")
        with matplotlib.rc_context(
            {"font.family": [text_family(build.project.font_family, tag)], "text.language": tag}
        ):
            yield


def text_family(family: str, language_tag: str) -> str:
    """The font family a chart's text in this language is set in: the report's chart
    font `family`'s face for the language's region (REGIONAL_FACES), or for a language that is not
    CJK its face with proportional punctuation, when the font files hold one; else the
    chart font itself."""
    from matplotlib import font_manager

    tag = language_tag.lower()
    if tag.split("-")[0] in CJK_LANGUAGES:
        face = next((f for prefix, f in REGIONAL_FACES.items() if tag.startswith(prefix)), None)
        wanted = CHINESE_FACE.sub(face, family) if face else family
    else:
        wanted = CHINESE_FACE.sub(" JP", family)
    registered = {entry.name for entry in font_manager.fontManager.ttflist}
    return wanted if wanted in registered else family


def draw(build: Build, chart_id: str, data: Dataset, lang: str, variant: str = "wide", scheme: str = "light") -> Figure:
    """The chart's Figure; call inside drawing(build, lang, scheme)."""
    figure: Figure = chart_module(build, chart_id).draw(data, new_chart(build, chart_id, lang, variant, scheme))
    spaced_lines(figure)
    return figure


def spaced_lines(fig: Figure) -> None:
    """Every text of more than one line (a wrapped subtitle, note or label) with its
    lines LINE_SPACING apart, unless the chart gave it a spacing of its own. (Tick
    labels are made while the figure is drawn, after this: a chart wanting a tick
    label of two lines sets the spacing itself.)"""
    for text in texts_of(fig):
        if "\n" in text.get_text() and text.get_linespacing() == "normal":
            text.set_linespacing(LINE_SPACING)


def texts_of(artist: Artist) -> Iterator[Text]:
    """The texts in an artist and its children, but not an axis's ticks: walking into
    those makes every tick an axis would have (figure.findobj did, a fifth of a narrow
    drawing's time), and their labels are written only when the figure is drawn."""
    if isinstance(artist, Text):
        yield artist
    # An axis's children are its label, its offset text and its ticks, made on asking.
    children = [artist.label, artist.offsetText] if isinstance(artist, Axis) else artist.get_children()
    for child in children:
        yield from texts_of(child)


def _line_in_chart_module(report: Project, error: Exception, chart_id: str) -> str:
    """`charts/<id>.py:<line>` of the chart module's innermost line the error passed
    through (the line to fix), or of its first line when it passed through none."""
    path = report.chart_file(chart_id)
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__) if Path(frame.filename) == path]
    return f"{report.relative(path)}:{lines[-1] if lines else 1}"


# A drawing takes a fraction of a second (0.1 to 0.3 s here, under 1 s on a busy
# machine); one still going after this long is stuck, and holds its build (and, under
# `mkdocs serve`, every page request: MkDocs answers them once the build is done).
DRAWING_TIME_LIMIT = 10


def render(
    build: Build, chart_id: str, data: Dataset, lang: str, variant: str = "wide", scheme: str = "light"
) -> Rendered:
    """PNG bytes per scale. Raises InputError naming the chart when anything goes wrong."""
    where = f"chart '{chart_id}' (charts/{chart_id}.py, language {lang}, {variant}, {scheme})"
    try:
        with time_limit(DRAWING_TIME_LIMIT), drawing(build, lang, scheme):
            fig = draw(build, chart_id, data, lang, variant, scheme)
            # Rasterised once, at the largest scale: every smaller one is that image
            # scaled down, never drawn again.
            *smaller, largest = sorted(build.project.chart_scales)
            laid_out(fig)
            image = pixels(fig, largest)
            images = {(fmt, largest): data for fmt, data in encoded(image).items()}
            for scale in smaller:
                small = scaled_down(image, canvas_size(fig, scale))
                images.update({(fmt, scale): data for fmt, data in encoded(small).items()})
    except MissingString as error:  # before InputError, which it is a kind of
        raise InputError(f"{where}: no text for this language: {error}") from None
    except LabelDoesNotFit as error:
        raise InputError(f"{where}: {error}") from None
    except NotInPalette as error:  # the palette's to fix, not the chart module's
        palette_file = build.project.relative(build.project.charts_dir / PALETTE_FILE)
        raise InputError(f"{palette_file}: {error} (chart '{chart_id}' draws with it)") from None
    except InputError:
        raise
    except ImportError as error:  # a chart helper importing a module or name by its 0.2 name
        hint = renamed_module_hint(error)
        if hint is None:
            raise InputError(f"{where}: {type(error).__name__}: {error}; fix the import in the chart module") from None
        raise InputError(f"{where}: {hint}") from None
    except TookTooLong as error:
        raise InputError(
            f"{_line_in_chart_module(build.project, error, chart_id)}: chart '{chart_id}' ({lang}, {variant}, {scheme}): "
            f"still drawing after {DRAWING_TIME_LIMIT} s, stopped at this line; look for a loop that never ends"
        ) from None
    except Exception as error:  # the chart module's bug, shown as one line
        raise InputError(
            f"{_line_in_chart_module(build.project, error, chart_id)}: chart '{chart_id}' ({lang}, {variant}, {scheme}): draw() failed with {type(error).__name__}: {error}; "
            "fix the chart module: the next build (under `mkdocs serve`, the save) draws it again"
        ) from None
    width, height = png_size(images["png", 1])
    return Rendered(images, width, height)
