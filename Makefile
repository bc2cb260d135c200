# Everything a fresh Linux machine needs: `make run` and `make test` create .venv and install first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: run test lint typecheck imports pytest bench refresh-prices clean translations
.PHONY: package package-test install-desktop

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(INSTALLED)

# The window's languages: Tally's .ts sources compiled, Qt's own (standard buttons, file
# dialogs) copied from PySide6, all beside the sources in resources/translations (not committed).
TRANSLATIONS := resources/translations
TALLY_QM := $(patsubst %.ts,%.qm,$(wildcard $(TRANSLATIONS)/tally_*.ts))
QT_QM := $(TRANSLATIONS)/qtbase_zh_CN.qm $(TRANSLATIONS)/qtbase_zh_TW.qm

translations: $(TALLY_QM) $(QT_QM)

$(TRANSLATIONS)/tally_%.qm: $(TRANSLATIONS)/tally_%.ts $(INSTALLED)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

$(TRANSLATIONS)/qtbase_%.qm: $(INSTALLED)
	cp "$$($(BIN)/python -c 'from PySide6.QtCore import QLibraryInfo as L;		print(L.path(L.LibraryPath.TranslationsPath))')/qtbase_$*.qm" $@

run: $(INSTALLED) translations
	$(BIN)/tally

test: lint typecheck imports pytest

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(INSTALLED)
	$(BIN)/mypy

imports: $(INSTALLED)
	$(BIN)/lint-imports

pytest: $(INSTALLED) translations
	$(BIN)/pytest

bench: $(INSTALLED)
	$(BIN)/python benchmarks/sse_decoder.py

# The bundled price catalog from a genai-prices release (VERSION=x.y.z, default: the pinned one).
refresh-prices: $(INSTALLED)
	$(BIN)/python tools/refresh_prices.py $(if $(VERSION),--version $(VERSION))

# The double-click app (packaging/README.md): PyInstaller goes into .venv only for these.
PACKAGING := $(VENV)/.packaging
APP_VERSION := $(shell sed -n 's/^version = "\(.*\)"$$/\1/p' pyproject.toml)
TARBALL := dist/Tally-$(APP_VERSION)-linux-$(shell uname -m).tar.gz

$(PACKAGING): $(INSTALLED)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,package]'
	touch $(PACKAGING)

# dist/Tally/ (and dist/Tally.app on macOS); on Linux also the tarball of dist/Tally/.
package: $(PACKAGING) translations
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build \
		packaging/tally.spec
ifeq ($(shell uname -s),Linux)
	tar --sort=name --owner=0 --group=0 --numeric-owner -C dist -czf $(TARBALL) Tally
	@du -sh dist/Tally $(TARBALL)
endif

# Builds, then starts the built app: window, spending view, `ask` from the simulator, keyring.
package-test: package
	$(BIN)/python packaging/smoke_test.py

# The applications-menu entry and icons for this user, running the built app in dist/Tally.
install-desktop:
	@test -x dist/Tally/Tally || { echo "no built app in dist/Tally: run make package"; exit 1; }
	dist/Tally/install-desktop

clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .ruff_cache .pytest_cache .hypothesis
