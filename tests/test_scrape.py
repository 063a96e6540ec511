"""The scrape-cleaning functions, each against the defect it exists for."""

from sitegen.content import scrape_path, scrape_settings
from sitegen.scrape import (
    article_copies,
    fix_mojibake,
    fullwidth_punctuation,
    normalise,
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
