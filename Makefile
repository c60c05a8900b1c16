# Yantao — the commands a developer and CI use. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
CHECK_DB := $(CURDIR)/var/alembic-check.db

.PHONY: install system-packages run test lint format typecheck migrations-check audit check bench bench-full clean

$(VENV)/.installed: pyproject.toml
	@bash scripts/install-system-packages.sh dev
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip setuptools
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

## Set up, migrate, load the demo into an empty database, serve on http://$(HOST):$(PORT)
run: install
	$(BIN)/yantao db upgrade
	$(BIN)/yantao demo --if-empty
	$(BIN)/yantao serve --host $(HOST) --port $(PORT)

## The whole test suite, in one worker process per core (pytest-xdist; each worker has its own
## databases); with YANTAO_TEST_DATABASE_URL set, the database tests run on PostgreSQL too.
test: install
	$(BIN)/pytest -n auto

## Side-by-side measurements (see docs/performance.md) at a reduced size, under 10 minutes on 2 cores;
## prints the tables, writes benchmarks/results/. PostgreSQL is measured when it answers
## ($$YANTAO_BENCH_POSTGRESQL_URL, default the local server's database yantao_bench, dropped and made anew).
bench: install
	$(BIN)/python -m benchmarks

## The same at a province's size: 100,000 meetings, 1,000,000 speeches, 1,000 minutes exported.
bench-full: install
	$(BIN)/python -m benchmarks --full

## ruff (lint, format) and the layers of docs/architecture.md (import-linter, contracts in pyproject.toml)
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: install
	$(BIN)/mypy app tests migrations benchmarks

## Migrations build the schema from empty and match the models (no drift).
migrations-check: install
	@mkdir -p var && rm -f $(CHECK_DB)
	YANTAO_DATABASE_URL=sqlite:///$(CHECK_DB) $(BIN)/alembic upgrade head
	YANTAO_DATABASE_URL=sqlite:///$(CHECK_DB) $(BIN)/alembic check
	@rm -f $(CHECK_DB)

## Known vulnerabilities in the installed packages (pip-audit; see docs/security.md).
audit: install
	$(BIN)/python scripts/audit_dependencies.py

check: lint typecheck migrations-check audit test

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
