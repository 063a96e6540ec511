"""Render every chart in every language: data/<id>.csv + charts/<id>.py -> docs/<lang>/charts/<id>.png
(and <id>.narrow.png, the same chart drawn for a phone; <id>.dark.png and
<id>.narrow.dark.png, both drawn for the site's dark mode).

The report plugin calls start() in each build, and build_charts.py is its command
line, so it must cost nothing when nothing changed: each chart × language × width (wide,
and narrow for phones) × colour scheme (light, dark) is keyed by a hash of everything it
is drawn from (sitegen/charts/keys.py). A key already in the cache is copied out, never
redrawn. What needs drawing is drawn by this process and a pool of workers, a chart in
one language at one width, in both schemes, per job (workers.Run).

Bad input stops the run with one message (file, line or chart id, and the fix) before
anything is written; a chart that fails to draw leaves its last good PNGs in place.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from sitegen.charts import cache, manifest
from sitegen.charts.fonts import font_paths
from sitegen.charts.keys import drawing_key, inputs_hash, save_file_versions
from sitegen.charts.manifest import PRINTED, Drawing
from sitegen.charts.workers import Run, Workers, has_spare_cores
from sitegen.core import outputs
from sitegen.core.errors import InputError
from sitegen.core.project import Build, Project, forget_chart_modules
from sitegen.core.reads import forget_cached_reads
from sitegen.model.datasets import Dataset

if TYPE_CHECKING:  # render imports matplotlib, which the step imports only once it draws (_render_job)
    from sitegen.charts.render import Rendered
    from sitegen.model.checks import Model

# One drawing made, or why not: (id, lang, (variant, scheme), Rendered or message).
Drawn = tuple[str, str, tuple[str, str], "Rendered | str"]
# Told the manifest once every drawing the print edition shows is written (_record).
Printable = Callable[[manifest.Manifest], None]


@dataclass
class Report:
    rendered: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # one message each
    manifest: manifest.Manifest = field(default_factory=dict)  # what the pages show

    def lines(self) -> list[str]:
        out = [
            f"{label}: {', '.join(items) if items else '-'}"
            for label, items in (("rendered", self.rendered), ("skipped (unchanged)", self.skipped))
        ]
        return out + [f"failed: {message}" for message in self.failed]


class BuildFailed(InputError):
    """Some charts failed to draw; `report` says which, the message says why."""

    def __init__(self, report: Report):
        super().__init__("\n".join(dict.fromkeys(report.failed)))  # a palette's problem, once, not per language
        self.report = report


def _render_job(
    build: Build, chart_id: str, lang: str, variant: str, schemes: tuple[str, ...], dataset: Dataset, step: int
) -> list[Drawn]:
    """One chart in one language at one width, in each colour scheme asked for, in a
    worker process or this one: a Drawn, (id, lang, (variant, scheme), Rendered or
    message), per scheme. `step` tells the chart step it is for apart from the last."""
    from sitegen.charts.render import render

    if step != build.drawn_for_step:
        # A warm worker outlives a chart step (sitegen/charts/workers.py): what it read
        # for the last one (strings, palette, the report's chart helper modules) may have
        # changed since. Within a step it has not: a chart's four drawings read it once.
        forget_cached_reads(build)
        forget_chart_modules()
        build.drawn_for_step = step
    drawn: list[Drawn] = []
    for at, scheme in enumerate(schemes):
        try:
            drawn.append((chart_id, lang, (variant, scheme), render(build, chart_id, dataset, lang, variant, scheme)))
        except InputError as error:
            # A chart and language that fail show one message, their first drawing's
            # (_record): the job's other schemes are not drawn only to repeat it (a stuck
            # chart costs render.DRAWING_TIME_LIMIT a drawing).
            drawn += [(chart_id, lang, (variant, rest), str(error)) for rest in schemes[at:]]
            break
    return drawn


def _check(report: Project, only: Iterable[str] | None, langs: Iterable[str] | None) -> tuple[list[str], list[str]]:
    known_langs = report.language_codes()
    langs = list(langs or known_langs)
    for lang in langs:
        if lang not in known_langs:
            raise InputError(f"unknown language '{lang}'; mkdocs.yml lists {', '.join(known_langs)}")
    known = report.chart_ids()
    ids = list(dict.fromkeys(only)) if only else known
    for chart_id in ids:
        if chart_id not in known:
            raise InputError(f"unknown chart id '{chart_id}'; known charts: {', '.join(known)} (charts/<id>.py)")
    return ids, langs


def _drawing(report: Project, chart_id: str, variant: str, scheme: str, width: int, height: int) -> Drawing:
    scales = report.chart_scales
    return Drawing(
        width,
        height,
        {scale: outputs.chart_url(chart_id, scale, variant, scheme) for scale in scales},
        {scale: outputs.chart_url(chart_id, scale, variant, scheme, "webp") for scale in scales},
    )


@dataclass
class _Plan:
    """What a chart step has to draw: the cached drawings are already copied out and in
    `report.manifest`; `todo` holds (id, lang, {(variant, scheme): cache key}) for the rest."""

    project: Project
    report: Report
    todo: list[tuple[str, str, dict[tuple[str, str], str]]]
    live_keys: set[str]
    datasets: dict[str, Dataset]
    full: bool  # every chart in every language: the manifest is saved and the cache pruned


def draw_charts(
    build: Build,
    force: bool = False,
    only: Iterable[str] | None = None,
    langs: Iterable[str] | None = None,
    progress: bool = False,
    model: Model | None = None,
) -> Report:
    """The chart step, drawn here and now: start(...).finish(). build_charts.py's."""
    return start(build, model, force=force, only=only, langs=langs, progress=progress).finish()


def _plan(
    build: Build, force: bool, only: Iterable[str] | None, langs: Iterable[str] | None, model: Model | None
) -> _Plan:
    from sitegen.model.checks import validate

    report_project = build.project
    ids, langs = _check(report_project, only, langs)
    if force:
        start_workers(build)
    model = model or validate(build)
    datasets = model.datasets
    fonts = font_paths(report_project.font_family, report_project.font_files)
    for dataset in datasets.values():
        outputs.write_if_changed(outputs.dataset_csv_path(report_project, dataset.id), dataset.csv_bytes)

    report, todo, live_keys = Report(), [], set()
    for chart_id in ids:
        for lang in langs:
            keys = {}  # (variant, scheme) -> cache key, for the drawings not in the cache
            inputs = inputs_hash(build, chart_id, lang, datasets[chart_id], fonts)
            for variant, scheme in cache.drawings(report_project):
                key = drawing_key(report_project, chart_id, lang, variant, scheme, inputs)
                live_keys.add(key)
                cached = None if force else cache.read(report_project, key)
                if cached is not None:
                    images, (width, height) = cached
                    for (fmt, scale), data in images.items():
                        target = outputs.chart_path(report_project, lang, chart_id, scale, variant, scheme, fmt)
                        outputs.write_if_changed(target, data)
                    report.manifest[(lang, chart_id, variant, scheme)] = _drawing(
                        report_project, chart_id, variant, scheme, width, height
                    )
                else:
                    keys[variant, scheme] = key
            if keys:
                todo.append((chart_id, lang, keys))
            else:
                report.skipped.append(f"{chart_id} ({lang})")
    save_file_versions(build)
    full = not only and set(langs) == set(report_project.language_codes())
    return _Plan(report_project, report, todo, live_keys, datasets, full)


def _record(plan: _Plan, results: Iterable[Drawn], printable: Printable | None = None) -> Report:
    """Write each chart's drawings in each language to the cache and docs/<lang>/charts/,
    once all of them are drawn; then, after a full step, the manifest, and prune what no
    chart is keyed to any more. `results` come one per drawing, in any order.

    With `printable`, the drawings the print edition shows (PRINTED) are written as they
    come, and once all of them are, printable() is given the manifest they complete, for
    the PDFs to print while the other drawings are made. Only for a first build: a chart
    that fails later has no last good drawings to keep."""
    report = plan.report
    # (id, lang) -> {(variant, scheme): Rendered or message}
    drawn: dict[tuple[str, str], dict[tuple[str, str], Rendered]] = {}
    failed: dict[tuple[str, str], dict[tuple[str, str], str]] = {}
    keys_of = {(c, lang): keys for c, lang, keys in plan.todo}
    unprinted = {chart for chart, keys in keys_of.items() if PRINTED in keys} if printable else set()
    for chart_id, lang, drawing, result in results:
        if isinstance(result, str):
            failed.setdefault((chart_id, lang), {})[drawing] = result
            continue
        drawn.setdefault((chart_id, lang), {})[drawing] = result
        if printable and drawing == PRINTED and not failed:
            _write(plan.project, chart_id, lang, PRINTED, keys_of[chart_id, lang][PRINTED], result, report)
            unprinted.discard((chart_id, lang))
            if not unprinted:
                printable(dict(report.manifest))
    for chart_id, lang, keys in plan.todo:
        if (chart_id, lang) in failed:  # one message per chart and language: its first drawing's
            messages = failed[chart_id, lang]
            report.failed.append(next(messages[drawing] for drawing in keys if drawing in messages))
            continue
        for drawing, key in keys.items():
            if (lang, chart_id, *drawing) not in report.manifest:  # else written as it came (printable)
                _write(plan.project, chart_id, lang, drawing, key, drawn[chart_id, lang][drawing], report)
        report.rendered.append(f"{chart_id} ({lang})")
    if report.failed:
        raise BuildFailed(report)
    if plan.full:
        outputs.write_if_changed(cache.manifest_path(plan.project), manifest.dumps(report.manifest))
        cache.prune(plan.project, plan.datasets, plan.live_keys)
    return report


def _write(
    project: Project,
    chart_id: str,
    lang: str,
    drawing: tuple[str, str],
    key: str,
    rendered: Rendered,
    report: Report,
) -> None:
    """One drawing's images in the cache and docs/<lang>/charts/, its size in the manifest."""
    variant, scheme = drawing
    images, size = cache.entry(project, key)
    for (fmt, scale), data in rendered.images.items():
        outputs.write_if_changed(images[fmt, scale], data)
        outputs.write_if_changed(outputs.chart_path(project, lang, chart_id, scale, variant, scheme, fmt), data)
    outputs.write_if_changed(size, f"{rendered.width} {rendered.height}\n")
    report.manifest[(lang, chart_id, variant, scheme)] = _drawing(
        project, chart_id, variant, scheme, rendered.width, rendered.height
    )


# One job: (id, lang, variant, schemes, dataset, step), what _render_job draws.
Job = tuple[str, str, str, tuple[str, ...], Dataset, int]


def _jobs(plan: _Plan) -> list[Job]:
    """One job per chart, language and width to draw, in the plan's order (charts, then
    languages, the default first), those with a drawing the print edition shows
    (PRINTED) before the others, so that the PDFs can print while the rest are drawn
    (_record). A job's two schemes are drawn by one process, so that what the light
    drawing measured and read (text widths: sitegen/charts/textmetrics.py,
    chartkit._width_in; the chart module; cached reads) is there for the dark one. With
    a job per drawing, the two went to different processes as often as not: the step
    on two cores took 9.0 core-s of drawing against 7.9 on one, and ran 1.65 times as
    fast as on one; paired, 1.74 to 1.82 times. A job per chart and language (1.80 in
    the same runs) would leave the last printed drawing to the end. Each job is still a
    fraction of a second, so that the processes finish at about the same time."""
    step = time.monotonic_ns()
    jobs: list[Job] = []
    for chart_id, lang, keys in plan.todo:
        for variant in dict.fromkeys(variant for variant, _ in keys):
            schemes = tuple(scheme for v, scheme in keys if v == variant)
            jobs.append((chart_id, lang, variant, schemes, plan.datasets[chart_id], step))
    return sorted(jobs, key=lambda job: not (job[2] == PRINTED[0] and PRINTED[1] in job[3]))  # stable


@dataclass
class PendingCharts:
    """A chart step, done or with its drawing going on while MkDocs builds the pages
    (see start()): `manifest` is what the pages are built with now."""

    plan: _Plan
    drawing: Run[list[Drawn]] | None
    manifest: manifest.Manifest
    done: Report | None = None  # the step, when start() finished it itself

    def finish(self, printable: Printable | None = None) -> Report:
        """Draw what no worker has taken yet, here, wait for the rest, and write them;
        `printable` as _record() takes it."""
        if self.done is None:
            assert self.drawing is not None  # start() either drew or handed out the drawings
            self.done = _record(self.plan, chain.from_iterable(self.drawing.results()), printable)
        return self.done

    def cancel(self) -> None:
        if self.drawing:
            self.drawing.cancel()

    @property
    def in_background(self) -> bool:
        """Whether drawings are still coming: finish() must be called before the site is whole."""
        return self.done is None

    def drawn_files(self) -> list[tuple[str, Path, str]]:
        """(language, file under docs/<lang>/charts/, URL from the language's root) of
        every image drawn here: what a built site must be given once finish() returns."""
        return [
            (
                lang,
                outputs.chart_path(self.plan.project, lang, c, scale, v, s, fmt),
                outputs.chart_url(c, scale, v, s, fmt),
            )
            for c, lang, keys in self.plan.todo
            for v, s in keys
            for fmt, scale in cache.images(self.plan.project)
        ]


def session_workers(build: Build) -> Workers:
    """The workers of the build's session; a Build made without (a test, a tool) gets
    its own, kept on it for its later steps."""
    if build.workers is None:
        build.workers = Workers()
    workers: Workers = build.workers  # a Build holds them as Any: the core knows no charts
    return workers


def start_workers(build: Build) -> list[Future[None]]:
    """Spawn the workers for a step sure to draw (a first build, a forced one); returns
    their warm-ups (Workers.start)."""
    return session_workers(build).start(build.project)


def start(
    build: Build,
    model: Model | None = None,
    *,
    force: bool = False,
    only: Iterable[str] | None = None,
    langs: Iterable[str] | None = None,
    progress: bool = False,
    overlap: bool = False,
) -> PendingCharts:
    """The chart step: bring docs/<lang>/charts/ and docs/data/ up to date; the one entry
    of the plugin and of build_charts.py (draw_charts()).

    Without `overlap` the drawings are made here and now. With it, they are handed to the
    workers, so that MkDocs builds the pages while the charts are drawn, and finish() draws
    what is left here and writes them. Either way `manifest` is what the pages are built
    with: a drawing still to come has a placeholder for its size (manifest.to_come), which
    the plugin fills in from finish()'s manifest. No page waits for another build to learn
    a chart's size.

    `model` is the validated report (sitegen/model/checks.py), validated here when not
    given. Raises InputError on bad input, before anything is written."""
    plan = _plan(build, force, only, langs, model)
    if not (overlap and plan.todo):
        report = _record(plan, _run(build, plan, progress))
        return PendingCharts(plan, None, report.manifest, done=report)
    to_come = {
        (lang, c, v, s): manifest.to_come((lang, c, v, s), _drawing(build.project, c, v, s, 0, 0))
        for c, lang, keys in plan.todo
        for v, s in keys
    }
    drawing = Run(_render_job, _jobs(plan), session_workers(build), build)
    return PendingCharts(plan, drawing, {**plan.report.manifest, **to_come})


def _run(build: Build, plan: _Plan, progress: bool) -> Iterator[Drawn]:
    """Yield (id, lang, (variant, scheme), Rendered or message) for each drawing. With
    more than one job and core, this process draws too, beside a pool of one worker
    per other core (workers.Run)."""
    jobs = _jobs(plan)
    bar = None
    if progress and jobs:
        from tqdm import tqdm

        bar = tqdm(total=sum(len(job[3]) for job in jobs), unit="drawing", desc="charts", file=sys.stderr)
    if len(jobs) > 1 and has_spare_cores():
        results = Run(_render_job, jobs, session_workers(build), build).results()
    else:
        results = (_render_job(build, *job) for job in jobs)
    try:
        for drawn in results:
            if bar:
                bar.update(len(drawn))
            yield from drawn
    finally:
        if bar:
            bar.close()
