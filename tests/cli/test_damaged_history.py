"""Every `tally` command meets a damaged history with one clear line on stderr and exit 2 (as
for other local problems), and leaves the file as it found it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.core import paths
from desktop_app.simulator import Simulator
from tests.support.history import damaged
from tests.support.ui.window_helpers import sim_key, write_providers

COMMANDS = {
    "ask": ["ask", "--model", "sim-echo", "hello"],
    "export": ["export"],
    "search": ["search", "hello"],
    "spend": ["spend"],
    "import": ["import", "{export}"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("kind", sorted(damaged.KINDS))
def test_one_line_and_exit_2_for_every_command_and_every_damage(
    kind: str,
    command: str,
    simulator: Simulator,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_providers(data_dir, simulator, key=sim_key(simulator))
    history = paths.history_db()
    damaged.KINDS[kind](history)
    before = history.read_bytes()
    export = tmp_path / "export.json"
    export.write_text('{"format": "tally-export", "version": 1, "conversations": []}')
    argv = [part.format(export=export) for part in COMMANDS[command]]
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("tally: error: ")
    assert "newer version of Tally" in err if kind == "from a newer Tally" else "damaged" in err
    assert history.read_bytes() == before
    assert simulator.requests == []  # nothing was asked of a provider


def test_as_a_real_process_no_traceback(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    damaged.truncated(data / "history.sqlite3")
    env = {key: value for key, value in os.environ.items() if key != "TALLY_DATA_DIR"}
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(data), "export"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("tally: error: The history ")
    assert "is damaged (database disk image is malformed)" in done.stderr
