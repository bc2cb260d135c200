"""The `tally` command: the desktop app by default, and sub-commands for the terminal."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from collections.abc import Sequence
from contextlib import aclosing
from dataclasses import dataclass, field
from typing import TextIO

from desktop_app.core import paths
from desktop_app.core.chat import make_client, stream_chat
from desktop_app.core.config import Provider, load_providers
from desktop_app.core.errors import ConfigError, ProviderError, TallyError
from desktop_app.core.events import (
    Finish,
    KeepAlive,
    ReasoningDelta,
    Retrying,
    TextDelta,
    Usage,
)
from desktop_app.core.keys import KeyStore, resolve_key
from desktop_app.core.providers.base import ChatRequest, Message
from desktop_app.logs import log_to_file, stop_logging_to

EXIT_PROVIDER_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

# Reasoning is shown dimmer than the answer on a terminal.
_DIM = "\x1b[2m"
_PLAIN = "\x1b[0m"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for `tally` and its sub-commands."""
    parser = argparse.ArgumentParser(
        prog="tally",
        description="Tally, a desktop chat client for LLM APIs. With no command, opens the app.",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"folder for config, history and logs (also ${paths.DATA_DIR_ENV})",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    ask = commands.add_parser(
        "ask",
        help="stream one answer to stdout",
        description=(
            "Stream one answer to stdout; reasoning, tokens and timing go to stderr. Exits 0, "
            "or non-zero with a one-line error on stderr (the partial answer stays on stdout). "
            "With no PROMPT, or PROMPT '-', the prompt is read from stdin."
        ),
    )
    ask.add_argument("--provider", metavar="ID", help="provider id from providers.toml")
    ask.add_argument("--model", metavar="M", help="model name (default: the provider's first)")
    ask.add_argument("--system", metavar="TEXT", help="system prompt")
    ask.add_argument("--temperature", type=float, metavar="T", help="sampling temperature")
    ask.add_argument("--max-tokens", type=int, metavar="N", help="longest answer, in tokens")
    ask.add_argument("prompt", nargs="*", metavar="PROMPT", help="the question")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run `tally`; returns the process exit code."""
    args = build_parser().parse_args(argv)
    if args.data_dir:
        os.environ[paths.DATA_DIR_ENV] = os.path.abspath(args.data_dir)
    if args.command == "ask":
        return _ask(args)
    # Imported here: `tally ask` should not pay for loading Qt.
    from desktop_app.ui.app import run_app

    return run_app(sys.argv[:1])


def _ask(args: argparse.Namespace) -> int:
    handler = log_to_file()
    try:
        return _ask_logged(args)
    finally:
        stop_logging_to(handler)


def _ask_logged(args: argparse.Namespace) -> int:
    try:
        provider, model, key, prompt = _ask_setup(args)
    except TallyError as exc:
        _fail(str(exc))
        return EXIT_USAGE
    chat = ChatRequest(
        model=model,
        messages=(Message("user", prompt),),
        system=args.system,
        temperature=args.temperature,
        max_tokens=args.max_tokens,
    )
    printer = _AnswerPrinter(sys.stdout, sys.stderr, provider, model)
    try:
        asyncio.run(_stream_to(printer, provider, key, chat))
    except KeyboardInterrupt:
        printer.end_line()
        _fail("stopped; the partial answer is above.")
        return EXIT_INTERRUPTED
    except ProviderError as exc:
        printer.end_line()
        _fail(str(exc))
        return EXIT_PROVIDER_ERROR
    printer.summary()
    return 0


def _ask_setup(args: argparse.Namespace) -> tuple[Provider, str, str | None, str]:
    providers = load_providers(paths.providers_file())
    if not providers:
        raise ConfigError(
            f"No providers configured: create {paths.providers_file()} (see the README's "
            "'Providers' section) or add one in the app's settings."
        )
    provider = providers[0]
    if args.provider:
        matching = [p for p in providers if p.id == args.provider]
        if not matching:
            known = ", ".join(p.id for p in providers)
            raise ConfigError(f"No provider with id {args.provider!r}; known: {known}.")
        provider = matching[0]
    model = args.model or (provider.models[0] if provider.models else None)
    if not model:
        raise ConfigError(
            f"{provider.name} lists no models in providers.toml: name one with --model."
        )
    prompt = " ".join(args.prompt)
    if not prompt or prompt == "-":
        prompt = sys.stdin.read() if not sys.stdin.isatty() else ""
    if not prompt.strip():
        raise ConfigError("Nothing to ask: give a PROMPT, or pipe one into stdin.")
    key = resolve_key(provider, KeyStore(), required=provider.needs_key)
    return provider, model, key, prompt


async def _stream_to(
    printer: _AnswerPrinter, provider: Provider, key: str | None, chat: ChatRequest
) -> None:
    async with (
        make_client() as client,
        aclosing(stream_chat(client, provider, key, chat)) as events,
    ):
        async for event in events:
            printer.show(event)


@dataclass
class _AnswerPrinter:
    """Writes the answer to stdout as it streams, and everything about it to stderr."""

    out: TextIO
    err: TextIO
    provider: Provider
    model: str
    started: float = field(default_factory=time.monotonic)
    first_token: float | None = None
    usage: Usage | None = None
    finish: Finish | None = None
    last_char: str = "\n"
    queued_said: bool = False
    reasoning_open: bool = False

    def show(self, event: object) -> None:
        if isinstance(event, TextDelta | ReasoningDelta) and self.first_token is None:
            self.first_token = time.monotonic() - self.started
        if isinstance(event, TextDelta):
            self.close_reasoning()
            self.out.write(event.text)
            self.out.flush()
            self.last_char = event.text[-1]
        elif isinstance(event, ReasoningDelta):
            if not self.reasoning_open and self.err.isatty():
                self.err.write(_DIM)
            self.reasoning_open = True
            self.err.write(event.text)
            self.err.flush()
        elif isinstance(event, KeepAlive) and not self.queued_said:
            self.queued_said = True
            self.err.write(f"tally: {self.provider.name} has queued the request; waiting…\n")
        elif isinstance(event, Retrying):
            self.err.write(
                f"tally: {self.provider.name}: {event.reason}; retrying in {event.delay:.1f} s…\n"
            )
        elif isinstance(event, Usage):
            self.usage = event
        elif isinstance(event, Finish):
            self.finish = event

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
        self.end_line()
        elapsed = time.monotonic() - self.started
        parts = [f"{self.model} via {self.provider.name}"]
        if self.usage:
            u = self.usage
            parts.append(
                f"{u.input_tokens} in"
                + (f" ({u.cached_input_tokens} cached)" if u.cached_input_tokens else "")
            )
            parts.append(
                f"{u.output_tokens} out"
                + (f" ({u.reasoning_tokens} reasoning)" if u.reasoning_tokens else "")
            )
        else:
            parts.append("tokens not reported")
        if self.first_token is not None:
            parts.append(f"first token {self.first_token:.2f} s")
        parts.append(f"{elapsed:.2f} s")
        reason = self.finish.reason if self.finish else None
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
