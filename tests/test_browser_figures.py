"""Figures in a real browser (Debian Chromium through Playwright), on the site served under
a sub-path: the chart of the page's colour scheme, whether the reader's system chose it
or Material's palette toggle did, and only that one fetched; the lightbox (opened on the
same URL, closed by Esc, its button or a tap, the focus kept in it and given back, no axe
violations, the PNG still downloadable, and the plain link without JavaScript); the
paragraph a figure's "see the text" link lands on, highlighted; data tables as cards on
a phone."""

from __future__ import annotations

import re

import pytest
from conftest import BUILD, languages, page_file, page_names
from test_browser import AXE_JS, WCAG_22_AA, is_narrow, toggle_palette, url_of, visit

from sitegen.charts import render
from sitegen.model.strings import t

pytestmark = pytest.mark.browser

LANGS = list(languages())

# Scrolls each figure's visible image into view, as a reader would, so that the lazy
# images load, and waits for it; returns what each figure shows.
_SHOWN_CHARTS = """
async () => {
  const figures = [...document.querySelectorAll("figure.report-figure")];
  const out = [];
  for (const figure of figures) {
    const shown = [...figure.querySelectorAll("img")].filter((img) => img.checkVisibility());
    for (const img of shown) {
      img.scrollIntoView();
      if (!(img.complete && img.naturalWidth)) {
        await Promise.race([
          new Promise((done) => { img.addEventListener("load", done, {once: true}); img.addEventListener("error", done, {once: true}); }),
          new Promise((done) => setTimeout(done, 5000)),
        ]);
      }
    }
    out.push({
      id: figure.id,
      shown: shown.map((img) => img.currentSrc),
      light: figure.querySelector(".report-figure-light img").currentSrc,
    });
  }
  return out;
}
"""
_FETCHED_CHARTS = "performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/charts/'))"
DARK = re.compile(r"\.dark(@2x)?\.(png|webp)$")
# The system's scheme and the palette saved for the next page (report/palette.js).
_PALETTE_INPUTS = """() => ({
  system_dark: matchMedia("(prefers-color-scheme: dark)").matches,
  saved: Object.entries(localStorage).filter(([key]) => key.endsWith("__palette")),
})"""


def charts_seen(browser, site_url, built_site, lang, width: int, scheme: str, toggle: bool = False) -> list[dict]:
    """Every figure on every page of `lang` as the reader sees it, and what was fetched:
    each page a first visit's (a context of its own for the lot, so that nothing another
    test loaded is in its cache, and the site's storage emptied before each page; no
    chart is on two pages, so none of a page's was fetched by the one before)."""
    pages = [
        page
        for page in page_names()
        if 'class="report-figure"' in page_file(built_site.root, lang, page).read_text(encoding="utf-8")
    ]
    seen = []
    with visit(browser, site_url, lang, pages[0], width=width, scheme=scheme, fresh=True) as visited:
        for page in pages:
            if page != pages[0]:
                visited.forget()
                visited.goto(url_of(site_url, lang, page))
            if toggle:
                toggle_palette(visited)
            figures = visited.page.evaluate(_SHOWN_CHARTS)
            fetched = visited.page.evaluate(_FETCHED_CHARTS)
            body_scheme = visited.page.get_attribute("body", "data-md-color-scheme")
            # What the palette was chosen from, for the message of a test that fails.
            palette_inputs = visited.page.evaluate(_PALETTE_INPUTS)
            seen += [dict(f, page=page, fetched=fetched, body=body_scheme, palette=palette_inputs) for f in figures]
            assert visited.problems() == {}, page
    assert sorted(f["id"] for f in seen) == sorted(f"figure-{c}" for c in BUILD.project.chart_ids())
    return seen


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", LANGS, ids=[l.code for l in LANGS])
def test_a_dark_system_gets_every_chart_dark_and_fetches_no_light_one(browser, site_url, built_site, lang, width):
    for figure in charts_seen(browser, site_url, built_site, lang, width, "dark"):
        assert figure["body"] == "slate", figure
        assert len(figure["shown"]) == 1, figure
        (shown,) = figure["shown"]
        assert DARK.search(shown) and shown != figure["light"], figure
        assert is_narrow(shown) == (width < 600), figure
        assert figure["fetched"] and all(DARK.search(url) for url in figure["fetched"]), figure["fetched"]


@pytest.mark.parametrize("lang", LANGS, ids=[l.code for l in LANGS])
def test_a_light_system_gets_every_chart_light_and_fetches_no_dark_one(browser, site_url, built_site, lang):
    for figure in charts_seen(browser, site_url, built_site, lang, 1280, "light"):
        assert figure["body"] == "default", figure
        (shown,) = figure["shown"]
        assert shown == figure["light"] and not DARK.search(shown), figure
        assert not any(DARK.search(url) for url in figure["fetched"]), figure["fetched"]


@pytest.mark.parametrize("lang", LANGS, ids=[l.code for l in LANGS])
def test_the_palette_toggle_switches_every_chart_to_dark(browser, site_url, built_site, lang):
    """A light system, switched to dark by Material's toggle (a <picture> media query
    could not see this): every chart shows its dark image."""
    for figure in charts_seen(browser, site_url, built_site, lang, 1280, "light", toggle=True):
        assert figure["body"] == "slate", figure
        (shown,) = figure["shown"]
        assert DARK.search(shown) and shown != figure["light"], figure


def test_the_toggle_back_to_light_shows_the_light_chart_again(browser, site_url):
    with visit(browser, site_url, BUILD.project.default_language(), "02", scheme="dark") as seen:
        toggle_palette(seen)
        assert seen.page.get_attribute("body", "data-md-color-scheme") == "default"
        (figure, *_) = seen.page.evaluate(_SHOWN_CHARTS)
        assert figure["shown"] == [figure["light"]] and not DARK.search(figure["light"])
        assert seen.problems() == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_chart_card_is_the_page_background(browser, site_url, scheme):
    """The chart is drawn on the page's own background: no rectangle round it."""
    palette = render.palette(BUILD, scheme)
    expected = "rgb({}, {}, {})".format(*(int(palette.background[i : i + 2], 16) for i in (1, 3, 5)))
    with visit(browser, site_url, BUILD.project.default_language(), "02", scheme=scheme) as seen:
        assert seen.page.evaluate("getComputedStyle(document.body).backgroundColor") == expected


def open_lightbox(page, chart_id: str):
    link = page.locator(f"#figure-{chart_id} a.report-figure-zoom")
    link.scroll_into_view_if_needed()
    link.click()
    dialog = page.locator("dialog.report-lightbox")
    dialog.wait_for(state="visible")
    return link, dialog


def focus_is_on(page, selector: str) -> bool:
    return page.evaluate("s => document.activeElement === document.querySelector(s)", selector)


LINK = "#figure-bilibili-ad-share a.report-figure-zoom"


def test_a_chart_opens_in_a_lightbox_that_esc_closes(browser, site_url):
    lang = BUILD.project.default_language()
    with visit(browser, site_url, lang, "02") as seen:
        page = seen.page
        url = page.url
        _, dialog = open_lightbox(page, "bilibili-ad-share")
        assert page.url == url  # not the PNG
        assert page.evaluate("document.querySelector('dialog.report-lightbox').open")
        image = dialog.locator("img")
        image_src = image.get_attribute("src")
        assert image_src == "charts/bilibili-ad-share@2x.webp"  # the WebP the page offers; the download is the PNG
        page.wait_for_function("() => document.querySelector('dialog.report-lightbox img').complete")
        assert image.evaluate("i => i.naturalWidth") == 1440
        assert dialog.locator("h2").inner_text() == t(BUILD, lang.code, "charts.bilibili-ad-share.title")
        assert (
            dialog.locator("p.report-lightbox__caption").inner_text()
            == page.locator("#figure-bilibili-ad-share .report-figure-caption").inner_text()
        )
        source = dialog.locator("p.report-lightbox__source").inner_text()
        assert (
            source.startswith(t(BUILD, lang.code, "data.figure.source"))
            and t(BUILD, lang.code, "data.figure.see_text") not in source
        )
        download = dialog.locator("a[download]")
        assert (
            download.inner_text() == "下载图片" and download.get_attribute("href") == "charts/bilibili-ad-share@2x.png"
        )
        assert dialog.locator("button").inner_text() == "关闭"
        # The focus is in the dialog, and Tab and Shift+Tab keep it there.
        assert page.evaluate("document.querySelector('dialog.report-lightbox').contains(document.activeElement)")
        for key in ["Tab"] * 3 + ["Shift+Tab"] * 3:
            page.keyboard.press(key)
            assert page.evaluate("document.querySelector('dialog.report-lightbox').contains(document.activeElement)"), (
                key
            )
        page.keyboard.press("Escape")
        assert not page.evaluate("document.querySelector('dialog.report-lightbox').open")
        assert focus_is_on(page, LINK)
        assert page.url == url
        assert seen.problems() == {}


def test_the_close_button_and_a_tap_on_the_image_close_the_lightbox(browser, site_url):
    with visit(browser, site_url, BUILD.project.default_language(), "02") as seen:
        page = seen.page
        _, dialog = open_lightbox(page, "bilibili-ad-share")
        dialog.locator("button.report-lightbox__close").click()
        assert not page.evaluate("document.querySelector('dialog.report-lightbox').open")
        assert focus_is_on(page, LINK)
        _, dialog = open_lightbox(page, "bilibili-ad-share")
        dialog.locator("img").click()
        assert not page.evaluate("document.querySelector('dialog.report-lightbox').open")
        _, dialog = open_lightbox(page, "bilibili-ad-share")
        page.mouse.click(5, 5)  # the backdrop
        assert not page.evaluate("document.querySelector('dialog.report-lightbox').open")
        assert focus_is_on(page, LINK)
        assert seen.problems() == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_open_lightbox_passes_axe(browser, site_url, scheme):
    en = next(l for l in LANGS if l.code == "en")
    with visit(browser, site_url, en, "02", scheme=scheme) as seen:
        _, dialog = open_lightbox(seen.page, "bilibili-ad-share")
        assert dialog.locator("button").inner_text() == "Close"
        assert seen.axe_violations() == []


@pytest.mark.parametrize(
    "scheme, width, expected",
    [
        ("dark", 1280, "charts/bilibili-ad-share.dark@2x.png"),
        ("dark", 390, "charts/bilibili-ad-share.narrow.dark@2x.png"),
        ("light", 390, "charts/bilibili-ad-share.narrow@2x.png"),
    ],
)
def test_the_lightbox_shows_the_drawing_for_the_screen_and_scheme(browser, site_url, scheme, width, expected):
    with visit(
        browser, site_url, BUILD.project.default_language(), "02", scheme=scheme, width=width, height=844
    ) as seen:
        page = seen.page
        _, dialog = open_lightbox(page, "bilibili-ad-share")
        # Shown from the WebP the page offers, downloaded as the PNG.
        assert dialog.locator("img").get_attribute("src") == expected.removesuffix(".png") + ".webp"
        assert dialog.locator("a[download]").get_attribute("href") == expected
        # On a phone the chart is no smaller in the lightbox than on the page.
        inline = page.evaluate(
            "[...document.querySelectorAll('#figure-bilibili-ad-share img')]"
            ".find(i => i.checkVisibility()).getBoundingClientRect().width"
        )
        page.wait_for_function("() => document.querySelector('dialog.report-lightbox img').complete")
        assert dialog.locator("img").bounding_box()["width"] >= inline - 1
        assert seen.problems() == {}


LIGHTBOX_IMAGE = """() => { const i = document.querySelector("dialog.report-lightbox img"); const r = i.getBoundingClientRect();
  return {src: i.getAttribute("src"), left: r.left, right: r.right, natural: i.naturalWidth, complete: i.complete,
          open: i.closest("dialog").open, scale: visualViewport.scale, width: innerWidth}; }"""


def pinch(cdp, x: float, y: float) -> None:
    """Two fingers on the screen at (x, y), moved 160 px apart, as a reader zooms in."""

    def touch(kind: str, spread: float | None) -> None:
        points = [] if spread is None else [{"x": x - spread, "y": y, "id": 0}, {"x": x + spread, "y": y, "id": 1}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", 20)
    for step in range(1, 17):
        touch("touchMove", 20 + 5 * step)
    touch("touchEnd", None)


@pytest.mark.parametrize(
    "lang", [BUILD.project.default_language(), next(l for l in LANGS if l.code == "en")], ids=["zh", "en"]
)
def test_on_a_phone_the_lightbox_fills_the_screen_for_a_pinch_and_turns_with_it(browser, site_url, lang):
    """At 390 × 844, a phone's touch screen: the chart edge to edge in its 2x pixels, with
    its source line; a tap on it leaves it open, and a pinch zooms into it. Turned
    sideways (844 × 390) the dialog shows the wide drawing, edge to edge."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(f"{site_url}{lang.url_prefix}02.html", wait_until="load")
        link = page.locator("#figure-bilibili-ad-share a.report-figure-zoom")
        link.scroll_into_view_if_needed()
        link.tap()
        dialog = page.locator("dialog.report-lightbox")
        dialog.wait_for(state="visible")
        page.wait_for_function("() => document.querySelector('dialog.report-lightbox img').complete")
        upright = page.evaluate(LIGHTBOX_IMAGE)
        assert ".narrow" in upright["src"], upright
        assert upright["left"] <= 0.5 and upright["right"] >= upright["width"] - 0.5, upright  # edge to edge
        assert upright["natural"] >= 2 * (upright["right"] - upright["left"]) * 0.9, upright  # 2x pixels to zoom into
        source = dialog.locator("p.report-lightbox__source").inner_text()
        assert source.startswith(t(BUILD, lang.code, "data.figure.source")), source
        dialog.locator("img").tap()
        assert page.evaluate(LIGHTBOX_IMAGE)["open"]  # a touch may be the start of a pinch
        box = dialog.locator("img").bounding_box()
        pinch(context.new_cdp_session(page), box["x"] + box["width"] / 2, box["y"] + 100)
        pinched = page.evaluate(LIGHTBOX_IMAGE)
        assert pinched["scale"] > 1.5 and pinched["open"], pinched
        page.set_viewport_size({"width": 844, "height": 390})
        page.wait_for_function("() => !document.querySelector('dialog.report-lightbox img').src.includes('.narrow')")
        sideways = page.evaluate(LIGHTBOX_IMAGE)
        assert sideways["open"] and sideways["left"] <= 0.5 and sideways["right"] >= sideways["width"] - 0.5, sideways
    finally:
        context.close()


def test_without_javascript_the_chart_link_opens_the_png(browser, site_url):
    lang = BUILD.project.default_language()
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}{lang.url_prefix}02.html")
        link = page.locator(LINK)
        assert link.get_attribute("aria-haspopup") is None  # the script adds it
        with page.expect_navigation():
            link.click()
        assert page.url.endswith("/charts/bilibili-ad-share@2x.png")
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_see_the_text_lands_on_a_highlighted_paragraph(browser, site_url, scheme):
    with visit(browser, site_url, BUILD.project.default_language(), "02", scheme=scheme) as seen:
        page = seen.page
        link = page.locator("#figure-bilibili-ad-share .report-figure-source a")
        href = link.get_attribute("href")
        assert re.fullmatch(r"02\.html#p02-\d+", href)
        anchor = href.split("#")[1]
        plain = page.evaluate("id => getComputedStyle(document.getElementById(id)).backgroundColor", anchor)
        link.click()
        page.wait_for_function("id => location.hash === '#' + id", arg=anchor)
        marked = page.evaluate("id => getComputedStyle(document.getElementById(id)).backgroundColor", anchor)
        assert plain == "rgba(0, 0, 0, 0)" and marked != plain
        box = page.locator(f"#{anchor}").bounding_box()
        header = page.locator(".md-header").bounding_box()
        assert box["y"] >= header["y"] + header["height"]  # not under the fixed header
        assert axe_violations_in(seen, [f"#{anchor}", "#figure-bilibili-ad-share"]) == []


def axe_violations_in(seen, selectors: list[str]) -> list[str]:
    """axe-core's WCAG 2.2 AA violations within these elements only."""
    seen.page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = seen.page.evaluate(
        "([include, tags]) => axe.run({include: include.map(s => [s])}, {runOnly: {type: 'tag', values: tags}})",
        [selectors, WCAG_22_AA],
    )
    return [f"{v['id']}: {v['help']} @ {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


def test_data_tables_are_cards_on_a_phone(browser, site_url):
    with visit(browser, site_url, BUILD.project.default_language(), "data", width=360, height=740) as seen:
        page = seen.page
        for width, cards in ((360, True), (1280, False)):
            seen.resize(width, 740)
            rows = page.evaluate("""() => {
              const row = document.querySelector("table.report-data-rows tbody tr");
              const cell = row.querySelector("td");
              return {row: getComputedStyle(row).display,
                      head: getComputedStyle(document.querySelector("table.report-data-rows thead")).position,
                      label: getComputedStyle(cell, "::before").content, name: cell.dataset.label};
            }""")
            if cards:
                assert rows["row"] == "block" and rows["head"] == "absolute", (width, rows)
                assert rows["label"] == f'"{rows["name"]}"' and rows["name"], (width, rows)
            else:
                assert rows["row"] == "table-row" and rows["label"] in ("none", "normal"), (width, rows)
            assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0, width
    with visit(browser, site_url, BUILD.project.default_language(), "02", width=360, height=740) as seen:
        page = seen.page
        page.locator("#figure-bilibili-ad-share details summary").click()
        display = page.evaluate(
            "getComputedStyle(document.querySelector('#figure-bilibili-ad-share tbody tr')).display"
        )
        assert display == "block"
        assert axe_violations_in(seen, ["#figure-bilibili-ad-share"]) == []


def test_a_rows_table_shows_once_its_rows_are_all_in(browser, site_url):
    # While the parser is still in a rows table, the rows drawn so far would move as
    # wider ones come; it shows only once the source line after it exists (report.css).
    with visit(browser, site_url, BUILD.project.default_language(), "data") as seen:
        page = seen.page
        tables = "[...document.querySelectorAll('table.report-data-rows')]"
        visibility = page.evaluate(f"{tables}.map(t => getComputedStyle(t).visibility)")
        assert visibility and set(visibility) == {"visible"}
        # As the parser has it before it reaches the source line: the table hidden.
        assert page.evaluate(f"""() => {{
            const table = {tables}[0], line = table.nextElementSibling
            line.remove()
            return [line.className, getComputedStyle(table).visibility]
        }}""") == ["report-data-meta", "hidden"]


def test_the_header_options_show_once_the_header_is_all_in(browser, site_url):
    # Drawn while the parser is still in the header, each option that arrives pushes
    # the ones before it aside; they show once the page's container after it exists.
    # On a phone and on a desktop: the page at 360 px, then at 1280.
    with visit(browser, site_url, BUILD.project.default_language(), "01", width=360) as seen:
        page = seen.page
        options = "[...document.querySelectorAll('.md-header .md-header__option')]"
        visibility = f"{options}.map(o => getComputedStyle(o).visibility)"
        for width in (360, 1280):
            seen.resize(width, 900)
            assert page.evaluate(visibility) == ["visible", "visible"], width
        # As the parser has it before it reaches the container: the options hidden.
        page.evaluate("document.querySelector('.md-container').remove()")
        for width in (1280, 360):
            seen.resize(width, 900)
            assert page.evaluate(visibility) == ["hidden", "hidden"], width


def test_a_chart_stays_put_as_its_caption_arrives(browser, site_url):
    # A figure as wide as what it holds so far widened as the parser reached its caption,
    # and the chart centred in it moved (CLS). Here the caption and the rest are taken
    # out, as the parser has not reached them.
    with visit(browser, site_url, BUILD.project.default_language(), "02", width=1280) as seen:
        where = "[...document.querySelectorAll('figure.report-figure img')].filter(i => i.checkVisibility()).map(i => i.getBoundingClientRect().left)"
        before = seen.page.evaluate(where)
        assert before
        seen.page.evaluate("""document.querySelectorAll('figure.report-figure').forEach(figure =>
            [...figure.children].filter(child => !child.querySelector('img')).forEach(child => child.remove()))""")
        assert seen.page.evaluate(where) == before
