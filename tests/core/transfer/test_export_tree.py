"""A conversation's tree through an export and an import: ids, parents and the current path;
an export from before trees imports as one path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.errors import ConfigError
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.history.tree import path_to
from desktop_app.core.transfer.export import export_json, write_json
from desktop_app.core.transfer.export_markdown import export_markdown
from desktop_app.core.transfer.importer import import_file
from tests.support.history.export_stores import (
    fresh as fresh,  # fixtures: pytest finds them by name here
)
from tests.support.history.export_stores import store as store
from tests.support.history.export_stores import without_row_ids


def _tree(store: HistoryStore) -> str:
    """Q, two versions of its answer, a follow-up under the first, the second one shown."""
    c = store.create_conversation("Compare").id
    q = store.add_message(c, role="user", content="Which sort?")
    store.add_message(c, role="assistant", content="Quicksort.", model="deepseek-chat")
    store.add_message(c, role="user", content="Why?")
    store.add_message(
        c, role="assistant", content="Timsort.", model="gpt-4.1", parent_id=q.id, current=True
    )
    return c


def _shown(store: HistoryStore, conversation_id: str) -> list[str]:
    records = store.messages(conversation_id)
    return [m.content for m in path_to(records, store.current_message(conversation_id))]


def test_the_export_names_ids_parents_and_the_current_path(store: HistoryStore) -> None:
    c = _tree(store)
    (conversation,) = export_json(store, [c])["conversations"]
    messages = conversation["messages"]
    ids = [m["id"] for m in messages]
    assert all(isinstance(i, str) for i in ids)
    assert len(set(ids)) == 4
    assert [m["parent_id"] for m in messages] == [None, ids[0], ids[1], ids[0]]
    assert [m["current"] for m in messages] == [True, False, False, True]


def test_a_tree_survives_export_and_import(
    store: HistoryStore, fresh: HistoryStore, tmp_path: Path
) -> None:
    c = _tree(store)
    file = tmp_path / "tree.json"
    write_json(export_json(store), file)
    result = import_file(fresh, file)
    assert result.messages_added == 4
    assert without_row_ids(export_json(fresh)["conversations"]) == without_row_ids(
        export_json(store)["conversations"]
    )
    assert _shown(fresh, c) == ["Which sort?", "Timsort."]
    records = fresh.messages(c)
    assert records[3].parent_id == records[0].id == records[1].parent_id


def test_an_export_from_before_trees_imports_as_one_path(
    store: HistoryStore, fresh: HistoryStore, tmp_path: Path
) -> None:
    c = _tree(store)
    data = export_json(store)
    for message in data["conversations"][0]["messages"]:
        for key in ("id", "parent_id", "current"):
            del message[key]
    file = tmp_path / "old.json"
    write_json(data, file)
    import_file(fresh, file)
    records = fresh.messages(c)
    assert [m.parent_id for m in records] == [None, *(m.id for m in records[:-1])]
    assert _shown(fresh, c) == ["Which sort?", "Quicksort.", "Why?", "Timsort."]


def test_a_parent_that_is_not_an_earlier_message_is_named(
    store: HistoryStore, fresh: HistoryStore, tmp_path: Path
) -> None:
    _tree(store)
    data: dict[str, Any] = export_json(store)
    messages = data["conversations"][0]["messages"]
    messages[1]["parent_id"] = messages[2]["id"]  # a later one
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"messages\[1\].*'parent_id'.*names no message before"):
        import_file(fresh, file)
    assert fresh.conversation_count() == 0


def test_markdown_writes_the_current_path_and_counts_every_version(store: HistoryStore) -> None:
    c = _tree(store)
    text = export_markdown(store, c)
    assert "Timsort." in text
    assert "Which sort?" in text
    assert "Quicksort." not in text
    assert "Why?" not in text
    assert "2 messages" in text
    assert "2 other versions" in text


def test_a_branch_keeps_its_origin_through_export_and_import(
    store: HistoryStore, fresh: HistoryStore, tmp_path: Path
) -> None:
    c = _tree(store)
    question = store.messages(c)[0]
    branch = store.branch(c, question.id, "Compare (branch)")
    data = export_json(store)
    exported = {conversation["id"]: conversation for conversation in data["conversations"]}
    assert exported[branch.id]["branched_from"] == c
    assert "branched_from" not in exported[c]
    file = tmp_path / "branch.json"
    write_json(data, file)
    import_file(fresh, file)
    imported = fresh.conversation(branch.id)
    assert imported is not None
    assert imported.branched_from == c


def test_a_branchs_copies_are_not_billed_again_by_an_import(
    store: HistoryStore, fresh: HistoryStore, tmp_path: Path
) -> None:
    from decimal import Decimal

    from desktop_app.core.events import Usage
    from desktop_app.core.history.ledger_rows import LedgerEntry, bill

    c = store.create_conversation("Paid").id
    store.add_message(c, role="user", content="Q")
    usage = Usage(100, 50, source="reported")
    answer = store.add_message(
        c, role="assistant", content="A", model="m", usage=usage, cost_usd=Decimal("0.5")
    )
    bill(store, LedgerEntry(answer.id, c, None, "m", answer.created_at, usage, Decimal("0.5")))
    branch = store.branch(c, answer.id, "Paid (branch)")
    data = export_json(store)
    by_id = {conversation["id"]: conversation for conversation in data["conversations"]}
    assert by_id[c]["messages"][1]["billed"] is True
    assert by_id[branch.id]["messages"][1]["billed"] is False
    assert "billed" not in by_id[c]["messages"][0], "a question is never billed"
    file = tmp_path / "paid.json"
    write_json(data, file)
    import_file(fresh, file)
    with fresh.reading() as conn:
        rows = conn.execute("SELECT conversation_id, cost_usd FROM ledger").fetchall()
    assert rows == [(c, "0.5")], "the money once, with the original"
