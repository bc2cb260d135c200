"""Fixtures of the sidebar tests (tests/ui/sidebar/) and of the chat view tests (tests/ui/chat/)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.core.conversation import Conversation
from desktop_app.core.history.store import HistoryStore
from desktop_app.ui.chat.chat_view import ChatView


@pytest.fixture
def store(data_dir: Path) -> Iterator[HistoryStore]:
    """A history store on a fresh file in the test's data directory."""
    data_dir.mkdir(parents=True, exist_ok=True)
    history = HistoryStore(data_dir / "history.sqlite3")
    yield history
    history.close()


@pytest.fixture
def conversation() -> Conversation:
    """An empty conversation, for `view` to show."""
    return Conversation()


@pytest.fixture
def view(qtbot: QtBot, conversation: Conversation) -> Iterator[ChatView]:
    """A chat view of `conversation`, shown at a window's size; unsubscribed afterwards."""
    widget = ChatView(conversation)
    qtbot.addWidget(widget)
    widget.resize(760, 560)
    widget.show()
    yield widget
    conversation.unsubscribe(widget)
