"""The models each provider reports, for the picker: read from the cache at start (no network
call the user did not ask for), refreshed when the user asks (Refresh models, or saving a
provider in Settings), and the names the user typed, remembered once a provider answered.
asyncio is imported where used: the window is painted before it is loaded (ui/first_frame.py)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from desktop_app.core.conversation import ChatMessage
from desktop_app.core.errors import TallyError
from desktop_app.core.files import reason_of
from desktop_app.core.network.clients import client_for
from desktop_app.core.settings import model_cache
from desktop_app.core.settings.model_cache import ModelCache, ModelEntry, connection_changed
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.text.messages import message_of
from desktop_app.ui.demo import DEMO_ID
from desktop_app.ui.named_tasks import NamedTasks
from desktop_app.ui.picker.model_picker import ModelPicker
from desktop_app.ui.services import Services

if TYPE_CHECKING:
    import asyncio

    from desktop_app.ui.settings.settings_dialog import SettingsDialog

log = logging.getLogger(__name__)


class ModelLists(QObject):
    """Owns the model cache and the tasks that refresh it; fills `picker` (a Listing for it).

    Also a SessionListener: a typed name the provider answered to is remembered in the cache.
    """

    failed = Signal(object)  # a TallyError, or a str, for the window's banner
    reported = Signal(str)  # a line for the status bar

    def __init__(self, services: Services, picker: ModelPicker, parent: QWidget) -> None:
        super().__init__(parent)
        self.services = services
        self.picker = picker
        self.cache = ModelCache.load(services.models_path)
        self.tasks = NamedTasks("models")
        self._shown: list[Provider] = []
        self._running = 0
        self._done: list[str] = []
        self._failures: list[TallyError] = []
        self._saving: asyncio.Task[None] | None = None
        self._asked: tuple[Provider, str] | None = None
        self.action = QAction(self.tr("Refresh models"), self)
        self.action.setShortcut(QKeySequence("F5"))
        self.action.setToolTip(self.tr("Ask each provider which models it serves (F5)"))
        self.action.triggered.connect(self.refresh_all)
        # The toolbar's picker and its Refresh button (whose icon window_layout.show_icons sets).
        self.row, self.button = _picker_row(picker, self.action, parent)

    # -- what the picker shows (Listing) -------------------------------------------------------

    def show(self, providers: list[Provider]) -> None:
        """List these providers' models in the picker."""
        self._shown = list(providers)
        self.picker.set_providers(self._shown, self)

    def entries(self, provider: Provider) -> list[ModelEntry]:
        return model_cache.merged_models(provider, self.cache.models_for(provider))

    def fetched_at(self, provider: Provider) -> datetime | None:
        return self.cache.models_for(provider).fetched_at

    # -- refreshing ------------------------------------------------------------------------------

    def refresh_all(self) -> None:
        """Ask every configured provider for its models (not the Demo: its list is fixed)."""
        providers = [p for p in self._shown if p.id != DEMO_ID]
        if not providers:
            self.failed.emit(
                self.tr("There is no provider to ask for models yet: add one in Settings.")
            )
            return
        self.refresh(providers)

    def refresh(self, providers: list[Provider]) -> None:
        """Ask these providers for their models, all at once; a provider asked again while its
        last answer is pending is asked anew. Failures are reported together when all are in."""
        for provider in providers:
            running = self.tasks.get(provider.id)
            if running is None or running.done():
                self._running += 1
            self.tasks.start(provider.id, self._refresh_one(provider))
        self._show_busy()

    def refresh_saved(self, before: list[Provider], dialog: SettingsDialog) -> None:
        """After Settings saved: forget the models of removed providers, then ask the providers
        that are new, reached differently, given a new key, or whose connection was tested in
        the dialog (the user asked about them)."""
        # Pruned here, not by the dialog: this cache is the file's only writer, and a write
        # from it would bring back whatever was dropped from the file alone. The Demo is not
        # in the providers file; a name typed for it stays.
        saved = dialog.saved or []
        if self.cache.forget_except([*(provider.id for provider in saved), DEMO_ID]):
            self.save()
        old = {provider.id: provider for provider in before}
        asked = [
            provider
            for draft, provider in zip(dialog.drafts, saved, strict=False)
            if draft.result_ok is True
            or draft.key_saved  # the typed key itself is gone from the draft once stored
            or connection_changed(old.get(provider.id), provider)
        ]
        self.refresh(asked)

    async def _refresh_one(self, provider: Provider) -> None:
        import asyncio

        try:
            key = await asyncio.to_thread(self.services.keys.resolve, provider)
            client = await client_for(self.services.client, provider)  # its proxy, its CAs
            # Here, not with the app: model_list brings httpx (some 20-60 ms, once).
            from desktop_app.core.providers.model_list import discover_models

            models = await discover_models(client, provider, key)
        except TallyError as exc:
            self._failures.append(exc)
        else:
            self.cache.store_listed(provider, models, datetime.now(UTC))
            self._done.append(f"{provider.name} {len(models)}")
            self.picker.set_providers(self._shown, self)
        finally:
            # Not on cancellation: the same provider's new task carries the count on.
            if not _being_cancelled():
                self._running -= 1
                if self._running == 0:
                    self._round_over()

    def _round_over(self) -> None:
        done, failures = self._done, self._failures
        self._done, self._failures = [], []
        self._show_busy()
        if done:
            self.save()
            self.reported.emit(self.tr("Models refreshed: {}.").format(", ".join(done)))
        if len(failures) == 1:
            self.failed.emit(failures[0])
        elif failures:
            self.failed.emit("\n".join(message_of(failure) for failure in failures))

    @property
    def refreshing(self) -> bool:
        """Whether a round of model lists is still being fetched."""
        return self._running > 0

    def _show_busy(self) -> None:
        busy = self.refreshing
        self.action.setEnabled(not busy)
        self.action.setText(self.tr("Refreshing models…") if busy else self.tr("Refresh models"))

    # -- remembering typed names (SessionListener) ----------------------------------------------

    def reply_started(self, message: ChatMessage) -> None:
        self._asked = self.picker.current()

    def reply_waiting(self, message: ChatMessage, note: str) -> None:
        pass

    def reply_finished(self, message: ChatMessage, error: TallyError | None) -> None:
        """A name the provider answered to is worth remembering; one it refused is not."""
        asked, self._asked = self._asked, None
        if asked is None or (error is not None and not message.content):
            return
        if self.cache.remember_typed(*asked):
            self.save()

    # -- the file ---------------------------------------------------------------------------

    def save(self) -> None:
        """Write the cache in a thread; writes happen one after another, the newest last."""
        import asyncio

        data, previous = self.cache.to_bytes(), self._saving
        self._saving = asyncio.get_running_loop().create_task(self._write(data, previous))

    async def _write(self, data: bytes, previous: asyncio.Task[None] | None) -> None:
        import asyncio

        if previous is not None:
            await asyncio.wait([previous])
        path = self.cache.path
        try:
            await asyncio.to_thread(model_cache.write, path, data)
        except OSError as exc:
            log.warning("Cannot write the model cache %s: %s", path, exc)
            self.failed.emit(
                self.tr("Cannot save the model lists to {path}: {error}.").format(
                    path=path, error=reason_of(exc)
                )
            )

    async def saved(self) -> None:
        """Wait until the writes started so far are done."""
        if self._saving is not None:
            import asyncio

            await asyncio.wait([self._saving])

    async def close(self) -> None:
        """Stop asking; let a write in progress finish (the window is closing)."""
        import asyncio

        self.tasks.cancel_all()
        await asyncio.gather(*self.tasks.values(), return_exceptions=True)
        await self.saved()


def _being_cancelled() -> bool:
    import asyncio

    task = asyncio.current_task()
    return task is not None and task.cancelling() > 0


def _picker_row(
    picker: ModelPicker, refresh: QAction, parent: QWidget
) -> tuple[QWidget, QToolButton]:
    """The picker with its Refresh button beside it, for the toolbar; the button shows its
    icon alone once it has one (the text is what shows until then)."""
    row = QWidget(parent)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(picker)
    button = QToolButton(row)
    button.setObjectName("refreshModelsButton")
    button.setText("⟳")
    button.setToolTip(refresh.toolTip())
    button.setAccessibleName(refresh.text())
    button.setAutoRaise(True)
    # Not setDefaultAction: the button would take the action's text ("Refreshing models…").
    button.clicked.connect(refresh.trigger)
    refresh.enabledChanged.connect(button.setEnabled)
    layout.addWidget(button)
    return row, button
