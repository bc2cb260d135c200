"""A gzip body that inflates to a gibibyte of one endless SSE line: `tally ask` stops at the
decoder's limit with one clear line, and its memory stays far below what the bomb holds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop_app.core import paths
from desktop_app.simulator import Simulator
from desktop_app.simulator.hostile_scenarios import BOMB_SIZE

PROBE = """
import resource, sys
from desktop_app.cli.main import main
code = main(["ask", "--model", "sim-gzip-bomb", "Hello"])
print("peak-kib", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


def test_a_gzip_bomb_stops_at_the_limit_in_bounded_memory(
    simulator: Simulator, data_dir: Path
) -> None:
    data_dir.mkdir(parents=True)
    paths.providers_file().write_text(
        f'[[provider]]\nid = "sim"\nname = "Relay"\nbase_url = "{simulator.base_url}"\n'
        'api_key_env = "RELAY_KEY"\n',
        encoding="utf-8",
    )
    assert simulator.api_key is not None
    env = os.environ | {"TALLY_DATA_DIR": str(data_dir), "RELAY_KEY": simulator.api_key}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("tally: error:")]
    assert errors == [
        "tally: error: Relay sent a line or an event of its stream larger than 64 MiB, far more"
        " than any answer; Tally stopped reading it. The part received is kept."
    ]
    (peak,) = [int(line.split()[1]) for line in done.stderr.splitlines() if "peak-kib" in line]
    # The decoder holds at most its 64 MiB limit of the line (the process peaked at 120-280 MiB
    # in all, the rest Python, httpx and the allocator's slack); before the limit and the
    # bounded inflating, the bomb took it past a gigabyte.
    assert peak * 1024 < BOMB_SIZE // 2, f"peak {peak // 1024} MiB"
