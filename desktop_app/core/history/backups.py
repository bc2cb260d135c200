"""Rolling backups of the history: one a day, the last seven, in `<data dir>/backups/`, made
with SQLite's online backup API so that a copy taken while the app writes is still a whole,
consistent database; and the two ways back from a damaged file: restore a backup, or start a
fresh history with the damaged file set aside (never deleted).

A backup is only taken of a file that passes quick_check, and is checked itself before it
takes its place, so a damaged history never pushes a good backup out of the seven.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.core.errors import BackupError, DiskFull, HistoryDamaged
from desktop_app.core.files import PRIVATE_FILE, private_file, private_folder, reason_of
from desktop_app.core.history import checks
from desktop_app.core.history.failures import history_errors, translate
from desktop_app.core.text.messages import t

KEEP = 7
"""How many backups are kept; taking one more removes the oldest."""

_PREFIX, _SUFFIX = "history-", ".sqlite3"
_PARTIAL = ".partial"
"""A copy being written ends so (and its journal, so followed by "-journal")."""
_STALE_SECONDS = 3600
_STAMP = "%Y%m%dT%H%M%SZ"
_COMPANIONS = ("-wal", "-shm")
"""SQLite's files beside a database, which go where it goes."""


@dataclass(frozen=True, slots=True)
class Backup:
    """One backup file and when it was taken."""

    path: Path
    taken_at: datetime
    size: int

    @property
    def name(self) -> str:
        """What `tally backup --restore` takes to pick this one."""
        return self.path.name


def folder(history: Path) -> Path:
    """Where the history's backups are kept."""
    return history.parent / "backups"


def backups(history: Path) -> list[Backup]:
    """The history's backups, newest first."""
    found = []
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        for path in folder(history).iterdir():
            taken_at = _taken_at(path.name)
            if taken_at is not None:
                found.append(Backup(path, taken_at, path.stat().st_size))
    return sorted(found, key=lambda backup: backup.taken_at, reverse=True)


def find(history: Path, name: str | None) -> Backup:
    """The backup called `name` (or whose name starts with it), or the newest for None."""
    known = backups(history)
    if not known:
        raise BackupError(
            t("There are no backups of the history in {folder} yet.", folder=folder(history))
        )
    if name is None:
        return known[0]
    matching = [backup for backup in known if backup.name.startswith(name)]
    if len(matching) != 1:
        listed = ", ".join(backup.name for backup in known)
        if not matching:
            problem = t(
                "No backup is called {name!r}; there are: {listed}.", name=name, listed=listed
            )
        else:
            problem = t(
                "More than one backup is called {name!r}; there are: {listed}.",
                name=name,
                listed=listed,
            )
        raise BackupError(problem)
    return matching[0]


def due(history: Path, now: datetime | None = None) -> bool:
    """Whether today's backup is still to be taken (none yet today, in local time)."""
    if not history.exists():
        return False
    known = backups(history)
    today = (now or datetime.now(UTC)).astimezone().date()
    return not known or known[0].taken_at.astimezone().date() < today


def take(history: Path, now: datetime | None = None) -> Backup:
    """Check the history, copy it into the backups folder and drop the oldest past KEEP.
    Raises HistoryDamaged (no backup is made) for a file that fails its check."""
    taken_at = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    checks.check(history)
    target = folder(history) / f"{_PREFIX}{taken_at.strftime(_STAMP)}{_SUFFIX}"
    # This process's own: two commands backing up at once each write their copy.
    partial = target.with_name(f".{target.name}.{os.getpid()}{_PARTIAL}")
    try:
        private_folder(target.parent)
        _tidy(target.parent)
        private_file(partial)  # the owner's alone from its first byte, as the backup is
        _copy_database(history, partial)
        _verify(partial, history)
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        raise _not_written(exc, target.parent) from exc
    finally:
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            with contextlib.suppress(OSError):  # not there (or no folder): nothing to tidy
                leftover.unlink()
    for old in backups(history)[KEEP:]:
        with contextlib.suppress(OSError):
            old.path.unlink()
    return Backup(target, taken_at, target.stat().st_size)


def _tidy(backups_folder: Path) -> None:
    """Remove what backups killed on their way left (a copy not finished, its journal): gone
    unnoticed, a few of them took more room than the seven backups kept."""
    stale = datetime.now(UTC).timestamp() - _STALE_SECONDS  # no copy takes this long
    for leftover in backups_folder.glob(f".{_PREFIX}*{_PARTIAL}*"):
        with contextlib.suppress(OSError):  # gone meanwhile, or not ours to remove
            if leftover.stat().st_mtime < stale:
                leftover.unlink()


def take_if_due(history: Path) -> Backup | None:
    """Today's backup, if it is still to be taken."""
    return take(history) if due(history) else None


def restore(history: Path, backup: Backup) -> Path | None:
    """Put `backup` in the history's place; the file it replaces is set aside, and where it
    went is returned (None if there was none). The app must not have the history open."""
    _verify(backup.path, history)
    if _in_use(history):
        raise BackupError(
            t(
                "The history is open in Tally (the app, or a `tally` command still running):"
                " close it, then restore."
            )
        )
    aside = set_aside(history, "before-restore")
    copy = history.with_name(f".{history.name}.restoring")
    try:
        shutil.copyfile(backup.path, copy)
        os.chmod(copy, PRIVATE_FILE)
        os.replace(copy, history)
    finally:
        with contextlib.suppress(FileNotFoundError):
            copy.unlink()
    checks.record_checked(history)
    return aside


def _in_use(history: Path) -> bool:
    """Whether another connection has the history open: an exclusive lock, asked for without
    waiting, is refused then. A file that is no database is nobody's to hold."""
    if not history.exists():
        return False
    conn = sqlite3.connect(history, timeout=0, isolation_level=None)
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        return getattr(exc, "sqlite_errorname", "").startswith("SQLITE_BUSY")
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()
    return False


def set_aside(history: Path, why: str) -> Path | None:
    """Move the history (with its -wal and -shm) to `<history>.<why>-<time>` beside it, so a
    fresh one can start; returns the new name, or None if there was no history."""
    if not history.exists():
        return None
    stamp = datetime.now(UTC).strftime(_STAMP)
    aside = history.with_name(f"{history.name}.{why}-{stamp}")
    with history_errors(history):
        for companion in _COMPANIONS:
            source = history.with_name(history.name + companion)
            if source.exists():
                os.replace(source, aside.with_name(aside.name + companion))
        os.replace(history, aside)
    with contextlib.suppress(FileNotFoundError):
        checks.checked_file(history).unlink()
    return aside


def _not_written(error: OSError | sqlite3.Error, where: Path) -> BackupError:
    """A backup the backups folder would not take: a full disk, or no folder to write in."""
    if isinstance(translate(error, where / "backup"), DiskFull):
        reason: str = t("the disk is full")
    else:
        reason = reason_of(error)
    return BackupError(
        t("Tally cannot write a backup in {where} ({reason}).", where=where, reason=reason)
    )


def _copy_database(source: Path, target: Path) -> None:
    """The whole database at one moment, written while other connections go on writing (in
    WAL mode the copy reads one snapshot and holds no writer up). The source passed its
    check just before; what fails here is the writing, told by take()."""
    reading = sqlite3.connect(f"{source.absolute().as_uri()}?mode=ro", uri=True)
    try:
        writing = sqlite3.connect(target)
        try:
            reading.backup(writing)
            # A file of its own, with no -wal beside it to lose (the history is WAL).
            writing.execute("PRAGMA journal_mode = DELETE")
        finally:
            writing.close()
    finally:
        reading.close()
    os.chmod(target, PRIVATE_FILE)


def _verify(copy: Path, history: Path) -> None:
    """Raise BackupError unless `copy` is a whole database that passes quick_check."""
    try:
        with history_errors(copy):
            findings = checks.quick_check(copy)
    except HistoryDamaged:
        findings = ["not a database"]
    if findings != ["ok"]:
        raise BackupError(
            t(
                "The backup {copy} of {history} is damaged too ({finding}); pick another with"
                " `tally backup --list`.",
                copy=copy.name,
                history=history.name,
                finding=findings[0],
            )
        )


def _taken_at(name: str) -> datetime | None:
    if not (name.startswith(_PREFIX) and name.endswith(_SUFFIX)):
        return None
    try:
        moment = datetime.strptime(name[len(_PREFIX) : -len(_SUFFIX)], _STAMP)
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC)
