"""Starting the desktop app: Qt with asyncio on its event loop (qasync), and one presenter for
anything unexpected. The window is painted before asyncio and qasync are loaded
(desktop_app/ui/first_frame.py)."""

from __future__ import annotations

import logging
import sys
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QApplication

from desktop_app import __version__
from desktop_app.core import paths
from desktop_app.core.errors import TallyError
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.logs import log_to_file, stop_logging_to
from desktop_app.core.network.clients import ClientPool
from desktop_app.core.settings.keys import KeyResolver
from desktop_app.ui.app_icon import app_icon
from desktop_app.ui.demo import Demo
from desktop_app.ui.error_banner import ErrorBanner
from desktop_app.ui.exit_when_shown import exit_when_shown
from desktop_app.ui.first_frame import show_first_frame
from desktop_app.ui.main_thread_gc import MainThreadCollector
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.services import Services

if TYPE_CHECKING:
    import asyncio

log = logging.getLogger(__name__)


class UnexpectedErrorPresenter:
    """Logs an unexpected exception with its traceback and shows one calm line in the banner
    (an expected TallyError, as a failed history read may raise: its own message)."""

    def __init__(self, banner: ErrorBanner) -> None:
        self.banner = banner

    def show(self, error: BaseException) -> None:
        if isinstance(error, TallyError):  # expected, with its own message (a history read's)
            self.banner.show_error(error)
            return
        self.banner.show_error(
            f"Something unexpected went wrong ({type(error).__name__}: {error}). Tally kept "
            f"running; the details are in {paths.log_file()}."
        )

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
    """The core objects the window needs, with the real paths."""
    store = HistoryStore(paths.history_db())
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
    collector = MainThreadCollector(app)
    try:
        window = MainWindow(make_services())
        presenter = UnexpectedErrorPresenter(window.banner)
        sys.excepthook = presenter.excepthook
        _watch = exit_when_shown(window)  # only with $TALLY_EXIT_WHEN_SHOWN (the built app checks)
        held = show_first_frame(window)
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
        collector.stop()
        sys.excepthook = sys.__excepthook__
        stop_logging_to(handler)
    return 0
