"""The report's languages, as mkdocs.yml lists them (plugins → i18n → languages).

mkdocs.yml is the one place languages are listed; adding a language there, plus its
article and strings files, is all a third language takes. The list comes from the
build's Project (sitegen/project.py), which read it from the validated MkDocs config.
"""

from __future__ import annotations

from sitegen.project import Language, current

__all__ = ["Language", "languages", "default_language", "language_codes"]


def languages() -> tuple[Language, ...]:
    return current().languages


def default_language() -> Language:
    """The language at the site root: the article's original language."""
    return next(lang for lang in languages() if lang.default)


def language_codes() -> list[str]:
    return [lang.code for lang in languages()]
