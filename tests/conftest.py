"""Shared fixtures: a fresh data directory per test; the simulator."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["tests.simulator_fixtures"]


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app's data directory at a fresh temporary folder."""
    path = tmp_path / "tally-data"
    monkeypatch.setenv("TALLY_DATA_DIR", str(path))
    return path
