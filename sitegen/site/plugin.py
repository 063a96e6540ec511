"""The `report` MkDocs plugin: the build events where the pipeline runs.

Registered in pyproject.toml (entry point mkdocs.plugins → report) and switched on in a
report's mkdocs.yml under `plugins:`, with its folders relative to that file:

    plugins:
      - report:
          content_dir: content      # article/, strings/, source/
          data_dir: data
          charts_dir: charts
          templates_dir: templates
          cache_dir: .cache
          skip_charts: false        # build with the PNGs already in docs/ (bench baseline)
          pages: [home, sections, sources, data]
          chart_widths: {wide: 720, narrow: 400}   # CSS px at 1x
          chart_scales: [1, 2]
          chart_font: {family: ..., files: {Regular: ..., Bold: ...}}

on_startup     the chart workers' life begins (sitegen/charts/workers.py); on_shutdown ends it.
on_config      makes this build's Build (sitegen/core/project.py: the Project, cached reads,
               the workers), the nav in reading order, and puts the package's theme layer
               (sitegen/site/theme.py) under the report's. Every event below runs with the
               Build in progress (_in_build).
on_pre_build   validates the report (sitegen.model.checks), draws the charts (sitegen.charts.step),
               then writes the pages (sitegen.pages.writer), before MkDocs collects docs/; on
               `mkdocs build` and on every `mkdocs serve` rebuild. Under `mkdocs serve`,
               and in a first build, the charts to draw are drawn in the worker pool
               while MkDocs builds the pages, which give their sizes as placeholders;
               on_post_build draws the rest, puts them in place and fills in their sizes
               (sitegen/charts/manifest.py, to_come): one build, never one more.

on_serve       watches the report's folders, so an edit to any of them reloads, and not what
               the pipeline writes into docs/, so an edit costs one build; and shows a
               build stopped by bad input in the browser (sitegen/site/preview.py).
on_page_context  points a parallel page's language switcher at the pages it pairs.
on_env         the `site_absolute` filter: a site-root path as an absolute URL under site_url;
               and, with on_template_context and on_post_template, each edition's 404 page
               in its language (sitegen/site/theme.py, NotFoundPages), written on_post_build.
on_post_page   points each non-default language's search at its own index, and fills in
               the page's Content-Security-Policy (sitegen/site/csp.py); on_post_template does
               the latter for 404.html.
on_post_build  splits the combined search index so a search returns results in the
               reader's language only, and readies the site for any host and for disk
               (sitegen/site/deploy.py): per-language offline indexes, a sitemap only with a
               site_url, Material's hreflang sitemap lookup switched off, only the lunr
               language files the search loads, and .gz/.br copies of every text file
               (on `mkdocs build`, not under `mkdocs serve`).
"""

from __future__ import annotations

import datetime
import functools
import logging
import textwrap
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority

from sitegen.charts import manifest

from sitegen.core import outputs, project

from sitegen.charts.workers import Workers
from sitegen.site import csp, deploy
from sitegen.site.search import CONFIG_BASE, split_search_index
from sitegen.site.theme import NotFoundPages, add_theme_layer
from sitegen.core.errors import InputError
from sitegen.core.project import default_language, languages

log = logging.getLogger("mkdocs.plugins.report")

class ReportConfig(base.Config):
    content_dir = c.Dir(exists=True, default="content")
    data_dir = c.Dir(exists=True, default="data")
    charts_dir = c.Dir(exists=True, default="charts")
    templates_dir = c.Dir(exists=False, default="templates")  # optional: the package has defaults
    cache_dir = c.Dir(exists=False, default=".cache")
    skip_charts = c.Type(bool, default=False)
    pages = c.ListOfItems(c.Type(str), default=["home", "sections", "sources", "data"])
    edition_date = c.Optional(c.Type(str))  # YYYY-MM-DD: the date of this edition
    chart_widths = c.DictOfItems(c.Type(int), default={"wide": 720, "narrow": 400})
    chart_scales = c.ListOfItems(c.Type(int), default=[1, 2])
    # Languages made at build time from another by OpenCC (sitegen/model/derive.py), each also
    # listed under the i18n plugin: {zh-hant: {from: zh, opencc: s2twp}}.
    derived_languages = c.DictOfItems(c.Type(dict), default={})
    # Two languages read side by side: [zh, en] gives zh-en/<page>.html (sitegen/pages/writer.py).
    parallel = c.ListOfItems(c.Type(str), default=[])
    # Take-away editions (sitegen/editions/): a PDF of each language (WeasyPrint), the
    # data package's licence (a name such as CC-BY-4.0, or {name, title, path}), and the
    # publisher the citations name (default: each language's site_name).
    pdf = c.Type(bool, default=True)
    license = c.Optional(c.Type((str, dict)))
    publisher = c.Optional(c.Type(str))
    chart_font = c.Type(dict, default={
        "family": "Noto Sans CJK SC",
        "files": {"Regular": "NotoSansCJK-Regular.ttc", "Bold": "NotoSansCJK-Bold.ttc"},
    })

    def post_validation(self):
        if list(self.chart_widths) != ["wide", "narrow"]:
            raise base.ValidationError(
                "chart_widths must name `wide` (the text column) and then `narrow` (phones), "
                f"in CSS px, e.g. {{wide: 720, narrow: 400}}; got {dict(self.chart_widths)}"
            )
        if self.edition_date:
            try:
                datetime.date.fromisoformat(self.edition_date)
            except ValueError:
                raise base.ValidationError(f"edition_date must be a date as YYYY-MM-DD, e.g. 2026-11-28; got {self.edition_date!r}") from None
        if not self.chart_scales or self.chart_scales[0] != 1:
            raise base.ValidationError(f"chart_scales must start with 1, e.g. [1, 2]; got {self.chart_scales}")
        if self.parallel and (len(self.parallel) != 2 or self.parallel[0] == self.parallel[1]):
            raise base.ValidationError(f"parallel must name two different languages, e.g. [zh, en]; got {self.parallel}")
        for code, derived in self.derived_languages.items():
            if not isinstance(derived.get("from"), str) or not isinstance(derived.get("opencc"), str):
                raise base.ValidationError(
                    f"derived_languages.{code} needs `from` (a language of the i18n plugin) and "
                    f"`opencc` (a conversion), e.g. {{from: zh, opencc: s2twp}}; got {derived}"
                )
        font = self.chart_font
        if not isinstance(font.get("family"), str) or not isinstance(font.get("files"), dict):
            raise base.ValidationError(
                "chart_font needs `family` and `files` (face: file name), e.g. "
                "{family: Noto Sans CJK SC, files: {Regular: NotoSansCJK-Regular.ttc}}"
            )

def _check_languages(report: project.Project, derived: dict) -> None:
    """Each derived language is one of the i18n plugin's, made from a hand-written one;
    the parallel view pairs two of them."""
    codes = {lang.code: lang for lang in report.languages}
    for code in report.parallel:
        if code not in codes:
            raise Abort(f"{report.config_file.name}: parallel names '{code}', which is not among the i18n "
                        f"plugin's languages ({', '.join(codes)})")
    for code, spec in derived.items():
        source = codes.get(spec["from"])
        if code not in codes:
            raise Abort(f"{report.config_file.name}: derived_languages names '{code}', which is not among the "
                        f"i18n plugin's languages ({', '.join(codes)}); add it there with its name and site_name")
        if source is None or source.is_derived:
            raise Abort(f"{report.config_file.name}: derived_languages.{code}.from is '{spec['from']}'; it must be "
                        f"a language written by hand, one of {', '.join(c for c, l in codes.items() if not l.is_derived)}")


def _start_workers_for_a_first_build(skip_charts: bool) -> None:
    """A first build (no chart manifest yet) draws every chart: its workers start now,
    to import matplotlib while MkDocs reads its files, not once the pages are planned."""
    from sitegen.charts import step as chartbuild

    if not skip_charts and not chartbuild.manifest_path().exists():
        chartbuild.start_workers()


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

def _in_build(event):
    """Run a plugin event with the plugin's build in progress (sitegen.core.project.active):
    what the event's steps read, cache and draw with is that build's, whatever else this
    process builds."""

    @functools.wraps(event)
    def handler(self, *args, **kwargs):
        with project.active(self.build):
            return event(self, *args, **kwargs)

    return handler


class ReportPlugin(BasePlugin[ReportConfig]):
    """The plugin instance lives for the whole `mkdocs` command: MkDocs keeps a plugin
    with on_startup across `mkdocs serve`'s rebuilds, each of which makes a new Build in
    on_config. The chart workers live from on_startup to on_shutdown."""

    def __init__(self):
        self.command = "build"
        self.workers = Workers()
        self.build: project.Build | None = None  # made by on_config, for each build
        self.pending_charts = None  # drawn while the pages build: sitegen.charts.step.start()
        self.model = None  # the validated report the pages were built from
        self.drawn = None  # the chart manifest the pages were built with (the PDFs' charts)
        self.not_found = NotFoundPages()  # each edition's 404 page, kept across its language builds
        self.env = None  # the template environment of the language being built (on_env)

    def on_startup(self, *, command, dirty) -> None:
        self.command = command

    def on_shutdown(self) -> None:
        self.workers.close()

    def on_config(self, config):
        report = project.from_mkdocs(config, self.config)
        _check_languages(report, self.config.derived_languages)
        self.build = project.Build(report, workers=self.workers)
        return self._configure(config, report)

    @_in_build
    def _configure(self, config, report: project.Project):
        from sitegen.model.strings import t
        from sitegen.pages.pdf import start_printer_for_a_first_print
        from sitegen.pages.writer import page_order

        _start_workers_for_a_first_build(self.config.skip_charts)
        start_printer_for_a_first_print()  # take-away editions: the PDFs' printer, if it will print
        add_theme_layer(config, report)
        try:
            # Reading order, not alphabetical order: the nav drives the prev/next links.
            config.nav = [f"{name}.md" for name in page_order()]
            # Markdown runs once for all languages with this title; on_post_page swaps in
            # each page's own language.
            config.mdx_configs.setdefault("toc", {})["permalink_title"] = t(default_language().code, "site.permalink_title")
        except InputError as error:
            raise _stopped(error) from None
        # jieba (Chinese word segmentation for search) builds a 1 s dictionary cache under
        # $TMPDIR by default; keep it in the report's cache so it is built once, not per boot.
        try:
            import jieba
        except ImportError:
            return config
        cache = report.cache_dir
        cache.mkdir(parents=True, exist_ok=True)
        jieba.dt.tmp_dir = str(cache)
        jieba.setLogLevel(logging.WARNING)
        return config

    @_in_build
    def on_pre_build(self, *, config) -> None:
        from sitegen.charts import step as chartbuild
        from sitegen.editions import build as editions
        from sitegen.model.checks import validate
        from sitegen.pages.writer import build_pages

        if _nested_language_build(config):
            return  # static-i18n's nested build of another language: already done this build
        if self.pending_charts:  # from a rebuild that stopped before on_post_build
            self.pending_charts.cancel()
            self.pending_charts = None
        try:
            model = validate()
            if self.config.skip_charts:
                drawn = chartbuild.saved_manifest()
            else:
                # Drawn while MkDocs builds the pages, on_post_build filling in their sizes:
                # under `mkdocs serve`, and in a first build, which has no last good site
                # to keep should a chart fail. A later `mkdocs build` draws first, so that
                # a failing chart leaves the site as it was.
                overlap = self.command == "serve" or not chartbuild.manifest_path().exists()
                charts = chartbuild.start(model, overlap=overlap)
                if charts.in_background:
                    self.pending_charts = charts
                else:
                    _log_drawn(charts.finish())
                drawn = charts.manifest
            # Take-away editions (sitegen/editions/): the citations and the data package
            # first, so that the pages link them with their sizes; the PDFs once the
            # charts they show are drawn (on_post_build).
            editions.write_citations(model)
            editions.write_package(model)
            self.model, self.drawn = model, drawn
            changed = build_pages(model, drawn)
        except InputError as error:
            if self.pending_charts:  # nothing more to draw for a build that stops here
                self.pending_charts.cancel()
                self.pending_charts = None
            raise _stopped(error) from None
        if changed:
            log.info("report: wrote %d page(s)", len(changed))

    @_in_build
    def on_serve(self, server, *, config, builder):
        from sitegen.site.preview import Preview

        Preview().install(server)  # bad input shows in the browser, never a hung page
        report = project.current()
        self.workers.warm_up(report)
        for folder in (report.content_dir, report.data_dir, report.charts_dir, report.templates_dir):
            if folder.is_dir():
                server.watch(str(folder))
        # What the pipeline writes into docs/ (pages, charts, datasets) is made from the
        # folders above: were it watched too, every edit would build twice, the second
        # time for the files the first wrote. Only docs/'s own files stay watched.
        docs, generated = Path(config.docs_dir), set(outputs.generated_dirs())
        server.unwatch(str(docs))
        server.watch(str(docs), recursive=False)
        for folder in sorted(docs.iterdir()):
            if folder.is_dir() and folder not in generated:
                server.watch(str(folder))
        return server

    def on_env(self, env, *, config, files):
        env.filters["site_absolute"] = lambda path: _site_absolute(config.site_url, path)
        # Each edition's 404 page in its language (sitegen/site/theme.py). The template
        # calls this while MkDocs renders it, outside the plugin's events.
        build = self.build
        assert build is not None  # on_config made it

        def report_not_found() -> list[dict[str, str]]:
            with project.active(build):
                try:
                    return self.not_found.texts(config)
                except InputError as error:  # a missing string: one message, not a traceback
                    raise _stopped(error) from None

        env.globals["report_not_found"] = report_not_found
        self.env = env
        return env

    @_in_build
    def on_template_context(self, context, *, template_name, config):
        if template_name == NotFoundPages.TEMPLATE:
            self.not_found.keep_context(context, config)
        return context

    @event_priority(-50)  # after static-i18n has set this page's language switcher
    @_in_build
    def on_page_context(self, context, *, page, config, nav):
        # A parallel page (中英对照) has no counterpart in the other languages' folders:
        # its language switcher leads to the single-language page it pairs, in each.
        # (static-i18n sets config.extra.alternate as an attribute, which is what the
        # template reads, not the item config.extra["alternate"].)
        pairs = (page.meta or {}).get("parallel_of")
        alternates = getattr(config.extra, "alternate", None)
        if pairs and isinstance(alternates, list):
            name = pairs.rsplit("/", 1)[-1]
            codes = {lang.code: lang for lang in languages()}
            for alternate in alternates:
                if alternate.get("lang") in codes:
                    alternate["link"] = codes[alternate["lang"]].url_prefix + name
        return context

    @_in_build
    def on_post_page(self, output: str, *, page, config) -> str:
        from sitegen.model.strings import t

        lang = next(l for l in languages() if l.code == _language_of(page))
        if not lang.default:
            default_title = t(default_language().code, "site.permalink_title")
            output = output.replace(f'title="{default_title}"', f'title="{t(lang.code, "site.permalink_title")}"')
            depth = page.url.count("/") - 1  # "en/01.html" sits directly in the language root
            language_root = "/".join([".."] * depth) or "."
            output, found = CONFIG_BASE.subn(lambda m: m.group(1) + language_root + m.group(3), output, count=1)
            if not found:
                raise Abort(f"{page.url}: Material's __config script not found; its base.html changed, review CONFIG_BASE")
        return csp.with_policy(output)

    @_in_build
    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        if template_name == NotFoundPages.TEMPLATE:
            output_content = self.not_found.rendered(output_content, config, self.env)
        return csp.with_policy(output_content) if template_name.endswith(".html") else output_content

    @event_priority(-200)  # after static-i18n has merged every language's entries
    @_in_build
    def on_post_build(self, *, config) -> None:
        if _nested_language_build(config):
            return  # the site is not whole yet
        site_dir = Path(config.site_dir)
        split_search_index(site_dir)
        self.not_found.write(site_dir)
        language_roots = [site_dir / lang.url_prefix for lang in languages()]
        deploy.write_offline_search_indexes(language_roots)
        deploy.drop_unused_search_languages(site_dir, language_roots)
        if not config.site_url:
            deploy.drop_sitemap_without_site_url(site_dir)
        elif project.current().parallel:
            from sitegen.pages.writer import parallel_folder

            first = project.language(project.current().parallel[0])
            deploy.drop_from_sitemap(site_dir, config.site_url, [first.url_prefix + parallel_folder()])
        deploy.switch_off_alternate_sitemap_lookup(site_dir)
        deploy.check_iframe_worker_shim(site_dir)
        waiting = _pages_waiting_for_sizes(site_dir) if self.pending_charts else []
        if not self.pending_charts:  # else once the charts they show are drawn
            self._write_pdfs(site_dir)
        if self.command != "serve":  # the rest of the site compressed while the charts are drawn
            deploy.precompress([path for path in deploy.compressible_files(site_dir) if path not in waiting])
        if self.pending_charts:
            self._finish_drawing(site_dir, waiting)
            if self.command != "serve":
                deploy.precompress(waiting)

    def _finish_drawing(self, site_dir: Path, waiting: list[Path]) -> None:
        """Finish drawing the charts drawn while the pages were built, then fill in their
        sizes: in the pages built meanwhile (`waiting`) and, rewritten, in docs/. Should
        a chart fail, those pages are deleted: none is left with a placeholder for a size."""
        from sitegen.charts import step as chartbuild
        from sitegen.pages.writer import build_pages

        pending, self.pending_charts = self.pending_charts, None
        try:
            charts = _finish_charts(pending, site_dir)
        except Abort:
            if self.command == "serve":
                # The preview shows the error over these pages (sitegen/site/preview.py):
                # they keep them, with the sizes of the charts' last drawings where known.
                last = chartbuild.saved_manifest() if chartbuild.manifest_path().exists() else {}
                for page in waiting:
                    text = page.read_text(encoding="utf-8")
                    page.write_text(manifest.fill_sizes(text, last, partial=True), encoding="utf-8")
            else:
                for page in waiting:
                    page.unlink()
            raise
        assert self.model is not None  # on_pre_build validated it before handing out the charts
        build_pages(self.model, charts.manifest)  # the pages just built, with their sizes
        for page in waiting:
            page.write_text(manifest.fill_sizes(page.read_text(encoding="utf-8"), charts.manifest), encoding="utf-8")
        self.drawn = charts.manifest
        self._write_pdfs(site_dir)

    def _write_pdfs(self, site_dir: Path) -> None:
        """Take-away editions: each language's PDF (sitegen/pages/pdf.py), cached, in
        docs/ and in the site, and its size where the pages announce it."""
        from sitegen.editions import build as editions
        from sitegen.pages import pdf

        if self.model is None or self.drawn is None:
            return
        if not self.config.pdf:
            for lang in languages():
                editions.paths.pdf_path(lang.code).unlink(missing_ok=True)
            return
        try:
            made = pdf.build(self.model, self.drawn, log=lambda code: log.info("report: printed the %s PDF", code))
        except InputError as error:
            raise _stopped(error) from None
        for code, data in made.items():
            outputs.write_if_changed(editions.paths.pdf_path(code), data)
            outputs.write_if_changed(site_dir / project.language(code).url_prefix / editions.paths.PDF, data)
        sizes = {code: len(data) for code, data in made.items()}
        for path in deploy.compressible_files(site_dir):
            if path.suffix in (".html", ".json"):
                text = path.read_text(encoding="utf-8")
                if editions.PDF_SIZE_TO_COME in text:
                    path.write_text(editions.fill_pdf_sizes(text, sizes), encoding="utf-8")


def _pages_waiting_for_sizes(site_dir: Path) -> list[Path]:
    """The pages (and search indexes) written with placeholders for the sizes of charts
    still being drawn, or of the PDFs printed once they are."""
    from sitegen.editions.build import PDF_SIZE_TO_COME

    tokens = (manifest.SIZE_TO_COME, PDF_SIZE_TO_COME)
    return sorted(path for pattern in ("*.html", "*.json") for path in site_dir.rglob(pattern)
                  if any(token in path.read_text(encoding="utf-8") for token in tokens))


def _log_drawn(charts) -> None:
    if charts.rendered:
        log.info("report: drew %s", ", ".join(charts.rendered))


def _finish_charts(pending, site_dir: Path):
    """Finish the charts drawn while MkDocs built the pages, and put them in the site as
    well as in docs/, where MkDocs copied their old images from, if any. Returns the
    chart step's report."""
    try:
        charts = pending.finish()
    except InputError as error:
        raise _stopped(error) from None
    _log_drawn(charts)
    for code, drawn, url in pending.drawn_files():
        outputs.write_if_changed(site_dir / project.language(code).url_prefix / url, drawn.read_bytes())
    return charts


def _site_absolute(site_url: str, path: str) -> str:
    """A site-root path as an absolute URL under site_url. A path that already starts
    with site_url's own path ("/mid-tech-ai/en/index.html": static-i18n's language links
    on the 404 page, which has no page of its own) is not put under it a second time."""
    own = urlsplit(site_url).path
    if own.strip("/") and path.startswith(own):
        path = path[len(own):]
    return urljoin(site_url, path.lstrip("/"))
def _nested_language_build(config) -> bool:
    return getattr(config.plugins.get("i18n"), "building", False)

def _language_of(page) -> str:
    return getattr(page.file, "locale", None) or default_language().code
