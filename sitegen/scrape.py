"""Turn the scraped page (content/source/*.txt) into the article's own paragraphs.

The scrape is the source of record. It holds the article twice inside page chrome, in
Traditional script with pinyin glued after some characters (業(yè)) and with `。”</p>`
mangled into `?!?/p>` or `?盇` in places. These functions undo each defect in turn; each
is pure and small so a test can pin it down. `normalise` chains them, and both the
one-off cleaning tool and the faithfulness test use it, so they cannot disagree.
"""

from __future__ import annotations

import re
from functools import lru_cache

# A pinyin gloss is a run of Latin letters, at least one carrying a tone mark, in
# parentheses straight after a Han character: 業(yè), 聯(lián). "(大模型的)" and
# "Name(中文名)" are the author's parentheses and do not match.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
PINYIN_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])\((?=[a-z{_TONED}]*[{_TONED}])[a-z{_TONED}]+\)")

# `。”` followed by `</p>` or by a Latin letter, decoded with the wrong charset.
MOJIBAKE = {
    "?!?/p>": "。”",
    "?!盇": "。”A",
}

# ASCII punctuation the scrape uses inside Chinese prose, and its full-width form.
FULLWIDTH = str.maketrans({",": "，", ":": "：", ";": "；", "?": "？", "!": "！"})



def strip_pinyin(text: str) -> str:
    return PINYIN_GLOSS.sub("", text)


def fix_mojibake(text: str) -> str:
    for broken, intended in MOJIBAKE.items():
        text = text.replace(broken, intended)
    return text


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _converter().convert(text)


def fullwidth_punctuation(text: str) -> str:
    return text.translate(FULLWIDTH)


def normalise(text: str) -> str:
    """One scraped paragraph, made Simplified and clean, before any proofreading."""
    return fullwidth_punctuation(to_simplified(strip_pinyin(fix_mojibake(text)))).strip()


def article_copies(raw: str, second_line: str, last_line: str) -> list[list[str]]:
    """Each copy of the article in the scrape, as its non-empty lines (title first).

    A copy opens with the line before one starting with `second_line` (the title before
    the dek) and closes at the line starting with `last_line`; everything outside is page
    chrome (app banners, related links, comments)."""
    lines = [line.strip() for line in raw.splitlines()]
    copies, current = [], None
    for index, line in enumerate(lines):
        if current is None:
            following = [l for l in lines[index + 1 : index + 4] if l]
            if line and following and following[0].startswith(second_line):
                current = [line]
            continue
        if line:
            current.append(line)
        if line.startswith(last_line):
            copies.append(current)
            current = None
    return copies


def scraped_paragraphs(raw: str, second_line: str, last_line: str) -> list[str]:
    """The article's paragraphs, normalised, taken from the last (least damaged) copy."""
    copies = article_copies(raw, second_line, last_line)
    if not copies:
        raise ValueError("no copy of the article found in the scrape")
    return [normalise(line) for line in copies[-1]]
