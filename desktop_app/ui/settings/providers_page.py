"""The settings dialog's providers tab: the providers listed, added from a preset or removed,
and the one selected edited in the form (provider_form.py). Its texts are the dialog's
(translated in the SettingsDialog context), as they were when the dialog built the tab itself."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.money.prices import CatalogLookup
from desktop_app.core.settings.presets import PRESETS, Preset
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.text.messages import shown
from desktop_app.ui.settings.provider_draft import KeyState, ProviderDraft
from desktop_app.ui.settings.provider_form import ProviderForm


class ProvidersPage(QWidget):
    """The settings dialog's first tab: the providers listed on the left, added from a preset
    or removed, and the one selected edited in the form on the right."""

    def __init__(
        self, drafts: list[ProviderDraft], parent: QWidget, *, catalog: CatalogLookup | None
    ) -> None:
        super().__init__(parent)
        self.drafts = drafts
        self.removed: list[Provider] = []
        self.provider_list = QListWidget(self)
        self.provider_list.setObjectName("providerList")
        self.provider_list.setAccessibleName(
            QCoreApplication.translate("SettingsDialog", "Providers")
        )
        self.provider_list.setMinimumWidth(200)
        self.provider_list.setMaximumWidth(240)  # the prices table needs the width more
        self.provider_list.setSpacing(3)
        self.provider_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.provider_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.add_button = QPushButton(QCoreApplication.translate("SettingsDialog", "Add…"), self)
        self.add_button.setObjectName("addProviderButton")
        self.add_menu = QMenu(self.add_button)
        for preset in PRESETS:
            action = self.add_menu.addAction(_preset_label(preset))
            action.setToolTip(
                preset.base_url
                or QCoreApplication.translate("SettingsDialog", "Any OpenAI-compatible server")
            )
            action.setData(preset.id)
            action.triggered.connect(lambda _=False, p=preset: self.add_preset(p))
        self.add_button.setMenu(self.add_menu)
        self.remove_button = QPushButton(
            QCoreApplication.translate("SettingsDialog", "Remove"), self
        )
        self.remove_button.setObjectName("removeProviderButton")
        self.form = ProviderForm(self, catalog=catalog)
        self.empty_hint = QLabel(
            QCoreApplication.translate(
                "SettingsDialog",
                "No providers yet. Click “Add…” to pick a relay, OpenAI, DeepSeek, OpenRouter, "
                "Gemini, a server on this computer (Ollama, LM Studio), or any other "
                "OpenAI-compatible address.",
            ),
            self,
        )
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        left = QVBoxLayout()
        left.addWidget(self.provider_list, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        left.addLayout(row)
        top = QHBoxLayout(self)
        top.addLayout(left)
        top.addSpacing(12)
        top.addWidget(self.form, 1)
        top.addWidget(self.empty_hint, 1)
        self.provider_list.currentRowChanged.connect(self.row_changed)
        self.remove_button.clicked.connect(self.remove_current)
        self.form.edited.connect(self._refresh_current_item)
        self.row_changed(self.provider_list.currentRow())

    def list_drafts(self) -> None:
        """List the providers given, the first one shown in the form."""
        for draft in self.drafts:
            self.provider_list.addItem(self._item_for(draft))
        if self.drafts:
            self.provider_list.setCurrentRow(0)

    def current_draft(self) -> ProviderDraft | None:
        """The provider shown in the form."""
        row = self.provider_list.currentRow()
        return self.drafts[row] if 0 <= row < len(self.drafts) else None

    def add_preset(self, preset: Preset) -> ProviderDraft:
        """Add a new provider filled in from a preset, and show it."""
        draft = ProviderDraft.of_preset(preset)
        draft.key_state = KeyState.NONE if self.form.keyring_available else KeyState.UNAVAILABLE
        self.drafts.append(draft)
        self.provider_list.addItem(self._item_for(draft))
        self.provider_list.setCurrentRow(len(self.drafts) - 1)
        self.form.name_edit.setFocus()
        self.form.name_edit.selectAll()
        return draft

    def remove_current(self) -> None:
        """Remove the selected provider after the user confirms; its key goes on Save."""
        draft = self.current_draft()
        if draft is None:
            return
        name = draft.name.strip() or QCoreApplication.translate("SettingsDialog", "this provider")
        answer = QMessageBox.question(
            self.window(),
            QCoreApplication.translate("SettingsDialog", "Remove provider"),
            QCoreApplication.translate(
                "SettingsDialog", "Remove {}? Its stored API key is deleted too when you save."
            ).format(name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        row = self.drafts.index(draft)
        del self.drafts[row]
        if draft.original is not None:
            self.removed.append(draft.original)
        self.provider_list.takeItem(row)
        self.row_changed(self.provider_list.currentRow())

    def _item_for(self, draft: ProviderDraft) -> QListWidgetItem:
        item = QListWidgetItem()
        self._label_item(item, draft)
        return item

    def _label_item(self, item: QListWidgetItem, draft: ProviderDraft) -> None:
        name = draft.name.strip() or QCoreApplication.translate("SettingsDialog", "(no name yet)")
        base_url = draft.base_url.strip() or QCoreApplication.translate(
            "SettingsDialog", "(no base URL yet)"
        )
        item.setText(f"{name}\n{base_url}")
        item.setToolTip(base_url)

    def _refresh_current_item(self) -> None:
        draft = self.current_draft()
        item = self.provider_list.currentItem()
        if draft is not None and item is not None:
            self._label_item(item, draft)

    def row_changed(self, row: int) -> None:
        """Show the selected provider in the form, or the hint when there is none."""
        draft = self.current_draft()
        self.form.show_draft(draft)
        self.form.setVisible(draft is not None)
        self.empty_hint.setVisible(draft is None)
        self.remove_button.setEnabled(row >= 0)


def _preset_label(preset: Preset) -> str:
    if not preset.base_url:
        return QCoreApplication.translate("SettingsDialog", "Custom (any OpenAI-compatible server)")
    return f"{shown(preset.name)}   —   {preset.base_url}"
