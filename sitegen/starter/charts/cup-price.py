"""What does a cup of milk tea cost across Qinglan?

The average price of a medium cup of a shop's signature milk tea in 2024, by district,
as bars sorted by price and labelled at their ends: the dearest (Harbour) and the
cheapest (University Town) in their own colours. Source: the (fictional) association's
2024 sample (data/cup-price.csv). Units: yuan per cup.
"""

from sitegen.chartkit import direct_labels_only, fit_to_canvas, unbreakable


def draw(data, chart):
    fig, ax = chart.figure(3.6 if chart.narrow else 3.3)
    rows = sorted(data.rows, key=lambda r: r["price"])
    unit = data.field("price").unit
    prices = [r["price"] for r in rows]
    ax.barh(
        [chart.label(r["district"]) for r in rows],
        prices,
        height=0.58,
        color=[chart.palette.colour(r["district"]) for r in rows],
    )
    labels = [
        ax.text(
            price,
            y,
            "  " + unbreakable(chart.value(price, unit)),
            va="center",
            ha="left",
            fontsize=11.5,
            color=chart.palette.ink,
        )
        for y, price in enumerate(prices)
    ]
    ax.set_xlim(0, max(prices) * (1.32 if chart.narrow else 1.2))
    direct_labels_only(ax)
    ax.tick_params(axis="y", labelsize=11.5 if chart.narrow else 12)
    chart.headline(ax)
    chart.footnote(fig, chart.text("note"))
    if chart.narrow:
        fit_to_canvas(fig, labels)
    return fig
