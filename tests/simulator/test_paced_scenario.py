"""sim-paced-<ms>: sim-normal's answer with its pieces spread over <ms> milliseconds, the first
one at once, in each of the three wire formats. The schedule is read from the waits the
scenario asks for (asyncio.sleep, replaced), never from a clock."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from desktop_app.simulator import anthropic_scenarios, gemini_scenarios, scenarios
from desktop_app.simulator.answer_texts import NORMAL_ANSWER
from desktop_app.simulator.http_connection import StreamReply
from desktop_app.simulator.scenario_names import RequestContext
from tests.support.servers.simulator_client import chunks_of, content_of, post
from tests.support.servers.simulator_client import (
    client as client,  # a fixture: pytest finds it by name here
)

_ASKED = {"role": "user", "content": "Pace yourself"}


def _openai(model: str) -> RequestContext:
    return scenarios.ScenarioContext(
        {"model": model, "messages": [_ASKED], "stream": True}, model, None, 1, 0.0
    )


def _anthropic(model: str) -> RequestContext:
    body = {"model": model, "messages": [_ASKED], "stream": True, "max_tokens": 4096}
    return scenarios.ScenarioContext(body, model, None, 1, 0.0)


def _gemini(model: str) -> RequestContext:
    body = {"contents": [{"role": "user", "parts": [{"text": "Pace yourself"}]}]}
    return gemini_scenarios.GeminiContext(body, model, None, 1, 0.0, "sse")


DIALECTS: dict[str, tuple[Callable[[str], Any], Callable[[str], RequestContext], bytes]] = {
    # the scenario finder, a request for a model, and what a piece of the answer's text holds
    "openai": (scenarios.find_scenario, _openai, b'"content":"#'),
    "anthropic": (anthropic_scenarios.find_scenario, _anthropic, b'"text_delta","text":"#'),
    "gemini": (gemini_scenarios.find_scenario, _gemini, b'"text":"## Simulated'),
}


def _schedule(monkeypatch: pytest.MonkeyPatch, dialect: str, model: str) -> list[tuple[str, Any]]:
    """What the scenario does for `model`, in order: ("event", bytes) or ("wait", seconds)."""
    find, request, _ = DIALECTS[dialect]
    done: list[tuple[str, Any]] = []

    async def wait(seconds: float) -> None:
        done.append(("wait", seconds))

    async def play() -> None:
        reply = await find(model)(request(model))
        assert isinstance(reply, StreamReply)
        async for event in reply.events:
            done.append(("event", event))

    monkeypatch.setattr(asyncio, "sleep", wait)
    asyncio.run(play())
    return done


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("ms", [2000, 150])
def test_a_paced_answer_spreads_its_pieces_over_the_time_named(
    monkeypatch: pytest.MonkeyPatch, dialect: str, ms: int
) -> None:
    done = _schedule(monkeypatch, dialect, f"sim-paced-{ms}")
    waits = [seconds for what, seconds in done if what == "wait"]
    assert len(waits) > 5
    assert math.isclose(sum(waits), ms / 1000)
    assert len(set(waits)) == 1, "evenly"
    first_wait = done.index(("wait", waits[0]))
    before = b"".join(event for _, event in done[:first_wait])
    assert DIALECTS[dialect][2] in before, "the first piece of text comes before any wait"


@pytest.mark.parametrize("dialect", DIALECTS)
def test_a_paced_answer_is_the_normal_answer(monkeypatch: pytest.MonkeyPatch, dialect: str) -> None:
    paced = _schedule(monkeypatch, dialect, "sim-paced-500")
    normal = _schedule(monkeypatch, dialect, "sim-normal")
    assert len([e for e in paced if e[0] == "event"]) == len([e for e in normal if e[0] == "event"])
    assert not [e for e in normal if e[0] == "wait"], "sim-normal waits only for token_delay"


def test_a_paced_answer_over_the_wire(client: httpx.Client) -> None:
    response = post(client, "sim-paced-100", stream_options={"include_usage": True})
    assert response.status_code == 200
    chunks = chunks_of(response.content)
    assert content_of(chunks) == NORMAL_ANSWER
    assert chunks[-1]["usage"]["completion_tokens"] > 0
    assert any(c["choices"] and c["choices"][0]["finish_reason"] == "stop" for c in chunks)


def test_other_names_are_not_paced() -> None:
    assert scenarios.find_scenario("sim-paced-") is None
    assert scenarios.find_scenario("sim-paced-fast") is None
