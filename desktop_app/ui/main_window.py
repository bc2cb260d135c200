"""The main window: model picker, chat pane, error banner, message box, Send and Stop."""

from __future__ import annotations

import logging
import sqlite3
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QSettings, Signal
from PySide6.QtGui import QAction, QCloseEvent, QResizeEvent
from PySide6.QtWidgets import QMainWindow

from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.core.errors import (
    ConfigError,
    DiskFull,
    HistoryUnreadable,
)
from desktop_app.core.history.provider_ids import adopt_provider_ids
from desktop_app.core.history.recorder import HistoryRecorder
from desktop_app.core.money.ledger import Ledger
from desktop_app.core.money.prices import format_money
from desktop_app.core.session import ChatSession
from desktop_app.core.settings.app_settings import AppSettings, load_settings
from desktop_app.core.settings.providers_file import ModelPrice, Provider, load_providers
from desktop_app.core.text.messages import text_of
from desktop_app.ui.chat.provider_renames import show_current_names
from desktop_app.ui.conversation_opening import open_stored, reopen_last, switch_to
from desktop_app.ui.error_banner import Action
from desktop_app.ui.history.reads import HistoryReads
from desktop_app.ui.history.unsaved import UnsavedWrites
from desktop_app.ui.named_tasks import NamedTasks
from desktop_app.ui.picker.auto_route import Routed
from desktop_app.ui.reply_follower import ReplyFollower
from desktop_app.ui.services import Services
from desktop_app.ui.window_layout import build_window, show_icons

if TYPE_CHECKING:
    import asyncio
    from collections.abc import Sequence

    from PySide6.QtWidgets import QLabel, QPushButton, QSplitter, QStackedWidget

    from desktop_app.core.attachments.attachment import Attachment
    from desktop_app.ui.assistants.conversation_assistant import ConversationAssistant
    from desktop_app.ui.chat.chat_view import ChatView
    from desktop_app.ui.chat.composer import Composer
    from desktop_app.ui.chat.cost_meter import CostMeter, PromptEstimate
    from desktop_app.ui.chat.message_input import MessageInput
    from desktop_app.ui.chat.status_line import StatusLine
    from desktop_app.ui.chat.welcome import Welcome
    from desktop_app.ui.error_banner import ErrorBanner
    from desktop_app.ui.history.files import HistoryFiles
    from desktop_app.ui.picker.auto_route import AutoRoute
    from desktop_app.ui.picker.compare_choice import CompareChoice
    from desktop_app.ui.picker.model_lists import ModelLists
    from desktop_app.ui.picker.model_picker import ModelPicker
    from desktop_app.ui.sidebar.conversation_list import ConversationSidebar


log = logging.getLogger(__name__)

NARROW = 640
"""A window narrower than this (pixels) folds its sidebar away, to leave the chat its room."""


class MainWindow(QMainWindow):
    """One conversation at a time, streamed from the model picked in the toolbar."""

    spendingChanged = Signal()  # an open spending view's history, currency or prices changed

    # Its parts, made by window_layout.build_window:
    picker: ModelPicker
    compare: CompareChoice
    branch_note: QLabel
    spending_action: QAction
    settings_action: QAction
    splitter: QSplitter
    models: ModelLists
    sidebar: ConversationSidebar
    stack: QStackedWidget
    welcome: Welcome
    chat_view: ChatView
    banner: ErrorBanner
    composer: Composer
    input: MessageInput
    send_button: QPushButton
    stop_button: QPushButton
    estimate: PromptEstimate
    status: StatusLine
    meter: CostMeter
    files: HistoryFiles
    assistant: ConversationAssistant
    auto: AutoRoute

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.setWindowTitle("Tally")
        self.services = services
        self.providers: list[Provider] = []
        self.conversation = Conversation()
        self.session = ChatSession(self.conversation, services.client, services.keys.resolve)
        self.session.listeners.append(ReplyFollower(self))
        self.ledger = Ledger(services.store)
        self.ledger.listeners.append(self)
        self._billed = 0  # the ledger's count of billed answers that spendingChanged told of
        self._away = False  # another window is the active one (a terminal, say)
        self.recorder = HistoryRecorder(services.store, self.conversation, self.ledger)
        self.reads = HistoryReads(self, services.store)  # "totals"
        self.ledger.reread = self._read_totals
        self._closing: asyncio.Task[None] | None = None
        self.tasks = NamedTasks("window")  # "branch"
        self._closed = False
        self.past_budget_once = False
        """Send anyway was pressed: the next send goes past the budget that stopped it, once."""
        build_window(self)
        self.unsaved = UnsavedWrites(self.banner, self)  # writes a full disk refused
        self.unsaved.watch(self.recorder)
        self._restore_state()
        self._load_app_settings()
        self.reload_providers()
        self.input.setFocus()

    # -- providers ------------------------------------------------------------------------

    def reload_providers(self) -> None:
        """Read the providers file again and list their models (plus the demo, if running)."""
        self.providers_problem = ""  # what the settings dialog says of a file it would replace
        try:
            self.providers = load_providers(self.services.providers_path)
            adopt_provider_ids(self.services.store, self.providers)  # once per history
        except ConfigError as exc:
            self.providers, self.providers_problem = [], text_of(exc)
            self.banner.show_error(exc)
        except (sqlite3.OperationalError, DiskFull, HistoryUnreadable) as exc:  # next start
            log.warning("provider ids not adopted yet: %s", exc)
        self._show_providers()
        show_current_names(self.chat_view, self.listed_providers())
        self.spendingChanged.emit()

    def listed_providers(self) -> list[Provider]:
        """The providers of the file, and the Demo while it runs."""
        return [*self.providers, *filter(None, [self.services.demo.provider])]

    def _show_providers(self) -> None:
        listed = self.listed_providers()
        self.ledger.set_providers(listed)
        self.models.show(listed)
        last = self.remembered().value("lastModel")
        if isinstance(last, str) and "\n" in last:
            self.picker.select(*last.split("\n", 1))

    def show_ready(self) -> None:
        """The chat pane, or the welcome page while there is no model to send to and no stored
        conversation open: a history is read without a provider (kept, or imported first)."""
        has_models = self.picker.current() is not None
        reading = has_models or bool(self.conversation.messages)
        self.stack.setCurrentWidget(self.chat_view if reading else self.welcome)
        self.send_button.setEnabled(has_models and not self.session.busy)

    def open_spending(self) -> None:
        """The spending view: this month per day and per model, and re-pricing."""
        from desktop_app.ui.spending.spending_dialog import show_spending  # on first open

        show_spending(self)

    def start_demo(self) -> None:
        """Offer the offline Demo provider (the simulator, in-process)."""
        provider = self.services.demo.start()
        self._show_providers()
        self.picker.select(provider.id, provider.models[0])
        self.input.setFocus()

    def open_settings(self) -> None:
        from desktop_app.ui.settings.settings_dialog import SettingsDialog  # on first open

        services = self.services
        dialog = SettingsDialog(
            self.providers, services.keys, services.client, services.providers_path,
            parent=self, settings_path=services.settings_path,
            providers_problem=self.providers_problem,
        )  # fmt: skip
        before = list(self.providers)
        dialog.providersChanged.connect(lambda _: self.reload_providers())
        # Then ask the providers just saved (or tested) for their models: the user's request.
        dialog.providersChanged.connect(lambda _: self.models.refresh_saved(before, dialog))
        dialog.appSettingsChanged.connect(self.apply_app_settings)
        dialog.routingChanged.connect(lambda _: self.routing_saved())
        dialog.open()

    # -- conversations ----------------------------------------------------------------------

    def new_conversation(self) -> None:
        """Start an empty conversation (the current one stays in the history)."""
        switch_to(self, None)

    def open_conversation(self, conversation_id: str) -> None:
        """Show a stored conversation and go on recording it; its last model is picked."""
        open_stored(self, conversation_id)

    def reopen_last_conversation(self) -> None:
        """Show the conversation that was open when the app last closed, if it is still there.
        The app does this once the window's first frame is painted (ui/app.py): rendering its
        messages (and loading the markdown renderer) is most of the work of a start with a
        history, and the window can be on screen without it."""
        reopen_last(self)

    def answering(self) -> tuple[Provider, str] | None:
        """The provider and model the message being written goes to: the one Auto's rule
        picks, else the one picked."""
        routed = self.auto.routed()
        return (
            (routed.provider, routed.model) if isinstance(routed, Routed) else self.picker.current()
        )

    def _picked_price(self) -> tuple[str, ModelPrice | None] | None:
        choice = self.answering()
        return (choice[1], self.ledger.price(choice[0].id, choice[1])) if choice else None

    # -- sending --------------------------------------------------------------------------

    def send(self) -> None:
        """Send what is in the message box (Send, Ctrl+Enter): ui/sending.py, loaded with the
        first message."""
        from desktop_app.ui.sending import send_message

        send_message(self)

    def stop(self) -> None:
        """Esc: stop the answers streaming, or else leave editing."""
        if self.session.busy:
            self.session.stop()
        elif self.composer.editing is not None:
            self.composer.end_edit(clear=True)

    def regenerate(self, answer: ChatMessage | None = None) -> None:
        """A new version of an answer (the last one by default: Ctrl+R) from the model picked;
        the old one stays, as a version (ui/sending.py)."""
        from desktop_app.ui.sending import regenerate_answer

        regenerate_answer(self, answer)

    def continue_with(self, answer: ChatMessage) -> None:
        """Go on from this answer of a comparison: it is shown, the others stay as versions."""
        if answer.status != "streaming":
            self.conversation.show(answer)
            self.input.setFocus()

    def answer_cost_text(self, answer: ChatMessage) -> str:
        """An answer's cost as a comparison's column shows it: the stored figure once it has
        ended, an estimate meanwhile."""
        cost = answer.cost if answer.status != "streaming" else None
        if cost is None:
            cost = self.ledger.cost_of(self.conversation, answer)
        return format_money(cost.usd, self.app_settings.currency, estimated=cost.estimated)

    def routing_saved(self) -> None:
        """routing.toml was saved: Auto and Try a stronger model follow the new rules."""
        self.auto.reload()
        self.chat_view.refresh_actions()
        self.estimate.schedule()

    def attachment_tokens(self, files: Sequence[Attachment]) -> int:
        """What these files cost to send to the model that will answer, in input tokens,
        estimated (an image by that model's rule, which is looked up once for them all)."""
        from desktop_app.core.attachments.tokens import attachment_tokens

        choice = self.answering()
        kind, model = (choice[0].kind, choice[1]) if choice else ("openai", "")
        return sum(attachment_tokens(file, kind, model) for file in files)

    def compared_prices(self) -> list[tuple[str, ModelPrice | None]]:
        """The models the next message is to be compared on, with their prices."""
        return [(model, self.ledger.price(p.id, model)) for p, model in self.compare.chosen()]

    def edit(self, question: ChatMessage) -> None:
        """Put a question in the box to edit it into a new version."""
        if self.session.busy:
            return
        self.composer.begin_edit(question)

    def branch(self, message: ChatMessage) -> None:
        """Start a new conversation holding the path down to `message` (stored copies, linked
        back to this one), made off the GUI thread and then shown: ui/branching.py."""
        from desktop_app.ui.branching import branch_from

        branch_from(self, message)

    def _banner_action(self, action: Action) -> None:
        if action is Action.SETTINGS:
            self.open_settings()
        elif action is Action.RETRY:
            last = self.conversation.messages[-1] if self.conversation.messages else None
            if last is not None and last.role == "assistant":
                self.regenerate()
        elif action is Action.SWITCH_MODEL:
            self.picker.showPopup()
        elif action is Action.SEND_ANYWAY:
            self.past_budget_once = True
            self.send()

    # -- money --------------------------------------------------------------------------------

    def _load_app_settings(self) -> None:
        try:
            self.apply_app_settings(load_settings(self.services.settings_path))
        except ConfigError as exc:
            self.banner.show_error(exc, Action.SETTINGS)
        self.refresh_totals()

    @property
    def app_settings(self) -> AppSettings:
        """The currency and budgets in force (the ledger keeps them; the spending view asks)."""
        return self.ledger.settings

    def apply_app_settings(self, settings: AppSettings) -> None:
        """Show money in the chosen currency and check the budgets set."""
        if self.banner.action is Action.SEND_ANYWAY:
            self.banner.clear()  # the budget that stopped sending may have been raised
        self.chat_view.set_currency(settings.currency)
        self.estimate.settings = settings
        self.estimate.refresh()
        self.ledger.set_settings(settings)
        self.spendingChanged.emit()

    def refresh_totals(self) -> None:
        """Read the totals again, on a worker (at start; an import changed the history)."""
        self.ledger.refresh()
        self.spendingChanged.emit()

    def _read_totals(self) -> None:
        self.reads.run("totals", self.ledger.snapshot_reader(), self.ledger.load)

    def totals_changed(self) -> None:
        """LedgerListener: once more money is billed, an open spending view reads it."""
        if self.ledger.generation != self._billed:  # not when only the conversation changed
            self._billed = self.ledger.generation
            self.spendingChanged.emit()

    # -- state and shutdown -----------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        """Icons follow the palette; back from elsewhere, the totals and list are read again."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            show_icons(self)
            self.banner.follow_palette()
        elif event.type() == QEvent.Type.ActivationChange:
            back = self._away and self.isActiveWindow()  # not at start: the start read them
            self._away = not self.isActiveWindow()
            if back:
                self.refresh_totals()
                self.sidebar.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the chat the biggest part at any size: below NARROW pixels the sidebar folds
        away (and comes back above it), and the error banner takes at most a third of the
        height left for the chat."""
        super().resizeEvent(event)
        narrow = event.size().width() < NARROW
        if narrow != (event.oldSize().width() < NARROW) or event.oldSize().width() < 0:
            self.sidebar.setVisible(not narrow)  # hidden, it no longer holds the window wide
        self.banner.limit_height(max(self.stack.height() + self.banner.height(), 0) // 3)

    def remembered(self) -> QSettings:
        """What the window remembers between runs (window.ini): its geometry, the last model
        and the last conversation."""
        return QSettings(str(self.services.state_path), QSettings.Format.IniFormat)

    def _restore_state(self) -> None:
        geometry = self.remembered().value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop the reply and close the HTTP client before the window (and the loop) go."""
        if self._closed:
            event.accept()
            return
        event.ignore()
        if self._closing is None:
            import asyncio  # loaded after the first frame (desktop_app/ui/first_frame.py)

            self.assistant.before_sending()  # a parameter changed just now is kept

            self.remembered().setValue("geometry", self.saveGeometry())
            self._closing = asyncio.get_event_loop().create_task(self._shut_down())

    async def _shut_down(self) -> None:
        self.session.stop()
        await self.session.wait()
        self.files.end_import()  # then what waited for it is written
        self.recorder.retry()
        await self.models.close()
        await self.services.client.aclose()
        self.services.demo.stop()
        self.tasks.cancel_all()  # a branch being copied is finished by the store's close
        self.services.store.close()
        self._closed = True
        self.close()
