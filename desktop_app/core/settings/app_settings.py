"""The app's own settings (`settings.toml`): the language, the currency money is shown in, and
the budgets.

```toml
[general]
language = "zh_CN"        # system (the default: follow the system), en, zh_CN or zh_TW

[money]
currency = "CNY"          # USD (the default) or CNY
cny_per_usd = 7.3         # how many yuan a dollar buys: 1 for a relay that bills ¥1 = $1

[budget]                  # optional, in the currency above
monthly = 100
daily = 10
```
The GUI and `tally` read the same file; a bad file gets a clear error naming what is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

from desktop_app.core.currency import USD, Currency
from desktop_app.core.errors import ConfigError
from desktop_app.core.files import reason_of, replace_atomically
from desktop_app.core.settings.toml_text import toml_document
from desktop_app.core.text.language import SETTINGS, Setting, in_chinese
from desktop_app.core.text.messages import t

DEFAULT_CNY_PER_USD = Decimal("7.3")


@dataclass(frozen=True, slots=True)
class AppSettings:
    """Currency and budgets. Budgets are in the display currency, as the user typed them (the
    Money page converts them when the currency changes: budget.convert_budget); the yuan rate
    is kept while money is shown in dollars, for the day the user switches back."""

    currency_code: Literal["USD", "CNY"] = "USD"
    cny_per_usd: Decimal = DEFAULT_CNY_PER_USD
    monthly_budget: Decimal | None = None
    daily_budget: Decimal | None = None
    language: Setting = "system"
    """The language of the window: "system" follows the system's locale."""

    @property
    def currency(self) -> Currency:
        return Currency("CNY", self.cny_per_usd) if self.currency_code == "CNY" else USD


def load_settings(path: Path, locale: str | None = None) -> AppSettings:
    """Read the settings; a missing file means the defaults, money in yuan for a system in
    Chinese (`locale`, such as "zh_CN"; the system's by default)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return AppSettings(currency_code="CNY") if in_chinese(locale) else AppSettings()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            t("Cannot read {path}: {error}", path=path, error=reason_of(exc))
        ) from exc
    return parse_settings(text, source=str(path))


def parse_settings(text: str, *, source: str = "settings.toml") -> AppSettings:
    document = toml_document(text, source)
    _only(document, {"general", "money", "budget"}, source, t("the top level"))
    general = _table(document, "general", source)
    _only(general, {"language"}, source, "[general]")
    language = general.get("language", "system")
    if language not in SETTINGS:
        choices = ", ".join(f'"{code}"' for code in SETTINGS)
        raise ConfigError(
            t(
                "{source}: [general] language must be one of {choices}, not {language!r}.",
                source=source,
                choices=choices,
                language=language,
            )
        )
    money = _table(document, "money", source)
    budget = _table(document, "budget", source)
    _only(money, {"currency", "cny_per_usd"}, source, "[money]")
    _only(budget, {"monthly", "daily"}, source, "[budget]")
    code = money.get("currency", "USD")
    if code not in ("USD", "CNY"):
        raise ConfigError(
            t(
                '{source}: [money] currency must be "USD" or "CNY", not {code!r}.',
                source=source,
                code=code,
            )
        )
    return AppSettings(
        currency_code=code,
        language=language,
        cny_per_usd=_amount(money, "cny_per_usd", source) or DEFAULT_CNY_PER_USD,
        monthly_budget=_amount(budget, "monthly", source),
        daily_budget=_amount(budget, "daily", source),
    )


def dump_settings(settings: AppSettings) -> str:
    lines = []
    if settings.language != "system":
        lines += ["[general]", f'language = "{settings.language}"', ""]
    lines += [
        "[money]",
        f'currency = "{settings.currency_code}"',
        f"cny_per_usd = {format(settings.cny_per_usd, 'f')}",
    ]
    budgets = [("monthly", settings.monthly_budget), ("daily", settings.daily_budget)]
    if any(amount is not None for _, amount in budgets):
        lines += ["", "[budget]"]
        lines += [f"{key} = {format(amount, 'f')}" for key, amount in budgets if amount is not None]
    return "\n".join(lines) + "\n"


def save_settings(path: Path, settings: AppSettings) -> None:
    """Write the settings atomically: the old file stays whole if anything fails."""
    try:
        replace_atomically(path, dump_settings(settings).encode("utf-8"))
    except OSError as exc:
        raise ConfigError(
            t("Cannot save the settings to {path}: {error}.", path=path, error=reason_of(exc))
        ) from exc


def _table(document: dict[str, Any], key: str, source: str) -> dict[str, Any]:
    value = document.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(
            t("{source}: write [{key}] as a table of settings.", source=source, key=key)
        )
    return value


def _only(table: dict[str, Any], allowed: set[str], source: str, where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ConfigError(
            t(
                "{source}: unknown setting {key!r} in {where}.",
                source=source,
                key=unknown[0],
                where=where,
            )
        )


def _amount(table: dict[str, Any], key: str, source: str) -> Decimal | None:
    """A positive number; floats go through str() so 7.3 stays 7.3, not 7.29999..."""
    if key not in table:
        return None
    raw = table[key]
    try:
        if isinstance(raw, bool) or not isinstance(raw, int | float | str):
            raise InvalidOperation
        number = Decimal(str(raw))
    except InvalidOperation:
        raise ConfigError(
            t("{source}: {key} must be a number, not {raw!r}.", source=source, key=key, raw=raw)
        ) from None
    if not number.is_finite() or number <= 0:
        raise ConfigError(
            t(
                "{source}: {key} must be a positive number, not {raw!r}.",
                source=source,
                key=key,
                raw=raw,
            )
        )
    return number
