"""Every page in a real browser (Debian Chromium through Playwright), served on 127.0.0.1:
no console errors, no failed or third-party requests, no axe violations at WCAG 2.2 AA,
no horizontal scrolling at 360 px; and the reader's paths through the site work."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python
import pytest

from conftest import ALL_PAGES, PAGE_IDS

pytestmark = pytest.mark.browser

AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


class Visit:
    """A page opened in a fresh context, with everything that went wrong recorded."""

    def __init__(self, browser, url: str, width: int = 1280, height: int = 900, scheme: str = "light"):
        self.context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
        self.page = self.context.new_page()
        self.console_errors: list[str] = []
        self.failed: list[str] = []
        self.foreign: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        self.page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} {r.failure}"))
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.url} {r.status}"))
        self.page.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*"), self._block_foreign)
        self.page.goto(url, wait_until="networkidle")

    def _block_foreign(self, route):
        if route.request.url.startswith(("data:", "blob:")):
            return route.continue_()
        self.foreign.append(route.request.url)
        return route.abort()

    def load_every_image(self) -> list[str]:
        """Load lazy images too, as scrolling would; return the ones that did not load."""
        self.page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
        self.page.wait_for_function("[...document.images].every(i => i.complete)")
        self.page.wait_for_load_state("networkidle")
        return self.page.evaluate("[...document.images].filter(i => i.naturalWidth === 0).map(i => i.src)")

    def axe_violations(self) -> list[str]:
        self.page.add_script_tag(path=str(AXE_JS))
        result = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA
        )
        return [
            f"{v['id']}: {v['help']} @ {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
        ]

    def __enter__(self) -> "Visit":
        return self

    def __exit__(self, *exc) -> None:
        self.context.close()


def url_of(site_url: str, lang, page: str) -> str:
    return f"{site_url}{lang.url_prefix}{page}.html"


@pytest.mark.parametrize("lang,page", ALL_PAGES, ids=PAGE_IDS)
def test_page_is_clean_in_the_browser(browser, site_url, lang, page):
    with Visit(browser, url_of(site_url, lang, page)) as visit:
        assert visit.load_every_image() == []
        visit.page.wait_for_timeout(300)  # late fetches (sitemap, search index)
        assert visit.console_errors == []
        assert visit.failed == []
        assert visit.foreign == []
        assert visit.axe_violations() == []


@pytest.mark.parametrize("lang,page", ALL_PAGES, ids=PAGE_IDS)
def test_no_horizontal_scrolling_at_360px(browser, site_url, lang, page):
    with Visit(browser, url_of(site_url, lang, page), width=360, height=740) as visit:
        overflow = visit.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0


@pytest.mark.parametrize("width, narrow", [(360, True), (1280, False)])
def test_phones_get_the_narrow_chart_and_desktops_the_wide_one(browser, site_url, width, narrow):
    from conftest import default_language

    with Visit(browser, url_of(site_url, default_language(), "index"), width=width, height=740) as visit:
        visit.load_every_image()
        sources = visit.page.evaluate("[...document.querySelectorAll('figure.report-figure img')].map(i => i.currentSrc)")
        assert sources
        for source in sources:
            assert source.endswith((".narrow.png", ".narrow@2x.png")) == narrow, source


def test_dark_mode_passes_axe_and_the_toggle_switches_scheme(browser, site_url):
    from conftest import default_language

    with Visit(browser, url_of(site_url, default_language(), "01")) as visit:
        page = visit.page
        before = page.get_attribute("body", "data-md-color-scheme")
        page.locator("label.md-header__button[for^='__palette']:visible").first.click()
        page.wait_for_timeout(200)
        after = page.get_attribute("body", "data-md-color-scheme")
        assert {before, after} == {"default", "slate"}
        assert visit.axe_violations() == []


def switch_language(page, target_code: str) -> None:
    page.locator(".md-header__option .md-select").first.hover()
    page.locator(f"a.md-select__link[hreflang='{target_code}']").first.click()
    page.wait_for_load_state("networkidle")


def test_language_switch_keeps_the_reader_on_section_02(browser, site_url):
    from conftest import default_language

    zh = default_language()
    with Visit(browser, url_of(site_url, zh, "02")) as visit:
        page = visit.page
        switch_language(page, "en")
        assert urlsplit(page.url).path == "/en/02.html"
        assert page.get_attribute("html", "lang") == "en"
        switch_language(page, "zh")
        assert urlsplit(page.url).path == "/02.html"
        assert page.get_attribute("html", "lang") == "zh"
        assert visit.console_errors == [] and visit.failed == []


@pytest.mark.parametrize(
    "prefix,query,expect",
    [("", "可灵", "可灵"), ("en/", "Kling", "Kling")],
    ids=["zh", "en"],
)
def test_search_finds_results_in_the_readers_language_only(browser, site_url, prefix, query, expect):
    with Visit(browser, f"{site_url}{prefix}index.html") as visit:
        page = visit.page
        page.locator("input.md-search__input").click()  # in the header at desktop width
        page.locator("input.md-search__input").fill(query)
        page.locator("input.md-search__input").press("End")  # Material searches on keyup
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        links = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
        assert links
        paths = [urlsplit(link).path for link in links]
        if prefix:
            assert all(p.startswith(f"/{prefix}") for p in paths), paths
        else:
            assert not any(p.startswith("/en/") for p in paths), paths
        assert expect in page.inner_text(".md-search-result")


def test_print_shows_the_article_without_site_chrome(browser, site_url):
    from conftest import default_language

    with Visit(browser, url_of(site_url, default_language(), "01")) as visit:
        page = visit.page
        page.emulate_media(media="print")
        hidden = page.evaluate(
            "['.md-header', '.md-sidebar--primary', '.md-footer', '.md-search']"
            ".map(s => getComputedStyle(document.querySelector(s)).display)"
        )
        assert hidden == ["none"] * 4
        assert page.locator("article h1").is_visible()
        assert page.locator("figure.report-figure img").first.is_visible()
