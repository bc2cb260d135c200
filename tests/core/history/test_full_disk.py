"""A full disk never stops a conversation nor loses what was written: the answer goes on, what
the history held stays, the problem is told once, and the rest is written once there is room.
On a real (small, tmpfs) file system that fills up."""

from __future__ import annotations

import os
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.core.errors import DiskFull
from desktop_app.core.events import Usage
from desktop_app.core.history.purge import purge
from desktop_app.core.history.recorder import HistoryRecorder
from desktop_app.core.history.rows import utc_now
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.money.ledger import Ledger
from tests.support.history.on_disk import sql
from tests.support.history.spending_samples import PRICED_RELAY
from tests.support.mounts import fill

PROVIDER = PRICED_RELAY
CHUNK = "All work and no play makes Jack a dull boy. " * 400  # 17.6 kB: new pages every time


class Clock:
    """A monotonic clock the test moves: each tick is past the recorder's write interval."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 5.0
        return self.now


def _record(store: HistoryStore) -> tuple[Conversation, HistoryRecorder, list[object]]:
    conversation = Conversation()
    ledger = Ledger(store, [PROVIDER])
    ledger.refresh()
    recorder = HistoryRecorder(store, conversation, ledger, clock=Clock())
    told: list[object] = []
    recorder.problems.append(told.append)
    return conversation, recorder, told


def _asked(conversation: Conversation) -> ChatMessage:
    """The question of the tests below, and its answer, about to stream."""
    conversation.add(ChatMessage("user", "Write me a long story"))
    return conversation.add(_answer())


def _answer() -> ChatMessage:
    return ChatMessage("assistant", provider="relay", model="gpt-4.1", status="streaming")


def _stream(conversation: Conversation, answer: ChatMessage, chunks: int) -> None:
    for _ in range(chunks):
        answer.append_text(CHUNK)
        conversation.changed(answer)


def _end(conversation: Conversation, answer: ChatMessage) -> None:
    answer.status = "complete"
    answer.usage = Usage(1000, 2000)
    conversation.changed(answer)


def _stored(history: Path) -> list[tuple[str, str, int]]:
    with HistoryStore(history) as store:
        (summary,) = store.conversations()
        return [(m.role, m.status, len(m.content)) for m in store.messages(summary.id)]


def test_the_disk_fills_in_the_middle_of_an_answer(small_disk: Path) -> None:
    history = small_disk / "history.sqlite3"
    store = HistoryStore(history)
    conversation, recorder, told = _record(store)
    answer = _asked(conversation)
    _stream(conversation, answer, 3)
    written = len(answer.content)
    filler = fill(small_disk)

    _stream(conversation, answer, 5)  # the answer goes on; nothing raised
    _end(conversation, answer)
    assert [type(error) for error in told] == [DiskFull]
    assert isinstance(recorder.unsaved, DiskFull)
    assert "is full: what was written before is kept, the rest is not saved yet" in str(
        recorder.unsaved
    )
    assert not recorder.retry()  # still no room: still told only once
    assert len(told) == 1
    ledger = recorder.billing
    assert isinstance(ledger, Ledger)
    assert ledger.today.usd == Decimal("0.018")  # spent is spent, saved or not
    with HistoryStore(history) as reading:  # what was written before stays
        (summary,) = reading.conversations()
        kept = reading.messages(summary.id)[1]
        assert kept.status == "streaming"
        assert len(kept.content) == written

    filler.unlink()  # room again
    assert recorder.retry()
    assert ledger.today.usd == Decimal("0.018")  # counted once, not again when written
    assert told[-1] is None
    assert recorder.unsaved is None
    store.close()
    assert _stored(history) == [
        ("user", "complete", len("Write me a long story")),
        ("assistant", "complete", len(CHUNK) * 8),
    ]
    conn = sqlite3.connect(history)  # and the money was billed once room came back
    assert conn.execute("SELECT cost_usd FROM ledger").fetchall() == [("0.018",)]
    conn.close()


def test_a_retry_that_bills_but_cannot_save_the_answer_counts_it_once(small_disk: Path) -> None:
    history = small_disk / "history.sqlite3"
    store = HistoryStore(history)
    conversation, recorder, _ = _record(store)
    answer = _asked(conversation)
    _stream(conversation, answer, 1)
    filler = fill(small_disk)
    _stream(conversation, answer, 6)
    _end(conversation, answer)  # nothing of the end written: counted for the totals alone
    ledger = recorder.billing
    assert isinstance(ledger, Ledger)
    assert ledger.today.usd == Decimal("0.018")

    # Room for the small ledger row, not for the 100 kB of the answer's own write.
    os.truncate(filler, filler.stat().st_size - 24 * 1024)
    assert not recorder.retry()
    assert sql(history, "SELECT cost_usd FROM ledger") == [("0.018",)]  # the row went in
    assert ledger.today.usd == Decimal("0.018")  # and the totals did not count it again

    filler.unlink()
    assert recorder.retry()
    assert ledger.today.usd == Decimal("0.018")
    store.close()
    assert sql(history, "SELECT cost_usd FROM ledger") == [("0.018",)]


def test_the_disk_is_full_before_the_question_is_saved(small_disk: Path) -> None:
    history = small_disk / "history.sqlite3"
    store = HistoryStore(history)
    store.create_conversation("Earlier")
    filler = fill(small_disk)
    conversation, recorder, told = _record(store)
    question = conversation.add(ChatMessage("user", CHUNK))  # not saved, and no error
    answer = conversation.add(_answer())
    _stream(conversation, answer, 2)
    _end(conversation, answer)
    assert question.content == CHUNK
    assert [type(error) for error in told] == [DiskFull]
    assert recorder.conversation_id is None  # nothing of it could be written

    filler.unlink()
    conversation.add(ChatMessage("user", "And another"))  # the next message writes it all
    assert recorder.unsaved is None
    assert told[-1] is None
    store.close()
    with HistoryStore(history) as reading:
        (summary, _) = reading.conversations()
        assert summary.title.startswith("All work and no play")
        stored = [(m.role, len(m.content)) for m in reading.messages(summary.id)]
    assert stored == [("user", len(CHUNK)), ("assistant", len(CHUNK) * 2), ("user", 11)]


def test_a_store_write_on_a_full_disk_raises_disk_full_not_sqlite(small_disk: Path) -> None:
    store = HistoryStore(small_disk / "history.sqlite3")
    conversation = store.create_conversation("x")
    fill(small_disk)
    with pytest.raises(DiskFull):
        store.add_message(conversation.id, role="user", content=CHUNK * 4)
    store.close()


def test_a_purge_on_a_full_disk_leaves_the_conversation_deleted_and_goes_on_later(
    small_disk: Path,
) -> None:
    history = small_disk / "history.sqlite3"
    with HistoryStore(history) as store:
        gone = store.create_conversation("Deleted").id
        for _ in range(8):
            store.add_message(gone, role="user", content=CHUNK)
        store.delete(gone)
        with store.reading() as conn:  # an empty WAL: removing rows needs room again
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    filler = fill(small_disk)

    with pytest.raises(sqlite3.OperationalError):  # "disk I/O error" or "database or disk is full"
        purge(history, utc_now(), batch=2, pause=0)

    filler.unlink()
    with HistoryStore(history) as store:
        assert store.conversation(gone) is None  # still deleted, whatever is left of it
        with store.reading() as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert purge(history, utc_now(), batch=2, pause=0) == 1
    with HistoryStore(history) as store, store.reading() as conn:
        assert conn.execute("SELECT count(*) FROM messages").fetchone() == (0,)
