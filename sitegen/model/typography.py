"""Typography of what readers see, checked in every report at build time:

    English  curly quotes and apostrophes (’ “ ”), never ' or ", in the article's visible
             text, the strings file and the language's site name and description;
    Chinese  no space between a Han character and a Latin letter or digit ("2024年",
             "下载CSV"), in the same places.

Reported as build errors, not curled silently: a straight quote is as often a slip as
an apostrophe (a foot mark, a quoted code name), the editor's files stay what the site
shows, and a fix the build made would be lost on the next edit of the source. Each
message names the file, the line and the characters to write instead. What is not
reader-visible text is left alone: chart lines ({{ chart("id") }}), an editor's note's
marker, Markdown link targets, attribute lists and HTML tags, and `code` spans.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from sitegen.core.project import Language, Project
from sitegen.core.yamlio import load_yaml_file
from sitegen.model.article import CHART_LINE, EDITOR_NOTE, SUBHEAD, Article
from sitegen.model.content import article_source
from sitegen.model.strings import strings_path

HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
LATIN = r"[A-Za-z0-9]"
SPACE = r"[ \t\u00a0\u3000]+"
HAN_LATIN_SPACE = re.compile(f"{HAN}{SPACE}{LATIN}|{LATIN}{SPACE}{HAN}")
STRAIGHT_QUOTE = re.compile(r"""['"]""")
NOTE_TITLE = re.compile(r'^!!! \w+(?: "(.*)")?$')
# Markdown syntax around visible text: an attribute list, a link's target, an HTML tag, code.
SYNTAX = re.compile(r"\{:?[^{}]*\}|\]\([^)]*\)|<[^<>]*>|`[^`]*`")


def curled(text: str) -> str:
    """The text as it should read: ' as ’ (or ‘ opening a quotation), " as “ or ”."""
    text = re.sub(r"(^|[\s(\[{—–-])'", r"\1‘", text)
    text = text.replace("'", "’")
    text = re.sub(r'(^|[\s(\[{—–-])"', r"\1“", text)
    return text.replace('"', "”")


def strings_in(node: object, key: str = "") -> Iterator[tuple[str, str]]:
    """(dotted key, text) for every string in a strings file."""
    if isinstance(node, dict):
        for name, value in node.items():
            yield from strings_in(value, f"{key}.{name}".strip("."))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from strings_in(value, f"{key}[{index}]")
    elif isinstance(node, str):
        yield key, node


def article_text(article: Article, front_matter: bool = True) -> Iterator[tuple[str, str]]:
    """(where, text) for everything of an article a reader sees, its syntax taken off."""
    for key, value in strings_in(article.meta) if front_matter else ():
        yield f"front matter {key}", value
    for section in article.parts:
        if not section.is_lede:
            yield f"section {section.number} title", section.title
        for block in section.blocks:
            if CHART_LINE.match(block):
                continue
            if EDITOR_NOTE.match(block):
                first, *body = block.split("\n")
                title = NOTE_TITLE.match(first)
                if title and title.group(1):
                    yield f"section {section.number} note title", title.group(1)
                yield f"section {section.number} note", SYNTAX.sub("", "\n".join(line.strip() for line in body))
                continue
            subhead = SUBHEAD.match(block)
            yield f"section {section.number}", SYNTAX.sub("", subhead.group(1) if subhead else block)


def _line(path: Path, text: str, at: int) -> int:
    """The line of `path` holding the characters around position `at` of `text`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for width in (12, 6, 3):
        needle = text[max(0, at - width) : at + width].strip()
        for number, line in enumerate(lines, start=1):
            if needle and needle in line:
                return number
    return 1


def _problems(report: Project, path: Path, texts: Iterable[tuple[str, str]], rule: str, lang: str) -> list[str]:
    where, problems = report.relative(path), []
    for label, text in texts:
        pattern = STRAIGHT_QUOTE if rule == "quotes" else HAN_LATIN_SPACE
        found = pattern.search(text)
        if not found:
            continue
        snippet = text[max(0, found.start() - 20) : found.end() + 20].replace("\n", " ")
        if rule == "quotes":
            fix = f"write ’ for an apostrophe and “ ” around a quotation: “{curled(snippet).strip()}”"
            problem = f"a straight quote in the {lang} text ({label}): “{snippet.strip()}”"
        else:
            fix = f"write “{re.sub(f'(?<={HAN}){SPACE}(?={LATIN})|(?<={LATIN}){SPACE}(?={HAN})', '', snippet).strip()}”"
            problem = f"a space between a Han character and a Latin letter or digit ({label}): “{snippet.strip()}”"
        problems.append(f"{where}:{_line(path, text, found.start())}: {problem}; {fix}")
    return problems


def rule_for(lang: Language) -> str | None:
    tag = lang.code.lower()
    return "quotes" if tag.startswith("en") else "spacing" if tag.startswith("zh") else None


def typography_problems(report: Project, articles: dict[str, Article]) -> list[str]:
    """Every typographic slip in each hand-written language's article, strings file and
    site name and description, one `file:line: problem; fix` line each."""
    problems = []
    for lang in report.languages:
        rule = rule_for(lang)
        if rule is None:
            continue
        if not lang.is_derived and lang.code in articles:
            # The Chinese front matter is the original's byline and references as published
            # (an author's handle after the outlet's name): the rule is the body's, not theirs.
            texts = article_text(articles[lang.code], front_matter=rule == "quotes")
            source = article_source(report, lang.code)
            problems += _problems(report, source, texts, rule, lang.code)
        strings_file = strings_path(report, lang.code)
        if strings_file.exists():
            where = report.relative(strings_file)
            texts = strings_in(load_yaml_file(where, strings_file.read_text(encoding="utf-8")) or {})
            problems += _problems(
                report,
                strings_file,
                ((f"key {key}", text) for key, text in texts),
                rule,
                lang.code,
            )
        site = [("site_name", lang.site_name or ""), ("site_description", lang.site_description or "")]
        problems += _problems(report, report.config_file, site, rule, lang.code)
    return problems
