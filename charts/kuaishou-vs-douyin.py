"""How big was Kuaishou next to Douyin in July 2022?

Half the users, a fifth of the commercial revenue: the gap Kuaishou's CEO asked his
managers about. Source: the article (data/kuaishou-vs-douyin.csv). Units: Kuaishou as a
fraction of Douyin (Douyin = 100%).
"""

from sitegen.chartkit import direct_labels_only


def draw(data, chart):
    fig, ax = chart.figure(3.2)
    metrics = data.column("metric")[::-1]
    shares = data.column("kuaishou_to_douyin")[::-1]
    unit = data.field("kuaishou_to_douyin").unit
    labels = [chart.label(m) for m in metrics]
    ax.barh(
        labels,
        [1] * len(labels),
        height=0.6,
        color=chart.palette.background,
        edgecolor=chart.palette.light,
        linewidth=1.2,
    )
    bars = ax.barh(labels, shares, height=0.6, color=chart.palette.blue)
    ax.bar_label(
        bars,
        [chart.value(s, unit) for s in shares],
        padding=6,
        fontsize=13,
        fontweight="bold",
        color=chart.palette.blue,
    )
    ax.text(
        1, len(labels) - 0.5, chart.text("douyin_mark"), ha="right", va="bottom", color=chart.palette.muted, fontsize=10
    )
    ax.set_xlim(0, 1.02)
    ax.set_ylim(-0.5, len(labels) - 0.25)
    direct_labels_only(ax)
    ax.tick_params(axis="y", labelsize=12)
    chart.headline(ax)
    return fig
