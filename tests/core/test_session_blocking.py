"""BlockingChatSession (`tally ask`'s): the same answer, failures and notes as ChatSession, in the
calling thread; Ctrl+C keeps what arrived, marked cancelled, and closes the connection."""

from __future__ import annotations

import pytest

from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.core.errors import MissingKeyError, ProviderError
from desktop_app.core.network.blocking_clients import BlockingClientPool
from desktop_app.core.parameters import Parameters
from desktop_app.core.session_blocking import BlockingChatSession
from desktop_app.core.settings.providers_file import Provider
from desktop_app.simulator import Simulator
from desktop_app.simulator.hostile_scenarios import HELD_START
from tests.support.streams.chat_helpers import FAST_RETRY, sim_provider
from tests.support.streams.session_recorder import Recorder


def send(
    simulator: Simulator, model: str, key: str | None, conversation: Conversation | None = None
) -> tuple[Conversation, Recorder]:
    conversation = conversation or Conversation()
    recorder = Recorder()
    conversation.subscribe(recorder)

    def key_for(_: Provider) -> str | None:
        if key is None:
            raise MissingKeyError("No API key for Simulator: add it in Settings.")
        return key

    with BlockingClientPool() as clients:
        session = BlockingChatSession(conversation, clients, key_for, retry=FAST_RETRY)
        session.parameters = Parameters(system="Be brief")
        session.listeners.append(recorder)
        session.send(sim_provider(simulator), model, "Why?")
    return conversation, recorder


def test_send_streams_the_answer_into_the_conversation(simulator: Simulator) -> None:
    conversation, recorder = send(simulator, "sim-reasoning", simulator.api_key)
    question, answer = conversation.messages
    assert (question.role, question.content) == ("user", "Why?")
    assert (answer.role, answer.status, answer.model) == ("assistant", "complete", "sim-reasoning")
    assert answer.content.startswith("##")
    assert answer.reasoning
    assert answer.usage is not None
    assert answer.finish_reason == "stop"
    assert answer.first_token_seconds is not None
    assert answer.duration_seconds is not None
    assert recorder.started == [answer]
    assert recorder.finished == [(answer, None)]
    assert recorder.changes > 3
    body = simulator.requests[0].body
    assert body is not None
    assert body["messages"][0] == {"role": "system", "content": "Be brief"}


def test_the_context_goes_with_the_next_question(simulator: Simulator) -> None:
    earlier = Conversation([ChatMessage("user", "first"), ChatMessage("assistant", "an answer")])
    send(simulator, "sim-echo", simulator.api_key, earlier)
    body = simulator.requests[0].body
    assert body is not None
    assert [m["content"] for m in body["messages"]] == ["Be brief", "first", "an answer", "Why?"]


def test_failure_keeps_partial_text_and_reports_the_error(simulator: Simulator) -> None:
    conversation, recorder = send(simulator, "sim-drop", simulator.api_key)
    answer = conversation.messages[-1]
    assert answer.status == "partial"
    assert answer.content
    ((message, error),) = recorder.finished
    assert message is answer
    assert isinstance(error, ProviderError)
    assert answer.error == str(error)


def test_a_missing_key_is_reported_like_any_failure(simulator: Simulator) -> None:
    conversation, recorder = send(simulator, "sim-normal", None)
    answer = conversation.messages[-1]
    assert (answer.status, answer.content) == ("error", "")
    assert isinstance(recorder.finished[0][1], MissingKeyError)
    assert simulator.requests == []


def test_queued_and_retrying_replies_say_so(simulator: Simulator) -> None:
    _, recorder = send(simulator, "sim-keepalive", simulator.api_key)
    assert recorder.waiting == ["Simulator has queued the request; waiting…"] * 5
    simulator.reset()
    conversation, recorder = send(simulator, "sim-flaky-503-1", simulator.api_key)
    assert conversation.messages[-1].status == "complete"
    assert len(recorder.waiting) == 1
    # FAST_RETRY waits some hundredths of a second: "now", not "in 0 s".
    assert recorder.waiting[0].endswith("; retrying now…"), recorder.waiting[0]


class _Interrupt:
    """Presses Ctrl+C once the answer has some text (a listener of the conversation)."""

    def message_added(self, message: ChatMessage) -> None:
        pass

    def version_added(self, message: ChatMessage) -> None:
        pass

    def message_changed(self, message: ChatMessage) -> None:
        if message.role == "assistant" and message.status == "streaming" and message.content:
            raise KeyboardInterrupt

    def messages_reset(self) -> None:
        pass


def test_ctrl_c_keeps_the_partial_answer_marked_cancelled(simulator: Simulator) -> None:
    conversation = Conversation()
    conversation.subscribe(_Interrupt())
    with pytest.raises(KeyboardInterrupt):
        send(simulator, "sim-slow", simulator.api_key, conversation)
    answer = conversation.messages[-1]
    assert answer.status == "cancelled"
    assert answer.content
    assert answer.duration_seconds is not None
    assert simulator.wait_for_disconnect(timeout=5)


class _InterruptOnce(_Interrupt):
    """Ctrl+C once, as a terminal sends it."""

    pressed = False

    def message_changed(self, message: ChatMessage) -> None:
        if not self.pressed:
            self.pressed = True
            super().message_changed(message)
            self.pressed = message.role == "assistant" and bool(message.content)


def test_ctrl_c_keeps_an_end_held_back_as_a_possible_start_of_the_key(
    simulator: Simulator,
) -> None:
    conversation = Conversation()
    conversation.subscribe(_InterruptOnce())
    with pytest.raises(KeyboardInterrupt):
        send(simulator, "sim-hang-at-key-start", simulator.api_key, conversation)
    answer = conversation.messages[-1]
    assert (answer.status, answer.content) == ("cancelled", HELD_START)
    assert answer.reasoning == "Thinking about this"
