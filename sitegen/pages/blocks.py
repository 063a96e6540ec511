"""A page body's blocks: the article's sections as the page templates take them.

    body_blocks(section)          -> [Block("paragraph", text, anchor="p01-1"), Block("figure", chart_id=…), …]
    editor_notes(article)         -> (link to the paragraph a note follows, its text), for the sources page
    paired_blocks(first, second)  -> the same blocks of two languages, row by row (the parallel view)

Anchors are the same in every language (sitegen/model/anchors.py), so blocks pair by them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sitegen.model.anchors import paragraph_anchor, subhead_anchor
from sitegen.model.article import CHART_LINE, EDITOR_NOTE, SUBHEAD, Article, Section, subhead_title

# A block's place in the pairing: (kind, anchor), (kind, chart id) or (kind, after, nth).
BlockKey = tuple[str, ...] | tuple[str, str, int]

# A chart with fewer paragraphs than this above it is in the reader's first view.
FIRST_VIEW_PARAGRAPHS = 3


@dataclass
class Block:
    """One block of a page body: a paragraph or a subhead with its anchor, a figure, or a note."""

    kind: str  # "paragraph" | "subhead" | "figure" | "note"
    text: str = ""
    anchor: str = ""
    chart_id: str = ""
    lazy: bool = True  # a figure in the first screenful loads at once


def body_blocks(section: Section) -> list[Block]:
    """Tag each block of a section (the lede too) with what it is and its anchor."""
    out: list[Block] = []
    index, subheads = 0, 0
    for text in section.blocks:
        if match := CHART_LINE.match(text):
            first_view = index < FIRST_VIEW_PARAGRAPHS and not any(b.kind == "figure" for b in out)
            out.append(Block("figure", chart_id=match.group(1), lazy=not first_view))
        elif EDITOR_NOTE.match(text):
            out.append(Block("note", text=text))
        elif match := SUBHEAD.match(text):
            out.append(
                Block("subhead", text=subhead_title(match.group(1)), anchor=subhead_anchor(section.number, subheads))
            )
            subheads += 1
        else:
            out.append(Block("paragraph", text=text, anchor=paragraph_anchor(section.number, index)))
            index += 1
    return out


def editor_notes(article: Article) -> Iterator[tuple[str, str]]:
    """(link to the paragraph it follows, note text) for each editor's note."""
    for section in article.parts:
        last_anchor = ""
        for block in body_blocks(section):
            if block.kind == "paragraph":
                last_anchor = block.anchor
            elif block.kind == "note":
                body = "\n".join(line.strip() for line in block.text.splitlines()[1:]).strip()
                yield f"{section.page}.md#{last_anchor}", body


@dataclass
class BlockPair:
    """One row of the parallel view: the same block in each language (one side may be
    None where a language has a block the other lacks)."""

    kind: str
    first: Block | None
    second: Block | None

    @property
    def anchor(self) -> str:
        block = self.first or self.second
        assert block is not None  # paired_blocks pairs only the keys one side or both have
        return block.anchor


def _block_key(block: Block, after: str, nth: int) -> BlockKey:
    if block.kind in ("paragraph", "subhead"):
        return block.kind, block.anchor
    if block.kind == "figure":
        return block.kind, block.chart_id
    return block.kind, after, nth  # an editor's note: after which paragraph, which one there


def _keyed_blocks(section: Section) -> dict[BlockKey, Block]:
    keyed, after, nth = {}, "", 0
    for block in body_blocks(section):
        if block.kind == "paragraph":
            after, nth = block.anchor, 0
        keyed[_block_key(block, after, nth)] = block
        nth += block.kind == "note"
    return keyed


def paired_blocks(first: Section, second: Section) -> list[BlockPair]:
    """The blocks of two aligned sections, row by row in the first's order; a block only
    one has sits after the row that precedes it in its own language."""
    mine, theirs = _keyed_blocks(first), _keyed_blocks(second)
    order = list(mine)
    previous: BlockKey | None = None
    for key in theirs:
        if key not in order:
            order.insert(order.index(previous) + 1 if previous is not None and previous in order else 0, key)
        previous = key
    return [BlockPair(key[0], mine.get(key), theirs.get(key)) for key in order]
