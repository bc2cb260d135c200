"""Certificates from a private authority (a corporate TLS proxy, a private server): refused with
a hint to the CA bundle setting, accepted once the provider's `ca_bundle` or SSL_CERT_FILE names
the authority, also through a proxy's CONNECT tunnel. A CA made for each test, served on
loopback in front of the simulator."""

from __future__ import annotations

import asyncio
import urllib.request
from collections.abc import Iterator
from contextlib import aclosing
from pathlib import Path

import pytest

from desktop_app.core.chat import RetryPolicy, stream_chat
from desktop_app.core.errors import ProviderError, TLSFailure
from desktop_app.core.network.clients import ClientPool
from desktop_app.core.settings.keys import KeyResolver
from desktop_app.core.settings.providers_file import Provider
from desktop_app.simulator import Simulator
from tests.support.servers.proxy_servers import (
    SIMULATOR_HOST,
    HttpProxy,
    TlsFront,
    clear_proxy_variables,
)
from tests.support.servers.tls_certs import Certificates, make_certificates
from tests.support.streams.chat_helpers import FAST_RETRY, Outcome, ask


@pytest.fixture(autouse=True)
def no_machine_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    clear_proxy_variables(monkeypatch)
    monkeypatch.setattr(urllib.request, "getproxies", urllib.request.getproxies_environment)


@pytest.fixture
def certificates(tmp_path: Path) -> Certificates:
    return make_certificates(tmp_path / "tls", SIMULATOR_HOST)


@pytest.fixture
def front(simulator: Simulator, certificates: Certificates) -> Iterator[TlsFront]:
    with TlsFront(simulator.port, str(certificates.cert_file), str(certificates.key_file)) as tls:
        yield tls


def secure(front: TlsFront, *, ca_bundle: Path | None = None, host: str = "127.0.0.1") -> Provider:
    return Provider(
        id="private",
        name="Private",
        kind="openai",
        base_url=f"https://{host}:{front.port}/v1",
        ca_bundle=str(ca_bundle) if ca_bundle else None,
    )


def chat(target: Provider, key: str | None, retry: RetryPolicy = FAST_RETRY) -> Outcome:
    async def body() -> Outcome:
        outcome = Outcome()
        async with ClientPool(KeyResolver().proxy_password) as pool:
            try:
                events = stream_chat(pool, target, key, ask("sim-normal"), retry=retry)
                async with aclosing(events) as stream:
                    async for event in stream:
                        outcome.events.append(event)
            except ProviderError as exc:
                outcome.error = exc
        return outcome

    return asyncio.run(body())


def test_unknown_authority_fails_with_a_hint_to_the_ca_bundle(
    simulator: Simulator, front: TlsFront
) -> None:
    outcome = chat(secure(front), simulator.api_key)
    error = outcome.error
    assert isinstance(error, TLSFailure)
    message = str(error)
    assert f"The secure connection to Private at 127.0.0.1:{front.port} failed" in message
    assert "certificate verify failed" in message
    assert "CA bundle in Settings → Providers → Private → Network" in message
    assert simulator.requests == []
    assert front.forwarded == []  # no handshake succeeded, and none was retried into success


def test_the_providers_ca_bundle_makes_it_trusted(
    simulator: Simulator, front: TlsFront, certificates: Certificates
) -> None:
    outcome = chat(secure(front, ca_bundle=certificates.ca_file), simulator.api_key)
    assert outcome.error is None, outcome.error
    assert outcome.text.startswith("## Simulated answer")
    assert len(front.forwarded) == 1
    assert simulator.requests[-1].path == "/v1/chat/completions"


def test_ssl_cert_file_is_honoured(
    simulator: Simulator,
    front: TlsFront,
    certificates: Certificates,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(certificates.ca_file))
    outcome = chat(secure(front), simulator.api_key)
    assert outcome.error is None, outcome.error
    assert outcome.text.startswith("## Simulated answer")


def test_a_bundle_of_another_authority_says_it_does_not_vouch(
    simulator: Simulator, front: TlsFront, tmp_path: Path
) -> None:
    other = make_certificates(tmp_path / "other", SIMULATOR_HOST)
    outcome = chat(secure(front, ca_bundle=other.ca_file), simulator.api_key)
    assert isinstance(outcome.error, TLSFailure)
    assert f"The CA bundle {other.ca_file} set for Private does not vouch" in str(outcome.error)


def test_through_a_connect_tunnel_with_the_bundle(
    simulator: Simulator,
    front: TlsFront,
    certificates: Certificates,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with HttpProxy() as proxy:
        monkeypatch.setenv("HTTPS_PROXY", f"http://{proxy.url_host}")
        # By the certificate's name, which only the proxy can resolve.
        target = secure(front, ca_bundle=certificates.ca_file, host=SIMULATOR_HOST)
        outcome = chat(target, simulator.api_key)
    assert outcome.error is None, outcome.error
    assert outcome.text.startswith("## Simulated answer")
    (tunnel,) = proxy.forwarded
    assert (tunnel.method, tunnel.target) == ("CONNECT", f"{SIMULATOR_HOST}:{front.port}")
