"""After the providers change (a rename in the settings), the answers on show take their
provider's current name; the history keeps the name each had when it answered."""

from __future__ import annotations

from collections.abc import Sequence

from desktop_app.core.settings.provider_names import provider_with_id
from desktop_app.core.settings.providers_file import Provider
from desktop_app.ui.chat.chat_view import ChatView


def show_current_names(view: ChatView, providers: Sequence[Provider]) -> None:
    """Give each answer of the view's conversation its provider's name as it is now."""
    for message in view.conversation.messages:
        provider = provider_with_id(providers, message.provider)
        if provider is None or provider.name == message.provider_name:
            continue
        message.provider_name = provider.name
        widget = view.widget_for(message)
        if widget is not None:
            widget.show_role()
