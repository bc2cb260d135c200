"""Forgetting the providers that are gone: the cache keeps only the named ones, and what it
keeps of them survives a save and a load."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.core.settings.model_cache import ListedModel, ModelCache
from desktop_app.core.settings.providers_file import Provider

WHEN = datetime(2025, 6, 1, 12, 30, tzinfo=UTC)


def provider(provider_id: str) -> Provider:
    return Provider(
        id=provider_id, name=provider_id, kind="openai", base_url=f"https://{provider_id}.test/v1"
    )


def cache_of(path: Path, *ids: str) -> ModelCache:
    """A cache on disk with a listed model and a typed name for each provider."""
    cache = ModelCache(path)
    for provider_id in ids:
        cache.store_listed(provider(provider_id), [ListedModel(f"{provider_id}-model")], WHEN)
        cache.remember_typed(provider(provider_id), f"{provider_id}-typed")
    cache.save()
    return cache


def test_forget_except_keeps_only_the_named_providers(tmp_path: Path) -> None:
    cache = cache_of(tmp_path / "models-cache.json", "relay", "gone", "local")
    assert cache.forget_except(["relay", "local", "new"])
    assert not cache.forget_except(["relay", "local"])  # nothing left to drop
    assert cache.models_for(provider("gone")).listed == ()
    kept = cache.models_for(provider("relay"))
    assert (kept.listed, kept.typed) == ((ListedModel("relay-model"),), ("relay-typed",))


def test_a_forgotten_provider_leaves_the_file_and_the_rest_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "models-cache.json"
    cache = cache_of(path, "relay", "gone", "local")
    cache.forget_except(["relay", "local"])
    cache.save()
    assert sorted(json.loads(path.read_bytes())["providers"]) == ["local", "relay"]
    again = ModelCache.load(path).models_for(provider("local"))
    assert (again.listed, again.typed, again.fetched_at) == (
        (ListedModel("local-model"),),
        ("local-typed",),
        WHEN,
    )
