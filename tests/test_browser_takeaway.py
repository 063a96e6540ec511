"""The take-away editions in a real browser (Debian Chromium through Playwright): the
"Cite this report" copy buttons copy, under the site's self-only CSP, served under a
sub-path and opened from disk, with no console error, failed request or violation."""

from __future__ import annotations

import pytest
from conftest import languages
from test_browser import visit

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", languages(), ids=[lang.code for lang in languages()])
def test_copy_buttons_copy_the_citation_and_the_bibtex(browser, any_site_url, lang):
    with visit(browser, any_site_url, lang, "sources") as page:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        for target in ("cite-text", "cite-bibtex"):
            button = page.page.locator(f'button[data-copy="{target}"]')
            if target == "cite-bibtex":
                page.page.locator(".report-cite__bibtex summary").click()
            assert button.is_visible()  # shown by copy.js
            label = button.text_content()
            button.click()
            copied = button.get_attribute("data-copied")
            page.page.wait_for_function("([b, word]) => b.textContent === word", arg=[button.element_handle(), copied])
            clipboard = page.page.evaluate("() => navigator.clipboard.readText()")
            assert clipboard == page.page.locator(f"#{target}").text_content() and clipboard
            assert label != copied
        assert page.problems() == {}


# Visible text smaller than Lighthouse's legible size, in characters, by element and size.
SMALL_TEXT = """() => {
  const small = {};
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, text = node.textContent.trim(), element = node.parentElement;
    if (!text || ["SCRIPT", "STYLE"].includes(element.tagName)) continue;
    const size = parseFloat(getComputedStyle(element).fontSize);
    if (size < 12) small[`${element.tagName.toLowerCase()} ${size}px`] = (small[`${element.tagName.toLowerCase()} ${size}px`] || 0) + text.length;
  }
  return small;
}"""


@pytest.mark.parametrize("lang", languages(), ids=[lang.code for lang in languages()])
def test_the_cite_block_is_legible_on_a_phone(browser, site_url, lang):
    """Lighthouse's legible-font-size audit failed the Chinese sources pages on phones when
    the BibTeX was set at 10.9 px: no text there is under 12 px."""
    with visit(browser, site_url, lang, "sources", width=412, height=823) as page:
        assert page.page.evaluate(SMALL_TEXT) == {}


@pytest.mark.parametrize("lang", languages(), ids=[lang.code for lang in languages()])
def test_the_cite_block_passes_axe_on_a_dark_system(browser, site_url, lang):
    """The copy buttons took Material's primary navy, near the dark page's own colour:
    axe's colour-contrast rule, run with the buttons shown and the BibTeX open."""
    with visit(browser, site_url, lang, "sources", scheme="dark") as page:
        page.page.locator(".report-cite__bibtex summary").click()
        assert page.page.locator('button[data-copy="cite-bibtex"]').is_visible()
        assert page.axe_violations() == []
