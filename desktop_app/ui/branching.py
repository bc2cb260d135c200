"""Branch from here: a new conversation holding copies of the path down to a message, linked back
to the one it came from, then shown. The copies are made on a worker thread, with the window's
store (under its lock): each copy is indexed for search as it is written, and a path of 1,000
messages takes some 0.4 s to copy, which the window must not freeze for. Loaded when first used.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop_app.core.errors import HistoryBusy, HistoryError

if TYPE_CHECKING:
    from desktop_app.core.conversation import ChatMessage
    from desktop_app.ui.main_window import MainWindow

TASK = "branch"


def branch_from(window: MainWindow, message: ChatMessage) -> None:
    """Start a branch of the open conversation down to `message`: it is shown once made, if the
    window still shows the conversation it came from (else the list shows it)."""
    row = window.recorder.stored_ids.get(message.id)
    conversation_id = window.recorder.conversation_id
    if row is None or conversation_id is None or window.session.busy or making(window):
        return
    store = window.services.store
    if store.held.active:  # a branch is opened at once: it cannot wait for the import
        _say_import(window)
        return
    summary = store.conversation(conversation_id)
    original = (
        summary.title if summary else QCoreApplication.translate("MainWindow", "Conversation")
    )
    # Titled in the window's language, as a title the user typed would be.
    title = QCoreApplication.translate("MainWindow", "{0} (branch)").format(original)
    _say(window, QCoreApplication.translate("MainWindow", "Making the branch…"))
    window.tasks.start(TASK, _make(window, conversation_id, row, title))


def making(window: MainWindow) -> bool:
    """Whether a branch is being made (a second Branch meanwhile is ignored)."""
    task = window.tasks.get(TASK)
    return task is not None and not task.done()


async def _make(window: MainWindow, conversation_id: str, row: int, title: str) -> None:
    store = window.services.store
    try:
        branch = await asyncio.to_thread(store.branch, conversation_id, row, title)
    except HistoryBusy:  # an import began after the click: nothing was copied, nor kept
        _say_import(window)
        return
    except HistoryError as exc:
        window.statusBar().clearMessage()
        window.banner.show_error(exc)
        return
    window.sidebar.refresh()
    if window.recorder.conversation_id != conversation_id:  # the user went elsewhere meanwhile
        made = QCoreApplication.translate("MainWindow", "Branch made: {0}")
        _say(window, made.format(branch.title))
        return
    window.statusBar().clearMessage()
    window.assistant.keep_for(branch.id)  # a branch goes on with the same parameters
    window.open_conversation(branch.id)


def _say_import(window: MainWindow) -> None:
    _say(
        window,
        QCoreApplication.translate(
            "MainWindow", "An import is writing the history: branch once it is done."
        ),
    )


def _say(window: MainWindow, text: str) -> None:
    window.statusBar().showMessage(text, 10_000)
