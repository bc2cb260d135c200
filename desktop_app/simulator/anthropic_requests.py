"""The checks the Messages API makes of a request body, with its own wording, so that a client
that builds a body the API would refuse fails against the simulator too."""

from __future__ import annotations

import json
from typing import Any, TypeGuard

MIN_THINKING_BUDGET = 1024


def invalid_request(body: dict[str, Any]) -> str | None:
    """What the API would say is wrong with this body, or None if it would accept it."""
    model = body.get("model")
    if not isinstance(model, str) or not model:
        return "model: Field required"
    max_tokens = body.get("max_tokens")
    if not _is_int(max_tokens) or max_tokens < 1:
        return "max_tokens: Field required"
    return _messages_problem(body.get("messages")) or _sampling_problem(body, max_tokens)


def params_text(body: dict[str, Any]) -> str:
    """The request's parameters as JSON, for sim-echo-params to answer with."""
    keys = ("system", "max_tokens", "temperature", "thinking", "stream")
    report = {key: body.get(key) for key in keys}
    messages = body.get("messages")
    turns = messages if isinstance(messages, list) else []
    report["roles"] = [turn.get("role") for turn in turns if isinstance(turn, dict)]
    return json.dumps(report, separators=(",", ":"))


def _messages_problem(messages: Any) -> str | None:
    if not isinstance(messages, list) or not messages:
        return "messages: at least one message is required"
    previous = None
    for index, turn in enumerate(messages):
        role = turn.get("role") if isinstance(turn, dict) else None
        if role not in ("user", "assistant"):
            return (
                f"messages.{index}.role: Unexpected role {role!r}. The Messages API accepts a "
                'top-level `system` parameter, not "system" as an input message role.'
            )
        if index == 0 and role != "user":
            return 'messages: first message must use the "user" role'
        if role == previous:
            return (
                'messages: roles must alternate between "user" and "assistant", but found '
                f'multiple "{role}" roles in a row'
            )
        previous = role
        content = turn.get("content")
        if not isinstance(content, str | list) or not content:
            return f"messages.{index}.content: text content blocks must be non-empty"
    last = messages[-1]
    content = last["content"]
    if last["role"] == "assistant" and isinstance(content, str) and content != content.rstrip():
        return "messages: final assistant content cannot end with trailing whitespace"
    return None


def _sampling_problem(body: dict[str, Any], max_tokens: int) -> str | None:
    temperature = body.get("temperature")
    if temperature is not None and not (
        isinstance(temperature, int | float) and 0 <= temperature <= 1
    ):
        return "temperature: range: 0..1"
    thinking = body.get("thinking")
    if thinking is None or (isinstance(thinking, dict) and thinking.get("type") == "disabled"):
        return None
    budget = thinking.get("budget_tokens") if isinstance(thinking, dict) else None
    if not isinstance(thinking, dict) or thinking.get("type") != "enabled" or not _is_int(budget):
        return "thinking: Input tag does not match any of the expected tags: 'enabled', 'disabled'"
    if budget < MIN_THINKING_BUDGET:
        return "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024"
    if max_tokens <= budget:
        return "`max_tokens` must be greater than `thinking.budget_tokens`"
    if temperature is not None and temperature != 1:
        return "`temperature` may only be set to 1 when thinking is enabled."
    return None


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)
