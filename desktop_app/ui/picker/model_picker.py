"""The model picker: every provider's models, grouped, each with its price; typing filters them,
and a name no provider lists can be typed in and sent to."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QMouseEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QListView, QWidget

from desktop_app.core.currency import Currency
from desktop_app.core.settings.model_cache import ModelEntry
from desktop_app.core.settings.providers_file import Provider
from desktop_app.ui.picker.picker_rows import (
    CHOICE_ROLE,
    NAME_ROLE,
    NO_MODELS,
    ChoiceDelegate,
    PickerRows,
    Row,
)

_POPUP_MAX_WIDTH = 720
_PRICE_SAMPLE = "$00.00 / $00.00 per M"
_MESSAGE_SAMPLE = "≈$0.00012 this message · "
PROVIDER_MARK = "·"
"""Between a model's name and its provider's in the field, as the chat view heads an answer."""


class Listing(Protocol):
    """Where the picker's models come from (ModelLists: the providers file, the names typed,
    and the lists the providers gave when last asked)."""

    def entries(self, provider: Provider) -> list[ModelEntry]:
        """The provider's models in the order to show them."""
        ...

    def fetched_at(self, provider: Provider) -> datetime | None:
        """When the provider last listed its models, if it was ever asked."""
        ...


class FileListing:
    """Only the models of the providers file."""

    def entries(self, provider: Provider) -> list[ModelEntry]:
        return [ModelEntry(name) for name in provider.models]

    def fetched_at(self, provider: Provider) -> datetime | None:
        return None


class ModelPicker(QComboBox):
    """An editable drop-down of (provider, model) choices; provider names are unselectable
    headers. Typing shows the models whose name contains the text (any provider); a name that
    matches none becomes a choice of the current provider on Enter, or on Send (commit_text),
    for this session (ModelLists remembers it once the provider has answered to it).

    The field shows the chosen model's name, followed by its provider's ("gpt-4.1 · OpenAI")
    when another provider serves a model of that name; typed that way, it picks that provider.

    Leaving the field does not commit: typing is also how the list is filtered, and a filter
    abandoned for the drop-down must not become a model."""

    choiceChanged = Signal()
    pickedByHand = Signal()
    """The user chose a model: from the list, or by typing its name (Enter, or Send)."""
    aboutToShow = Signal()
    """The list is about to open (the window prices each model for the message written)."""
    compareRequested = Signal(str, str)
    """Ctrl+click on a model of the list: (provider id, model) to compare with the one picked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelPicker")
        self.setAccessibleName(self.tr("Model"))
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # Not AdjustToContents: one long OpenRouter name would make the toolbar jump.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(30)
        self.setMaxVisibleItems(20)
        self.rows = PickerRows(self)
        self.setModel(self.rows)
        self._list_viewport: QWidget | None = None
        """The list's viewport once it has been shown, watched for Ctrl+click (named then,
        not now: the first viewport() call costs some 9 ms, see _show_prices)."""
        self._set_up_views()
        self.rows.pricesFound.connect(self._show_prices)
        self.activated.connect(self.pickedByHand)
        self._providers: dict[str, Provider] = {}
        self._shown: list[Provider] = []
        self._listing: Listing = FileListing()
        self._typed: dict[str, list[str]] = {}  # names typed this session, by provider id
        line = self.lineEdit()
        assert line is not None  # editable: the combo has its line edit
        self.line: QLineEdit = line
        self.line.setPlaceholderText(self.tr("Type a model's name"))
        self.line.returnPressed.connect(self._text_entered_later)
        self.line.installEventFilter(self)
        self.line.textChanged.connect(self._name_the_provider)
        self.currentIndexChanged.connect(self._index_changed)

    def event(self, event: QEvent) -> bool:
        """The tooltip (with the price) is made when it is about to show, not each time the
        choice changes: the price may need the bundled catalog, which the app does not load
        to start."""
        if event.type() == QEvent.Type.ToolTip:
            current = self.current()
            index = self.rows.index(self.currentIndex())
            tip = index.data(Qt.ItemDataRole.ToolTipRole) if current else None
            self.setToolTip(tip or self.tr("Pick a model, or type its name"))
        return super().event(event)

    def _show_prices(self) -> None:
        # Not connected to the viewports' update at start: the first viewport() call costs
        # PySide some 9 ms, which the first frame need not wait for (prices come later).
        self.view().viewport().update()
        self.filtered.viewport().update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A click into the name selects it, so that typing filters rather than appends (Tab
        does this already)."""
        if (
            watched is self.line
            and isinstance(event, QFocusEvent)
            and event.type() == QEvent.Type.FocusIn
            and event.reason() == Qt.FocusReason.MouseFocusReason
        ):
            QTimer.singleShot(0, self.line.selectAll)  # after the click has placed the cursor
        if (
            watched is self._list_viewport
            and isinstance(event, QMouseEvent)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease)
        ):
            if event.type() == QEvent.Type.MouseButtonRelease:
                self._compare_row(self.view().indexAt(event.position().toPoint()).row())
            return True  # the list stays open, the model picked stays picked
        return super().eventFilter(watched, event)

    def price_message(self, tokens: int, currency: Currency) -> None:
        """Show beside each model's price what a message of `tokens` input tokens costs there
        (0: only the prices)."""
        if (tokens, currency) != (self.rows.message_tokens, self.rows.currency):
            self.rows.message_tokens, self.rows.currency = tokens, currency
            self._size_popup()

    def showPopup(self) -> None:
        self.aboutToShow.emit()
        if self._list_viewport is None:
            viewport = self._list_viewport = self.view().viewport()
            viewport.installEventFilter(self)  # Ctrl+click: a model to compare
        super().showPopup()

    def _compare_row(self, row: int) -> None:
        if 0 <= row < len(self.rows.rows) and (entry := self.rows.rows[row].entry) is not None:
            self.compareRequested.emit(self.rows.rows[row].provider.id, entry.name)

    def _set_up_views(self) -> None:
        view = QListView(self)
        view.setUniformItemSizes(True)  # else Qt sizes (and prices) every row to lay them out
        self.setView(view)
        self.setItemDelegate(ChoiceDelegate(self))
        completer = QCompleter(self.rows, self)
        completer.setCompletionRole(NAME_ROLE)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(15)
        popup = QListView(self)
        popup.setUniformItemSizes(True)
        completer.setPopup(popup)
        # After setPopup, which puts in a delegate of its own.
        popup.setItemDelegate(ChoiceDelegate(popup, with_provider=True))
        self.setCompleter(completer)
        self.filtered = popup
        """The list of the models that contain what is typed."""

    def set_providers(self, providers: list[Provider], listing: Listing | None = None) -> None:
        """List the models of these providers, keeping the current choice if it is still there."""
        previous = self.current()
        typing = self.line.text() if self.line.isModified() else None
        if listing is not None:
            self._listing = listing
        self._shown = list(providers)
        self._providers = {p.id: p for p in providers}
        self.blockSignals(True)
        self.rows.set_rows([row for p in providers for row in self._rows_of(p)])
        self._size_popup()
        self.blockSignals(False)
        if previous is None or not self.select(previous[0].id, previous[1]):
            self._select_first()
        self._show_current()
        if typing is not None:  # a refresh that ends while the user types leaves the text be
            self.line.setText(typing)
            self.line.setModified(True)
        self.choiceChanged.emit()

    def _rows_of(self, provider: Provider) -> list[Row]:
        entries = self._listing.entries(provider)
        names = {entry.name for entry in entries}
        typed = [ModelEntry(n, None, "typed") for n in self._typed.get(provider.id, [])]
        # This session's typed names go after the file's and the remembered typed ones.
        after = sum(1 for entry in entries if entry.origin != "listed")
        entries[after:after] = [entry for entry in typed if entry.name not in names]
        rows = [Row(provider, fetched_at=self._listing.fetched_at(provider))]
        rows += [Row(provider, entry) for entry in entries]
        return rows if entries else [*rows, Row(provider, hint=NO_MODELS)]

    def _size_popup(self) -> None:
        """Wide enough for the longest name and a price, up to a limit (then names are cut)."""
        metrics = self.view().fontMetrics()
        names = (row.entry.name for row in self.rows.rows if row.entry is not None)
        longest = max((metrics.horizontalAdvance(name) for name in names), default=0)
        sample = _PRICE_SAMPLE if not self.rows.message_tokens else _MESSAGE_SAMPLE + _PRICE_SAMPLE
        wanted = longest + metrics.horizontalAdvance(sample) + 70  # indent, gap, scroll bar
        width = min(max(wanted, self.width()), _POPUP_MAX_WIDTH)
        self.view().setMinimumWidth(width)
        # The filtered list also names each model's provider.
        self.filtered.setMinimumWidth(width + metrics.horizontalAdvance("  ·  ") + 120)

    def current(self) -> tuple[Provider, str] | None:
        """The chosen provider and model, or None when nothing can be chosen."""
        choice = self.currentData(CHOICE_ROLE)
        if not choice:
            return None
        provider_id, model = choice
        provider = self._providers.get(provider_id)
        return (provider, model) if provider else None

    def choices(self) -> list[tuple[Provider, str]]:
        """Every model listed, with its provider, in the list's order."""
        return [(row.provider, row.entry.name) for row in self.rows.rows if row.entry is not None]

    def select(self, provider_id: str, model: str) -> bool:
        """Choose a model; False if it is not listed."""
        for row, entry in enumerate(self.rows.rows):
            if entry.provider.id == provider_id and entry.entry and entry.entry.name == model:
                self.setCurrentIndex(row)
                return True
        return False

    def use_name(self, text: str) -> None:
        """Choose the model `text` names: "name · provider" as the field shows it picks that
        provider's; a name alone, a listed one (the current provider's first), else a new choice
        of the current provider (the first one when nothing is chosen)."""
        current = self.current()
        name, named = self._named_provider(text.strip())
        owner = named or (current[0] if current else (self._shown[0] if self._shown else None))
        if not name or owner is None or (current and current == (owner, name)):
            self._show_current()
            return
        listed = self.select(owner.id, name) or (
            named is None and any(self.select(p.id, name) for p in self._shown)
        )
        if not listed:
            self._typed.setdefault(owner.id, []).append(name)
            self.set_providers(self._shown)
            self.select(owner.id, name)
        self.pickedByHand.emit()

    def _named_provider(self, text: str) -> tuple[str, Provider | None]:
        """The name in "name · provider" and that provider, if one listed is called so."""
        name, mark, after = text.rpartition(PROVIDER_MARK)
        named = [p for p in self._shown if mark and p.name == after.strip()]
        return (name.strip(), named[0]) if named else (text, None)

    def shown_text(self) -> str:
        """What the field shows for the choice: the model's name, and its provider's too when
        another provider serves a model of that name (the name alone would not say which)."""
        current = self.current()
        if current is None:
            return ""
        provider, name = current
        rows = self.rows.rows
        shared = any(
            r.entry and r.entry.name == name and r.provider.id != provider.id for r in rows
        )
        return f"{name} {PROVIDER_MARK} {provider.name}" if shared else name

    def labels(self) -> list[str]:
        """What the list shows, row by row: provider names, and each model with its price."""
        return [self.rows.label(row) for row in range(self.rows.rowCount())]

    def _select_first(self) -> None:
        for row, entry in enumerate(self.rows.rows):
            if entry.entry is not None:
                self.setCurrentIndex(row)
                return
        self.setCurrentIndex(-1)

    def commit_text(self) -> None:
        """Choose what the line shows, if the user typed a name and has not pressed Enter."""
        if self.line.text().strip() != self.shown_text():
            self.use_name(self.line.text())

    def _text_entered_later(self) -> None:
        # Later, not now: when the user picks from the filtered list with Enter, the line edit
        # may say so before the completer says what was picked.
        QTimer.singleShot(0, self.commit_text)

    def _index_changed(self, _: int) -> None:
        self._show_current()
        self.choiceChanged.emit()

    def _name_the_provider(self, text: str) -> None:
        # A pick from the filtered list puts the bare name in the line, after the combo took
        # its row (the line edit connects to the completer on each focus, after any slot here).
        current = self.current()
        if current and text == current[1] and not self.line.isModified():
            shown = self.shown_text()
            if shown != text:
                self.line.setText(shown)

    def _show_current(self) -> None:
        """The line shows the choice (never a header); see event for the tooltip."""
        self.line.setText(self.shown_text())
