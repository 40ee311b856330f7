# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed
TEST_SETTINGS := cms.settings.test
# Where `make run` serves the demo; its site answers there, so printed addresses lead back to it.
ADDRESS ?= 127.0.0.1:8000

.PHONY: run test test-postgres lint install system-packages messages bench

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

## Debian packages the project needs: fonts, Chromium, poppler, HarfBuzz subsetting, gettext.
system-packages:
	./scripts/install-system-packages

## Compile both catalogue trees: the app's (notice_blocks/locale, whose .mo files are committed
## so that the package carries them) and the site's (locale, for cms/ and templates/).
## `make messages EXTRACT=1` first brings each tree's .po files in step with its own source.
messages: install
ifdef EXTRACT
	$(MANAGE) makemessages -a -v0 --ignore=.venv --ignore=tests --ignore=bench --ignore=docs \
		--ignore=notice_blocks
	cd notice_blocks && env -u DJANGO_SETTINGS_MODULE ../$(BIN)/django-admin makemessages -a -v0
endif
	$(MANAGE) compilemessages --ignore=.venv -v0

run: system-packages install messages
	$(MANAGE) migrate --no-input -v0
	$(MANAGE) load_demo_notices --address http://$(ADDRESS)
	$(MANAGE) create_demo_admin
	$(MANAGE) runserver $(ADDRESS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=$(TEST_SETTINGS) $(MANAGE) check
	DJANGO_SETTINGS_MODULE=$(TEST_SETTINGS) $(MANAGE) makemigrations --check --dry-run -v0

## The whole suite: lint, then pytest on SQLite, then on PostgreSQL the tests marked `postgres`
## (locking, constraints, JSON storage, transactions, database-specific queries).
test: system-packages install messages lint
	$(BIN)/pytest --ds=$(TEST_SETTINGS)
	$(MAKE) test-postgres

test-postgres: install
	DATABASE_URL=$${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/notices} $(BIN)/pytest --ds=$(TEST_SETTINGS) -p no:cacheprovider -m "postgres and not packaging"

## The benchmarks (see bench/README.md): PDF rendering against Chromium, pages under load
## against a bare WSGI app (wrk, the one Debian package only they need), publish to ready with
## RQ workers. Needs PostgreSQL and Redis on 127.0.0.1; each run is kept in bench/results/.
bench: system-packages install messages
	./scripts/install-system-packages wrk
	$(BIN)/python bench/run.py
