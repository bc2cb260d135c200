"""What `tally ask` shares with the other commands that ask a question: the providers and the
prompt from the command line, the conversation to go on with, and the money rules (the ledger,
made when first needed, and the budgets).

Nothing here loads the ledger or the prices before they are needed: `tally ask` times its first
byte (cli/ask.py).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.cli.prompt_words import prompt_from
from desktop_app.core import paths
from desktop_app.core.conversation import AnswerCost, ChatMessage, Conversation
from desktop_app.core.errors import ConfigError, DiskFull, HistoryUnreadable
from desktop_app.core.settings.provider_names import provider_with_id
from desktop_app.core.settings.providers_file import Provider, load_providers

if TYPE_CHECKING:
    from desktop_app.core.attachments.attachment import Attachment
    from desktop_app.core.history.ledger_rows import LedgerChange
    from desktop_app.core.history.records import ConversationSummary
    from desktop_app.core.history.store import HistoryStore
    from desktop_app.core.money.ledger import Ledger
    from desktop_app.core.settings.app_settings import AppSettings

CLI_REMEDY = (
    "raise it in the app's settings or in settings.toml, or add --over-budget to send this one"
)


def adopt_ids(store: HistoryStore, providers: list[Provider]) -> bool:
    """The history's old provider names turned into ids (history/provider_ids.py)."""
    from desktop_app.core.history.provider_ids import adopt_provider_ids

    with contextlib.suppress(DiskFull, HistoryUnreadable):  # it runs again next time
        adopt_provider_ids(store, providers)
    return True


def read_settings() -> AppSettings | None:
    """settings.toml, read (a broken one is an error before anything is sent); None when there
    is none on a system not in Chinese, which means the defaults: no budget, dollars. (Without
    the file a Chinese system's defaults are in yuan, as the window's and `tally spend`'s.)"""
    path = paths.settings_file()
    if not path.exists():
        from desktop_app.core.text.language import in_chinese

        if not in_chinese():
            return None
    from desktop_app.core.settings.app_settings import load_settings

    return load_settings(path)


class Billing:
    """The money rules for the recorder and the summary (the history recorder's
    AnswerBilling): the ledger, made when first needed. That is when the answer has ended,
    unless a budget is set, which is checked before anything is sent."""

    def __init__(
        self, store: HistoryStore, providers: list[Provider], settings: AppSettings | None
    ) -> None:
        self.store = store
        self.providers = providers
        self.settings = settings

    @property
    def has_budget(self) -> bool:
        settings = self.settings
        return settings is not None and (
            settings.monthly_budget is not None or settings.daily_budget is not None
        )

    @cached_property
    def ledger(self) -> Ledger:
        from desktop_app.core.money.ledger import Ledger

        return Ledger(self.store, self.providers, self.settings)

    def cost_of(self, conversation: Conversation, message: ChatMessage) -> AnswerCost:
        return self.ledger.cost_of(conversation, message)

    def is_money(self, message: ChatMessage) -> bool:
        return self.ledger.is_money(message)

    def recorded(self, message: ChatMessage, change: LedgerChange | None) -> None:
        self.ledger.recorded(message, change)


def read_question(args: argparse.Namespace) -> tuple[list[Provider], str]:
    """The providers (at least one, and --provider among them) and the prompt (the words of
    PROMPT, else stdin); a ConfigError says what is missing."""
    providers = load_providers(paths.providers_file())
    if not providers:
        raise ConfigError(
            f"No providers configured: create {paths.providers_file()} (see the README's "
            "'Providers' section) or add one in the app's settings."
        )
    if args.provider and provider_with_id(providers, args.provider) is None:
        known = ", ".join(p.id for p in providers)
        raise ConfigError(f"No provider with id {args.provider!r}; known: {known}.")
    return providers, prompt_from(
        args.prompt, "Nothing to ask: give a PROMPT, or pipe one into stdin."
    )


def read_attachments(files: list[str]) -> tuple[Attachment, ...]:
    """The files of --attach, read as the window reads them and checked against the message's
    limit; an AttachmentError names the file that cannot go, before anything is sent. The
    image and document libraries load only when a file is attached."""
    if not files:
        return ()
    from desktop_app.core.attachments.reading import check_message, read_attachment

    attachments = tuple(read_attachment(Path(file)) for file in files)
    check_message(attachments)
    return attachments


def attachments_line(attachments: Sequence[Attachment], provider: Provider, model: str) -> str:
    """What is attached and what it adds to the input, estimated by the provider's rule."""
    from desktop_app.core.attachments.tokens import attachment_tokens

    named = (
        f"{attachment.name} ≈{attachment_tokens(attachment, provider.kind, model)} tokens"
        for attachment in attachments
    )
    return "attached " + ", ".join(named)


def chosen_provider(
    args: argparse.Namespace, providers: list[Provider], latest: ConversationSummary | None
) -> Provider:
    """--provider; else, going on with a conversation, the provider of its last answer (by id,
    so a renamed one too); else the first provider."""
    last = provider_with_id(providers, latest.last_provider) if latest else None
    return provider_with_id(providers, args.provider) or last or providers[0]


def budget_refusal(billing: Billing, *, over_budget: bool) -> str | None:
    """Why nothing may be sent: the budget that is used up, unless --over-budget sends anyway
    (None: send). The ledger is read only when a budget is set."""
    if not billing.has_budget:
        return None
    billing.ledger.refresh()
    budget = billing.ledger.budget_stop()
    if budget is None or over_budget:
        return None
    return billing.ledger.describe(budget, CLI_REMEDY)


def opened_history(handler: logging.Handler | None) -> HistoryStore | None:
    """The history, opened for a command; None (with the reason said, and the log file let go
    of) when it cannot be."""
    from desktop_app.core.errors import TallyError
    from desktop_app.core.history.opening import open_history
    from desktop_app.core.logs import stop_logging_to

    try:
        return open_history(paths.history_db())
    except TallyError as exc:
        stop_logging_to(handler)
        fail(str(exc))
        return None


def latest_conversation(store: HistoryStore) -> ConversationSummary | None:
    """The conversation --continue goes on with: the one at the top of the list."""
    latest = store.conversations(limit=1)
    return latest[0] if latest else None


def fail(message: str) -> None:
    print(f"tally: error: {message}", file=sys.stderr)
