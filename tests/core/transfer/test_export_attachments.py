"""Attached files in exports: the JSON carries each file's bytes (base64) with its name, type,
size and SHA-256, written a conversation at a time; an import restores them, and refuses a file
whose bytes do not match what it says of them; the Markdown names each file."""

from __future__ import annotations

import base64
import hashlib
import io
import json
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.errors import ConfigError
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.transfer.export import json_document, write_export
from desktop_app.core.transfer.export_markdown import conversation_markdown
from desktop_app.core.transfer.exported import load_conversations
from desktop_app.core.transfer.importer import import_file
from tests.support.history.export_stores import fresh as fresh
from tests.support.history.export_stores import store as store

CHART = Attachment("chart.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 188)
PAPER = Attachment("paper.pdf", "application/pdf", b"%PDF-1.7 not much", text="Abstract.")


def _filled(store: HistoryStore) -> str:
    c = store.create_conversation("Files").id
    store.add_message(c, role="user", content="Two files", attachments=[CHART, PAPER])
    store.add_message(c, role="assistant", content="Seen both.", model="m")
    store.add_message(c, role="user", content="The chart again", attachments=[CHART])
    other = store.create_conversation("Plain").id
    store.add_message(other, role="user", content="no files here")
    return c


def _exported(store: HistoryStore) -> str:
    stream = io.StringIO()
    write_export(load_conversations(store, None), stream, markdown=False)
    return stream.getvalue()


def test_the_json_export_carries_each_file_and_its_facts(store: HistoryStore) -> None:
    c = _filled(store)
    data = json.loads(_exported(store))
    (files,) = [conv for conv in data["conversations"] if conv["id"] == c]
    first, answer, again = files["messages"]
    assert [a["name"] for a in first["attachments"]] == ["chart.png", "paper.pdf"]
    chart = first["attachments"][0]
    assert chart == {
        "name": "chart.png",
        "mime_type": "image/png",
        "size": CHART.size,
        "sha256": hashlib.sha256(CHART.data).hexdigest(),
        "data": base64.b64encode(CHART.data).decode(),
    }
    assert first["attachments"][1]["text"] == "Abstract."
    assert "attachments" not in answer
    assert again["attachments"] == [chart]


def test_the_export_written_a_conversation_at_a_time_is_the_whole_document(
    store: HistoryStore,
) -> None:
    _filled(store)
    loaded = load_conversations(store, None)
    streamed = json.loads(_exported(store))
    whole = json_document(loaded)
    for document in (streamed, whole):
        del document["exported_at"]
    assert streamed == whole
    empty = io.StringIO()
    write_export([], empty, markdown=False)
    assert json.loads(empty.getvalue())["conversations"] == []
    # What is loaded before writing names the files; their bytes are read as each is written.
    assert not any(
        hasattr(record, "data") for c in loaded for f in c.attachments.values() for record in f
    )


def test_an_import_restores_every_file_in_order_and_keeps_each_once(
    store: HistoryStore, fresh: HistoryStore, tmp_path: Path
) -> None:
    c = _filled(store)
    export = tmp_path / "export.json"
    export.write_text(_exported(store), encoding="utf-8")
    result = import_file(fresh, export)
    assert (result.conversations_added, result.messages_added) == (2, 4)
    restored = list(fresh.attachments(c).values())
    assert restored == [(CHART, PAPER), (CHART,)]
    with fresh.reading() as conn:
        assert conn.execute("SELECT count(*) FROM attachment_data").fetchone() == (2,)
    assert [h.snippet for h in fresh.search("paper.pdf")] == ["[[paper.pdf]]"]
    again = import_file(fresh, export)  # the same file twice adds nothing
    assert again.conversations_skipped == 2
    with fresh.reading() as conn:
        assert conn.execute("SELECT count(*) FROM attachments").fetchone() == (3,)


def _tampered(store: HistoryStore, tmp_path: Path, change: dict[str, Any]) -> Path:
    _filled(store)
    data = json.loads(_exported(store))
    data["conversations"][-1]["messages"][0]["attachments"][1].update(change)
    path = tmp_path / "tampered.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"data": base64.b64encode(b"%PDF-1.7 other").decode()}, "does not match its sha256"),
        ({"data": "not base64 at all!"}, "is not base64"),
        ({"size": 3}, "'paper.pdf' is 17 bytes long, not 3"),
        ({"name": 7}, "'name' must be a string"),
    ],
)
def test_a_file_whose_bytes_do_not_check_out_is_refused_and_nothing_is_imported(
    store: HistoryStore, fresh: HistoryStore, tmp_path: Path, change: dict[str, Any], said: str
) -> None:
    path = _tampered(store, tmp_path, change)
    with pytest.raises(ConfigError) as caught:
        import_file(fresh, path)
    assert "messages[0].attachments[1]" in str(caught.value)
    assert said in str(caught.value)
    assert fresh.conversations() == []


def test_a_file_without_its_hash_or_size_is_taken_as_it_is(
    store: HistoryStore, fresh: HistoryStore, tmp_path: Path
) -> None:
    path = _tampered(store, tmp_path, {"sha256": None, "size": None})
    import_file(fresh, path)
    (c,) = [s.id for s in fresh.conversations() if s.title == "Files"]
    assert next(iter(fresh.attachments(c).values())) == (CHART, PAPER)


def test_the_markdown_names_each_file_and_its_size(store: HistoryStore) -> None:
    c = _filled(store)
    (conversation,) = load_conversations(store, [c])
    text = conversation_markdown(conversation)
    assert "*Attached: chart.png (47 KB)*\n\n*Attached: paper.pdf (17 bytes)*" in text
    assert text.index("Two files") < text.index("Attached: chart.png") < text.index("Seen both")
    assert "iVBOR" not in text  # no bytes in a document to read
