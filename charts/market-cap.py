"""How far has Kuaishou fallen, and how does it compare with the giants?

Kuaishou's market cap is over 2000亿港元, down about 90% from 1.7万亿港元, and about
1/9 of Alibaba's and 1/20 of Tencent's. Alibaba's and Tencent's caps are derived from
those ratios (marked derived, hatched). Source: the article (data/market-cap.csv).
Units: 亿港元 (100 million Hong Kong dollars).
"""

from sitegen.chartkit import direct_labels_only, fit_to_canvas, unbreakable


def draw(data, chart):
    fig, ax = chart.figure(4.2)
    rows = data.rows[::-1]
    unit = data.field("market_cap").unit
    names = [chart.text(f"bars.{r['company']}_{r['moment']}") for r in rows]
    values = [r["market_cap"] for r in rows]
    labels = []
    for y, row in enumerate(rows):
        derived = row["derived"]
        colour = chart.palette.colour(row["company"])
        ax.barh(
            y,
            row["market_cap"],
            height=0.6,
            color=chart.palette.background if derived else colour,
            edgecolor=colour,
            hatch=chart.palette.derived_hatch if derived else None,
            linewidth=1.2,
        )
        label = chart.value(row["market_cap"], unit, row["qualifier"])
        if chart.narrow:
            label = unbreakable(label)
        if derived:
            label = chart.text("derived_label").format(value=label)
        labels.append(
            ax.text(row["market_cap"], y, "  " + label, va="center", ha="left", fontsize=11.5, color=chart.palette.ink)
        )
    ax.set_yticks(range(len(rows)), names)
    peak = next(i for i, r in enumerate(rows) if r["company"] == "kuaishou" and r["moment"] == "peak")
    now = next(i for i, r in enumerate(rows) if r["company"] == "kuaishou" and r["moment"] == "latest")
    fall = 100 * (values[now] - values[peak]) / values[peak]
    ax.annotate(
        "",
        xy=(values[now], now + 0.3),
        xytext=(values[peak] * 0.5, peak - 0.3),
        arrowprops={"arrowstyle": "-|>", "color": chart.palette.blue, "linewidth": 1.5},
    )
    ax.text(
        values[peak] * 0.5 + max(values) * 0.02,
        (peak + now) / 2,
        chart.text("fall").format(change=chart.value(round(fall, -1), "percent", signed=True)),
        va="center",
        ha="left",
        color=chart.palette.blue,
        fontsize=11.5,
        fontweight="bold",
    )
    # On a narrow chart the labels after the bars need more of the plot's (smaller) width.
    ax.set_xlim(0, max(values) * (1.75 if chart.narrow else 1.4))
    direct_labels_only(ax)
    ax.tick_params(axis="y", labelsize=11.5)
    chart.headline(ax)
    chart.footnote(fig, chart.text("note"))
    if chart.narrow:
        fit_to_canvas(fig, labels)
    return fig
