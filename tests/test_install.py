"""What a fresh Debian machine is asked to install, and whether the pins install there.

tools/system_packages.sh runs here with a PATH holding only fakes: an `apt-get` that
records what it is asked for, an `id` that says who we are, and whichever of chromium,
its headless shell, java, node, npm, linkchecker and pdftotext the case says are
present; the CJK font, Pango and the Latin serifs are files that exist or not, as the
case says.
"""

from __future__ import annotations

import subprocess
from importlib import metadata
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tools" / "system_packages.sh"
TEST_COMMANDS = ("chromium", "chromium-headless-shell", "java", "node", "npm", "linkchecker", "pdftotext")
STOCK_DEBIAN_12_PYTHON = Version("3.11.2")


def _fake(path: Path, body: str) -> Path:
    path.write_text(f"#!/bin/bash\n{body}\n")
    path.chmod(0o755)
    return path


def run_install(
    tmp_path: Path, step: str, present: set[str], *, venv=True, font=True, pango=True, subset=True, serifs=None, uid=0
):
    """Run the script for `step`; return (exit code, stderr, the apt-get calls it made).
    `font`: the CJK font is there; `serifs`: the Latin serif files are (default: as `font`)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "apt-calls"
    _fake(bin_dir / "apt-get", f'echo "$*" >> {calls}')
    _fake(bin_dir / "id", f"echo {uid}")
    for command in present:
        _fake(bin_dir / command, "exit 0")
    python = _fake(tmp_path / "python", "exit 0" if venv else "exit 1")
    font_file = tmp_path / "NotoSansCJK-Regular.ttc"
    if font:
        font_file.write_bytes(b"")
    pango_file = tmp_path / "libpangoft2-1.0.so.0"
    if pango:
        pango_file.write_bytes(b"")
    subset_file = tmp_path / "libharfbuzz-subset.so.0"
    if subset:
        subset_file.write_bytes(b"")
    serif_files = {name: tmp_path / f"{name}.ttf" for name in ("DEJAVU_SERIF_FILE", "LIBERATION_SERIF_FILE")}
    if font if serifs is None else serifs:
        for path in serif_files.values():
            path.write_bytes(b"")
    result = subprocess.run(
        ["/bin/bash", str(SCRIPT), step],
        env={
            "PATH": str(bin_dir),
            "PYTHON": str(python),
            "CJK_FONT_FILE": str(font_file),
            "PANGO_FILE": str(pango_file),
            "HB_SUBSET_FILE": str(subset_file),
            **{name: str(path) for name, path in serif_files.items()},
        },
        capture_output=True,
        text=True,
    )
    asked = calls.read_text().splitlines() if calls.exists() else []
    return result.returncode, result.stderr, asked


def installed_packages(asked: list[str]) -> list[str]:
    """The package names of the one `apt-get install` call."""
    installs = [call.split() for call in asked if call.split()[0] == "install"]
    assert len(installs) == 1, asked
    return [word for word in installs[0][1:] if not word.startswith("-")]


def test_nothing_missing_never_calls_apt(tmp_path):
    code, _, asked = run_install(tmp_path, "test", set(TEST_COMMANDS))
    assert (code, asked) == (0, [])


def test_npm_present_linkchecker_missing_asks_for_linkchecker_only(tmp_path):
    code, _, asked = run_install(tmp_path, "test", set(TEST_COMMANDS) - {"linkchecker"})
    assert code == 0
    assert asked[0].startswith("update")
    assert installed_packages(asked) == ["linkchecker"]


def test_node_without_npm_asks_for_npm_only(tmp_path):
    code, _, asked = run_install(tmp_path, "test", set(TEST_COMMANDS) - {"npm"})
    assert code == 0
    assert installed_packages(asked) == ["npm"]


def test_build_asks_for_no_test_tool(tmp_path):
    code, _, asked = run_install(tmp_path, "build", set(), venv=False, font=False, pango=False, subset=False)
    assert code == 0
    assert installed_packages(asked) == ["python3-venv", "fonts-noto-cjk", "libpangoft2-1.0-0", "libharfbuzz-subset0"]


def test_build_without_pango_asks_for_pango_only(tmp_path):
    code, _, asked = run_install(tmp_path, "build", set(), pango=False)
    assert code == 0
    assert installed_packages(asked) == ["libpangoft2-1.0-0"]


def test_build_with_venv_and_font_calls_nothing(tmp_path):
    code, _, asked = run_install(tmp_path, "build", set())
    assert (code, asked) == (0, [])


def test_fresh_machine_test_step_asks_for_everything_missing(tmp_path):
    code, _, asked = run_install(tmp_path, "test", set(), venv=False, font=False, pango=False, subset=False)
    assert code == 0
    assert installed_packages(asked) == [
        "python3-venv",
        "fonts-noto-cjk",
        "libpangoft2-1.0-0",
        "libharfbuzz-subset0",
        "chromium",
        "chromium-headless-shell",
        "default-jre-headless",
        "nodejs",
        "npm",
        "linkchecker",
        "poppler-utils",
        "fonts-dejavu-core",
        "fonts-liberation",
    ]


def test_the_test_step_asks_for_the_latin_serifs_the_layout_is_measured_in(tmp_path):
    code, _, asked = run_install(tmp_path, "test", set(TEST_COMMANDS), serifs=False)
    assert code == 0
    assert installed_packages(asked) == ["fonts-dejavu-core", "fonts-liberation"]


def test_the_build_step_needs_no_latin_serif(tmp_path):
    code, _, asked = run_install(tmp_path, "build", set(), serifs=False)
    assert (code, asked) == (0, [])


def test_without_root_names_exactly_the_missing_packages(tmp_path):
    code, stderr, asked = run_install(tmp_path, "test", set(TEST_COMMANDS) - {"java", "linkchecker"}, uid=1000)
    assert code == 1
    assert asked == []
    assert stderr.strip().splitlines() == [
        "Missing Debian packages for 'test'. Run: sudo apt-get install default-jre-headless linkchecker"
    ]


def _pinned(requirements: Path) -> list[str]:
    names = []
    for line in requirements.read_text().splitlines():
        line = line.strip()
        if line.startswith("-r "):
            names += _pinned(requirements.parent / line[3:])
        elif line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"{requirements.name}: {line} is not pinned exactly"
            names.append(name)
    return names


@pytest.mark.parametrize("requirements", ["requirements.txt", "requirements-test.txt"])
def test_every_pin_installs_on_stock_debian_12_python(requirements):
    """Each pinned package's Requires-Python (from the installed metadata) admits 3.11.2."""
    refused = {}
    for name in _pinned(ROOT / requirements):
        requires = metadata.metadata(name).get("Requires-Python")
        if requires and STOCK_DEBIAN_12_PYTHON not in SpecifierSet(requires):
            refused[name] = requires
    assert refused == {}


def test_the_pages_workflow_builds_with_make_and_publishes_site_with_site_url():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    build = workflow["jobs"]["build"]
    assert build["container"].startswith("debian:")
    steps = {step.get("name") or step.get("uses") or step.get("id"): step for step in build["steps"]}
    assert steps["Build"]["run"] == "make build"
    assert steps["Build"]["env"]["SITE_URL"].endswith("/")
    upload = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    assert "deploy" in workflow["jobs"]
