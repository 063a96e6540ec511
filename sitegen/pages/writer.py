"""Generate each language's Markdown pages under docs/<lang>/ from the validated model.

article + strings ─┐
chart manifest     ┼─ templates/pages/<page>.md.j2 ──► docs/<lang>/<page>.md
datasets           ┘

The page set is the plugin's `pages` option, in reading order: `home` shows the lede,
`sections` stands for one page per numbered section (pages/section.md.j2), and any other
name is drawn by pages/<name>.md.j2. Templates come from the report's templates/ or, by
default, the package's (sitegen/pages/templating.py).

A chart is placed in the article with one line, `{{ chart("id") }}`; here it becomes a
heading (so the page's table of contents lists it) and the figure HTML.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from babel.dates import format_date
from jinja2 import TemplateNotFound

from sitegen.charts.manifest import Manifest
from sitegen.core.errors import InputError
from sitegen.core.outputs import chart_url, page_path, prune, write_if_changed
from sitegen.core.project import Language, babel_locale, current, default_language, language
from sitegen.editions.build import links as takeaway_links
from sitegen.model.anchors import paragraph_anchor, subhead_anchor
from sitegen.model.article import CHART_LINE, EDITOR_NOTE, SUBHEAD, Article, Section, subhead_title
from sitegen.model.checks import Model
from sitegen.model.figure import page_text
from sitegen.model.strings import MissingString, t
from sitegen.pages.figures import render_data_page, render_figure
from sitegen.pages.templating import environment

SECTIONS = "sections"  # in the `pages` option: one page per numbered section
HOME = "home"  # the lede's page, index.md

# A chart with fewer paragraphs than this above it is in the reader's first view.
FIRST_VIEW_PARAGRAPHS = 3


class FrontMatter(dict):
    """An article's front matter for templates: a field the article leaves out reads as
    None, so `{% if meta.dek %}` leaves its block out instead of stopping the build."""

    def __missing__(self, key):
        return None


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


def editor_notes(article: Article):
    """(link to the paragraph it follows, note text) for each editor's note."""
    for section in article.parts:
        last_anchor = ""
        for block in body_blocks(section):
            if block.kind == "paragraph":
                last_anchor = block.anchor
            elif block.kind == "note":
                body = "\n".join(line.strip() for line in block.text.splitlines()[1:]).strip()
                yield f"{section.page}.md#{last_anchor}", body


def optional_string(lang: str, key: str) -> str | None:
    """A reader string a report may leave out (a chapter's summary): None if absent."""
    try:
        return t(lang, key)
    except MissingString:
        return None


def first_sentence(text: str) -> str:
    """Up to the first full stop (。！？ or . ! ? before a space), never cut mid-word."""
    match = re.match(r"(.+?(?:[。！？]|[.!?](?=\s)))", text)
    return match.group(1) if match else text


def edition_date(lang: str) -> str:
    """This edition's date (the plugin's edition_date), as the language writes dates."""
    edition = current().edition_date
    return (
        format_date(datetime.date.fromisoformat(edition), format="long", locale=babel_locale(lang)) if edition else ""
    )


@dataclass(frozen=True)
class PlannedPage:
    """One page of the configured page set: its file name (docs/<lang>/<name>.md), its
    template, and the section it shows (the lede on the home page; none for the others)."""

    name: str
    template: str
    section: Section | None = None


def page_plan(article: Article) -> list[PlannedPage]:
    """The plugin's `pages` option made concrete, in reading order."""
    plan = []
    for page in current().pages:
        if page == SECTIONS:
            plan += [PlannedPage(section.page, "pages/section.md.j2", section) for section in article.sections]
        elif page == HOME:
            plan.append(PlannedPage("index", "pages/home.md.j2", article.lede))
        else:
            plan.append(PlannedPage(page, f"pages/{page}.md.j2"))
    return plan


def page_names(article: Article) -> list[str]:
    """File names (docs/<lang>/<name>.md) of the configured pages, in reading order."""
    return [page.name for page in page_plan(article)]


def page_order() -> list[str]:
    """The report's pages in reading order: the site's navigation and prev/next links."""
    from sitegen.model.content import read_article

    return page_names(read_article(default_language().code))


def render_pages(lang: Language, model: Model, manifest: Manifest) -> dict[str, str]:
    """Page name → Markdown text for one language."""
    article = model.articles[lang.code]
    cover_chart = next(iter(article.chart_ids), None)
    plan = page_plan(article)
    names = [page.name for page in plan]
    other_pages = [page.name for page in plan if page.section is None]  # not home, not a section
    edition = edition_date(lang.code)
    # Where the text comes from and which edition this is: after the byline on the home
    # page, after the title in every page's footer.
    credits = [
        credit
        for credit in (
            (t(lang.code, "site.source_label") + article.meta["source"]) if article.meta.get("source") else "",
            (t(lang.code, "site.edition_label") + edition) if edition else "",
            t(lang.code, "site.translated_from") if article.lang != model.source.lang else "",
        )
        if credit
    ]
    publication = " · ".join([article.meta["title"], *credits])
    editions = takeaway_links(lang.code, model, edition)  # PDF, data package, citation (sitegen/editions/)

    def summary(section: Section) -> str:
        """The chapter's one-line summary from the strings, else its first sentence."""
        written = optional_string(lang.code, f"site.summaries.{section.number}")
        return written if written is not None else first_sentence(section.paragraphs[0] if section.paragraphs else "")

    def render(template: str, **context) -> str:
        def figure(chart_id: str, lazy: bool = True) -> str:
            return render_figure(model, manifest, chart_id, lang.code, lazy, folders=context.get("folders", 0))

        try:
            return (
                environment(current().templates_dir)
                .get_template(template)
                .render(
                    {
                        "lang": lang,
                        "article": article,
                        "meta": FrontMatter(article.meta),
                        "t": lambda key: page_text(model, lang.code, key),
                        "figure": figure,
                        "chart_url": chart_url,
                        "og_chart": cover_chart,
                        "other_pages": other_pages,
                        "page_names": names,
                        "chapters": {part.page: part for part in article.sections},
                        "credits": credits,
                        "publication": publication,
                        "summary": summary,
                        "views": lambda page: view_links(page, lang.code),
                        "editions": editions,
                        **context,
                    }
                )
            )
        except MissingString as error:
            raise InputError(f"{template}, language '{lang.code}': {error}") from None
        except TemplateNotFound as error:
            raise InputError(
                f"{current().relative(current().config_file)}: page '{template}' has no template "
                f"{error.name} in {current().relative(current().templates_dir)}/ or the package; "
                "add the template, or take the page out of the report plugin's `pages`"
            ) from None

    pages, notes = {}, list(editor_notes(article))
    for planned in plan:
        if planned.section is None:
            pages[planned.name] = render(
                planned.template, notes=notes, datasets_body=lambda: render_data_page(model, lang.code)
            )
            continue
        blocks = body_blocks(planned.section)
        first = next((b.chart_id for b in blocks if b.kind == "figure"), None)
        pages[planned.name] = render(
            planned.template,
            section=planned.section,
            blocks=blocks,
            og_chart=first or cover_chart,
            parallel_view=parallel_view(planned.name, lang.code),
        )
    return pages


def build_pages(model: Model, manifest: Manifest) -> list[Path]:
    """Write every language's pages; returns the files whose bytes changed.

    All pages are rendered before any is written, so bad input leaves the last good
    pages in place.
    """
    rendered: dict[Path, str] = {}
    for lang in current().languages:
        for name, text in render_pages(lang, model, manifest).items():
            rendered[page_path(lang.code, name)] = text
    if current().parallel:
        first = current().parallel[0]
        for name, text in render_parallel_pages(model, manifest).items():
            rendered[page_path(first, f"{parallel_folder()}/{name}")] = text
    changed = [path for path, text in rendered.items() if write_if_changed(path, text)]
    for folder in sorted({path.parent for path in rendered}):
        changed += prune(folder, "*.md", set(rendered))
    return changed


# The parallel view (中英对照): the report plugin's `parallel: [zh, en]` pairs two
# languages; every page with article text (home and each section) gets a version at
# <first language's folder>/zh-en/<page>.html with each paragraph of the first beside its
# counterpart in the second. Paragraphs are aligned one to one (sitegen/model/checks.py), so
# the view is made from the same blocks as the single-language pages.


def parallel_folder() -> str:
    """The parallel pages' folder, in the first language's: "zh-en"."""
    return "-".join(current().parallel)


def view_links(page: str, lang: str | None) -> list[dict]:
    """The ways to read one text page: each language's version, then the parallel view,
    each with its URL from the page of `lang` (None: from the parallel page)."""
    report = current()
    if lang is None:
        here = language(report.parallel[0]).url_prefix + parallel_folder() + "/"
    else:
        here = language(lang).url_prefix
    up = "../" * here.count("/")
    links = [
        {
            "label": other.name,
            "lang": t(other.code, "charts.language_tag"),
            "url": f"{up}{other.url_prefix}{page}.html",
            "current": other.code == lang,
        }
        for other in report.languages
    ]
    if report.parallel:
        first = language(report.parallel[0])
        links.append(
            {
                "label": t(lang or first.code, "site.views.parallel"),
                "lang": None,
                "url": f"{up}{first.url_prefix}{parallel_folder()}/{page}.html",
                "current": lang is None,
            }
        )
    return links


def parallel_view(page: str, lang: str | None) -> dict | None:
    """The parallel view of a text page as the header's edition menu offers it (label,
    url from the page of `lang`, None: from the parallel page, current), or None when
    the report has none."""
    return view_links(page, lang)[-1] if current().parallel else None


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


def _block_key(block: Block, after: str, nth: int) -> tuple:
    if block.kind in ("paragraph", "subhead"):
        return block.kind, block.anchor
    if block.kind == "figure":
        return block.kind, block.chart_id
    return block.kind, after, nth  # an editor's note: after which paragraph, which one there


def _keyed_blocks(section: Section) -> dict[tuple, Block]:
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
    previous: tuple | None = None
    for key in theirs:
        if key not in order:
            order.insert(order.index(previous) + 1 if previous is not None and previous in order else 0, key)
        previous = key
    return [BlockPair(key[0], mine.get(key), theirs.get(key)) for key in order]


def render_parallel_pages(model: Model, manifest: Manifest) -> dict[str, str]:
    """Page name -> Markdown of the parallel view of each text page (home and sections)."""
    first_code, second_code = current().parallel
    first, second = language(first_code), language(second_code)
    articles = model.articles[first_code], model.articles[second_code]
    plan = [page for page in page_plan(articles[0]) if page.section is not None]
    seconds = {part.number: part for part in articles[1].parts}
    tags = [t(code, "charts.language_tag") for code in (first_code, second_code)]
    pages = {}
    for planned in plan:
        section = planned.section
        assert section is not None  # the plan keeps only the pages with a section
        context = {
            "lang": first,
            "pair": (first, second),
            "tags": tags,
            "articles": articles,
            "metas": [FrontMatter(article.meta) for article in articles],
            "sections": (section, seconds[section.number]),
            "rows": paired_blocks(section, seconds[section.number]),
            "page": planned.name,
            "text_pages": [page.name for page in plan],
            "last": planned is plan[-1],
            "t2": lambda key: page_text(model, second_code, key),
            "edition": edition_date(first_code),
            "views": lambda page: view_links(page, None),
            "parallel_view": parallel_view(planned.name, None),
            "folders": 1,
        }
        pages[planned.name] = _render_parallel(model, manifest, first, context)
    return pages


def _render_parallel(model: Model, manifest: Manifest, lang: Language, context: dict) -> str:
    second = context["pair"][1]
    # From the parallel folder (one below the first language's root) to the second's root.
    second_root = "../" * (1 + lang.url_prefix.count("/")) + second.url_prefix

    def figure(chart_id: str, lazy: bool = True) -> str:
        return render_figure(model, manifest, chart_id, lang.code, lazy, folders=1)

    def figure2(chart_id: str, lazy: bool = True) -> str:
        """The second language's figure: its own drawing, title and caption."""
        return render_figure(
            model, manifest, chart_id, second.code, lazy, root=second_root, id_suffix=f"-{second.code}"
        )

    try:
        return (
            environment(current().templates_dir)
            .get_template("pages/parallel.md.j2")
            .render(
                {
                    "t": lambda key: page_text(model, lang.code, key),
                    "figure": figure,
                    "figure2": figure2,
                    "chart_url": chart_url,
                    "chapters": {part.page: part for part in context["articles"][0].sections},
                    **context,
                }
            )
        )
    except MissingString as error:
        raise InputError(f"pages/parallel.md.j2: {error}") from None
