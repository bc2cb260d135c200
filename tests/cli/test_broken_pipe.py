"""`tally ask ... | head -c 20`: when what reads the answer goes away, tally stops quietly
(exit 141, as shells report SIGPIPE), with no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop_app.simulator import Simulator
from tests.support.ui.window_helpers import PROVIDERS


def test_a_reader_that_goes_away_stops_tally_quietly(simulator: Simulator, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "providers.toml").write_text(
        PROVIDERS.format(base_url=simulator.base_url).replace(
            'name = "Simulator"', 'name = "Simulator"\napi_key_env = "SIM_KEY"'
        ),
        encoding="utf-8",
    )
    env = {key: value for key, value in os.environ.items() if key != "TALLY_DATA_DIR"}
    env["SIM_KEY"] = simulator.api_key or ""
    tally = subprocess.Popen(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(data), "ask", "--model",
         "sim-long", "Tell me a long story"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )  # fmt: skip
    assert tally.stdout is not None
    assert tally.stdout.read(20)  # the start of the answer, then the reader goes
    tally.stdout.close()
    _, err = tally.communicate(timeout=60)
    assert tally.returncode == 141
    assert b"Traceback" not in err
    assert b"BrokenPipeError" not in err
