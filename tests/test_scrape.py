"""The scrape-cleaning functions, each against the defect it exists for."""

import string

import pytest

from tools.scrape import (
    article_copies,
    fix_mojibake,
    fullwidth_punctuation,
    normalise,
    scrape_path,
    scrape_settings,
    strip_pinyin,
    to_simplified,
)


def test_strip_pinyin_removes_glosses_after_han_characters():
    assert strip_pinyin("商業(yè)化收入") == "商業化收入"
    assert strip_pinyin("互聯(lián)網(wǎng)") == "互聯網"


def test_strip_pinyin_keeps_the_authors_parentheses():
    assert strip_pinyin("商業模式?(大模型的)市場") == "商業模式?(大模型的)市場"
    assert strip_pinyin("DeepSeek(深度求索)") == "DeepSeek(深度求索)"
    assert strip_pinyin("Q1(ok)") == "Q1(ok)"  # Latin without tone marks is not pinyin


def test_fix_mojibake_restores_full_stop_and_closing_quote():
    assert fix_mojibake("新參與者?!?/p>") == "新參與者。”"
    assert fix_mojibake("溝通?!盇I創企") == "溝通。”AI創企"


def fold(text: str) -> str:
    """Full-width ASCII forms as ASCII (`！` as `!`), as everywhere in the scrape."""
    return "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in text)


def gbk_or_question_mark(pair: bytes) -> str:
    try:
        return pair.decode("gbk")
    except UnicodeDecodeError:
        return "?"  # the broken decoder spends both bytes on one `?`


def scrape_damage(punctuation: str, after: str) -> str:
    """`punctuation` then `after` as the scrape renders them: GBK read one byte out of
    step. The first byte is lost (`?`), each later byte pairs with the one after it, the
    last punctuation byte with the first character of `after`."""
    data = (punctuation + after[0]).encode("gbk")
    pairs = [data[i : i + 2] for i in range(1, len(data), 2)]
    return fold("?" + "".join(map(gbk_or_question_mark, pairs))) + after[1:]


def test_the_damage_model_reproduces_the_scrape():
    # If this fails, the synthetic cases below no longer model the real defect.
    assert scrape_damage("。”", "AI創企") == "?!盇I創企"
    assert scrape_damage("。”", "</p>") == "?!?/p>"


@pytest.mark.parametrize(
    "before, punctuation, after, expected",
    [
        ("…", "。”", "B", "…。”B"),
        ("“好", "。”", "B站", "“好。”B站"),
        ("“太好了", "！”", "x", "“太好了!”x"),  # `！` comes back folded, like the rest
        ("「為什麼", "？」", "</p>", "「為什麼?」"),  # the tag goes, as all tags did
        ("「為什麼", "？」", "AI", "「為什麼?」AI"),
        ("他說", "：“", "AI", "他說:“AI"),
        ("《書名", "》，", "B", "《書名》,B"),
        ("(括號", "。）", "<br>", "(括號。)"),
    ],
)
def test_fix_mojibake_restores_synthetic_damage(before, punctuation, after, expected):
    assert fix_mojibake(before + scrape_damage(punctuation, after) + "後文") == expected + "後文"


@pytest.mark.parametrize("letter", string.ascii_letters)
def test_fix_mojibake_gives_back_any_latin_letter(letter):
    assert fix_mojibake("“好" + scrape_damage("。”", letter + "I")) == f"“好。”{letter}I"
    assert fix_mojibake("「好" + scrape_damage("？」", letter)) == f"「好?」{letter}"


def test_an_open_quote_or_bracket_decides_what_the_lost_bytes_were():
    # `?!?/p>` lost the closing mark's trail byte: the line says which mark it was.
    assert fix_mojibake("“好" + scrape_damage("。”", "</p>")) == "“好。”"
    assert fix_mojibake("「好" + scrape_damage("。」", "</p>")) == "「好。」"
    # A?BF is `？` or `】`: the same damaged text, two openings.
    assert scrape_damage("？”", "A") == scrape_damage("】”", "A")
    assert fix_mojibake("“真的" + scrape_damage("？”", "A")) == "“真的?”A"
    assert fix_mojibake("“【注意" + scrape_damage("】”", "A")) == "“【注意】”A"


def test_an_earlier_repair_counts_when_a_later_one_looks_for_its_quote():
    damaged = "“「甲" + scrape_damage("。」", "A乙") + scrape_damage("。”", "</p>")
    assert fix_mojibake(damaged) == "“「甲。」A乙。”"


@pytest.mark.parametrize(
    "text",
    [
        "為什麼?現在",  # `?` + 現 (AC 46) would read `，F`: one mark alone is never repaired
        "到底是什麼?」時,他",
        "商業模式?(大模型的)市場",
        "真的嗎?!我們",
        "好?!AI創企",  # a plain letter after `?!` is not fused with anything
        "Wow!Apple",
        "盇I創企與盉",  # the rare characters, with no `?` run before them
        "“新參與者。”AI",
        "什麼??",
        "a ? b ! c",
    ],
)
def test_fix_mojibake_leaves_ordinary_text_alone(text):
    assert fix_mojibake(text) == text


def test_fix_mojibake_changes_exactly_the_damaged_lines_of_the_scrape():
    lines = scrape_path().read_text(encoding="utf-8").splitlines()
    changed = [line for line in lines if fix_mojibake(line) != line]
    assert changed == [line for line in lines if "?!" in line]
    assert len(changed) == 7
    assert not any("?!" in fix_mojibake(line) or "/p>" in fix_mojibake(line) for line in lines)


def test_to_simplified_and_punctuation():
    assert to_simplified("中廠的AI宿命") == "中厂的AI宿命"
    assert fullwidth_punctuation("想讓外界相信,首先得信自己") == "想讓外界相信，首先得信自己"


def test_normalise_chains_every_fix():
    assert normalise("快手們不信AGI,業(yè)務?!?/p>") == "快手们不信AGI，业务。”"


def test_article_copies_finds_both_copies_without_page_chrome():
    settings = scrape_settings()
    copies = article_copies(scrape_path().read_text(encoding="utf-8"), settings["second_line"], settings["last_line"])
    assert len(copies) == 2
    for copy in copies:
        assert copy[0] == "中廠的AI宿命,快手們不信AGI"
        assert copy[-1].startswith("本文為轉載內容")
        text = "\n".join(copy)
        for chrome in ("掃一掃下載", "暫無評論", "微信公眾號", "正在閱讀", "6.2k"):
            assert chrome not in text
    assert [normalise(line) for line in copies[0]] == [normalise(line) for line in copies[1]]
