"""The README documents the data contract field by field (datasette's tests/test_docs.py
is the model): a descriptor key the package reads, or one an example report uses, that
the README's table does not list fails here, so the docs cannot drift from the code."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from sitegen.core.yamlio import load_yaml
from sitegen.model.datasets import Field

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CONTRACT = README.split("### The data contract, field by field", 1)[-1].split("\n## ", 1)[0]
# Each table row's first cell: the keys it documents.
DOCUMENTED = {
    key for cell in re.findall(r"^\| ([^|]+) \|", CONTRACT, re.M) for key in re.findall(r"`([^`:]+)(?::[^`]*)?`", cell)
}


def test_the_readme_has_the_contract_section():
    assert "### The data contract, field by field" in README and len(DOCUMENTED) > 10, DOCUMENTED


def test_every_field_attribute_the_package_reads_is_documented():
    attributes = {field.name for field in dataclasses.fields(Field)}
    assert attributes - DOCUMENTED == set()


def test_every_descriptor_key_an_example_uses_is_documented():
    used = set()
    for schema in [*ROOT.glob("data/*.schema.yml"), *ROOT.glob("examples/*/data/*.schema.yml")]:
        descriptor = load_yaml(schema.read_text(encoding="utf-8"))
        used |= set(descriptor)
        for field in descriptor["fields"]:
            used |= set(field)
    assert used - DOCUMENTED == set()


def test_every_period_spelling_is_documented():
    for spelling in ("`2022`", "`2022-07`", "`2023-Q1`", "`2024-H1`", "`2024-H2`", "`2024-mid`", "`launch + 2 months`"):
        assert spelling in CONTRACT, spelling
