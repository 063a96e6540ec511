"""The chart API: all a chart module uses from the package.

A chart is a module charts/<id>.py with one pure function,

    def draw(data, chart) -> matplotlib.figure.Figure

`data` is the validated dataset of the same id (rows by field name, `data.field(name)`);
`chart` is a Chart: what this one drawing is (id, language, width, colour scheme) and
the look-ups it needs (its texts, number and period formats, the report's palette for
that scheme), plus the house layout (figure, headline, footnote). A chart never reads
files or sets fonts; the renderer (sitegen/charts/render.py) applies the report's style file
and font around draw().

Every chart is drawn once for a light page and once for a dark one from the same
draw(): a chart names colours by role (`chart.palette.ink`, `chart.palette.background`,
`chart.palette.colour("north")`), never by value, and the renderer hands it the palette
of the scheme being drawn, with the style's background, text and axis colours swapped
to match.

The helpers below (wrapping text to a width, keeping labels on the canvas) are the
layout tools the charts share.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.text import Text

from sitegen.core.errors import InputError
from sitegen.core.project import Build
from sitegen.model.numbers import format_period, format_value, period_position
from sitegen.model.strings import t

__all__ = [
    "LINE_SPACING",
    "Chart",
    "Palette",
    "period_position",
    "unbreakable",
    "text_width_in",
    "wrap_to",
    "wrap_lines",
    "line_pieces",
    "fit_to_canvas",
    "wrap_alike",
    "direct_labels_only",
    "edge_x",
]

# The distance between the baselines of a text's lines, in multiples of its font's
# height (ascent plus descent: the font size, for Noto Sans CJK). matplotlib sets lines
# 1.0 apart by default, where Chinese lines nearly touch; CJK text wants 1.3 to 1.5.
# The renderer (sitegen/charts/render.py) gives every text of more than one line this
# spacing, unless the chart set its own; a chart that places lines itself (a row per
# line) reads it from here.
LINE_SPACING = 1.35


@dataclass(frozen=True)
class Palette:
    """The report's colours for one scheme (charts/palette.yml): roles, and each series'
    colour and marker. Every palette has `ink` (text), `muted` (subtitles, notes) and
    `background` (the card the chart is drawn on: the page's own background)."""

    colours: dict[str, str]  # role -> "#rrggbb"
    series: dict[str, dict[str, str]] = field(default_factory=dict)  # name -> {colour: role, marker: "o"}
    derived_hatch: str = "///"

    def __getattr__(self, role: str) -> str:  # palette.ink, palette.blue...
        colours: dict[str, str] = self.__dict__.get("colours") or {}
        if role.startswith("_") or role not in colours:
            raise AttributeError(role)
        return colours[role]

    def colour(self, name: str) -> str:
        """A series' colour ("north") or a role's ("blue")."""
        role = self.series[name]["colour"] if name in self.series else name
        if role not in self.colours:
            raise NotInPalette(f"no series or colour '{name}'; add `{name}: {{colour: <a colour>}}` under series")
        return self.colours[role]

    def marker(self, name: str) -> str:
        if name not in self.series:
            raise NotInPalette(f"no series '{name}'; add `{name}: {{colour: <a colour>, marker: o}}` under series")
        return self.series[name].get("marker", "o")


@dataclass(frozen=True)
class Chart:
    """One drawing: a chart in one language at one width in one colour scheme."""

    id: str
    lang: str
    width: str  # "wide" (the text column) or "narrow" (phones)
    width_in: float  # the canvas width in inches (100 px per inch at 1x)
    palette: Palette  # the colours of this drawing's scheme
    build: Build  # the build it is drawn in: what its strings and number formats are read from
    scheme: str = "light"  # "light" or "dark": the page's colour scheme it is shown on

    @property
    def narrow(self) -> bool:
        return self.width != "wide"

    @property
    def dark(self) -> bool:
        return self.scheme == "dark"

    def t(self, key: str) -> str:
        """Any reader string of this language by its full key ("data.labels.north")."""
        return t(self.build, self.lang, key)

    def text(self, key: str) -> str:
        """This chart's own string: charts.<id>.<key>."""
        return self.t(f"charts.{self.id}.{key}")

    def label(self, name: str) -> str:
        """A name in the data as readers see it: data.labels.<name>."""
        return self.t(f"data.labels.{name}")

    def value(self, value: float, unit: str | None, qualifier: str | None = None, signed: bool = False) -> str:
        """A number with its unit as this language writes it: 12亿元, RMB 1.2bn."""
        return format_value(self.build, value, unit, self.lang, qualifier, signed=signed)

    def period(self, period: str) -> str:
        """A period as this language writes it: 2023年第一季度, Q1 2023."""
        return format_period(self.build, period, self.lang)

    def figure(self, height_in: float) -> tuple[Figure, Axes]:
        """A blank chart of this drawing's width: `fig, ax = chart.figure(4)`."""
        fig = Figure(figsize=(self.width_in, height_in), layout="constrained")
        return fig, fig.subplots()

    def headline(self, ax: Axes) -> None:
        """The chart's subtitle: what is measured, in what unit. The title itself is the
        page's heading right above the image: real text, in the table of contents and
        search, and not drawn twice. The subtitle starts at the chart's own left edge, as
        the axis labels and the footnote do (`edge_x`), where the page lines up the
        heading (figure.css), and wraps to the chart's width."""
        fig = ax.figure
        # A subfigure has no width of its own to wrap to (no get_figwidth()).
        assert isinstance(fig, Figure), "chart.headline(ax): ax must be on chart.figure()'s Figure, not a subfigure"
        title = fig.suptitle(
            self.text("subtitle"), x=edge_x(fig), ha="left", color=self.palette.muted, fontsize=11, fontweight="normal"
        )
        wrap_to(title, (1 - 2 * edge_x(fig)) * fig.get_figwidth())

    def footnote(self, fig: Figure, text: str) -> None:
        """A note under the plot (derived values, gaps in the data), from the chart's left
        edge, wrapped to its width."""
        note = fig.supxlabel(text, x=edge_x(fig), ha="left", fontsize=9.5, color=self.palette.muted)
        wrap_to(note, (1 - 2 * edge_x(fig)) * fig.get_figwidth())


def edge_x(fig: Figure) -> float:
    """The chart's left edge in figure coordinates: the layout's own margin (the style's
    figure.constrained_layout.w_pad), where the axis labels start. The subtitle and
    footnote start there too, and the page's chart heading lines up with it
    (figure.css: --report-chart-inset, this margin at 100 px an inch)."""
    engine = fig.get_layout_engine()
    pad = engine.get()["w_pad"] if engine is not None else 0.0
    return float(pad) / fig.get_figwidth()


# Where a line of chart text may break (`line_pieces`), in English and Chinese alike.
# A line may break at spaces (not at no-break spaces: see `unbreakable`) and between
# CJK characters, as Chinese is set: any character may end a line, except that
#   - no line starts with closing punctuation ("，", "）", "%", "”"...) nor ends with
#     opening punctuation ("（", "“"...);
#   - a short group in brackets or quotes stays whole: "(2019 = 100%)", "（推算）",
#     "“双十一”" (up to GROUP_WIDTH, counting a CJK character as two; a longer
#     aside breaks inside like any text);
#   - a number keeps its unit, its currency and its period: "4300万元", "1.7万亿港元",
#     "2023年第1季度", "100 %", "RMB 43m", "July 2022", "Q1 2025";
#   - an operator keeps both its neighbours ("2019 = 100%", "单价 × 9"), an arrow or a
#     dash the word before it ("RMB 44.2bn →");
#   - a lone Latin letter keeps the character after it ("A股", "C端"), and "——" and
#     "……" stay whole.
# `wrap_lines` fills each line with as many pieces as fit, and leaves no short piece
# alone on the last line.
GROUP_WIDTH = 24  # in half-width units: about a third of a line on a phone
WIDOW_WIDTH = 6  # a last line this short (in the same units) takes a piece from the line above
_IDEOGRAPH = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK = re.compile(f"[\u2e80-\u303f\u3040-\u30ff\u3100-\u31ff{_IDEOGRAPH}\uac00-\ud7af\ufe30-\ufe4f\uff00-\uffef]")
_OPEN = "([{\u201c\u2018\uff08\uff3b\uff5b\u300c\u300e\u300a\u3008\u3010\u3014\u3016"
_CLOSE = ")]},.;:!?%\u2030\u201d\u2019\u2026\u3001\u3002\uff09\uff3d\uff5d\uff0c\uff0e\uff1a\uff1b\uff01\uff1f\uff05\u300d\u300f\u300b\u3009\u3011\u3015\u3017"
_PAIRS = dict(zip("(\uff08[\u3010\u300c\u300e\u300a\u3008\u201c", ")\uff09]\u3011\u300d\u300f\u300b\u3009\u201d"))
_NUMBER = r"\d(?:[\d.,]*\d)?"
_RANGE = rf"{_NUMBER}(?:[\u2013~-]{_NUMBER})?"
_GLUED = re.compile(
    "|".join(
        (
            # A Chinese number and its unit (萬/億 too: a Traditional edition's), a date to the day or the quarter.
            rf"\u7b2c?{_RANGE}(?:%|\uff05|\u2030|[\u4e07\u4ebf\u842c\u5104]{{1,2}}(?:\u6e2f\u5143|\u7f8e\u5143|\u5143|\u4eba|\u6237|\u6b21)?"
            r"|\u6e2f\u5143|\u7f8e\u5143|\u5143|\u500d|\u5e74(?:\u7b2c?[1-4\u4e00\u4e8c\u4e09\u56db]\u5b63\u5ea6"
            r"|\d{1,2}\u6708(?:\d{1,2}\u65e5)?|[\u4e0a\u4e0b]\u534a\u5e74|\u5e74?[\u4e2d\u521d\u5e95\u672b])?"
            r"|\u4e2a?\u6708|\u65e5|\u53f7|\u4e2a?\u5b63\u5ea6|\u4e2a|\u5bb6|\u540d|\u4eba|\u6b21|\u5c81|\u5929|\u5468"
            r"|\u5c0f\u65f6|\u5206\u949f|\u79d2|\u6210|\u70b9|\u4f4d|\u6b3e|\u9879|\u6761)",
            # A currency before its number, a unit after it, a month or quarter before its year.
            r"(?<![A-Za-z])(?:RMB|CNY|HKD|USD|EUR|GBP|JPY|HK\$|US\$|NT\$|A\$|S\$|\$|\u20ac|\u00a3|\u00a5) +[\u2212+-]?\d",
            rf"{_NUMBER} +(?:%|\u2030|per ?cent|pp|points?|bn|billion|mn|m|million|tn|trillion|k|thousand|x|times"
            r"|yuan|dollars|years?|months?|days?|hours?|minutes?|seconds?)(?![A-Za-z])",
            r"(?<![A-Za-z])(?:Q[1-4]|H[12]|Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
            r"|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.? +\d{4}",
            # An operator with both neighbours, an arrow or dash with the word before it.
            r"[^ ](?: +[=\u00d7\u2248\u2260\u2264\u2265<>+\u00f7\u2212] +|[=\u00d7\u2248\u2260\u2264\u2265\u00f7])[^ ]",
            r"[^ ] *[\u2192\u2013\u2014]",
            # A lone Latin letter before an ideograph: A股, C端.
            rf"(?<![A-Za-z0-9])[A-Za-z][{_IDEOGRAPH}]",
            "\u2014\u2014|\u2026\u2026",
        )
    )
)


_ARROW = re.compile(r"[^ ] *[\u2192\u2013\u2014]")


def _units(text: str) -> int:
    """Width in half-width units: a CJK character counts two."""
    return sum(2 if _CJK.match(c) else 1 for c in text)


def _short_groups(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each bracketed or quoted group no wider than GROUP_WIDTH."""
    stack: list[tuple[str, int]] = []
    for i, c in enumerate(text):
        if stack and c == _PAIRS[stack[-1][0]]:
            start = stack.pop()[1]
            if _units(text[start : i + 1]) <= GROUP_WIDTH:
                yield start, i + 1
        elif c in _PAIRS:
            stack.append((c, i))


def line_pieces(text: str) -> list[str]:
    """`text` cut where a line may break: each piece is what must stay on one line,
    with the spaces after it (dropped when a line ends there)."""
    glued = [False] * (len(text) + 1)
    spans = [m.span() for m in _GLUED.finditer(text)] + list(_short_groups(text))
    # Matched alone as well: after a number and its unit ("58亿元 → 44亿元") the one match
    # above has taken the word before the arrow, and "→ 44亿元" began a line (issue 29).
    spans += [m.span() for m in _ARROW.finditer(text)]
    for start, end in spans:
        for i in range(start + 1, end):
            glued[i] = True
    starts, last = [0], ""  # last: the last character before i that is not a space
    for i in range(1, len(text)):
        before, here = text[i - 1], text[i]
        if before != " ":
            last = before
        if here == " " or not last or glued[i] or here in _CLOSE or last in _OPEN:
            continue
        if before == " " or _CJK.match(before) or _CJK.match(here) or (before in "\u201d\u2019" and here in _OPEN):
            starts.append(i)
    return [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])]


def wrap_lines(paragraph: str, fits: Callable[[str], bool]) -> list[str]:
    """One paragraph broken into lines, each as long as `fits` allows (a piece that
    does not fit alone gets a line of its own); a leading indent is kept on every line.
    A short last piece ("Q1", "通。") is not left alone on the last line: the piece
    before it comes down too, when the two fit."""
    indent = paragraph[: len(paragraph) - len(paragraph.lstrip(" "))]

    def joined(pieces: list[str]) -> str:
        return indent + "".join(pieces).rstrip(" ")

    lines: list[list[str]] = [[]]
    for piece in line_pieces(paragraph[len(indent) :]):
        if lines[-1] and not fits(joined([*lines[-1], piece])):
            lines.append([])
        lines[-1].append(piece)
    if len(lines) > 1 and len(lines[-1]) == 1 and len(lines[-2]) > 1 and _units(lines[-1][0].strip()) <= WIDOW_WIDTH:
        if fits(joined([lines[-2][-1], *lines[-1]])):
            lines[-1].insert(0, lines[-2].pop())
    return [joined(line) for line in lines]


def unbreakable(text: str) -> str:
    """Keep a value such as "RMB 1.2bn" on one line when its text is wrapped."""
    return text.replace(" ", "\u00a0")


def layout_settings() -> tuple[object, ...]:
    """The settings a text's size depends on besides its text, font and dpi: a style
    file (charts/*.mplstyle) may change any of them between builds."""
    params = matplotlib.rcParams
    return (
        params["text.hinting"],
        params["text.hinting_factor"],
        params["text.kerning_factor"],
        params["mathtext.fontset"],
    )


def text_width_in(text: Text, line: str) -> float:
    """Width in inches of `line` set in `text`'s font."""
    font = text.get_fontproperties()
    return _width_in(line, font.copy(), text.figure.dpi, findfont(font), layout_settings())


@lru_cache(maxsize=1 << 16)
def _width_in(line: str, font: FontProperties, dpi: float, font_file: str, settings: tuple[object, ...]) -> float:
    """Measured once per line, font and dpi in a process: wrapping measures every prefix
    of a text, and the dark drawing measures what the light one did. Safe across builds
    and reports, whose fonts and style files may differ: the key also holds the file
    the font is drawn from (matplotlib's font manager, shared by the process, finds it)
    and every setting a text's width depends on (the style's hinting, kerning, math
    fonts: layout_settings)."""
    probe = _ruler(dpi, settings).text(0, 0, line, fontproperties=font)
    try:
        return probe.get_window_extent().width / dpi
    finally:
        probe.remove()


@lru_cache(maxsize=4)
def _ruler(dpi: float, settings: tuple[object, ...]) -> Figure:
    """A blank figure to measure text on, with the Agg canvas the charts are drawn on; one
    per style (`settings`), since matplotlib keeps what a canvas measured by text and
    font alone."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = Figure(dpi=dpi)
    FigureCanvasAgg(fig)
    return fig


def wrap_to(text: Text, width_in: float) -> None:
    """Break a text's lines so that none is wider than `width_in` where it can break
    (`line_pieces`); a leading indent is kept on every line."""
    lines = []
    for paragraph in text.get_text().split("\n"):
        lines += wrap_lines(paragraph, lambda line: text_width_in(text, line) <= width_in)
    text.set_text("\n".join(lines))


class NotInPalette(InputError):
    """A series or colour charts/palette.yml lacks: the renderer names that file."""


class LabelDoesNotFit(InputError):
    """A text a chart helper could not place inside the canvas: the renderer names the
    chart, language and width before this message."""


def fit_to_canvas(fig: Figure, texts: Sequence[Text], margin_in: float | None = None) -> None:
    """Wrap each text that runs past the chart's right edge so that it ends inside it: the
    layout's margin in from the canvas's edge (`edge_x`, unless `margin_in` is given),
    where the page's text column ends (a phone label ended 7 px past it: issue 29).
    Layout moves the plot as texts change, so this settles over a few rounds. A text that
    still runs past the canvas (a word longer than the room it has) is never left cut off
    in silence: LabelDoesNotFit names it."""
    for _ in range(3):
        fig.draw_without_rendering()
        margin = edge_x(fig) * fig.get_figwidth() if margin_in is None else margin_in
        right = fig.bbox.x1 - margin * fig.dpi
        over = [text for text in texts if text.get_window_extent().x1 > right]
        if not over:
            return
        for text in over:
            wrap_to(text, (right - text.get_window_extent().x0) / fig.dpi)
    fig.draw_without_rendering()
    for text in texts:  # past the canvas itself, not only its margin: cut off
        past = (text.get_window_extent().x1 - fig.bbox.x1) / fig.dpi * 25.4
        if past > 0:
            label = " ".join(text.get_text().split())
            raise LabelDoesNotFit(
                f"the label {label!r} runs {past:.0f} mm past the chart's right edge even wrapped; "
                "shorten it or break its longest word in the strings (or give the chart more room)"
            )


def wrap_alike(texts: Sequence[Text]) -> None:
    """Once one of a set of parallel labels is wrapped (fit_to_canvas), wrap the others
    to the same width, so that they read alike: one label on two lines beside another
    on one line that barely fits looked like a mistake (issue 29)."""
    wrapped = [text for text in texts if "\n" in text.get_text()]
    if not wrapped:
        return
    width = max(text_width_in(text, line) for text in wrapped for line in text.get_text().split("\n"))
    for text in texts:
        if "\n" not in text.get_text():
            wrap_to(text, width)


def direct_labels_only(ax: Axes) -> None:
    """Bars labelled at their ends need no value axis."""
    ax.xaxis.set_visible(False)
    ax.spines[["top", "right", "bottom"]].set_visible(False)
    ax.tick_params(axis="y", length=0)
