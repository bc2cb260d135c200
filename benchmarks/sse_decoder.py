"""Compare SSEDecoder with httpx-sse (and openai-python, if installed) on one chat stream.

Run: .venv/bin/python benchmarks/sse_decoder.py [--events N] [--repeat R]

Each decoder gets the same bytes, cut into the same reads, and goes from bytes to events. For
httpx-sse that is what `EventSource.iter_sse` does, without an HTTP response around it: httpx's
text decoding (an incremental UTF-8 decoder with errors="replace"), then httpx-sse's
`SSELineDecoder`, then `line.rstrip("\\n")` and its `SSEDecoder.decode` per line.
"""

from __future__ import annotations

import argparse
import codecs
import gc
import json
import platform
import random
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from httpx_sse._decoders import SSEDecoder as HttpxSSEDecoder
from httpx_sse._decoders import SSELineDecoder

from desktop_app.core.sse import SSEDecoder

TARGET = 1.5
READ_SIZES = (4096, 64)
WORDS = (
    "the model",
    " streams",
    " tokens",
    " quickly",
    ",",
    " café",
    " naïve",
    " 你好",
    "世界",
    " 😀",
    " —",
    " résumé",
    " ok",
    "\n\n",
    " `code`",
    ' "quoted"',
)

Decoded = list[tuple[str, str, str]]


def build_stream(events: int, seed: int = 1) -> bytes:
    """An OpenAI-style chat completion stream: content deltas, keep-alives, usage, [DONE]."""
    rng = random.Random(seed)
    created = 1_735_000_000
    parts: list[str] = []
    for n in range(events):
        if n % 500 == 499:
            parts.append(": keep-alive\n\n")
        content = "".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4)))
        chunk = {
            "id": f"chatcmpl-{n // 1000:08x}",
            "object": "chat.completion.chunk",
            "created": created + n // 50,
            "model": "deepseek-chat",
            "choices": [{"index": 0, "delta": {"content": content}, "finish_reason": None}],
        }
        parts.append(f"data: {json.dumps(chunk, ensure_ascii=False, separators=(',', ':'))}\n\n")
    usage = {
        "id": "chatcmpl-last",
        "object": "chat.completion.chunk",
        "created": created,
        "model": "deepseek-chat",
        "choices": [],
        "usage": {"prompt_tokens": 12, "completion_tokens": events, "total_tokens": events + 12},
    }
    parts.append(f"data: {json.dumps(usage, separators=(',', ':'))}\n\n")
    parts.append("data: [DONE]\n\n")
    return "".join(parts).encode()


def decode_ours(chunks: Sequence[bytes]) -> list[Any]:
    decoder = SSEDecoder()
    events = []
    for chunk in chunks:
        events += decoder.feed(chunk)
    events += decoder.close()
    return events


def decode_httpx_sse(chunks: Sequence[bytes]) -> list[Any]:
    text_decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    line_decoder = SSELineDecoder()
    decoder = HttpxSSEDecoder()
    events = []
    for chunk in chunks:
        text = text_decoder.decode(chunk)
        if not text:  # httpx's iter_text yields no empty strings
            continue
        for line in line_decoder.decode(text):
            sse = decoder.decode(line.rstrip("\n"))
            if sse is not None:
                events.append(sse)
    lines = line_decoder.decode(text_decoder.decode(b"", True)) + line_decoder.flush()
    for line in lines:
        sse = decoder.decode(line.rstrip("\n"))
        if sse is not None:
            events.append(sse)
    return events


def openai_decoder() -> Callable[[Sequence[bytes]], list[Any]] | None:
    """openai-python's own decoder, if the package is installed."""
    try:
        from openai._streaming import SSEDecoder as OpenAISSEDecoder  # type: ignore[import-not-found]
    except ImportError:
        return None

    def decode_openai(chunks: Sequence[bytes]) -> list[Any]:
        return list(OpenAISSEDecoder().iter_bytes(iter(chunks)))

    return decode_openai


def summary(events: list[Any]) -> Decoded:
    # openai-python leaves the type and the last event ID None where the standard says
    # "message" and ""; the same stream is still decoded the same way.
    return [(event.event or "message", event.data, event.id or "") for event in events]


def best_time(decode: Callable[[Sequence[bytes]], list[Any]], chunks: Sequence[bytes]) -> float:
    """One timed run, with the collector off as timeit does, so the runs compare evenly."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        decode(chunks)
        return time.perf_counter() - start
    finally:
        gc.enable()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000, help="events in the stream")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (best kept)")
    args = parser.parse_args(argv)

    stream = build_stream(args.events)
    decoders: dict[str, Callable[[Sequence[bytes]], list[Any]]] = {
        "tally": decode_ours,
        "httpx-sse": decode_httpx_sse,
    }
    decode_openai = openai_decoder()
    if decode_openai is None:
        print(
            "note: openai is not installed, so openai-python's decoder is skipped "
            "(`.venv/bin/pip install openai` to include it; Tally does not depend on it)"
        )
    else:
        decoders["openai"] = decode_openai

    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{len(stream) / 2**20:.1f} MiB stream, {args.events + 2} events, best of {args.repeat}"
    )
    passed = True
    for size in READ_SIZES:
        chunks = [stream[i : i + size] for i in range(0, len(stream), size)]
        expected = summary(decode_ours(chunks))
        for name, decode in decoders.items():
            if summary(decode(chunks)) != expected:
                print(f"FAIL: {name} decodes {size}-byte reads differently from tally")
                return 1
        best = dict.fromkeys(decoders, float("inf"))
        for _ in range(args.repeat):  # interleaved, so that a noisy moment hits every decoder
            for name, decode in decoders.items():
                best[name] = min(best[name], best_time(decode, chunks))
        rate = {name: len(expected) / seconds for name, seconds in best.items()}
        ratio = rate["tally"] / rate["httpx-sse"]
        print(f"\nreads of {size} bytes ({len(chunks)} reads, {len(expected)} events)")
        for name in decoders:
            print(f"  {name:<10} {rate[name]:>12,.0f} events/s  ({best[name]:.3f} s)")
        print(f"  tally / httpx-sse: {ratio:.2f}x")
        if "openai" in rate:
            print(f"  tally / openai:    {rate['tally'] / rate['openai']:.2f}x")
        passed = passed and ratio >= TARGET
    verdict = "PASS" if passed else "FAIL"
    print(f"\n{verdict}: tally is at least {TARGET}x as fast as httpx-sse at every read size")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
