# make serve   install, build, and serve on http://127.0.0.1:8000 with live reload
# make test    the whole test suite (installs what it needs first)
# make check   the fast loop: lint, format, types, layers, dead code, unit tests (about a minute)
# make build   write the static site to site/
# make charts  render the chart PNGs only (build_charts.py --help for options)
# make bench   time the build, reloads, charts, page weight and Lighthouse (bench/run.py)
# make contract  write README's data contract tables again from the models (sitegen/model/)

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Reproducible builds: a fixed date for the sitemap (overridable).
export SOURCE_DATE_EPOCH ?= 1735689600
# Material prints an end-of-life banner on every build; README.md covers the migration.
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

TEST_STAMP := $(VENV)/.installed-test
# Debian packages, checked one need at a time and installed only when missing:
# tools/system_packages.sh build (venv, CJK font) or test (adds Chromium, Java, Node, npm,
# linkchecker).
SYSTEM_PACKAGES := PYTHON=$(PYTHON) bash tools/system_packages.sh
# npm packages (Lighthouse, vnu-jar), pinned exactly in package-lock.json. No install
# scripts: vnu-jar's would download a JDK; the machine's Java runs the jar.
NODE_STAMP := node_modules/.installed

.PHONY: install install-test system-deps system-deps-test build serve test check charts bench contract clean

# The pinned dependencies, then the generator itself (pyproject.toml: the sitegen package
# and its `report` MkDocs plugin), editable so that edits to it take effect at once.
$(STAMP): requirements.txt pyproject.toml | system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# The build backend of pyproject.toml's [build-system], kept as a wheel file for
# tests/test_wheel.py, which builds the package's wheel offline.
BUILD_BACKEND := setuptools==80.9.0
BUILD_WHEELS := $(VENV)/build-wheels

$(TEST_STAMP): requirements-test.txt $(STAMP) | system-deps-test
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	$(BIN)/pip download --quiet --disable-pip-version-check --no-deps --dest $(BUILD_WHEELS) $(BUILD_BACKEND)
	touch $(TEST_STAMP)

# Material prints its end-of-life notice on every mkdocs run, hand-run ones too: a .pth
# file in the venv sets NO_MKDOCS_2_WARNING=1 for every Python the venv starts (run
# `NO_MKDOCS_2_WARNING= .venv/bin/mkdocs build` to see the notice).
QUIET_MATERIAL := $(VENV)/.quiet-material
$(QUIET_MATERIAL): | $(STAMP)
	$(BIN)/python -c 'import pathlib, sysconfig; pathlib.Path(sysconfig.get_path("purelib"), "sitegen_quiet_material.pth").write_text("import os; os.environ.setdefault(\"NO_MKDOCS_2_WARNING\", \"1\")\n")'
	touch $(QUIET_MATERIAL)

install: system-deps $(STAMP) $(QUIET_MATERIAL)

install-test: system-deps-test $(TEST_STAMP) $(NODE_STAMP) $(QUIET_MATERIAL)

$(NODE_STAMP): package.json package-lock.json | system-deps-test
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

system-deps:
	@$(SYSTEM_PACKAGES) build

system-deps-test:
	@$(SYSTEM_PACKAGES) test

build: install
	$(BIN)/mkdocs build --strict

serve: build
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

charts: install
	$(BIN)/python build_charts.py

# Every core: the tests on the report at the repository root in one worker, one after
# another (tests/conftest.py, ON_THE_REPORT), the rest beside them, a file at a time.
test: install-test
	$(BIN)/python -m pytest -n auto --dist loadgroup

# Before every commit: what can be checked without building the site.
check: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/vulture
	$(BIN)/python -m pytest -m unit -q -n auto --dist loadgroup

# README's data contract reference, generated from the models that check the files.
contract: install
	$(BIN)/python -m sitegen contract README.md

bench: install-test
	$(BIN)/python -m bench.run

clean:
	rm -rf site .cache docs/zh docs/en docs/data
