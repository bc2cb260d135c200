"""Reads of the history that grow with it, kept off the GUI thread (Anki's QueryOp is the model).

    reads = HistoryReads(self, store)       # in a widget's __init__: the widget owns them
    reads.run("search", lambda history: history.search(text), self._show_hits)

`op` runs on a worker thread and is given a read-only HistoryStore there, with a connection of
its own (HistoryStore.reader()), so it neither waits for the window's writes nor holds them up.
`success(result)` then runs on the GUI thread, unless the result went stale: a newer read of
the same name started (the user typed on, switched month) or the owner closed. A failure goes
to `failure` if given, else to the app's one presenter of errors (sys.excepthook, which
ui/app.py points at it). An op must not touch a widget: it runs on another thread.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRunnable, QThreadPool, Signal

from desktop_app.core.history.store import HistoryStore

T = TypeVar("T")

WORKER_THREADS = 2
"""Reads at once: more would only compete for the machine's cores with the GUI thread."""


class HistoryReads:
    """The reads one widget or dialog owns, by name; dropped when the owner closes."""

    def __init__(self, owner: QObject, store: HistoryStore) -> None:
        self.store = store
        self._latest: dict[str, _Read] = {}
        self._closed = False
        self._watch = _CloseWatch(owner, self)
        # A plain object, not the owner's child: a read that arrives after the owner is gone
        # must find its state here, not a deleted Qt object.
        owner.destroyed.connect(self.cancel_all)

    def run(
        self,
        name: str,
        op: Callable[[HistoryStore], T],
        success: Callable[[T], object],  # what it returns is not used
        failure: Callable[[Exception], None] | None = None,
    ) -> None:
        """Start `op` on a worker; the read it replaces, if still running, is dropped. Nothing
        starts once the owner has closed (until it is shown again)."""
        if self._closed:
            return
        self._watch.follow_window()
        self.cancel(name)
        read = _Read(self, name, op, success, failure)
        self._latest[name] = read
        _start(read)

    def pending(self, name: str | None = None) -> bool:
        """Whether the read `name` (None: any read) has a result still to apply."""
        return bool(self._latest) if name is None else name in self._latest

    def cancel(self, name: str) -> None:
        """Drop the read `name`: it is not started if it is still waiting for a thread."""
        read = self._latest.pop(name, None)
        if read is not None:
            read.dropped = True

    def cancel_all(self) -> None:
        """Drop every read (the owner is closing)."""
        for name in list(self._latest):
            self.cancel(name)

    def _owner_closed(self, closed: bool) -> None:
        self._closed = closed
        if closed:
            self.cancel_all()

    def _arrived(self, read: _Read) -> None:
        if self._latest.get(read.name) is not read:
            return  # stale: a newer read of this name, or the owner closed
        del self._latest[read.name]
        if read.error is None:
            read.success(read.result)
        elif read.failure is not None:
            read.failure(read.error)
        else:
            present(read.error)


def present(error: Exception) -> None:
    """Hand an error to the app's one presenter of errors (sys.excepthook: ui/app.py)."""
    sys.excepthook(type(error), error, error.__traceback__)


class _Read(QRunnable):
    """One op and what became of it; run by the pool, handed back through the relay."""

    def __init__(
        self,
        reads: HistoryReads,
        name: str,
        op: Callable[[HistoryStore], Any],
        success: Callable[[Any], object],
        failure: Callable[[Exception], None] | None,
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # _in_flight holds it until it is back on the GUI thread
        self.reads, self.name, self.op = reads, name, op
        self.success, self.failure = success, failure
        self.store = reads.store
        self.dropped = False
        self.result: Any = None
        self.error: Exception | None = None

    def run(self) -> None:
        if not self.dropped:  # a read dropped while it waited for a thread is not worth doing
            try:
                with self.store.reader() as history:
                    self.result = self.op(history)
            # Handed to the GUI thread, where failure() or the presenter deals with it, as an
            # asyncio Task keeps its exception: nothing may escape a worker thread unseen.
            except Exception as error:
                self.error = error
        _relay().arrived.emit(self)

    def release(self) -> None:
        """Let go of the op, the callbacks (widgets' methods) and the result, on the GUI thread:
        the worker may hold the read last, and no Qt object may be freed there."""
        self.op = self.success = _ignore
        self.failure = self.result = self.error = None


class _Relay(QObject):
    """Lives on the GUI thread: a signal emitted to it from a worker is delivered there."""

    arrived = Signal(object)

    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)
        self.arrived.connect(self._deliver)

    def _deliver(self, read: _Read) -> None:
        _in_flight.discard(read)
        try:
            if not read.dropped:
                read.reads._arrived(read)
        finally:
            read.release()


class _CloseWatch(QObject):
    """Tells the reads when their owner, or the window it is in, closes or shows again."""

    def __init__(self, owner: QObject, reads: HistoryReads) -> None:
        super().__init__(owner)
        self.owner, self.reads = owner, reads
        owner.installEventFilter(self)

    def follow_window(self) -> None:
        window = getattr(self.owner, "window", None)
        top = window() if callable(window) else None
        if isinstance(top, QObject) and top is not self.owner:
            top.installEventFilter(self)  # installing again only moves it to the front

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.reads._owner_closed(True)
        elif event.type() == QEvent.Type.Show and watched is self.owner:
            self.reads._owner_closed(False)
        return False


def _ignore(*_: object) -> None:
    pass


_in_flight: set[_Read] = set()
_pool: QThreadPool | None = None
_relay_object: _Relay | None = None


def in_flight() -> int:
    """Reads started and not yet back on the GUI thread, stale ones included (tests)."""
    return len(_in_flight)


def _start(read: _Read) -> None:
    global _pool
    if _pool is None:
        _pool = QThreadPool(QCoreApplication.instance())
        _pool.setMaxThreadCount(WORKER_THREADS)
    _relay()  # made here, on the GUI thread, before a worker needs it
    _in_flight.add(read)
    _pool.start(read)


def _relay() -> _Relay:
    global _relay_object
    if _relay_object is None:
        _relay_object = _Relay(QCoreApplication.instance())
    return _relay_object
