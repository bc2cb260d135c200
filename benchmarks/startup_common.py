"""What the two start-up benchmarks (startup.py, startup_built.py) share: the provider their
configured data directories hold, and a case with its timings."""

from __future__ import annotations

import shutil
import statistics
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

PROVIDERS = """\
[[provider]]
id = "bench"
name = "Benchmark relay"
base_url = "http://127.0.0.1:9/v1"
models = ["model-a", "model-b"]
"""


@dataclass
class Case:
    """A program to start again and again, with its data directory, and what each start took."""

    label: str
    command: list[str]
    data_dir: Path | None = None  # None: a new empty data directory for every start
    starts: list[float] = field(default_factory=list)  # ms to the first painted frame
    rss_kib: list[int] = field(default_factory=list)  # peak resident memory, where reported
    cpu_ms: list[float] = field(default_factory=list)  # processor time by then, where reported
    shown: list[float] = field(default_factory=list)  # ms to the reopened conversation's frame

    @contextmanager
    def start_data_dir(self, scratch: Path) -> Iterator[Path]:
        """The data directory for one start: the case's own, or a new empty one in `scratch`,
        removed after the start."""
        if self.data_dir is not None:
            yield self.data_dir
            return
        fresh = Path(tempfile.mkdtemp(dir=scratch))
        try:
            yield fresh
        finally:
            shutil.rmtree(fresh)

    def median(self) -> float:
        return statistics.median(self.starts)

    def line(self, width: int) -> str:
        """The case's row of the report: median, range and (if reported) peak memory."""
        spread = f"{min(self.starts):.0f}-{max(self.starts):.0f}"
        row = f"  {self.label:<{width}} {self.median():7.1f} ms  ({spread:>9} ms)"
        if self.rss_kib:
            row += f"  peak RSS {statistics.median(self.rss_kib) / 1024:4.0f} MiB"
        if self.cpu_ms:
            row += f"  cpu {statistics.median(self.cpu_ms):5.0f} ms"
        return row
