"""Did the mid-sized firms really cut costs?

Sales and marketing expenses fell at all three, from their peak within the last five
years to the latest figure: Kuaishou 442 to 411, Bilibili 58 to 44, Zhihu 20 to 16.
Source: the article (data/sales-marketing.csv). Units: 亿元 (100 million yuan); the bars
show the change in whole percent, computed from those two figures by the formula in
data/sales-marketing.schema.yml (so marked derived), as the alt text gives it too.
"""

from sitegen.chartkit import direct_labels_only, fit_to_canvas, unbreakable, wrap_alike


def draw(data, chart):
    fig, ax = chart.figure(3.6)
    rows = data.rows[::-1]
    unit = data.field("peak").unit
    changes = [data.value(r, "change") for r in rows]  # computed in the descriptor (derived:)
    names = [chart.label(r["company"]) for r in rows]
    colours = [chart.palette.colour(r["company"]) for r in rows]
    bars = ax.barh(names, changes, height=0.55, color=colours)
    ax.bar_label(
        bars, [chart.value(c, "percent", signed=True) for c in changes], padding=6, fontsize=12, fontweight="bold"
    )
    # Limits from the data's own extent, whichever way each company moved; an all-zero
    # change still gets a non-empty axis.
    span = max(abs(c) for c in changes) or 1
    right_of_bars = max(0, max(changes))
    narrow = chart.narrow
    value = (lambda v: unbreakable(chart.value(v, unit))) if narrow else (lambda v: chart.value(v, unit))
    from_to = []
    for y, row in enumerate(rows):
        from_to.append(
            ax.text(
                right_of_bars + 0.02 * span,
                y,
                chart.text("from_to").format(peak=value(row["peak"]), latest=value(row["latest"])),
                va="center",
                ha="left",
                color=chart.palette.ink,
                fontsize=11,
            )
        )
    # On a narrow chart the change labels need more of the plot's (smaller) width.
    ax.set_xlim(min(0, min(changes)) - (1.5 if narrow else 0.45) * span, right_of_bars + 1.05 * span)
    ax.axvline(0, color=chart.palette.grey, linewidth=0.8)
    direct_labels_only(ax)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", labelsize=12)
    chart.headline(ax)
    chart.footnote(fig, chart.text("note"))
    if narrow:
        fit_to_canvas(fig, from_to)
        wrap_alike(from_to)
    return fig
