# One command to set up and serve the site, one to set up and pass the tests:
#   make serve      (or `make build` for a strict static build in site/)
#   make test
# Both create .venv and install what they need on first use: Python packages only (`.[site]` to
# build and serve, `.[test]` for the tests; no Node.js or npm), and for the browser tests Debian's
# chromium via apt-get when it is missing.

VENV     ?= .venv
PY       := $(VENV)/bin/python
CHROMIUM := /usr/lib/chromium/chromium
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup setup-test serve serve-full build test lint check chromium clean

setup: $(VENV)/.site-installed

setup-test: $(VENV)/.test-installed

# What building and serving need: MkDocs, Material and the catalog package (pip install -e '.[site]').
$(VENV)/.site-installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[site]'
	touch $@

# ... and what the tests need on top (pytest, Playwright, axe-core from axe-playwright-python).
$(VENV)/.test-installed: $(VENV)/.site-installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# Development mode: after an edit only the changed pages are made again (a paper page when its
# entry changes; the taxonomy, category pages, search index and data files always). Related-paper
# lists on other paper pages and Material's prose search refresh on a full rebuild: `make serve-full`.
serve: setup
	$(VENV)/bin/mkdocs serve --strict --dirty -a 127.0.0.1:8000

serve-full: setup
	$(VENV)/bin/mkdocs serve --strict -a 127.0.0.1:8000

build: setup
	$(VENV)/bin/mkdocs build --strict

check: setup
	$(VENV)/bin/catalog check

chromium:
	@test -x $(CHROMIUM) || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# The linter and the formatter's check first (ruff, configured in pyproject.toml), then every test,
# on two processes (pytest-xdist; a test file stays on one, so its module fixtures are built once;
# the session's built sites are built once per process).
test: setup-test chromium lint
	$(VENV)/bin/pytest -n 2 --dist loadfile

lint: setup-test
	$(VENV)/bin/ruff check src hooks tests bench
	$(VENV)/bin/ruff format --check src hooks tests bench

# Rewrites the code in the house format (what `make lint` checks).
.PHONY: format
format: setup-test
	$(VENV)/bin/ruff format src hooks tests bench

# The fast subset (under a minute): no Chromium, no site build, so no chromium needed either.
.PHONY: test-fast
test-fast: setup-test lint
	$(VENV)/bin/pytest -m "not browser"

clean:
	rm -rf site $(VENV)
