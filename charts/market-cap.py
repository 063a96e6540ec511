"""How far has Kuaishou fallen, and how does it compare with the giants?

Kuaishou's market cap is over 2000亿港元, down about 90% from 1.7万亿港元, and about
1/9 of Alibaba's and 1/20 of Tencent's. Alibaba's and Tencent's caps are derived from
those ratios (marked derived, hatched). Source: the article (data/market-cap.csv).
Units: 亿港元 (100 million Hong Kong dollars).
"""

from charts import _style
from sitegen.numbers import format_value
from sitegen.strings import t

CHART = "market-cap"


def draw(data, lang, width="wide"):
    fig, ax = _style.new_figure(4.2, width)
    rows = data.rows[::-1]
    unit = data.field("market_cap").unit
    names = [t(lang, f"charts.{CHART}.bars.{r['company']}_{r['moment']}") for r in rows]
    values = [r["market_cap"] for r in rows]
    labels = []
    for y, row in enumerate(rows):
        derived = row["derived"]
        colour = _style.COMPANY_COLOURS[row["company"]]
        ax.barh(y, row["market_cap"], height=0.6, color="white" if derived else colour,
                edgecolor=colour, hatch=_style.DERIVED_HATCH if derived else None, linewidth=1.2)
        label = format_value(row["market_cap"], unit, lang, row["qualifier"])
        if width != "wide":
            label = _style.unbreakable(label)
        if derived:
            label = t(lang, f"charts.{CHART}.derived_label").format(value=label)
        labels.append(ax.text(row["market_cap"], y, "  " + label, va="center", ha="left", fontsize=11.5,
                              color=_style.INK))
    ax.set_yticks(range(len(rows)), names)
    peak = next(i for i, r in enumerate(rows) if r["company"] == "kuaishou" and r["moment"] == "peak")
    now = next(i for i, r in enumerate(rows) if r["company"] == "kuaishou" and r["moment"] == "latest")
    fall = 100 * (values[now] - values[peak]) / values[peak]
    ax.annotate("", xy=(values[now], now + 0.3), xytext=(values[peak] * 0.5, peak - 0.3),
                arrowprops={"arrowstyle": "-|>", "color": _style.BLUE, "linewidth": 1.5})
    ax.text(values[peak] * 0.5 + max(values) * 0.02, (peak + now) / 2,
            t(lang, f"charts.{CHART}.fall").format(change=format_value(round(fall, -1), "percent", lang, signed=True)),
            va="center", ha="left", color=_style.BLUE, fontsize=11.5, fontweight="bold")
    # On a narrow chart the labels after the bars need more of the plot's (smaller) width.
    ax.set_xlim(0, max(values) * (1.4 if width == "wide" else 1.75))
    _style.direct_labels_only(ax)
    ax.tick_params(axis="y", labelsize=11.5)
    _style.headline(ax, lang, CHART)
    _style.footnote(fig, t(lang, f"charts.{CHART}.note"))
    if width != "wide":
        _style.fit_to_canvas(fig, labels)
    return fig
