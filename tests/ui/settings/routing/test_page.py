"""Settings → Routing driven as a user does: the shipped rules in words, reordered by dragging and
with the buttons, a rule added through its form (a bad regular expression said as typed), the
ladder edited, a prompt tried, and Save writing routing.toml (and only when something changed);
a routing.toml that does not load is shown with its line and never saved over silently."""

from __future__ import annotations

from pathlib import Path

import httpx
import qasync
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox

from desktop_app.core.routing.rules import ModelRef, Routing
from desktop_app.core.routing.rules_file import default_routing, load_routing
from desktop_app.core.settings.keys import KeyResolver
from desktop_app.core.settings.presets import HOLYSHEEP
from desktop_app.ui.settings.routing.page import RoutingPage
from desktop_app.ui.settings.routing.rule_form import RuleForm
from desktop_app.ui.settings.settings_dialog import SettingsDialog
from tests.support.ui.settings_helpers import click_save, opened, run, saved, type_text

BROKEN = """\
[[rule]]
name = "Code"
has_code = 1
provider = "holysheep"
model = "gpt-4.1"
"""


async def routing_tab(client: httpx.AsyncClient, data_dir: Path) -> SettingsDialog:
    """The dialog on the relay, opened on its Routing tab."""
    dialog = await opened(
        [HOLYSHEEP.provider()],
        KeyResolver(),
        client,
        data_dir / "providers.toml",
        settings_path=data_dir / "settings.toml",
    )
    dialog.tabs.setCurrentWidget(dialog.routing_page)
    return dialog


def rows(page: RoutingPage) -> list[list[str]]:
    model = page.rules
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def click(button: QAbstractButton) -> None:
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def select(page: RoutingPage, row: int) -> None:
    rect = page.table.visualRect(page.rules.index(row, 0))
    QTest.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def drop(page: RoutingPage, row: int, before: int) -> None:
    """Drag the rule at `row` and drop it before the rule at `before`: what the view hands its
    model on a drop inside it (a synthetic drop event has no drag source, which InternalMove
    refuses)."""
    dragged = page.rules.mimeData([page.rules.index(row, 0)])
    move = Qt.DropAction.MoveAction
    assert page.rules.canDropMimeData(dragged, move, before, 0, QModelIndex())
    assert not page.rules.dropMimeData(dragged, move, before, 0, QModelIndex()), (
        "False, or the view would remove the dragged row once more"
    )


def test_the_rules_reordered_a_rule_added_and_saved(
    qloop: qasync.QEventLoop, data_dir: Path
) -> None:
    saved_routing: list[Routing] = []

    data_dir.mkdir(parents=True)

    async def body(client: httpx.AsyncClient) -> None:
        dialog = await routing_tab(client, data_dir)
        dialog.routingChanged.connect(saved_routing.append)
        page = dialog.routing_page
        assert page.problem.isHidden()
        assert rows(page) == [
            ["Images", "an image attached", "holysheep/gemini-2.5-flash"],
            ["Long context", "at least 30,000 tokens", "holysheep/gemini-2.5-flash"],
            ["Code", "holds code", "holysheep/gpt-4.1"],
            ["Everything else", "every question", "holysheep/deepseek-chat"],
        ]
        drop(page, 2, 0)  # "Code" dragged to the top
        assert [r[0] for r in rows(page)] == ["Code", "Images", "Long context", "Everything else"]
        select(page, 0)
        assert not page.up_button.isEnabled()
        click(page.down_button)
        assert [r[0] for r in rows(page)] == ["Images", "Code", "Long context", "Everything else"]
        assert page.current_row() == 1, "the moved rule stays selected"

        click(page.add_button)
        form = page.form
        assert isinstance(form, RuleForm)
        type_text(form.name_edit, "Chinese")
        assert form.model_box.findText("holysheep/deepseek-chat") >= 0, "the relay's models"
        form.model_box.setCurrentIndex(form.model_box.findText("holysheep/deepseek-chat"))
        type_text(form.matches_edit, "翻译(")
        ok = form.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not form.matches_problem.isHidden()
        assert "not a regular expression" in form.matches_problem.text()
        assert "missing )" in form.matches_problem.text()
        assert not ok.isEnabled()
        type_text(form.matches_edit, ")")
        assert form.matches_problem.isHidden()
        assert ok.isEnabled()
        form.language_box.setCurrentIndex(1)
        type_text(form.min_edit, "12x0")  # the x is refused as typed
        assert form.min_edit.text() == "120"
        click(ok)
        assert not form.isVisible()
        assert rows(page)[3] == [
            "Chinese",
            "at least 120 tokens, matches 翻译(), in Chinese",
            "holysheep/deepseek-chat",
        ], "above the last rule, which matches everything and would hide it"

        click(page.add_button)
        again = page.form
        assert isinstance(again, RuleForm)
        assert again is not form
        type_text(again.name_edit, "chinese")
        again.model_box.setEditText("no slash")
        click(again.buttons.button(QDialogButtonBox.StandardButton.Ok))
        assert again.isVisible()
        assert "Another rule is named" in again.problem.text()
        again.name_edit.clear()
        type_text(again.name_edit, "Typed")
        click(again.buttons.button(QDialogButtonBox.StandardButton.Ok))
        assert "provider/model" in again.problem.text()
        click(again.buttons.button(QDialogButtonBox.StandardButton.Cancel))
        assert len(rows(page)) == 5

        click_save(dialog)
        await saved(dialog)

    run(qloop, body)
    written = load_routing(data_dir / "routing.toml")
    names = [rule.name for rule in written.rules]
    assert names == ["Images", "Code", "Long context", "Chinese", "Everything else"]
    chinese = written.rules[3]
    assert (chinese.matches, chinese.language, chinese.min_tokens) == ("翻译()", "zh", 120)
    assert written.ladder == default_routing().ladder
    assert saved_routing == [written]


def test_editing_deleting_and_the_ladder(qloop: qasync.QEventLoop, data_dir: Path) -> None:
    data_dir.mkdir(parents=True)

    async def body(client: httpx.AsyncClient) -> None:
        dialog = await routing_tab(client, data_dir)
        page = dialog.routing_page
        select(page, 2)
        click(page.edit_button)
        form = page.form
        assert isinstance(form, RuleForm)
        assert form.name_edit.text() == "Code"
        assert form.code_box.currentText() == "Yes"
        assert form.model_box.currentText() == "holysheep/gpt-4.1"
        form.model_box.setEditText("holysheep/claude-sonnet-4.5")
        click(form.buttons.button(QDialogButtonBox.StandardButton.Ok))
        assert rows(page)[2] == ["Code", "holds code", "holysheep/claude-sonnet-4.5"]
        select(page, 1)
        click(page.delete_button)
        assert [r[0] for r in rows(page)] == ["Images", "Code", "Everything else"]

        ladder = page.ladder
        ladder.steps.setCurrentRow(3)
        click(ladder.remove_button)
        ladder.steps.setCurrentRow(0)
        click(ladder.down_button)
        ladder.new_step.setEditText("holysheep/deepseek-chat")
        click(ladder.add_button)
        assert "on the ladder already" in ladder.problem.text()
        ladder.new_step.setEditText("openrouter/openai/gpt-4.1")
        click(ladder.add_button)
        assert ladder.problem.isHidden()
        click_save(dialog)
        await saved(dialog)

    run(qloop, body)
    written = load_routing(data_dir / "routing.toml")
    assert [str(step) for step in written.ladder] == [
        "holysheep/gemini-2.5-flash",
        "holysheep/deepseek-chat",
        "holysheep/gpt-4.1",
        "openrouter/openai/gpt-4.1",
    ]
    assert written.ladder[-1] == ModelRef("openrouter", "openai/gpt-4.1")
    assert [rule.model for rule in written.rules] == [
        "gemini-2.5-flash",
        "claude-sonnet-4.5",
        "deepseek-chat",
    ]


def test_try_a_prompt_says_which_rule_picks_and_why(
    qloop: qasync.QEventLoop, data_dir: Path
) -> None:
    data_dir.mkdir(parents=True)

    async def body(client: httpx.AsyncClient) -> None:
        dialog = await routing_tab(client, data_dir)
        trial = dialog.routing_page.trial
        assert "Type a question" in trial.result.text()
        trial.prompt.insertPlainText("Why?\n```\nx = 1 / 0\n```")  # pasted
        text = trial.result.text()
        assert "Picks <b>holysheep/gpt-4.1</b> (rule: Code)" in text
        assert "<b>Images</b>: ✘ does not match" in text
        assert "has_image = true: no image is attached" in text
        assert "<b>Code</b>: ✔ picks" in text
        assert "<b>Everything else</b>: ✔ matches, but an earlier rule picks" in text
        click(trial.image_box)
        assert "(rule: Images)" in trial.result.text()
        # The page's rules as they are now, saved or not.
        page = dialog.routing_page
        select(page, 0)
        click(page.delete_button)
        assert "(rule: Code)" in trial.result.text()
        dialog.reject()

    run(qloop, body)


def test_nothing_changed_writes_no_file(qloop: qasync.QEventLoop, data_dir: Path) -> None:
    emitted: list[Routing] = []

    data_dir.mkdir(parents=True)

    async def body(client: httpx.AsyncClient) -> None:
        dialog = await routing_tab(client, data_dir)
        dialog.routingChanged.connect(emitted.append)
        page = dialog.routing_page
        select(page, 0)
        click(page.down_button)
        click(page.up_button)  # back as it was
        click_save(dialog)
        await saved(dialog)

    run(qloop, body)
    assert not (data_dir / "routing.toml").exists()
    assert emitted == []


def test_a_file_that_does_not_load_is_shown_and_kept(
    qloop: qasync.QEventLoop, data_dir: Path
) -> None:
    path = data_dir / "routing.toml"
    data_dir.mkdir(parents=True)
    path.write_text(BROKEN, encoding="utf-8")

    async def body(client: httpx.AsyncClient) -> None:
        dialog = await routing_tab(client, data_dir)
        page = dialog.routing_page
        assert not page.problem.isHidden()
        assert "routing.toml, line 3 (rule #1): has_code must be true or false" in (
            page.problem.text()
        )
        assert not page.editor.isEnabled()
        assert rows(page) == []
        click_save(dialog)
        await saved(dialog)
        assert path.read_text(encoding="utf-8") == BROKEN, "saved, but not over the file"

        dialog = await routing_tab(client, data_dir)
        page = dialog.routing_page
        click(page.start_over_button)
        assert page.problem.isHidden()
        assert page.editor.isEnabled()
        assert len(rows(page)) == 4
        click_save(dialog)
        await saved(dialog)

    run(qloop, body)
    assert load_routing(path) == default_routing()
