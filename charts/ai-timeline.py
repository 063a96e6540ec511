"""When did the mid-sized firms turn to AI, and what came first?

Profit first, then AI: the dated events of the story from Kuaishou's 2022 question to
Kling's 2025 revenue. Dates read from "last year" or "recently" are marked derived.
Source: the article (data/ai-timeline.csv), AppGrowing for Kling's ad spend. Units: none
(dates, to the month, quarter, half-year or year the article gives).
"""

from sitegen.chartkit import LINE_SPACING, fit_to_canvas, period_position, text_width_in, wrap_to

GAP = 10  # points between the line, the dates, the names and the events
LINE_IN = 10.5 * LINE_SPACING / 72  # one line of event text, in inches
ROW_GAP = 0.75  # lines between events on a narrow chart


def draw(data, chart):
    # Within a year, keep the file's order: "2022" cannot be placed against "2022-07".
    rows = sorted(data.rows, key=lambda r: (int(period_position(r["period"])), r.line))
    if chart.narrow:
        return _draw_stacked(rows, chart)
    fig, ax = chart.figure(0.9 + 0.42 * len(rows))
    derived_mark = chart.text("derived_mark")
    at = ax.get_yaxis_transform()  # x in axes fractions, y in rows; the line is at x = 0
    names = [chart.label(row["company"]) for row in rows]
    name_texts = []
    for y, (row, name) in enumerate(zip(rows, names)):
        colour = chart.palette.colour(row["company"])
        when = chart.period(row["period"]) + (derived_mark if row["date_derived"] else "")
        ax.annotate(
            when,
            (0, -y),
            xycoords=at,
            xytext=(-GAP, 0),
            textcoords="offset points",
            ha="right",
            va="center",
            fontsize=10.5,
        )
        ax.plot(
            0,
            -y,
            transform=at,
            marker=chart.palette.marker(row["company"]),
            markersize=9,
            color=colour,
            zorder=3,
            clip_on=False,
        )
        name_texts.append(
            ax.annotate(
                name,
                (0, -y),
                xycoords=at,
                xytext=(GAP, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                fontsize=10.5,
                fontweight="bold",
                color=colour,
            )
        )
    # The events start after the widest company name, whatever the language.
    widest = max(text.get_window_extent().width for text in name_texts) * 72 / fig.dpi
    for y, row in enumerate(rows):
        ax.annotate(
            chart.text(f"events.{row['event']}"),
            (0, -y),
            xycoords=at,
            xytext=(2.5 * GAP + widest, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=10.5,
            color=chart.palette.ink,
        )
    ax.plot(
        [0, 0], [0.4, -len(rows) + 0.6], transform=at, color=chart.palette.light, linewidth=2, zorder=1, clip_on=False
    )
    ax.set_ylim(-len(rows) + 0.4, 0.6)
    ax.set_axis_off()
    chart.headline(ax)
    chart.footnote(fig, chart.text("note"))
    return fig


def _draw_stacked(rows, chart):
    """The narrow timeline: each company's name on the date's line, its event wrapped
    under the name, so that the text keeps its size on a phone."""
    fig, ax = chart.figure(1)
    derived_mark = chart.text("derived_mark")
    at = ax.get_yaxis_transform()
    dates, names, events = [], [], []
    for row in rows:
        colour = chart.palette.colour(row["company"])
        when = chart.period(row["period"]) + (derived_mark if row["date_derived"] else "")
        dates.append(
            ax.annotate(
                when,
                (0, 0),
                xycoords=at,
                xytext=(-GAP, 0),
                textcoords="offset points",
                ha="right",
                va="center",
                fontsize=10.5,
            )
        )
        names.append(
            ax.annotate(
                chart.label(row["company"]),
                (0, 0),
                xycoords=at,
                xytext=(GAP, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                fontsize=10.5,
                fontweight="bold",
                color=colour,
            )
        )
        events.append(
            ax.annotate(
                chart.text(f"events.{row['event']}"),
                (0, 0),
                xycoords=at,
                xytext=(GAP, 0),
                textcoords="offset points",
                ha="left",
                va="top",
                fontsize=10.5,
                color=chart.palette.ink,
                linespacing=LINE_SPACING,
            )
        )
    # A first guess at the room right of the dates, so the first layout fits; then exact.
    widest_date = max(text_width_in(d, d.get_text()) for d in dates)
    for text in events + names:
        wrap_to(text, fig.get_figwidth() - widest_date - 0.6)
    fit_to_canvas(fig, events + names)
    # Rows in units of one text line, top down: the name, then the event's lines.
    y, tops = 0.0, []
    for name, event in zip(names, events):
        tops.append(y)
        name_lines = name.get_text().count("\n") + 1
        name.xy = dates[len(tops) - 1].xy = (0, y - (name_lines - 1) / 2)
        event.xy = (0, y - name_lines + 0.5)
        y -= name_lines + event.get_text().count("\n") + 1 + ROW_GAP
    bottom = y + ROW_GAP
    for row, name in zip(rows, names):
        ax.plot(
            0,
            name.xy[1],
            transform=at,
            marker=chart.palette.marker(row["company"]),
            markersize=9,
            color=chart.palette.colour(row["company"]),
            zorder=3,
            clip_on=False,
        )
    ax.plot([0, 0], [0.5, bottom], transform=at, color=chart.palette.light, linewidth=2, zorder=1, clip_on=False)
    ax.set_ylim(bottom, 0.5)
    ax.set_axis_off()
    chart.headline(ax)
    chart.footnote(fig, chart.text("note"))
    # In quarter inches, exact in binary, so the 2x image is exactly twice the 1x one.
    fig.set_figheight(round(4 * (1.3 + LINE_IN * (0.5 - bottom))) / 4)
    return fig
