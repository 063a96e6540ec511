"""Generate each language's Markdown pages under docs/<lang>/ from the article and templates.

content/article/<lang>.md  ─┐
content/strings/<lang>.yml ─┼─ templates/pages/*.md.j2 ──► docs/<lang>/{index,01,02,03,sources,data}.md
chart figures (figures.py) ─┘

A chart is placed in the article with one line, `{{ chart("id") }}`; here it becomes a
heading (so the page's table of contents lists it) and the figure HTML.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2

from sitegen.anchors import LEDE, numbered_paragraphs, page_for_section, paragraph_anchor
from sitegen.article import CHART_LINE, EDITOR_NOTE, Article
from sitegen.content import article_path, read_article
from sitegen.errors import InputError
from sitegen.outputs import chart_url, page_path, prune, write_if_changed
from sitegen.project import current
from sitegen.site_config import Language, default_language, languages
from sitegen.strings import t



def yaml_string(value: str) -> str:
    """A front-matter value: JSON is valid YAML, and keeps CJK readable unescaped."""
    return json.dumps(str(value), ensure_ascii=False)


def literal_line(text: str) -> str:
    """Text that Markdown must not read as a list or heading ("1. A reference: …")."""
    return re.sub(r"^(\d+)\.(\s)|^([-+*#])", lambda m: f"{m[1]}\\.{m[2]}" if m[1] else f"\\{m[3]}", text)


def environment() -> jinja2.Environment:
    return _environment(current().templates_dir)


@lru_cache(maxsize=2)
def _environment(templates_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=jinja2.select_autoescape(["html.j2"]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["yaml_string"] = yaml_string
    env.filters["literal_line"] = literal_line
    return env


@dataclass
class Block:
    """One block of a page body: a paragraph with its anchor, a figure, or a note."""

    kind: str  # "paragraph" | "figure" | "note"
    text: str = ""
    anchor: str = ""
    chart_id: str = ""
    lazy: bool = True  # a figure in the first screenful loads at once


# A chart with fewer paragraphs than this above it is in the reader's first view.
FIRST_VIEW_PARAGRAPHS = 3


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    return 1


def body_blocks(blocks: list[str], section_number: str, lang: str) -> list[Block]:
    """Tag each block of a section (or the lede) with what it is and its anchor."""
    out, index = [], 0
    for text in blocks:
        if match := CHART_LINE.match(text):
            first_view = index < FIRST_VIEW_PARAGRAPHS and not any(b.kind == "figure" for b in out)
            out.append(Block("figure", chart_id=match.group(1), lazy=not first_view))
        elif EDITOR_NOTE.match(text):
            out.append(Block("note", text=text))
        else:
            out.append(Block("paragraph", text=text, anchor=paragraph_anchor(section_number, index)))
            index += 1
    return out


def figure_html(chart_id: str, lang: str, lazy: bool) -> str:
    from sitegen.figures import render_figure  # the chart step's own module

    return render_figure(chart_id, lang, lazy)


def _render(template: str, lang: Language, article: Article, **context) -> str:
    def tr(key: str) -> str:
        return t(lang.code, key)

    def figure(chart_id: str, lazy: bool = True) -> str:
        try:
            return figure_html(chart_id, lang.code, lazy)
        except InputError as error:
            path = article_path(lang.code)
            raise InputError(f"{path}:{line_of(path, chart_id)}: {error}") from None

    return environment().get_template(template).render(
        lang=lang, article=article, meta=article.meta, t=tr, figure=figure,
        chart_url=chart_url, **context,
    )


def first_chart(blocks: list[Block]) -> str | None:
    return next((b.chart_id for b in blocks if b.kind == "figure"), None)


def render_pages(lang: Language, article: Article) -> dict[str, str]:
    """Page name → Markdown text for one language."""
    lede = body_blocks(article.lede, LEDE, lang.code)
    cover_chart = first_chart(lede) or next(
        (c for s in article.sections for c in s.chart_ids), None
    )
    pages = {"index": _render("pages/home.md.j2", lang, article, blocks=lede, og_chart=cover_chart)}
    for section in article.sections:
        blocks = body_blocks(section.blocks, section.number, lang.code)
        pages[section.number] = _render(
            "pages/section.md.j2", lang, article, section=section, blocks=blocks,
            og_chart=first_chart(blocks) or cover_chart,
        )
    pages["sources"] = _render(
        "pages/sources.md.j2", lang, article, notes=list(editor_notes(article)), og_chart=cover_chart
    )
    from sitegen.figures import render_data_page

    pages["data"] = _render(
        "pages/data.md.j2", lang, article, body=render_data_page(lang.code), og_chart=cover_chart
    )
    return pages


def editor_notes(article: Article):
    """(link to the paragraph it follows, note text) for each editor's note."""
    for number, blocks in [(LEDE, article.lede)] + [(s.number, s.blocks) for s in article.sections]:
        last_anchor = ""
        for block in body_blocks(blocks, number, article.lang):
            if block.kind == "paragraph":
                last_anchor = block.anchor
            elif block.kind == "note":
                body = "\n".join(line.strip() for line in block.text.splitlines()[1:]).strip()
                yield f"{page_for_section(number)}.md#{last_anchor}", body


def check_alignment(reference: Article, other: Article) -> None:
    """Every language has the same sections, paragraph counts and chart placements."""
    path = article_path(other.lang)
    ref_shape = [(s.number, len(s.paragraphs), s.chart_ids) for s in reference.sections]
    shape = [(s.number, len(s.paragraphs), s.chart_ids) for s in other.sections]
    if (len(reference.lede_paragraphs), reference.lede_chart_ids) != (len(other.lede_paragraphs), other.lede_chart_ids):
        raise InputError(
            f"{path}: the lede has {len(other.lede_paragraphs)} paragraphs and charts "
            f"{other.lede_chart_ids}, but {article_path(reference.lang)} has "
            f"{len(reference.lede_paragraphs)} paragraphs and charts {reference.lede_chart_ids}; "
            "keep the languages aligned"
        )
    for ref, mine in zip(ref_shape, shape):
        if ref != mine:
            raise InputError(
                f"{path}:{line_of(path, '## ' + mine[0])}: section {mine[0]} has "
                f"{mine[1]} paragraphs and charts {mine[2]}, but {article_path(reference.lang)} "
                f"has {ref[1]} paragraphs and charts {ref[2]}; keep the languages aligned"
            )
    if len(ref_shape) != len(shape):
        raise InputError(
            f"{path}: {len(shape)} sections, but {article_path(reference.lang)} has {len(ref_shape)}"
        )


def check_chart_ids(article: Article) -> None:
    """Every `{{ chart("id") }}` names a chart that exists."""
    from sitegen.figures import chart_ids

    known = chart_ids()
    path = article_path(article.lang)
    for chart_id in article.lede_chart_ids + [c for s in article.sections for c in s.chart_ids]:
        if chart_id not in known:
            line = line_of(path, chart_id)
            raise InputError(
                f"{path}:{line}: unknown chart id '{chart_id}'; "
                f"known charts: {', '.join(known)}"
            )


def load_articles() -> dict[str, Article]:
    articles = {}
    for lang in languages():
        path = article_path(lang.code)
        if not path.exists():
            raise InputError(f"{path}: missing; every language in mkdocs.yml needs its article file")
        articles[lang.code] = read_article(lang.code)
    default = default_language().code
    for article in articles.values():
        check_chart_ids(article)
        check_alignment(articles[default], article)
    return articles


def page_order() -> list[str]:
    """The report's pages in reading order: the site's navigation and prev/next links."""
    default = default_language().code
    return ["index", *[s.number for s in read_article(default).sections], "sources", "data"]


def build_pages() -> list[Path]:
    """Write every language's pages; returns the files whose bytes changed.

    All pages are rendered before any is written, so bad input leaves the last good
    pages in place.
    """
    articles = load_articles()
    rendered: dict[Path, str] = {}
    for lang in languages():
        for name, text in render_pages(lang, articles[lang.code]).items():
            rendered[page_path(lang.code, name)] = text
    changed = [path for path, text in rendered.items() if write_if_changed(path, text)]
    for folder in sorted({path.parent for path in rendered}):
        changed += prune(folder, "*.md", set(rendered))
    return changed


__all__ = ["build_pages", "render_pages", "load_articles", "numbered_paragraphs"]
