"""The generator works installed, not only from a checkout: its wheel, installed into a
fresh virtual environment, starts a new report and builds it, from a folder outside the
checkout. The wheel must carry every subpackage, the templates, the theme and the
starter report; a file left out shows here as an import error or a failed build."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_the_wheel_installed_elsewhere_starts_and_builds_a_report(tmp_path):
    # Built from a copy of the project's files (a build writes build/ and *.egg-info
    # beside its source), with the backend `make install-test` downloaded (offline).
    source, wheels = tmp_path / "source", tmp_path / "wheels"
    shutil.copytree(ROOT / "sitegen", source / "sitegen", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "pyproject.toml", source / "pyproject.toml")
    backend = Path(sys.prefix) / "build-wheels"
    made = run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--no-deps",
        "--no-index",
        "--find-links",
        backend,
        "--wheel-dir",
        wheels,
        source,
        cwd=tmp_path,
    )
    assert made.returncode == 0, made.stderr
    wheel = next(wheels.glob("sitegen-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    packaged = set(names)
    for path in ROOT.joinpath("sitegen").rglob("*"):
        relative = path.relative_to(ROOT).as_posix()
        if path.is_file() and "__pycache__" not in relative and not path.name.startswith("."):
            if (
                not relative.startswith("sitegen/starter/docs/")
                and "/site/" not in relative
                and "/.cache/" not in relative
            ):
                assert relative in packaged, f"{relative} is not in the wheel"

    assert imports_are_required(zipfile.ZipFile(wheel)) == []

    # A fresh venv that sees the pinned dependencies of the project's own venv (no
    # download: the tests run offline) but not its editable sitegen, and the wheel in it.
    # No pip of its own (ensurepip costs 4 s): this venv's pip installs into it (--python).
    venv = tmp_path / "venv"
    assert run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path).returncode == 0
    python = venv / "bin" / "python"
    site_packages = Path(
        run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path).stdout.strip()
    )
    ours = Path(sysconfig.get_paths()["purelib"])
    (site_packages / "project-dependencies.pth").write_text(f"{ours}\n", encoding="utf-8")
    installed = run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--quiet",
        "--no-deps",
        "--no-index",
        wheel,
        cwd=tmp_path,
    )
    assert installed.returncode == 0, installed.stderr

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SITE_URL")}
    env.update(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1735689600")
    where = run(python, "-c", "import sitegen; print(sitegen.__file__)", cwd=elsewhere, env=env)
    assert Path(where.stdout.strip()).is_relative_to(site_packages), where.stdout + where.stderr
    new = run(python, "-m", "sitegen", "new", "my-report", cwd=elsewhere, env=env)
    assert new.returncode == 0, new.stderr
    assert (elsewhere / "my-report" / "docs").is_dir() and (elsewhere / "my-report" / ".gitignore").is_file()
    built = run(python, "-m", "mkdocs", "build", "--strict", "-f", "my-report/mkdocs.yml", cwd=elsewhere, env=env)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    for page in ("index.html", "01.html", "en/02.html", "data.html"):
        assert (elsewhere / "my-report" / "site" / page).is_file(), page
    theme = elsewhere / "my-report" / "site" / "assets" / "stylesheets" / "report.css"
    assert theme.is_file()  # the package's theme layer came from the wheel
    site = elsewhere / "my-report" / "site"
    assert len(list(site.glob("charts/*.png"))) >= 8 and len(list(site.glob("en/charts/*.webp"))) >= 8
    assert (site / "report.pdf").read_bytes().startswith(b"%PDF") and (site / "en" / "report.pdf").is_file()


def imports_are_required(wheel: zipfile.ZipFile) -> list[str]:
    """Each module the wheel's code imports from another distribution, unless that
    distribution is one of the wheel's Requires-Dist: what a `pip install` of the wheel
    would leave out (weasyprint was, and an installed wheel's first build stopped)."""
    metadata = next(name for name in wheel.namelist() if name.endswith(".dist-info/METADATA"))
    required = {
        normal(re.split(r"[ ;<>=!~\[]", line.split(":", 1)[1].strip())[0])
        for line in wheel.read(metadata).decode("utf-8").splitlines()
        if line.startswith("Requires-Dist:")
    }
    distributions = packages_distributions()
    missing = set()
    for name in wheel.namelist():
        if not name.endswith(".py") or "/starter/" in name:
            continue
        for node in ast.walk(ast.parse(wheel.read(name))):
            modules = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            for module in modules:
                top = module.split(".")[0]
                if top in sys.stdlib_module_names or top == "sitegen":
                    continue
                owners = {normal(d) for d in distributions.get(top, [top])}
                if not owners & required:
                    missing.add(f"{name} imports {top} ({', '.join(sorted(owners))}), not in Requires-Dist")
    return sorted(missing)


def normal(distribution: str) -> str:
    return re.sub(r"[-_.]+", "-", distribution).lower()
