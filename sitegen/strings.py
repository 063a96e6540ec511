"""The reader-facing strings of each language: content/strings/<lang>.yml, looked up by
dotted key. A missing key is an error that names the file and the key, never a guess."""

from __future__ import annotations

from sitegen.errors import InputError
from sitegen.project import current
from sitegen.reads import cached_read
from sitegen.yamlio import YAMLError, load_yaml


class MissingString(InputError):
    """A key or a whole strings file missing for a language."""


def strings_path(lang: str):
    return current().content_dir / "strings" / f"{lang}.yml"


@cached_read(maxsize=None)
def strings(lang: str) -> dict:
    path = strings_path(lang)
    if not path.exists():
        raise MissingString(f"{path}: no strings file for language '{lang}'; copy another language's file and translate it")
    try:
        return load_yaml(path.read_text(encoding="utf-8")) or {}
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise InputError(f"{path}:{line}: not valid YAML ({getattr(error, 'problem', error)}); fix the quoting or indentation") from None


def t(lang: str, key: str) -> str:
    """strings(lang)['a']['b'] for key 'a.b'."""
    node = strings(lang)
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            raise MissingString(f"{strings_path(lang)}: missing key '{key}'; add it (see the other languages' files)")
        node = node[part]
    return node


def flat_keys(node: dict, prefix: str = "") -> set[str]:
    """All dotted keys of a strings tree, for the test that every language has every key."""
    keys = set()
    for name, value in node.items():
        key = f"{prefix}{name}"
        keys |= flat_keys(value, f"{key}.") if isinstance(value, dict) else {key}
    return keys
