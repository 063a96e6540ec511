"""The English edition's style, counted, so the habits a desk editor removed (issue 28)
do not creep back: colons where the Chinese has —— or ：, sentences as long as the
Chinese ones, a long headline, long editor's notes, "Take X:" for every 以…为例, names an
English reader does not know, and a caption whose "by the most" can be read the wrong way.

Each counter is first shown catching a made-up (or the old, reviewed) text, then run on
the real article. The bounds are the issue's: at most one narrative colon a paragraph
and in at most one paragraph in three; at most four sentences over 40 words and none
over 50; a headline of at most 12 words; "Take X:" at most once; every editor's note
within content/article/slips.yml's bounds."""

from __future__ import annotations

import csv
import re

import pytest
from conftest import BUILD, ROOT, is_chinese, languages

from sitegen.core.yamlio import load_yaml
from sitegen.model.article import EDITOR_NOTE, parse_article
from sitegen.model.content import read_article
from sitegen.model.sentences import aligned_sentence, split_sentences
from sitegen.model.strings import strings
from tools.scrape import read_glossary, read_slips

MAX_COLONS_PER_PARAGRAPH = 1
COLON_PARAGRAPH_SHARE = 1 / 3
LONG_SENTENCE, MAX_LONG_SENTENCES, MAX_SENTENCE = 40, 4, 50
MAX_HEADLINE_WORDS = 12
MAX_TAKE_OPENINGS = 1
NOTE_BOUNDS = read_slips()["notes"]

# A word: any run of non-space holding a letter or digit ("mid-sized", "RMB", "44.2bn").
WORD = re.compile(r"\S*[A-Za-z0-9]\S*")
# A unit of Chinese: a Han character, or a run of Latin letters or digits (a name, a year).
ZH_UNIT = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[A-Za-z0-9][A-Za-z0-9.%/-]*")
QUOTATION = re.compile(r"“[^“”]*”")
# A colon that introduces a quotation (said: “…”) is the quotation's, not the narrative's.
QUOTE_COLON = re.compile(r":(?=\s*“)")
TAKE_OPENING = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=[.!?]”\s))Take [^.!?:]{1,80}:")


def words(text: str) -> int:
    return len(WORD.findall(text))


def zh_units(text: str) -> int:
    return len(ZH_UNIT.findall(text))


def narrative_colons(paragraph: str) -> int:
    """Colons outside quotations, not counting one that introduces a quotation."""
    return QUOTATION.sub("", QUOTE_COLON.sub("", paragraph)).count(":")


def sentence_lengths(paragraph: str) -> list[int]:
    """Words per sentence, the sentences split as the data pages split them."""
    return [words(paragraph[start:end]) for start, end in split_sentences(paragraph)]


def colon_problems(paragraphs: list[str]) -> list[str]:
    counts = [narrative_colons(p) for p in paragraphs]
    problems = [
        f"{n} narrative colons in: {p[:60]}…" for p, n in zip(paragraphs, counts) if n > MAX_COLONS_PER_PARAGRAPH
    ]
    with_colon = sum(1 for n in counts if n)
    if with_colon > len(paragraphs) * COLON_PARAGRAPH_SHARE:
        problems.append(f"{with_colon} of {len(paragraphs)} paragraphs have a narrative colon")
    return problems


def sentence_problems(paragraphs: list[str]) -> list[str]:
    lengths = [n for p in paragraphs for n in sentence_lengths(p)]
    problems = [f"a sentence of {n} words (at most {MAX_SENTENCE})" for n in lengths if n > MAX_SENTENCE]
    long = [n for n in lengths if n > LONG_SENTENCE]
    if len(long) > MAX_LONG_SENTENCES:
        problems.append(f"{len(long)} sentences over {LONG_SENTENCE} words: {long}")
    return problems


def take_openings(paragraphs: list[str]) -> int:
    return sum(len(TAKE_OPENING.findall(p)) for p in paragraphs)


def note_text(block: str) -> str:
    """An editor's note without its `!!! note "…"` line."""
    return " ".join(line.strip() for line in block.splitlines()[1:])


def note_length(text: str, chinese: bool) -> tuple[int, int]:
    """(length, bound): Chinese in units (ZH_UNIT), any other language in words."""
    if chinese:
        return zh_units(text), NOTE_BOUNDS["max_zh_units"]
    return words(text), NOTE_BOUNDS["max_words"]


def body_paragraphs(article) -> list[str]:
    return [p for section in article.parts for p in section.paragraphs]


def notes(article) -> list[str]:
    return [note_text(b) for section in article.parts for b in section.blocks if EDITOR_NOTE.match(b)]


def article_from(body: str):
    return parse_article("---\ntitle: t\n---\n\n" + body, "en")


@pytest.fixture(scope="module")
def english():
    return read_article(BUILD, "en")


# --- The counters, on made-up text and on the reviewed old text ------------------------------

# Two paragraphs of the English before issue 28, as the review quoted and counted them.
OLD_132 = (
    "In advertising, the mid-sized firms have turned from mere traffic pipelines into full-service providers: "
    "e-commerce advertising has become a contest of tools and supply ecosystems, and in-feed advertising has "
    "likewise become a contest of creative content. In e-commerce, they are squeezed between the incumbent "
    "shelf-based platforms, Tmall and JD.com, and the newer challengers, Tencent, Douyin and Pinduoduo. In a market that "
    "is no longer growing, striking gold depends not on AI but on the all-round strength behind it in “people, "
    "goods and place”: shoppers, products and sales channels."
)
OLD_75 = (
    "In a break with its earlier cautious strategy, Kling spent RMB 43m on advertising in the first quarter of "
    "2025, according to AppGrowing data, and on the latest earnings call Cheng Yixiao pinned “super app” hopes on "
    "it: “We will strive to make Kling AI the world’s largest video-generation AI application by revenue as soon "
    "as possible.”"
)


def test_narrative_colons_leave_out_quotations_and_the_colon_that_opens_one():
    assert narrative_colons("He said: “One question: why?” The reason was simple: cash.") == 1
    assert narrative_colons(OLD_132) == 2  # the review's count for en.md:132


def test_the_colon_budget_catches_two_in_a_paragraph_and_too_many_paragraphs():
    assert colon_problems([OLD_132, "Plain.", "Plain.", "Plain."]) != []
    assert colon_problems(["A: b.", "C: d.", "Plain.", "Plain."]) != []  # two paragraphs in four
    assert colon_problems(["A: b.", "Plain.", "Plain."]) == []  # one in three


def test_sentence_lengths_are_counted_as_the_review_counted_them():
    assert sentence_lengths(OLD_75) == [57]  # the review: "75 (57 words)"
    assert sentence_lengths("One two three. Four five? “Six,” he said.") == [3, 2, 3]


def test_the_sentence_budget_catches_one_over_50_and_five_over_40():
    assert sentence_problems([OLD_75]) != []
    forty_one = " ".join(["word"] * 41) + "."
    assert sentence_problems([forty_one] * 4) == []
    assert sentence_problems([forty_one] * 5) != []


def test_headline_words_count_a_hyphenated_or_possessive_word_once():
    assert words("The AI Fate of China’s Mid-sized Tech Firms: Kuaishou and Its Peers Don’t Believe in AGI") == 16
    assert words("Mid-sized Tech’s AI Fate: Kuaishou and Its Peers Don’t Believe in AGI") == 12


def test_take_openings_are_counted_at_the_start_of_a_sentence_only():
    text = "Take sales: they fell. Costs rose. Take cash flow: it grew. We take note: no."
    assert take_openings([text]) == 2


def test_note_lengths_count_english_words_and_chinese_units():
    assert zh_units("原文作“Andrew Boswort”，2025年3月。") == 3 + 2 + 1 + 1 + 1 + 1
    old_note = (
        "The original spells the name “Andrew Boswort”; Meta’s chief technology officer is Andrew Bosworth. "
        "The words the original puts in quotation marks are not his own but Business Insider’s paraphrase, in "
        "March 2025, of what he said on the Possible podcast, so this translation gives them as reported speech. "
        "What he said was: “The wisdom of any generation is: These big companies from the last generation are "
        "obviously going to win the next generation. And it almost never happens.” The Chinese edition keeps the "
        "author’s wording."
    )
    length, bound = note_length(old_note, chinese=False)
    assert length == 86 and length > bound  # the review: 86 words
    length, bound = note_length("字" * 81, chinese=True)
    assert length > bound


def test_the_chinese_note_bound_is_the_english_one_at_this_articles_ratio():
    """60 English words are as long as about 60 × r units of Chinese, r measured on the
    article's own aligned paragraphs (about 1.3): the Chinese bound is that, to ten."""
    zh, en = read_article(BUILD, "zh"), read_article(BUILD, "en")
    ratio = sum(map(zh_units, body_paragraphs(zh))) / sum(map(words, body_paragraphs(en)))
    assert 1.0 < ratio < 2.0
    assert abs(NOTE_BOUNDS["max_zh_units"] - NOTE_BOUNDS["max_words"] * ratio) <= 10, ratio


# --- The English article -------------------------------------------------------------------


def test_english_narrative_colons_are_within_budget(english):
    assert colon_problems(body_paragraphs(english)) == []


def test_english_sentences_are_within_budget(english):
    assert sentence_problems(body_paragraphs(english)) == []


def test_english_headline_is_short(english):
    assert words(english.meta["title"]) <= MAX_HEADLINE_WORDS, english.meta["title"]


def test_english_opens_with_take_x_at_most_once(english):
    assert take_openings(body_paragraphs(english)) <= MAX_TAKE_OPENINGS


@pytest.mark.parametrize("code", [lang.code for lang in languages()])
def test_every_editors_note_is_within_its_bound(code):
    article = read_article(BUILD, code)
    found = notes(article)
    assert found, code  # the article has its two slips' notes
    for text in found:
        length, bound = note_length(text, is_chinese(BUILD.project.language(code)))
        assert length <= bound, (code, length, text)


def test_the_note_policy_is_written_beside_the_slip_rule():
    policy = NOTE_BOUNDS["policy"]
    for says in ("only where", "what the original reads", "what is meant", "what this translation does", "15 words"):
        assert says in policy, says


# --- First mentions: the glossary's glosses -----------------------------------------------


def gloss_misses(article) -> list[tuple[str, str]]:
    """(name, gloss) for each glossary gloss missing from the paragraph that first names it."""
    misses = []
    paragraphs = body_paragraphs(article)
    for entry in read_glossary():
        if "gloss" not in entry:
            continue
        first = next((p for p in paragraphs if entry["en"] in p), None)
        if first is None or entry["gloss"].lower() not in first.lower():  # may open a sentence
            misses.append((entry["en"], entry["gloss"]))
    return misses


def test_the_glossary_holds_the_first_mention_glosses():
    glosses = {entry["en"]: entry["gloss"] for entry in read_glossary() if "gloss" in entry}
    assert {"Douyin", "Bilibili", "Zhihu", "Meitu", "Xiaohongshu"} <= glosses.keys()
    # The second pass's: a few words each for the names, products and sources an English
    # reader meets without context (the column, the data provider, the apps).
    assert {
        "Silicon-based Research Lab",
        "AppGrowing",
        "Kunlun Tech",
        "01.AI",
        "DeepSeek",
        "Sora",
        "Kuaiying",
        "UAX",
        "Nüwa",
        "Jinniu",
        "Yanyan Stories",
    } <= glosses.keys()


def test_a_gloss_after_the_first_mention_is_a_miss():
    late = article_from("Bilibili grew.\n\nBilibili, a video site popular with the young, grew again.\n")
    assert ("Bilibili", "a video site popular with the young") in gloss_misses(late)


def test_each_gloss_is_at_the_names_first_mention(english):
    assert gloss_misses(english) == []


# --- Captions that compare: the basis named, the claim true in the data -------------------

# A ranking claim, per hand-kept language.
COMPARISON = {
    "en": re.compile(r"\b(?:by the most|the most|furthest|farthest|largest|biggest|fastest|steepest|deepest)\b"),
    "zh": re.compile(r"最大|最多|最高|最快|最深"),
}
BASIS = {
    "en": {
        "percent": re.compile(r"percent|percentage|%"),
        "money": re.compile(r"\bmoney\b|\bamounts?\b|\bRMB\b|HK\$|\bcash terms\b|\babsolute\b"),
    },
    "zh": {"percent": re.compile(r"[降增跌涨]幅|百分|%"), "money": re.compile(r"金额|绝对额|[万亿]?元")},
}
FALL = {
    "en": re.compile(r"\b(?:fell|fall|falls|cut|cuts|dropped|declined|less|lower)\b"),
    "zh": re.compile(r"[降跌减]|回落"),
}
HAND_KEPT = [lang.code for lang in languages() if not lang.is_derived]
CHART_IDS = sorted(strings(BUILD, "zh")["charts"].keys() - {"language_tag"})


def row_names(code: str, keys: list[str]) -> dict[str, str]:
    """Row key -> the name a language's captions give it, from the glossary (kuaishou -> 快手)."""
    names = {}
    for entry in read_glossary():
        key = entry["en"].lower()
        if key in keys:
            names.setdefault(key, entry["en"] if code == "en" else entry["zh"])
    return names


def change_by(basis: str, row: dict) -> float:
    peak, latest = float(row["peak"]), float(row["latest"])
    return latest - peak if basis == "money" else (latest - peak) / peak


def comparison_problems(code: str, chart_id: str, text: str) -> list[str]:
    """What is wrong with a chart text's ranking claim: no basis named, a subject that cannot
    be told, data with no rule to check it, or a claim the data contradict."""
    lang = code.split("-")[0]
    match = COMPARISON[lang].search(text)
    if not match:
        return []
    bases = [name for name, pattern in BASIS[lang].items() if pattern.search(text)]
    if len(bases) != 1:
        return [f"{chart_id}: a comparison that names no single basis (money or percent): {text}"]
    path = ROOT / "data" / f"{chart_id}.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8"))) if path.exists() else []
    if not rows or not {"peak", "latest"} <= rows[0].keys():
        return [f"{chart_id}: a comparison this test has no rule to check against data/{chart_id}.csv: {text}"]
    key = load_yaml((ROOT / "data" / f"{chart_id}.schema.yml").read_text(encoding="utf-8"))["primaryKey"]
    names = row_names(lang, [row[key] for row in rows])
    before = text[: match.start()]
    # The subject: the row named last before the comparison ("…, Bilibili by the most").
    named = {row: before.rfind(name) for row, name in names.items() if before.rfind(name) >= 0}
    if not named:
        return [f"{chart_id}: a comparison with no company named before it: {text}"]
    subject = max(named, key=named.get)
    changes = {row[key]: change_by(bases[0], row) for row in rows}
    falling = bool(FALL[lang].search(text))
    leader = min(changes, key=changes.get) if falling else max(changes, key=changes.get)
    if leader != subject:
        return [f"{chart_id}: says {subject} leads in {bases[0]}, but the data say {leader}: {text}"]
    return []


def test_the_old_caption_names_no_basis():
    old = "Cutting costs: Kuaishou, Bilibili and Zhihu all spent less on sales and marketing than at their peak, Bilibili by the most."
    assert comparison_problems("en", "sales-marketing", old) != []


def test_a_comparison_is_checked_against_the_data_on_its_basis():
    # data/sales-marketing.csv: Kuaishou cut RMB 3.1bn (7%), Bilibili RMB 1.4bn (24%), Zhihu RMB 0.4bn (20%).
    claim = "{who}’s spending fell furthest in {basis} terms."
    assert comparison_problems("en", "sales-marketing", claim.format(who="Bilibili", basis="percentage")) == []
    assert comparison_problems("en", "sales-marketing", claim.format(who="Kuaishou", basis="money")) == []
    assert comparison_problems("en", "sales-marketing", claim.format(who="Bilibili", basis="money")) != []
    assert comparison_problems("en", "sales-marketing", claim.format(who="Kuaishou", basis="percentage")) != []
    assert comparison_problems("zh", "sales-marketing", "快手降幅最大。") != []
    assert comparison_problems("en", "sales-marketing", "Spending fell furthest in percentage terms.") != []  # whose?
    assert comparison_problems("en", "operating-cash-flow", "Kuaishou’s grew the most in percentage terms.") != []


@pytest.mark.parametrize("code", HAND_KEPT)
@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_every_caption_that_compares_names_its_basis_and_is_true(code, chart_id):
    chart = strings(BUILD, code)["charts"][chart_id]
    problems = [p for key in ("title", "caption") for p in comparison_problems(code, chart_id, chart[key])]
    assert problems == []


def test_the_sales_marketing_captions_do_compare():
    """The check above is not vacuous: both languages' sales-marketing captions rank."""
    for code in HAND_KEPT:
        caption = strings(BUILD, code)["charts"]["sales-marketing"]["caption"]
        assert COMPARISON[code.split("-")[0]].search(caption), code


# --- The data page's English sentence for each row, where this pass split sentences ------

# A data row's quote is a sentence of the Chinese; the data page shows the English sentence
# that sentences.aligned_sentence pairs with it, by sentence count when the paragraphs have
# as many, else by figures and then by position. Splitting a sentence of a paragraph that
# holds a quote can shift that pairing: each quote of the paragraphs the second review split
# (issue 28) and the English words its row must show, checked by hand against the article.
ALIGNED = {
    "目前国内超过九成的AI厂商，都选择在B站与用户沟通": "More than 90% of domestic AI companies now choose Bilibili",
    "其广告收入占比从2020年的15%上升到2024年的30%": "Advertising rose from 15% of its revenue in 2020 to 30% in 2024",
    "连续8个季度实现超20%的增长": "grown by over 20% for eight quarters in a row",
    "可灵在2025年第一季度的投流规模达到4300万元": "Kling spent RMB 43m on advertising in the first quarter of 2025",
    "付费渗透率提升到4.7%": "rose to 4.7%",
    "离自己曾经的1.7万亿港元市值也跌去九成": "90% below its peak of HK$1.7tn",
    # The fourth review's splits: a quote with no figure goes by where its middle falls,
    # and 7亿 finds RMB 700m by value.
    "布局网页、独立App、小程序和快影APP四个形态": "rolled out in four forms",
    "直到去年实现单季度盈利后": "Only after Bilibili turned a quarterly profit",
    "美图为7亿": "Meitu’s RMB 700m",
}


@pytest.mark.parametrize("quote", ALIGNED)
def test_the_data_page_shows_the_english_sentence_that_says_each_split_paragraphs_figure(english, quote):
    chinese = read_article(BUILD, "zh")
    pairs = [(zh, en) for zh, en in zip(body_paragraphs(chinese), body_paragraphs(english)) if quote in zh]
    assert len(pairs) == 1, quote
    ((zh, en),) = pairs
    shown = aligned_sentence(zh, quote, en)
    assert ALIGNED[quote] in shown and len(shown) < len(en), shown
