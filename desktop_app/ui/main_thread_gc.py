"""Cyclic garbage collection on the Qt main thread only.

Python runs its cyclic collector on whichever thread happens to allocate. When that is a worker
thread (the demo simulator, keyring calls), Qt objects caught in a cycle are freed there, Qt
cannot unregister their timers from the wrong thread, and the next timer event crashes the app.
So automatic collection is switched off and a timer on the main thread collects instead, as
often as the collector's own thresholds would have.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

_INTERVAL_MS = 500


class MainThreadCollector(QObject):
    """Owns the timer; create one on the main thread and keep it for the app's lifetime."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(_INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        gc.disable()
        self._timer.start()

    def collect(self) -> None:
        """Collect the generations whose allocation counts passed their thresholds."""
        counts = gc.get_count()
        thresholds = gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return

    def stop(self) -> None:
        """Give collection back to Python (at shutdown)."""
        self._timer.stop()
        gc.enable()
        gc.collect()
