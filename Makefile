# The two commands of the README. Each makes (or refreshes) the environment first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: example test env lint

$(BIN)/variorum: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

env: $(BIN)/variorum

# The main job on the built-in example: the 2011 -> 2015 Code of Conduct redline,
# in the terminal and as a standalone page.
example: env
	mkdir -p out
	$(BIN)/variorum compare --example icoc -o out/icoc-2011-2015.html || [ $$? -eq 1 ]
	$(BIN)/variorum compare --example icoc --stat || [ $$? -eq 1 ]
	@echo "Open out/icoc-2011-2015.html in a browser to read the redline."

# All tests (and the linter), exactly as CI runs them.
test: env
	$(BIN)/ruff check .
	$(BIN)/pytest -q
