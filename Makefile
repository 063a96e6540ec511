# make serve   install, build, and serve on http://127.0.0.1:8000 with live reload
# make test    the whole test suite (installs what it needs first)
# make build   write the static site to site/
# make charts  render the chart PNGs only (build_charts.py --help for options)
# make bench   time the build, reloads, charts, page weight and Lighthouse (bench/run.py)

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

# Debian packages the build and tests need: the CJK font for charts, Chromium for
# browser tests, Java for the HTML checker, Node for Lighthouse and the checker's jar,
# linkchecker for the link gate.
SYSTEM_PACKAGES := python3-venv chromium fonts-noto-cjk default-jre-headless nodejs npm linkchecker
SYSTEM_CHECK := $(PYTHON) -c 'import ensurepip, venv' 2>/dev/null && test -x /usr/bin/chromium \
  && test -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc && command -v java >/dev/null \
  && command -v npm >/dev/null && command -v linkchecker >/dev/null
# npm packages (Lighthouse, vnu-jar), pinned exactly in package-lock.json. No install
# scripts: vnu-jar's would download a JDK; the machine's Java runs the jar.
NODE_STAMP := node_modules/.installed

.PHONY: install system-deps build serve test charts bench clean

$(STAMP): requirements.txt | system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

install: system-deps $(STAMP)

$(NODE_STAMP): package.json package-lock.json | system-deps
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

system-deps:
	@if ! ( $(SYSTEM_CHECK) ); then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian packages: $(SYSTEM_PACKAGES)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	  else \
	    echo "Missing system packages. Run: sudo apt-get install $(SYSTEM_PACKAGES)"; exit 1; \
	  fi; \
	fi

build: install
	$(BIN)/mkdocs build --strict

serve: build
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

charts: install
	$(BIN)/python build_charts.py

test: install $(NODE_STAMP)
	$(BIN)/python -m pytest

bench: install $(NODE_STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf site .cache docs/zh docs/en docs/data
