"""The machinery of the data contract: a YAML file checked against a pydantic model, every
problem one `file:line: problem; fix` line.

The models (descriptor.py, fields.py and sources.py for data/<id>.schema.yml, units.py
for data/units.yml, frontmatter.py for an article's front matter, stringsfile.py for
content/strings/<lang>.yml, all in sitegen/model/) say what each key holds, its default and an example, and
their validators word the problems. A validator raises `problem("...; fix")` for a
message of its own; pydantic's own errors (a list where text is wanted, a key missing)
are worded here, from the key's description and example in the model. Each error's
`loc` (("fields", 2, "unit")) is followed down the YAML document to the line it came
from; a key that is missing points at the line of the mapping that lacks it.
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Sequence
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

from sitegen.core.yamlio import SafeLoader, YAMLError

Loc = tuple[int | str, ...]
CONTRACT = "contract"  # the error type of every problem a model words itself


def problem(text: str, *at: int | str, line: bool = True, named: bool = False) -> PydanticCustomError:
    """A problem worded by the model: `text` is "what is wrong; how to fix it". `at` is a
    path below the value being validated (a descriptor's check naming ("fields", 2));
    `line=False` for a problem of the whole file, which no line shows; `named=True` puts
    the value's dotted key before the text (`data.currency.CNY` ...), for a validator of
    a value that does not know its key.)"""
    return PydanticCustomError(CONTRACT, "{text}", {"text": text, "at": at, "line": line, "named": named})


def compose(text: str) -> Any:
    """The YAML document's node tree (positions kept), or None when it does not parse."""
    try:
        return yaml.compose(text, Loader=SafeLoader)
    except YAMLError:
        return None


def line_at(node: Any, loc: Loc) -> int:
    """The line of the deepest node `loc` reaches in the document (1-based)."""
    line = node.start_mark.line + 1 if node is not None else 1
    for step in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            child = next((value for key, value in node.value if key.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            child = node.value[step]
        if child is None:
            break
        node, line = child, child.start_mark.line + 1
    return line


def raw_at(data: Any, loc: Loc) -> Any:
    """What the document holds at `loc`, or None."""
    for step in loc:
        if isinstance(data, dict) and step in data:
            data = data[step]
        elif isinstance(data, list) and isinstance(step, int) and step < len(data):
            data = data[step]
        else:
            return None
    return data


def listed(data: Any, key: str) -> list[Any]:
    """The list a mapping holds at `key`, or [] (what a check across keys can go through)."""
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def _model_of(annotation: Any) -> Any:
    """The model class inside an annotation (list[Field] -> Field), or None."""
    if hasattr(annotation, "__pydantic_fields__"):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def _fields(model: Any) -> dict[str, Any]:
    """A model's keys as the YAML spells them (an alias, else the name) -> FieldInfo."""
    return {info.alias or name: info for name, info in (getattr(model, "__pydantic_fields__", None) or {}).items()}


def model_at(model: Any, loc: Loc) -> Any:
    """The model whose key the last step of `loc` is (None when `loc` leaves the models)."""
    for step in loc[:-1]:
        if isinstance(step, int):
            continue
        info = _fields(model).get(str(step))
        if info is None:
            return None
        model = _model_of(info.annotation)
    return model


def owner(loc: Loc, data: Any) -> str:
    """What the editor calls the thing holding the key at the end of `loc`: "field
    'rides'", "source 2", or "the file"."""
    nouns = {"fields": "field", "sources": "source", "derived": "derived value", "charts": "chart"}
    for index in range(len(loc) - 1, 0, -1):
        parent, step = loc[index - 1], loc[index]
        if isinstance(step, int) and isinstance(parent, str):
            entry = raw_at(data, loc[: index + 1])
            name = entry.get("name") or entry.get("id") if isinstance(entry, dict) else None
            noun = nouns.get(parent, parent)
            return f"{noun} '{name}'" if isinstance(name, str) else f"{noun} {step + 1}"
    return "the file"


def word(error: Any, model: Any, data: Any, entry: str | None = None) -> tuple[Loc, str, bool]:
    """(loc, "problem; fix", whether a line shows it) for one of pydantic's errors;
    `entry` is what the editor calls `data` when it is one entry of its file ("unit 'yuan'")."""
    loc: Loc = tuple(error["loc"])
    if error["type"] == CONTRACT:
        context = error["ctx"]
        text = f"`{'.'.join(map(str, loc))}` {context['text']}" if context.get("named") else context["text"]
        return loc + tuple(context["at"]), text, context["line"]
    keys = [i for i, step in enumerate(loc) if isinstance(step, str)]
    keyed = loc[: keys[-1] + 1] if keys else loc
    key = str(keyed[-1]) if keys else ""
    parent = model_at(model, keyed)
    info = _fields(parent).get(key)
    where = owner(keyed, data)
    if where == "the file" and entry:
        where = entry
    example = f", e.g. `{info.examples[0]}`" if info is not None and info.examples else ""
    if where == "the file":
        what = f"`{'.'.join(str(step) for step in keyed)}` is {error['input']!r}"
    else:
        what = f"{where} has {key} {error['input']!r}"
    kind = error["type"]
    if kind == "missing":
        return loc, f"{where} has no `{key}`; add it{example}", True
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        takes = list(_fields(parent))
        by_case = {name.lower(): name for name in takes}
        close = difflib.get_close_matches(key.lower(), list(by_case), n=1, cutoff=0.75)  # a misspelling
        fix = f"rename it `{by_case[close[0]]}` or remove it" if close else "fix the name or remove it"
        return loc, f"{where} has `{key}`, which it does not take; it takes {', '.join(takes)} ({fix})", True
    if kind.startswith("bool"):
        return loc, f"{what}; write true or false", True
    if kind.startswith(("int", "float")):
        return loc, f"{what}, not a number; write a number{example}", True
    if kind.startswith("string"):
        return loc, f"{what}, not text; write text{example}", True
    if kind.startswith(("list", "tuple")):
        return loc, f"{what}, not a list; write a list{example}", True
    if kind.startswith(("dict", "model", "dataclass")):
        return loc, f"{what}, not a mapping; write `key: value` pairs{example}", True
    if kind == "literal_error":
        return loc, f"{what}; use {error['ctx']['expected']}", True
    return loc, f"{what} ({error['msg']}); write it as the data contract in README.md says{example}", True


def check(
    model: Any,
    data: Any,
    node: Any,
    where: str,
    context: dict[str, Any] | None = None,
    *,
    at: Loc = (),
    first_line: int = 0,
    entry: str | None = None,
) -> tuple[Any, list[str]]:
    """`data` (parsed from the file `where`, whose node tree is `node`) validated as
    `model`: (the value or None, every problem as `file:line: problem; fix`). `at`: where
    `data` sits in the document (one entry of it); `first_line`: the lines before the YAML
    in its file (front matter starts after its `---` line); `entry`: what the editor calls
    that entry, for messages ("unit 'yuan'")."""
    adapter = TypeAdapter(model)
    try:
        return adapter.validate_python(data, context=context), []
    except ValidationError as error:
        found = []
        for detail in error.errors(include_url=False):
            loc, text, show_line = word(detail, model, data, entry)
            line = line_at(node, at + loc) + first_line
            found.append(f"{where}:{line}: {text}" if show_line else f"{where}: {text}")
        return None, list(dict.fromkeys(found))


def merged(errors: Sequence[Any], found: Sequence[PydanticCustomError]) -> ValidationError:
    """One error holding pydantic's errors of a value (`errors`, as ValidationError.errors()
    gives them) and the problems a check across its keys `found`: pydantic stops a
    validator at its first raise, and an editor wants them all at once."""
    details: list[Any] = []
    for error in errors:
        if error["type"] == CONTRACT:
            details.append(
                {
                    "type": PydanticCustomError(CONTRACT, "{text}", error["ctx"]),
                    "loc": error["loc"],
                    "input": error["input"],
                }
            )
        else:
            details.append({key: error[key] for key in ("type", "loc", "input", "ctx") if key in error})
    details += [{"type": error, "loc": (), "input": None} for error in found]
    return ValidationError.from_exception_data(CONTRACT, details)
