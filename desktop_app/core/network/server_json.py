"""JSON a server sent, read into values that every part of the app can hold."""

from __future__ import annotations

import json
import re
from typing import Any

_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
"""A surrogate's JSON escape: the start of a pair, or a lone one."""
_ESCAPE_BYTES = re.compile(_ESCAPE.pattern.encode())
_SURROGATE = re.compile("[\ud800-\udfff]")


def loads(data: str | bytes, *, strict: bool = True) -> Any:
    """json.loads, with each lone surrogate (an escape such as \\ud800 without its pair) read
    as U+FFFD, the replacement character: a Python string holds one, but UTF-8 cannot, so the
    history and a terminal would refuse the answer that held it. JSON nested deeper than Python
    can read raises ValueError, as any other JSON that cannot be read does."""
    try:
        loaded = json.loads(data, strict=strict)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
    escape = _ESCAPE if isinstance(data, str) else _ESCAPE_BYTES
    return _mended(loaded) if escape.search(data) else loaded  # type: ignore[arg-type]


def _mended(value: Any) -> Any:
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_mended(item) for item in value]
    if isinstance(value, dict):
        return {_mended(key): _mended(item) for key, item in value.items()}
    return value
