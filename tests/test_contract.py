"""The contract's models word their own problems: each names the file, the line the YAML
gives it, the key and what to write, for the keys the loaders never checked by hand (a
unit's kind, a value of the wrong kind, a strings pattern without its placeholder).
tests/test_data.py holds the messages the data loader always gave."""

from __future__ import annotations

import pytest
from conftest import BUILD

from sitegen.core.errors import InputError
from sitegen.model.article import ArticleError, parse_article
from sitegen.model.contract import check, compose
from sitegen.model.datasets import load_dataset
from sitegen.model.stringsfile import StringsFile
from sitegen.model.units import units


def dataset(tmp_path, fields: str, csv: str, unit_table: str = "count: {kind: count}\n"):
    (tmp_path / "units.yml").write_text(unit_table, encoding="utf-8")
    (tmp_path / "d.schema.yml").write_text(f"sources: [article]\nfields:\n{fields}", encoding="utf-8")
    (tmp_path / "d.csv").write_text(csv, encoding="utf-8")
    return load_dataset(BUILD, "d", tmp_path)


def problems(call) -> list[str]:
    with pytest.raises(InputError) as caught:
        call()
    return str(caught.value).splitlines()


def test_a_unit_needs_its_kind_and_money_its_currency(tmp_path):
    (tmp_path / "units.yml").write_text("count: {kind: count}\nyuan: {kind: money}\nodd: {}\n", encoding="utf-8")
    where = tmp_path / "units.yml"
    assert problems(lambda: units(BUILD, tmp_path)) == [
        f"{where}:2: unit 'yuan' is money with no currency; write `yuan: {{kind: money, currency: CNY, multiplier: 1.0e+8}}`",
        f"{where}:3: unit 'odd' has no kind; write `odd: {{kind: count}}` (or money, percent, ratio, or another word)",
    ]


def test_a_value_of_the_wrong_kind_names_its_line_key_and_fix(tmp_path):
    fields = "  - name: shops\n    type: integer\n    required: maybe\n  - {name: quote, type: string}\n"
    found = problems(lambda: dataset(tmp_path, fields, "shops,quote\n420,有420家\n"))
    assert found == [f"{tmp_path / 'd.schema.yml'}:5: field 'shops' has required 'maybe'; write true or false"]


def test_the_cells_are_checked_in_the_same_round_as_the_descriptor(tmp_path):
    """A bad type reads its column as text, so a bad number elsewhere is still found."""
    fields = "  - {name: year, type: strng}\n  - {name: shops, type: integer}\n  - {name: quote, type: string}\n"
    found = problems(lambda: dataset(tmp_path, fields, "year,shops,quote\n2020,4x0,有420家\n"))
    assert found == [
        f"{tmp_path / 'd.schema.yml'}:3: field 'year' has type 'strng'; use one of string, number, integer, boolean",
        f"{tmp_path / 'd.csv'}:2: column 'shops' must be a whole number, got '4x0'; "
        "write plain digits (units come from the descriptor)",
    ]


def test_the_checks_across_keys_come_with_the_keys_problems(tmp_path):
    fields = (
        "  - {name: shops, type: integer, precision: -1}\n"
        "  - {name: shops, type: integer}\n"
        "  - {type: string}\n"
        "  - {name: quote, type: string, qualifier: word}\n"
    )
    where = tmp_path / "d.schema.yml"
    assert problems(lambda: dataset(tmp_path, fields, "shops,quote\n420,有420家\n")) == [
        f"{where}:3: field 'shops' has precision -1; write the step the article rounds this column to, in its unit, "
        "e.g. `precision: 10000` for 19万 from 187654",
        f"{where}:5: field 3 has no name; write it as {{name: ..., type: ...}}",
        f"{where}:4: field 'shops' is listed twice; remove one",
        f"{where}:6: field 'quote' refers to column 'word', which is not a field; add it or fix the name",
    ]


def test_front_matter_keys_hold_text():
    text = "---\ntitle: A ledger\nbyline: Someone\nreferences: 5\n---\n\nA lede.\n"
    with pytest.raises(ArticleError) as caught:
        parse_article(text, "en", "content/article/en.md")
    assert str(caught.value) == (
        "content/article/en.md:4: `references` is 5, not a list; write a list, e.g. `references: [1. …, 2. …]`"
    )


def test_search_words_are_single_words():
    text = "---\ntitle: A ledger\nsearch_words: [奶茶店们, 奶 茶]\n---\n\nA lede.\n"
    with pytest.raises(ArticleError) as caught:
        parse_article(text, "zh", "content/article/zh.md")
    assert str(caught.value) == (
        "content/article/zh.md:3: `search_words` holds '奶 茶', which is not one word; "
        "list each word alone, with no spaces"
    )


def test_a_front_matter_number_is_kept_as_written():
    article = parse_article("---\ntitle: 2049\nsource: 7\n---\n\nA lede.\n", "en", "en.md")
    assert article.meta == {"title": 2049, "source": 7}


@pytest.mark.parametrize(
    "yaml, expected",
    [
        ("data:\n  currency:\n    CNY: '元'\n", "x.yml:3: `data.currency.CNY` is '元', with no {n}; write where"),
        ("data:\n  qualifiers: {over: '超{n}'}\n", "x.yml:2: `data.qualifiers.over` is '超{n}', which names another"),
        ("data:\n  periods:\n    h2: 下半年\n", "x.yml:3: `data.periods.h2` is '下半年', with no {year}"),
        (
            "data:\n  magnitudes: [[1.0e+8, 亿], [万]]\n",
            "x.yml:2: `data.magnitudes` is [[100000000.0, '亿'], ['万']]; write [size, word] pairs",
        ),
        ("charts:\n  language_tag: en\n  shops: 5\n", "x.yml:3: `charts.shops` is 5, not a mapping"),
    ],
)
def test_a_strings_value_of_the_wrong_shape_is_named(yaml, expected):
    from sitegen.core.yamlio import load_yaml

    _, found = check(StringsFile, load_yaml(yaml), compose(yaml), "x.yml")
    assert len(found) == 1 and found[0].startswith(expected), found


def test_a_key_the_contract_does_not_take_is_named_with_the_key_it_may_mean(tmp_path):
    """A misspelt key was dropped in silence: `unti` left the column with no unit, and
    `primarykey` made the first column the key. Table Schema's keys that only describe
    (a title, a description) are still left alone; one that would change how the cells
    are read (`constraints`) is named, since the build would not apply it."""
    (tmp_path / "units.yml").write_text("count: {kind: count, lable: shops}\n", encoding="utf-8")
    assert problems(lambda: units(BUILD, tmp_path)) == [
        f"{tmp_path / 'units.yml'}:1: unit 'count' has `lable`, which it does not take; "
        "it takes kind, currency, multiplier (fix the name or remove it)"
    ]
    (tmp_path / "units.yml").write_text("count: {kind: count}\n", encoding="utf-8")
    (tmp_path / "d.schema.yml").write_text(
        "sources: [article]\ntitle: Shops\nprimarykey: [shops]\nfields:\n"
        "  - {name: shops, type: integer, unti: count, description: the shops}\n"
        "  - {name: quote, type: string, title: Quote, constraints: {required: true}}\n",
        encoding="utf-8",
    )
    (tmp_path / "d.csv").write_text("shops,quote\n420,有420家\n", encoding="utf-8")
    field_keys = (
        "name, type, unit, enum, required, format, qualifier, unit_field, labels, marks_derived, precision, quote"
    )
    where = tmp_path / "d.schema.yml"
    assert sorted(problems(lambda: load_dataset(BUILD, "d", tmp_path))) == sorted(
        [
            f"{where}:3: the file has `primarykey`, which it does not take; it takes fields, primaryKey, derived, "
            "relative_dates, missingValues, period, sources (rename it `primaryKey` or remove it)",
            f"{where}:5: field 'shops' has `unti`, which it does not take; it takes {field_keys} "
            "(rename it `unit` or remove it)",
            f"{where}:6: field 'quote' has `constraints`, which it does not take; it takes {field_keys} "
            "(fix the name or remove it)",
        ]
    )
    text = (tmp_path / "d.schema.yml").read_text(encoding="utf-8")
    fixed = (
        text.replace("primarykey", "primaryKey")
        .replace("unti:", "unit:")
        .replace(", constraints: {required: true}", "")
    )
    (tmp_path / "d.schema.yml").write_text(fixed, encoding="utf-8")
    dataset = load_dataset(BUILD, "d", tmp_path)
    assert dataset.field("shops").unit == "count" and dataset.key == ("shops",)


def test_a_string_key_every_language_lacks_is_copied_from_the_starter_with_the_rest(tmp_path, use_report):
    """A report written before a release added interface strings lacks them in every
    language: the message sends the editor to the starter's file and lists every other
    interface key missing there, so that one round of edits fixes the build, not one key
    a round (sitegen 0.3 added fifteen). A key only one language lacks points to the file
    that has it, as the report's check across languages does."""
    import yaml

    from sitegen.core import project
    from sitegen.model.strings import MissingString, t
    from sitegen.scaffold import scaffold

    scaffold(tmp_path / "r")
    strings_dir = tmp_path / "r" / "content" / "strings"
    removed = set()
    for lang in ("zh", "en"):
        path = strings_dir / f"{lang}.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for group in ("takeaway", "not_found"):
            removed |= {f"site.{group}.{key}" for key in data["site"].pop(group)}
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    use_report(project.load(tmp_path / "r" / "mkdocs.yml"))
    with pytest.raises(MissingString) as caught:
        t(BUILD, "en", "site.takeaway.pdf")
    message = str(caught.value)
    assert message.startswith("content/strings/en.yml: missing key 'site.takeaway.pdf'; copy it from the starter")
    assert "sitegen/starter/content/strings/en.yml, translated; this file also lacks " in message
    listed = set(message.split("also lacks ", 1)[1].split(" (README")[0].split(", "))
    assert listed == removed - {"site.takeaway.pdf"} and len(listed) >= 10

    data = yaml.safe_load((strings_dir / "zh.yml").read_text(encoding="utf-8"))
    data["site"]["takeaway"] = {"pdf": "PDF 版"}
    (strings_dir / "zh.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    use_report(project.load(tmp_path / "r" / "mkdocs.yml"))
    with pytest.raises(
        MissingString, match=r"en\.yml: missing key 'site\.takeaway\.pdf'; add it \(see content/strings/zh\.yml\)$"
    ):
        t(BUILD, "en", "site.takeaway.pdf")
