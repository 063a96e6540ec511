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
# Tags, and the elements whose text is no reading text (code, scripts, styles).
_TAG = re.compile(r"(<[^>]*>)")
_SKIPPED = {"code", "pre", "script", "style", "kbd", "samp"}
_OPENING = re.compile(r"<([A-Za-z][\w-]*)")
_CLOSING = re.compile(r"</([A-Za-z][\w-]*)")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# A phone lays a table cell out as a grid of the column's name and the cell's content,
# each child one item: text directly in a cell goes into one element, so that its runs'
# spans do not each become an item on a row of its own ("2022年 / 7月" under the name).
CELL_TEXT = '<span class="report-cell-text">{}</span>'


def _kept(text: str) -> str:
    return RUN.sub(lambda m: f'<span class="report-nobreak">{m.group(0)}</span>', text)


def keep_together(html: str) -> str:
    """`html` with each RUN of its text in <span class="report-nobreak">, outside tags
    and outside code, pre, script and style; text directly in a table cell that holds
    a run goes into one CELL_TEXT element."""
    parts = _TAG.split(html)
    open_tags: list[str] = []  # the elements open at this point, innermost last
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            opening, closing = _OPENING.match(part), _CLOSING.match(part)
            if opening and not part.endswith("/>") and opening.group(1).lower() not in _VOID:
                open_tags.append(opening.group(1).lower())
            elif closing and closing.group(1).lower() in open_tags:
                del open_tags[len(open_tags) - 1 - open_tags[::-1].index(closing.group(1).lower()) :]
        elif part and RUN.search(part) and _SKIPPED.isdisjoint(open_tags):
            in_cell = bool(open_tags) and open_tags[-1] in ("td", "th")
            parts[i] = CELL_TEXT.format(_kept(part)) if in_cell else _kept(part)
    return "".join(parts)
