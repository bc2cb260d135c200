"""The main window's toolbar (the model picker, Spending, Settings) and menu bar: File (new,
export, import, settings, quit), View (spending, refresh models) and Help (about)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QSizePolicy, QToolBar, QWidget

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow


def build_toolbar(window: MainWindow, picker: QWidget, *beside: QWidget) -> tuple[QAction, QAction]:
    """The toolbar with the picker and what goes `beside` it; returns its Spending and
    Settings actions."""
    toolbar = QToolBar("Model", window)
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    window.addToolBar(toolbar)
    label = QLabel(" " + QCoreApplication.translate("MainWindow", "Model:") + " ", toolbar)
    label.setBuddy(window.picker)  # a screen reader names the picker by it
    toolbar.addWidget(label)
    toolbar.addWidget(picker)
    for widget in beside:
        toolbar.addWidget(widget)
    spacer = QWidget(toolbar)
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    toolbar.addWidget(spacer)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    spending = toolbar.addAction(QCoreApplication.translate("MainWindow", "Spending"))
    spending.setShortcut(QKeySequence("Ctrl+Shift+S"))
    spending.setToolTip(
        QCoreApplication.translate(
            "MainWindow", "Spend per day and per model, and what it would cost elsewhere"
        )
    )
    settings = toolbar.addAction(QCoreApplication.translate("MainWindow", "Settings"))
    settings.setShortcut(QKeySequence("Ctrl+,"))
    return spending, settings


def build_menus(window: MainWindow, settings: QAction, spending: QAction) -> None:
    """The menus; `settings` and `spending` are the toolbar's actions, shared."""
    files = window.files
    menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&File"))
    # Through the sidebar, as its New button: it shows the list the new conversation joins.
    _add(
        menu,
        QCoreApplication.translate("MainWindow", "&New conversation"),
        window.sidebar.new_conversation,
        "Ctrl+N",
    )
    menu.addSeparator()
    _add(
        menu,
        QCoreApplication.translate("MainWindow", "&Export conversation…"),
        lambda: files.export_conversation(window.recorder.conversation_id),
        "Ctrl+Shift+E",
    )
    _add(
        menu,
        QCoreApplication.translate("MainWindow", "Export &all conversations…"),
        files.export_all,
    )
    _add(
        menu,
        QCoreApplication.translate("MainWindow", "&Import conversations…"),
        files.import_conversations,
    )
    menu.addSeparator()
    menu.addAction(settings)
    # Not StandardKey.Quit: some platforms (and offscreen) bind it to nothing. Ctrl is
    # Command on macOS, so this is Cmd+Q there.
    _add(menu, QCoreApplication.translate("MainWindow", "&Quit"), window.close, "Ctrl+Q")
    view = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&View"))
    view.addAction(spending)
    view.addAction(window.models.action)  # Refresh models (F5)
    help_menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    about = _add(
        help_menu,
        QCoreApplication.translate("MainWindow", "&About Tally…"),
        lambda: _show_about(window),
    )
    about.setMenuRole(QAction.MenuRole.AboutRole)  # macOS moves it to the application menu


def _show_about(window: MainWindow) -> None:
    from desktop_app.ui.about_dialog import show_about  # loaded when first opened

    show_about(window)


def _add(
    menu: QMenu, text: str, slot: Callable[[], object], shortcut: str | None = None
) -> QAction:
    action = menu.addAction(text)
    action.triggered.connect(slot)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    return action
