"""Languages made from another at build time by script conversion, never kept by hand.

A report lists them under the report plugin's `derived_languages`, each with the
language it comes from and the OpenCC configuration that converts it:

    derived_languages:
      zh-hant: {from: zh, opencc: s2twp}    # Traditional, Taiwan usage and phrases

The derived language is an ordinary entry of the i18n plugin's languages (its folder,
name and site name); what it does not have is an article or a strings file of its own:

    content/article/<from>.md      ──OpenCC──► the derived article
    content/strings/<from>.yml     ──OpenCC──► the derived strings, then
    content/strings/<code>.yml     (optional) the keys conversion cannot know: the
                                   language tag, the Open Graph locale, wording
    content/article/<code>.corrections.yml   (optional) what conversion gets wrong, one
                                   entry per fix: converted, published, why

The corrections apply to everything converted (article, strings, quotes on the data
page). Conversion works on the files' text: keys, anchors and chart ids are ASCII and
pass through unchanged, so the derived article aligns with its source by construction.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opencc import OpenCC

from sitegen.core.errors import InputError
from sitegen.core.project import Build, Language, Project
from sitegen.core.reads import cached_read
from sitegen.core.yamlio import load_yaml_file


@cache
def _opencc(configuration: str) -> OpenCC:
    """OpenCC's converter of a configuration, loaded once per process: it depends on the
    configuration's name alone, the same in every build."""
    import opencc

    return opencc.OpenCC(configuration)


def _converter(build: Build, configuration: str) -> OpenCC:
    try:
        return _opencc(configuration)
    except Exception:  # OpenCC raises a bare RuntimeError-like error for an unknown name
        report = build.project
        raise InputError(
            f"{report.relative(report.config_file)}: derived_languages: unknown OpenCC "
            f"configuration '{configuration}'; use one of s2t, s2tw, s2twp, s2hk, t2s, tw2sp…"
        ) from None


def corrections_path(report: Project, code: str) -> Path:
    return report.content_dir / "article" / f"{code}.corrections.yml"


@cached_read
def corrections(build: Build, code: str) -> tuple[dict[str, str], ...]:
    """The report's fixes to what conversion gets wrong: {converted, published, why}."""
    path = corrections_path(build.project, code)
    if not path.exists():
        return ()
    where = build.project.relative(path)
    entries = load_yaml_file(where, path.read_text(encoding="utf-8")) or []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not {"converted", "published", "why"} <= set(entry):
            raise InputError(
                f"{where}: entry {number} needs `converted`, `published` "
                "and `why` (the reason conversion gets it wrong)"
            )
    return tuple(entries)


def convert(build: Build, text: str, lang: Language) -> str:
    """`text` (in the language `lang` derives from) in `lang`: OpenCC, then the corrections."""
    converted: str = _converter(build, lang.conversion).convert(text)
    for entry in corrections(build, lang.code):
        converted = converted.replace(entry["converted"], entry["published"])
    return converted


def convert_for(build: Build, code: str, text: str) -> str:
    """`text` in the language of `code`: converted if it is derived, else as it is."""
    lang = build.project.language(code)
    return convert(build, text, lang) if lang.is_derived else text
