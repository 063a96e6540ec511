"""The `report` MkDocs plugin: the build events where the pipeline runs.

Registered in pyproject.toml (entry point mkdocs.plugins → report) and switched on in a
report's mkdocs.yml under `plugins:`; its options are ReportConfig's (sitegen/site/config.py).

on_startup     the chart workers' life begins (sitegen/charts/workers.py); on_shutdown ends it,
               and the PDFs' printer's. In between, SIGTERM stops `mkdocs serve` as
               Ctrl-C does, so that on_shutdown runs (sitegen/core/lifetime.py).
on_config      makes this build's Build (sitegen/core/project.py: the Project, cached reads,
               the workers), the nav in reading order, and puts the package's theme layer
               (sitegen/site/theme.py) under the report's. Every event below hands that
               Build to the steps it runs: no step looks up a build of its own.
on_pre_build   validates the report (sitegen.model.checks), draws the charts (sitegen.charts.step),
               then writes the pages (sitegen.pages.writer), before MkDocs collects docs/,
               and puts the articles' search words in jieba's dictionary until on_post_build
               (or on_build_error) takes them out. Under `mkdocs serve`,
               and in a first build, the charts to draw are drawn in the worker pool
               while MkDocs builds the pages, which give their sizes as placeholders;
               on_post_build draws the rest, puts them in place and fills in their sizes
               (sitegen/charts/manifest.py, to_come; sitegen/site/overlap.py): one build,
               never one more. As it ends, a `mkdocs build` sets the last good site
               aside (sitegen/site/lastgood.py): on_build_error puts it back, so a
               build that fails after MkDocs has emptied site_dir leaves it as it was.

on_serve       watches the report's folders, so an edit to any of them reloads, and not what
               the pipeline writes into docs/, so an edit costs one build
               (sitegen/site/watching.py); and shows a build stopped by bad input in the
               browser (sitegen/site/preview.py).
on_page_context  points a parallel page's language switcher at the pages it pairs.
on_env         the `site_absolute` filter: a site-root path as an absolute URL under site_url;
               and, with on_template_context and on_post_template, each edition's 404 page
               in its language (sitegen/site/theme.py, NotFoundPages), written on_post_build;
               and each parallel page's previous and next pages (the nav has only the
               single-language pages).
on_page_content  keeps together what a line must not break inside ("A股", "2024年":
               sitegen/pages/keeptogether.py).
on_post_page   points each non-default language's search at its own index, and the
               parallel view's at its own, and fills in the page's Content-Security-Policy
               (sitegen/site/csp.py); on_post_template does the latter for 404.html.
on_post_build  splits the combined search index so a search returns results in the
               reader's edition only (sitegen/site/search.py), and readies the site for
               any host and for disk (sitegen/site/deploy.py): per-edition offline
               indexes, a sitemap only with a site_url, Material's hreflang sitemap lookup
               switched off, a Chinese query cut into words up to its last character,
               only the lunr language files the search loads, and .gz/.br copies of every
               text file (on `mkdocs build`, not under `mkdocs serve`); and writes the PDFs
               (sitegen/site/printing.py): a first build's printed while its last charts
               are drawn, `mkdocs serve`'s after the reload; then, unless strict mode
               is about to stop the build for a warning, drops the site set aside.
"""

from __future__ import annotations

import functools
import logging
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority

from sitegen.charts.workers import Workers
from sitegen.core import project
from sitegen.core.errors import InputError
from sitegen.core.lifetime import stop_as_if_interrupted
from sitegen.site import csp, deploy, overlap, search
from sitegen.site.config import ReportConfig, check_languages
from sitegen.site.lastgood import LastGoodSite, strict_warnings
from sitegen.site.links import link_parallel_pages, link_switcher_to_homes, link_switcher_to_pair, site_absolute
from sitegen.site.printing import Printer
from sitegen.site.theme import NotFoundPages, add_theme_layer
from sitegen.site.watching import watch_the_report

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

    from sitegen.charts.manifest import Manifest
    from sitegen.charts.step import PendingCharts
    from sitegen.model.checks import Model

log = logging.getLogger("mkdocs.plugins.report")


def _start_workers_for_a_first_build(build: project.Build) -> None:
    """A first build (no chart manifest yet) draws every chart: its workers start now,
    to import matplotlib while MkDocs reads its files, not once the pages are planned."""
    from sitegen.charts import cache
    from sitegen.charts import step as chartbuild

    if not build.project.skip_charts and not cache.manifest_path(build.project).exists():
        chartbuild.start_workers(build)


class StoppedByBadInput(Abort):
    """MkDocs' Abort (one clear message, a non-zero exit) that keeps the bad input it
    stopped for: under `mkdocs serve` the preview shows it (sitegen/site/preview.py)."""

    def __init__(self, error: InputError):
        # Every line of a message of several problems is indented alike, its own
        # indentation kept. The last good pages and charts stay.
        super().__init__("Build stopped by bad input:\n" + textwrap.indent(str(error), "  "))
        self.input_error = error


def _stopped(error: InputError) -> Abort:
    return StoppedByBadInput(error)


class ReportPlugin(BasePlugin[ReportConfig]):
    """The plugin instance lives for the whole `mkdocs` command: MkDocs keeps a plugin
    with on_startup across `mkdocs serve`'s rebuilds, each of which makes a new Build in
    on_config. The chart workers live from on_startup to on_shutdown."""

    def __init__(self) -> None:
        self.command = "build"
        self.dirty = False
        self.last_good = LastGoodSite()  # the site as it was, until this build has succeeded
        self.workers = Workers()
        self.printer = Printer()  # the take-away PDFs, printed after the reload under serve
        self._build: project.Build | None = None  # made by on_config, for each build
        self.pending_charts: PendingCharts | None = None  # drawn while the pages build: sitegen.charts.step.start()
        self.model: Model | None = None  # the validated report the pages were built from
        self.drawn: Manifest | None = None  # the chart manifest the pages were built with (the PDFs' charts)
        self.not_found = NotFoundPages()  # each edition's 404 page, kept across its language builds
        self.env: jinja2.Environment | None = None  # the template environment of the language being built (on_env)
        self.search_words = search.SearchWords()  # the articles', in jieba's dictionary during a build
        self._stopping = threading.Event()  # set by on_shutdown: the plugin's threads end
        self._restore_sigterm: Callable[[], None] = lambda: None  # SIGTERM's handler before on_startup

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty
        self._restore_sigterm()  # a plugin started twice keeps the handler from before the first
        self._restore_sigterm = stop_as_if_interrupted() if command == "serve" else lambda: None

    def on_shutdown(self) -> None:
        self._stopping.set()
        self._restore_sigterm()  # first: a second SIGTERM while the pools close ends the process
        self._restore_sigterm = lambda: None
        try:
            self.search_words.forget()
            self.workers.close()
        finally:
            self.printer.close()

    @property
    def build(self) -> project.Build:
        """This build's Build, which every event hands to the steps it runs."""
        assert self._build is not None, "on_config makes the Build, before any other event"
        return self._build

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        from sitegen.model.strings import t
        from sitegen.pages.pdf import start_printer_for_a_first_print
        from sitegen.pages.plan import page_order

        self.printer.replaced()  # a PDF still printing for the last build is not put in place
        report = project.from_mkdocs(config, self.config)
        check_languages(report, self.config.derived_languages)
        build = self._build = project.Build(report, workers=self.workers)
        _start_workers_for_a_first_build(build)
        start_printer_for_a_first_print(report)  # take-away editions: the PDFs' printer, if it will print
        add_theme_layer(config, report)
        try:
            # Reading order, not alphabetical order: the nav drives the prev/next links.
            config.nav = [f"{name}.md" for name in page_order(build)]
            # Markdown runs once for all languages with this title; on_post_page swaps in
            # each page's own language.
            config.mdx_configs.setdefault("toc", {})["permalink_title"] = t(
                build, report.default_language().code, "site.permalink_title"
            )
        except InputError as error:
            raise _stopped(error) from None
        search.keep_jieba_cache()
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        from sitegen.charts import cache
        from sitegen.charts import step as chartbuild
        from sitegen.editions import build as editions
        from sitegen.model.checks import validate
        from sitegen.pages.templating import template_error
        from sitegen.pages.writer import build_pages

        if _nested_language_build(config):
            return  # static-i18n's nested build of another language: already done this build
        if self.pending_charts:  # from a rebuild that stopped before on_post_build
            self.pending_charts.cancel()
            self.pending_charts = None
        build = self.build
        try:
            model = validate(build)
            if self.config.skip_charts:
                drawn = cache.saved_manifest(build.project)
            else:
                # Drawn while MkDocs builds the pages, on_post_build filling in their sizes:
                # under `mkdocs serve`, and in a first build, which has no last good site
                # to keep should a chart fail. A later `mkdocs build` draws first, so that
                # a failing chart leaves the site as it was.
                alongside = self.command == "serve" or not cache.manifest_path(build.project).exists()
                charts = chartbuild.start(build, model, overlap=alongside)
                if charts.in_background:
                    self.pending_charts = charts
                else:
                    overlap.log_drawn(charts.finish())
                drawn = charts.manifest
            # Take-away editions (sitegen/editions/): the citations and the data package
            # first, so that the pages link them with their sizes; the PDFs once the
            # charts they show are drawn (on_post_build).
            editions.write_citations(build, model)
            editions.write_package(build, model)
            self.model, self.drawn = model, drawn
            changed = build_pages(build, model, drawn)
            self.search_words.use(model.search_words())
        except (InputError, jinja2.TemplateError) as error:
            if self.pending_charts:  # nothing more to draw for a build that stops here
                self.pending_charts.cancel()
                self.pending_charts = None
            if isinstance(error, jinja2.TemplateError):  # a page template the editor broke
                error = template_error(build.project, error)
            raise _stopped(error) from None
        if changed:
            log.info("report: wrote %d page(s)", len(changed))
        if self.command != "serve" and not self.dirty:  # serve builds into a folder of its own
            self.last_good.set_aside(Path(config.site_dir))  # MkDocs empties site_dir next

    def on_build_error(self, *, error: Exception) -> None:
        self.search_words.forget()
        self.last_good.put_back()

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        from sitegen.site.preview import Preview

        Preview().install(server)  # bad input shows in the browser, never a hung page
        self.workers.warm_up(self.build)
        watch_the_report(server, self.build.project, Path(config.docs_dir), self._stopping)
        return server

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        env.filters["site_absolute"] = lambda path: site_absolute(
            config.site_url or "", path
        )  # used only with a site_url
        # Each edition's 404 page in its language (sitegen/site/theme.py). The template
        # calls this while MkDocs renders it, outside the plugin's events.
        build = self.build

        def report_not_found() -> list[dict[str, str]]:
            try:
                return self.not_found.texts(build, config)
            except InputError as error:  # a missing string: one message, not a traceback
                raise _stopped(error) from None

        env.globals["report_not_found"] = report_not_found
        self.env = env
        link_parallel_pages(files)
        return env

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        if template_name == NotFoundPages.TEMPLATE:
            link_switcher_to_homes(self.build.project, config)
            self.not_found.keep_context(self.build.project, context, config)
        return context

    @event_priority(-50)  # after static-i18n has set this page's language switcher
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        # static-i18n sets config.extra.alternate as an attribute, which is what the
        # template reads, not the item config.extra["alternate"].
        link_switcher_to_pair(self.build.project, page, getattr(config.extra, "alternate", None))
        return context

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        from sitegen.pages.keeptogether import keep_together

        return keep_together(html)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        from sitegen.model.strings import t

        build = self.build
        report = build.project
        lang = report.language(_language_of(page) or report.default_language().code)
        if not lang.default:
            default_title = t(build, report.default_language().code, "site.permalink_title")
            own_title = t(build, lang.code, "site.permalink_title")
            output = output.replace(f'title="{default_title}"', f'title="{own_title}"')
        # The folder whose search index this page searches: its language's root, or the
        # parallel view's folder for a parallel page.
        root = search.parallel_root(report) if (page.meta or {}).get("parallel_of") else lang.url_prefix
        try:
            output = search.search_in(output, page.url, root)
        except ValueError as error:
            raise Abort(str(error)) from None
        return csp.with_policy(output)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if template_name == NotFoundPages.TEMPLATE:
            output_content = self.not_found.rendered(self.build.project, output_content, config, self.env)
        return csp.with_policy(output_content) if template_name.endswith(".html") else output_content

    @event_priority(-200)  # after static-i18n has merged every language's entries
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if _nested_language_build(config):
            return  # the site is not whole yet
        site_dir = Path(config.site_dir)
        build = self.build
        report = build.project
        search.split_search_index(build, site_dir, self.search_words.words)
        self.search_words.forget()  # every language's pages are indexed
        self.not_found.write(site_dir)
        search_folders = [site_dir / root for root in search.search_roots(report)]
        deploy.write_offline_search_indexes(search_folders)
        deploy.drop_unused_search_languages(site_dir, search_folders)
        if not config.site_url:
            deploy.drop_sitemap_without_site_url(site_dir)
        elif report.parallel:
            from sitegen.pages.plan import parallel_home

            deploy.drop_from_sitemap(site_dir, config.site_url, [parallel_home(report)])
        deploy.switch_off_alternate_sitemap_lookup(site_dir)
        deploy.fix_chinese_query_segmentation(site_dir)
        deploy.check_iframe_worker_shim(site_dir)
        waiting = overlap.pages_waiting_for_sizes(site_dir) if self.pending_charts else []
        if not self.pending_charts:  # else once the charts they show are drawn
            self._write_pdfs(site_dir)
        if self.command != "serve":  # the rest of the site compressed while the charts are drawn
            deploy.precompress([path for path in deploy.compressible_files(site_dir) if path not in waiting])
        if self.pending_charts:
            self._finish_drawing(site_dir, waiting)
            if self.command != "serve":
                deploy.precompress(waiting)
        if not strict_warnings():  # else MkDocs stops the build now, and on_build_error puts it back
            self.last_good.drop()

    def _finish_drawing(self, site_dir: Path, waiting: list[Path]) -> None:
        """The charts drawn while the pages were built, their sizes in the pages
        (sitegen/site/overlap.py); then the PDFs that show them."""
        pending, self.pending_charts = self.pending_charts, None
        assert pending is not None  # on_post_build finishes the charts only when some are pending
        assert self.model is not None  # on_pre_build validated it before handing out the charts
        try:
            # A first `mkdocs build` prints its PDFs as soon as the charts they show are
            # drawn, beside the other drawings; `mkdocs serve` prints them after the reload.
            serve = self.command == "serve"
            printable = None if serve else functools.partial(self.printer.start, self.build, self.model)
            self.drawn = overlap.finish(
                self.build, pending, self.model, site_dir, waiting, serve=serve, printable=printable
            )
        except InputError as error:
            raise _stopped(error) from None
        self._write_pdfs(site_dir)

    def _write_pdfs(self, site_dir: Path) -> None:
        """Take-away editions: each language's PDF (sitegen/site/printing.py); under
        `mkdocs serve` printed after the reload, not before it."""
        if self.model is None or self.drawn is None:
            return
        try:
            self.printer.write(self.build, self.model, self.drawn, site_dir, later=self.command == "serve")
        except InputError as error:
            raise _stopped(error) from None


def _nested_language_build(config: MkDocsConfig) -> bool:
    return getattr(config.plugins.get("i18n"), "building", False)


def _language_of(page: Page) -> str | None:
    """The language static-i18n gave the page's file; None: the default language's."""
    locale: str | None = getattr(page.file, "locale", None)
    return locale
