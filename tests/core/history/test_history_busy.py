"""A write the history cannot make while another writer holds its lock (an import, which writes
in one transaction) is kept and made later, as a write on a full disk is: the answer goes on,
the problem is told once, its cost counts once."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.core.errors import HistoryBusy
from desktop_app.core.events import Usage
from desktop_app.core.history.failures import translate
from desktop_app.core.history.recorder import HistoryRecorder
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.money.ledger import Ledger
from tests.support.history.spending_samples import PRICED_RELAY

PROVIDER = PRICED_RELAY


def test_a_lock_held_by_another_writer_is_history_busy(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    HistoryStore(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    waiter = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        with pytest.raises(sqlite3.OperationalError) as raised:
            waiter.execute("BEGIN IMMEDIATE")
    finally:
        waiter.close()
        holder.execute("ROLLBACK")
        holder.close()
    error = translate(raised.value, path)
    assert isinstance(error, HistoryBusy)
    assert str(path) in str(error)


def test_writes_held_keep_the_answer_in_memory_and_its_cost_counted_once(
    tmp_path: Path,
) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3")
    ledger = Ledger(store, [PROVIDER])
    ledger.refresh()
    conversation = Conversation()
    recorder = HistoryRecorder(store, conversation, ledger)
    told: list[object] = []
    recorder.problems.append(told.append)
    conversation.add(ChatMessage("user", "Sort a list?"))
    answer = ChatMessage("assistant", provider="relay", model="gpt-4.1", status="streaming")
    conversation.add(answer)
    (summary,) = store.conversations()
    store.held.hold()  # the window's import begins while the answer streams
    answer.append_text("Use sorted().")
    answer.status = "complete"
    answer.usage = Usage(1000, 2000)
    conversation.changed(answer)
    assert [m.content for m in store.messages(summary.id)] == ["Sort a list?", ""]
    assert [type(problem) for problem in told] == [HistoryBusy]
    assert ledger.today.usd == Decimal("0.018")  # spent is spent, saved or not
    assert not recorder.retry()  # still held
    store.held.release()  # the import is done
    assert recorder.retry()
    assert told[-1] is None
    assert [(m.role, m.content) for m in store.messages(summary.id)] == [
        ("user", "Sort a list?"),
        ("assistant", "Use sorted()."),
    ]
    assert ledger.today.usd == Decimal("0.018")  # counted once, not again when written
    ledger.refresh()
    assert ledger.today.usd == Decimal("0.018")  # and it is the ledger's row that counts it
    store.close()


def test_an_answer_to_a_question_never_saved_counts_at_once_and_once(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3")
    ledger = Ledger(store, [PROVIDER])
    ledger.refresh()
    conversation = Conversation()
    recorder = HistoryRecorder(store, conversation, ledger)
    store.held.hold()  # from before the question: nothing of the conversation is saved
    conversation.add(ChatMessage("user", "Sort a list?"))
    answer = conversation.add(
        ChatMessage("assistant", provider="relay", model="gpt-4.1", status="streaming")
    )
    answer.append_text("Use sorted().")
    answer.status = "complete"
    answer.usage = Usage(1000, 2000)
    conversation.changed(answer)
    assert recorder.conversation_id is None
    assert ledger.today.usd == Decimal("0.018")  # spent is spent, saved or not
    conversation.changed(answer)  # told again: still counted once
    assert ledger.today.usd == Decimal("0.018")
    store.held.release()
    assert recorder.retry()
    assert ledger.today.usd == Decimal("0.018")
    ledger.refresh()  # read from the ledger's rows: the answer's own row now
    assert ledger.today.usd == Decimal("0.018")
    store.close()


def test_writes_kept_during_a_hold_are_made_in_order_each_whatever_the_others_do(
    tmp_path: Path,
) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3")
    first = store.create_conversation("First").id
    second = store.create_conversation("Second").id
    store.held.hold()
    with pytest.raises(HistoryBusy):  # a write straight to the store fails at once
        store.rename(first, "Not kept")
    assert not store.held.run(lambda: store.rename(first, "Renamed"))  # kept, not made
    store.held.run(lambda: store.rename("no-such-conversation", "Lost"))
    store.held.run(lambda: store.rename(first, "Renamed again"))
    store.held.run(lambda: store.set_pinned(second, True))
    assert store.held.kept == 4
    assert [c.title for c in store.conversations()] == ["Second", "First"]  # nothing yet
    with pytest.raises(KeyError):  # the failed one is told once all were made
        store.held.release()
    assert [(c.title, c.pinned) for c in store.conversations()] == [
        ("Second", True),
        ("Renamed again", False),
    ]
    assert store.held.kept == 0
    assert store.held.run(lambda: store.rename(second, "Now"))  # made at once again
    assert store.conversations()[0].title == "Now"
    store.close()
