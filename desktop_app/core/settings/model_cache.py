"""The models each provider listed when last asked, and the model names the user typed, kept in
`models-cache.json` so that the picker shows them at start without a network call; and the
merge of those with the providers file into the list the picker shows.

```json
{"format": "tally-models-cache", "version": 1,
 "providers": {"openrouter": {"endpoint": "openai https://openrouter.ai/api/v1",
                              "fetched_at": "2025-06-01T12:00:00+00:00",
                              "models": [{"id": "openai/gpt-4.1", "name": "OpenAI: GPT-4.1"}],
                              "typed": ["my-fine-tune"]}}}
```
Typed names live here, not in providers.toml: that file is the user's (hand-edited, and
rewritten without comments when the settings save it), while remembering a name happens behind
the user's back, after an answer."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from desktop_app.core.files import replace_atomically
from desktop_app.core.settings.providers_file import Provider

log = logging.getLogger(__name__)

FORMAT = "tally-models-cache"
VERSION = 1
TYPED_LIMIT = 50
"""Typed names kept per provider, the most recent last."""

Origin = Literal["file", "typed", "listed"]


@dataclass(frozen=True, slots=True)
class ListedModel:
    """A model as the provider lists it: the id to send, and its display name if it has one.
    (Here, not in model_list, which brings httpx: the picker reads the cache at start.)"""

    id: str
    display_name: str | None = None


@dataclass(frozen=True, slots=True)
class ProviderModels:
    """What is remembered of one provider: the list it gave, from where and when, and the
    names the user typed for it."""

    endpoint: str = ""
    fetched_at: datetime | None = None
    listed: tuple[ListedModel, ...] = ()
    typed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ModelEntry:
    """One model of a provider as the picker shows it, and where it comes from."""

    name: str
    display_name: str | None = None
    origin: Origin = "file"


def endpoint_of(provider: Provider) -> str:
    """What a list belongs to: a provider given another kind or base URL lists other models."""
    return f"{provider.kind} {provider.base_url}"


class ModelCache:
    """The remembered lists, by provider id. Reading never fails (a damaged cache is an empty
    one: the next refresh rebuilds it); `save` blocks, so the UI calls it from a thread."""

    def __init__(self, path: Path, providers: dict[str, ProviderModels] | None = None) -> None:
        self.path = path
        self._providers = dict(providers or {})

    @classmethod
    def load(cls, path: Path) -> ModelCache:
        """The cache in `path`; an empty one if it is missing, unreadable or not ours."""
        try:
            document = json.loads(path.read_bytes())
        except FileNotFoundError:
            return cls(path)
        except (OSError, ValueError) as exc:
            log.warning("Ignoring the model cache %s: %s", path, exc)
            return cls(path)
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            log.warning("Ignoring the model cache %s: not a %s file", path, FORMAT)
            return cls(path)
        raw = document.get("providers")
        entries = raw.items() if isinstance(raw, dict) else ()
        return cls(path, {pid: _read_entry(entry) for pid, entry in entries})

    def models_for(self, provider: Provider) -> ProviderModels:
        """What is remembered for `provider`; a list fetched from another endpoint is dropped."""
        found = self._providers.get(provider.id, ProviderModels())
        if found.endpoint != endpoint_of(provider):
            return replace(found, endpoint="", fetched_at=None, listed=())
        return found

    def store_listed(
        self, provider: Provider, models: Iterable[ListedModel], fetched_at: datetime
    ) -> None:
        """Remember what `provider` listed just now, replacing what it listed before."""
        found = self._providers.get(provider.id, ProviderModels())
        self._providers[provider.id] = replace(
            found, endpoint=endpoint_of(provider), fetched_at=fetched_at, listed=tuple(models)
        )

    def remember_typed(self, provider: Provider, name: str) -> bool:
        """Remember a name the user typed for `provider`; False if it is already listed."""
        if any(entry.name == name for entry in merged_models(provider, self.models_for(provider))):
            return False
        found = self._providers.get(provider.id, ProviderModels())
        typed = (*found.typed, name)[-TYPED_LIMIT:]
        self._providers[provider.id] = replace(found, typed=typed)
        return True

    def forget_except(self, ids: Iterable[str]) -> bool:
        """Drop what is remembered of every provider not in `ids`; True if anything was."""
        kept = set(ids)
        removed = [pid for pid in self._providers if pid not in kept]
        for pid in removed:
            del self._providers[pid]
        return bool(removed)

    def to_bytes(self) -> bytes:
        """The file's content: taken on the UI thread, written by `write` on another."""
        providers = {pid: _entry_json(entry) for pid, entry in sorted(self._providers.items())}
        document = {"format": FORMAT, "version": VERSION, "providers": providers}
        return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")

    def save(self) -> None:
        """Write the cache now (blocking)."""
        write(self.path, self.to_bytes())


def write(path: Path, data: bytes) -> None:
    """Write a cache file atomically: a crash leaves the old cache or the new one."""
    replace_atomically(path, data)


def merged_models(
    provider: Provider, remembered: ProviderModels, typed: Iterable[str] = ()
) -> list[ModelEntry]:
    """The picker's list for `provider`: the providers file's models in their order, then the
    names the user typed (remembered ones, then `typed` of this session), then the rest of what
    the provider listed, sorted. Each name once; display names come from the provider's list."""
    shown = {model.id: model.display_name for model in remembered.listed}
    entries: dict[str, ModelEntry] = {}
    for name in provider.models:
        entries.setdefault(name, ModelEntry(name, shown.get(name), "file"))
    for name in (*remembered.typed, *typed):
        entries.setdefault(name, ModelEntry(name, shown.get(name), "typed"))
    for model in sorted(remembered.listed, key=lambda model: model.id):
        entries.setdefault(model.id, ModelEntry(model.id, model.display_name, "listed"))
    return list(entries.values())


def connection_changed(before: Provider | None, after: Provider) -> bool:
    """Whether `after` may list other models than `before` did (new, or reached differently)."""
    if before is None:
        return True
    fields = ("kind", "base_url", "api_key_env", "proxy", "ca_bundle")
    return any(getattr(before, name) != getattr(after, name) for name in fields)


def _read_entry(raw: Any) -> ProviderModels:
    """One provider's entry; anything malformed in it is dropped, not fatal."""
    if not isinstance(raw, dict):
        return ProviderModels()
    listed = tuple(
        ListedModel(model["id"], _text(model.get("name")))
        for model in _list(raw.get("models"))
        if isinstance(model, dict) and _text(model.get("id"))
    )
    typed = tuple(name for name in _list(raw.get("typed")) if _text(name))
    return ProviderModels(
        endpoint=_text(raw.get("endpoint")) or "",
        fetched_at=_time(raw.get("fetched_at")),
        listed=listed,
        typed=typed,
    )


def _entry_json(entry: ProviderModels) -> dict[str, Any]:
    models = [
        {"id": model.id, **({"name": model.display_name} if model.display_name else {})}
        for model in entry.listed
    ]
    return {
        "endpoint": entry.endpoint,
        "fetched_at": entry.fetched_at.isoformat() if entry.fetched_at else None,
        "models": models,
        "typed": list(entry.typed),
    }


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _time(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
