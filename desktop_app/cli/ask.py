"""`tally ask`: one answer in the terminal, through the same chat code and history recorder as
the window, so the command line checks the app's own path.

The same, but for its I/O: the window's ChatSession runs on asyncio, this one on
BlockingChatSession (one thread, a blocking httpx client), which shares everything else with it:
the request, the stream's decoding and parsing, the retries, the errors. The first byte of the
answer should come as soon after the start as a plain httpx script's would (issue 14,
benchmarks/ask_first_byte.py), so what is not needed before it is imported after it: the ledger
and the prices (unless a budget has to be checked first), renaming provider ids in the history
(unless --continue needs them), and today's backup.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, TextIO

from desktop_app.cli.exit_codes import (
    EXIT_INTERRUPTED,
    EXIT_OVER_BUDGET,
    EXIT_PROVIDER_ERROR,
    EXIT_USAGE,
)
from desktop_app.core import paths
from desktop_app.core.conversation import AnswerCost, ChatMessage, Conversation
from desktop_app.core.errors import (
    ConfigError,
    DiskFull,
    HistoryError,
    HistoryUnreadable,
    ProviderError,
    TallyError,
)
from desktop_app.core.history.opening import open_history
from desktop_app.core.history.recorder import HistoryRecorder, open_conversation
from desktop_app.core.logs import log_to_file, stop_logging_to
from desktop_app.core.network.blocking_clients import BlockingClientPool
from desktop_app.core.session import BlockingChatSession
from desktop_app.core.settings.keys import KeyResolver
from desktop_app.core.settings.provider_names import provider_with_id
from desktop_app.core.settings.providers_file import Provider, load_providers

if TYPE_CHECKING:
    from desktop_app.core.history.ledger_rows import LedgerChange
    from desktop_app.core.history.records import ConversationSummary
    from desktop_app.core.history.store import HistoryStore
    from desktop_app.core.money.ledger import Ledger
    from desktop_app.core.settings.app_settings import AppSettings

_CLI_REMEDY = (
    "raise it in the app's settings or in settings.toml, or add --over-budget to send this one"
)

# Reasoning is shown dimmer than the answer on a terminal.
_DIM = "\x1b[2m"
_PLAIN = "\x1b[0m"


def run_ask(args: argparse.Namespace) -> int:
    """Stream one answer; returns the exit code."""
    try:
        providers, prompt = _setup(args)
    except TallyError as exc:
        _fail(str(exc))
        return EXIT_USAGE
    keys = KeyResolver()
    clients = BlockingClientPool(keys.proxy_password)
    if not args.continue_:  # the provider is known: its certificates load meanwhile
        clients.prepare(provider_with_id(providers, args.provider) or providers[0])
    handler = log_to_file()
    try:
        store = open_history(paths.history_db())
    except TallyError as exc:
        stop_logging_to(handler)
        _fail(str(exc))
        return EXIT_USAGE
    adopted = False
    try:
        if args.continue_:  # the latest answer's provider is found by its id
            adopted = _adopt_provider_ids(store, providers)
        latest = _latest(store) if args.continue_ else None
        provider, model = _choice(args, providers, latest)
        billing = _Billing(store, providers, _settings())
        if billing.has_budget:
            billing.ledger.refresh()
            budget = billing.ledger.budget_stop()
            if budget is not None and not args.over_budget:
                _fail(billing.ledger.describe(budget, _CLI_REMEDY))
                return EXIT_OVER_BUDGET
        return _ask(args, billing, clients, keys, (provider, model), prompt, latest)
    except TallyError as exc:
        _fail(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(file=sys.stdout)
        _fail("stopped; the partial answer is above, and saved in the history.")
        return EXIT_INTERRUPTED
    finally:
        clients.close()
        if not adopted:  # after the answer, a damaged file too waits for the next command
            with contextlib.suppress(HistoryError):
                _adopt_provider_ids(store, providers)
        store.close()
        # Imported here: the backup's code is not needed before the answer has been printed.
        from desktop_app.cli.backup import take_daily_backup

        take_daily_backup()
        stop_logging_to(handler)


def _adopt_provider_ids(store: HistoryStore, providers: list[Provider]) -> bool:
    """The history's old provider names turned into ids (history/provider_ids.py)."""
    from desktop_app.core.history.provider_ids import adopt_provider_ids

    with contextlib.suppress(DiskFull, HistoryUnreadable):  # it runs again next time
        adopt_provider_ids(store, providers)
    return True


def _settings() -> AppSettings | None:
    """settings.toml, read (a broken one is an error before anything is sent); None when there
    is none, which means the defaults: no budget, dollars."""
    path = paths.settings_file()
    if not path.exists():
        return None
    from desktop_app.core.settings.app_settings import load_settings

    return load_settings(path)


class _Billing:
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


def _setup(args: argparse.Namespace) -> tuple[list[Provider], str]:
    providers = load_providers(paths.providers_file())
    if not providers:
        raise ConfigError(
            f"No providers configured: create {paths.providers_file()} (see the README's "
            "'Providers' section) or add one in the app's settings."
        )
    if args.provider and provider_with_id(providers, args.provider) is None:
        known = ", ".join(p.id for p in providers)
        raise ConfigError(f"No provider with id {args.provider!r}; known: {known}.")
    prompt = " ".join(args.prompt)
    if not prompt or prompt == "-":
        prompt = sys.stdin.read() if not sys.stdin.isatty() else ""
    if not prompt.strip():
        raise ConfigError("Nothing to ask: give a PROMPT, or pipe one into stdin.")
    return providers, prompt


def _latest(store: HistoryStore) -> ConversationSummary | None:
    latest = store.conversations(limit=1)
    return latest[0] if latest else None


def _choice(
    args: argparse.Namespace, providers: list[Provider], latest: ConversationSummary | None
) -> tuple[Provider, str]:
    """--provider and --model; else, going on with a conversation, the provider (by id, so a
    renamed one too) and model of its last answer; else the first provider and its first model."""
    last = provider_with_id(providers, latest.last_provider) if latest else None
    provider = provider_with_id(providers, args.provider) or last or providers[0]
    model = args.model
    if not model and latest is not None and last is provider:
        model = latest.last_model
    model = model or (provider.models[0] if provider.models else None)
    if not model:
        raise ConfigError(
            f"{provider.name} lists no models in providers.toml: name one with --model."
        )
    return provider, model


def _ask(
    args: argparse.Namespace,
    billing: _Billing,
    clients: BlockingClientPool,
    keys: KeyResolver,
    choice: tuple[Provider, str],
    prompt: str,
    latest: ConversationSummary | None,
) -> int:
    provider, model = choice
    clients.prepare(provider)
    conversation = Conversation()
    store = billing.store
    if latest is not None:
        recorder = open_conversation(store, conversation, latest.id, billing, billing.providers)
    else:
        recorder = HistoryRecorder(store, conversation, billing)
    printer = _AnswerPrinter(sys.stdout, sys.stderr, provider, billing)
    session = BlockingChatSession(conversation, clients, keys.resolve)
    session.system_prompt = args.system
    session.temperature = args.temperature
    session.max_tokens = args.max_tokens
    session.listeners.append(printer)
    conversation.subscribe(printer)
    session.send(provider, model, prompt)
    printer.end_line()
    # The disk was full (or the folder read-only) meanwhile: a last try, then say so.
    unsaved = None if recorder.retry() else recorder.unsaved
    if printer.error is not None:
        _fail(str(printer.error))
        if unsaved is not None:
            _fail(str(unsaved))
        return EXIT_PROVIDER_ERROR if printer.started_reply else EXIT_USAGE
    if unsaved is not None:
        _fail(str(unsaved))
        return EXIT_USAGE
    printer.summary()
    return 0


@dataclass
class _AnswerPrinter:
    """Writes the answer to stdout as it streams, and everything about it to stderr."""

    out: TextIO
    err: TextIO
    provider: Provider
    billing: _Billing
    message: ChatMessage | None = None
    printed_text: int = 0
    printed_reasoning: int = 0
    reasoning_open: bool = False
    last_char: str = "\n"
    waiting_said: set[str] = field(default_factory=set)
    error: TallyError | None = None
    started_reply: bool = False
    started: float = field(default_factory=time.monotonic)

    # ConversationListener
    def message_added(self, message: ChatMessage) -> None:
        pass

    def message_changed(self, message: ChatMessage) -> None:
        if message is not self.message:
            return
        reasoning = message.reasoning
        if len(reasoning) > self.printed_reasoning:
            if not self.reasoning_open and self.err.isatty():
                self.err.write(_DIM)
            self.reasoning_open = True
            self.err.write(reasoning[self.printed_reasoning :])
            self.err.flush()
            self.printed_reasoning = len(reasoning)
        text = message.content
        if len(text) > self.printed_text:
            self.close_reasoning()
            self.out.write(text[self.printed_text :])
            self.out.flush()
            self.printed_text = len(text)
            self.last_char = text[-1]

    def messages_reset(self) -> None:
        pass

    def version_added(self, message: ChatMessage) -> None:
        pass

    # SessionListener
    def reply_started(self, message: ChatMessage) -> None:
        self.message = message

    def reply_waiting(self, message: ChatMessage, note: str) -> None:
        if note not in self.waiting_said:  # say each kind of wait once
            self.waiting_said.add(note)
            self.err.write(f"tally: {note}\n")

    def reply_finished(self, message: ChatMessage, error: TallyError | None) -> None:
        self.error = error
        # A failure before any request (no key, no keyring) is a setup problem, not the
        # provider's; the usage exit code says so.
        self.started_reply = error is None or isinstance(error, ProviderError)

    def close_reasoning(self) -> None:
        """End the reasoning on its own line, so the answer and the summary start clean."""
        if self.reasoning_open:
            self.reasoning_open = False
            self.err.write((_PLAIN if self.err.isatty() else "") + "\n")
            self.err.flush()

    def end_line(self) -> None:
        self.close_reasoning()
        if self.last_char != "\n":
            self.out.write("\n")
            self.last_char = "\n"
        self.out.flush()

    def summary(self) -> None:
        message = self.message
        if message is None:
            return
        parts = [f"{message.model} via {self.provider.name}"]
        cost = message.cost
        if cost is not None:
            usage, approx = cost.usage, "≈" if cost.estimated else ""
            cache = [f"{usage.cached_input_tokens} cached"] if usage.cached_input_tokens else []
            if usage.cache_write_tokens:
                cache.append(f"{usage.cache_write_tokens} written to the cache")
            cached = f" ({', '.join(cache)})" if cache else ""
            thinking = f" ({usage.reasoning_tokens} reasoning)" if usage.reasoning_tokens else ""
            parts.append(f"{approx}{usage.input_tokens} in{cached}")
            parts.append(f"{approx}{usage.output_tokens} out{thinking}")
            parts.append(self.billing.ledger.money(cost.usd, estimated=cost.estimated))
            if cost.estimated:
                parts.append("tokens not reported, estimated from the text")
        if message.first_token_seconds is not None:
            parts.append(f"first token {message.first_token_seconds:.2f} s")
        parts.append(f"{message.duration_seconds or 0.0:.2f} s")
        reason = message.finish_reason
        if reason == "length":
            parts.append("cut at the token limit")
        elif reason is None:
            parts.append("the stream ended without saying it was complete")
        elif reason not in ("stop", "end_turn"):
            parts.append(f"finished: {reason}")
        self.err.write("tally: " + " · ".join(parts) + "\n")
        self.err.flush()


def _fail(message: str) -> None:
    print(f"tally: error: {message}", file=sys.stderr)
