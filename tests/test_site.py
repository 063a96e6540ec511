"""The built site as a reader gets it: every page in every language, the right language
metadata, clean text, and nothing loaded from another host."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ALL_PAGES, BUILD, PAGE_IDS, PARALLEL_PAGES, is_chinese, languages, page_file, page_names
from lxml import html as lxml_html

from sitegen.model.content import read_article
from sitegen.model.frontmatter import byline_name
from tools.scrape import PINYIN_GLOSS

LANGS = list(languages())


@dataclass(frozen=True)
class Page:
    """A built page parsed by lxml: its elements, their attributes, its visible text."""

    root: object  # lxml.html.HtmlElement

    @property
    def tags(self) -> list[tuple[str, dict]]:
        return [(el.tag, dict(el.attrib)) for el in self.root.iter() if isinstance(el.tag, str)]

    @property
    def text(self) -> list[str]:
        return self.root.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")

    def xpath(self, query: str):
        return self.root.xpath(query)


def parse(path: Path) -> Page:
    return Page(lxml_html.fromstring(path.read_bytes()))


def find(page: Page, tag: str, **attrs) -> list[dict]:
    """The attributes of every `tag` element whose attributes include `attrs`."""
    return [dict(el.attrib) for el in page.root.iter(tag) if all(el.get(k) == v for k, v in attrs.items())]


def test_strict_build_has_no_warnings(built_site):
    assert "WARNING" not in built_site.log


@pytest.mark.parametrize("lang,page", ALL_PAGES, ids=PAGE_IDS)
def test_page_exists_with_language_metadata(built_site, lang, page):
    path = page_file(built_site.root, lang, page)
    parser = parse(path)
    # Language tags are case-insensitive (BCP 47): /zh-hant/ pages say lang="zh-Hant".
    assert [tag.lower() for tag in parse(path).xpath("/html/@lang")] == [lang.code.lower()]
    description = find(parser, "meta", name="description")
    assert description and description[0]["content"]
    for prop in ("og:title", "og:description", "og:locale"):
        assert find(parser, "meta", property=prop), prop
    assert find(parser, "meta", name="twitter:card")


# Attributes that hold a URL, and the meta properties whose content is one.
LINK_ATTRS = ("href", "src", "srcset", "action", "poster", "data")
URL_META = ("og:url", "og:image", "twitter:image")


def absolute_urls(path: Path) -> list[str]:
    """Every absolute URL a page links to or loads (XML namespaces in inline SVG aside)."""
    found = []
    for tag, attrs in parse(path).tags:
        values = [attrs.get(key) or "" for key in LINK_ATTRS]
        if tag == "meta" and (attrs.get("property") in URL_META or attrs.get("name") in URL_META):
            values.append(attrs.get("content") or "")
        for value in values:
            for candidate in value.split(","):
                candidate = candidate.strip().split(" ")[0]
                if re.match(r"^([a-z][a-z0-9+.-]*:)?//", candidate, re.I):
                    found.append(f"{tag}: {candidate}")
    return found


def test_a_build_without_site_url_names_no_host(built_site):
    offenders = {}
    for path in sorted(built_site.root.rglob("*.html")):
        if absolute_urls(path):
            offenders[path.relative_to(built_site.root).as_posix()] = absolute_urls(path)
    assert offenders == {}
    # No sitemap (its <loc>s must be absolute), and no page carries hreflang or canonical.
    assert list(built_site.root.rglob("sitemap.xml*")) == []
    for lang, page in ALL_PAGES:
        parser = parse(page_file(built_site.root, lang, page))
        assert find(parser, "link", rel="canonical") == []
        assert [a for a in find(parser, "link", rel="alternate") if "hreflang" in a] == []
        assert find(parser, "meta", property="og:url") == find(parser, "meta", property="og:image") == []


@pytest.mark.parametrize("lang,page", ALL_PAGES, ids=PAGE_IDS)
def test_a_build_with_site_url_puts_every_absolute_url_under_it(deployed_site, lang, page):
    from conftest import DEPLOYED_SITE_URL

    root = deployed_site.root
    parser = parse(page_file(root, lang, page))

    def file_at(url: str) -> Path:
        assert url.startswith(DEPLOYED_SITE_URL), url
        return root / url[len(DEPLOYED_SITE_URL) :]

    canonical = [a["href"] for a in find(parser, "link", rel="canonical")]
    assert [file_at(url) for url in canonical] == [page_file(root, lang, page)]
    og_url = [a["content"] for a in find(parser, "meta", property="og:url")]
    assert og_url == canonical
    # hreflang: each language's version of this same page; x-default the default language's.
    hreflangs = {a["hreflang"]: a["href"] for a in find(parser, "link", rel="alternate") if "hreflang" in a}
    assert set(hreflangs) == {l.code for l in LANGS} | {"x-default"}
    for other in LANGS:
        assert file_at(hreflangs[other.code]) == page_file(root, other, page)
    default = next(l for l in LANGS if l.default)
    assert file_at(hreflangs["x-default"]) == page_file(root, default, page)
    images = [a["content"] for a in find(parser, "meta", property="og:image")]
    images += [a["content"] for a in find(parser, "meta", name="twitter:image")]
    for url in images:
        assert file_at(url).is_file(), url
    assert [u for u in absolute_urls(page_file(root, lang, page)) if DEPLOYED_SITE_URL not in u] == []


def test_the_sitemap_lists_every_page_under_site_url(deployed_site):
    from conftest import DEPLOYED_SITE_URL

    sitemap = (deployed_site.root / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    expected = {DEPLOYED_SITE_URL + lang.url_prefix + f"{page}.html" for lang, page in ALL_PAGES}
    assert set(locations) == expected


@pytest.mark.parametrize("lang", LANGS, ids=[l.code for l in LANGS])
def test_home_page_description_is_in_its_language(built_site, lang):
    parser = parse(page_file(built_site.root, lang, "index"))
    content = find(parser, "meta", name="description")[0]["content"]
    has_han = bool(re.search(r"[\u4e00-\u9fff]", content))
    assert has_han == is_chinese(lang)


@pytest.mark.parametrize("lang,page", ALL_PAGES, ids=PAGE_IDS)
def test_heading_anchors_are_readable(built_site, lang, page):
    parser = parse(page_file(built_site.root, lang, page))
    ids = [a["id"] for t, a in parser.tags if t in ("h1", "h2", "h3") and "id" in a]
    assert ids
    assert [i for i in ids if re.fullmatch(r"_\d*", i)] == []


@pytest.mark.parametrize("lang", LANGS, ids=[l.code for l in LANGS])
def test_section_pages_hold_every_paragraph_with_its_anchor(built_site, lang):
    article = read_article(BUILD, lang.code)
    for section in article.sections:
        page = parse(page_file(built_site.root, lang, section.number))
        for index, _ in enumerate(section.paragraphs):
            assert page.xpath(f"//p[@id='p{section.number}-{index + 1}']"), (section.number, index)
        assert not page.xpath(f"//*[@id='p{section.number}-{len(section.paragraphs) + 1}']")


@pytest.mark.parametrize("lang,page", ALL_PAGES, ids=PAGE_IDS)
def test_previous_next_links_and_table_of_contents(built_site, lang, page):
    document = parse(page_file(built_site.root, lang, page))
    names = page_names()
    position = names.index(page)
    prev = document.xpath("//a[contains(@class, 'md-footer__link--prev')]/@href")
    next_ = document.xpath("//a[contains(@class, 'md-footer__link--next')]/@href")
    assert prev == ([f"{names[position - 1]}.html"] if position > 0 else [])
    assert next_ == ([f"{names[position + 1]}.html"] if position < len(names) - 1 else [])


@pytest.mark.parametrize("lang,page", ALL_PAGES, ids=PAGE_IDS)
def test_pages_have_a_chapter_strip_and_no_documentation_rails(built_site, lang, page):
    """A report, not documentation: no navigation rail and no table-of-contents rail on
    any page (the data page too), and a chapter strip leading to every page, the
    current one marked."""
    document = parse(page_file(built_site.root, lang, page))
    assert document.xpath("//div[contains(@class, 'md-sidebar--primary')][@hidden]")
    assert document.xpath("//div[contains(@class, 'md-sidebar--secondary')][@hidden]"), page
    strip = document.xpath("//nav[@class='report-strip']")
    assert len(strip) == 1
    links = strip[0].xpath(".//a/@href")
    assert links == [f"{name}.html" for name in page_names()]
    assert strip[0].xpath(".//a[@aria-current='page']/@href") == [f"{page}.html"]


@pytest.mark.parametrize("lang,page", ALL_PAGES, ids=PAGE_IDS)
def test_the_pdf_link_comes_after_the_title_and_the_text(built_site, lang, page):
    """The PDF edition is something to take away once read: its link follows the page's
    title and every paragraph of its text (on the home page, the contents too), as the
    last thing of the page, never between the chapter strip and the title."""
    document = parse(page_file(built_site.root, lang, page))
    order = [
        "pdf" if "report-takeaway--pdf" in element.get("class", "") else element.tag
        for element in document.xpath(
            "//article//h1 | //article//p[starts-with(@id, 'p')] | //article//nav[@class='report-contents']"
            " | //article//p[contains(@class, 'report-takeaway')]"
        )
    ]
    if page != "index" and not page.isdigit():  # the other pages (data, sources) link no PDF
        assert "pdf" not in order, order
        return
    assert order[0] == "h1" and order[-1] == "pdf" and order.count("pdf") == 1 and len(order) > 2, order


def test_home_page_has_title_dek_byline_lede_and_links_to_sections(built_site):
    for lang in LANGS:
        article = read_article(BUILD, lang.code)
        home = parse(page_file(built_site.root, lang, "index"))
        text = " ".join(home.text)
        for value in (article.meta["title"], article.meta["dek"], article.meta["byline"]):
            assert value in text
        assert article.lede.paragraphs[-1][:20] in text
        contents = home.xpath("//nav[@class='report-contents']//a/@href")
        assert contents[: len(article.sections)] == [f"{section.number}.html" for section in article.sections]


def test_the_chapter_strip_is_left_out_of_search(built_site):
    """Every page has the strip; a search must not find every page by its words."""
    for lang, home in (("", "首页"), ("en/", "Home")):
        index = json.loads((built_site.root / lang / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["docs"] and not [doc["location"] for doc in index["docs"] if home in doc["text"]]


def test_byline_and_footer_carry_the_publication_line_and_this_editions_date(built_site):
    """Trust signals: the source, the date of this edition (never an invented date of the
    original), and on the translation "Translated from the Chinese"."""
    dates = {"zh": "2026年11月28日", "zh-hant": "2026年11月28日", "en": "November 28, 2026"}
    for lang in LANGS:
        article = read_article(BUILD, lang.code)
        byline = "".join(parse(page_file(built_site.root, lang, "index")).xpath("//p[@class='report-byline']//text()"))
        assert article.meta["byline"] in byline and article.meta["source"] in byline and dates[lang.code] in byline
        assert ("Translated from the Chinese" in byline) == (lang.code == "en")
        for _, page in [p for p in ALL_PAGES if p[0] == lang]:
            lines = parse(page_file(built_site.root, lang, page)).xpath("//p[@class='report-publication']")
            footer = lines[0].text_content() if len(lines) == 1 else ""
            assert article.meta["title"] in footer and dates[lang.code] in footer, (page, footer)


def test_home_summaries_are_whole_sentences_not_cut_text(built_site):
    for lang in LANGS:
        summaries = parse(page_file(built_site.root, lang, "index")).xpath(
            "//p[contains(@class, 'report-contents__summary')]"
        )
        assert len(summaries) == len(read_article(BUILD, lang.code).sections)
        for summary in summaries:
            text = summary.text_content().strip()
            assert text[-1] in "。.！？!?" and not text.endswith("…"), text


@pytest.mark.parametrize("lang,page", ALL_PAGES, ids=PAGE_IDS)
def test_no_python_repr_or_repository_path_in_what_readers_see(built_site, lang, page):
    text = " ".join(parse(page_file(built_site.root, lang, page)).text)
    for leak in ("{'", "['", "'}", "']", "None", "content/", "data/", "charts/", "sitegen", ".yml", ".py"):
        assert leak not in text, (leak, text[max(0, text.find(leak) - 60) : text.find(leak) + 60])


def test_sources_page_keeps_references_credit_and_reprint_notice(built_site):
    for lang in LANGS:
        meta = read_article(BUILD, lang.code).meta
        text = " ".join(parse(page_file(built_site.root, lang, "sources")).text)
        for value in [meta["reprint"], meta["image_credit"], meta["source"], *meta["references"]]:
            assert value in text


def all_text_files(root: Path):
    for path in sorted(root.rglob("*")):
        if path.suffix in (".html", ".xml", ".json", ".css", ".js", ".md"):
            yield path


CHROME = ["扫一扫下载", "下载界面新闻", "暂无评论", "微信公众号", "正在阅读", "掃一掃", "暫無評論"]


def test_no_pinyin_mojibake_or_page_chrome_anywhere(built_site):
    for path in all_text_files(built_site.root):
        if path.suffix == ".js" and "/assets/javascripts/" in str(path):
            continue  # the theme's own bundles
        text = path.read_text(encoding="utf-8", errors="strict")
        assert not PINYIN_GLOSS.search(text), path
        for junk in ["?!?/p>", "?!盇", "\ufffd", *CHROME]:
            assert junk not in text, (path, junk)


URL_ATTRS = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "link": "href",
    "video": "src",
    "audio": "src",
}


def test_nothing_loads_from_another_host(built_site):
    offenders = []
    for path in sorted(built_site.root.rglob("*.html")):
        for tag, attrs in parse(path).tags:
            key = URL_ATTRS.get(tag)
            if key and tag == "link" and attrs.get("rel") in ("alternate", "canonical", "prev", "next"):
                continue  # links, not loads
            value = attrs.get(key or "", "") or ""
            for candidate in [
                value,
                *[s.strip().split(" ")[0] for s in attrs.get("srcset", "").split(",") if s.strip()],
            ]:
                if re.match(r"^(https?:)?//", candidate):
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
        index = json.loads(
            (built_site.root / lang.url_prefix / "search" / "search_index.json").read_text(encoding="utf-8")
        )
        docs = index["docs"]
        assert docs
        locations = [d["location"] for d in docs]
        others = [l.url_prefix for l in LANGS if not l.default]
        assert not any(loc.startswith(tuple(others)) for loc in locations), lang.code
        text = " ".join(d["text"] for d in docs)
        han = len(re.findall(r"[\u4e00-\u9fff]", text))
        if is_chinese(lang):
            assert "\u200b" in text  # jieba's word boundaries
            assert han > 3000
        else:
            assert han < len(text) / 50


def search_index(site: Path, folder: str) -> list[dict]:
    return json.loads((site / folder / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def unbroken(text: str) -> str:
    """An index entry's text as a reader reads it: without Material's word breaks."""
    return text.replace("\u200b", "")


@pytest.mark.parametrize("lang", LANGS, ids=[lang.code for lang in LANGS])
def test_data_tables_are_not_in_the_search_index(built_site, lang):
    """A table's cells would run together into one string ("202015", "BilibiliShare…"):
    the figures' tables, their source lines and the data page's rows are left out of
    the index; a figure is still found by its title and caption."""
    from sitegen.model.strings import t

    texts = [unbroken(entry["title"] + " " + entry["text"]) for entry in search_index(built_site.root, lang.url_prefix)]
    joined = " ".join(texts)
    rows = []
    for name in page_names():
        page = parse(page_file(built_site.root, lang, name))
        for row in page.xpath("//details[@class='report-figure-data']//tr | //table[@class='report-data-rows']//tr"):
            cells = [cell.text_content() for cell in row.xpath("th | td")]
            if len(cells) >= 2 and all(cells[:2]):
                rows.append(cells[0] + cells[1])
    assert len(rows) > 20
    assert [row for row in rows if row in joined] == []
    assert not re.search(r"\d{6,}", joined)
    assert t(BUILD, lang.code, "data.figure.see_text") not in joined  # the source line's link
    for chart_id in ("kuaishou-vs-douyin", "market-cap"):
        caption = parse(page_file(built_site.root, lang, "index" if chart_id == "kuaishou-vs-douyin" else "03"))
        text = caption.xpath(f"string(//figure[@id='figure-{chart_id}']//span[@class='report-figure-caption'])")
        assert text and any(text in entry for entry in texts), chart_id


def test_the_parallel_view_searches_its_own_pages_in_both_its_languages(built_site):
    """中英对照 has its own index, of its own pages, in Chinese and English: a search there
    opens the parallel pages, not the Chinese ones; its pages and its 404 page load it."""
    folder = "zh-en/"
    entries = search_index(built_site.root, folder)
    text = " ".join(unbroken(entry["title"] + " " + entry["text"]) for entry in entries)
    assert "快手们" in text and "Kuaishou" in text and "mid-sized firms" in text
    pages = {page.split("/", 1)[1] + ".html" for _, page in PARALLEL_PAGES}
    assert {entry["location"].split("#")[0] for entry in entries} == pages
    assert all((built_site.root / folder / entry["location"].split("#")[0]).is_file() for entry in entries)
    for lang in LANGS:
        assert not [e for e in search_index(built_site.root, lang.url_prefix) if e["location"].startswith(folder)]
    for name in pages:
        config = json.loads(parse(built_site.root / folder / name).xpath("string(//script[@id='__config'])"))
        assert config["base"] == ".", name
    assert (built_site.root / folder / "search" / "search_index.js").is_file()  # search from disk


@pytest.mark.parametrize(
    "folder, words",
    [
        ("", ["快手们", "中厂们", "B站", "程一笑"]),
        ("zh-hant/", ["快手們", "中廠們", "B站"]),
        ("zh-en/", ["快手们", "B站"]),
    ],
)
def test_the_articles_search_words_are_whole_words_of_the_index(built_site, folder, words):
    """jieba cut 快手们 as 快·手们 and B站 as B·站, so that a search for either found it
    nowhere: the front matter's search_words are words of the index, in every Chinese
    edition (zh-hant's converted)."""
    text = "\u200b".join(entry["title"] + "\u200b" + entry["text"] for entry in search_index(built_site.root, folder))
    for word in words:
        as_indexed = re.findall("\u200b?".join(word), text)
        assert as_indexed and set(as_indexed) == {word}, (word, set(as_indexed))


def test_a_chinese_query_is_cut_up_to_its_last_character(built_site):
    """Material's worker tries only index words that end before a query's last
    character (快手 searched as 快*); the site's copy tries the last one too."""
    from sitegen.site.deploy import _QUERY_CUT, _QUERY_CUT_WHOLE

    worker = next((built_site.root / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    text = worker.read_text(encoding="utf-8")
    assert _QUERY_CUT_WHOLE in text and _QUERY_CUT not in text


def test_article_pages_rank_before_the_other_pages(built_site):
    """Material's per-page boost: every section of the home and chapter pages has it, no
    section of the data or sources page."""
    from sitegen.pages.writer import ARTICLE_SEARCH_BOOST

    for lang in LANGS:
        for entry in search_index(built_site.root, lang.url_prefix):
            page = entry["location"].split("#")[0]
            article = page == "index.html" or page[:-5] not in ("data", "sources")
            assert entry.get("boost") == (ARTICLE_SEARCH_BOOST if article else None), (lang.code, entry["location"])


def test_the_palette_toggle_is_left_to_the_report_not_to_materials_component(built_site):
    # Material's palette component restyles every page twice as it loads
    # (report/palette.js says why); the form must not be marked for it, and the head
    # carries the one colour-scheme meta that report/palette.js changes.
    for lang in LANGS:
        html = (built_site.root / lang.url_prefix / "index.html").read_text(encoding="utf-8")
        assert 'data-md-component="palette"' not in html, lang.code
        assert html.count('<form class="md-header__option" data-report-palette>') == 1, lang.code
        assert html.count('<meta name="color-scheme" content="light dark">') == 1, lang.code
    assert (built_site.root / "assets" / "javascripts" / "report" / "palette.js").is_file()


def test_the_palette_partial_is_materials_but_for_the_form_mark():
    """sitegen/theme/partials/palette.html copies Material's; after a Material upgrade
    that changed it, this fails."""
    import material

    def lines(text):
        text = re.sub(r"{#-.*?-#}", "", text, flags=re.S)
        return [line.strip() for line in text.splitlines() if line.strip()]

    ours = lines((Path(__file__).parent.parent / "sitegen/theme/partials/palette.html").read_text(encoding="utf-8"))
    upstream = lines((Path(material.__file__).parent / "templates/partials/palette.html").read_text(encoding="utf-8"))
    assert ours == [line.replace('data-md-component="palette"', "data-report-palette") for line in upstream]
    assert ours != upstream


def test_the_site_ships_only_the_lunr_languages_its_search_loads(built_site):
    # Material copies lunr's support for 30 languages; its search worker imports only
    # those its index's languages need, and this report searches with English rules.
    for lang in LANGS:
        index = json.loads(
            (built_site.root / lang.url_prefix / "search" / "search_index.json").read_text(encoding="utf-8")
        )
        assert index["config"]["lang"] == ["en"], lang.code
    assert not (built_site.root / "assets" / "javascripts" / "lunr").exists()
    assert next((built_site.root / "assets" / "javascripts" / "workers").glob("search.*.min.js")).exists()


@pytest.mark.parametrize(
    "langs, files",
    [
        (["en"], set()),
        (["de"], {"min/lunr.de.min.js", "min/lunr.stemmer.support.min.js"}),
        (
            ["ja", "en"],
            {"tinyseg.js", "min/lunr.ja.min.js", "min/lunr.multi.min.js", "min/lunr.stemmer.support.min.js"},
        ),
        (["th"], {"wordcut.js", "min/lunr.th.min.js", "min/lunr.stemmer.support.min.js"}),
    ],
)
def test_the_lunr_files_kept_are_those_materials_search_worker_imports(langs, files):
    # As Material 9's search worker (workers/search, setupSearchLanguages) builds its importScripts list.
    from sitegen.site.deploy import search_language_files

    assert search_language_files(langs) == files


def _block_lines(template: str, name: str) -> list[str]:
    block = re.search(r"{% block " + re.escape(name) + r" %}(.*?){% endblock %}", template, re.S)
    assert block, name
    return [line.strip() for line in block.group(1).splitlines() if line.strip() and not line.strip().startswith("{#")]


def test_the_site_meta_override_keeps_every_line_of_materials_block():
    """sitegen/theme/report.html copies Material's site_meta block to write hreflang links
    only with site_url; after a Material upgrade that changed the block, this fails."""
    import material

    ours = _block_lines(
        (Path(__file__).parent.parent / "sitegen/theme/report.html").read_text(encoding="utf-8"), "site_meta"
    )
    upstream = _block_lines(
        (Path(material.__file__).parent / "templates/base.html").read_text(encoding="utf-8"), "site_meta"
    )
    replaced = {
        "{% if config.extra.alternate is iterable %}",
        """<link rel="alternate" href="{{ alt.link | url }}" hreflang="{{ alt.lang | d(lang.t('language')) }}">""",
    }
    assert replaced <= set(upstream)
    assert [line for line in upstream if line not in replaced and line not in ours] == []


def test_every_text_file_has_gzip_and_brotli_copies_of_its_bytes(built_site):
    import gzip

    import brotli

    from sitegen.site.deploy import COMPRESSIBLE

    checked = 0
    for path in sorted(built_site.root.rglob("*")):
        if path.suffix in COMPRESSIBLE and path.is_file():
            data = path.read_bytes()
            assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == data, path
            assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == data, path
            checked += 1
    suffixes = {p.suffix for p in built_site.root.rglob("*") if p.suffix in COMPRESSIBLE}
    assert {".html", ".css", ".js", ".json", ".csv", ".svg"} <= suffixes and checked > 30


@pytest.mark.parametrize(
    "lang,page", ALL_PAGES + [(lang, "404") for lang in LANGS], ids=PAGE_IDS + [f"{lang.code}-404" for lang in LANGS]
)
def test_every_page_carries_a_self_only_content_security_policy(built_site, lang, page):
    path = page_file(built_site.root, lang, page)
    html = path.read_text(encoding="utf-8")
    policies = [a["content"] for a in find(parse(path), "meta", **{"http-equiv": "Content-Security-Policy"})]
    assert len(policies) == 1
    directives = dict(d.strip().split(" ", 1) for d in policies[0].split(";"))
    assert directives["default-src"] == "'self'"
    for name, sources in directives.items():
        allowed = {"'self'", "'none'"} | ({"data:"} if name == "img-src" else set())
        for source in sources.split():
            assert source in allowed or re.fullmatch(r"'sha256-[A-Za-z0-9+/]+=*'", source), (name, source)
    # Before any script, or it would not govern it.
    assert html.index("Content-Security-Policy") < html.index("<script")


@pytest.mark.parametrize("lang", LANGS, ids=[l.code for l in LANGS])
def test_subheads_are_anchored_headings_before_their_paragraphs(built_site, lang):
    from sitegen.model.article import subhead_title

    article = read_article(BUILD, lang.code)
    assert any(section.subheads for section in article.sections)
    for section in article.sections:
        page = parse(page_file(built_site.root, lang, section.number))
        assert len(page.xpath("//h2[starts-with(@id, 's')][contains(@class, 'report-subhead')]")) == len(
            section.subheads
        )
        for index, (position, written) in enumerate(zip(section.subhead_positions, section.subheads)):
            heading = page.xpath(f"//h2[@id='s{section.number}-{index + 1}']")
            assert len(heading) == 1, (section.number, index)
            text = "".join(heading[0].xpath(".//text()[not(ancestor::a[contains(@class, 'headerlink')])]"))
            assert text.strip() == subhead_title(written)
            assert heading[0].xpath("following-sibling::*[1][self::p]/@id") == [f"p{section.number}-{position + 1}"]


HAN_LATIN_SPACE = re.compile(
    r"[\u3400-\u9fff][ \t\u00a0\u3000]+[A-Za-z0-9]|[A-Za-z0-9][ \t\u00a0\u3000]+[\u3400-\u9fff]"
)


@pytest.mark.parametrize("lang,page", ALL_PAGES, ids=PAGE_IDS)
def test_visible_text_follows_the_languages_typography(built_site, lang, page):
    """What a reader sees or hears (text, alt and title attributes, the description):
    in English curly quotes only; in Chinese no space between Han and Latin or digits,
    except in the author's own byline, the name in it (which "Cite this report" names
    as the author) and section headings ("01 谈AI，得先上岸")."""
    document = parse(page_file(built_site.root, lang, page))
    texts = document.text + document.xpath("//title/text()")
    texts += document.xpath("//@alt | //@title | //@aria-label | //@placeholder")
    texts += document.xpath("//meta[@name='description' or starts-with(@property, 'og:')]/@content")
    if lang.code == "en":
        assert [text for text in texts if re.search(r"['\"]", text)] == []
    if is_chinese(lang):
        article = read_article(BUILD, lang.code)
        authors = [
            article.meta["byline"],
            byline_name(article.meta["byline"]),
            *(section.heading for section in article.sections),
        ]
        spaced = []
        for text in texts:
            for own in authors:
                text = text.replace(own, "")
            if HAN_LATIN_SPACE.search(" ".join(text.split())):
                spaced.append(text.strip())
        assert spaced == []


NOT_FOUND_PAGES = [
    ("", ["zh"], "zh"),
    ("en/", ["en"], "en"),
    ("zh-hant/", ["zh-hant"], "zh-Hant"),
    ("zh-en/", ["zh", "en"], "zh"),
]


@pytest.mark.parametrize("folder,codes,html_lang", NOT_FOUND_PAGES, ids=["root", "en", "zh-hant", "zh-en"])
def test_each_edition_has_a_404_page_in_its_language(built_site, folder, codes, html_lang):
    """The root's 404 page in the default language of mkdocs.yml (not the last language
    built), and one in each edition's folder in its own language(s), each with its
    <html lang>, the status as a label of its own above a heading that is the words
    alone (a dash between them reads as 一 in Chinese), no navigation rails, a way home
    and a way to search that edition, and its search in its own edition's index."""
    from sitegen.model.strings import t

    assert BUILD.project.default_language().code == "zh"
    page = parse(built_site.root / folder / "404.html")
    assert page.xpath("/html/@lang") == [html_lang]
    heading = " ".join(page.xpath("//h1//text()"))
    assert heading.startswith(t(BUILD, codes[0], "site.not_found.title")), heading
    assert "404" not in heading and not re.search(r"[—–-]", heading), heading
    label = page.xpath("//article//h1/preceding-sibling::*[1]")
    assert [(e.tag, e.text_content(), "report-kicker" in e.get("class", "")) for e in label] == [("p", "404", True)]
    for code in codes:
        assert t(BUILD, code, "site.not_found.title") in heading, heading
        assert t(BUILD, code, "site.not_found.text") in page.xpath("string(//article)")
    assert page.xpath("//article//div[@class='report-not-found']/@lang") == [
        t(BUILD, code, "charts.language_tag") for code in codes
    ]
    assert not page.xpath("//*[contains(@class, 'md-sidebar')]")
    links = page.xpath("//article//a/@href")
    assert f"/{folder}index.html" in links and f"/{folder}index.html?q=" in links, links
    config = json.loads(page.xpath("string(//script[@id='__config'])"))
    assert config["base"] == "/" + folder, config["base"]
    # Its language switcher leads to each language's home, not to the page MkDocs
    # rendered before it.
    switched = dict(
        zip(
            page.xpath("//a[@hreflang][contains(@class, 'md-select__link')]/@hreflang"),
            page.xpath("//a[@hreflang][contains(@class, 'md-select__link')]/@href"),
        )
    )
    assert switched == {lang.code: f"/{lang.url_prefix}index.html" for lang in BUILD.project.languages}, switched


@pytest.mark.parametrize("lang", LANGS, ids=[lang.code for lang in LANGS])
def test_the_sources_page_keeps_title_and_byline_apart(built_site, lang):
    """The original's title and its byline are two items of the list, and two separate
    stretches of text in the search index, not "…AGI- 文 | …"."""
    meta = read_article(BUILD, lang.code if lang.code != "zh-hant" else "zh").meta
    items = parse(page_file(built_site.root, lang, "sources")).xpath("//h2[@id='original']/following-sibling::ul[1]/li")
    texts = [item.text_content() for item in items]
    assert any(text.endswith(meta["title"]) for text in texts[:1]) or lang.code == "zh-hant", texts
    assert not any("- " in text for text in texts), texts
    if meta.get("byline") and lang.code != "zh-hant":
        assert meta["byline"] in texts, texts
    index = json.loads((built_site.root / lang.url_prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    original = [doc["text"] for doc in index["docs"] if doc["location"].endswith("sources.html#original")]
    assert original and not re.search(r"AGI\s*-\s*\S", original[0].replace("\u200b", "")), original


def test_table_cells_hold_their_kept_together_runs_in_one_element(built_site):
    """A phone lays each data-table cell out as a grid of the column's name and the
    cell's content: a no-break span directly in a cell made a grid item of its own, on a
    row of its own ("2022年 / 7月" under the column's name: a review, issue 29). A cell's
    own text with runs goes into one element; the runs are still kept together."""
    for lang in LANGS:
        for page in ("data", "01", "03"):
            document = parse(page_file(built_site.root, lang, page))
            direct = document.xpath("//td/span[@class='report-nobreak'] | //th/span[@class='report-nobreak']")
            assert direct == [], (lang, page)
    data = parse(page_file(built_site.root, LANGS[0], "data"))
    assert len(data.xpath("//td//span[@class='report-cell-text']/span[@class='report-nobreak']")) > 5
    zh = parse(page_file(built_site.root, LANGS[0], "02"))
    assert len(zh.xpath("//p//*[@class='report-nobreak']")) > 5
