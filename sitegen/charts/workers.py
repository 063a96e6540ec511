"""The chart workers: spawned processes that draw charts, and a run of drawing jobs
shared between them and the process that asked for it.

Workers belong to a session: the report plugin holds them from its start (the pool spawns
at the first step that draws, or earlier for a build sure to draw) to on_shutdown, so
that under `mkdocs serve` a rebuild draws with warm workers (matplotlib imported, the
font registered) instead of spawning new ones; build_charts.py holds them for its run in
a `with` block. A session that never closes them (a test or a
tool calling the chart step directly) leaves them to the standard library, which ends a
process pool's workers when the process exits.
"""

from __future__ import annotations

import contextvars
import os
import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import Generic, TypeVar

from sitegen.core import project
from sitegen.core.errors import InputError
from sitegen.core.lifetime import exit_with

Result = TypeVar("Result")  # what a Run's job returns


def pooled_count() -> int:
    """Pooled workers: one per core but this process's, which draws too (Run), once it
    has no pages to build."""
    return max(1, (os.cpu_count() or 1) - 1)


def has_spare_cores() -> bool:
    return (os.cpu_count() or 1) > 1


class Workers:
    """The pool of one session, for one report at a time (a session that builds another
    report gets a new pool: a worker's Build is its report's)."""

    def __init__(self) -> None:
        self._report: project.Project | None = None
        self._executor: ProcessPoolExecutor | None = None
        self._warming: threading.Thread | None = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def pool(self, report: project.Project) -> ProcessPoolExecutor:
        """The pool for `report`: spawned, not forked (the mkdocs server runs threads)."""
        if self._executor is None or self._report != report:
            self.close()
            self._executor = ProcessPoolExecutor(
                max_workers=pooled_count(),
                mp_context=get_context("spawn"),
                initializer=_start_worker,
                initargs=(report, os.getpid()),
            )
            self._report = report
        return self._executor

    def start(self, report: project.Project) -> list[Future[None]]:
        """Spawn the pool and have it get ready to draw, for a step sure to draw (a first
        build, a forced one): its second or so of importing matplotlib and loading the
        font then passes while this process validates the report and plans the step.
        Returns the warm-ups, done once the workers are ready (bench/run.py times the
        drawing alone)."""
        if not has_spare_cores():
            return []
        pool = self.pool(report)
        return [pool.submit(_in_worker, _warm) for _ in range(pooled_count())]

    def warm_up(self, build: project.Build) -> None:
        """Under `mkdocs serve`, before the first edit: start the pool, and ready this
        process to draw beside it (its first drawing would import matplotlib too)."""
        self.start(build.project)
        self._warming = threading.Thread(target=_warm, args=(build,), daemon=True)
        self._warming.start()

    def wait_for_warming(self) -> None:
        """matplotlib's font list is not to be filled from two threads at once."""
        if self._warming:
            self._warming.join()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
        self._executor, self._report = None, None


# A pool worker's Build: a worker draws for one report all its life (a pool is made per
# report: Workers.pool), so its Build is made once, by the pool's initializer, and each
# job is handed it (_in_worker). Set in worker processes only.
_WORKER_BUILD: contextvars.ContextVar[project.Build] = contextvars.ContextVar("sitegen_worker_build")


def _start_worker(report: project.Project, owner: int) -> None:
    """A pool worker's set-up: its Build, and an exit once the process it draws for is
    gone (sitegen/core/lifetime.py)."""
    _WORKER_BUILD.set(project.Build(report))
    exit_with(owner)


def _in_worker(job: Callable[..., Result], *args: object) -> Result:
    """`job(build, *args)`, in a pool worker, with the worker's Build."""
    return job(_WORKER_BUILD.get(), *args)


def _warm(build: project.Build) -> None:
    from sitegen.charts.render import style

    try:
        style(build)
    except InputError:
        pass  # said by the first drawing, which meets it again


class Run(Generic[Result]):
    """Jobs drawn by whichever is free first: the pooled workers, each handed its next
    job as it finishes one, from the moment this is made; and this process, once it asks
    for results(). It starts at once, while the workers are still starting (a spawned
    worker imports matplotlib and loads the font before its first job), and the cores
    are never asked for more than they have. `job` is a module-level function (it is
    pickled to the workers) called with a Build and each job's arguments: `build` in this
    process, a worker's own (of the same report) in a worker."""

    def __init__(
        self, job: Callable[..., Result], jobs: Sequence[tuple[object, ...]], workers: Workers, build: project.Build
    ) -> None:
        self._job = job
        self._build = build
        self._workers = workers
        self._pending = list(reversed(jobs))
        self._count = len(jobs)
        self._lock = threading.Lock()
        self._finished: queue.Queue[Future[Result]] = queue.Queue()
        self._submitted: list[Future[Result]] = []
        self._pool = workers.pool(build.project)
        for _ in range(pooled_count()):
            self._hand_out()

    def _take(self) -> tuple[object, ...] | None:
        with self._lock:
            return self._pending.pop() if self._pending else None

    def _hand_out(self) -> None:
        job = self._take()
        if job is None:
            return
        try:
            future = self._pool.submit(_in_worker, self._job, *job)
        except RuntimeError:  # the pool was closed meanwhile (a build stopped, MkDocs shut down)
            return
        self._submitted.append(future)
        future.add_done_callback(self._finish)

    def _finish(self, done: Future[Result]) -> None:
        """A worker's job is done: its result is ready, and the worker takes the next job."""
        self._finished.put(done)
        self._hand_out()

    def results(self) -> Iterator[Result]:
        """Each job's result, as soon as it is known: those this process draws, and
        between two of them whatever the workers have finished meanwhile; then the
        workers' last ones, as they finish."""
        self._workers.wait_for_warming()
        try:
            given = 0
            while (job := self._take()) is not None:
                while not self._finished.empty():
                    yield self._finished.get().result()
                    given += 1
                yield self._job(self._build, *job)
                given += 1
            for _ in range(self._count - given):
                yield self._finished.get().result()
        except BrokenProcessPool:
            self._workers.close()  # a worker died: the next step starts a fresh pool
            raise
        finally:
            self.cancel()

    def cancel(self) -> None:
        with self._lock:
            self._pending.clear()
        for future in self._submitted:
            future.cancel()
