PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test test-fast bench lint fuzz clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/plans tui plans

test: $(VENV)/.installed-test
	$(BIN)/ruff check model tui tests
	$(BIN)/ruff format --check model tui tests
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q

# everything but the Textual app's tests (marker `app`): under a minute
test-fast: $(VENV)/.installed-test
	$(BIN)/ruff check model tui tests
	$(BIN)/ruff format --check model tui tests
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q -m "not app"

bench: $(VENV)/.installed-test
	$(BIN)/python tests/bench/run.py

fuzz: $(VENV)/.installed-test
	$(BIN)/python tests/fuzz/campaign.py

clean:
	rm -rf $(VENV) .pytest_cache .plans-cache
