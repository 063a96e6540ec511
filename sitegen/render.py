"""The shared renderer: chart module + dataset + language -> PNG bytes at 1x and 2x.

This is the only place a figure is drawn to pixels. It applies the house style, runs the
chart's pure `draw(data, lang, width)` (width "wide" or "narrow"), tags every text with the language, saves with fixed
metadata (no dates, no versions: the same inputs give the same bytes), optimises the PNG
losslessly with oxipng, and closes nothing because `Figure` objects hold no global
state. Any warning while drawing (a glyph missing from the font above all) is an error.
"""

from __future__ import annotations

import importlib.util
import io
import warnings

import matplotlib
import oxipng

from sitegen.datasets import Dataset
from sitegen.errors import InputError
from sitegen.project import current
from sitegen.strings import MissingString, t

matplotlib.use("Agg")

SCALES = (1, 2)
BASE_DPI = 100  # a 7.2 in figure is 720 px at 1x
PNG_METADATA = {"Software": None}  # matplotlib would otherwise write its version


def chart_file(chart_id: str):
    return current().chart_file(chart_id)


def chart_module(chart_id: str):
    """Load charts/<id>.py by its path (ids may hold hyphens, which `import` cannot)."""
    spec = importlib.util.spec_from_file_location(f"charts.{chart_id.replace('-', '_')}", chart_file(chart_id))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def png_bytes(fig, scale: int) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=BASE_DPI * scale, metadata=PNG_METADATA)
    return oxipng.optimize_from_memory(buffer.getvalue(), level=2, strip=oxipng.StripChunks.safe())


def render(chart_id: str, data: Dataset, lang: str, variant: str = "wide") -> dict[int, bytes]:
    """PNG bytes per scale. Raises InputError naming the chart when anything goes wrong."""
    from charts import _style  # the report's shared style (sitegen/project.py loads `charts`)

    where = f"chart '{chart_id}' (charts/{chart_id}.py, language {lang}, {variant})"
    try:
        module = chart_module(chart_id)
        with warnings.catch_warnings(), matplotlib.rc_context(_style.rc()):
            warnings.simplefilter("error")
            fig = module.draw(data, lang, variant)
            tag = t(lang, "charts.language_tag")
            for text in fig.findobj(matplotlib.text.Text):
                text.set_language(tag)
            return {scale: png_bytes(fig, scale) for scale in SCALES}
    except MissingString as error:  # before InputError, which it is a kind of
        raise InputError(f"{where}: no text for this language: {error}") from None
    except InputError:
        raise
    except Exception as error:  # the chart module's bug, shown as one line
        raise InputError(
            f"{where}: draw() failed with {type(error).__name__}: {error}; "
            f"fix the chart module, then run `python build_charts.py --only {chart_id}`"
        ) from None
