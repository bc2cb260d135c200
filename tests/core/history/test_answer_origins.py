"""An answer records the routing rule that picked its model and the answer it escalated
(migration 012_routing): the session sends with a rule and escalates, the recorder writes both,
opening a conversation reads them back, the JSON export carries them and an import restores
them; each version is billed once."""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.core.chat import make_client
from desktop_app.core.conversation import Conversation
from desktop_app.core.errors import ConfigError
from desktop_app.core.history.answer_origins import AnswerOrigin, origins_of
from desktop_app.core.history.recorder import HistoryRecorder, open_conversation
from desktop_app.core.history.store import MIGRATIONS, HistoryStore
from desktop_app.core.money.ledger import Ledger
from desktop_app.core.session import ChatSession
from desktop_app.core.settings.providers_file import ModelPrice, Provider
from desktop_app.core.transfer.export import export_json, write_json
from desktop_app.core.transfer.importer import import_file
from desktop_app.simulator import Simulator
from tests.support.streams.chat_helpers import FAST_RETRY, sim_provider

_BEFORE = MIGRATIONS[: [step.name for step in MIGRATIONS].index("012_routing")]


def billing(store: HistoryStore) -> Ledger:
    priced = Provider(
        "sim",
        "Simulator",
        "openai",
        "http://127.0.0.1:9",
        prices={
            "sim-normal": ModelPrice(Decimal("0.27"), Decimal("0.42")),
            "sim-reasoning": ModelPrice(Decimal("3"), Decimal("15")),
        },
    )
    return Ledger(store, [priced])


def routed_then_escalated(simulator: Simulator, store: HistoryStore) -> str:
    """A question routed by the rule "Everything else" to sim-normal, whose answer is then
    escalated to sim-reasoning; returns the conversation's id."""
    conversation = Conversation()
    recorder = HistoryRecorder(store, conversation, billing(store))

    async def main() -> None:
        async with make_client() as client:
            session = ChatSession(
                conversation, client, lambda _: simulator.api_key, retry=FAST_RETRY
            )
            provider = sim_provider(simulator)
            await session.send(
                provider, "sim-normal", "Why is the sky blue?", rule="Everything else"
            )
            first = conversation.messages[-1]
            await session.escalate(first, provider, "sim-reasoning")
            stronger = conversation.messages[-1]
            assert stronger is not first
            assert stronger.escalated_from is first
            assert stronger.rule is None
            assert conversation.versions(stronger) == [first, stronger]

    asyncio.run(main())
    assert recorder.conversation_id is not None
    return recorder.conversation_id


def test_the_rule_and_the_escalation_are_recorded_and_read_back(
    simulator: Simulator, store: HistoryStore
) -> None:
    conversation_id = routed_then_escalated(simulator, store)
    question, first, stronger = store.messages(conversation_id)
    assert first.parent_id == stronger.parent_id == question.id
    assert origins_of(store, conversation_id) == {
        first.id: AnswerOrigin("Everything else", None),
        stronger.id: AnswerOrigin(None, first.id),
    }
    opened = Conversation()
    open_conversation(store, opened, conversation_id, billing(store))
    shown = opened.messages[-1]
    assert shown.model == "sim-reasoning"
    assert shown.escalated_from is not None
    assert shown.escalated_from.rule == "Everything else"
    assert shown.escalated_from.model == "sim-normal"


def test_a_branch_keeps_the_rule_of_the_answers_it_copies_but_not_what_they_escalated(
    simulator: Simulator, store: HistoryStore
) -> None:
    conversation_id = routed_then_escalated(simulator, store)
    _, first, stronger = store.messages(conversation_id)
    routed = store.branch(conversation_id, first.id, "From the routed answer")
    _, routed_copy = store.messages(routed.id)
    assert origins_of(store, routed.id) == {routed_copy.id: AnswerOrigin("Everything else")}
    escalated = store.branch(conversation_id, stronger.id, "From the stronger answer")
    assert [m.model for m in store.messages(escalated.id)] == [None, "sim-reasoning"]
    assert origins_of(store, escalated.id) == {}  # the answer it escalated stays behind
    assert origins_of(store, conversation_id) == {
        first.id: AnswerOrigin("Everything else", None),
        stronger.id: AnswerOrigin(None, first.id),
    }


def test_each_version_is_billed_once(simulator: Simulator, store: HistoryStore) -> None:
    conversation_id = routed_then_escalated(simulator, store)
    _, first, stronger = store.messages(conversation_id)
    with store.reading() as conn:
        billed = conn.execute(
            "SELECT message_id, model, cost_usd FROM ledger ORDER BY message_id"
        ).fetchall()
    assert [(row[0], row[1]) for row in billed] == [
        (first.id, "sim-normal"),
        (stronger.id, "sim-reasoning"),
    ]
    assert [Decimal(row[2]) for row in billed] == [first.cost_usd, stronger.cost_usd]
    assert all(Decimal(row[2]) > 0 for row in billed)


def test_the_export_carries_them_and_an_import_restores_them(
    simulator: Simulator, store: HistoryStore, tmp_path: Path
) -> None:
    conversation_id = routed_then_escalated(simulator, store)
    data = export_json(store)
    question, first, stronger = data["conversations"][0]["messages"]
    assert "rule" not in question
    assert (first["rule"], first["escalated_from"]) == ("Everything else", None)
    assert (stronger["rule"], stronger["escalated_from"]) == (None, first["id"])
    path = tmp_path / "export.json"
    write_json(data, path)
    with HistoryStore(tmp_path / "other.sqlite3") as other:
        import_file(other, path)
        _, first_copy, stronger_copy = other.messages(conversation_id)
        assert origins_of(other, conversation_id) == {
            first_copy.id: AnswerOrigin("Everything else", None),
            stronger_copy.id: AnswerOrigin(None, first_copy.id),
        }
    broken = json.loads(path.read_text(encoding="utf-8"))
    broken["conversations"][0]["messages"][1]["escalated_from"] = stronger["id"]
    path.write_text(json.dumps(broken), encoding="utf-8")
    with (
        HistoryStore(tmp_path / "third.sqlite3") as third,
        pytest.raises(ConfigError, match=r"'escalated_from' '\d+' names no message before it"),
    ):
        import_file(third, path)


def test_a_history_from_before_routing_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with HistoryStore(path, migrations=_BEFORE) as old:
        conversation = old.create_conversation("before")
        old.add_message(conversation.id, role="user", content="hi")
        old.add_message(conversation.id, role="assistant", content="hello", model="m")
        assert origins_of(old, conversation.id) == {}
    with HistoryStore(path) as upgraded:
        assert origins_of(upgraded, conversation.id) == {}
        with upgraded.reading() as conn:
            rows = conn.execute("SELECT rule, escalated_from FROM messages").fetchall()
        assert rows == [(None, None), (None, None)]
