"""What a routing rule is, and the rules with their ladder (rules_file.py reads and writes them).

A rule names the model it picks and the conditions a question must meet for it, all optional:
a rule with none matches every question. Rules are tried in order; the first that matches picks
(matching.py). The ladder lists models cheapest first: "a stronger model" is the next one up.
Every check of a rule's values is made here, when it is built, so the rules file, the settings
window and a test all get the same message for the same mistake.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from desktop_app.core.errors import ConfigError
from desktop_app.core.text.messages import t

Language = Literal["zh", "en"]
LANGUAGES: tuple[Language, ...] = ("zh", "en")

CONDITIONS = (
    "min_tokens",
    "max_tokens",
    "has_image",
    "has_code",
    "matches",
    "language",
    "assistant",
)
"""A rule's optional conditions, in the order they are checked and explained."""


class ModelRef(NamedTuple):
    """A model of a provider: `holysheep/gpt-4.1` in the rules file."""

    provider: str
    model: str

    def __str__(self) -> str:
        return f"{self.provider}/{self.model}"

    @classmethod
    def parse(cls, text: str) -> ModelRef:
        """From "provider/model"; the model may hold slashes itself (OpenRouter's
        "openrouter/openai/gpt-4.1"). ConfigError when either part is missing."""
        provider, slash, model = text.strip().partition("/")
        if not (slash and provider.strip() and model.strip()):
            raise ConfigError(t("{text!r} is not a model: write it as provider/model", text=text))
        return cls(provider.strip(), model.strip())


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: its name, the model it picks, and its conditions (None: not a condition)."""

    name: str
    provider: str
    model: str
    min_tokens: int | None = None
    """The question with its context holds at least this many tokens (estimated)."""
    max_tokens: int | None = None
    """... at most this many."""
    has_image: bool | None = None
    has_code: bool | None = None
    matches: str | None = None
    """A regular expression (Python's `re`) found in the prompt (in what routing reads of a long
    one: its first and last 10,000 characters, question.py)."""
    language: Language | None = None
    """The prompt is mostly Chinese ("zh") or mostly English ("en"): question.py says how."""
    assistant: str | None = None
    """Asked as this assistant (its name, in any case)."""
    pattern: re.Pattern[str] | None = field(default=None, init=False, compare=False, repr=False)
    """`matches`, compiled once."""

    def __post_init__(self) -> None:
        for key in ("name", "provider", "model"):
            value = getattr(self, key)
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(t("{key!r} must be a non-empty string", key=key))
        for key in ("min_tokens", "max_tokens"):
            value = getattr(self, key)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int) or value < 0
            ):
                raise ConfigError(t("{key} must be a whole number of tokens", key=key))
        if (
            self.min_tokens is not None
            and self.max_tokens is not None
            and self.min_tokens > self.max_tokens
        ):
            raise ConfigError(t("min_tokens is more than max_tokens: no question can match"))
        for key in ("has_image", "has_code"):
            value = getattr(self, key)
            if value is not None and not isinstance(value, bool):  # 1 == True, but not here
                raise ConfigError(t("{key} must be true or false", key=key))
        if self.language is not None and self.language not in LANGUAGES:
            raise ConfigError(
                t('language must be "zh" or "en", not {value!r}', value=self.language)
            )
        if self.assistant is not None and (
            not isinstance(self.assistant, str) or not self.assistant.strip()
        ):
            raise ConfigError(t("{key!r} must be a non-empty string", key="assistant"))
        if self.matches is not None:
            if not isinstance(self.matches, str) or not self.matches:
                raise ConfigError(t("{key!r} must be a non-empty string", key="matches"))
            try:
                compiled = re.compile(self.matches)
            except re.error as exc:
                raise ConfigError(
                    t("matches is not a regular expression: {error}", error=exc)
                ) from exc
            object.__setattr__(self, "pattern", compiled)

    @property
    def choice(self) -> ModelRef:
        return ModelRef(self.provider, self.model)

    @property
    def conditions(self) -> dict[str, object]:
        """The conditions it has, by name, in the order of CONDITIONS."""
        return {key: value for key in CONDITIONS if (value := getattr(self, key)) is not None}


@dataclass(frozen=True, slots=True)
class Routing:
    """The rules, in the order they are tried, and the ladder, cheapest model first."""

    rules: tuple[Rule, ...] = ()
    ladder: tuple[ModelRef, ...] = ()

    def __post_init__(self) -> None:
        names: set[str] = set()
        for rule in self.rules:
            if rule.name in names:
                raise ConfigError(t("the rule name {name!r} is used twice", name=rule.name))
            names.add(rule.name)
        if len(set(self.ladder)) != len(self.ladder):
            raise ConfigError(t("the ladder names a model twice"))

    def rule(self, name: str) -> Rule | None:
        """The rule of that name, if there is one."""
        return next((rule for rule in self.rules if rule.name == name), None)
