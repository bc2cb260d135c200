"""What the main window is made of, and how its parts are wired to it: the toolbar with the
model picker, the sidebar, the chat pane or the welcome page, the error banner, the message box,
the status line and the cost meter, the File menu's history actions and the shortcuts."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.assistants.conversation_assistant import ConversationAssistant
from desktop_app.ui.chat.attaching import FileDrops
from desktop_app.ui.chat.chat_view import ChatView
from desktop_app.ui.chat.composer import Composer
from desktop_app.ui.chat.cost_meter import CostMeter
from desktop_app.ui.chat.status_line import StatusLine
from desktop_app.ui.chat.welcome import Welcome
from desktop_app.ui.conversation_opening import conversation_deleted, show_found_message
from desktop_app.ui.error_banner import ErrorBanner
from desktop_app.ui.history.files import HistoryFiles
from desktop_app.ui.icons import window_icon
from desktop_app.ui.picker.auto_route import AutoRoute
from desktop_app.ui.picker.compare_choice import CompareChoice
from desktop_app.ui.picker.model_lists import ModelLists
from desktop_app.ui.picker.model_picker import ModelPicker
from desktop_app.ui.sidebar.conversation_list import ConversationSidebar
from desktop_app.ui.window_menus import build_menus, build_toolbar

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow


def build_window(window: MainWindow) -> None:
    """Make the window's parts, as attributes of `window`, and connect them to it."""
    window.picker = ModelPicker(window)
    window.picker.choiceChanged.connect(window.show_ready)
    window.models = ModelLists(window.services, window.picker, window)
    window.session.listeners.append(window.models)
    window.models.reported.connect(lambda line: window.statusBar().showMessage(line, 10_000))
    window.compare = CompareChoice(window.picker.current, window.picker.choices, window)
    window.picker.compareRequested.connect(window.compare.tick)
    window.assistant = ConversationAssistant(window)
    window.auto = AutoRoute(window)
    window.picker.pickedByHand.connect(window.auto.turn_off)  # a model picked by hand answers
    assistant_label = QLabel(
        " " + QCoreApplication.translate("MainWindow", "Assistant:") + " ", window
    )
    assistant_label.setBuddy(window.assistant.picker)  # a screen reader names the picker by it
    between = QFrame(window)  # the model's tools end here; the assistant's begin
    between.setFrameShape(QFrame.Shape.VLine)
    between.setFrameShadow(QFrame.Shadow.Sunken)
    spend, settings = build_toolbar(
        window,
        window.models.row,
        window.compare,
        window.auto.button,
        between,
        assistant_label,
        window.assistant.picker,
        window.assistant.button,
    )
    window.spending_action, window.settings_action = spend, settings
    spend.triggered.connect(window.open_spending)
    settings.triggered.connect(window.open_settings)

    window.sidebar = ConversationSidebar(window.services.store, window)
    window.sidebar.conversationSelected.connect(window.open_conversation)
    window.sidebar.messageSelected.connect(partial(show_found_message, window))
    window.sidebar.newConversationRequested.connect(window.new_conversation)
    window.sidebar.conversationDeleted.connect(partial(conversation_deleted, window))

    central = QWidget(window)
    layout = QVBoxLayout(central)
    layout.setContentsMargins(8, 4, 8, 4)
    window.branch_note = QLabel(central)
    window.branch_note.setObjectName("branchNote")
    window.branch_note.setTextFormat(Qt.TextFormat.RichText)
    window.branch_note.setTextInteractionFlags(  # Tab reaches the link, Enter follows it
        Qt.TextInteractionFlag.LinksAccessibleByMouse
        | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
    )
    window.branch_note.linkActivated.connect(window.open_conversation)
    window.branch_note.hide()
    layout.addWidget(window.branch_note)
    window.assistant.place_panel(layout, layout.count())
    window.stack = QStackedWidget(central)
    # Not the tallest page's height (the first-run panel's text): a short window keeps the chat
    # and the message box, and that panel is cut at its bottom on a first run below ~520 px.
    window.stack.setMinimumHeight(160)
    window.welcome = Welcome(window.stack)
    window.welcome.settingsRequested.connect(window.open_settings)
    window.welcome.demoRequested.connect(window.start_demo)
    window.chat_view = ChatView(window.conversation, window.stack)
    window.ledger.cost_listeners.append(window.chat_view)
    window.chat_view.regenerateRequested.connect(window.regenerate)
    window.chat_view.editRequested.connect(window.edit)
    window.chat_view.branchRequested.connect(window.branch)
    window.chat_view.stopAnswerRequested.connect(window.session.stop)
    window.chat_view.continueRequested.connect(window.continue_with)
    window.chat_view.cost_text = window.answer_cost_text
    window.chat_view.stronger_text = window.auto.stronger_text
    window.chat_view.escalateRequested.connect(window.auto.escalate)
    window.stack.addWidget(window.welcome)
    window.stack.addWidget(window.chat_view)
    layout.addWidget(window.stack, 1)

    window.banner = ErrorBanner(central)
    window.banner.actionRequested.connect(window._banner_action)
    window.banner.changed.connect(lambda: window.chat_view.error_in_banner(None))
    window.models.failed.connect(window.banner.show_error)
    layout.addWidget(window.banner)

    window.composer = Composer(window.conversation, window._picked_price, central)
    window.composer.sendRequested.connect(window.send)
    window.composer.stopRequested.connect(window.stop)
    window.composer.editCancelled.connect(lambda: window.composer.end_edit(clear=True))
    window.input = window.composer.input
    window.send_button = window.composer.send_button
    window.stop_button = window.composer.stop_button
    window.estimate = window.composer.estimate
    window.picker.currentIndexChanged.connect(window.estimate.schedule)
    window.compare.changed.connect(window.estimate.schedule)
    window.estimate.compared = window.compared_prices
    window.estimate.attachment_tokens = window.attachment_tokens
    window.estimate.route_note = window.auto.note
    window.estimate.system = lambda: window.session.parameters.system or ""
    window.auto.changed.connect(window.estimate.schedule)
    window.picker.aboutToShow.connect(
        lambda: window.picker.price_message(window.estimate.tokens, window.app_settings.currency)
    )
    window.composer.tray.failed.connect(window.banner.show_error)
    window.setAcceptDrops(True)
    FileDrops(window, window.composer.tray)
    layout.addWidget(window.composer)
    window.splitter = splitter = QSplitter(window)
    splitter.addWidget(window.sidebar)
    splitter.addWidget(central)
    splitter.setStretchFactor(1, 1)
    splitter.setCollapsible(1, False)  # the sidebar may be dragged shut; the chat may not
    splitter.setSizes([260, 720])
    window.setCentralWidget(splitter)

    window.status = StatusLine(window.conversation, window)
    # The speed figures give way (cut at the right) before the cost meter does.
    window.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    window.statusBar().addWidget(window.status, 1)
    window.meter = CostMeter(window.ledger, window.conversation, window)
    window.statusBar().addPermanentWidget(window.meter)
    window.files = HistoryFiles(window.services.store, window.listed_providers, window)
    window.files.done.connect(lambda report: window.statusBar().showMessage(report, 10_000))
    window.files.failed.connect(window.banner.show_error)
    window.files.imported.connect(window.sidebar.refresh)
    window.files.writes_made.connect(window.sidebar.kept_writes_made)
    window.files.imported.connect(window.refresh_totals)
    build_menus(window, settings, spend)
    QShortcut(QKeySequence(Qt.Key.Key_Escape), window, window.stop)
    QShortcut(QKeySequence("Ctrl+K"), window, window.sidebar.focus_search)
    QShortcut(QKeySequence("Ctrl+R"), window, lambda: window.regenerate())
    QShortcut(QKeySequence(QKeySequence.StandardKey.Find), window, window.sidebar.focus_search)
    show_icons(window)
    window.resize(980, 760)


def show_icons(window: MainWindow) -> None:
    """The buttons' icons, in the palette's colours: at start, and after a palette change."""
    icons = (
        (window.send_button, "send"),
        (window.stop_button, "stop"),
        (window.sidebar.new_button, "new"),
        (window.spending_action, "spending"),
        (window.settings_action, "settings"),
        (window.composer.attach_button, "attach"),
        (window.models.button, "refresh"),
        (window.compare, "compare"),
    )
    for holder, name in icons:
        holder.setIcon(window_icon(name))
