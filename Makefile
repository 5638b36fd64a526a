# Chemin faisant — the two commands: `make run` (demo on SQLite) and `make test` (the whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# uv installs the locked dependencies in seconds; INSTALLER=pip uses plain pip instead.
INSTALLER ?= uv
UV_VERSION := 0.13.9
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev browser lint format migrations messages lock clean bench bench-reporting

run: install
	@mkdir -p var
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true $(PY) manage.py load_referentials
	DEBUG=true $(PY) manage.py seed_demo
	DEBUG=true $(PY) manage.py schedule_retention
	DEBUG=true $(PY) manage.py schedule_prescriber_digest --site-url http://$(HOST):$(PORT)
	@echo "Chemin faisant est servi sur http://$(HOST):$(PORT)/ (Ctrl+C pour arrêter)"
	@# The background worker (reminders, exports, the nightly anonymisation) runs next to the server and stops with it.
	DEBUG=true $(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

# The suite runs on every core (pytest-xdist); TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= auto
test: install-dev browser
	$(BIN)/pytest --numprocesses $(TEST_WORKERS) $(PYTEST_ARGS)

install: $(VENV)/.installed-base
install-dev: $(VENV)/.installed-dev

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 ou plus récent est nécessaire (PYTHON=$(PYTHON))."; exit 1; }
	$(PYTHON) -m venv $(VENV)

define install_requirements
	@if [ "$(INSTALLER)" = "uv" ]; then \
		$(PY) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)" \
		&& $(BIN)/uv pip install --quiet --python $(PY) --require-hashes -r $(1); \
	else \
		$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r $(1); \
	fi
endef

$(VENV)/.installed-base: requirements/base.txt | $(PY)
	$(call install_requirements,requirements/base.txt)
	@touch $@

$(VENV)/.installed-dev: requirements/dev.txt | $(PY)
	$(call install_requirements,requirements/dev.txt)
	@touch $@ $(VENV)/.installed-base

# The browser tests drive Debian's Chromium; install it when missing and we are allowed to.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = "0" ]; then \
			echo "Installation de Chromium (apt-get)…"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "Chromium manque : sudo apt-get install chromium (les tests navigateur échoueront sans lui)."; \
		fi; }

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations: install-dev
	DEBUG=true $(PY) manage.py makemigrations

# Apps with their own locale/ folder keep their catalogue; the project catalogue (locale/) holds the rest.
APP_LOCALES := $(wildcard chemin/*/locale)
messages: install-dev
	DEBUG=true $(PY) manage.py makemessages --locale fr --no-obsolete --add-location file \
		--ignore ".venv/*" --ignore "var/*" --ignore "tests/*" $(foreach d,$(APP_LOCALES),--ignore "$(patsubst %/locale,%,$(d))/*")
	@for d in $(APP_LOCALES); do \
		(cd $$(dirname $$d) && DJANGO_SETTINGS_MODULE=config.settings_test PYTHONPATH=$(CURDIR) \
			$(CURDIR)/$(BIN)/django-admin makemessages --locale fr --no-obsolete --add-location file) || exit 1; \
	done
	DEBUG=true $(PY) manage.py compilemessages --locale fr --ignore ".venv/*"

# Matching benchmark on the configured database (DATABASE_URL, else SQLite); needs load_referentials.
bench: install
	$(PY) manage.py bench_matching

# Agreement report benchmark on the configured database (DATABASE_URL, else SQLite); needs
# load_referentials then seed_demo --scale (once per database: a few minutes on PostgreSQL).
bench-reporting: install
	$(PY) manage.py bench_reporting

# Re-pin the dependencies after editing pyproject.toml.
lock: install-dev
	$(BIN)/uv pip compile --python $(PY) pyproject.toml -o requirements/base.txt --generate-hashes --no-header -q
	$(BIN)/uv pip compile --python $(PY) pyproject.toml --extra dev -o requirements/dev.txt --generate-hashes --no-header -q

clean:
	rm -rf $(VENV) var/staticfiles
