"""The one shared style: palette, fonts, sizes, and the figure every chart starts from.

Charts import from here and never set colours, fonts or sizes themselves. The palette
is Okabe & Ito's colour-blind safe set, kept to the hues that reach 3:1 against the
white card every chart is drawn on (so marks read in light and in dark mode: the card
is opaque). Text is near-black on white.

The CJK font, Noto Sans CJK SC from Debian's fonts-noto-cjk (OFL), is located by file,
registered, and checked by family and face before any chart is drawn.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import matplotlib
from matplotlib import font_manager, ft2font
from matplotlib.figure import Figure

from charts._fonts import FONT_FAMILY, font_paths
from sitegen.errors import InputError
from sitegen.strings import t

STYLE_FILE = Path(__file__).with_name("report.mplstyle")
WIDTH_IN = 7.2  # 720 CSS px at 1x

# Okabe-Ito, named by role. Contrast on white: blue 5.2:1, vermillion 3.9:1, green 3.4:1.
BLUE = "#0072B2"  # the subject of a chart (usually Kuaishou or the focus company)
VERMILLION = "#D55E00"  # the contrast, or the company compared with
GREEN = "#009E73"
PURPLE = "#A1527F"  # a darker reddish purple than Okabe-Ito's, for 3:1 on white
GREY = "#767676"  # everything else; 4.5:1 so it also works for text
LIGHT = "#BFBFBF"  # reference marks that carry no data
INK = "#222222"
MUTED = "#555555"
COMPANY_COLOURS = {
    "kuaishou": BLUE,
    "bilibili": VERMILLION,
    "zhihu": GREEN,
    "meitu": PURPLE,
    "kuaishou_bilibili": MUTED,
    "mid_sized": GREY,
    "alibaba": GREY,
    "tencent": GREY,
    "douyin": GREY,
}
DERIVED_HATCH = "///"


@lru_cache(maxsize=1)
def setup_fonts() -> dict[str, Path]:
    """Register the CJK font with matplotlib and check that it is the face we asked for."""
    paths = font_paths()
    for face, path in paths.items():
        font_manager.fontManager.addfont(str(path))
        found = Path(font_manager.findfont(
            font_manager.FontProperties(family=FONT_FAMILY, weight=face.lower()), fallback_to_default=False
        ))
        entry = next(e for e in font_manager.fontManager.ttflist if Path(e.fname) == found and e.name == FONT_FAMILY)
        loaded = ft2font.FT2Font(str(found), face_index=entry.index)
        if (loaded.family_name, loaded.style_name) != (FONT_FAMILY, face):
            raise InputError(
                f"{found}: expected {FONT_FAMILY} {face}, found {loaded.family_name} {loaded.style_name}; "
                "reinstall fonts-noto-cjk (`apt-get install --reinstall fonts-noto-cjk`)"
            )
    return paths


def rc() -> dict:
    """All rcParams for a chart: the house style file plus the font."""
    setup_fonts()
    params = dict(matplotlib.rc_params_from_file(str(STYLE_FILE), use_default_template=False))
    params["font.family"] = [FONT_FAMILY]
    params["svg.fonttype"] = "none"
    return params


def new_figure(height_in: float) -> tuple[Figure, object]:
    """A blank chart of the house width: `fig, ax = new_figure(4)`."""
    fig = Figure(figsize=(WIDTH_IN, height_in), layout="constrained")
    return fig, fig.subplots()


def headline(ax, lang: str, chart_id: str) -> None:
    """The chart's subtitle: what is measured, in what unit. The title itself is the
    page's heading right above the image (templates/pages/_blocks.md.j2): real text,
    in the page's table of contents and search, and not drawn twice."""
    ax.set_title(t(lang, f"charts.{chart_id}.subtitle"), loc="left", pad=12,
                 color=MUTED, fontsize=11, fontweight="normal")


def footnote(fig, text: str) -> None:
    """A note under the plot (derived values, gaps in the data)."""
    fig.supxlabel(text, x=0.01, ha="left", fontsize=9.5, color=MUTED)


def direct_labels_only(ax) -> None:
    """Bars labelled at their ends need no value axis."""
    ax.xaxis.set_visible(False)
    ax.spines[["top", "right", "bottom"]].set_visible(False)
    ax.tick_params(axis="y", length=0)
