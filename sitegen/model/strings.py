"""The reader-facing strings of each language: content/strings/<lang>.yml, looked up by
dotted key. A missing key is an error that names the file and the key, never a guess."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitegen.core.errors import InputError
from sitegen.core.project import STARTER, Build, Project
from sitegen.core.reads import cached_read
from sitegen.core.yamlio import load_yaml, load_yaml_file
from sitegen.model.contract import check, compose
from sitegen.model.derive import convert, corrections_path
from sitegen.model.stringsfile import StringsFile

if TYPE_CHECKING:
    from sitegen.model.table import Dataset


class MissingString(InputError):
    """A key or a whole strings file missing for a language."""


# The starter report's strings: every interface key the package's own templates ask for,
# in the starter's languages, for a report to copy from.
STARTER_STRINGS = STARTER / "content" / "strings"


def strings_path(report: Project, lang: str) -> Path:
    return report.content_dir / "strings" / f"{lang}.yml"


def strings_source(report: Project, lang: str) -> Path:
    """The file a language's strings are read from: its own, or for a derived language
    (sitegen/model/derive.py) the strings of the language it derives from."""
    return strings_path(report, report.language(lang).derived_from or lang)


def strings_inputs(report: Project, lang: str) -> list[Path]:
    """Every file a language's strings are made from (for the chart cache's keys)."""
    if not report.language(lang).is_derived:
        return [strings_path(report, lang)]
    own = (corrections_path(report, lang), strings_path(report, lang))
    return [strings_source(report, lang)] + [p for p in own if p.exists()]


def _read_yaml(report: Project, path: Path, text: str) -> dict[str, Any]:
    """The strings file as written, checked against its model (sitegen/model/stringsfile.py);
    messages name it as the editor knows it."""
    where = report.relative(path)
    data: dict[str, Any] = load_yaml_file(where, text) or {}
    _, problems = check(StringsFile, data, compose(text), where)
    if problems:
        raise InputError("\n".join(problems))
    return data


def _overlay(base: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """`base` with the keys of `overrides` put over it, nested dicts merged key by key."""
    merged = dict(base)
    for key, value in overrides.items():
        merged[key] = (
            _overlay(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
        )
    return merged


@cached_read
def strings(build: Build, lang: str) -> dict[str, Any]:
    report = build.project
    derived = report.language(lang)
    path = strings_source(report, lang)
    if not path.exists():
        raise MissingString(
            f"{path}: no strings file for language '{lang}'; copy another language's file and translate it"
        )
    text = path.read_text(encoding="utf-8")
    if not derived.is_derived:
        return _read_yaml(report, path, text)
    # A derived language: the source's strings converted, under the keys its own file
    # (if any) sets because conversion cannot know them (the language tag, the locale).
    own = strings_path(report, lang)
    overrides = _read_yaml(report, own, own.read_text(encoding="utf-8")) if own.exists() else {}
    return _overlay(_read_yaml(report, path, convert(build, text, derived)), overrides)


def t(build: Build, lang: str, key: str) -> str:
    """strings(build, lang)['a']['b'] for key 'a.b'."""
    text: str = entry(build, lang, key)  # a string, where the key is one a page or chart asks for
    return text


def entry(build: Build, lang: str, key: str) -> Any:
    """What the strings file holds at key 'a.b': text, or a list (data.magnitudes) or a
    mapping, as the YAML gives it."""
    node = _at(build, lang, key)
    if node is _ABSENT:
        raise MissingString(missing_key(build, lang, key))
    return node


_ABSENT = object()  # what _at() gives for a key the strings do not hold


def _at(build: Build, lang: str, key: str) -> Any:
    node: Any = strings(build, lang)
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return _ABSENT
        node = node[part]
    return node


def holds(build: Build, lang: str, key: str) -> bool:
    return _at(build, lang, key) is not _ABSENT


def missing_key(build: Build, lang: str, key: str) -> str:
    """What to do about a key a language's strings lack: copy it from a hand-kept language
    that has it, else (a key every language lacks, such as a new interface string) from
    the starter report's file; with every other interface key (`site.*`, and the key's
    own group) this file lacks there, so that one round of edits is enough."""
    report = build.project
    source = report.language(lang).derived_from or lang
    path = report.relative(strings_source(report, lang))
    having = [l.code for l in report.languages if l.code != source and not l.is_derived and holds(build, l.code, key)]
    if having:
        reference = flat_keys(strings(build, having[0]))
        fix = f"add it (see {report.relative(strings_path(report, having[0]))})"
    else:
        starter = STARTER_STRINGS / f"{source}.yml"
        if not starter.exists():
            starter = min(STARTER_STRINGS.glob("*.yml"))
        reference = flat_keys(load_yaml(starter.read_text(encoding="utf-8")) or {})
        if key not in reference:
            return f"{path}: missing key '{key}'; add it to every language's strings file"
        fix = f"copy it from the starter report's sitegen/starter/content/strings/{starter.name}, translated"
    group = key.rsplit(".", 1)[0] + "."
    lacking = sorted(
        other
        for other in reference - flat_keys(strings(build, lang))
        if other != key and (other.startswith("site.") or other.startswith(group))
    )
    also = f"; this file also lacks {', '.join(lacking)}" if lacking else ""
    return f"{path}: missing key '{key}'; {fix}{also}" + (" (README, Change log)" if not having else "")


def flat_keys(node: dict[str, Any], prefix: str = "") -> set[str]:
    """All dotted keys of a strings tree (the test that every language has every key, missing_key)."""
    keys = set()
    for name, value in node.items():
        key = f"{prefix}{name}"
        keys |= flat_keys(value, f"{key}.") if isinstance(value, dict) else {key}
    return keys


# The keys of a dataset's strings, in one place: the data page (sitegen/model/figure.py)
# and the data package (sitegen/editions/datapackage.py) read them, and validate()
# checks that every language has each (sitegen/model/checks.py).
def dataset_key(dataset_id: str, part: str) -> str:
    """A dataset's `title` or `description`."""
    return f"data.datasets.{dataset_id}.{part}"


def field_key(dataset_id: str, field_name: str) -> str:
    """A column's name as a reader reads it."""
    return f"data.datasets.{dataset_id}.fields.{field_name}"


def type_key(field_type: str) -> str:
    return f"data.types.{field_type}"


def unit_key(unit: str) -> str:
    return f"data.units.{unit}"


def dataset_keys(dataset: Dataset) -> list[str]:
    """Every key the data page asks of a dataset: its title and description, and each
    column's name, type and unit."""
    keys = [dataset_key(dataset.id, "title"), dataset_key(dataset.id, "description")]
    for column in dataset.fields:
        keys += [field_key(dataset.id, column.name), type_key(column.type)]
        keys += [unit_key(column.unit)] if column.unit else []
    return keys
