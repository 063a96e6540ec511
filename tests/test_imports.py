"""The package's imports flow one way: no module imports, directly or through others, a
module that imports it back (imports inside functions count: they run too)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import sitegen

PACKAGE = Path(sitegen.__file__).parent


def module_name(path: Path) -> str:
    """sitegen/charts/step.py -> sitegen.charts.step; a package's __init__.py is the package."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path) -> set[str]:
    """The sitegen modules a file imports, anywhere in it (`from sitegen.charts import
    step` imports sitegen.charts.step)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in found if name in MODULES and MODULES[name].stem != "__init__"}


def import_graph() -> dict[str, set[str]]:
    return {name: imports_of(path) for name, path in MODULES.items() if path.stem != "__init__"}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each module that sits on one (depth-first search)."""
    found, done = [], set()

    def visit(node: str, path: list[str]) -> None:
        if node in path:
            found.append(path[path.index(node) :] + [node])
            return
        if node in done:
            return
        for target in sorted(graph.get(node, ())):
            visit(target, path + [node])
        done.add(node)

    for node in sorted(graph):
        visit(node, [])
    return found


def test_cycle_finder_finds_a_planted_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_package_has_no_import_cycle():
    graph = import_graph()
    assert len(graph) > 10 and any(graph.values())  # the walk saw the package
    assert cycles(graph) == []


def test_the_package_imports_no_report_content():
    """Chart modules, build_charts.py and the tests are the report's and the project's;
    the package reaches the report only through the folders its Project names."""
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        names |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        assert not {n for n in names if n.split(".")[0] in ("build_charts", "tests", "bench", "conftest")}, path.name


def mentions(text: str, name: str) -> bool:
    """Han names anywhere; Latin names as whole words ("Meta" is not in "metadata"), and
    lower-case ids in any case ("kuaishou" is in "Kuaishou")."""
    if not name.isascii():
        return name in text
    flags = re.IGNORECASE if name.islower() else 0
    return bool(re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, flags))


def test_the_package_names_nothing_of_this_report():
    """No company or person of this report's glossary in the generator: those are the
    report's content (strings, data, charts/), so the package serves the next report."""
    import yaml
    from conftest import REPORT

    glossary = yaml.safe_load((REPORT.content_dir / "glossary.yml").read_text(encoding="utf-8"))
    names = {entry["zh"] for entry in glossary} | {entry["en"] for entry in glossary}
    names |= {short for entry in glossary for short in entry.get("short", [])}
    # ...and this report's ids: its charts and datasets, and the names in its data.
    names |= set(REPORT.chart_ids()) | {
        p.name.removesuffix(".schema.yml") for p in REPORT.data_dir.glob("*.schema.yml")
    }
    strings = yaml.safe_load((REPORT.content_dir / "strings" / "en.yml").read_text(encoding="utf-8"))
    names |= set(strings["data"]["labels"])
    assert {"Kuaishou", "kuaishou", "market-cap"} <= names
    found = {}
    # The starter report (sitegen/starter/) is a report, content like this one: not scanned.
    package_files = [
        p
        for p in PACKAGE.rglob("*")
        if p.suffix in (".py", ".j2", ".html", ".css", ".yml") and "starter" not in p.relative_to(PACKAGE).parts
    ]
    assert len(package_files) > 30
    for path in sorted(package_files):
        text = path.read_text(encoding="utf-8")
        hits = sorted(n for n in names if len(n) > 1 and mentions(text, n))
        if hits:
            found[path.relative_to(PACKAGE).as_posix()] = hits
    assert found == {}


# Issue 26: a module that grows past this holds more than one job; split it by job.
MODULE_LINES = 400


def test_no_module_of_the_package_is_over_400_lines():
    long = {
        name: n
        for name, path in MODULES.items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MODULE_LINES
    }
    assert long == {}, f"modules over {MODULE_LINES} lines: {long}; split each by the jobs it holds"


def test_nothing_in_the_package_is_dead_code():
    """vulture, as `make check` runs it (pyproject.toml's [tool.vulture]): a function,
    class or constant nothing reads, the tests included, is deleted, not kept."""
    result = subprocess.run(
        [sys.executable, "-m", "vulture"], cwd=PACKAGE.parent, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
