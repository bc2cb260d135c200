"""Keys: kept in the keyring, read from a variable when one is named, missing ones explained."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

from desktop_app.core.errors import KeyringUnavailable, MissingKeyError
from desktop_app.core.settings.keys import SERVICE, KeyStore, resolve_key
from desktop_app.core.settings.providers_file import Provider
from tests.support.memory_keyring import MemoryKeyring
from tests.support.secret_service import secret_service_or_skip

RELAY = Provider(
    id="relay",
    name="Relay",
    kind="openai",
    base_url="https://relay.example/v1",
    api_key_env="RELAY_KEY",
)
LOCAL = Provider(id="ollama", name="Ollama", kind="openai", base_url="http://127.0.0.1:11434/v1")


def test_key_round_trip_uses_service_tally_and_provider_id(memory_keyring: MemoryKeyring) -> None:
    store = KeyStore()
    store.set("relay", "sk-secret-1")
    assert memory_keyring.passwords == {(SERVICE, "relay"): "sk-secret-1"}
    assert store.get("relay") == "sk-secret-1"
    store.delete("relay")
    store.delete("relay")  # forgetting twice is fine
    assert store.get("relay") is None


def test_variable_wins_over_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    store = KeyStore()
    store.set("relay", "from-keyring")
    monkeypatch.setenv("RELAY_KEY", " from-env\n")
    assert resolve_key(RELAY, store, required=True) == "from-env"
    monkeypatch.delenv("RELAY_KEY")
    assert resolve_key(RELAY, store, required=True) == "from-keyring"


def test_missing_key_says_where_to_add_it() -> None:
    with pytest.raises(MissingKeyError, match=r"Settings.*RELAY_KEY"):
        resolve_key(RELAY, KeyStore(), required=True)
    assert resolve_key(LOCAL, KeyStore(), required=False) is None


def test_no_keyring_is_explained_not_hidden() -> None:
    keyring.set_keyring(fail.Keyring())
    store = KeyStore()
    with pytest.raises(KeyringUnavailable, match="never written to disk"):
        store.get("relay")
    with pytest.raises(KeyringUnavailable):
        store.set("relay", "sk-should-not-land-anywhere")
    with pytest.raises(KeyringUnavailable):
        resolve_key(RELAY, store, required=True)
    # A local server needs no key, so a missing keyring does not stop it.
    assert resolve_key(LOCAL, store, required=False) is None


def test_the_keyring_error_never_advises_a_plain_text_store() -> None:
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(KeyringUnavailable) as raised:
        KeyStore().get("relay")
    said = str(raised.value)
    assert "keyrings.alt" not in said
    assert "3rd party" not in said
    assert said.startswith("The OS keyring is not available (no keyring backend works on this ")
    assert "start a Secret Service" in said


def test_keys_round_trip_through_a_real_secret_service() -> None:
    store = secret_service_or_skip()
    store.set("holysheep", "sk-real-secret-service-0123")
    try:
        assert store.get("holysheep") == "sk-real-secret-service-0123"
        assert KeyStore(service=store.service).get("holysheep") == "sk-real-secret-service-0123"
    finally:
        store.delete("holysheep")
    assert store.get("holysheep") is None
