"""Ctrl+C in the middle of `tally ask`: it stops at once (exit 130, one line on stderr), and the
part of the answer that arrived is in the history, marked cancelled."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from desktop_app.core.history.store import HistoryStore
from desktop_app.simulator import Simulator
from tests.support.ui.window_helpers import PROVIDERS


def test_ctrl_c_stops_the_answer_and_keeps_its_part(simulator: Simulator, tmp_path: Path) -> None:
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
         "sim-slow", "Take your time"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )  # fmt: skip
    assert tally.stdout is not None
    shown = tally.stdout.read(4)  # the answer has begun
    tally.send_signal(signal.SIGINT)
    rest, err = tally.communicate(timeout=60)
    assert tally.returncode == 130, err
    assert b"Traceback" not in err
    assert err.decode().splitlines()[-1] == (
        "tally: error: stopped; the partial answer is above, and saved in the history."
    )
    with HistoryStore(data / "history.sqlite3") as store:
        (conversation,) = store.conversations()
        question, answer = store.messages(conversation.id)
    assert question.content == "Take your time"
    assert answer.status == "cancelled"
    assert answer.content
    assert (shown + rest).decode().strip().startswith(answer.content.strip()[:4])
    assert simulator.wait_for_disconnect(timeout=5)
