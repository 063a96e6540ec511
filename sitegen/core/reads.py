"""Cached reads of the report's files, all forgotten at once when a build starts.

`mkdocs serve` and the chart workers live across edits, so a file read once must be
read again on the next build. Each module marks its own cached reads with
`@cached_read`; the plugin calls `forget_cached_reads()` before each build. No module
reaches into another's cache.
"""

from __future__ import annotations

from functools import lru_cache

_caches = []


def cached_read(function=None, *, maxsize: int | None = 8):
    """lru_cache, registered so that forget_cached_reads() clears it."""

    def wrap(function):
        cached = lru_cache(maxsize=maxsize)(function)
        _caches.append(cached)
        return cached

    return wrap(function) if function else wrap


def forget_cached_reads() -> None:
    for cached in _caches:
        cached.cache_clear()
