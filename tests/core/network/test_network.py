"""Which proxy and which certificates each provider's requests use: its own settings, then the
variables, then the system's settings; never a proxy for this machine; never a password shown.
Requests over real proxies: test_chat_proxy.py."""

from __future__ import annotations

import asyncio
import urllib.request
from pathlib import Path

import httpx
import pytest

from desktop_app.core.errors import ConfigError
from desktop_app.core.network.clients import (
    ClientPool,
    Route,
    client_for,
    route_for,
    ssl_context,
    system_proxy,
)
from desktop_app.core.network.proxy_sources import SETTINGS, SYSTEM
from desktop_app.core.settings.keys import SERVICE, KeyResolver, KeyStore, proxy_entry
from desktop_app.core.settings.providers_file import Provider
from tests.support.memory_keyring import MemoryKeyring
from tests.support.servers.proxy_servers import clear_proxy_variables

RELAY = Provider(id="relay", name="Relay", kind="openai", base_url="https://api.relay.example/v1")
LOCAL = Provider(id="ollama", name="Ollama", kind="openai", base_url="http://localhost:11434/v1")


@pytest.fixture(autouse=True)
def no_machine_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    clear_proxy_variables(monkeypatch)
    # The system settings of the machine running the tests (on Windows, macOS) are not ours.
    monkeypatch.setattr(urllib.request, "getproxies", urllib.request.getproxies_environment)


def with_proxy(proxy: str | None, **changes: str) -> Provider:
    fields = {"id": "relay", "name": "Relay", "kind": "openai", "base_url": RELAY.base_url}
    return Provider(**{**fields, **changes}, proxy=proxy)  # type: ignore[arg-type]


def test_no_proxy_anywhere_means_direct() -> None:
    assert route_for(RELAY) == Route()


def test_the_providers_own_proxy_wins_over_the_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://corp.example:3128")
    route = route_for(with_proxy("socks5://alice@socks.example:1080"), "s3cret-pw")
    assert route.proxy == "socks5://alice@socks.example:1080"
    assert route.source == SETTINGS
    assert route.password == "s3cret-pw"
    assert "s3cret-pw" not in repr(route) + route.describe()
    assert route.proxy_address == "socks.example:1080"


def test_each_scheme_takes_its_variable_and_all_proxy_covers_the_rest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://tls-proxy.example:3128")
    monkeypatch.setenv("ALL_PROXY", "socks5://any.example:1080")
    assert system_proxy("https://api.example/v1") == (
        "http://tls-proxy.example:3128",
        "HTTPS_PROXY",
    )
    assert system_proxy("http://api.example/v1") == ("socks5://any.example:1080", "ALL_PROXY")
    monkeypatch.setenv("http_proxy", "proxy.example:8080")  # lower case, and no scheme
    assert system_proxy("http://api.example/v1") == ("http://proxy.example:8080", "HTTP_PROXY")


@pytest.mark.parametrize(
    ("no_proxy", "host", "bypassed"),
    [
        ("relay.example", "relay.example", True),
        ("relay.example", "api.relay.example", True),
        (".relay.example", "api.relay.example", True),
        ("*.relay.example", "api.relay.example", True),
        ("relay.example", "notrelay.example", False),
        ("other.example, relay.example", "relay.example", True),
        ("*", "anything.example", True),
        ("relay.example:8443", "relay.example:8443", True),
        ("relay.example:8443", "relay.example:443", False),
        ("10.0.0.0/8", "10.1.2.3", True),
        ("10.0.0.0/8", "11.1.2.3", False),
        ("192.168.1.5", "192.168.1.5", True),
        ("fd00::/8", "[fd00::5]", True),
        ("", "relay.example", False),
    ],
)
def test_no_proxy(
    monkeypatch: pytest.MonkeyPatch, no_proxy: str, host: str, bypassed: bool
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://corp.example:3128")
    monkeypatch.setenv("NO_PROXY", no_proxy)
    found = system_proxy(f"https://{host}/v1")
    assert (found is None) is bypassed


@pytest.mark.parametrize(
    "base_url",
    ["http://localhost:11434/v1", "http://127.0.0.1:1234/v1", "http://[::1]:8080/v1",
     "http://ollama.localhost/v1"],
)  # fmt: skip
def test_servers_on_this_machine_never_go_through_a_system_proxy(
    monkeypatch: pytest.MonkeyPatch, base_url: str
) -> None:
    monkeypatch.setenv("ALL_PROXY", "http://corp.example:3128")
    assert system_proxy(base_url) is None
    # ...but a proxy set for the provider itself is used: the user asked for it.
    assert route_for(with_proxy("http://127.0.0.1:3128", base_url=base_url)).proxy is not None


def test_a_password_in_a_variable_is_kept_out_of_the_shown_url(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://bob:p%40ss-w0rd@corp.example:3128")
    route = route_for(RELAY)
    assert route.proxy == "http://bob@corp.example:3128"
    assert route.password == "p@ss-w0rd"
    assert route.source == "HTTPS_PROXY"
    assert "w0rd" not in route.describe() + repr(route)


def test_system_settings_apply_when_no_variable_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    # What urllib reads from the Windows registry or macOS's settings, with their bypass list.
    monkeypatch.setattr(urllib.request, "getproxies", lambda: {"https": "http://sys.example:8080"})
    monkeypatch.setattr(urllib.request, "proxy_bypass", lambda host: host == "intranet.example")
    assert route_for(RELAY) == Route("http://sys.example:8080", SYSTEM)
    assert system_proxy("https://intranet.example/v1") is None
    assert system_proxy("http://api.example/v1") is None  # no http proxy in the settings
    monkeypatch.setenv("HTTPS_PROXY", "http://env.example:3128")  # a variable wins
    assert route_for(RELAY).source == "HTTPS_PROXY"


def test_a_proxy_kind_httpx_cannot_use_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    # Windows stores a SOCKS proxy as "socks=host:port", which urllib reports as socks4.
    monkeypatch.setattr(urllib.request, "getproxies", lambda: {"https": "socks4://sys:1080"})
    with pytest.raises(ConfigError, match=r"system's proxy settings.*a socks4:// proxy"):
        route_for(RELAY)
    monkeypatch.setenv("ALL_PROXY", "socks4://u:hidden-pw@env.example:1080")
    with pytest.raises(ConfigError, match="ALL_PROXY variable") as caught:
        route_for(RELAY)
    assert "hidden-pw" not in str(caught.value)


def test_ca_bundle_that_cannot_be_used_is_a_config_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.pem"
    with pytest.raises(ConfigError, match=r"CA bundle .*nowhere\.pem"):
        ssl_context(str(missing))
    not_pem = tmp_path / "notes.txt"
    not_pem.write_text("not a certificate")
    with pytest.raises(ConfigError, match="PEM"):
        ssl_context(str(not_pem))


def test_ssl_cert_file_that_is_missing_is_explained(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "gone.pem"))
    with pytest.raises(ConfigError, match="SSL_CERT_FILE"):
        ssl_context(None)


def test_pool_shares_a_client_per_route_and_closes_them_all(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    asked: list[str] = []

    def lookup(provider: Provider) -> str | None:
        asked.append(provider.id)
        return "pw"

    async def body() -> None:
        pool = ClientPool(lookup)
        first = await pool.client_for(RELAY)
        assert await pool.client_for(with_proxy(None, id="other")) is first
        proxied = await pool.client_for(with_proxy("http://alice@corp.example:3128"))
        assert proxied is not first
        assert asked == ["relay"]  # only a proxy URL with a user name needs a password
        typed = await pool.client_for(
            with_proxy("http://alice@corp.example:3128"), proxy_password="typed"
        )
        assert typed is not proxied
        assert asked == ["relay"]
        assert len(pool.routes) == 3
        assert not pool.is_closed
        await pool.aclose()
        assert pool.is_closed
        assert all(client.is_closed for client in (first, proxied, typed))
        with pytest.raises(RuntimeError):
            await pool.client_for(RELAY)

    asyncio.run(body())


def test_a_plain_client_is_used_as_it_is() -> None:
    async def body() -> None:
        async with httpx.AsyncClient() as plain:
            assert await client_for(plain, with_proxy("http://corp.example:3128")) is plain

    asyncio.run(body())


def test_proxy_password_lives_under_its_own_keyring_entry(memory_keyring: MemoryKeyring) -> None:
    keys = KeyResolver()
    KeyStore().set(proxy_entry("relay"), "from-keyring")
    assert memory_keyring.passwords == {(SERVICE, "relay/proxy"): "from-keyring"}
    assert keys.proxy_password(RELAY) == "from-keyring"
    keys.session_keys[proxy_entry("relay")] = "for-this-session"
    assert keys.proxy_password(RELAY) == "for-this-session"
    assert keys.proxy_password(LOCAL) is None
