"""Material's end-of-life notice is not printed on a hand-run mkdocs (README: Versions);
the venv's sitegen_quiet_material.pth, written by `make install`, sets
NO_MKDOCS_2_WARNING=1 unless the editor sets it, empty, to see the notice."""

from __future__ import annotations

import os
import subprocess
import sys

NOTICE = "end of life"
# What Material's templates/__init__.py does when `mkdocs` loads the theme.
AS_MKDOCS = "import sys; sys.argv[0] = 'mkdocs'; import material.templates"


def run(env: dict) -> str:
    return subprocess.run([sys.executable, "-c", AS_MKDOCS], env=env, capture_output=True, text=True, timeout=60).stderr


def test_a_hand_run_mkdocs_prints_no_material_notice():
    env = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}
    assert NOTICE not in run(env)


def test_the_editor_can_still_ask_for_the_notice():
    assert NOTICE in run(dict(os.environ, NO_MKDOCS_2_WARNING=""))
