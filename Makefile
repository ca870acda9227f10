# OfficeMgr — the README's two commands are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint format bench build dist clean

# (Re)install whenever pyproject.toml changes; the stamp keeps repeat runs instant.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/officemgr --sample

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# The benchmark suite (not part of `make test`): `make bench BENCH_SCALE=2000` for a quick
# look, BENCH_ARGS for any other option (`make bench BENCH_ARGS=--help`).
BENCH_SCALE ?= 100000
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.benchmarks --customers $(BENCH_SCALE) $(BENCH_ARGS)

build: $(STAMP)
	$(BIN)/python -m build --wheel --outdir dist

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache src/*.egg-info
