"""Where each take-away file goes in docs/ (MkDocs copies it to the site) and its URL
from a page of a language: one place for every take-away path."""

from __future__ import annotations

from pathlib import Path

from sitegen.core.outputs import datasets_dir, language_dir
from sitegen.core.project import Project

BIBTEX = "cite.bib"
CSL_JSON = "cite.json"
PDF = "report.pdf"
DATAPACKAGE = "datapackage.json"
DATAPACKAGE_ZIP = "datapackage.zip"


def citation_path(report: Project, lang: str, name: str) -> Path:
    """A language's citation file (BIBTEX or CSL_JSON), at its root: /cite.bib, /en/cite.bib."""
    return language_dir(report, lang) / name


def pdf_path(report: Project, lang: str) -> Path:
    return language_dir(report, lang) / PDF


def package_path(report: Project, name: str = DATAPACKAGE) -> Path:
    """The data package sits beside the CSVs it lists (data/), whose paths it names."""
    return datasets_dir(report) / name


def from_language_root(report: Project, lang: str, path: str) -> str:
    """A site-root path ("data/x.zip") as a page of `lang` at its language's root links it."""
    return "../" * report.language(lang).url_prefix.count("/") + path


def package_url(report: Project, lang: str, name: str = DATAPACKAGE) -> str:
    return from_language_root(report, lang, f"data/{name}")
