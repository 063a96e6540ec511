"""The built site as a reader gets it: every page in every language, the right language
metadata, clean text, and nothing loaded from another host."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ALL_PAGES, PAGE_IDS, page_file, page_names
from sitegen.content import read_article
from sitegen.scrape import PINYIN_GLOSS
from sitegen.site_config import languages

LANGS = list(languages())


class Elements(HTMLParser):
    """Start tags with their attributes, and the visible text."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def parse(path: Path) -> Elements:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def find(parser: Elements, tag: str, **attrs) -> list[dict]:
    return [a for t, a in parser.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def site_file(root: Path, url: str) -> Path:
    """The file in the built site that an absolute URL on the test server points to."""
    return root / urlsplit(url).path.lstrip("/")


def test_strict_build_has_no_warnings(built_site):
    assert "WARNING" not in built_site.log


@pytest.mark.parametrize("lang,page", ALL_PAGES, ids=PAGE_IDS)
def test_page_exists_with_language_metadata(built_site, lang, page):
    path = page_file(built_site.root, lang, page)
    html = path.read_text(encoding="utf-8")
    parser = parse(path)
    assert re.search(rf'<html lang="{lang.code}"', html)
    hreflangs = {a["hreflang"]: a["href"] for a in find(parser, "link", rel="alternate") if "hreflang" in a}
    assert set(hreflangs) == {l.code for l in LANGS} | {"x-default"}
    # Absolute URLs (relative hreflang links are ignored by search engines), each to this
    # same page in the other language; x-default to the default language's.
    assert all(re.match(r"^http://127\.0\.0\.1:\d+/", href) for href in hreflangs.values()), hreflangs
    for other in LANGS:
        assert site_file(built_site.root, hreflangs[other.code]) == page_file(built_site.root, other, page)
    default = next(l for l in LANGS if l.default)
    assert site_file(built_site.root, hreflangs["x-default"]) == page_file(built_site.root, default, page)
    description = find(parser, "meta", name="description")
    assert description and description[0]["content"]
    for prop in ("og:title", "og:description", "og:url", "og:locale"):
        assert find(parser, "meta", property=prop), prop
    assert find(parser, "meta", name="twitter:card")


@pytest.mark.parametrize("lang", LANGS, ids=[l.code for l in LANGS])
def test_home_page_description_is_in_its_language(built_site, lang):
    parser = parse(page_file(built_site.root, lang, "index"))
    content = find(parser, "meta", name="description")[0]["content"]
    has_han = bool(re.search(r"[\u4e00-\u9fff]", content))
    assert has_han == (lang.code == "zh")


@pytest.mark.parametrize("lang,page", ALL_PAGES, ids=PAGE_IDS)
def test_heading_anchors_are_readable(built_site, lang, page):
    parser = parse(page_file(built_site.root, lang, page))
    ids = [a["id"] for t, a in parser.tags if t in ("h1", "h2", "h3") and "id" in a]
    assert ids
    assert [i for i in ids if re.fullmatch(r"_\d*", i)] == []


@pytest.mark.parametrize("lang", LANGS, ids=[l.code for l in LANGS])
def test_section_pages_hold_every_paragraph_with_its_anchor(built_site, lang):
    article = read_article(lang.code)
    for section in article.sections:
        html = page_file(built_site.root, lang, section.number).read_text(encoding="utf-8")
        for index, _ in enumerate(section.paragraphs):
            assert f'id="p{section.number}-{index + 1}"' in html
        assert f'id="p{section.number}-{len(section.paragraphs) + 1}"' not in html


@pytest.mark.parametrize("lang,page", ALL_PAGES, ids=PAGE_IDS)
def test_previous_next_links_and_table_of_contents(built_site, lang, page):
    html = page_file(built_site.root, lang, page).read_text(encoding="utf-8")
    names = page_names()
    position = names.index(page)
    if position > 0:
        assert 'class="md-footer__link md-footer__link--prev"' in html
    if position < len(names) - 1:
        assert 'class="md-footer__link md-footer__link--next"' in html
    assert 'data-md-component="toc"' in html or 'class="md-nav md-nav--secondary"' in html


def test_home_page_has_title_dek_byline_lede_and_links_to_sections(built_site):
    for lang in LANGS:
        article = read_article(lang.code)
        html = page_file(built_site.root, lang, "index").read_text(encoding="utf-8")
        text = " ".join(parse(page_file(built_site.root, lang, "index")).text)
        for value in (article.meta["title"], article.meta["dek"], article.meta["byline"]):
            assert value in text
        assert article.lede_paragraphs[-1][:20] in text
        for section in article.sections:
            assert f'href="{section.number}.html"' in html


def test_sources_page_keeps_references_credit_and_reprint_notice(built_site):
    for lang in LANGS:
        meta = read_article(lang.code).meta
        text = " ".join(parse(page_file(built_site.root, lang, "sources")).text)
        for value in [meta["reprint"], meta["image_credit"], meta["source"], *meta["references"]]:
            assert value in text


def all_text_files(root: Path):
    for path in sorted(root.rglob("*")):
        if path.suffix in (".html", ".xml", ".json", ".css", ".js", ".md"):
            yield path


CHROME = ["扫一扫下载", "下载界面新闻", "暂无评论", "微信公众号", "正在阅读", "掃一掃", "評論"]


def test_no_pinyin_mojibake_or_page_chrome_anywhere(built_site):
    for path in all_text_files(built_site.root):
        if path.suffix == ".js" and "/assets/javascripts/" in str(path):
            continue  # the theme's own bundles
        text = path.read_text(encoding="utf-8", errors="strict")
        assert not PINYIN_GLOSS.search(text), path
        for junk in ["?!?/p>", "?!盇", "\ufffd", *CHROME]:
            assert junk not in text, (path, junk)


URL_ATTRS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "link": "href", "video": "src", "audio": "src"}


def test_nothing_loads_from_another_host(built_site):
    offenders = []
    for path in sorted(built_site.root.rglob("*.html")):
        for tag, attrs in parse(path).tags:
            key = URL_ATTRS.get(tag)
            if key and tag == "link" and attrs.get("rel") in ("alternate", "canonical", "prev", "next"):
                continue  # links, not loads
            value = attrs.get(key or "", "") or ""
            for candidate in [value, *[s.strip().split(" ")[0] for s in attrs.get("srcset", "").split(",") if s.strip()]]:
                if re.match(r"^(https?:)?//", candidate) and not re.match(r"^https?://127\.0\.0\.1[:/]", candidate):
                    offenders.append((path.name, tag, candidate))
    for path in sorted(built_site.root.rglob("*.css")):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", path.read_text(encoding="utf-8")):
            if re.match(r"^(https?:)?//", url):
                offenders.append((path.name, "css", url))
        for url in re.findall(r"@import\s+['\"]?(?:url\()?['\"]?([^'\"); ]+)", path.read_text(encoding="utf-8")):
            if re.match(r"^(https?:)?//", url):
                offenders.append((path.name, "@import", url))
    assert offenders == []


# Material's bundle names two CDN URLs that it loads only on demand: a ResizeObserver
# polyfill for browsers without one (we serve our own copy first, see main.html) and
# mermaid for diagrams (the report has none; checked below).
THEME_ON_DEMAND = ["https://unpkg.com/resize-observer-polyfill", "https://unpkg.com/mermaid@11/dist/mermaid.min.js"]


def test_no_google_fonts_or_cdn_named_anywhere(built_site):
    for path in all_text_files(built_site.root):
        text = path.read_text(encoding="utf-8")
        if path.name.startswith("bundle.") and path.suffix == ".js":
            for url in THEME_ON_DEMAND:
                text = text.replace(url, "")
        for host in ("fonts.googleapis", "fonts.gstatic", "cdn.jsdelivr", "unpkg.com", "cdnjs", "googletagmanager"):
            assert host not in text, (path, host)
        if path.suffix == ".html":
            assert 'class="mermaid"' not in text
            assert "resize-observer-polyfill.js" in text


def test_search_indexes_are_one_per_language(built_site):
    for lang in LANGS:
        index = json.loads((built_site.root / lang.url_prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
        docs = index["docs"]
        assert docs
        locations = [d["location"] for d in docs]
        others = [l.url_prefix for l in LANGS if not l.default]
        assert not any(loc.startswith(tuple(others)) for loc in locations), lang.code
        text = " ".join(d["text"] for d in docs)
        han = len(re.findall(r"[\u4e00-\u9fff]", text))
        if lang.code == "zh":
            assert "\u200b" in text  # jieba's word boundaries
            assert han > 3000
        else:
            assert han < len(text) / 50


def test_every_language_root_has_a_sitemap(built_site):
    # Material fetches sitemap.xml beside each hreflang alternate; a missing one is a 404.
    for lang in LANGS:
        assert (built_site.root / lang.url_prefix / "sitemap.xml").exists()
