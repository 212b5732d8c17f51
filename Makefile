# b2bwatch: `make run` serves the site on the embedded default; `make test` runs the suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: install run test lint migrate samples worker beat

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# axe-core, which the browser tests inject to check accessibility, from the npm registry at
# the version package-lock.json pins. Without npm the site works and that test is skipped.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the accessibility test will be skipped (apt-get install npm)"; fi

install: $(VENV)/.installed node_modules/.installed

migrate: install
	$(PY) manage.py migrate --noinput

# Imports and publishes the sample documents (a demo needs no review step); a file that
# cannot be read is kept and reported, and does not stop the site from starting.
samples: migrate
	-$(PY) manage.py import --samples --publish

# Debug is off unless asked for (`DEBUG=1 make run`): the site's own 404 and 500 pages,
# static files served by WhiteNoise as in production.
run: samples
	DEBUG=$${DEBUG:-0} $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .

worker: install
	$(VENV)/bin/celery -A b2bwatch worker --loglevel=INFO

beat: install
	$(VENV)/bin/celery -A b2bwatch beat --loglevel=INFO
