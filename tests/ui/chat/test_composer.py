"""The composer loads what the first answer needs once the window is painted, on a thread of
its own, so no click or key waits for those imports."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.core.conversation import Conversation
from desktop_app.ui.chat import composer


def test_the_first_answers_code_is_imported_off_the_gui_thread(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    imported: list[tuple[str, str]] = []

    def recorded(modules: Sequence[str]) -> None:
        imported.extend((module, threading.current_thread().name) for module in modules)

    monkeypatch.setattr(composer, "import_all", recorded)
    prices: list[str] = []

    def price() -> None:
        prices.append(threading.current_thread().name)

    widget = composer.Composer(Conversation(), price)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: len(imported) == len(composer.FIRST_REPLY))
    assert [module for module, _ in imported] == list(composer.FIRST_REPLY)
    assert {thread for _, thread in imported} == {"first-reply-imports"}
    assert prices[:1] == [threading.main_thread().name]  # the price is read where it is shown
