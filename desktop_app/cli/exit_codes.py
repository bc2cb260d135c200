"""What `tally` exits with, for scripts to tell the kinds of failure apart."""

EXIT_PROVIDER_ERROR = 1
"""The provider failed after the answer began (the partial answer is kept)."""
EXIT_USAGE = 2
"""A command used wrongly, or given a file or a setting it cannot use (argparse's code)."""
EXIT_OVER_BUDGET = 3
"""A budget is spent and --over-budget was not given."""
EXIT_INTERRUPTED = 130
"""Ctrl+C, as shells report SIGINT."""
EXIT_TERMINATED = 143
"""SIGTERM (`kill`, `timeout`, a job's end), as shells report it; stopped as Ctrl+C stops."""
EXIT_BROKEN_PIPE = 141
"""What reads the output went away (a pipe into `head`), as shells report SIGPIPE."""


_terminated = [False]  # set once SIGTERM came (a list: no `global` statement)


def terminated() -> None:
    """Note that the interrupt on its way is SIGTERM's (cli/main.py turns it into Ctrl+C's)."""
    _terminated[0] = True


def interrupted_code() -> int:
    """What a command stopped by an interrupt exits with: 143 for SIGTERM, 130 for Ctrl+C."""
    return EXIT_TERMINATED if _terminated[0] else EXIT_INTERRUPTED
