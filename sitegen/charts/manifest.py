"""What the chart step made: for each chart, language, width and colour scheme, the PNG
files, their URLs and pixel size. The render step writes it; the pages read it, so
nothing reads a PNG back to learn its size.

    manifest[("en", "rainfall", "wide", "light")] == Drawing(width=720, height=420,
        urls={1: "charts/rainfall.png", 2: "charts/rainfall@2x.png"})
    manifest[("en", "rainfall", "narrow", "dark")].urls[2] == "charts/rainfall.narrow.dark@2x.png"

It is saved in the cache folder too, for builds that skip the chart step.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from sitegen.core.errors import InputError

# Every chart is drawn once per colour scheme of the page: "light" for Material's
# `default` scheme, "dark" for `slate` (charts/palette.yml: colours, and dark:).
SCHEMES = ("light", "dark")
# Every drawing is saved as a lossless WebP, which readers load, and a PNG, the fallback
# and the download (sitegen/charts/encode.py: encoded()).
FORMATS = ("png", "webp")
# The drawing the print edition shows (sitegen/pages/pdf.py), at the largest scale: a
# first build draws it before a chart's others, so that the PDFs print meanwhile.
PRINTED = ("wide", "light")  # (variant, scheme)


@dataclass(frozen=True)
class Drawing:
    # CSS px: the 1x PNG's pixel size; or, for a drawing still to come, a placeholder the
    # plugin fills in (to_come below).
    width: int | str
    height: int | str
    urls: dict[int, str]  # scale -> the PNG's URL, relative to the language's root
    webp: dict[int, str] = field(default_factory=dict)  # scale -> the WebP's URL

    def srcset(self, fmt: str = "png") -> str:
        urls = self.webp if fmt == "webp" else self.urls
        return ", ".join(f"{url} {scale}x" for scale, url in sorted(urls.items()))

    @property
    def largest(self) -> str:
        return self.urls[max(self.urls)]

    def from_page(self, up: str) -> Drawing:
        """The same drawing as seen from a page whose path to its language's root is `up`
        ("../en/" from the parallel view's folder, for the second language's drawings)."""
        return Drawing(
            self.width,
            self.height,
            {scale: up + url for scale, url in self.urls.items()},
            {scale: up + url for scale, url in self.webp.items()},
        )


Manifest = dict[tuple[str, str, str, str], Drawing]  # (lang, chart id, variant, scheme) -> Drawing

# A first build writes its pages while their charts are drawn (sitegen/charts/step.py:
# start): each drawing's width and height are then a placeholder such as
# "report-size-to-come:en:rainfall:wide:light:width", filled in once it is drawn.
SIZE_TO_COME = "report-size-to-come"
_SIZE_TO_COME = re.compile(SIZE_TO_COME + r':([^:"\s]+):([^:"\s]+):([^:"\s]+):([^:"\s]+):(width|height)')


def to_come(key: tuple[str, str, str, str], drawing: Drawing) -> Drawing:
    """`drawing` with placeholders for the size it does not have yet."""
    placeholder = ":".join((SIZE_TO_COME, *key))
    return replace(drawing, width=f"{placeholder}:width", height=f"{placeholder}:height")


def fill_sizes(text: str, manifest: Manifest, partial: bool = False) -> str:
    """`text` with every size placeholder replaced by the drawing's size in `manifest`;
    with `partial`, a drawing `manifest` does not hold keeps its placeholder."""

    def size(m: re.Match[str]) -> str:
        key = (m[1], m[2], m[3], m[4])
        return m[0] if partial and key not in manifest else str(getattr(manifest[key], m[5]))

    return _SIZE_TO_COME.sub(size, text)


def drawing(manifest: Manifest, lang: str, chart_id: str, variant: str, scheme: str = "light") -> Drawing:
    try:
        return manifest[(lang, chart_id, variant, scheme)]
    except KeyError:
        raise InputError(
            f"chart '{chart_id}' ({variant}, {scheme}) not built for '{lang}'; "
            f"run `python build_charts.py --only {chart_id}`"
        ) from None


def dumps(manifest: Manifest) -> str:
    entries = [
        {
            "lang": lang,
            "chart": chart_id,
            "variant": variant,
            "scheme": scheme,
            "width": d.width,
            "height": d.height,
            "urls": {str(scale): url for scale, url in sorted(d.urls.items())},
            "webp": {str(scale): url for scale, url in sorted(d.webp.items())},
        }
        for (lang, chart_id, variant, scheme), d in sorted(manifest.items())
    ]
    return json.dumps(entries, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def load(path: Path) -> Manifest:
    """The manifest of the last chart step, or bad input when there was none."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(
            f"{path}: no chart manifest; run `python build_charts.py` once before skipping the chart step"
        ) from None
    return {
        (e["lang"], e["chart"], e["variant"], e.get("scheme", "light")): Drawing(
            e["width"],
            e["height"],
            {int(s): u for s, u in e["urls"].items()},
            {int(s): u for s, u in e.get("webp", {}).items()},
        )
        for e in entries
    }
