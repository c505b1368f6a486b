# Cluster CRM: `make run` sets up and starts everything; `make test` sets up and runs the suite.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt requirements-nodeps.txt | cksum | cut -d' ' -f1)

.PHONY: fuzz run test lint format migrate demo messages bench check-migrations check-schema clean

$(STAMP): requirements.txt requirements-dev.txt requirements-nodeps.txt
	@test -x $(PY) || { PYBIN=$$(bin/find-python) && echo "Creating $(VENV) with $$PYBIN" && "$$PYBIN" -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -r requirements-nodeps.txt
	@rm -f $(VENV)/.installed-* && touch $@

migrate: $(STAMP)
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

run: demo
	PORT=$(PORT) $(PY) manage.py devrun

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(STAMP)
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

check-migrations: $(STAMP)
	$(PY) manage.py makemigrations --check --dry-run

# The OpenAPI document must generate without warnings and validate.
check-schema: $(STAMP)
	$(PY) manage.py spectacular --validate --fail-on-warn --file /dev/null

# Schema fuzzing with new random examples each time (CI runs a fixed set): FUZZ_EXAMPLES=200 make fuzz
FUZZ_EXAMPLES ?= 50
fuzz: $(STAMP)
	FUZZ_RANDOM=1 FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest tests/test_schema_fuzz.py $(PYTEST_ARGS)

# Needs GNU gettext; the compiled catalogues are committed so that `make run` does not.
messages: $(STAMP)
	$(PY) manage.py makemessages --locale zh_Hans --no-obsolete --no-location --ignore '.venv/*' --ignore 'var/*'
	$(PY) manage.py compilemessages --locale zh_Hans --ignore '.venv/*'

# Timings at park scale, on a database of their own (var/bench.sqlite3 unless BENCH_DATABASE_URL is set).
BENCH_SCALE ?= 100000
BENCH_DATABASE_URL ?= sqlite:///$(CURDIR)/var/bench.sqlite3
bench: $(STAMP)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py bench --scale $(BENCH_SCALE)

clean:
	rm -rf $(VENV) var staticfiles
