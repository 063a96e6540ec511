"""Screenshot pages of the built site in Debian Chromium, for looking at them.

    .venv/bin/python -m tools.screenshots [--screen] [--lang CODE] [--out DIR] [PAGE ...]   # default: index 02
    .venv/bin/python -m tools.screenshots --lang zh zh-en/02      # the parallel view
Writes <lang>-<page>-<desktop|mobile|phone360>[-dark].png from site/ (run `make build` first)
into tests/artifacts/screenshots/ or DIR: whole pages, or with --screen the first
screenful only. Serves site/ on 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sitegen.core import project
from tools.localhost import chromium, serve

ROOT = Path(__file__).resolve().parent.parent

OUT = ROOT / "tests" / "artifacts" / "screenshots"
VIEWPORTS = {"desktop": (1280, 900), "mobile": (390, 844), "phone360": (360, 780)}


def main(pages: list[str], out: Path = OUT, full_page: bool = True, only: list[str] | None = None) -> None:
    report = project.load(ROOT / "mkdocs.yml")
    out.mkdir(parents=True, exist_ok=True)
    with serve(report.site_dir) as base, chromium() as browser:
        for lang in [lang for lang in report.languages if not only or lang.code in only]:
            for page in pages:
                for name, (width, height) in VIEWPORTS.items():
                    for scheme in ("light", "dark"):
                        context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
                        tab = context.new_page()
                        tab.goto(f"{base}{lang.url_prefix}{page}.html", wait_until="networkidle")
                        # A full-page shot does not scroll, so lazy images would stay blank.
                        tab.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
                        tab.wait_for_load_state("networkidle")
                        tab.wait_for_function(
                            "() => [...document.images].every(i => i.complete)"
                        )  # a function: an expression would be eval()ed, which the CSP blocks
                        suffix = "" if scheme == "light" else "-dark"
                        path = out / f"{lang.code}-{page.replace('/', '_')}-{name}{suffix}.png"
                        tab.screenshot(path=str(path), full_page=full_page)
                        print(path)
                        context.close()
        browser.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Screenshot pages of the built site.")
    parser.add_argument("pages", nargs="*", default=["index", "02"])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--screen", action="store_true", help="the first screenful only")
    parser.add_argument("--lang", action="append", help="only this language (repeatable); default: every one")
    args = parser.parse_args()
    main(args.pages, args.out, full_page=not args.screen, only=args.lang)
