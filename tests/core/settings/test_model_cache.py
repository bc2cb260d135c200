"""The model cache: what the picker lists (file, typed, listed), kept across starts, and never a
reason for the app not to start."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop_app.core import paths
from desktop_app.core.providers.model_list import ListedModel
from desktop_app.core.settings.keys import KeyResolver
from desktop_app.core.settings.model_cache import (
    TYPED_LIMIT,
    ModelCache,
    ModelEntry,
    ProviderModels,
    connection_changed,
    merged_models,
)
from desktop_app.core.settings.presets import LM_STUDIO, OLLAMA
from desktop_app.core.settings.providers_file import Provider
from desktop_app.simulator import LISTED_MODELS, Simulator
from tests.support.streams.chat_helpers import ask, collect, sim_provider
from tests.support.streams.model_listing import run_discover

RELAY = Provider(
    id="relay",
    name="Relay",
    kind="openai",
    base_url="https://relay.example/v1",
    models=("gpt-4.1", "deepseek-chat"),
)
WHEN = datetime(2025, 6, 1, 12, 30, tzinfo=UTC)


def listed(*names: str) -> list[ListedModel]:
    return [ListedModel(name, name.upper()) for name in names]


def test_the_file_comes_first_then_typed_then_the_rest_sorted() -> None:
    remembered = ProviderModels(
        endpoint="openai https://relay.example/v1",
        listed=tuple(listed("zeta", "deepseek-chat", "alpha")),
        typed=("my-tune", "gpt-4.1"),
    )
    entries = merged_models(RELAY, remembered, typed=["tried-now"])
    assert entries == [
        ModelEntry("gpt-4.1", None, "file"),
        ModelEntry("deepseek-chat", "DEEPSEEK-CHAT", "file"),  # display name from the list
        ModelEntry("my-tune", None, "typed"),
        ModelEntry("tried-now", None, "typed"),
        ModelEntry("alpha", "ALPHA", "listed"),
        ModelEntry("zeta", "ZETA", "listed"),
    ]


def test_without_models_in_the_file_the_listed_ones_are_the_list() -> None:
    bare = replace(RELAY, models=())
    remembered = ProviderModels(listed=tuple(listed("b", "a")))
    assert [entry.name for entry in merged_models(bare, remembered)] == ["a", "b"]
    assert merged_models(bare, ProviderModels()) == []


def test_what_was_stored_is_read_back_at_the_next_start(tmp_path: Path) -> None:
    path = tmp_path / "models-cache.json"
    cache = ModelCache(path)
    cache.store_listed(RELAY, listed("alpha", "zeta"), WHEN)
    assert cache.remember_typed(RELAY, "my-tune")
    cache.save()
    again = ModelCache.load(path).models_for(RELAY)
    assert again.listed == tuple(listed("alpha", "zeta"))
    assert again.fetched_at == WHEN
    assert again.typed == ("my-tune",)
    assert json.loads(path.read_text())["format"] == "tally-models-cache"


def test_a_list_from_another_endpoint_is_not_shown_but_typed_names_stay(tmp_path: Path) -> None:
    cache = ModelCache(tmp_path / "cache.json")
    cache.store_listed(RELAY, listed("alpha"), WHEN)
    cache.remember_typed(RELAY, "my-tune")
    moved = replace(RELAY, base_url="https://other.example/v1")
    assert cache.models_for(moved).listed == ()
    assert cache.models_for(moved).fetched_at is None
    assert cache.models_for(moved).typed == ("my-tune",)
    assert cache.models_for(replace(RELAY, kind="anthropic")).listed == ()
    assert cache.models_for(RELAY).listed == tuple(listed("alpha"))


def test_a_listed_or_configured_name_is_not_remembered_as_typed(tmp_path: Path) -> None:
    cache = ModelCache(tmp_path / "cache.json")
    cache.store_listed(RELAY, listed("alpha"), WHEN)
    assert not cache.remember_typed(RELAY, "gpt-4.1")  # in the providers file
    assert not cache.remember_typed(RELAY, "alpha")  # listed by the provider
    assert cache.remember_typed(RELAY, "beta")
    assert not cache.remember_typed(RELAY, "beta")  # already remembered
    assert cache.models_for(RELAY).typed == ("beta",)


def test_typed_names_are_kept_up_to_a_limit_newest_last(tmp_path: Path) -> None:
    cache = ModelCache(tmp_path / "cache.json")
    for number in range(TYPED_LIMIT + 5):
        cache.remember_typed(RELAY, f"tune-{number}")
    typed = cache.models_for(RELAY).typed
    assert len(typed) == TYPED_LIMIT
    assert typed[0] == "tune-5"
    assert typed[-1] == f"tune-{TYPED_LIMIT + 4}"


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe",
        b"[]",
        b'{"format": "something-else", "providers": {}}',
        b'{"format": "tally-models-cache", "providers": []}',
    ],
)
def test_a_damaged_cache_is_an_empty_one(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "cache.json"
    path.write_bytes(content)
    cache = ModelCache.load(path)
    assert cache.models_for(RELAY) == ProviderModels()
    cache.store_listed(RELAY, listed("alpha"), WHEN)
    cache.save()  # and the next refresh writes a good one over it
    assert ModelCache.load(path).models_for(RELAY).listed == tuple(listed("alpha"))


def test_malformed_entries_are_dropped_and_the_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "cache.json"
    document = {
        "format": "tally-models-cache",
        "version": 1,
        "providers": {
            "relay": {
                "endpoint": "openai https://relay.example/v1",
                "fetched_at": "yesterday",
                "models": [{"id": "alpha"}, {"name": "no id"}, "bare", {"id": 3}],
                "typed": ["ok", "", 7],
            },
            "other": "not a table",
            "third": {"models": 5, "typed": "x"},
        },
    }
    path.write_text(json.dumps(document))
    found = ModelCache.load(path).models_for(RELAY)
    assert found == ProviderModels(
        endpoint="openai https://relay.example/v1",
        listed=(ListedModel("alpha"),),
        typed=("ok",),
    )


def test_a_missing_cache_is_empty_and_lives_in_the_data_dir(data_dir: Path) -> None:
    assert paths.models_cache_file() == data_dir / "models-cache.json"
    assert ModelCache.load(paths.models_cache_file()).models_for(RELAY) == ProviderModels()


def test_what_makes_a_saved_provider_worth_asking_again() -> None:
    assert connection_changed(None, RELAY)  # new
    assert connection_changed(RELAY, replace(RELAY, base_url="https://b.example/v1"))
    assert connection_changed(RELAY, replace(RELAY, kind="anthropic"))
    assert connection_changed(RELAY, replace(RELAY, proxy="socks5://127.0.0.1:1080"))
    assert not connection_changed(RELAY, replace(RELAY, name="Renamed", models=("x",)))


# -- local servers: no key stored, no "No API key" -------------------------------------------


def test_the_local_presets_need_no_key() -> None:
    for preset in (OLLAMA, LM_STUDIO):
        assert not preset.needs_key
        assert not preset.provider().needs_key


def test_a_local_server_lists_and_chats_with_no_key_stored() -> None:
    with Simulator(api_key=None) as local:
        provider = sim_provider(local)  # on 127.0.0.1, like Ollama and LM Studio
        key = KeyResolver().resolve(provider)  # the (in-memory) keyring holds nothing
        assert key is None
        assert [model.id for model in run_discover(provider, key)] == sorted(LISTED_MODELS)
        outcome = collect(provider, key, ask("sim-echo", "no key"))
        assert outcome.error is None
        assert outcome.text == "You said: no key"
        assert all("authorization" not in request.headers for request in local.requests)
