"""Text measured once per chart step, not once per figure.

matplotlib caches a text's size per renderer, and every figure, and every scale it is
saved at, has a renderer of its own: the four drawings of a chart in a language (wide and
narrow, light and dark) measured the same labels again and again, and measuring is
FreeType laying out the glyphs of the CJK font (about 1 ms a label). Over this report's 72
drawings in one process, 8954 measurements were 3784 layouts; shared between figures they
are 1119, and the images are byte-identical (a text's size in Agg depends only on the text,
its font, its size, the dpi and the settings of layout_settings(), all in the key below).

The cache lives in the build (sitegen.core.reads), as every cached read does: a worker
forgets it when a new chart step begins.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import matplotlib
import matplotlib.text
from matplotlib.backends.backend_agg import RendererAgg

from sitegen.chartkit import layout_settings
from sitegen.core.project import Build
from sitegen.core.reads import cached_read

Metrics = tuple[float, float, float]  # width, height, descent in pixels

# matplotlib's own per-renderer cache, which the shared one stands in front of (a private
# function: should a matplotlib release rename it, charts are drawn as before, only slower).
_HOOK = "_get_text_metrics_with_cache"
_PER_RENDERER = getattr(matplotlib.text, _HOOK, None)


@cached_read
def _measured(build: Build) -> dict[tuple[Any, ...], Metrics]:
    return {}


def _shared(
    measured: dict[tuple[Any, ...], Metrics], renderer: Any, text: str, fontprop: Any, ismath: Any, dpi: float
) -> Metrics:
    assert _PER_RENDERER is not None  # installed only where matplotlib has it
    if not isinstance(renderer, RendererAgg):  # another backend measures its own way
        result: Metrics = _PER_RENDERER(renderer, text, fontprop, ismath, dpi)
        return result
    agg: Any = renderer  # matplotlib's renderers are not typed
    # A copy of the font properties: they are mutable, and hashed by their state.
    key = (text, fontprop.copy(), ismath, dpi, *layout_settings())
    if key not in measured:
        measured[key] = agg.get_text_width_height_descent(text, fontprop, ismath)
    return measured[key]


@contextmanager
def shared_text_metrics(build: Build) -> Iterator[None]:
    """Within the block, texts drawn with Agg are measured through the build's cache."""
    if _PER_RENDERER is None:
        yield
        return
    setattr(matplotlib.text, _HOOK, functools.partial(_shared, _measured(build)))
    try:
        yield
    finally:
        setattr(matplotlib.text, _HOOK, _PER_RENDERER)
