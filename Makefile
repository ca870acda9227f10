# OfficeMgr — the README's two commands are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test test-slow lint format bench build dist dist-app dist-smoke clean

# (Re)install whenever pyproject.toml changes; the stamp keeps repeat runs instant.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/officemgr --sample

lint: $(STAMP)
	$(BIN)/ruff check src tests packaging
	$(BIN)/ruff format --check src tests packaging
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format src tests packaging
	$(BIN)/ruff check --fix src tests packaging

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# What `make test` leaves out: 100 kills during saves, the wheel installed from the index.
test-slow: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m slow

# The benchmark suite (not part of `make test`): `make bench BENCH_SCALE=2000` for a quick
# look, BENCH_BACKEND=postgresql on a throwaway local server, BENCH_ARGS for any other
# option (`make bench BENCH_ARGS=--help`).
BENCH_SCALE ?= 100000
BENCH_BACKEND ?= sqlite
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.benchmarks --customers $(BENCH_SCALE) \
		--backend $(BENCH_BACKEND) $(BENCH_ARGS)

build: $(STAMP)
	$(BIN)/python -m build --wheel --outdir dist

# The frozen one-folder app in dist/OfficeMgr/ (packaging/README.md), then its smoke test.
# PyInstaller runs in its own venv where OfficeMgr is installed from the wheel just built,
# so the app holds what the wheel holds and nothing of the dev tools.
VERSION    := $(shell $(PYTHON) packaging/app_version.py)
WHEEL      := dist/officemgr-$(VERSION)-py3-none-any.whl
DIST_VENV  := build/dist-venv
DIST_BIN   := $(DIST_VENV)/bin
dist: dist-app
	$(MAKE) dist-smoke

dist-app: build
	test -x $(DIST_BIN)/python || $(PYTHON) -m venv $(DIST_VENV)
	$(DIST_BIN)/python -m pip install --quiet --upgrade pip
	$(DIST_BIN)/python -m pip install --quiet "$(WHEEL)[dist]"
	$(DIST_BIN)/python -m pip install --quiet --force-reinstall --no-deps "$(WHEEL)"
	$(DIST_BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/officemgr.spec
	@du -sh dist/OfficeMgr

dist-smoke:
	$(PYTHON) packaging/smoke_test.py dist/OfficeMgr

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache src/*.egg-info
