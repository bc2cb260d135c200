"""Writing the providers file: it reads back equal, replaces atomically, and never holds a key."""

from __future__ import annotations

import os
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.core.errors import ConfigError
from desktop_app.core.settings.keys import KeyStore
from desktop_app.core.settings.presets import CUSTOM, HOLYSHEEP, PRESETS, new_provider_id
from desktop_app.core.settings.providers_file import (
    ModelPrice,
    Provider,
    Timeouts,
    load_providers,
    parse_providers,
)
from desktop_app.core.settings.providers_writer import dump_providers, save_providers

TRICKY = Provider(
    id="relay-2",
    name='Relay "quoted" \\ back\\slash — 中转站 ✓\ttab',
    kind="openai",
    base_url="https://relay.example/v1",
    api_key_env="RELAY_KEY",
    models=('gpt-"4"', "模型\\x", "plain"),
    prices={
        'gpt-"4"': ModelPrice(Decimal("2.00"), Decimal("8"), Decimal("0.5")),
        "模型\\x": ModelPrice(Decimal("0.000001"), Decimal("1E+3")),
        "plain": ModelPrice(
            Decimal(3),
            Decimal(15),
            Decimal("0.3"),
            cache_write=Decimal("3.75"),
            reasoning=Decimal(20),
        ),
    },
    timeouts=Timeouts(connect=3, first_byte=45.5, idle=60, total=900),
    thinking_budget=2048,
    proxy="socks5://me@proxy.example:1080",
    ca_bundle="C:\\certs\\corporate.pem",
)
LOCAL = Provider(id="ollama", name="Ollama", kind="openai", base_url="http://localhost:11434/v1")


def test_round_trip_gives_equal_providers() -> None:
    providers = [TRICKY, LOCAL, HOLYSHEEP.provider(), replace(LOCAL, id="sim", simulated=True)]
    assert parse_providers(dump_providers(providers)) == providers


def test_defaults_are_left_out() -> None:
    text = dump_providers([LOCAL])
    assert "simulated" not in text
    assert "timeouts" not in text
    assert "prices" not in text
    assert "api_key_env" not in text
    assert "models" not in text
    changed = dump_providers([TRICKY])
    assert "[provider.timeouts]\nconnect = 3\nfirst_byte = 45.5\n" in changed
    assert "idle" not in changed


def test_control_characters_are_escaped() -> None:
    odd = Provider(id="x", name="a\x00b\x1fc\x7fd\ne\r", kind="openai", base_url="https://x")
    text = dump_providers([odd])
    assert '"a\\u0000b\\u001Fc\\u007Fd\\ne\\r"' in text
    assert parse_providers(text) == [odd]


def test_save_creates_the_folder_and_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "providers.toml"
    save_providers(path, [TRICKY, LOCAL])
    assert load_providers(path) == [TRICKY, LOCAL]
    assert [p.name for p in tmp_path.joinpath("new", "folder").iterdir()] == ["providers.toml"]


def test_a_failed_write_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "providers.toml"
    save_providers(path, [LOCAL])
    before = path.read_bytes()

    def refuse(*_: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ConfigError, match=r"Cannot write .*Permission denied"):
        save_providers(path, [TRICKY])
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["providers.toml"]  # no temporary file left


def test_a_provider_that_would_not_read_back_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "providers.toml"
    bad = Provider(id="has space", name="Bad", kind="openai", base_url="https://x")
    with pytest.raises(ConfigError, match="id may hold only"):
        save_providers(path, [bad])
    assert not path.exists()


def test_no_key_is_ever_written(tmp_path: Path) -> None:
    store = KeyStore()
    secrets = {"relay-2": "sk-relay-secret-123456", "ollama": "sk-local-secret-654321"}
    for provider_id, key in secrets.items():
        store.set(provider_id, key)
    path = tmp_path / "providers.toml"
    save_providers(path, [TRICKY, LOCAL])
    text = path.read_text(encoding="utf-8")
    for key in secrets.values():
        assert key not in text
    assert "key =" not in text.replace("api_key_env =", "")


def test_presets_are_valid_providers() -> None:
    providers = [preset.provider() for preset in PRESETS if preset is not CUSTOM]
    assert parse_providers(dump_providers(providers)) == providers
    assert len({p.id for p in providers}) == len(providers)
    by_id = {p.id: p for p in providers}
    assert not by_id["ollama"].needs_key
    assert not by_id["lmstudio"].needs_key
    assert by_id["deepseek"].needs_key
    relay = by_id["holysheep"]
    assert relay.base_url == "https://api.holysheep.ai/v1"
    assert relay.api_key_env == "HOLYSHEEP_API_KEY"
    # The seed's relay prices stay with the preset, out of the user's own (Provider.prices).
    assert relay.prices == {}
    assert HOLYSHEEP.prices["gemini-2.5-flash"] == ModelPrice(Decimal("0.15"), Decimal("2.50"))
    assert HOLYSHEEP.prices["claude-sonnet-4.5"] == ModelPrice(Decimal("3.00"), Decimal("15.00"))
    with pytest.raises(ValueError, match="no base URL"):
        CUSTOM.provider()


def test_hand_edited_file_with_comments_is_read(tmp_path: Path) -> None:
    path = tmp_path / "providers.toml"
    path.write_text(
        "# my providers\n"
        "[[provider]]  # the relay\n"
        'id = "relay"   # keyring user name\n'
        "name = 'Literal \\ string'\n"
        'base_url = "https://relay.example/v1/"\n'
        "models = [\n"
        '  "a",  # first\n'
        '  "b",\n'
        "]\n",
        encoding="utf-8",
    )
    (provider,) = load_providers(path)
    assert provider.name == "Literal \\ string"
    assert provider.models == ("a", "b")
    # Saving keeps every value; the comments are not kept (the dialog says so).
    save_providers(path, [provider])
    assert load_providers(path) == [provider]
    assert "keyring user name" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "taken", "preferred", "expected"),
    [
        ("My Relay!", set(), None, "my-relay"),
        ("Café relay", set(), None, "cafe-relay"),
        ("中转站", set(), None, "provider"),
        ("Ollama (local)", {"ollama"}, "ollama", "ollama-2"),
        ("x", {"x", "x-2"}, None, "x-3"),
    ],
)
def test_new_ids_are_valid_and_unique(
    name: str, taken: set[str], preferred: str | None, expected: str
) -> None:
    assert new_provider_id(name, taken, preferred=preferred) == expected


def test_a_file_that_does_not_load_is_kept_aside_never_saved_over(tmp_path: Path) -> None:
    path = tmp_path / "providers.toml"
    path.write_text("[[provider]]\nid = 'broken'\n", encoding="utf-8")
    (tmp_path / "providers.toml.bak").write_text("an older backup", encoding="utf-8")

    kept = save_providers(path, [LOCAL])

    assert kept == tmp_path / "providers.toml.bak.2"
    assert kept.read_text(encoding="utf-8") == "[[provider]]\nid = 'broken'\n"
    assert (tmp_path / "providers.toml.bak").read_text(encoding="utf-8") == "an older backup"
    assert load_providers(path) == [LOCAL]
    assert save_providers(path, [TRICKY]) is None  # a file that loads is simply replaced
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "providers.toml",
        "providers.toml.bak",
        "providers.toml.bak.2",
    ]
