"""`tally ask` (or another command) as a real process, as a terminal runs it: a data folder with
the simulator as its provider, the key in the variable providers.toml names (api_key_env)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop_app.simulator import Simulator
from tests.support.ui.window_helpers import PROVIDERS


def start_ask(
    simulator: Simulator, folder: Path, model: str, prompt: str, *, no_sigint: bool = False
) -> tuple[Path, subprocess.Popen[bytes]]:
    """The data folder made in `folder`, and the running `tally ask`, its output piped."""
    return start_tally(simulator, folder, "ask", "--model", model, prompt, no_sigint=no_sigint)


def start_tally(
    simulator: Simulator, folder: Path, *command: str, no_sigint: bool = False
) -> tuple[Path, subprocess.Popen[bytes]]:
    """The data folder made in `folder`, and the running `tally COMMAND...`, its output piped;
    `no_sigint`: started with SIGINT ignored, as a shell starts a job in the background."""
    data = folder / "data"
    data.mkdir()
    (data / "providers.toml").write_text(
        PROVIDERS.format(base_url=simulator.base_url).replace(
            'name = "Simulator"', 'name = "Simulator"\napi_key_env = "SIM_KEY"'
        ),
        encoding="utf-8",
    )
    env = {key: value for key, value in os.environ.items() if key != "TALLY_DATA_DIR"}
    env["SIM_KEY"] = simulator.api_key or ""
    argv = [sys.executable, "-m", "desktop_app", "--data-dir", str(data), *command]
    if no_sigint:  # the shell's way, inherited through exec (no preexec_fn: threads run here)
        argv = ["sh", "-c", 'trap "" INT; exec "$@"', "sh", *argv]
    tally = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    return data, tally
