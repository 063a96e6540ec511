"""The take-away files of one build, written into docs/ (MkDocs copies them to the site)
only when their bytes change, and what the pages say about them.

    write_citations(build, model)   docs/<lang>/cite.bib and cite.json, every language
    write_package(build, model)     docs/data/datapackage.json and datapackage.zip; bad
                                    input (InputError) when a dataset would make an
                                    invalid package
    links(build, lang, model)       the page templates' `editions`: each file's URL and size
"""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path
from typing import Any

from babel.numbers import format_decimal

from sitegen.core.errors import InputError
from sitegen.core.outputs import dataset_csv_path, write_if_changed
from sitegen.core.project import Build, Project, babel_locale
from sitegen.editions import citation as cite
from sitegen.editions import datapackage, paths
from sitegen.model.checks import Model
from sitegen.model.datasets import units
from sitegen.model.strings import t

# The size a page announces for a PDF made after its pages (a first build draws the
# charts the PDF shows while MkDocs builds the pages): filled in by fill_pdf_sizes().
PDF_SIZE_TO_COME = "report-pdf-size-to-come"
_PDF_SIZE = re.compile(PDF_SIZE_TO_COME + r":([A-Za-z0-9-]+)")


def citation_of(build: Build, lang: str, model: Model) -> cite.Citation:
    report = build.project
    edition = report.language(lang)
    return cite.citation(
        model.articles[lang].meta,
        lang_code=lang,
        language_tag=t(build, lang, "charts.language_tag"),
        publisher=report.publisher or edition.site_name,
        edition_date=report.edition_date,
        site_url=report.site_url,
        url_prefix=edition.url_prefix,
    )


def write_citations(build: Build, model: Model) -> list[Path]:
    changed = []
    for lang in build.project.languages:
        c = citation_of(build, lang.code, model)
        for name, text in ((paths.BIBTEX, cite.bibtex(c)), (paths.CSL_JSON, cite.csl_json(c))):
            path = paths.citation_path(build.project, lang.code, name)
            if write_if_changed(path, text):
                changed.append(path)
    return changed


def package_files(build: Build, model: Model) -> dict[str, bytes]:
    """datapackage.json and every CSV it lists, by their names in the package; bad input
    when a dataset would make the package invalid."""
    report = build.project
    default = report.default_language()
    problems = datapackage.package_problems(model.datasets, report.relative)
    if problems:
        raise InputError("\n".join(problems))
    descriptor = datapackage.descriptor(
        model.datasets,
        units(build),
        lambda key: t(build, default.code, key),
        name=_package_name(report),
        title=default.site_name,
        licenses=datapackage.licenses(report.license),
        created=_created(report),
    )
    files = {paths.DATAPACKAGE: datapackage.dumps(descriptor).encode("utf-8")}
    files.update({f"{key}.csv": dataset.csv_bytes for key, dataset in model.datasets.items()})
    return files


def _package_name(report: Project) -> str:
    """The package's name from the site's names (never the checkout's folder, which
    differs between clones): the longest in Latin letters, "mid-sized-tech-s-ai-fate"
    rather than the "ai" of 中厂的AI宿命."""
    return max((datapackage.package_name(lang.site_name) for lang in report.languages), key=len)


def write_package(build: Build, model: Model) -> list[Path]:
    files = package_files(build, model)
    changed = [
        path
        for path, data in (
            (paths.package_path(build.project), files[paths.DATAPACKAGE]),
            (paths.package_path(build.project, paths.DATAPACKAGE_ZIP), datapackage.zip_bytes(files)),
        )
        if write_if_changed(path, data)
    ]
    # The CSVs themselves are the chart step's (sitegen/charts/step.py); in a build that
    # skips it, they are written here, so the package never names a missing file.
    for key, dataset in model.datasets.items():
        write_if_changed(dataset_csv_path(build.project, key), dataset.csv_bytes)
    return changed


def _created(report: Project) -> str:
    """The package's date: this edition's (never the clock's, so builds are reproducible)."""
    edition = report.edition_date
    return f"{edition}T00:00:00Z" if edition else ""


def source_date() -> datetime.datetime | None:
    """SOURCE_DATE_EPOCH as a UTC time: the one date a reproducible build may write."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC) if epoch.isdigit() else None


def human_size(size: int, lang: str) -> str:
    """ "1.2 MB", "36 KB", in the language's digits."""
    if size >= 1_000_000:
        return f"{format_decimal(size / 1_000_000, '#,##0.#', locale=babel_locale(lang))} MB"
    return f"{format_decimal(max(1, round(size / 1000)), '#,##0', locale=babel_locale(lang))} KB"


def _size(path: Path, lang: str) -> str:
    return human_size(path.stat().st_size, lang) if path.exists() else ""


def links(build: Build, lang: str, model: Model, date_text: str) -> dict[str, Any]:
    """What a page of `lang` (at its language's root) says about the take-away files;
    `date_text` is the edition's date as the language writes it."""
    report = build.project
    c = citation_of(build, lang, model)
    zip_path = paths.package_path(report, paths.DATAPACKAGE_ZIP)
    return {
        "cite": {
            "text": cite.formatted(c, t(build, lang, "site.takeaway.cite_format"), date_text),
            "bibtex": cite.bibtex(c).strip(),
            "bibtex_url": paths.BIBTEX,
            "csl_url": paths.CSL_JSON,
        },
        "package": {
            "json_url": paths.package_url(report, lang),
            "zip_url": paths.package_url(report, lang, paths.DATAPACKAGE_ZIP),
            "zip_size": _size(zip_path, lang),
        },
        "pdf": {
            "url": paths.PDF,
            "download": f"{report.language(lang).site_name}.pdf",
            "size": f"{PDF_SIZE_TO_COME}:{lang}",
        }
        if report.pdf
        else None,
    }


def fill_pdf_sizes(text: str, sizes: dict[str, int]) -> str:
    """`text` with each PDF size placeholder replaced by the PDF's size (lang -> bytes)."""
    return _PDF_SIZE.sub(
        lambda m: human_size(sizes[m.group(1)], m.group(1)) if m.group(1) in sizes else m.group(0), text
    )
