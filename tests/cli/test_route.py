"""`tally route`, `tally ask --model auto` and `tally spend --routing` from a terminal, against
the simulator."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.core import paths
from desktop_app.core.history.answer_origins import origins_of
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.settings.keys import KeyStore
from desktop_app.simulator import Simulator

RULES = """\
[[rule]]
name = "Code"
has_code = true
provider = "sim"
model = "sim-reasoning"

[[rule]]
name = "Everything else"
provider = "sim"
model = "sim-normal"

[ladder]
models = ["sim/sim-normal", "sim/sim-reasoning"]
"""


@pytest.fixture
def configured(simulator: Simulator, data_dir: Path) -> Simulator:
    """The simulator as the only provider, priced, with its key in the keyring."""
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "providers.toml").write_text(
        "[[provider]]\n"
        'id = "sim"\n'
        'name = "Simulator"\n'
        f'base_url = "{simulator.base_url}"\n'
        'models = ["sim-normal", "sim-reasoning"]\n'
        '[provider.prices."sim-normal"]\n'
        "input = 0.27\noutput = 0.42\n"
        '[provider.prices."sim-reasoning"]\n'
        "input = 3\noutput = 15\n",
        encoding="utf-8",
    )
    assert simulator.api_key is not None
    KeyStore().set("sim", simulator.api_key)
    return simulator


def test_route_prints_the_pick_of_the_shipped_rules_and_explains(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["route", "Why", "is", "the", "sky", "blue?"]) == 0
    out, err = capsys.readouterr()
    assert out == "holysheep/deepseek-chat  (rule: Everything else)\n"
    assert "providers.toml has no provider with the id 'holysheep'" in err
    assert main(["route", "--explain", "fix this:\n```\nx = 1 / 0\n```"]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines() == [
        "✗ Images → holysheep/gemini-2.5-flash",
        "    ✗ has_image = true: no image is attached",
        "✗ Long context → holysheep/gemini-2.5-flash",
        "    ✗ min_tokens 30,000: the question has ≈7",
        "✓ Code → holysheep/gpt-4.1   ← picks",
        "    ✓ has_code = true: the prompt holds code",
        "✓ Everything else → holysheep/deepseek-chat",
        "    ✓ no conditions: it matches every question",
        "",
        "holysheep/gpt-4.1  (rule: Code)",
    ]


def test_route_with_no_rule_matching_and_a_bad_rules_file(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    paths.routing_file().write_text(
        RULES.split('[[rule]]\nname = "Everything')[0], encoding="utf-8"
    )
    assert main(["route", "hello"]) == 1
    assert "No rule matches" in capsys.readouterr().out
    paths.routing_file().write_text(
        RULES.replace("has_code = true", "has_code = 1"), encoding="utf-8"
    )
    assert main(["route", "hello"]) == 2
    _, err = capsys.readouterr()
    assert err == (
        f"tally: error: {paths.routing_file()}, line 3 (rule #1): has_code must be true or false.\n"
    )


def test_ask_auto_routes_says_which_rule_and_records_it(
    configured: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    paths.routing_file().write_text(RULES, encoding="utf-8")
    assert main(["ask", "--model", "auto", "What", "is", "Tally?"]) == 0
    out, err = capsys.readouterr()
    assert out
    assert err.startswith("tally: rule 'Everything else' picked sim/sim-normal\n")
    assert configured.requests[-1].body is not None
    assert configured.requests[-1].body["model"] == "sim-normal"
    # AUTO as well: no model of a relay is called that, and a typed capital is no typo.
    assert main(["ask", "--model", "AUTO", "--continue", "and", "this?\n```\nx = 1\n```"]) == 0
    _, err = capsys.readouterr()
    assert "rule 'Code' picked sim/sim-reasoning" in err
    with HistoryStore(paths.history_db()) as store:
        (conversation,) = store.conversations()
        origins = origins_of(store, conversation.id)
        rules = [
            origins[m.id].rule for m in store.messages(conversation.id) if m.role == "assistant"
        ]
    assert rules == ["Everything else", "Code"]


def test_ask_auto_explains_a_rule_naming_a_provider_not_configured(
    configured: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    paths.routing_file().write_text(
        RULES.replace('provider = "sim"', 'provider = "gone"'), encoding="utf-8"
    )
    assert main(["ask", "--model", "auto", "hello"]) == 2
    _, err = capsys.readouterr()
    assert err == (
        "tally: error: The routing rules pick gone/sim-normal, but providers.toml has no provider"
        " with the id 'gone' (there are: sim): change the rule or add the provider.\n"
    )
    assert configured.requests == []


def test_spend_routing_prints_the_backtest(
    configured: Simulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "--model", "sim-normal", "hello"]) == 0
    rules = tmp_path / "stronger.toml"
    rules.write_text(
        '[[rule]]\nname = "All strong"\nprovider = "sim"\nmodel = "sim-reasoning"\n',
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["spend", "--routing", str(rules)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    first = out.splitlines()[0]
    assert " as sent, " in first
    assert first.endswith("with the rules of stronger.toml (1 answers)")
    assert "All strong" in out
    assert "sim/sim-reasoning" in out
    assert "A what-if figure: nothing is billed or written." in out
    with HistoryStore(paths.history_db()) as store, store.reading() as conn:
        assert conn.execute("SELECT count(*) FROM ledger").fetchone() == (1,)
