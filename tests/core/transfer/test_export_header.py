"""The JSON export's header names the app that wrote it (version and commit) beside the
format's own version, and an import reads such a file as before."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from desktop_app import __version__, version
from desktop_app.core.history.records import MessageRecord
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.transfer.export import EXPORT_VERSION, export_json, write_export
from desktop_app.core.transfer.export_markdown import markdown_document
from desktop_app.core.transfer.exported import Counted, each_conversation, load_conversations
from desktop_app.core.transfer.importer import import_file
from tests.support.history.export_stores import (
    fresh as fresh,  # fixtures: pytest finds them by name here
)
from tests.support.history.export_stores import ids as ids
from tests.support.history.export_stores import store as store


def test_the_header_names_the_format_and_the_app(store: HistoryStore, ids: dict[str, str]) -> None:
    data = export_json(store)
    assert data["format"] == "tally-export"
    assert data["version"] == EXPORT_VERSION == 1  # the format's version, not the app's
    assert data["app_version"] == __version__
    assert data["app_commit"] == version.commit()
    assert data["app_commit"] == version.UNKNOWN or len(data["app_commit"]) == version.SHORT


def test_the_streamed_export_has_the_same_header(store: HistoryStore, ids: dict[str, str]) -> None:
    stream = io.StringIO()
    write_export(load_conversations(store, None), stream, markdown=False)
    written = json.loads(stream.getvalue())
    whole = export_json(store)
    for key in ("format", "version", "app_version", "app_commit"):
        assert written[key] == whole[key]


@pytest.mark.parametrize("markdown", [False, True])
def test_an_export_reads_each_conversation_when_it_writes_it(
    store: HistoryStore, ids: dict[str, str], monkeypatch: pytest.MonkeyPatch, markdown: bool
) -> None:
    read: list[str] = []
    messages = store.messages

    def reading(conversation_id: str) -> list[MessageRecord]:
        read.append(conversation_id)
        return messages(conversation_id)

    monkeypatch.setattr(store, "messages", reading)

    class Watched(io.StringIO):
        """Notes how many conversations were read at each write."""

        def __init__(self) -> None:
            super().__init__()
            self.read_by_write: list[int] = []

        def write(self, text: str) -> int:
            self.read_by_write.append(len(read))
            return super().write(text)

    stream = Watched()
    conversations = Counted(each_conversation(store, None))
    assert read == []  # nothing read before it is written
    write_export(conversations, stream, markdown=markdown)
    assert len(read) == len(set(ids.values())) == conversations.conversations == 3
    # written in turn: each conversation's text goes out before the next one is read
    assert {1, 2, 3} <= set(stream.read_by_write)
    whole = (
        markdown_document(load_conversations(store, None))
        if markdown
        else json.dumps(export_json(store))
    )
    if markdown:
        assert stream.getvalue() == whole
    else:
        written = json.loads(stream.getvalue())
        expected = json.loads(whole)
        del written["exported_at"], expected["exported_at"]
        assert written == expected


def test_an_export_with_the_app_named_imports(
    store: HistoryStore, ids: dict[str, str], fresh: HistoryStore, tmp_path: Path
) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export_json(store)), encoding="utf-8")
    result = import_file(fresh, path)
    assert (result.conversations_added, result.conversations_skipped) == (len(ids), 0)
