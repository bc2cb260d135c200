"""A damaged history is reported, never written into: each kind of damage gives a HistoryError
that names the file, and the file is left byte for byte as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.errors import (
    HistoryDamaged,
    HistoryError,
    HistoryUnreadable,
    HistoryVersionError,
)
from desktop_app.core.history import checks
from desktop_app.core.history.opening import open_history
from desktop_app.core.history.store import HistoryStore
from tests.support.history import damaged


@pytest.mark.parametrize("kind", sorted(damaged.KINDS))
def test_each_kind_of_damage_is_refused_and_the_file_left_alone(kind: str, tmp_path: Path) -> None:
    history = tmp_path / "history.sqlite3"
    damaged.KINDS[kind](history)
    before = history.read_bytes()
    expected = HistoryVersionError if kind == "from a newer Tally" else HistoryDamaged
    with pytest.raises(expected) as raised:
        open_history(history)
    if expected is HistoryDamaged:
        assert str(history) in str(raised.value)
        assert "tally backup --restore" in str(raised.value)
    assert history.read_bytes() == before


def test_a_bad_page_passes_a_plain_open_and_only_the_check_finds_it(tmp_path: Path) -> None:
    history = tmp_path / "history.sqlite3"
    damaged.bad_page(history)
    HistoryStore(history).close()  # why the check is needed: opening alone says nothing
    with pytest.raises(HistoryDamaged, match=r"integrity check found|malformed"):
        checks.check(history)


def test_a_check_that_passed_is_not_repeated_until_the_file_changes(tmp_path: Path) -> None:
    history = tmp_path / "history.sqlite3"
    damaged.healthy(history, conversations=2)
    assert checks.needs_check(history)
    checks.check(history)
    assert not checks.needs_check(history)
    with open_history(history) as store:  # Tally's own writes leave it checked
        store.create_conversation("written by Tally")
    assert not checks.needs_check(history)
    with history.open("r+b") as file:  # anything else changes it: checked again
        file.seek(damaged.PAGE * 2)
        file.write(b"\xa5" * damaged.PAGE)
    assert checks.needs_check(history)
    with pytest.raises(HistoryDamaged):
        checks.check(history)


def test_a_folder_where_the_history_should_be_is_unreadable(tmp_path: Path) -> None:
    history = tmp_path / "history.sqlite3"
    history.mkdir()
    with pytest.raises(HistoryUnreadable, match="cannot use the history"):
        open_history(history)


def test_a_read_only_data_folder_is_said_plainly(read_only_folder: Path) -> None:
    with pytest.raises(HistoryError) as raised:
        open_history(read_only_folder / "history.sqlite3")
    assert isinstance(raised.value, HistoryUnreadable)
    assert "can be read and written" in str(raised.value)
