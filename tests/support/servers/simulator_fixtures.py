"""Pytest fixtures for the loopback simulator: one server per session, reset for every test;
and the simulator as the data folder's one provider."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.core import paths
from desktop_app.core.settings.keys import KeyStore
from desktop_app.simulator import Simulator


@pytest.fixture(scope="session")
def simulator_server() -> Iterator[Simulator]:
    """One simulator for the whole session; tests should use `simulator` instead."""
    with Simulator() as server:
        yield server


@pytest.fixture
def simulator(simulator_server: Simulator) -> Iterator[Simulator]:
    """The session's simulator with its requests, counters and flaky scenarios reset."""
    simulator_server.reset()
    yield simulator_server
    if simulator_server.server_errors:
        pytest.fail("The simulator itself failed:\n" + "\n".join(simulator_server.server_errors))


@pytest.fixture
def relay(simulator: Simulator, data_dir: Path) -> Simulator:
    """The simulator as the data folder's one provider ("sim", named Relay), its key in the
    keyring: what `tally` commands ask."""
    data_dir.mkdir(parents=True, exist_ok=True)
    paths.providers_file().write_text(
        f'[[provider]]\nid = "sim"\nname = "Relay"\nbase_url = "{simulator.base_url}"\n',
        encoding="utf-8",
    )
    assert simulator.api_key is not None
    KeyStore().set("sim", simulator.api_key)
    return simulator
