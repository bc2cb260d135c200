"""kill -9 after a question with a file was sent: the question and its file are both in the
history, whole, and the database passes its checks."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from desktop_app.core.conversation import Conversation
from desktop_app.core.history.recorder import open_conversation
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.money.ledger import Ledger
from desktop_app.simulator import Simulator
from tests.support.history.attachment_sender import QUESTION

ROOT = Path(__file__).resolve().parents[3]


def test_kill_9_while_answering_keeps_the_question_and_its_file(
    simulator: Simulator, tmp_path: Path
) -> None:
    image = tmp_path / "chart.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(300_000))
    path = tmp_path / "history.sqlite3"
    assert simulator.api_key is not None
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.support.history.attachment_sender",
            str(path),
            simulator.base_url,
            str(image),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "SIM_KEY": simulator.api_key},
        text=True,
    )
    assert child.stdout is not None
    assert child.stderr is not None
    line = child.stdout.readline()
    if line != "answering\n":
        child.kill()
        raise AssertionError(f"the sender did not start: {line}{child.communicate()[1]}")
    os.kill(child.pid, signal.SIGKILL)  # no clean-up, no closing of the database
    child.communicate()
    assert child.returncode == -signal.SIGKILL

    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        raw.close()
    with HistoryStore(path) as store:
        assert store.mark_interrupted() == 1
        (summary,) = store.conversations()
        conversation = Conversation()
        open_conversation(store, conversation, summary.id, Ledger(store, []))
        question, answer = conversation.messages
        assert question.content == QUESTION
        (attached,) = question.attachments
        assert (attached.name, attached.mime_type) == ("chart.png", "image/png")
        assert attached.data == image.read_bytes()
        assert answer.status == "partial"
