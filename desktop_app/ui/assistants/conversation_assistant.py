"""The conversation's assistant and parameters in the window: the picker and the Parameters
button in the toolbar, the panel under it, and the session and the history kept in step.

A conversation starts with the assistant picked (and its model, if it names one); picking
another one, or changing a parameter in the panel, applies from the next message and is kept
with the conversation, which shows them again when it is reopened. A new conversation is kept
in the history only once its first message is: its parameters are written then.

The assistants' modules are loaded with the first conversation, after the window's first frame
(some 10 ms, for the dataclasses they make), and the panel is made when first shown.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QBoxLayout, QToolButton

from desktop_app.core.errors import TallyError
from desktop_app.core.parameters import Parameters
from desktop_app.ui.assistants.assistant_picker import AssistantPicker

if TYPE_CHECKING:
    from desktop_app.core.history.conversation_parameters import ConversationParameters
    from desktop_app.core.settings.assistants import Assistant
    from desktop_app.ui.assistants.parameters_panel import ParametersPanel
    from desktop_app.ui.main_window import MainWindow


class ConversationAssistant(QObject):
    """Holds the assistant and parameters of the conversation shown."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.data_dir = window.services.providers_path.parent
        self.picker = AssistantPicker(window)
        self.picker.assistantChosen.connect(self.choose)
        self.picker.manageRequested.connect(self.manage)
        self.button = QToolButton(window)
        self.button.setObjectName("parametersButton")
        self.button.setText(self.tr("Parameters"))
        self.button.setToolTip(
            self.tr("This conversation's system prompt, temperature and other parameters")
        )
        self.button.setCheckable(True)
        self.button.toggled.connect(lambda on: self.panel.setVisible(on))
        self._panel: ParametersPanel | None = None
        self._place: tuple[QBoxLayout, int] | None = None
        self.chosen: ConversationParameters | None = None
        """The conversation's assistant and parameters; None: plain chat, nothing kept."""
        self.kept_for: str | None = None
        """The conversation whose parameters the history holds as `chosen` says."""
        self.assistants: list[Assistant] = []
        """Default first, then the user's or the shipped ones (reload)."""

    def place_panel(self, layout: QBoxLayout, index: int) -> None:
        """Where the panel goes once it is first shown (it is made then, not at start)."""
        self._place = (layout, index)

    @property
    def panel(self) -> ParametersPanel:
        """The parameters panel, made when first asked for."""
        if self._panel is None:
            from desktop_app.ui.assistants.parameters_panel import ParametersPanel

            self._panel = ParametersPanel(self.window)
            if self._place is not None:
                self._place[0].insertWidget(self._place[1], self._panel)
            self._panel.changed.connect(self.edit)
            self._panel.show_parameters(self._name(), self._parameters(), self._base())
        return self._panel

    # -- the assistants --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read assistants.toml again (or the shipped ones); a file that does not load is
        said in the banner, and the picker offers Default alone meanwhile."""
        from desktop_app.core.settings.assistants import DEFAULT, load_assistants
        from desktop_app.core.text.messages import language

        try:
            self.assistants = load_assistants(self.data_dir, language())
        except TallyError as exc:
            self.assistants = [DEFAULT]
            self.window.banner.show_error(exc)
        self.picker.set_assistants(self.assistants, self._name())
        self._mark()

    def manage(self) -> None:
        """The dialog to add, edit, duplicate, delete, import and export assistants."""
        from desktop_app.ui.assistants.assistants_dialog import AssistantsDialog

        dialog = AssistantsDialog(
            [a for a in self.assistants if not a.is_default],
            self.window.picker.choices(),
            self.data_dir,
            self.window,
        )
        dialog.saved.connect(lambda _: self.reload())
        dialog.open()

    # -- the conversation's ----------------------------------------------------------------------

    def show_conversation(self, conversation_id: str | None) -> None:
        """A conversation was opened (None: a new one): show its assistant and parameters, and
        send with them. A new conversation starts with the assistant picked before."""
        if conversation_id is None:
            picked = self.picker.current_assistant()
            self.chosen = _parameters_of(picked) if picked and not picked.is_default else None
        else:
            from desktop_app.core.history.conversation_parameters import remembered_parameters

            self.chosen = remembered_parameters(self.window.services.store, conversation_id)
        self.kept_for = conversation_id
        self._show()

    def choose(self, assistant: Assistant) -> None:
        """The user picked an assistant: its parameters from the next message on, and its
        model, if it names one that is listed."""
        self.chosen = _parameters_of(assistant)
        if assistant.provider and assistant.model:
            self.window.picker.select(assistant.provider, assistant.model)
        self._show()
        self.keep()

    def edit(self, parameters: Parameters) -> None:
        """The user changed a parameter in the panel: for this conversation only."""
        self.chosen = replace(self.chosen or _parameters_of(None), parameters=parameters)
        self.window.session.parameters = parameters
        self._mark()
        self.keep()

    def before_sending(self) -> None:
        """A change still waiting in the panel applies to the message about to go."""
        if self._panel is not None:
            self._panel.flush()

    def keep(self) -> None:
        """Write the parameters to the history, if the conversation is there yet."""
        conversation_id = self.window.recorder.conversation_id
        if conversation_id is not None:
            self.keep_for(conversation_id)

    def keep_for(self, conversation_id: str) -> None:
        """Write the parameters as this conversation's (the one shown, or a branch of it)."""
        if self.chosen is None:
            return  # plain chat, never changed: nothing to keep
        from desktop_app.core.history.conversation_parameters import remember_parameters

        store, chosen = self.window.services.store, self.chosen

        def remember() -> None:
            try:
                remember_parameters(store, conversation_id, chosen)
            except (TallyError, KeyError):
                return  # a conversation deleted meanwhile, or the disk: its messages say more
            self.kept_for = conversation_id

        store.held.run(remember)  # once an import writing the history has ended

    def message_kept(self) -> None:
        """A message was saved: a new conversation now exists, and keeps its parameters."""
        if self.window.recorder.conversation_id != self.kept_for:
            self.keep()

    # -- internals -----------------------------------------------------------------------------

    def _show(self) -> None:
        self.window.session.parameters = self._parameters()
        self.picker.show_name(self._name())
        if self._panel is not None:
            self._panel.show_parameters(self._name(), self._parameters(), self._base())
        self._mark()

    def _name(self) -> str | None:
        return self.chosen.assistant if self.chosen else None

    def _parameters(self) -> Parameters:
        return self.chosen.parameters if self.chosen else Parameters()

    def _base(self) -> Parameters:
        """The parameters of the conversation's assistant, as it is now."""
        name = self._name()
        for assistant in self.assistants:
            if (assistant.is_default and name is None) or assistant.name == name:
                return assistant.parameters()
        return Parameters()

    def _mark(self) -> None:
        """The button says when this conversation's parameters differ from its assistant's."""
        changed = self._parameters() != self._base()
        self.button.setText(self.tr("Parameters") + (" •" if changed else ""))


def _parameters_of(assistant: Assistant | None) -> ConversationParameters:
    """What a conversation keeps of an assistant (None: Default, plain chat)."""
    from desktop_app.core.history.conversation_parameters import ConversationParameters

    if assistant is None or assistant.is_default:
        return ConversationParameters()
    return ConversationParameters(assistant.name, assistant.parameters())
