"""The one shared style: palette, fonts, sizes, and the figure every chart starts from.

Charts import from here and never set colours, fonts or sizes themselves. The palette
is Okabe & Ito's colour-blind safe set, kept to the hues that reach 3:1 against the
white card every chart is drawn on (so marks read in light and in dark mode: the card
is opaque). Text is near-black on white.

The CJK font, Noto Sans CJK SC from Debian's fonts-noto-cjk (OFL), is located by file,
registered, and checked by family and face before any chart is drawn.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import matplotlib
from matplotlib import font_manager, ft2font
from matplotlib.figure import Figure

from charts._fonts import FONT_FAMILY, font_paths
from sitegen.errors import InputError
from sitegen.strings import t

STYLE_FILE = Path(__file__).with_name("report.mplstyle")
# Each chart is drawn at two widths: "wide" for the column of a desktop page and "narrow"
# for a phone (served by <picture> under 600 px), at the same font sizes, so the text of
# the narrow one reads about 1.8x larger on a 360 px screen.
WIDTHS_IN = {"wide": 7.2, "narrow": 4.0}  # 720 and 400 CSS px at 1x
WIDTH_IN = WIDTHS_IN["wide"]

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


def new_figure(height_in: float, width: str = "wide") -> tuple[Figure, object]:
    """A blank chart of one of the house widths: `fig, ax = new_figure(4, width)`."""
    fig = Figure(figsize=(WIDTHS_IN[width], height_in), layout="constrained")
    return fig, fig.subplots()


def is_narrow(fig) -> bool:
    return fig.get_figwidth() < WIDTHS_IN["wide"]


def headline(ax, lang: str, chart_id: str) -> None:
    """The chart's subtitle: what is measured, in what unit. The title itself is the
    page's heading right above the image (templates/pages/_blocks.md.j2): real text,
    in the page's table of contents and search, and not drawn twice.

    On a narrow chart it starts at the canvas's left edge, not the plot's, and wraps."""
    text = t(lang, f"charts.{chart_id}.subtitle")
    if is_narrow(ax.figure):
        title = ax.figure.suptitle(text, x=0.02, ha="left", color=MUTED, fontsize=11, fontweight="normal")
        wrap_to(title, (1 - 2 * 0.02) * ax.figure.get_figwidth())
        return
    ax.set_title(text, loc="left", pad=12, color=MUTED, fontsize=11, fontweight="normal")


def footnote(fig, text: str) -> None:
    """A note under the plot (derived values, gaps in the data); wrapped on a narrow chart."""
    note = fig.supxlabel(text, x=0.01, ha="left", fontsize=9.5, color=MUTED)
    if is_narrow(fig):
        wrap_to(note, (1 - 2 * 0.01) * fig.get_figwidth())


# A line may break at spaces (not at no-break spaces: see `unbreakable`) and after any
# CJK character, but not before closing punctuation, nor after opening punctuation, nor
# inside a short aside in brackets such as "（推算）".
_CJK = "\u2e80-\u9fff\uf900-\ufaff"
_OPEN = "\u201c\u2018\uff08\u300c\u300e\u300a("
_CLOSE = "\u3001\u3002\uff09\uff0c\uff1a\uff1b\uff01\uff1f\u300d\u300f\u300b\u201d\u2019%)"
_PIECE = re.compile(rf" +|[\uff08(][^ \uff09)]{{1,6}}[\uff09)][{_CLOSE}]*|[{_OPEN}]*[{_CJK}][{_CLOSE}]*|[{_OPEN}]*[^ {_CJK}{_OPEN}]+[{_CLOSE}]*|[{_OPEN}]+")


def unbreakable(text: str) -> str:
    """Keep a value such as "RMB 44.2bn" on one line when its text is wrapped."""
    return text.replace(" ", "\u00a0")


def text_width_in(text, line: str) -> float:
    """Width in inches of `line` set in `text`'s font."""
    fig = text.figure
    probe = fig.text(0, 0, line, fontproperties=text.get_fontproperties())
    try:
        return probe.get_window_extent().width / fig.dpi
    finally:
        probe.remove()


def wrap_to(text, width_in: float) -> None:
    """Break a text's lines so that none is wider than `width_in` (a leading indent is
    kept on every line)."""
    lines = []
    for paragraph in text.get_text().split("\n"):
        indent = paragraph[:len(paragraph) - len(paragraph.lstrip(" "))]
        line = ""
        for piece in _PIECE.findall(paragraph[len(indent):]):
            candidate = line + piece
            if line.strip() and piece != " " * len(piece) and text_width_in(text, indent + candidate) > width_in:
                lines.append(indent + line.rstrip())
                line = piece
            else:
                line = candidate if (line or piece.strip(" ")) else line
        lines.append(indent + line.rstrip())
    text.set_text("\n".join(lines))


def fit_to_canvas(fig, texts, margin_in: float = 0.03) -> None:
    """Wrap each text that runs past the canvas's right edge so that it ends inside it.
    Layout moves the plot as texts change, so this settles over a few rounds."""
    for _ in range(3):
        fig.draw_without_rendering()
        right = fig.bbox.x1 - margin_in * fig.dpi
        over = [text for text in texts if text.get_window_extent().x1 > right]
        if not over:
            return
        for text in over:
            wrap_to(text, (right - text.get_window_extent().x0) / fig.dpi)


def direct_labels_only(ax) -> None:
    """Bars labelled at their ends need no value axis."""
    ax.xaxis.set_visible(False)
    ax.spines[["top", "right", "bottom"]].set_visible(False)
    ax.tick_params(axis="y", length=0)
