"""`tally ask` from a terminal: the answer on stdout, facts and one-line errors on stderr."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.cli.exit_codes import EXIT_USAGE
from desktop_app.cli.main import main
from desktop_app.core.currency import Currency
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.money.prices import format_money
from desktop_app.core.settings.keys import KeyStore
from desktop_app.simulator import Simulator


def write_providers(data_dir: Path, sim: Simulator, *, extra: str = "", env: str = "") -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    env_line = f'api_key_env = "{env}"\n' if env else ""
    (data_dir / "providers.toml").write_text(
        "[[provider]]\n"
        'id = "sim"\n'
        'name = "Simulator"\n'
        f'base_url = "{sim.base_url}"\n'
        f"{env_line}"
        'models = ["sim-normal", "sim-reasoning"]\n'
        f"{extra}",
        encoding="utf-8",
    )


@pytest.fixture
def configured(simulator: Simulator, data_dir: Path) -> Simulator:
    """The simulator as the only provider, with its key in the (in-memory) keyring."""
    write_providers(data_dir, simulator)
    assert simulator.api_key is not None
    KeyStore().set("sim", simulator.api_key)
    return simulator


def test_ask_streams_the_answer_and_reports_tokens(
    configured: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    simulator = configured
    assert simulator.api_key is not None
    assert main(["ask", "What", "is", "Tally?"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("#")
    assert "```python" in out
    assert out.endswith("\n")
    assert "sim-normal via Simulator" in err
    assert " in · " in err
    assert " out · " in err
    assert simulator.requests[0].body is not None
    assert simulator.requests[0].body["messages"][-1]["content"] == "What is Tally?"
    assert simulator.api_key not in out + err


def test_ask_puts_reasoning_on_stderr_only(
    simulator: Simulator,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_providers(data_dir, simulator, env="SIM_KEY")
    assert simulator.api_key is not None
    monkeypatch.setenv("SIM_KEY", simulator.api_key)
    assert main(["ask", "--model", "sim-reasoning", "--system", "Be terse", "Why?"]) == 0
    out, err = capsys.readouterr()
    body = simulator.requests[0].body
    assert body is not None
    assert body["messages"][0] == {"role": "system", "content": "Be terse"}
    reasoning_seen = err.split("tally:")[0]
    assert reasoning_seen.strip()
    assert reasoning_seen.strip() not in out
    assert "reasoning)" in err


def test_ask_error_is_one_line_and_keeps_the_partial_answer(
    configured: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "--model", "sim-drop", "hi"]) == 1
    out, err = capsys.readouterr()
    assert out.strip()  # the partial answer
    error_lines = [line for line in err.splitlines() if line.startswith("tally: error:")]
    assert len(error_lines) == 1
    assert "dropped in the middle of the answer" in error_lines[0]


def test_ask_with_a_wrong_key_names_the_fix_and_hides_the_key(
    simulator: Simulator, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_providers(data_dir, simulator)
    KeyStore().set("sim", "sk-this-key-is-wrong-123456")
    assert main(["ask", "hi"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert "Simulator rejected the API key" in err
    assert "sk-this-key-is-wrong-123456" not in err
    log_text = (data_dir / "logs" / "tally.log").read_text(encoding="utf-8")
    assert "asking sim for sim-normal" in log_text
    assert "sk-this-key-is-wrong-123456" not in log_text


def test_a_wrong_key_from_an_environment_variable_is_said_to_be_there(
    simulator: Simulator,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_providers(data_dir, simulator, env="TALLY_TEST_RELAY_KEY")
    monkeypatch.setenv("TALLY_TEST_RELAY_KEY", "sk-this-key-is-wrong-123456")
    assert main(["ask", "hi"]) == 1
    err = capsys.readouterr().err
    assert "check the key in the environment variable TALLY_TEST_RELAY_KEY" in err
    assert "Settings" not in err  # the key is not there: no use looking
    assert "sk-this-key-is-wrong-123456" not in err


@pytest.mark.parametrize(
    ("argv", "providers", "words"),
    [
        (["ask", "hi"], None, "No providers configured"),
        (["ask", "--provider", "other", "hi"], "ok", "No provider with id 'other'; known: sim"),
        (["ask", "hi"], "no-key", "No API key for Relay: add it in Settings"),
        (["ask", "hi"], "broken", "line 2"),
    ],
)
def test_ask_setup_problems_exit_2_with_advice(
    simulator: Simulator,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    providers: str | None,
    words: str,
) -> None:
    if providers == "broken":
        data_dir.mkdir(parents=True)
        (data_dir / "providers.toml").write_text(
            '[[provider]]\nid = "a b"\nbase_url = "https://x"\n'
        )
    elif providers == "no-key":
        # Not a local server, so a key is required and its absence stops us before the network.
        data_dir.mkdir(parents=True)
        (data_dir / "providers.toml").write_text(
            '[[provider]]\nid = "relay"\nname = "Relay"\nbase_url = "https://relay.invalid/v1"\n'
            'models = ["m"]\n'
        )
    elif providers is not None:
        write_providers(data_dir, simulator)
        if providers == "ok":
            KeyStore().set("sim", "sk-whatever")
    assert main(argv) == 2
    _, err = capsys.readouterr()
    assert err.startswith("tally: error:")
    assert words in err


def test_ask_reads_the_prompt_from_stdin(
    configured: Simulator,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("piped question\n"))
    assert main(["ask", "--model", "sim-echo"]) == 0
    out, _ = capsys.readouterr()
    assert out == "You said: piped question\n"


def test_tally_ask_as_a_real_process(simulator: Simulator, tmp_path: Path) -> None:
    data = tmp_path / "elsewhere"
    write_providers(data, simulator, env="SIM_KEY")
    assert simulator.api_key is not None
    env = {**os.environ, "SIM_KEY": simulator.api_key}
    env.pop("TALLY_DATA_DIR", None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop_app",
            "--data-dir",
            str(data),
            "ask",
            "--model",
            "sim-echo",
            "héllo",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "You said: héllo\n"
    assert "sim-echo via Simulator" in done.stderr
    assert (data / "logs" / "tally.log").exists()


def test_ask_saves_the_conversation_and_continue_resumes_it(
    configured: Simulator, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop_app.core.history.store import HistoryStore

    assert main(["ask", "--model", "sim-echo", "first"]) == 0
    assert main(["ask", "--model", "sim-echo", "--continue", "second"]) == 0
    assert main(["ask", "--model", "sim-echo", "a new topic"]) == 0
    capsys.readouterr()
    sent = configured.requests[1].body
    assert sent is not None
    assert [m["content"] for m in sent["messages"]] == ["first", "You said: first", "second"]
    store = HistoryStore(data_dir / "history.sqlite3")
    try:
        newest, oldest = store.conversations()
        assert newest.title == "a new topic"
        assert [m.content for m in store.messages(oldest.id)] == [
            "first",
            "You said: first",
            "second",
            "You said: second",
        ]
        assert all(m.status == "complete" for m in store.messages(oldest.id))
    finally:
        store.close()


PRICED = '\n[provider.prices."sim-normal"]\ninput = 2.00\noutput = 8.00\n'


def test_ask_prints_tokens_and_cost_in_the_users_currency(
    simulator: Simulator, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_providers(data_dir, simulator, extra=PRICED)
    assert simulator.api_key is not None
    KeyStore().set("sim", simulator.api_key)
    (data_dir / "settings.toml").write_text('[money]\ncurrency = "CNY"\ncny_per_usd = 1\n')
    assert main(["ask", "Hello"]) == 0
    err = capsys.readouterr().err
    summary = err.strip().splitlines()[-1]
    store = HistoryStore(data_dir / "history.sqlite3")
    try:
        answer = store.messages(store.conversations(limit=1)[0].id)[-1]
    finally:
        store.close()
    assert answer.usage is not None
    assert answer.cost_usd is not None
    assert f"{answer.usage.input_tokens:,} in · {answer.usage.output_tokens:,} out" in summary
    assert f" · {format_money(answer.cost_usd, Currency('CNY'))} · " in summary  # ¥1 = $1
    assert "≈" not in summary


def test_ask_marks_an_estimate_when_no_usage_is_reported(
    simulator: Simulator, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    extra = 'models = ["sim-no-usage"]\n' + PRICED.replace("sim-normal", "sim-no-usage")
    write_providers(data_dir, simulator, extra="")
    text = (
        (data_dir / "providers.toml")
        .read_text()
        .replace('models = ["sim-normal", "sim-reasoning"]\n', extra)
    )
    (data_dir / "providers.toml").write_text(text)
    assert simulator.api_key is not None
    KeyStore().set("sim", simulator.api_key)
    assert main(["ask", "Hello"]) == 0
    summary = capsys.readouterr().err.strip().splitlines()[-1]
    assert re.search(r"≈\d+ in · ≈\d+ out · ≈\$0\.\d+", summary), summary
    assert "estimated from the text" in summary


def test_ask_stops_at_a_used_up_budget_unless_told(
    configured: Simulator, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_dir / "providers.toml").write_text(
        (data_dir / "providers.toml").read_text() + PRICED, encoding="utf-8"
    )
    assert main(["ask", "Spend"]) == 0
    (data_dir / "settings.toml").write_text("[budget]\ndaily = 0.000001\n")
    capsys.readouterr()
    assert main(["ask", "Spend more"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("tally: error: The daily budget of $0.0000010 is used up")
    assert "--over-budget" in err
    assert len(configured.requests) == 1  # nothing was sent
    assert main(["ask", "--over-budget", "Spend more"]) == 0
    assert len(configured.requests) == 2


def test_ask_on_a_simulated_provider_shows_the_cost_and_spends_nothing(
    configured: Simulator, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    providers = data_dir / "providers.toml"
    providers.write_text(providers.read_text() + "simulated = true\n" + PRICED, encoding="utf-8")
    (data_dir / "settings.toml").write_text("[budget]\ndaily = 0.000001\n")
    assert main(["ask", "Spend"]) == 0
    assert re.search(r" · \$0\.\d+ · ", capsys.readouterr().err), "the would-be cost is shown"
    assert main(["ask", "Spend again"]) == 0, "no budget is used: nothing was spent"
    assert len(configured.requests) == 2
    assert main(["spend"]) == 0
    assert "No answers with a cost" in capsys.readouterr().out


def test_ask_continue_follows_the_path_the_conversation_shows(
    configured: Simulator, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with HistoryStore(data_dir / "history.sqlite3") as store:
        c = store.create_conversation("Versions").id
        question = store.add_message(c, role="user", content="Q")
        chosen = store.add_message(
            c, role="assistant", content="the first version", provider="sim", model="sim-echo"
        )
        store.add_message(
            c,
            role="assistant",
            content="the newer version",
            provider="sim",
            model="sim-echo",
            parent_id=question.id,
        )
        store.set_current(c, chosen.id)  # switched back to the first version, as the window does
    assert main(["ask", "--model", "sim-echo", "--continue", "next"]) == 0
    capsys.readouterr()
    body = configured.requests[0].body
    assert body is not None
    assert [m["content"] for m in body["messages"]] == ["Q", "the first version", "next"]
    with HistoryStore(data_dir / "history.sqlite3") as store:
        (conversation,) = store.conversations()
        *_, asked, answer = store.messages(conversation.id)
        assert (asked.content, asked.parent_id) == ("next", chosen.id)
        assert answer.parent_id == asked.id
        assert store.current_message(c) == answer.id


def test_ask_refuses_words_or_piped_bytes_that_are_not_text(
    configured: Simulator,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Bytes that are not UTF-8 come as lone surrogates (a file cut in the middle of a
    # character, a terminal in another encoding): one line and exit 2, nothing sent or saved.
    undecodable = b"bad \xff word".decode("utf-8", "surrogateescape")
    for words in (["ask", undecodable], ["ask", "--system", undecodable, "hi"]):
        assert main(words) == EXIT_USAGE
        assert "holds bytes that are not UTF-8 text; nothing was sent" in capsys.readouterr().err
    piped = io.TextIOWrapper(io.BytesIO(b"hello \xe4\xbd"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", piped)
    assert main(["ask"]) == EXIT_USAGE
    assert "What was piped in is not utf-8 text" in capsys.readouterr().err
    assert configured.requests == []


def test_ctrl_c_while_a_command_waits_for_stdin_exits_130_quietly(
    configured: Simulator,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Waiting(io.StringIO):
        def read(self, size: int | None = -1) -> str:
            raise KeyboardInterrupt

    monkeypatch.setattr(sys, "stdin", Waiting())
    for command in (["ask"], ["route"]):
        assert main(command) == 130
        assert "Traceback" not in capsys.readouterr().err


def test_ask_without_settings_on_a_chinese_system_shows_yuan_as_spend_does(
    simulator: Simulator,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_providers(data_dir, simulator, extra=PRICED)
    assert simulator.api_key is not None
    KeyStore().set("sim", simulator.api_key)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["ask", "Hello"]) == 0
    summary = capsys.readouterr().err.strip().splitlines()[-1]
    assert " · ¥" in summary
    assert "$" not in summary
    assert main(["spend"]) == 0
    assert "in yuan" in capsys.readouterr().out


def test_ask_continue_with_no_conversation_yet_says_it_starts_one(
    configured: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "--continue", "--model", "sim-echo", "hello"]) == 0
    out, err = capsys.readouterr()
    assert out == "You said: hello\n"
    assert err.startswith("tally: note: no conversation to continue; this starts one.\n")
