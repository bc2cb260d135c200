"""The window's small writes while another writer of the app holds the history's write lock
(the window's import, which writes in one transaction for as long as it runs): a write asked
for meanwhile (a rename, a pin, an assistant chosen) is kept, in order, and made once the hold
ends, instead of failing, or waiting for the lock on the GUI thread. The recorder keeps the
messages it could not write itself (recorder.py): it retries them."""

from __future__ import annotations

import logging
from collections.abc import Callable

log = logging.getLogger(__name__)


class HeldWrites:
    """Whether the history's writes are held, and the writes kept until they are not."""

    def __init__(self) -> None:
        self.active = False
        """While True, a write of the store raises HistoryBusy at once (store._write)."""
        self._kept: list[Callable[[], object]] = []

    def hold(self) -> None:
        """Hold the writes from now on (an import is about to write)."""
        self.active = True

    def run(self, write: Callable[[], object]) -> bool:
        """Make `write` now, or keep it for release() while the writes are held: True if it
        was made now."""
        if self.active:
            self._kept.append(write)
            return False
        write()
        return True

    @property
    def kept(self) -> int:
        """How many writes wait for release()."""
        return len(self._kept)

    def release(self) -> None:
        """End the hold and make the writes kept meanwhile, in the order they were asked for.
        Each is made, whatever the others do; the first error raised is raised after the last
        (the others are logged)."""
        self.active = False
        kept, self._kept = self._kept, []
        first: Exception | None = None
        for write in kept:
            try:
                write()
            except Exception as error:  # raised below, once all were tried
                if first is None:
                    first = error
                else:
                    log.error("a write kept during an import failed: %s", error)
        if first is not None:
            raise first
