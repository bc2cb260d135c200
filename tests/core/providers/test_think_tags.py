"""Reasoning a local server leaves in the text between <think> and </think> is told apart, however
the pieces cut the tags."""

from __future__ import annotations

import pytest

from desktop_app.core.events import ChatEvent, ReasoningDelta, TextDelta
from desktop_app.core.providers.think_tags import ThinkTags

TAGGED = "\n<think>\nWeigh a < b and </thin, then answer.\n</think>\n\nYes: a < b."


def split(pieces: list[str]) -> tuple[str, str]:
    """(reasoning, text) of `pieces` fed one by one, then ended."""
    think = ThinkTags()
    events: list[ChatEvent] = []
    for piece in pieces:
        events.extend(think.feed(piece))
    events.extend(think.end())
    reasoning = "".join(e.text for e in events if isinstance(e, ReasoningDelta))
    return reasoning, "".join(e.text for e in events if isinstance(e, TextDelta))


def test_the_reasoning_and_the_text_come_apart_wherever_the_pieces_cut() -> None:
    whole = ("\nWeigh a < b and </thin, then answer.\n", "Yes: a < b.")
    for size in range(1, len(TAGGED) + 1):
        pieces = [TAGGED[i : i + size] for i in range(0, len(TAGGED), size)]
        assert split(pieces) == whole, f"pieces of {size}"
    for cut in range(len(TAGGED)):
        assert split([TAGGED[:cut], TAGGED[cut:]]) == whole, f"cut at {cut}"


@pytest.mark.parametrize(
    "text",
    [
        "Use <think> tags to show reasoning.",  # not at the start: the answer's own words
        "<thinking>is not the tag</thinking>",
        "<th",  # an answer that ends looking like the start of one
        "   ",
        "Plain answer, no tags.",
    ],
)
def test_a_text_without_a_leading_tag_is_left_as_it_came(text: str) -> None:
    assert split(list(text)) == ("", text)
    assert split([text]) == ("", text)


def test_a_tag_later_in_the_answer_is_text_and_an_unclosed_reasoning_stays_reasoning() -> None:
    later = "<think>a</think>Then <think>b</think>"
    assert split([later]) == ("a", "Then <think>b</think>")
    cut_off = "<think>still thinking when max_tokens ran out </th"
    assert split([cut_off]) == ("still thinking when max_tokens ran out </th", "")
