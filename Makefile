# MAG Portal: `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The embedded SQLite database and a development key for a first local run.
RUN_ENV := DEBUG=true

.PHONY: install run test lint migrate sample clean

$(BIN)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "MAG Portal needs Python 3.11 or newer; set PYTHON=python3.11 (or newer).")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.installed

migrate: install
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput

# The seed summary report, imported and published; running it again changes nothing.
SEED_REPORT := fixtures/reports/mag-virtual-meeting-vi-2016-08-30.docx

sample: migrate
	$(RUN_ENV) $(BIN)/python manage.py import_report $(SEED_REPORT) --publish --replace

run: sample
	$(RUN_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache

# --- Production hardening ----------------------------------------------------
# Production: settings from the environment or .env (SECRET_KEY, ALLOWED_HOSTS,
# DATABASE_URL, SECURE_PROXY_SSL_HEADER...; see README "Running in production").
serve-prod: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/gunicorn --config gunicorn.conf.py

# Gunicorn with the production settings on the loopback, 32 connections for
# 60 s; LOADTEST_ARGS e.g. --duration 10 --url / --url /admin/login/
loadtest: install
	$(BIN)/python -m loadtest $(LOADTEST_ARGS)

# Restart a private PostgreSQL cluster (port 5433, created if missing) under
# load and report the errors and the recovery time.
chaos: install
	$(BIN)/python -m loadtest.chaos $(CHAOS_ARGS)
.PHONY: serve-prod loadtest chaos

# Performance benchmark: about 3-9 minutes; needs PostgreSQL on 127.0.0.1 and `wrk`
# (apt-get install wrk; a Python load client is used without it). Writes benchmarks/results.md.
$(BIN)/.installed-bench: $(BIN)/.installed
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	touch $@

.PHONY: bench
bench: $(BIN)/.installed-bench
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# The decision recogniser alone: confusion matrix and misread sentences of the labelled set (seconds).
.PHONY: bench-decisions
bench-decisions: install
	$(BIN)/python benchmarks/recogniser.py

# Mutation testing (mutmut) of the rules that protect users: mutation/modules.toml names each module
# and the tests that defend it. MUTATE=decisions,save for some; results in .mutation/.
$(BIN)/.installed-mutation: $(BIN)/.installed
	$(BIN)/pip install --quiet -e '.[dev,mutation]'
	touch $@

.PHONY: mutate
mutate: $(BIN)/.installed-mutation
	nice -n 15 $(BIN)/python -m mutation.run $(MUTATE) $(MUTATE_ARGS)
