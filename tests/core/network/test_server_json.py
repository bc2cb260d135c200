"""JSON from a server is read into text that the history, the log and a terminal can hold."""

from __future__ import annotations

import pytest

from desktop_app.core.network.server_json import loads


def test_a_lone_surrogate_reads_as_the_replacement_character() -> None:
    data = '{"text": "a\\ud800b", "more": ["\\uDFFF", {"\\udbff": 1}]}'
    assert loads(data) == {"text": "a\ufffdb", "more": ["\ufffd", {"\ufffd": 1}]}
    assert loads(data.encode()) == loads(data)
    assert str(loads(data)).encode("utf-8")  # the point: UTF-8 can hold it now


def test_a_pair_of_surrogates_is_the_character_it_stands_for() -> None:
    assert loads('"\\ud83d\\ude00 and \\u00e9"') == "\U0001f600 and é"


def test_json_nested_deeper_than_python_reads_is_an_error_like_any_other() -> None:
    with pytest.raises(ValueError, match="nested too deeply"):
        loads("[" * 100_000 + "]" * 100_000)
