""" "Try a prompt" on Settings → Routing: a typed question against the rules as they stand in the
page (saved or not), with which rule picks and why each rule matched or not (matching.explain)."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.routing.matching import Verdict, explain
from desktop_app.core.routing.question import Question
from desktop_app.core.routing.rules import Routing
from desktop_app.core.text.messages import shown


class TryPrompt(QWidget):
    """Explains the rules of `routing()` on the prompt typed, as it is typed."""

    def __init__(
        self,
        routing: Callable[[], Routing],
        assistants: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tryPrompt")
        self.routing = routing
        self.prompt = QPlainTextEdit(self)
        self.prompt.setObjectName("tryPromptText")
        self.prompt.setAccessibleName(self.tr("A prompt to try"))
        self.prompt.setPlaceholderText(self.tr("Type or paste a question…"))
        self.prompt.setTabChangesFocus(True)
        line = self.prompt.fontMetrics().lineSpacing()
        self.prompt.setFixedHeight(line * 4 + 12)
        self.image_box = QCheckBox(self.tr("With an image"), self)
        self.image_box.setObjectName("tryPromptImage")
        self.assistant_box = QComboBox(self)
        self.assistant_box.setObjectName("tryPromptAssistant")
        self.assistant_box.setAccessibleName(self.tr("Asked as"))
        self.assistant_box.addItem(self.tr("No assistant"))
        self.assistant_box.addItems(list(assistants))
        self.result = QLabel(self)
        self.result.setObjectName("tryPromptResult")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.result.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.result)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        options = QHBoxLayout()
        options.addWidget(self.image_box)
        options.addWidget(QLabel(self.tr("Asked as:"), self))
        options.addWidget(self.assistant_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("<b>Try a prompt</b>: which rule picks, and why"), self))
        layout.addWidget(self.prompt)
        layout.addLayout(options)
        layout.addWidget(scroll, 1)
        self.prompt.textChanged.connect(self.refresh)
        self.image_box.toggled.connect(self.refresh)
        self.assistant_box.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def question(self) -> Question:
        asked = self.assistant_box.currentIndex()
        return Question.of(
            self.prompt.toPlainText(),
            has_image=self.image_box.isChecked(),
            assistant=self.assistant_box.currentText() if asked > 0 else None,
        )

    def refresh(self, *_: object) -> None:
        """Explain the rules on the prompt as it is now."""
        if not self.prompt.toPlainText().strip() and not self.image_box.isChecked():
            self.result.setText(self.tr("Type a question to see which rule picks its model."))
            return
        verdicts = explain(self.routing(), self.question())
        picked = next((v for v in verdicts if v.picked), None)
        if picked is None:
            head = self.tr("No rule matches: the model picked in the window answers.")
        else:
            head = self.tr("Picks <b>{model}</b> (rule: {rule})").format(
                model=html.escape(str(picked.rule.choice)), rule=html.escape(picked.rule.name)
            )
        lines = [head, *(self._line(verdict) for verdict in verdicts)]
        self.result.setText("<br>".join(lines))

    def _line(self, verdict: Verdict) -> str:
        name = html.escape(verdict.rule.name)
        if verdict.picked:
            state = self.tr("✔ picks")
        elif verdict.matched:
            state = self.tr("✔ matches, but an earlier rule picks")
        else:
            state = self.tr("✘ does not match")
        checks = "".join(
            f"<br>&nbsp;&nbsp;&nbsp;{'✔' if check.held else '✘'} {html.escape(shown(check.why))}"
            for check in verdict.checks
        )
        return f"<br><b>{name}</b>: {state}{checks}"
