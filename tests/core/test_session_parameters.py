"""The session sends its Parameters: system prompt, sampling, max tokens, thinking budget (the
provider's own unless set), and only the last N turns when context_turns is set."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.core.errors import ConfigError
from desktop_app.core.network.blocking_clients import BlockingClientPool
from desktop_app.core.parameters import Parameters
from desktop_app.core.providers.base import Message
from desktop_app.core.replies import recent_turns
from desktop_app.core.session_blocking import BlockingChatSession
from desktop_app.core.settings.providers_file import Provider
from desktop_app.simulator import Simulator
from tests.support.streams.anthropic_helpers import anthropic_provider
from tests.support.streams.chat_helpers import FAST_RETRY, sim_provider


def _earlier(turns: int) -> Conversation:
    messages = []
    for number in range(1, turns + 1):
        messages += [ChatMessage("user", f"q{number}"), ChatMessage("assistant", f"a{number}")]
    return Conversation(messages)


def _sent(
    simulator: Simulator,
    parameters: Parameters,
    conversation: Conversation | None = None,
    provider: Provider | None = None,
) -> dict[str, Any]:
    with BlockingClientPool() as clients:
        session = BlockingChatSession(
            conversation or Conversation(), clients, lambda _: simulator.api_key, retry=FAST_RETRY
        )
        session.parameters = parameters
        session.send(provider or sim_provider(simulator), "sim-echo", "now")
    body = simulator.requests[-1].body
    assert body is not None
    return body


def test_the_parameters_go_in_the_request(simulator: Simulator) -> None:
    chosen = Parameters(system="Be brief.", temperature=0.3, top_p=0.9, max_tokens=200)
    body = _sent(simulator, chosen)
    assert body["messages"][0] == {"role": "system", "content": "Be brief."}
    assert (body["temperature"], body["top_p"], body["max_tokens"]) == (0.3, 0.9, 200)


def test_nothing_set_sends_none_of_them(simulator: Simulator) -> None:
    body = _sent(simulator, Parameters())
    assert [m["role"] for m in body["messages"]] == ["user"]
    assert not {"temperature", "top_p", "max_tokens"} & set(body)


def test_only_the_last_turns_go_with_the_question(simulator: Simulator) -> None:
    body = _sent(simulator, Parameters(system="S", context_turns=2), _earlier(5))
    contents = [m["content"] for m in body["messages"]]
    assert contents == ["S", "q4", "a4", "q5", "a5", "now"]


def test_without_context_turns_every_turn_goes(simulator: Simulator) -> None:
    body = _sent(simulator, Parameters(), _earlier(3))
    assert [m["content"] for m in body["messages"]] == ["q1", "a1", "q2", "a2", "q3", "a3", "now"]


def test_the_thinking_budget_is_the_providers_unless_set(simulator: Simulator) -> None:
    thinking = replace(anthropic_provider(simulator), thinking_budget=3000)
    echoed = _sent(simulator, Parameters(), provider=thinking)
    assert echoed["thinking"]["budget_tokens"] == 3000
    echoed = _sent(simulator, Parameters(thinking_budget=5000), provider=thinking)
    assert echoed["thinking"]["budget_tokens"] == 5000


def test_recent_turns_keeps_system_turns_and_the_newest_question() -> None:
    messages = (
        Message("system", "Imported rule."),
        Message("user", "q1"),
        Message("assistant", "a1"),
        Message("user", "q2"),  # its answer failed with no text: still a turn
        Message("user", "q3"),
        Message("assistant", "a3"),
        Message("user", "now"),
    )
    assert [m.content for m in recent_turns(messages, 1)] == ["Imported rule.", "q3", "a3", "now"]
    assert recent_turns(messages, 3) == messages
    assert recent_turns(messages, None) == messages


def test_overridden_by_takes_only_what_the_other_sets() -> None:
    assistant = Parameters(system="Translate.", temperature=0.3, context_turns=4)
    flags = Parameters(temperature=0.9, max_tokens=50)
    assert assistant.overridden_by(flags) == Parameters(
        system="Translate.", temperature=0.9, max_tokens=50, context_turns=4
    )


@pytest.mark.parametrize(
    ("values", "said"),
    [
        ({"temperature": 2.5}, "temperature must be a number from 0 to 2"),
        ({"top_p": -0.1}, "top_p must be a number from 0 to 1"),
        ({"max_tokens": 0}, "max_tokens must be a whole number, 1 or more"),
        ({"context_turns": 1.5}, "context_turns must be a whole number, 1 or more"),
        ({"thinking_budget": True}, "thinking_budget must be a whole number, 1 or more"),
        ({"system": 3}, "system must be text"),
    ],
)
def test_values_out_of_range_are_refused_with_their_name(values: dict[str, Any], said: str) -> None:
    with pytest.raises(ConfigError, match=said):
        Parameters.from_dict(values)
    with pytest.raises(ConfigError, match=said):
        Parameters(**values)


def test_as_dict_and_from_dict_round_trip() -> None:
    chosen = Parameters(system="S", temperature=1, top_p=0.5, context_turns=3)
    assert chosen.as_dict() == {"system": "S", "temperature": 1, "top_p": 0.5, "context_turns": 3}
    assert Parameters.from_dict(chosen.as_dict()) == chosen
    assert Parameters.from_dict({"temperature": 1, "unknown": "x"}).temperature == 1.0
