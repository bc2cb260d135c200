"""The providers file (`providers.toml`): what a provider is, and reading the file, telling the
user exactly what is wrong (providers_writer.py writes it back)."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal, cast
from urllib.parse import urlsplit

from desktop_app.core.errors import ConfigError
from desktop_app.core.files import reason_of
from desktop_app.core.settings.toml_text import key_line, table_starts, toml_document
from desktop_app.core.text.messages import Text, t

Kind = Literal["openai", "anthropic", "gemini"]
KINDS: tuple[Kind, ...] = ("openai", "anthropic", "gemini")

_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_PROVIDER_HEADER = re.compile(r"^\s*\[\[\s*provider\s*\]\]")
_PROVIDER_KEYS = {
    "id",
    "name",
    "kind",
    "base_url",
    "api_key_env",
    "models",
    "prices",
    "timeouts",
    "thinking_budget",
    "proxy",
    "ca_bundle",
    "simulated",
}
_PROXY_SCHEMES = ("http", "https", "socks5", "socks5h")
_PRICE_KEYS = {"input", "cached_input", "cache_write", "output", "reasoning"}


@dataclass(frozen=True, slots=True)
class Timeouts:
    """Seconds allowed for each phase of a request (DESIGN.md's defaults)."""

    connect: float = 10.0
    first_byte: float = 120.0
    idle: float = 60.0
    total: float = 900.0


@dataclass(frozen=True, slots=True)
class ModelPrice:
    """USD per million tokens for one model. A price left None is billed like its parent: cached
    input and cache writes as input, reasoning as output."""

    input: Decimal
    output: Decimal
    cached_input: Decimal | None = None
    cache_write: Decimal | None = None
    reasoning: Decimal | None = None
    tiers: tuple[tuple[int, ModelPrice], ...] = ()
    """Dearer rates for long prompts, lowest first: (n, rates billed for every token of an answer
    whose prompt is over n input tokens). Only the bundled catalog has them; not in this file."""


@dataclass(frozen=True, slots=True)
class Provider:
    """One configured endpoint: where it is, how it speaks, and how long to wait for it."""

    id: str
    name: str
    kind: Kind
    base_url: str
    api_key_env: str | None = None
    models: tuple[str, ...] = ()
    prices: dict[str, ModelPrice] = field(default_factory=dict)
    timeouts: Timeouts = Timeouts()
    thinking_budget: int | None = None
    """Ask for the model's thinking, up to this many tokens (Anthropic `thinking`, Gemini
    `includeThoughts`); None leaves it to the API's default."""
    proxy: str | None = None
    """A proxy URL for this provider only (http, https, socks5), with no password in it: the
    password is kept in the keyring. None: the system's proxy settings."""
    ca_bundle: str | None = None
    """A file of CA certificates to trust for this provider (a corporate TLS proxy)."""
    simulated: bool = False
    """Its answers are not real (the offline demo): shown with a would-be cost, never money."""

    @property
    def needs_key(self) -> bool:
        """False for a server on this machine by its usual names (Ollama, LM Studio), which
        usually takes no key; another loopback address (127.0.0.2) is taken to want one."""
        host = (urlsplit(self.base_url).hostname or "").lower()
        return host not in ("localhost", "127.0.0.1", "::1")


def is_loopback(host: str) -> bool:
    """Whether `host` names this computer: localhost (or a name under it), 127.0.0.0/8, ::1,
    or 127.0.0.0/8 written as IPv6 (::ffff:127.0.0.1)."""
    host = host.lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    mapped = address.ipv4_mapped if isinstance(address, ipaddress.IPv6Address) else None
    return address.is_loopback or (mapped is not None and mapped.is_loopback)  # ::ffff:127.0.0.1


def load_providers(path: Path) -> list[Provider]:
    """Read the providers file; a missing file means no providers yet."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            t("Cannot read {path}: {error}", path=path, error=reason_of(exc))
        ) from exc
    return parse_providers(text, source=str(path))


def parse_providers(text: str, *, source: str = "providers.toml") -> list[Provider]:
    """Parse the text of a providers file; errors name the file and the line."""
    document = toml_document(text, source)
    unknown = set(document) - {"provider"}
    if unknown:
        names = ", ".join(sorted(unknown))
        raise ConfigError(
            t(
                "{source}: unknown top-level setting {names}; only [[provider]] tables.",
                source=source,
                names=names,
            )
        )
    tables = document.get("provider", [])
    if not isinstance(tables, list):
        raise ConfigError(
            t("{source}: write providers as [[provider]] tables, not [provider].", source=source)
        )
    located = _Locator(text, source)
    providers: list[Provider] = []
    ids: set[str] = set()  # a set, not a scan of the list: thousands of providers stay linear
    for index, table in enumerate(tables):
        provider = _provider_from_table(table, located.at(index))
        if provider.id in ids:
            raise located.at(index).error("id", t("the id {id!r} is used twice", id=provider.id))
        ids.add(provider.id)
        providers.append(provider)
    return providers


class _Locator:
    """Finds the line of a provider table, or of one of its keys, in the file's text."""

    def __init__(self, text: str, source: str) -> None:
        self.lines = text.splitlines()
        self.source = source
        self.headers = table_starts(self.lines, _PROVIDER_HEADER)

    def at(self, index: int) -> _Place:
        start = self.headers[index] if index < len(self.headers) else 0
        end = self.headers[index + 1] if index + 1 < len(self.headers) else len(self.lines)
        return _Place(self, index, start, end)


@dataclass(frozen=True, slots=True)
class _Place:
    locator: _Locator
    index: int
    start: int
    end: int

    def error(self, key: str, problem: Text) -> ConfigError:
        line = key_line(self.locator.lines, self.start, self.end, key)
        where = t(
            "{source}, line {line} (provider #{number})",
            source=self.locator.source,
            line=line + 1,
            number=self.index + 1,
        )
        return ConfigError(t("{where}: {problem}.", where=where, problem=problem))


def _provider_from_table(table: Any, place: _Place) -> Provider:
    if not isinstance(table, dict):
        raise place.error("provider", t("a provider must be a table of settings"))
    unknown = set(table) - _PROVIDER_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise place.error(key, t("unknown setting {key!r}", key=key))
    provider_id = _string(table, "id", place)
    if not _ID_PATTERN.fullmatch(provider_id):
        raise place.error("id", t("id may hold only letters, digits, '.', '_' and '-'"))
    kind = table.get("kind", "openai")
    if kind not in KINDS:
        kinds = ", ".join(KINDS)
        raise place.error(
            "kind", t("kind must be one of {kinds}, not {kind!r}", kinds=kinds, kind=kind)
        )
    base_url = _string(table, "base_url", place).rstrip("/")
    if not base_url.startswith(("http://", "https://")):
        raise place.error("base_url", t("base_url must start with http:// or https://"))
    api_key_env = table.get("api_key_env")
    if api_key_env is not None and (not isinstance(api_key_env, str) or not api_key_env):
        raise place.error("api_key_env", t("api_key_env must be the name of a variable"))
    simulated = table.get("simulated", False)
    if not isinstance(simulated, bool):
        raise place.error("simulated", t("simulated must be true or false"))
    models = table.get("models", [])
    if not isinstance(models, list) or not all(isinstance(m, str) and m for m in models):
        raise place.error("models", t('models must be a list of names, like ["gpt-4.1"]'))
    return Provider(
        id=provider_id,
        name=str(table.get("name") or provider_id),
        kind=cast(Kind, kind),
        base_url=base_url,
        api_key_env=api_key_env,
        models=tuple(models),
        prices=_prices(table.get("prices", {}), place),
        timeouts=_timeouts(table.get("timeouts", {}), place),
        thinking_budget=_thinking_budget(table.get("thinking_budget"), place),
        proxy=_proxy(table.get("proxy"), place),
        ca_bundle=_optional_string(table, "ca_bundle", place),
        simulated=simulated,
    )


def _thinking_budget(value: Any, place: _Place) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise place.error("thinking_budget", t("thinking_budget must be a whole number of tokens"))
    return value


def _proxy(value: Any, place: _Place) -> str | None:
    if value is None:
        return None
    url = urlsplit(value) if isinstance(value, str) else None
    if url is None or url.scheme not in _PROXY_SCHEMES or not url.hostname:
        schemes = ", ".join(f"{scheme}://" for scheme in _PROXY_SCHEMES)
        raise place.error(
            "proxy", t("proxy must be a URL starting with {schemes}", schemes=schemes)
        )
    if url.password is not None:
        raise place.error(
            "proxy",
            t("leave the proxy's password out of the file: the settings keep it in the keyring"),
        )
    return str(value)


def _optional_string(table: dict[str, Any], key: str, place: _Place) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise place.error(key, t("{key!r} must be a non-empty string", key=key))
    return value.strip()


def _string(table: dict[str, Any], key: str, place: _Place) -> str:
    value = table.get(key)
    if value is None:
        raise place.error(key, t("the setting {key!r} is missing", key=key))
    if not isinstance(value, str) or not value.strip():
        raise place.error(key, t("{key!r} must be a non-empty string", key=key))
    return value.strip()


def _prices(value: Any, place: _Place) -> dict[str, ModelPrice]:
    if not isinstance(value, dict):
        raise place.error("prices", t('write prices as [provider.prices."MODEL"] tables'))
    prices: dict[str, ModelPrice] = {}
    for model, entry in value.items():
        if not isinstance(entry, dict) or set(entry) - _PRICE_KEYS:
            keys = ", ".join(sorted(_PRICE_KEYS))
            raise place.error(
                "prices", t("the prices of {model!r} may set only {keys}", model=model, keys=keys)
            )
        numbers = {key: _price_number(entry, key, model, place) for key in entry}
        if "input" not in numbers or "output" not in numbers:
            raise place.error(
                "prices", t("the prices of {model!r} need both input and output", model=model)
            )
        prices[model] = ModelPrice(
            input=numbers["input"],
            output=numbers["output"],
            cached_input=numbers.get("cached_input"),
            cache_write=numbers.get("cache_write"),
            reasoning=numbers.get("reasoning"),
        )
    return prices


def _price_number(entry: dict[str, Any], key: str, model: str, place: _Place) -> Decimal:
    raw = entry[key]
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise place.error(
            key,
            t("{key} of {model!r} must be a number (USD per million tokens)", key=key, model=model),
        )
    try:
        # str() first: a float such as 0.07 must become Decimal("0.07"), not its binary value.
        number = Decimal(str(raw))
    except InvalidOperation as exc:
        raise place.error(
            key,
            t("{key} of {model!r} must be a number, not {raw!r}", key=key, model=model, raw=raw),
        ) from exc
    if not number.is_finite() or number < 0:
        raise place.error(key, t("{key} of {model!r} must be zero or more", key=key, model=model))
    return number


def _timeouts(value: Any, place: _Place) -> Timeouts:
    if not isinstance(value, dict):
        raise place.error("timeouts", t("write timeouts as a [provider.timeouts] table"))
    defaults = Timeouts()
    seconds: dict[str, float] = {}
    for key, raw in value.items():
        if key not in Timeouts.__dataclass_fields__:
            raise place.error(
                key, t("unknown timeout {key!r} (connect, first_byte, idle, total)", key=key)
            )
        if isinstance(raw, bool) or not isinstance(raw, int | float) or raw <= 0:
            raise place.error(
                key, t("timeout {key} must be a number of seconds above zero", key=key)
            )
        seconds[key] = float(raw)
    return Timeouts(
        connect=seconds.get("connect", defaults.connect),
        first_byte=seconds.get("first_byte", defaults.first_byte),
        idle=seconds.get("idle", defaults.idle),
        total=seconds.get("total", defaults.total),
    )
