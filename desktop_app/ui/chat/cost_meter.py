"""The live cost meter (`costMeter`): this answer, this conversation, today and this month, in
the user's currency; estimates marked "≈" until the provider reports usage; budgets coloured
from 80 %. And the estimate under the message box of what the next prompt will cost to send."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.core.history.recorder import PriceLookup, message_cost
from desktop_app.core.money.budget import BudgetState, budget_states, describe, most_pressing
from desktop_app.core.money.prices import (
    AnswerCost,
    cost_usd,
    estimated_usage,
    format_money,
    usage_summary,
)
from desktop_app.core.money.spending import Totals
from desktop_app.core.settings.app_settings import AppSettings
from desktop_app.core.settings.providers_file import ModelPrice

_REFRESH_MS = 100
_COLOURS = {"warning": "#b26a00", "over": "#c62828"}


@dataclass(frozen=True, slots=True)
class Sum:
    """Money added up: `estimated` if any part was, `unknown` if any part had no price."""

    usd: Decimal = Decimal(0)
    estimated: bool = False
    unknown: bool = False

    def plus(self, cost: AnswerCost | None) -> Sum:
        if cost is None:
            return self
        if cost.usd is None:
            return Sum(self.usd, self.estimated, True)
        return Sum(self.usd + cost.usd, self.estimated or cost.estimated, self.unknown)

    @staticmethod
    def of(totals: Totals) -> Sum:
        return Sum(totals.usd, totals.estimated, totals.unpriced > 0)


class CostMeter(QLabel):
    """Follows one conversation; the window tells it the day's and month's stored totals."""

    def __init__(
        self, conversation: Conversation, price_of: PriceLookup, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("costMeter")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.conversation = conversation
        conversation.subscribe(self)
        self.price_of = price_of
        self.settings = AppSettings()
        self.today = Sum()
        self.month = Sum()
        self.streaming: ChatMessage | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(_REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.refresh()

    def set_settings(self, settings: AppSettings) -> None:
        self.settings = settings
        self.refresh()

    def set_totals(self, today: Totals, month: Totals) -> None:
        """What the history holds for today and this month (ended answers only)."""
        self.today, self.month = Sum.of(today), Sum.of(month)
        self.refresh()

    def budget(self) -> BudgetState | None:
        """The budget to warn about, counting the answer that is streaming."""
        live = self._live()
        return most_pressing(
            budget_states(self.settings, self.today.plus(live).usd, self.month.plus(live).usd)
        )

    # -- ConversationListener --------------------------------------------------------------

    def message_added(self, message: ChatMessage) -> None:
        if message.status == "streaming":
            self.streaming = message
            self._timer.start()
        self.refresh()

    def message_changed(self, message: ChatMessage) -> None:
        if message is self.streaming and message.status != "streaming":
            self.streaming = None
            self._timer.stop()
            self.refresh()

    def messages_reset(self) -> None:
        if self.streaming not in self.conversation.messages:
            self.streaming = None
            self._timer.stop()
        self.refresh()

    # -- showing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        live = self._live()
        answer = live or self._last_answer()
        conversation = Sum()
        for message in self.conversation.messages:
            conversation = conversation.plus(message.cost)
        today, month = self.today.plus(live), self.month.plus(live)
        budgets = {
            state.period: state for state in budget_states(self.settings, today.usd, month.usd)
        }
        parts = [
            f"This answer {self._money(Sum().plus(answer)) if answer else 'none yet'}",
            f"Conversation {self._money(conversation.plus(live))}",
            self._period("Today", today, budgets.get("day")),
            self._period(datetime.now().strftime("%B"), month, budgets.get("month")),
        ]
        self.setText(" · ".join(parts))
        pressing = most_pressing(list(budgets.values()))
        self.setProperty("budgetLevel", pressing.level if pressing else "ok")
        self.setToolTip(self._details(answer, pressing))

    def _period(self, name: str, total: Sum, budget: BudgetState | None) -> str:
        """A period's spend, with its budget when one is set, coloured from 80 %."""
        text = html.escape(f"{name} {self._money(total)}")
        if budget is None:
            return text
        text += html.escape(f" of {format_money(budget.limit_usd, self.settings.currency)}")
        colour = _COLOURS.get(budget.level)
        return f'<b style="color: {colour}">{text}</b>' if colour else text

    def _live(self) -> AnswerCost | None:
        message = self.streaming
        if message is None:
            return None
        return message_cost(self.conversation, message, self.price_of(message))

    def _last_answer(self) -> AnswerCost | None:
        last = self.conversation.last("assistant")
        return last.cost if last is not None else None

    def _money(self, total: Sum) -> str:
        if total.unknown and total.usd == 0:
            return "price unknown"
        text = format_money(total.usd, self.settings.currency, estimated=total.estimated)
        return text + ("+" if total.unknown else "")

    def _details(self, answer: AnswerCost | None, budget: BudgetState | None) -> str:
        lines = []
        if answer is not None:
            lines.append("This answer: " + usage_summary(answer.usage))
        if any(part.unknown for part in (self.today, self.month)):
            lines.append("“+”: some answers used models whose price is unknown.")
        lines.append("≈ marks an estimate from the text's length (about 4 characters a token).")
        if budget is not None:
            lines.append(describe(budget, self.settings))
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
        self.conversation = conversation
        self.typed = typed
        self.price = price
        self.settings = AppSettings()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)  # once typing pauses, not on every key
        self._timer.timeout.connect(self.refresh)

    def schedule(self) -> None:
        self._timer.start()

    def refresh(self) -> None:
        typed = self.typed().strip()
        choice = self.price()
        if not typed or choice is None:
            self.clear()
            return
        model, price = choice
        context = sum(len(m.content) for m in self.conversation.context())
        usage = estimated_usage(context + len(typed), 0)
        cost = None if price is None else cost_usd(price, usage)
        money = format_money(cost, self.settings.currency, estimated=True)
        self.setText(
            f"To send: ≈{usage.input_tokens:,} tokens with the context, {money} on {model} "
            "before the answer"
        )
