"""Streaming an answer into a ChatView against rendering the same text once.

Run: .venv/bin/python benchmarks/render.py [--sizes 30000 120000 200000] [--repeat 5]

For each size it builds one markdown answer (headings, paragraphs, lists, tables, many fenced
code blocks in several languages, some Chinese), then, in an offscreen QApplication:

- streamed: a real ChatView follows a ChatMessage that grows by 24-character chunks, each
  announced with Conversation.changed(); 40 chunks (about 1k characters) arrive per 16 ms frame,
  and at the end of each frame the view's flush() runs, as its frame timer would, without
  sleeping; then the status turns "complete" and one last flush renders the final tail.
- single: a fresh ChatView is shown the same text as one complete message.

Each UI update is timed in CPU time (time.process_time) in two parts: rendering (the flush or
the new message: markdown, the text document and its layout, plus the widget layout it posts)
and painting (the rest of the event processing: Qt paints what scrolled into view). The targets
on the ratio streamed / single are for rendering: painting a streamed answer draws every line as
it arrives, while the single render draws one screenful, whatever the design. The longest update
counts both parts, since both block the event loop. Each figure is the best of --repeat runs,
with the garbage collector off during a run.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.ui.chat.chat_view import ChatView

CHUNK = 24
CHUNKS_PER_FRAME = 40
FRAME_MS = 16.0
MAX_RATIO = 2.0
MAX_RATIO_GROWTH = 1.25
WIDTH, HEIGHT = 900, 700

_CODE = {
    "python": (
        "def total_{n}(items: list[float]) -> float:\n"
        '    """Add the prices up, skipping the missing ones."""\n'
        "    result = 0.0\n"
        "    for item in items:\n"
        "        if item is None:\n"
        "            continue\n"
        "        result += item * {n}\n"
        "    return result\n"
    ),
    "typescript": (
        "export async function fetchPage{n}(url: string): Promise<string[]> {{\n"
        "  const response = await fetch(url, {{ headers: {{ Accept: 'application/json' }} }});\n"
        "  if (!response.ok) throw new Error(`HTTP ${{response.status}}`);\n"
        "  const body = (await response.json()) as {{ items: string[] }};\n"
        "  return body.items.slice(0, {n});\n"
        "}}\n"
    ),
    "rust": (
        "fn checksum_{n}(data: &[u8]) -> u32 {{\n"
        "    data.iter().fold({n}u32, |acc, &b| acc.rotate_left(5) ^ u32::from(b))\n"
        "}}\n"
    ),
    "go": (
        "func worker{n}(jobs <-chan int, results chan<- int) {{\n"
        "\tfor j := range jobs {{\n"
        "\t\tresults <- j * {n}\n"
        "\t}}\n"
        "}}\n"
    ),
    "sql": (
        "SELECT c.id, c.title, count(m.id) AS messages\n"
        "FROM conversations AS c\n"
        "JOIN messages AS m ON m.conversation_id = c.id\n"
        "WHERE c.created_at > date('now', '-{n} days')\n"
        "GROUP BY c.id\n"
        "ORDER BY messages DESC;\n"
    ),
    "bash": ('for file in "$@"; do\n  gzip -{n} "$file" && echo "packed $file"\ndone\n'),
}
_CHINESE = (
    "流式渲染必须保持线性：每一帧只重新渲染最后一个块，已经完成的消息永远不再渲染。",
    "这段中文用来检查多字节字符在分块传输时的显示，以及字体是否完整。",
)


def build_answer(size: int, seed: int = 7) -> str:
    """A deterministic markdown answer of about `size` characters."""
    rng = random.Random(seed)
    parts = ["# A long answer\n\nThis answer exercises every kind of block the view shows.\n\n"]
    length = len(parts[0])
    n = 0
    while length < size:
        n += 1
        language = list(_CODE)[n % len(_CODE)]
        words = " ".join(
            rng.choice(("stream", "render", "block", "tail", "frame", "cost"))
            for _ in range(rng.randint(30, 70))
        )
        section = [
            f"## {n}. Section about {language}\n\n",
            f"Some *emphasis*, a `span` and a [link](https://example.com/{n}). {words}.\n\n",
        ]
        if n % 3 == 0:
            section.append(f"{_CHINESE[n % 2]}\n\n")
        section.append("".join(f"- point {n}.{i}: {words[: 20 + 7 * i]}\n" for i in range(4)))
        section.append("\n1. first step\n2. second step\n   with a continuation\n\n")
        if n % 2 == 0:
            section.append("| key | value | note |\n|:--|--:|:-:|\n")
            section.append("".join(f"| k{i} | {i * n} | n{i} |\n" for i in range(5)))
            section.append("\n")
        section.append(f"```{language}\n{_CODE[language].format(n=n)}```\n\n")
        if n % 5 == 0:
            section.append(f"> A quoted remark, number {n}, about {words[:60]}.\n\n")
        text = "".join(section)
        parts.append(text)
        length += len(text)
    return "".join(parts)[:size]


@dataclass
class Cost:
    """CPU milliseconds: rendering (flush, text layout, widget layout), then painting too."""

    render_ms: float = 0.0
    painted_ms: float = 0.0
    longest_ms: float = 0.0
    updates: int = 0

    def add(self, render: float, paint: float) -> None:
        self.render_ms += render * 1000
        self.painted_ms += (render + paint) * 1000
        self.longest_ms = max(self.longest_ms, (render + paint) * 1000)
        self.updates += 1


def _timed_update(app: QApplication, update: Callable[[], object], cost: Cost) -> None:
    """Run one UI update, then the widget layout it asks for, then the painting."""
    start = time.process_time()
    update()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    rendered = time.process_time()
    app.processEvents()
    cost.add(rendered - start, time.process_time() - rendered)


def _view(app: QApplication) -> tuple[Conversation, ChatView]:
    conversation = Conversation([ChatMessage("user", "Write me a long answer.")])
    view = ChatView(conversation)
    view.resize(WIDTH, HEIGHT)
    view.show()
    app.processEvents()
    return conversation, view


def _close(app: QApplication, view: ChatView) -> None:
    view.close()
    view.deleteLater()
    app.processEvents()


def stream_once(app: QApplication, text: str) -> Cost:
    conversation, view = _view(app)
    message = conversation.add(
        ChatMessage(
            "assistant",
            status="streaming",
            provider="bench",
            provider_name="Bench",
            model="bench-model",
        )
    )
    app.processEvents()
    chunks = [text[i : i + CHUNK] for i in range(0, len(text), CHUNK)]
    cost = Cost()
    for first in range(0, len(chunks), CHUNKS_PER_FRAME):
        for chunk in chunks[first : first + CHUNKS_PER_FRAME]:
            message.append_text(chunk)
            conversation.changed(message)
        _timed_update(app, view.flush, cost)
    message.status = "complete"
    conversation.changed(message)
    _timed_update(app, view.flush, cost)
    _close(app, view)
    return cost


def render_once(app: QApplication, text: str) -> Cost:
    conversation, view = _view(app)
    cost = Cost()
    message = ChatMessage(
        "assistant", text, provider="bench", provider_name="Bench", model="bench-model"
    )
    _timed_update(app, lambda: conversation.add(message), cost)
    _close(app, view)
    return cost


def measure(app: QApplication, size: int, repeat: int) -> tuple[Cost, Cost]:
    """The best streamed and single costs of `repeat` runs."""
    text = build_answer(size)
    streamed: list[Cost] = []
    single: list[Cost] = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            streamed.append(stream_once(app, text))
            single.append(render_once(app, text))
        finally:
            gc.enable()
    return min(streamed, key=lambda c: c.render_ms), min(single, key=lambda c: c.render_ms)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[30_000, 120_000, 200_000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    print(
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores, {platform.system()}, Qt platform {app.platformName()}"
    )
    print(f"chunks of {CHUNK} characters, {CHUNKS_PER_FRAME} per frame, best of {args.repeat}")
    print(f"{'':>10} {'':>8} {'rendering (CPU ms)':^36}   {'painting included':^28}")
    print(
        f"{'characters':>10} {'updates':>8} {'streamed':>12} {'single':>10} {'ratio':>6} "
        f"{'longest':>11}   {'streamed':>9} {'single':>9} {'ratio':>6}"
    )
    # one untimed run first: Pygments loads each lexer, Qt its fonts, the first time only
    stream_once(app, build_answer(20_000))
    ratios: list[float] = []
    longest = 0.0
    for size in args.sizes:
        streamed, single = measure(app, size, args.repeat)
        ratio = streamed.render_ms / single.render_ms
        ratios.append(ratio)
        longest = max(longest, streamed.longest_ms)
        print(
            f"{size:>10,} {streamed.updates:>8} {streamed.render_ms:>12.1f} "
            f"{single.render_ms:>10.1f} {ratio:>6.2f} {streamed.longest_ms:>11.2f}   "
            f"{streamed.painted_ms:>9.1f} {single.painted_ms:>9.1f} "
            f"{streamed.painted_ms / single.painted_ms:>6.2f}"
        )
    checks = {
        f"ratio <= {MAX_RATIO}": max(ratios) <= MAX_RATIO,
        f"longest update, painting included, < {FRAME_MS:.0f} ms": longest < FRAME_MS,
        f"ratio at the largest size <= {MAX_RATIO_GROWTH} x ratio at the smallest": (
            ratios[-1] <= ratios[0] * MAX_RATIO_GROWTH
        ),
    }
    for name, passed in checks.items():
        print(f"{'PASS' if passed else 'FAIL'}: {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
