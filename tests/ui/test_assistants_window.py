"""Assistants in the window: picked beside the model, their prompt and parameters sent, kept with
the conversation and shown again when it is reopened; the parameters panel changes them for one
conversation; the dialog adds an assistant to assistants.toml."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.core.history.conversation_parameters import remembered_parameters
from desktop_app.simulator import Simulator
from desktop_app.ui.assistants.assistants_dialog import AssistantsDialog
from desktop_app.ui.main_window import MainWindow
from tests.support.ui.window_actions import send_and_wait
from tests.support.ui.window_helpers import (
    Run,
    make_window,
    shut_down,
    sim_key,
    write_providers,
)
from tests.support.waiting import until

TRANSLATOR = "Translator 中英互译"


def _pick(window: MainWindow, name: str) -> None:
    picker = window.assistant.picker
    row = picker.findText(name)
    assert row >= 0, f"{name} is not listed"
    picker.setCurrentIndex(row)
    picker.activated.emit(row)


def _system_sent(simulator: Simulator) -> str | None:
    body = simulator.requests[-1].body or {}
    first = body["messages"][0]
    return first["content"] if first["role"] == "system" else None


def test_an_assistant_picked_is_sent_remembered_and_shown_again(
    window: MainWindow, run: Run, simulator: Simulator
) -> None:
    picker = window.assistant.picker
    listed = [picker.itemText(row) for row in range(picker.count())]
    assert listed[0] == "Default"
    assert TRANSLATOR in listed
    assert listed[-1] == "Manage assistants…"
    assert window.picker.select("sim", "sim-normal")
    _pick(window, TRANSLATOR)
    translator = window.assistant.picker.current_assistant()
    assert translator is not None
    send_and_wait(window, run, "你好，世界")

    assert _system_sent(simulator) == translator.system
    body = simulator.requests[-1].body or {}
    assert body.get("temperature") == translator.temperature
    first = window.recorder.conversation_id
    assert first is not None
    kept = remembered_parameters(window.services.store, first)
    assert kept is not None
    assert kept.assistant == TRANSLATOR

    async def plain_chat_then_back() -> None:
        window.new_conversation()  # starts with the assistant picked before
        assert picker.currentText() == TRANSLATOR
        _pick(window, "Default")
        window.open_conversation(first)

    run(plain_chat_then_back)
    assert picker.currentText() == TRANSLATOR
    assert window.session.parameters.system == translator.system


def test_the_panel_changes_parameters_for_this_conversation_only(
    window: MainWindow, run: Run, simulator: Simulator
) -> None:
    assert window.picker.select("sim", "sim-normal")
    window.assistant.button.click()
    panel = window.assistant.panel
    assert panel.isVisible()
    panel.form.temperature.setValue(0.7)
    panel.form.turns.setValue(1)
    panel.form.system.setPlainText("Answer in one line.")
    send_and_wait(window, run, "First question")  # sent at once: the pending change applies

    body = simulator.requests[-1].body or {}
    assert body.get("temperature") == 0.7
    assert _system_sent(simulator) == "Answer in one line."
    assert window.assistant.button.text().endswith("•"), "differs from its assistant's"
    conversation_id = window.recorder.conversation_id
    assert conversation_id is not None
    kept = remembered_parameters(window.services.store, conversation_id)
    assert kept is not None
    assert kept.parameters.temperature == 0.7
    assert kept.parameters.context_turns == 1

    send_and_wait(window, run, "Second question")
    send_and_wait(window, run, "Third question")
    sent = (simulator.requests[-1].body or {})["messages"]
    questions = [m["content"] for m in sent if m["role"] == "user"]
    assert questions == ["Second question", "Third question"], "one past turn, then the new one"

    panel.reset_button.click()
    assert window.session.parameters.temperature is None
    assert window.assistant.button.text() == "Parameters"


def test_an_assistant_added_in_the_dialog_is_saved_and_listed(
    window: MainWindow, run: Run, data_dir: Path
) -> None:
    window.assistant.manage()
    dialog = window.findChild(AssistantsDialog)  # this window's
    assert dialog is not None
    dialog.add()
    dialog.name.setText("Terse")
    dialog.form.system.setPlainText("Answer in one line.")
    dialog.form.temperature.setValue(0.2)
    dialog.save()

    saved = (data_dir / "assistants.toml").read_text(encoding="utf-8")
    assert 'name = "Terse"' in saved
    assert TRANSLATOR in saved, "the shipped ones stay, as they were listed"
    assert "Terse" in [
        window.assistant.picker.itemText(row) for row in range(window.assistant.picker.count())
    ]
    _pick(window, "Terse")
    assert window.session.parameters.system == "Answer in one line."
    assert window.session.parameters.temperature == 0.2


def test_the_dialogs_fields_line_up_and_its_rows_stay_together(window: MainWindow) -> None:
    window.assistant.manage()
    dialog = window.findChild(AssistantsDialog)  # this window's
    assert dialog is not None
    dialog.resize(1100, 700)
    QApplication.processEvents()
    fields = [dialog.name, dialog.model, dialog.form.system, dialog.form.temperature]
    assert len({field.mapTo(dialog, QPoint(0, 0)).x() for field in fields}) == 1
    rows = [dialog.form.system, dialog.form.temperature, dialog.form.top_p]
    gaps = [below.y() - above.geometry().bottom() for above, below in itertools.pairwise(rows)]
    assert max(gaps) < dialog.form.temperature.height()  # not spread down a tall dialog
    dialog.reject()


def test_a_name_used_twice_is_refused_in_the_dialog(window: MainWindow, data_dir: Path) -> None:
    window.assistant.manage()
    dialog = window.findChild(AssistantsDialog)  # this window's
    assert dialog is not None
    dialog.add()
    dialog.name.setText(TRANSLATOR)
    dialog.save()
    assert dialog.isVisible()
    assert dialog.problem.text()
    assert not (data_dir / "assistants.toml").exists()
    dialog.reject()


def test_the_next_start_reopens_the_conversation_with_its_assistant(
    qtbot: QtBot, run: Run, simulator: Simulator, data_dir: Path
) -> None:
    write_providers(data_dir, simulator, key=sim_key(simulator))
    first = make_window(qtbot)
    assert first.picker.select("sim", "sim-normal")
    _pick(first, TRANSLATOR)
    send_and_wait(first, run, "早上好")
    translator = first.assistant.picker.current_assistant()
    assert translator is not None
    shut_down(first, run)

    second = make_window(qtbot)  # reopens the last conversation, as the app does at start
    assert second.assistant.picker.currentText() == TRANSLATOR
    assert second.session.parameters.system == translator.system
    shut_down(second, run)


def test_the_estimate_counts_the_system_prompt(window: MainWindow, simulator: Simulator) -> None:
    assert window.picker.select("sim", "sim-normal")
    window.input.setPlainText("hi")
    window.estimate.refresh()
    without = window.estimate.tokens
    window.assistant.button.click()
    window.assistant.panel.form.system.setPlainText("x" * 40_000)
    window.assistant.before_sending()
    window.estimate.refresh()
    assert window.estimate.tokens >= without + 10_000


def test_a_change_in_the_panel_applies_to_a_regenerated_answer_at_once(
    window: MainWindow, run: Run, simulator: Simulator
) -> None:
    assert window.picker.select("sim", "sim-normal")
    send_and_wait(window, run, "Tell me a joke")
    window.assistant.button.click()
    window.assistant.panel.form.temperature.setValue(0.1)  # and Regenerate at once

    async def regenerate() -> None:
        window.regenerate()
        await until(lambda: not window.session.busy, within=20)

    run(regenerate)
    assert (simulator.requests[-1].body or {}).get("temperature") == 0.1


def test_picking_the_assistant_shown_again_keeps_the_conversations_changes(
    window: MainWindow,
) -> None:
    window.assistant.button.click()
    window.assistant.panel.form.system.setPlainText("Answer in French.")
    window.assistant.before_sending()
    _pick(window, "Default")  # the one shown already
    assert window.session.parameters.system == "Answer in French."


def test_a_picker_squeezed_by_the_toolbar_elides_the_name_it_shows(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QStyleOptionComboBox

    from desktop_app.core.settings.assistants import DEFAULT_NAME, Assistant
    from desktop_app.ui.assistants.assistant_picker import AssistantPicker

    picker = AssistantPicker()
    qtbot.addWidget(picker)
    picker.set_assistants(
        [Assistant(DEFAULT_NAME), Assistant(TRANSLATOR, "Translate.")], TRANSLATOR
    )
    picker.show()
    painted: list[str] = []
    elide = AssistantPicker.shown_text

    def shown_text(self: AssistantPicker, option: QStyleOptionComboBox) -> str:
        painted.append(elide(self, option))
        return painted[-1]

    monkeypatch.setattr(AssistantPicker, "shown_text", shown_text)

    picker.resize(picker.sizeHint())
    picker.grab()
    assert painted == []  # with its room: Qt's own drawing, the whole name
    picker.resize(picker.sizeHint().width() // 2, picker.height())  # as at 980 px
    picker.grab()
    (squeezed,) = painted
    assert squeezed.endswith("…"), squeezed
    assert TRANSLATOR.startswith(squeezed[:-1])
