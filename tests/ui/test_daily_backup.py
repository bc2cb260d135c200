"""The app takes the day's backup on a worker once its window is up, and says so in the banner
when it cannot."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from desktop_app.core import paths
from desktop_app.core.history import backups
from desktop_app.core.history.rows import utc_now
from desktop_app.ui import upkeep
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.upkeep import take_daily_backup
from tests.support.history.on_disk import deleted_at
from tests.support.threads import threads_calling
from tests.support.ui.window_helpers import Run
from tests.support.waiting import until


def test_the_days_backup_is_taken_once(window: MainWindow, run: Run, data_dir: Path) -> None:
    take_daily_backup(window)

    async def taken() -> None:
        await until(lambda: not window.reads.pending("backup"))

    run(taken)
    (made,) = backups.backups(paths.history_db())
    take_daily_backup(window)  # the same day: nothing more
    run(taken)
    assert backups.backups(paths.history_db()) == [made]
    assert not window.banner.isVisible()


def test_a_backup_that_cannot_be_made_is_said(window: MainWindow, run: Run, data_dir: Path) -> None:
    (data_dir / "backups").write_text("a file where the folder should be")
    take_daily_backup(window)

    async def said() -> None:
        await until(lambda: window.banner.isVisible())

    run(said)
    assert window.banner.label.text().startswith("Today's backup of the history was not made: ")


def test_the_backup_after_a_purge_holds_no_deleted_conversation(
    window: MainWindow, run: Run, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = window.services.store
    gone = store.create_conversation("Deleted two days ago").id
    store.add_message(gone, role="user", content="forget this")
    deleted_at(store, gone, utc_now() - timedelta(days=2))
    kept = store.create_conversation("Kept").id
    taken_on = threads_calling(monkeypatch, upkeep, "take_daily_backup")
    stop = upkeep.start_upkeep(window, utc_now())

    async def taken() -> None:
        await until(lambda: taken_on and not window.reads.pending("backup"))

    try:
        run(taken)
    finally:
        stop.set()
    assert taken_on == ["MainThread"]  # the banner is told from there if it fails
    (made,) = backups.backups(paths.history_db())
    copy = sqlite3.connect(made.path)
    try:
        ids = {row[0] for row in copy.execute("SELECT id FROM conversations")}
    finally:
        copy.close()
    assert kept in ids
    assert gone not in ids  # purged first, then copied
