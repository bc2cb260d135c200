"""Ctrl+C in the middle of `tally ask`: it stops at once (exit 130, one line on stderr), and the
part of the answer that arrived is in the history, marked cancelled, and billed. SIGTERM (`kill`,
`timeout`, a cron job's end) stops it the same way, with exit 143."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from desktop_app.core.history.store import HistoryStore
from desktop_app.simulator import Simulator
from tests.support.streams.ask_process import start_ask


@pytest.mark.parametrize(
    ("stop", "code", "no_sigint"),
    [
        (signal.SIGINT, 130, False),
        (signal.SIGTERM, 143, False),
        (signal.SIGTERM, 143, True),  # a job in the background: SIGINT ignored, SIGTERM not
    ],
)
def test_ctrl_c_or_sigterm_stops_the_answer_and_keeps_its_part(
    simulator: Simulator, tmp_path: Path, stop: signal.Signals, code: int, no_sigint: bool
) -> None:
    data, tally = start_ask(simulator, tmp_path, "sim-slow", "Take your time", no_sigint=no_sigint)
    assert tally.stdout is not None
    shown = tally.stdout.read(4)  # the answer has begun
    tally.send_signal(stop)
    rest, err = tally.communicate(timeout=60)
    assert tally.returncode == code, err
    assert b"Traceback" not in err
    *_, summary, stopped = err.decode().splitlines()
    assert stopped == (
        "tally: error: stopped; the partial answer is above, and saved in the history."
    )
    # What the part that arrived cost: billed, so said, as for an answer that ended.
    assert summary.startswith("tally: sim-slow via ")
    assert " out · " in summary
    assert summary.endswith(" · stopped")
    assert not (shown + rest).endswith(b"\n\n")  # the answer's line ended once
    with HistoryStore(data / "history.sqlite3") as store:
        (conversation,) = store.conversations()
        question, answer = store.messages(conversation.id)
    assert question.content == "Take your time"
    assert answer.status == "cancelled"
    assert answer.content
    assert (shown + rest).decode().strip().startswith(answer.content.strip()[:4])
    assert simulator.wait_for_disconnect(timeout=5)
