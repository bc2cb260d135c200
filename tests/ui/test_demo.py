"""The offline Demo provider: the simulator in-process, started and stopped with the app."""

from __future__ import annotations

import logging

import httpx
import pytest

from desktop_app.ui.demo import DEMO_ID, Demo


def test_demo_serves_its_models_and_stops_quietly(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    demo = Demo(token_delay=0)
    provider = demo.start()
    assert demo.start() is provider  # starting twice is harmless
    assert provider.id == DEMO_ID
    assert "simulated" in provider.name
    assert not provider.needs_key
    assert all(model in provider.prices for model in provider.models)
    with httpx.Client() as client:  # a kept-alive connection is open when the demo stops
        listed = client.get(f"{provider.base_url}/models").json()
        assert set(provider.models) <= {m["id"] for m in listed["data"]}
        demo.stop()
    assert demo.provider is None
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
