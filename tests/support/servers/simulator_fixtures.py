"""Pytest fixtures for the loopback simulator: one server per session, reset for every test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

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
