# lvzhi — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8000

.PHONY: run serve test install install-dev lint lock vendor messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-base: requirements/base.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/base.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: requirements/dev.txt $(VENV)/.installed-base
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	touch $@

install: $(VENV)/.installed-base
install-dev: $(VENV)/.installed-dev

## make run: install, migrate, load demo data into an empty database, serve on 127.0.0.1:$(PORT)
## with the job worker (imports, large exports) beside it; Ctrl-C stops both
run: install
	DEBUG=$${DEBUG:-1} $(BIN)/lvzhi migrate --no-input
	DEBUG=$${DEBUG:-1} $(BIN)/lvzhi demo --if-empty
	DEBUG=$${DEBUG:-1} $(BIN)/lvzhi db_worker --no-reload --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; trap 'exit 130' INT TERM; \
	DEBUG=$${DEBUG:-1} $(BIN)/lvzhi runserver 127.0.0.1:$(PORT)

## make serve: the production start (DEBUG off; needs SECRET_KEY and ALLOWED_HOSTS):
## migrate, collectstatic, gunicorn on $(BIND) or 127.0.0.1:$(PORT)
serve: install
	$(BIN)/lvzhi serve

## make test: install test tools, run the whole suite (browser tests included)
## (LATE="flushes" leaves the browser tests out of the second run, e.g. where they already ran
## on the other database)
LATE ?= e2e or flushes
## (LATE_PATHS limits the second run to these test files, e.g. the database-specific ones)
LATE_PATHS ?=
test: install-dev
	@# Browser tests and other committing tests (backup, row locks) run on their own: they
	@# flush the test database, and with it the rows data migrations seeded for later tests.
	DJANGO_SETTINGS_MODULE=lvzhi.test_settings $(BIN)/python -m pytest -m "not e2e and not flushes" $(PYTEST_ARGS)
	DJANGO_SETTINGS_MODULE=lvzhi.test_settings $(BIN)/python -m pytest -m "$(LATE)" $(PYTEST_ARGS) $(LATE_PATHS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## make lock: re-resolve the pinned requirements from pyproject.toml
lock: install-dev
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -o requirements/base.txt
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements/dev.txt

## make vendor: refresh the front-end files under static/vendor from the npm registry
vendor:
	bash scripts/vendor.sh

## make messages: extract translatable strings and compile the catalogues
messages: install-dev
	cd src/lvzhi && ../../$(BIN)/lvzhi makemessages -l zh_Hans -l en --no-obsolete
	$(BIN)/python scripts/compile_messages.py

clean:
	rm -rf $(VENV) data/*.sqlite3
