"""A conversation's messages as a tree: each names its parent, versions share one, and the
conversation shows one path from a first message down to its current message."""

from __future__ import annotations

from collections.abc import Sequence

from desktop_app.core.history.records import MessageRecord


def path_to(messages: Sequence[MessageRecord], leaf: int | None) -> list[MessageRecord]:
    """The messages from a first one down to the one with id `leaf`, in order; with no such
    message (None, or a stale id), the path to the newest message."""
    by_id = {message.id: message for message in messages}
    end = by_id.get(leaf) if leaf is not None else None
    if end is None:
        if not messages:
            return []
        end = max(messages, key=lambda message: message.id)
    path: list[MessageRecord] = []
    seen: set[int] = set()
    node: MessageRecord | None = end
    while node is not None and node.id not in seen:  # a loop in a damaged file ends here
        seen.add(node.id)
        path.append(node)
        node = by_id.get(node.parent_id) if node.parent_id is not None else None
    path.reverse()
    return path
