"""Runs of Chinese text a line must not break inside, kept together in the page's HTML.

A browser may break a line between any two CJK characters, and between a Latin letter
or a digit and the Han character after it, so "A股" came out "A / 股", "4300万元" as
"4300 / 万元" and "2024年" as "2024 / 年" (a review, issue 29). Each such run is wrapped
in a span that does not break (report.css: .report-nobreak); the text itself is left as
it is, for search and for copying.
"""

from __future__ import annotations

import re

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A lone Latin letter before a Han character (A股, C端), and a number with its unit,
# its calendar word or its measure word (4300万元, 1.7兆港元: OpenCC's 万亿, 2024年, 7月,
# 28日, 9倍, 10秒, 8个, 20多次). Not "20%": no
# browser breaks before a percent sign.
RUN = re.compile(
    rf"(?<![A-Za-z0-9])[A-Za-z][{_HAN}]"
    r"|(?<![\d.,])\d(?:[\d.,]*\d)?(?:[万亿萬億兆]{1,2}(?:港元|美元|元)?|港元|美元|元|年|月|日|倍|秒"
    r"|多?(?:个|個|次|家|名|位|款|分钟|分鐘|小时|小時|天))"
)
# Tags, and the elements whose text is left alone: no reading text (code, scripts,
# styles), and table cells, which a phone lays out as a grid of the column's name and
# the cell's content: a span in a cell's text made one more grid item, on a row of its
# own ("2022年 / 7月" under the column's name: a review, issue 29).
_TAG = re.compile(r"(<[^>]*>)")
_SKIP = re.compile(r"<(code|pre|script|style|kbd|samp|td|th)\b", re.I)


def keep_together(html: str) -> str:
    """`html` with each RUN of its text in <span class="report-nobreak">, outside tags
    and outside code, pre, script, style and table cells."""
    parts = _TAG.split(html)
    skipping: list[str] = []
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            opening = _SKIP.match(part)
            if opening:
                skipping.append(opening.group(1).lower())
            elif skipping and part.lower().startswith(f"</{skipping[-1]}"):
                skipping.pop()
        elif not skipping and part:
            parts[i] = RUN.sub(lambda m: f'<span class="report-nobreak">{m.group(0)}</span>', part)
    return "".join(parts)
