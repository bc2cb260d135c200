"""The app's log file in the data directory; keys are never logged."""

from __future__ import annotations

import logging
import logging.handlers

from desktop_app.core import paths


def log_to_file() -> logging.Handler | None:
    """Send INFO and above to the data directory's log file; None if it cannot be opened."""
    log_path = paths.log_file()
    try:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            log_path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return handler


def stop_logging_to(handler: logging.Handler | None) -> None:
    """Detach and close a handler from log_to_file()."""
    if handler is not None:
        logging.getLogger().removeHandler(handler)
        handler.close()
