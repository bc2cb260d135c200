"""`tally backup`: take a backup of the history now, list the backups, or restore one.

The app and `tally ask`/`tally import` take one a day by themselves (the last seven are kept);
this command is for the moments between, and for the way back from a damaged history.
"""

from __future__ import annotations

import argparse
import sys

from desktop_app.core import paths
from desktop_app.core.errors import BackupError, TallyError
from desktop_app.core.history import backups


def run_backup(args: argparse.Namespace) -> int:
    """Run `tally backup`; returns 0 or raises TallyError."""
    history = paths.history_db()
    if args.list:
        _list(backups.backups(history))
        return 0
    if args.restore is not None:
        chosen = backups.find(history, args.restore or None)
        aside = backups.restore(history, chosen)
        kept = f"; the history it replaced is kept as {aside}" if aside else ""
        _say(f"restored the backup of {_when(chosen)} ({chosen.name}){kept}.")
        return 0
    if not history.exists():
        raise BackupError(f"There is no history to back up yet ({history}).")
    made = backups.take(history)
    _say(f"backed up the history to {made.path} ({_size(made.size)}).")
    return 0


def take_daily_backup() -> None:
    """Today's backup, if it is still to be taken, after a command that wrote to the history:
    quietly, as the command's own output ends with its last line; a failure is said on stderr
    and does not change what the command exits with."""
    try:
        backups.take_if_due(paths.history_db())
    except TallyError as exc:
        _say(f"note: today's backup of the history was not made: {exc}")


def _list(found: list[backups.Backup]) -> None:
    if not found:
        _say("no backups yet; the first is taken today, or now with `tally backup`.")
        return
    for backup in found:
        sys.stdout.write(f"{backup.name}  {_when(backup)}  {_size(backup.size)}\n")
    _say(f"{len(found)} of the last {backups.KEEP} kept in {found[0].path.parent}")


def _when(backup: backups.Backup) -> str:
    return backup.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MiB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KiB"


def _say(text: str) -> None:
    print(f"tally: {text}", file=sys.stderr)
