"""`python -m sitegen new DEST`: start a new report folder from the example report.

The example (examples/tea-ledger/) is a complete small report: mkdocs.yml, two
languages, two sections, two datasets and two chart modules, built and tested like the
main report. A new report starts as a copy of it, less what builds generate, and is
then edited: content only, never the package.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "tea-ledger"
GENERATED = ("site", ".cache", "__pycache__")


def _ignore(folder: str, names: list[str]) -> set[str]:
    """What a build makes: the site, the cache, and docs/<lang>/ and docs/data/."""
    skipped = {n for n in names if n in GENERATED}
    if Path(folder).name == "docs":
        skipped |= {n for n in names if (Path(folder) / n).is_dir() and n != "assets"}
    return skipped


def scaffold(dest: Path, example: Path = EXAMPLE) -> list[Path]:
    """Copy the example report to `dest`; returns the files written."""
    if not (example / "mkdocs.yml").exists():
        raise SystemExit(f"error: no example report at {example}; pass --from a report folder")
    if dest.exists() and any(dest.iterdir()):
        raise SystemExit(f"error: {dest} exists and is not empty; choose a new folder")
    shutil.copytree(example, dest, ignore=_ignore, dirs_exist_ok=True)
    return sorted(p for p in dest.rglob("*") if p.is_file())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitegen", description="The report generator's commands.")
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="start a new report folder from the example report")
    new.add_argument("dest", type=Path, help="the new report's folder")
    new.add_argument("--from", dest="example", type=Path, default=EXAMPLE,
                     help=f"the report to start from (default: {EXAMPLE.parent.name}/{EXAMPLE.name})")
    args = parser.parse_args(argv)
    files = scaffold(args.dest, args.example)
    print(f"wrote {len(files)} files to {args.dest}/")
    print(f"next: edit {args.dest}/content, data and charts, then `mkdocs serve -f {args.dest}/mkdocs.yml`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
