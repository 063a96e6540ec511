"""What earlier versions of the package called things, for messages that say exactly what
to rename (README, Change log). A report's chart modules import sitegen.chartkit, which
never moved; a chart helper that imported another module, or a name from one, by its 0.2
name is told where it went, and one that imported a name 0.4 took away what to write
instead."""

from __future__ import annotations

import re

# sitegen 0.3 put the flat modules of 0.2 in layers.
MODULES_RENAMED_IN_0_3 = {
    **{f"sitegen.{name}": f"sitegen.core.{name}" for name in ("project", "errors", "reads", "yamlio", "outputs")},
    **{
        f"sitegen.{name}": f"sitegen.model.{name}"
        for name in (
            "article",
            "content",
            "strings",
            "derive",
            "datasets",
            "written",
            "sentences",
            "numbers",
            "figuretext",
            "checks",
            "anchors",
        )
    },
    **{f"sitegen.{name}": f"sitegen.charts.{name}" for name in ("fonts", "render", "manifest")},
    "sitegen.chartbuild": "sitegen.charts.step",
    **{f"sitegen.{name}": f"sitegen.pages.{name}" for name in ("figures", "templating")},
    "sitegen.pages": "sitegen.pages.writer",
    **{f"sitegen.{name}": f"sitegen.site.{name}" for name in ("plugin", "csp", "deploy")},
    "sitegen.scrape": "tools/scrape.py (the main report's own tool; copy it into your report's tools/)",
    "sitegen.localhost": "tools/localhost.py (the main report's test server)",
}

# Names that left their module in 0.3: (module as a report imported it, name) -> the
# module that holds it now, or "module.new_name" where it was renamed too. A module that
# is gone (sitegen.figures) fails before its name is known: its message names the module
# it became, whose own failing import then names where the name went.
_WRITER = ("sitegen.pages", "sitegen.pages.writer")  # 0.2's pages.py, then 0.3's first name
_FIGURES = ("sitegen.pages.figures",)
_MOVED = {
    "sitegen.pages.plan": (
        _WRITER,
        ("page_plan", "page_names", "page_order", "PlannedPage", "parallel_folder", "view_links", "parallel_view"),
    ),
    "sitegen.pages.blocks": (_WRITER, ("Block", "body_blocks", "editor_notes", "BlockPair", "paired_blocks")),
    "sitegen.pages.parallel": (_WRITER, ("render_parallel_pages",)),
    "sitegen.pages.templating": (_WRITER, ("FrontMatter", "edition_date")),
    "sitegen.model.figure": (
        _FIGURES,
        (
            "shown_fields",
            "table",
            "short_sources",
            "provenance",
            "reading_order",
            "reading_place",
            "first_quote_url",
            "chart_links",
        ),
    ),
}
NAMES_MOVED_IN_0_3 = {
    **{(old, name): new for new, (olds, names) in _MOVED.items() for old in olds for name in names},
    **{(old, "cell"): "sitegen.model.figuretext.reader_text" for old in _FIGURES},
    **{(old, "sources"): "sitegen.model.figure.named_sources" for old in _FIGURES},
    **{(old, "quote_cell"): "sitegen.model.figure.quote" for old in _FIGURES},
    ("sitegen.model.figuretext", "lookup"): "sitegen.model.figure.page_text",
}

# Names that are gone since 0.4, where every step takes the Build instead of looking up a
# build in progress: (module, name) -> what to write instead.
_PASS_THE_BUILD = 'make one `Build(project.load("mkdocs.yml"))` and pass it (or its `project`) to each step'
NAMES_GONE_IN_0_4 = {
    ("sitegen.core.project", "current"): _PASS_THE_BUILD,
    ("sitegen.core.project", "current_build"): _PASS_THE_BUILD,
    ("sitegen.core.project", "active"): _PASS_THE_BUILD,
    ("sitegen.core.project", "use"): _PASS_THE_BUILD,
    ("sitegen.core.project", "languages"): "read `project.languages`",
    ("sitegen.core.project", "default_language"): "call `project.default_language()`",
    ("sitegen.core.project", "language"): "call `project.language(code)`",
    ("sitegen.core.project", "language_codes"): "call `project.language_codes()`",
    ("sitegen.charts.step", "build"): "call `sitegen.charts.step.draw_charts(build, …)`",
    ("sitegen.charts.step", "chart_ids"): "call `project.chart_ids()`",
}

# ImportError's message for `from module import name` when the module has no such name.
_NO_NAME = re.compile(r"cannot import name '(\w+)' from '([\w.]+)'")


def renamed_module_hint(error: ImportError) -> str | None:
    """For an import that failed: what the module or name is called now, or None."""
    found = _NO_NAME.match(str(error))
    if found:
        name, module = found.groups()
        moved = NAMES_MOVED_IN_0_3.get((module, name))
        if moved is not None:
            return f"`{name}` of `{module}` is `{moved}` since sitegen 0.3: import it from there (README, Change log)"
        gone = NAMES_GONE_IN_0_4.get((module, name))
        if gone is not None:
            return f"`{name}` of `{module}` is gone since sitegen 0.4: {gone} (README, Change log)"
        if f"{module}.{name}" in MODULES_RENAMED_IN_0_3:  # `from sitegen import numbers`
            return _renamed(f"{module}.{name}")
    return _renamed(error.name)


def _renamed(module: str | None) -> str | None:
    renamed = MODULES_RENAMED_IN_0_3.get(module or "")
    if renamed is None:
        return None
    return f"`{module}` was renamed in sitegen 0.3: import `{renamed}` instead (README, Change log)"
