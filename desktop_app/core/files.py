"""Files of the data folder: private to the user who owns them (the folder 0700, files 0600, on
POSIX), and written so that a crash never leaves half of one (the providers file, the settings,
the model cache)."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


def private_folder(path: Path) -> None:
    """Create `path` and whatever of its parents is missing, each one only its owner may open
    (as the XDG base directory spec asks of the data home)."""
    missing = []
    while not path.exists() and path.parent != path:
        missing.append(path)
        path = path.parent
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)


def private_file(path: Path) -> None:
    """Create `path` empty, readable by its owner only, unless it exists: for a file another
    library then opens (SQLite gives its -wal and -shm files the same mode). A file that exists
    is not opened at all: closing any handle on a database drops every lock the process holds
    on it (POSIX locks), and another process would then take a connection still open here for
    none, fold the write-ahead log into the file and delete it under that connection."""
    private_folder(path.parent)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))


def make_private(folder: Path, own: Iterable[Path]) -> None:
    """Take group and other access off `folder` and the files and folders of `own` in it (and
    what Tally's own folders hold), for a data folder an older Tally made 0755 with 0644 files;
    nothing else in it is touched, and nothing on Windows, where permissions work otherwise."""
    if os.name != "posix" or not folder.is_dir():
        return
    _restrict(folder)
    for path in own:
        _restrict(path)
        if path.is_dir() and not path.is_symlink():
            for inside in path.iterdir():
                _restrict(inside)


def _restrict(path: Path) -> None:
    with contextlib.suppress(OSError):  # not there, another user's, or gone meanwhile
        mode = stat.S_IMODE(path.lstat().st_mode)
        if mode & 0o077 and not path.is_symlink():
            path.chmod(mode & 0o700)  # the owner's own bits stay as they were


def replace_atomically(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write a file so that a crash leaves either the old file or the new one, never a mix; the
    new file is readable by its owner only (mkstemp makes it 0600). `durable=False` skips the
    fsyncs, for a file whose loss in a power cut costs nothing but some work again."""
    private_folder(path.parent)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            if durable:
                os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    if durable and os.name == "posix":
        # Make the rename itself durable. Windows cannot open a folder for this, and some file
        # systems refuse it; the new file is in place either way.
        with contextlib.suppress(OSError):
            folder = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(folder)
            finally:
                os.close(folder)


def keep_aside(path: Path, data: bytes) -> Path:
    """Write `data` (a file's bytes about to be replaced) to `path`.bak, or .bak.2, .bak.3 … when
    that is taken, and return where: a hand-edited file that does not load is kept, never lost."""
    backup = path.with_name(f"{path.name}.bak")
    number = 1
    while backup.exists():
        number += 1
        backup = path.with_name(f"{path.name}.bak.{number}")
    replace_atomically(backup, data)
    return backup


def reason_of(error: BaseException) -> str:
    """What went wrong with a file, in the words of a message that names the file already:
    "No such file or directory", not "[Errno 2] No such file or directory: 'x.toml'"."""
    return getattr(error, "strerror", None) or str(error)
