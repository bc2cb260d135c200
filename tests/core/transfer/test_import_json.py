"""The piecewise decoder of import files gives what json.loads gives, values and errors alike."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.transfer import import_json

SCALARS = st.none() | st.booleans() | st.integers() | st.text(max_size=8)
VALUES = st.recursive(
    SCALARS | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=20,
)


def reference(text: str) -> Any:
    return json.loads(text, parse_float=Decimal)


CHUNKS = st.sampled_from([1, 2, 3, 5, 8, import_json.CHUNK])
"""Characters read at a time: a few, so that values and errors fall across the cuts."""


@given(
    st.dictionaries(st.sampled_from(["format", "conversations", "version", "x"]), VALUES)
    | st.lists(VALUES, max_size=5)
    | VALUES,
    st.sampled_from([None, 1, 0]),
    CHUNKS,
)
def test_the_same_values_as_json_loads(document: Any, indent: int | None, chunk: int) -> None:
    text = json.dumps(document, indent=indent, ensure_ascii=False)
    assert import_json.load(io.StringIO(text), chunk) == reference(text)


@given(st.lists(st.decimals(allow_nan=False, allow_infinity=False), max_size=4), CHUNKS)
def test_numbers_cut_by_a_chunk_are_read_whole(numbers: list[Decimal], chunk: int) -> None:
    text = json.dumps({"version": 1, "x": [str(n) for n in numbers]}).replace('"', "")
    text = text.replace("version", '"version"').replace("x:", '"x":')
    assert import_json.load(io.StringIO(text), chunk) == reference(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "{",
        '{"conversations": [1, 2,]}',
        '{"conversations": [1 2]}',
        '{"a": 1,}',
        '{"a" 1}',
        "{'a': 1}",
        '{"a": 1} {"b": 2}',
        "[1, 2] x",
        '{"conversations": [{"id": "a"}, {"id": }]}',
        '{\n "conversations": [\n  {"id": "a"},\n  {"id": "b" "c"}\n ]\n}',
        '{"version": 1,\n "conversations": [{"id": "\\u12"}]}',
        '{"version": 1.5e, "conversations": []}',
        '{"conversations": [{"id": "unterminated}]}',
        '{"conversations": [1, 2]',
        "[\n\n  tru]",
    ],
)
@pytest.mark.parametrize("chunk", [1, 2, 7, import_json.CHUNK])
def test_the_same_errors_as_json_loads(text: str, chunk: int) -> None:
    with pytest.raises(json.JSONDecodeError) as expected:
        reference(text)
    with pytest.raises(json.JSONDecodeError) as raised:
        import_json.load(io.StringIO(text), chunk)
    assert str(raised.value) == str(expected.value)
    assert (raised.value.msg, raised.value.pos) == (expected.value.msg, expected.value.pos)
    assert (raised.value.lineno, raised.value.colno) == (
        expected.value.lineno,
        expected.value.colno,
    )


def test_nan_and_infinity_are_refused() -> None:
    with pytest.raises(ValueError, match="NaN is not a number JSON allows"):
        import_json.loads('{"conversations": [{"cost_usd": NaN}]}')


def test_a_duplicate_key_keeps_its_last_value_as_json_loads_does() -> None:
    text = '{"conversations": [1], "conversations": [2, 3]}'
    assert import_json.loads(text) == reference(text) == {"conversations": [2, 3]}


@given(st.lists(VALUES, max_size=6), CHUNKS)
def test_each_element_of_a_list_read_piecewise_is_handed_over_as_it_is_decoded(
    conversations: list[Any], chunk: int
) -> None:
    seen: list[tuple[int, Any, dict[str, Any] | None]] = []

    def each(index: int, value: Any, outer: dict[str, Any] | None) -> Any:
        seen.append((index, value, None if outer is None else dict(outer)))
        return ("read", index)

    document = {"format": "x", "conversations": conversations, "after": 1}
    text = json.dumps(document)
    found = import_json.load(io.StringIO(text), chunk, each)
    expected = reference(text)
    assert found["conversations"] == [("read", n) for n in range(len(conversations))]
    assert found["format"] == "x"
    assert found["after"] == 1
    # in order, with the members written before the list, and not those after it
    assert seen == [(n, v, {"format": "x"}) for n, v in enumerate(expected["conversations"])]
    seen.clear()
    outer_list = import_json.load(io.StringIO(json.dumps(conversations)), chunk, each)
    assert outer_list == [("read", n) for n in range(len(conversations))]
    assert [outer for _, _, outer in seen] == [None] * len(conversations)


def test_what_each_raises_goes_through_and_stops_the_reading() -> None:
    class Stop(Exception):
        pass

    read: list[int] = []

    def each(index: int, value: Any, outer: dict[str, Any] | None) -> Any:
        read.append(index)
        if index == 1:
            raise Stop
        return value

    with pytest.raises(Stop):
        import_json.load(io.StringIO('[1, 2, 3, "never decoded'), 2, each)
    assert read == [0, 1]
