"""`tally compare`: one question to several models at once, through the window's own path: the
asyncio ChatSession streams every answer concurrently (ChatSession.compare), and the history
recorder saves them as sibling answers of the question and bills each once.

stdout gets every answer's lines as each line completes, prefixed with its model (`[gpt-4.1] `),
so answers streaming side by side stay readable; a line still open when its answer ends is
printed then. Reasoning is not printed (the history keeps it). stderr gets the table of time,
tokens and cost (cli/compare_table.py) and one line per failed answer.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from desktop_app.cli.asking import (
    Billing,
    adopt_ids,
    budget_refusal,
    chosen_provider,
    fail,
    latest_conversation,
    opened_history,
    read_question,
    read_settings,
)
from desktop_app.cli.assistants import flag_parameters
from desktop_app.cli.compare_table import answer_table
from desktop_app.cli.exit_codes import (
    EXIT_BROKEN_PIPE,
    EXIT_OVER_BUDGET,
    EXIT_PROVIDER_ERROR,
    EXIT_USAGE,
    interrupted_code,
)
from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.core.errors import ProviderError, TallyError
from desktop_app.core.history.recorder import HistoryRecorder, open_conversation
from desktop_app.core.logs import log_to_file, stop_logging_to
from desktop_app.core.network.clients import ClientPool
from desktop_app.core.session import ChatSession
from desktop_app.core.settings.keys import KeyResolver

if TYPE_CHECKING:
    from desktop_app.core.history.records import ConversationSummary
    from desktop_app.core.settings.providers_file import Provider

FEWEST_MODELS = 2
MOST_MODELS = 4


def run_compare(args: argparse.Namespace) -> int:
    """Stream the answers of every --model; returns the exit code."""
    count = len(args.models)
    if not FEWEST_MODELS <= count <= MOST_MODELS:
        fail(
            f"compare needs {FEWEST_MODELS} to {MOST_MODELS} models: give --model "
            f"{FEWEST_MODELS} to {MOST_MODELS} times (given {count})."
        )
        return EXIT_USAGE
    try:
        providers, prompt = read_question(args)
    except TallyError as exc:
        fail(str(exc))
        return EXIT_USAGE
    handler = log_to_file()
    store = opened_history(handler)
    if store is None:
        return EXIT_USAGE
    try:
        adopt_ids(store, providers)  # the latest answer's provider is found by its id
        latest = latest_conversation(store) if args.continue_ else None
        provider = chosen_provider(args, providers, latest)
        billing = Billing(store, providers, read_settings())
        refusal = budget_refusal(billing, over_budget=args.over_budget)
        if refusal is not None:
            fail(refusal)
            return EXIT_OVER_BUDGET
        keys = KeyResolver()
        key = keys.resolve(provider)  # a missing key is one error, before anything is sent
        return _compare(args, billing, keys, key, provider, prompt, latest)
    except TallyError as exc:
        fail(str(exc))
        return EXIT_USAGE
    finally:
        store.close()
        from desktop_app.cli.backup import take_daily_backup

        take_daily_backup()
        stop_logging_to(handler)


def _compare(
    args: argparse.Namespace,
    billing: Billing,
    keys: KeyResolver,
    key: str | None,
    provider: Provider,
    prompt: str,
    latest: ConversationSummary | None,
) -> int:
    conversation = Conversation()
    store = billing.store
    if latest is not None:
        recorder = open_conversation(store, conversation, latest.id, billing, billing.providers)
    else:
        recorder = HistoryRecorder(store, conversation, billing)
    printer = _LinePrinter(sys.stdout, labels(args.models))
    conversation.subscribe(printer)
    started = time.monotonic()
    interrupted = 0  # the exit code of a Ctrl+C or a SIGTERM
    try:
        asyncio.run(_stream(args, conversation, printer, keys, key, provider, prompt))
    except KeyboardInterrupt:
        interrupted = interrupted_code()
    printer.end()
    wall = time.monotonic() - started
    # The disk was full (or the folder read-only) meanwhile: a last try, then say so.
    unsaved = None if recorder.retry() else recorder.unsaved
    lanes = printer.lanes
    rows = [(lane.label, lane.message) for lane in lanes]
    sys.stderr.write("\n".join(answer_table(rows, billing, wall)) + "\n")
    failed = [lane for lane in lanes if lane.error is not None]
    for lane in failed:
        fail(f"{lane.label}: {lane.error}")
    if unsaved is not None:
        fail(str(unsaved))
    if interrupted:
        fail("stopped; the answers' parts are above, and saved in the history.")
        return interrupted
    if printer.pipe_closed:
        return EXIT_BROKEN_PIPE
    if failed:
        # A failure before any request (no keyring) is a setup problem, not the provider's.
        provider_failed = any(isinstance(lane.error, ProviderError) for lane in failed)
        return EXIT_PROVIDER_ERROR if provider_failed else EXIT_USAGE
    return EXIT_USAGE if unsaved is not None else 0


async def _stream(
    args: argparse.Namespace,
    conversation: Conversation,
    printer: _LinePrinter,
    keys: KeyResolver,
    key: str | None,
    provider: Provider,
    prompt: str,
) -> None:
    """Stream every answer at once; Ctrl+C (asyncio.run cancels this) stops them all, keeping
    what arrived, marked cancelled."""
    async with ClientPool(keys.proxy_password) as clients:
        session = ChatSession(conversation, clients, lambda _provider: key)
        session.parameters = flag_parameters(args)
        session.listeners.append(printer)
        printer.on_pipe_closed = session.stop
        tasks = session.compare([(provider, model) for model in args.models], prompt)
        try:
            await asyncio.wait(tasks)
        finally:  # cancelled (Ctrl+C): every answer stops, and is saved as it stands
            session.stop()
            await session.wait()
    for task in tasks:  # each answer's own failure is on its message; anything else is a bug
        if not task.cancelled():
            task.result()


def labels(models: Sequence[str]) -> list[str]:
    """What each answer's lines are prefixed with: its model, numbered when it is asked twice."""
    counts = Counter(models)
    seen: Counter[str] = Counter()
    named = []
    for model in models:
        seen[model] += 1
        named.append(f"{model}#{seen[model]}" if counts[model] > 1 else model)
    return named


@dataclass(eq=False)
class _Lane:
    """One answer as printed: its prefix, how much of its text is out, its open line."""

    label: str
    message: ChatMessage
    printed: int = 0
    open_line: str = ""
    error: TallyError | None = None
    waits: set[str] = field(default_factory=set)


class _LinePrinter:
    """Prints the answers' whole lines as they complete, each prefixed with its model; a
    listener of the conversation and of the session."""

    def __init__(self, out: TextIO, labels: list[str]) -> None:
        self.out = out
        self.labels = labels
        self.lanes: list[_Lane] = []
        self._by_message: dict[ChatMessage, _Lane] = {}
        self.pipe_closed = False
        self.on_pipe_closed: Callable[[], None] = lambda: None

    # ConversationListener
    def message_added(self, message: ChatMessage) -> None:
        pass

    def version_added(self, message: ChatMessage) -> None:
        """A comparison's answer, added beside the path in the order the models were given."""
        if message.role == "assistant" and len(self.lanes) < len(self.labels):
            lane = _Lane(self.labels[len(self.lanes)], message)
            self.lanes.append(lane)
            self._by_message[message] = lane

    def message_changed(self, message: ChatMessage) -> None:
        lane = self._by_message.get(message)
        if lane is None:
            return
        text = message.content
        if len(text) <= lane.printed:
            return
        *lines, lane.open_line = (lane.open_line + text[lane.printed :]).split("\n")
        lane.printed = len(text)
        self._write(lane, lines)

    def messages_reset(self) -> None:
        pass

    # SessionListener
    def reply_started(self, message: ChatMessage) -> None:
        pass

    def reply_waiting(self, message: ChatMessage, note: str) -> None:
        lane = self._by_message.get(message)
        if lane is not None and note not in lane.waits:  # say each kind of wait once
            lane.waits.add(note)
            sys.stderr.write(f"tally: {lane.label}: {note}\n")

    def reply_finished(self, message: ChatMessage, error: TallyError | None) -> None:
        lane = self._by_message.get(message)
        if lane is not None:
            lane.error = error
            self.message_changed(message)
            self._close(lane)

    def end(self) -> None:
        """Print the lines still open (an answer stopped by Ctrl+C)."""
        for lane in self.lanes:
            self._close(lane)

    def _close(self, lane: _Lane) -> None:
        if lane.open_line:
            line, lane.open_line = lane.open_line, ""
            self._write(lane, [line])

    def _write(self, lane: _Lane, lines: list[str]) -> None:
        if not lines or self.pipe_closed:
            return
        prefix = f"[{lane.label}]"
        text = "".join(f"{prefix} {line}\n" if line else f"{prefix}\n" for line in lines)
        try:
            self.out.write(text)
            self.out.flush()
        except BrokenPipeError:
            # What reads the output went away (`| head`): stop the answers, as `tally ask`
            # stops, and keep Python from reporting the pipe again at exit.
            self.pipe_closed = True
            with contextlib.suppress(OSError):
                import os

                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, self.out.fileno())
                os.close(devnull)
            self.on_pipe_closed()
