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

on_config      makes the build's Project (sitegen/project.py), the nav in reading order,
               and puts the package's theme layer (sitegen/theme/) under the report's.
on_pre_build   validates the report (sitegen.checks), draws the charts (sitegen.chartbuild),
               then writes the pages (sitegen.pages), before MkDocs collects docs/; on
               `mkdocs build` and on every `mkdocs serve` rebuild. Under `mkdocs serve`,
               and in a first build, the charts to draw are drawn in the worker pool
               while MkDocs builds the pages; on_post_build draws the rest and puts them
               in place (in a first build, filling in their sizes in the pages:
               sitegen/manifest.py, to_come).

on_serve       watches the report's folders, so an edit to any of them reloads, and not what
               the pipeline writes into docs/, so an edit costs one build.
on_page_context  points a parallel page's language switcher at the pages it pairs.
on_env         the `site_absolute` filter: a site-root path as an absolute URL under site_url.
on_post_page   points each non-default language's search at its own index, and fills in
               the page's Content-Security-Policy (sitegen/csp.py); on_post_template does
               the latter for 404.html.
on_post_build  splits the combined search index so a search returns results in the
               reader's language only, and readies the site for any host and for disk
               (sitegen/deploy.py): per-language offline indexes, a sitemap only with a
               site_url, Material's hreflang sitemap lookup switched off, only the lunr
               language files the search loads, and .gz/.br copies of every text file
               (on `mkdocs build`, not under `mkdocs serve`).
"""

from __future__ import annotations

import datetime
import json
import logging
import re
import time
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority

from sitegen import csp, deploy, manifest, outputs, project
from sitegen.reads import forget_cached_reads
from sitegen.errors import InputError
from sitegen.project import default_language, languages

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
    # Languages made at build time from another by OpenCC (sitegen/derive.py), each also
    # listed under the i18n plugin: {zh-hant: {from: zh, opencc: s2twp}}.
    derived_languages = c.DictOfItems(c.Type(dict), default={})
    # Two languages read side by side: [zh, en] gives zh-en/<page>.html (sitegen/pages.py).
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
    from sitegen import chartbuild

    if not skip_charts and not chartbuild.manifest_path().exists():
        chartbuild.start_workers()


def _stopped(error: InputError) -> Abort:
    # One clear line and a non-zero exit; the last good pages and charts stay.
    return Abort(f"Build stopped by bad input:\n  {error}")

class ReportPlugin(BasePlugin[ReportConfig]):
    def __init__(self):
        self.command = "build"
        self.pending_charts = None  # drawn while the pages build: sitegen.chartbuild.start()
        self.model = None  # the validated report the pages were built from
        self.drawn = None  # the chart manifest the pages were built with (the PDFs' charts)

    def on_startup(self, *, command, dirty) -> None:
        self.command = command

    def on_config(self, config):
        from sitegen.pages import page_order
        from sitegen.strings import t

        report = project.from_mkdocs(config, self.config)
        _check_languages(report, self.config.derived_languages)
        project.use(report)
        _start_workers_for_a_first_build(self.config.skip_charts)
        from sitegen.editions.pdf import start_printer_for_a_first_print

        start_printer_for_a_first_print()  # take-away editions: the PDFs' printer, if it will print
        forget_cached_reads()
        _add_theme_layer(config, report)
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
        cache = project.current().cache_dir
        cache.mkdir(parents=True, exist_ok=True)
        jieba.dt.tmp_dir = str(cache)
        jieba.setLogLevel(logging.WARNING)
        return config

    def on_pre_build(self, *, config) -> None:
        from sitegen import chartbuild
        from sitegen.checks import validate
        from sitegen.editions import build as editions
        from sitegen.pages import build_pages

        if _nested_language_build(config):
            return  # static-i18n's nested build of another language: already done this build
        forget_cached_reads()
        if self.pending_charts:  # from a rebuild that stopped before on_post_build
            self.pending_charts.cancel()
            self.pending_charts = None
        try:
            model = validate()
            if self.config.skip_charts:
                drawn = chartbuild.saved_manifest()
            elif self.command == "serve" or not chartbuild.manifest_path().exists():
                # Drawn while MkDocs builds the pages, on_post_build waiting for them:
                # under `mkdocs serve`, and in a first build, which has no last good site
                # to keep should a chart fail (a later build draws first, so that a
                # failing chart leaves the site as it was).
                charts = chartbuild.start(model, sizes_to_come=self.command != "serve")
                if charts.in_background:
                    self.pending_charts, self.model = charts, model
                else:
                    _log_drawn(charts.finish())
                drawn = charts.manifest
            else:
                charts = chartbuild.build(model=model)
                _log_drawn(charts)
                drawn = charts.manifest
            # Take-away editions (sitegen/editions/): the citations and the data package
            # first, so that the pages link them with their sizes; the PDFs once the
            # charts they show are drawn (on_post_build).
            editions.write_citations(model)
            editions.write_package(model)
            self.model, self.drawn = model, drawn
            changed = build_pages(model, drawn)
        except InputError as error:
            raise _stopped(error) from None
        if changed:
            log.info("report: wrote %d page(s)", len(changed))

    def on_serve(self, server, *, config, builder):
        from sitegen import chartbuild

        chartbuild.warm_up()
        report = project.current()
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
        requests = outputs.rebuild_request_dir()
        requests.mkdir(parents=True, exist_ok=True)
        server.watch(str(requests))
        return server

    def on_env(self, env, *, config, files):
        env.filters["site_absolute"] = lambda path: urljoin(config.site_url, path.lstrip("/"))
        return env

    @event_priority(-50)  # after static-i18n has set this page's language switcher
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

    def on_post_page(self, output: str, *, page, config) -> str:
        from sitegen.strings import t

        lang = next(l for l in languages() if l.code == _language_of(page))
        if not lang.default:
            default_title = t(default_language().code, "site.permalink_title")
            output = output.replace(f'title="{default_title}"', f'title="{t(lang.code, "site.permalink_title")}"')
            depth = page.url.count("/") - 1  # "en/01.html" sits directly in the language root
            language_root = "/".join([".."] * depth) or "."
            output, found = _CONFIG_BASE.subn(lambda m: m.group(1) + language_root + m.group(3), output, count=1)
            if not found:
                raise Abort(f"{page.url}: Material's __config script not found; its base.html changed, review _CONFIG_BASE")
        return csp.with_policy(output)

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        return csp.with_policy(output_content) if template_name.endswith(".html") else output_content

    @event_priority(-200)  # after static-i18n has merged every language's entries
    def on_post_build(self, *, config) -> None:
        if _nested_language_build(config):
            return  # the site is not whole yet
        site_dir = Path(config.site_dir)
        if self.pending_charts and self.command == "serve":
            pending, self.pending_charts = self.pending_charts, None
            charts = _finish_charts(pending, site_dir)
            self.drawn = charts.manifest
            if any(charts.manifest[key] != drawing for key, drawing in pending.manifest.items()):
                # The pages were built with a chart's last size, and its new drawing has
                # another: build them again.
                outputs.write_if_changed(outputs.rebuild_request_dir() / "sizes", f"{time.time_ns()}\n")
        _split_search_index(site_dir)
        language_roots = [site_dir / lang.url_prefix for lang in languages()]
        deploy.write_offline_search_indexes(language_roots)
        deploy.drop_unused_search_languages(site_dir, language_roots)
        if not config.site_url:
            deploy.drop_sitemap_without_site_url(site_dir)
        elif project.current().parallel:
            from sitegen.pages import parallel_folder

            first = project.language(project.current().parallel[0])
            deploy.drop_from_sitemap(site_dir, config.site_url, [first.url_prefix + parallel_folder()])
        deploy.switch_off_alternate_sitemap_lookup(site_dir)
        deploy.check_iframe_worker_shim(site_dir)
        if not self.pending_charts:  # else once a first build's charts are drawn
            self._write_pdfs(site_dir)
        if self.command != "serve":
            files = deploy.compressible_files(site_dir)
            waiting = _pages_waiting_for_sizes(files) if self.pending_charts else []  # a first build's
            deploy.precompress([path for path in files if path not in waiting])  # while the charts are drawn
            if self.pending_charts:
                self._finish_first_build(site_dir, waiting)
                deploy.precompress(waiting)

    def _finish_first_build(self, site_dir: Path, waiting: list[Path]) -> None:
        """Finish drawing the charts of a first build, then fill in their sizes: in the
        pages built meanwhile (`waiting`) and, rewritten, in docs/. Should a chart fail,
        those pages are deleted: none is left with a placeholder for a size."""
        from sitegen.pages import build_pages

        pending, self.pending_charts = self.pending_charts, None
        try:
            charts = _finish_charts(pending, site_dir)
        except Abort:
            for page in waiting:
                page.unlink()
            raise
        build_pages(self.model, charts.manifest)  # the pages just built, with their sizes
        for page in waiting:
            page.write_text(manifest.fill_sizes(page.read_text(encoding="utf-8"), charts.manifest), encoding="utf-8")
        self.drawn = charts.manifest
        self._write_pdfs(site_dir)

    def _write_pdfs(self, site_dir: Path) -> None:
        """Take-away editions: each language's PDF (sitegen/editions/pdf.py), cached, in
        docs/ and in the site, and its size where the pages announce it."""
        from sitegen.editions import build as editions
        from sitegen.editions import pdf

        if self.model is None:
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


def _pages_waiting_for_sizes(files: list[Path]) -> list[Path]:
    """The pages written with placeholders for their charts' sizes (a first build's)."""
    from sitegen.editions.build import PDF_SIZE_TO_COME

    return [path for path in files if path.suffix == ".html"
            and any(token in path.read_text(encoding="utf-8") for token in (manifest.SIZE_TO_COME, PDF_SIZE_TO_COME))]


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


THEME_DIR = Path(__file__).resolve().parent / "theme"
STYLESHEETS = "assets/stylesheets"  # in THEME_DIR
SCRIPTS = "assets/javascripts/report"  # in THEME_DIR

def _add_theme_layer(config, report: project.Project) -> None:
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

def _nested_language_build(config) -> bool:
    return getattr(config.plugins.get("i18n"), "building", False)

def _language_of(page) -> str:
    return getattr(page.file, "locale", None) or default_language().code

# Material's search worker loads <base>/search/search_index.json and resolves result
# links against <base>. For a non-default language, base becomes that language's root,
# so it loads the index written below for that language alone.
_CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base": ")([^"]*)(")')

def _split_search_index(site_dir: Path) -> None:
    index_path = site_dir / "search" / "search_index.json"
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    entries = index["docs"]
    for lang in languages():
        if lang.default:
            continue
        prefix = lang.url_prefix
        mine = [dict(e, location=e["location"][len(prefix):]) for e in entries if e["location"].startswith(prefix)]
        entries = [e for e in entries if not e["location"].startswith(prefix)]
        _write_index(site_dir / prefix / "search" / "search_index.json", index, mine)
    _write_index(index_path, index, entries)

def _write_index(path: Path, index: dict, entries: list) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(dict(index, docs=entries), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    path.write_text(text, encoding="utf-8")
