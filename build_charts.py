#!/usr/bin/env python
"""Render every chart in every language into docs/ (the command line over sitegen.charts.step):
data/<id>.csv + charts/<id>.py -> docs/<lang>/charts/<id>.png, and <id>.narrow.png for phones.

    python build_charts.py                 # what changed since the last run
    python build_charts.py --only market-cap --lang en
    python build_charts.py --force         # redraw everything
    python build_charts.py -f examples/other/mkdocs.yml   # another report

`mkdocs build` and `mkdocs serve` run the same step through the report plugin; this
command is for drawing charts alone. Unchanged charts are copied from the cache.
"""

from __future__ import annotations

import argparse
import sys


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description="Render every chart (charts/<id>.py over data/<id>.csv) as PNGs in every language, "
        "and copy the datasets' CSV files, into docs/. Unchanged charts are not redrawn."
    )
    parser.add_argument(
        "-f",
        "--config-file",
        default="mkdocs.yml",
        metavar="MKDOCS_YML",
        help="the report's mkdocs.yml (default: mkdocs.yml)",
    )
    parser.add_argument("--force", action="store_true", help="redraw every chart, ignoring the cache")
    parser.add_argument(
        "--only",
        action="append",
        metavar="ID",
        help="only this chart id (repeat for more); the ids are the names in charts/",
    )
    parser.add_argument(
        "--lang",
        action="append",
        metavar="CODE",
        help="only this language (repeat for more); default: every language in mkdocs.yml",
    )
    args = parser.parse_args(argv)

    from sitegen.charts import step
    from sitegen.charts.workers import Workers
    from sitegen.core import project
    from sitegen.core.errors import InputError

    try:
        with Workers() as workers:
            build = project.Build(project.load(args.config_file), workers)
            report = step.draw_charts(
                build, force=args.force, only=args.only, langs=args.lang, progress=sys.stderr.isatty()
            )
    except step.BuildFailed as error:
        print("\n".join(error.report.lines()), file=sys.stderr)
        return 1
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    print("\n".join(report.lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
