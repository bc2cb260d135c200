"""Which threads call a function: the tests' check that work stays off the GUI thread."""

from __future__ import annotations

import threading
from typing import Any

import pytest


def threads_calling(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[str]:
    """Replace `owner`'s `name` (a module's function, or a class's method) with one that notes
    the name of the thread calling it, then does what it did; returns the list of names, which
    fills as it is called."""
    called: list[str] = []
    real = getattr(owner, name)

    def noted(*args: Any, **kwargs: Any) -> Any:
        called.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, noted)
    return called
