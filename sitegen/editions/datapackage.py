"""The data as a Frictionless Data Package: datapackage.json beside the CSVs (data/),
made from the data contract (data/<id>.schema.yml, data/units.yml), and a zip of it.

    descriptor(datasets, units, text, name=..., title=..., licenses=[...]) -> dict
    package_problems(datasets) -> ["data/x.csv:3: ...; fix", ...]   (empty: a valid package)
    zip_bytes({"datapackage.json": b"...", "a.csv": b"..."}) -> bytes  (the same every build)

Each dataset is a tabular resource: its CSV (the bytes the site serves), a Table Schema
with the field types, the unit in each description (a schema's own `unit` key would be
ignored by the standard's readers), `required` and `enum` constraints, a `pattern` for
periods, the boolean words the loader accepts, the primary key and the missing values;
and its sources by name. `text(key)` gives the reader strings (the default language's).
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from sitegen.model.datasets import FALSE, PERIOD, TRUE, Dataset, Field
from sitegen.model.sources import sources_of
from sitegen.model.strings import dataset_key, field_key, unit_key
from sitegen.model.units import Unit

# Data Package names: lower case letters, digits and . _ - (Frictionless' name pattern).
NAME = re.compile(r"^[a-z0-9._-]+$")
# A zip entry's time when it has none of its own: the zip format's earliest, so that the
# zip's bytes do not depend on when or where it was built.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
TYPES = {"string": "string", "number": "number", "integer": "integer", "boolean": "boolean"}


Units = dict[str, Unit]  # data/units.yml: unit -> kind, multiplier, currency
Text = Callable[[str], str]  # a strings key -> its text in the package's language


def package_name(text: str) -> str:
    """A valid package name from any text: "Mid-sized Tech's AI" -> "mid-sized-tech-s-ai"."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "report"


def _case_variants(words: Iterable[str]) -> list[str]:
    """The loader reads booleans case-insensitively; the standard lists each spelling."""
    return sorted({form for word in words for form in (word, word.upper(), word.capitalize())})


def field_descriptor(dataset: Dataset, field: Field, units: Units, text: Text) -> dict[str, Any]:
    out: dict[str, Any] = {"name": field.name, "type": TYPES[field.type]}
    description = text(field_key(dataset.id, field.name))
    if field.unit:
        unit = units.get(field.unit)
        scale = f" × {unit.multiplier:g}" if unit is not None and unit.multiplier is not None else ""
        currency = f" {unit.currency}" if unit is not None and unit.currency else ""
        description += f" ({text('data.page.unit')}: {text(unit_key(field.unit))}; {field.unit}{scale}{currency})"
    out["description"] = description
    constraints: dict[str, object] = {}
    if field.required:
        constraints["required"] = True
    if field.enum is not None:
        constraints["enum"] = list(field.enum)
    if field.format == "period":
        constraints["pattern"] = PERIOD.pattern.lstrip("^").rstrip("$")
    if constraints:
        out["constraints"] = constraints
    if field.type == "boolean":
        out["trueValues"], out["falseValues"] = _case_variants(TRUE), _case_variants(FALSE)
    return out


def resource(dataset: Dataset, units: Units, text: Text) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [field_descriptor(dataset, f, units, text) for f in dataset.fields],
        "missingValues": list(dataset.schema.missing_values),
    }
    if dataset.key:
        schema["primaryKey"] = list(dataset.key)
    return {
        "name": dataset.id,
        "path": f"{dataset.id}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": text(dataset_key(dataset.id, "title")),
        "description": text(dataset_key(dataset.id, "description")),
        # Each source by its name and, where the descriptor gives one, its address.
        "sources": [
            {"title": text(f"data.sources.{s.id}"), **({"path": s.url} if s.url else {})}
            for s in sources_of(dataset.schema)
        ],
        "schema": schema,
    }


def descriptor(
    datasets: dict[str, Dataset],
    units: Units,
    text: Text,
    *,
    name: str,
    title: str,
    licenses: list[dict[str, str]],
    created: str = "",
) -> dict[str, Any]:
    """The datapackage.json of every dataset, in id order."""
    package: dict[str, object] = {"profile": "tabular-data-package", "name": package_name(name), "title": title}
    if licenses:
        package["licenses"] = licenses
    if created:
        package["created"] = created
    package["resources"] = [resource(datasets[key], units, text) for key in sorted(datasets)]
    return package


def dumps(package: dict[str, Any]) -> str:
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


def package_problems(datasets: dict[str, Dataset], relative: Callable[[Path], str]) -> list[str]:
    """What would make the package invalid though the loader accepts the data: a dataset
    id that is not a valid resource name, and a typed cell with spaces around it (the
    loader trims them; a Table Schema reader does not)."""
    problems = []
    for dataset in (datasets[key] for key in sorted(datasets)):
        where = relative(dataset.schema_path)
        if not NAME.match(dataset.id):
            problems.append(
                f"{where}:1: dataset id '{dataset.id}' cannot name a Data Package resource; rename "
                f"{dataset.id}.csv and its descriptor in lower case letters, digits, '-', '_' or '.'"
            )
        typed = {f.name for f in dataset.fields if f.type != "string"}
        reader = csv.reader(io.StringIO(dataset.csv_bytes.decode("utf-8-sig"), newline=""))
        header = next(reader, [])
        for line, cells in enumerate(reader, start=2):
            for name, cell in zip(header, cells):
                if name in typed and cell != cell.strip():
                    problems.append(
                        f"{relative(dataset.csv_path)}:{line}: column '{name}' is {cell!r}, with spaces "
                        "around the value; remove them (the published data package reads them as text)"
                    )
    return problems


def licenses(option: str | Mapping[str, str] | None) -> list[dict[str, str]]:
    """The report plugin's `license` option as the package's licenses: a name ("CC-BY-4.0")
    or a mapping with name, title and path."""
    if not option:
        return []
    return [{"name": option}] if isinstance(option, str) else [dict(option)]


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A zip of `files` (name -> bytes) in name order, each with a fixed time and mode:
    the same bytes on every build."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever the machine
            archive.writestr(info, files[name], compresslevel=9)
    return out.getvalue()
