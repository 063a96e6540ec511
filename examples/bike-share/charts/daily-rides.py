"""How many rides a day did the bike share carry in its first year?

Average rides a day in three months of 2025, as columns labelled with their values:
the launch month, two months later (the month the data counts from the launch, resolved
by the build) and December. Source: the (fictional) transport bureau's open data
(data/daily-rides.csv). Units: rides a day (a count, 19万 / 190,000).
"""


def draw(data, chart):
    fig, ax = chart.figure(3.4 if chart.narrow else 3.2)
    unit = data.field("rides").unit
    rows = data.rows
    ticks = [f"{chart.label(r['stage'])}\n{chart.period(r['month'])}" for r in rows]
    rides = [r["rides"] for r in rows]
    colours = [
        chart.palette.colour(r["stage"]) if r["stage"] == "two_months" else chart.palette.colour("rides") for r in rows
    ]
    ax.bar(range(len(rows)), rides, width=0.56, color=colours)
    for x, value in enumerate(rides):
        ax.annotate(
            chart.value(value, unit),
            (x, value),
            xytext=(0, 5),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=11.5,
            color=chart.palette.ink,
        )
    ax.set_xticks(range(len(rows)), ticks)
    ax.set_ylim(0, max(rides) * 1.22)
    # Columns labelled at their tops need no value axis.
    ax.yaxis.set_visible(False)
    ax.spines[["left", "top", "right"]].set_visible(False)
    ax.tick_params(axis="x", length=0, labelsize=10.5 if chart.narrow else 11.5)
    chart.headline(ax)
    return fig
