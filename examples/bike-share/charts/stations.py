"""Where are the bikes?

Bikes in each district at the end of 2025 as horizontal bars, each labelled with its
bikes and its stations (the two numbers of a row, from two paragraphs of the article).
Source: the (fictional) operator's annual report (data/stations.csv). Units: bikes and
stations (counts).
"""

from sitegen.chartkit import direct_labels_only, fit_to_canvas, unbreakable


def draw(data, chart):
    fig, ax = chart.figure(3.0 if chart.narrow else 2.8)
    rows = sorted(data.rows, key=lambda r: r["bikes"])
    bikes_unit, stations_unit = data.field("bikes").unit, data.field("stations").unit
    bikes = [r["bikes"] for r in rows]
    ax.barh(
        [chart.label(r["district"]) for r in rows],
        bikes,
        height=0.58,
        color=[chart.palette.colour(r["district"]) for r in rows],
    )
    separator = " · "
    labels = [
        ax.text(
            value,
            y,
            "  "
            + unbreakable(
                chart.value(value, bikes_unit)
                + separator
                + chart.text("stations").format(value=chart.value(r["stations"], stations_unit))
            ),
            va="center",
            ha="left",
            fontsize=11,
            color=chart.palette.ink,
        )
        for y, (value, r) in enumerate(zip(bikes, rows))
    ]
    ax.set_xlim(0, max(bikes) * (1.9 if chart.narrow else 1.6))
    direct_labels_only(ax)
    ax.tick_params(axis="y", labelsize=11.5)
    chart.headline(ax)
    if chart.narrow:
        fit_to_canvas(fig, labels)
    return fig
