"""What both sessions do to an answer's events before they show them (replies.AnswerShown): the
reasoning left between <think> tags told apart, then the key hidden; what either holds back is
given by held() when the answer is stopped or fails, so nothing that arrived is lost."""

from __future__ import annotations

from desktop_app.core.events import Finish, ReasoningDelta, TextDelta
from desktop_app.core.replies import AnswerShown
from desktop_app.core.settings.providers_file import Provider

RELAY = Provider(id="relay", name="Relay", kind="openai", base_url="https://relay.example/v1")
KEY = "sk-Live_7f3a9c/Q+x"


def shown_with(key: str) -> AnswerShown:
    """An answer's shaping once its key is read, as the sessions make it."""
    shaping = AnswerShown(RELAY)
    shaping.with_key(key)
    return shaping


def test_the_reasoning_between_tags_is_told_apart_before_the_key_is_hidden() -> None:
    shaping = shown_with(KEY)
    events = [
        *shaping.shown(TextDelta("<thi")),
        *shaping.shown(TextDelta(f"nk>the key {KEY[:5]}")),
        *shaping.shown(TextDelta(f"{KEY[5:]}</think>\n\n  indented")),
        *shaping.shown(Finish("stop")),
    ]
    reasoning = "".join(e.text for e in events if isinstance(e, ReasoningDelta))
    text = "".join(e.text for e in events if isinstance(e, TextDelta))
    assert (reasoning, text) == ("the key [key hidden]", "  indented"), "its own spaces kept"
    assert events[-1] == Finish("stop")


def test_what_is_held_back_is_kept_when_the_answer_is_stopped() -> None:
    # A "<" in the reasoning could begin </think>; "sk-" could begin the key: both wait for the
    # next piece, which never comes when the user presses Stop (a longer start of the key is
    # hidden then: redaction.StreamRedaction.end).
    shaping = shown_with(KEY)
    shown = shaping.shown(TextDelta("<think>is a <"))
    assert shown == [ReasoningDelta("is a ")]
    assert shaping.held() == [ReasoningDelta("<")]
    shaping = shown_with(KEY)
    assert shaping.shown(TextDelta("Answer: sk-")) == [TextDelta("Answer: ")]
    assert shaping.held() == [TextDelta("sk-")]
    shaping = AnswerShown(RELAY)
    assert shaping.shown(TextDelta("  <th")) == []  # it could be the start of the tag
    assert shaping.held() == [TextDelta("  <th")]
