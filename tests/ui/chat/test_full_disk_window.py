"""The window on a full disk: the question is sent and the answer shown, the banner says what
is not saved, the window returns to idle, and once there is room again everything is written
and the banner goes. On a real, small tmpfs filled to the last byte."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.core import paths
from desktop_app.core.history.store import HistoryStore
from desktop_app.simulator import Simulator
from desktop_app.ui.main_window import MainWindow
from tests.support.mounts import fill
from tests.support.ui.window_actions import type_and_send
from tests.support.ui.window_helpers import Run, make_window, shut_down, sim_key, write_providers
from tests.support.waiting import until


@pytest.fixture
def window_on_a_small_disk(
    qtbot: QtBot,
    run: Run,
    simulator: Simulator,
    small_disk: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[MainWindow]:
    data = small_disk / "tally"
    monkeypatch.setenv("TALLY_DATA_DIR", str(data))
    write_providers(data, simulator, key=sim_key(simulator))
    window = make_window(qtbot)
    window.picker.select("sim", "sim-echo")
    window.unsaved.timer.setInterval(50)
    yield window
    shut_down(window, run)


def test_the_answer_is_shown_and_saved_once_there_is_room(
    window_on_a_small_disk: MainWindow, qtbot: QtBot, run: Run, small_disk: Path
) -> None:
    window = window_on_a_small_disk
    filler = fill(small_disk)
    question = "Will this be saved? " * 15

    async def body() -> None:
        type_and_send(qtbot, window, question)
        await until(lambda: not window.session.busy)
        await until(lambda: window.banner.isVisible())

    run(body)
    asked, answer = window.conversation.messages
    assert answer.status == "complete"
    assert answer.content == f"You said: {question.strip()}"
    assert "The disk holding the history" in window.banner.label.text()
    assert "the rest is not saved yet" in window.banner.label.text()
    assert window.send_button.isEnabled()  # idle again
    assert not window.stop_button.isEnabled()

    filler.unlink()

    async def saved() -> None:
        await until(lambda: not window.banner.isVisible())

    run(saved)
    assert window.unsaved.waiting == []
    with HistoryStore(paths.history_db()) as store:
        (summary,) = store.conversations()
        stored = [(m.role, m.content) for m in store.messages(summary.id)]
    assert stored == [("user", asked.content), ("assistant", answer.content)]
    assert asked.content == question.strip()


def test_a_branch_on_a_full_disk_says_so_and_leaves_the_conversation_as_it_was(
    window_on_a_small_disk: MainWindow, qtbot: QtBot, run: Run, small_disk: Path
) -> None:
    window = window_on_a_small_disk

    async def asked() -> None:
        type_and_send(qtbot, window, "Plan a trip " * 200)  # enough text to need new pages
        await until(lambda: not window.session.busy and len(window.conversation.messages) == 2)

    run(asked)
    original = window.recorder.conversation_id
    filler = fill(small_disk)

    async def branching() -> None:
        window.branch(window.conversation.messages[-1])
        await until(lambda: window.banner.isVisible())

    run(branching)
    assert "The disk holding the history" in window.banner.label.text()
    assert window.recorder.conversation_id == original  # still the conversation it was
    assert window.statusBar().currentMessage() == ""  # "Making the branch…" is gone
    filler.unlink()
    with HistoryStore(paths.history_db()) as store:
        assert [c.id for c in store.conversations()] == [original], "no half-made branch"
