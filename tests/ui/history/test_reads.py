"""HistoryReads: reads of a real history file on a worker thread, results on the GUI thread,
stale ones dropped, failures to the presenter, nothing applied once the owner has closed."""

from __future__ import annotations

import sqlite3
import sys
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop_app.core.errors import HistoryError
from desktop_app.core.history.store import HistoryStore
from desktop_app.ui.app import UnexpectedErrorPresenter
from desktop_app.ui.error_banner import ErrorBanner
from desktop_app.ui.history import reads as history_reads
from desktop_app.ui.history.reads import HistoryReads
from tests.support.ui.gui_thread_guard import ReadOnGuiThread

pytestmark = pytest.mark.usefixtures("no_reads_on_the_gui_thread")


@pytest.fixture
def owner(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def gate() -> Iterator[threading.Event]:
    """Holds back the ops that wait on it; opened at the end whatever happened."""
    event = threading.Event()
    yield event
    event.set()


def all_back(qtbot: QtBot) -> None:
    """Wait until every read started has come back to the GUI thread, stale ones too."""
    qtbot.waitUntil(lambda: history_reads.in_flight() == 0)


def test_the_op_reads_on_a_worker_and_success_runs_on_the_gui_thread(
    qtbot: QtBot, owner: QWidget, store: HistoryStore
) -> None:
    store.create_conversation("Kept")
    threads: dict[str, threading.Thread] = {}
    shown: list[list[str]] = []

    def op(history: HistoryStore) -> list[str]:
        threads["op"] = threading.current_thread()
        assert history is not store, "a reader with a connection of its own"
        return [c.title for c in history.conversations()]

    def success(titles: list[str]) -> None:
        threads["success"] = threading.current_thread()
        shown.append(titles)

    reads = HistoryReads(owner, store)
    reads.run("list", op, success)
    assert reads.pending("list")
    qtbot.waitUntil(lambda: not reads.pending())

    assert shown == [["Kept"]]
    assert threads["op"] is not threading.main_thread()
    assert threads["success"] is threading.main_thread()


def test_a_read_on_a_worker_does_not_wait_for_the_stores_lock(
    qtbot: QtBot, owner: QWidget, store: HistoryStore
) -> None:
    store.create_conversation("Kept")
    reads = HistoryReads(owner, store)
    counts: list[int] = []
    with store._lock:  # as while the window writes an answer
        reads.run("count", lambda history: history.conversation_count(), counts.append)
        qtbot.waitUntil(lambda: counts == [1])


def test_a_newer_read_of_the_same_name_drops_the_older_result(
    qtbot: QtBot, owner: QWidget, store: HistoryStore, gate: threading.Event
) -> None:
    reads = HistoryReads(owner, store)
    started = threading.Event()
    applied: list[str] = []

    def slow(history: HistoryStore) -> str:
        started.set()
        gate.wait(10)
        return "older"

    reads.run("search", slow, applied.append)
    qtbot.waitUntil(started.is_set)
    reads.run("search", lambda history: "newer", applied.append)
    reads.run("other", lambda history: "another name", applied.append)
    qtbot.waitUntil(lambda: "newer" in applied)
    gate.set()
    all_back(qtbot)

    assert sorted(applied) == ["another name", "newer"]


def test_closing_the_owner_drops_running_and_waiting_reads(
    qtbot: QtBot, owner: QWidget, store: HistoryStore, gate: threading.Event
) -> None:
    reads = HistoryReads(owner, store)
    started = threading.Semaphore(0)
    ran: list[str] = []

    def held(history: HistoryStore) -> str:
        started.release()
        gate.wait(10)
        return "held"

    for n in range(history_reads.WORKER_THREADS):  # every worker thread busy
        reads.run(f"held {n}", held, ran.append)
    for _ in range(history_reads.WORKER_THREADS):
        assert started.acquire(timeout=10)

    def waiting(history: HistoryStore) -> str:
        ran.append("op ran")
        return "waiting"

    reads.run("waiting", waiting, ran.append)

    owner.close()
    assert not reads.pending()
    reads.run("after", lambda history: "after close", ran.append)
    assert not reads.pending(), "nothing starts once the owner has closed"
    gate.set()
    all_back(qtbot)

    assert ran == [], "no result applied, and the waiting op never ran"


def test_a_failure_reaches_the_apps_presenter(
    qtbot: QtBot, owner: QWidget, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    banner = ErrorBanner()
    qtbot.addWidget(banner)
    monkeypatch.setattr(sys, "excepthook", UnexpectedErrorPresenter(banner).excepthook)
    reads = HistoryReads(owner, store)

    def damaged(history: HistoryStore) -> None:
        raise sqlite3.DatabaseError("database disk image is malformed")

    reads.run("list", damaged, lambda result: pytest.fail("no result to apply"))
    qtbot.waitUntil(lambda: not banner.isHidden())
    assert "DatabaseError: database disk image is malformed" in banner.label.text()

    def expected(history: HistoryStore) -> None:
        raise HistoryError("Say what to do.")

    reads.run("list", expected, lambda result: pytest.fail("no result to apply"))
    qtbot.waitUntil(lambda: banner.label.text() == "Say what to do.")


def test_a_failure_goes_to_the_owners_own_handler_when_given(
    qtbot: QtBot, owner: QWidget, store: HistoryStore
) -> None:
    reads = HistoryReads(owner, store)
    failures: list[Exception] = []
    reads.run("write", lambda history: history.rename("x", "y"), print, failures.append)
    qtbot.waitUntil(lambda: bool(failures))
    assert isinstance(failures[0], sqlite3.OperationalError), "a reader cannot write"


def test_the_guard_fails_a_read_on_the_gui_thread(store: HistoryStore) -> None:
    with pytest.raises(ReadOnGuiThread, match="search"):
        store.search("anything")
