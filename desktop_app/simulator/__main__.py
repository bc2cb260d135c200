"""Run the simulator in the foreground: `python -m desktop_app.simulator --port 8000`."""

from __future__ import annotations

import argparse
import signal
import threading
from types import FrameType

from desktop_app.simulator.server import DEFAULT_API_KEY, Simulator


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m desktop_app.simulator",
        description="Serve scripted OpenAI, Anthropic and Gemini answers on 127.0.0.1.",
    )
    parser.add_argument("--port", type=int, default=0, help="port to bind; 0 picks a free one")
    keys = parser.add_mutually_exclusive_group()
    keys.add_argument("--key", default=DEFAULT_API_KEY, help="the API key clients must send")
    keys.add_argument("--no-key", action="store_true", help="accept any key, or none")
    parser.add_argument(
        "--token-delay", type=float, default=0.0, help="seconds between streamed pieces"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Serve until Ctrl+C or SIGTERM, then stop cleanly."""
    args = _parse_args(argv)
    api_key = None if args.no_key else args.key
    stop_requested = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop_requested.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    with Simulator(api_key=api_key, port=args.port, token_delay=args.token_delay) as simulator:
        shown_key = "none, any key is accepted" if api_key is None else api_key
        print(f"Simulator listening on {simulator.base_url} (key: {shown_key})", flush=True)
        # a timed wait, because an untimed one cannot be interrupted by Ctrl+C on Windows
        while not stop_requested.wait(timeout=0.5):
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
