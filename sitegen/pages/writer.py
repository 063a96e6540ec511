"""Generate each language's Markdown pages under docs/<lang>/ from the validated model.

article + strings ─┐
chart manifest     ┼─ templates/pages/<page>.md.j2 ──► docs/<lang>/<page>.md
datasets           ┘

The pages are the plugin's `pages` option in reading order (sitegen/pages/plan.py), each
body made of its section's blocks (sitegen/pages/blocks.py), with the parallel view's
pages beside them when the report has one (sitegen/pages/parallel.py). Templates come
from the report's templates/ or, by default, the package's (sitegen/pages/templating.py).

A chart is placed in the article with one line, `{{ chart("id") }}`; here it becomes a
heading (so the page's table of contents lists it) and the figure HTML.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import TemplateNotFound

from sitegen.charts.manifest import Manifest
from sitegen.core.errors import InputError
from sitegen.core.outputs import chart_url, page_path, prune, write_if_changed
from sitegen.core.project import Build, Language
from sitegen.editions.build import links as takeaway_links
from sitegen.model.article import Section
from sitegen.model.checks import Model
from sitegen.model.figure import page_text
from sitegen.model.strings import MissingString, t
from sitegen.pages.blocks import body_blocks, editor_notes
from sitegen.pages.figures import render_data_page, render_figure
from sitegen.pages.parallel import render_parallel_pages
from sitegen.pages.plan import page_plan, parallel_folder, parallel_view, view_links
from sitegen.pages.templating import FrontMatter, edition_date, environment


def optional_string(build: Build, lang: str, key: str) -> str | None:
    """A reader string a report may leave out (a chapter's summary): None if absent."""
    try:
        return t(build, lang, key)
    except MissingString:
        return None


def first_sentence(text: str) -> str:
    """Up to the first full stop (。！？ or . ! ? before a space), never cut mid-word."""
    match = re.match(r"(.+?(?:[。！？]|[.!?](?=\s)))", text)
    return match.group(1) if match else text


# A search lists the article's pages (home and each section) before every other page
# that matches (data, sources, a report's own): a section's score is multiplied by this.
# The other pages repeat the article's words in titles (a dataset is named as its chart
# is) and notes; a title's words weigh a thousand times a text's in Material's index, and
# a long section's words a few times less than a short one's, so a factor of a thousand
# still let a dataset's title outrank a chapter that says the word; a million does not.
ARTICLE_SEARCH_BOOST = 1_000_000


def render_pages(build: Build, lang: Language, model: Model, manifest: Manifest) -> dict[str, str]:
    """Page name → Markdown text for one language."""
    report = build.project
    article = model.articles[lang.code]
    cover_chart = next(iter(article.chart_ids), None)
    plan = page_plan(report, article)
    names = [page.name for page in plan]
    other_pages = [page.name for page in plan if page.section is None]  # not home, not a section
    # The chapter strip's names on a phone, for the pages that have one (pages/_strip.md.j2).
    short_labels = {
        page.name: short
        for page in plan
        if (short := optional_string(build, lang.code, f"site.pages_short.{page.name}"))
    }
    edition = edition_date(report, lang.code)
    # Where the text comes from and which edition this is: after the byline on the home
    # page, after the title in every page's footer.
    credits = [
        credit
        for credit in (
            (t(build, lang.code, "site.source_label") + article.meta["source"]) if article.meta.get("source") else "",
            (t(build, lang.code, "site.edition_label") + edition) if edition else "",
            t(build, lang.code, "site.translated_from") if article.lang != model.source.lang else "",
        )
        if credit
    ]
    publication = " · ".join([article.meta["title"], *credits])
    editions = takeaway_links(build, lang.code, model, edition)  # PDF, data package, citation (sitegen/editions/)

    def summary(section: Section) -> str:
        """The chapter's one-line summary from the strings, else its first sentence."""
        written = optional_string(build, lang.code, f"site.summaries.{section.number}")
        return written if written is not None else first_sentence(section.paragraphs[0] if section.paragraphs else "")

    def render(template: str, **context: Any) -> str:
        def figure(chart_id: str, lazy: bool = True) -> str:
            return render_figure(build, model, manifest, chart_id, lang.code, lazy, folders=context.get("folders", 0))

        try:
            return (
                environment(build)
                .get_template(template)
                .render(
                    {
                        "lang": lang,
                        "article": article,
                        "meta": FrontMatter(article.meta),
                        "t": lambda key: page_text(build, model, lang.code, key),
                        "figure": figure,
                        "chart_url": chart_url,
                        "og_chart": cover_chart,
                        "other_pages": other_pages,
                        "page_names": names,
                        "short_labels": short_labels,
                        "chapters": {part.page: part for part in article.sections},
                        "credits": credits,
                        "edition": edition,  # this edition's date as the language writes it, or ""
                        "publication": publication,
                        "summary": summary,
                        "views": lambda page: view_links(build, page, lang.code),
                        "editions": editions,
                        **context,
                    }
                )
            )
        except MissingString as error:
            raise InputError(f"{template}, language '{lang.code}': {error}") from None
        except TemplateNotFound as error:
            raise InputError(
                f"{report.relative(report.config_file)}: page '{template}' has no template "
                f"{error.name} in {report.relative(report.templates_dir)}/ or the package; "
                "add the template, or take the page out of the report plugin's `pages`"
            ) from None

    pages, notes = {}, list(editor_notes(article))
    for planned in plan:
        if planned.section is None:
            pages[planned.name] = render(
                planned.template, notes=notes, datasets_body=lambda: render_data_page(build, model, lang.code)
            )
            continue
        blocks = body_blocks(planned.section)
        first = next((b.chart_id for b in blocks if b.kind == "figure"), None)
        pages[planned.name] = render(
            planned.template,
            section=planned.section,
            blocks=blocks,
            og_chart=first or cover_chart,
            parallel_view=parallel_view(build, planned.name, lang.code),
            search_boost=ARTICLE_SEARCH_BOOST,
        )
    return pages


def build_pages(build: Build, model: Model, manifest: Manifest) -> list[Path]:
    """Write every language's pages; returns the files whose bytes changed.

    All pages are rendered before any is written, so bad input leaves the last good
    pages in place.
    """
    report = build.project
    rendered: dict[Path, str] = {}
    for lang in report.languages:
        for name, text in render_pages(build, lang, model, manifest).items():
            rendered[page_path(report, lang.code, name)] = text
    if report.parallel:
        first = report.parallel[0]
        for name, text in render_parallel_pages(build, model, manifest).items():
            rendered[page_path(report, first, f"{parallel_folder(report)}/{name}")] = text
    changed = [path for path, text in rendered.items() if write_if_changed(path, text)]
    for folder in sorted({path.parent for path in rendered}):
        changed += prune(folder, "*.md", set(rendered))
    return changed
