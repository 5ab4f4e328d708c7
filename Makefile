# The two commands of the README. Each makes (or refreshes) the environment first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo example test core env lint postgresql bench-env

# setup.py and the .pyx/.pxd: the compiled twins (setup.py's COMPILED) are rebuilt with the venv
$(BIN)/variorum: pyproject.toml setup.py $(shell find src -name '*.pyx' -o -name '*.pxd')
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

AXE := $(VENV)/node_modules/axe-core/axe.min.js
ESLINT := $(VENV)/node_modules/.bin/eslint

env: $(BIN)/variorum $(AXE) $(ESLINT) /usr/bin/chromium /usr/bin/soffice /usr/bin/pdftotext

# The second test run needs PostgreSQL's server programs (initdb, pg_ctl, postgres): on
# PATH, or from Debian's postgresql package (/usr/lib/postgresql/<major>/bin).
postgresql:
	@command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; }

# The browser tests drive Debian's Chromium (Playwright's own browser downloads are not
# used) and inject axe-core, from the npm registry, into the published page.
/usr/bin/chromium:
	DEBIAN_FRONTEND=noninteractive apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# The Word files Variorum writes are checked as a person would open them: LibreOffice
# (headless) converts each to PDF, and poppler's pdftotext and pdftoppm read the pages.
/usr/bin/soffice:
	DEBIAN_FRONTEND=noninteractive apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer

/usr/bin/pdftotext:
	DEBIAN_FRONTEND=noninteractive apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils

# What the benchmarks need beyond the tests' environment: the peers of the bench extra
# (pyproject.toml) and pandoc, the DOCX peer of bench_fidelity.py (a Debian package).
bench-env: env /usr/bin/pandoc
	$(BIN)/pip install --quiet -e '.[bench]'

/usr/bin/pandoc:
	DEBIAN_FRONTEND=noninteractive apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends pandoc

$(AXE): | $(BIN)/variorum
	command -v npm >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; }
	npm install --silent --no-audit --no-fund --prefix $(VENV) axe-core@4.14.1

# ESLint, from the npm registry, lints the browser scripts (eslint.config.mjs).
$(ESLINT): | $(AXE)
	npm install --silent --no-audit --no-fund --prefix $(VENV) eslint@10.16.0 @eslint/js@10.0.1 globals@17.15.0

# The main job: the authoring web app with the built-in example loaded, signed in through
# a one-time link (opened in the browser when there is one). Ctrl+C stops it.
demo: $(BIN)/variorum
	$(BIN)/variorum demo

# The command-line job on the built-in example (the Code of Conduct, 2011 -> 2015): the change
# statistics in the terminal, the redline as a standalone page, and the annotated
# analysis published as a static site.
example: $(BIN)/variorum
	mkdir -p out
	$(BIN)/variorum compare --example icoc --stat || [ $$? -eq 1 ]
	$(BIN)/variorum compare --example icoc -o out/icoc-2011-2015.html || [ $$? -eq 1 ]
	rm -rf out/icoc-site
	$(BIN)/variorum publish --example icoc -o out/icoc-site
	@echo "Open out/icoc-2011-2015.html (the redline) or out/icoc-site/index.html (the annotated analysis) in a browser."

# The core tier, for development: the model, the engine, the text formats and annotations
# (no browser, database, LibreOffice or Dask): 527 tests, about two minutes of CPU.
CORE := tests/test_align.py tests/test_cleanup.py tests/test_compare.py tests/test_document.py \
	tests/test_kept_runs.py tests/test_links.py tests/test_tokens.py tests/test_output.py \
	tests/test_speedups.py tests/test_wordops.py tests/test_tokendiff.py tests/test_compiled_tokens.py \
	tests/test_boundaries.py tests/test_settings.py tests/properties tests/annotations \
	tests/render/test_golden.py tests/render/test_text_formats.py tests/render/test_html.py \
	tests/render/test_moved_edits.py tests/render/test_moved_sentences.py
# Run again without the compiled modules (scripts/without_compiled.py), the core tier proves
# the pure-Python path that a machine without a C compiler runs, golden files included: a
# pair of up to 5,000 tokens a side gets the same minimal diff on both paths.
PURE := $(CORE)

core: $(BIN)/variorum
	VARIORUM_DATA_DIR="$$(mktemp -d)" $(BIN)/pytest -q $(CORE)

# All tests (and the linters, the layout check and the type checker), exactly as CI runs them.
# The web app's tests keep their secret key in a fresh data folder, never the user's.
# The suite runs on SQLite, then the tests that reach the database (marked "database":
# tests/web and tests/browser/app) again on a throwaway PostgreSQL server that
# scripts/with_postgres.py starts in a temporary folder and removes afterwards.
test: env postgresql
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python scripts/lint_js.py
	$(BIN)/mypy
	VARIORUM_DATA_DIR="$$(mktemp -d)" $(BIN)/pytest -q
	VARIORUM_DATA_DIR="$$(mktemp -d)" $(BIN)/python scripts/without_compiled.py -q $(PURE)
	VARIORUM_DATA_DIR="$$(mktemp -d)" $(BIN)/python scripts/with_postgres.py -- $(BIN)/pytest -q -m database
