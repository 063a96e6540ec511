"""How long does a ride take?

The average length of one ride by what it is for, as horizontal bars labelled at their
ends. Source: the (fictional) 2025 rider survey (data/trip-length.csv). Units: minutes
(a duration).
"""

from sitegen.chartkit import direct_labels_only, fit_to_canvas, unbreakable


def draw(data, chart):
    fig, ax = chart.figure(3.0 if chart.narrow else 2.8)
    rows = list(data.rows)
    unit = data.field("minutes").unit
    minutes = [r["minutes"] for r in rows]
    ax.barh(
        [chart.label(r["purpose"]) for r in rows],
        minutes,
        height=0.58,
        color=[chart.palette.colour(r["purpose"]) for r in rows],
    )
    labels = [
        ax.text(
            value,
            y,
            "  " + unbreakable(chart.text("value").format(value=chart.value(value, unit))),
            va="center",
            ha="left",
            fontsize=11.5,
            color=chart.palette.ink,
        )
        for y, value in enumerate(minutes)
    ]
    ax.set_xlim(0, max(minutes) * (1.35 if chart.narrow else 1.25))
    direct_labels_only(ax)
    ax.tick_params(axis="y", labelsize=11.5)
    chart.headline(ax)
    chart.footnote(fig, chart.text("note"))
    if chart.narrow:
        fit_to_canvas(fig, labels)
    return fig
