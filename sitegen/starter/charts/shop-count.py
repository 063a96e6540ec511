"""How many bubble-tea shops has Qinglan had?

Shops open in each year, 2019 to 2024, drawn as a line with every value labelled: a
rise to a peak in 2023 and the first fall in 2024. Source: the (fictional) association's
annual directory (data/shop-count.csv). Units: shops (a count).
"""

from sitegen.chartkit import period_position


def draw(data, chart):
    fig, ax = chart.figure(3.4 if chart.narrow else 3.6)
    periods = data.column("year")
    shops = data.column("shops")
    unit = data.field("shops").unit
    x = [period_position(p) for p in periods]
    colour = chart.palette.colour("shops")
    ax.plot(
        x,
        shops,
        color=colour,
        linewidth=2.4,
        marker=chart.palette.marker("shops"),
        markersize=6,
        zorder=3,
        clip_on=False,
    )
    peak, last = shops.index(max(shops)), len(shops) - 1
    for i, (position, count) in enumerate(zip(x, shops)):
        text = chart.value(count, unit)
        if i == peak:
            text = chart.text("peak").format(value=text)
        key = i in (peak, last)
        ax.annotate(
            text,
            (position, count),
            xytext=(0, 9),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=10.5,
            fontweight="bold" if key else "normal",
            color=colour if key else chart.palette.ink,
        )
    ax.set_xticks(x, [chart.period(p) for p in periods])
    ax.set_xlim(x[0] - 0.45, x[-1] + 0.45)
    ax.set_ylim(0, max(shops) * 1.2)
    ax.yaxis.set_visible(False)
    ax.spines[["left"]].set_visible(False)
    ax.tick_params(axis="x", length=0, labelsize=10.5 if chart.narrow else 11)
    chart.headline(ax)
    return fig
