"""`tally route`: which provider/model the routing rules pick for a prompt, and with --explain
why each rule matched or not; and the routing of `tally ask --model auto`.

The rules are routing.toml in the data folder, or the ones Tally ships when there is none.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from desktop_app.cli.prompt_words import prompt_from
from desktop_app.core import paths
from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.errors import ConfigError
from desktop_app.core.history.records import ConversationSummary
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.routing.matching import Choice, Verdict, explain, provider_for, route
from desktop_app.core.routing.question import Question
from desktop_app.core.routing.rules_file import load_routing
from desktop_app.core.settings.providers_file import Provider, load_providers

EXIT_NO_RULE = 1


def run_route(args: argparse.Namespace) -> int:
    """Print the rules' pick (and, with --explain, every rule's verdict); 1 when no rule
    matches."""
    routing = load_routing(paths.routing_file())
    question = Question.of(read_prompt_words(args.prompt))
    chosen = route(routing, question)
    if args.explain:
        print("\n".join(explained(explain(routing, question))))
        print()
    if chosen is None:
        print("No rule matches: the model is yours to pick (tally ask --model M).")
        return EXIT_NO_RULE
    print(f"{chosen.provider}/{chosen.model}  (rule: {chosen.rule})")
    try:
        provider_for(chosen.ref, load_providers(paths.providers_file()))
    except ConfigError as exc:
        print(f"tally: note: {exc}", file=sys.stderr)
    return 0


def read_prompt_words(words: Sequence[str]) -> str:
    """The words of PROMPT, else stdin (PROMPT '-' or none); ConfigError when there is none."""
    return prompt_from(words, "Nothing to route: give a PROMPT, or pipe one into stdin.")


def explained(verdicts: Sequence[Verdict]) -> list[str]:
    """Each rule on a line, ✓ when it matches, and under it each condition and why."""
    lines = []
    for verdict in verdicts:
        mark = "✓" if verdict.matched else "✗"
        picked = "   ← picks" if verdict.picked else ""
        rule = verdict.rule
        lines.append(f"{mark} {rule.name} → {rule.provider}/{rule.model}{picked}")
        lines += [f"    {'✓' if c.held else '✗'} {c.why}" for c in verdict.checks]
    return lines


def auto_choice(
    store: HistoryStore,
    providers: Sequence[Provider],
    prompt: str,
    attachments: Sequence[Attachment],
    assistant: str | None,
    latest: ConversationSummary | None,
) -> tuple[Provider, str, Choice]:
    """`tally ask --model auto`: the provider and model the rules pick for this question (its
    context: the conversation --continue goes on with, and attached documents' text), said on
    stderr; ConfigError when no rule matches or the pick is not in providers.toml."""
    context = sum(len(a.text or "") for a in attachments)
    if latest is not None:
        from desktop_app.core.history.conversation_parameters import remembered_parameters
        from desktop_app.core.history.tree import path_to

        records = store.messages(latest.id)
        context += sum(len(m.content) for m in path_to(records, store.current_message(latest.id)))
        if assistant is None:
            kept = remembered_parameters(store, latest.id)
            assistant = None if kept is None else kept.assistant
    question = Question.of(
        prompt,
        context_chars=context,
        has_image=any(a.is_image for a in attachments),
        assistant=assistant,
    )
    routing = load_routing(paths.routing_file())
    chosen = route(routing, question)
    if chosen is None:
        raise ConfigError(
            "No routing rule matches this question: name a model with --model, or add a rule "
            "without conditions at the end of routing.toml (`tally route --explain` shows why)."
        )
    provider = provider_for(chosen.ref, providers)
    print(f"tally: rule {chosen.rule!r} picked {chosen.provider}/{chosen.model}", file=sys.stderr)
    return provider, chosen.model, chosen
