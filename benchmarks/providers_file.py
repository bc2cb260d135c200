"""Reading a providers file grows linearly with its providers: 20,000 against 2,000 in the same
run should take about 10 times as long (it took 100 times, some 12 s, when each new id was
checked against every earlier one).

Run: .venv/bin/python benchmarks/providers_file.py
"""

from __future__ import annotations

import time

from desktop_app.core.settings.providers_file import parse_providers

SMALL, LARGE = 2_000, 20_000
LIMIT = 20.0
"""Linear is 10x; quadratic 100x. Twice linear leaves room for a noisy machine."""


def providers_toml(count: int) -> str:
    return "".join(
        f'[[provider]]\nid = "p{i}"\nname = "Provider {i}"\nbase_url = "https://p{i}.example/v1"\n'
        f'models = ["m-{i}"]\n\n'
        for i in range(count)
    )


def best_of(text: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        parse_providers(text)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    small = best_of(providers_toml(SMALL), 5)
    large = best_of(providers_toml(LARGE), 3)
    ratio = large / small
    print(f"{SMALL:,} providers: {small * 1000:.0f} ms; {LARGE:,} providers: {large * 1000:.0f} ms")
    verdict = "PASS" if ratio < LIMIT else "FAIL"
    print(f"{LARGE // SMALL}x the providers took {ratio:.1f}x the time (linear: 10x): {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    raise SystemExit(main())
