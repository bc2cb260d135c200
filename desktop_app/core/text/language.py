"""The languages Tally speaks, and which one a setting and the system's locale choose.

A setting is "system" (the default: the locale decides) or a language's code. Chinese is told
apart by script: Simplified for mainland China and Singapore (zh_CN, zh_SG, zh_Hans), Traditional
for Taiwan, Hong Kong and Macau (zh_TW, zh_HK, zh_MO, zh_Hant); anything else is English.
"""

from __future__ import annotations

import os
from typing import Final, Literal

Language = Literal["en", "zh_CN", "zh_TW"]
Setting = Literal["system", "en", "zh_CN", "zh_TW"]

NAMES: Final[dict[Language, str]] = {"en": "English", "zh_CN": "简体中文", "zh_TW": "繁體中文"}
"""Each language by its own name, as a language picker lists them."""

SETTINGS: Final[tuple[Setting, ...]] = ("system", "en", "zh_CN", "zh_TW")

_TRADITIONAL = ("zh_tw", "zh_hk", "zh_mo", "zh_hant")


def from_locale(name: str) -> Language:
    """The language for a locale name such as "zh_CN.UTF-8", "zh-Hant-TW" or "en_US"."""
    folded = name.replace("-", "_").lower()
    if not folded.startswith("zh"):
        return "en"
    return "zh_TW" if folded.startswith(_TRADITIONAL) else "zh_CN"


def system_locale() -> str:
    """The locale the system asks for, as POSIX environments say it (LC_ALL, LC_MESSAGES, LANG,
    the variables Qt's QLocale.system() reads too), else Python's guess; "" if none."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if value := os.environ.get(variable):
            return value
    import locale

    return locale.getlocale()[0] or ""


def chosen(setting: Setting, system_locale: str) -> Language:
    """The language to show: the one set, or the system's for "system"."""
    return from_locale(system_locale) if setting == "system" else setting


def is_chinese(language: Language) -> bool:
    return language != "en"


def in_chinese(locale: str | None = None) -> bool:
    """Whether `locale` (such as "zh_CN"; the system's by default) is a Chinese one: money is
    then shown in yuan when nothing says otherwise."""
    return is_chinese(from_locale(system_locale() if locale is None else locale))
