"""What `tally` exits with, for scripts to tell the kinds of failure apart."""

EXIT_PROVIDER_ERROR = 1
"""The provider failed after the answer began (the partial answer is kept)."""
EXIT_USAGE = 2
"""A command used wrongly, or given a file or a setting it cannot use (argparse's code)."""
EXIT_OVER_BUDGET = 3
"""A budget is spent and --over-budget was not given."""
EXIT_INTERRUPTED = 130
"""Ctrl+C, as shells report SIGINT."""
EXIT_BROKEN_PIPE = 141
"""What reads the output went away (a pipe into `head`), as shells report SIGPIPE."""
