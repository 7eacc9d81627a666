# One command to set up and serve the site, one to set up and pass the tests:
#   make serve      (or `make build` for a strict static build in site/)
#   make test
# Both create .venv and install what they need on first use (Python packages; for the browser
# tests, Debian's chromium via apt-get when it is missing).

VENV     ?= .venv
PY       := $(VENV)/bin/python
CHROMIUM := /usr/lib/chromium/chromium
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve serve-full build test check chromium clean

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# Browser libraries vendored into the site (MiniSearch for the search page), from package-lock.json.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Development mode: after an edit only the changed pages are re-rendered (a paper page when its
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

test: setup chromium
	$(VENV)/bin/pytest

clean:
	rm -rf site $(VENV)
