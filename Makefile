# Two commands on a fresh machine with Python 3.11+:
#   make run    set up, load the demo data, serve http://127.0.0.1:8000 with the Huey worker
#   make test   set up the development tools and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format migrate clean loadtest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files re-run pip only when the requirements change.
$(VENV)/.installed: $(BIN)/python requirements.txt
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

migrate: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput

# Ctrl-C sends SIGINT to every process of the terminal's group. runserver runs in
# the foreground so it gets it: a background job of a non-interactive shell ignores
# SIGINT, and runserver's autoreloader child then kept serving after make gave up.
# The worker stops on SIGINT by itself; whenever runserver ends, for any reason, the
# EXIT trap stops the worker too and waits for it, so make returns only when both are gone.
run: migrate
	$(BIN)/python manage.py seed_demo
	@echo "Serving http://$(HOST):$(PORT) with the Huey worker beside it. Ctrl-C stops both."
	@trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; trap 'exit 130' INT TERM; \
	$(BIN)/python manage.py run_huey --flush-locks & worker=$$!; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy ats config
	$(BIN)/python manage.py makemigrations --check --dry-run

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The whole stack under Locust (ats/loadtest/run.sh; PostgreSQL and Redis running):
#   make loadtest LOADTEST_SECONDS=15 LOADTEST_APPLICATIONS=4000
# Fails on any failed request or a p95 over 500 ms. Results: docs/performance.md.
LOADTEST_SECONDS ?= 60
LOADTEST_USERS ?= 50
LOADTEST_APPLICATIONS ?= 20000
loadtest: $(VENV)/.installed-dev
	LOADTEST_SECONDS=$(LOADTEST_SECONDS) LOADTEST_USERS=$(LOADTEST_USERS) \
	LOADTEST_APPLICATIONS=$(LOADTEST_APPLICATIONS) ats/loadtest/run.sh

clean:
	rm -rf $(VENV) var
