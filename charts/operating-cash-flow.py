"""Which mid-sized firms generate cash from their operations?

Net cash from operating activities in 2024: Kuaishou 297, Bilibili 60 (up nearly 2156%
on 2023), Meitu 7; Zhihu still negative, amount not given, up 33%. Source: the article
(data/operating-cash-flow.csv). Units: 亿元 (100 million yuan); change in percent.
"""

from sitegen.chartkit import direct_labels_only, fit_to_canvas, unbreakable


def draw(data, chart):
    fig, ax = chart.figure(3.8)
    rows = sorted(data.rows, key=lambda r: r["cash_flow"] if r["cash_flow"] is not None else float("-inf"))
    unit = data.field("cash_flow").unit
    change_unit = data.field("yoy_change").unit
    names = [chart.label(r["company"]) for r in rows]
    amounts = [r["cash_flow"] or 0 for r in rows]
    colours = [chart.palette.colour(r["company"]) for r in rows]
    ax.barh(names, amounts, height=0.55, color=colours)
    low, high = min(0, min(amounts)), max(0, max(amounts))
    span = (high - low) or 1  # a year with no amounts given still gets an axis
    narrow = chart.narrow
    labels = []
    for y, row in enumerate(rows):
        change = None
        if row["yoy_change"] is not None:
            change = chart.value(row["yoy_change"], change_unit, row["yoy_qualifier"])
        if row["cash_flow"] is None:
            label = chart.text("not_given")
        else:
            label = chart.value(row["cash_flow"], unit)
            if narrow:
                label = unbreakable(label)
        if change:
            label = chart.text("with_change").format(value=label, change=change)
        labels.append(
            ax.text(
                row["cash_flow"] or 0, y, "  " + label, va="center", ha="left", fontsize=11.5, color=chart.palette.ink
            )
        )
    # On a narrow chart the longest bar's label needs more of the plot's (smaller) width.
    ax.set_xlim(low - (0.05 * span if low < 0 else 0), high + (0.6 if narrow else 0.25) * span)
    direct_labels_only(ax)
    ax.tick_params(axis="y", labelsize=12)
    chart.headline(ax)
    if narrow:
        fit_to_canvas(fig, labels)
    return fig
