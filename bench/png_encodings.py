"""The chart images' encoders side by side: bytes and time for each oxipng level, and
for lossless WebP, over the same drawings. Prints a table; chooses nothing.

    .venv/bin/python bench/png_encodings.py [--lang zh]

Every chart is drawn once per (width, scale) in the light scheme, saved by matplotlib
as PNG, then encoded by each candidate. Times are the median of 3 runs on this machine.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def raw_pngs(lang: str) -> list[bytes]:
    import matplotlib.pyplot as plt

    from sitegen import project
    from sitegen.checks import validate
    from sitegen.fonts import setup_fonts
    from sitegen.render import BASE_DPI, PNG_METADATA, draw, drawing

    project.use(project.load(ROOT / "mkdocs.yml"))
    report = project.current()
    setup_fonts(report.font_family, report.font_files)
    model = validate()
    pngs = []
    for chart_id in report.chart_ids():
        for variant in report.variants:
            with drawing("light"):
                fig = draw(chart_id, model.datasets[chart_id], lang, variant, "light")
                for scale in report.chart_scales:
                    buffer = io.BytesIO()
                    fig.savefig(buffer, format="png", dpi=BASE_DPI * scale, metadata=PNG_METADATA)
                    pngs.append(buffer.getvalue())
            plt.close(fig)
    return pngs


def timed(encode, pngs: list[bytes]) -> tuple[int, float]:
    """(total bytes, median seconds over 3 runs) of encoding every PNG."""
    runs, size = [], 0
    for _ in range(3):
        start = time.perf_counter()
        size = sum(len(encode(png)) for png in pngs)
        runs.append(time.perf_counter() - start)
    return size, statistics.median(runs)


def main(lang: str) -> None:
    import oxipng
    from PIL import Image

    def webp(png: bytes, method: int) -> bytes:
        out = io.BytesIO()
        Image.open(io.BytesIO(png)).save(out, format="WEBP", lossless=True, method=method, quality=100)
        return out.getvalue()

    pngs = raw_pngs(lang)
    candidates = {"matplotlib PNG (no optimiser)": lambda png: png}
    for level in (0, 1, 2, 3, 4):
        candidates[f"oxipng level {level}"] = lambda png, level=level: oxipng.optimize_from_memory(
            png, level=level, strip=oxipng.StripChunks.safe())
    for method in (0, 4, 6):
        candidates[f"lossless WebP, method {method}"] = lambda png, method=method: webp(png, method)
    print(f"{len(pngs)} drawings ({lang}, light, every width and scale)")
    print(f"{'encoder':34} {'KB':>8} {'s':>7} {'ms/PNG':>7}")
    for name, encode in candidates.items():
        size, seconds = timed(encode, pngs)
        print(f"{name:34} {size / 1024:8.1f} {seconds:7.2f} {1000 * seconds / len(pngs):7.1f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="zh")
    main(parser.parse_args().lang)
