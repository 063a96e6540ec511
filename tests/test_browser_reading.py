"""The reading experience in a real browser (Debian Chromium), measured at a desktop's
1280 px and a phone's 390 px: the reading column of each language (characters a line,
centred, figures and captions aligned to it), the English phone headline with each
Latin serif a system may have, one chart-title level with its own style, and CJK
punctuation squeezed. Lengths are what the reader's screen shows, not what CSS asks for."""

from __future__ import annotations

import statistics
import unicodedata
from pathlib import Path

import pytest
from conftest import BUILD, PARALLEL_PAGES, languages
from test_browser import TEXT_LINES, is_narrow, visit
from test_charts import contrast

pytestmark = pytest.mark.browser

WIDTHS = [1280, 390]
BY_CODE = {lang.code: lang for lang in languages()}

# The Latin serifs a Linux reader may have, each with the Debian file that brings it
# (tools/system_packages.sh installs them for the tests' `test` step).
SERIF_FILES = {
    "DejaVu Serif": "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "Liberation Serif": "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
}

# Each paragraph's id and the text of each of its lines, as the screen shows them.
LINES = (
    "() => { const textLines = "
    + TEXT_LINES
    + """;
  return [...document.querySelectorAll(".md-content p[id^=p]")].map(p => [p.id, textLines(p)]); }"""
)


def measure(line: str, chinese: bool) -> float:
    """A line's length in characters of the measure: on a Chinese page a Latin letter,
    digit or space counts half, as it is set half-width (two make one 字); on an English
    page every character counts one."""
    return sum(0.5 if chinese and ord(ch) <= 0x2FF else 1 for ch in line)


# Left and right edges of the text, each figure's caption and its chart (the visible
# scheme's image), and the page's width without its scroll bar.
EDGES = """() => {
  const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.right]; };
  const text = box(document.querySelector(".md-content p[id^=p]"));
  const figures = [...document.querySelectorAll("figure.report-figure")].map(f => ({
    caption: box(f.querySelector("figcaption")),
    chart: box([...f.querySelectorAll("img")].find(i => i.getBoundingClientRect().width > 0)),
  }));
  return {text, figures, width: document.documentElement.clientWidth};
}"""


def with_serif(family: str | None) -> str:
    """An init script giving English text the one serif `family` (None: the page's own stack)."""
    if family is None:
        return ""
    return (
        "document.addEventListener('DOMContentLoaded', () => document.documentElement.style"
        f".setProperty('--report-serif', '\"{family}\", serif'));"
    )


def line_lengths(
    browser, site_url, code: str, page: str, widths: list[int], serif: str | None = None
) -> list[list[float]]:
    """At each width in turn (one page, its window resized), the length of every line of
    the page's first paragraphs but their last (which may be short)."""
    found = []
    with visit(browser, site_url, BY_CODE[code], page, width=widths[0], init_script=with_serif(serif)) as seen:
        for width in widths:
            seen.resize(width, 900)
            paragraphs = seen.page.evaluate(LINES)[:16]
            found.append([measure(line, code.startswith("zh")) for _, lines in paragraphs for line in lines[:-1]])
    return found


@pytest.mark.parametrize("code", ["zh", "zh-hant"])
def test_chinese_sets_about_36_characters_a_line(browser, site_url, code):
    lengths, phone = line_lengths(browser, site_url, code, "02", [1280, 390])
    assert len(lengths) > 20
    assert 34 <= statistics.median(lengths) <= 38, sorted(lengths)
    assert 17 <= statistics.median(phone) <= 36, sorted(phone)


@pytest.mark.parametrize("serif", [None, *SERIF_FILES])
def test_english_sets_about_66_characters_a_line_in_any_serif(browser, site_url, serif):
    if serif:
        assert Path(SERIF_FILES[serif]).exists(), f"{serif} is missing: run tools/system_packages.sh test"
    lengths, phone = line_lengths(browser, site_url, "en", "02", [1280, 390], serif)
    assert len(lengths) > 20
    assert 60 <= statistics.median(lengths) <= 72, sorted(lengths)
    assert 30 <= statistics.median(phone) <= 72, sorted(phone)


@pytest.mark.parametrize("code", ["zh", "zh-hant", "en"])
def test_one_centred_column_with_figures_aligned_to_it(browser, site_url, code):
    with visit(browser, site_url, BY_CODE[code], "02", width=WIDTHS[0]) as seen:
        for width in WIDTHS:
            seen.resize(width, 900)
            edges = seen.page.evaluate(EDGES)
            (left, right), page = edges["text"], edges["width"]
            assert abs(left - (page - right)) <= page / 10, (width, edges)  # centred: margins within 10% of the page
            assert edges["figures"], width
            for figure in edges["figures"]:
                caption, chart = figure["caption"], figure["chart"]
                assert abs(caption[0] - left) <= 8 and abs(caption[1] - right) <= 8, (width, figure)
                aligned = abs(chart[0] - left) <= 8 and abs(chart[1] - right) <= 8
                # or wider than the text, centred on it, and inside the page
                broken_out = (
                    chart[1] - chart[0] > right - left
                    and abs((chart[0] + chart[1]) / 2 - (left + right) / 2) <= 2
                    and chart[0] >= 0
                    and chart[1] <= page
                )
                assert aligned or broken_out, (width, figure, edges["text"])


@pytest.mark.parametrize("serif", [None, *SERIF_FILES])
def test_the_english_phone_headline_leads_in_any_serif(browser, site_url, serif):
    """At 390 × 844 the English headline is larger than the dek, takes at most a quarter of
    the screen, and the story starts in its first two thirds, whichever serif it is set in."""
    if serif:
        assert Path(SERIF_FILES[serif]).exists(), f"{serif} is missing: run tools/system_packages.sh test"
    with visit(browser, site_url, BY_CODE["en"], "index", width=390, height=844, init_script=with_serif(serif)) as seen:
        seen_in = seen.page.evaluate("""() => {
          const q = s => document.querySelector(s);
          return {headline: parseFloat(getComputedStyle(q("h1")).fontSize), dek: parseFloat(getComputedStyle(q(".report-dek")).fontSize),
                  height: q("h1").getBoundingClientRect().height, story: q("p#p00-1").getBoundingClientRect().top,
                  font: getComputedStyle(q("h1")).fontFamily}
        }""")
    if serif:
        assert seen_in["font"].startswith(f'"{serif}"'), seen_in
    assert seen_in["headline"] > seen_in["dek"] * 1.15, seen_in
    assert seen_in["height"] <= 844 / 4, seen_in
    assert seen_in["story"] < 844 * 2 / 3, seen_in


HEADS = """() => {
  const style = el => { const s = getComputedStyle(el);
    return {tag: el.tagName, size: parseFloat(s.fontSize), family: s.fontFamily, rule: s.borderTopStyle}; };
  return {title: style(document.querySelector("h1")),
          charts: [...document.querySelectorAll(".report-figure-heading")].map(style),
          subheads: [...document.querySelectorAll(".report-subhead")].map(style)};
}"""


@pytest.mark.parametrize("code", ["zh", "en"])
def test_chart_titles_have_one_level_and_their_own_style(browser, site_url, code):
    """Every chart title an h2 (on 01 before any subhead, on 02 after one), smaller than a
    subhead, in another face and under a rule; a subhead a clear step below the title."""
    for page in ("01", "02"):
        with visit(browser, site_url, BY_CODE[code], page, width=WIDTHS[0]) as seen:
            for width in WIDTHS:
                seen.resize(width, 900)
                heads = seen.page.evaluate(HEADS)
                assert heads["charts"], (page, width)
                assert {chart["tag"] for chart in heads["charts"]} == {"H2"}, (width, heads["charts"])
                for chart in heads["charts"]:
                    assert chart["rule"] == "solid", (width, chart)
                    for subhead in heads["subheads"]:
                        assert chart["size"] < subhead["size"] and chart["family"] != subhead["family"], (
                            width,
                            chart,
                            subhead,
                        )
                for subhead in heads["subheads"]:
                    assert subhead["size"] <= heads["title"]["size"] * 0.8, (width, subhead, heads["title"])
    assert heads["subheads"]  # 02 has some


def test_consecutive_chinese_punctuation_is_squeezed(browser, site_url):
    """ "。”" sets in less than two full widths, as a typesetter squeezes it."""
    with visit(browser, site_url, BY_CODE["zh"], "02", width=1280) as seen:
        widths = seen.page.evaluate("""() => {
          const found = [];
          for (const p of document.querySelectorAll(".md-content p[id^=p]")) {
            const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              const at = node.data.indexOf("。”");
              if (at < 0) continue;
              const range = document.createRange();
              range.setStart(node, at);
              range.setEnd(node, at + 2);
              const boxes = [...range.getClientRects()];
              if (boxes.length === 1) found.push(boxes[0].width / parseFloat(getComputedStyle(p).fontSize));
            }
          }
          return found;
        }""")
    assert widths and max(widths) <= 1.6, widths


@pytest.mark.parametrize("code", ["zh", "en"])
def test_phone_charts_are_shown_at_the_width_they_were_drawn_for(browser, site_url, code):
    """At 390 px each chart is shown at 95% or more of the narrow drawing's width, so its
    labels read at the size they were drawn (not 400 px shrunk into 358)."""
    with visit(browser, site_url, BY_CODE[code], "02", width=390, height=844) as seen:
        seen.load_every_image()
        shown = seen.page.evaluate("""() => [...document.querySelectorAll("figure.report-figure picture")]
          .map(p => [p.querySelector("img"), p.querySelector("source[media]")])
          .filter(([img]) => img.getBoundingClientRect().width > 0)
          .map(([img, source]) => [img.currentSrc, img.getBoundingClientRect().width / Number(source.getAttribute("width"))])""")
    assert shown
    for src, ratio in shown:
        assert is_narrow(src) and 0.95 <= ratio <= 1.0, (src, ratio)


# Each chart as the reader sees it: where its heading's text and rule start and end, and
# where the image's ink starts: its first line (the drawn subtitle) and anywhere (axis
# labels, footnote), from the pixels of the image shown, in CSS px of the page.
CHART_EDGES = """() => [...document.querySelectorAll("figure.report-figure")].map(figure => {
  const heading = document.getElementById(figure.id.replace(/^figure-/, "chart-"));
  const text = document.createRange();
  text.selectNodeContents(heading);
  const img = [...figure.querySelectorAll("img")].find(i => i.checkVisibility());
  const canvas = document.createElement("canvas");
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const context = canvas.getContext("2d");
  context.drawImage(img, 0, 0);
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
  const at = (x, y) => pixels.subarray((y * canvas.width + x) * 4, (y * canvas.width + x) * 4 + 3);
  const paper = at(0, 0);
  const ink = (x, y) => at(x, y).some((v, i) => Math.abs(v - paper[i]) > 60);
  const leftmost = (top, bottom) => {
    for (let x = 0; x < canvas.width; x++) for (let y = top; y < bottom; y++) if (ink(x, y)) return x;
    return null;
  };
  const inkRow = y => { for (let x = 0; x < canvas.width; x++) if (ink(x, y)) return true; return false; };
  let first = 0;
  while (first < canvas.height && !inkRow(first)) first++;
  let end = first;
  while (end < canvas.height && inkRow(end)) end++;
  const box = img.getBoundingClientRect();
  const css = x => box.left + x * box.width / canvas.width;
  const rule = heading.getBoundingClientRect();
  const caption = figure.querySelector("figcaption").getBoundingClientRect();
  return {id: figure.id, src: img.currentSrc, headingText: text.getClientRects()[0].left, rule: [rule.left, rule.right],
          subtitle: css(leftmost(first, end)), anyInk: css(leftmost(0, canvas.height)), image: [box.left, box.right],
          caption: [caption.left, caption.right]};
})"""


@pytest.mark.parametrize("code", ["zh", "zh-hant", "en"])
def test_a_chart_heading_and_what_the_chart_draws_share_one_left_edge(browser, site_url, code):
    """The chart's title (HTML, above the image) starts where the chart's drawn subtitle,
    axis labels and footnote start, in the image as shown; its rule spans the chart's
    drawn width, centred on the column. And title, drawing and caption start and end
    where the text does, on a desktop as on a phone: the 720 px chart shown so that what
    it draws meets the column (the caption sat 24 px inside the title at 1280 px). Each
    page at 1280 px, then narrowed to 390 px, the phone's drawing loaded in its place."""
    seen_any = {width: 0 for width in WIDTHS}
    for page in ("01", "02", "03"):
        with visit(browser, site_url, BY_CODE[code], page, width=WIDTHS[0]) as seen:
            for width in WIDTHS:
                seen.resize(width, 900)
                assert seen.load_every_image() == [], width
                charts = seen.page.evaluate(CHART_EDGES)
                text = seen.page.evaluate(
                    "(() => { const r = document.querySelector('.md-content p[id^=p]').getBoundingClientRect(); return [r.left, r.right]; })()"
                )
                for chart in charts:
                    assert is_narrow(chart["src"]) == (width < 600), (width, chart)
                    assert abs(chart["subtitle"] - chart["headingText"]) <= 3, (width, chart)
                    assert abs(chart["anyInk"] - chart["headingText"]) <= 3, (width, chart)
                    assert abs(chart["rule"][0] - chart["headingText"]) <= 1, (width, chart)
                    assert abs((chart["rule"][0] + chart["rule"][1]) / 2 - (text[0] + text[1]) / 2) <= 2, (
                        width,
                        chart,
                        text,
                    )
                    assert abs(chart["headingText"] - text[0]) <= 3, (width, chart, text)
                    assert abs(chart["rule"][1] - text[1]) <= 3, (width, chart, text)
                    assert abs(chart["caption"][0] - text[0]) <= 1 and abs(chart["caption"][1] - text[1]) <= 1, (
                        width,
                        chart,
                        text,
                    )
                    seen_any[width] += 1
    assert min(seen_any.values()) >= 5, seen_any


def test_a_figure_breaks_out_of_a_narrow_column_whole(browser, site_url):
    """Where the column is narrower than the chart can be shown (English in Liberation
    Serif, a narrow face: a 504 px column beside a 720 px chart), the figure breaks out
    centred on it as one piece: the title's rule, what the chart draws and the caption
    share their edges, not the caption left on the column under a wider title."""
    assert Path(SERIF_FILES["Liberation Serif"]).exists(), (
        "Liberation Serif is missing: run tools/system_packages.sh test"
    )
    with visit(
        browser, site_url, BY_CODE["en"], "01", width=1280, height=900, init_script=with_serif("Liberation Serif")
    ) as seen:
        assert seen.load_every_image() == []
        charts = seen.page.evaluate(CHART_EDGES)
        text = seen.page.evaluate(
            "(() => { const r = document.querySelector('.md-content p[id^=p]').getBoundingClientRect(); return [r.left, r.right]; })()"
        )
    assert charts
    for chart in charts:
        assert chart["rule"][0] < text[0] - 20 and chart["rule"][1] > text[1] + 20, (chart, text)  # broken out
        (left, right), (rule_left, rule_right) = chart["caption"], chart["rule"]
        assert abs(left - rule_left) <= 1 and abs(right - rule_right) <= 1, chart
        assert abs(chart["anyInk"] - chart["rule"][0]) <= 3, chart


@pytest.mark.parametrize("code", ["zh", "zh-hant", "en"])
def test_the_headline_is_larger_than_the_dek(browser, site_url, code):
    """On the home page of each language, at a desktop's and a phone's width, the headline
    leads: set larger than the dek under it, which is larger than the byline."""
    with visit(browser, site_url, BY_CODE[code], "index", width=WIDTHS[0]) as seen:
        for width in WIDTHS:
            seen.resize(width, 900)
            sizes = seen.page.evaluate("""() => Object.fromEntries(["h1", ".report-dek", ".report-byline"].map(s =>
              [s, parseFloat(getComputedStyle(document.querySelector(s)).fontSize)]))""")
            assert sizes["h1"] > sizes[".report-dek"] * 1.15 and sizes[".report-dek"] > sizes[".report-byline"], (
                width,
                sizes,
            )


@pytest.mark.parametrize("code", ["zh", "en"])
def test_the_data_page_has_no_contents_or_navigation_rail(browser, site_url, code):
    """The data page, like every page of the report, is the reading column alone: neither
    Material's navigation rail nor its table of contents shows beside it, even on a
    screen wide enough for both."""
    for page in ("data", "02"):
        with visit(browser, site_url, BY_CODE[code], page, width=1280) as seen:
            for width in (1280, 1600):
                seen.resize(width, 900)
                shown = seen.page.evaluate(
                    "[...document.querySelectorAll('.md-sidebar, .md-nav--secondary')].filter(s => s.checkVisibility()"
                    " && s.getBoundingClientRect().width > 0).map(s => s.className)"
                )
                column = seen.page.evaluate(
                    "(() => { const r = document.querySelector('.md-content__inner').getBoundingClientRect();"
                    " return [r.left, document.documentElement.clientWidth - r.right]; })()"
                )
                assert shown == [], (page, width, shown)
                assert abs(column[0] - column[1]) <= width / 10, (page, width, column)


def test_justified_chinese_never_spaces_out_a_latin_word(browser, site_url):
    """A justified Chinese line takes up its slack between Han characters, not between
    the letters of "AppGrowing" or "DeepSeek": each Latin word is as wide as it is set
    unjustified."""
    with visit(browser, site_url, BY_CODE["zh"], "02", width=1280) as seen:
        widths = """() => [...document.querySelectorAll(".md-content p[id^=p]")].flatMap(p => {
          const found = [];
          const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode())
            for (const m of node.data.matchAll(/[A-Za-z]{4,}/g)) {
              const range = document.createRange();
              range.setStart(node, m.index);
              range.setEnd(node, m.index + m[0].length);
              const boxes = [...range.getClientRects()];
              if (boxes.length === 1) found.push([m[0], boxes[0].width]);
            }
          return found;
        })"""
        justified = seen.page.evaluate(widths)
        seen.page.evaluate("""() => { const sheet = [...document.styleSheets].find(s => s.href && s.href.includes("report.css"));
          sheet.insertRule(".md-typeset p { text-align: left !important }", sheet.cssRules.length); }""")
        plain = dict(seen.page.evaluate(widths))
    assert len(justified) > 5
    for word, width in justified:
        assert abs(width - plain[word]) <= 0.5, (word, width, plain[word])


# A phone's widths: each page opened at the first, then narrowed to the second.
PHONES = [390, 360]


@pytest.mark.parametrize("code", ["zh", "zh-hant"])
def test_no_chinese_paragraph_ends_on_a_lone_character(browser, site_url, code):
    """A paragraph's last line holds more than one character and its punctuation
    ("……五分之" then "一？」" alone is what a typesetter would pull back)."""
    lone = []
    for page in ("index", "01", "02", "03"):
        with visit(browser, site_url, BY_CODE[code], page, width=PHONES[0], height=844) as seen:
            for width in PHONES:
                seen.resize(width, 844)
                for anchor, lines in seen.page.evaluate(LINES):
                    last = lines[-1]
                    if sum(not unicodedata.category(ch).startswith(("P", "Z")) and not ch.isspace() for ch in last) < 2:
                        lone.append((width, page, anchor, last))
    assert lone == []


# Each element's text, and the number of lines it is set on from `from` in it to its end.
LINES_OF = (
    "([selector, from]) => { const textLines = "
    + TEXT_LINES
    + """;
  return [...document.querySelectorAll(selector)].map(element => [element.textContent, textLines(element, from).length]); }"""
)


@pytest.mark.parametrize("code", ["zh", "zh-hant", "en"])
def test_the_chapter_strip_takes_one_line_on_a_phone(browser, site_url, code):
    """On a phone the chapter strip is one line ("Data and provenance" went to a second in
    English): a page's short name (site.pages_short) where it has one, its whole name
    still the link's name for a screen reader."""
    from sitegen.model.strings import t

    for page in ("index", "data"):
        with visit(browser, site_url, BY_CODE[code], page, width=PHONES[0], height=844) as seen:
            for width in PHONES:
                seen.resize(width, 844)
                tops = seen.page.evaluate(
                    "[...document.querySelectorAll('.report-strip a')].map(a => Math.round(a.getBoundingClientRect().top))"
                )
                overflow = seen.page.evaluate(
                    "(() => { const p = document.querySelector('.report-strip p'); return p.scrollWidth - p.clientWidth; })()"
                )
                strip = seen.page.locator("nav.report-strip")
                for name in ("sources", "data"):
                    assert (
                        strip.get_by_role("link", name=t(BUILD, code, f"site.pages.{name}"), exact=True).count() == 1
                    ), name
                assert len(tops) > 4 and len(set(tops)) == 1, (page, width, tops)
                assert overflow <= 0, (page, width, overflow)


@pytest.mark.parametrize("code", ["zh", "zh-hant", "en"])
def test_no_credit_or_edition_date_is_broken_across_lines(browser, site_url, code):
    """The byline's credits and the footer's (a review, issue 29: "本 / 版：2026年11月28日",
    "Source: / Jiemian News" on a phone): each on one line; lines break between them.
    And the byline's "This edition: November 28, 2026": the date on one line, not
    "November" at the end of one and "28, 2026" on the next."""
    from sitegen.model.strings import t

    label = t(BUILD, code, "site.edition_label")
    with visit(browser, site_url, BY_CODE[code], "index", width=PHONES[0], height=844) as seen:
        for width in PHONES:
            seen.resize(width, 844)
            byline = seen.page.evaluate(LINES_OF, [".report-byline__item", 0])
            footer = seen.page.evaluate(LINES_OF, [".report-publication__credit", 0])
            # each item's lines from where its label would end: for the edition's, its date's
            items = seen.page.evaluate(LINES_OF, [".report-byline__item", len(label)])
            assert len(byline) >= 2 and len(footer) >= 2, (width, byline, footer)
            assert [(text, lines) for text, lines in byline + footer if lines != 1] == [], width
            (edition, lines), *others = [(text, n) for text, n in items if text.startswith(label)]
            assert others == [] and len(edition) > len(label) + 4, (width, items)
            assert lines == 1, (width, edition, lines)


@pytest.mark.parametrize("code", ["zh", "en"])
def test_the_footer_sits_on_the_reading_column(browser, site_url, code):
    """The previous/next links and the publication line ran the page's whole width
    (46–1234 px) under a 648 px column (a review, issue 29): they keep to the column."""
    with visit(browser, site_url, BY_CODE[code], "02", width=1280, height=900) as seen:
        column = seen.page.evaluate(
            "(() => { const r = document.querySelector('.md-content__inner').getBoundingClientRect(); return [r.left, r.right]; })()"
        )
        footer = seen.page.evaluate("""[...document.querySelectorAll('.md-footer__inner, .md-footer-meta__inner')]
          .map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; })""")
    assert len(footer) == 2
    for left, right in footer:
        assert abs(left - column[0]) <= 24 and abs(right - column[1]) <= 24, (footer, column)


def test_the_ways_to_read_share_one_baseline_and_print_without_the_page_links(browser, site_url):
    """ "English", in a Latin face, sat 2 px above its Chinese neighbours in the row of
    editions; and the browser's print of a page printed the chapter strip and that row,
    links paper cannot follow."""
    with visit(browser, site_url, BY_CODE["zh"], "index", width=390, height=844) as seen:
        bottoms = seen.page.evaluate("""[...document.querySelectorAll('.report-views a')].map(a => {
          const r = document.createRange(); r.selectNodeContents(a); return r.getBoundingClientRect().bottom; })""")
        seen.page.emulate_media(media="print")
        shown = seen.page.evaluate(
            "[...document.querySelectorAll('.report-strip, .report-views')].map(e => getComputedStyle(e).display)"
        )
    assert len(bottoms) >= 3 and max(bottoms) - min(bottoms) <= 1, bottoms
    assert shown and set(shown) == {"none"}, shown


@pytest.mark.parametrize("code,page", [("zh", "02"), ("zh-hant", "02"), ("zh-hant", "03"), ("zh-en", "01")])
def test_no_line_breaks_inside_a_term_or_a_number_and_its_unit(browser, site_url, code, page):
    """ "像快手、B / 站", "4300 / 万元", "2024 / 年" (a review, issue 29): each run a line must not
    break inside (sitegen/pages/keeptogether.py) is on one line, on a phone and on a desktop."""
    if code == "zh-en":
        lang, page = next((lang, p) for lang, p in PARALLEL_PAGES if p.endswith(f"/{page}"))
    else:
        lang = BY_CODE[code]
    with visit(browser, site_url, lang, page, width=390, height=844) as seen:
        for width in (390, 1280):
            seen.resize(width, 844)
            runs = seen.page.evaluate("""[...document.querySelectorAll('.md-content .report-nobreak')]
              .map(span => [span.textContent, span.getClientRects().length])""")
            assert len(runs) >= 5 and any(text.endswith(("站", "兆港元")) for text, _ in runs), (width, runs)
            assert [(text, lines) for text, lines in runs if lines != 1] == [], width


CARD_CELLS = """[...document.querySelectorAll('table.report-data-rows tbody td')].map(td => {
  const cell = td.getBoundingClientRect();
  return [td.textContent.slice(0, 30), cell.left + 0.3 * cell.width,
          [...td.childNodes].filter(n => n.nodeType === 1 ? n.tagName !== 'BR' : n.data.trim()).map(n => {
            if (n.nodeType === 1) return n.getBoundingClientRect().left;
            const range = document.createRange(); range.selectNodeContents(n);
            return range.getBoundingClientRect().left; }),
          [...td.querySelectorAll('.report-nobreak')].map(s => s.getClientRects().length)];
})"""


# Each quote's cell on the data page: where the cell starts, the quote, and its original.
QUOTE_CELLS = """() => [...document.querySelectorAll("td:has(> .report-quote-original)")].map(td => {
  const quote = td.firstElementChild.getBoundingClientRect();
  const original = td.querySelector(".report-quote-original").getBoundingClientRect();
  return {td: td.getBoundingClientRect().left, quote: [quote.left, quote.bottom], original: [original.left, original.top, original.width]};
})"""


@pytest.mark.parametrize("code", ["zh", "zh-hant", "en"])
def test_a_data_card_keeps_its_value_whole_and_in_the_value_column(browser, site_url, code):
    """On a phone each row of the data page is a card, a cell's name beside its value:
    the value's runs on one line ("20多 / 次", "411 / 亿" split) and all of it in the
    value column, none under the name ("2022年 / 7月": a review, issue 29). Where a quote
    has its original (the Chinese it was checked against: English and 繁體), the original
    sits under the quote in the value's column, not in the narrow names' column under
    "Quote"."""
    with visit(browser, site_url, BY_CODE[code], "data", width=PHONES[0], height=844) as seen:
        for width in PHONES:
            seen.resize(width, 844)
            cells = seen.page.evaluate(CARD_CELLS)
            assert len(cells) > 20 and sum(len(runs) for *_, runs in cells) > 5, (width, cells[:3])
            for text, value_column, lefts, runs in cells:
                assert all(left >= value_column for left in lefts), (width, text, value_column, lefts)
                assert all(lines == 1 for lines in runs), (width, text, runs)
            if code == "zh":
                continue
            quotes = seen.page.evaluate(QUOTE_CELLS)
            assert len(quotes) > 5, width
            for cell in quotes:
                assert cell["quote"][0] > cell["td"] + 40, (width, cell)  # the value's column, right of the cell's name
                assert abs(cell["original"][0] - cell["quote"][0]) <= 1, (width, cell)
                assert cell["original"][1] >= cell["quote"][1], (width, cell)
                assert cell["original"][2] > 150, (width, cell)


def _hex(css: str, under: str) -> str:
    """A computed CSS colour ("rgb(…)" or "rgba(…)") as "#rrggbb", blended over `under`."""
    r, g, b, *alpha = [float(part) for part in css[css.index("(") + 1 : -1].split(",")]
    base = [float(part) for part in under[under.index("(") + 1 : -1].split(",")[:3]]
    a = alpha[0] if alpha else 1.0
    return "#" + "".join(f"{round(c * a + u * (1 - a)):02x}" for c, u in zip((r, g, b), base))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_home_pages_contents_rule_shows_in_either_scheme(browser, site_url, scheme):
    """The rule over the home page's contents (本文章节) was the header's navy, all but
    the dark page's own colour (a review): a rule that marks a part off is 3:1 against
    the page (WCAG 1.4.11), in either scheme."""
    with visit(browser, site_url, BUILD.project.default_language(), "index", scheme=scheme) as seen:
        rule, page = seen.page.evaluate(
            """() => [getComputedStyle(document.querySelector('.report-contents')).borderTopColor,
                      getComputedStyle(document.body).backgroundColor]"""
        )
    assert contrast(_hex(rule, page), _hex(page, page)) >= 3, (rule, page)
