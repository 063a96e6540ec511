"""Numbers as an article writes them, read back: 411亿, 4300万元, 190,000, 十九万, 九成, 五分之一, 一半, 1/9,
超20%, 20多次, 破亿.

    mentions("市值超2000亿港元") -> [Mention(value=2e11, share=False, qualifier="over",
                                           currency="HKD", text="超2000亿港元")]

Each mention is one number the sentence states:

    value      the number times its magnitude word (411亿 -> 4.11e10); for a proportion
               (%, 成, X分之Y, a/b, 一半) the fraction of one (九成 -> 0.9)
    share      True for a proportion
    qualifier  "over" (超, 超过, 逾, 破, 突破, …多, …余, …以上), "nearly" (近, 将近, 接近),
               "about" (约, 大约, …左右), or None
    currency   "CNY" (元), "HKD" (港元, 港币), "USD" (美元) when the words name one
    text       the words as written, for messages

The data check (sitegen/model/datasets.py) compares each stored value with them, units
considered. The reader knows Arabic and Chinese numerals and the Chinese magnitude and
proportion words: the report's data quotes its source article, which is Chinese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# 190000 or 190,000 (thousands grouped as English and the data page write them), 1.5.
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
HAN_DIGITS = "零〇一二两三四五六七八九十百千"
# Digits not inside a word (Q1, H2, 5G) or a longer number; Han numerals not ordinals (第一).
NUMBER = rf"(?:(?<![A-Za-z0-9.]){DIGITS}|(?<!第)[{HAN_DIGITS}]+)"
MAGNITUDES = {"万亿": 1e12, "亿": 1e8, "万": 1e4}
CURRENCIES = {"港元": "HKD", "港币": "HKD", "美元": "USD", "元": "CNY"}
QUALIFIERS = {
    "超过": "over",
    "超出": "over",
    "超": "over",
    "逾": "over",
    "突破": "over",
    "破": "over",
    "将近": "nearly",
    "接近": "nearly",
    "近": "nearly",
    "大约": "about",
    "约": "about",
    "多": "over",
    "余": "over",
    "以上": "over",
    "左右": "about",
}
# A Chinese numeral counts as a number only before one of these (四个, 九成, 三倍, 两亿…):
# 一 and 十 are too common inside words (一方面, 一样, 十分) to read on their own.
MEASURE_WORDS = "个次家倍位款种名项季条成亿万%％"

MENTION = re.compile(
    rf"""
    (?P<before>超过|超出|超|逾|突破|破|将近|接近|近|大约|约)?
    (?:
        (?P<den>{NUMBER})分之(?P<num>{NUMBER})
      | (?<![A-Za-z0-9.])(?P<fnum>{DIGITS})/(?P<fden>{DIGITS})
      | (?P<half>一半)
      | (?P<n>{NUMBER})(?P<more>多|余)?(?P<mag>万亿|亿|万)?(?P<more2>多|余)?(?P<unit>%|％|成|港元|港币|美元|元)?
      | (?P<bare>万亿|亿)(?P<unit2>港元|港币|美元|元)?
    )
    (?P<after>以上|左右)?
""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Mention:
    value: float
    share: bool
    qualifier: str | None
    currency: str | None
    text: str


def han_number(text: str) -> float:
    """二十 -> 20, 一百二十 -> 120, 两 -> 2, 四 -> 4 (digits, 十, 百, 千)."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
    places = {"十": 10, "百": 100, "千": 1000}
    total, digit = 0, None
    for char in text:
        if char in digits:
            digit = digits[char]
        elif char in places:
            total += (1 if digit is None else digit) * places[char]
            digit = None
    return float(total + (digit or 0))


def number(text: str) -> float:
    return float(text.replace(",", "")) if text[0].isdigit() else han_number(text)


def mentions(text: str) -> list[Mention]:
    """Every number `text` states, in order."""
    found = []
    for match in MENTION.finditer(text):
        group = match.group
        qualifier = QUALIFIERS.get(group("before") or "") or QUALIFIERS.get(group("after") or "")
        currency, share = None, False
        if group("den") is not None:
            value, share = number(group("num")) / number(group("den")), True
        elif group("fnum") is not None:
            if number(group("fden")) == 0:
                continue
            value, share = number(group("fnum")) / number(group("fden")), True
        elif group("half") is not None:
            value, share = 0.5, True
        elif group("n") is not None:
            written, unit = group("n"), group("unit")
            following = text[match.end() : match.end() + 1]
            if not written[0].isdigit() and not (group("mag") or unit or following and following in MEASURE_WORDS):
                continue  # a Chinese numeral inside a word, not a number
            value = number(written) * MAGNITUDES.get(group("mag") or "", 1)
            qualifier = qualifier or QUALIFIERS.get(group("more") or group("more2") or "")
            if unit in ("%", "％"):
                value, share = value / 100, True
            elif unit == "成":
                value, share = value / 10, True
            elif unit:
                currency = CURRENCIES[unit]
        else:  # 破亿: a magnitude word alone, after "over", is one of it
            if qualifier != "over":
                continue
            value, currency = MAGNITUDES[group("bare")], CURRENCIES.get(group("unit2") or "")
        found.append(Mention(value, share, qualifier, currency, match.group(0)))
    return found


# Dates: 2022年7月, 2023年Q1, 2025年第一季度, 2024年中旬 / 年中, 2024年下半年, 2022年; and the
# words for a date relative to when the text was written: 去年年中, 近期.
_PART = r"(?:(?P<month>\d{1,2})月|第?(?P<quarter>[一二三四1-4])季度|Q(?P<q>[1-4])|(?P<half>[上下])半年|(?P<mid>年?中旬|年中))"
DATE = re.compile(
    rf"(?:(?<![\d.])(?P<year>\d{{4}})(?:年|(?=Q[1-4]))|(?P<relative>去年|今年|前年|近期|近日|日前))(?:{_PART})?"
)
HAN_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4}


@dataclass(frozen=True)
class DateMention:
    year: int | None  # None for a relative date: see `relative`
    relative: str | None  # 去年, 近期…: the word, for the descriptor's table to resolve
    rest: str  # "-07", "-Q1", "-H2", "-mid" or "": the part after the year, as data writes it
    text: str

    def period(self, year: int) -> str:
        return f"{year}{self.rest}"


def dates(text: str) -> list[DateMention]:
    """Every date `text` states, absolute (2024年下半年 -> 2024-H2) or relative (去年年中)."""
    found = []
    for match in DATE.finditer(text):
        group = match.group
        rest = ""
        if group("month"):
            if not 1 <= int(group("month")) <= 12:
                continue
            rest = f"-{int(group('month')):02d}"
        elif group("quarter") or group("q"):
            quarter = group("quarter") or group("q")
            rest = f"-Q{HAN_QUARTERS.get(quarter, quarter)}"
        elif group("half"):
            rest = "-H1" if group("half") == "上" else "-H2"
        elif group("mid"):
            rest = "-mid"
        year = int(group("year")) if group("year") else None
        found.append(DateMention(year, group("relative"), rest, match.group(0)))
    return found


# A date counted from another: 两个月后, 2个月后, 三个季度后, 一年后, 半年后 (sitegen/model/offsets.py).
# 个 is required before 月: "3月后" is after March, not three months later.
LATER = re.compile(rf"(?:(?P<half>半)|(?P<n>{NUMBER}))(?P<unit>个月|个?季度|年)(?:之后|以后|后)")
MONTHS = {"个月": 1, "季度": 3, "个季度": 3, "年": 12}


def later(text: str) -> list[int]:
    """Each span of time `text` says something came after, in months: 两个月后 -> 2."""
    found = []
    for match in LATER.finditer(text):
        if match["half"]:
            found.append(6 if match["unit"] == "年" else 0)  # 半年后; 半个月后 is no whole month
        else:
            months = number(match["n"]) * MONTHS[match["unit"]]
            found.append(int(months) if months.is_integer() else 0)
    return [months for months in found if months]
