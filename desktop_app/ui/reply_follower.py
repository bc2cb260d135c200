"""The window's side of each reply (a SessionListener): Send and Stop, the status line, the model
and conversation remembered for the next start, the sidebar, and the banner for an error."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_app.core.conversation import ChatMessage
    from desktop_app.core.errors import TallyError
    from desktop_app.ui.main_window import MainWindow


class ReplyFollower:
    """Follows the replies of the window's session in the window's parts."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def reply_started(self, message: ChatMessage) -> None:
        window = self.window
        window.assistant.message_kept()
        window.send_button.setEnabled(False)
        window.stop_button.setEnabled(True)
        choice = window.picker.current()
        window.status.follow(message)
        # A notice ("Models refreshed", "Branch made") hides the status line while it shows:
        # the answer's "waiting for the first token…" matters more now.
        window.statusBar().clearMessage()
        window.estimate.clear()
        window.remembered().setValue("lastModel", f"{choice[0].id}\n{choice[1]}" if choice else "")
        window.remembered().setValue("lastConversation", window.recorder.conversation_id or "")
        window.ledger.follow(window.recorder.conversation_id)
        window.sidebar.refresh()
        window.sidebar.select(window.recorder.conversation_id)

    def reply_waiting(self, message: ChatMessage, note: str) -> None:
        self.window.status.set_note(note)

    def reply_finished(self, message: ChatMessage, error: TallyError | None) -> None:
        window = self.window
        # An answer of a comparison shows how it ended in its own column, error and all: one
        # failing model says nothing over the others.
        if error is not None and message in window.conversation.messages:
            window.banner.show_error(error)
            if message.error:  # the answer's own note then says only "Failed" or "Cut off"
                window.chat_view.error_in_banner(message)
        if any(m.status == "streaming" for m in window.session.tasks if m is not message):
            return  # the other answers of the comparison go on
        window.stop_button.setEnabled(False)
        window.send_button.setEnabled(window.picker.current() is not None)
        window.sidebar.refresh()
        window.input.setFocus()
