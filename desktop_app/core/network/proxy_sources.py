"""Where a proxy setting came from, named the same by the clients that use it and the errors
that report it."""

from __future__ import annotations

from desktop_app.core.text.messages import t

SETTINGS = "settings"
SYSTEM = "system"
"""Where a proxy came from, besides the name of a variable (HTTPS_PROXY)."""


def source_words(source: str) -> str:
    """Where a proxy setting came from, as a message says it."""
    if source == SETTINGS:
        return t("set in Settings")
    if source == SYSTEM:
        return t("from the system's proxy settings")
    return t("from the {variable} variable", variable=source)
