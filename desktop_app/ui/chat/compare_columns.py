"""The answers of a comparison side by side: one column per model, each with its figures (time
to first token, tokens per second, cost), a Stop of its own, and "Continue with this one"."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.conversation import ChatMessage
from desktop_app.core.currency import USD, Currency
from desktop_app.ui.chat.message_widget import MessageWidget
from desktop_app.ui.chat.status_line import tokens_out

_REFRESH_MS = 250
"""How often a streaming column's figures are shown again: its speed changes as it goes."""

CostText = Callable[[ChatMessage], str]
"""An answer's cost as the window shows it: exact once the answer has ended (the ledger's)."""


class CompareColumn(QFrame):
    """One answer of a comparison, headed by its model and figures."""

    stopRequested = Signal(object)
    continueRequested = Signal(object)

    def __init__(
        self, answer: ChatMessage, dark: bool, cost_text: CostText, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("compareColumn")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Equal shares of the pane's width, whatever a column's text would like: a long model
        # name or a code block wraps or scrolls in its column instead of widening the pane.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(120)
        self.answer = answer
        self.dark = dark
        self.cost_text = cost_text
        self.started = time.monotonic()
        self.message: MessageWidget | None = None
        """The answer's own widget, made by build(): the columns make theirs a turn apart."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        self.figures = QLabel(self)
        self.figures.setObjectName("compareFigures")
        self.figures.setTextFormat(Qt.TextFormat.PlainText)
        self.figures.setWordWrap(True)
        buttons = QHBoxLayout()
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.setObjectName("compareStopButton")
        self.stop_button.setToolTip(self.tr("Stop this answer; the others go on"))
        self.stop_button.clicked.connect(lambda: self.stopRequested.emit(self.answer))
        self.continue_button = QPushButton(self.tr("Continue with this one"), self)
        self.continue_button.setObjectName("continueButton")
        self.continue_button.setToolTip(
            self.tr("Go on from this answer; the others stay as versions of it")
        )
        self.continue_button.clicked.connect(lambda: self.continueRequested.emit(self.answer))
        self.continue_button.setEnabled(False)  # CompareColumns offers it once all have ended
        # A screen reader says which column's: every column has the same two buttons.
        model = answer.model or answer.provider_name or ""
        self.stop_button.setAccessibleName(self.tr("Stop the answer of {}").format(model))
        self.continue_button.setAccessibleName(
            self.tr("Continue with the answer of {}").format(model)
        )
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.continue_button)
        buttons.addStretch(1)
        self.heading = QLabel(answer.model or answer.provider_name or "", self)
        self.heading.setObjectName("compareHeading")  # until build() puts the answer there
        layout.addWidget(self.heading)
        layout.addWidget(self.figures)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def build(self, currency: Currency) -> None:
        """Make the answer's widget (the costly part of a column) in the heading's place."""
        message = MessageWidget(self.answer, self.dark, self)
        message.currency = currency
        message.set_actions(edit=False, regenerate=False, branch=False)
        # the model alone heads a column: the columns are narrow, and share their provider
        message.role.setText(self.answer.model or self.answer.provider_name or "Answer")
        message.role.setToolTip(self.answer.provider_name or "")
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.replaceWidget(self.heading, message)
        self.heading.deleteLater()
        message.setVisible(True)
        layout.activate()  # its width first: the text is laid out once, at that width
        self.message = message
        self.refresh()

    def refresh(self) -> None:
        """Show the answer as it is now, with its figures."""
        if self.message is not None:
            self.message.refresh()
        streaming = self.answer.status == "streaming"
        self.stop_button.setVisible(streaming)
        self.figures.setText(" · ".join(self._figures(streaming)))

    def _figures(self, streaming: bool) -> list[str]:
        answer = self.answer
        parts: list[str] = []
        first = answer.first_token_seconds
        if first is not None:
            parts.append(self.tr("first token {:.2f} s").format(first))
        elif streaming:
            parts.append(self.tr("waiting…"))  # ended without a token: its error says why
        elapsed = time.monotonic() - self.started if streaming else (answer.duration_seconds or 0.0)
        tokens, _ = tokens_out(answer)
        if first is not None and elapsed > first:
            parts.append(self.tr("{:.0f} tokens/s").format(tokens / (elapsed - first)))
        parts.append(self.cost_text(answer))
        return parts


class CompareColumns(QWidget):
    """The columns of one comparison, kept up to date while the answers stream."""

    stopRequested = Signal(object)
    """Stop this answer (a ChatMessage) alone."""
    continueRequested = Signal(object)
    """Make this answer the one the conversation goes on from."""

    def __init__(
        self,
        answers: list[ChatMessage],
        dark: bool,
        cost_text: CostText,
        currency: Currency = USD,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("compareColumns")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.currency = currency
        self.columns: dict[ChatMessage, CompareColumn] = {}
        for answer in answers:
            column = CompareColumn(answer, dark, cost_text, self)
            column.stopRequested.connect(self.stopRequested)
            column.continueRequested.connect(self.continueRequested)
            layout.addWidget(column, 1, Qt.AlignmentFlag.AlignTop)
            self.columns[answer] = column
        self._timer = QTimer(self)
        self._timer.setInterval(_REFRESH_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        """Show every column now, and their figures while they stream; the answers' own
        widgets are made one per turn of the event loop (each some 3 ms: made together, with
        the columns, they held the window for over a frame; benchmarks/compare_stalls.py)."""
        for column in self.columns.values():
            column.refresh()
        self._offer_continue()
        self._timer.start()
        self._build_next()

    def _build_next(self) -> None:
        unbuilt = [c for c in self.columns.values() if c.message is None]
        if unbuilt:
            unbuilt[0].build(self.currency)
            if len(unbuilt) > 1:
                QTimer.singleShot(0, self, self._build_next)

    def refresh(self, answer: ChatMessage) -> bool:
        """Show an answer's change; False if it is not one of these columns'."""
        column = self.columns.get(answer)
        if column is None:
            return False
        column.refresh()
        self._offer_continue()
        return True

    def _offer_continue(self) -> None:
        """Continue with this one, on the answers with text, once every answer has ended: the
        columns (with the others' Stop and errors) go when one is chosen."""
        ended = all(c.answer.status != "streaming" for c in self.columns.values())
        for column in self.columns.values():
            column.continue_button.setEnabled(ended and bool(column.answer.content))

    def set_currency(self, currency: Currency) -> None:
        self.currency = currency
        for column in self.columns.values():
            if column.message is not None:
                column.message.set_currency(currency)
            column.refresh()
        self._offer_continue()

    def _tick(self) -> None:
        streaming = [c for c in self.columns.values() if c.answer.status == "streaming"]
        for column in streaming:
            column.refresh()
        if not streaming:
            self._timer.stop()
