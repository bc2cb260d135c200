"""The JSON export carries a conversation's assistant and parameters as "assistant": {...},
and an import restores them; a malformed one is refused with its place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.core.errors import ConfigError
from desktop_app.core.history.conversation_parameters import (
    ConversationParameters,
    remember_parameters,
    remembered_parameters,
)
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.parameters import Parameters
from desktop_app.core.transfer.export import export_json, write_json
from desktop_app.core.transfer.importer import import_file
from tests.support.history.export_stores import fresh as fresh
from tests.support.history.export_stores import store as store

CHOSEN = ConversationParameters(
    "Code reviewer 代码审查", Parameters(system="Review.", temperature=0.2, top_p=0.95)
)


def test_the_assistant_goes_out_and_comes_back(
    store: HistoryStore, fresh: HistoryStore, tmp_path: Path
) -> None:
    with_one = store.create_conversation("reviewed")
    store.add_message(with_one.id, role="user", content="look at this")
    plain = store.create_conversation("plain")
    remember_parameters(store, with_one.id, CHOSEN)
    document = export_json(store)
    exported = {c["title"]: c for c in document["conversations"]}
    assert exported["reviewed"]["assistant"] == {
        "name": "Code reviewer 代码审查",
        "system": "Review.",
        "temperature": 0.2,
        "top_p": 0.95,
    }
    assert "assistant" not in exported["plain"]
    path = tmp_path / "export.json"
    write_json(document, path)
    import_file(fresh, path)
    assert remembered_parameters(fresh, with_one.id) == CHOSEN
    assert remembered_parameters(fresh, plain.id) is None


def test_a_malformed_assistant_is_refused_with_its_place(
    store: HistoryStore, fresh: HistoryStore, tmp_path: Path
) -> None:
    conversation = store.create_conversation("t")
    remember_parameters(store, conversation.id, CHOSEN)
    document = export_json(store)
    document["conversations"][0]["assistant"]["temperature"] = 5
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"conversations\[0\]\.assistant.*temperature"):
        import_file(fresh, path)
    assert fresh.conversations() == []
