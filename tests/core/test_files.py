"""The data folder is private: 0700, its files 0600, made so and mended at start (POSIX)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.core import logs, paths
from desktop_app.core.files import make_private, replace_atomically
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.settings.providers_writer import save_providers

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def every_entry(folder: Path) -> list[Path]:
    return [folder, *sorted(folder.rglob("*"))]


@pytest.fixture
def open_umask() -> object:
    """The common umask 022, under which plain files come out 0644 and folders 0755."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.usefixtures("open_umask")
def test_a_new_data_folder_and_its_files_are_for_their_owner_only(data_dir: Path) -> None:
    with HistoryStore(paths.history_db()) as store:
        store.create_conversation("secret")
        wal = paths.history_db().with_name("history.sqlite3-wal")
        assert mode(wal) == 0o600  # SQLite gives it the database's mode
    handler = logs.log_to_file()
    logs.stop_logging_to(handler)
    save_providers(paths.providers_file(), [Provider("local", "Local", "openai", "http://x/v1")])
    replace_atomically(paths.settings_file(), b"")

    entries = every_entry(data_dir)
    names = {path.relative_to(data_dir).as_posix() for path in entries[1:]}
    assert {"history.sqlite3", "logs", "logs/tally.log"} <= names
    assert {"providers.toml", "settings.toml"} <= names
    for path in entries:
        expected = 0o700 if path.is_dir() else 0o600
        assert mode(path) == expected, path.relative_to(data_dir.parent)


@pytest.mark.usefixtures("open_umask")
def test_an_older_open_data_folder_is_made_private_when_tally_starts(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_dir / "logs").mkdir(parents=True, mode=0o755)
    data_dir.chmod(0o755)
    own = (
        "history.sqlite3",
        "providers.toml",
        "providers.toml.bak",
        "window.ini",
        "logs/tally.log",
    )
    for name in own:
        (data_dir / name).write_bytes(b"")
        (data_dir / name).chmod(0o644)
    # Not Tally's: a folder given with --data-dir may hold other things, left as they are.
    (data_dir / "bin").mkdir(mode=0o755)
    script = data_dir / "bin" / "run.sh"
    script.write_bytes(b"#!/bin/sh\n")
    script.chmod(0o755)
    (data_dir / "link").symlink_to(script)

    assert main(["export", "--output", str(data_dir.parent / "out.json")]) == 0
    capsys.readouterr()

    assert mode(data_dir) == 0o700
    assert mode(data_dir / "logs") == 0o700
    for name in own:
        assert mode(data_dir / name) == 0o600, name
    assert mode(script) == 0o755
    assert mode(data_dir / "bin") == 0o755


def test_make_private_leaves_a_missing_folder_missing(tmp_path: Path) -> None:
    make_private(tmp_path / "not-yet", [tmp_path / "not-yet" / "history.sqlite3"])
    assert not (tmp_path / "not-yet").exists()


def test_make_private_keeps_the_owners_own_bits(tmp_path: Path) -> None:
    tool = tmp_path / "tool"
    tool.write_bytes(b"")
    tool.chmod(0o755)
    make_private(tmp_path, [tool])
    assert mode(tool) == 0o700
