"""Shared fixtures: a fresh data directory and an in-memory keyring per test; the simulator."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from desktop_app.core import paths
from desktop_app.core.history.store import HistoryStore
from tests.support.memory_keyring import MemoryKeyring

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# English and dollars, whatever the machine's locale (tests of Chinese set their own): before Qt
# starts, which reads the locale once.
for _variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
    os.environ.pop(_variable, None)
os.environ["LANG"] = "C.UTF-8"

pytest_plugins = [
    "tests.support.mounts",
    "tests.support.servers.simulator_fixtures",
    "tests.support.ui.qt_fixtures",
    "tests.support.ui.window_helpers",
    "tests.support.ui.gui_thread_guard",
]


@pytest.fixture(autouse=True)
def collect_garbage_on_the_main_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """As the app does (desktop_app/ui/main_thread_gc.py): no cyclic collection on the
    simulator's thread, where freeing a Qt object leaves its timers behind and crashes Qt."""
    gc.disable()
    yield
    gc.enable()
    if "qapp" in request.fixturenames:  # only Qt tests leave Qt objects behind
        gc.collect()


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app's data directory at a fresh temporary folder."""
    path = tmp_path / "tally-data"
    monkeypatch.setenv("TALLY_DATA_DIR", str(path))
    return path


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Replace the OS keyring with an in-memory one for the test."""
    previous: KeyringBackend = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def store() -> Iterator[HistoryStore]:
    """A history store on a fresh file in the test's data directory, closed afterwards."""
    with HistoryStore(paths.history_db()) as opened:
        yield opened
