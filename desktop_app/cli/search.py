"""`tally search`: the newest messages that match, each with its conversation's full id (for
`tally export --conversation`), its title, its date and a snippet."""

from __future__ import annotations

import argparse
import sys

from desktop_app.cli.exit_codes import EXIT_USAGE
from desktop_app.core import paths
from desktop_app.core.history.opening import open_history
from desktop_app.core.history.search import CLOSE, OPEN
from desktop_app.core.text.one_line import one_line

EXIT_NOTHING_FOUND = 1
"""No message matches, as grep exits: `tally search WORDS && ...` runs on a hit only."""


def run_search(args: argparse.Namespace) -> int:
    """Print the newest matching messages; 1 when none matches."""
    query = " ".join(args.query).strip()
    if not query or args.limit < 1:
        said = "give words to search for" if not query else "--limit must be 1 or more"
        print(f"tally: error: {said}.", file=sys.stderr)
        return EXIT_USAGE
    with open_history(paths.history_db()) as store:
        hits = store.search(query, limit=args.limit)
    for hit in hits:
        when = hit.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        # On one line and without control characters: an answer's ESC sequence or a title
        # from an imported file would otherwise run in the terminal.
        snippet = one_line(hit.snippet.replace(OPEN, "").replace(CLOSE, ""))
        sys.stdout.write(f"{hit.conversation_id}  {when}  {one_line(hit.conversation_title)}\n")
        sys.stdout.write(f"    {snippet}\n")
    found = f"{len(hits)} message{'' if len(hits) == 1 else 's'}"
    print(f"tally: {found} found" + (" (the newest)" if len(hits) == args.limit else ""),
          file=sys.stderr)  # fmt: skip
    return 0 if hits else EXIT_NOTHING_FOUND
