"""Sending what is in the message box: where it goes (the model picked, the model Auto's rule
picks, the models compared, or a new version of a question being edited), and what stops it
first (nothing to send, no model, a file still being read, a file or model problem, the
budget), said in the banner; and asking again for a new version of an answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop_app.ui.chat.attaching import sending_problem
from desktop_app.ui.error_banner import Action
from desktop_app.ui.picker.auto_route import sent_context

if TYPE_CHECKING:
    from desktop_app.core.conversation import ChatMessage
    from desktop_app.ui.main_window import MainWindow


def send_message(window: MainWindow) -> None:
    """Send the window's message box, with its files, where it is to go; or say why not."""
    window.assistant.before_sending()
    text = window.input.toPlainText().strip()
    window.picker.commit_text()  # a model name typed without Enter is the one to use
    choice = window.picker.current()
    tray = window.composer.tray
    attachments = tray.attachments()
    if not (text or attachments or tray.reading()) or window.session.busy:
        return
    if choice is None:
        _no_model(window)
        return
    if tray.reading():
        window.banner.show_error(
            QCoreApplication.translate(
                "MainWindow", "A file is still being read: send again once it shows its size."
            )
        )
        return
    compared = window.compare.chosen()
    routed = window.auto.routed()  # None for an edit or a comparison: the models picked answer
    if isinstance(routed, str):
        window.banner.show_error(routed)  # a rule names a model that is not there, say
        return
    rule = routed.rule if routed else None
    choice = (routed.provider, routed.model) if routed else choice
    # The files of earlier questions go again, as context: an image among them too needs a
    # model that sees.
    context = [a for m in sent_context(window) for a in m.attachments]
    problem = sending_problem(
        [*context, *attachments], compared or [choice], window.picker.choices()
    )
    if problem is not None:
        window.banner.show_error(problem)
        return
    budget = window.ledger.budget_stop()
    if budget is not None and not window.past_budget_once:
        window.banner.show_error(window.ledger.describe(budget), Action.SEND_ANYWAY)
        return
    window.past_budget_once = False
    provider, model = choice
    window.banner.clear()
    window.conversation.settle()  # a comparison's answers still side by side: the first
    editing = window.composer.editing
    if editing is not None and editing not in window.conversation.messages:
        # another version was shown meanwhile: the question edited is not on screen
        window.composer.end_edit(clear=False)
        window.banner.show_error(
            QCoreApplication.translate(
                "MainWindow",
                "The message you were editing is in a version no longer shown: nothing was"
                " sent. Show its version again to edit it, or send your text as a new"
                " message.",
            )
        )
        return
    if editing is not None:
        window.session.edit(editing, text, provider, model, attachments)
    elif compared:
        window.session.compare(compared, text, attachments)
    else:
        window.session.send(provider, model, text, attachments, rule=rule)
    window.composer.end_edit(clear=False)
    window.input.clear()
    tray.clear_all()


def regenerate_answer(window: MainWindow, answer: ChatMessage | None) -> None:
    """A new version of `answer` (None: the last message, if an answer) from the model picked;
    with no model to ask (no provider yet, a history read without one), the banner says so."""
    window.assistant.before_sending()  # a change still waiting in the panel applies
    choice = window.picker.current()
    if window.session.busy:
        return
    if answer is None and window.conversation.comparison():
        window.conversation.settle()  # as sending does: the first answer with text is "the last"
    last = window.conversation.messages[-1] if window.conversation.messages else None
    answer = answer or last
    if answer is None or answer.role != "assistant":
        return
    if choice is None:
        _no_model(window)
        return
    window.banner.clear()
    window.composer.end_edit(clear=False)
    window.session.regenerate(*choice, answer)


def _no_model(window: MainWindow) -> None:
    window.banner.show_error(
        QCoreApplication.translate("MainWindow", "Pick a model first, or add a provider."),
        Action.SETTINGS,
    )
