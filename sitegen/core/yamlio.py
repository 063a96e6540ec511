"""Reading YAML for every content file: libyaml's C parser when PyYAML has it (about ten
times faster than the pure-Python one; content is re-read on every `mkdocs serve`
rebuild), else the pure-Python safe loader. Both accept the same safe subset."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml  # untyped (no types-PyYAML installed): its names are Any

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAMLError = yaml.YAMLError


# Any: a YAML document is whatever its file holds; each reader checks the shape it needs.
def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=SafeLoader)


def load_yaml_file(path: Path | str, text: str) -> Any:
    """`text` (the content of `path`) parsed, or one InputError naming the file and line."""
    from sitegen.core.errors import InputError

    try:
        return load_yaml(text)
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise InputError(
            f"{path}:{line}: not valid YAML ({getattr(error, 'problem', error)}); fix the quoting or indentation"
        ) from None
