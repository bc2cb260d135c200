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
from typing import TYPE_CHECKING, TextIO

from desktop_app.cli.asking import (
    Billing,
    adopt_ids,
    attachments_line,
    budget_refusal,
    chosen_provider,
    fail,
    latest_conversation,
    opened_history,
    read_attachments,
    read_question,
    read_settings,
)
from desktop_app.cli.assistants import chosen_assistant, conversation_parameters, remember
from desktop_app.cli.exit_codes import (
    EXIT_OVER_BUDGET,
    EXIT_PROVIDER_ERROR,
    EXIT_USAGE,
    interrupted_code,
)
from desktop_app.core import paths
from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.core.errors import ConfigError, DiskFull, HistoryError, ProviderError, TallyError
from desktop_app.core.history.recorder import HistoryRecorder, open_conversation
from desktop_app.core.logs import log_to_file, stop_logging_to
from desktop_app.core.network.blocking_clients import BlockingClientPool
from desktop_app.core.session_blocking import BlockingChatSession
from desktop_app.core.settings.keys import KeyResolver
from desktop_app.core.settings.provider_names import provider_with_id
from desktop_app.core.settings.providers_file import Provider

if TYPE_CHECKING:
    from desktop_app.core.attachments.attachment import Attachment
    from desktop_app.core.history.records import ConversationSummary

# Reasoning is shown dimmer than the answer on a terminal.
_DIM = "\x1b[2m"
_PLAIN = "\x1b[0m"


def run_ask(args: argparse.Namespace) -> int:
    """Stream one answer; returns the exit code."""
    try:
        args.chosen_assistant = chosen_assistant(args)  # its provider and model, unless set
        providers, prompt = read_question(args)
        attachments = read_attachments(args.attach)
    except TallyError as exc:
        fail(str(exc))
        return EXIT_USAGE
    keys = KeyResolver()
    clients = BlockingClientPool(keys.proxy_password)
    if not args.continue_:  # the provider is known: its certificates load meanwhile
        clients.prepare(provider_with_id(providers, args.provider) or providers[0])
    handler = log_to_file()
    store = opened_history(handler)
    if store is None:
        return EXIT_USAGE
    adopted = False
    try:
        if args.continue_:  # the latest answer's provider is found by its id
            adopted = adopt_ids(store, providers)
        latest = latest_conversation(store) if args.continue_ else None
        if args.continue_ and latest is None:
            print("tally: note: no conversation to continue; this starts one.", file=sys.stderr)
        rule = None
        if (args.model or "").casefold() == "auto":  # the routing rules pick, and say so
            from desktop_app.cli.route import auto_choice

            name = args.chosen_assistant.name if args.chosen_assistant else None
            provider, model, routed = auto_choice(
                store, providers, prompt, attachments, name, latest
            )
            rule = routed.rule
        else:
            provider, model = _choice(args, providers, latest)
        billing = Billing(store, providers, read_settings())
        refusal = budget_refusal(billing, over_budget=args.over_budget)
        if refusal is not None:
            fail(refusal)
            return EXIT_OVER_BUDGET
        question = (prompt, attachments)
        return _ask(args, billing, clients, keys, (provider, model, rule), question, latest)
    except TallyError as exc:
        fail(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:  # the answer's line is ended (_ask)
        fail("stopped; the partial answer is above, and saved in the history.")
        return interrupted_code()
    finally:
        clients.close()
        if not adopted:  # after the answer, a damaged file too waits for the next command
            with contextlib.suppress(HistoryError):
                adopt_ids(store, providers)
        store.close()
        # Imported here: the backup's code is not needed before the answer has been printed.
        from desktop_app.cli.backup import take_daily_backup

        take_daily_backup()
        stop_logging_to(handler)


def _choice(
    args: argparse.Namespace, providers: list[Provider], latest: ConversationSummary | None
) -> tuple[Provider, str]:
    """--provider and --model; else, going on with a conversation, the provider (by id, so a
    renamed one too) and model of its last answer; else the first provider and its first model."""
    provider = chosen_provider(args, providers, latest)
    model = args.model
    if not model and latest is not None and provider.id == latest.last_provider:
        model = latest.last_model
    model = model or (provider.models[0] if provider.models else None)
    if not model:
        raise ConfigError(
            f"{provider.name} lists no models in providers.toml: name one with --model."
        )
    return provider, model


def _ask(
    args: argparse.Namespace,
    billing: Billing,
    clients: BlockingClientPool,
    keys: KeyResolver,
    choice: tuple[Provider, str, str | None],
    question: tuple[str, tuple[Attachment, ...]],
    latest: ConversationSummary | None,
) -> int:
    provider, model, rule = choice
    prompt, attachments = question
    if attachments:
        from desktop_app.core.attachments.vision import check_images

        check_images(provider, model, attachments, provider.models)
        print("tally: " + attachments_line(attachments, provider, model), file=sys.stderr)
    clients.prepare(provider)
    conversation = Conversation()
    store = billing.store
    if latest is not None:
        recorder = open_conversation(store, conversation, latest.id, billing, billing.providers)
    else:
        recorder = HistoryRecorder(store, conversation, billing)
    printer = _AnswerPrinter(sys.stdout, sys.stderr, provider, billing)
    session = BlockingChatSession(conversation, clients, keys.resolve)
    asked = conversation_parameters(args, args.chosen_assistant, store, recorder.conversation_id)
    session.parameters = asked.parameters
    session.listeners.append(printer)
    conversation.subscribe(printer)
    try:
        session.send(provider, model, prompt, attachments, rule=rule)
    except KeyboardInterrupt:  # what the part that arrived cost (it is billed), then stop
        printer.end_line()
        printer.summary()
        raise
    printer.end_line()
    with contextlib.suppress(HistoryError):  # a full disk is said below, with the answer's
        remember(store, recorder.conversation_id, asked)
    # The disk was full (or the folder read-only) meanwhile: a last try, then say so.
    unsaved = None if recorder.retry() else recorder.unsaved
    if printer.error is not None:
        fail(str(printer.error))
        if unsaved is not None:
            fail(_not_saved(unsaved))
        return EXIT_PROVIDER_ERROR if printer.started_reply else EXIT_USAGE
    if unsaved is not None:
        fail(_not_saved(unsaved))
        return EXIT_USAGE
    printer.summary()
    return 0


def _not_saved(problem: HistoryError) -> str:
    """What a command says of writes the history refused: the window's words promise to write
    the rest later, which a command that ends now does not."""
    if isinstance(problem, DiskFull):
        return (
            f"the disk holding the history ({paths.history_db().parent}) is full: the answer"
            " above is not saved in the history (what was saved before stays). Free some space"
            " before the next command."
        )
    return str(problem)


@dataclass
class _AnswerPrinter:
    """Writes the answer to stdout as it streams, and everything about it to stderr."""

    out: TextIO
    err: TextIO
    provider: Provider
    billing: Billing
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
            cache = [f"{usage.cached_input_tokens:,} cached"] if usage.cached_input_tokens else []
            if usage.cache_write_tokens:
                cache.append(f"{usage.cache_write_tokens:,} written to the cache")
            cached = f" ({', '.join(cache)})" if cache else ""
            thinking = f" ({usage.reasoning_tokens:,} reasoning)" if usage.reasoning_tokens else ""
            parts.append(f"{approx}{usage.input_tokens:,} in{cached}")
            parts.append(f"{approx}{usage.output_tokens:,} out{thinking}")
            parts.append(self.billing.ledger.money(cost.usd, estimated=cost.estimated))
            if cost.estimated:
                parts.append("tokens not reported, estimated from the text")
        if message.first_token_seconds is not None:
            parts.append(f"first token {message.first_token_seconds:.2f} s")
        parts.append(f"{message.duration_seconds or 0.0:.2f} s")
        reason = message.finish_reason
        if reason == "length":
            parts.append("cut at the token limit")
        elif message.status == "cancelled":
            parts.append("stopped")
        elif reason is None:
            parts.append("the stream ended without saying it was complete")
        elif reason not in ("stop", "end_turn"):
            parts.append(f"finished: {reason}")
        self.err.write("tally: " + " · ".join(parts) + "\n")
        self.err.flush()
