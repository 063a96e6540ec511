"""What a line must not break inside, kept together in the page's HTML
(sitegen/pages/keeptogether.py); tests/test_browser_reading.py checks the lines."""

from __future__ import annotations

import pytest

from sitegen.pages.keeptogether import keep_together


def kept(text: str) -> str:
    return f'<span class="report-nobreak">{text}</span>'


@pytest.mark.parametrize(
    "html, expected",
    [
        ("<p>像快手、B站和知乎</p>", f"<p>像快手、{kept('B站')}和知乎</p>"),
        ("<p>投流4300万元，市值1.7万亿港元</p>", f"<p>投流{kept('4300万元')}，市值{kept('1.7万亿港元')}</p>"),
        ("<p>2024年7月28日</p>", f"<p>{kept('2024年')}{kept('7月')}{kept('28日')}</p>"),
        ("<p>增长超20%；是它的9倍</p>", f"<p>增长超20%；是它的{kept('9倍')}</p>"),
        ("<p>營收442億元</p>", f"<p>營收{kept('442億元')}</p>"),
        # OpenCC's 万亿 is 兆; time and measure words, 多 before them.
        ("<p>曾經的1.7兆港元</p>", f"<p>曾經的{kept('1.7兆港元')}</p>"),
        (
            "<p>停顿了10秒，连续8个季度，迭代了20多次</p>",
            f"<p>停顿了{kept('10秒')}，连续{kept('8个')}季度，迭代了{kept('20多次')}</p>",
        ),
        # A table cell is a phone's grid: its own text with runs goes into one element;
        # text inside an element of the cell (a quote's link) is kept as anywhere.
        (
            "<td>2022年7月</td><td>无</td><td><a>超20多次</a></td>",
            '<td><span class="report-cell-text">'
            f"{kept('2022年')}{kept('7月')}</span></td><td>无</td><td><a>超{kept('20多次')}</a></td>",
        ),
        # Not a lone letter: a Latin word before Han text may break as the browser likes.
        ("<p>AI原生应用，DeepSeek模型</p>", "<p>AI原生应用，DeepSeek模型</p>"),
        # Tags, attributes and code are left alone.
        ('<p title="B站"><code>B站2024年</code>B站</p>', f'<p title="B站"><code>B站2024年</code>{kept("B站")}</p>'),
        ("<script>var a = 'B站'</script>", "<script>var a = 'B站'</script>"),
    ],
)
def test_runs_a_line_must_not_break_inside_are_kept_together(html, expected):
    assert keep_together(html) == expected


def test_english_text_is_left_as_it_is():
    html = "<p>Kuaishou’s revenue was RMB 44.2bn in 2024, 20% up.</p>"
    assert keep_together(html) == html
