"""Imports of files that are no Tally export, or a broken one: each refused with the place it
breaks, nothing imported; and the valid export those are made from, which imports."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.core.errors import ConfigError
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.transfer.importer import ImportResult, import_file
from tests.support.history.export_stores import fresh as fresh  # fixtures: found by name here
from tests.support.history.export_stores import ids as ids
from tests.support.history.export_stores import snapshot
from tests.support.history.export_stores import store as store
from tests.support.history.history_samples import (
    broken,
    broken_chatgpt,
    chatgpt_export,
    message_at,
    valid_export,
)

MALFORMED = {
    "not JSON": ("{'format': 'tally-export'", "is not JSON"),
    "not UTF-8": ("\udcff", "not a UTF-8 text file"),
    "neither format": ('{"hello": 1}', "neither a Tally export"),
    "a number": ("42", "neither a Tally export"),
    "wrong marker": (
        broken(lambda d: d.update(format="other-app")),
        "'format' must be 'tally-export', not 'other-app'",
    ),
    "newer version": (broken(lambda d: d.update(version=2)), "newer Tally (export version 2)"),
    "version a string": (
        broken(lambda d: d.update(version="1")),
        "'version' must be a whole number",
    ),
    "no conversations": (broken(lambda d: d.pop("conversations")), "'conversations' is missing"),
    "missing messages": (
        broken(lambda d: d["conversations"][1].pop("messages")),
        "conversations[1]: 'messages' is missing",
    ),
    "title a number": (
        broken(lambda d: d["conversations"][0].update(title=5)),
        "conversations[0]: 'title' must be a string, not 5",
    ),
    "bad time": (
        broken(lambda d: d["conversations"][2].update(created_at="yesterday")),
        "conversations[2]: 'created_at' must be an ISO-8601 time, not 'yesterday'",
    ),
    "duplicate id": (
        broken(lambda d: d["conversations"][2].update(id="c0")),
        "conversations[2]: id 'c0' is also conversations[0]'s",
    ),
    "bad role deep inside": (
        broken(lambda d: message_at(d, 2, 2).update(role="bot")),
        "conversations[2].messages[2]: 'role' must be user, assistant or system, not 'bot'",
    ),
    "message not an object": (
        broken(lambda d: d["conversations"][1]["messages"].append("hi")),
        "conversations[1].messages[3]: must be an object, not 'hi'",
    ),
    "bad status": (
        broken(lambda d: message_at(d, 1, 1).update(status="streaming")),
        "conversations[1].messages[1]: 'status' must be complete, partial, cancelled or error",
    ),
    "negative tokens": (
        broken(lambda d: message_at(d, 0, 1)["usage"].update(input_tokens=-1)),
        "conversations[0].messages[1].usage: 'input_tokens' must be a whole number of tokens",
    ),
    "usage without output": (
        broken(lambda d: message_at(d, 0, 1)["usage"].pop("output_tokens")),
        "conversations[0].messages[1].usage: 'output_tokens' is missing",
    ),
    "cost a word": (
        broken(lambda d: message_at(d, 2, 1).update(cost_usd="free")),
        "conversations[2].messages[1]: 'cost_usd' must be a number of dollars or null, not 'free'",
    ),
    "cost NaN": (
        broken(lambda d: message_at(d, 2, 1).update(cost_usd=float("nan"))),
        "NaN is not a number JSON allows",
    ),
    "absurd tokens": (
        broken(lambda d: message_at(d, 0, 1)["usage"].update(input_tokens=10**30)),
        "conversations[0].messages[1].usage: 'input_tokens' must be a whole number of tokens",
    ),
    "a time of 400 digits": (
        broken(lambda d: message_at(d, 2, 1).update(duration_seconds=10**400)),
        "conversations[2].messages[1]: 'duration_seconds' must be a number of seconds or null",
    ),
    "absurd cost": (
        broken(lambda d: message_at(d, 2, 1).update(cost_usd="9e999999")),
        "conversations[2].messages[1]: 'cost_usd' must be a number of dollars or null",
    ),
    "a time in year 9999": (
        broken(lambda d: d["conversations"][2].update(created_at="9999-12-31T00:00:00+00:00")),
        "conversations[2]: 'created_at' is not a plausible time: '9999-12-31T00:00:00+00:00'",
    ),
    "ChatGPT node missing": (
        broken_chatgpt(lambda d: d[1].update(current_node="nope")),
        "conversations[1].mapping: node 'nope' is not in the mapping",
    ),
    "ChatGPT parents in a circle": (
        broken_chatgpt(lambda d: d[1]["mapping"]["r"].update(parent="a")),
        "conversations[1].mapping: the parents of node 'a' go round in a circle",
    ),
    "ChatGPT parts not a list": (
        broken_chatgpt(lambda d: d[0]["mapping"]["a1"]["message"]["content"].update(parts="x")),
        "conversations[0].mapping['a1'].message.content: 'parts' must be a list",
    ),
    "ChatGPT without ids": (
        broken_chatgpt(lambda d: [d[1].pop("id"), d[1].pop("conversation_id", None)]),
        "conversations[1]: needs a string 'conversation_id' or 'id'",
    ),
    "ChatGPT conversation not an object": (
        json.dumps([chatgpt_export()[0], None]),
        "conversations[1]: must be an object, not null",
    ),
}


@pytest.mark.parametrize(("text", "expected"), MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_file_names_the_place_and_imports_nothing(
    store: HistoryStore, ids: dict[str, str], tmp_path: Path, text: str, expected: str
) -> None:
    file = tmp_path / "bad.json"
    file.write_bytes(text.encode("utf-8", "surrogateescape"))
    before = snapshot(store)
    with pytest.raises(ConfigError) as raised:
        import_file(store, file)
    assert str(raised.value).startswith(f"{file}")
    assert expected in str(raised.value)
    assert "\n" not in str(raised.value)
    assert snapshot(store) == before


def test_the_valid_export_used_above_imports(fresh: HistoryStore, tmp_path: Path) -> None:
    file = tmp_path / "good.json"
    file.write_text(json.dumps(valid_export()), encoding="utf-8")
    assert import_file(fresh, file) == ImportResult(3, 0, 9)
    assert fresh.messages("c0")[1].cost_usd == Decimal("0.001")


def test_a_cost_finer_than_any_price_is_kept_to_twenty_places(
    fresh: HistoryStore, tmp_path: Path
) -> None:
    export = valid_export()
    message_at(export, 0, 1).update(cost_usd="1.5e-999999")
    file = tmp_path / "tiny.json"
    file.write_text(json.dumps(export), encoding="utf-8")
    import_file(fresh, file)
    assert str(fresh.messages("c0")[1].cost_usd) == "0E-20"  # not a million digits to print


def test_a_missing_file_is_a_clear_error(store: HistoryStore, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"Cannot read .*nothing\.json: No such file"):
        import_file(store, tmp_path / "nothing.json")
