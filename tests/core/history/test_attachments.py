"""Attached files in the history: written with their question, brought back in order when the
conversation is opened again, found by their names, kept once however often they are sent,
and gone with the last message that names them; the ledger never moves."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from desktop_app.core.attachments.attachment import Attachment, StoredBytes
from desktop_app.core.chat import make_client
from desktop_app.core.conversation import Conversation
from desktop_app.core.history.ledger_rows import LedgerEntry, bill
from desktop_app.core.history.migrations import MIGRATIONS
from desktop_app.core.history.recorder import HistoryRecorder, open_conversation
from desktop_app.core.history.records import StoredUsage
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.money.ledger import Ledger
from desktop_app.core.session import ChatSession
from desktop_app.simulator import Simulator
from tests.support.history.on_disk import count
from tests.support.streams.chat_helpers import FAST_RETRY, sim_provider

CHART = Attachment("chart.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
NOTES = Attachment("notes.txt", "text/plain", b"line one\nline two\n", "line one\n")
PAPER = Attachment("paper.pdf", "application/pdf", b"%PDF-1.7 fake", text="Abstract: tiles.")


def test_a_question_sent_with_files_is_saved_with_them_and_reopened_in_order(
    simulator: Simulator, store: HistoryStore
) -> None:
    conversation = Conversation()
    recorder = HistoryRecorder(store, conversation, Ledger(store, []))

    async def main() -> None:
        async with make_client() as client:
            session = ChatSession(
                conversation, client, lambda _: simulator.api_key, retry=FAST_RETRY
            )
            await session.send(sim_provider(simulator), "sim-echo", "Read these", [NOTES, CHART])

    asyncio.run(main())
    assert recorder.conversation_id is not None
    reopened = Conversation()
    open_conversation(store, reopened, recorder.conversation_id, Ledger(store, []))
    question, answer = reopened.messages
    assert question.attachments == (NOTES, CHART)  # names, types, bytes and text, in order
    assert question.attachments[0].text == "line one\n"
    assert answer.attachments == ()
    # What a re-send would carry: the question's files go with it.
    assert reopened.context()[0].attachments == (NOTES, CHART)


def test_an_edited_question_keeps_its_files_as_a_version_of_its_own(store: HistoryStore) -> None:
    c = store.create_conversation("Edit").id
    first = store.add_message(c, role="user", content="Q", attachments=[CHART])
    store.add_message(c, role="user", content="Q, edited", parent_id=None, attachments=[PAPER])
    attached = store.attachments(c)
    assert attached[first.id] == (CHART,)
    assert [a.name for files in attached.values() for a in files] == ["chart.png", "paper.pdf"]


def test_a_conversation_without_files_reads_them_in_one_query(store: HistoryStore) -> None:
    c = store.create_conversation("Long").id
    for n in range(30):
        store.add_message(c, role="user" if n % 2 == 0 else "assistant", content=f"m{n}")
    store.add_message(c, role="user", content="look", attachments=[CHART])
    statements: list[str] = []
    with store.reading() as conn:
        conn.set_trace_callback(statements.append)
    try:
        conversation = Conversation()
        open_conversation(store, conversation, c, Ledger(store, []))
    finally:
        with store.reading() as conn:
            conn.set_trace_callback(None)
    assert len([s for s in statements if "attachments" in s]) == 1
    assert [len(m.attachments) for m in conversation.messages] == [0] * 30 + [1]


def test_a_reopened_files_bytes_are_read_when_asked_through_a_reader(
    store: HistoryStore,
) -> None:
    c = store.create_conversation("Photo").id
    asked = store.add_message(c, role="user", content="look", attachments=[CHART])
    (reopened,) = store.attachments(c)[asked.id]
    assert isinstance(reopened.content, StoredBytes)  # not the bytes: nothing read yet
    assert (reopened, reopened.size, reopened.is_image) == (CHART, CHART.size, True)
    read: list[bytes] = []
    with store.reading():  # this thread holds the store (a write, say) meanwhile
        worker = threading.Thread(target=lambda: read.append(reopened.data))
        worker.start()
        worker.join(timeout=10)
    assert read == [CHART.data], "read on the worker's own connection, without waiting"


def test_a_file_sent_again_is_not_read_again(store: HistoryStore) -> None:
    c = store.create_conversation("Again").id
    first = store.add_message(c, role="user", content="look", attachments=[CHART])
    (kept,) = store.attachments(c)[first.id]

    def unread() -> bytes:
        raise AssertionError("the bytes are in the history already")

    again = Attachment(kept.name, kept.mime_type, StoredBytes(kept.size, unread), None, kept.sha256)
    second = store.add_message(c, role="user", content="and again", attachments=[again])
    assert store.attachments(c)[second.id] == (CHART,)
    assert count(store, "SELECT count(*) FROM attachment_data") == 1


def test_the_same_bytes_are_kept_once_and_go_with_the_last_message_naming_them(
    store: HistoryStore,
) -> None:
    one = store.create_conversation("One").id
    two = store.create_conversation("Two").id
    store.add_message(one, role="user", content="first", attachments=[CHART, CHART])
    store.add_message(two, role="user", content="again", attachments=[CHART, NOTES])
    assert count(store, "SELECT count(*) FROM attachment_data") == 2
    assert count(store, "SELECT count(*) FROM attachments") == 4

    store.delete(one)  # the trash keeps it, bytes and all
    assert store.purge_deleted(timedelta(0)) == 1
    assert count(store, "SELECT count(*) FROM attachment_data") == 2  # still named by "Two"
    assert store.attachments(two)[store.messages(two)[0].id] == (CHART, NOTES)

    store.delete_messages_from(store.messages(two)[0].id)
    assert count(store, "SELECT count(*) FROM attachments") == 0
    assert count(store, "SELECT count(*) FROM attachment_data") == 0


def test_purging_files_leaves_the_ledger_as_it_was(store: HistoryStore) -> None:
    c = store.create_conversation("Paid").id
    store.add_message(c, role="user", content="what is this?", attachments=[CHART])
    answer = store.add_message(
        c, role="assistant", content="a chart", model="m", cost_usd=Decimal("0.0123")
    )
    bill(store, LedgerEntry(answer.id, c, "p", "m", answer.created_at, StoredUsage(900, 5), None))
    before = count(store, "SELECT count(*) FROM ledger")
    store.delete(c)
    store.purge_deleted(timedelta(0))
    assert count(store, "SELECT count(*) FROM attachment_data") == 0
    assert count(store, "SELECT count(*) FROM ledger") == before == 1


def test_a_branch_carries_the_files_of_the_path_it_copies(store: HistoryStore) -> None:
    c = store.create_conversation("Origin").id
    store.add_message(c, role="user", content="see", attachments=[CHART, PAPER])
    answer = store.add_message(c, role="assistant", content="seen")
    branch = store.branch(c, answer.id, "Branch")
    question = store.messages(branch.id)[0]
    assert store.attachments(branch.id) == {question.id: (CHART, PAPER)}
    assert count(store, "SELECT count(*) FROM attachment_data") == 2  # the same bytes
    store.delete(c)
    store.purge_deleted(timedelta(0))
    assert store.attachments(branch.id) == {question.id: (CHART, PAPER)}


def test_a_file_name_finds_its_message(store: HistoryStore) -> None:
    c = store.create_conversation("Charts").id
    shown = store.add_message(c, role="user", content="what is this?", attachments=[CHART])
    store.add_message(c, role="assistant", content="nothing about files")
    other = store.add_message(c, role="user", content="the chart again, in words")
    (hit,) = store.search("chart.png")
    assert (hit.message_id, hit.snippet) == (shown.id, "[[chart.png]]")
    # A term in a name or in a text finds either, the newest first; each message once.
    assert [h.message_id for h in store.search("chart")] == [other.id, shown.id]
    assert [h.message_id for h in store.search("CHART png")] == [shown.id]
    assert store.search("chart.pdf") == []
    # Each term in a name or in the text, one of them at least in a name.
    both = store.add_message(c, role="user", content="the sums for March", attachments=[PAPER])
    (hit,) = store.search("paper march")
    assert (hit.message_id, hit.snippet) == (both.id, "[[paper]].pdf")
    assert store.search("paper april") == []
    (hit,) = store.search("sums march")  # the text alone, as before
    assert (hit.message_id, hit.snippet) == (both.id, "the [[sums]] for [[March]]")
    two = store.add_message(c, role="user", content="see", attachments=[CHART, NOTES])
    assert [h.message_id for h in store.search("notes chart.png")] == [two.id]
    assert store.search("%") == []
    assert store.search("_") == []
    store.delete(c)
    assert store.search("chart.png") == []


def test_a_file_name_is_found_without_fts5_too(tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "plain.sqlite3", fts=False) as plain:
        c = plain.create_conversation("Plain").id
        shown = plain.add_message(c, role="user", content="x", attachments=[PAPER])
        assert [h.message_id for h in plain.search("paper")] == [shown.id]


def test_a_history_from_before_attachments_is_upgraded_and_keeps_its_messages(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    before = MIGRATIONS[: [step.name for step in MIGRATIONS].index("010_attachments")]
    assert before[-1].name == "009_message_tree"
    with HistoryStore(path, migrations=before) as old:
        c = old.create_conversation("Old").id
        old.add_message(c, role="user", content="from version 009")
        assert old.attachments(c) == {}
        assert old.search("chart") == []
    with HistoryStore(path) as store:
        assert [m.content for m in store.messages(c)] == ["from version 009"]
        assert store.attachments(c) == {}
        added = store.add_message(c, role="user", content="now with a file", attachments=[CHART])
        assert store.attachments(c) == {added.id: (CHART,)}
        assert [h.message_id for h in store.search("chart")] == [added.id]
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        raw.close()
