"""Which conversation the window shows: a new one, one picked in the sidebar or found by a search,
or the one open when the app last closed; each with the note above a branch, its assistant, its
spending followed and its files read ahead."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop_app.core.history.recorder import HistoryRecorder, open_conversation

if TYPE_CHECKING:
    from desktop_app.core.attachments.attachment import Attachment
    from desktop_app.core.history.records import ConversationSummary
    from desktop_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def open_stored(window: MainWindow, conversation_id: str) -> None:
    """Show a stored conversation and go on recording it; its last model is picked."""
    if conversation_id == window.recorder.conversation_id:
        return  # already open (a double click)
    switch_to(window, conversation_id)
    summary = window.services.store.conversation(conversation_id)
    if summary is not None and summary.last_provider and summary.last_model:
        window.picker.select(summary.last_provider, summary.last_model)  # by id: renames too


def switch_to(window: MainWindow, conversation_id: str | None) -> None:
    """Show the stored conversation `conversation_id`, or an empty one for None."""
    window.assistant.before_sending()  # a change still waiting belongs to the one left
    if window.session.busy:
        window.session.stop_now()  # the answers are saved as they are, cancelled and billed
    window.recorder.detach()
    window.composer.end_edit(clear=False)
    store, ledger = window.services.store, window.ledger
    if conversation_id is None:
        window.conversation.replace_all([])
        window.recorder = HistoryRecorder(store, window.conversation, ledger)
        _show_origin(window, None)
    else:
        window.recorder = _opened(window, conversation_id)
    _follow_shown(window, conversation_id)
    window.remembered().setValue("lastConversation", conversation_id or "")
    window.banner.clear()
    window.input.setFocus()


def show_found_message(window: MainWindow, conversation_id: str, message_id: int) -> None:
    """Open a search result's conversation and scroll to the message that matched."""
    window.open_conversation(conversation_id)
    for message in window.conversation.every_message():
        if window.recorder.stored_ids.get(message.id) == message_id:
            if message not in window.conversation.messages and not window.session.busy:
                window.conversation.show(message)
            window.chat_view.scroll_to(message)
            return


def conversation_deleted(window: MainWindow, conversation_id: str) -> None:
    """A conversation was deleted from the list: an empty one replaces it if it was open."""
    if conversation_id == window.recorder.conversation_id:
        window.new_conversation()


def reopen_last(window: MainWindow) -> None:
    """Show the conversation that was open when the app last closed, if it is still there."""
    window.assistant.reload()  # after the first frame too: assistants.toml, parsed
    last, store = window.remembered().value("lastConversation"), window.services.store
    if isinstance(last, str) and last and store.conversation(last):
        window.recorder.detach()
        window.recorder = _opened(window, last)
        _follow_shown(window, last)


def _follow_shown(window: MainWindow, conversation_id: str | None) -> None:
    """The window's parts follow the conversation its recorder now holds: the writes watched
    for failure, its assistant, its files read ahead, its spending, its row in the sidebar, and
    the chat pane (or the welcome page, for an empty one with no model to send to)."""
    window.unsaved.watch(window.recorder)
    window.assistant.show_conversation(conversation_id)
    _warm_up_files(window)
    window.ledger.follow(conversation_id)
    window.sidebar.select(conversation_id)
    window.show_ready()


def _opened(window: MainWindow, conversation_id: str) -> HistoryRecorder:
    store, listed = window.services.store, window.listed_providers()
    # a comparison none was chosen from stays one: its answers side by side again (ChatView)
    recorder = open_conversation(
        store, window.conversation, conversation_id, window.ledger, listed, settle=False
    )
    _show_origin(window, store.conversation(conversation_id))
    return recorder


def _show_origin(window: MainWindow, summary: ConversationSummary | None) -> None:
    """Above a branch, the conversation it was branched from, as a link to open it."""
    origin_id = summary.branched_from if summary else None
    origin = window.services.store.conversation(origin_id) if origin_id else None
    if origin_id is None:
        window.branch_note.hide()
        return
    import html  # here: its table of entities is some 1 ms of the start, for a branch only

    if origin is None:
        window.branch_note.setText(
            QCoreApplication.translate("MainWindow", "Branched from a conversation since deleted")
        )
    else:
        link = f'<a href="{html.escape(origin.id)}">{html.escape(origin.title)}</a>'
        window.branch_note.setText(
            QCoreApplication.translate("MainWindow", "Branched from {0}").format(link)
        )
    window.branch_note.show()


def _warm_up_files(window: MainWindow) -> None:
    """Read the sizes and pages of the conversation's files on a thread of their own, which
    the first estimate would otherwise read here (50 photos' headers, or a long PDF's page
    count, are many frames)."""
    files = [a for m in window.conversation.every_message() for a in m.attachments]
    if files:
        import threading

        threading.Thread(target=_warm_up, args=(files,), name="files", daemon=True).start()


def _warm_up(files: list[Attachment]) -> None:
    """On the thread of its own: the files' bytes are read from the history, which the window
    may close meanwhile (a quit right after the open); the estimate then reads what it needs."""
    from desktop_app.core.attachments.tokens import warm_up

    try:
        warm_up(files)
    except Exception as exc:
        log.info("the files of a conversation were not measured ahead: %s", exc)
