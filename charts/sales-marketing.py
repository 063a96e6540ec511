"""Did the mid-sized firms really cut costs?

Sales and marketing expenses fell at all three, from their peak within the last five
years to the latest figure: Kuaishou 442 to 411, Bilibili 58 to 44, Zhihu 20 to 16.
Source: the article (data/sales-marketing.csv). Units: 亿元 (100 million yuan); the bars
show the change in percent, computed from those two figures (so marked derived).
"""

from charts import _style
from sitegen.numbers import format_value
from sitegen.strings import t

CHART = "sales-marketing"


def draw(data, lang, width="wide"):
    fig, ax = _style.new_figure(3.6, width)
    rows = data.rows[::-1]
    unit = data.field("peak").unit
    changes = [round(100 * (r["latest"] - r["peak"]) / r["peak"]) for r in rows]
    names = [t(lang, f"data.labels.{r['company']}") for r in rows]
    colours = [_style.COMPANY_COLOURS[r["company"]] for r in rows]
    bars = ax.barh(names, changes, height=0.55, color=colours)
    ax.bar_label(bars, [format_value(c, "percent", lang, signed=True) for c in changes], padding=6,
                 fontsize=12, fontweight="bold")
    # Limits from the data's own extent, whichever way each company moved; an all-zero
    # change still gets a non-empty axis.
    span = max(abs(c) for c in changes) or 1
    right_of_bars = max(0, max(changes))
    narrow = width != "wide"
    value = (lambda v: _style.unbreakable(format_value(v, unit, lang))) if narrow else (lambda v: format_value(v, unit, lang))
    from_to = []
    for y, row in enumerate(rows):
        from_to.append(ax.text(right_of_bars + 0.02 * span, y, t(lang, f"charts.{CHART}.from_to").format(
            peak=value(row["peak"]), latest=value(row["latest"])),
            va="center", ha="left", color=_style.INK, fontsize=11))
    # On a narrow chart the change labels need more of the plot's (smaller) width.
    ax.set_xlim(min(0, min(changes)) - (0.8 if narrow else 0.45) * span, right_of_bars + 1.05 * span)
    ax.axvline(0, color=_style.GREY, linewidth=0.8)
    _style.direct_labels_only(ax)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", labelsize=12)
    _style.headline(ax, lang, CHART)
    _style.footnote(fig, t(lang, f"charts.{CHART}.note"))
    if narrow:
        _style.fit_to_canvas(fig, from_to)
    return fig
