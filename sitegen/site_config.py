"""Read what the rest of the pipeline needs from mkdocs.yml: the list of languages.

mkdocs.yml is the one place languages are listed (plugins → i18n → languages); adding a
language there, plus its article and strings files, is all a third language takes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
MKDOCS_YML = ROOT / "mkdocs.yml"


@dataclass(frozen=True)
class Language:
    code: str  # "zh", "en": also the docs/<code>/ folder and the strings file name
    name: str
    default: bool
    site_name: str
    site_description: str

    @property
    def url_prefix(self) -> str:
        """Where this language's pages sit in the built site: "" or "en/"."""
        return "" if self.default else f"{self.code}/"


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml holds !!python tags (the slugify function); we only need plain data."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)
_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@lru_cache(maxsize=1)
def languages() -> tuple[Language, ...]:
    config = yaml.load(MKDOCS_YML.read_text(encoding="utf-8"), Loader=_IgnoreTags)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return tuple(
                Language(
                    code=entry["locale"],
                    name=entry["name"],
                    default=bool(entry.get("default", False)),
                    site_name=entry.get("site_name", config["site_name"]),
                    site_description=entry.get("site_description", config["site_description"]),
                )
                for entry in plugin["i18n"]["languages"]
            )
    raise RuntimeError(f"{MKDOCS_YML}: no i18n plugin with a list of languages")


def default_language() -> Language:
    """The language at the site root: the article's original language."""
    return next(lang for lang in languages() if lang.default)


def language_codes() -> list[str]:
    return [lang.code for lang in languages()]
