"""Cached reads of the report's files, kept for one build.

`mkdocs serve` and the chart workers live across edits, so a file read once must be read
again on the next build. Each module marks its own cached reads with `@cached_read`: the
values live in the build in progress (sitegen.core.project.Build.reads), so a new build
starts with none, and two builds in one process never share one. A chart worker, whose
Build outlives a chart step, forgets them with forget_cached_reads() when a new step
starts.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from sitegen.core.project import current_build

F = TypeVar("F", bound=Callable[..., Any])


def cached_read(function: F) -> F:
    """`function`'s value per arguments, computed once per build."""

    @functools.wraps(function)
    def cached(*args: Any) -> Any:
        reads = current_build().reads
        key = (cached, args)
        if key not in reads:
            reads[key] = function(*args)
        return reads[key]

    # The wrapper takes `function`'s arguments and returns its value: `function`'s type.
    return cast(F, cached)


def forget_cached_reads() -> None:
    current_build().reads.clear()
