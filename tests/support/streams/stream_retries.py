"""What the tests of an error inside a 200 stream share, whatever the wire protocol: replies
through the chat core and the chat session, retried and completed, or cut with the part kept."""

from __future__ import annotations

import asyncio

from desktop_app.core.chat import make_client
from desktop_app.core.conversation import Conversation
from desktop_app.core.errors import StreamErrorEvent
from desktop_app.core.events import Finish, Retrying
from desktop_app.core.session import ChatSession
from desktop_app.core.settings.providers_file import Provider
from desktop_app.simulator import Simulator
from desktop_app.simulator.answer_texts import NORMAL_ANSWER
from tests.support.streams.chat_helpers import FAST_RETRY, Outcome
from tests.support.streams.session_recorder import Recorder


def assert_retried_then_answered(
    simulator: Simulator, outcome: Outcome, failures: int
) -> list[Retrying]:
    """Check that `failures` attempts were retried with the backoff and the answer then came
    whole; the Retrying events, for their reasons."""
    assert outcome.error is None
    retries = outcome.of(Retrying)
    assert [r.attempt for r in retries] == list(range(1, failures + 1))
    # The backoff of a failed request: base_delay doubling per attempt, give or take 20 %.
    for retry in retries:
        backoff = FAST_RETRY.base_delay * 2 ** (retry.attempt - 1)
        assert 0.8 * backoff <= retry.delay <= 1.2 * backoff
    assert outcome.text == NORMAL_ANSWER
    assert outcome.events[-1] == Finish("stop")
    assert len(simulator.requests) == failures + 1
    return retries


def reply(simulator: Simulator, provider: Provider, model: str) -> tuple[Conversation, Recorder]:
    """One answer through the chat session, as the window and `tally ask` get it."""
    conversation = Conversation()
    recorder = Recorder()

    async def main() -> None:
        async with make_client() as client:
            session = ChatSession(
                conversation, client, lambda _: simulator.api_key, retry=FAST_RETRY
            )
            session.listeners.append(recorder)
            await session.send(provider, model, "Hello")

    asyncio.run(main())
    return conversation, recorder


def session_notes_of_retries(
    simulator: Simulator, provider: Provider, model: str, failures: int
) -> list[str]:
    """Check that the session retried `failures` times and kept only the whole answer; the
    notes it showed meanwhile."""
    conversation, recorder = reply(simulator, provider, model)
    answer = conversation.messages[-1]
    assert answer.status == "complete"
    assert answer.content == NORMAL_ANSWER
    assert answer.error is None
    assert len(recorder.waiting) == failures
    return recorder.waiting


def session_error_after_text(simulator: Simulator, provider: Provider, model: str) -> str:
    """Check that an answer cut by an error after some text keeps that text and is not retried;
    the error the answer shows."""
    conversation, recorder = reply(simulator, provider, model)
    answer = conversation.messages[-1]
    assert answer.status == "partial"
    assert answer.content
    assert NORMAL_ANSWER.startswith(answer.content)
    assert answer.error is not None
    assert "The part received is kept" in answer.error
    assert recorder.waiting == []
    ((message, error),) = recorder.finished
    assert isinstance(error, StreamErrorEvent)
    assert error.partial.text == message.content
    assert len(simulator.requests) == 1
    return answer.error
