"""Rolling backups: one a day, the last seven, each a whole database that passed its check;
a damaged history is never backed up over good backups; restoring sets the replaced file
aside instead of deleting it."""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop_app.core.errors import BackupError, HistoryDamaged
from desktop_app.core.history import backups
from desktop_app.core.history.store import HistoryStore
from tests.support.history import damaged
from tests.support.mounts import fill

NOON = datetime(2026, 3, 10, 12, tzinfo=UTC)


def _titles(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [title for (title,) in conn.execute("SELECT title FROM conversations ORDER BY 1")]
    finally:
        conn.close()


@pytest.fixture
def history(tmp_path: Path) -> Path:
    path = tmp_path / "history.sqlite3"
    with HistoryStore(path) as store:
        store.create_conversation("Before the backup")
    return path


def test_a_backup_is_a_private_whole_copy_taken_while_the_store_is_open(history: Path) -> None:
    with HistoryStore(history) as store:
        store.create_conversation("Still open while backed up")
        made = backups.take(history, NOON)
    assert made.path.parent == history.parent / "backups"
    assert made.path.stat().st_mode & 0o777 == 0o600
    assert _titles(made.path) == ["Before the backup", "Still open while backed up"]
    assert sorted(p.name for p in made.path.parent.iterdir()) == [made.name]  # no -wal, no temp


def test_copies_a_killed_backup_left_behind_are_removed_and_a_running_ones_kept(
    history: Path,
) -> None:
    # `tally backup` killed mid-copy leaves its copy and journal: four made 892 MB of a 166 MB
    # history's. One of another command copying now is young, and stays.
    folder = backups.folder(history)
    folder.mkdir()
    copy = folder / ".history-20261201-120000.sqlite3.4242.partial"
    killed = [copy, copy.with_name(copy.name + "-journal")]
    running = folder / ".history-20261208-120000.sqlite3.4343.partial"
    hours_ago = time.time() - 2 * 3600
    for path in [*killed, running]:
        path.write_bytes(b"half a copy")
    for path in killed:
        os.utime(path, (hours_ago, hours_ago))
    made = backups.take(history, NOON)
    assert sorted(p.name for p in folder.iterdir()) == sorted([made.name, running.name])


def test_one_a_day_and_the_last_seven_kept(history: Path) -> None:
    assert backups.due(history, NOON)
    for day in range(9):
        backups.take(history, NOON + timedelta(days=day))
    kept = backups.backups(history)
    assert len(kept) == backups.KEEP
    assert kept[0].taken_at == NOON + timedelta(days=8)
    assert kept[-1].taken_at == NOON + timedelta(days=2)
    assert not backups.due(history, NOON + timedelta(days=8, hours=1))
    assert backups.due(history, NOON + timedelta(days=9))


def test_a_damaged_history_is_not_backed_up_over_the_good_ones(history: Path) -> None:
    good = backups.take(history, NOON)
    damaged.bad_page(history)
    with pytest.raises(HistoryDamaged):
        backups.take(history, NOON + timedelta(days=1))
    assert backups.backups(history) == [good]


def test_restore_puts_the_backup_back_and_keeps_the_damaged_file(history: Path) -> None:
    made = backups.take(history, NOON)
    damaged.random_bytes(history)
    ruined = history.read_bytes()
    aside = backups.restore(history, backups.find(history, None))
    assert aside is not None
    assert aside.read_bytes() == ruined
    assert aside.name.startswith("history.sqlite3.before-restore-")
    assert _titles(history) == ["Before the backup"]
    assert history.stat().st_mode & 0o777 == 0o600
    assert backups.find(history, made.name[:18]) == made


def test_a_damaged_backup_is_not_restored(history: Path) -> None:
    made = backups.take(history, NOON)
    made.path.write_bytes(b"not a database")
    with pytest.raises(BackupError, match="is damaged too"):
        backups.restore(history, made)
    assert _titles(history) == ["Before the backup"]  # the history was not touched


def test_finding_a_backup_by_a_name_that_is_not_there(history: Path) -> None:
    with pytest.raises(BackupError, match="no backups"):
        backups.find(history, None)
    backups.take(history, NOON)
    with pytest.raises(BackupError, match="No backup is called 'history-1999'"):
        backups.find(history, "history-1999")


def test_set_aside_moves_the_file_with_its_wal(history: Path) -> None:
    store = HistoryStore(history)  # open: the -wal and -shm files exist
    store.create_conversation("In the WAL")
    aside = backups.set_aside(history, "damaged")
    store.close()
    assert aside is not None
    assert not history.exists()
    assert aside.with_name(aside.name + "-wal").exists()


def test_a_full_disk_makes_no_backup_and_says_so(small_disk: Path) -> None:
    history = small_disk / "history.sqlite3"
    with HistoryStore(history) as store:
        store.create_conversation("Kept")
    good = backups.take(history, NOON)
    fill(small_disk)
    with pytest.raises(BackupError, match=r"cannot write a backup in .*\(the disk is full\)"):
        backups.take(history, NOON + timedelta(days=1))
    assert backups.backups(history) == [good]
    assert not list(backups.folder(history).glob(".*partial*"))


def test_a_history_open_elsewhere_is_not_restored_over(history: Path) -> None:
    made = backups.take(history, NOON)
    with HistoryStore(history) as store:  # the app, say
        store.create_conversation("Written after the backup")
        with pytest.raises(BackupError, match="The history is open in Tally"):
            backups.restore(history, made)
    assert _titles(history) == ["Before the backup", "Written after the backup"]
    assert backups.restore(history, made) is not None  # closed: now it can
    assert _titles(history) == ["Before the backup"]
