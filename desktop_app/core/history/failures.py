"""What SQLite and the file system say when the history cannot be used, turned into Tally's
errors with one line that names the file and says what to do (DESIGN.md promise 6).

SQLite reports a damaged file, a full disk, a read-only folder and a write lock held elsewhere
all as sqlite3.DatabaseError (or its OperationalError), told apart by `sqlite_errorname`;
everything else (a constraint) is left as it is, for the code that expects it.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop_app.core.errors import (
    DiskFull,
    HistoryBusy,
    HistoryDamaged,
    HistoryError,
    HistoryUnreadable,
)
from desktop_app.core.files import reason_of
from desktop_app.core.text.messages import t

_DAMAGED = ("SQLITE_NOTADB", "SQLITE_CORRUPT")
_UNREADABLE = ("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH")
_FULL = ("SQLITE_FULL",)
_BUSY = ("SQLITE_BUSY", "SQLITE_LOCKED")


def damaged(path: Path, detail: str) -> HistoryDamaged:
    """The error for a history that SQLite cannot read or that fails its check."""
    return HistoryDamaged(
        t(
            "The history {path} is damaged ({detail}). Tally has not changed it; restore a"
            " backup with `tally backup --restore`, or open the app to restore one or start a"
            " fresh history with the damaged file kept aside.",
            path=path,
            detail=detail,
        ),
        detail=detail,
    )


def disk_full(path: Path) -> DiskFull:
    """The error for a write that found no room on the history's disk."""
    return DiskFull(
        t(
            "The disk holding the history ({folder}) is full: what was written before is kept,"
            " the rest is not saved yet. Free some space; Tally saves it with the next write.",
            folder=path.parent,
        )
    )


def busy(path: Path) -> HistoryBusy:
    """The error for a write that found the history's write lock held by another writer."""
    return HistoryBusy(
        t(
            "The history {path} is busy: an import is writing to it. What is not saved yet is"
            " kept, and saved once the import is done.",
            path=path,
        )
    )


def unreadable(path: Path, detail: str) -> HistoryUnreadable:
    """The error for a history whose file or folder cannot be opened or written."""
    return HistoryUnreadable(
        t(
            "Tally cannot use the history {path} ({detail}): make sure the file and its folder"
            " belong to you and can be read and written.",
            path=path,
            detail=detail,
        ),
        detail=detail,
    )


def translate(error: BaseException, path: Path) -> HistoryError | None:
    """The Tally error `error` stands for, on the history at `path`; None for one that is not
    about the file (a busy database, a constraint, a programming error)."""
    if isinstance(error, sqlite3.DatabaseError):
        name = getattr(error, "sqlite_errorname", "") or ""
        text = str(error)
        if name.startswith(_DAMAGED) or text in (
            "file is not a database",
            "database disk image is malformed",
        ):
            return damaged(path, text)
        if name.startswith(_FULL) or text == "database or disk is full":
            return disk_full(path)
        if name.startswith(_BUSY) or text in ("database is locked", "database table is locked"):
            return busy(path)
        if name.startswith(_UNREADABLE) or text.startswith(
            ("unable to open database file", "attempt to write a readonly database")
        ):
            return unreadable(path, text)
        if name.startswith("SQLITE_IOERR") or text == "disk I/O error":
            if _disk_is_full(path):
                return disk_full(path)
            return unreadable(path, "not a file" if path.is_dir() else text)
        return None
    if isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return disk_full(path)
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.EISDIR, errno.ENOTDIR):
            return unreadable(path, reason_of(error))
    return None


@contextmanager
def history_errors(path: Path) -> Iterator[None]:
    """Raise what translate() makes of an error inside the block; others pass unchanged."""
    try:
        yield
    except (sqlite3.DatabaseError, OSError) as exc:
        mapped = translate(exc, path)
        if mapped is None:
            raise
        raise mapped from exc


def _disk_is_full(path: Path) -> bool:
    """Whether the history's file system has no room left: SQLite reports a failed write of
    the WAL or a journal as an I/O error, not as SQLITE_FULL."""
    try:
        return shutil.disk_usage(path.parent).free < 64 * 1024
    except OSError:
        return False
