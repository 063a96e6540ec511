"""Turn the scraped page (content/source/*.txt) into the article's own paragraphs.

The scrape is the source of record. It holds the article twice inside page chrome, in
Traditional script with pinyin glued after some characters (業(yè)), with full-width
ASCII forms folded to ASCII (`！` as `!`), and with some runs of Chinese punctuation
mis-decoded where they sit before an HTML tag or a Latin letter (`。”</p>` as `?!?/p>`,
`。”AI` as `?!盇I`). These functions undo each defect in turn; each is pure and small so
a test can pin it down. `normalise` chains them, and both the one-off cleaning tool and
the faithfulness test use it, so they cannot disagree.

The mis-decoding: the page was GBK, and a punctuation run was read one byte out of step.
Its first lead byte was lost (the `?`), each later character pairs one mark's trail byte
with the next mark's lead byte (A3 A1 reads as `！`), and the last trail byte fused with
what followed: with a Latin letter it makes a rare character (B1 41 reads as `盇`), with
`<` no valid pair, so a second `?` swallowed the `<` of a tag (`?/p>`). `fix_mojibake`
re-encodes such a run, tries each byte the damage hid, and keeps the reading that is
Chinese punctuation; the tag goes, as the scrape dropped every tag it could see.
"""

from __future__ import annotations

import re
import string
from functools import cache, lru_cache
from pathlib import Path

from sitegen.core import project
from sitegen.core.yamlio import load_yaml
from sitegen.model.content import article_dir

ROOT = Path(__file__).resolve().parent.parent

# A pinyin gloss is a run of Latin letters, at least one carrying a tone mark, in
# parentheses straight after a Han character: 業(yè), 聯(lián). "(大模型的)" and
# "Name(中文名)" are the author's parentheses and do not match.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
PINYIN_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])\((?=[a-z{_TONED}]*[{_TONED}])[a-z{_TONED}]+\)")

# Chinese prose punctuation, likelier first: where the surviving bytes fit more than one
# mark (A?BF is `？` or `】`), the earlier one wins.
PROSE_PUNCTUATION = "。，、；：？！…—·“”‘’「」『』（）《》【】"
BRACKETS = dict(zip("“‘「『（《【", "”’」』）》】"))
# Marks that are not brackets never stand side by side (no `。，`), save `！？` together
# and the doubled `……` and `——`.
_PLAIN = "。，、；：？！…—·"
_LETTERS = string.ascii_letters.encode("ascii")
# ASCII punctuation the scrape uses inside Chinese prose, and its full-width form.
FULLWIDTH = str.maketrans({",": "，", ":": "：", ";": "；", "?": "？", "!": "！"})


def strip_pinyin(text: str) -> str:
    return PINYIN_GLOSS.sub("", text)


def _gbk_char(pair: bytes) -> str | None:
    try:
        char = pair.decode("gbk")
    except UnicodeDecodeError:
        return None
    return char if len(char) == 1 else None


def _fold(text: str) -> str:
    """Full-width ASCII forms as ASCII, the way the scrape has them (`！` → `!`)."""
    return "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in text)


def _unfold(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def _decodable(firsts, seconds) -> set[str]:
    """Every character GBK gives for a byte of `firsts` followed by one of `seconds`."""
    chars = (_gbk_char(bytes([a, b])) for a in firsts for b in seconds)
    return {c for c in chars if c}


_LEADS = sorted({c.encode("gbk")[0] for c in PROSE_PUNCTUATION})
_TRAILS = sorted({c.encode("gbk")[1] for c in PROSE_PUNCTUATION})
# Inside a damaged run every character is a mark's trail byte plus the next mark's lead
# byte (`！`, `　`, `啊`…); the last is a trail byte fused with a Latin letter (`盇`).
_STRADDLING = _decodable(_TRAILS, _LEADS)
_STRADDLING |= {_fold(c) for c in _STRADDLING}
_FUSED = _decodable(_TRAILS, _LETTERS)


def _char_class(chars: set[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


# `?`, the straddling characters, then either the fused character or a second `?` that
# stands where a tag's `<` was (`?/p>`). A tag with no `<` never occurs in real text.
MANGLED = re.compile(
    rf"\?(?P<middle>{_char_class(_STRADDLING)}*)"
    rf"(?:(?P<fused>{_char_class(_FUSED)})|\?(?P<tag>/?[A-Za-z][^<>]*>))"
)


def _readings(known: bytes, ends: list[bytes]):
    """Every punctuation run the damaged bytes can have been. The lost first byte is some
    mark's lead byte; `ends` is the last trail byte, or every candidate when a `<` took it."""
    for lead in _LEADS:
        for end in ends:
            data = bytes([lead]) + known + end
            chars = [_gbk_char(data[i : i + 2]) for i in range(0, len(data), 2)]
            if all(c and c in PROSE_PUNCTUATION for c in chars):
                yield "".join(chars)


def _well_formed(run: str, before_end_tag: bool) -> bool:
    for a, b in zip(run, run[1:]):
        paired = (a == b and a in "…—") or {a, b} <= {"！", "？"}
        if a in _PLAIN and b in _PLAIN and not paired:
            return False
    # An opening quote or bracket opens text; it never sits right before `</p>`.
    return not (before_end_tag and run[-1] in BRACKETS)


def _still_open(line: str) -> list[str]:
    """The closers the line is waiting for, innermost last (`“…「…` → `”」`)."""
    waiting = []
    for c in _unfold(line):
        if c in BRACKETS:
            waiting.append(BRACKETS[c])
        elif waiting and c == waiting[-1]:
            waiting.pop()
    return waiting


def _preference(run: str, waiting: list[str]):
    """Sort key: close what the line left open, close nothing it never opened, then the
    likelier marks. This is what fills in a trail byte lost with a `<`."""
    waiting, closed, stray = list(waiting), 0, 0
    for c in run:
        if c in BRACKETS:
            waiting.append(BRACKETS[c])
        elif c in BRACKETS.values():
            if waiting and waiting[-1] == c:
                waiting.pop()
                closed += 1
            else:
                stray += 1
    return stray, -closed, [PROSE_PUNCTUATION.index(c) for c in run]


def _repair(match: re.Match, before: str) -> str | None:
    """The damaged run as the scrape would have had it, or None if it reads as no run."""
    known = _unfold(match["middle"]).encode("gbk")
    if match["fused"]:
        lead, letter = match["fused"].encode("gbk")
        ends, after = [bytes([lead])], chr(letter)
    else:
        ends, after = [bytes([t]) for t in _TRAILS], ""  # the tag goes with its `<`
    before_end_tag = (match["tag"] or "").startswith("/")
    runs = [r for r in _readings(known, ends) if _well_formed(r, before_end_tag)]
    # `?` then one fused character is also ordinary prose (`為什麼?現在`: 現 is AC 46,
    # which would read `，F`), so a run before a letter needs at least two marks.
    runs = [r for r in runs if len(r) > 1 or match["tag"]]
    if not runs:
        return None
    waiting = _still_open(before.rsplit("\n", 1)[-1])
    return _fold(min(runs, key=lambda r: _preference(r, waiting))) + after


def fix_mojibake(text: str) -> str:
    """Restore each mis-decoded punctuation run, left to right, so an earlier repair
    counts when a later one looks for the quote it closes."""
    out, pos = "", 0
    for match in MANGLED.finditer(text):
        out += text[pos : match.start()]
        out += _repair(match, out) or match.group()
        pos = match.end()
    return out + text[pos:]


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


# The report's source of record: where the scrape, the proofreading table, the slips and
# the glossary are, and their readers (the tests and tools/draft_chinese_from_scrape.py).
# Read once per process: this tool is this report's, run on its checkout, never under
# `mkdocs serve`.


@cache
def this_report() -> project.Project:
    """The report this tool is for: the one whose mkdocs.yml is at the checkout's root."""
    return project.load(ROOT / "mkdocs.yml")


def scrape_dir() -> Path:
    return this_report().content_dir / "source"


def proofreading_path() -> Path:
    return article_dir(this_report()) / "proofreading.zh.yml"


def slips_path() -> Path:
    """The editorial policy for the author's slips, beside the proofreading table."""
    return article_dir(this_report()) / "slips.yml"


def glossary_path() -> Path:
    return this_report().content_dir / "glossary.yml"


@cache
def scrape_settings() -> dict:
    """content/source/scrape.yml: the scrape's file and the markers around each copy."""
    return load_yaml((scrape_dir() / "scrape.yml").read_text(encoding="utf-8"))


def scrape_path() -> Path:
    return scrape_dir() / scrape_settings()["file"]


def read_scrape() -> list[str]:
    settings = scrape_settings()
    raw = scrape_path().read_text(encoding="utf-8")
    return scraped_paragraphs(raw, settings["second_line"], settings["last_line"])


@cache
def proofreading_entries() -> tuple[dict, ...]:
    """Each hand correction: converted, published, why, and `slip: true` for an author's slip."""
    return tuple(load_yaml(proofreading_path().read_text(encoding="utf-8")))


def proofreading_table() -> tuple[tuple[str, str], ...]:
    return tuple((e["converted"], e["published"]) for e in proofreading_entries())


def read_slips() -> dict:
    """The slip policy: its rule, and the slips kept with an editor's note."""
    return load_yaml(slips_path().read_text(encoding="utf-8"))


def proofread(paragraph: str) -> str:
    for converted, published in proofreading_table():
        paragraph = paragraph.replace(converted, published)
    return paragraph


def read_glossary() -> list[dict]:
    return load_yaml(glossary_path().read_text(encoding="utf-8"))
