"""The app takes the day's backup on a worker once its window is up, and says so in the banner
when it cannot."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core import paths
from desktop_app.core.history import backups
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.upkeep import take_daily_backup
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
