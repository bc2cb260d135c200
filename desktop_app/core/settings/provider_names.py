"""Providers are recorded by their id (providers.toml `id`), which a rename leaves alone; what is
shown is the provider's current name, or the recorded text when no such provider exists now."""

from __future__ import annotations

from collections.abc import Iterable

from desktop_app.core.settings.providers_file import Provider

DEMO_ID = "demo"
DEMO_NAME = "Demo (offline, simulated answers)"
"""The built-in Demo provider (ui/demo.py): not in providers.toml, but in the history."""


def provider_with_id(providers: Iterable[Provider], provider_id: str | None) -> Provider | None:
    """The provider with this id, or None."""
    return next((p for p in providers if provider_id is not None and p.id == provider_id), None)


def shown_name(
    providers: Iterable[Provider], provider_id: str | None, name_then: str | None = None
) -> str | None:
    """The current name of the provider with this id; else its name when it answered (when
    recorded), else the recorded text itself."""
    provider = provider_with_id(providers, provider_id)
    if provider is not None:
        return provider.name
    return name_then or provider_id


def ids_by_name(providers: Iterable[Provider]) -> dict[str, str]:
    """Each provider's id by its name, the Demo's included. Two providers of one name: the
    first in the file, the one the app picked by that name before answers kept ids."""
    found = {DEMO_NAME: DEMO_ID}
    for provider in providers:
        found.setdefault(provider.name, provider.id)
    return found


def id_for(recorded: str | None, providers: Iterable[Provider]) -> str | None:
    """What an old record's provider (its name then) becomes: the id of the provider of that
    name, or the text as it is when none has it now."""
    if recorded is None:
        return None
    return ids_by_name(providers).get(recorded, recorded)
