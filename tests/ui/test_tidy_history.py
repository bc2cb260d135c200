"""After its first frame the app removes for good the conversations deleted before it started,
on a thread of its own (ui/upkeep.py's tidy_history); one deleted shortly before is left, as
another window of the app may still offer its Undo."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

from desktop_app.core.history.rows import utc_now
from desktop_app.core.history.store import HistoryStore
from desktop_app.ui.upkeep import UNDO_MARGIN, tidy_history
from tests.support.history.on_disk import deleted_at


def tidying() -> bool:
    return any(thread.name == "tidy-history" for thread in threading.enumerate())


def test_the_conversations_deleted_before_the_start_are_removed_on_a_worker(
    store: HistoryStore,
) -> None:
    started = utc_now()
    ids = {}
    for title, deleted in (("Old", timedelta(days=3)), ("Recent", UNDO_MARGIN / 2)):
        ids[title] = store.create_conversation(title).id
        store.add_message(ids[title], role="user", content=f"{title} question")
        deleted_at(store, ids[title], started - deleted)
    live = store.create_conversation("Live").id

    tidy_history(store.path, started)
    deadline = time.monotonic() + 10
    while tidying() and time.monotonic() < deadline:
        time.sleep(0.01)

    assert not tidying()
    with store.reading() as conn:
        left = {row[0] for row in conn.execute("SELECT id FROM conversations")}
    assert left == {ids["Recent"], live}
    store.undelete(ids["Recent"])
    assert [hit.conversation_id for hit in store.search("question")] == [ids["Recent"]]
