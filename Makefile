# Ruimtelijke Kijk — one vocabulary for setting up, testing, packaging and the demo.
# Everything runs on the system Python that QGIS uses.

PYTHON  := /usr/bin/python3
SHELL   := /bin/bash
SOURCES := plugin.py $(wildcard dialogs/*.py provider/*.py shell/*.py layers/*.py layouts/*.py)
DEMO_OUT ?= demo-output
DEMO_SIZE ?= small
export QT_QPA_PLATFORM ?= offscreen

.PHONY: deps test test-core test-qgis lint translations ts package smoke demo bench clean

deps:
	@scripts/deps.sh

test: deps lint translations test-core test-qgis smoke

# The QGIS-free rooms, with qgis and Qt made unimportable.
test-core: deps
	RK_NO_QGIS=1 $(PYTHON) -m pytest -p no:pytest_qgis -p no:cacheprovider -q tests/core

# The QGIS shell under pytest-qgis, headless, in a throw-away QGIS profile.
test-qgis: deps translations
	QGIS_CUSTOM_CONFIG_PATH=$$(mktemp -d) $(PYTHON) -m pytest -p no:cacheprovider -q \
	  --qgis_disable_gui tests/qgis

lint: deps
	$(PYTHON) -m ruff check .
	$(PYTHON) scripts/check_conventions.py

# English is the source language; Dutch is compiled from the committed .ts.
translations: deps
	@for ts in i18n/*.ts; do lrelease -silent "$$ts" -qm "$${ts%.ts}.qm"; done

# Refresh the .ts from the code after adding or changing tr() strings.
ts:
	pylupdate5 -noobsolete $(SOURCES) -ts i18n/ruimtelijke_kijk_nl.ts

package: translations
	@$(PYTHON) scripts/package.py

smoke: deps translations
	scripts/smoke.sh

demo: deps translations
	$(PYTHON) scripts/demo.py --out $(DEMO_OUT) --size $(DEMO_SIZE)

bench: deps
	@for script in bench/bench_*.py; do echo "== $$script"; $(PYTHON) "$$script" || exit 1; done

clean:
	rm -rf dist $(DEMO_OUT) i18n/*.qm
