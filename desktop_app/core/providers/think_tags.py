"""Reasoning written into the answer's own text between <think> and </think>, as DeepSeek-R1 and
Qwen3 write it on Ollama, LM Studio, llama.cpp and vLLM when the server does not take it apart
(no reasoning parser): told apart here, so that it shows, folds and is kept as the reasoning it
is, as when a server sends it in `reasoning_content`. The session does it, for every protocol,
so that what is held back here is kept however the answer ends (replies.AnswerShown)."""

from __future__ import annotations

from typing import Literal

from desktop_app.core.events import ChatEvent, Finish, ReasoningDelta, TextDelta

OPEN, CLOSE = "<think>", "</think>"


class ThinkTags:
    """Splits an answer's text, piece by piece, into the reasoning a leading <think> … </think>
    holds and the text after it. Only a tag at the very start of the answer (after blank space)
    opens the reasoning: a <think> further on is the answer's own words (an answer about these
    tags). An end that could be the start of a tag cut across pieces waits for the next piece."""

    def __init__(self) -> None:
        self._state: Literal["start", "thinking", "after", "text"] = "start"
        self._held = ""

    def feed(self, text: str) -> list[ChatEvent]:
        """The events in the next piece of the answer's text."""
        text, self._held = self._held + text, ""
        events: list[ChatEvent] = []
        while text:
            if self._state == "start":
                opening = text.lstrip()
                if opening.startswith(OPEN):
                    self._state, text = "thinking", opening[len(OPEN) :]
                elif OPEN.startswith(opening):  # blank space, or "<thi": wait for more
                    self._held = text
                    return events
                else:
                    self._state = "text"
            elif self._state == "thinking":
                end = text.find(CLOSE)
                if end < 0:
                    kept = _tag_start_at_end(text)
                    self._held = text[kept:]
                    return [*events, ReasoningDelta(text[:kept])] if kept else events
                if end:
                    events.append(ReasoningDelta(text[:end]))
                self._state, text = "after", text[end + len(CLOSE) :]
            elif self._state == "after":  # the line breaks between the reasoning and the text
                text = text.lstrip("\r\n")  # not its spaces: it may open with indented code
                if text:
                    self._state = "text"
            else:
                return [*events, TextDelta(text)]
        return events

    def shown(self, event: ChatEvent) -> list[ChatEvent]:
        """`event` as it is shown: an answer's text split into reasoning and text, what is held
        back let out before the answer's Finish; other events as they come."""
        if isinstance(event, TextDelta):
            return self.feed(event.text)
        if isinstance(event, Finish):
            return [*self.end(), event]
        return [event]

    def end(self) -> list[ChatEvent]:
        """What is held back when the answer is over: reasoning cut off before its </think>
        stays reasoning; a text that only looked like the start of a tag is text."""
        held, self._held = self._held, ""
        if not held:
            return []
        return [ReasoningDelta(held) if self._state == "thinking" else TextDelta(held)]


def _tag_start_at_end(text: str) -> int:
    """Where an end of `text` begins that could be the start of </think>; len(text) if none."""
    for start in range(max(0, len(text) - len(CLOSE) + 1), len(text)):
        if CLOSE.startswith(text[start:]):
            return start
    return len(text)
