"""Every rename sitegen/core/compat.py knows of, checked against the package and the README:
the 0.2 import fails today, the message for that failure names the new place, the new
place exists, and the change log gives the same move. A rename that is wrong, or one the
change log does not give, fails here. tests/test_build_charts_cli.py checks that a
chart module's failing import shows the message."""

from __future__ import annotations

import importlib
import re

import pytest
from conftest import ROOT

from sitegen.core.compat import MODULES_RENAMED_IN_0_3, NAMES_GONE_IN_0_4, NAMES_MOVED_IN_0_3, renamed_module_hint
from sitegen.core.project import Project

CHANGE_LOG = (ROOT / "README.md").read_text(encoding="utf-8").split("## Change log", 1)[1]
# How 0.2 code imported a module that is a package's name now: by a name it held.
NAME_HELD = {"sitegen.pages": "build_pages"}


def failing_import(statement: str) -> ImportError:
    with pytest.raises(ImportError) as caught:
        exec(statement, {})
    return caught.value


def old_module_imports(old: str) -> list[str]:
    if old in NAME_HELD:
        return [f"from {old} import {NAME_HELD[old]}"]
    parent, leaf = old.rsplit(".", 1)
    return [f"import {old}", f"from {old} import *", f"from {parent} import {leaf}"]


@pytest.mark.parametrize("old", sorted(MODULES_RENAMED_IN_0_3))
def test_a_renamed_module_is_named_where_it_went(old):
    new = MODULES_RENAMED_IN_0_3[old]
    for statement in old_module_imports(old):
        hint = renamed_module_hint(failing_import(statement))
        assert hint == f"`{old}` was renamed in sitegen 0.3: import `{new}` instead (README, Change log)", statement
    if new.startswith("tools/"):
        assert (ROOT / new.split()[0]).is_file()
    else:
        importlib.import_module(new)
    short = old.removeprefix("sitegen.")
    assert f"`{short}`" in CHANGE_LOG or f"`{old}`" in CHANGE_LOG, f"the change log does not give {old}"
    target = new.split()[0] if new.startswith("tools/") else new.rsplit(".", 1)[0]
    assert target in CHANGE_LOG or new.split(" ")[0] in CHANGE_LOG


@pytest.mark.parametrize("old", sorted(NAMES_MOVED_IN_0_3), ids="{0[0]}:{0[1]}".format)
def test_a_moved_name_is_named_where_it_went(old):
    module, name = old
    new = NAMES_MOVED_IN_0_3[old]
    try:
        holder, held = importlib.import_module(new), name  # the name, moved to this module
    except ImportError:
        holder, held = importlib.import_module(new.rsplit(".", 1)[0]), new.rsplit(".", 1)[1]  # moved and renamed
    assert hasattr(holder, held), f"{new} has no {held}"
    namespace: dict = {}
    try:
        exec(f"from {module} import {name}", namespace)
    except ImportError as error:
        assert renamed_module_hint(error) == (
            f"`{name}` of `{module}` is `{new}` since sitegen 0.3: import it from there (README, Change log)"
        )
    else:  # the old module still holds it, imported for its own use: the same thing
        assert namespace[name] is getattr(holder, held)
    assert re.search(rf"[`.]{re.escape(name)}[`(]", CHANGE_LOG), f"the change log does not give {name}"
    assert f"`{new.rsplit('.', 1)[0]}" in CHANGE_LOG or f"`{new}`" in CHANGE_LOG


@pytest.mark.parametrize("gone", sorted(NAMES_GONE_IN_0_4), ids="{0[0]}:{0[1]}".format)
def test_a_name_gone_in_0_4_says_what_to_write_instead(gone):
    module, name = gone
    advice = NAMES_GONE_IN_0_4[gone]
    assert not hasattr(importlib.import_module(module), name), f"{module}.{name} is still there"
    hint = renamed_module_hint(failing_import(f"from {module} import {name}"))
    assert hint == f"`{name}` of `{module}` is gone since sitegen 0.4: {advice} (README, Change log)"
    assert re.search(rf"[`.]{re.escape(name)}[`(]", CHANGE_LOG), f"the change log does not give {name}"
    for owner, attribute in re.findall(r"`(project|sitegen\.charts\.step)\.(\w+)", advice):  # what it says to use
        holder = Project if owner == "project" else importlib.import_module(owner)
        assert hasattr(holder, attribute) or attribute in Project.__dataclass_fields__, (owner, attribute)


def test_an_import_no_release_renamed_gets_no_hint():
    assert renamed_module_hint(failing_import("import sitegen.nowhere")) is None
    assert renamed_module_hint(failing_import("from sitegen.pages.plan import nothing_here")) is None
