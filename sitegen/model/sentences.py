"""The sentence of a translated paragraph that says what a quoted sentence of the original
says.

Paragraphs are aligned one to one across languages (sitegen/model/checks.py); sentences are
not: a translator joins and splits them. When both paragraphs have as many sentences,
the quote's sentence's counterpart is the same-numbered one. Otherwise it is the
translation's sentence that repeats the most of the quote's figures (2022, 56%, 7亿 as
RMB 700m: values, not digits), and
among those the one in which the quote's start falls, taking places as shares of each
paragraph's length.

    aligned_sentence("甲。乙有56%。丙。", "乙有56%", "A. B is 56%. C.") -> "B is 56%."
"""

from __future__ import annotations

import re

from sitegen.model.written import mentions

# A sentence ends at a full stop (。！？；, or . ! ? before a space), with any closing
# quote or bracket after it.
_CJK_SENTENCE = re.compile(r".*?(?:[。！？；]+[”」』’）]*|$)", re.S)
_LATIN_END = re.compile(r"(?<=[.!?])[”’\")]*\s+(?=[“‘\"(A-Z0-9])")
# An English figure with its scale word: 2,156%, RMB 29.7bn, HK$1.7tn, 700m, 120 million, 2024.
_LATIN_FIGURE = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s?(trillion|billion|million|tn|bn|m|%)(?![a-z]))?"
)
_LATIN_SCALES = {"trillion": 1e12, "billion": 1e9, "million": 1e6, "tn": 1e12, "bn": 1e9, "m": 1e6, "%": 0.01, "": 1}


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, whichever script it is in."""
    if re.search(r"[\u3400-\u9fff]", text):
        spans = [(m.start(), m.end()) for m in _CJK_SENTENCE.finditer(text) if m.group(0).strip()]
    else:
        spans, start = [], 0
        for match in _LATIN_END.finditer(text):
            spans.append((start, match.start() + len(match.group(0).rstrip())))
            start = match.end()
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


def _sentence_at(spans: list[tuple[int, int]], offset: int) -> int:
    return next((i for i, (start, end) in enumerate(spans) if start <= offset < end), len(spans) - 1)


def _figures(text: str) -> set[float]:
    """The values `text` states, to four significant digits, so that 7亿 and 700m meet."""
    if re.search(r"[\u3400-\u9fff]", text):
        values = [mention.value for mention in mentions(text)]
    else:
        values = [
            float(digits.replace(",", "")) * _LATIN_SCALES[scale] for digits, scale in _LATIN_FIGURE.findall(text)
        ]
    return {float(f"{value:.4g}") for value in values}


def aligned_sentence(source: str, quote: str, target: str) -> str:
    """The sentence of `target` (the translation of paragraph `source`) that renders the
    part of `source` holding `quote`; `target` whole when the quote is not found."""
    at = source.find(quote)
    if at < 0:
        return target
    spans, target_spans = split_sentences(source), split_sentences(target)
    if len(spans) == len(target_spans):
        start, end = target_spans[_sentence_at(spans, at)]
        return target[start:end].strip()
    # Where the quote's middle is, as a share of its paragraph, falls in one sentence of
    # the translation; a sentence repeating more of the quote's figures wins over it.
    place = (at + len(quote) / 2) / len(source)
    figures = _figures(quote)

    def score(span: tuple[int, int]) -> tuple[int, float]:
        start, end = (position / max(len(target), 1) for position in span)
        distance = 0.0 if start <= place < end else min(abs(place - start), abs(place - end))
        return len(figures & _figures(target[span[0] : span[1]])), -distance

    start, end = max(target_spans, key=score)
    return target[start:end].strip()
