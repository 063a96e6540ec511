"""Charts as the reader gets them in the built site: every chart placed in every
language, light and dark, every image (and its narrow <source> for phones) and CSV link
resolving at its true size, alt text in the page's language, one source line."""

from __future__ import annotations

import re
import struct
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ALL_PAGES, BUILD, PAGE_IDS, is_chinese, languages, page_file
from test_site import find, parse

LANGS = list(languages())


def png_size(path: Path) -> tuple[int, int]:
    """An image file's pixel size: read from a PNG's header, or by Pillow for a WebP."""
    if path.suffix == ".webp":
        from PIL import Image

        with Image.open(path) as image:
            assert image.format == "WEBP", path
            return image.size
    return struct.unpack(">II", path.read_bytes()[16:24])


def local_target(page: Path, url: str) -> Path:
    return (page.parent / urlsplit(url).path).resolve()


@pytest.mark.parametrize("lang", LANGS, ids=[l.code for l in LANGS])
def test_every_chart_appears_in_every_language_light_and_dark(built_site, lang):
    placed = {"light": [], "dark": []}
    for _, page in [p for p in ALL_PAGES if p[0] == lang]:
        for scheme in placed:
            srcs = parse(page_file(built_site.root, lang, page)).xpath(
                f"//figure//picture[@class='report-figure-{scheme}']//img/@src"
            )
            placed[scheme] += [Path(src).stem for src in srcs if src.startswith("charts/")]
    assert sorted(placed["light"]) == sorted(BUILD.project.chart_ids())
    assert sorted(placed["dark"]) == sorted(f"{chart_id}.dark" for chart_id in BUILD.project.chart_ids())


@pytest.mark.parametrize("lang,page", ALL_PAGES, ids=PAGE_IDS)
def test_images_resolve_with_their_true_size_and_alt_text_in_the_page_language(built_site, lang, page):
    path = page_file(built_site.root, lang, page)
    for img in find(parse(path), "img"):
        src = local_target(path, img["src"])
        assert src.is_file(), img["src"]
        if src.suffix == ".png":
            assert (int(img["width"]), int(img["height"])) == png_size(src)
        for candidate in img.get("srcset", "").split(","):
            if candidate.strip():
                assert local_target(path, candidate.strip().split(" ")[0]).is_file(), candidate
        if src.suffix == ".png" and img.get("srcset"):
            assert_srcset_sizes(path, img)
        alt = img.get("alt", "")
        assert alt, img["src"]
        han = len(re.findall(r"[\u4e00-\u9fff]", alt))
        if is_chinese(lang):
            assert han > 5, alt
        else:
            assert han == 0, alt


def assert_srcset_sizes(page: Path, element: dict) -> None:
    """Each srcset candidate resolves and is its density times the element's width and height."""
    size = (int(element["width"]), int(element["height"]))
    for candidate in element["srcset"].split(","):
        url, density = candidate.split()
        target = local_target(page, url)
        assert target.is_file(), url
        scale = int(density.removesuffix("x"))
        assert png_size(target) == (scale * size[0], scale * size[1]), url


@pytest.mark.parametrize("lang,page", ALL_PAGES, ids=PAGE_IDS)
def test_narrow_sources_resolve_with_their_true_size(built_site, lang, page):
    """Each chart's <picture> offers phones its narrow drawing, and every width as lossless
    WebP before the PNG, each source with its drawing's size."""
    path = page_file(built_site.root, lang, page)
    document = parse(path)
    pictures = document.xpath("//picture")
    assert len(pictures) == len(document.xpath("//img[starts-with(@src, 'charts/')]"))
    for picture in pictures:
        scheme = ".dark" if picture.get("class") == "report-figure-dark" else ""
        sources = [dict(source.attrib) for source in picture.xpath(".//source")]  # libxml2 nests void <source>s
        # The order a browser tries them in: narrow WebP, narrow PNG, wide WebP; the <img> is the wide PNG.
        assert [(s.get("type"), s.get("media")) for s in sources] == [
            ("image/webp", "(max-width: 600px)"),
            (None, "(max-width: 600px)"),
            ("image/webp", None),
        ]
        narrow_webp, narrow_png, wide_webp = sources
        assert (
            f".narrow{scheme}.webp 1x" in narrow_webp["srcset"]
            and f".narrow{scheme}@2x.webp 2x" in narrow_webp["srcset"]
        )
        assert (
            f".narrow{scheme}.png 1x" in narrow_png["srcset"] and f".narrow{scheme}@2x.png 2x" in narrow_png["srcset"]
        )
        assert f"{scheme}.webp 1x" in wide_webp["srcset"] and ".narrow" not in wide_webp["srcset"]
        widths = dict(BUILD.project.chart_widths)  # as mkdocs.yml sets them
        assert (
            int(narrow_webp["width"]) == int(narrow_png["width"]) == widths["narrow"]
            and int(wide_webp["width"]) == widths["wide"]
        )
        for source in sources:
            assert_srcset_sizes(path, source)


@pytest.mark.parametrize("lang,page", ALL_PAGES, ids=PAGE_IDS)
def test_csv_links_and_quote_links_resolve(built_site, lang, page):
    path = page_file(built_site.root, lang, page)
    for link in find(parse(path), "a"):
        href = link.get("href", "")
        if href.endswith(".csv"):
            target = local_target(path, href)
            assert target.is_file(), href
            assert target.read_text(encoding="utf-8").count("\n") >= 2
        elif re.match(r"^(index|\d\d)\.html#p\d\d-\d+$", href):
            target = local_target(path, href)
            anchor = href.split("#")[1]
            assert parse(target).xpath(f"//*[@id='{anchor}']"), href


@pytest.mark.parametrize("lang", LANGS, ids=[l.code for l in LANGS])
def test_each_figure_has_a_data_table_and_a_source_line(built_site, lang):
    for _, page in [p for p in ALL_PAGES if p[0] == lang]:
        for figure in parse(page_file(built_site.root, lang, page)).xpath("//figure[@class='report-figure']"):
            assert figure.xpath(".//details//table//th[@scope='col']"), figure.get("id")
            quotes = figure.xpath(".//figcaption//a/@href")
            assert any(re.fullmatch(r"(index|\d\d)\.html#p\d\d-\d+", href) for href in quotes), figure.get("id")
            assert len(figure.xpath(".//*[@class='report-figure-source']//a")) == 1, figure.get("id")
            assert len(figure.xpath(".//picture")) == 2, figure.get("id")
