"""Reading YAML for every content file: libyaml's C parser when PyYAML has it (about ten
times faster than the pure-Python one; content is re-read on every `mkdocs serve`
rebuild), else the pure-Python safe loader. Both accept the same safe subset."""

from __future__ import annotations

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAMLError = yaml.YAMLError


def load_yaml(text: str):
    return yaml.load(text, Loader=SafeLoader)
