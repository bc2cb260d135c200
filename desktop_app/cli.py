"""The `tally` command: the desktop app by default, and sub-commands for the terminal."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from desktop_app.cli_ask import EXIT_USAGE, add_ask_arguments, run_ask
from desktop_app.cli_history import add_history_commands, run_history_command
from desktop_app.cli_models import add_models_command, run_models
from desktop_app.cli_spend import add_spend_command, run_spend
from desktop_app.core import paths
from desktop_app.core.errors import TallyError


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
            "Stream one answer to stdout and save it in the history; reasoning, tokens, cost "
            "and timing go to stderr. Exits 0, or non-zero with a one-line error on stderr "
            "(the partial answer stays on stdout and in the history). With no PROMPT, or "
            "PROMPT '-', the prompt is read from stdin."
        ),
    )
    add_ask_arguments(ask)
    add_history_commands(commands)
    add_models_command(commands)
    add_spend_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run `tally`; returns the process exit code."""
    args = build_parser().parse_args(argv)
    if args.data_dir:
        os.environ[paths.DATA_DIR_ENV] = os.path.abspath(args.data_dir)
    if args.command == "ask":
        return run_ask(args)
    commands = {"export": run_history_command, "import": run_history_command}
    commands |= {"models": run_models, "spend": run_spend}
    if args.command in commands:
        try:
            return commands[args.command](args)
        except TallyError as exc:
            print(f"tally: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
    # Imported here: `tally ask` should not pay for loading Qt.
    from desktop_app.ui.app import run_app

    return run_app(sys.argv[:1])
