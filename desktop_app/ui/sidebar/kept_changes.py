"""What the list shows of the changes made to conversations while an import holds the history
(core/history/held_writes.py): the history has them only once the import ends, so until then a
list read from it is shown with them applied (a new title; a conversation archived, restored or
deleted gone from the page it was on)."""

from __future__ import annotations

from dataclasses import replace

from desktop_app.core.history.records import ConversationSummary


class KeptChanges:
    """The changes the history does not have yet, applied to each page of the list read."""

    def __init__(self) -> None:
        self._gone: set[str] = set()
        self._titles: dict[str, str] = {}

    def move(self, conversation_id: str) -> None:
        """The conversation left the page shown (archived, restored or deleted), or, if it had
        left it already, came back (its Undo)."""
        self._gone.symmetric_difference_update({conversation_id})

    def retitle(self, conversation_id: str, title: str) -> None:
        self._titles[conversation_id] = title

    def clear(self) -> None:
        """The history has them all now."""
        self._gone.clear()
        self._titles.clear()

    def apply(self, page: list[ConversationSummary]) -> list[ConversationSummary]:
        if not (self._gone or self._titles):
            return page
        return [
            replace(c, title=self._titles[c.id]) if c.id in self._titles else c
            for c in page
            if c.id not in self._gone
        ]
