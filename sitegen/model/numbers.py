"""Numbers and periods as a reader of each language writes them: 12亿元 / RMB 1.2bn.

Babel does the locale work (digits, grouping, decimal and percent signs, month and
quarter names). Two small tables fill in what Babel's compact forms get wrong for
prose: the unit table (data/units.yml: what a stored value means) and each language's
magnitude words and currency patterns (content/strings/<lang>.yml under `data.`).

A negative number takes a true minus sign (U+2212 −, as typeset text and the alt texts
write it), never the hyphen-minus Babel's locales give; a signed change takes + or −.
"""

from __future__ import annotations

import datetime

from babel.dates import format_skeleton
from babel.numbers import format_decimal, format_percent

from sitegen.core.project import Build, babel_locale
from sitegen.model.fields import PERIOD, PERIOD_FORMS
from sitegen.model.strings import MissingString, entry, t
from sitegen.model.units import Unit, units

MINUS = "\u2212"  # −


def _signs(pattern: str, signed: bool) -> str:
    """A Babel pattern with its negative subpattern written out: −12 (and +12 if signed)."""
    pattern = pattern.split(";")[0]
    return f"{'+' if signed else ''}{pattern};{MINUS}{pattern}"


def _digits(build: Build, value: float, lang: str, signed: bool = False) -> str:
    return str(
        format_decimal(value, format=_signs(t(build, lang, "data.number_pattern"), signed), locale=babel_locale(lang))
    )


def _scaled(build: Build, amount: float, lang: str, signed: bool, magnitudes: list[tuple[float, str]]) -> str:
    """The amount in the largest magnitude word it reaches: 190000 -> 19万, else digits."""
    for size, word in magnitudes:
        if abs(amount) >= size:
            return _digits(build, amount / size, lang, signed) + word
    return _digits(build, amount, lang, signed)


def count_magnitudes(build: Build, lang: str) -> list[tuple[float, str]]:
    """The magnitude words for a count (`data.count_magnitudes`: 万/亿 in Chinese, " million"
    in English), or, when a language gives none, those of money (`data.magnitudes`)."""
    try:
        words: list[tuple[float, str]] = entry(build, lang, "data.count_magnitudes")
    except MissingString:
        words = entry(build, lang, "data.magnitudes")
    return words


def format_value(
    build: Build, value: float, unit: str | None, lang: str, qualifier: str | None = None, signed: bool = False
) -> str:
    """One value with its unit, e.g. (12, 'cny_100m', 'en') -> 'RMB 1.2bn'."""
    spec = units(build)[unit] if unit else Unit(kind="count")
    kind = spec.kind
    if kind == "money":
        number = _scaled(build, value * spec.base, lang, signed, entry(build, lang, "data.magnitudes"))
        text = t(build, lang, f"data.currency.{spec.currency}").format(n=number)
    elif kind in ("percent", "ratio"):
        share = value / 100 if kind == "percent" else value
        text = format_percent(
            share, format=_signs(t(build, lang, "data.number_pattern") + "%", signed), locale=babel_locale(lang)
        )
    else:  # a count, or any other declared kind (people, rides, tonnes): 19万 / 190,000
        text = _scaled(build, value * spec.base, lang, signed, count_magnitudes(build, lang))
    if qualifier:
        text = t(build, lang, f"data.qualifiers.{qualifier}").format(v=text)
    return text


def _period_parts(period: str) -> tuple[str, str | None, str | None, str | None, str | None]:
    """A period's year, month, quarter, half and mid, those it does not give None."""
    match = PERIOD.match(period)
    if match is None:
        raise ValueError(f"{period!r} is not a period; write it as {PERIOD_FORMS}")
    year, month, quarter, half, mid = match.groups()
    return year, month, quarter, half, mid


def period_position(period: str) -> float:
    """A period as a fractional year, at its middle: 2023-Q1 -> 2023.125."""
    year, month, quarter, half, mid = _period_parts(period)
    offset = 0.5
    if month:
        offset = (int(month) - 0.5) / 12
    elif quarter:
        offset = (int(quarter) - 0.5) / 4
    elif half:
        offset = (int(half) - 0.5) / 2
    return int(year) + offset


def format_period(build: Build, period: str, lang: str) -> str:
    """2022-07 -> 2022年7月 / Jul 2022; 2024-H2 -> 2024年下半年 / H2 2024."""
    year, month, quarter, half, mid = _period_parts(period)
    if month:
        return format_skeleton("yMMM", datetime.date(int(year), int(month), 1), locale=babel_locale(lang))
    if quarter:
        return format_skeleton("yQQQ", datetime.date(int(year), 3 * int(quarter) - 2, 1), locale=babel_locale(lang))
    if half:
        return t(build, lang, f"data.periods.h{half}").format(year=year)
    if mid:
        return t(build, lang, "data.periods.mid").format(year=year)
    return t(build, lang, "data.periods.year").format(year=year)
