"""The settings dialog: providers with their keys and prices on one tab, the currency and the
budgets on another, the language, and the routing rules (routing/page.py).

Saving rewrites providers.toml from what the dialog shows: the values of a hand-edited file are
kept, its comments are not. Keys go to the OS keyring or, when there is none and the user ticks
"only for this session", into memory until Tally quits; never into the file or anywhere else.
settings.toml is written only when the Money tab changed something, routing.toml only when the
Routing tab did.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import paths
from desktop_app.core.errors import ConfigError, KeyringUnavailable, TallyError
from desktop_app.core.money.prices import CatalogLookup
from desktop_app.core.network.clients import Clients
from desktop_app.core.routing.rules import Routing
from desktop_app.core.routing.rules_file import save_routing
from desktop_app.core.settings.app_settings import AppSettings, save_settings
from desktop_app.core.settings.keys import KeyResolver
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.settings.providers_writer import save_providers
from desktop_app.core.text.messages import shown
from desktop_app.ui.error_banner import problem_style
from desktop_app.ui.named_tasks import NamedTasks
from desktop_app.ui.settings.general_page import GeneralPage
from desktop_app.ui.settings.money_page import MoneyPage, SettingsProblem, read_app_settings
from desktop_app.ui.settings.provider_draft import (
    DraftProblem,
    ProviderDraft,
    check_stored_keys,
    describe_models,
    forget_key,
    models_for_test,
    save_secrets,
)
from desktop_app.ui.settings.providers_page import ProvidersPage
from desktop_app.ui.settings.routing.page import RoutingPage, routable_models

NO_KEYRING = str(
    QT_TRANSLATE_NOOP(
        "SettingsDialog",
        "No OS keyring is available, so keys cannot be saved. Tick “Use this key only for this "
        "session” to keep a key in memory until Tally quits, or put the key in an environment "
        "variable and name it under “Key from env var”.",
    )
)


class SettingsDialog(QDialog):
    """Edits the providers, their keys and prices, the currency and the budgets; on Save writes
    them and emits providersChanged, then appSettingsChanged if the Money tab changed, then
    routingChanged if the Routing tab wrote routing.toml (`routing_path`: by default beside
    providers.toml).

    Create it while the qasync loop runs: it starts asyncio tasks (keyring reads, connection
    tests, saving), holds them in `tasks`, and cancels them when it closes. `catalog` replaces
    the bundled price catalog (tests).
    """

    providersChanged = Signal(list)
    appSettingsChanged = Signal(object)  # the AppSettings just saved
    routingChanged = Signal(object)  # the Routing just written to routing.toml

    def __init__(
        self,
        providers: list[Provider],
        keys: KeyResolver,
        client: Clients,
        providers_path: Path,
        parent: QWidget | None = None,
        *,
        settings_path: Path | None = None,
        catalog: CatalogLookup | None = None,
        providers_problem: str = "",
        routing_path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.keys = keys
        self.client = client
        self.providers_path = providers_path
        self.settings_path = settings_path or paths.settings_file()
        self.routing_path = routing_path or providers_path.parent / "routing.toml"
        self.catalog = catalog
        self.drafts = [ProviderDraft.of_provider(provider) for provider in providers]
        self.saved: list[Provider] | None = None
        self.tasks = NamedTasks("settings-dialog")
        app_settings, problem = read_app_settings(self.settings_path)
        self._build(app_settings)
        kept = self.tr("Saving keeps that file as {0}.bak (or .bak.2, …) and writes a new one.")
        bad = (
            f"{shown(providers_problem)} {kept.format(providers_path.name)}"
            if providers_problem
            else ""
        )
        self.show_message(f"{bad} {problem}".strip())  # a file that did not load: kept, not lost
        self.providers_page.list_drafts()
        self.tasks.start("keys", self._check_stored_keys())

    def _build(self, app_settings: AppSettings) -> None:
        self.providers_page = ProvidersPage(self.drafts, self, catalog=self.catalog)
        # The dialog's own code, and its tests, reach for the list and the form.
        self.provider_list, self.form = self.providers_page.provider_list, self.providers_page.form
        self.message = QLabel(self)
        self.message.setObjectName("dialogMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setStyleSheet(problem_style("dialogMessage"))
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        # Qt's own "Save", in the window's language, for when "Saving…" is done.
        self._save_text = self.buttons.button(QDialogButtonBox.StandardButton.Save).text()
        self.money_page = MoneyPage(app_settings, self)
        self.general_page = GeneralPage(app_settings.language, self)
        self.routing_page = RoutingPage(self.routing_path, self._models, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settingsTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.providers_page, self.tr("Providers and prices"))
        self.tabs.addTab(self.money_page, self.tr("Money and budgets"))
        self.tabs.addTab(self.general_page, self.tr("General"))
        self.tabs.addTab(self.routing_page, self.tr("Routing"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(980, 720)
        self.form.testRequested.connect(self.test_connection)
        self.form.revealRequested.connect(self._reveal_key)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    # --- keys -----------------------------------------------------------------------------

    async def _check_stored_keys(self) -> None:
        try:
            await check_stored_keys(self.drafts, self.keys)
        except KeyringUnavailable as exc:
            self._keyring_unavailable(exc)
        self.form.refresh_key_field()

    def _reveal_key(self) -> None:
        draft = self.providers_page.current_draft()
        if draft is None or draft.id is None:
            return
        if draft.id in self.keys.session_keys:
            self.form.show_revealed(draft, self.keys.session_keys[draft.id])
            return
        self.tasks.start("reveal", self._read_stored_key(draft, draft.id))

    async def _read_stored_key(self, draft: ProviderDraft, provider_id: str) -> None:
        try:
            key = await asyncio.to_thread(self.keys.store.get, provider_id)
        except KeyringUnavailable as exc:
            self._keyring_unavailable(exc)
            return
        self.form.show_revealed(draft, key)

    def _keyring_unavailable(self, error: KeyringUnavailable) -> None:
        self.form.set_keyring_available(False)
        self.show_message(
            QCoreApplication.translate("SettingsDialog", NO_KEYRING), detail=str(error)
        )

    # --- test connection ------------------------------------------------------------------

    def test_connection(self) -> asyncio.Task[None] | None:
        """List the shown provider's models in a task of this dialog (a re-run replaces it)."""
        draft = self.providers_page.current_draft()
        if draft is None:
            return None
        try:
            provider = draft.to_provider(draft.id or "new-provider")
        except DraftProblem as problem:
            draft.result, draft.result_ok, draft.found_models = str(problem), False, ()
            self.form.show_result()
            return None
        draft.result, draft.result_ok, draft.found_models = self.tr("Testing…"), None, ()
        self.form.show_result()
        return self.tasks.start("test", self._run_test(draft, provider))

    async def _run_test(self, draft: ProviderDraft, provider: Provider) -> None:
        try:
            names = await models_for_test(draft, provider, self.client, self.keys)
        except TallyError as exc:
            draft.result, draft.result_ok = str(exc), False
        else:
            draft.result, draft.result_ok = describe_models(names), True
            draft.found_models = tuple(names)
        if draft is self.providers_page.current_draft():
            self.form.show_result()

    # --- saving ---------------------------------------------------------------------------

    def save(self) -> asyncio.Task[None] | None:
        """Check every provider, then store keys and write the file in a task; accept when done."""
        running = self.tasks.get("save")
        if running is not None and not running.done():
            return running
        taken = {draft.id for draft in self.drafts if draft.id}
        pairs: list[tuple[ProviderDraft, Provider]] = []
        for row, draft in enumerate(self.drafts):
            provider_id = draft.id or draft.id_for_new(taken)
            try:
                provider = draft.to_provider(provider_id)
            except DraftProblem as problem:
                self.tabs.setCurrentWidget(self.providers_page)
                self.provider_list.setCurrentRow(row)
                self.form.focus_field(problem.field)
                self.show_message(str(problem))
                return None
            taken.add(provider_id)
            pairs.append((draft, provider))
        try:
            app_settings = replace(
                self.money_page.settings(), language=self.general_page.language()
            )
        except SettingsProblem as problem:
            self.tabs.setCurrentWidget(self.money_page)
            self.money_page.show_problem(problem)  # said next to the fields, not twice
            self.show_message("")
            return None
        self.show_message("")
        self._set_busy(True)
        routing = self.routing_page.to_save()
        return self.tasks.start("save", self._write(pairs, app_settings, routing))

    async def _write(
        self,
        pairs: list[tuple[ProviderDraft, Provider]],
        app_settings: AppSettings,
        routing: Routing | None = None,
    ) -> None:
        providers = [provider for _, provider in pairs]
        settings_changed = app_settings != self.money_page.loaded
        try:
            for draft, provider in pairs:
                try:
                    await save_secrets(draft, provider, self.keys)
                except KeyringUnavailable:
                    self.provider_list.setCurrentRow(self.drafts.index(draft))
                    raise
            for gone in self.providers_page.removed:
                await forget_key(gone.id, self.keys)
            await asyncio.to_thread(save_providers, self.providers_path, providers)
            if settings_changed:
                await asyncio.to_thread(save_settings, self.settings_path, app_settings)
            if routing is not None:
                await asyncio.to_thread(save_routing, self.routing_path, routing)
        except KeyringUnavailable as exc:
            self._keyring_unavailable(exc)
            return
        except ConfigError as exc:
            self.show_message(str(exc))
            return
        finally:
            self._set_busy(False)
        self.saved = providers
        self.providersChanged.emit(providers)
        if settings_changed:
            self.money_page.loaded = app_settings
            self.appSettingsChanged.emit(app_settings)
        if routing is not None:
            self.routing_page.loaded, self.routing_page.changed = routing, False
            self.routingChanged.emit(routing)
        self.accept()

    # --- the dialog's own state -----------------------------------------------------------

    def show_message(self, text: str, *, detail: str = "") -> None:
        """Show a problem inside the dialog (an empty text hides it)."""
        self.message.setText(text)
        self.message.setToolTip(detail)
        self.message.setVisible(bool(text))

    def _set_busy(self, busy: bool) -> None:
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(not busy)
        save.setText(self.tr("Saving…") if busy else self._save_text)
        page = self.providers_page
        widgets = (self.provider_list, page.add_button, page.remove_button, self.form)
        for widget in (*widgets, self.money_page, self.routing_page):
            widget.setEnabled(not busy)
        if not busy:
            page.row_changed(self.provider_list.currentRow())

    def _models(self) -> list[str]:
        return routable_models(self.drafts)

    def cancel_tasks(self) -> None:
        """Cancel every task this dialog started (the dialog is closing), but the caller's."""
        self.tasks.cancel_all()

    def done(self, result: int) -> None:
        """Close: cancel the running tasks first."""
        self.cancel_tasks()
        super().done(result)
