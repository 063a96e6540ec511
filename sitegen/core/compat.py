"""What earlier versions of the package called things, for messages that say exactly what
to rename (README, Change log). A report's chart modules import sitegen.chartkit, which
never moved; a chart helper that imported another module by its 0.2 name is told where
that module went."""

from __future__ import annotations

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


def renamed_module_hint(missing: str | None) -> str | None:
    """For a module that could not be found: what it is called now, or None."""
    renamed = MODULES_RENAMED_IN_0_3.get(missing or "")
    if renamed is None:
        return None
    return f"`{missing}` was renamed in sitegen 0.3: import `{renamed}` instead (README, Change log)"
