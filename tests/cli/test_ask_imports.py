"""What `tally ask` loads before the first byte of its answer reaches stdout. Its time to the first
byte is mostly `import` (docs/performance.md, `tally ask`), so what a terminal answer does not
need before then is loaded later or never: this test runs the command in a fresh process and
checks which modules were loaded at its first write to stdout. The timing itself is
benchmarks/ask_first_byte.py's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from desktop_app.simulator import Simulator

# `tally ask` as `python -m desktop_app` runs it, with stdout replaced by a writer that notes
# the loaded modules (on stderr, as the last line) at the first write.
PROBE = """
import json, sys
from desktop_app.cli.main import main

class FirstWrite:
    def __init__(self, out):
        self.out, self.seen = out, None

    def write(self, text):
        if self.seen is None and text:
            self.seen = sorted(sys.modules)
        return self.out.write(text)

    def __getattr__(self, name):
        return getattr(self.out, name)

sys.stdout = FirstWrite(sys.stdout)
code = main(sys.argv[1:])
sys.stderr.write("\\n" + json.dumps(sys.stdout.seen) + "\\n")
sys.exit(code)
"""

NOT_BEFORE_THE_ANSWER = {
    "asyncio": "never: the terminal's chat is blocking (core/chat_blocking.py)",
    "desktop_app.core.chat": "never: it is the asyncio chat, the window's",
    "anyio._backends": "never: httpcore's asyncio backend",
    "desktop_app.core.money": "after the answer, with no budget to check before sending",
    "desktop_app.core.history.provider_ids": "after the answer, unless --continue",
    "PySide6": "never: Qt is the window's",
    "qasync": "never",
    "pyqtgraph": "never",
    "numpy": "never",
    "desktop_app.ui": "never",
    "markdown_it": "never: the terminal prints the answer as it comes",
    "keyring": "never when the key is in the variable api_key_env names",
    "desktop_app.core.money.catalog": "the first price of the answer, after its first piece",
    "desktop_app.core.settings.presets": "the first price of the answer",
    "desktop_app.core.history.backups": "today's backup, after the answer",
    "desktop_app.cli.backup": "today's backup, after the answer",
    "desktop_app.core.transfer": "never",
    "desktop_app.simulator": "never",
    "platformdirs": "never with --data-dir",
    "desktop_app.core.settings.assistants": "never without --assistant",
    "desktop_app.core.attachments.vision": "never without --attach",
    "desktop_app.core.history.search": "never: tally search's",
    "desktop_app.core.network.http_errors": "a failed response",
    "desktop_app.core.network.status_errors": "a failed response",
    "desktop_app.core.history.ledger_rows": "the answer's end, with its cost",
}


def loaded_at_first_byte(simulator: Simulator, data: Path) -> set[str]:
    data.mkdir(parents=True)
    (data / "providers.toml").write_text(
        "[[provider]]\n"
        'id = "sim"\n'
        'name = "Simulator"\n'
        f'base_url = "{simulator.base_url}"\n'
        'api_key_env = "SIM_KEY"\n'
        'models = ["sim-normal"]\n',
        encoding="utf-8",
    )
    assert simulator.api_key is not None
    env = {**os.environ, "SIM_KEY": simulator.api_key}
    env.pop("TALLY_DATA_DIR", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "--data-dir", str(data), "ask", "What is Tally?"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()
    modules: list[str] = json.loads(done.stderr.strip().splitlines()[-1])
    return set(modules)


def test_ask_loads_nothing_before_its_answer_that_the_answer_does_not_need(
    simulator: Simulator, tmp_path: Path
) -> None:
    modules = loaded_at_first_byte(simulator, tmp_path / "data")
    assert "desktop_app.core.chat_blocking" in modules
    too_early = {
        name: when
        for name, when in NOT_BEFORE_THE_ANSWER.items()
        if any(m == name or m.startswith(name + ".") for m in modules)
    }
    assert too_early == {}
