# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed
TEST_SETTINGS := cms.settings.test

.PHONY: run test test-postgres lint install system-packages messages bench-pdf

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

## Debian packages the project needs: fonts, Chromium, poppler, HarfBuzz subsetting, gettext.
system-packages:
	./scripts/install-system-packages

messages: install
	$(MANAGE) compilemessages --ignore=.venv -v0

run: system-packages install messages
	$(MANAGE) migrate --no-input -v0
	$(MANAGE) load_demo_notices
	$(MANAGE) create_demo_admin
	$(MANAGE) runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=$(TEST_SETTINGS) $(MANAGE) check
	DJANGO_SETTINGS_MODULE=$(TEST_SETTINGS) $(MANAGE) makemigrations --check --dry-run -v0

## The whole suite: lint, then pytest on SQLite, then pytest on PostgreSQL.
test: system-packages install messages lint
	$(BIN)/pytest --ds=$(TEST_SETTINGS)
	$(MAKE) test-postgres

test-postgres: install
	DATABASE_URL=$${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/notices} $(BIN)/pytest --ds=$(TEST_SETTINGS) -p no:cacheprovider

## Time the notice PDFs against headless Chromium, and serving a stored one (see bench/README.md).
bench-pdf: install
	DJANGO_SETTINGS_MODULE=$(TEST_SETTINGS) $(BIN)/python bench/pdf.py
