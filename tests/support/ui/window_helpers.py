"""The main window in tests: the simulator as its provider, made and closed the way the app
does (inside the qasync loop)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from desktop_app.core import paths
from desktop_app.core.chat import RetryPolicy, make_client
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.settings.keys import KeyResolver, KeyStore
from desktop_app.simulator import Simulator
from desktop_app.ui.demo import Demo
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.services import Services
from tests.support.waiting import until

PROVIDERS = """\
[[provider]]
id = "sim"
name = "Simulator"
base_url = "{base_url}"
models = ["sim-normal", "sim-echo", "sim-slow", "sim-reasoning", "sim-drop", "sim-hang-headers",
          "sim-error-402", "sim-error-429", "sim-long"]

[provider.prices."sim-normal"]
input = 0.27
output = 0.42

[provider.timeouts]
first_byte = 0.5
"""

Run = Callable[[Callable[[], Awaitable[None]]], None]


def sim_key(simulator: Simulator) -> str:
    assert simulator.api_key is not None
    return simulator.api_key


def write_providers(data_dir: Path, simulator: Simulator, *, key: str | None = None) -> None:
    """The simulator as the provider; with `key`, that key in the (in-memory) keyring."""
    data_dir.mkdir(parents=True, exist_ok=True)
    text = PROVIDERS.format(base_url=simulator.base_url)
    (data_dir / "providers.toml").write_text(text, encoding="utf-8")
    if key is not None:
        KeyStore().set("sim", key)


def make_window(qtbot: QtBot) -> MainWindow:
    services = Services(
        client=make_client(),
        keys=KeyResolver(),
        providers_path=paths.providers_file(),
        state_path=paths.ui_state_file(),
        demo=Demo(token_delay=0.001),
        store=HistoryStore(paths.history_db()),
    )
    window = MainWindow(services)
    window.session.retry = RetryPolicy(attempts=1)
    # Not qtbot.addWidget: pytest-qt would close the window outside the running event loop,
    # which the app never does; each test closes it in the loop (shut_down below).
    window.show()
    window.reopen_last_conversation()  # as the app does once the window is painted
    return window


@pytest.fixture
def run(qloop: qasync.QEventLoop) -> Run:
    """Run a coroutine function on the test's qasync loop."""

    def runner(body: Callable[[], Awaitable[None]]) -> None:
        qloop.run_until_complete(body())

    return runner


@pytest.fixture
def window(qtbot: QtBot, run: Run, simulator: Simulator, data_dir: Path) -> Iterator[MainWindow]:
    write_providers(data_dir, simulator, key=sim_key(simulator))
    window = make_window(qtbot)
    yield window
    shut_down(window, run)


def shut_down(window: MainWindow, run: Run) -> None:
    """Close the window as a user does, inside the running loop, and wait for its clean-up."""

    async def close() -> None:
        window.close()
        await until(lambda: window._closed)

    run(close)
    # Let Qt delete the window now: left to Python's garbage collector, its widgets (held in a
    # cycle through the conversation's listeners) may be freed in an order Qt cannot survive.
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
