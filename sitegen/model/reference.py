"""The contract reference: README.md's tables of every key a report's files may hold,
generated from the models' JSON schemas (`model_json_schema()`), so that the docs say
what the code checks. `python -m sitegen contract --write README.md` (`make contract`)
puts it between the README's markers; tests/test_docs_contract.py fails when it is stale.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter

from sitegen.model.descriptor import Derivation, Descriptor, RelativeDates
from sitegen.model.fields import Field
from sitegen.model.frontmatter import FrontMatter
from sitegen.model.sources import Source
from sitegen.model.stringsfile import ChartsStrings, ChartStrings, DataStrings, Periods, StringsFile
from sitegen.model.units import Unit

START = "<!-- contract:start: generated from sitegen/model by `make contract`; edit the models, not this -->"
END = "<!-- contract:end -->"

# (heading, model): one table each, in the order an editor meets them.
TABLES: list[tuple[str, Any]] = [
    ("**The descriptor** (`data/<id>.schema.yml`; sitegen/model/descriptor.py)", Descriptor),
    ("**A field** (one entry under `fields:`; sitegen/model/fields.py)", Field),
    ("**A derived value** (one entry under `derived:`; checked by sitegen/model/formulas.py)", Derivation),
    ("**A source** (one entry under `sources:`, or just its id; sitegen/model/sources.py)", Source),
    ("**Relative dates** (`relative_dates:`)", RelativeDates),
    ("**A unit** (one entry of `data/units.yml`, `<name>: {...}`; sitegen/model/units.py)", Unit),
    ("**The front matter** (`content/article/<lang>.md`; sitegen/model/frontmatter.py)", FrontMatter),
    ("**A strings file** (`content/strings/<lang>.yml`; sitegen/model/stringsfile.py)", StringsFile),
    ("**Its `data:`**", DataStrings),
    ("**Its `data.periods:`**", Periods),
    ("**Its `charts:`**", ChartsStrings),
    ("**A chart's strings** (`charts.<id>:`)", ChartStrings),
]


def _type(schema: dict[str, Any]) -> str:
    """A JSON schema's type as an editor reads it: "text", "list of text", "a field"..."""
    if "$ref" in schema:
        return "see below"  # each model has its own table
    if "anyOf" in schema:
        kinds = [_type(s) for s in schema["anyOf"] if s.get("type") != "null"]
        return " or ".join(dict.fromkeys(kinds))
    if "enum" in schema:
        return " or ".join(f"`{value}`" for value in schema["enum"])
    if "const" in schema:
        return f"`{schema['const']}`"
    kind = schema.get("type")
    if kind == "array":
        if "prefixItems" in schema:
            return "[" + ", ".join(_type(s) for s in schema["prefixItems"]) + "]"
        return f"list of {_type(schema.get('items', {}))}"
    if kind == "object":
        values = schema.get("additionalProperties")
        return f"mapping of {_type(values)}" if isinstance(values, dict) else "mapping"
    if kind == "string" and schema.get("format") == "date":
        return "date (YYYY-MM-DD)"
    names = {"string": "text", "integer": "whole number", "number": "number", "boolean": "true or false"}
    return names.get(str(kind), "anything")


def _default(name: str, schema: dict[str, Any], required: set[str]) -> str:
    if name in required:
        return "required"
    if "default" not in schema or schema["default"] is None:
        return "—"
    return f"`{json.dumps(schema['default'], ensure_ascii=False)}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def table(model: Any) -> str:
    """One model's keys as a Markdown table: key, type, default, what it says, example."""
    schema = TypeAdapter(model).json_schema(by_alias=True)
    required = set(schema.get("required", []))
    lines = ["| key | type | default | what it says | example |", "|---|---|---|---|---|"]
    for name, prop in schema.get("properties", {}).items():
        examples = " · ".join(f"`{example}`" for example in prop.get("examples", []))
        cells = [f"`{name}`", _type(prop), _default(name, prop, required), prop.get("description", ""), examples]
        lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return "\n".join(lines)


def reference() -> str:
    """Every table, with its heading, between the README's markers."""
    parts = [START]
    for heading, model in TABLES:
        parts += ["", heading, "", table(model)]
    return "\n".join([*parts, "", END])


def with_reference(text: str) -> str:
    """`text` (README.md) with the reference between its markers replaced by today's."""
    if START not in text or END not in text:
        raise ValueError(f"no contract markers; put {START} and {END} where the reference goes")
    before, rest = text.split(START, 1)
    return before + reference() + rest.split(END, 1)[1]
