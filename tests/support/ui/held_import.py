"""An import held inside its transaction (the history's write lock taken), for what the window
does meanwhile: the tests of the history menu, and the screenshot of the window during an import
(docs/window_screenshots.py, run by docs/make_screenshots.py import)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from desktop_app.ui.history.importing import ImportRun

Progress = Callable[[ImportRun, int, int], None]


def held_progress(
    writing: threading.Event, gate: threading.Event, *, within: float = 10.0
) -> Progress:
    """ImportRun._progress, which at the import's first write sets `writing` and waits there
    until `gate` is set (at most `within` seconds): to be put in its place."""
    progress = ImportRun._progress

    def held(run: ImportRun, done: int, total: int) -> None:
        if total:  # inside the import's transaction
            writing.set()
            gate.wait(within)
        progress(run, done, total)

    return held
