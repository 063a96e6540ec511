"""The README documents the data contract field by field (datasette's tests/test_docs.py
is the model). Its tables are generated from the models that check the files
(sitegen/model/reference.py): a reference that is not today's fails here, as does a key
an example report uses that the README does not list, so the docs cannot drift from the
code."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from sitegen.core.yamlio import load_yaml
from sitegen.model.fields import Field
from sitegen.model.reference import END, START, TABLES, reference, with_reference
from sitegen.scaffold import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CONTRACT = README.split("### The data contract, field by field", 1)[-1].split("\n## ", 1)[0]
# Each table row's first cell: the keys it documents.
DOCUMENTED = {
    key for cell in re.findall(r"^\| ([^|]+) \|", CONTRACT, re.M) for key in re.findall(r"`([^`:]+)(?::[^`]*)?`", cell)
}


def test_the_readme_has_the_contract_section():
    assert "### The data contract, field by field" in README and len(DOCUMENTED) > 10, DOCUMENTED


def test_the_reference_in_the_readme_is_generated_from_todays_models():
    assert START in README and END in README
    assert README.split(START, 1)[1].split(END, 1)[0] == reference().split(START, 1)[1].split(END, 1)[0], (
        "README.md's data contract is stale: run `make contract`"
    )


def test_a_stale_reference_is_found_and_written_again(tmp_path, capsys):
    stale = tmp_path / "README.md"
    stale.write_text(README.replace("| the CSV column |", "| a column of the CSV |"), encoding="utf-8")
    assert main(["contract", str(stale), "--check"]) == 1
    assert "stale; run `make contract`" in capsys.readouterr().err
    assert main(["contract", str(stale)]) == 0
    assert stale.read_text(encoding="utf-8") == README == with_reference(README)


def test_every_key_of_every_model_is_in_the_reference():
    for _, model in TABLES:
        keys = {info.alias or name for name, info in model.__pydantic_fields__.items()}
        assert keys - DOCUMENTED == set(), model


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
