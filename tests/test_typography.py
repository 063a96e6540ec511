"""Typography of what readers see, beyond the author's own text: in Chinese no space
between a Han character and a Latin letter or digit (the article body's rule: "Meta CTO
Andrew Boswort曾"); in English curly quotes and apostrophes, never ' or "; and a true
minus sign (U+2212 −) in every negative number and signed change."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import BUILD, ROOT

from sitegen.core import project
from sitegen.core.yamlio import load_yaml
from sitegen.model.article import CHART_LINE, EDITOR_NOTE, SUBHEAD, parse_article
from sitegen.model.datasets import load_dataset
from sitegen.model.numbers import format_value

# The rules every report's build checks (the Han–Latin space, straight quotes, a note's title).
from sitegen.model.typography import HAN_LATIN_SPACE, NOTE_TITLE, STRAIGHT_QUOTE

EXAMPLE = ROOT / "sitegen" / "starter"
REPORTS = [ROOT, EXAMPLE]
REPORT_IDS = ["report", "tea-ledger"]

# Markdown syntax around visible text: an attribute list, a link's target, an HTML tag.
SYNTAX = re.compile(r"\{:?[^{}]*\}|\]\([^)]*\)|<[^<>]*>")


def strings_in(node, key=""):
    """(dotted key, text) for every string in a strings file."""
    if isinstance(node, dict):
        for name, value in node.items():
            yield from strings_in(value, f"{key}.{name}".strip("."))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from strings_in(value, f"{key}[{index}]")
    elif isinstance(node, str):
        yield key, node


def strings_file(report: Path, lang: str):
    path = report / "content" / "strings" / f"{lang}.yml"
    return list(strings_in(load_yaml(path.read_text(encoding="utf-8"))))


def article(report: Path, lang: str):
    path = report / "content" / "article" / f"{lang}.md"
    return parse_article(path.read_text(encoding="utf-8"), lang, str(path))


def editor_notes(art):
    """(where, text) for each editor's note's title and body, its syntax taken off."""
    for section in art.parts:
        for block in section.blocks:
            if EDITOR_NOTE.match(block):
                first, *body = block.split("\n")
                title = NOTE_TITLE.match(first)
                if title and title.group(1):
                    yield f"section {section.number} note title", title.group(1)
                yield f"section {section.number} note", "\n".join(line.strip() for line in body).strip()


def article_text(art):
    """(where, text) for everything of an article a reader sees, its syntax taken off."""
    for key, value in strings_in(art.meta):
        yield f"front matter {key}", value
    for section in art.parts:
        if not section.is_lede:
            yield f"section {section.number} title", section.title
        for block in section.blocks:
            if CHART_LINE.match(block) or EDITOR_NOTE.match(block):
                continue
            subhead = SUBHEAD.match(block)
            yield f"section {section.number}", SYNTAX.sub("", subhead.group(1) if subhead else block)
    yield from editor_notes(art)


def language(report: Path, code: str) -> project.Language:
    loaded = BUILD.project if report == ROOT else project.load(report / "mkdocs.yml")
    return next(lang for lang in loaded.languages if lang.code == code)


# --- Chinese: no space between Han and Latin ---------------------------------------------


def test_the_rule_is_the_article_bodys():
    body = "\n".join(p for section in article(ROOT, "zh").parts for p in section.paragraphs)
    assert "Meta CTO Andrew Boswort曾" in body and not HAN_LATIN_SPACE.search(body)


@pytest.mark.parametrize("report", REPORTS, ids=REPORT_IDS)
def test_no_space_between_han_and_latin_in_chinese_notes_and_strings(report):
    zh = language(report, "zh")
    texts = [
        *editor_notes(article(report, "zh")),
        *strings_file(report, "zh"),
        ("mkdocs.yml site_name", zh.site_name),
        ("mkdocs.yml site_description", zh.site_description),
    ]
    spaced = [(where, text) for where, text in texts if HAN_LATIN_SPACE.search(text)]
    assert spaced == [], "write Han and Latin letters or digits with no space between: " + repr(spaced)


def test_the_spacing_check_catches_both_orders():
    assert HAN_LATIN_SPACE.search("所指应为 Meta") and HAN_LATIN_SPACE.search("Meta 首席")
    assert HAN_LATIN_SPACE.search("下载 CSV") and HAN_LATIN_SPACE.search("2024 年")
    assert not HAN_LATIN_SPACE.search("所指应为Meta首席技术官Andrew Bosworth。")
    assert not HAN_LATIN_SPACE.search("阿里巴巴 = 快手 × 9")  # spaces around signs are not between Han and Latin


# --- English: curly quotes ---------------------------------------------------------------


@pytest.mark.parametrize("report", REPORTS, ids=REPORT_IDS)
def test_no_straight_quotes_in_english_strings(report):
    en = language(report, "en")
    texts = [
        *strings_file(report, "en"),
        ("mkdocs.yml site_name", en.site_name),
        ("mkdocs.yml site_description", en.site_description),
    ]
    straight = [(key, text) for key, text in texts if STRAIGHT_QUOTE.search(text)]
    assert straight == [], "use ’ “ ” instead of ' and \": " + repr(straight)


@pytest.mark.parametrize("report", REPORTS, ids=REPORT_IDS)
def test_no_straight_quotes_in_the_english_article_outside_its_syntax(report):
    straight = [
        (where, text[:80]) for where, text in article_text(article(report, "en")) if STRAIGHT_QUOTE.search(text)
    ]
    assert straight == [], "use ’ “ ” instead of ' and \": " + repr(straight)


def test_the_article_syntax_keeps_its_ascii_quotes():
    """Only the visible text is checked: chart lines and note markers keep their quotes."""
    source = (ROOT / "content" / "article" / "en.md").read_text(encoding="utf-8")
    assert '{{ chart("market-cap") }}' in source and '!!! note "Editor’s note"' in source
    notes = dict(editor_notes(article(ROOT, "en")))
    assert "Editor’s note" in notes.values()


# --- A true minus sign -------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    "value, unit",
    [(-7, "percent"), (-24.4, "percent"), (-90, "percent"), (-31, "cny_100m"), (-1234.5, None), (-0.2, "ratio")],
)
def test_negative_numbers_take_a_true_minus(lang, value, unit):
    for signed in (True, False):
        text = format_value(BUILD, value, unit, lang, signed=signed)
        assert "\u2212" in text and "-" not in text, text


@pytest.mark.parametrize("lang, expected", [("zh", ["−7%", "+7%", "−31亿元"]), ("en", ["−7%", "+7%", "RMB −3.1bn"])])
def test_signed_changes_read_plus_or_minus(lang, expected):
    assert [
        format_value(BUILD, -7, "percent", lang, signed=True),
        format_value(BUILD, 7, "percent", lang, signed=True),
        format_value(BUILD, -31, "cny_100m", lang, signed=True),
    ] == expected


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("chart_id", ["sales-marketing", "market-cap"])
def test_chart_labels_of_changes_use_a_true_minus(chart_id, lang):
    from matplotlib.text import Text

    from sitegen.charts.render import draw, drawing

    with drawing(BUILD, lang):
        fig = draw(BUILD, chart_id, load_dataset(BUILD, chart_id), lang)
        texts = [text.get_text() for text in fig.findobj(Text) if text.get_text()]
    assert any(re.search(r"\u2212\d", text) for text in texts), texts
    assert not [text for text in texts if re.search(r"(?<![\w–-])-\d", text)]


def test_english_chart_text_is_set_with_proportional_quotes():
    """The chart font is CJK, whose Chinese face draws ’ and “ ” full-width: English
    charts are set in its face with proportional punctuation, every text of them, and
    tagged English (for the shaper), the tick labels matplotlib makes while drawing too."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    from sitegen.charts.render import draw, drawing, text_family

    with drawing(BUILD, "en"):
        english, chinese = (
            text_family(BUILD.project.font_family, "en"),
            text_family(BUILD.project.font_family, "zh-Hans"),
        )
        fig = draw(BUILD, "market-cap", load_dataset(BUILD, "market-cap"), "en")
        fig.draw_without_rendering()  # makes the tick labels, as saving does
        texts = fig.findobj(Text)
        assert {tuple(text.get_fontfamily()) for text in texts} == {(english,)}
        assert {text.get_language() for text in texts} == {"en"}
        renderer = FigureCanvasAgg(fig).get_renderer()

        def width(text: str, family: str) -> float:
            probe = fig.text(0, 0, text, family=family, fontsize=20)
            try:
                return probe.get_window_extent(renderer).width
            finally:
                probe.remove()

        assert chinese == BUILD.project.font_family and english != chinese
        assert width("’", english) < 0.5 * width("’", chinese)
        assert width("“”", english) < 0.6 * width("“”", chinese)
        assert width("Kuaishou", english) == width("Kuaishou", chinese)  # the same Latin letters


# --- English: one spelling and one punctuation (content/glossary.yml: US) --------------

UK_SPELLING = re.compile(
    r"\b\w*(?:capital|monet|optim|organ|recogn|real|util|modern|priorit|standard|character|categor|emphas|summar|"
    r"minim|maxim|central|digit|commerc|special|stabil|apolog|critic|final|normal|visual)is(?:e|es|ed|ing|ation|ations)\b"
    r"|\b\w*(?:col|fav|behavi|lab|hon|neighb|rum|flav)our\w*|\bcentres?\b|\bprogrammes?\b|\banalys(?:e|es|ed|ing)\b"
    r"|\bcatalogue\b|\bjudgement\b|\btravell(?:ed|ing|er)\b|\bdefence\b|\bper cent\b",
    re.IGNORECASE,
)
# American punctuation: a comma or full stop that closes a quotation goes inside it.
OUTSIDE_QUOTE = re.compile(r"”[.,]")


def english_reader_text():
    """(where, text) for everything an English reader of this report sees, from its sources."""
    yield from article_text(article(ROOT, "en"))
    yield from strings_file(ROOT, "en")
    en = language(ROOT, "en")
    yield "mkdocs.yml site_name", en.site_name
    yield "mkdocs.yml site_description", en.site_description


def test_the_glossary_names_the_house_spelling():
    glossary = (ROOT / "content" / "glossary.yml").read_text(encoding="utf-8")
    assert re.search(r"^#\s+spelling\s+US\b", glossary, re.MULTILINE)
    assert re.search(r"^#\s+money\s+RMB 44\.2bn", glossary, re.MULTILINE)


def test_english_is_spelled_the_american_way_everywhere():
    uk = [(where, match.group(0)) for where, text in english_reader_text() for match in UK_SPELLING.finditer(text)]
    assert uk == [], "the English edition spells the US way (content/glossary.yml): " + repr(uk)


def test_the_spelling_check_knows_the_british_forms():
    assert UK_SPELLING.search("Market capitalisation") and UK_SPELLING.search("monetising AI")
    assert UK_SPELLING.search("favourable winds") and UK_SPELLING.search("a programme")
    assert not UK_SPELLING.search("Market capitalization, monetizing AI, favorable winds, advertise, rise, otherwise")


def test_english_closes_quotations_the_american_way():
    outside = [
        (where, text[max(0, m.start() - 30) : m.end()])
        for where, text in english_reader_text()
        for m in OUTSIDE_QUOTE.finditer(text)
    ]
    assert outside == [], "put a closing comma or full stop inside the quotation marks: " + repr(outside)


def test_english_money_is_written_as_the_chart_labels_write_it():
    """One money style: the article writes amounts as format_value does (RMB 44.2bn, HK$1.7tn)."""
    text = "\n".join(t for where, t in article_text(article(ROOT, "en")) if "note" not in where)
    assert not re.search(
        r"\b(?:billion|million|trillion) (?:yuan|Hong Kong dollars)\b|\byuan\b|\bHK\$[\d.]+ (?:billion|trillion)", text
    )
    for value, unit in [(442, "cny_100m"), (7, "cny_100m"), (4300, "cny_10k"), (17000, "hkd_100m")]:
        assert format_value(BUILD, value, unit, "en") in text
