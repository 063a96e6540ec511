"""The chart images' encoders side by side: bytes and time for PNG (Pillow's zlib,
oxipng at several settings) and lossless WebP (several efforts), over the same pixels.
Prints a table; chooses nothing (sitegen/charts/encode.py records the choice).

    .venv/bin/python bench/png_encodings.py [--lang zh]

Every chart is drawn once per (width, scale) in the light scheme, as the renderer draws
it (sitegen.charts.render.pixels), then encoded by each candidate. Times are the median of 3
runs on this machine.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def drawn_images(lang: str) -> list:
    from sitegen.charts.render import draw, drawing, pixels
    from sitegen.core import project
    from sitegen.model.checks import validate

    build = project.Build(project.load(ROOT / "mkdocs.yml"))
    report = build.project
    model = validate(build)
    images = []
    for chart_id in report.chart_ids():
        for variant in report.variants:
            with drawing(build, lang, "light"):
                fig = draw(build, chart_id, model.datasets[chart_id], lang, variant, "light")
                images += [pixels(fig, scale) for scale in sorted(report.chart_scales)]
    return images


def timed(encode, images: list) -> tuple[int, float]:
    """(total bytes, median seconds over 3 runs) of encoding every image."""
    runs, size = [], 0
    for _ in range(3):
        start = time.perf_counter()
        size = sum(len(encode(image)) for image in images)
        runs.append(time.perf_counter() - start)
    return size, statistics.median(runs)


def main(lang: str) -> None:
    import oxipng

    from sitegen.charts.encode import PNG_OPTIONS, WEBP_EFFORT, WEBP_METHOD

    def saved(image, **options) -> bytes:
        out = io.BytesIO()
        image.save(out, **options)
        return out.getvalue()

    def oxipng_png(image, **options) -> bytes:
        return oxipng.optimize_from_memory(saved(image, format="PNG", compress_level=0), **options)

    images = drawn_images(lang)
    candidates = {
        f"Pillow PNG, zlib {level}": lambda im, level=level: saved(im, format="PNG", compress_level=level)
        for level in (1, 6, 9)
    }
    for level in (0, 2):
        candidates[f"oxipng level {level}, its filters"] = lambda im, level=level: oxipng_png(im, level=level)
    candidates["oxipng as the renderer uses it"] = lambda im: oxipng_png(im, **PNG_OPTIONS)
    for method, effort in ((0, 100), (1, 15), (1, 25), (1, 50), (1, 100), (4, 100), (6, 100)):
        chosen = "  <- the renderer's" if (method, effort) == (WEBP_METHOD, WEBP_EFFORT) else ""
        candidates[f"lossless WebP, method {method}, effort {effort}{chosen}"] = lambda im, m=method, q=effort: saved(
            im, format="WEBP", lossless=True, method=m, quality=q, exact=True
        )
    print(f"{len(images)} drawings ({lang}, light, every width and scale)")
    print(f"{'encoder':48} {'KB':>8} {'s':>7} {'ms/image':>8}")
    for name, encode in candidates.items():
        size, seconds = timed(encode, images)
        print(f"{name:48} {size / 1024:8.1f} {seconds:7.2f} {1000 * seconds / len(images):8.1f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="zh")
    main(parser.parse_args().lang)
