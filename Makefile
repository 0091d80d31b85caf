# Two commands matter: `make run` (install and start the web app) and `make test`
# (install what the tests need and run lint, types and the whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test test-date lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/backcoach serve

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

# The fast suite (no browser) with the clock moved by faketime: no test may depend on the
# day or the time it runs. CI runs it on a moment it picks and prints, e.g.
# `TZ=Europe/London make test-date DATE='2026-03-29 00:59:30'`.
DATE ?= 2028-02-29 23:59:30
test-date: $(VENV)/.dev-installed
	faketime '$(DATE)' $(BIN)/pytest -m "not browser"

bench: $(VENV)/.dev-installed
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
