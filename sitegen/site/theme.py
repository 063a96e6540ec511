"""The package's theme layer (sitegen/theme/) between Material and a report's own.

Material's templates, then sitegen/theme/ (the report's page template, the stylesheets,
the reading scripts, the CSP meta, offline search), then the report's templates/theme/:
a report overrides it block by block, as Material's custom_dir does.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig

from sitegen.core import project

THEME_DIR = Path(__file__).resolve().parent.parent / "theme"
STYLESHEETS = "assets/stylesheets"  # in THEME_DIR
SCRIPTS = "assets/javascripts/report"  # in THEME_DIR


def add_theme_layer(config: MkDocsConfig, report: project.Project) -> None:
    """Put the package's theme (sitegen/theme: the stylesheet, the CSP meta, offline
    search) between Material and the report's own templates/theme/, so that a report
    overrides it block by block as Material's custom_dir does."""
    dirs = config.theme.dirs
    own = report.templates_dir / "theme"
    material = next(i for i, d in enumerate(dirs) if Path(d, "base.html").exists() and str(THEME_DIR) != d)
    if str(THEME_DIR) not in dirs:
        dirs.insert(material, str(THEME_DIR))
    if own.is_dir() and str(own) not in dirs:
        dirs.insert(0, str(own))
    # The stylesheets (sitegen/theme/assets/stylesheets/*.css), report.css first, before
    # any of the report's own extra_css.
    sheets = sorted((THEME_DIR / STYLESHEETS).glob("*.css"), key=lambda p: (p.name != "report.css", p.name))
    for position, sheet in enumerate(sheets):
        path = f"{STYLESHEETS}/{sheet.name}"
        if path not in config.extra_css:
            config.extra_css.insert(position, path)
    # The reading features (sitegen/theme/assets/javascripts/report/*.js), after
    # Material's bundle; external files, so the CSP needs no hash for them.
    loaded = {str(getattr(script, "path", script)) for script in config.extra_javascript}
    for script in sorted((THEME_DIR / SCRIPTS).glob("*.js")):
        path = f"{SCRIPTS}/{script.name}"
        if path not in loaded:
            extra = ExtraScriptValue(path)
            extra.defer = True
            config.extra_javascript.append(extra)
