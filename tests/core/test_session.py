"""The chat session: sends, streams into the conversation, stops, regenerates and edits."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest

from desktop_app.core.chat import make_client
from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.core.errors import InsufficientBalance, MissingKeyError
from desktop_app.core.parameters import Parameters
from desktop_app.core.session import ChatSession
from desktop_app.core.settings.providers_file import Provider
from desktop_app.simulator import Simulator
from desktop_app.simulator.answer_texts import NORMAL_ANSWER, REASONING_TEXT
from desktop_app.simulator.hostile_scenarios import ECHO_START, HELD_START
from tests.support.streams.chat_helpers import FAST_RETRY, sim_provider
from tests.support.streams.session_recorder import Recorder
from tests.support.waiting import until


def run_session(
    simulator: Simulator,
    body: Callable[[ChatSession, Provider, Recorder], Awaitable[None]],
    key: str | None = "use-simulator-key",
) -> tuple[Conversation, Recorder]:
    conversation = Conversation()
    recorder = Recorder()
    conversation.subscribe(recorder)
    provider = sim_provider(simulator)
    sent_key = simulator.api_key if key == "use-simulator-key" else key

    def key_for(_: Provider) -> str | None:
        if sent_key is None:
            raise MissingKeyError("No API key for Simulator: add it in Settings.")
        return sent_key

    async def main() -> None:
        async with make_client() as client:
            session = ChatSession(conversation, client, key_for, retry=FAST_RETRY)
            session.listeners.append(recorder)
            await body(session, provider, recorder)

    asyncio.run(main())
    return conversation, recorder


def test_send_streams_the_answer_into_the_conversation(simulator: Simulator) -> None:
    async def body(session: ChatSession, provider: Provider, _: Recorder) -> None:
        await session.send(provider, "sim-reasoning", "Why?")

    conversation, recorder = run_session(simulator, body)
    question, answer = conversation.messages
    assert (question.role, question.content, question.status) == ("user", "Why?", "complete")
    assert answer.role == "assistant"
    assert answer.status == "complete"
    assert answer.model == "sim-reasoning"
    assert (answer.provider, answer.provider_name) == ("sim", "Simulator")
    assert answer.content.startswith("##")
    assert answer.reasoning
    assert answer.usage is not None
    assert answer.usage.reasoning_tokens > 0
    assert answer.finish_reason == "stop"
    assert answer.first_token_seconds is not None
    assert answer.duration_seconds is not None
    assert answer.duration_seconds >= answer.first_token_seconds
    assert recorder.changes > 10  # one per delta, at least
    assert recorder.finished == [(answer, None)]


def test_context_carries_the_whole_conversation_to_the_next_model(simulator: Simulator) -> None:
    async def body(session: ChatSession, provider: Provider, _: Recorder) -> None:
        await session.send(provider, "sim-normal", "first")
        session.parameters = Parameters(system="Be brief.")
        await session.send(provider, "sim-echo-params", "second")

    conversation, _ = run_session(simulator, body)
    assert [m.model for m in conversation.messages if m.role == "assistant"] == [
        "sim-normal",
        "sim-echo-params",
    ]
    body_sent = simulator.requests[-1].body
    assert body_sent is not None
    assert [m["role"] for m in body_sent["messages"]] == ["system", "user", "assistant", "user"]
    assert body_sent["model"] == "sim-echo-params"


def test_stop_keeps_the_partial_answer_marked_cancelled(simulator: Simulator) -> None:
    async def body(session: ChatSession, provider: Provider, recorder: Recorder) -> None:
        task = session.send(provider, "sim-slow", "long one")
        await until(lambda: session.conversation.messages[-1].content)
        assert session.busy
        session.stop()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert not session.busy

    conversation, recorder = run_session(simulator, body)
    answer = conversation.messages[-1]
    assert answer.status == "cancelled"
    assert answer.content
    assert recorder.finished == [(answer, None)]
    assert simulator.wait_for_disconnect(timeout=5)


def test_stop_keeps_an_end_held_back_as_a_possible_start_of_the_key(simulator: Simulator) -> None:
    # The last "s" could begin the key ("sk-sim-…"): it waits for the next piece, which never
    # comes; stopped, the answer keeps it all the same, and its reasoning too.
    async def body(session: ChatSession, provider: Provider, _: Recorder) -> None:
        task = session.send(provider, "sim-hang-at-key-start", "go")
        await until(lambda: session.conversation.messages[-1].content)
        assert session.conversation.messages[-1].content == HELD_START[:-1]  # "s" held
        # its "s" held too, until the text began: the reasoning was over then
        assert session.conversation.messages[-1].reasoning == "Thinking about this"
        session.stop()
        with pytest.raises(asyncio.CancelledError):
            await task

    conversation, _ = run_session(simulator, body)
    answer = conversation.messages[-1]
    assert (answer.status, answer.content) == ("cancelled", HELD_START)


def test_a_key_split_across_events_is_hidden_in_the_text_and_the_reasoning(
    simulator: Simulator,
) -> None:
    async def body(session: ChatSession, provider: Provider, _: Recorder) -> None:
        await session.send(provider, "sim-key-echo-answer", "go")

    conversation, _ = run_session(simulator, body)
    answer = conversation.messages[-1]
    assert simulator.api_key is not None
    assert simulator.api_key not in answer.content + answer.reasoning
    assert answer.content.startswith(f"{ECHO_START}: your key is [key hidden], and [key hidden]")
    assert answer.reasoning == "The header said [key hidden]"
    assert answer.status == "complete"


def test_a_placeholder_key_in_the_answer_is_the_answers_own_word(
    simulator: Simulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A local server that asks for no key, given "ollama": the answer that writes it keeps it.
    monkeypatch.setattr(simulator, "api_key", "ollama")

    async def body(session: ChatSession, provider: Provider, _: Recorder) -> None:
        await session.send(provider, "sim-key-echo-answer", "go")

    conversation, _ = run_session(simulator, body)
    answer = conversation.messages[-1]
    assert answer.content.startswith(f"{ECHO_START}: your key is ollama, and OLLAMA;")
    assert answer.reasoning == "The header said ollama"
    assert answer.status == "complete"


def test_reasoning_left_in_the_text_between_think_tags_is_told_apart(simulator: Simulator) -> None:
    # Ollama, LM Studio, llama.cpp and vLLM without a reasoning parser send R1's this way; the
    # simulator's pieces of four characters cut the tags.
    async def body(session: ChatSession, provider: Provider, _: Recorder) -> None:
        await session.send(provider, "sim-think-tags", "go")

    conversation, _ = run_session(simulator, body)
    answer = conversation.messages[-1]
    assert answer.reasoning.strip() == REASONING_TEXT
    assert answer.content == NORMAL_ANSWER
    assert answer.status == "complete"


def test_failure_keeps_partial_text_and_reports_the_error(simulator: Simulator) -> None:
    async def body(session: ChatSession, provider: Provider, _: Recorder) -> None:
        await session.send(provider, "sim-drop", "go")
        await session.send(provider, "sim-error-402", "again")

    conversation, recorder = run_session(simulator, body)
    dropped, failed = conversation.messages[1], conversation.messages[3]
    assert dropped.status == "partial"
    assert dropped.content
    assert dropped.error is not None
    assert "dropped" in dropped.error
    assert failed.status == "error"
    assert failed.content == ""
    assert isinstance(recorder.finished[1][1], InsufficientBalance)
    # The failed, empty answer is not sent as context next time.
    roles = [m.role for m in conversation.context()]
    assert roles == ["user", "assistant", "user"]


def test_missing_key_is_reported_like_any_failure(simulator: Simulator) -> None:
    async def body(session: ChatSession, provider: Provider, _: Recorder) -> None:
        await session.send(provider, "sim-normal", "hi")

    conversation, recorder = run_session(simulator, body, key=None)
    assert conversation.messages[-1].status == "error"
    assert isinstance(recorder.finished[0][1], MissingKeyError)
    assert simulator.requests == []


def test_queued_and_retrying_replies_say_so(simulator: Simulator) -> None:
    async def body(session: ChatSession, provider: Provider, _: Recorder) -> None:
        await session.send(provider, "sim-keepalive", "hi")
        await session.send(provider, "sim-flaky-503-1", "hi")

    _, recorder = run_session(simulator, body)
    assert "Simulator has queued the request; waiting…" in recorder.waiting
    assert any("HTTP 503" in note and "retrying" in note for note in recorder.waiting)


def test_regenerate_replaces_the_last_answer_with_another_model(simulator: Simulator) -> None:
    async def body(session: ChatSession, provider: Provider, _: Recorder) -> None:
        await session.send(provider, "sim-normal", "hi")
        await session.regenerate(provider, "sim-echo")

    conversation, recorder = run_session(simulator, body)
    assert [m.role for m in conversation.messages] == ["user", "assistant"]
    assert conversation.messages[-1].model == "sim-echo"
    assert conversation.messages[-1].content == "You said: hi"
    assert recorder.resets == 1


def test_edit_last_replaces_the_question_and_asks_again(simulator: Simulator) -> None:
    async def body(session: ChatSession, provider: Provider, _: Recorder) -> None:
        await session.send(provider, "sim-echo", "helo")
        await session.edit_last("hello", provider, "sim-echo")

    conversation, _ = run_session(simulator, body)
    assert [m.content for m in conversation.messages] == ["hello", "You said: hello"]


def test_one_reply_at_a_time(simulator: Simulator) -> None:
    async def body(session: ChatSession, provider: Provider, _: Recorder) -> None:
        session.send(provider, "sim-slow", "one")
        with pytest.raises(RuntimeError, match="still streaming"):
            session.send(provider, "sim-normal", "two")
        session.stop()
        await session.wait()

    conversation, _ = run_session(simulator, body)
    assert [m.content for m in conversation.messages if m.role == "user"] == ["one"]


def test_long_answers_append_without_copying_everything() -> None:
    message = ChatMessage("assistant")
    for _ in range(10_000):
        message.append_text("abcd")
    assert len(message._text) == 10_000  # kept as pieces until read
    assert len(message.content) == 40_000
    assert len(message._text) == 1  # joined once, then kept joined
    message.append_text("e")
    assert message.content.endswith("de")
