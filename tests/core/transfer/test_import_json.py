"""The piecewise decoder of import files gives what json.loads gives, values and errors alike."""

from __future__ import annotations

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


@given(
    st.dictionaries(st.sampled_from(["format", "conversations", "version", "x"]), VALUES)
    | st.lists(VALUES, max_size=5)
    | VALUES,
    st.sampled_from([None, 1, 0]),
)
def test_the_same_values_as_json_loads(document: Any, indent: int | None) -> None:
    text = json.dumps(document, indent=indent, ensure_ascii=False)
    assert import_json.loads(text) == reference(text)


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
    ],
)
def test_the_same_errors_as_json_loads(text: str) -> None:
    with pytest.raises(json.JSONDecodeError) as expected:
        reference(text)
    with pytest.raises(json.JSONDecodeError) as raised:
        import_json.loads(text)
    assert (raised.value.msg, raised.value.pos) == (expected.value.msg, expected.value.pos)


def test_nan_and_infinity_are_refused() -> None:
    with pytest.raises(ValueError, match="NaN is not a number JSON allows"):
        import_json.loads('{"conversations": [{"cost_usd": NaN}]}')


def test_a_duplicate_key_keeps_its_last_value_as_json_loads_does() -> None:
    text = '{"conversations": [1], "conversations": [2, 3]}'
    assert import_json.loads(text) == reference(text) == {"conversations": [2, 3]}
