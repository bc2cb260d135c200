"""How an answer came to be asked of its model, kept on its row (migration 012_routing): the
routing rule that picked the model (NULL when the user picked it), and the answer it is a
stronger version of (NULL unless "Try a stronger model" made it). The backtest counts, per
rule, how many of its answers the user escalated (money/backtest.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from desktop_app.core.history.schema import keeps_origins
from desktop_app.core.history.store import HistoryStore

SET_ORIGIN = "UPDATE messages SET rule = ?, escalated_from = ? WHERE id = ?"


@dataclass(frozen=True, slots=True)
class AnswerOrigin:
    """The rule that picked an answer's model, and the id of the answer it escalated."""

    rule: str | None = None
    escalated_from: int | None = None

    def __bool__(self) -> bool:
        return self.rule is not None or self.escalated_from is not None


def set_origin(conn: sqlite3.Connection, message_id: int, origin: AnswerOrigin) -> None:
    """Keep an answer's origin, in the caller's transaction."""
    conn.execute(SET_ORIGIN, (origin.rule, origin.escalated_from, message_id))


def set_origins(conn: sqlite3.Connection, origins: Iterable[tuple[int, AnswerOrigin]]) -> None:
    """Keep the origins of many answers at once (an import's), in the caller's transaction."""
    if not keeps_origins(conn):
        return
    conn.executemany(
        SET_ORIGIN, [(origin.rule, origin.escalated_from, mid) for mid, origin in origins]
    )


def origins_of(store: HistoryStore, conversation_id: str) -> dict[int, AnswerOrigin]:
    """The origins of a conversation's answers that have one, by message id."""
    with store.reading() as conn:
        if not keeps_origins(conn):
            return {}
        rows = conn.execute(
            "SELECT id, rule, escalated_from FROM messages WHERE conversation_id = ?"
            " AND (rule IS NOT NULL OR escalated_from IS NOT NULL)",
            (conversation_id,),
        ).fetchall()
    return {mid: AnswerOrigin(rule, escalated) for mid, rule, escalated in rows}
