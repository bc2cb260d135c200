"""Export to JSON and Markdown; import Tally exports, all or nothing. (Malformed files of either
format: test_import_malformed.py; ChatGPT's conversations.json: test_import_chatgpt.py; the
commands: test_cli_history.py.)"""

from __future__ import annotations

import io
import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.errors import ConfigError, DiskFull
from desktop_app.core.history.records import StoredUsage
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.transfer.export import export_json, write_json
from desktop_app.core.transfer.export_markdown import export_markdown
from desktop_app.core.transfer.importer import ImportResult, import_file
from tests.support.history.export_stores import disk_fills_up, snapshot
from tests.support.history.export_stores import (
    fresh as fresh,  # fixtures: pytest finds them by name here
)
from tests.support.history.export_stores import ids as ids
from tests.support.history.export_stores import store as store
from tests.support.history.history_samples import (
    CODE_ANSWER,
    at,
)

MESSAGE_KEYS = {
    "role",
    "content",
    "reasoning",
    "provider",
    "provider_name",
    "model",
    "status",
    "error",
    "usage",
    "cost_usd",
    "created_at",
}
USAGE_KEYS = {"input_tokens", "output_tokens", "cached_input_tokens", "reasoning_tokens", "source"}


def by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in data["conversations"]}


# -- JSON export ------------------------------------------------------------------------------


def test_json_export_follows_the_contract(store: HistoryStore, ids: dict[str, str]) -> None:
    data = export_json(store, None)
    assert data["format"] == "tally-export"
    assert data["version"] == 1
    conversations = by_id(data)
    assert set(conversations) == set(ids.values()), "archived ones are exported too"
    sorting = conversations[ids["sorting"]]
    assert sorting["title"] == "Sorting in Python"
    assert datetime.fromisoformat(sorting["created_at"]) == at(0)
    for conversation in data["conversations"]:
        assert {"id", "title", "created_at", "messages"} <= conversation.keys()
        for message in conversation["messages"]:
            assert message.keys() >= MESSAGE_KEYS
            assert message["role"] in ("user", "assistant", "system")
            assert message["status"] in ("complete", "partial", "cancelled", "error")
            assert isinstance(message["content"], str)
            assert isinstance(message["reasoning"], str)
            assert datetime.fromisoformat(message["created_at"]).tzinfo is not None
            assert message["cost_usd"] is None or isinstance(message["cost_usd"], float)
            assert message["cost_usd"] != 0
            # DESIGN.md's keys keep their meaning; more may be added (cache_write_tokens).
            assert message["usage"] is None or message["usage"].keys() >= USAGE_KEYS

    system, _, answer, _, guessed = sorting["messages"]
    assert system["role"] == "system"
    assert answer["provider"] == "holysheep"
    assert answer["model"] == "deepseek-chat"
    assert answer["usage"] == {
        "input_tokens": 120,
        "output_tokens": 80,
        "cached_input_tokens": 20,
        "reasoning_tokens": 30,
        "source": "reported",
        "cache_write_tokens": 0,
    }
    assert answer["cost_usd"] == pytest.approx(0.0000567)
    assert answer["first_token_seconds"] == 0.42
    assert answer["error"] is None
    assert datetime.fromisoformat(answer["created_at"]) == at(2)
    assert guessed["status"] == "partial"
    assert guessed["cost_usd"] is None, "an unknown price is null, never 0"
    assert guessed["usage"]["source"] == "estimated"

    failing = conversations[ids["failing"]]
    assert failing["archived"] is True
    assert [m["status"] for m in failing["messages"]] == ["complete", "cancelled", "error"]
    assert failing["messages"][2]["error"].startswith("Authentication failed")
    assert failing["messages"][1]["usage"] is None
    assert conversations[ids["pinned"]]["pinned"] is True


def test_written_json_is_utf8_and_reads_back_the_same(
    store: HistoryStore, ids: dict[str, str], tmp_path: Path
) -> None:
    data = export_json(store, [ids["sorting"]])
    stream = io.StringIO()
    write_json(data, stream)
    assert "中文怎么说？" in stream.getvalue()
    assert json.loads(stream.getvalue()) == data
    write_json(data, tmp_path / "one.json")
    assert json.loads((tmp_path / "one.json").read_text(encoding="utf-8")) == data


def test_export_chosen_conversations_and_unknown_ids(
    store: HistoryStore, ids: dict[str, str]
) -> None:
    data = export_json(store, [ids["pinned"], ids["sorting"]])
    assert [c["id"] for c in data["conversations"]] == [ids["pinned"], ids["sorting"]]
    with pytest.raises(ConfigError, match="No conversation with id 'nope'"):
        export_json(store, [ids["sorting"], "nope"])


def test_an_answer_still_streaming_is_exported_as_partial(store: HistoryStore) -> None:
    conversation = store.create_conversation("Cut off").id
    store.add_message(conversation, role="assistant", content="Half", status="streaming")
    (message,) = export_json(store)["conversations"][0]["messages"]
    assert message["status"] == "partial"


# -- Round trips and repeated imports ---------------------------------------------------------


def test_export_then_import_gives_the_same_history(
    store: HistoryStore, ids: dict[str, str], fresh: HistoryStore, tmp_path: Path
) -> None:
    file = tmp_path / "export.json"
    write_json(export_json(store), file)
    result = import_file(fresh, file)
    assert result == ImportResult(conversations_added=3, conversations_skipped=0, messages_added=9)
    assert snapshot(fresh) == snapshot(store)
    answer = fresh.messages(ids["sorting"])[2]
    assert answer.cost_usd == Decimal("0.0000567"), "the exact cost survives the round trip"
    assert answer.usage == StoredUsage(120, 80, 20, 30, "reported")
    assert fresh.conversation(ids["failing"]) is not None
    assert [c.id for c in fresh.conversations(archived=True)] == [ids["failing"]]


def test_an_export_whose_list_comes_before_its_format_imports_the_same(
    store: HistoryStore, ids: dict[str, str], fresh: HistoryStore, tmp_path: Path
) -> None:
    # Tally writes "format" and "version" first, and an import reads each conversation as it
    # is decoded; a file edited by hand may list them after: it is read after decoding, as one.
    document = export_json(store)
    reordered = {"conversations": document.pop("conversations"), **document}
    file = tmp_path / "reordered.json"
    file.write_text(json.dumps(reordered), encoding="utf-8")
    assert file.read_text(encoding="utf-8").startswith('{"conversations": ')
    assert import_file(fresh, file) == ImportResult(3, 0, 9)
    assert snapshot(fresh) == snapshot(store)


def test_anthropic_cache_writes_are_stored_exported_and_imported(
    store: HistoryStore, fresh: HistoryStore, tmp_path: Path
) -> None:
    claude = store.create_conversation("Cached prompt", created_at=at(0)).id
    store.add_message(claude, role="user", content="Long document…", created_at=at(0))
    usage = StoredUsage(10_000, 1_000, cached_input_tokens=5_000, cache_write_tokens=3_000)
    store.add_message(
        claude, role="assistant", content="Summary", usage=usage, cost_usd=Decimal("0.03375")
    )
    assert store.messages(claude)[1].usage == usage
    file = tmp_path / "export.json"
    write_json(export_json(store, [claude]), file)
    exported = json.loads(file.read_text(encoding="utf-8"))
    assert exported["conversations"][0]["messages"][1]["usage"]["cache_write_tokens"] == 3_000
    import_file(fresh, file)
    assert fresh.messages(claude)[1].usage == usage


def test_importing_twice_adds_nothing_the_second_time(
    store: HistoryStore, ids: dict[str, str], fresh: HistoryStore, tmp_path: Path
) -> None:
    file = tmp_path / "export.json"
    write_json(export_json(store), file)
    import_file(fresh, file)
    before = snapshot(fresh)
    again = import_file(fresh, file)
    assert again == ImportResult(conversations_added=0, conversations_skipped=3, messages_added=0)
    assert snapshot(fresh) == before


def test_a_deleted_conversation_is_not_brought_back_by_importing_again(
    store: HistoryStore, ids: dict[str, str], fresh: HistoryStore, tmp_path: Path
) -> None:
    file = tmp_path / "export.json"
    write_json(export_json(store), file)
    import_file(fresh, file)
    fresh.delete(ids["pinned"])
    assert import_file(fresh, file).conversations_skipped == 3
    assert fresh.conversation(ids["pinned"]) is None


def test_a_write_failing_midway_leaves_the_history_as_it_was(
    store: HistoryStore,
    ids: dict[str, str],
    fresh: HistoryStore,
    tmp_path: Path,
) -> None:
    file = tmp_path / "export.json"
    write_json(export_json(store), file)
    kept = fresh.create_conversation("Already here", created_at=at(100)).id
    before = snapshot(fresh)
    with pytest.raises(DiskFull, match="is full: nothing was imported, the history is as it was"):
        import_file(fresh, file, progress=disk_fills_up)
    assert snapshot(fresh) == before
    assert [c.id for c in fresh.conversations()] == [kept]


# -- Markdown ---------------------------------------------------------------------------------


def test_markdown_export_is_a_readable_document(store: HistoryStore, ids: dict[str, str]) -> None:
    text = export_markdown(store, ids["sorting"])
    assert text.startswith("# Sorting in Python\n")
    assert "5 messages" in text
    assert "## System · 2025-03-01 09:00 UTC\n\nYou are terse." in text
    assert "## User · 2025-03-01 09:01 UTC\n\nHow do I sort a list?" in text
    assert "## Assistant · deepseek-chat via holysheep · 2025-03-01 09:02 UTC" in text
    assert CODE_ANSWER in text, "code blocks stay intact"
    assert "<details>\n<summary>Reasoning</summary>\n\nThe user wants sorted()." in text
    assert "```\nnot code, just thinking\n```\n\n</details>" in text
    assert "*120 tokens in (20 cached) · 80 out (30 reasoning) · $0.000057*" in text
    assert "用 sorted() 排序" in text
    assert "> **Partial answer" in text
    assert "*10 tokens in · 5 out · estimated · cost unknown*" in text
    # The reasoning comes before the answer it led to.
    assert text.index("Reasoning") < text.index(CODE_ANSWER)


def test_markdown_notes_cancelled_and_failed_answers(
    store: HistoryStore, ids: dict[str, str]
) -> None:
    text = export_markdown(store, ids["failing"])
    assert "*Started 2025-03-01 09:10 UTC · 3 messages · archived*" in text
    assert "> **Stopped: the answer was cancelled" in text
    assert "Once upon a time" in text
    assert "> **Error: Authentication failed: check the key for holysheep.**" in text
    assert "<details>" not in text, "no empty reasoning blocks"


def test_markdown_of_an_unknown_conversation_is_an_error(store: HistoryStore) -> None:
    with pytest.raises(ConfigError, match="No conversation"):
        export_markdown(store, "missing")
