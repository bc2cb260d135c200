"""The window before a provider works: the first run and its offline demo, a broken providers
file, a provider with no models, and a history read with no provider at all."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.ui.error_banner import Action
from desktop_app.ui.picker.picker_rows import NO_MODELS
from tests.support.ui.window_actions import type_and_send
from tests.support.ui.window_helpers import Run, make_window, shut_down
from tests.support.waiting import until


def test_without_a_provider_the_history_can_still_be_read(qtbot: QtBot, run: Run) -> None:
    # A history imported, or kept from before, with no provider set up (yet, or any more).
    window = make_window(qtbot)
    store = window.services.store
    kept = store.create_conversation("Kept from before").id
    store.add_message(kept, role="user", content="What is SSE?")
    store.add_message(kept, role="assistant", content="Server-Sent Events.", model="gpt-4.1")
    try:
        assert window.stack.currentWidget() is window.welcome
        window.open_conversation(kept)
        assert window.stack.currentWidget() is window.chat_view
        assert [m.content for m in window.conversation.messages] == [
            "What is SSE?",
            "Server-Sent Events.",
        ]
        assert not window.send_button.isEnabled(), "nothing to send to"
        answer = window.chat_view.widget_for(window.conversation.messages[1])
        assert answer is not None
        answer.regenerate_button.click()
        assert window.banner.label.text() == "Pick a model first, or add a provider."
        assert len(window.conversation.messages) == 2
        window.new_conversation()
        assert window.stack.currentWidget() is window.welcome, "how to start, on an empty page"
    finally:
        shut_down(window, run)


def test_first_run_offers_settings_and_the_offline_demo(qtbot: QtBot, run: Run) -> None:
    window = make_window(qtbot)
    assert window.stack.currentWidget() is window.welcome
    text = window.welcome.findChild(QLabel)
    assert text is not None
    needed = QTextDocument()
    needed.setDefaultFont(text.font())
    needed.setHtml(text.text())
    needed.setTextWidth(text.width())
    assert text.height() >= needed.size().height()  # the welcome text is not cut off
    assert window.picker.current() is None
    assert not window.send_button.isEnabled()

    async def body() -> None:
        qtbot.mouseClick(window.welcome.findChild(QWidget, "demoButton"), Qt.MouseButton.LeftButton)
        assert window.stack.currentWidget() is window.chat_view
        type_and_send(qtbot, window, "show me")
        await until(lambda: not window.session.busy and len(window.conversation.messages) == 2)

    run(body)
    provider, _ = window.picker.current()  # type: ignore[misc]
    assert "Demo" in provider.name
    assert "simulated" in provider.name
    assert window.conversation.messages[1].status == "complete"
    assert "This answer $" in window.meter.text()
    shut_down(window, run)


def test_broken_providers_file_is_explained(qtbot: QtBot, run: Run, data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "providers.toml").write_text('[[provider]]\nid = "x"\nkind = "azure"\n')
    window = make_window(qtbot)
    assert window.banner.isVisible()
    assert "providers.toml" in window.banner.label.text()
    assert window.banner.action is Action.SETTINGS
    shut_down(window, run)


def test_a_provider_without_models_says_where_to_add_them(
    qtbot: QtBot, run: Run, data_dir: Path
) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "providers.toml").write_text(
        '[[provider]]\nid = "ollama"\nname = "Ollama"\nbase_url = "http://localhost:11434/v1"\n'
    )
    window = make_window(qtbot)
    assert window.picker.labels() == ["Ollama", NO_MODELS]
    assert window.picker.current() is None
    assert not window.send_button.isEnabled()
    shut_down(window, run)
