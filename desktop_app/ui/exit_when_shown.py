"""TALLY_EXIT_WHEN_SHOWN: lets the checks of the built app (packaging/smoke_test.py and
benchmarks/startup_built.py) see the window come up, since nothing can reach inside a frozen
program. Users never set it.

- `window`: once the main window's first frame is painted, print `shown <time.perf_counter()>`
  to stdout, then close the window as the user would (the app shuts down and exits 0).
- `spending`: the same, but first open the spending view (its charts, its table and the
  re-pricing picker) and, once that is painted, print `spending <time.perf_counter()>`.

perf_counter is a system-wide monotonic clock on Linux, macOS and Windows, so the process that
started the app can subtract the moment it started it.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from typing import TYPE_CHECKING

from desktop_app.ui.first_frame import FirstPaint

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from desktop_app.ui.main_window import MainWindow

ENV = "TALLY_EXIT_WHEN_SHOWN"
MODES = ("window", "spending")

log = logging.getLogger(__name__)


def _report(what: str) -> None:
    if sys.stdout is not None:  # a windowed app on Windows has none
        print(f"{what} {time.perf_counter():.6f}", flush=True)


def exit_when_shown(window: MainWindow) -> FirstPaint | None:
    """Watch `window` as $TALLY_EXIT_WHEN_SHOWN asks (call before showing it); None if unset."""
    mode = os.environ.get(ENV)
    if not mode:
        return None
    if mode not in MODES:
        log.warning("%s=%r is not one of %s: ignored", ENV, mode, ", ".join(MODES))
        return None
    log.info("%s=%s: the app closes once it is shown", ENV, mode)

    def shown() -> None:
        _report("shown")
        if mode == "window":
            window.close()
            return
        # Named here: every start imports this module, and naming a Qt class makes its type.
        from PySide6.QtWidgets import QDialog

        try:
            window.open_spending()
        finally:  # if it raised, the app logs why; close rather than wait forever
            dialog = window.findChild(QDialog, "spendingDialog")
            if dialog is None:
                window.close()
            else:
                FirstPaint(dialog, lambda: _spending_shown(window, dialog))

    return FirstPaint(window, shown)


def _spending_shown(window: MainWindow, dialog: QDialog) -> None:
    _report("spending")
    dialog.close()
    window.close()
