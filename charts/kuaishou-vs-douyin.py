"""How big was Kuaishou next to Douyin in July 2022?

Half the users, a fifth of the commercial revenue: the gap Kuaishou's CEO asked his
managers about. Source: the article (data/kuaishou-vs-douyin.csv). Units: Kuaishou as a
fraction of Douyin (Douyin = 100%).
"""

from charts import _style
from sitegen.numbers import format_value
from sitegen.strings import t

CHART = "kuaishou-vs-douyin"


def draw(data, lang, width="wide"):
    fig, ax = _style.new_figure(3.2, width)
    metrics = data.column("metric")[::-1]
    shares = data.column("kuaishou_to_douyin")[::-1]
    unit = data.field("kuaishou_to_douyin").unit
    labels = [t(lang, f"data.labels.{m}") for m in metrics]
    ax.barh(labels, [1] * len(labels), height=0.6, color="white", edgecolor=_style.LIGHT, linewidth=1.2)
    bars = ax.barh(labels, shares, height=0.6, color=_style.BLUE)
    ax.bar_label(bars, [format_value(s, unit, lang) for s in shares], padding=6, fontsize=13,
                 fontweight="bold", color=_style.BLUE)
    ax.text(1, len(labels) - 0.5, t(lang, f"charts.{CHART}.douyin_mark"), ha="right", va="bottom",
            color=_style.MUTED, fontsize=10)
    ax.set_xlim(0, 1.02)
    ax.set_ylim(-0.5, len(labels) - 0.25)
    _style.direct_labels_only(ax)
    ax.tick_params(axis="y", labelsize=12)
    _style.headline(ax, lang, CHART)
    return fig
