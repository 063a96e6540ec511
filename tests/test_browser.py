"""Every page in a real browser (Debian Chromium through Playwright), served under a
sub-path on 127.0.0.1 and opened from disk: no console errors, no failed requests, no
request outside the site, no Content-Security-Policy violation, no axe violations at WCAG
2.2 AA, no horizontal scrolling at 360 px; and the reader's paths through the site work."""

from __future__ import annotations

import contextlib
import re
import sys
from pathlib import Path

import axe_playwright_python
import pytest
from conftest import BUILD, READER_PAGE_IDS, READER_PAGES, languages

pytestmark = pytest.mark.browser

AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


# Reports each Content-Security-Policy violation, in every frame (iframe-worker's too).
_REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", e =>
  window.reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} in ${e.sourceFile}:${e.lineNumber}`));
"""


# The lines a stretch of an element's text is set on, as the screen shows them, from
# `from` in its text (its textContent) to its end: each character's box (a character with
# none, or none wide, such as a collapsed space, is on no line), a new line where a box
# starts more than `gap` below the top of the line before (by default half the element's
# line height). A JavaScript function's source, for the scripts that measure lines
# (test_browser_reading.py, test_browser_editions.py) to name and call: each character
# walked costs microseconds, a page's paragraphs some 20 to 40 ms.
TEXT_LINES = """(element, from = 0, gap = parseFloat(getComputedStyle(element).lineHeight) / 2 || 8) => {
  const lines = [];
  const range = document.createRange();
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let top = -Infinity, offset = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.length; i++, offset++) {
      if (offset < from) continue;
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const box = range.getClientRects()[0];
      if (!box || box.width === 0) continue;
      if (box.top > top + gap) { lines.push(""); top = box.top; }
      lines[lines.length - 1] += node.data[i];
    }
  }
  return lines;
}"""


def is_narrow(url: str) -> bool:
    """Whether an image URL is a narrow (phone) drawing, at any scale: x.narrow.webp,
    x.narrow@2x.webp, x.narrow.dark@2x.png. A browser may show a larger scale than its
    screen asks for when that one is already in its cache."""
    return re.search(r"\.narrow[.@]", url) is not None


class _Room:
    """A context and its one page, kept for one site root (a `base`) and lent to one
    visit at a time. A page in a fresh context costs Chromium a renderer's start and a
    cold one's first page: about 1.1 s of CPU a visit, where the next page in the same
    renderer costs 0.2 to 0.4 s (fonts, styles and scripts already in it)."""

    def __init__(self, browser):
        self.context = browser.new_context()
        self.visit: Visit | None = None
        # Bound once for the context: each report goes to the visit that has the room.
        self.context.expose_function(
            "reportCspViolation", lambda text: self.visit and self.visit.csp_violations.append(text)
        )
        self.context.add_init_script(_REPORT_CSP_VIOLATIONS)
        self.page = self.context.new_page()
        self.devtools = self.context.new_cdp_session(self.page)

    def empty_storage(self, base: str) -> None:
        """Empty the local and session storage of `base`'s origin, from outside any page of
        it: a page still loading when a visit ends would save its palette again after a
        clear made from inside it, and the next visit, dark, would open light."""
        scheme, _, rest = base.partition("://")
        origin = "file://" if scheme == "file" else f"{scheme}://{rest.split('/', 1)[0]}"
        self.devtools.send(
            "Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "local_storage,session_storage"}
        )


_ROOMS: dict[tuple[int, str], _Room] = {}


class Visit:
    """A page opened with everything that went wrong recorded.

    `url` is a page under `base`, the site's root as served (a sub-path on 127.0.0.1, or
    a file:// folder); any request that leaves `base` is recorded (and fails: the browser reaches
    127.0.0.1 alone).

    The page is the one page of this site root's room (_Room), as a reader opening the
    site for the first time would have it: its local and session storage cleared when
    the last visit left, at the visit's size and colour scheme, with no print media, no
    permission and the mouse off the page. What it keeps is what makes a first page
    cost more than the next: its renderer, and the HTTP cache, whose answers Chromium
    still reports as requests (the clean checks see every one; no failure is cached).
    A visit with an `init_script`, or `fresh` (about what a first load fetches, or
    a first visit's scheme), opens in a context of its own; so does one that starts
    while another has the room."""

    def __init__(
        self,
        browser,
        url: str,
        base: str,
        width: int = 1280,
        height: int = 900,
        scheme: str = "light",
        init_script: str = "",
        fresh: bool = False,
    ):
        assert url.startswith(base), (url, base)
        self.base = base
        self.console_errors: list[str] = []
        self.failed: list[str] = []
        self.foreign: list[str] = []
        self.csp_violations: list[str] = []
        self.in_flight: set = set()  # requests sent and not yet answered (settle())
        self.sent: set = set()  # every request of this visit: a request of the last one's is not
        # What was asked for since the page last loaded: the page's icon is asked for
        # after the load event (arrive()).
        self.since_load: list[str] = []
        self.room = None
        if not (fresh or init_script):
            self.room = _ROOMS.get((id(browser), base)) or _ROOMS.setdefault((id(browser), base), _Room(browser))
            if self.room.visit is not None:
                self.room = None  # lent to another visit: this one opens its own
        if self.room is None:
            self.context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
            self.context.expose_function("reportCspViolation", lambda text: self.csp_violations.append(text))
            self.context.add_init_script(_REPORT_CSP_VIOLATIONS + init_script)
            self.page = self.context.new_page()
        else:
            self.room.visit = self
            self.context, self.page = self.room.context, self.room.page
            self.page.set_viewport_size({"width": width, "height": height})
            self.page.emulate_media(media="null", color_scheme=scheme)
        self.listeners = [
            ("console", lambda m: m.type == "error" and self.console_errors.append(m.text)),
            ("pageerror", lambda e: self.console_errors.append(str(e))),
            ("request", self._sent),
            ("requestfailed", self._failed),
            (
                "response",
                lambda r: r.status >= 400 and r.request in self.sent and self.failed.append(f"{r.url} {r.status}"),
            ),
            ("requestfinished", lambda r: self.in_flight.discard(r)),
            ("load", lambda _: self.since_load.clear()),
        ]
        for event, listener in self.listeners:
            self.page.on(event, listener)
        try:
            self.goto(url)
        except BaseException:
            self.__exit__(*sys.exc_info())  # the room back, or dropped, for the next visit
            raise

    def _sent(self, request) -> None:
        self.sent.add(request)
        self.in_flight.add(request)
        self.since_load.append(request.url)
        self._record_foreign(request)

    def _failed(self, request) -> None:
        if request in self.sent:
            self.failed.append(f"{request.url} {request.failure}")
        self.in_flight.discard(request)

    def _record_foreign(self, request) -> None:
        # Any request outside the site's root, recorded as it is sent. The browser reaches
        # no host but 127.0.0.1 (tools/localhost.py, CHROMIUM_ARGS): another host's fails.
        if not request.url.startswith((self.base, "data:", "blob:", "about:")):
            self.foreign.append(request.url)

    def goto(self, url: str) -> None:
        """Open `url` in this visit's page, as a reader following a link does, and
        arrive()."""
        self.page.goto(url, wait_until="load")
        self.arrive()

    def forget(self) -> None:
        """Empty the site's local and session storage (the palette a page saved): the
        next page opened is, to the site's scripts, a reader's first."""
        if self.page.url.startswith(self.base):
            self.page.evaluate("() => { localStorage.clear(); sessionStorage.clear() }")

    def arrive(self, timeout_ms: int = 10_000) -> None:
        """After a navigation: wait for its page to load, load the icon it names, as a
        browser's tab does just after the load event (the headless browser has no tab,
        so the visit asks for it; the clean checks then see it fail if it is missing),
        and settle(). Playwright's "networkidle" waits 500 ms of quiet instead, a
        quarter of a visit's time."""
        self.page.wait_for_load_state("load")
        icon = self.page.evaluate(
            """() => {
                const link = document.querySelector('link[rel~=icon]');
                if (link) new Image().src = link.href;
                return link?.href ?? null;
            }"""
        )
        self.settle(timeout_ms)
        assert icon is None or icon in self.since_load, f"{self.page.url}: its icon {icon} never asked for"

    def settle(self, timeout_ms: int = 10_000) -> None:
        """Wait, after a click, until what it set loading has loaded: the next navigation
        would cut it short (net::ERR_ABORTED), as it would a reader's. Two frames first,
        for the browser to send what the click's new style or layout asks for."""
        self.page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        waited = 0
        while self.in_flight and waited < timeout_ms:
            self.page.wait_for_timeout(20)
            waited += 20
        assert not self.in_flight, f"still loading after {timeout_ms} ms: {[r.url for r in self.in_flight]}"

    def resize(self, width: int, height: int) -> None:
        """The same page in a window of another size, as a reader turns a tablet or
        narrows a window: what only lays the page out again needs no new load. settle():
        the frames in which the page's scripts see the new size, and what it loads; then
        what the new size set moving at rest (Material's header search takes 0.25 s to
        widen to a desktop's: 54 px past the window until then), as on a fresh load."""
        self.page.set_viewport_size({"width": width, "height": height})
        self.settle()
        self.page.wait_for_function(
            "() => document.getAnimations().every(a => a.playState !== 'running'"
            " || a.effect.getComputedTiming().endTime === Infinity)"
        )

    def problems(self) -> dict[str, list[str]]:
        """Everything that went wrong so far; {} when nothing did."""
        found = {
            "console errors": self.console_errors,
            "failed requests": self.failed,
            "requests outside the site": self.foreign,
            "CSP violations": self.csp_violations,
        }
        return {kind: items for kind, items in found.items() if items}

    def load_every_image(self) -> list[str]:
        """Load lazy images too, as scrolling would; return the ones that did not load."""
        self.page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
        self.page.wait_for_function(
            "() => [...document.images].every(i => i.complete)"
        )  # a function: an expression would be eval()ed, which the CSP blocks
        self.settle()
        return self.page.evaluate("[...document.images].filter(i => i.naturalWidth === 0).map(i => i.src)")

    def axe_violations(self) -> list[str]:
        self.page.evaluate(AXE_JS.read_text(encoding="utf-8"))  # not a <script>: the page policy blocks those
        result = self.page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA)
        return [f"{v['id']}: {v['help']} @ {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]

    def __enter__(self) -> Visit:
        return self

    def __exit__(self, *exc) -> None:
        if self.room is None:
            self.context.close()
            return
        try:
            # Leave the room as the next visit needs it: the page gone (nothing of it left
            # to report or to save), then its site's storage empty, the mouse off it, no
            # permission.
            self.page.goto("about:blank")
            self.room.empty_storage(self.base)
            self.page.mouse.move(-1, -1)
            self.context.clear_permissions()
            for event, listener in self.listeners:
                self.page.remove_listener(event, listener)
            self.room.visit = None
        except Exception:
            # A page the test left unusable: the next visit gets a new room.
            for key in [key for key, room in _ROOMS.items() if room is self.room]:
                del _ROOMS[key]
            with contextlib.suppress(Exception):
                self.room.context.close()
            if exc == (None, None, None):
                raise


def url_of(site_url: str, lang, page: str) -> str:
    return f"{site_url}{lang.url_prefix}{page}.html"


def visit(browser, base: str, lang, page: str, **options) -> Visit:
    return Visit(browser, url_of(base, lang, page), base, **options)


def clean_or_not(seen: Visit) -> dict:
    """What went wrong on a visit's page once every image, lazy ones too, has loaded."""
    found = {}
    if not_loaded := seen.load_every_image():
        found["images that did not load"] = not_loaded
    return found | seen.problems()


# One visit of each page checks all that holds of every page as it loads: the site served
# under a sub-path (axe, then the same page narrowed to a phone's 360 px) and opened from disk.
@pytest.mark.parametrize("lang,page", READER_PAGES, ids=READER_PAGE_IDS)
def test_served_page_is_clean_passes_axe_and_never_scrolls_sideways_at_360px(browser, site_url, lang, page):
    with visit(browser, site_url, lang, page) as seen:
        found = clean_or_not(seen)
        if violations := seen.axe_violations():
            found["axe violations"] = violations
        seen.resize(360, 740)
        overflow = seen.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            found["px scrolled sideways at 360 px"] = overflow
        assert found == {}, found


@pytest.mark.parametrize("lang,page", READER_PAGES, ids=READER_PAGE_IDS)
def test_page_opened_from_disk_is_clean(browser, file_url, lang, page):
    with visit(browser, file_url, lang, page) as seen:
        found = clean_or_not(seen)
        assert found == {}, found


@pytest.mark.parametrize("width, narrow", [(360, True), (1280, False)])
def test_phones_get_the_narrow_chart_and_desktops_the_wide_one(browser, site_url, width, narrow):
    with visit(browser, site_url, BUILD.project.default_language(), "index", width=width, height=740) as seen:
        seen.load_every_image()
        # The image each figure shows (its other scheme's is hidden: tests/test_browser_figures.py).
        sources = seen.page.evaluate(
            "[...document.querySelectorAll('figure.report-figure img')].filter(i => i.checkVisibility()).map(i => i.currentSrc)"
        )
        assert sources
        for source in sources:
            assert source.endswith((".narrow.webp", ".narrow@2x.webp")) == narrow, source  # the WebP, over the PNG
            assert source.endswith(".webp"), source


def toggle_palette(seen: Visit) -> None:
    """Click Material's palette toggle in the header, as a reader does; return once the
    switch is over (report/palette.js: <body> loses data-md-color-switching two frames
    after the new colours, so nothing is caught fading) and what it set loading (the
    charts of the other scheme in view) has loaded."""
    seen.page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    seen.page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")
    seen.settle()


def test_dark_mode_passes_axe_and_the_toggle_switches_scheme(browser, site_url):
    with visit(browser, site_url, BUILD.project.default_language(), "01") as seen:
        page = seen.page
        before = page.get_attribute("body", "data-md-color-scheme")
        toggle_palette(seen)
        after = page.get_attribute("body", "data-md-color-scheme")
        assert {before, after} == {"default", "slate"}
        assert seen.axe_violations() == []


def test_nothing_fades_while_the_scheme_switches_and_links_fade_after(browser, site_url):
    # Material's rule against transitions during a switch answers to an attribute that
    # report/palette.js sets only when the reader switches, not on every load.
    with visit(browser, site_url, BUILD.project.default_language(), "01") as seen:
        page = seen.page
        assert page.evaluate("document.body.hasAttribute('data-md-color-switching')") is False
        durations = page.evaluate("""async () => {
            const link = document.querySelector('.md-content .md-typeset a')
            const duration = () => getComputedStyle(link).transitionDuration
            const before = duration()
            document.querySelector("label.md-header__button[for^='__palette']:not([hidden])").click()
            const during = duration()
            await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50))))
            return [before, during, duration()]
        }""")
        assert durations == ["0.125s", "0s", "0.125s"], durations


SCHEME_STATE = """() => ({
    scheme: document.body.getAttribute('data-md-color-scheme'),
    toggle: [...document.querySelectorAll("label[for^='__palette']")].filter(l => !l.hidden).map(l => l.htmlFor),
    colorSchemeMetas: [...document.querySelectorAll('meta[name=color-scheme]')].map(m => m.content),
    themeColor: [...document.querySelectorAll('meta[name=theme-color]')].map(m => m.content),
})"""


@pytest.mark.parametrize("system", ["light", "dark"])
def test_a_first_visit_shows_the_systems_scheme_and_the_toggle_to_the_other(browser, site_url, system):
    with visit(browser, site_url, BUILD.project.default_language(), "01", scheme=system, fresh=True) as seen:
        expected = {"light": "default", "dark": "slate"}[system]
        # Waited for, not read once: on a loaded machine (a full `make test`) it was read
        # once as "default" on a dark system, and as "slate" on a rerun.
        seen.page.wait_for_function(
            "scheme => document.body.getAttribute('data-md-color-scheme') === scheme", arg=expected, timeout=5_000
        )
        state = seen.page.evaluate(SCHEME_STATE)
        assert state["scheme"] == expected
        assert state["toggle"] == [{"light": "__palette_1", "dark": "__palette_0"}[system]]
        # One colour-scheme meta, the head's, left as it is: the system's scheme is shown.
        assert state["colorSchemeMetas"] == ["light dark"]
        assert len(state["themeColor"]) == 1 and re.fullmatch(r"#[0-9a-f]{6}", state["themeColor"][0]), state


def test_the_scheme_chosen_holds_on_the_next_page_and_enter_switches_back(browser, site_url):
    lang = BUILD.project.default_language()
    with visit(browser, site_url, lang, "01") as seen:
        page = seen.page
        light_header = page.evaluate(SCHEME_STATE)["themeColor"]
        page.locator("label.md-header__button[for^='__palette']:visible").first.click()
        dark = page.evaluate(SCHEME_STATE)
        assert dark["scheme"] == "slate" and dark["toggle"] == ["__palette_0"]
        assert dark["colorSchemeMetas"] == ["dark"]  # not the light system's scheme
        assert dark["themeColor"] != light_header
        seen.settle()  # the dark charts in view, fetched on the switch
        seen.goto(url_of(site_url, lang, "02"))
        # Every chart of the page loaded, in the dark, before the switch back: a lazy one
        # asked for late was cut short by it (net::ERR_ABORTED) on a loaded machine.
        assert seen.load_every_image() == []
        assert page.evaluate(SCHEME_STATE) == dark
        page.focus("#__palette_1")
        page.keyboard.press("Enter")
        light = page.evaluate(SCHEME_STATE)
        assert light["scheme"] == "default" and light["toggle"] == ["__palette_1"]
        assert light["colorSchemeMetas"] == ["light dark"]
        assert light["themeColor"] == light_header
        seen.settle()  # the light charts, fetched on the switch back
        assert seen.problems() == {}


def switch_language(seen: Visit, target_code: str) -> None:
    """Choose another language from the header's menu; return once its page has arrived."""
    seen.page.locator(".md-header__option .md-select").first.hover()
    with seen.page.expect_navigation(wait_until="load"):
        seen.page.locator(f"a.md-select__link[hreflang='{target_code}']").first.click()
    seen.arrive()


def test_language_switch_keeps_the_reader_on_section_02(browser, any_site_url):
    zh, en = (next(l for l in languages() if l.code == code) for code in ("zh", "en"))
    with visit(browser, any_site_url, zh, "02") as seen:
        page = seen.page
        switch_language(seen, "en")
        assert page.url == url_of(any_site_url, en, "02")
        assert page.get_attribute("html", "lang") == "en"
        switch_language(seen, "zh")
        assert page.url == url_of(any_site_url, zh, "02")
        assert page.get_attribute("html", "lang") == "zh"
        assert seen.problems() == {}


def search(page, query: str) -> list[str]:
    """Type a query into Material's search as a reader does; the result links."""
    field = page.locator("input.md-search__input")
    field.click()  # in the header at desktop width
    field.fill(query)
    field.press("End")  # Material searches on keyup
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    return page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")


_INDEX_REQUESTS = (
    "performance.getEntriesByType('resource').map(e => e.name).filter(n => n.endsWith('/search/search_index.json'))"
)


@pytest.mark.parametrize("width", [1280, 360])
def test_the_search_index_is_fetched_when_the_reader_goes_to_search(browser, site_url, width):
    """Not with the page (most readers never search; on a phone the index is the largest
    request after the page): when the search field gets the focus, or on a phone the
    search toggle is switched on. Then the search works."""
    with visit(browser, site_url, BUILD.project.default_language(), "01", width=width, height=740, fresh=True) as seen:
        page = seen.page
        # Loaded, settled, and the page's scripts idle: what they fetch unasked they have asked for.
        page.evaluate("() => new Promise(done => requestIdleCallback(done))")
        seen.settle()
        assert page.evaluate(_INDEX_REQUESTS) == []
        if width < 600:
            page.locator("label.md-header__button[for=__search]").click()
        else:
            page.locator("input.md-search__input").focus()
        page.wait_for_function(f"() => {_INDEX_REQUESTS}.length === 1", timeout=10_000)
        assert search(page, "快手")
        assert seen.problems() == {}


@pytest.mark.parametrize("code,query", [("zh", "快手"), ("en", "Kuaishou")])
def test_search_from_the_home_page_finds_results(browser, any_site_url, code, query):
    lang = next(l for l in languages() if l.code == code)
    with visit(browser, any_site_url, lang, "index") as seen:
        links = search(seen.page, query)
        assert links and all(link.startswith(any_site_url + lang.url_prefix) for link in links), links
        assert seen.problems() == {}


@pytest.mark.parametrize(
    "code,query,expect",
    [("zh", "可灵", "可灵"), ("en", "Kling", "Kling")],
)
def test_search_finds_results_in_the_readers_language_only(browser, site_url, code, query, expect):
    lang = next(l for l in languages() if l.code == code)
    with visit(browser, site_url, lang, "index") as seen:
        links = search(seen.page, query)
        assert links
        other_roots = [site_url + l.url_prefix for l in languages() if not l.default and l != lang]
        assert not any(link.startswith(tuple(other_roots)) for link in links), links
        assert all(link.startswith(site_url + lang.url_prefix) for link in links), links
        assert expect in seen.page.inner_text(".md-search-result")


def test_a_chinese_query_is_highlighted_whole_in_the_results_and_on_the_page(browser, site_url):
    """快手们 is searched as 快手 (Material cuts the query on the index's words), yet the
    results mark 快手们 whole where they show it, never 快 or 快手 with the rest left
    plain, and the sources page a result opens highlights 快手们 too."""
    zh = BUILD.project.default_language()
    with visit(browser, site_url, zh, "index") as seen:
        page = seen.page
        links = search(page, "快手们")
        marks = page.eval_on_selector_all(
            ".md-search-result mark",
            "els => els.map(m => [m.textContent, m.nextSibling ? m.nextSibling.textContent : ''])",
        )
        shown = [(text.replace("\u200b", ""), after.replace("\u200b", "")) for text, after in marks]
        assert ("快手们", "") in [(text, "") for text, _ in shown], shown
        # a mark of 快 or 快手 followed by the rest of the word, unmarked
        cut = [(text, after) for text, after in shown if text != "快手们" and (text + after).startswith("快手们")]
        assert not cut, shown
        sources = next(link for link in links if "/sources.html" in link)
        seen.goto(sources)
        page.wait_for_selector(".md-content mark[data-md-highlight]", timeout=10_000)
        assert "快手们" in page.eval_on_selector_all(".md-content mark", "els => els.map(m => m.textContent)")
        assert seen.problems() == {}


# Records every query the page sends to Material's search worker (over http, where the
# worker is a real Worker), to count searches.
_RECORD_SEARCHES = """
window.searchedFor = [];
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message, ...rest) {
  if (message && typeof message.data === "string") window.searchedFor.push(message.data);
  return post.call(this, message, ...rest);
};
"""


def result_links(page) -> list[str]:
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    return sorted(page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)"))


@pytest.mark.parametrize("query", ["快手", "可灵", "市值", "中厂"])
def test_chinese_search_works_for_text_entered_without_key_events(browser, site_url, query):
    """An IME candidate tapped on a phone, a paste or voice input commits text with no key
    event: the search must run on it, and on text typed key by key, once per change."""
    zh = BUILD.project.default_language()
    with (
        visit(browser, site_url, zh, "index") as typed,
        visit(browser, site_url, zh, "index", init_script=_RECORD_SEARCHES) as inserted,
    ):
        search(typed.page, query)
        expected = result_links(typed.page)
        inserted.page.locator("input.md-search__input").click()
        inserted.page.keyboard.insert_text(query)  # no keydown, keyup or keypress
        assert result_links(inserted.page) == expected
        assert inserted.page.evaluate("window.searchedFor").count(query) == 1
        assert inserted.problems() == {}


def test_a_query_finished_without_a_key_event_searches_the_whole_query(browser, site_url):
    """ "AI" typed key by key, then "战略" from the IME's candidate bar: the search is for
    "AI战略", not for "AI" alone."""
    zh = BUILD.project.default_language()
    with visit(browser, site_url, zh, "index", init_script=_RECORD_SEARCHES) as seen:
        field = seen.page.locator("input.md-search__input")
        field.click()
        field.press_sequentially("AI")
        seen.page.keyboard.insert_text("战略")
        seen.page.wait_for_function("() => window.searchedFor.includes('AI战略')", timeout=10_000)
        searched = seen.page.evaluate("window.searchedFor")
        assert searched.count("AI战略") == 1 and searched.count("A") <= 1 and searched.count("AI") <= 1, searched


@pytest.mark.parametrize("page,width", [("data", 1280), ("index", 390), ("data", 390)])
def test_a_headings_permalink_takes_no_line_of_its_own(browser, site_url, page, width):
    """The hidden "#" after a heading whose last line was full wrapped alone onto the next,
    a blank line to the eye (a review: en/data.html at 1280 px): it sits in the heading's
    margin, so every heading is as tall with it as without; and it shows on hover."""
    en = BUILD.project.language("en")
    with visit(browser, site_url, en, page, width=width) as seen:
        taller = seen.page.evaluate("""() => [...document.querySelectorAll('.md-typeset .headerlink')].map(link => {
            const heading = link.parentElement, tall = heading.getBoundingClientRect().height;
            link.style.display = 'none';
            const without = heading.getBoundingClientRect().height;
            link.style.display = '';
            return [heading.textContent, tall - without];
        }).filter(([, more]) => more > 0.5)""")
        assert taller == []
        assert seen.page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        heading = seen.page.locator(".md-typeset h2:has(> .headerlink)").first
        heading.hover()
        link = heading.locator(".headerlink").element_handle()
        seen.page.wait_for_function("link => getComputedStyle(link).opacity === '1'", arg=link, timeout=2000)


def test_the_page_reads_as_a_report_not_documentation(browser, site_url):
    """One heading scale (chart heads smaller than part heads), a serif headline and a lighter dek,
    editor's notes as ruled asides, no permalink marks until asked for, contents titles
    not underlined."""
    zh = BUILD.project.default_language()
    with visit(browser, site_url, zh, "index") as seen:
        style = seen.page.evaluate("""() => {
          const css = (selector, property) => getComputedStyle(document.querySelector(selector))[property];
          return {
            h1Font: css("h1", "fontFamily"), dekWeight: css(".report-dek", "fontWeight"),
            chartHead: css("h2.report-figure-heading", "fontSize"), partHead: css("h2#contents", "fontSize"),
            permalink: css("h2.report-figure-heading .headerlink", "opacity"),
            contentsUnderline: css(".report-contents__title a", "textDecorationLine"),
          }
        }""")
        assert "Noto Serif CJK SC" in style["h1Font"] and int(style["dekWeight"]) <= 400
        assert float(style["chartHead"][:-2]) < float(style["partHead"][:-2])
        assert style["permalink"] == "0" and style["contentsUnderline"] == "none"
        note = seen.page.evaluate("""() => {
          const note = document.querySelector(".admonition.note"), title = note.querySelector(".admonition-title");
          return {background: getComputedStyle(note).backgroundColor, border: getComputedStyle(note).borderLeftStyle,
                  titleBackground: getComputedStyle(title).backgroundColor, icon: getComputedStyle(title, "::before").display}
        }""")
        assert note == {
            "background": "rgba(0, 0, 0, 0)",
            "border": "solid",
            "titleBackground": "rgba(0, 0, 0, 0)",
            "icon": "none",
        }


def test_english_lines_stay_within_about_66_characters(browser, site_url):
    en = next(l for l in languages() if l.code == "en")
    with visit(browser, site_url, en, "02") as seen:
        per_line = seen.page.evaluate("""() => [...document.querySelectorAll(".md-content p[id^=p]")].map(p => {
          const lines = Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight));
          return lines > 2 ? p.textContent.length / lines : 0;
        }).filter(n => n > 0)""")
        assert per_line and max(per_line) <= 72, max(per_line)


@pytest.mark.parametrize("code", ["zh", "en"])
def test_the_headline_leaves_room_for_the_story_on_a_phone(browser, site_url, code):
    """At 390 × 844 the home page's title takes at most a quarter of the screen, and the
    story's first paragraph starts in the first two thirds of it."""
    lang = next(l for l in languages() if l.code == code)
    with visit(browser, site_url, lang, "index", width=390, height=844) as seen:
        title = seen.page.evaluate("document.querySelector('h1').getBoundingClientRect().height")
        assert title <= 844 / 4, title
        first = seen.page.evaluate("document.querySelector('p[id=p00-1]').getBoundingClientRect().top")
        assert first < 844 * 2 / 3, first


def test_print_shows_the_article_without_site_chrome(browser, site_url):
    with visit(browser, site_url, BUILD.project.default_language(), "01") as seen:
        page = seen.page
        page.emulate_media(media="print")
        hidden = page.evaluate(
            "['.md-header', '.md-sidebar--primary', '.md-footer', '.md-search']"
            ".map(s => getComputedStyle(document.querySelector(s)).display)"
        )
        assert hidden == ["none"] * 4
        assert page.locator("article h1").is_visible()
        assert page.locator("figure.report-figure img").first.is_visible()
