# Two commands do all the set-up on a fresh machine with Python 3.11 and the package registries:
#   make demo   start the system with Yuxi demo data on SQLite (http://127.0.0.1:8000, PORT overrides)
#   make test   run the whole suite, browser tests included (DATABASE_URL=postgres://... for PostgreSQL)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: demo test lint browser-deps clean

$(BIN)/.runtime-installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(BIN)/.test-installed: requirements-test.txt $(BIN)/.runtime-installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

demo: $(BIN)/.runtime-installed
	PORT=$(PORT) scripts/demo.sh

# Debian's chromium drives the browser tests; installed when missing and when we are root.
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else echo "Browser tests need Debian's chromium: sudo apt-get install chromium fonts-noto-cjk"; exit 1; fi; \
	fi

lint: $(BIN)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(BIN)/.test-installed browser-deps lint
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=sqjz.settings_test
	$(BIN)/pytest

clean:
	rm -rf $(VENV) data .pytest_cache
