"""The recorder writes conversations through to the store as they happen, and survives kill -9."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Awaitable, Callable
from decimal import Decimal
from pathlib import Path

from desktop_app.core.chat import make_client
from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.core.history.recorder import WRITE_INTERVAL, HistoryRecorder, open_conversation
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.money.ledger import Ledger
from desktop_app.core.session import ChatSession
from desktop_app.core.settings.providers_file import ModelPrice, Provider
from desktop_app.simulator import Simulator
from tests.support.streams.chat_helpers import FAST_RETRY, sim_provider

PRICE = ModelPrice(Decimal("0.27"), Decimal("0.42"))


def priced(store: HistoryStore) -> Ledger:
    """The money rules, with the simulator's sim-normal at PRICE and its other models unpriced."""
    simulator = Provider(
        "sim", "Simulator", "openai", "http://127.0.0.1:9", prices={"sim-normal": PRICE}
    )
    return Ledger(store, [simulator])


def chat(
    simulator: Simulator,
    store: HistoryStore,
    body: Callable[[ChatSession, Provider], Awaitable[None]],
    conversation: Conversation | None = None,
    recorder: HistoryRecorder | None = None,
) -> HistoryRecorder:
    conversation = conversation or Conversation()
    recorder = recorder or HistoryRecorder(store, conversation, priced(store))

    async def main() -> None:
        async with make_client() as client:
            session = ChatSession(
                conversation, client, lambda _: simulator.api_key, retry=FAST_RETRY
            )
            await body(session, sim_provider(simulator))

    asyncio.run(main())
    return recorder


def test_a_conversation_is_saved_as_it_happens(simulator: Simulator, store: HistoryStore) -> None:
    async def body(session: ChatSession, provider: Provider) -> None:
        await session.send(provider, "sim-normal", "What is SSE?\nAnd why?")

    recorder = chat(simulator, store, body)
    assert recorder.conversation_id is not None
    summary = store.conversation(recorder.conversation_id)
    assert summary is not None
    assert summary.title == "What is SSE?"
    assert summary.last_model == "sim-normal"
    question, answer = store.messages(recorder.conversation_id)
    assert (question.role, question.content, question.status) == (
        "user",
        "What is SSE?\nAnd why?",
        "complete",
    )
    assert answer.role == "assistant"
    assert answer.status == "complete"
    assert answer.content.startswith("## Simulated answer")
    assert (answer.provider, answer.provider_name) == ("sim", "Simulator")  # id, name then
    assert summary.last_provider == "sim"
    assert answer.usage is not None
    assert answer.usage.source == "reported"
    assert (
        answer.cost_usd
        == (answer.usage.input_tokens * PRICE.input + answer.usage.output_tokens * PRICE.output)
        / 1_000_000
    )
    assert answer.first_token_seconds is not None
    assert answer.duration_seconds is not None


def test_unknown_price_is_stored_as_null_and_a_failure_keeps_its_text(
    simulator: Simulator, store: HistoryStore
) -> None:
    async def body(session: ChatSession, provider: Provider) -> None:
        await session.send(provider, "sim-echo", "hi")
        await session.send(provider, "sim-drop", "again")
        await session.send(provider, "sim-error-402", "once more")

    recorder = chat(simulator, store, body)
    assert recorder.conversation_id is not None
    messages = store.messages(recorder.conversation_id)
    echoed, dropped, failed = messages[1], messages[3], messages[5]
    assert echoed.cost_usd is None  # price unknown: null, never 0
    assert echoed.usage is not None
    assert dropped.status == "partial"
    assert dropped.content
    assert dropped.error is not None
    assert "dropped" in dropped.error
    assert dropped.usage is not None
    assert dropped.usage.source == "estimated"  # the stream ended before usage came
    assert failed.status == "error"
    assert failed.content == ""
    assert failed.usage is None


def test_regenerate_edit_and_compare_keep_every_version_billed_once(
    simulator: Simulator, store: HistoryStore
) -> None:
    async def body(session: ChatSession, provider: Provider) -> None:
        await session.send(provider, "sim-echo", "helo")
        await session.regenerate(provider, "sim-normal")
        await session.edit_last("hello", provider, "sim-echo")
        await asyncio.gather(*session.compare([(provider, "sim-normal")] * 2, "again"))

    conversation = Conversation()
    recorder = chat(simulator, store, body, conversation)
    conversation_id = recorder.conversation_id
    assert conversation_id is not None
    stored = {m.id: m for m in store.messages(conversation_id)}
    assert len(stored) == 8, "every question and answer stays"
    helo, echo, normal, hello, echo2, again, first, second = stored.values()
    assert (helo.content, hello.content, again.content) == ("helo", "hello", "again")
    assert helo.parent_id is None, "an edit is a version of the question"
    assert hello.parent_id is None
    assert echo.parent_id == helo.id == normal.parent_id, "a regeneration is a version"
    assert first.parent_id == second.parent_id == again.id, "compared answers are versions"
    assert again.parent_id == echo2.id
    assert [m.content for m in conversation.messages] == ["hello", "You said: hello", "again"]
    assert conversation.versions(conversation.messages[0])[0].content == "helo"
    with store.reading() as conn:
        rows = conn.execute(
            "SELECT message_id, cost_usd FROM ledger ORDER BY message_id"
        ).fetchall()
    assert [row[0] for row in rows] == [echo.id, normal.id, echo2.id, first.id, second.id]
    priced_costs = [Decimal(cost) for _, cost in rows if cost is not None]
    assert len(priced_costs) == 3, "the three sim-normal answers, each once"
    assert all(cost > 0 for cost in priced_costs)


def test_reopened_conversation_continues_in_place(
    simulator: Simulator, store: HistoryStore
) -> None:
    async def first(session: ChatSession, provider: Provider) -> None:
        await session.send(provider, "sim-echo", "one")

    recorder = chat(simulator, store, first)
    assert recorder.conversation_id is not None
    conversation = Conversation()
    reopened = open_conversation(store, conversation, recorder.conversation_id, priced(store))
    assert [m.content for m in conversation.messages] == ["one", "You said: one"]
    assert conversation.messages[1].usage is not None

    async def second(session: ChatSession, provider: Provider) -> None:
        await session.send(provider, "sim-echo", "two")

    chat(simulator, store, second, conversation, reopened)
    assert [m.content for m in store.messages(recorder.conversation_id)] == [
        "one",
        "You said: one",
        "two",
        "You said: two",
    ]
    sent = simulator.requests[-1].body
    assert sent is not None
    assert [m["content"] for m in sent["messages"]] == ["one", "You said: one", "two"]
    assert len(store.conversations()) == 1


def test_a_streaming_answer_is_written_at_least_once_a_second(store: HistoryStore) -> None:
    now = [0.0]
    conversation = Conversation()
    recorder = HistoryRecorder(store, conversation, priced(store), clock=lambda: now[0])
    conversation.add(ChatMessage("user", "q"))
    answer = conversation.add(ChatMessage("assistant", model="m", status="streaming"))
    assert recorder.conversation_id is not None
    writes = []
    original = store.update_message

    def counting(row: int, **fields: object) -> None:
        writes.append(fields)
        original(row, **fields)  # type: ignore[arg-type]

    store.update_message = counting  # type: ignore[method-assign,assignment]
    for step in range(40):  # 40 deltas over 4 seconds, 0.1 s apart
        now[0] = step * 0.1
        answer.append_text(f"{step} ")
        conversation.changed(answer)
    assert 3 <= len(writes) <= 4 / WRITE_INTERVAL + 1
    stored = store.messages(recorder.conversation_id)[1]
    assert stored.status == "streaming"
    assert stored.content.startswith("0 1 2")


def test_titles_are_the_first_line_shortened(store: HistoryStore) -> None:
    conversation = Conversation()
    recorder = HistoryRecorder(store, conversation, priced(store))
    conversation.add(ChatMessage("user", "\n  " + "word " * 40))
    assert recorder.conversation_id is not None
    summary = store.conversation(recorder.conversation_id)
    assert summary is not None
    assert summary.title.endswith("…")
    assert len(summary.title) <= 60


def test_kill_9_while_streaming_keeps_the_answer_so_far(
    simulator: Simulator, data_dir: Path, tmp_path: Path
) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "providers.toml").write_text(
        f'[[provider]]\nid = "sim"\nname = "Simulator"\nbase_url = "{simulator.base_url}"\n'
        'api_key_env = "SIM_KEY"\nmodels = ["sim-slow"]\n'
    )
    assert simulator.api_key is not None
    env = {**os.environ, "SIM_KEY": simulator.api_key, "TALLY_DATA_DIR": str(data_dir)}
    child = subprocess.Popen(
        [sys.executable, "-m", "desktop_app", "ask", "Tell me a long story"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert child.stdout is not None
    seen = b""
    # sim-slow sends a piece every 0.05 s: wait for more than a second of answer, so that
    # at least one write has happened, then kill without warning.
    while len(seen) < 120:
        piece = os.read(child.stdout.fileno(), 4096)
        assert piece, child.stderr.read().decode() if child.stderr else "no output"
        seen += piece
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    child.stdout.close()
    if child.stderr:
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL

    database = data_dir / "history.sqlite3"
    with sqlite3.connect(database) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    raw.close()
    history = HistoryStore(database)
    try:
        assert history.mark_interrupted() == 1
        (summary,) = history.conversations()
        question, answer = history.messages(summary.id)
        assert question.content == "Tell me a long story"
        assert answer.status == "partial"
        assert answer.content  # what had been written before the kill
        assert seen.decode().startswith(answer.content)  # no more than what was shown
    finally:
        history.close()


def test_a_reopened_conversation_has_every_version_and_the_path_it_showed(
    store: HistoryStore,
) -> None:
    c = store.create_conversation("Versions").id
    question = store.add_message(c, role="user", content="Q")
    store.add_message(c, role="assistant", content="cheap")
    store.add_message(c, role="user", content="follow-up")
    strong = store.add_message(c, role="assistant", content="strong", parent_id=question.id)
    conversation = Conversation()
    recorder = open_conversation(store, conversation, c, priced(store))
    assert [m.content for m in conversation.messages] == ["Q", "strong"]
    cheap, shown = conversation.versions(conversation.messages[1])
    assert cheap.content == "cheap"
    conversation.show(cheap)  # the user moves to the other version: the store follows
    assert [m.content for m in conversation.messages] == ["Q", "cheap", "follow-up"]
    assert store.current_message(c) == recorder.stored_ids[conversation.messages[-1].id]
    again = Conversation()
    open_conversation(store, again, c, priced(store))
    assert [m.content for m in again.messages] == ["Q", "cheap", "follow-up"]
    assert shown.content == "strong"
    assert recorder.stored_ids[shown.id] == strong.id


def test_answers_compared_but_not_chosen_reopen_on_the_first_with_text(
    store: HistoryStore,
) -> None:
    c = store.create_conversation("Compared").id
    question = store.add_message(c, role="user", content="Q")
    for content in ("", "b", "c"):  # the first failed before any text
        store.add_message(
            c, role="assistant", content=content, parent_id=question.id, current=False
        )
    conversation = Conversation()
    open_conversation(store, conversation, c, priced(store))
    assert [m.content for m in conversation.messages] == ["Q", "b"], "as the window goes on"
    assert [m.content for m in conversation.versions(conversation.messages[1])] == ["", "b", "c"]


def test_a_loop_of_parents_in_a_damaged_file_opens_as_far_as_it_can(store: HistoryStore) -> None:
    c = store.create_conversation("Damaged").id
    first = store.add_message(c, role="user", content="Q")
    second = store.add_message(c, role="assistant", content="A")
    with store.writing() as conn:  # each names the other as its parent
        conn.execute("UPDATE messages SET parent_id = ? WHERE id = ?", (second.id, first.id))
    conversation = Conversation()
    open_conversation(store, conversation, c, priced(store))
    assert [m.content for m in conversation.messages] == ["Q", "A"]
