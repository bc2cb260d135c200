"""Waiting in tests for a condition, rather than sleeping a fixed time."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from pytestqt.qtbot import QtBot

from desktop_app.ui.history.reads import HistoryReads


async def until(condition: Callable[[], object], within: float = 10.0) -> None:
    """Wait, letting the loop run, until `condition()` is true; fail after `within` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"condition not met within {within} s")
        await asyncio.sleep(0.01)


def reads_shown(qtbot: QtBot, reads: HistoryReads) -> None:
    """Wait until what a widget read off the GUI thread (its HistoryReads) is shown."""
    qtbot.waitUntil(lambda: not reads.pending())
