"""Routing in the window: the Auto toggle beside the model picker, which sends each message to
the model its routing rule picks (routing.toml), and "Try a stronger model" on answers, the
next model up the ladder, with what it would cost more.

Never silent: while Auto is on, the estimate under the message box names the model and the rule
before anything is sent, and each answer's header names the rule that picked it. Picking a
model in the picker (from its list, or typed) turns Auto off: the message goes to that model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QToolButton

from desktop_app.core.errors import TallyError
from desktop_app.core.settings.providers_file import ModelPrice, Provider
from desktop_app.core.text.messages import text_of

if TYPE_CHECKING:
    from desktop_app.core.attachments.attachment import Attachment
    from desktop_app.core.conversation import ChatMessage
    from desktop_app.core.providers.base import Message
    from desktop_app.core.routing.rules import Routing
    from desktop_app.ui.main_window import MainWindow

ROUTING_FILE = "routing.toml"


@dataclass(frozen=True, slots=True)
class Routed:
    """Where the rules send a message: the provider, the model and the rule's name."""

    provider: Provider
    model: str
    rule: str


class AutoRoute(QObject):
    """The Auto toggle and what it decides; `changed` when it is turned on or off."""

    changed = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.path = window.services.providers_path.parent / ROUTING_FILE
        self.button = QToolButton(window)
        self.button.setObjectName("autoButton")
        self.button.setText(self.tr("Auto"))
        self.button.setCheckable(True)
        self.button.setToolTip(
            self.tr(
                "Auto (rules): each message goes to the model its routing rule picks"
                " (routing.toml, Settings → Routing); the estimate names the model and the rule"
                " before sending. Picking a model turns it off."
            )
        )
        self.button.toggled.connect(self._toggled)
        self._routing: Routing | None = None
        self.problem: str | None = None
        """Why the rules cannot be used (a bad routing.toml), said when Auto is turned on."""

    @property
    def on(self) -> bool:
        return self.button.isChecked()

    def turn_off(self) -> None:
        self.button.setChecked(False)

    def reload(self) -> None:
        """Read routing.toml again when next needed (Settings → Routing saved it)."""
        self._routing = None

    def routing(self) -> Routing | None:
        """The rules (the shipped set when there is no file); None, with `problem` said, when
        the file does not load."""
        if self._routing is None:
            from desktop_app.core.routing.rules_file import load_routing

            try:
                self._routing = load_routing(self.path)
                self.problem = None
            except TallyError as exc:
                self.problem = text_of(exc)
        return self._routing

    def decide(
        self,
        text: str,
        *,
        context_chars: int,
        attachments: Sequence[Attachment],
        assistant: str | None,
        providers: Sequence[Provider],
    ) -> Routed | str | None:
        """Where the rules send this message; a text saying why they cannot (a rule names a
        provider or model that is not there, a bad file); None when no rule matches (the model
        picked answers)."""
        from desktop_app.core.routing.matching import provider_for, route
        from desktop_app.core.routing.question import Question

        routing = self.routing()
        if routing is None:
            return self.problem
        files = sum(len(a.text or "") for a in attachments)
        question = Question.of(
            text,
            context_chars=context_chars + files,
            has_image=any(a.is_image for a in attachments),
            assistant=assistant,
        )
        choice = route(routing, question)
        if choice is None:
            return None
        try:
            provider = provider_for(choice.ref, providers)
        except TallyError as exc:
            return text_of(exc)
        return Routed(provider, choice.model, choice.rule)

    def stronger(
        self,
        answer: ChatMessage,
        providers: Sequence[Provider],
        price_of: Callable[[str, str], ModelPrice | None],
    ) -> tuple[Provider, str] | None:
        """The next model up the ladder from the one that gave `answer`, if it is listed."""
        from desktop_app.core.routing.matching import provider_for, stronger
        from desktop_app.core.routing.rules import ModelRef

        routing = self.routing()
        if routing is None or answer.provider is None or answer.model is None:
            return None
        step = stronger(
            routing,
            answer.provider,
            answer.model,
            lambda ref: price_of(ref.provider, ref.model),
        )
        if step is None:
            return None
        try:
            return provider_for(ModelRef(step.provider, step.model), providers), step.model
        except TallyError:
            return None  # the ladder names a model that is not there: nothing to offer

    def _toggled(self, on: bool) -> None:
        if on and self.routing() is None:
            self.button.setChecked(False)
            self.window.banner.show_error(self.problem or "")
        self.changed.emit()

    # -- for the window ----------------------------------------------------------------------

    def routed(self) -> Routed | str | None:
        """Where the message being written goes with Auto on (None: Auto is off, or no rule
        matches and the model picked answers; a text: why the rules cannot send it)."""
        window = self.window
        if not self.on or window.composer.editing is not None or window.compare.chosen():
            return None  # an edit, or a comparison: the models picked answer
        parameters = window.session.parameters
        context = sent_context(window)
        # The files of earlier questions go again with this one: an image among them needs a
        # model that sees, and a long document's text counts in the tokens.
        files = [a for m in context for a in m.attachments] + window.composer.tray.attachments()
        return self.decide(
            window.input.toPlainText().strip(),
            context_chars=sum(len(m.content) for m in context) + len(parameters.system or ""),
            attachments=files,
            assistant=window.assistant.chosen.assistant if window.assistant.chosen else None,
            providers=window.listed_providers(),
        )

    def note(self) -> str | None:
        """What the estimate says of routing: the rule and the model it picks, or why none."""
        if not self.on:
            return None
        if self.window.composer.editing is not None or self.window.compare.chosen():
            return self.tr("Auto is not used for an edit or a comparison: the models picked answer")
        routed = self.routed()
        if isinstance(routed, Routed):
            return self.tr("Auto: the rule “{rule}” picks {model}").format(
                rule=routed.rule, model=routed.model
            )
        if routed is None:
            return self.tr("Auto: no rule matches; the model picked answers")
        return self.tr("Auto cannot route: {}").format(routed)

    def stronger_text(self, answer: ChatMessage) -> str | None:
        """The label of "Try a stronger model" on `answer`, with what it would cost; None when
        there is none up the ladder (or no rules)."""
        if answer.role != "assistant" or answer.status == "streaming" or self.routing() is None:
            return None  # (the rules are read the first time an answer is shown)
        step = self.stronger(answer, self.window.listed_providers(), self.window.ledger.price)
        if step is None:
            return None
        provider, model = step
        from desktop_app.core.money.prices import format_money

        cost = escalation_cost(answer, self.window.ledger.price(provider.id, model))
        if cost is None:
            return self.tr("Try {model} (cost unknown)").format(model=model)
        money = format_money(cost, self.window.app_settings.currency, estimated=True)
        return self.tr("Try {model} (+{money})").format(model=model, money=money)

    def escalate(self, answer: ChatMessage) -> None:
        """Ask the answer's question again of the next model up the ladder, as a version."""
        window = self.window
        window.assistant.before_sending()  # a change still waiting in the panel applies
        if window.session.busy:
            return
        step = self.stronger(answer, window.listed_providers(), window.ledger.price)
        if step is None:
            return
        window.banner.clear()
        window.composer.end_edit(clear=False)
        window.session.escalate(answer, *step)


def escalation_cost(answer: ChatMessage, stronger: ModelPrice | None) -> Decimal | None:
    """What asking the answer's question again of a stronger model costs, estimated by this
    answer's own tokens priced on it (the answer already given stays spent); None when the
    price or the tokens are unknown."""
    from desktop_app.core.money.prices import cost_usd

    usage = answer.usage or (answer.cost.usage if answer.cost else None)
    if usage is None or stronger is None:
        return None
    return cost_usd(stronger, usage)


def sent_context(window: MainWindow) -> tuple[Message, ...]:
    """The earlier turns that go with the message being written: the path shown, cut to the
    conversation's last N turns when its parameters say so (as the session cuts it)."""
    from desktop_app.core.providers.base import Message
    from desktop_app.core.replies import recent_turns

    context = window.conversation.context()
    turns = window.session.parameters.context_turns
    if turns is None:
        return context
    return recent_turns((*context, Message("user", "")), turns)[:-1]
