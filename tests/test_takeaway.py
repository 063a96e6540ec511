"""Take-away editions (sitegen/editions/), checked in the built site as a reader gets
them: the citation files of every language parsed and compared with the front matter
and mkdocs.yml, the "Cite this report" block; the Data Package validated by
`frictionless`, its zip; the PDF of each edition read back with poppler's tools
(pdftotext, pdffonts, pdfimages, pdfinfo)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest
from conftest import BUILD, REPORT, is_chinese, languages, page_file
from lxml import html as lxml_html

from sitegen.editions import citation as cite
from sitegen.editions import datapackage
from sitegen.model.content import read_article

LANGS = list(languages())
LANG_IDS = [lang.code for lang in LANGS]


def parse_bibtex(text: str) -> tuple[str, str, dict[str, str]]:
    """(entry type, key, fields) of a file holding one BibTeX entry; braces must balance."""
    match = re.fullmatch(r"\s*@(\w+)\{([^,\s]+),(.*)\}\s*", text, re.S)
    assert match, f"not one BibTeX entry: {text!r}"
    kind, key, body = match.groups()
    fields, i = {}, 0
    while True:
        found = re.compile(r"\s*(\w+)\s*=\s*\{").match(body, i)
        if not found:
            break
        depth, j = 1, found.end()
        while depth:
            assert j < len(body), f"unbalanced braces in field {found.group(1)}"
            if body[j] == "\\":
                j += 2
                continue
            depth += {"{": 1, "}": -1}.get(body[j], 0)
            j += 1
        fields[found.group(1)] = body[found.end() : j - 1]
        i = j
        comma = re.compile(r"\s*,").match(body, i)
        if comma:
            i = comma.end()
    assert not body[i:].strip(), f"left over after the fields: {body[i:]!r}"
    return kind, key, fields


def unbrace(value: str) -> str:
    return re.sub(r"\\(.)", r"\1", value.strip("{}"))


# --- Cite this report -----------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS, ids=LANG_IDS)
def test_citation_files_parse_and_name_the_report(built_site, lang):
    meta = read_article(BUILD, lang.code).meta if not lang.is_derived else None
    root = built_site.root / lang.url_prefix
    kind, key, fields = parse_bibtex((root / "cite.bib").read_text(encoding="utf-8"))
    items = json.loads((root / "cite.json").read_text(encoding="utf-8"))
    assert isinstance(items, list) and len(items) == 1
    item = items[0]
    assert kind == "misc" and key == item["id"] and re.fullmatch(r"[a-z0-9-]+", key)
    assert unbrace(fields["title"]) == item["title"]
    if meta:  # a derived language's title is the converted one
        assert item["title"] == meta["title"]
    assert item["publisher"] == unbrace(fields["publisher"]) == lang.site_name
    assert item["author"][0]["literal"] == unbrace(unbrace(fields["author"])) and item["author"][0]["literal"]
    year, month, day = map(int, REPORT.edition_date.split("-"))
    assert item["issued"] == {"date-parts": [[year, month, day]]}
    assert fields["date"] == REPORT.edition_date and fields["year"] == str(year)
    assert item["language"] == unbrace(fields["language"]) and item["language"].lower().startswith(
        lang.code.split("-")[0]
    )
    # Built without SITE_URL: no URL anywhere, rather than a guessed host.
    assert "URL" not in item and "url" not in fields


def test_citations_name_the_url_only_with_a_site_url():
    c = cite.citation(
        {"title": "T", "byline": "By A. Writer"},
        lang_code="en",
        language_tag="en",
        publisher="P",
        edition_date="2026-11-28",
        site_url="https://example.org/r/",
        url_prefix="en/",
    )
    assert c.url == "https://example.org/r/en/" and c.author == "A. Writer"
    assert "url = {https://example.org/r/en/}" in cite.bibtex(c)
    assert json.loads(cite.csl_json(c))[0]["URL"] == "https://example.org/r/en/"
    bare = cite.citation(
        {"title": "T"}, lang_code="en", language_tag="en", publisher="P", edition_date="", site_url="", url_prefix="en/"
    )
    assert bare.url == "" and "url" not in cite.bibtex(bare) and bare.author == "P"


def test_bibtex_escapes_what_would_break_it():
    c = cite.Citation(key="k", title="50% of {AI} & more", author="A_B", publisher="P", date="", language="en")
    _, _, fields = parse_bibtex(cite.bibtex(c))
    assert unbrace(fields["title"]) == "50% of {AI} & more"


def page(built_site, lang, name):
    return lxml_html.fromstring(page_file(built_site.root, lang, name).read_bytes())


def heading_text(element) -> str:
    """A heading's words, without its permalink (#)."""
    for link in element.xpath('.//a[contains(@class, "headerlink")]'):
        link.drop_tree()
    return element.text_content().strip()


@pytest.mark.parametrize("lang", LANGS, ids=LANG_IDS)
def test_sources_page_has_the_cite_block_with_working_links(built_site, lang):
    doc = page(built_site, lang, "sources")
    block = doc.get_element_by_id("cite").getparent()
    heading = doc.get_element_by_id("cite")
    assert heading.text_content().strip().rstrip("#").strip() in ("引用本报告", "Cite this report", "引用本報告")
    text = doc.get_element_by_id("cite-text").text_content()
    title = json.loads((built_site.root / lang.url_prefix / "cite.json").read_text(encoding="utf-8"))[0]["title"]
    assert title in text
    buttons = doc.xpath("//button[@data-copy]")
    assert {b.get("data-copy") for b in buttons} == {"cite-text", "cite-bibtex"}
    for button in buttons:  # shown by copy.js only: never a button that does nothing
        assert button.get("hidden") is not None and doc.get_element_by_id(button.get("data-copy")) is not None
    links = {a.get("href") for a in doc.xpath('//div[contains(@class, "report-cite")]//a')}
    assert links == {"cite.bib", "cite.json"}
    for link in links:
        assert (built_site.root / lang.url_prefix / link).is_file()
    scripts = [s.get("src") for s in doc.xpath("//script[@src]")]
    assert any(src.endswith("javascripts/report/copy.js") for src in scripts)
    assert block is not None


# --- Data Package ---------------------------------------------------------------------


def test_data_package_validates_with_frictionless(built_site):
    frictionless = shutil.which("frictionless", path=str(Path(__import__("sys").executable).parent))
    assert frictionless, "the frictionless command (requirements-test.txt)"
    result = subprocess.run(
        [frictionless, "validate", "--json", "datapackage.json"],
        cwd=built_site.root / "data",
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["valid"], result.stdout[-3000:] + result.stderr[-2000:]


def test_data_package_lists_every_dataset_with_its_schema_sources_and_licence(built_site):
    package = json.loads((built_site.root / "data" / "datapackage.json").read_text(encoding="utf-8"))
    ids = sorted(p.name[: -len(".schema.yml")] for p in REPORT.data_dir.glob("*.schema.yml"))
    assert [r["name"] for r in package["resources"]] == ids
    assert package["licenses"] == [
        {
            "name": "other-closed",
            "title": "Figures and sentences quoted from the article; "
            "reuse needs the permission of its author, 硅基研究室",
        }
    ]
    for resource in package["resources"]:
        assert (built_site.root / "data" / resource["path"]).read_bytes() == (
            REPORT.data_dir / resource["path"]
        ).read_bytes()
        assert resource["sources"] and all(s["title"] for s in resource["sources"])
        fields = {f["name"]: f for f in resource["schema"]["fields"]}
        assert fields["quote"]["type"] == "string"
    sales = next(r for r in package["resources"] if r["name"] == "sales-marketing")["schema"]
    peak = next(f for f in sales["fields"] if f["name"] == "peak")
    assert peak["type"] == "number" and "cny_100m" in peak["description"] and "亿元" in peak["description"]
    assert sales["primaryKey"] == ["company"]
    cap = next(r for r in package["resources"] if r["name"] == "market-cap")["schema"]
    company = next(f for f in cap["fields"] if f["name"] == "company")
    assert company["constraints"] == {"required": True, "enum": ["tencent", "alibaba", "kuaishou"]}


def test_data_package_zip_holds_the_package_and_is_linked_with_its_size(built_site):
    path = built_site.root / "data" / "datapackage.zip"
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert set(names) == {"datapackage.json"} | {p.name for p in REPORT.data_dir.glob("*.csv")}
        assert {info.date_time for info in archive.infolist()} == {datapackage.ZIP_EPOCH}
        assert archive.read("datapackage.json") == (built_site.root / "data" / "datapackage.json").read_bytes()
    for lang in LANGS:
        doc = page(built_site, lang, "data")
        link = doc.xpath('//a[contains(@href, "datapackage.zip")]')
        assert len(link) == 1
        assert (page_file(built_site.root, lang, "data").parent / link[0].get("href")).resolve() == path.resolve()
        size = link[0].getnext().text_content()
        kb = round(path.stat().st_size / 1000)
        assert re.search(rf"\b{kb} KB\b", size), size


def test_zip_is_the_same_bytes_for_the_same_files():
    files = {"b.csv": b"x\n1\n", "a.json": b"{}"}
    assert datapackage.zip_bytes(files) == datapackage.zip_bytes(dict(reversed(files.items())))


def test_a_dataset_that_would_make_an_invalid_package_stops_the_build(tmp_path):
    from conftest import copy_of_the_report

    report = copy_of_the_report(tmp_path / "report", ".venv", "node_modules", "site", ".git", "tests", "bench")
    csv = report / "data" / "sales-marketing.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("kuaishou,442,", "kuaishou, 442,", 1), encoding="utf-8")
    result = subprocess.run(
        [__import__("sys").executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "out")],
        cwd=report,
        capture_output=True,
        text=True,
        timeout=600,
        env=dict(__import__("os").environ, NO_MKDOCS_2_WARNING="1", REPORT_SKIP_CHARTS="true"),
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-1500:]
    assert "data/sales-marketing.csv:2: column 'peak' is ' 442'" in output, output[-1500:]
    assert "Traceback" not in output


# --- PDF ------------------------------------------------------------------------------

PDF_LANGS = [lang for lang in LANGS]


def poppler(tool: str, *args) -> str:
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True, timeout=120).stdout


def pdf_of(built_site, lang) -> Path:
    return built_site.root / lang.url_prefix / "report.pdf"


@pytest.mark.parametrize("lang", PDF_LANGS, ids=[l.code for l in PDF_LANGS])
def test_pdf_has_the_headline_and_every_chapter(built_site, lang):
    path = pdf_of(built_site, lang)
    assert 0 < path.stat().st_size < 4_000_000
    text = re.sub(r"\s+", "", poppler("pdftotext", "-enc", "UTF-8", str(path), "-"))
    doc = page(built_site, lang, "index")
    headline = heading_text(doc.xpath("//h1")[0])
    assert re.sub(r"\s+", "", headline) in text
    from sitegen.pages.plan import page_order

    chapters = [name for name in page_order(BUILD) if name[:1].isdigit()]
    assert chapters
    for name in chapters:  # "01 Title", as the chapter's own page heads it
        title = re.sub(r"\s+", "", heading_text(page(built_site, lang, name).xpath("//h1")[0]))
        assert title in text, title
    data_title = heading_text(page(built_site, lang, "data").xpath("//h1")[0])
    assert re.sub(r"\s+", "", data_title) in text


@pytest.mark.parametrize("lang", PDF_LANGS, ids=[l.code for l in PDF_LANGS])
def test_pdf_embeds_every_font_and_sets_chinese_in_a_cjk_serif(built_site, lang):
    rows = poppler("pdffonts", str(pdf_of(built_site, lang))).splitlines()[2:]
    assert rows
    for row in rows:
        assert re.search(r"\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$", row), f"not embedded and subset: {row}"
    names = " ".join(row.split()[0] for row in rows)
    if is_chinese(lang):
        assert "Noto-Serif-CJK" in names or "NotoSerifCJK" in names, names
    else:
        assert "Serif" in names and "Sans" not in names, names


@pytest.mark.parametrize("lang", PDF_LANGS, ids=[l.code for l in PDF_LANGS])
def test_pdf_shows_every_chart_at_200_ppi_or_more(built_site, lang):
    rows = [row.split() for row in poppler("pdfimages", "-list", str(pdf_of(built_site, lang))).splitlines()[2:]]
    charts = read_article(BUILD, lang.derived_from or lang.code).chart_ids
    assert len(rows) >= len(charts)
    for row in rows:
        assert int(row[12]) >= 200 and int(row[13]) >= 200, row
    # Each chart is a tagged figure with its alt text.
    objects = pdf_objects(pdf_of(built_site, lang))
    assert objects.count(b"/S /Figure") == objects.count(b"/Alt ") == len(rows)


@pytest.mark.parametrize("lang", PDF_LANGS, ids=[l.code for l in PDF_LANGS])
def test_pdf_is_tagged_with_title_and_language(built_site, lang):
    path = pdf_of(built_site, lang)
    info = poppler("pdfinfo", str(path))
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    title = re.search(r"^Title:\s+(.*)$", info, re.M).group(1)
    doc = page(built_site, lang, "index")
    assert title == heading_text(doc.xpath("//h1")[0])
    assert re.search(r"^CreationDate:\s+.*2025", info, re.M)  # SOURCE_DATE_EPOCH, not the clock
    # The author as the citation names it: the byline's name, without its "文 |" or "By".
    author = re.search(r"^Author:\s+(.*)$", info, re.M).group(1)
    cited = json.loads((built_site.root / lang.url_prefix / "cite.json").read_text(encoding="utf-8"))[0]["author"]
    assert author == cited[0]["literal"] and "|" not in author and not author.startswith("By ")
    tag = json.loads((built_site.root / lang.url_prefix / "cite.json").read_text(encoding="utf-8"))[0]["language"]
    assert f"/Lang ({tag})".encode() in pdf_objects(path)


def pdf_objects(path: Path) -> bytes:
    """The PDF's bytes with every Flate stream inflated: its catalog (/Lang) sits in an
    object stream."""
    data = path.read_bytes()
    inflated = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            inflated.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(inflated)


@pytest.mark.parametrize("lang", LANGS, ids=LANG_IDS)
def test_home_and_article_pages_link_the_pdf_with_its_size(built_site, lang):
    from sitegen.pages.plan import page_order

    size = pdf_of(built_site, lang).stat().st_size
    for name in page_order(BUILD):
        if name in ("sources", "data"):
            continue
        doc = page(built_site, lang, name)
        link = doc.xpath('//a[@href="report.pdf"]')
        assert len(link) == 1, name
        assert link[0].text_content() in ("下载PDF", "Download PDF", "下載PDF")
        shown = link[0].getnext().text_content()
        assert "report-pdf-size-to-come" not in shown
        assert f"{size / 1e6:.1f}".rstrip("0").rstrip(".") in shown or f"{round(size / 1000)}" in shown, shown


def test_two_builds_give_the_same_pdf_bytes(built_site, tmp_path):
    """The session's build and another one (the PDFs from the cache: what a rebuild that
    changed nothing serves) hold identical PDFs, and the cache makes them with no print."""
    second = built_site.rebuild(tmp_path / "again")
    assert second.returncode == 0, second.stderr[-2000:]
    assert "printed the" not in second.stdout + second.stderr
    for lang in PDF_LANGS:
        assert (tmp_path / "again" / lang.url_prefix / "report.pdf").read_bytes() == pdf_of(
            built_site, lang
        ).read_bytes()


def test_pdf_rendering_is_reproducible_and_independent_of_the_checkout_path():
    """Two renders of one print document give the same bytes, and the document names no
    path of this machine: WeasyPrint names each image by a hash of its URL."""
    from sitegen.charts import cache
    from sitegen.model.checks import validate
    from sitegen.pages import pdf

    model, manifest = validate(BUILD), cache.saved_manifest(BUILD.project)
    doc = pdf.document(BUILD, model, manifest, REPORT.languages[-1].code)
    assert str(REPORT.root) not in doc.html and "file:" not in doc.html
    assert doc.images and all(url.startswith(pdf.IMAGE_SCHEME) for url in doc.images)
    assert all(f'src="{url}"' in doc.html for url in doc.images)
    css = pdf.STYLESHEET.read_text(encoding="utf-8")
    assert pdf.render(doc, css) == pdf.render(doc, css)


# --- The example report: the same editions from content alone -------------------------


@pytest.fixture(scope="module")
def example_site(tmp_path_factory) -> Path:
    from test_example import copy_report, mkdocs_build

    report = copy_report(tmp_path_factory.mktemp("example") / "tea-ledger")
    result = mkdocs_build(report, report / "site")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return report / "site"


def test_the_example_report_has_every_take_away(example_site):
    for prefix in ("", "en/"):
        root = example_site / prefix
        assert parse_bibtex((root / "cite.bib").read_text(encoding="utf-8"))[2]["title"]
        assert json.loads((root / "cite.json").read_text(encoding="utf-8"))[0]["title"]
        assert (root / "report.pdf").read_bytes().startswith(b"%PDF-")
        assert "Tagged:          yes" in poppler("pdfinfo", str(root / "report.pdf"))
        data = lxml_html.fromstring((root / "data.html").read_bytes())
        # No sources page in this report: the citation block is on the data page.
        assert data.get_element_by_id("cite-text").text_content()
        assert data.xpath('//a[contains(@href, "datapackage.zip")]')
        home = lxml_html.fromstring((root / "index.html").read_bytes())
        assert home.xpath('//a[@href="report.pdf"]')
    package = json.loads((example_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert sorted(r["name"] for r in package["resources"]) == ["cup-price", "shop-count"]
    assert "licenses" not in package  # the example's mkdocs.yml names no licence
    frictionless = Path(__import__("sys").executable).parent / "frictionless"
    result = subprocess.run(
        [str(frictionless), "validate", "--json", "datapackage.json"],
        cwd=example_site / "data",
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert json.loads(result.stdout)["valid"], result.stdout[-2000:]
