"""BlockingClientPool (`tally ask`'s): certificates prepared on another thread while the caller
works are the ones its client trusts, and a bundle that cannot be used is still a ConfigError
from client_for, as it is without prepare()."""

from __future__ import annotations

import threading
import urllib.request
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from desktop_app.core.chat_blocking import stream_chat_blocking
from desktop_app.core.errors import ConfigError
from desktop_app.core.events import Finish, TextDelta
from desktop_app.core.network.blocking_clients import BlockingClientPool
from desktop_app.core.settings.providers_file import Provider
from desktop_app.simulator import Simulator
from tests.support.servers.proxy_servers import SIMULATOR_HOST, TlsFront, clear_proxy_variables
from tests.support.servers.tls_certs import Certificates, make_certificates
from tests.support.streams.chat_helpers import ask


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


def private(front: TlsFront, ca_bundle: Path) -> Provider:
    return Provider(
        id="private",
        name="Private",
        kind="openai",
        base_url=f"https://127.0.0.1:{front.port}/v1",
        ca_bundle=str(ca_bundle),
    )


def test_a_prepared_ca_bundle_is_trusted(
    simulator: Simulator, front: TlsFront, certificates: Certificates
) -> None:
    target = private(front, certificates.ca_file)
    with BlockingClientPool() as clients:
        clients.prepare(target)
        clients.prepare(target)  # once is enough: the second is ignored
        stream = stream_chat_blocking(clients, target, simulator.api_key, ask("sim-normal"))
        with closing(stream) as events:
            seen = list(events)
    assert "".join(e.text for e in seen if isinstance(e, TextDelta)).startswith("## Simulated")
    assert seen[-1] == Finish("stop")


def test_a_prepared_bundle_that_cannot_be_used_fails_when_the_client_is_made(
    front: TlsFront, tmp_path: Path
) -> None:
    not_pem = tmp_path / "not-a-bundle.pem"
    not_pem.write_text("hello\n", encoding="utf-8")
    target = private(front, not_pem)
    with BlockingClientPool() as clients:
        clients.prepare(target)
        with pytest.raises(ConfigError, match=r"not-a-bundle\.pem cannot be used"):
            clients.client_for(target)


def test_closing_waits_for_certificates_still_being_prepared(
    front: TlsFront, certificates: Certificates
) -> None:
    # A command that stops before its request (a refused setting, a budget used up) closes the
    # pool at once: the interpreter must not shut down under OpenSSL's loading thread, which
    # crashed `tally ask` with a segmentation fault in most such runs.
    clients = BlockingClientPool()
    clients.prepare(private(front, certificates.ca_file))
    clients.close()
    assert [t for t in threading.enumerate() if t.name == "tally-prepare"] == []
