"""The app's log file in the data directory; keys are never logged.

The file is rotated when the app starts, not while it runs: once it is over a megabyte it
becomes tally.log.1 (and .1 becomes .2, up to three old files). logging.handlers, whose
RotatingFileHandler rotates while writing, would cost the start some 5 ms (it loads socket,
pickle and queue), and a session does not log a megabyte: a few lines a request.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from desktop_app.core import paths
from desktop_app.core.files import private_file

ROTATE_AT = 1_000_000  # bytes
OLD_FILES = 3


def log_to_file() -> logging.Handler | None:
    """Send INFO and above to the data directory's log file; None if it cannot be opened."""
    log_path = paths.log_file()
    rotate(log_path)
    try:
        private_file(log_path)
        handler: logging.Handler = _LogFile(log_path, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    # httpx logs each request at INFO with the status line as the server wrote it, which a
    # hostile server fills with the key: Tally logs its requests itself, redacted.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    return handler


class _LogFile(logging.FileHandler):
    """The log file, which gives up quietly on a line it cannot write (a full disk): the
    problem reaches the user through the history's own message, not as logging's traceback
    on stderr in the middle of an answer."""

    def handleError(self, record: logging.LogRecord) -> None:
        pass


def rotate(log_path: Path) -> None:
    """If the log is over ROTATE_AT bytes, shift it to .1 (.1 to .2, ...; the oldest goes).
    A log another Tally has open (Windows refuses to rename it) is left as it is."""
    try:
        if log_path.stat().st_size <= ROTATE_AT:
            return
        for number in range(OLD_FILES - 1, 0, -1):
            older = log_path.with_name(f"{log_path.name}.{number}")
            if older.exists():
                os.replace(older, log_path.with_name(f"{log_path.name}.{number + 1}"))
        os.replace(log_path, log_path.with_name(f"{log_path.name}.1"))
    except OSError:
        return


def stop_logging_to(handler: logging.Handler | None) -> None:
    """Detach and close a handler from log_to_file(), and let httpx log as it would."""
    if handler is not None:
        logging.getLogger().removeHandler(handler)
        handler.close()
        logging.getLogger("httpx").setLevel(logging.NOTSET)
