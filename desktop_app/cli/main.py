"""The `tally` command: the desktop app by default, and sub-commands for the terminal.

Its parser (cli/arguments.py) is built only for a command line with words. A command's own
module (cli/ask.py, compare.py, history.py, models.py, spend.py, search.py, backup.py), and what
it needs, is imported once the command is chosen: the desktop app starts here too, and loads
none of them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from desktop_app.cli.exit_codes import EXIT_BROKEN_PIPE, EXIT_USAGE, interrupted_code, terminated
from desktop_app.core import paths
from desktop_app.core.errors import TallyError
from desktop_app.core.files import make_private

if TYPE_CHECKING:  # signal and threading are loaded with a command: the app's start has neither
    from signal import Handlers
    from types import FrameType


def main(argv: Sequence[str] | None = None) -> int:
    """Run `tally`; returns the process exit code."""
    args = parse_arguments(argv)
    if args.data_dir:
        os.environ[paths.DATA_DIR_ENV] = os.path.abspath(args.data_dir)
    make_private(paths.data_dir(), paths.own_files())
    if args.command is not None:
        # Here, with the commands: the desktop app's start has no words to check.
        from desktop_app.cli.prompt_words import check_text_arguments

        before = _stop_on_sigterm()
        try:
            check_text_arguments(args)
            return _run_command(args)
        except TallyError as exc:
            print(f"tally: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        except KeyboardInterrupt:  # outside an answer (ask's own says what was kept)
            print(file=sys.stderr)
            return interrupted_code()
        except BrokenPipeError:
            # What reads the output has gone (`tally ask ... | head`): stop quietly, as other
            # Unix tools do, and keep Python from complaining again when it flushes stdout.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return EXIT_BROKEN_PIPE
        finally:
            if before is not None:
                import signal

                signal.signal(signal.SIGTERM, before)
    # Imported here: the commands should not pay for loading Qt.
    from desktop_app.ui.app import run_app

    return run_app(sys.argv[:1])


def _stop_on_sigterm() -> Handlers | int | Callable[[int, FrameType | None], object] | None:
    """SIGTERM (`kill`, `timeout`, a cron job's end) stops a command as Ctrl+C does (a SIGINT
    of its own, so that asyncio's handling of it in `tally compare` stops every answer), where
    it killed it outright: an answer that was streaming stayed "streaming", unbilled though the
    provider billed it. Returns the handler it replaced (None where none can be set)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None

    def stop(signum: int, frame: FrameType | None) -> None:
        terminated()
        if callable(signal.getsignal(signal.SIGINT)):
            signal.raise_signal(signal.SIGINT)  # to its handler (asyncio's, in `tally compare`)
        else:  # SIGINT ignored (a job started in the background): stop all the same
            raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, stop)


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line read as build_parser() reads it. A bare `tally`, as a double click
    starts the app, has nothing to read: no parser is built (every command's, and argparse's
    translations load `locale`: some 2-3 ms of the app's start)."""
    words = list(sys.argv[1:] if argv is None else argv)
    if not words:
        return argparse.Namespace(data_dir=None, command=None)
    from desktop_app.cli.arguments import build_parser

    return build_parser(_asked(words)).parse_args(words)


def _asked(argv: Sequence[str] | None) -> str | None:
    """ "ask" when `argv` is plainly `[--data-dir DIR] ask ...`, else None. A terminal answer's
    start is timed (issue 14): its parser is built without the other commands' (a few ms of
    the start), which it never needs. Anything else (`--help`, an abbreviated option, a typo)
    gets the whole parser, and its usual help and errors."""
    words = list(sys.argv[1:] if argv is None else argv)
    at = 0
    while at < len(words):
        if words[at] == "--data-dir":
            at += 2
        elif words[at].startswith("--data-dir="):
            at += 1
        else:
            return "ask" if words[at] == "ask" else None
    return None


def _run_command(args: argparse.Namespace) -> int:
    """Run a sub-command; a TallyError out of it is the caller's to print (`ask` prints its
    own, after the partial answer)."""
    if args.command == "ask":
        from desktop_app.cli.ask import run_ask

        return run_ask(args)
    if args.command == "compare":
        from desktop_app.cli.compare import run_compare

        return run_compare(args)
    if args.command == "assistants":
        from desktop_app.cli.assistants import run_assistants

        return run_assistants(args)
    if args.command == "models":
        from desktop_app.cli.models import run_models

        return run_models(args)
    if args.command == "spend":
        from desktop_app.cli.spend import run_spend

        return run_spend(args)
    if args.command == "route":
        from desktop_app.cli.route import run_route

        return run_route(args)
    if args.command == "search":
        from desktop_app.cli.search import run_search

        return run_search(args)
    if args.command == "backup":
        from desktop_app.cli.backup import run_backup

        return run_backup(args)
    from desktop_app.cli.history import run_history_command  # export, import

    return run_history_command(args)
