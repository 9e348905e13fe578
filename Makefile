# The two commands: `make run` and `make test`. Every target creates .venv as needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
STAMP := $(VENV)/.installed
PG_TEST_URL ?= postgresql://postgres@127.0.0.1:5432/test
PORT ?= 8000

.PHONY: run test test-sqlite test-postgres lint fmt bench clean venv

# `make run` installs what serving needs; the test and lint tools come with `make test`.
$(RUN_STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $(RUN_STAMP)

$(STAMP): $(RUN_STAMP)
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

run: $(RUN_STAMP)
	DEMO_MODE=$${DEMO_MODE:-true} $(BIN)/thidua db upgrade
	DEMO_MODE=$${DEMO_MODE:-true} $(BIN)/thidua demo --if-empty
	DEMO_MODE=$${DEMO_MODE:-true} $(BIN)/thidua serve --host 127.0.0.1 --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check app tests bench alembic
	$(BIN)/ruff format --check app tests bench alembic
	$(BIN)/lint-imports

fmt: $(STAMP)
	$(BIN)/ruff check --fix app tests bench alembic
	$(BIN)/ruff format app tests bench alembic

# The whole suite on SQLite (API, services, web, browser, schemathesis, migrations),
# then the database-facing suites again on PostgreSQL. PostgreSQL missing = failure.
test: lint test-sqlite test-postgres

test-sqlite: $(STAMP)
	@echo "=== suite on SQLite ==="
	TEST_DATABASE=sqlite $(BIN)/pytest -p no:cacheprovider tests

test-postgres: $(STAMP)
	@echo "=== API, services and migrations on PostgreSQL ==="
	TEST_DATABASE=postgresql TEST_POSTGRES_URL=$(PG_TEST_URL) $(BIN)/pytest -p no:cacheprovider tests/api tests/services tests/migrations

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var/*.db var/*.db-*
