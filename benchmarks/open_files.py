"""Opening a conversation whose questions carry large files, against opening the same
conversation without them, in the same run: the part of the window's open that reads the
history (`open_conversation`, on the GUI thread), and the memory the opened conversation holds.

Run: .venv/bin/python benchmarks/open_files.py [--files 30] [--megabytes 3] [--runs 9]

Two conversations of the same 2 x FILES messages, in one history file: in one, each question
carries one file of MEGABYTES (a PNG's signature, then random bytes: what a screenshot that
does not shrink weighs), in the other none. The opens take turns, RUNS times each, after one
untimed open of each; the figure is the ratio of the medians. Then each is opened once more
under tracemalloc, which counts what the opened conversation keeps allocated.

Verdict: the files at most double the open (a ratio of 2 or less; what they add is the query
of their records and their objects, some 0.2 ms for 30): the bytes are read when a thumbnail
or a request needs them, on a worker, not when the conversation opens.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.conversation import Conversation
from desktop_app.core.history.recorder import open_conversation
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.money.ledger import Ledger

BAR = 2.0
PNG = b"\x89PNG\r\n\x1a\n"


def make(store: HistoryStore, files: int, size: int) -> tuple[str, str]:
    """The conversation with files and the one without, as (id, id)."""
    ids = []
    for title, with_files in (("With files", True), ("Without files", False)):
        conversation = store.create_conversation(title).id
        for n in range(files):
            attached = [Attachment(f"shot-{n}.png", "image/png", PNG + os.urandom(size))]
            store.add_message(
                conversation,
                role="user",
                content=f"What does screenshot {n} show?",
                attachments=attached if with_files else (),
            )
            store.add_message(conversation, role="assistant", content=f"Screenshot {n} shows…")
        ids.append(conversation)
    return ids[0], ids[1]


def open_once(store: HistoryStore, conversation_id: str) -> Conversation:
    conversation = Conversation()
    open_conversation(store, conversation, conversation_id, Ledger(store, []))
    return conversation


def held_mib(store: HistoryStore, conversation_id: str) -> float:
    """MiB that Python keeps allocated for one opened conversation."""
    tracemalloc.start()
    try:
        opened = open_once(store, conversation_id)
        current, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del opened
    return current / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=30)
    parser.add_argument("--megabytes", type=float, default=3.0)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    size = int(args.megabytes * 1_000_000)
    with (
        tempfile.TemporaryDirectory() as folder,
        HistoryStore(Path(folder) / "history.sqlite3") as store,
    ):
        with_files, without = make(store, args.files, size)
        timings: dict[str, list[float]] = {with_files: [], without: []}
        for conversation_id in timings:
            open_once(store, conversation_id)  # untimed: the caches warmed
        for _ in range(args.runs):
            for conversation_id, times in timings.items():
                started = time.perf_counter()
                open_once(store, conversation_id)
                times.append((time.perf_counter() - started) * 1000)
        memory = {conversation: held_mib(store, conversation) for conversation in timings}
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"{2 * args.files} messages, {args.files} files of {args.megabytes:g} MB each;"
        f" {args.runs} opens of each in turn; load {load:.2f}"
    )
    for label, conversation_id in (("without files", without), ("with files", with_files)):
        times = timings[conversation_id]
        print(
            f"  {label:>13}: median {statistics.median(times):7.1f} ms"
            f" (min {min(times):.1f}, max {max(times):.1f}),"
            f" {memory[conversation_id]:6.1f} MiB held once open"
        )
    ratio = statistics.median(timings[with_files]) / statistics.median(timings[without])
    verdict = "PASS" if ratio <= BAR else "FAIL"
    print(f"with files / without: {ratio:.2f} (bar {BAR}): {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
