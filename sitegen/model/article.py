"""Read one language's article file (content/article/<lang>.md) into its parts.

The file is Markdown with YAML front matter:
  front matter  title (required), then whatever the report's templates use: the default
                ones show byline, dek, source, image_credit, references_title,
                references and reprint when present, and leave out what is not
                (the model: sitegen/model/frontmatter.py).
  body          the lede, then one `## NN Title` heading per numbered section (any number).
Inside the body a paragraph is a block separated by blank lines. Three kinds of block are
not counted as paragraphs: a chart placement (`{{ chart("id") }}`), an editor's note
(`!!! note "..."` with its indented text) and a subhead (a `### Subhead` line).

A subhead is a signpost the author's text already has, lifted out of its paragraph: a
whole paragraph ("First, costs."), or the words a paragraph opens with, the paragraph
going on with the rest. Its line keeps the author's words and punctuation, so the
subhead followed by its paragraph is still the author's paragraph; the page shows it
without its closing comma, colon or full stop (`subhead_title`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sitegen.core.errors import InputError
from sitegen.core.yamlio import YAMLError, load_yaml
from sitegen.model.contract import check, compose
from sitegen.model.frontmatter import FrontMatter

CHART_LINE = re.compile(r"""^\{\{\s*chart\(\s*["']([\w-]+)["']\s*\)\s*\}\}$""")
# What an editor meant as a chart placement, misspelt (no quotes, a brace short).
ALMOST_A_CHART_LINE = re.compile(r"\{\{\s*chart\b|\bchart\(\s*[\"']?[\w-]+[\"']?\s*\)\s*\}")
EDITOR_NOTE = re.compile(r"^!!! ")
SUBHEAD = re.compile(r"^### (\S.*?)\s*$")
# A subhead ends where its sentence or clause did; a heading shows no closing punctuation.
SUBHEAD_CLOSING = "。，：；.,:;"


class ArticleError(InputError):
    """A problem in an article file, with the file and line in its message."""


# The lede (the text before the first numbered heading) is a section like the others,
# numbered "00" so its paragraph anchors read p00-1, p00-2...; it is shown on the home page.
LEDE = "00"


@dataclass
class Section:
    number: str  # "01"; the lede's is LEDE
    title: str  # "谈AI，得先上岸"; the lede has none
    blocks: list[str] = field(default_factory=list)

    @property
    def is_lede(self) -> bool:
        return self.number == LEDE

    @property
    def page(self) -> str:
        """The page (docs/<lang>/<page>.md) that shows this section."""
        return "index" if self.is_lede else self.number

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def paragraphs(self) -> list[str]:
        return paragraphs(self.blocks)

    @property
    def chart_ids(self) -> list[str]:
        return chart_ids(self.blocks)

    @property
    def subheads(self) -> list[str]:
        """The subheads' text as written, in order (`### ` taken off)."""
        return [text for _, text in subheads(self.blocks)]

    @property
    def subhead_positions(self) -> list[int]:
        """For each subhead, how many paragraphs come before it in the section."""
        return [position for position, _ in subheads(self.blocks)]

    @property
    def body(self) -> str:
        return "\n\n".join(self.blocks)


@dataclass
class Article:
    lang: str
    meta: dict[str, Any]  # the front matter: title and byline, and whatever else the templates use
    parts: list[Section]  # the lede, then the numbered sections, in reading order

    @property
    def lede(self) -> Section:
        return self.parts[0]

    @property
    def sections(self) -> list[Section]:
        """The numbered sections, one page each."""
        return self.parts[1:]

    @property
    def chart_ids(self) -> list[str]:
        return [chart_id for part in self.parts for chart_id in part.chart_ids]


def chart_ids(blocks: list[str]) -> list[str]:
    """The ids of the charts placed among these blocks, in order."""
    return [m.group(1) for b in blocks if (m := CHART_LINE.match(b))]


def paragraphs(blocks: list[str]) -> list[str]:
    return [b for b in blocks if not CHART_LINE.match(b) and not EDITOR_NOTE.match(b) and not SUBHEAD.match(b)]


def subheads(blocks: list[str]) -> list[tuple[int, str]]:
    """(paragraphs before it, text as written) for each subhead among these blocks."""
    found, count = [], 0
    for block in blocks:
        if match := SUBHEAD.match(block):
            found.append((count, match.group(1)))
        elif not CHART_LINE.match(block) and not EDITOR_NOTE.match(block):
            count += 1
    return found


def subhead_title(text: str) -> str:
    """A subhead as the page shows it: without the comma, colon or full stop it closed
    its sentence or clause with ("Second, revenue first:" -> "Second, revenue first")."""
    return text.rstrip(SUBHEAD_CLOSING)


def split_blocks(text: str) -> list[str]:
    """Blank-line separated blocks; an editor's note keeps its indented body; a subhead
    line is a block of its own even with no blank line after it."""
    blocks: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text.strip("\n")):
        if not block.strip():
            continue
        if block.startswith("    ") and blocks and EDITOR_NOTE.match(blocks[-1]):
            blocks[-1] += "\n\n" + block
            continue
        lines: list[str] = []
        for line in block.strip("\n").split("\n"):
            if SUBHEAD.match(line):
                if lines:
                    blocks.append("\n".join(lines))
                blocks.append(line.rstrip())
                lines = []
            else:
                lines.append(line)
        if lines:
            blocks.append("\n".join(lines))
    return blocks


SECTION_HEADING = re.compile(r"^## (\d\d) (.+)$")


def parse_article(text: str, lang: str, path: str = "article") -> Article:
    match = re.match(r"^---\n(.*?)\n---\n(.*)$", text, re.S)
    if not match and text.startswith("---\n"):
        raise ArticleError(f"{path}:1: the front matter has no closing '---'; end it with a line of '---'")
    if not match:
        raise ArticleError(f"{path}:1: no YAML front matter; start the file with '---' lines")
    try:
        meta = load_yaml(match.group(1)) or {}
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        raise ArticleError(
            f"{path}:{line}: the front matter is not valid YAML ({getattr(error, 'problem', error)}); fix the quoting or indentation"
        ) from None
    body_start = text[: match.start(2)].count("\n") + 1
    parts = [Section(LEDE, "")]
    chunk: list[str] = []

    def flush() -> None:
        parts[-1].blocks.extend(split_blocks("\n".join(chunk)))
        chunk.clear()

    for offset, line in enumerate(match.group(2).splitlines()):
        if line.startswith("## "):
            heading = SECTION_HEADING.match(line)
            if not heading:
                raise ArticleError(
                    f"{path}:{body_start + offset}: section heading {line!r} must read "
                    "'## NN Title', with a two-digit number"
                )
            flush()
            parts.append(Section(heading.group(1), heading.group(2).strip()))
        else:
            if ALMOST_A_CHART_LINE.search(line) and not CHART_LINE.match(line.strip()):
                raise ArticleError(
                    f"{path}:{body_start + offset}: {line.strip()!r} is not a chart placement, and would be "
                    'printed as it is; write {{ chart("id") }} on a line of its own, the id in quotes'
                )
            chunk.append(line)
    flush()
    # The front matter against its model (sitegen/model/frontmatter.py); the page
    # templates get it as written, with any key a report's own templates use.
    _, problems = check(FrontMatter, meta, compose(match.group(1)), path, first_line=1)
    if problems:
        raise ArticleError("\n".join(problems))
    return Article(lang=lang, meta=meta, parts=parts)
