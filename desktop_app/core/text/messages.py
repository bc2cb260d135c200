"""Texts the Qt-free core builds (error messages above all) in the user's language.

The core writes a message as `t("{name} rejected the API key ({said}).", name=..., said=...)`:
a `Text`, which is the English sentence (a `str`, so everything that shows or stores text takes
it as it is) and also remembers its template and fields. Where it is shown, `shown(text)`
looks the template up in the catalog of the window's language (catalogs/<language>.py, a dict
from English template to translation) and fills the translation with the fields, themselves
translated when they are Texts. A text that is not a Text, or whose template the catalog lacks,
shows in English. The history keeps the English, as every message was before.

tests/core/text/test_catalogs.py holds that every template the core passes to t() has a
translation in every catalog, with the same fields.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from functools import cache
from typing import Any

from desktop_app.core.text.language import Language

_language: Language = "en"


class Text(str):
    """An English text made from a template and its fields, which a catalog can translate."""

    template: str
    fields: dict[str, Any]

    def __new__(cls, template: str, /, **fields: Any) -> Text:
        text = super().__new__(cls, template.format(**fields))
        text.template = template
        text.fields = fields
        return text


def t(template: str, /, **fields: Any) -> Text:
    """`template` filled with `fields` (str.format), translatable where it is shown."""
    return Text(template, **fields)


def say(template: str, /, **fields: Any) -> str:
    """`template` filled with `fields`, in the language set now: for texts the core makes to be
    shown at once (an amount's "price unknown", a budget's sentence), as t() and shown()."""
    return shown(t(template, **fields))


def set_language(language: Language) -> None:
    """The language shown() translates into from now on (the window's, set at start)."""
    global _language
    _language = language


def language() -> Language:
    """The language the core's messages are shown in (set_language)."""
    return _language


def shown(text: str, language: Language | None = None) -> str:
    """`text` in `language` (the one set by default): its translation when it is a Text whose
    template the language's catalog has, else as it is."""
    if not isinstance(text, Text):
        return text
    table = catalog(language or _language)
    if not table:
        return str(text)
    fields = {
        name: shown(value, language) if isinstance(value, Text) else value
        for name, value in text.fields.items()
    }
    return table.get(text.template, text.template).format(**fields)


def text_of(error: BaseException) -> str:
    """An exception's message: its Text when it was made with t() (str() would give the English
    alone), else str(error)."""
    if len(error.args) == 1 and isinstance(error.args[0], Text):
        return error.args[0]
    return str(error)


def message_of(error: BaseException, language: Language | None = None) -> str:
    """An exception's message in `language` (the one set by default)."""
    return shown(text_of(error), language)


@cache
def catalog(language: Language) -> Mapping[str, str]:
    """The translations of the core's templates into `language` ({} for English)."""
    if language == "en":
        return {}
    module = importlib.import_module(f"desktop_app.core.text.catalogs.{language}")
    table: Mapping[str, str] = module.CATALOG
    return table
