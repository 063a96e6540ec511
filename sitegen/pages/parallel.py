"""The parallel view (中英对照): each text page with each paragraph of the first language
beside its counterpart in the second.

The report plugin's `parallel: [zh, en]` pairs two languages; every page with article
text (home and each section) gets a version at <first language's folder>/zh-en/<page>.html.
Paragraphs are aligned one to one (sitegen/model/checks.py), so the view is made from the
same blocks as the single-language pages (sitegen/pages/blocks.py: paired_blocks).
"""

from __future__ import annotations

from typing import Any

from sitegen.charts.manifest import Manifest
from sitegen.core.errors import InputError
from sitegen.core.outputs import chart_url
from sitegen.core.project import Build, Language
from sitegen.model.checks import Model
from sitegen.model.figure import page_text
from sitegen.model.strings import MissingString, t
from sitegen.pages.blocks import paired_blocks
from sitegen.pages.figures import render_figure
from sitegen.pages.plan import page_plan, parallel_view, view_links
from sitegen.pages.templating import FrontMatter, edition_date, environment


def render_parallel_pages(build: Build, model: Model, manifest: Manifest) -> dict[str, str]:
    """Page name -> Markdown of the parallel view of each text page (home and sections)."""
    report = build.project
    first_code, second_code = report.parallel
    first, second = report.language(first_code), report.language(second_code)
    articles = model.articles[first_code], model.articles[second_code]
    every_page = page_plan(report, articles[0])
    plan = [page for page in every_page if page.section is not None]
    seconds = {part.number: part for part in articles[1].parts}
    tags = [t(build, code, "charts.language_tag") for code in (first_code, second_code)]
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
            "page_names": [page.name for page in every_page],
            "last": planned is plan[-1],
            "t2": lambda key: page_text(build, model, second_code, key),
            "edition": edition_date(report, first_code),
            "views": lambda page: view_links(build, page, None),
            "parallel_view": parallel_view(build, planned.name, None),
            "folders": 1,
        }
        pages[planned.name] = _render_parallel(build, model, manifest, first, context)
    return pages


def _render_parallel(build: Build, model: Model, manifest: Manifest, lang: Language, context: dict[str, Any]) -> str:
    second = context["pair"][1]
    # From the parallel folder (one below the first language's root) to the second's root.
    second_root = "../" * (1 + lang.url_prefix.count("/")) + second.url_prefix

    def figure(chart_id: str, lazy: bool = True) -> str:
        return render_figure(build, model, manifest, chart_id, lang.code, lazy, folders=1)

    def figure2(chart_id: str, lazy: bool = True) -> str:
        """The second language's figure: its own drawing, title and caption."""
        return render_figure(
            build, model, manifest, chart_id, second.code, lazy, root=second_root, id_suffix=f"-{second.code}"
        )

    try:
        return (
            environment(build)
            .get_template("pages/parallel.md.j2")
            .render(
                {
                    "t": lambda key: page_text(build, model, lang.code, key),
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
