"""The model picker in the real window: models the provider lists (Refresh models), kept for an
offline start, typed-in names, type-to-filter, local servers without a key."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.core import paths
from desktop_app.core.providers.model_list import ListedModel
from desktop_app.core.settings.keys import KeyStore
from desktop_app.core.settings.model_cache import ModelCache
from desktop_app.core.settings.presets import HOLYSHEEP
from desktop_app.core.settings.providers_file import Provider, load_providers
from desktop_app.simulator import LISTED_MODELS, Simulator
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.picker.model_picker import ModelPicker
from desktop_app.ui.picker.picker_rows import LOOKING_UP, NAME_ROLE, NO_MODELS, PRICE_ROLE
from tests.support.ui.settings_helpers import opened_from
from tests.support.ui.window_actions import type_and_send
from tests.support.ui.window_helpers import Run, make_window, shut_down, sim_key
from tests.support.waiting import until

ONE_MODEL = """\
[[provider]]
id = "sim"
name = "Simulator"
base_url = "{base_url}"
{models}

[provider.prices."sim-normal"]
input = 0.27
output = 0.42

[provider.timeouts]
connect = 2
first_byte = 2
"""
NORMAL = "sim-normal  —  $0.27 / $0.42 per M"
DISCOVERED = [f"{name}  —  price unknown" for name in sorted(LISTED_MODELS) if name != "sim-normal"]


def write_sim(
    data_dir: Path, simulator: Simulator, *, models: str = 'models = ["sim-normal"]'
) -> None:
    """The simulator as the only provider, listing `models` in the file; its key stored."""
    data_dir.mkdir(parents=True, exist_ok=True)
    text = ONE_MODEL.format(base_url=simulator.base_url, models=models)
    (data_dir / "providers.toml").write_text(text, encoding="utf-8")
    if simulator.api_key is not None:
        KeyStore().set("sim", sim_key(simulator))


def refresh_button(window: MainWindow) -> QToolButton:
    button = window.findChild(QToolButton, "refreshModelsButton")
    assert isinstance(button, QToolButton)
    return button


async def refresh(qtbot: QtBot, window: MainWindow) -> None:
    """Press ⟳ and wait until every provider has answered (or failed)."""
    qtbot.mouseClick(refresh_button(window), Qt.MouseButton.LeftButton)
    assert not window.models.action.isEnabled()  # asking: one refresh at a time
    await until(window.models.action.isEnabled)
    await window.models.saved()


def test_refresh_lists_the_models_the_provider_reports_with_their_prices(
    qtbot: QtBot, run: Run, simulator: Simulator, data_dir: Path
) -> None:
    write_sim(data_dir, simulator)
    window = make_window(qtbot)
    assert simulator.requests == []  # nothing asked at start: the user did not ask
    assert window.picker.labels() == ["Simulator", NORMAL]

    run(lambda: refresh(qtbot, window))
    assert window.picker.labels() == ["Simulator", NORMAL, *DISCOVERED]
    (request,) = simulator.requests
    assert (request.method, request.path) == ("GET", "/v1/models")
    assert request.headers["authorization"] == f"Bearer {simulator.api_key}"
    assert window.statusBar().currentMessage() == "Models refreshed: Simulator 5."
    assert window.banner.isHidden()
    assert window.picker.current() is not None
    assert window.picker.current()[1] == "sim-normal"  # type: ignore[index]  # choice kept
    assert window.picker.select("sim", "sim-slow")  # a listed model can be picked
    cached = ModelCache.load(paths.models_cache_file()).models_for(window.providers[0])
    assert [model.id for model in cached.listed] == sorted(LISTED_MODELS)
    shut_down(window, run)


def test_offline_the_cached_list_shows_and_a_failed_refresh_keeps_it(
    qtbot: QtBot, run: Run, data_dir: Path
) -> None:
    with Simulator() as online:
        write_sim(data_dir, online)
        first = make_window(qtbot)
        run(lambda: refresh(qtbot, first))
        shut_down(first, run)
    # The server is gone now: the next start shows the list from the cache, asking nobody.
    second = make_window(qtbot)
    assert second.picker.labels() == ["Simulator", NORMAL, *DISCOVERED]
    assert second.banner.isHidden()

    run(lambda: refresh(qtbot, second))
    assert second.banner.isVisible()
    assert "Could not connect to Simulator" in second.banner.label.text()
    assert second.picker.labels() == ["Simulator", NORMAL, *DISCOVERED]
    shut_down(second, run)


def test_a_typed_model_is_sent_to_and_listed_at_the_next_start(
    qtbot: QtBot, run: Run, simulator: Simulator, data_dir: Path
) -> None:
    write_sim(data_dir, simulator)
    first = make_window(qtbot)
    first.picker.line.selectAll()
    qtbot.keyClicks(first.picker.line, "sim-echo")  # not listed in the file, not refreshed

    async def body() -> None:
        type_and_send(qtbot, first, "typed")  # Send takes the typed name, Enter or not
        await until(lambda: not first.session.busy and len(first.conversation.messages) == 2)

    run(body)
    assert simulator.requests[-1].body is not None
    assert simulator.requests[-1].body["model"] == "sim-echo"
    assert first.conversation.messages[1].content == "You said: typed"
    assert first.picker.labels() == ["Simulator", NORMAL, "sim-echo  —  price unknown"]
    shut_down(first, run)

    second = make_window(qtbot)
    assert second.picker.labels() == ["Simulator", NORMAL, "sim-echo  —  price unknown"]
    assert second.picker.current() is not None
    assert second.picker.current()[1] == "sim-echo"  # type: ignore[index]  # the last model
    shut_down(second, run)


def test_a_typed_name_the_provider_refuses_is_not_remembered(
    qtbot: QtBot, run: Run, simulator: Simulator, data_dir: Path
) -> None:
    write_sim(data_dir, simulator)
    first = make_window(qtbot)

    async def body() -> None:
        first.picker.line.selectAll()
        qtbot.keyClicks(first.picker.line, "no-such-model")
        qtbot.keyClick(first.picker.line, Qt.Key.Key_Return)
        await until(lambda: first.picker.current() != (first.providers[0], "sim-normal"))
        assert first.picker.current() == (first.providers[0], "no-such-model")  # Enter chose it
        assert "no-such-model  —  price unknown" in first.picker.labels()
        type_and_send(qtbot, first, "hello?")
        await until(lambda: not first.session.busy and first.banner.isVisible())

    run(body)
    assert "does not know the model 'no-such-model'" in first.banner.label.text()
    shut_down(first, run)
    second = make_window(qtbot)
    assert second.picker.labels() == ["Simulator", NORMAL]
    shut_down(second, run)


def test_typing_filters_hundreds_of_models_and_picks_one(
    qtbot: QtBot, run: Run, simulator: Simulator, data_dir: Path
) -> None:
    write_sim(data_dir, simulator)
    names = [f"vendor-{n % 7}/model-{n:03d}" for n in range(500)]
    cache = ModelCache(paths.models_cache_file())
    (provider,) = load_providers(paths.providers_file())
    cache.store_listed(provider, [ListedModel(n) for n in names], datetime.now(UTC))
    cache.save()  # as a refresh of OpenRouter would
    window = make_window(qtbot)
    assert len(window.picker.labels()) == 1 + 1 + 500  # header, sim-normal, the list
    completer = window.picker.completer()
    assert completer is not None

    window.picker.line.setFocus()
    window.picker.line.selectAll()
    qtbot.keyClicks(window.picker.line, "MODEL-42")  # anywhere in the name, any case
    matches = sorted(n for n in names if "model-42" in n)  # in the picker's order
    assert window.picker.filtered.isVisible()
    assert completer.completionCount() == len(matches) == 10
    shown = completer.completionModel()
    assert [shown.index(row, 0).data(NAME_ROLE) for row in range(len(matches))] == matches

    qtbot.keyClick(window.picker.filtered, Qt.Key.Key_Down)
    qtbot.keyClick(window.picker.filtered, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.picker.current() is not None)
    assert window.picker.current()[1] == matches[0]  # type: ignore[index]
    assert window.picker.line.text() == matches[0]
    shut_down(window, run)


def test_saving_a_tested_provider_in_settings_asks_it_for_models(
    qtbot: QtBot, run: Run, simulator: Simulator, data_dir: Path
) -> None:
    write_sim(data_dir, simulator, models="")
    window = make_window(qtbot)
    assert window.picker.labels() == ["Simulator", NO_MODELS]
    assert window.stack.currentWidget() is window.welcome

    async def body() -> None:
        dialog = await opened_from(window)
        test = dialog.test_connection()  # the user asks about this provider
        assert test is not None
        await test
        saving = dialog.save()  # nothing changed in the file; the test counts
        assert saving is not None
        await saving
        await until(window.models.action.isEnabled)

    run(body)
    listed = [label.split("  —  ")[0] for label in window.picker.labels()[1:]]
    assert listed == sorted(LISTED_MODELS)
    assert [r.path for r in simulator.requests] == ["/v1/models", "/v1/models"]  # test, refresh
    assert window.stack.currentWidget() is window.chat_view
    assert window.send_button.isEnabled()
    shut_down(window, run)


def test_saving_settings_unchanged_asks_nobody(
    qtbot: QtBot, run: Run, simulator: Simulator, data_dir: Path
) -> None:
    write_sim(data_dir, simulator)
    window = make_window(qtbot)

    async def body() -> None:
        dialog = await opened_from(window)
        saving = dialog.save()
        assert saving is not None
        await saving

    run(body)
    assert simulator.requests == []
    assert window.models.action.isEnabled()
    shut_down(window, run)


def test_refresh_models_is_in_the_view_menu(window: MainWindow) -> None:
    (view,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&View"]
    assert isinstance(view, QMenu)
    actions = [a for a in view.actions() if a.text() == "Refresh models"]
    assert actions == [window.models.action]
    assert actions[0].shortcut() == QKeySequence("F5")


def test_a_local_server_needs_no_key_to_list_or_answer(
    qtbot: QtBot, run: Run, data_dir: Path
) -> None:
    with Simulator(api_key=None) as local:  # like Ollama: on 127.0.0.1, takes any key or none
        write_sim(data_dir, local, models="")
        window = make_window(qtbot)
        assert not window.providers[0].needs_key

        async def body() -> None:
            await refresh(qtbot, window)
            assert window.picker.select("sim", "sim-echo")
            type_and_send(qtbot, window, "no key")
            await until(lambda: not window.session.busy and len(window.conversation.messages) == 2)

        run(body)
        assert window.banner.isHidden()  # no "No API key"
        assert window.conversation.messages[1].content == "You said: no key"
        assert all("authorization" not in r.headers for r in local.requests)
        assert len(window.picker.labels()) == 1 + len(LISTED_MODELS)
        shut_down(window, run)


def test_a_name_typed_for_a_provider_without_models_can_be_sent(
    qtbot: QtBot, run: Run, simulator: Simulator, data_dir: Path
) -> None:
    write_sim(data_dir, simulator, models="")
    window = make_window(qtbot)
    assert window.picker.current() is None
    assert not window.send_button.isEnabled()

    async def body() -> None:
        qtbot.keyClicks(window.picker.line, "sim-echo")
        qtbot.keyClick(window.picker.line, Qt.Key.Key_Return)
        await until(lambda: window.picker.current() is not None)

    run(body)
    assert window.picker.current() == (window.providers[0], "sim-echo")
    assert window.picker.labels() == ["Simulator", "sim-echo  —  price unknown"]
    assert window.send_button.isEnabled()
    assert window.stack.currentWidget() is window.chat_view
    shut_down(window, run)


def test_prices_are_looked_up_after_the_row_is_shown_without_touching_the_typed_text(
    qtbot: QtBot,
) -> None:
    picker = ModelPicker()
    qtbot.addWidget(picker)
    relay = Provider(
        id="relay",
        name="Relay",
        kind="openai",
        base_url=HOLYSHEEP.base_url,
        models=("gpt-4.1", "deepseek-chat"),
    )
    picker.set_providers([relay])
    row = picker.rows.index(2)
    assert row.data(NAME_ROLE) == "deepseek-chat"
    picker.line.setText("gp")  # the user is typing a filter
    with qtbot.waitSignal(picker.rows.pricesFound):
        assert row.data(PRICE_ROLE) == LOOKING_UP  # painted at once, priced between events
    assert row.data(PRICE_ROLE) == "$0.27 / $0.42 per M"  # the relay's own price list
    assert not picker.rows.looking_up
    assert picker.line.text() == "gp"


def test_the_tooltip_prices_the_chosen_model_when_it_shows(qtbot: QtBot) -> None:
    picker = ModelPicker()
    qtbot.addWidget(picker)
    show_tooltip(picker)
    assert picker.toolTip() == "Pick a model, or type its name"
    relay = Provider(id="relay", name="Relay", kind="openai", base_url="https://relay.example/v1")
    picker.set_providers([replace(relay, models=("gpt-4.1",))])
    # Priced when the tooltip shows, from the bundled catalog, which the app does not load to start.
    show_tooltip(picker)
    name, price, origin = picker.toolTip().splitlines()
    assert name == "gpt-4.1 via Relay"
    assert price.startswith("$2.00 / $8.00 per M input / output (genai-prices ")
    assert origin == "in your providers file"


def show_tooltip(widget: QWidget) -> None:
    """What hovering does: the widget gets a ToolTip event."""
    at = QPoint(5, 5)
    QApplication.sendEvent(widget, QHelpEvent(QEvent.Type.ToolTip, at, widget.mapToGlobal(at)))


def test_a_list_refreshed_while_the_user_types_leaves_the_typed_text(qtbot: QtBot) -> None:
    picker = ModelPicker()
    qtbot.addWidget(picker)
    relay = Provider(id="r", name="Relay", kind="openai", base_url="https://r.example/v1")
    picker.set_providers([replace(relay, models=("a-model",))])
    picker.line.selectAll()
    qtbot.keyClicks(picker.line, "gpt-5")
    picker.set_providers([replace(relay, models=("a-model", "b-model"))])  # a refresh came in
    assert picker.line.text() == "gpt-5"
    assert picker.current() is not None
    assert picker.current()[1] == "a-model"  # type: ignore[index]  # nothing chosen behind it
    picker.commit_text()
    assert picker.current()[1] == "gpt-5"  # type: ignore[index]
