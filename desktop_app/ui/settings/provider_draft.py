"""The Qt-free half of the Providers dialog: a provider as it is being edited, and how its key
(and its proxy's password: network_draft.py) is found for a test, checked, stored or removed
(blocking keyring calls go through threads)."""

from __future__ import annotations

import asyncio
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication

from desktop_app.core.errors import ConfigError, KeyringUnavailable
from desktop_app.core.network.clients import Clients, client_for
from desktop_app.core.settings.keys import KeyResolver, check_key, resolve_key
from desktop_app.core.settings.presets import Preset, new_provider_id
from desktop_app.core.settings.providers_file import Kind, ModelPrice, Provider, Timeouts
from desktop_app.core.text.messages import shown
from desktop_app.ui.settings.network_draft import (
    NetworkDraft,
    check_proxy_passwords,
    forget_proxy_password,
    save_proxy_password,
)

_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_MODEL_SEPARATORS = re.compile(r"[,\n]")
_SHOWN_MODELS = 12
ANTHROPIC_MIN_THINKING = 1024


class KeyState(Enum):
    """What is known about a provider's stored key."""

    CHECKING = "checking"
    NONE = "none"
    STORED = "stored"
    SESSION = "session"
    UNAVAILABLE = "unavailable"


class DraftProblem(ValueError):
    """A field of the form holds something that cannot be saved; `field` names the widget."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(eq=False)
class ProviderDraft:
    """One provider as the form edits it; nothing is saved until the dialog's Save."""

    original: Provider | None
    name: str
    kind: Kind
    base_url: str
    api_key_env: str = ""
    models_text: str = ""
    preset: Preset | None = None
    prices: dict[str, ModelPrice] = field(default_factory=dict)  # the user's own, never a relay's
    # Figures typed for a model nobody priced, until both input and output are there.
    unfinished_prices: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    timeouts: Timeouts = field(default_factory=Timeouts)
    thinking_budget: int | None = None
    network: NetworkDraft = field(default_factory=NetworkDraft)
    key_state: KeyState = KeyState.NONE
    typed_key: str = ""
    revealed_key: str | None = None
    remove_key: bool = False
    key_saved: bool = False  # a key stored, or removed, by the last Save: its models to ask for
    session_only: bool = False
    result: str = ""
    result_ok: bool | None = None  # None: no result yet, or still testing
    found_models: tuple[str, ...] = ()

    @classmethod
    def of_provider(cls, provider: Provider) -> ProviderDraft:
        """A draft of a provider from the file; its key state is checked later."""
        return cls(
            original=provider,
            name=provider.name,
            kind=provider.kind,
            base_url=provider.base_url,
            api_key_env=provider.api_key_env or "",
            models_text="\n".join(provider.models),
            prices=dict(provider.prices),
            timeouts=provider.timeouts,
            thinking_budget=provider.thinking_budget,
            network=NetworkDraft.of_provider(provider),
            key_state=KeyState.CHECKING,
        )

    @classmethod
    def of_preset(cls, preset: Preset) -> ProviderDraft:
        """A new provider filled in from a preset (Custom leaves name and URL to the user),
        named in the window's language ("HolySheep 中转站"): saved, that name is the user's.

        The preset's prices are not copied: saved, they would pass for the user's own, hide the
        relay's later price changes and show as "your price".
        """
        return cls(
            original=None,
            name=shown(preset.name) if preset.base_url else "",
            kind=preset.kind,
            base_url=preset.base_url,
            api_key_env=preset.api_key_env or "",
            models_text="\n".join(preset.models),
            preset=preset,
        )

    @property
    def id(self) -> str | None:
        """The saved id; None until a new provider is saved."""
        return self.original.id if self.original else None

    @property
    def new_key(self) -> str | None:
        """The key the user typed, if it differs from the stored one."""
        key = self.typed_key.strip()
        return key if key and key != self.revealed_key else None

    @property
    def is_local(self) -> bool:
        """Whether the base URL is on this machine, where servers usually take no key."""
        host = (urlsplit(self.base_url.strip()).hostname or "").lower()
        return host in ("localhost", "127.0.0.1", "::1")

    def id_for_new(self, taken: set[str]) -> str:
        """The id a new provider gets: its preset's while it keeps the preset's name."""
        preset = self.preset
        names = (preset.name, shown(preset.name)) if preset is not None else ()
        keeps_name = preset is not None and preset.base_url and self.name.strip() in names
        preferred = preset.id if preset is not None and keeps_name else None
        return new_provider_id(self.name.strip(), taken, preferred=preferred)

    def models(self) -> tuple[str, ...]:
        """The model names in the models field, in order, without repeats."""
        names = (m.strip() for m in _MODEL_SEPARATORS.split(self.models_text))
        return tuple(dict.fromkeys(name for name in names if name))

    def to_provider(self, provider_id: str) -> Provider:
        """The provider this draft describes; raises DraftProblem naming the field to fix."""
        name = self.name.strip()
        if not name:
            raise DraftProblem(
                QCoreApplication.translate("ProviderDraft", "Give the provider a name."), "name"
            )
        base_url = self.base_url.strip().rstrip("/")
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise DraftProblem(
                QCoreApplication.translate(
                    "ProviderDraft",
                    "The base URL of {} must start with http:// or https:// and name a host, "
                    "like https://api.openai.com/v1.",
                ).format(name),
                "base_url",
            )
        env = self.api_key_env.strip()
        if env and not _ENV_NAME.fullmatch(env):
            raise DraftProblem(
                QCoreApplication.translate(
                    "ProviderDraft", "{} is not a variable name: use letters, digits and _ only."
                ).format(repr(env)),
                "api_key_env",
            )
        if self.new_key:
            try:
                check_key(self.new_key)
            except ConfigError as exc:
                raise DraftProblem(str(exc), "key") from None
        self._check_extras(name)
        if self.unfinished_prices:
            model, typed = next(iter(self.unfinished_prices.items()))
            figure = (
                QCoreApplication.translate("ProviderDraft", "output")
                if "input" in typed
                else QCoreApplication.translate("ProviderDraft", "input")
            )
            if "input" not in typed and "output" not in typed:
                figure = QCoreApplication.translate("ProviderDraft", "input and output")
            raise DraftProblem(
                QCoreApplication.translate(
                    "ProviderDraft",
                    "The price of {model} at {name} needs the {figure} figure too: type it, "
                    "or clear the figures you typed.",
                ).format(model=model, name=name, figure=figure),
                "prices",
            )
        return Provider(
            id=provider_id,
            name=name,
            kind=self.kind,
            base_url=base_url,
            api_key_env=env or None,
            models=self.models(),
            prices=dict(self.prices),
            timeouts=self.timeouts,
            thinking_budget=self.thinking_budget,
            proxy=self.network.proxy.strip() or None,
            ca_bundle=self.network.ca_bundle.strip() or None,
            simulated=self.original is not None and self.original.simulated,  # set by hand
        )

    def _check_extras(self, name: str) -> None:
        """The thinking budget and the network settings."""
        budget = self.thinking_budget
        if self.kind == "anthropic" and budget is not None and budget < ANTHROPIC_MIN_THINKING:
            raise DraftProblem(
                QCoreApplication.translate(
                    "ProviderDraft",
                    "Anthropic needs a thinking budget of at least {least} tokens "
                    "({name} has {budget}).",
                ).format(least=ANTHROPIC_MIN_THINKING, name=name, budget=budget),
                "thinking",
            )
        problem = self.network.proxy_problem()
        if problem:
            raise DraftProblem(
                QCoreApplication.translate("ProviderDraft", "{}: {}").format(name, problem), "proxy"
            )
        problem = self.network.bundle_problem()
        if problem:
            raise DraftProblem(
                QCoreApplication.translate("ProviderDraft", "{}: {}").format(name, problem),
                "ca_bundle",
            )


def describe_models(names: list[str]) -> str:
    """The result line of a successful test: how many models, and their names."""
    if not names:
        return QCoreApplication.translate(
            "ProviderDraft",
            "Connected, but the server lists no models. Type the model names above.",
        )
    shown = QCoreApplication.translate("ProviderDraft", ", ").join(names[:_SHOWN_MODELS])
    if len(names) > _SHOWN_MODELS:
        more = len(names) - _SHOWN_MODELS
        return QCoreApplication.translate(
            "ProviderDraft", "Connected: {count} models: {shown}, and {more} more."
        ).format(count=len(names), shown=shown, more=more)
    if len(names) == 1:
        return QCoreApplication.translate("ProviderDraft", "Connected: 1 model: {shown}.").format(
            shown=shown
        )
    return QCoreApplication.translate(
        "ProviderDraft", "Connected: {count} models: {shown}."
    ).format(count=len(names), shown=shown)


async def check_stored_keys(drafts: list[ProviderDraft], keys: KeyResolver) -> None:
    """Set the key state of drafts still checking; raises KeyringUnavailable after marking them.

    Only whether a key exists is kept, never the key.
    """
    ids = [draft.id for draft in drafts if draft.id and draft.key_state is KeyState.CHECKING]
    # With no provider yet, still ask once, so that a missing keyring is known before Save.
    asked = ids or ["tally-keyring-probe"]
    store = keys.store
    unavailable: KeyringUnavailable | None = None
    try:
        stored = await asyncio.to_thread(lambda: {i for i in asked if store.get(i)})
    except KeyringUnavailable as exc:
        stored, unavailable = set(), exc
    if unavailable is None:
        saved = [(draft.id, draft.network) for draft in drafts if draft.id]
        try:
            await check_proxy_passwords(saved, keys)
        except KeyringUnavailable as exc:
            unavailable = exc
    for draft in drafts:
        if draft.key_state is not KeyState.CHECKING:
            continue
        if draft.id in keys.session_keys:
            draft.key_state = KeyState.SESSION
        elif unavailable is not None:
            draft.key_state = KeyState.UNAVAILABLE
        else:
            draft.key_state = KeyState.STORED if draft.id in stored else KeyState.NONE
    if unavailable is not None:
        raise unavailable


async def models_for_test(
    draft: ProviderDraft, provider: Provider, clients: Clients, keys: KeyResolver
) -> list[str]:
    """The provider's models, asked with the key and proxy password as typed in the form."""
    key = await key_for_test(draft, provider, keys)
    password = draft.network.password_for_test()
    client = await client_for(clients, provider, proxy_password=password)
    # Here, not when Settings opens: model_list brings httpx (some 20-60 ms, once).
    from desktop_app.core.providers.model_list import list_models

    return await list_models(client, provider, key)


async def key_for_test(draft: ProviderDraft, provider: Provider, keys: KeyResolver) -> str | None:
    """The key typed in the form, else the one Tally would send (session, variable, keyring)."""
    if draft.new_key:
        return draft.new_key
    if draft.id is None or draft.remove_key:
        variable = provider.api_key_env and os.environ.get(provider.api_key_env, "").strip()
        return variable or None
    if draft.id in keys.session_keys:
        return keys.session_keys[draft.id]
    return await asyncio.to_thread(resolve_key, provider, keys.store, required=False)


async def save_secrets(draft: ProviderDraft, provider: Provider, keys: KeyResolver) -> None:
    """Store or remove the provider's key and its proxy's password, as the form says."""
    await save_key(draft, provider.id, keys)
    await save_proxy_password(draft.network, provider, keys, session_only=draft.session_only)


async def save_key(draft: ProviderDraft, provider_id: str, keys: KeyResolver) -> None:
    """Store a newly typed key (or keep it in memory only), or delete a removed one."""
    key = draft.new_key
    if key and draft.session_only:
        keys.session_keys[provider_id] = key
        draft.key_state = KeyState.SESSION
    elif key:
        await asyncio.to_thread(keys.store.set, provider_id, key)
        keys.session_keys.pop(provider_id, None)  # it would hide the stored key
        draft.key_state = KeyState.STORED
    elif draft.remove_key:
        only_in_memory = keys.session_keys.pop(provider_id, None) is not None
        try:
            await asyncio.to_thread(keys.store.delete, provider_id)
        except KeyringUnavailable:
            if not only_in_memory:
                raise
        draft.key_state = KeyState.NONE
    else:
        return
    draft.revealed_key, draft.remove_key, draft.key_saved = key, False, True


async def forget_key(provider_id: str, keys: KeyResolver) -> None:
    """Delete a removed provider's key and proxy password; with no keyring there is no stored
    key to forget."""
    await forget_proxy_password(provider_id, keys)
    keys.session_keys.pop(provider_id, None)
    try:
        await asyncio.to_thread(keys.store.delete, provider_id)
    except KeyringUnavailable:
        return
