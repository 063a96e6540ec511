"""The parallel view and the Traditional edition in a real browser (Debian Chromium):
pairs side by side at 1280 px with their tops aligned, stacked at 360 px with no
sideways scroll; Traditional search; the language switch across three languages.
(axe, console and request checks cover these pages in test_browser.py.)"""

from __future__ import annotations

import pytest

from conftest import PARALLEL_PAGES
from sitegen.core.project import default_language, languages
from test_browser import search, switch_language, url_of, visit

pytestmark = pytest.mark.browser

PAIR_BOXES = """() => [...document.querySelectorAll('.report-pair')].map(pair => {
  const sides = [...pair.children].filter(c => c.getAttribute('lang'));
  return sides.map(s => { const r = s.getBoundingClientRect(); return [r.top, r.left, r.bottom, r.width]; });
})"""


@pytest.mark.parametrize("lang,page", PARALLEL_PAGES, ids=[page for _, page in PARALLEL_PAGES])
def test_pairs_sit_side_by_side_on_a_desktop(browser, site_url, lang, page):
    with visit(browser, site_url, lang, page, width=1280) as seen:
        pairs = seen.page.evaluate(PAIR_BOXES)
        assert len(pairs) > 3
        for first, second in pairs:
            assert abs(first[0] - second[0]) <= 3, (first, second)  # the same top
            assert second[1] - first[1] > 300  # a column apart
        assert seen.problems() == {}


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
    with visit(browser, site_url, default_language(), "01", width=1280) as seen:
        assert seen.page.evaluate(width) < wide - 200  # a single-language page keeps the reading column


@pytest.mark.parametrize("lang,page", PARALLEL_PAGES, ids=[page for _, page in PARALLEL_PAGES])
def test_pairs_stack_on_a_phone_without_sideways_scroll(browser, site_url, lang, page):
    with visit(browser, site_url, lang, page, width=360, height=740) as seen:
        for first, second in seen.page.evaluate(PAIR_BOXES):
            assert second[0] >= first[2] - 1, (first, second)  # the English below the Chinese
            assert abs(first[1] - second[1]) <= 1 and second[3] > 250  # same column, full width
        assert seen.page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_the_parallel_view_is_one_click_from_a_page_and_back(browser, site_url):
    zh, hant, en = (next(l for l in languages() if l.code == code) for code in ("zh", "zh-hant", "en"))
    first = PARALLEL_PAGES[0][0]
    with visit(browser, site_url, en, "02") as seen:
        seen.page.locator(".report-views a").last.click()
        seen.page.wait_for_load_state("networkidle")
        assert seen.page.url == url_of(site_url, first, "zh-en/02")
        seen.page.locator(".report-views a[hreflang='en']").click()
        seen.page.wait_for_load_state("networkidle")
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
    for start in codes:
        for target in codes:
            if target == start:
                continue
            with visit(browser, any_site_url, by_code[start], "02") as seen:
                listed = seen.page.eval_on_selector_all("a.md-select__link", "els => els.map(e => e.hreflang)")
                assert listed == codes
                switch_language(seen.page, target)
                assert seen.page.url == url_of(any_site_url, by_code[target], "02")
                assert seen.page.get_attribute("html", "lang").lower() == target


def test_the_language_switch_on_a_parallel_page_leads_to_the_page_it_pairs(browser, site_url):
    lang, page = PARALLEL_PAGES[2]
    en = next(l for l in languages() if l.code == "en")
    with visit(browser, site_url, lang, page) as seen:
        switch_language(seen.page, "en")
        assert seen.page.url == url_of(site_url, en, page.split("/")[-1])
