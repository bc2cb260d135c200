"""The Qt-free half of a provider's Network settings: its proxy and CA bundle as they are being
edited, what is wrong with them, and the proxy password, kept in the keyring (user name
`<provider id>/proxy`) or, with no keyring, for this session only; never in the file."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

from PySide6.QtCore import QCoreApplication

from desktop_app.core.errors import ConfigError, KeyringUnavailable
from desktop_app.core.network.clients import check_ca_bundle
from desktop_app.core.settings.keys import KeyResolver, proxy_entry
from desktop_app.core.settings.providers_file import Provider

_SCHEMES = ("http", "https", "socks5", "socks5h")
_EXAMPLES = ("http://proxy.example.com:3128", "socks5://proxy.example.com:1080")


@dataclass(eq=False)
class NetworkDraft:
    """A provider's proxy and CA bundle as the form edits them."""

    proxy: str = ""
    ca_bundle: str = ""
    typed_password: str = ""
    password_stored: bool | None = False  # None: not known (still checking, or no keyring)

    @classmethod
    def of_provider(cls, provider: Provider) -> NetworkDraft:
        """The draft of a saved provider; whether it has a stored password is checked later."""
        user = proxy_user(provider.proxy or "")
        return cls(provider.proxy or "", provider.ca_bundle or "", "", None if user else False)

    @property
    def user(self) -> str | None:
        """The user name in the proxy URL, which a password goes with."""
        return proxy_user(self.proxy.strip())

    def proxy_problem(self) -> str | None:
        """What is wrong with the proxy URL and password, in words; None if nothing."""
        text = self.proxy.strip()
        if not text:
            return (
                QCoreApplication.translate(
                    "NetworkDraft", "A password needs a proxy URL with a user name in it."
                )
                if self.typed_password
                else None
            )
        parts = urlsplit(text)
        try:
            port = parts.port
        except ValueError:
            return QCoreApplication.translate(
                "NetworkDraft",
                "The proxy's port must be a number from 1 to 65535, as in {0} or {1}.",
            ).format(*_EXAMPLES)
        if parts.scheme.lower() not in _SCHEMES or not parts.hostname:
            return QCoreApplication.translate(
                "NetworkDraft",
                "The proxy must be a URL such as {0} or {1} (http, https or socks5).",
            ).format(*_EXAMPLES)
        if parts.password is not None:
            return QCoreApplication.translate(
                "NetworkDraft",
                "Leave the password out of the proxy URL: type it in the password field, "
                "which keeps it in the keyring.",
            )
        return _socks_problem(parts, port) or self._password_problem()

    def bundle_problem(self) -> str | None:
        """What is wrong with the CA bundle file; reads it, so only on Save or Test."""
        path = self.ca_bundle.strip()
        if not path:
            return None
        try:
            check_ca_bundle(path)
        except ConfigError as exc:
            return str(exc).replace(" in Settings → Network", "")
        return None

    def password_for_test(self) -> str | None:
        """The password typed but not saved yet, which a test must use; None: the stored one."""
        return self.typed_password if self.typed_password else None

    def _password_problem(self) -> str | None:
        if self.typed_password and not self.user:
            return QCoreApplication.translate(
                "NetworkDraft",
                "Put the proxy's user name in its URL, as in http://alice@proxy.example.com:3128: "
                "the password is sent only with a user name.",
            )
        return None


def proxy_user(proxy: str) -> str | None:
    """The user name in a proxy URL, if any."""
    try:
        return urlsplit(proxy).username or None
    except ValueError:
        return None


def _socks_problem(parts: SplitResult, port: int | None) -> str | None:
    if parts.scheme.lower().startswith("socks") and port is None:
        return QCoreApplication.translate(
            "NetworkDraft", "A SOCKS proxy needs its port, as in socks5://proxy.example.com:1080."
        )
    return None


async def check_proxy_passwords(drafts: list[tuple[str, NetworkDraft]], keys: KeyResolver) -> None:
    """Find out which saved providers have a proxy password (never keeping it);
    raises KeyringUnavailable, leaving them unknown."""
    asked = [(pid, network) for pid, network in drafts if network.password_stored is None]
    entries = [proxy_entry(pid) for pid, _ in asked]
    in_memory = {entry for entry in entries if entry in keys.session_keys}
    store = keys.store
    stored = await asyncio.to_thread(lambda: {e for e in entries if store.get(e)})
    for (_, network), entry in zip(asked, entries, strict=True):
        network.password_stored = entry in stored | in_memory


async def save_proxy_password(
    network: NetworkDraft, provider: Provider, keys: KeyResolver, *, session_only: bool
) -> None:
    """Store a typed password; forget the stored one when the proxy no longer has a user."""
    entry = proxy_entry(provider.id)
    typed = network.typed_password
    if typed and proxy_user(provider.proxy or ""):
        if session_only:
            keys.session_keys[entry] = typed
        else:
            await asyncio.to_thread(keys.store.set, entry, typed)
            keys.session_keys.pop(entry, None)  # it would hide the stored password
        network.typed_password, network.password_stored = "", True
    elif not proxy_user(provider.proxy or "") and network.password_stored is not False:
        await forget_proxy_password(provider.id, keys)
        network.password_stored = False


async def forget_proxy_password(provider_id: str, keys: KeyResolver) -> None:
    """Delete a provider's proxy password; with no keyring there is none stored to delete."""
    entry = proxy_entry(provider_id)
    keys.session_keys.pop(entry, None)
    try:
        await asyncio.to_thread(keys.store.delete, entry)
    except KeyringUnavailable:
        return
