"""Chats streamed from the simulator through real proxies on loopback: a provider's own HTTP or
SOCKS5 proxy with its password from the keyring, the proxy variables, the system's settings;
clear errors for a wrong password or a proxy that is down, and never the password in them.
The simulator is reached by a name only the proxies know, so an answer proves the proxy carried
it. Certificates (a private CA, a CA bundle): test_network_tls.py."""

from __future__ import annotations

import asyncio
import logging
import urllib.request
from contextlib import aclosing

import pytest

from desktop_app.core.chat import RetryPolicy, make_client, stream_chat
from desktop_app.core.conversation import Conversation
from desktop_app.core.errors import ConnectTimeout, ProviderError, ProviderUnreachable
from desktop_app.core.network.clients import ClientPool, Clients
from desktop_app.core.session import ChatSession
from desktop_app.core.settings.keys import KeyResolver, KeyStore, proxy_entry
from desktop_app.core.settings.providers_file import Provider, Timeouts
from desktop_app.simulator import Simulator
from tests.support.servers.local_servers import full_backlog_port
from tests.support.servers.proxy_servers import (
    SIMULATOR_HOST,
    Forwarder,
    HttpProxy,
    SocksProxy,
    clear_proxy_variables,
    non_loopback_address,
    socks_failure_leaks_tolerated,
)
from tests.support.streams.chat_helpers import FAST_RETRY, Outcome, ask

PASSWORD = "pr0xy-S3cret"
NO_RETRY = RetryPolicy(attempts=1)


@pytest.fixture(autouse=True)
def no_machine_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    clear_proxy_variables(monkeypatch)
    monkeypatch.setattr(urllib.request, "getproxies", urllib.request.getproxies_environment)


def provider(
    simulator: Simulator,
    *,
    proxy: str | None = None,
    host: str = SIMULATOR_HOST,
    scheme: str = "http",
) -> Provider:
    return Provider(
        id="sim",
        name="Simulator",
        kind="openai",
        base_url=f"{scheme}://{host}:{simulator.port}/v1",
        proxy=proxy,
    )


async def stream(
    clients: Clients, target: Provider, key: str | None, retry: RetryPolicy
) -> Outcome:
    outcome = Outcome()
    try:
        async with aclosing(
            stream_chat(clients, target, key, ask("sim-normal"), retry=retry)
        ) as events:
            async for event in events:
                outcome.events.append(event)
    except ProviderError as exc:
        outcome.error = exc
    return outcome


def chat(target: Provider, key: str | None, retry: RetryPolicy = NO_RETRY) -> Outcome:
    """One answer through the app's client pool, proxy passwords read from the keyring."""

    async def body() -> Outcome:
        async with ClientPool(KeyResolver().proxy_password) as pool:
            return await stream(pool, target, key, retry)

    return asyncio.run(body())


def answered(outcome: Outcome) -> None:
    assert outcome.error is None, outcome.error
    assert outcome.text.startswith("## Simulated answer")


def test_a_providers_http_proxy_with_its_password_from_the_keyring(simulator: Simulator) -> None:
    KeyStore().set(proxy_entry("sim"), PASSWORD)
    with HttpProxy(credentials=("alice", PASSWORD)) as proxy:
        outcome = chat(
            provider(simulator, proxy=f"http://alice@{proxy.url_host}"), simulator.api_key
        )
    answered(outcome)
    (forwarded,) = proxy.forwarded
    assert forwarded.method == "POST"
    assert forwarded.target == f"http://{SIMULATOR_HOST}:{simulator.port}/v1/chat/completions"
    assert (forwarded.user, forwarded.allowed) == ("alice", True)
    assert simulator.requests[-1].path == "/v1/chat/completions"


def test_a_providers_socks5_proxy_with_user_and_password(simulator: Simulator) -> None:
    KeyStore().set(proxy_entry("sim"), PASSWORD)
    with SocksProxy(credentials=("bob", PASSWORD)) as proxy:
        outcome = chat(
            provider(simulator, proxy=f"socks5://bob@{proxy.url_host}"), simulator.api_key
        )
    answered(outcome)
    (forwarded,) = proxy.forwarded
    assert (forwarded.target, forwarded.user) == (f"{SIMULATOR_HOST}:{simulator.port}", "bob")


def test_the_session_streams_through_the_pool(simulator: Simulator) -> None:
    with SocksProxy() as proxy:
        target = provider(simulator, proxy=f"socks5h://{proxy.url_host}")
        conversation = Conversation()

        async def body() -> None:
            keys = KeyResolver()
            async with ClientPool(keys.proxy_password) as pool:
                session = ChatSession(conversation, pool, lambda _: simulator.api_key)
                await session.send(target, "sim-normal", "Hello")

        asyncio.run(body())
    answer = conversation.messages[-1]
    assert answer.status == "complete", answer.error
    assert answer.content.startswith("## Simulated answer")
    assert len(proxy.forwarded) == 1


def test_http_proxy_variable(simulator: Simulator, monkeypatch: pytest.MonkeyPatch) -> None:
    with HttpProxy() as proxy:
        monkeypatch.setenv("HTTP_PROXY", f"http://{proxy.url_host}")
        answered(chat(provider(simulator), simulator.api_key))
    assert [f.method for f in proxy.forwarded] == ["POST"]


def test_all_proxy_variable_with_socks5_and_credentials(
    simulator: Simulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    with SocksProxy(credentials=("carol", PASSWORD)) as proxy:
        monkeypatch.setenv("ALL_PROXY", f"socks5://carol:{PASSWORD}@{proxy.url_host}")
        answered(chat(provider(simulator), simulator.api_key))
        # httpx's own reading of the variables (the plain client) takes SOCKS too: socksio is in.
        outcome = Outcome()

        async def plain() -> None:
            async with make_client() as client:
                outcome.events = (
                    await stream(client, provider(simulator), simulator.api_key, NO_RETRY)
                ).events

        asyncio.run(plain())
    assert outcome.text.startswith("## Simulated answer")
    assert [f.user for f in proxy.forwarded] == ["carol", "carol"]


def test_servers_on_loopback_are_reached_directly(
    simulator: Simulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    with HttpProxy() as proxy:
        monkeypatch.setenv("ALL_PROXY", f"http://{proxy.url_host}")
        answered(chat(provider(simulator, host="127.0.0.1"), simulator.api_key))
    assert proxy.forwarded == []


def test_no_proxy_sends_a_host_directly(
    simulator: Simulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A host that is not loopback, yet on this machine: its own address, in front of the simulator.
    address = non_loopback_address()
    if address is None:
        pytest.skip("this machine has no address besides loopback to test NO_PROXY with")
    with HttpProxy() as proxy, Forwarder(simulator.port, address) as front:
        target = Provider(
            id="sim", name="Simulator", kind="openai", base_url=f"http://{address}:{front.port}/v1"
        )
        monkeypatch.setenv("HTTP_PROXY", f"http://{proxy.url_host}")
        answered(chat(target, simulator.api_key))
        assert len(proxy.forwarded) == 1  # through the proxy...
        monkeypatch.setenv("NO_PROXY", f"example.com, {address}")
        answered(chat(target, simulator.api_key))
        assert len(proxy.forwarded) == 1  # ...and now not
    assert len(front.forwarded) == 2


def test_the_systems_proxy_settings(simulator: Simulator, monkeypatch: pytest.MonkeyPatch) -> None:
    with HttpProxy() as proxy:
        # What urllib reads on Windows (the registry) and macOS when no variable is set.
        monkeypatch.setattr(
            urllib.request, "getproxies", lambda: {"http": f"http://{proxy.url_host}"}
        )
        monkeypatch.setattr(urllib.request, "proxy_bypass", lambda host: False)
        answered(chat(provider(simulator), simulator.api_key))
    assert len(proxy.forwarded) == 1


@pytest.mark.parametrize(
    ("kind", "target"),
    [("http", "http"), ("http", "https"), ("socks5", "http")],  # a 407, a 407 to CONNECT, RFC 1929
)
def test_wrong_proxy_password_is_clear_and_secret(
    simulator: Simulator, caplog: pytest.LogCaptureFixture, kind: str, target: str
) -> None:
    caplog.set_level(logging.DEBUG)
    KeyStore().set(proxy_entry("sim"), "wrong-" + PASSWORD)
    server = HttpProxy if kind == "http" else SocksProxy
    with server(credentials=("alice", PASSWORD)) as proxy, socks_failure_leaks_tolerated():
        through = provider(simulator, proxy=f"{kind}://alice@{proxy.url_host}", scheme=target)
        outcome = chat(through, simulator.api_key, FAST_RETRY)
    forwarded = "POST" if (kind, target) == ("http", "http") else "CONNECT"
    assert [f.method for f in proxy.forwarded] == [forwarded]  # not tried again
    error = outcome.error
    assert type(error) is ProviderUnreachable
    message = str(error)
    assert (
        f"the proxy at {proxy.url_host} (set in Settings) asked for a user name and password"
        in message
    )
    assert "Settings → Providers → Simulator → Network" in message
    assert PASSWORD not in message
    assert PASSWORD not in caplog.text
    assert simulator.requests == []


def test_wrong_password_in_a_variable_names_the_variable(
    simulator: Simulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    with SocksProxy(credentials=("carol", PASSWORD)) as proxy, socks_failure_leaks_tolerated():
        monkeypatch.setenv("ALL_PROXY", f"socks5://carol:not-{PASSWORD}@{proxy.url_host}")
        outcome = chat(provider(simulator), simulator.api_key)
    message = str(outcome.error)
    assert "asked for a user name and password" in message
    assert "in the ALL_PROXY variable" in message
    assert PASSWORD not in message


def test_a_proxy_that_is_down_is_named(simulator: Simulator) -> None:
    with HttpProxy() as proxy:
        address = proxy.url_host
    KeyStore().set(proxy_entry("sim"), PASSWORD)
    outcome = chat(provider(simulator, proxy=f"http://alice@{address}"), simulator.api_key)
    assert type(outcome.error) is ProviderUnreachable
    message = str(outcome.error)
    assert f"the proxy at {address} (set in Settings) refused the connection" in message
    assert "Check that the proxy is running" in message
    assert PASSWORD not in message


def test_a_proxy_that_does_not_answer_is_a_connect_timeout(simulator: Simulator) -> None:
    with full_backlog_port() as port:
        target = Provider(
            id="sim", name="Simulator", kind="openai",
            base_url=f"http://{SIMULATOR_HOST}:{simulator.port}/v1",
            proxy=f"socks5://127.0.0.1:{port}",
            timeouts=Timeouts(connect=0.3),
        )  # fmt: skip
        outcome = chat(target, simulator.api_key)
    assert isinstance(outcome.error, ConnectTimeout)
    assert f"the proxy at 127.0.0.1:{port}" in str(outcome.error)


def test_a_proxy_that_cannot_reach_the_provider_says_so(simulator: Simulator) -> None:
    with SocksProxy() as proxy, socks_failure_leaks_tolerated():
        target = Provider(
            id="sim", name="Simulator", kind="openai",
            base_url="http://unknown-to-the-proxy.test/v1", proxy=f"socks5://{proxy.url_host}",
        )  # fmt: skip
        outcome = chat(target, simulator.api_key)
    message = str(outcome.error)
    assert "could not open the connection" in message
    assert "could not connect to unknown-to-the-proxy.test" in message
