"""Routing a question: the first rule that matches picks the model (route), every rule with why
it matched or not (explain), the next model up the ladder (stronger), and the provider a choice
names, or why it cannot be used (provider_for)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from desktop_app.core.errors import ConfigError
from desktop_app.core.routing.question import Question
from desktop_app.core.routing.rules import ModelRef, Routing, Rule
from desktop_app.core.settings.providers_file import ModelPrice, Provider
from desktop_app.core.text.messages import Text, t


@dataclass(frozen=True, slots=True)
class Choice:
    """What the rules picked: the rule, and the provider and model it names."""

    rule: str
    provider: str
    model: str

    @property
    def ref(self) -> ModelRef:
        return ModelRef(self.provider, self.model)


@dataclass(frozen=True, slots=True)
class Check:
    """One condition of a rule against a question: whether it held, and why, in words."""

    condition: str
    held: bool
    why: Text


@dataclass(frozen=True, slots=True)
class Verdict:
    """A rule against a question: each of its conditions, and whether it is the one that
    picks (the first that matches)."""

    rule: Rule
    checks: tuple[Check, ...]
    picked: bool

    @property
    def matched(self) -> bool:
        return all(check.held for check in self.checks)


def route(routing: Routing, question: Question) -> Choice | None:
    """The model the first matching rule names; None when no rule matches (the user picks)."""
    for rule in routing.rules:
        if _matches(rule, question):
            return Choice(rule.name, rule.provider, rule.model)
    return None


def _matches(rule: Rule, question: Question) -> bool:
    """Every condition of `rule` holds; the cheap ones first, the text is read last."""
    if rule.min_tokens is not None and question.tokens < rule.min_tokens:
        return False
    if rule.max_tokens is not None and question.tokens > rule.max_tokens:
        return False
    if rule.has_image is not None and question.has_image != rule.has_image:
        return False
    if rule.assistant is not None and not _same_assistant(rule.assistant, question.assistant):
        return False
    if rule.has_code is not None and question.has_code != rule.has_code:
        return False
    if rule.language is not None and question.language != rule.language:
        return False
    return rule.pattern is None or rule.pattern.search(question.read_text) is not None


def _same_assistant(wanted: str, asked: str | None) -> bool:
    return asked is not None and asked.strip().casefold() == wanted.strip().casefold()


def explain(routing: Routing, question: Question) -> list[Verdict]:
    """Every rule, in order, with each condition checked against `question` and why it held
    or not; the first rule that matches is marked `picked`."""
    verdicts = []
    picked = False
    for rule in routing.rules:
        checks = tuple(_check(rule, key, question) for key in rule.conditions)
        if not checks:
            checks = (Check("", True, t("no conditions: it matches every question")),)
        verdict = Verdict(rule, checks, picked=False)
        if verdict.matched and not picked:
            picked = True
            verdict = Verdict(rule, checks, picked=True)
        verdicts.append(verdict)
    return verdicts


def _check(rule: Rule, key: str, question: Question) -> Check:
    tokens = question.tokens
    if key == "min_tokens":
        assert rule.min_tokens is not None
        why = t(
            "min_tokens {limit:,}: the question has ≈{tokens:,}",
            limit=rule.min_tokens,
            tokens=tokens,
        )
        return Check(key, tokens >= rule.min_tokens, why)
    if key == "max_tokens":
        assert rule.max_tokens is not None
        why = t(
            "max_tokens {limit:,}: the question has ≈{tokens:,}",
            limit=rule.max_tokens,
            tokens=tokens,
        )
        return Check(key, tokens <= rule.max_tokens, why)
    if key == "has_image":
        wanted = _toml_bool(rule.has_image)
        why = (
            t("has_image = {wanted}: an image is attached", wanted=wanted)
            if question.has_image
            else t("has_image = {wanted}: no image is attached", wanted=wanted)
        )
        return Check(key, question.has_image == rule.has_image, why)
    if key == "has_code":
        wanted = _toml_bool(rule.has_code)
        found = question.has_code
        why = (
            t("has_code = {wanted}: the prompt holds code", wanted=wanted)
            if found
            else t("has_code = {wanted}: the prompt holds no code", wanted=wanted)
        )
        return Check(key, found == rule.has_code, why)
    if key == "matches":
        assert rule.pattern is not None
        hit = rule.pattern.search(question.read_text)
        why = (
            t("matches {pattern}: found {found!r}", pattern=rule.matches, found=_short(hit.group()))
            if hit
            else t("matches {pattern}: not in the prompt", pattern=rule.matches)
        )
        return Check(key, hit is not None, why)
    if key == "language":
        share = question.chinese_share
        if share is None:
            why = t("language = {wanted}: the prompt has no words to tell", wanted=rule.language)
        else:
            why = t(
                "language = {wanted}: the prompt is {percent}% Chinese, so {found}",
                wanted=rule.language,
                percent=round(share * 100),
                found=question.language,
            )
        return Check(key, question.language == rule.language, why)
    assert rule.assistant is not None
    asked = question.assistant
    why = (
        t("assistant = {wanted}: asked as {asked}", wanted=rule.assistant, asked=asked)
        if asked
        else t("assistant = {wanted}: asked with no assistant", wanted=rule.assistant)
    )
    return Check(key, _same_assistant(rule.assistant, asked), why)


def _toml_bool(value: bool | None) -> str:
    return "true" if value else "false"


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def stronger(
    routing: Routing,
    provider: str,
    model: str,
    price_of: Callable[[ModelRef], ModelPrice | None] | None = None,
) -> ModelRef | None:
    """The next model up the ladder from `provider`/`model`; None at the top.

    A model not on the ladder: the same model name under another provider counts as its step;
    else, given `price_of`, the cheapest ladder model whose price (input + output per million
    tokens) is above the model's; else None (there is nothing to say "stronger" by)."""
    ladder = routing.ladder
    here = ModelRef(provider, model)
    if here not in ladder:
        same_name = [step for step in ladder if step.model == model]
        if same_name:
            here = same_name[0]
        elif price_of is not None:
            return _dearer_than(ladder, here, price_of)
        else:
            return None
    at = ladder.index(here)
    return ladder[at + 1] if at + 1 < len(ladder) else None


def _dearer_than(
    ladder: Sequence[ModelRef], here: ModelRef, price_of: Callable[[ModelRef], ModelPrice | None]
) -> ModelRef | None:
    own = price_of(here)
    if own is None:
        return None
    for step in ladder:  # cheapest first
        price = price_of(step)
        if price is not None and price.input + price.output > own.input + own.output:
            return step
    return None


def provider_for(choice: ModelRef, providers: Sequence[Provider]) -> Provider:
    """The provider a rule's or the ladder's choice names; ConfigError saying what to change
    when providers.toml has no such provider, or the provider lists its models and not this
    one."""
    found = next((p for p in providers if p.id == choice.provider), None)
    if found is None:
        known = ", ".join(p.id for p in providers) or t("none")
        raise ConfigError(
            t(
                "The routing rules pick {choice}, but providers.toml has no provider with the id"
                " {provider!r} (there are: {known}): change the rule or add the provider.",
                choice=str(choice),
                provider=choice.provider,
                known=known,
            )
        )
    if found.models and choice.model not in found.models:
        raise ConfigError(
            t(
                "The routing rules pick {choice}, but {name} does not list the model {model!r} in"
                " providers.toml: add it to the provider's models or change the rule.",
                choice=str(choice),
                name=found.name,
                model=choice.model,
            )
        )
    return found
