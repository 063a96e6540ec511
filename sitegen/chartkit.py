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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.text import Text

from sitegen.core.errors import InputError
from sitegen.core.reads import cached_read
from sitegen.model.numbers import format_period, format_value, period_position

__all__ = [
    "Chart",
    "Palette",
    "period_position",
    "unbreakable",
    "text_width_in",
    "wrap_to",
    "fit_to_canvas",
    "direct_labels_only",
    "edge_x",
]


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
        return self.colours[role]

    def marker(self, name: str) -> str:
        return self.series[name].get("marker", "o")


@dataclass(frozen=True)
class Chart:
    """One drawing: a chart in one language at one width in one colour scheme."""

    id: str
    lang: str
    width: str  # "wide" (the text column) or "narrow" (phones)
    width_in: float  # the canvas width in inches (100 px per inch at 1x)
    palette: Palette  # the colours of this drawing's scheme
    lookup: Callable[[str, str], str]  # (lang, dotted key) -> string
    scheme: str = "light"  # "light" or "dark": the page's colour scheme it is shown on

    @property
    def narrow(self) -> bool:
        return self.width != "wide"

    @property
    def dark(self) -> bool:
        return self.scheme == "dark"

    def t(self, key: str) -> str:
        """Any reader string of this language by its full key ("data.labels.north")."""
        return self.lookup(self.lang, key)

    def text(self, key: str) -> str:
        """This chart's own string: charts.<id>.<key>."""
        return self.t(f"charts.{self.id}.{key}")

    def label(self, name: str) -> str:
        """A name in the data as readers see it: data.labels.<name>."""
        return self.t(f"data.labels.{name}")

    def value(self, value: float, unit: str | None, qualifier: str | None = None, signed: bool = False) -> str:
        """A number with its unit as this language writes it: 12亿元, RMB 1.2bn."""
        return format_value(value, unit, self.lang, qualifier, signed=signed)

    def period(self, period: str) -> str:
        """A period as this language writes it: 2023年第一季度, Q1 2023."""
        return format_period(period, self.lang)

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


# A line may break at spaces (not at no-break spaces: see `unbreakable`) and after any
# CJK character, but not before closing punctuation, nor after opening punctuation, nor
# inside a short aside in brackets such as "（推算）", nor inside a Chinese number with
# its unit ("4300万元", "1.7万亿港元", "2025年": never "4300万" then "元" alone).
_CJK = "\u2e80-\u9fff\uf900-\ufaff"
_OPEN = "\u201c\u2018\uff08\u300c\u300e\u300a("
_CLOSE = "\u3001\u3002\uff09\uff0c\uff1a\uff1b\uff01\uff1f\u300d\u300f\u300b\u201d\u2019%)"
_NUMBER = "[0-9][0-9.,]*(?:[\u4e07\u4ebf]{1,2}(?:\u6e2f\u5143|\u7f8e\u5143|\u5143)?|\u6e2f\u5143|\u7f8e\u5143|\u5143|\u5e74|\u6708|\u65e5|\u500d)"
_PIECE = re.compile(
    rf" +|[\uff08(][^ \uff09)]{{1,6}}[\uff09)][{_CLOSE}]*|[{_OPEN}]*{_NUMBER}[{_CLOSE}]*"
    rf"|[{_OPEN}]*[{_CJK}][{_CLOSE}]*|[{_OPEN}]*[^ {_CJK}{_OPEN}]+[{_CLOSE}]*|[{_OPEN}]+"
)


def unbreakable(text: str) -> str:
    """Keep a value such as "RMB 1.2bn" on one line when its text is wrapped."""
    return text.replace(" ", "\u00a0")


def text_width_in(text: Text, line: str) -> float:
    """Width in inches of `line` set in `text`'s font."""
    return _width_in(line, text.get_fontproperties().copy(), text.figure.dpi)


@cached_read
def _width_in(line: str, font: FontProperties, dpi: float) -> float:
    """Measured once per (line, font, dpi) in a chart job: wrapping measures every
    prefix of a text, and the dark drawing measures what the light one did."""
    probe = _ruler(dpi).text(0, 0, line, fontproperties=font)
    try:
        return probe.get_window_extent().width / dpi
    finally:
        probe.remove()


@cached_read
def _ruler(dpi: float) -> Figure:
    """A blank figure to measure text on, with the Agg canvas the charts are drawn on."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = Figure(dpi=dpi)
    FigureCanvasAgg(fig)
    return fig


def wrap_to(text: Text, width_in: float) -> None:
    """Break a text's lines so that none is wider than `width_in` (a leading indent is
    kept on every line)."""
    lines = []
    for paragraph in text.get_text().split("\n"):
        indent = paragraph[: len(paragraph) - len(paragraph.lstrip(" "))]
        line = ""
        for piece in _PIECE.findall(paragraph[len(indent) :]):
            candidate = line + piece
            if line.strip() and piece != " " * len(piece) and text_width_in(text, indent + candidate) > width_in:
                lines.append(indent + line.rstrip())
                line = piece
            else:
                line = candidate if (line or piece.strip(" ")) else line
        lines.append(indent + line.rstrip())
    text.set_text("\n".join(lines))


class LabelDoesNotFit(InputError):
    """A text a chart helper could not place inside the canvas: the renderer names the
    chart, language and width before this message."""


def fit_to_canvas(fig: Figure, texts: Sequence[Text], margin_in: float = 0.03) -> None:
    """Wrap each text that runs past the canvas's right edge so that it ends inside it.
    Layout moves the plot as texts change, so this settles over a few rounds. A text that
    still runs past the edge (a word longer than the room it has) is never left cut off
    in silence: LabelDoesNotFit names it."""
    for _ in range(3):
        fig.draw_without_rendering()
        right = fig.bbox.x1 - margin_in * fig.dpi
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


def direct_labels_only(ax: Axes) -> None:
    """Bars labelled at their ends need no value axis."""
    ax.xaxis.set_visible(False)
    ax.spines[["top", "right", "bottom"]].set_visible(False)
    ax.tick_params(axis="y", length=0)
