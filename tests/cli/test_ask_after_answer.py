"""What `tally ask` does after the answer (renaming old provider names in the history) never
changes how the answer ended: a history that turns out damaged then waits for the next
command, which reports it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.core.errors import HistoryDamaged
from desktop_app.core.history import provider_ids
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.settings.providers_file import Provider
from desktop_app.simulator import Simulator
from tests.support.ui.window_helpers import sim_key, write_providers


def test_a_failure_after_the_answer_leaves_the_exit_code_alone(
    simulator: Simulator,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_providers(data_dir, simulator, key=sim_key(simulator))
    calls: list[list[Provider]] = []

    def damaged(store: object, providers: list[Provider]) -> bool:
        calls.append(providers)
        raise HistoryDamaged("the history is damaged")

    monkeypatch.setattr(provider_ids, "adopt_provider_ids", damaged)
    assert main(["ask", "--model", "sim-echo", "hello"]) == 0
    out, err = capsys.readouterr()
    assert out == "You said: hello\n"
    assert "error" not in err
    assert len(calls) == 1  # it was tried, after the answer
    with HistoryStore(data_dir / "history.sqlite3") as store:
        assert [m.content for m in store.messages(store.conversations()[0].id)] == [
            "hello",
            "You said: hello",
        ]
