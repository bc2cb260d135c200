"""Messages as a tree: parents, versions, the path a conversation shows, branches, and the step
that made a line of every conversation written before."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.core.events import Usage
from desktop_app.core.history.ledger_rows import LedgerEntry, bill
from desktop_app.core.history.migrations import MIGRATIONS
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.history.tree import path_to

_BEFORE = MIGRATIONS[: [step.name for step in MIGRATIONS].index("009_message_tree")]


def _texts(store: HistoryStore, conversation_id: str) -> list[str]:
    records = store.messages(conversation_id)
    return [m.content for m in path_to(records, store.current_message(conversation_id))]


def test_the_step_makes_a_line_of_each_conversation_and_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with HistoryStore(path, migrations=_BEFORE) as old:  # today's schema before the step
        first = old.create_conversation("First").id
        second = old.create_conversation("Second").id
        for n in range(3):  # the two conversations' messages interleave in the table
            old.add_message(first, role="user", content=f"first {n}")
            old.add_message(second, role="user", content=f"second {n}")
        old.add_message(first, role="assistant", content="answer", cost_usd=Decimal("0.002"))
        before = {c: old.messages(c) for c in (first, second)}
    with HistoryStore(path) as store:
        for conversation_id, records in before.items():
            now = store.messages(conversation_id)
            assert [m.content for m in now] == [m.content for m in records]
            assert now[0].parent_id is None
            assert [m.parent_id for m in now[1:]] == [m.id for m in now[:-1]]
            assert store.current_message(conversation_id) == now[-1].id
        assert _texts(store, first) == ["first 0", "first 1", "first 2", "answer"]
        assert store.messages(first)[-1].cost_usd == Decimal("0.002")
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    raw.close()


def test_versions_share_a_parent_and_the_path_follows_the_current_one(tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "h.sqlite3") as store:
        c = store.create_conversation("Tree").id
        question = store.add_message(c, role="user", content="Q")
        cheap = store.add_message(c, role="assistant", content="cheap", model="deepseek-chat")
        follow = store.add_message(c, role="user", content="more?")
        strong = store.add_message(
            c, role="assistant", content="strong", model="gpt-4.1", parent_id=question.id
        )
        assert strong.parent_id == question.id == cheap.parent_id
        assert follow.parent_id == cheap.id
        assert _texts(store, c) == ["Q", "strong"], "a new version is shown"
        store.set_current(c, follow.id)
        assert _texts(store, c) == ["Q", "cheap", "more?"]
        after = store.add_message(c, role="assistant", content="answer to more")
        assert after.parent_id == follow.id, "by default a message follows the current one"
        hidden = store.add_message(
            c, role="assistant", content="third", parent_id=question.id, current=False
        )
        assert hidden.parent_id == question.id
        assert _texts(store, c) == ["Q", "cheap", "more?", "answer to more"]
        assert len(store.messages(c)) == 6, "every version is kept"
        other = store.create_conversation("Other").id
        with pytest.raises(KeyError):
            store.set_current(other, follow.id)  # not a message of that conversation


def test_a_branch_copies_the_path_up_to_a_message_and_bills_nothing_again(
    tmp_path: Path,
) -> None:
    with HistoryStore(tmp_path / "h.sqlite3") as store:
        c = store.create_conversation("Plans").id
        q = store.add_message(c, role="user", content="Q")
        usage = Usage(100, 50, source="reported")
        a = store.add_message(
            c, role="assistant", content="A", usage=usage, cost_usd=Decimal("0.01"), model="m"
        )
        bill(store, LedgerEntry(a.id, c, None, "m", a.created_at, usage, Decimal("0.01")))
        store.add_message(c, role="user", content="later")
        branch = store.branch(c, a.id, "Plans (branch)")
        assert branch.branched_from == c
        assert store.conversation(branch.id) == branch
        copied = store.messages(branch.id)
        assert [m.content for m in copied] == ["Q", "A"]
        assert copied[0].parent_id is None
        assert copied[1].parent_id == copied[0].id
        assert copied[1].cost_usd == Decimal("0.01")
        assert copied[1].usage == usage
        assert {m.id for m in copied}.isdisjoint({q.id, a.id})
        assert _texts(store, c) == ["Q", "A", "later"], "the original is left as it was"
        with store.reading() as conn:
            (billed,) = conn.execute("SELECT count(*) FROM ledger").fetchone()
        assert billed == 1, "a branch is not money spent again"
        with pytest.raises(KeyError):
            store.branch(c, 10_000, "nothing")


def test_the_last_model_is_the_newest_answer_of_the_path_shown(tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "h.sqlite3") as store:
        c = store.create_conversation("Models").id
        question = store.add_message(c, role="user", content="Q")
        cheap = store.add_message(c, role="assistant", content="a", provider="p", model="cheap")
        follow = store.add_message(c, role="user", content="more")
        store.add_message(
            c, role="assistant", content="b", provider="p", model="strong", parent_id=question.id
        )
        summary = store.conversation(c)
        assert summary is not None
        assert summary.last_model == "strong"
        store.set_current(c, follow.id)  # the other version, and what followed it
        summary = store.conversation(c)
        assert summary is not None
        assert (summary.last_provider, summary.last_model) == ("p", "cheap")
        assert cheap.model == "cheap"


def test_a_branch_from_a_question_goes_on_with_the_model_above_it(tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "h.sqlite3") as store:
        c = store.create_conversation("Q").id
        store.add_message(c, role="user", content="Q1")
        store.add_message(c, role="assistant", content="A1", provider="p", model="gpt-4.1")
        question = store.add_message(c, role="user", content="Q2")
        branch = store.branch(c, question.id, "Q (branch)")
        assert (branch.last_provider, branch.last_model) == ("p", "gpt-4.1")


def test_deleting_later_messages_leaves_other_conversations_paths_alone(tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "h.sqlite3") as store:
        one = store.create_conversation("one").id
        q = store.add_message(one, role="user", content="q")
        two = store.create_conversation("two").id
        store.add_message(two, role="user", content="y1")
        y2 = store.add_message(two, role="user", content="y2", parent_id=None, current=False)
        current_before = store.current_message(two)
        store.delete_messages_from(q.id)
        assert store.messages(one) == []
        assert store.current_message(two) == current_before != y2.id
