"""Two providers serving a model of the same name (a relay's gpt-4.1 and OpenAI's): the picker's
field says which provider is chosen, and each pick sends to its own provider."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.core.settings.keys import KeyStore
from desktop_app.simulator import Simulator
from desktop_app.ui.main_window import MainWindow
from tests.support.ui.window_actions import type_and_send
from tests.support.ui.window_helpers import Run, make_window, shut_down, sim_key
from tests.support.waiting import until

TWO_PROVIDERS = """\
[[provider]]
id = "relay"
name = "HolySheep relay"
base_url = "{base_url}"
models = ["sim-normal", "sim-echo"]

[[provider]]
id = "openai"
name = "OpenAI"
base_url = "{base_url}"
models = ["sim-echo"]
"""


@pytest.fixture
def window(qtbot: QtBot, run: Run, simulator: Simulator, data_dir: Path) -> Iterator[MainWindow]:
    data_dir.mkdir(parents=True, exist_ok=True)
    text = TWO_PROVIDERS.format(base_url=simulator.base_url)
    (data_dir / "providers.toml").write_text(text, encoding="utf-8")
    for provider_id in ("relay", "openai"):
        KeyStore().set(provider_id, sim_key(simulator))
    window = make_window(qtbot)
    yield window
    shut_down(window, run)


def pick_from_the_drop_down(qtbot: QtBot, window: MainWindow, row: int) -> None:
    picker = window.picker
    picker.showPopup()
    view = picker.view()
    qtbot.waitUntil(view.isVisible)
    index = picker.model().index(row, 0)
    view.scrollTo(index)
    center = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.waitUntil(lambda: not view.isVisible())


def pick_from_the_filtered_list(qtbot: QtBot, window: MainWindow, nth: int, how: str) -> None:
    """Type "echo" in the field and pick the nth match, with the keys or a click."""
    picker = window.picker
    picker.line.setFocus()
    picker.line.selectAll()
    qtbot.keyClicks(picker.line, "echo")
    qtbot.waitUntil(picker.filtered.isVisible)
    if how == "keys":
        for _ in range(nth + 1):
            qtbot.keyClick(picker.filtered, Qt.Key.Key_Down)
        qtbot.keyClick(picker.filtered, Qt.Key.Key_Return)
    else:
        center = picker.filtered.visualRect(picker.filtered.model().index(nth, 0)).center()
        qtbot.mouseClick(picker.filtered.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.waitUntil(lambda: not picker.filtered.isVisible())


def send_and_answer(qtbot: QtBot, window: MainWindow, run: Run, text: str) -> tuple[str, str]:
    """Send `text`; the provider id and name the answer was recorded with."""

    async def body() -> None:
        count = len(window.conversation.messages)
        type_and_send(qtbot, window, text)
        await until(
            lambda: not window.session.busy and len(window.conversation.messages) == count + 2
        )

    run(body)
    answer = window.conversation.messages[-1]
    assert answer.status == "complete"
    assert answer.provider is not None
    assert answer.provider_name is not None
    return answer.provider, answer.provider_name


def test_the_field_names_the_provider_of_a_model_two_serve(
    window: MainWindow, qtbot: QtBot, run: Run
) -> None:
    # Issue 13: the field showed "sim-echo" alone, whichever provider's was chosen.
    picker = window.picker
    assert picker.line.text() == "sim-normal"  # one provider serves it: the name says enough

    pick_from_the_drop_down(qtbot, window, 4)  # OpenAI's, under its header
    assert picker.current() == (window.providers[1], "sim-echo")
    assert picker.line.text() == "sim-echo · OpenAI"
    assert send_and_answer(qtbot, window, run, "first") == ("openai", "OpenAI")
    assert picker.line.text() == "sim-echo · OpenAI"

    pick_from_the_drop_down(qtbot, window, 2)  # the relay's
    assert picker.current() == (window.providers[0], "sim-echo")
    assert picker.line.text() == "sim-echo · HolySheep relay"
    assert send_and_answer(qtbot, window, run, "second") == ("relay", "HolySheep relay")


@pytest.mark.parametrize("how", ["keys", "click"])
@pytest.mark.parametrize(("nth", "provider_id"), [(0, "relay"), (1, "openai")])
def test_either_match_in_the_filtered_list_is_that_providers_model(
    window: MainWindow, qtbot: QtBot, run: Run, nth: int, provider_id: str, how: str
) -> None:
    picker = window.picker
    pick_from_the_filtered_list(qtbot, window, nth, how)

    current = picker.current()
    assert current is not None
    assert (current[0].id, current[1]) == (provider_id, "sim-echo")
    assert picker.line.text() == f"sim-echo · {current[0].name}"
    assert send_and_answer(qtbot, window, run, "which?") == (provider_id, current[0].name)


def test_a_name_typed_with_its_provider_picks_that_providers_model(
    window: MainWindow, qtbot: QtBot, run: Run
) -> None:
    picker = window.picker
    picker.line.setFocus()
    picker.line.selectAll()
    qtbot.keyClicks(picker.line, "sim-echo · OpenAI")  # as the field shows it; no Enter

    assert send_and_answer(qtbot, window, run, "typed") == ("openai", "OpenAI")  # Send takes it
    assert picker.current() == (window.providers[1], "sim-echo")
    assert not any("·" in label.split("  —  ")[0] for label in picker.labels())  # none made up
