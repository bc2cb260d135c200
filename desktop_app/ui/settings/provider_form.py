"""The right-hand side of the Providers dialog: the form that edits one ProviderDraft."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.money.prices import CatalogLookup
from desktop_app.core.settings.providers_file import Kind
from desktop_app.ui.settings.form_fields import line_edit, right_aligned_form
from desktop_app.ui.settings.network_fields import NetworkFields
from desktop_app.ui.settings.price_table import PriceTable
from desktop_app.ui.settings.provider_draft import KeyState, ProviderDraft
from desktop_app.ui.settings.thinking_field import ThinkingField

MASK = "••••••••"
_KINDS: tuple[tuple[Kind, str], ...] = (
    ("openai", str(QT_TRANSLATE_NOOP("ProviderForm", "OpenAI-compatible"))),
    ("anthropic", str(QT_TRANSLATE_NOOP("ProviderForm", "Anthropic Messages"))),
    ("gemini", str(QT_TRANSLATE_NOOP("ProviderForm", "Gemini (native)"))),
)


class ProviderForm(QWidget):
    """Edits one ProviderDraft in place; the dialog does everything that takes time."""

    edited = Signal()
    testRequested = Signal()
    revealRequested = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, catalog: CatalogLookup | None = None
    ) -> None:
        super().__init__(parent)
        self.draft: ProviderDraft | None = None
        self.keyring_available = True
        self.name_edit = line_edit(self, "nameEdit", self.tr("Name"), self.tr("e.g. My relay"))
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("kindCombo")
        self.kind_combo.setAccessibleName(self.tr("Kind"))
        for kind, label in _KINDS:
            self.kind_combo.addItem(QCoreApplication.translate("ProviderForm", label), kind)
        self.id_label = QLabel(self)
        self.id_label.setObjectName("idLabel")
        self.id_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.base_url_edit = line_edit(
            self, "baseUrlEdit", self.tr("Base URL"), "https://api.example.com/v1"
        )
        self.key_edit = line_edit(self, "apiKeyEdit", self.tr("API key"), "")
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_key_button = QToolButton(self)
        self.show_key_button.setObjectName("showKeyButton")
        self.show_key_button.setText(self.tr("Show"))
        self.show_key_button.setCheckable(True)
        self.show_key_button.setToolTip(self.tr("Show the key (read from the keyring)"))
        self.remove_key_button = QToolButton(self)
        self.remove_key_button.setObjectName("removeKeyButton")
        self.remove_key_button.setText(self.tr("Remove key"))
        self.remove_key_button.setToolTip(self.tr("Delete the stored key when you save"))
        self.session_only_check = QCheckBox(self.tr("Use this key only for this session"), self)
        self.session_only_check.setObjectName("sessionOnlyCheck")
        self.session_only_check.setToolTip(
            self.tr("Kept in memory until Tally quits; never written down")
        )
        self.session_only_check.hide()
        self.env_edit = line_edit(
            self, "apiKeyEnvEdit", self.tr("Key from environment variable"), ""
        )
        self.env_edit.setPlaceholderText(
            self.tr("Optional, e.g. OPENAI_API_KEY; used when it is set")
        )
        self.models_edit = QPlainTextEdit(self)
        self.models_edit.setObjectName("modelsEdit")
        self.models_edit.setAccessibleName(self.tr("Models"))
        self.models_edit.setPlaceholderText(
            self.tr("One per line or separated by commas. Leave empty to use the server's list.")
        )
        self.models_edit.setTabChangesFocus(True)
        self.models_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.thinking = ThinkingField(self)
        self.network = NetworkFields(self)
        self.test_button = QPushButton(self.tr("Test connection"), self)
        self.test_button.setObjectName("testConnectionButton")
        self.use_models_button = QPushButton(self.tr("Use these models"), self)
        self.use_models_button.setObjectName("useModelsButton")
        self.use_models_button.setToolTip(self.tr("Put the models found into the Models field"))
        self.result_label = QLabel(self)
        self.result_label.setObjectName("testResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.prices = PriceTable(catalog, self)
        self._lay_out()
        self._connect()
        self.show_draft(None)

    def _lay_out(self) -> None:
        form = right_aligned_form()
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("ID:"), self.id_label)
        form.addRow(self.tr("&Kind:"), self.kind_combo)
        form.addRow(self.tr("&Base URL:"), self.base_url_edit)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_edit, 1)
        key_row.addWidget(self.show_key_button)
        key_row.addWidget(self.remove_key_button)
        key_label = QLabel(self.tr("API &key:"), self)
        key_label.setBuddy(self.key_edit)  # a row holding a layout gets no buddy by itself
        form.addRow(key_label, key_row)
        form.addRow("", self.session_only_check)
        form.addRow(self.tr("Key from &env var:"), self.env_edit)
        form.addRow(self.tr("&Models:"), self.models_edit)
        thinking_label = QLabel(self.tr("&Thinking:"), self)
        thinking_label.setBuddy(self.thinking.check)
        form.addRow(thinking_label, self.thinking)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.use_models_button)
        buttons.addStretch(1)
        form.addRow("", buttons)
        form.addRow("", self.result_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addSpacing(8)
        self.extras = _Pages(self)
        self.extras.setObjectName("providerExtras")
        self.extras.setDocumentMode(True)
        self.extras.addTab(self.prices, self.tr("Prices"))
        self.extras.addTab(self.network, self.tr("Network"))
        layout.addWidget(self.extras, 1)

    def _connect(self) -> None:
        self.name_edit.textEdited.connect(lambda text: self._edit(name=text))
        self.base_url_edit.textEdited.connect(lambda text: self._edit(base_url=text))
        self.env_edit.textEdited.connect(lambda text: self._edit(api_key_env=text))
        self.kind_combo.currentIndexChanged.connect(
            lambda row: self._edit(kind=self.kind_combo.itemData(row))
        )
        self.models_edit.textChanged.connect(
            lambda: self._edit(models_text=self.models_edit.toPlainText())
        )
        self.key_edit.textEdited.connect(self._key_typed)
        self.show_key_button.toggled.connect(self._show_toggled)
        self.remove_key_button.clicked.connect(self._remove_key)
        self.session_only_check.toggled.connect(lambda on: self._edit(session_only=on))
        self.test_button.clicked.connect(self.testRequested)
        self.use_models_button.clicked.connect(self._use_found_models)
        self.prices.edited.connect(self.edited)
        self.thinking.edited.connect(self.edited)
        self.network.edited.connect(self._network_edited)

    def _edit(self, **changes: object) -> None:
        if self.draft is None:
            return
        for name, value in changes.items():
            setattr(self.draft, name, value)
        if "base_url" in changes:
            self.refresh_key_field()
        if "kind" in changes:
            self.thinking.set_kind(self.draft.kind)
        if {"base_url", "models_text"} & changes.keys():
            self.prices.refresh()  # whose price list applies, and which models, may change
        self.edited.emit()

    def show_draft(self, draft: ProviderDraft | None) -> None:
        """Fill the form from a draft (None: an empty, disabled form)."""
        self.draft = None  # no edits flow back while the widgets are filled in
        self.setEnabled(draft is not None)
        shown = draft or ProviderDraft(None, "", "openai", "")
        self.name_edit.setText(shown.name)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(shown.kind)))
        self.base_url_edit.setText(shown.base_url)
        self.env_edit.setText(shown.api_key_env)
        self.models_edit.setPlainText(shown.models_text)
        self.session_only_check.setChecked(shown.session_only)
        self.show_key_button.setChecked(False)
        if draft is None:
            self.id_label.clear()
        elif draft.id:
            self.id_label.setText(self.tr("{}  (the keyring entry's name)").format(draft.id))
        else:
            self.id_label.setText(self.tr("made from the name when you save"))
        self.draft = draft
        self.thinking.show_draft(draft)
        self.network.show_network(draft.network if draft else None)
        self._retitle_network()
        self.prices.show_draft(draft)
        self.refresh_key_field()
        self.show_result()

    def focus_field(self, name: str) -> None:
        """Put the cursor in the field a DraftProblem names."""
        if name == "prices":
            self.prices.focus_problem()
            return
        if name == "thinking":
            self.thinking.focus()
            return
        if name in ("proxy", "ca_bundle"):
            self.extras.setCurrentWidget(self.network)
            self.network.focus(name)
            return
        edits = {"name": self.name_edit, "base_url": self.base_url_edit, "key": self.key_edit}
        edit = edits.get(name, self.env_edit)
        edit.setFocus()
        edit.selectAll()

    def set_keyring_available(self, available: bool) -> None:
        """Offer session-only keys when no keyring works."""
        self.keyring_available = available
        self.network.keyring_available = available
        self.session_only_check.setVisible(not available)
        self.refresh_key_field()

    def refresh_key_field(self) -> None:
        """The key field's text and placeholder for the draft's key state."""
        draft = self.draft
        self.network.refresh()  # the keyring check also tells whether a proxy password is stored
        if draft is None:
            self.key_edit.clear()
            self.key_edit.setPlaceholderText("")
            return
        if self.key_edit.text() != draft.typed_key:
            self.key_edit.setText(draft.typed_key)
        if draft.remove_key:
            hint = self.tr("None (the stored key is deleted when you save)")
        elif draft.key_state is KeyState.STORED:
            hint = self.tr("{} (stored in the keyring)").format(MASK)
        elif draft.key_state is KeyState.SESSION:
            hint = self.tr("{} (kept for this session only)").format(MASK)
        elif draft.key_state is KeyState.CHECKING:
            hint = self.tr("Checking the keyring…")
        elif draft.is_local:
            hint = self.tr("Usually not needed for a local server")
        else:
            hint = self.tr("Paste the API key")
        self.key_edit.setPlaceholderText(hint)
        has_key = draft.key_state in (KeyState.STORED, KeyState.SESSION) or bool(draft.typed_key)
        self.remove_key_button.setEnabled(has_key and not draft.remove_key)

    def show_revealed(self, draft: ProviderDraft, key: str | None) -> None:
        """Put the stored key, just read, into the field (shown only while Show is on)."""
        if key is None:
            draft.key_state = KeyState.NONE
        else:
            draft.revealed_key = key
            draft.typed_key = key
        if draft is self.draft:
            self.refresh_key_field()

    def show_result(self) -> None:
        """Show the draft's last connection test."""
        draft = self.draft
        self.result_label.setText(draft.result if draft else "")
        outcome = draft.result_ok if draft else None
        colours = {True: "color: #1e6b34;", False: "color: #8a1c13;", None: ""}
        self.result_label.setStyleSheet(colours[outcome])
        self.use_models_button.setVisible(bool(draft and draft.found_models))

    def _network_edited(self) -> None:
        self._retitle_network()
        self.edited.emit()

    def _retitle_network(self) -> None:
        self.extras.setTabText(self.extras.indexOf(self.network), self.network.title())

    def _key_typed(self, text: str) -> None:
        if self.draft is None:
            return
        self.draft.typed_key = text
        self.draft.remove_key = False
        self.refresh_key_field()

    def _show_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.key_edit.setEchoMode(mode)
        self.show_key_button.setText(self.tr("Hide") if shown else self.tr("Show"))
        draft = self.draft
        stored = draft is not None and draft.key_state in (KeyState.STORED, KeyState.SESSION)
        if shown and draft and stored and not draft.typed_key and not draft.remove_key:
            self.revealRequested.emit()

    def _remove_key(self) -> None:
        if self.draft is None:
            return
        self.draft.typed_key = ""
        self.draft.revealed_key = None
        self.draft.remove_key = self.draft.key_state in (KeyState.STORED, KeyState.SESSION)
        self.refresh_key_field()

    def _use_found_models(self) -> None:
        if self.draft is not None and self.draft.found_models:
            self.models_edit.setPlainText("\n".join(self.draft.found_models))


class _Pages(QTabWidget):
    """The prices and network pages, which take the height the fields above leave.

    Without this, the prices' wrapped note makes the tabs ask for a height for their width,
    which a vertical layout honours before the fields' minimum, squeezing the fields together.
    """

    def hasHeightForWidth(self) -> bool:
        return False
