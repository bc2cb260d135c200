"""The live cost meter (`costMeter`): this answer, this conversation, today and this month, in
the user's currency; estimates marked "≈" until the provider reports usage; budgets coloured
from 80 %. And the estimate under the message box of what the next prompt will cost to send."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.core.money.budget import BudgetState
from desktop_app.core.money.ledger import Figures, Ledger, totals_of
from desktop_app.core.money.prices import cost_usd, estimated_usage, format_money, usage_summary
from desktop_app.core.money.spending import Totals
from desktop_app.core.settings.app_settings import AppSettings
from desktop_app.core.settings.providers_file import ModelPrice
from desktop_app.ui.dates import month_name
from desktop_app.ui.icons import palette_is_dark

_REFRESH_MS = 100
_TAGS = re.compile(r"<[^>]*>")
_COLOURS = {
    False: {"warning": "#b26a00", "over": "#c62828"},
    True: {"warning": "#f2a33a", "over": "#ff7b72"},  # on a dark window: 5:1 and more
}
"""A budget's warning and over colours, on a light and on a dark palette."""


def _escaped(text: str) -> str:
    """`text` as rich text that shows it as it is. Not html.escape: the `html` module loads
    its table of 2,000 named entities (about 1 ms of the start), which the meter never needs."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class CostMeter(QLabel):
    """Shows the ledger's figures for one conversation; holds no rule of its own."""

    def __init__(
        self, ledger: Ledger, conversation: Conversation, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("costMeter")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)  # a narrow window wraps it onto a second line, never cuts it
        self.ledger = ledger
        ledger.listeners.append(self)
        ledger.cost_listeners.append(self)
        self.conversation = conversation
        conversation.subscribe(self)
        self.streaming: ChatMessage | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(_REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """As tall as its lines at this width: a wrapped meter is never cut at the bottom."""
        super().resizeEvent(event)
        self.setMinimumHeight(self.heightForWidth(event.size().width()))

    def sizeHint(self) -> QSize:
        """Its whole text on one line: the status bar gives it that if it can, and the rest of
        a narrow window's width, over which it wraps (a word-wrapped label would ask for a
        narrow column of many lines)."""
        plain = _TAGS.sub("", self.text()).replace("&lt;", "<").replace("&gt;", ">")
        return QSize(self.fontMetrics().horizontalAdvance(plain) + 8, super().sizeHint().height())

    # -- LedgerListener, CostListener -------------------------------------------------------

    def totals_changed(self) -> None:
        self.refresh()

    def answer_costed(self, message: ChatMessage) -> None:
        self.refresh()

    # -- ConversationListener --------------------------------------------------------------

    def message_added(self, message: ChatMessage) -> None:
        if message.status == "streaming":
            self.streaming = message
            self._timer.start()
        self.refresh()

    version_added = message_added  # an answer of a comparison: the meter follows the newest

    def message_changed(self, message: ChatMessage) -> None:
        if message is self.streaming and message.status != "streaming":
            self.streaming = None
            self._timer.stop()
            self.refresh()

    def messages_reset(self) -> None:
        if self.streaming is not None and self.streaming.status != "streaming":
            self.streaming = None
            self._timer.stop()
        self.refresh()

    # -- showing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        figures = self.ledger.figures(self.conversation, self.streaming)
        month = month_name(self.ledger.month.first_day.month)
        parts = [
            self._answer(figures),
            self.tr("Conversation {}").format(self.ledger.total_text(figures.conversation)),
            self._period(self.tr("Today"), figures.today, figures.budget("day")),
            self._period(month, figures.month, figures.budget("month")),
        ]
        self.setText(" · ".join(parts))
        pressing = figures.pressing
        self.setProperty("budgetLevel", pressing.level if pressing else "ok")
        self.setToolTip(self._details(figures, pressing))

    def _answer(self, figures: Figures) -> str:
        if figures.compared is not None:  # side by side, none chosen: they are "this answer"
            money = self.ledger.total_text(figures.compared)
            text = self.tr("These {} answers {}").format(figures.compared.answers, money)
            if not figures.answer_is_money:
                text += " " + self.tr("(simulated, not spent)")
            return _escaped(text)
        if figures.answer is None:
            return self.tr("This answer none yet")
        money = self.ledger.total_text(totals_of(figures.answer))
        if not figures.answer_is_money:
            return _escaped(self.tr("This answer {} (simulated, not spent)").format(money))
        return _escaped(self.tr("This answer {}").format(money))

    def _period(self, name: str, total: Totals, budget: BudgetState | None) -> str:
        """A period's spend, with its budget when one is set, coloured from 80 %."""
        text = _escaped(f"{name} {self.ledger.total_text(total)}")
        if budget is None:
            return text
        text += _escaped(self.tr(" of {}").format(self.ledger.money(budget.limit_usd)))
        colour = _COLOURS[palette_is_dark()].get(budget.level)
        return f'<b style="color: {colour}">{text}</b>' if colour else text

    def _details(self, figures: Figures, budget: BudgetState | None) -> str:
        lines = []
        if figures.answer is not None:
            lines.append(self.tr("This answer: {}").format(usage_summary(figures.answer.usage)))
        if not figures.answer_is_money:
            lines.append(self.tr("Simulated answers show what they would cost; none is spent."))
        if figures.today.unpriced or figures.month.unpriced:
            lines.append(self.tr("“+”: some answers used models whose price is unknown."))
        lines.append(
            self.tr("≈ marks an estimate from the text's length (about 4 characters a token).")
        )
        if budget is not None:
            lines.append(self.ledger.describe(budget))
        return "\n".join(lines)


class PromptEstimate(QLabel):
    """What sending the typed text costs in input tokens, with the conversation as context,
    on the model picked: shown before sending, updated as the user types."""

    def __init__(
        self,
        conversation: Conversation,
        typed: Callable[[], str],
        price: Callable[[], tuple[str, ModelPrice | None] | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("promptEstimate")
        # Wrapped: on one line, the estimate held the window 727 px wide while a draft was typed,
        # and the sidebar could not fold away in a narrow window.
        self.setWordWrap(True)
        self.conversation = conversation
        self.typed = typed
        self.price = price
        self.settings = AppSettings()
        self.replacing: ChatMessage | None = None
        """The question being edited: the context is then only what is above it."""
        self.compared: Callable[[], list[tuple[str, ModelPrice | None]]] = list
        """The models a comparison will ask, with their prices ([] when not comparing)."""
        self.attached: Callable[[], list[Attachment]] = list
        """The files attached to the message being written."""
        self.attachment_tokens: Callable[[list[Attachment]], int] = lambda files: 0
        """What files cost to send to the model that will answer, in input tokens."""
        self.system: Callable[[], str] = str
        """The system prompt the message goes with (the conversation's parameters)."""
        self.route_note: Callable[[], str | None] = lambda: None
        """With Auto on, which rule picks the model (or why none can), said with the estimate."""
        self.tokens = 0
        """The input tokens the last estimate counted (the picker prices each model by it)."""
        """What a file costs to send to the model picked, in input tokens (by the provider's
        rule for images)."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)  # once typing pauses, not on every key
        self._timer.timeout.connect(self.refresh)

    def schedule(self) -> None:
        self._timer.start()

    def refresh(self) -> None:
        typed = self.typed().strip()
        attached = self.attached()
        choice = self.price()
        if not (typed or attached) or choice is None:
            self.tokens = 0
            self.clear()
            return
        model, price = choice
        context = self.conversation.context(before=self.replacing)
        chars = sum(len(m.content) for m in context) + len(typed) + len(self.system())
        usage = estimated_usage(chars, 0)
        files = [a for m in context for a in m.attachments] + attached
        if files:  # the files of earlier questions go again with each message, as context
            extra = self.attachment_tokens(files)
            usage = replace(usage, input_tokens=usage.input_tokens + extra)
        self.tokens = usage.input_tokens
        compared = self.compared()
        if len(compared) > 1:
            costs = [None if p is None else cost_usd(p, usage) for _, p in compared]
            known = [cost for cost in costs if cost is not None]
            money = format_money(sum(known, Decimal(0)), self.settings.currency, estimated=True)
            unknown = [name for (name, _), cost in zip(compared, costs, strict=True) if not cost]
            note = self.tr(" ({}: price unknown)").format(", ".join(unknown)) if unknown else ""
            self.setText(
                self.tr(
                    "To send: ≈{tokens:,} tokens with the context to each of {count} models,"
                    " {money} in all{note} before the answers"
                ).format(tokens=usage.input_tokens, count=len(compared), money=money, note=note)
            )
            return
        cost = None if price is None else cost_usd(price, usage)
        money = format_money(cost, self.settings.currency, estimated=True)
        text = self.tr(
            "To send: ≈{tokens:,} tokens with the context, {money} on {model} before the answer"
        ).format(tokens=usage.input_tokens, money=money, model=model)
        routing = self.route_note()
        self.setText(text if routing is None else f"{routing}\n{text}")
