"""`tally --version`: the version and the commit, printed without touching the data folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import __version__, version
from desktop_app.cli.main import main


def test_version_names_the_release_and_the_commit(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"Tally {__version__} ({version.commit()})\n"
    assert not data_dir.exists()  # nothing made or opened for it


def test_the_commit_is_read_only_when_asked_for(tmp_path: Path) -> None:
    # A command that does not ask for the version never loads the module that reads it.
    probe = (
        "import sys; from desktop_app.cli.main import main; main(sys.argv[1:]); "
        "print('desktop_app.version' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "--data-dir", str(tmp_path), "assistants"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.splitlines()[-1] == "False"
