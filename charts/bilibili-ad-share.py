"""How much of Bilibili's revenue comes from advertising?

15% in 2020, 30% in 2024. The article gives no figure for the years between, so they
are left empty, never interpolated. Source: the article (data/bilibili-ad-share.csv).
Units: percent of total revenue.
"""


def draw(data, chart):
    fig, ax = chart.figure(4.0)
    years = data.column("year")
    shares = data.column("ad_share")
    unit = data.field("ad_share").unit
    first, last = min(years), max(years)
    bars = ax.bar(years, shares, width=0.6, color=chart.palette.vermillion)
    ax.bar_label(
        bars,
        [chart.value(s, unit) for s in shares],
        padding=4,
        fontsize=13,
        fontweight="bold",
        color=chart.palette.vermillion,
    )
    gaps = [y for y in range(first, last + 1) if y not in years]
    if gaps:
        ax.text(
            (min(gaps) + max(gaps)) / 2,
            max(shares) * 0.35,
            chart.text("gap").format(first=min(gaps), last=max(gaps)),
            ha="center",
            va="center",
            color=chart.palette.muted,
            fontsize=10.5,
        )
    ax.set_xticks(range(first, last + 1), [str(y) for y in range(first, last + 1)])
    ax.set_ylim(0, max(shares) * 1.2)
    ax.yaxis.set_visible(False)
    ax.spines[["left"]].set_visible(False)
    ax.tick_params(axis="x", length=0, labelsize=11.5)
    chart.headline(ax)
    return fig
