"""What a user does to the real window in tests: type and send, pick a menu item, answer the
next file dialog."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.ui.main_window import MainWindow
from tests.support.waiting import until


def type_and_send(qtbot: QtBot, window: MainWindow, text: str) -> None:
    window.input.setFocus()
    qtbot.keyClicks(window.input, text)
    qtbot.keyClick(window.input, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def send_and_wait(
    window: MainWindow, run: Callable[[Callable[[], Awaitable[None]]], None], text: str
) -> None:
    """Put `text` in the box, send it, and wait (in the test's loop) until the answer has
    ended and the chat view shows it as it will next frame."""

    async def body() -> None:
        window.input.setPlainText(text)
        window.send()
        await until(lambda: not window.session.busy, within=20)

    run(body)
    window.chat_view.flush()


def attach_and_wait(
    window: MainWindow, run: Callable[[Callable[[], Awaitable[None]]], None], *files: Path
) -> None:
    """Attach these files as the paperclip does, and wait until each is read."""
    tray = window.composer.tray

    async def read() -> None:
        tray.add_files(list(files))
        await until(lambda: not tray.reading())

    run(read)


def menu_action(window: MainWindow, text: str, menu: str = "&File") -> QAction:
    """The menu's action whose text (without the & accelerator) starts with `text`."""
    (found,) = [a.menu() for a in window.menuBar().actions() if a.text() == menu]
    assert isinstance(found, QMenu)
    for action in found.actions():
        if action.text().replace("&", "").startswith(text):
            return action
    raise AssertionError(f"no File menu action {text!r}")


def answer_dialog(window: MainWindow, path: Path, chosen_filter: str = "") -> list[str]:
    """Make the next file dialog answer `path`; returns the captions it was shown with."""
    captions: list[str] = []

    def choose(parent: QWidget, caption: str, start: str, filters: str) -> tuple[str, str]:
        captions.append(caption)
        return str(path), chosen_filter or filters.split(";;")[0]

    window.files.choose_save = choose
    window.files.choose_open = choose
    return captions
