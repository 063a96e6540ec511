"""The parallel view and the Traditional edition in a real browser (Debian Chromium):
pairs side by side at 1280 px with their tops aligned, stacked at 360 px with no
sideways scroll, charts across the pair, headings one step, the way between pages;
Traditional search; the language switch across three languages.
(axe, console and request checks cover these pages in test_browser.py.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import BUILD, PARALLEL_PAGES, languages, serve
from test_browser import TEXT_LINES, Visit, search, switch_language, url_of, visit

from tools.localhost import QuietHandler

pytestmark = pytest.mark.browser

PAIR_BOXES = """() => [...document.querySelectorAll('.report-pair')].map(pair => {
  const sides = [...pair.children].filter(c => c.getAttribute('lang'));
  return sides.map(s => { const r = s.getBoundingClientRect(); return [r.top, r.left, r.bottom, r.width]; });
})"""


@pytest.mark.parametrize("lang,page", PARALLEL_PAGES, ids=[page for _, page in PARALLEL_PAGES])
def test_pairs_sit_side_by_side_on_a_desktop_and_stack_on_a_phone(browser, site_url, lang, page):
    """At 1280 px each pair's two sides side by side, their tops aligned; the same page at
    360 × 740, the English below the Chinese in one column, with no sideways scroll."""
    with visit(browser, site_url, lang, page, width=1280) as seen:
        pairs = seen.page.evaluate(PAIR_BOXES)
        assert len(pairs) > 3
        for first, second in pairs:
            assert abs(first[0] - second[0]) <= 3, (first, second)  # the same top
            assert second[1] - first[1] > 300  # a column apart
        assert seen.problems() == {}
        seen.resize(360, 740)
        for first, second in seen.page.evaluate(PAIR_BOXES):
            assert second[0] >= first[2] - 1, (360, first, second)  # the English below the Chinese
            assert abs(first[1] - second[1]) <= 1 and second[3] > 250, (360, first, second)  # one column, full width
        assert seen.page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, 360


def test_the_parallel_column_is_wide_before_its_first_pair_is_parsed(browser, site_url):
    # The wide column comes from a stylesheet only parallel pages link, not from the
    # pairs themselves: drawn before the first pair arrives, the page was narrow, then
    # widened (CLS). Here the pairs are taken out, as the parser has not reached them.
    lang, page = PARALLEL_PAGES[0]
    width = "document.querySelector('.md-content__inner').getBoundingClientRect().width"
    with visit(browser, site_url, lang, page, width=1280) as seen:
        wide = seen.page.evaluate(width)
        seen.page.evaluate("document.querySelectorAll('.report-pair').forEach(pair => pair.remove())")
        assert seen.page.evaluate(width) == wide
    with visit(browser, site_url, BUILD.project.default_language(), "01", width=1280) as seen:
        assert seen.page.evaluate(width) < wide - 200  # a single-language page keeps the reading column


def test_the_parallel_view_is_one_click_from_a_page_and_back(browser, site_url):
    zh, hant, en = (next(l for l in languages() if l.code == code) for code in ("zh", "zh-hant", "en"))
    first = PARALLEL_PAGES[0][0]
    with visit(browser, site_url, en, "02") as seen:
        with seen.page.expect_navigation(wait_until="load"):
            seen.page.locator(".report-views a").last.click()
        seen.arrive()
        assert seen.page.url == url_of(site_url, first, "zh-en/02")
        with seen.page.expect_navigation(wait_until="load"):
            seen.page.locator(".report-views a[hreflang='en']").click()
        seen.arrive()
        assert seen.page.url == url_of(site_url, en, "02")


@pytest.mark.parametrize("query", ["商業化", "快手"])
def test_traditional_search_finds_traditional_pages_only(browser, site_url, query):
    hant = next(l for l in languages() if l.code == "zh-hant")
    with visit(browser, site_url, hant, "index") as seen:
        links = search(seen.page, query)
        assert links and all(link.startswith(site_url + hant.url_prefix) for link in links), links
        assert query in seen.page.inner_text(".md-search-result")
        assert seen.problems() == {}


def test_the_language_switch_lists_three_languages_and_keeps_the_page(browser, any_site_url):
    codes = [lang.code for lang in languages()]
    assert codes == ["zh", "zh-hant", "en"]
    by_code = {lang.code: lang for lang in languages()}
    # Every language to every other, one switch after another from where the last landed.
    way = ["zh", "zh-hant", "en", "zh", "en", "zh-hant", "zh"]
    assert {(a, b) for a, b in zip(way, way[1:])} == {(a, b) for a in codes for b in codes if a != b}
    with visit(browser, any_site_url, by_code[way[0]], "02") as seen:
        for start, target in zip(way, way[1:]):
            assert seen.page.url == url_of(any_site_url, by_code[start], "02")
            listed = seen.page.eval_on_selector_all("a.md-select__link[hreflang]", "els => els.map(e => e.hreflang)")
            assert listed == codes, start
            switch_language(seen, target)
            assert seen.page.url == url_of(any_site_url, by_code[target], "02"), start
            assert seen.page.get_attribute("html", "lang").lower() == target


def test_the_language_switch_on_a_parallel_page_leads_to_the_page_it_pairs(browser, site_url):
    lang, page = PARALLEL_PAGES[2]
    en = next(l for l in languages() if l.code == "en")
    with visit(browser, site_url, lang, page) as seen:
        switch_language(seen, "en")
        assert seen.page.url == url_of(site_url, en, page.split("/")[-1])


def _scroll_to(page, anchor: str) -> None:
    """Scroll so that the element `anchor` starts a little below the fixed header, as a
    reader halfway through the page has it."""
    page.evaluate(
        """id => { const el = document.getElementById(id);
      window.scrollBy(0, el.getBoundingClientRect().top - document.querySelector('.md-header').getBoundingClientRect().bottom - 10); }""",
        anchor,
    )


def _switch_where_the_reader_is(seen: Visit, link: str) -> None:
    """Open the header's edition menu and click `link` in it with the mouse, at the point
    the reader sees it: a locator's click would first scroll the page to bring the link
    into view, and move the reader."""
    page = seen.page
    page.locator(".md-header__option .md-select").first.hover()
    # Once the menu has opened (Material fades it in): the link is what the point shows.
    page.wait_for_function(
        """selector => { const a = document.querySelector(selector), r = a.getBoundingClientRect();
      return r.width > 0 && document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)?.closest("a") === a; }""",
        arg=link,
    )
    box = page.locator(link).first.bounding_box()
    with page.expect_navigation(wait_until="load"):
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    seen.arrive()


def _top_of(page, anchor: str) -> float:
    return page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", anchor)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_edition_switch_lands_on_the_same_paragraph(browser, any_site_url, width):
    """Halfway through 02, a switch to another edition from the header's menu lands on the
    paragraph the reader was at, near the top of the screen, in every direction; from the
    top of the page, at the top of the other. One reader's way through the editions, each
    switch from where the last one landed, scrolled to another paragraph (so that the
    anchor of the address the page was opened at is never the one to carry)."""
    by_code = {lang.code: lang for lang in languages()}
    with visit(browser, any_site_url, by_code["en"], "02", width=width) as seen:
        switch_language(seen, "zh")  # from the top of the page: to the top of the other
        assert seen.page.url == url_of(any_site_url, by_code["zh"], "02")
        for start, target, anchor in [
            ("zh", "en", "p02-8"),
            ("en", "zh-hant", "p02-4"),
            ("zh-hant", "zh", "p02-12"),
            ("zh", "en", "p02-6"),
        ]:
            assert seen.page.url.split("#")[0] == url_of(any_site_url, by_code[start], "02")
            _scroll_to(seen.page, anchor)
            _switch_where_the_reader_is(seen, f"a.md-select__link[hreflang='{target}']")
            assert seen.page.url == url_of(any_site_url, by_code[target], "02") + "#" + anchor, start
            assert 0 <= _top_of(seen.page, anchor) <= 900 / 3, (start, target, anchor)
        anchor = "p02-10"  # from English to the parallel view
        _scroll_to(seen.page, anchor)
        _switch_where_the_reader_is(seen, "a.report-select__parallel")
        assert seen.page.url.endswith(f"{PARALLEL_PAGES[0][1].split('/')[0]}/02.html#{anchor}")
        assert 0 <= _top_of(seen.page, anchor) <= 900 / 3


@pytest.mark.parametrize("code", ["zh", "zh-hant", "en"])
def test_the_header_menu_offers_the_parallel_view(browser, site_url, code):
    lang = next(l for l in languages() if l.code == code)
    names = [page.split("/")[-1] for _, page in PARALLEL_PAGES]
    with visit(browser, site_url, lang, names[0]) as seen:  # then from page to page
        for (first, page), name in zip(PARALLEL_PAGES, names, strict=True):
            if name != names[0]:
                seen.goto(url_of(site_url, lang, name))
            link = seen.page.locator("a.report-select__parallel")
            assert link.count() == 1, name
            assert link.evaluate("a => a.href") == url_of(site_url, first, page)
        first, page = PARALLEL_PAGES[1]
        seen.goto(url_of(site_url, first, page))  # and on the parallel page, marked as the one read
        assert seen.page.get_attribute("a.report-select__parallel", "aria-current") == "page"


# Text nodes that read as English (three lowercase words in a row, or a word with an
# apostrophe, and mostly Latin letters: not a Chinese sentence quoting an English name),
# each with the language of its nearest element that names one.
ENGLISH_TEXT = r"""() => {
  const words = /\b[a-z]{2,}\s+[a-z]{2,}\s+[a-z]{2,}\b|[A-Za-z][’'][a-z]/;
  const latin = text => (text.match(/[A-Za-z]/g) || []).length;
  const han = text => (text.match(/[\u4e00-\u9fff]/g) || []).length;
  const english = { test: text => words.test(text) && latin(text) > 4 * han(text) };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent.closest("script, style, .md-search, [hidden]") || !english.test(node.data)) continue;
    found.push([node.data.trim().slice(0, 60), parent.closest("[lang]").getAttribute("lang")]);
  }
  return found;
}"""


# Each English text's element and the first face of its font stack.
ENGLISH_FACES = ENGLISH_TEXT.replace(
    'found.push([node.data.trim().slice(0, 60), parent.closest("[lang]").getAttribute("lang")]);',
    "found.push([node.data.trim().slice(0, 60), getComputedStyle(parent).fontFamily.split(',')[0]]);",
)
CJK_FACE = re.compile(r"CJK|PingFang|Hiragino|YaHei|WenQuanYi|Source Han", re.I)


@pytest.mark.parametrize("lang,page", PARALLEL_PAGES, ids=[page for _, page in PARALLEL_PAGES])
def test_every_english_text_of_the_parallel_view_is_tagged_english_and_set_in_a_latin_face(
    browser, site_url, lang, page
):
    """Every English block is tagged English; and set in a Latin face first: a CJK face
    first sets ’ full-width, the footer's "Don’ t" (a fresh review, issue 29)."""
    with visit(browser, site_url, lang, page) as seen:
        tagged = seen.page.evaluate(ENGLISH_TEXT)
        faces = seen.page.evaluate(ENGLISH_FACES)
    assert len(tagged) > 5
    assert [text for text, tag in tagged if tag != "en"] == []
    assert len(faces) > 5
    assert [(text, face) for text, face in faces if CJK_FACE.search(face)] == []


def test_the_parallel_view_shows_the_english_charts_under_the_english_titles(browser, site_url):
    lang, page = next((lang, page) for lang, page in PARALLEL_PAGES if page.endswith("/02"))
    en = next(l for l in languages() if l.code == "en")
    with visit(browser, site_url, lang, page) as seen:
        seen.load_every_image()
        columns = seen.page.evaluate("""() => [...document.querySelectorAll('.report-figure-pair')].map(pair =>
          [...pair.children].map(side => [side.lang, side.querySelector('.report-figure-light img').currentSrc,
                                          side.querySelector('.report-figure-caption').textContent]))""")
    assert columns
    for (first_tag, first_src, first_caption), (second_tag, second_src, second_caption) in columns:
        assert first_tag.startswith("zh") and second_tag == "en"
        assert f"/{en.url_prefix}charts/" in second_src and f"/{en.url_prefix}" not in first_src
        assert re.search(r"[\u4e00-\u9fff]", first_caption) and not re.search(r"[\u4e00-\u9fff]{2}", second_caption)


# Each chart of a page: the pair's width (a paragraph pair's), its figure's, and its
# image's as shown and as drawn (the file shown at 1x, or half a 2x file's).
CHARTS_ACROSS_THE_PAIR = """() => {
  const pair = document.querySelector('div.report-pair[id^=p]').getBoundingClientRect().width;
  return [...document.querySelectorAll('.report-figure-pair figure')].map(figure => {
    const img = [...figure.querySelectorAll('img')].find(i => i.offsetParent);
    return {id: figure.id, pair, figure: figure.getBoundingClientRect().width, shown: img.getBoundingClientRect().width,
            drawn: img.naturalWidth / (img.currentSrc.includes('@2x') ? 2 : 1)};
  });
}"""


@pytest.mark.parametrize("lang,page", PARALLEL_PAGES, ids=[page for _, page in PARALLEL_PAGES])
def test_each_chart_of_the_parallel_view_spans_the_pair_at_the_size_it_was_drawn(browser, site_url, lang, page):
    """Each language's figure takes the pair's whole width, its chart shown at no less
    than the width it was drawn, so that its words read at the size they were drawn. Side
    by side, one in each column, the charts were shown at 0.85 and 0.73 of it at 1280 px
    (a review, issue 29), and at 0.89 on a phone (the same page narrowed to 390 px)."""
    with visit(browser, site_url, lang, page, width=1280) as seen:
        for width in (1280, 390):
            seen.resize(width, 900)
            assert seen.load_every_image() == [], width
            charts = seen.page.evaluate(CHARTS_ACROSS_THE_PAIR)
            assert charts, width
            for chart in charts:
                assert chart["figure"] >= 0.9 * chart["pair"], (width, chart)
                assert chart["shown"] >= 0.95 * chart["drawn"], (width, chart)


# The left edges of a page: each column's text (a paragraph pair's two sides), and for
# each chart, its title, its rule, what it draws (the image's left, past its own blank
# margin: --report-chart-inset at the width it was drawn) and its caption.
FIGURE_EDGES = """() => {
  const [first, second] = [...document.querySelector('div.report-pair[id^=p]').children]
    .map(side => side.getBoundingClientRect().left);
  const inset = parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--report-chart-inset'));
  return {first, second, figures: [...document.querySelectorAll('.report-figure-pair figure')].map(figure => {
    const heading = figure.parentElement.querySelector('h2.report-figure-heading');
    const img = [...figure.querySelectorAll('img')].find(i => i.offsetParent);
    const box = img.getBoundingClientRect();
    const drawn = img.naturalWidth / (img.currentSrc.includes('@2x') ? 2 : 1);
    return {id: figure.id, title: heading.getBoundingClientRect().left,
            rule: parseFloat(getComputedStyle(heading).borderTopWidth) ? heading.getBoundingClientRect().left : null,
            drawing: box.left + inset * box.width / drawn,
            caption: figure.querySelector('figcaption').getBoundingClientRect().left,
            under: figure.querySelector('figcaption').getBoundingClientRect().top >= box.bottom - 1};
  })};
}"""


@pytest.mark.parametrize("lang,page", PARALLEL_PAGES, ids=[page for _, page in PARALLEL_PAGES])
def test_each_chart_of_the_parallel_view_keeps_the_columns_edges(browser, site_url, lang, page):
    """A chart's title, rule and drawing start at the first column's text; its caption
    beside the chart at the second's where the pair has room (1600 px), else under it at
    the first's (1280 px). They had three edges of their own, none of them the English
    text's: the title 12 px in, the image at the pair's edge, the caption 110 px past
    the English (a review, issue 29)."""
    with visit(browser, site_url, lang, page, width=1280) as seen:
        for width in (1280, 1600):
            seen.resize(width, 900)
            assert seen.load_every_image() == [], width
            edges = seen.page.evaluate(FIGURE_EDGES)
            if not edges["figures"]:
                pytest.skip(f"{page} has no chart")
            for figure in edges["figures"]:
                for edge in ("title", "rule", "drawing"):
                    assert abs(figure[edge] - edges["first"]) <= 2, (width, edge, edges["first"], figure)
                assert figure["under"] == (width < 1600), (width, figure)
                column = edges["first"] if figure["under"] else edges["second"]
                assert abs(figure["caption"] - column) <= 2, (width, edges, figure)


def test_the_parallel_strip_takes_one_line_on_a_phone(browser, site_url):
    """With its tabs that leave the view marked ("关于原文 中文"), the strip is one line
    on a phone, as each language's is (test_browser_reading.py)."""
    for lang, page in PARALLEL_PAGES:
        with visit(browser, site_url, lang, page, width=390, height=844) as seen:
            for width in (390, 360):
                seen.resize(width, 844)
                tops = seen.page.evaluate(
                    "[...document.querySelectorAll('.report-strip a')].map(a => Math.round(a.getBoundingClientRect().top))"
                )
                overflow = seen.page.evaluate(
                    "(() => { const p = document.querySelector('.report-strip p'); return p.scrollWidth - p.clientWidth; })()"
                )
                marked = seen.page.locator(".report-strip .report-strip__away").count()
                assert marked == 2, (page, width)
                assert len(tops) > 4 and len(set(tops)) == 1, (page, width, tops)
                assert overflow <= 0, (page, width, overflow)


def test_the_parallel_view_leads_to_the_previous_and_next_page_in_the_view(browser, site_url):
    """As on the single-language pages: the footer's previous and next links and the
    chapter strip, every page in reading order. A page the view has leads to its parallel
    page; one it has not (the sources, the data) to the first language's."""
    from sitegen.pages.plan import page_order, parallel_folder

    order = page_order(BUILD)
    first = PARALLEL_PAGES[0][0]
    in_view = [page.split("/")[-1] for _, page in PARALLEL_PAGES]

    def url(name: str) -> str:
        return url_of(site_url, first, f"{parallel_folder(BUILD.project)}/{name}" if name in in_view else name)

    with visit(browser, site_url, *PARALLEL_PAGES[0]) as seen:  # then from page to page
        for lang, page in PARALLEL_PAGES:
            at = order.index(page.split("/")[-1])
            if page != PARALLEL_PAGES[0][1]:
                seen.goto(url_of(site_url, lang, page))
            links = seen.page.evaluate("""() => ({
              previous: document.querySelector('a.md-footer__link--prev')?.href ?? null,
              next: document.querySelector('a.md-footer__link--next')?.href ?? null,
              strip: [...document.querySelectorAll('.report-strip a')].map(a => a.href)})""")
            assert links["previous"] == (url(order[at - 1]) if at > 0 else None), page
            assert links["next"] == (url(order[at + 1]) if at + 1 < len(order) else None), page
            assert links["strip"] == [url(name) for name in order], page
        seen.goto(url(in_view[1]))
        seen.page.locator("a.md-footer__link--next").click()
        seen.page.wait_for_url(url(in_view[2]))
        assert seen.page.locator(".report-strip a[aria-current='page']").get_attribute("href") == f"{in_view[2]}.html"


# Each heading pair's two sides: language, font size, and the height of the lower case
# as drawn (1ex, measured on a probe set in each side's own font).
HEADING_SIDES = """() => [...document.querySelectorAll('.report-pair--heading')].map(heading =>
  [...heading.children].map(side => {
    const probe = document.createElement('span');
    Object.assign(probe.style, {display: 'inline-block', width: '0', height: '1ex'});
    side.append(probe);
    const ex = probe.getBoundingClientRect().height;
    probe.remove();
    return {lang: side.lang, text: side.textContent.slice(0, 20), size: parseFloat(getComputedStyle(side).fontSize), ex};
  }))"""


def test_the_two_sides_of_a_parallel_heading_are_one_step_of_the_scale(browser, site_url):
    """Headline, section heads and subheads: the English the same font size as the
    Chinese beside it (the headline's was 0.75 of it), and its lower case drawn no taller
    than the Chinese heading's own Latin letters (DejaVu Serif's bold, taller, read a
    step larger than the Chinese: a review, issue 29). At 1280 px, then at 390."""
    for lang, page in PARALLEL_PAGES:
        with visit(browser, site_url, lang, page, width=1280) as seen:
            for width in (1280, 390):
                seen.resize(width, 900)
                headings = seen.page.evaluate(HEADING_SIDES)
                assert headings, (page, width)
                for first, second in headings:
                    assert first["lang"].startswith("zh") and second["lang"] == "en", (width, first, second)
                    assert first["size"] == second["size"], (page, width, first, second)
                    assert second["ex"] <= first["ex"], (page, width, first, second)


# Each English side of a heading pair: its font size, its height, the number of lines
# it is set in (a new line where a character starts half its size lower), and the largest line height of it
# and anything in it, each over its own font size.
ENGLISH_HEADING_LINES = (
    "() => { const textLines = "
    + TEXT_LINES
    + """;
  return [...document.querySelectorAll('.report-pair--heading > [lang=en]')].map(side => {
  const size = parseFloat(getComputedStyle(side).fontSize);
  const lines = textLines(side, 0, size / 2).length;
  const leading = Math.max(...[side, ...side.querySelectorAll('*')].map(element => {
    const style = getComputedStyle(element);
    return parseFloat(style.lineHeight) / parseFloat(style.fontSize);
  }));
  return {text: side.textContent.slice(0, 30), size, height: side.getBoundingClientRect().height, lines, leading};
}); }"""
)


def test_english_headings_of_the_parallel_view_are_set_solid(browser, site_url):
    """An English heading over two lines reads as one: its lines no further apart than
    1.3 of its size. Its section number took the English text's 1.65, and "02 The
    Mid-sized / Firms’ AI Survival Guide" stood 50 px a line, as two headings (a review,
    issue 29). At 1280 px, then at 390."""
    two_lines = {1280: 0, 390: 0}
    for lang, page in PARALLEL_PAGES:
        with visit(browser, site_url, lang, page, width=1280) as seen:
            for width in two_lines:
                seen.resize(width, 900)
                sides = seen.page.evaluate(ENGLISH_HEADING_LINES)
                assert sides, (page, width)
                for side in sides:
                    assert side["leading"] <= 1.3, (page, width, side)
                    assert side["height"] / side["lines"] <= 1.3 * side["size"] + 0.5, (page, width, side)
                    two_lines[width] += side["lines"] > 1
    assert all(two_lines.values()), two_lines  # a heading over two lines at least, or this measures nothing


def test_the_parallel_pair_keeps_each_languages_measure_and_shows_the_edition(browser, site_url):
    from sitegen.pages.templating import edition_date

    lang, page = PARALLEL_PAGES[1]
    with visit(browser, site_url, lang, page, width=1600) as seen:
        widths = seen.page.evaluate("""() => { const pair = document.querySelector('div.report-pair[id^=p]');
          return [...pair.children].map(side => side.getBoundingClientRect().width / parseFloat(getComputedStyle(side).fontSize)); }""")
        text = seen.page.inner_text("body")
    chinese, english = widths
    assert 33 <= chinese <= 37, widths  # 36 characters a line, as on the Chinese pages
    assert english <= 32, widths  # about 66 characters of the English serif
    assert edition_date(BUILD.project, lang.code) in text


class NearestNotFound(QuietHandler):
    """A host that answers a missing address with the nearest 404.html above it, as
    Cloudflare Pages does (a host with one 404 page serves the root's everywhere)."""

    def send_error(self, code, message=None, explain=None):
        missing = Path(self.translate_path(self.path))
        pages = [folder / "404.html" for folder in missing.parents if folder.is_relative_to(self.directory)]
        page = next((page for page in pages if page.is_file()), None)
        if code != 404 or page is None:
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def root_url(built_site):
    """The site at a host's root, where its 404 pages' absolute links lead."""
    with serve(built_site.root, "", handler=NearestNotFound) as url:
        yield url


# Each edition's folder, the language its 404 page is in, and that language's title.
NOT_FOUND = [
    ("", "zh", "找不到这一页"),
    ("en/", "en", "Page not found"),
    ("zh-hant/", "zh-Hant", "找不到這一頁"),
    ("zh-en/", "zh", "Page not found"),
]


@pytest.mark.parametrize("folder,lang,title", NOT_FOUND, ids=["root", "en", "zh-hant", "zh-en"])
def test_a_missing_page_in_an_edition_says_so_in_its_language(browser, root_url, folder, lang, title):
    """A missing address in an edition's folder gets that edition's 404 page: in its
    language, with no navigation rail, and a link home to that edition's front page; at
    a desktop's size, then the same page at a phone's."""
    missing = f"{root_url}{folder}no-such-page.html"
    with Visit(browser, missing, root_url, width=1280, height=900) as seen:
        page = seen.page
        for width, height in [(1280, 900), (390, 844)]:
            seen.resize(width, height)
            assert page.get_attribute("html", "lang") == lang
            heading = page.inner_text("h1")
            assert title in heading and "404" not in heading and "—" not in heading, heading
            # the status a small label of its own just above the heading, on its left edge
            label, h1 = (page.locator(s).first.bounding_box() for s in (".report-not-found__status", "h1"))
            assert page.inner_text(".report-not-found__status") == "404"
            assert label and h1
            under = h1["y"] - (label["y"] + label["height"])
            assert 0 <= under <= 24 and abs(label["x"] - h1["x"]) <= 1, (width, label, h1)
            rails = page.evaluate(
                "[...document.querySelectorAll('.md-sidebar')].filter(s => s.checkVisibility()).length"
            )
            assert rails == 0, width
            assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, width
            assert seen.axe_violations() == [], width
        with page.expect_navigation(wait_until="load"):
            page.locator(".report-not-found__links a").first.click()
        seen.arrive()
        assert page.url == f"{root_url}{folder}index.html"
        assert seen.failed == [f"{missing} 404"], seen.problems()
        # the page's own 404, reported in the console too, and nothing else
        assert [e for e in seen.console_errors if "status of 404" not in e] == [] and seen.csp_violations == []


def test_an_english_charts_lightbox_in_the_parallel_view_is_set_in_english(browser, site_url):
    """The dialog is a child of <body>, so it took the page's lang (zh) and its face:
    "Bilibili’ s spending", the apostrophe full-width (a review, issue 29)."""
    lang, page = next((lang, page) for lang, page in PARALLEL_PAGES if page.endswith("/01"))
    with visit(browser, site_url, lang, page, width=1280) as seen:
        seen.page.locator(".report-figure-pair > [lang=en] a.report-figure-zoom").first.click()
        seen.page.wait_for_function("() => document.querySelector('dialog.report-lightbox')?.open")
        dialog = seen.page.evaluate("""(() => { const d = document.querySelector('dialog.report-lightbox');
          return [d.lang, d.querySelector('.report-lightbox__title').textContent,
                  getComputedStyle(d.querySelector('.report-lightbox__title')).fontFamily.split(',')[0]]; })()""")
    tag, title, face = dialog
    assert tag == "en" and re.search(r"[A-Za-z]{4}", title), dialog
    assert not CJK_FACE.search(face), dialog
