"""Cached reads of the report's files, kept for one build.

`mkdocs serve` and the chart workers live across edits, so a file read once must be read
again on the next build. Each module marks its own cached reads with `@cached_read`: the
function takes the Build as its first argument, and its values live in that Build
(sitegen.core.project.Build.reads), so a new build starts with none, and two builds in
one process never share one. A chart worker, whose Build outlives a chart step, forgets
them with forget_cached_reads() when a new step starts.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from sitegen.core.project import Build

Args = ParamSpec("Args")
Value = TypeVar("Value")


def cached_read(function: Callable[Concatenate[Build, Args], Value]) -> Callable[Concatenate[Build, Args], Value]:
    """`function`'s value per build and arguments, computed once per build."""

    @functools.wraps(function)
    def cached(build: Build, /, *args: Args.args, **kwargs: Args.kwargs) -> Value:
        key = (cached, args, tuple(sorted(kwargs.items())))
        if key not in build.reads:
            build.reads[key] = function(build, *args, **kwargs)
        value: Value = build.reads[key]  # type: ignore[assignment]  # stored by this wrapper, of this type
        return value

    return cached


def forget_cached_reads(build: Build) -> None:
    build.reads.clear()
