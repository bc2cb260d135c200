"""`tally compare`: several models' answers to one question, streamed at once, saved as sibling
answers, each billed once; the table on stderr, one line per failed model."""

from __future__ import annotations

import os
import re
import signal
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.core.currency import Currency
from desktop_app.core.history.records import MessageRecord
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.money.prices import format_money
from desktop_app.core.settings.keys import KeyStore
from desktop_app.simulator import Simulator
from desktop_app.simulator.answer_texts import NORMAL_ANSWER, REASONING_TEXT
from tests.support.streams.ask_process import start_tally

PROVIDERS = """\
[[provider]]
id = "sim"
name = "Simulator"
base_url = "{base_url}"
models = ["sim-normal", "sim-echo", "sim-reasoning"]

[provider.prices."sim-normal"]
input = 2.00
output = 8.00

[provider.prices."sim-reasoning"]
input = 0.27
output = 1.10
"""

THREE = ["--model", "sim-normal", "--model", "sim-echo", "--model", "sim-reasoning"]


@pytest.fixture
def configured(simulator: Simulator, data_dir: Path) -> Simulator:
    """The simulator as the only provider, with its key in the (in-memory) keyring."""
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "providers.toml").write_text(PROVIDERS.format(base_url=simulator.base_url))
    assert simulator.api_key is not None
    KeyStore().set("sim", simulator.api_key)
    return simulator


def stored(data_dir: Path) -> list[list[MessageRecord]]:
    """Every conversation's messages, newest conversation first."""
    with HistoryStore(data_dir / "history.sqlite3") as store:
        return [store.messages(c.id) for c in store.conversations()]


def lines_of(out: str, label: str) -> str:
    """The text printed for one model, its prefixes taken off."""
    prefix = f"[{label}]"
    mine = [line for line in out.splitlines() if line.split(" ", 1)[0] == prefix]
    return "".join(line[len(prefix) + 1 :] + "\n" for line in mine)


def test_three_models_answer_side_by_side_and_are_saved_as_siblings(
    configured: Simulator, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compare", *THREE, "What", "is", "Tally?"]) == 0
    out, err = capsys.readouterr()
    assert all(re.match(r"\[sim-(normal|echo|reasoning)\]( |$)", line) for line in out.splitlines())
    assert lines_of(out, "sim-normal") == NORMAL_ANSWER
    assert lines_of(out, "sim-echo") == "You said: What is Tally?\n"
    assert lines_of(out, "sim-reasoning") == NORMAL_ANSWER
    assert REASONING_TEXT[:40] not in out + err, "reasoning is not printed"
    (messages,) = stored(data_dir)
    question, *answers = messages
    assert (question.role, question.content, question.parent_id) == ("user", "What is Tally?", None)
    assert [a.model for a in answers] == ["sim-normal", "sim-echo", "sim-reasoning"]
    assert all(a.parent_id == question.id for a in answers), "answers of one question"
    assert all(a.status == "complete" for a in answers)
    assert answers[2].reasoning == REASONING_TEXT, "the history keeps the reasoning"
    with HistoryStore(data_dir / "history.sqlite3") as store:
        conversation = store.conversations()[0]
        assert store.current_message(conversation.id) == question.id, "none chosen yet"
    sent = [request.body for request in configured.requests]
    assert all(
        body is not None and body["messages"][-1]["content"] == "What is Tally?" for body in sent
    )
    assert sorted(body["model"] for body in sent if body) == [
        "sim-echo",
        "sim-normal",
        "sim-reasoning",
    ]
    table = err.splitlines()
    assert table[0].split() == ["Model", "Status", "First", "token", "Time", "In", "Out", "Cost"]
    rows = {line.split()[0]: line for line in table[1:5]}
    assert list(rows) == ["sim-normal", "sim-echo", "sim-reasoning", "Total"]
    for answer in answers:
        assert answer.usage is not None
        cells = rows[str(answer.model)].split()
        assert cells[1] == "complete"
        assert f"{answer.usage.input_tokens:,}" in cells
        assert f"{answer.usage.output_tokens:,}" in cells
    assert rows["sim-echo"].endswith("price unknown")
    assert rows["Total"].split()[1:4] == ["3", "of", "3"]


def test_the_ledger_counts_each_answer_once_and_the_table_shows_the_same_money(
    configured: Simulator, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_dir / "settings.toml").write_text('[money]\ncurrency = "CNY"\ncny_per_usd = 1\n')
    models = ["--model", "sim-normal", "--model", "sim-reasoning"]
    assert main(["compare", *models, "Spend"]) == 0
    err = capsys.readouterr().err
    (messages,) = stored(data_dir)
    answers = messages[1:]
    costs = [a.cost_usd for a in answers]
    assert all(cost is not None and cost > 0 for cost in costs)
    with HistoryStore(data_dir / "history.sqlite3") as store, store.reading() as conn:
        ledger = conn.execute("SELECT message_id, cost_usd FROM ledger").fetchall()
    assert sorted(row[0] for row in ledger) == sorted(a.id for a in answers), "each answer once"
    assert sum(Decimal(row[1]) for row in ledger) == sum(c for c in costs if c is not None)
    for answer in answers:
        assert answer.cost_usd is not None
        row = next(line for line in err.splitlines() if line.startswith(str(answer.model)))
        assert row.endswith(format_money(answer.cost_usd, Currency("CNY")))
    total = sum((c for c in costs if c is not None), Decimal(0))
    total_row = next(line for line in err.splitlines() if line.startswith("Total"))
    assert total_row.endswith(format_money(total, Currency("CNY")))


def test_failed_models_get_one_line_each_and_the_others_are_kept(
    configured: Simulator, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    models = ["--model", "sim-normal", "--model", "sim-midstream-error", "--model", "sim-error-401"]
    assert main(["compare", *models, "hi"]) == 1
    out, err = capsys.readouterr()
    assert lines_of(out, "sim-normal") == NORMAL_ANSWER
    assert lines_of(out, "sim-midstream-error"), "the part that arrived is printed"
    errors = [line for line in err.splitlines() if line.startswith("tally: error:")]
    assert len(errors) == 2
    assert errors[0].startswith("tally: error: sim-midstream-error: ")
    assert "upstream model failed" in errors[0]
    assert errors[1].startswith("tally: error: sim-error-401: Simulator rejected the API key")
    assert configured.api_key is not None
    assert configured.api_key not in out + err
    (messages,) = stored(data_dir)
    question, normal, cut, refused = messages
    assert normal.parent_id == cut.parent_id == refused.parent_id == question.id
    assert (normal.status, cut.status, refused.status) == ("complete", "partial", "error")
    assert cut.content
    assert cut.error is not None
    assert "upstream model failed" in cut.error
    assert refused.content == ""
    assert refused.error is not None
    rows = {line.split()[0]: line.split()[1] for line in err.splitlines()[1:5]}
    assert rows == {
        "sim-normal": "complete",
        "sim-midstream-error": "partial",
        "sim-error-401": "error",
        "Total": "1",
    }


def test_continue_asks_within_the_last_conversation(
    configured: Simulator, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "--model", "sim-echo", "first"]) == 0
    models = ["--model", "sim-echo", "--model", "sim-normal"]
    assert main(["compare", "--continue", *models, "second"]) == 0
    capsys.readouterr()
    for request in configured.requests[1:]:
        assert request.body is not None
        sent = [m["content"] for m in request.body["messages"]]
        assert sent == ["first", "You said: first", "second"]
    (messages,) = stored(data_dir)
    _, first_answer, second, *answers = messages
    assert second.parent_id == first_answer.id
    assert [a.parent_id for a in answers] == [second.id, second.id]


def test_without_continue_the_comparison_is_a_new_conversation(
    configured: Simulator, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "--model", "sim-echo", "first"]) == 0
    assert main(["compare", "--model", "sim-echo", "--model", "sim-normal", "other"]) == 0
    newest, oldest = stored(data_dir)
    assert [m.content for m in newest][:1] == ["other"]
    assert len(newest) == 3
    assert len(oldest) == 2


@pytest.mark.parametrize("count", [1, 5])
def test_two_to_four_models_or_a_usage_error(
    configured: Simulator, capsys: pytest.CaptureFixture[str], count: int
) -> None:
    assert main(["compare", *["--model", "sim-echo"] * count, "hi"]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"tally: error: compare needs 2 to 4 models: give --model 2 to 4 times (given {count}).\n"
    )
    assert configured.requests == []


def test_no_model_at_all_is_argparses_usage_error(
    configured: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["compare", "hi"])
    assert exited.value.code == 2
    assert "the following arguments are required: --model" in capsys.readouterr().err


def test_a_used_up_budget_sends_nothing_unless_told(
    configured: Simulator, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "--model", "sim-normal", "Spend"]) == 0
    (data_dir / "settings.toml").write_text("[budget]\ndaily = 0.000001\n")
    capsys.readouterr()
    models = ["--model", "sim-normal", "--model", "sim-echo"]
    assert main(["compare", *models, "Spend more"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("tally: error: The daily budget of $0.0000010 is used up")
    assert len(configured.requests) == 1
    assert main(["compare", "--over-budget", *models, "Spend more"]) == 0
    assert len(configured.requests) == 3


@pytest.mark.parametrize(("stop", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_ctrl_c_or_sigterm_stops_every_answer_and_keeps_what_arrived(
    simulator: Simulator, tmp_path: Path, stop: signal.Signals, code: int
) -> None:
    models = ["--model", "sim-slow", "--model", "sim-slow"]
    data, tally = start_tally(simulator, tmp_path, "compare", *models, "Take your time")
    assert tally.stdout is not None
    # Unbuffered: communicate() reads on from the descriptor, past any buffer of ours.
    shown = os.read(tally.stdout.fileno(), 100)  # a first line has come
    tally.send_signal(stop)
    rest, err = tally.communicate(timeout=60)
    assert tally.returncode == code, err
    assert b"Traceback" not in err
    assert err.decode().splitlines()[-1] == (
        "tally: error: stopped; the answers' parts are above, and saved in the history."
    )
    with HistoryStore(data / "history.sqlite3") as store:
        (conversation,) = store.conversations()
        question, *answers = store.messages(conversation.id)
    assert question.content == "Take your time"
    assert [a.status for a in answers] == ["cancelled", "cancelled"]
    printed = (shown + rest).decode()
    for label, answer in zip(["sim-slow#1", "sim-slow#2"], answers, strict=True):
        assert answer.content
        assert lines_of(printed, label).rstrip("\n") == answer.content.rstrip("\n")
    assert simulator.wait_for_disconnect(timeout=5)


def test_ask_continue_after_a_comparison_goes_on_from_the_answer_shown(
    configured: Simulator, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compare", "--model", "sim-echo", "--model", "sim-normal", "Q"]) == 0
    assert main(["ask", "--continue", "--model", "sim-echo", "next"]) == 0
    capsys.readouterr()
    body = configured.requests[-1].body
    assert body is not None
    # none of the answers was chosen: as the window, it goes on from the first with text
    assert [m["content"] for m in body["messages"]] == ["Q", "You said: Q", "next"]
    (messages,) = stored(data_dir)
    _, echo, normal, asked, _ = messages
    assert echo.model == "sim-echo"
    assert echo.parent_id == normal.parent_id
    assert asked.parent_id == echo.id


def test_the_markdown_export_of_a_comparison_shows_the_answer_the_window_shows(
    configured: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compare", "--model", "sim-echo", "--model", "sim-normal", "Q"]) == 0
    capsys.readouterr()
    assert main(["export", "--format", "markdown"]) == 0
    exported = capsys.readouterr().out
    # None was chosen: the first with text, as the window and `ask --continue` go on from.
    assert "You said: Q" in exported
    assert "Simulated answer" not in exported  # the other stays a version, as in the window
    assert "1 other version" in exported


def test_a_reader_that_goes_away_stops_every_answer_quietly(
    simulator: Simulator, tmp_path: Path
) -> None:
    models = ["--model", "sim-slow", "--model", "sim-slow"]
    data, tally = start_tally(simulator, tmp_path, "compare", *models, "Tell me more")
    assert tally.stdout is not None
    assert os.read(tally.stdout.fileno(), 100)  # the first lines, then the reader goes
    tally.stdout.close()
    _, err = tally.communicate(timeout=60)
    assert tally.returncode == 141, err
    assert b"Traceback" not in err
    assert b"BrokenPipeError" not in err
    with HistoryStore(data / "history.sqlite3") as store:
        (conversation,) = store.conversations()
        _, *answers = store.messages(conversation.id)
    assert [a.status for a in answers] == ["cancelled", "cancelled"]
