"""The step that makes a tree of every conversation (009_message_tree), as the app runs it when
it first opens a history written before versions, against opening the same history once it has
run, in the same run.

Run: .venv/bin/python benchmarks/message_tree.py [--messages 100000]

The history is history_data.generate()'s; the step is then undone on it (its three columns
dropped, its row removed from `migrations`), so that HistoryStore() finds a history of the
schema before it and runs it: adding the columns, and giving each message the one before it in
its conversation as its parent (one look-up of messages_by_conversation per message). The
figure to read is the step's time per million messages: it runs once, at the first start of a
version with versions, before the window shows.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from history_data import SEED, generate

from desktop_app.core.history.store import HistoryStore


def undo_the_step(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("ALTER TABLE messages DROP COLUMN parent_id")
    conn.execute("ALTER TABLE conversations DROP COLUMN current_id")
    conn.execute("ALTER TABLE conversations DROP COLUMN branched_from")
    conn.execute("DELETE FROM migrations WHERE name = '009_message_tree'")
    conn.close()


def timed_open(path: Path) -> float:
    began = time.perf_counter()
    HistoryStore(path).close()
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="tally-message-tree-"))
    path = folder / "history.sqlite3"
    generate(path, args.messages, random.Random(SEED))
    steps, opens = [], []
    for _ in range(args.runs):
        undo_the_step(path)
        steps.append(timed_open(path))
        opens.append(timed_open(path))
    step, plain = statistics.median(steps), statistics.median(opens)
    conn = sqlite3.connect(path)
    (lines,) = conn.execute(
        "SELECT count(*) FROM messages AS m WHERE parent_id IS NOT (SELECT max(id) FROM messages"
        " WHERE conversation_id = m.conversation_id AND id < m.id)"
    ).fetchone()
    conn.close()
    per_million = step * 1_000_000 / args.messages
    print(
        f"{args.messages:,} messages, median of {args.runs}, load {os.getloadavg()[0]:.1f}:"
        f" open with the step {step * 1000:.0f} ms, open after it {plain * 1000:.0f} ms"
        f" ({step / plain:.1f}x); about {per_million:.1f} s per million messages;"
        f" messages not following the one before them: {lines}"
    )
    return 0 if lines == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
