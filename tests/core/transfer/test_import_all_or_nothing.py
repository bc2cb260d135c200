"""An import is one transaction: a file that fails part-way (text SQLite cannot store, a write
error) leaves nothing behind, not even in the trash, so the corrected file then brings every
conversation; a file nested past what the parser takes is one clear line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core import paths
from desktop_app.core.errors import ConfigError, DiskFull
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.transfer.export import export_json
from desktop_app.core.transfer.importer import import_file
from tests.support.history.export_stores import disk_fills_up
from tests.support.history.history_samples import at


def every_conversation(store: HistoryStore) -> int:
    """Conversations in the table, those in the trash included."""
    with store.reading() as conn:
        return int(conn.execute("SELECT count(*) FROM conversations").fetchone()[0])


@pytest.fixture
def ten(tmp_path: Path) -> dict[str, Any]:
    """An export of ten conversations of two messages each."""
    with HistoryStore(tmp_path / "source.sqlite3") as source:
        for number in range(10):
            conversation = source.create_conversation(f"Topic {number}", created_at=at(number))
            source.add_message(conversation.id, role="user", content="Q", created_at=at(number))
            source.add_message(conversation.id, role="assistant", content="A")
        return export_json(source)


def test_a_lone_surrogate_imports_nothing_and_the_fixed_file_imports_all(
    ten: dict[str, Any], tmp_path: Path
) -> None:
    bad = json.loads(json.dumps(ten))
    bad["conversations"][7]["messages"][1]["content"] = "half a pair: \ud800"
    bad_file, fixed_file = tmp_path / "bad.json", tmp_path / "fixed.json"
    bad_file.write_text(json.dumps(bad), encoding="utf-8")  # written as \\ud800, as JSON may
    fixed_file.write_text(json.dumps(ten), encoding="utf-8")

    with HistoryStore(paths.history_db()) as store:
        with pytest.raises(ConfigError) as raised:
            import_file(store, bad_file)
        assert str(raised.value) == (
            "The conversation 'Topic 2' holds text that is not valid Unicode (surrogates not "
            "allowed, such as a lone surrogate \\ud800), which the history cannot store. "
            "Nothing was imported."
        )
        assert every_conversation(store) == 0

        result = import_file(store, fixed_file)
        assert result.conversations_added == 10
        assert every_conversation(store) == 10
        assert len(store.conversations(limit=50)) == 10


def test_a_write_failing_in_the_middle_leaves_nothing_in_the_trash(
    ten: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "export.json"
    file.write_text(json.dumps(ten), encoding="utf-8")
    with HistoryStore(paths.history_db()) as store:
        with pytest.raises(
            DiskFull, match="is full: nothing was imported, the history is as it was"
        ):
            import_file(store, file, progress=disk_fills_up)
        assert every_conversation(store) == 0
        assert import_file(store, file).conversations_added == 10


def test_json_nested_past_the_parser_is_one_clear_line(tmp_path: Path) -> None:
    file = tmp_path / "deep.json"
    file.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with HistoryStore(paths.history_db()) as store, pytest.raises(ConfigError) as raised:
        import_file(store, file)
    assert str(raised.value) == f"{file} nests its JSON too deeply to be an export."
