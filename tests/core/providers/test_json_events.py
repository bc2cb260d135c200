"""What every wire format does with its events' JSON: token counts read or refused, and a
broken chunk's sample cut with an ellipsis."""

from __future__ import annotations

import pytest

from desktop_app.core.providers.json_events import (
    SAMPLE_LENGTH,
    UnreadableCount,
    sample,
    token_count,
)


@pytest.mark.parametrize(
    ("usage", "count"), [({"n": 12}, 12), ({"n": 12.0}, 12), ({"n": None}, 0), ({}, 0)]
)
def test_counts_are_read(usage: dict[str, object], count: int) -> None:
    assert token_count(usage, "n") == count


@pytest.mark.parametrize("value", [-5, 10**30, 1.5, "sk-secret-key-0123", float("nan"), True])
def test_a_count_that_is_not_one_is_refused_without_quoting_it(value: object) -> None:
    with pytest.raises(UnreadableCount) as refused:
        token_count({"output_tokens": value}, "output_tokens")
    # The message goes to the log: it names the field, never what the server put there.
    assert "secret" not in str(refused.value)
    assert str(refused.value).startswith("output_tokens is ")


def test_a_sample_ends_with_an_ellipsis_where_it_was_cut() -> None:
    assert sample("short") == "short"
    long = "x" * (SAMPLE_LENGTH + 50)
    assert sample(long) == "x" * SAMPLE_LENGTH + "…"


def test_the_refusal_says_what_kind_of_value_it_was() -> None:
    for value, said in ((True, "a bool"), (-1, "out of range"), ("12", "a str")):
        with pytest.raises(UnreadableCount, match=f"^n is {said}$"):
            token_count({"n": value}, "n")
