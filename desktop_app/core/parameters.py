"""What a conversation asks with besides its messages: the system prompt, the sampling settings,
the thinking budget and how many past turns go with each question. An assistant gives a set of
them; a conversation keeps its own (history/conversation_parameters.py).

None everywhere means "not set": the provider's own default (for the thinking budget, the
provider's setting in providers.toml), and every past turn for context_turns.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from desktop_app.core.errors import ConfigError
from desktop_app.core.text.messages import Text, t

NUMBERS = ("temperature", "top_p", "max_tokens", "thinking_budget", "context_turns")
"""The settings that are numbers, in the order a table shows them."""


@dataclass(frozen=True, slots=True)
class Parameters:
    """The settings a question is sent with; a value out of range raises ConfigError."""

    system: str | None = None
    temperature: float | None = None
    top_p: float | None = None
    max_tokens: int | None = None
    thinking_budget: int | None = None
    """None: the provider's own setting (providers.toml's thinking_budget)."""
    context_turns: int | None = None
    """Past turns sent with each question (a turn: a question and its answer); None: all."""

    def __post_init__(self) -> None:
        for name in ("system", *NUMBERS):
            problem = problem_with(name, getattr(self, name))
            if problem is not None:
                raise ConfigError(problem)

    def overridden_by(self, other: Parameters) -> Parameters:
        """These parameters with every one that `other` sets taken from `other` (explicit
        flags over an assistant's, an assistant's over a conversation's)."""
        changes = {
            f.name: getattr(other, f.name)
            for f in fields(other)
            if getattr(other, f.name) is not None
        }
        return replace(self, **changes)

    def as_dict(self) -> dict[str, Any]:
        """The parameters that are set, by name (for JSON and for the history)."""
        return {
            f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Parameters:
        """Parameters from as_dict()'s shape; unknown names are ignored, a bad value raises
        ConfigError naming it."""
        known = {f.name for f in fields(cls)}
        values = {name: value for name, value in data.items() if name in known}
        for name, value in values.items():
            problem = problem_with(name, value)
            if problem is not None:
                raise ConfigError(problem)
        if isinstance(values.get("temperature"), int):
            values["temperature"] = float(values["temperature"])
        if isinstance(values.get("top_p"), int):
            values["top_p"] = float(values["top_p"])
        return cls(**values)


def problem_with(name: str, value: Any) -> Text | None:
    """What is wrong with `value` for the parameter `name`, or None when it is fine (None is
    always fine: not set)."""
    if value is None:
        return None
    if name == "system":
        return None if isinstance(value, str) else t("system must be text")
    if name in ("temperature", "top_p"):
        top = 2 if name == "temperature" else 1
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if not number or not 0 <= value <= top:
            return t("{name} must be a number from 0 to {top}", name=name, top=top)
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return t("{name} must be a whole number, 1 or more", name=name)
    return None
