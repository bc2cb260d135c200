"""`tally assistants`, and the assistant and parameters `tally ask` and `tally compare` send
with: an assistant's (--assistant), a continued conversation's, and the flags over both."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from desktop_app.cli.tables import table
from desktop_app.core import paths
from desktop_app.core.errors import ConfigError
from desktop_app.core.parameters import NUMBERS, Parameters

if TYPE_CHECKING:  # the assistants' file is read only when one is asked for (--assistant)
    from desktop_app.core.history.conversation_parameters import ConversationParameters
    from desktop_app.core.history.store import HistoryStore
    from desktop_app.core.settings.assistants import Assistant

_FIRST_LINE = 60
"""How much of a system prompt's first line the list shows."""


def run_assistants(args: argparse.Namespace) -> int:
    """Print the assistants as a table: name, provider and model, parameters, system prompt."""
    header = ["name", "model", "temperature", "top_p", "max_tokens", "thinking", "turns", "system"]
    body = [_row(assistant) for assistant in _assistants()]
    sys.stdout.write("\n".join(table(header, body, left=2)) + "\n")
    return 0


def flag_parameters(args: argparse.Namespace) -> Parameters:
    """The parameters the command line sets (--system, --temperature, --top-p, --max-tokens)."""
    return Parameters(
        system=args.system,
        temperature=args.temperature,
        top_p=args.top_p,
        max_tokens=args.max_tokens,
    )


def chosen_assistant(args: argparse.Namespace) -> Assistant | None:
    """The assistant --assistant names (None without the flag); ConfigError listing the names
    when there is none by that name. Its provider and model become the command's, unless
    --provider or --model say otherwise."""
    if not getattr(args, "assistant", None):
        return None
    from desktop_app.core.settings.assistants import find_assistant

    assistants = _assistants()
    found = find_assistant(assistants, args.assistant)
    if found is None:
        names = ", ".join(a.name for a in assistants)
        raise ConfigError(f"No assistant named {args.assistant!r}; there are: {names}.")
    if found.provider and not args.provider:
        args.provider = found.provider
    if found.model and not args.model:
        args.model = found.model
    return found


def conversation_parameters(
    args: argparse.Namespace,
    assistant: Assistant | None,
    store: HistoryStore,
    conversation_id: str | None,
) -> ConversationParameters:
    """What to send with: the assistant's parameters, else those the continued conversation
    remembers, with the flags over them."""
    from desktop_app.core.history.conversation_parameters import (
        ConversationParameters,
        remembered_parameters,
    )

    if assistant is not None:
        base = ConversationParameters(
            None if assistant.is_default else assistant.name, assistant.parameters()
        )
    elif conversation_id is not None:
        base = remembered_parameters(store, conversation_id) or ConversationParameters()
    else:
        base = ConversationParameters()
    return ConversationParameters(
        base.assistant, base.parameters.overridden_by(flag_parameters(args))
    )


def remember(
    store: HistoryStore, conversation_id: str | None, chosen: ConversationParameters
) -> None:
    """Keep what the answer was asked with on its conversation, unless that is plain chat."""
    from desktop_app.core.history.conversation_parameters import (
        ConversationParameters,
        remember_parameters,
        remembered_parameters,
    )

    if conversation_id is None:
        return
    if chosen == ConversationParameters() and remembered_parameters(store, conversation_id) is None:
        return
    remember_parameters(store, conversation_id, chosen)


def _assistants() -> list[Assistant]:
    from desktop_app.cli.asking import read_settings
    from desktop_app.core.settings.assistants import load_assistants
    from desktop_app.core.text.language import chosen, system_locale

    settings = read_settings()
    language = chosen(settings.language, system_locale()) if settings else None
    return load_assistants(paths.data_dir(), language)


def _row(assistant: Assistant) -> list[str]:
    where = "/".join(part for part in (assistant.provider, assistant.model) if part)
    numbers = [getattr(assistant, name) for name in NUMBERS]
    cells = ["" if value is None else f"{value:g}" for value in numbers]
    lines = assistant.system.strip().splitlines()
    first = lines[0] if lines else ""
    if len(first) > _FIRST_LINE or len(lines) > 1:
        first = first[: _FIRST_LINE - 1].rstrip() + "…"
    return [assistant.name, where, *cells, first]
