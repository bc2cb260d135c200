"""What a conversation asks with: the assistant it was started with (by name) and its
parameters, kept on its row (migration 011_assistants) and carried by the JSON export as
`"assistant": {"name": ..., "system": ..., "temperature": ...}`."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from desktop_app.core.errors import ConfigError
from desktop_app.core.history.schema import applied_migrations
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.parameters import Parameters
from desktop_app.core.text.messages import t

log = logging.getLogger(__name__)

_STEP = "011_assistants"


@dataclass(frozen=True, slots=True)
class ConversationParameters:
    """A conversation's assistant (None: Default, plain chat) and the parameters it sends."""

    assistant: str | None = None
    parameters: Parameters = field(default_factory=Parameters)

    def as_export(self) -> dict[str, Any]:
        """The export's `"assistant"` object: the name, then every parameter that is set."""
        return {"name": self.assistant, **self.parameters.as_dict()}

    @classmethod
    def from_export(cls, data: Any) -> ConversationParameters:
        """From the export's `"assistant"` object; a malformed one raises ConfigError."""
        if not isinstance(data, Mapping):
            raise ConfigError(t("the assistant must be an object of its settings"))
        name = data.get("name")
        if name is not None and not isinstance(name, str):
            raise ConfigError(t("the assistant's name must be text or null"))
        # An import reads JSON numbers with a fraction as Decimal.
        numbers = {k: float(v) if isinstance(v, Decimal) else v for k, v in data.items()}
        return cls(name or None, Parameters.from_dict(numbers))


def remember_parameters(
    store: HistoryStore, conversation_id: str, chosen: ConversationParameters
) -> None:
    """Keep `chosen` as the conversation's assistant and parameters (KeyError: no such
    conversation)."""
    with store.writing() as conn:
        cursor = conn.execute(REMEMBER_PARAMETERS, parameter_row(conversation_id, chosen))
        if cursor.rowcount == 0:
            raise KeyError(conversation_id)


REMEMBER_PARAMETERS = "UPDATE conversations SET assistant = ?, parameters = ? WHERE id = ?"
"""The statement that keeps a conversation's parameters, for parameter_row()'s values."""


def parameter_row(conversation_id: str, chosen: ConversationParameters) -> tuple[object, ...]:
    """REMEMBER_PARAMETERS's values (an import writes many at once)."""
    text = json.dumps(chosen.parameters.as_dict(), ensure_ascii=False)
    return (chosen.assistant, text, conversation_id)


def remembered_parameters(
    store: HistoryStore, conversation_id: str
) -> ConversationParameters | None:
    """The conversation's assistant and parameters; None when it has none kept (plain chat,
    a history from before assistants, or no such conversation)."""
    with store.reading() as conn:
        if _STEP not in applied_migrations(conn):
            return None
        row = conn.execute(
            "SELECT assistant, parameters FROM conversations WHERE id = ?", (conversation_id,)
        ).fetchone()
    if row is None or (row[0] is None and row[1] is None):
        return None
    assistant, text = row
    try:
        data = json.loads(text) if text else {}
        parameters = Parameters.from_dict(data if isinstance(data, dict) else {"?": data})
    except (ValueError, ConfigError) as exc:
        # A row edited by hand, or damaged: the conversation goes on with the defaults.
        log.warning("conversation %s has unreadable parameters: %s", conversation_id, exc)
        parameters = Parameters()
    return ConversationParameters(assistant, parameters)
