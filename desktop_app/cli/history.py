"""`tally export` and `tally import`: the history to files and back.

Errors are raised as TallyError for cli.main to print as its one-line `tally: error: ...`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TextIO

from desktop_app.cli.backup import take_daily_backup
from desktop_app.core import paths
from desktop_app.core.errors import ConfigError
from desktop_app.core.files import reason_of
from desktop_app.core.history.opening import open_history
from desktop_app.core.history.provider_ids import adopt_provider_ids
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.settings.providers_file import Provider, load_providers
from desktop_app.core.transfer.export import save_export, write_export
from desktop_app.core.transfer.export_markdown import write_markdown_folder
from desktop_app.core.transfer.exported import Counted, each_conversation
from desktop_app.core.transfer.importer import import_file

_MARKDOWN_SUFFIXES = (".md", ".markdown")


def run_history_command(args: argparse.Namespace) -> int:
    """Run `export` or `import`; returns 0 or raises TallyError."""
    store = open_history(paths.history_db())
    try:
        if args.command == "export":
            _export(store, args, _providers(store, needed=False))
        else:
            _import(store, Path(args.file), _providers(store, needed=True))
    finally:
        store.close()
    if args.command == "import":
        take_daily_backup()
    return 0


def _providers(store: HistoryStore, *, needed: bool) -> list[Provider]:
    """The providers now, with the history's old provider names turned into their ids. An
    export does without them when the file is broken (it shows the names recorded); an import
    of an old export needs them, so the file's error is the command's."""
    try:
        providers = load_providers(paths.providers_file())
    except ConfigError:
        if needed:
            raise
        return []
    adopt_provider_ids(store, providers)
    return providers


def _export(store: HistoryStore, args: argparse.Namespace, providers: list[Provider]) -> None:
    output = Path(args.output) if args.output else None
    markdown = args.format == "markdown" or (
        args.format is None and output is not None and output.suffix.lower() in _MARKDOWN_SUFFIXES
    )
    if not markdown and output is not None and output.is_dir():
        raise ConfigError(f"{output} is a folder: give a file name for the JSON export.")
    conversations = Counted(each_conversation(store, args.conversations, providers))

    def counts() -> str:  # once written: each conversation is read as its turn comes
        return _plural(conversations.conversations, "conversation") + (
            f" ({_plural(conversations.messages, 'message')})"
        )

    if output is None:
        if _to_stdout(partial(write_export, conversations, markdown=markdown)):
            _say(f"exported {counts()}")
    elif markdown and _names_a_folder(output, args.output):
        try:
            files = write_markdown_folder(conversations, output)
        except OSError as exc:
            raise ConfigError(f"Cannot write to {output}: {reason_of(exc)}.") from exc
        _say(f"exported {counts()} to {output}{os.sep} as {_plural(len(files), 'file')}")
    else:
        save_export(conversations, output, markdown=markdown)
        _say(f"exported {counts()} to {output}")


def _import(store: HistoryStore, file: Path, providers: list[Provider]) -> None:
    result = import_file(store, file, providers)
    line = f"imported {_plural(result.conversations_added, 'conversation')} " + (
        f"({_plural(result.messages_added, 'message')})"
    )
    if result.conversations_skipped:
        line += f"; skipped {result.conversations_skipped} already present"
    _say(line)


def _names_a_folder(path: Path, as_typed: str) -> bool:
    """An existing folder, a name ending in a separator, or a name without an extension."""
    return path.is_dir() or as_typed.endswith(("/", os.sep)) or not path.suffix


def _to_stdout(write: Callable[[TextIO], object]) -> bool:
    """Write to stdout; returns False when its reader stopped early (`tally export | head`),
    which is not an error."""
    try:
        write(sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would report the pipe again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return False
    return True


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _say(line: str) -> None:
    print(f"tally: {line}", file=sys.stderr)
