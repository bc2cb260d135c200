"""API keys in the OS keyring (service `Tally`, user name = provider id), never on disk; a
provider's proxy password too, under the user name `<provider id>/proxy`."""

from __future__ import annotations

import os
from functools import cache

from desktop_app.core.errors import ConfigError, KeyringUnavailable, MissingKeyError
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.text.messages import t

SERVICE = "Tally"

# keyring (on Linux with its Secret Service client and cryptography: some 40 ms) is imported
# when a key is first read or written, not when the app starts.


@cache
def _backend_errors() -> tuple[type[Exception], ...]:
    """Errors a keyring backend raises when it cannot work: keyring's own, and on Linux those of
    the Secret Service client, which escape when the daemon goes away after the backend was
    chosen."""
    from keyring.errors import KeyringError

    errors: tuple[type[Exception], ...] = (KeyringError,)
    try:
        from secretstorage.exceptions import SecretStorageException
    except ImportError:  # not on macOS or Windows
        return errors
    return (*errors, SecretStorageException)


def check_key(key: str | None) -> None:
    """Refuse a key that cannot go into an HTTP header, without repeating it anywhere."""
    if key is None:
        return
    if not key.isascii() or not key.isprintable() or any(c.isspace() for c in key):
        raise ConfigError(
            t(
                "The API key contains a space, a line break or a character that keys never"
                " have. Paste it again, exactly as the provider shows it."
            )
        )


def proxy_entry(provider_id: str) -> str:
    """The keyring user name of a provider's proxy password (ids never hold a '/')."""
    return f"{provider_id}/proxy"


class KeyStore:
    """Reads and writes provider keys through `keyring`; blocking, so call it off the UI thread."""

    def __init__(self, service: str = SERVICE) -> None:
        self.service = service

    def get(self, provider_id: str) -> str | None:
        """The stored key, or None if there is none."""
        import keyring

        try:
            value: str | None = keyring.get_password(self.service, provider_id)
        except _backend_errors() as exc:
            raise _unavailable(exc) from exc
        return value

    def set(self, provider_id: str, key: str) -> None:
        """Store (or replace) a provider's key."""
        import keyring

        try:
            keyring.set_password(self.service, provider_id, key)
        except _backend_errors() as exc:
            raise _unavailable(exc) from exc

    def delete(self, provider_id: str) -> None:
        """Forget a provider's key; forgetting a key that is not there is not an error."""
        import keyring

        try:
            keyring.delete_password(self.service, provider_id)
        except keyring.errors.PasswordDeleteError:
            return
        except _backend_errors() as exc:
            raise _unavailable(exc) from exc


def resolve_key(provider: Provider, store: KeyStore, *, required: bool) -> str | None:
    """The key for a provider: its `api_key_env` variable if set, else the keyring.

    With `required` false (a local server that needs no key) a missing or unavailable keyring
    gives None instead of an error.
    """
    if provider.api_key_env:
        from_env = os.environ.get(provider.api_key_env)
        if from_env:
            return from_env.strip()
    try:
        stored = store.get(provider.id)
    except KeyringUnavailable:
        if required:
            raise
        return None
    if stored:
        return stored
    if required:
        if provider.api_key_env:
            raise MissingKeyError(
                t(
                    "No API key for {name}: add it in Settings (stored in the OS keyring) or set"
                    " the variable {variable}.",
                    name=provider.name,
                    variable=provider.api_key_env,
                )
            )
        raise MissingKeyError(
            t(
                "No API key for {name}: add it in Settings (stored in the OS keyring).",
                name=provider.name,
            )
        )
    return None


def _unavailable(exc: Exception) -> KeyringUnavailable:
    return KeyringUnavailable(
        t(
            "The OS keyring is not available ({why}). Keys are never written to disk: start a"
            " Secret Service (such as gnome-keyring) or set the provider's api_key_env"
            " variable.",
            why=_why(exc),
        )
    )


def _why(exc: Exception) -> str:
    """The backend's problem in its own words (they never hold the key), less keyring's advice
    to install keyrings.alt: a store in a plain file, the opposite of what Tally promises."""
    from keyring.errors import NoKeyringError  # loaded already: the error came from it

    if isinstance(exc, NoKeyringError):  # its text is only advice on what to install
        return "no keyring backend works on this system"
    text = str(exc).strip() or type(exc).__name__
    sentences = [part for part in text.split(". ") if part]
    kept = [part for part in sentences if "keyrings.alt" not in part and "3rd party" not in part]
    if not kept:
        return "no keyring backend works on this system"
    return ". ".join(kept).rstrip(". ")


class KeyResolver:
    """Finds a provider's key: a key given for this session only, its variable, the keyring.

    Session keys are what the user chose when no keyring works: kept in memory, never on disk.
    """

    def __init__(self, store: KeyStore | None = None) -> None:
        self.store = store or KeyStore()
        self.session_keys: dict[str, str] = {}

    def resolve(self, provider: Provider) -> str | None:
        """The key to send, or None for a local server without one; blocking."""
        in_memory = self.session_keys.get(provider.id)
        if in_memory:
            return in_memory
        return resolve_key(provider, self.store, required=provider.needs_key)

    def proxy_password(self, provider: Provider) -> str | None:
        """The password of the provider's own proxy: one kept for this session, else the
        keyring's; blocking."""
        entry = proxy_entry(provider.id)
        return self.session_keys.get(entry) or self.store.get(entry)
