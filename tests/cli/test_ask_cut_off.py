"""`tally ask` against streams that end wrong: cut off with no finish, a redirect, an empty
stream. Each is a failure (non-zero exit, one clear line), never an answer reported as done."""

from __future__ import annotations

import pytest

from desktop_app.cli.exit_codes import EXIT_PROVIDER_ERROR
from desktop_app.cli.main import main
from desktop_app.core import paths
from desktop_app.core.history.store import HistoryStore
from desktop_app.simulator import Simulator
from desktop_app.simulator.hostile_scenarios import REDIRECT_TARGET


def last_answer() -> tuple[str, str, str | None]:
    with HistoryStore(paths.history_db()) as store:
        (conversation,) = store.conversations(limit=5)
        answer = store.messages(conversation.id)[-1]
    return answer.status, answer.content, answer.error


@pytest.mark.usefixtures("relay")
def test_a_stream_cut_off_without_a_finish_is_a_partial_answer(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["ask", "--model", "sim-no-finish", "Hello"]) == EXIT_PROVIDER_ERROR
    out, err = capsys.readouterr()
    assert out.strip()
    (line,) = [line for line in err.splitlines() if line.startswith("tally: error:")]
    assert "Relay closed the stream before the answer was complete" in line
    status, content, error = last_answer()
    assert status == "partial"
    assert content
    assert content in out
    assert error
    assert "before the answer was complete" in error


@pytest.mark.usefixtures("relay")
@pytest.mark.parametrize(
    ("model", "words"),
    [
        ("sim-redirect", f"redirects {{url}}/chat/completions to {REDIRECT_TARGET} (307)"),
        ("sim-empty-stream", "Relay ended the answer without sending any of it"),
    ],
)
def test_a_redirect_or_an_empty_stream_fails_with_one_clear_line(
    model: str, words: str, relay: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "--model", model, "Hello"]) == EXIT_PROVIDER_ERROR
    out, err = capsys.readouterr()
    assert out == ""
    assert "waiting" not in err  # not "queued the request; waiting…"
    (line,) = [line for line in err.splitlines() if line.startswith("tally: error:")]
    assert words.format(url=relay.base_url) in line
    status, content, error = last_answer()
    assert (status, content) == ("error", "")
    assert error
