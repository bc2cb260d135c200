"""The first-run panel: how to add a provider, or try the offline demo."""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QResizeEvent, QTextDocument
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

_TEXT = str(
    QT_TRANSLATE_NOOP(
        "Welcome",
        """
<h2>Welcome to Tally</h2>
<p>Tally talks to LLM APIs: a relay such as HolySheep (one key for DeepSeek, Gemini, GPT and
Claude), OpenAI, DeepSeek, OpenRouter, Gemini, or a model server on this computer (Ollama,
LM Studio).</p>
<p><b>To start, add a provider</b>: pick a preset, paste your API key, and press
<i>Test connection</i>. The key is kept in your system's keyring, never in a file.</p>
<p>Or <b>try the offline demo</b> first: simulated answers from a small server inside Tally, so you
can see streaming, reasoning and costs at work without an account. Nothing leaves this computer.</p>
""",
    )
)


_WIDTH = 620
_NARROWEST = 300


class _WrappedText(QLabel):
    """Rich text that wraps and is always as tall as its text needs at its current width.

    A word-wrapped rich-text QLabel in a centred layout is otherwise given too little height,
    and its last paragraph is cut off.
    """

    def __init__(self, html: str, parent: QWidget) -> None:
        super().__init__(html, parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self._measure = QTextDocument()
        self._measure.setDefaultFont(self.font())
        self._measure.setHtml(html)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._measure.setTextWidth(self.width())
        self.setMinimumHeight(math.ceil(self._measure.size().height()))


class Welcome(QWidget):
    """Shown instead of the chat while no model can be picked."""

    settingsRequested = Signal()
    demoRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        # In a frameless scroll area: a short window (480 by 420) scrolls the panel instead of
        # cutting its buttons off.
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        page = QWidget(area)
        area.setWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(area)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        text = _WrappedText(self.tr(_TEXT), page)
        text.setMinimumWidth(_NARROWEST)
        text.setMaximumWidth(_WIDTH)
        layout.addWidget(text, 0, Qt.AlignmentFlag.AlignHCenter)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        add = QPushButton(self.tr("Add a provider…"), page)
        add.setObjectName("addProviderButton")
        add.clicked.connect(self.settingsRequested)
        demo = QPushButton(self.tr("Try the offline demo"), page)
        demo.setObjectName("demoButton")
        demo.clicked.connect(self.demoRequested)
        buttons.addWidget(add)
        buttons.addWidget(demo)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(2)
