"""The blocking chat (`tally ask`'s, chat_blocking.py) against the simulator: for every scenario
of the three wire formats it yields what the asyncio chat yields, event for event, with the same
error and message; and its own timeouts, closing and proxies work."""

from __future__ import annotations

from contextlib import closing

import pytest

from desktop_app.core.chat_blocking import stream_chat_blocking
from desktop_app.core.errors import DeadlineExceeded, FirstByteTimeout, IdleTimeout
from desktop_app.core.events import ChatEvent, Finish, Retrying, TextDelta
from desktop_app.core.network.blocking_clients import BlockingClientPool
from desktop_app.core.settings.keys import KeyResolver, KeyStore, proxy_entry
from desktop_app.core.settings.providers_file import Provider
from desktop_app.simulator import Simulator, anthropic_scenarios, gemini_scenarios, scenarios
from tests.support.servers.proxy_servers import SIMULATOR_HOST, HttpProxy
from tests.support.streams.anthropic_helpers import anthropic_provider
from tests.support.streams.chat_helpers import (
    Outcome,
    ask,
    collect,
    collect_blocking,
    sim_provider,
)
from tests.support.streams.gemini_helpers import gemini_provider

# Scenarios that wait for a timeout are below, with short ones; sim-slow is sim-normal, slowly.
LEFT_OUT = {"sim-keepalive-forever", "sim-hang-midstream", "sim-hang-headers", "sim-slow"}
EXTRA = ["sim-error-401", "sim-error-503", "sim-flaky-503-1", "sim-flaky-drop-1"]


def cases() -> list[tuple[str, str]]:
    found = []
    for kind, table in (
        ("openai", scenarios.SCENARIOS),
        ("anthropic", anthropic_scenarios.SCENARIOS),
        ("gemini", gemini_scenarios.SCENARIOS),
    ):
        found += [(kind, model) for model in [*sorted(table), *EXTRA] if model not in LEFT_OUT]
    return found


def provider_of(kind: str, simulator: Simulator) -> Provider:
    if kind == "anthropic":
        return anthropic_provider(simulator)
    if kind == "gemini":
        return gemini_provider(simulator)
    return sim_provider(simulator)


def seen(outcome: Outcome) -> tuple[list[ChatEvent], str | None, str | None, object]:
    """What a reply showed, less the random part of each retry's wait."""
    events = [
        Retrying(e.attempt, 0.0, e.reason) if isinstance(e, Retrying) else e for e in outcome.events
    ]
    error = outcome.error
    if error is None:
        return events, None, None, None
    return events, type(error).__name__, str(error), error.partial


@pytest.mark.parametrize(("kind", "model"), cases())
def test_every_scenario_reads_as_the_async_chat_reads_it(
    simulator: Simulator, kind: str, model: str
) -> None:
    provider = provider_of(kind, simulator)
    chat = ask(model, "Hello there")
    expected = seen(collect(provider, simulator.api_key, chat))
    simulator.reset()  # the flaky scenarios count their requests
    got = seen(collect_blocking(provider, simulator.api_key, chat))
    assert got == expected
    assert got[0] or got[1]  # something came: events, or an error


def test_hang_before_headers_is_a_first_byte_timeout(simulator: Simulator) -> None:
    provider = sim_provider(simulator, first_byte=0.3)
    outcome = collect_blocking(provider, simulator.api_key, ask("sim-hang-headers"))
    assert isinstance(outcome.error, FirstByteTimeout)
    assert "0.3 s" in str(outcome.error)
    assert outcome.of(Retrying) == []


def test_hang_mid_answer_is_an_idle_timeout_not_the_first_bytes(simulator: Simulator) -> None:
    # The first byte's limit is long: only the idle one, applied to the body, can end this.
    provider = sim_provider(simulator, idle=0.3, first_byte=60)
    outcome = collect_blocking(provider, simulator.api_key, ask("sim-hang-midstream"))
    assert isinstance(outcome.error, IdleTimeout)
    assert "0.3 s" in str(outcome.error)
    assert outcome.text
    assert outcome.error.partial.text == outcome.text
    assert simulator.wait_for_disconnect(timeout=5)


def test_keep_alive_flood_ends_at_the_total_deadline(simulator: Simulator) -> None:
    provider = sim_provider(simulator, idle=0.3, total=1.0)
    outcome = collect_blocking(provider, simulator.api_key, ask("sim-keepalive-forever"))
    assert isinstance(outcome.error, DeadlineExceeded)
    assert "1 s" in str(outcome.error)
    assert len(outcome.events) > 5


def test_closing_the_generator_early_closes_the_connection(simulator: Simulator) -> None:
    with BlockingClientPool() as clients:
        stream = stream_chat_blocking(
            clients, sim_provider(simulator), simulator.api_key, ask("sim-slow")
        )
        with closing(stream) as events:
            first = next(event for event in events if isinstance(event, TextDelta))
        assert first.text
        assert simulator.wait_for_disconnect(timeout=5)


def test_a_providers_http_proxy_with_its_password_from_the_keyring(simulator: Simulator) -> None:
    KeyStore().set(proxy_entry("sim"), "pr0xy-S3cret")
    with HttpProxy(credentials=("alice", "pr0xy-S3cret")) as proxy:
        target = Provider(
            id="sim",
            name="Simulator",
            kind="openai",
            base_url=f"http://{SIMULATOR_HOST}:{simulator.port}/v1",
            proxy=f"http://alice@{proxy.url_host}",
        )
        with BlockingClientPool(KeyResolver().proxy_password) as clients:
            events = list(
                stream_chat_blocking(clients, target, simulator.api_key, ask("sim-normal"))
            )
    assert "".join(e.text for e in events if isinstance(e, TextDelta)).startswith("## Simulated")
    assert isinstance(events[-1], Finish)
    (forwarded,) = proxy.forwarded
    assert (forwarded.user, forwarded.allowed) == ("alice", True)


def test_a_wrong_proxy_password_is_said_and_never_shown(simulator: Simulator) -> None:
    KeyStore().set(proxy_entry("sim"), "not-the-password")
    with HttpProxy(credentials=("alice", "pr0xy-S3cret")) as proxy:
        target = Provider(
            id="sim",
            name="Simulator",
            kind="openai",
            base_url=f"http://{SIMULATOR_HOST}:{simulator.port}/v1",
            proxy=f"http://alice@{proxy.url_host}",
        )
        outcome = collect_blocking(target, simulator.api_key, ask("sim-normal"))
    assert outcome.error is not None
    assert "user name and password" in str(outcome.error)
    assert "not-the-password" not in str(outcome.error)
