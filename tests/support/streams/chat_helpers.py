"""Helpers for tests that stream from the simulator through the real chat core."""

from __future__ import annotations

import asyncio
from contextlib import aclosing, closing
from dataclasses import dataclass, field
from typing import TypeVar

from desktop_app.core.chat import RetryPolicy, make_client, stream_chat
from desktop_app.core.chat_blocking import stream_chat_blocking
from desktop_app.core.errors import ProviderError
from desktop_app.core.events import ChatEvent, ReasoningDelta, TextDelta, Usage
from desktop_app.core.network.blocking_clients import BlockingClientPool
from desktop_app.core.providers.base import ChatRequest, Message
from desktop_app.core.settings.providers_file import Provider, Timeouts
from desktop_app.simulator import Simulator

E = TypeVar("E")

FAST_RETRY = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05, max_wait=5)


def sim_provider(sim: Simulator, **timeouts: float) -> Provider:
    """A provider pointing at the simulator, with short timeouts where a test asks."""
    return Provider(
        id="sim",
        name="Simulator",
        kind="openai",
        base_url=sim.base_url,
        timeouts=Timeouts(**timeouts),
    )


def ask(model: str, prompt: str = "Hello", **extra: object) -> ChatRequest:
    """A one-message request."""
    return ChatRequest(model=model, messages=(Message("user", prompt),), **extra)  # type: ignore[arg-type]


@dataclass
class Outcome:
    """Everything one streamed reply produced."""

    events: list[ChatEvent] = field(default_factory=list)
    error: ProviderError | None = None

    @property
    def text(self) -> str:
        return "".join(e.text for e in self.events if isinstance(e, TextDelta))

    @property
    def reasoning(self) -> str:
        return "".join(e.text for e in self.events if isinstance(e, ReasoningDelta))

    @property
    def usage(self) -> Usage | None:
        found = [e for e in self.events if isinstance(e, Usage)]
        return found[-1] if found else None

    def of(self, kind: type[E]) -> list[E]:
        return [e for e in self.events if isinstance(e, kind)]


async def collect_async(
    provider: Provider,
    key: str | None,
    chat: ChatRequest,
    retry: RetryPolicy = FAST_RETRY,
) -> Outcome:
    """Stream one reply to the end, keeping the error rather than raising it."""
    outcome = Outcome()
    async with make_client() as client:
        try:
            async with aclosing(stream_chat(client, provider, key, chat, retry=retry)) as events:
                async for event in events:
                    outcome.events.append(event)
        except ProviderError as exc:
            outcome.error = exc
    return outcome


def collect(
    provider: Provider, key: str | None, chat: ChatRequest, retry: RetryPolicy = FAST_RETRY
) -> Outcome:
    """`collect_async` on a fresh event loop."""
    return asyncio.run(collect_async(provider, key, chat, retry))


def collect_blocking(
    provider: Provider, key: str | None, chat: ChatRequest, retry: RetryPolicy = FAST_RETRY
) -> Outcome:
    """`collect`, through the blocking chat (`tally ask`'s): no event loop, no retry sleeps."""
    outcome = Outcome()
    with BlockingClientPool() as clients:
        stream = stream_chat_blocking(
            clients, provider, key, chat, retry=retry, sleep=lambda seconds: None
        )
        try:
            with closing(stream) as events:
                for event in events:
                    outcome.events.append(event)
        except ProviderError as exc:
            outcome.error = exc
    return outcome
