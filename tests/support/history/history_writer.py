"""A child process for test_history_crash.py: streams an answer into the history store the way
the app does, and says after each committed write how far it got, until it is killed.

Run: python -m tests.support.history.history_writer DB_PATH CHUNK_SIZE
Prints "message <id>" once, then "wrote <n>" after the n-th write (0-based) has been committed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from desktop_app.core.history.store import HistoryStore

INTERVAL = 0.05


def chunk(index: int, size: int) -> str:
    """The text the writer appends at step `index`, so that the test can rebuild it."""
    head = f"chunk {index} "
    return head + "x" * max(0, size - len(head))


def expected_text(last: int, size: int) -> str:
    """The answer's text after write number `last`."""
    return "".join(chunk(i, size) for i in range(last + 1))


def main(path: Path, size: int) -> None:
    store = HistoryStore(path)
    conversation = store.create_conversation("Crash test")
    store.add_message(conversation.id, role="user", content="Tell me a long story")
    answer = store.add_message(
        conversation.id, role="assistant", status="streaming", provider="sim", model="m"
    )
    print(f"message {answer.id}", flush=True)
    text = ""
    index = 0
    while True:  # until killed
        text += chunk(index, size)
        store.update_message(answer.id, content=text)
        print(f"wrote {index}", flush=True)
        index += 1
        time.sleep(INTERVAL)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
