"""Starting the desktop app: Qt with asyncio on its event loop (qasync), and one presenter for
anything unexpected. The window is painted before asyncio and qasync are loaded
(desktop_app/ui/first_frame.py)."""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from desktop_app import __version__
from desktop_app.core import paths
from desktop_app.core.errors import ConfigError, HistoryError, TallyError
from desktop_app.core.history.opening import open_history
from desktop_app.core.logs import log_to_file, stop_logging_to
from desktop_app.core.network.clients import ClientPool
from desktop_app.core.settings.app_settings import load_settings
from desktop_app.core.settings.keys import KeyResolver
from desktop_app.core.text.language import Language, Setting, chosen
from desktop_app.core.text.messages import set_language
from desktop_app.ui.app_icon import app_icon
from desktop_app.ui.demo import Demo
from desktop_app.ui.error_banner import ErrorBanner
from desktop_app.ui.exit_when_shown import exit_when_shown
from desktop_app.ui.first_frame import paint_pending, show_first_frame
from desktop_app.ui.main_thread_gc import MainThreadCollector
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.services import Services

if TYPE_CHECKING:
    import asyncio

    from desktop_app.ui.history.problem import Repair

log = logging.getLogger(__name__)

EXIT_HISTORY_UNUSABLE = 2
"""The app was quit at the history's problem dialog (a local problem: `tally`'s exit code)."""


class UnexpectedErrorPresenter:
    """Logs an unexpected exception with its traceback and shows one calm line in the banner
    (an expected TallyError, as a failed history read may raise: its own message)."""

    def __init__(self, banner: ErrorBanner) -> None:
        self.banner = banner

    def show(self, error: BaseException) -> None:
        if isinstance(error, TallyError):  # expected, with its own message (a history read's)
            self.banner.show_error(error)
            return
        said = QCoreApplication.translate(
            "MainWindow",
            "Something unexpected went wrong ({0}: {1}). Tally kept running; the details are"
            " in {2}.",
        )
        self.banner.show_error(said.format(type(error).__name__, error, paths.log_file()))

    def excepthook(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        log.error("unexpected error", exc_info=(kind, error, trace))
        self.show(error)

    def loop_handler(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        error = context.get("exception")
        if isinstance(error, BaseException):
            log.error("unexpected error in a task: %s", context.get("message"), exc_info=error)
            self.show(error)
        else:
            log.error("event loop: %s", context.get("message"))


def make_services() -> Services:
    """The core objects the window needs, with the real paths; raises the HistoryError that
    says what is wrong with the history when it cannot be used (history/opening.py)."""
    store = open_history(paths.history_db())
    # Answers still marked streaming were cut off by a crash or a kill: show them as partial.
    store.mark_interrupted()
    keys = KeyResolver()
    return Services(
        client=ClientPool(keys.proxy_password),
        keys=keys,
        providers_path=paths.providers_file(),
        state_path=paths.ui_state_file(),
        demo=Demo(),
        store=store,
    )


def reopen_and_paint(window: MainWindow) -> None:
    """Reopen the conversation open at the last close, and paint it at once."""
    window.reopen_last_conversation()
    paint_pending()


def open_services(
    ask: Callable[[HistoryError], Repair] | None = None,
) -> tuple[Services, str] | None:
    """make_services(), and while the history cannot be opened, what the user chooses to do
    about it (`ask`, by default history/problem.py's dialog) until it opens; None if they quit.
    The text is what the window says of what was done ("" if nothing was)."""
    error: HistoryError | None = None
    done = ""
    while True:
        if error is None:
            try:
                return make_services(), done
            except HistoryError as exc:
                log.error("the history cannot be opened: %s", exc)
                error = exc
        # Imported here: a history that opens, as nearly every start's does, needs none of it.
        from desktop_app.ui.history.problem import ask_about_history, carry_out

        repair = (ask or ask_about_history)(error)
        if repair.action == "quit":
            return None
        try:
            done = carry_out(repair, paths.history_db())
            error = None
        except HistoryError as exc:  # the backup is damaged too, or the disk refused
            error = exc


def window_language() -> Language:
    """The language the settings ask for (the system's by default, or when the settings cannot
    be read: the window says why once it is up)."""
    setting: Setting = "system"
    if paths.settings_file().exists():
        with contextlib.suppress(ConfigError):
            setting = load_settings(paths.settings_file()).language
    return chosen(setting, QLocale.system().name())


def run_app(argv: list[str]) -> int:
    """Show the main window and run until it is closed."""
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Tally")
    app.setApplicationDisplayName("Tally")
    app.setApplicationVersion(__version__)
    # Wayland and the Linux docks match the window to tally.desktop (make install-desktop) by this.
    app.setDesktopFileName("tally")
    app.setWindowIcon(app_icon())
    app.setQuitOnLastWindowClosed(False)  # the window closes itself once its tasks are done
    handler = log_to_file()
    language = window_language()
    if language != "en":  # English needs no translator, nor QTranslator's type (0.3 ms)
        from desktop_app.ui.translators import install_translators

        install_translators(app, language)
        set_language(language)  # the core's messages, as the error banner shows them
    collector = MainThreadCollector(app)
    started = datetime.now(UTC)
    tidying: threading.Event | None = None
    try:
        opened = open_services()
        if opened is None:
            return EXIT_HISTORY_UNUSABLE
        services, done = opened
        window = MainWindow(services)
        if done:
            window.banner.show_error(done)
        presenter = UnexpectedErrorPresenter(window.banner)
        sys.excepthook = presenter.excepthook
        _watch = exit_when_shown(window)  # only with $TALLY_EXIT_WHEN_SHOWN (the built app checks)
        # The rest of the start the user sees comes right after the first frame, with input
        # still held: the conversation open at the last close, reopened and painted.
        held = show_first_frame(window, then=lambda: reopen_and_paint(window))
        from desktop_app.version import describe  # after the first frame, as what it reads

        log.info("%s started", describe())  # .git or build.json
        # After the first frame: on a first run, the worker copying the new history would
        # otherwise take turns with the GUI thread while it paints.
        from desktop_app.ui.upkeep import start_upkeep

        tidying = start_upkeep(window, started)
        # Only now, with the window on screen: see desktop_app/ui/first_frame.py.
        import asyncio

        import qasync

        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        loop.set_exception_handler(presenter.loop_handler)
        closed = asyncio.Event()
        app.lastWindowClosed.connect(closed.set)
        held.release()  # a close asked for meanwhile happens now
        with loop:
            loop.run_until_complete(closed.wait())
    finally:
        if tidying is not None:
            tidying.set()
        collector.stop()
        sys.excepthook = sys.__excepthook__
        stop_logging_to(handler)
    return 0
