"""`tally ask ... | head -c 20`: when what reads the answer goes away, tally stops quietly
(exit 141, as shells report SIGPIPE), with no traceback."""

from __future__ import annotations

from pathlib import Path

from desktop_app.simulator import Simulator
from tests.support.streams.ask_process import start_ask


def test_a_reader_that_goes_away_stops_tally_quietly(simulator: Simulator, tmp_path: Path) -> None:
    _, tally = start_ask(simulator, tmp_path, "sim-long", "Tell me a long story")
    assert tally.stdout is not None
    assert tally.stdout.read(20)  # the start of the answer, then the reader goes
    tally.stdout.close()
    _, err = tally.communicate(timeout=60)
    assert tally.returncode == 141
    assert b"Traceback" not in err
    assert b"BrokenPipeError" not in err
