# Two commands do all the set-up on a fresh machine with Python 3.11 and the package registries:
#   make demo   start the system with Yuxi demo data on SQLite (http://127.0.0.1:8000, PORT overrides)
#   make test   run the whole suite, browser tests included (DATABASE_URL=postgres://... for PostgreSQL)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: demo test lint audit font-deps browser-deps clean

$(BIN)/.runtime-installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(BIN)/.test-installed: requirements-test.txt $(BIN)/.runtime-installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

demo: $(BIN)/.runtime-installed font-deps
	PORT=$(PORT) scripts/demo.sh

# Debian packages, installed when missing and when we are root: the CJK font the PDF documents are set in,
# and chromium for the browser tests.
font-deps:
	@if ! fc-list 2>/dev/null | grep -q "Noto Serif CJK"; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk fontconfig >/dev/null; \
	  else echo "PDF documents need the CJK font: sudo apt-get install fonts-noto-cjk"; exit 1; fi; \
	fi

browser-deps: font-deps
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Browser tests need Debian's chromium: sudo apt-get install chromium"; exit 1; fi; \
	fi

lint: $(BIN)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit -c pyproject.toml -r sqjz bench scripts manage.py --severity-level medium --quiet

# Known vulnerabilities in the pinned dependencies. pip-audit needs a vulnerability database (PyPI's JSON API or
# OSV) that these machines cannot reach: run it where one is, e.g. before a release. Installed on demand, not pinned.
audit: $(BIN)/.test-installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check pip-audit
	$(BIN)/pip-audit --strict -r requirements.txt -r requirements-test.txt

test: $(BIN)/.test-installed browser-deps lint
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=sqjz.settings_test
	$(BIN)/pytest

clean:
	rm -rf $(VENV) data .pytest_cache
