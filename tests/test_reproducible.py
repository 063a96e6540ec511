"""Reproducible builds: two clean checkouts at different paths build byte-identical sites,
and a build with every chart cached gives the same site as a first build.

Each build runs on a clean copy of the working tree (bench.run.clean_copy: no generated
pages, no chart cache), never on the report at the root, so this file runs beside the
tests that build the root report (tests/conftest.py: ON_THE_REPORT). One of the two is
the session's deployed_site, built the same way in another folder."""

from __future__ import annotations

import filecmp
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import DEPLOYED_SITE_URL

from bench.run import clean_copy


def build_clean(workdir: Path) -> Path:
    """A first build of the working tree as git sees it (no docs/<lang>/, docs/data/ or
    chart cache), copied into workdir/repo, for DEPLOYED_SITE_URL: workdir/site."""
    tree, out = clean_copy(workdir / "repo"), workdir / "site"
    env = dict(os.environ, SOURCE_DATE_EPOCH="1735689600", NO_MKDOCS_2_WARNING="1", SITE_URL=DEPLOYED_SITE_URL)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def tree_differences(a: Path, b: Path) -> list[str]:
    files_a = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    differences = [f"only in one build: {name}" for name in sorted(set(files_a) ^ set(files_b))]
    for name in sorted(set(files_a) & set(files_b)):
        if not filecmp.cmp(a / name, b / name, shallow=False):
            differences.append(f"differs: {name}")
    return differences


def test_two_clean_builds_are_byte_identical(deployed_site, tmp_path):
    # Two copies at different paths, each with no generated pages: the session's
    # (conftest.py: a clean copy, built for the same SITE_URL after built_site, so with
    # every chart already drawn) and a first build, with no chart cache. A first build
    # writes its pages while the charts are drawn and fills in their sizes after
    # (sitegen/charts/manifest.py: to_come); a build with every chart cached writes them
    # with their sizes known: the two sites are the same.
    first = deployed_site.root
    assert "drew " not in deployed_site.log  # every chart was in the cache
    second = build_clean(tmp_path / "second-build")
    assert tree_differences(first, second) == []
    assert any(first.rglob("*.html.br")) and any(first.rglob("*.css.gz"))  # the copies were compared too
    # The sitemap's dates come from SOURCE_DATE_EPOCH (2025-01-01), not the build's clock.
    sitemap = (first / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {"2025-01-01"}
