"""Writing the providers file: atomically, without comments, never with a key, and never over a
hand-edited file that did not load (kept as providers.toml.bak)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from desktop_app.core.errors import ConfigError
from desktop_app.core.files import keep_aside, reason_of, replace_atomically
from desktop_app.core.settings.providers_file import (
    Provider,
    Timeouts,
    load_providers,
    parse_providers,
)

_FILE_HEADER = (
    "# Tally's providers. API keys are never stored here: they live in the OS keyring.\n"
    "# Tally rewrites this file when you save in Settings → Providers; comments are not kept.\n"
)


def dump_providers(providers: Iterable[Provider]) -> str:
    """The text of a providers file for these providers; never a key, only what is set."""
    blocks = [_provider_block(provider) for provider in providers]
    return _FILE_HEADER + "".join("\n" + block for block in blocks)


def save_providers(path: Path, providers: list[Provider]) -> Path | None:
    """Write the providers file atomically: the old file stays whole if anything fails. A file
    there that does not load (a hand edit gone wrong) is never overwritten: it is kept as
    `providers.toml.bak` first (or .bak.2, ...), and that path is returned."""
    text = dump_providers(providers)
    # Never write a file that would not read back, whatever the Provider objects held.
    parse_providers(text, source="the providers to save")
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ConfigError(f"Cannot save the providers: {exc}.") from exc
    try:
        kept = _keep_unloadable(path)
        replace_atomically(path, data)
    except OSError as exc:
        raise ConfigError(f"Cannot write {path}: {reason_of(exc)}.") from exc
    return kept


def _keep_unloadable(path: Path) -> Path | None:
    """Copy a providers file that does not load to a backup no other file has; None if it loads
    (or is not there)."""
    try:
        load_providers(path)
        return None
    except ConfigError:
        old = path.read_bytes()  # unreadable: OSError, and nothing is written
    return keep_aside(path, old)


def _provider_block(provider: Provider) -> str:
    lines = [
        "[[provider]]",
        f"id = {_toml_string(provider.id)}",
        f"name = {_toml_string(provider.name)}",
        f"kind = {_toml_string(provider.kind)}",
        f"base_url = {_toml_string(provider.base_url)}",
    ]
    if provider.api_key_env is not None:
        lines.append(f"api_key_env = {_toml_string(provider.api_key_env)}")
    if provider.models:
        lines.append(f"models = [{', '.join(_toml_string(m) for m in provider.models)}]")
    if provider.thinking_budget is not None:
        lines.append(f"thinking_budget = {provider.thinking_budget}")
    if provider.simulated:
        lines.append("simulated = true")
    for key in ("proxy", "ca_bundle"):
        if (text := getattr(provider, key)) is not None:
            lines.append(f"{key} = {_toml_string(text)}")
    for model, price in provider.prices.items():
        lines += [
            "",
            f"[provider.prices.{_toml_string(model)}]",
            f"input = {_decimal(price.input)}",
        ]
        for key in ("cached_input", "cache_write"):
            if (number := getattr(price, key)) is not None:
                lines.append(f"{key} = {_decimal(number)}")
        lines.append(f"output = {_decimal(price.output)}")
        if price.reasoning is not None:
            lines.append(f"reasoning = {_decimal(price.reasoning)}")
    defaults = Timeouts()
    changed = [
        f"{name} = {_seconds(getattr(provider.timeouts, name))}"
        for name in Timeouts.__dataclass_fields__
        if getattr(provider.timeouts, name) != getattr(defaults, name)
    ]
    if changed:
        lines += ["", "[provider.timeouts]", *changed]
    return "\n".join(lines) + "\n"


_TOML_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def _toml_string(value: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for char in value:
        if char in _TOML_ESCAPES:
            out.append(_TOML_ESCAPES[char])
        elif char < " " or char == "\x7f":
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _decimal(number: Decimal) -> str:
    # Fixed-point, never "1E+2"; the reader turns it back into the same Decimal value.
    return format(number, "f")


def _seconds(value: float) -> str:
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)
