"""Routing in the window: Auto sends each message to the model its rule picks, said before
sending and in the answer's header; picking a model turns it off; a bad routing.toml is said;
"Try a stronger model" asks again up the ladder, as a version; the picker prices each model for
the message being written."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.history.answer_origins import origins_of
from desktop_app.simulator import Simulator
from desktop_app.ui.chat.message_widget import MessageWidget
from desktop_app.ui.main_window import MainWindow
from tests.support.attachment_files import image_bytes
from tests.support.ui.window_actions import attach_and_wait, send_and_wait
from tests.support.ui.window_helpers import Run
from tests.support.waiting import until

RULES = """\
[[rule]]
name = "Code"
has_code = true
provider = "sim"
model = "sim-echo"

[[rule]]
name = "Everything else"
provider = "sim"
model = "sim-normal"

[ladder]
models = ["sim/sim-normal", "sim/sim-echo"]
"""

CODE = "Why does this fail?\n```python\nprint(undefined)\n```"


def _rules(data_dir: Path, text: str = RULES) -> None:
    (data_dir / "routing.toml").write_text(text, encoding="utf-8")


def _auto_on(window: MainWindow, data_dir: Path, rules: str = RULES) -> None:
    """`rules` saved, sim-normal picked, then Auto turned on."""
    _rules(data_dir, rules)
    assert window.picker.select("sim", "sim-normal")
    window.auto.button.click()
    assert window.auto.on


def test_auto_sends_to_the_model_its_rule_picks_and_says_so(
    window: MainWindow, run: Run, simulator: Simulator, data_dir: Path
) -> None:
    _auto_on(window, data_dir)
    window.input.setPlainText(CODE)
    window.estimate.refresh()
    assert "“Code” picks sim-echo" in window.estimate.text()
    assert "on sim-echo" in window.estimate.text(), "priced on the model the rule picks"

    send_and_wait(window, run, CODE)
    assert (simulator.requests[-1].body or {})["model"] == "sim-echo"
    answer = window.conversation.messages[-1]
    assert (answer.model, answer.rule) == ("sim-echo", "Code")
    widget = window.chat_view.widget_for(answer)
    assert widget is not None
    assert "rule: Code" in widget.role.text()
    conversation_id = window.recorder.conversation_id
    assert conversation_id is not None
    kept = origins_of(window.services.store, conversation_id)
    assert [origin.rule for origin in kept.values()] == ["Code"]

    window.input.setPlainText("Thanks!")
    window.estimate.refresh()
    assert "“Everything else” picks sim-normal" in window.estimate.text()

    window.picker.activated.emit(window.picker.currentIndex())  # a model picked by hand
    assert not window.auto.on
    window.estimate.refresh()
    assert "Auto" not in window.estimate.text()


def test_a_model_typed_in_the_picker_turns_auto_off_and_answers(
    window: MainWindow, run: Run, simulator: Simulator, data_dir: Path
) -> None:
    _auto_on(window, data_dir)
    window.picker.line.setText("sim-long")  # typed, then sent without Enter
    send_and_wait(window, run, CODE)  # the Code rule would pick sim-echo
    assert not window.auto.on
    assert (simulator.requests[-1].body or {})["model"] == "sim-long"
    assert window.conversation.messages[-1].rule is None

    window.auto.button.click()
    window.picker.line.setText("sim-long")  # what the picker shows already: no new choice
    window.picker.commit_text()
    assert window.auto.on


def test_a_rules_file_that_does_not_load_is_said_and_auto_stays_off(
    window: MainWindow, data_dir: Path
) -> None:
    _rules(data_dir, '[[rule]]\nname = "Broken"\nhas_code = 1\nprovider = "sim"\nmodel = "x"\n')
    window.auto.button.click()
    assert not window.auto.on
    assert not window.banner.isHidden()
    assert "line 3" in window.banner.label.text()


def test_a_stronger_model_answers_as_a_version_of_the_answer(
    window: MainWindow, run: Run, simulator: Simulator, data_dir: Path
) -> None:
    _auto_on(window, data_dir)
    send_and_wait(window, run, "Name a prime number")
    first = window.conversation.messages[-1]
    assert first.model == "sim-normal"
    widget = window.chat_view.widget_for(first)
    assert widget is not None
    assert not widget.stronger_button.isHidden()
    assert "sim-echo" in widget.stronger_button.text()

    async def escalate() -> None:
        widget.stronger_button.click()
        await until(lambda: not window.session.busy, within=20)

    run(escalate)
    window.chat_view.flush()
    second = window.conversation.messages[-1]
    assert second is not first
    assert (second.model, second.escalated_from) == ("sim-echo", first)
    assert window.conversation.versions(second) == [first, second]
    assert (simulator.requests[-1].body or {})["model"] == "sim-echo"
    top = window.chat_view.widget_for(second)
    assert top is not None
    assert top.stronger_button.isHidden(), "sim-echo is the top of the ladder"


def test_the_picker_prices_each_model_for_the_message_written(window: MainWindow) -> None:
    assert window.picker.select("sim", "sim-normal")
    window.input.setPlainText("word " * 4000)
    window.estimate.refresh()
    assert window.estimate.tokens > 4000
    window.picker.showPopup()
    labels = window.picker.labels()
    window.picker.hidePopup()
    normal = next(label for label in labels if label.startswith("sim-normal"))
    assert "this message" in normal
    assert "$0.0014" in normal  # 5,000 tokens at $0.27 per million


def test_rules_saved_in_the_settings_route_the_next_message(
    window: MainWindow, run: Run, data_dir: Path
) -> None:
    from desktop_app.ui.settings.settings_dialog import SettingsDialog

    _auto_on(window, data_dir)
    window.input.setPlainText("Hello")
    window.estimate.refresh()
    assert "picks sim-normal" in window.estimate.text()
    _rules(data_dir, RULES.replace('model = "sim-normal"', 'model = "sim-slow"'))

    async def save_in_settings() -> None:  # in the loop, as the app always is
        window.open_settings()
        dialog = window.findChild(SettingsDialog)  # this window's (earlier tests leave theirs)
        assert dialog is not None
        dialog.routingChanged.emit(None)  # what its Save says once routing.toml is written
        dialog.reject()

    run(save_in_settings)
    window.estimate.refresh()
    assert "picks sim-slow" in window.estimate.text()


def _answered_by_hand(window: MainWindow, run: Run, data_dir: Path) -> MessageWidget:
    """RULES saved, Auto off: a question answered by sim-normal, picked; its widget."""
    _rules(data_dir)
    assert window.picker.select("sim", "sim-normal")
    send_and_wait(window, run, "Name a prime number")
    widget = window.chat_view.widget_for(window.conversation.messages[-1])
    assert widget is not None
    return widget


def test_try_a_stronger_model_follows_a_ladder_saved_in_the_settings(
    window: MainWindow, run: Run, data_dir: Path
) -> None:
    widget = _answered_by_hand(window, run, data_dir)
    assert "sim-echo" in widget.stronger_button.text()
    _rules(data_dir, RULES.replace('"sim/sim-echo"]', '"sim/sim-slow"]'))
    window.routing_saved()  # what the settings' Save leads to
    assert "sim-slow" in widget.stronger_button.text()


IMAGE_RULES = """\
[[rule]]
name = "Images"
has_image = true
provider = "sim"
model = "sim-echo"

[[rule]]
name = "Everything else"
provider = "sim"
model = "sim-normal"
"""


def _chart_asked(window: MainWindow, run: Run, data_dir: Path, tmp_path: Path) -> None:
    """Auto on with IMAGE_RULES, and a question sent with a chart."""
    _auto_on(window, data_dir, IMAGE_RULES)
    picture = tmp_path / "chart.png"
    picture.write_bytes(image_bytes(64, 64))
    attach_and_wait(window, run, picture)
    send_and_wait(window, run, "What does this chart show?")


def test_a_follow_up_to_an_image_goes_where_images_go(
    window: MainWindow, run: Run, simulator: Simulator, data_dir: Path, tmp_path: Path
) -> None:
    _chart_asked(window, run, data_dir, tmp_path)
    assert window.conversation.messages[-1].model == "sim-echo"
    window.input.setPlainText("And the colour of its corner?")  # no file: the image is context
    window.estimate.refresh()
    assert "“Images” picks sim-echo" in window.estimate.text()
    send_and_wait(window, run, "And the colour of its corner?")
    assert (simulator.requests[-1].body or {})["model"] == "sim-echo"


def test_an_edit_with_auto_on_goes_to_the_model_picked_and_says_so(
    window: MainWindow, run: Run, simulator: Simulator, data_dir: Path
) -> None:
    _auto_on(window, data_dir)
    send_and_wait(window, run, CODE)  # Code: sim-echo
    window.auto.turn_off()
    assert window.picker.select("sim", "sim-normal")
    window.auto.button.click()
    question = window.conversation.messages[-2]
    window.edit(question)
    window.estimate.refresh()
    assert "not used for an edit" in window.estimate.text()
    assert "on sim-normal" in window.estimate.text()
    send_and_wait(window, run, CODE + "\n# and now?")
    assert (simulator.requests[-1].body or {})["model"] == "sim-normal"


def test_try_a_stronger_model_is_offered_without_turning_auto_on(
    window: MainWindow, run: Run, data_dir: Path
) -> None:
    widget = _answered_by_hand(window, run, data_dir)
    assert not widget.stronger_button.isHidden()


def test_an_image_left_out_of_the_turns_sent_no_longer_routes(
    window: MainWindow, run: Run, simulator: Simulator, data_dir: Path, tmp_path: Path
) -> None:
    _chart_asked(window, run, data_dir, tmp_path)
    send_and_wait(window, run, "And its title?")
    assert window.conversation.messages[-1].model == "sim-echo", "the image is still sent"
    window.assistant.button.click()
    window.assistant.panel.form.turns.setValue(1)  # one past turn: the chart's is left out
    window.assistant.before_sending()
    send_and_wait(window, run, "Thanks, and now a joke")
    body = simulator.requests[-1].body or {}
    assert body["model"] == "sim-normal"
    assert "image_url" not in str(body["messages"])
