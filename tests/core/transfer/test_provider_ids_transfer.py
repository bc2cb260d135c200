"""The export holds the provider's id and its name at the time; the Markdown shows the current
name. Import reads new exports as they are, and old ones (whose "provider" is the name) with the
name turned into the id of the provider of that name now, where there is one."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from desktop_app.core.history.store import HistoryStore
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.transfer.export import export_json, write_json
from desktop_app.core.transfer.export_markdown import export_markdown
from desktop_app.core.transfer.importer import import_file
from tests.support.history.export_stores import (
    fresh as fresh,  # fixtures: pytest finds them by name here
)
from tests.support.history.history_samples import at, message_at, valid_export

RENAMED = Provider(id="holysheep", name="HolySheep (new name)", kind="openai", base_url="https://h")


def answered(store: HistoryStore) -> str:
    """A conversation answered by holysheep when it was called "HolySheep relay"."""
    conversation = store.create_conversation("Asked", created_at=at(0)).id
    store.add_message(conversation, role="user", content="Hi", created_at=at(1))
    store.add_message(
        conversation,
        role="assistant",
        content="Hello",
        provider="holysheep",
        provider_name="HolySheep relay",
        model="deepseek-chat",
        created_at=at(2),
    )
    return conversation


def export_with(answers: list[dict[str, Any]]) -> dict[str, Any]:
    """valid_export() with its first conversation's messages: a question, then `answers`."""
    data = copy.deepcopy(valid_export())
    first = message_at(data, 0, 0)
    data["conversations"][0]["messages"] = [first, *({**first, **a} for a in answers)]
    return data


def imported(store: HistoryStore, tmp_path: Path, data: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Import `data` knowing RENAMED; the answers' (provider, provider_name, model)."""
    file = tmp_path / "export.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    import_file(store, file, [RENAMED])
    messages = store.messages("c0")
    return [(m.provider, m.provider_name, m.model) for m in messages if m.role == "assistant"]


def test_the_export_holds_the_id_and_the_name_at_the_time(store: HistoryStore) -> None:
    conversation = answered(store)
    answer = export_json(store)["conversations"][0]["messages"][1]
    assert (answer["provider"], answer["provider_name"]) == ("holysheep", "HolySheep relay")
    question = export_json(store)["conversations"][0]["messages"][0]
    assert (question["provider"], question["provider_name"]) == (None, None)
    # The Markdown is to read: the provider as it is called now, else as it was called then.
    now = export_markdown(store, conversation, [RENAMED])
    assert "deepseek-chat via HolySheep (new name)" in now
    assert "deepseek-chat via HolySheep relay" in export_markdown(store, conversation)


def test_an_export_reads_back_with_its_ids_and_names(
    store: HistoryStore, fresh: HistoryStore, tmp_path: Path
) -> None:
    answered(store)
    file = tmp_path / "export.json"
    write_json(export_json(store), file)
    # A provider called like another's id changes nothing: a new export's "provider" is an id.
    namesake = Provider(id="other", name="holysheep", kind="openai", base_url="https://o")
    import_file(fresh, file, [namesake])
    assert export_json(fresh)["conversations"] == export_json(store)["conversations"]


def test_an_old_export_gets_ids_where_a_provider_of_that_name_exists(
    store: HistoryStore, tmp_path: Path
) -> None:
    old = export_with(
        [
            {"role": "assistant", "provider": "HolySheep (new name)", "model": "deepseek-chat"},
            {"role": "assistant", "provider": "Gone relay", "model": "gpt-4.1"},
            {"role": "assistant", "provider": None, "model": None},
        ]
    )
    assert imported(store, tmp_path, old) == [
        ("holysheep", "HolySheep (new name)", "deepseek-chat"),
        ("Gone relay", "Gone relay", "gpt-4.1"),  # no such provider now: kept as it was
        (None, None, None),
    ]


def test_a_new_export_is_read_as_it_is(store: HistoryStore, tmp_path: Path) -> None:
    new = export_with(
        [
            {"role": "assistant", "provider": "holysheep", "provider_name": "HolySheep relay"},
            {"role": "assistant", "provider": "gone", "provider_name": "Gone relay"},
        ]
    )
    assert [row[:2] for row in imported(store, tmp_path, new)] == [
        ("holysheep", "HolySheep relay"),
        ("gone", "Gone relay"),
    ]
    summary = store.conversation("c0")
    assert summary is not None
    assert summary.last_provider == "gone"
