"""A conversation remembers its assistant and parameters (migration 011_assistants), and a
history from before it opens with none remembered."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.history.conversation_parameters import (
    ConversationParameters,
    remember_parameters,
    remembered_parameters,
)
from desktop_app.core.history.store import MIGRATIONS, HistoryStore
from desktop_app.core.parameters import Parameters

_BEFORE = MIGRATIONS[: [step.name for step in MIGRATIONS].index("011_assistants")]

CHOSEN = ConversationParameters(
    "Translator 中英互译", Parameters(system="Translate.", temperature=0.3, context_turns=2)
)


def test_parameters_are_remembered_and_changed(store: HistoryStore) -> None:
    conversation = store.create_conversation("t")
    assert remembered_parameters(store, conversation.id) is None
    remember_parameters(store, conversation.id, CHOSEN)
    assert remembered_parameters(store, conversation.id) == CHOSEN
    changed = ConversationParameters(CHOSEN.assistant, Parameters(temperature=1.2))
    remember_parameters(store, conversation.id, changed)
    assert remembered_parameters(store, conversation.id) == changed
    with pytest.raises(KeyError):
        remember_parameters(store, "no-such-id", CHOSEN)


def test_a_history_from_before_assistants_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with HistoryStore(path, migrations=_BEFORE) as old:
        conversation = old.create_conversation("before")
        assert remembered_parameters(old, conversation.id) is None  # no column yet
    with HistoryStore(path) as new:
        assert remembered_parameters(new, conversation.id) is None
        remember_parameters(new, conversation.id, CHOSEN)
        assert remembered_parameters(new, conversation.id) == CHOSEN


def test_a_damaged_row_gives_the_defaults(store: HistoryStore) -> None:
    conversation = store.create_conversation("t")
    with store.writing() as conn:
        conn.execute(
            "UPDATE conversations SET assistant = 'A', parameters = ? WHERE id = ?",
            ('{"temperature": 7}', conversation.id),
        )
    assert remembered_parameters(store, conversation.id) == ConversationParameters("A")
    with store.writing() as conn:
        conn.execute("UPDATE conversations SET parameters = '[' WHERE id = ?", (conversation.id,))
    assert remembered_parameters(store, conversation.id) == ConversationParameters("A")


def test_the_columns_are_on_the_conversations_table(store: HistoryStore) -> None:
    with store.reading() as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(conversations)")}
    assert {"assistant", "parameters"} <= columns
