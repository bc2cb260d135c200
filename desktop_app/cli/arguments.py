"""The argument parser of every `tally` command; cli/main.py builds it when the command line
has any words (a bare `tally`, as a double click starts the app, needs none of it)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from desktop_app.core import paths

if TYPE_CHECKING:
    from desktop_app.core.money.spending import Month

SubParsers = argparse._SubParsersAction  # argparse names no public type for it


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser for `tally` and its sub-commands; with `only="ask"`, with that one
    alone (see main)."""
    parser = argparse.ArgumentParser(
        prog="tally",
        description="Tally, a desktop chat client for LLM APIs. With no command, opens the app.",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"folder for config, history and logs (also ${paths.DATA_DIR_ENV})",
    )
    parser.add_argument(
        "--version", action=_VersionAction, help="print the version and the commit, and exit"
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
    _add_ask_arguments(ask)
    if only == "ask":
        return parser
    _add_compare_command(commands)
    _add_history_commands(commands)
    _add_models_command(commands)
    commands.add_parser(
        "assistants",
        help="the assistants and their settings",
        description=(
            "List the assistants (assistants.toml in the data folder, or the ones Tally comes "
            "with until you save your own) with their provider and model, temperature, top_p, "
            "max tokens, thinking budget, past turns sent, and the first line of the system "
            "prompt. `tally ask --assistant NAME` asks as one of them."
        ),
    )
    _add_spend_command(commands)
    _add_route_command(commands)
    _add_search_command(commands)
    _add_backup_command(commands)
    return parser


class _VersionAction(argparse.Action):
    """`tally --version`: "Tally 0.1.0 (abc1234)". The commit is read only when asked for (an
    argparse version string would read it with every command's parser)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from desktop_app.version import describe

        print(describe())
        parser.exit()


def _add_ask_arguments(ask: argparse.ArgumentParser) -> None:
    """The options of `tally ask`."""
    ask.add_argument("--provider", metavar="ID", help="provider id from providers.toml")
    ask.add_argument(
        "--model",
        metavar="M",
        help="model name (default: the provider's first); auto: the one routing.toml's rules pick",
    )
    ask.add_argument(
        "--assistant",
        metavar="NAME",
        help="ask as this assistant (`tally assistants` lists them): its system prompt and "
        "parameters, and its provider and model unless given; the flags below override them",
    )
    ask.add_argument(
        "--attach",
        action="append",
        default=[],
        metavar="FILE",
        help="attach a file: an image, a text or code file, a PDF or DOCX (repeatable)",
    )
    _add_question_arguments(ask)


def _add_question_arguments(command: argparse.ArgumentParser) -> None:
    """The options `tally ask` and `tally compare` share, after --provider and --model."""
    command.add_argument("--system", metavar="TEXT", help="system prompt")
    command.add_argument(
        "--temperature", type=_parameter("temperature"), metavar="T", help="sampling temperature"
    )
    command.add_argument(
        "--top-p", type=_parameter("top_p"), metavar="P", help="nucleus sampling, 0 to 1"
    )
    command.add_argument(
        "--max-tokens", type=_parameter("max_tokens"), metavar="N", help="longest answer, in tokens"
    )
    command.add_argument(
        "--continue",
        dest="continue_",
        action="store_true",
        help="continue the most recent conversation instead of starting a new one",
    )
    command.add_argument(
        "--over-budget",
        action="store_true",
        help="send even though the monthly or daily budget is used up (this once)",
    )
    command.add_argument("prompt", nargs="*", metavar="PROMPT", help="the question")


def _parameter(name: str) -> Callable[[str], float | int]:
    """An argparse type for the parameter `name`: a number in its range, else a usage error."""

    def read(text: str) -> float | int:
        from desktop_app.core.parameters import problem_with

        try:
            value: float | int = int(text) if name == "max_tokens" else float(text)
        except ValueError:
            value = -1.0  # the problem below says what is wanted
        problem = problem_with(name, value)
        if problem is not None:
            raise argparse.ArgumentTypeError(str(problem))
        return value

    return read


def _add_compare_command(commands: SubParsers[argparse.ArgumentParser]) -> None:
    """Add `compare` to the `tally` parser's sub-commands."""
    compare = commands.add_parser(
        "compare",
        help="the same question to several models at once",
        description=(
            "Ask two to four models of one provider the same question at once. Their answers "
            "stream side by side to stdout, each line prefixed with its model ([gpt-4.1] ...) "
            "as it completes; then a table of time to first token, time, tokens and cost goes "
            "to stderr. The question and its answers are saved in the history, the answers as "
            "versions of one another. Exits 0 when every model answered; else non-zero, with "
            "one line on stderr per failed model (the other answers are kept)."
        ),
    )
    compare.add_argument(
        "--provider",
        metavar="ID",
        help="provider id from providers.toml (default: the first; with --continue, the last used)",
    )
    compare.add_argument(
        "--model",
        action="append",
        dest="models",
        required=True,
        metavar="M",
        help="a model to ask: give it two to four times",
    )
    _add_question_arguments(compare)


def _add_history_commands(commands: SubParsers[argparse.ArgumentParser]) -> None:
    """Add `export` and `import` to the `tally` parser's sub-commands."""
    export = commands.add_parser(
        "export",
        help="write conversations to JSON or Markdown",
        description=(
            "Write conversations from the history, archived ones included, as Tally's JSON "
            "export (which `tally import` reads back) or as Markdown to read. Without --output "
            "the export goes to stdout. With --format markdown, an --output that is a folder "
            "(an existing one, or a name without an extension) gets one file per conversation, "
            "named from its title and id; a FILE.md gets them all in one document."
        ),
    )
    export.add_argument(
        "--format",
        choices=("json", "markdown"),
        help="json (the default) or markdown; an --output ending in .md means markdown",
    )
    export.add_argument(
        "--conversation",
        action="append",
        dest="conversations",
        metavar="ID",
        help="only this conversation (repeat for several); default: all of them",
    )
    export.add_argument(
        "--output", metavar="FILE", help="file or folder to write (default: stdout)"
    )
    importing = commands.add_parser(
        "import",
        help="add conversations from an export file",
        description=(
            "Add the conversations in FILE to the history: a Tally JSON export, or the "
            "conversations.json of a ChatGPT data export. Conversations already in the history "
            "are skipped, so importing the same file again adds nothing. A malformed file is "
            "rejected as a whole, with the place that is wrong, and nothing is imported."
        ),
    )
    importing.add_argument("file", metavar="FILE", help="the file to import")


def _add_models_command(commands: SubParsers[argparse.ArgumentParser]) -> None:
    """Add `models` to the `tally` parser's sub-commands."""
    models = commands.add_parser(
        "models",
        help="list the models with their prices",
        description=(
            "List each provider's models (those of providers.toml, then the ones the app "
            "last discovered with Refresh models, from its cache) with their prices in USD per "
            "million tokens (input, cached input, output) and where each price came from: "
            "yours (providers.toml or the settings), the relay's published list, the bundled "
            "genai-prices catalog, or local (a model server on this computer, free)."
        ),
    )
    models.add_argument("--provider", metavar="ID", help="only this provider")


def _add_route_command(commands: SubParsers[argparse.ArgumentParser]) -> None:
    """Add `route` to the `tally` parser's sub-commands."""
    route = commands.add_parser(
        "route",
        help="the provider/model and rule the routing rules pick for a prompt",
        description=(
            "Print the provider/model the routing rules pick for PROMPT (read from stdin with "
            "no PROMPT, or '-'), and the rule that picked it: routing.toml in the data folder, "
            "or the rules Tally ships when there is none. The first rule whose conditions all "
            "hold picks. Exits 1 when no rule matches."
        ),
    )
    route.add_argument(
        "--explain", action="store_true", help="every rule, and why it matched or not"
    )
    route.add_argument("prompt", nargs="*", metavar="PROMPT", help="the question")


def _add_search_command(commands: SubParsers[argparse.ArgumentParser]) -> None:
    """Add `search` to the `tally` parser's sub-commands."""
    search = commands.add_parser(
        "search",
        help="the newest messages that match, with their conversation",
        description=(
            "Search the history as the app's search box does (any part of a word, Chinese "
            'included; "quoted phrases" match as written) and print the newest matching '
            "messages, each under its conversation's full id, date and title. The id is what "
            "`tally export --conversation` takes. Exits 1 when no message matches, as grep does."
        ),
    )
    search.add_argument("query", nargs="+", metavar="QUERY", help="words to look for")
    search.add_argument(
        "--limit", type=int, default=20, metavar="N", help="at most N messages (default 20)"
    )


def _add_backup_command(commands: SubParsers[argparse.ArgumentParser]) -> None:
    """Add `backup` to the `tally` parser's sub-commands."""
    backup = commands.add_parser(
        "backup",
        help="back up the history now, list the backups, or restore one",
        description=(
            "Tally keeps a backup of the history each day (the last seven, in the data "
            "folder's backups/). With no option, take one now. --list shows them, newest "
            "first. --restore puts one back (the newest, or the one NAME names: its file name "
            "or the start of it); the history it replaces is kept beside it, never deleted. "
            "It refuses while the app has the history open."
        ),
    )
    which = backup.add_mutually_exclusive_group()
    which.add_argument("--list", action="store_true", help="list the backups")
    which.add_argument(
        "--restore",
        nargs="?",
        const="",
        metavar="NAME",
        help="restore the newest backup, or the one named NAME",
    )


def _add_spend_command(commands: SubParsers[argparse.ArgumentParser]) -> None:
    """Add `spend` to the `tally` parser's sub-commands."""
    spend = commands.add_parser(
        "spend",
        help="what you spent, per model and per day",
        description=(
            "Show what a month's answers cost, per model (answers, tokens, cost) and per day, "
            "with the month's total and today's, in the currency of settings.toml; then what "
            "the same tokens would have cost on the seed's four models, or on each --reprice "
            "MODEL side by side with the actual cost. Answers in deleted conversations count: "
            "that money was spent. With --routing FILE: the month's answers as sent against "
            "with those routing rules, per rule and per model, and how often each rule's "
            "answers were escalated."
        ),
    )
    spend.add_argument(
        "--month",
        type=_month,
        metavar="YYYY-MM",
        help="the month to show, in local time (default: this month)",
    )
    spend.add_argument(
        "--reprice",
        action="append",
        metavar="MODEL",
        help=(
            "price the month's tokens on MODEL too (repeat for several): PROVIDER/MODEL for a "
            "provider of providers.toml, or a model name found there or in the bundled catalog"
        ),
    )
    spend.add_argument(
        "--routing",
        metavar="FILE",
        help="backtest these routing rules (a routing.toml) on the month's answers",
    )


def _month(text: str) -> Month:
    from desktop_app.core.money.spending import Month

    try:
        return Month.parse(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a month: write it as YYYY-MM, for example 2025-03"
        ) from None
