"""Messages of the chat view in tests: an answer made to measure, and the widget that shows a
message and its text."""

from __future__ import annotations

from desktop_app.core.conversation import ChatMessage
from desktop_app.ui.chat.chat_view import ChatView
from desktop_app.ui.chat.message_widget import MessageWidget


def answer(text: str = "", reasoning: str = "", **fields: object) -> ChatMessage:
    fields.setdefault("provider", "relay")
    fields.setdefault("provider_name", "Relay")
    fields.setdefault("model", "deepseek-chat")
    return ChatMessage("assistant", text, reasoning, **fields)  # type: ignore[arg-type]


def widget_of(view: ChatView, message: ChatMessage) -> MessageWidget:
    widget = view.widget_for(message)
    assert widget is not None
    return widget


def plain(widget: MessageWidget) -> str:
    return widget.body.to_plain_text()
