"""Deleted conversations removed for good (history/purge.py): a batch of messages at a time, only
those deleted before the cutoff and still deleted, with the files no other message holds and
their search index rows, and with their text overwritten in the file."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.history import purge as history_purge
from desktop_app.core.history.purge import purge
from desktop_app.core.history.rows import utc_now
from desktop_app.core.history.schema import connect
from desktop_app.core.history.store import HistoryStore
from tests.support.history.on_disk import count

SHARED = Attachment("chart.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
OWN = Attachment("diary.txt", "text/plain", b"a private diary", "a private diary")


def conversation(store: HistoryStore, title: str, texts: list[str]) -> str:
    made = store.create_conversation(title)
    for number, text in enumerate(texts):
        store.add_message(made.id, role="user" if number % 2 == 0 else "assistant", content=text)
    return made.id


class UndoneOnPause(threading.Event):
    """A stop event whose first pause brings `conversation_id` back, as Undo in another window
    of the app would between two batches."""

    def __init__(self, store: HistoryStore, conversation_id: str) -> None:
        super().__init__()
        self.store, self.conversation_id = store, conversation_id

    def wait(self, timeout: float | None = None) -> bool:
        self.store.undelete(self.conversation_id)
        return False


def test_a_purge_removes_the_conversations_deleted_before_the_cutoff_a_batch_at_a_time(
    store: HistoryStore,
) -> None:
    old = conversation(store, "Old", [f"quokka {n}" for n in range(5)])
    store.add_message(old, role="user", content="with files", attachments=[SHARED, OWN])
    kept = conversation(store, "Kept", ["quokka kept"])
    store.add_message(kept, role="user", content="the chart again", attachments=[SHARED])
    store.delete(old)
    cutoff = utc_now()
    recent = conversation(store, "Deleted after the cutoff", ["quokka recent"])
    store.delete(recent)

    assert purge(store.path, cutoff, batch=2, pause=0) == 1

    assert count(store, "SELECT count(*) FROM conversations WHERE id = ?", old) == 0
    assert count(store, "SELECT count(*) FROM messages WHERE conversation_id = ?", old) == 0
    assert count(store, "SELECT count(*) FROM messages WHERE conversation_id = ?", recent) == 1
    assert count(store, "SELECT count(*) FROM messages WHERE conversation_id = ?", kept) == 2
    # The bytes another conversation holds stay; the ones only the purged one held go.
    assert count(store, "SELECT count(*) FROM attachment_data") == 1
    assert store.attachment_data(SHARED.sha256) == SHARED.data
    # The search index drops the purged messages: one of the three left matches here.
    assert count(store, "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'quokka'") == 2
    store.undelete(recent)
    assert {hit.conversation_id for hit in store.search("quokka")} == {kept, recent}


def test_a_stopped_purge_leaves_the_rest_deleted_and_the_next_one_goes_on(
    store: HistoryStore,
) -> None:
    gone = conversation(store, "Long", [f"message {n}" for n in range(5)])
    store.delete(gone)
    stopped = threading.Event()
    stopped.set()  # stops at the first pause, after one batch

    assert purge(store.path, utc_now(), stopped, batch=2, pause=0) == 0
    assert count(store, "SELECT count(*) FROM messages WHERE conversation_id = ?", gone) == 3
    assert store.conversation(gone) is None  # still deleted: out of the list and of search
    assert store.search("message") == []

    assert purge(store.path, utc_now(), batch=2, pause=0) == 1
    assert count(store, "SELECT count(*) FROM conversations WHERE id = ?", gone) == 0


def test_a_conversation_brought_back_during_a_purge_is_kept_with_the_rest(
    store: HistoryStore,
) -> None:
    undone = conversation(store, "Undone", [f"line {n}" for n in range(3)])
    store.delete(undone)

    assert purge(store.path, utc_now(), UndoneOnPause(store, undone), batch=2, pause=0) == 0

    assert store.conversation(undone) is not None
    assert count(store, "SELECT count(*) FROM messages WHERE conversation_id = ?", undone) == 1


def test_the_purged_text_is_overwritten_in_the_file(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # SQLite's own default leaves a deleted row's bytes in the free page (Debian builds it
    # the other way round): the purge's connection starts from that default here.
    def default_off(path: Path) -> sqlite3.Connection:
        conn = connect(path)
        conn.execute("PRAGMA secure_delete = OFF")
        return conn

    monkeypatch.setattr(history_purge, "connect", default_off)
    secret = "my-old-password-" + "x7Qz" * 8  # in no other message
    gone = conversation(store, "Pasted by mistake", [f"here it is: {secret}", "noted"])
    conversation(store, "Other", ["hello", "more"])
    store.delete(gone)
    checkpoint(store)
    assert secret.encode() in store.path.read_bytes()

    purge(store.path, utc_now(), pause=0)
    checkpoint(store)

    assert secret.encode() not in store.path.read_bytes()


def test_without_secure_delete_the_text_would_stay(store: HistoryStore) -> None:
    """The check above can fail: rows deleted with SQLite's default keep their text."""
    secret = "my-old-password-" + "x7Qz" * 8
    gone = conversation(store, "Pasted by mistake", [f"here it is: {secret}", "noted"])
    conversation(store, "Other", ["hello", "more"])
    with store.writing() as conn:
        (before,) = conn.execute("PRAGMA secure_delete").fetchone()
        conn.execute("PRAGMA secure_delete = OFF")
        conn.execute("DELETE FROM conversations WHERE id = ?", (gone,))
        conn.execute(f"PRAGMA secure_delete = {before}")
    checkpoint(store)

    assert secret.encode() in store.path.read_bytes()


def checkpoint(store: HistoryStore) -> None:
    """Copy the WAL's pages into the file itself and empty the WAL."""
    with store.reading() as conn:
        assert conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0
