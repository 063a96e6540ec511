"""The package's theme layer (sitegen/theme/) between Material and a report's own.

Material's templates, then sitegen/theme/ (the report's page template, the stylesheets,
the reading scripts, the CSP meta, offline search), then the report's templates/theme/:
a report overrides it block by block, as Material's custom_dir does.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig

from sitegen.core import project
from sitegen.pages.plan import parallel_home
from sitegen.site import csp
from sitegen.site.search import CONFIG_BASE

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


class NotFoundPages:
    """Each edition's 404 page in its own language, without rails, with a way home and a
    way to search (sitegen/theme/404.html): the root's, in the default language, which
    any host serves for a missing address; and one in each other edition's folder
    (en/404.html, zh-hant/404.html, and the parallel view's zh-en/404.html), which a host
    that looks for the nearest 404.html (Cloudflare Pages, a server configured so) serves
    for a missing address under it.

    MkDocs renders 404.html once per language: static-i18n builds each language again,
    each time over the root's 404.html. Each rendering is kept for its edition's folder
    and the root keeps the default language's. The parallel view's is rendered again in
    the default language's build, from the same context, in both its languages."""

    TEMPLATE = "404.html"

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}  # an edition's folder ("", "en/", "zh-en/") -> its page
        self.context: dict[str, Any] | None = None
        self.in_parallel_view = False

    def texts(self, build: project.Build, config: MkDocsConfig) -> list[dict[str, str]]:
        """report_not_found() in the template: the words and links of the page being
        rendered, one entry per language it is in (two in the parallel view)."""
        from sitegen.model.strings import t

        report = build.project
        built = _language_built(report, config)
        codes = list(report.parallel) if self.in_parallel_view else [built.code]
        home = parallel_home(report) if self.in_parallel_view else built.url_prefix
        return [
            {
                "lang": t(build, code, "charts.language_tag"),
                "title": t(build, code, "site.not_found.title"),
                "text": t(build, code, "site.not_found.text"),
                "home": t(build, code, "site.not_found.home"),
                "search": t(build, code, "site.not_found.search"),
                "home_url": home + "index.html",
            }
            for code in codes
        ]

    def keep_context(self, report: project.Project, context: Mapping[str, Any], config: MkDocsConfig) -> None:
        """on_template_context: the default language's context, for the parallel view's page."""
        if _language_built(report, config).default:
            self.context = dict(context)

    def rendered(self, report: project.Project, output: str, config: MkDocsConfig, env: Any) -> str:
        """on_post_template for 404.html: keeps this language's page (and, in the default
        language's build, renders the parallel view's); returns the root's."""
        lang = _language_built(report, config)
        if lang.default:
            self.pages = {"": output}
            if report.parallel and self.context is not None:
                self.in_parallel_view = True
                try:
                    page = env.get_template(self.TEMPLATE).render(self.context)
                finally:
                    self.in_parallel_view = False
                self.pages[parallel_home(report)] = _searching_in(parallel_home(report), page)
        else:
            self.pages[lang.url_prefix] = _searching_in(lang.url_prefix, output)
        return self.pages.get("", output)

    def write(self, site_dir: Path) -> None:
        """on_post_build: every edition's page but the root's, which MkDocs wrote."""
        for folder, page in self.pages.items():
            if folder:
                (site_dir / folder / self.TEMPLATE).write_text(csp.with_policy(page), encoding="utf-8")


def _searching_in(folder: str, page: str) -> str:
    """An edition's 404 page whose search looks in the index of its edition's folder
    (sitegen/site/search.py): its base, the site's root, made that folder."""
    return CONFIG_BASE.sub(lambda m: m.group(1) + m.group(2).rstrip("/") + "/" + folder + m.group(3), page, count=1)


def _language_built(report: project.Project, config: MkDocsConfig) -> project.Language:
    """The language static-i18n is building (the default one outside its builds)."""
    code = getattr(config.plugins.get("i18n"), "current_language", None)
    return report.language(code) if code else report.default_language()
