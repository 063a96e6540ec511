"""Pixels to files: a drawing's image at each scale, encoded losslessly as PNG (oxipng) and
WebP (Pillow), both from the same pixels. The renderer (sitegen/charts/render.py) draws
each figure once, at the largest scale; the smaller scales are that image scaled down here.
"""

from __future__ import annotations

import io
import struct
import zlib
from typing import TYPE_CHECKING, TypedDict

import oxipng

if TYPE_CHECKING:
    from PIL import Image  # imported where an image is made: a build with nothing to draw skips it


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header (of bytes just drawn, never of a file)."""
    return struct.unpack(">II", png[16:24])


class PNGOptions(TypedDict):
    """The keyword arguments of oxipng.optimize_from_memory that PNG_OPTIONS sets."""

    level: int
    filter: list[oxipng.RowFilter]
    deflate: oxipng.Deflaters


# Each drawing is served as lossless WebP, with the PNG as the fallback and the download.
# Both are encoded from the same pixels (matplotlib's raw RGBA, no PNG of its own to
# decode again). bench/png_encodings.py over this report's 24 light
# drawings (ms per image, total KB): WebP method 1 at effort 15 12 ms 438 KB, at 25
# 18 ms 401 KB, at 50 22 ms 396 KB; method 4 at 100 72 ms 390 KB, method 6 1828 ms 386 KB.
# Effort 25: 1% more bytes than 50 for a fifth less time; below it the bytes jump.
WEBP_METHOD, WEBP_EFFORT = 1, 25
# PNG: oxipng with no row filter (a chart's flat colours compress best unfiltered) and
# libdeflate at 6, 29 ms 794 KB; oxipng level 0 with its own filter search 84 ms 838 KB,
# level 2 324 ms 700 KB; Pillow's zlib alone 20 ms 1158 KB.
PNG_OPTIONS: PNGOptions = {"level": 0, "filter": [oxipng.RowFilter.NoOp], "deflate": oxipng.Deflaters.libdeflater(6)}


def scaled_down(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """The largest scale's image at a smaller scale's canvas size, each pixel the mean of
    the pixels it covers (a box filter). Rasterising a smaller scale took almost as long
    as the largest (text and paths cost more than the pixels: 74 against 82 ms a drawing
    here); this takes 2 ms. Over this report's 24 light and dark wide drawings at 1x,
    matplotlib's own 1x drawings were 567 KB of PNG and 312 KB of WebP, these 595 and 326
    KB; Lanczos, sharper-edged, made 1003 and 609 KB (its ringing adds grey levels), and
    bicubic 872 and 506 KB. Text stays as legible and about as dark (counted near-black
    pixels within 10% of matplotlib's 1x)."""
    from PIL import Image

    factor = image.width // size[0]
    if image.size == (size[0] * factor, size[1] * factor):
        return image.reduce(factor)  # the same box filter, four times as fast for a whole factor
    return image.resize(size, Image.Resampling.BOX)


def encoded(image: Image.Image) -> dict[str, bytes]:
    """One image as a losslessly compressed PNG and WebP of the same pixels."""
    webp = io.BytesIO()
    image.save(webp, format="WEBP", lossless=True, method=WEBP_METHOD, quality=WEBP_EFFORT, exact=True)
    return {"png": oxipng.optimize_from_memory(stored_png(image), **PNG_OPTIONS), "webp": webp.getvalue()}


def stored_png(image: Image.Image) -> bytes:
    """The image as the PNG oxipng starts from: rows unfiltered, in deflate's stored
    blocks. Written here because Pillow filters every row even when it stores them (sub,
    up, Paeth), which oxipng then undoes: over this report's 48 light drawings, Pillow's
    PNG and oxipng took 19.7 ms an image, this and oxipng 13.2 ms, for the same bytes.
    oxipng's RawImage, handed the pixels, took 25 ms."""
    import numpy

    width, height = image.size
    channels, colour_type = {"RGB": (3, 2), "RGBA": (4, 6)}[image.mode]  # PNG's colour types, 8 bits each
    rows = numpy.zeros((height, 1 + width * channels), dtype=numpy.uint8)  # column 0: filter type 0, none
    rows[:, 1:] = numpy.asarray(image).reshape(height, width * channels)
    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(rows.tobytes(), 0))
        + png_chunk(b"IEND", b"")
    )


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
